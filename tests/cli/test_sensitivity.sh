#!/bin/sh
# tests/cli/test_sensitivity.sh - `dcdemand sensitivity` and the merge of its
# shards: the files and their headers, indices against a closed form and an
# input without effect, the tornado against the model, the same bytes for
# any --threads and for shards merged, charts, options with their exact
# messages.
. tests/cli/lib.sh

K=tests/golden/sens/known.yaml
U=scenarios/mckinsey-2024-uncertain.yaml

dcd sensitivity $K --metric dc_twh -n 20000 --no-plots -o "$T/k"
expect_rc "sensitivity known: exit 0" 0
S=$T/k/sens-known/sobol.csv
TO=$T/k/sens-known/tornado.csv
check "sobol.csv header" sh -c "head -n 1 '$S' | grep -qx 'input,first_order,first_order_lo,first_order_hi,total,total_lo,total_hi'"
check "tornado.csv header" sh -c "head -n 1 '$TO' | grep -qx 'input,low_value,high_value,metric_low,metric_high,swing,metric_base'"
check "sobol.csv: one row per input, by decreasing total index" sh -c "cut -d, -f1 '$S' | tail -n +2 | tr '\n' ' ' | grep -qx 'segments.dc.growth segments.dc.energy_twh national.growth '"
check "--no-plots: no chart" sh -c "! ls '$T/k/sens-known/' | grep -q '\\.gp\$'"

# Closed form (tests/golden/sens/known.yaml): X ~ U(150, 200), Y = (1 + g)^7
# with g ~ U(0.1, 0.3).  Each index within its bootstrap interval, widened
# by 0.01 for the interval's own noise.
awk -F, '
function ey(k) { return ((1.3 ^ (7 * k + 1)) - (1.1 ^ (7 * k + 1))) / (7 * k + 1) / 0.2 }
BEGIN { ex = 175; vx = 50 * 50 / 12; ex2 = vx + ex * ex; e1 = ey(1); e2 = ey(2); vy = e2 - e1 * e1
        v = ex2 * e2 - ex * ex * e1 * e1; inter = vx * vy / v
        s["segments.dc.energy_twh"] = vx * e1 * e1 / v; s["segments.dc.growth"] = vy * ex * ex / v
        s["national.growth"] = 0
        t["segments.dc.energy_twh"] = s["segments.dc.energy_twh"] + inter
        t["segments.dc.growth"] = s["segments.dc.growth"] + inter; t["national.growth"] = 0 }
NR > 1 { if (!($1 in s)) { print "unknown " $1; bad = 1; next }
         if (s[$1] < $3 - 0.01 || s[$1] > $4 + 0.01) { print $1 " S1 " s[$1] " not in [" $3 ", " $4 "]"; bad = 1 }
         if (t[$1] < $6 - 0.01 || t[$1] > $7 + 0.01) { print $1 " ST " t[$1] " not in [" $6 ", " $7 "]"; bad = 1 }
         n++ }
END { if (n != 3) bad = 1; exit bad }' "$S" >"$T/cf"
check "closed form: first-order and total indices within their intervals" test ! -s "$T/cf"
check "an input without effect on dc_twh: total index exactly 0" grep -qx 'national.growth,0,0,0,0,0,0' "$S"
# Tornado: energy_twh alone at P10 = 155 and P90 = 195, growth at its median 0.2.
awk -F, '$1 == "segments.dc.energy_twh" { lo = 155 * 1.2 ^ 7; hi = 195 * 1.2 ^ 7
    d1 = $4 - lo; d2 = $5 - hi; if (d1 < 0) d1 = -d1; if (d2 < 0) d2 = -d2
    ok = $2 == 155 && $3 == 195 && d1 < 1e-6 * lo && d2 < 1e-6 * hi }
    END { exit !ok }' "$TO"
check "tornado: energy_twh at P10 and P90, the others at their medians" test $? -eq 0
# The summary line: growth's first-order index is 93.5 % in closed form (the
# awk above), the sum of the first-order indices 1 less the interaction's
# share (under 1 %); the estimates are within two points of them.
check "the summary line" grep -Eqx 'segments.dc.growth explains 9[2-5]% of the variance of dc_twh in 2030 \(first-order Sobol indices; all 3 inputs: (9[7-9]|100)%\)' "$T/stdout"

# Golden chart scripts (tests/golden/sens/*.gp) of a small run of the known
# scenario; after an intended change of the charts (or of the model),
# regenerate with  UPDATE=1 sh tests/cli/test_sensitivity.sh  and review
# `git diff tests/golden/sens`.
"$DCDEMAND_BIN" sensitivity $K --metric dc_twh -n 64 --bootstrap 20 -q -o "$T/g" >/dev/null 2>&1
for c in tornado sobol; do
    if [ -n "${UPDATE:-}" ]; then cp "$T/g/sens-known/$c.gp" tests/golden/sens/$c.gp; fi
    expect_same "golden $c.gp" tests/golden/sens/$c.gp "$T/g/sens-known/$c.gp"
    check "$c.gp: on the shared frame (title, fixed top and right)" sh -c "grep -q '^set label 1 \\\$TEXT\\[1\\] ' '$T/g/sens-known/$c.gp' && grep -q '^set tmargin at screen ' '$T/g/sens-known/$c.gp'"
    check "$c.gp: the sources footer" grep -qx 'Source: Test source (made up for the golden scripts)' "$T/g/sens-known/$c.gp"
    check "$c.gp: the legend below the plot" grep -q '^set key at screen .* horizontal' "$T/g/sens-known/$c.gp"
done
# `dcdemand plot` redraws the folder in another format.
if command -v gnuplot >/dev/null 2>&1; then
    for f in svg pdf; do
        dcd plot "$T/g/sens-known" --format $f
        expect_rc "plot --format $f of a sensitivity folder: exit 0" 0
        check "plot --format $f: tornado.$f and sobol.$f" test -s "$T/g/sens-known/tornado.$f" -a -s "$T/g/sens-known/sobol.$f"
    done
else
    skip "plot of a sensitivity folder" 4 "gnuplot is not installed"
fi

# Same seed, same bytes: threads, shards merged; charts too.
for t in 1 3; do
    dcd sensitivity $U -n 5000 --seed 3 --bootstrap 100 --threads $t -q -o "$T/t$t"
    expect_rc "sensitivity --threads $t: exit 0" 0
done
D=mckinsey-2024-uncertain
for i in 1 2 3; do
    dcd sensitivity $U -n 5000 --seed 3 --bootstrap 100 --threads 2 --shard $i/3 -q -o "$T/sh"
    expect_rc "sensitivity --shard $i/3: exit 0" 0
done
check "a shard writes only its state" sh -c "ls '$T/sh/$D' | tr '\n' ' ' | grep -qx 'sens-shard-1-of-3.txt sens-shard-2-of-3.txt sens-shard-3-of-3.txt '"
dcd merge "$T/sh/$D" -q -o "$T/m"
expect_rc "merge of sensitivity shards: exit 0" 0
for f in tornado.csv sobol.csv tornado.gp sobol.gp; do
    expect_same "$f: 1 and 3 threads" "$T/t1/$D/$f" "$T/t3/$D/$f"
    expect_same "$f: shards merged" "$T/t1/$D/$f" "$T/m/$D/$f"
done
if command -v gnuplot >/dev/null 2>&1; then
    check "tornado.png and sobol.png drawn" test -s "$T/t1/$D/tornado.png" -a -s "$T/t1/$D/sobol.png"
else
    echo "SKIP: sensitivity pictures: gnuplot is not installed"
fi
check "tornado.gp: input names only in the text datablock" sh -c "grep -n 'segments.ai.growth' '$T/t1/$D/tornado.gp' | grep -v -q '^[0-9]*:segments.ai.growth\$' && exit 1 || exit 0"
dcd sensitivity $U -n 5000 --seed 4 --bootstrap 100 -q --no-plots -o "$T/s4"
check "another seed gives other indices" sh -c "! cmp -s '$T/t1/$D/sobol.csv' '$T/s4/$D/sobol.csv'"
dcd sensitivity $U -n 4000 -o "$T/n"
check "correlations left out: a note" grep -qx "dcdemand: note: sensitivity draws the inputs independently; the rank correlations of $U are not applied" "$T/stderr"
check "the table and the summary line" grep -q ' of the variance of dc_share_pct in 2030 (first-order Sobol indices; all 9 inputs: ' "$T/stdout"

# merge: shards of another run, a shard missing, a truncated state.
dcd sensitivity $U -n 5000 --seed 5 --bootstrap 100 --shard 3/3 -q -o "$T/other"
cp "$T/sh/$D/sens-shard-1-of-3.txt" "$T/sh/$D/sens-shard-2-of-3.txt" "$T/other/$D/"
dcd merge "$T/other/$D" -o "$T/m2"
expect_rc "merge of shards of different runs: exit 3" 3
check "merge of shards of different runs: message" grep -q "sens-shard-3-of-3.txt: error: not a shard of the same run as" "$T/stderr"
dcd merge "$T/sh/$D/sens-shard-1-of-3.txt" "$T/sh/$D/sens-shard-3-of-3.txt" -o "$T/m3"
check "merge with a shard missing: message" grep -qx 'dcdemand: merge: 2 shard files given for a run in 3 shards' "$T/stderr"
dcd merge "$T/sh/$D/sens-shard-2-of-3.txt" "$T/sh/$D/sens-shard-1-of-3.txt" "$T/sh/$D/sens-shard-1-of-3.txt" -o "$T/m3"
check "merge with a shard given twice: message" grep -qx 'dcdemand: merge: shard 2 of 3 is missing (or given twice)' "$T/stderr"
head -c 300 "$T/sh/$D/sens-shard-1-of-3.txt" >"$T/sens-shard-1-of-1.txt"
dcd merge "$T/sens-shard-1-of-1.txt" -o "$T/m4"
expect_rc "merge of a truncated state: exit 3" 3
check "merge of a truncated state: message" grep -qx "$T/sens-shard-1-of-1.txt: error: not a shard state written by \`dcdemand sensitivity --shard\` (or truncated)" "$T/stderr"
check "nothing written by failed merges" test ! -e "$T/m2" -a ! -e "$T/m3" -a ! -e "$T/m4"

# Options: exact messages, exit 2.
opt() { # NAME EXPECTED_LINE ARGS...
    name=$1 want=$2
    shift 2
    dcd sensitivity "$@"
    if [ "$RC" -eq 2 ] && [ "$(head -n 1 "$T/stderr")" = "$want" ]; then pass "$name"; else
        fail "$name" "exit $RC: $(head -n 1 "$T/stderr")"; fi
}
opt "--base-rows 1" "dcdemand: --base-rows '1': expected a whole number 2-1000000" $K -n 1
opt "--base-rows 2.5" "dcdemand: --base-rows '2.5': expected a whole number 2-1000000" $K -n 2.5
opt "--threads 0" "dcdemand: --threads '0': expected a whole number 1-256" $K --threads 0
opt "--seed x" "dcdemand: --seed 'x': expected a whole number 0-18446744073709551615" $K --seed x
opt "--bootstrap -1" "dcdemand: --bootstrap '-1': expected a whole number 0-100000" $K --bootstrap -1
opt "--confidence 1" "dcdemand: --confidence '1': expected a level between 0 and 1, such as 0.95" $K --confidence 1
opt "--metric" "dcdemand: --metric 'share': not a metric (dc_twh, ai_twh, national_twh, dc_share_pct, ai_share_pct, dc_it_gw, ai_it_gw, dc_facility_gw, ai_facility_gw, dc_it_twh, ai_it_twh, dc_load_gw, ai_load_gw, other_twh, dc_pue, additions_gw, capex_usd, co2_mt, water_gl)" $K --metric share
opt "--year text" "dcdemand: --year 'soon': expected a year 1900-2200" $K --year soon
opt "--year outside" "dcdemand: --year 2040: outside the scenario's years 2020-2030" $K --year 2040
opt "--shard 0/2" "dcdemand: --shard '0/2': expected I/N with 1 <= I <= N, such as 2/8" $K --shard 0/2
opt "no FILE" "dcdemand: missing scenario FILE" -n 10
dcd sensitivity tests/golden/compare/a.yaml -n 10 -o "$T/none"
expect_rc "a scenario without uncertainty: exit 3" 3
check "a scenario without uncertainty: message" grep -q "a.yaml: error: the scenario has no uncertainty: key" "$T/stderr"
check "a failed run writes nothing" test ! -e "$T/none"
dcd sensitivity tests/golden/mc/fails.yaml -n 1000 -o "$T/fails"
expect_rc "an evaluation that cannot be projected: exit 4" 4
check "an evaluation that cannot be projected: message" grep -Eqx "tests/golden/mc/fails.yaml: error: base row [0-9]+, evaluation [0-9]+ of the Sobol design cannot be projected \(national.total_twh = [0-9.]+\): national.total_twh: the base-year total is smaller than data-centre demand in 2023 \([0-9.]+ TWh short\); Sobol indices need every evaluation: narrow the ranges" "$T/stderr"
# the draw named is below the 50 TWh data centres use, short by the difference
sed -n 's/.*(national.total_twh = \([0-9.]*\)): .* (\([0-9.]*\) TWh short).*/\1 \2/p' "$T/stderr" |
    awk '{ d = 50 - $1 - $2; exit !(NF == 2 && $1 < 50 && d < 1e-4 && d > -1e-4) }'
check "... naming the failing draw and its shortfall" test $? -eq 0
check "... and writes nothing" test ! -e "$T/fails"
opt "--metric without a value" "dcdemand: --metric co2_mt: the scenario gives it no value in 2030" $K --metric co2_mt
dcd sensitivity $K --metric ai_twh -n 100 --no-plots -o "$T/flat"
expect_rc "a metric that does not vary: exit 4" 4
check "a metric that does not vary: message" grep -qx "$K: error: ai_twh in 2030 does not vary with the uncertain inputs: no Sobol indices" "$T/stderr"
