#!/usr/bin/env bash
# Makes a container registry answer on 127.0.0.1:5000: the CNCF distribution registry from Debian's
# docker-registry package, with its own configuration (loopback only, no authentication) and storage.
#
#   ci/local-registry.sh            # starts it, unless one already answers there
#   ci/local-registry.sh --stop     # stops the one this script started
#
# Docker treats 127.0.0.0/8 as an insecure registry by default, so it pushes and pulls over plain HTTP.
# Used as the engine's Docker Hub mirror (ci/docker-engine.sh --mirror) it serves the base images
# ci/fill-mirror.sh put in it under their official names. Needs root on Debian or Ubuntu to install it.
set -euo pipefail

readonly ADDRESS=127.0.0.1:5000
readonly HOME_DIR=/var/lib/whoami-registry
readonly PID_FILE=$HOME_DIR/registry.pid
readonly LOG=/var/log/whoami-registry.log

answers() {
  curl -fsS --max-time 2 "http://$ADDRESS/v2/" >/dev/null 2>&1
}

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -f "$PID_FILE" ]]; then
    kill "$(cat "$PID_FILE")" 2>/dev/null || true
    rm -f "$PID_FILE"
    echo "==> Stopped the registry on $ADDRESS"
  fi
  exit 0
fi

if answers; then
  echo "==> A registry answers on $ADDRESS"
  exit 0
fi

if ! command -v docker-registry >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "No registry answers on $ADDRESS and this script installs one only as root with apt-get: start a registry there yourself (e.g. docker run -p 127.0.0.1:5000:5000 registry:2) and re-run." >&2
    exit 1
  fi
  echo "==> Installing Debian's docker-registry"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
fi

mkdir -p "$HOME_DIR/storage"
# The packaged configuration listens on every address and wants htpasswd: this one does neither.
cat > "$HOME_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $HOME_DIR/storage
  delete:
    enabled: true
http:
  addr: $ADDRESS
EOF

echo "==> Starting the registry on $ADDRESS (storage $HOME_DIR/storage, log $LOG)"
# setsid + nohup: the registry outlives this script and the CI step that ran it.
setsid nohup docker-registry serve "$HOME_DIR/config.yml" >"$LOG" 2>&1 < /dev/null &
echo $! > "$PID_FILE"
for _ in $(seq 1 30); do
  if answers; then
    echo "==> A registry answers on $ADDRESS"
    exit 0
  fi
  sleep 0.5
done
tail -n 20 "$LOG" >&2 || true
echo "The registry did not answer on $ADDRESS within 15 s: see the log above ($LOG)." >&2
exit 1
