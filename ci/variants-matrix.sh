#!/usr/bin/env bash
# The CI workflow's image matrix, read from the variant folders: every images/<variant>/ whose pom
# declares image.variant, with the image.reproducible flag that pom declares. Prints one line of JSON,
# {"include":[{"variant":"NAME","reproducible":true|false},...]}, for the workflow's fromJSON.
#
#   ci/variants-matrix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source ci/lib.sh

entries=()
while read -r variant; do
  flag=$(sed -n 's:.*<image.reproducible>[[:space:]]*\([a-z]*\)[[:space:]]*</image.reproducible>.*:\1:p' \
    "images/$variant/pom.xml")
  if [[ $flag != true && $flag != false ]]; then
    echo "images/$variant/pom.xml declares no image.reproducible true or false: add one." >&2
    exit 1
  fi
  entries+=("{\"variant\":\"$variant\",\"reproducible\":$flag}")
done < <(image_variants)

(IFS=,; echo "{\"include\":[${entries[*]}]}")
