#!/usr/bin/env bash
# Installs wrk, the load generator the comparison (-Pcompare) runs against each image, if it is missing.
#
#   ci/load-tools.sh
#
# Debian and Ubuntu: apt-get, as root. Elsewhere: install wrk with your package manager (brew install wrk).
set -euo pipefail

if command -v wrk >/dev/null 2>&1; then
  echo "==> wrk is installed"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "wrk is missing and this script installs it only as root with apt-get: install wrk yourself (e.g. brew install wrk) and re-run." >&2
  exit 1
fi
echo "==> Installing wrk"
apt-get update -qq
apt-get install -y -qq wrk >/dev/null
