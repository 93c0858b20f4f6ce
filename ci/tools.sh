#!/usr/bin/env bash
# Installs the command-line tools the build and CI use beyond a JDK and Docker, where missing:
#   wrk         load: the comparison (-Pcompare) and the container tests (MemoryIT)
#   nginx       the reverse proxy ProxyIT puts in front of each image
#   jq          ci/reproducible-images.sh edits image configs with it
#   ShellCheck  ci/lint.sh checks the scripts under ci/ with it
#   skopeo      the comparison times a cold pull from the registry with it
#   kubectl     renders deploy/kubernetes (kubectl kustomize): PodSettingsIT and ci/deploy-check.sh
#
#   ci/tools.sh
#
# Debian and Ubuntu: apt-get, as root. Elsewhere: install them with your package manager
# (brew install wrk nginx jq shellcheck skopeo kubectl). Debian 12 has no kubectl: it comes from
# Debian 13, pinned to that package alone.
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "$0")/lib.sh"

missing=()
for tool in wrk nginx jq shellcheck skopeo kubectl; do
  # nginx lives in /usr/sbin, which a non-root PATH may lack.
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || missing+=("$tool")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "==> wrk, nginx, jq, shellcheck, skopeo and kubectl are installed"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]}, and this script installs only as root with apt-get: install them yourself (e.g. brew install ${missing[*]}) and re-run." >&2
  exit 1
fi
echo "==> Installing ${missing[*]}"
# Debian 12 has no kubectl package: it comes from Debian 13, pinned to that package alone.
[[ " ${missing[*]} " == *" kubectl "* ]] && pin_from_debian13 kubectl kubectl
apt-get update -qq
# Debian's nginx package would start a server on port 80 where an init system runs; the tests start
# their own nginx on 127.0.0.1 and need none. policy-rc.d tells the package scripts not to start it.
if [[ " ${missing[*]} " == *" nginx "* && ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
if [[ " ${missing[*]} " == *" kubectl "* ]] && ! apt-cache show kubectl >/dev/null 2>&1; then
  echo "No kubectl package for this distribution: install kubectl (kubernetes.io/docs/tasks/tools) and re-run." >&2
  exit 1
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
