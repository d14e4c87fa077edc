#!/usr/bin/env bash
# Terminal captures of policygap at 80, 100 and 120 columns: what a planner
# sees in a real terminal (a pseudo-terminal made by `script`, util-linux),
# without colour. Regenerate after changing the table, help or messages:
#
#     docs/screens/make.sh            # uses .venv/bin/policygap
#     PG=policygap docs/screens/make.sh
#
# Each file is docs/screens/NAME-COLS.txt. The figures are assessed as of
# June 2024 so that the captures do not change with the date.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG="${PG:-$PWD/.venv/bin/policygap}"
OUT=docs/screens

capture() {  # capture NAME COLS ARGS...
    local name=$1 cols=$2
    shift 2
    script -qc "stty cols $cols rows 60; NO_COLOR=1 POLICYGAP_LANG=zh $PG $*" /dev/null \
        | tr -d '\r' > "$OUT/$name-$cols.txt"
}

for cols in 80 100 120; do
    capture status "$cols" status anshan --as-of 2024-06
    capture targets "$cols" targets anshan
    capture explain "$cols" explain anshan anshan-hitech-firms-2025 --as-of 2024-06
    capture help "$cols" --help
    capture status-help "$cols" status --help
done
capture status-en 80 status anshan --as-of 2024-06 --lang en
echo "written: $(ls "$OUT"/*.txt | wc -l) captures in $OUT"
