#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the image builds and container tests, with the
# client a user has today: Docker 26 or newer, the buildx plugin (so `docker build` is BuildKit, as on
# Docker Desktop) and the compose v2 plugin.
#
#   ci/docker-engine.sh                                   # the engine, on the default socket
#   ci/docker-engine.sh --mirror http://127.0.0.1:5000    # and pull Docker Hub images through that mirror
#   ci/docker-engine.sh --containerd-store [--mirror URL] # a second engine beside it whose images live in
#                                                         # the containerd image store (as on GitHub's
#                                                         # Docker 29 runners); prints its DOCKER_HOST
#
# If a current engine already answers, it says so and does nothing. Otherwise (as root, on Debian or
# Ubuntu) it installs the packages and starts dockerd with no bridge network and no iptables rules:
# this project's machines allow no private-range address, so builds and containers use host networking.
# On Debian 12 the packages come from Debian 13, pinned to these four alone (its own docker.io is 20.10,
# without buildx); nothing else of Debian 12 changes. Safe to run again and again.
#
# --mirror writes the mirror into the engine's daemon.json (registry-mirrors) and (re)starts dockerd
# with it: official names such as alpine:3.22 then come from the mirror, for docker pull and builds alike.
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "$0")/lib.sh"

readonly WAIT_SECONDS=60
readonly MIN_MAJOR=26
# Debian's names; Ubuntu's, where it differs, in install_packages.
PACKAGES=(docker.io docker-cli docker-buildx docker-compose)

store=classic mirror=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mirror) mirror=${2:?"--mirror takes the mirror's URL, such as http://127.0.0.1:5000"}; shift 2 ;;
    --containerd-store) store=containerd; shift ;;
    *) echo "usage: ci/docker-engine.sh [--containerd-store] [--mirror URL]" >&2; exit 2 ;;
  esac
done

# The second engine has a socket, data root and state of its own, so the two never share an image,
# a container or containerd's namespace.
if [[ $store == containerd ]]; then
  readonly NAME=whoami-containerd
  readonly CONFIG=/etc/$NAME/daemon.json
  export DOCKER_HOST=unix:///run/$NAME/docker.sock
  readonly DAEMON_ARGS=(--config-file "$CONFIG" -H "$DOCKER_HOST" --data-root "/var/lib/$NAME"
    --exec-root "/run/$NAME" --pidfile "/run/$NAME/dockerd.pid"
    --containerd-namespace "$NAME" --containerd-plugins-namespace "$NAME-plugins")
  readonly LOG=/var/log/$NAME.log
else
  readonly CONFIG=/etc/docker/daemon.json
  readonly DAEMON_ARGS=()
  readonly LOG=/var/log/whoami-dockerd.log
fi

say() { echo "==> $*" >&2; }
fail() { echo "$*" >&2; exit 1; }

engine_answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
server_major() { docker version --format '{{.Server.Version}}' 2>/dev/null | cut -d. -f1; }
client_is_current() { docker buildx version >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; }

report() {
  say "Docker engine $(docker version --format '{{.Server.Version}}') answers ($(docker info \
--format '{{.Driver}}') storage driver), client $(docker version --format '{{.Client.Version}}'),\
 $(docker buildx version | cut -d' ' -f1-2), $(docker compose version --short | sed 's/^/compose /')"
  local mirrors
  mirrors=$(docker info --format '{{.RegistryConfig.Mirrors}}' 2>/dev/null || true)
  [[ -z "$mirrors" || "$mirrors" == "[]" ]] || say "Registry mirrors: $mirrors"
  [[ $store == classic ]] || echo "DOCKER_HOST=$DOCKER_HOST"
}

# Installs Docker 26+ with the buildx and compose plugins from the distribution's packages.
install_packages() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    fail "This needs Docker $MIN_MAJOR+ with the buildx and compose plugins, and this script installs them only as root with apt-get: install Docker (docs.docker.com/engine/install) and re-run."
  fi
  local codename distribution
  # shellcheck source=/dev/null
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  # shellcheck source=/dev/null
  distribution=$(. /etc/os-release && echo "${ID:-}")
  [[ $distribution == ubuntu ]] && PACKAGES=(docker.io docker-buildx docker-compose-v2)
  [[ $codename == bookworm ]] \
    && say "Debian 12's docker.io is 20.10 without buildx: taking ${PACKAGES[*]} from Debian 13"
  pin_from_debian13 docker "${PACKAGES[@]}"
  say "Installing ${PACKAGES[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
}

# Writes the engine's settings: the mirror, and for the second engine the containerd image store.
configure() {
  mkdir -p "$(dirname "$CONFIG")"
  local settings='{}'
  [[ -s "$CONFIG" ]] && settings=$(cat "$CONFIG")
  [[ -n "$mirror" ]] && settings=$(jq --arg m "$mirror" '."registry-mirrors" = [$m]' <<<"$settings")
  [[ $store == containerd ]] \
    && settings=$(jq '.features."containerd-snapshotter" = true' <<<"$settings")
  printf '%s\n' "$settings" > "$CONFIG"
}

dockerd_pid() {
  if [[ $store == containerd ]]; then
    cat "/run/$NAME/dockerd.pid" 2>/dev/null || true
  else
    cat /var/run/docker.pid 2>/dev/null || true
  fi
}

stop_dockerd() {
  local pid
  pid=$(dockerd_pid)
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  say "Stopping dockerd $pid (its containers stop)"
  kill "$pid"
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  fail "dockerd $pid did not stop within $WAIT_SECONDS s: stop it yourself and re-run."
}

if engine_answers && client_is_current && [[ $(server_major) -ge $MIN_MAJOR && -z "$mirror" ]]; then
  report
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1 || ! client_is_current \
    || [[ $(dockerd --version | grep -o '[0-9]*' | head -1) -lt $MIN_MAJOR ]]; then
  install_packages
fi
[[ $(id -u) -eq 0 ]] \
  || fail "This script (re)starts dockerd only as root: start Docker $MIN_MAJOR+ yourself${mirror:+ with the registry mirror $mirror}, or run it as root."
command -v jq >/dev/null 2>&1 || fail "Writing the engine's settings needs jq: install it (ci/tools.sh) and re-run."

if engine_answers; then
  [[ -n "$(dockerd_pid)" ]] \
    || fail "An engine answers, but no dockerd this script can restart runs here: set it up yourself (Docker $MIN_MAJOR+, buildx${mirror:+, registry mirror $mirror}) and re-run."
  # dockerd reloads registry-mirrors on SIGHUP, but its BuildKit reads them only at start.
  stop_dockerd
fi
configure

say "Starting dockerd (${store} image store, no bridge, no iptables; log: $LOG)"
# setsid + nohup: the engine outlives this script and the CI step that ran it.
setsid nohup dockerd "${DAEMON_ARGS[@]}" --bridge=none --iptables=false --ip-masq=false \
  --ip6tables=false >"$LOG" 2>&1 < /dev/null &

for ((i = 0; i < WAIT_SECONDS; i++)); do
  if engine_answers; then
    report
    exit 0
  fi
  sleep 1
done
tail -n 20 "$LOG" >&2 || true
fail "dockerd did not answer within ${WAIT_SECONDS} s: see the log above ($LOG)."
