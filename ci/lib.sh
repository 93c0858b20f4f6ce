#!/usr/bin/env bash
# What several ci/ scripts share, sourced from the repository root: source ci/lib.sh
# shellcheck disable=SC2034 # jib_args is read by the scripts that source this file

# The variants, one per line: every folder under images/ whose pom declares image.variant
# (container-tests/ does not).
image_variants() {
  local pom
  for pom in images/*/pom.xml; do
    grep -q '<image.variant>' "$pom" || continue
    pom=${pom#images/}
    echo "${pom%/pom.xml}"
  done
}

# Ends the script, saying which variants there are, unless VARIANT is one.
require_image_variant() {
  grep -qs '<image.variant>' "images/$1/pom.xml" && return 0
  echo "No image variant '$1': there is no images/$1/pom.xml declaring image.variant. Pick one of: $(image_variants | paste -sd' ')" >&2
  exit 2
}

# True when a registry answers at ADDRESS (HOST:PORT) over plain HTTP.
registry_answers() {
  curl -fsS --max-time 2 "http://$1/v2/" >/dev/null 2>&1
}

# Jib pulls its base itself, past the engine's registry mirror: where the engine has one, Jib reads the
# base from the engine instead, pulled there first (docs/without-a-registry.md#jib). Sets jib_args;
# true when it did. DOCKER names the client (default: docker).
jib_args=()
jib_reads_base_from_engine() {
  local docker=${DOCKER:-docker}
  [[ -n $("$docker" info --format '{{join .RegistryConfig.Mirrors ""}}' 2>/dev/null) ]] || return 1
  DOCKER="$docker" ci/pull-bases.sh jib >/dev/null
  jib_args=(-Djib.base.scheme=docker://)
}

# On Debian 12, lets apt take PACKAGES from Debian 13 (as root; nothing elsewhere): Debian 13 goes into
# apt's sources at a priority below Debian 12's, and these packages alone are pinned up from it, so
# nothing else moves. NAME names the pin's file. Debian 13's docker.io 26 and kubectl 1.32 need nothing
# newer than Debian 12 has.
pin_from_debian13() {
  local name=$1 codename
  shift
  # shellcheck source=/dev/null
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [[ $codename == bookworm ]] || return 0
  cat > /etc/apt/sources.list.d/whoami-trixie.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  cat > "/etc/apt/preferences.d/whoami-trixie-$name" <<PREFERENCES
Package: *
Pin: release n=trixie
Pin-Priority: 100

Package: $*
Pin: release n=trixie
Pin-Priority: 500
PREFERENCES
}
