#!/usr/bin/env bash
# Fails when a test was skipped: CI counts a skip as a failure, since a check that did not run proves
# nothing (a test that skips itself where no registry answers, say). Reads the surefire and failsafe
# reports the last build wrote under every module's target/, and names each skipped test.
#
#   ci/no-skipped-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t reports < <(find . -path ./.git -prune -o -type f \
  \( -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \) \
  -print | sort)
if [[ ${#reports[@]} -eq 0 ]]; then
  echo "No test reports under */target/{surefire,failsafe}-reports: run the tests (ci/test.sh) first." >&2
  exit 1
fi

# The testsuite element's attribute NAME, in REPORT.
suite_count() {
  grep -m1 -o "<testsuite [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9'
}

tests=0 skipped=0
for report in "${reports[@]}"; do
  tests=$((tests + $(suite_count tests "$report")))
  count=$(suite_count skipped "$report")
  if [[ ${count:-0} -gt 0 ]]; then
    skipped=$((skipped + count))
    # Each skipped test case: its testcase line, then its <skipped> line.
    grep -B1 '<skipped' "$report" | grep -o 'testcase name="[^"]*" classname="[^"]*"' \
      | sed "s|^|    skipped in ${report#./}: |" >&2
  fi
done
if [[ $skipped -gt 0 ]]; then
  echo "$skipped of $tests tests were skipped (listed above): a skipped test fails CI, make it run." >&2
  exit 1
fi
echo "==> No test skipped: $tests tests in ${#reports[@]} reports"
