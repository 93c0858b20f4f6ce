#!/usr/bin/env bash
# Pulls the base images a variant builds on, as its pom names them (image.base.*), once, before the
# build and the comparison use them ("scratch" and jib's build base "none" are no images).
#
#   ci/pull-bases.sh jlink
set -euo pipefail
cd "$(dirname "$0")/.."

variant=${1:?"usage: ci/pull-bases.sh VARIANT"}
pom=images/$variant/pom.xml
[[ -f "$pom" ]] || { echo "No image variant '$variant': there is no $pom." >&2; exit 2; }
docker=${DOCKER:-docker}
sed -n 's|.*<image\.base\.[a-z]*>\(.*\)</image\.base\.[a-z]*>.*|\1|p' "$pom" | sort -u | while read -r base; do
  [[ "$base" == scratch || "$base" == none ]] && continue
  echo "==> docker pull $base"
  "$docker" pull --quiet "$base"
done
