#!/usr/bin/env bash
# Gathers the comparison reports of several runs (one per CI matrix entry, each measuring one variant)
# into one Markdown report on standard output: one table of the variants, then one table of the goals.
#
#   ci/merge-reports.sh reports/*/report.md > report.md
#   ci/merge-reports.sh --matrix reports > report.md    # reports/comparison-<variant>/report.md, every variant
#
# Each report.md is what the comparison (-Pcompare) wrote: its table sits between the
# comparison-table markers, its goals under "## Goals". A path that names no file (a matrix entry that
# failed before its comparison, or a pattern that matched nothing) is listed as missing.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: ci/merge-reports.sh REPORT.md... | --matrix DIR" >&2
  exit 2
fi
if [[ "$1" == "--matrix" ]]; then
  # One report expected per variant (every images/<variant>/pom.xml declaring image.variant), as the
  # workflow's matrix names them.
  dir=${2:?"--matrix takes the folder the matrix's reports were downloaded to"}
  # shellcheck source=ci/lib.sh
  mapfile -t variants < <(cd "$(dirname "$0")/.." && source ci/lib.sh && image_variants)
  set --
  for variant in "${variants[@]}"; do
    set -- "$@" "$dir/comparison-$variant/report.md"
  done
fi
reports=() missing=()
for report in "$@"; do
  if [[ ! -f "$report" ]]; then
    missing+=("$report")
  elif ! grep -q '^<!-- comparison-table:begin -->$' "$report"; then
    echo "$report is not a comparison report (no comparison-table marker): pass the report.md files -Pcompare wrote." >&2
    exit 1
  else
    reports+=("$report")
  fi
done
if [[ ${#reports[@]} -eq 0 ]]; then
  echo "No comparison report to gather (missing: ${missing[*]}): every run failed before its comparison; see their logs." >&2
  exit 1
fi
set -- "${reports[@]}"

# Prints the lines of one Markdown table: the comparison table (between its markers) or the goals
# (the table after the "## Goals" heading). The header and separator rows come from the first file.
table() {
  local which=$1
  shift
  awk -v which="$which" '
    FNR == 1 { inside = 0; row = 0 }
    which == "variants" && /^<!-- comparison-table:begin -->$/ { inside = 1; next }
    which == "variants" && /^<!-- comparison-table:end -->$/ { inside = 0 }
    which == "goals" && /^## Goals$/ { inside = 1; next }
    which == "goals" && inside && row > 0 && !/^\|/ { inside = 0 }
    inside && /^\|/ { row++; if (row > 2 || NR == FNR) print }
  ' "$@"
}

echo "# whoami: the variants compared (gathered from $# reports)"
echo
echo "Each row comes from its own run; see each report for its machine, engine and load settings."
echo
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "No report from: ${missing[*]} (that run failed before its comparison)."
  echo
fi
table variants "$@"
echo
echo "## Goals"
echo
table goals "$@"
