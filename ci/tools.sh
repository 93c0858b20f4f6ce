#!/usr/bin/env bash
# Installs the command-line tools the build and CI use beyond a JDK and Docker, where missing:
#   wrk         the load generator of the comparison (-Pcompare)
#   jq          ci/reproducible-images.sh edits image configs with it
#   ShellCheck  ci/lint.sh checks the scripts under ci/ with it
#
#   ci/tools.sh
#
# Debian and Ubuntu: apt-get, as root. Elsewhere: install them with your package manager
# (brew install wrk jq shellcheck).
set -euo pipefail

missing=()
for tool in wrk jq shellcheck; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "==> wrk, jq and shellcheck are installed"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]}, and this script installs only as root with apt-get: install them yourself (e.g. brew install ${missing[*]}) and re-run." >&2
  exit 1
fi
echo "==> Installing ${missing[*]}"
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
