#!/bin/sh
# The default scenario reproduces McKinsey's 2024 medium case: dc_share_pct in
# [3, 4] in 2023, in [11, 12] in 2030, and within 0.3 points of every
# published year 2023-2030 (scenarios/data/published.csv, primary rows).
. tests/cli/lib.sh

dcd run -q -o "$T/out" scenarios/mckinsey-2024.yaml
expect_rc "default scenario runs" 0
sum="$T/out/mckinsey-2024/summary.csv"

# share YEAR: the model's dc_share_pct in YEAR
share() {
    awk -F, -v y="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "dc_share_pct") c = i; next }
                       $1 == y { print $c }' "$sum"
}
within() { # value lo hi
    awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v != "" && v >= lo && v <= hi) }'
}
s23=$(share 2023)
s30=$(share 2030)
check "dc_share_pct 2023 = $s23 is within [3, 4]" within "$s23" 3 4
check "dc_share_pct 2030 = $s30 is within [11, 12]" within "$s30" 11 12

n=0
grep '^mckinsey-2024,medium,US,[0-9]*,dc_share_pct,' scenarios/data/published.csv |
    awk -F, '$8 == "primary" || $8 == "secondary" { print $4, $6 }' >"$T/published"
while read -r year value; do
    n=$((n + 1))
    m=$(share "$year")
    lo=$(awk -v v="$value" 'BEGIN { print v - 0.3 }')
    hi=$(awk -v v="$value" 'BEGIN { print v + 0.3 }')
    check "dc_share_pct $year: model $m within 0.3 of published $value" within "$m" "$lo" "$hi"
done <"$T/published"
check "published McKinsey years found (8)" test "$(wc -l <"$T/published")" -eq 8

