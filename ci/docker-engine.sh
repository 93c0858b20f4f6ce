#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the image builds and container tests.
#
#   ci/docker-engine.sh
#   ci/docker-engine.sh --mirror http://127.0.0.1:5000    # and pull Docker Hub images through that mirror
#
# If an engine already answers, it says so and does nothing. Otherwise (as root, on Debian or Ubuntu) it
# installs Debian's docker.io (Docker Engine 20.10 with containerd and runc) and starts dockerd with no
# bridge network and no iptables rules: this project's machines allow no private-range address, so
# builds and containers use host networking. Safe to run again and again.
#
# --mirror writes the mirror into /etc/docker/daemon.json (registry-mirrors) and (re)starts dockerd with
# it: official names such as alpine:3.22 are then pulled from the mirror, by docker pull and by builds
# alike, as an air-gapped machine pulls them.
#
# Prints the client to build with: Debian's /usr/bin/docker, whose DOCKER_BUILDKIT=1 reaches the engine's
# built-in BuildKit (cache mounts) without the buildx plugin, which this machine's other client lacks.
set -euo pipefail

readonly LOG=/var/log/whoami-dockerd.log
readonly WAIT_SECONDS=60

client() {
  if [[ -x /usr/bin/docker ]]; then echo /usr/bin/docker; else echo docker; fi
}

engine_answers() {
  "$(client)" info --format '{{.ServerVersion}}' >/dev/null 2>&1
}

report() {
  echo "==> Docker engine $("$(client)" version --format '{{.Server.Version}}') answers"
  local mirrors
  mirrors=$("$(client)" info --format '{{.RegistryConfig.Mirrors}}' 2>/dev/null || true)
  [[ -z "$mirrors" || "$mirrors" == "[]" ]] || echo "==> Registry mirrors: $mirrors"
  echo "==> Build with DOCKER=$(client) (BuildKit through DOCKER_BUILDKIT=1, no buildx needed)"
}

mirror=""
if [[ "${1:-}" == "--mirror" ]]; then
  mirror=${2:?"--mirror takes the mirror's URL, such as http://127.0.0.1:5000"}
fi

# Puts the mirror into daemon.json, keeping whatever else the file says.
configure_mirror() {
  local config=/etc/docker/daemon.json
  mkdir -p /etc/docker
  if [[ -s "$config" ]]; then
    command -v jq >/dev/null || { echo "Setting a mirror in an existing $config needs jq: install it (ci/tools.sh) and re-run." >&2; exit 1; }
    jq --arg m "$mirror" '."registry-mirrors" = [$m]' "$config" > "$config.new" && mv "$config.new" "$config"
  else
    printf '{"registry-mirrors": ["%s"]}\n' "$mirror" > "$config"
  fi
  echo "==> Docker Hub images come through the mirror $mirror ($config)"
}

if [[ -n "$mirror" ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "Setting a registry mirror writes /etc/docker/daemon.json: run it as root." >&2; exit 1; }
  configure_mirror
fi

if command -v "$(client)" >/dev/null 2>&1 && engine_answers; then
  if [[ -z "$mirror" ]]; then
    report
    exit 0
  fi
  # dockerd reloads registry-mirrors on SIGHUP, but its BuildKit reads them only at start: restart it
  # (containers running on it stop).
  pid=$(pidof dockerd || true)
  [[ -n "$pid" ]] || { echo "An engine answers, but no dockerd runs here to restart: add the mirror to your engine's settings (Docker Desktop: Settings > Docker Engine) and re-run." >&2; exit 1; }
  echo "==> Restarting dockerd, so that its builds pull through the mirror too"
  kill "$pid"
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    pidof dockerd >/dev/null || break
    sleep 1
  done
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "No Docker engine answers and this script can only install one as root: start Docker yourself and re-run." >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "==> Installing Debian's docker.io"
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

echo "==> Starting dockerd (no bridge, no iptables; log: $LOG)"
# setsid + nohup: the engine outlives this script and the CI step that ran it.
setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false --ip6tables=false \
  >"$LOG" 2>&1 < /dev/null &

for ((i = 0; i < WAIT_SECONDS; i++)); do
  if engine_answers; then
    report
    exit 0
  fi
  sleep 1
done

tail -n 20 "$LOG" >&2 || true
echo "dockerd did not answer within ${WAIT_SECONDS} s: see the log above ($LOG)." >&2
exit 1
