#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the image builds and container tests.
#
#   ci/docker-engine.sh
#
# If an engine already answers, it says so and does nothing. Otherwise (as root, on Debian or Ubuntu) it
# installs Debian's docker.io (Docker Engine 20.10 with containerd and runc) and starts dockerd with no
# bridge network and no iptables rules: this project's machines allow no private-range address, so
# builds and containers use host networking. Safe to run again and again.
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
  echo "==> Build with DOCKER=$(client) (BuildKit through DOCKER_BUILDKIT=1, no buildx needed)"
}

if command -v "$(client)" >/dev/null 2>&1 && engine_answers; then
  report
  exit 0
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
