#!/usr/bin/env bash
# Pushes images to a registry through the build: Maven's deploy with -Dimages.registry, whose push step
# (images/pom.xml) checks the address, pushes each image under its two tags and prints its digest.
# The images are built again first, on the layer cache their tests left; their tests are not run again.
#
#   ci/push-images.sh 127.0.0.1:5000/whoami               # every variant
#   ci/push-images.sh ghcr.io/OWNER jlink multistage       # these two
#   MAVEN_ARGS=-Ddocker.build.network=host ci/push-images.sh ...   # Maven 3.9 reads MAVEN_ARGS
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -eq 0 ]]; then
  echo "usage: ci/push-images.sh HOST[:PORT]/PREFIX [VARIANT...]" >&2
  exit 2
fi
registry=$1
shift
# shellcheck source=ci/lib.sh
source ci/lib.sh
if [[ $# -eq 0 ]]; then
  mapfile -t variants < <(image_variants)
else
  variants=("$@")
fi
modules=()
for variant in "${variants[@]}"; do
  require_image_variant "$variant"
  modules+=("images/$variant")
done
DOCKER=$(ci/with-jdk ./mvnw -q -N help:evaluate -Dexpression=docker.executable -DforceStdout) \
  jib_reads_base_from_engine || true
modules_list=$(IFS=,; echo "${modules[*]}")
# deploy runs install before it: -Dmaven.install.skip leaves the Maven repository without this
# project's artifacts, which no later build may take from there (.ci/run checks it).
ci/with-jdk ./mvnw -B -ntp deploy -pl "$modules_list" -am -DskipTests -DskipITs -Dmaven.install.skip \
  -Dimages.registry="$registry" ${jib_args[@]+"${jib_args[@]}"}
