#!/usr/bin/env bash
# The builds CI runs, one per job, so a workflow and a local run cannot drift apart:
#
#   ci/build.sh all [MAVEN_ARGS...]       every module, every image, every test, and the comparison
#   ci/build.sh app [MAVEN_ARGS...]       the app and its tests alone (no Docker needed)
#   ci/build.sh VARIANT [MAVEN_ARGS...]   one image (any images/VARIANT/ whose pom declares
#                                         image.variant), its container tests, and the comparison of
#                                         that variant alone
#
# Extra arguments go to Maven, e.g. ci/build.sh multistage -Dhardening.load.seconds=10. On a machine
# that reaches no registry, ci/test.sh fills a local mirror first (docs/without-a-registry.md).
# A variant's report lands in compare/target/compare/; ci/merge-reports.sh joins several into one.
# An engine with a registry mirror gets Jib's base read from it (-Djib.base.scheme=docker://): Jib pulls
# on its own and would not go through the mirror (docs/without-a-registry.md#jib).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=ci/lib.sh
source ci/lib.sh
variants() { image_variants | paste -sd' '; }

if [[ $# -eq 0 ]]; then
  echo "usage: ci/build.sh all|app|VARIANT [MAVEN_ARGS...]; variants: $(variants)" >&2
  exit 2
fi
target=$1
shift

case "$target" in
  all)
    jib_reads_base_from_engine || true
    ci/with-jdk ./mvnw -B verify -Pcompare ${jib_args[@]+"${jib_args[@]}"} "$@"
    ;;
  app)
    ci/with-jdk ./mvnw -B -pl whoami-app verify "$@"
    ;;
  *)
    require_image_variant "$target"
    jib_reads_base_from_engine || true
    ci/with-jdk ./mvnw -B -pl "images/$target,compare" -am verify -Pcompare -Dcompare.variants="$target" ${jib_args[@]+"${jib_args[@]}"} "$@"
    ;;
esac
