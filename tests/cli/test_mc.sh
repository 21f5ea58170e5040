#!/bin/sh
# tests/cli/test_mc.sh - `dcdemand mc` and `dcdemand merge`: the files and
# their headers, a closed form, the same bytes for any --threads and for
# shards merged, failed draws, options with their exact messages, no
# progress bar in files or pipes.
. tests/cli/lib.sh

C=tests/golden/mc/closed.yaml
F=tests/golden/mc/fails.yaml
R=bench/reference.yaml

dcd mc $C -n 20000 -o "$T/c"
expect_rc "mc closed form: exit 0" 0
Q=$T/c/mc-closed/quantiles.csv
E=$T/c/mc-closed/exceedance.csv
check "quantiles.csv header" sh -c "head -n 1 '$Q' | grep -qx 'year,metric,mean,sd,p5,p10,p25,p50,p75,p90,p95'"
rows=$(($(wc -l <"$Q") - 1))
if [ "$rows" -eq 88 ]; then pass "quantiles.csv: 11 years x 8 metrics"; else fail "quantiles.csv rows" "$rows"; fi
check "exceedance.csv header" sh -c "head -n 1 '$E' | grep -qx 'metric,year,threshold,probability,std_error'"
check "exceedance.csv: default thresholds dc_share_pct 2030 > 8, 11, 12" \
    sh -c "cut -d, -f1-3 '$E' | tail -n +2 | tr '\n' ' ' | grep -qx 'dc_share_pct,2030,8 dc_share_pct,2030,11 dc_share_pct,2030,12 '"
check "the table names the scenario, draws and sampling" grep -q '^mc-closed: 20000 draws (0 failed), seed 1, lhs sampling$' "$T/stdout"
check "the table has the probability of > 11" grep -q '^dc_share_pct 2030 *> 11 ' "$T/stdout"
check "no progress bar when stderr is a file" test ! -s "$T/stderr"

# The closed form: E(2030) = 176 (1 + g)^7, g ~ U(0.1, 0.3).  A quantile's
# sampling error is sqrt(p (1 - p) / n) / density; LHS is far better, the
# tolerance is that bound.
awk -F, -v n=20000 '$1 == 2030 && $2 == "dc_twh" {
    split("5 10 25 50 75 90 95", ps, " "); bad = 0
    for (k = 1; k <= 7; k++) {
        p = ps[k] / 100; x = 1.1 + 0.2 * p
        exact = 176 * x ^ 7; dedp = 7 * 176 * x ^ 6 * 0.2
        tol = 5 * sqrt(p * (1 - p) / n) * dedp
        d = $(k + 4) - exact; if (d < 0) d = -d
        if (d > tol) { print "P" ps[k] ": " $(k + 4) " vs " exact; bad = 1 }
    }
    exit bad }' "$Q" >"$T/cf"
check "closed form: percentiles of dc_twh in 2030 within sampling error" test ! -s "$T/cf"
dcd mc $C -n 20000 -o "$T/c2" --threshold dc_twh@2030=600 -q
awk -F, '$1 == "dc_twh" { e = (0.3 - ((600 / 176) ^ (1 / 7) - 1)) / 0.2; d = $4 - e; if (d < 0) d = -d
    exit !(d < 5 * sqrt(e * (1 - e) / 20000)) }' "$T/c2/mc-closed/exceedance.csv"
check "closed form: P(dc_twh in 2030 > 600) within 5 standard errors" test $? -eq 0
check "-q prints nothing" test ! -s "$T/stdout"

# Same seed, same bytes: threads, then shards merged.
for t in 1 2 3; do
    dcd mc $R -n 9000 --seed 7 --threads $t --keep-draws --percentiles 1,99.5 -q -o "$T/t$t"
    expect_rc "mc --threads $t: exit 0" 0
done
for f in quantiles.csv exceedance.csv draws.csv; do
    expect_same "$f: 1 and 2 threads" "$T/t1/bench-reference/$f" "$T/t2/bench-reference/$f"
    expect_same "$f: 1 and 3 threads" "$T/t1/bench-reference/$f" "$T/t3/bench-reference/$f"
done
check "--percentiles adds columns after p95" sh -c "head -n 1 '$T/t1/bench-reference/quantiles.csv' | grep -qx 'year,metric,mean,sd,p5,p10,p25,p50,p75,p90,p95,p1,p99.5'"
check "draws.csv: one row per draw" test "$(wc -l <"$T/t1/bench-reference/draws.csv")" -eq 9001
check "draws.csv header: draw, ok, the inputs, the outputs of 2030" sh -c "head -n 1 '$T/t1/bench-reference/draws.csv' | grep -q '^draw,ok,segments.ai_accel.shipments,.*,national.total_twh,dc_twh_2030,ai_twh_2030,dc_share_pct_2030$'"
dcd mc $R -n 9000 --seed 8 -q -o "$T/s8"
check "another seed gives other numbers" sh -c "test -s '$T/s8/bench-reference/quantiles.csv' && ! cmp -s '$T/t1/bench-reference/quantiles.csv' '$T/s8/bench-reference/quantiles.csv'"

for i in 1 2 3; do
    dcd mc $R -n 9000 --seed 7 --threads 2 --keep-draws --percentiles 1,99.5 --shard $i/3 -o "$T/sh$i"
    expect_rc "mc --shard $i/3: exit 0" 0
    check "shard $i/3 writes its state" test -s "$T/sh$i/bench-reference/mc-shard-$i-of-3.txt"
    check "shard $i/3 writes no quantiles" test ! -e "$T/sh$i/bench-reference/quantiles.csv"
done
dcd merge "$T/sh3/bench-reference" "$T/sh1/bench-reference" "$T/sh2/bench-reference/mc-shard-2-of-3.txt" -o "$T/m"
expect_rc "merge: exit 0" 0
for f in quantiles.csv exceedance.csv draws.csv; do
    expect_same "$f: 3 shards merged = one run" "$T/t1/bench-reference/$f" "$T/m/bench-reference/$f"
done
check "merge prints the table" grep -q '^dc_share_pct 2030 *> 12 ' "$T/stdout"
dcd merge --no-plots "$T/sh1/bench-reference" "$T/sh2/bench-reference" -o "$T/m2"
expect_rc "merge with a shard missing: exit 3" 3
check "merge with a shard missing: message" grep -qx 'dcdemand: merge: 2 shard files given for a run in 3 shards' "$T/stderr"
dcd merge --no-plots "$T/sh1/bench-reference" "$T/sh1/bench-reference" "$T/sh2/bench-reference" -o "$T/m2"
expect_rc "merge with a shard given twice: exit 3" 3
check "merge with a shard given twice: message" grep -qx 'dcdemand: merge: shard 2 of 3 is missing (or given twice)' "$T/stderr"
check "merge with a shard missing: no files" test ! -e "$T/m2"
dcd mc $R -n 9000 --seed 9 --keep-draws --percentiles 1,99.5 --shard 3/3 -q -o "$T/other"
dcd merge "$T/sh1/bench-reference" "$T/sh2/bench-reference" "$T/other/bench-reference" -o "$T/m3"
expect_rc "merge of shards of different runs: exit 3" 3
check "merge of shards of different runs: message" grep -q "mc-shard-3-of-3.txt: error: not a shard of the same run as" "$T/stderr"
printf 'dcdemand mc shard 3\nname x\n' >"$T/bad.txt"
cp "$T/bad.txt" "$T/mc-shard-1-of-1.txt"
dcd merge "$T/mc-shard-1-of-1.txt"
expect_rc "merge of a truncated state: exit 3" 3
check "merge of a truncated state: message" grep -qx "$T/mc-shard-1-of-1.txt: error: not a shard state written by \`dcdemand mc --shard\` (or truncated)" "$T/stderr"
# a whole state of the previous format (version 2: another generator) is refused
mkdir -p "$T/v2"
dcd mc $R -n 9000 --seed 9 --shard 1/1 -q -o "$T/v2"
sed '1s/^dcdemand mc shard 3$/dcdemand mc shard 2/' "$T/v2/bench-reference/mc-shard-1-of-1.txt" >"$T/v2/old.txt"
mv "$T/v2/old.txt" "$T/v2/bench-reference/mc-shard-1-of-1.txt"
dcd merge "$T/v2/bench-reference" -o "$T/v2m"
expect_rc "merge of a version-2 state: exit 3" 3
check "merge of a version-2 state: message" grep -q "mc-shard-1-of-1.txt: error: not a shard state written by" "$T/stderr"

# Failed draws: counted, reported, and over the limit an error (exit 4).
# National demand is drawn uniform in [40, 400] TWh and data centres use 50:
# a draw below 50 fails, 10/360 = 2.8 % of them (27 or 28 of 1,000 under
# Latin hypercube sampling).  The first failing draw named in the message is
# the first row of draws.csv with ok 0, and its shortfall is 50 - its draw.
dcd mc $F -n 1000 -o "$T/f"
expect_rc "more failed draws than --max-failed-pct: exit 4" 4
check "failed draws: the message" grep -Eqx "$F: error: 2[78] of 1000 draws \(2\.[78]%\) failed to project, more than --max-failed-pct 1 allows; the first, draw [0-9]+: national.total_twh: the base-year total is smaller than data-centre demand in 2023 \([0-9.]+ TWh short\)" "$T/stderr"
msg_draw=$(sed -n 's/.*the first, draw \([0-9]*\):.*/\1/p' "$T/stderr")
msg_short=$(sed -n 's/.*2023 (\([0-9.]*\) TWh short).*/\1/p' "$T/stderr")
check "failed draws: nothing written" test ! -e "$T/f"
dcd mc $F -n 1000 --max-failed-pct 5 --keep-draws -o "$T/f"
expect_rc "failed draws under the limit: exit 0" 0
check "failed draws under the limit: a note" grep -Eq "^dcdemand: note: 2[78] of 1000 draws failed to project and are left out of the statistics; the first, draw $msg_draw: " "$T/stderr"
check "the table counts them" grep -Eq '^mc-fails: 1000 draws \(2[78] failed\)' "$T/stdout"
check "draws.csv marks a failed draw with ok 0 and no outputs" grep -q "^$msg_draw,0,[0-9.]*,,,\$" "$T/f/mc-fails/draws.csv"
first_bad=$(awk -F, 'NR > 1 && $2 == 0 { print $1; exit }' "$T/f/mc-fails/draws.csv")
check "the message names the first failed draw of draws.csv ($first_bad)" test "$first_bad" = "$msg_draw"
awk -F, -v d="$msg_draw" -v s="$msg_short" '$1 == d { exit !(s - (50 - $3) < 1e-4 && (50 - $3) - s < 1e-4) }' "$T/f/mc-fails/draws.csv"
check "its shortfall is 50 TWh less its draw" test $? -eq 0
nbad=$(awk -F, 'NR > 1 && $2 == 0' "$T/f/mc-fails/draws.csv" | wc -l)
nlow=$(awk -F, 'NR > 1 && $3 < 50' "$T/f/mc-fails/draws.csv" | wc -l)
check "failed draws are exactly those below 50 TWh ($nbad, $nlow)" test "$nbad" -eq "$nlow" -a "$nbad" -gt 0

# --set reaches the uncertainty key.
dcd mc $C -n 2000 -q -o "$T/set" --set uncertainty.segments.dc.growth.max=0.2
awk -F, '$1 == 2030 && $2 == "dc_twh" { exit !($11 <= 176 * 1.2 ^ 7 + 1e-6) }' "$T/set/mc-closed/quantiles.csv"
check "--set narrows a distribution (P95 within the new max)" test $? -eq 0

# Options: exact messages, exit 2.
opt() { # NAME EXPECTED_LINE ARGS...
    name=$1 want=$2
    shift 2
    dcd mc "$@"
    if [ "$RC" -eq 2 ] && [ "$(head -n 1 "$T/stderr")" = "$want" ]; then pass "$name"; else
        fail "$name" "exit $RC: $(head -n 1 "$T/stderr")"; fi
}
opt "--draws 0" "dcdemand: --draws '0': expected a whole number 1-1000000000" $C -n 0
opt "--draws 1.5" "dcdemand: --draws '1.5': expected a whole number 1-1000000000" $C -n 1.5
opt "--threads 0" "dcdemand: --threads '0': expected a whole number 1-256" $C --threads 0
opt "--seed -1" "dcdemand: --seed '-1': expected a whole number 0-18446744073709551615" $C --seed -1
opt "--sampling sobol" "dcdemand: --sampling 'sobol': expected lhs or random" $C --sampling sobol
opt "--threshold without @" "dcdemand: --threshold 'dc_share_pct=11': expected METRIC@YEAR=VALUE, such as dc_share_pct@2030=11" $C --threshold dc_share_pct=11
opt "--threshold metric" "dcdemand: --threshold 'co2_mt@2030=1': 'co2_mt' is not a metric of mc (dc_twh, ai_twh, national_twh, other_twh, dc_share_pct, ai_share_pct, dc_load_gw, ai_load_gw)" $C --threshold co2_mt@2030=1
opt "--threshold year outside" "dcdemand: --threshold dc_share_pct@2040: the year is outside the scenario's years" $C --threshold dc_share_pct@2040=11
opt "--percentiles 150" "dcdemand: --percentiles '1,150': expected percentiles between 0 and 100 (not included) separated by commas, such as 1,99.5" $C --percentiles 1,150
opt "--shard 4/3" "dcdemand: --shard '4/3': expected I/N with 1 <= I <= N, such as 2/8" $C --shard 4/3
opt "--max-failed-pct" "dcdemand: --max-failed-pct '120': expected a percentage 0-100" $C --max-failed-pct 120
opt "no FILE" "dcdemand: missing scenario FILE" -n 10
opt "more shards than blocks" "dcdemand: --shard 2/2: 100 draws make 1 block of 4096 draws, so at most 1 shard" $C -n 100 --shard 2/2
dcd mc tests/golden/compare/a.yaml -n 10 -o "$T/none"
expect_rc "a scenario without uncertainty: exit 3" 3
check "a scenario without uncertainty: message" grep -q "a.yaml: error: the scenario has no uncertainty: key; give its uncertain inputs as distributions (docs/uncertainty.md)" "$T/stderr"

# No progress bar in a pipe, even for a longer run.
"$DCDEMAND_BIN" mc $R -n 200000 --threads 2 -o "$T/pipe" 2>&1 | cat >"$T/piped"
check "no progress bar in a pipe" sh -c "! grep -q \"\$(printf '\\r')\" '$T/piped' && ! grep -q '%' '$T/piped'"

# The other commands run the base values: the uncertain McKinsey scenario
# projects exactly as the medium case it extends.
dcd run -q --no-plots -o "$T/base" scenarios/mckinsey-2024.yaml scenarios/mckinsey-2024-uncertain.yaml
expect_rc "run on an uncertain scenario: exit 0" 0
expect_same "run ignores uncertainty: (the base values)" "$T/base/mckinsey-2024/summary.csv" "$T/base/mckinsey-2024-uncertain/summary.csv"
dcd validate scenarios/mckinsey-2024-uncertain.yaml bench/reference.yaml
expect_rc "the library's uncertain scenario and the benchmark validate" 0

# merge: a folder that does not exist is an input error (exit 3).
dcd merge "$T/nowhere"
expect_rc "merge of a missing folder: exit 3" 3
check "merge of a missing folder: message" grep -qx "dcdemand: merge: $T/nowhere: No such file or directory" "$T/stderr"

# Without 2030 in the years, the default thresholds are in the last year.
dcd mc $C -n 500 -q -o "$T/last" --set years.end=2028
expect_rc "mc on 2020-2028: exit 0" 0
check "default thresholds in the last year" grep -q '^dc_share_pct,2028,11,' "$T/last/mc-closed/exceedance.csv"

# Charts: golden scripts (UPDATE=1 rewrites them), pictures when gnuplot is
# there, the same pictures from a merge, none with --no-plots.
G=tests/golden/mc
dcd mc $C -n 2000 --threads 1 -q -o "$T/g"
for c in fan share_cdf; do
    if [ -n "${UPDATE:-}" ]; then
        cp "$T/g/mc-closed/$c.gp" $G/$c.gp
        echo "updated $G/$c.gp"
    else
        expect_same "golden script $c.gp" $G/$c.gp "$T/g/mc-closed/$c.gp"
    fi
    check "$c.gp: the scenario's text only in the datablock" grep -q '^set label 1 \$TEXT\[1\] ' "$T/g/mc-closed/$c.gp"
    check "$c.gp: on the shared frame (fixed plot area)" grep -q '^set lmargin at screen ' "$T/g/mc-closed/$c.gp"
    check "$c.gp: the sources footer" grep -qx 'Sources: Test source A (2024); Test source B (2025)' "$T/g/mc-closed/$c.gp"
done
FAN=$T/g/mc-closed/fan.gp
check "fan.gp draws the published figures as diamonds, without bars" sh -c "grep -q '\$PUBLISHED using 1:2 with points pointtype 13 .*title \"Published: data centres\"' '$FAN' && ! grep -q yerrorbars '$FAN'"
check "fan.gp draws the observed figures" grep -q 'title "Observed: data centres"' "$FAN"
check "fan.gp: the references of dc_share_pct, not of other metrics" sh -c "grep -qx 'Test band: 9-10% in 2027' '$FAN' && grep -qx 'Test line: 6%' '$FAN' && ! grep -q 'Not drawn' '$FAN'"
check "fan.gp: the band at 2027 and the line" sh -c "grep -q '^set object 1 rectangle from first 2026.7, first 9 to first 2027.3, first 10 ' '$FAN' && grep -q '^set arrow 2 from graph 0, first 6 to graph 1, first 6 ' '$FAN'"
check "fan.gp: the last observed year marked" grep -q '^set label 90 "base year 2023 "' "$FAN"
CDF=$T/g/mc-closed/share_cdf.gp
check "share_cdf.gp marks the thresholds with their probabilities" sh -c "grep -q 'P(share > %g%%) = %.3f' '$CDF' && test \$(sed -n '/^\$THRESHOLDS/,/^EOD/p' '$CDF' | grep -c '^[0-9]') -eq 3"
# The merged run draws the same charts (the references and sources travel in
# the shard states).
dcd mc $C -n 9000 --threads 1 -q -o "$T/g9"
for i in 1 2; do
    dcd mc $C -n 9000 --threads 1 -q --shard $i/2 -o "$T/gs$i"
done
dcd merge "$T/gs1/mc-closed" "$T/gs2/mc-closed" -q -o "$T/gm"
expect_rc "merge of the closed form: exit 0" 0
for c in fan share_cdf; do
    expect_same "$c.gp: 2 shards merged = one run" "$T/g9/mc-closed/$c.gp" "$T/gm/mc-closed/$c.gp"
done
# The uncertain McKinsey scenario: expect: [] (no published points), but
# the references it inherits are drawn.
dcd mc scenarios/mckinsey-2024-uncertain.yaml -n 200 -q -o "$T/mck"
check "uncertain McKinsey fan: its inherited references" sh -c "grep -qx 'McKinsey 2024: 11-12% in 2030' '$T/mck/mckinsey-2024-uncertain/fan.gp' && grep -qx 'McKinsey 2024: 3-4% in 2023' '$T/mck/mckinsey-2024-uncertain/fan.gp'"
check "uncertain McKinsey fan: no published points" sh -c "! grep -q PUBLISHED '$T/mck/mckinsey-2024-uncertain/fan.gp'"
if have_gnuplot; then
    expect_rc "mc with charts: exit 0" 0
    check "fan.png drawn" test -s "$T/g/mc-closed/fan.png"
    check "share_cdf.png drawn" test -s "$T/g/mc-closed/share_cdf.png"
    for c in fan share_cdf; do
        expect_same "$c.png: 3 shards merged = one run" "$T/t1/bench-reference/$c.png" "$T/m/bench-reference/$c.png"
    done
    for f in svg pdf; do
        dcd plot "$T/g/mc-closed" --format $f
        expect_rc "plot --format $f of an mc folder: exit 0" 0
        check "plot --format $f: fan.$f and share_cdf.$f" test -s "$T/g/mc-closed/fan.$f" -a -s "$T/g/mc-closed/share_cdf.$f"
    done
    dcd mc $C -n 2000 --threads 1 -q --no-plots -o "$T/g"
    check "--no-plots removes the old charts" sh -c "! ls '$T/g/mc-closed/'*.png '$T/g/mc-closed/'*.gp >/dev/null 2>&1"
else
    skip "mc charts" 10 "gnuplot is not installed"
fi

# Files: one set in a locked folder; no stale draws.csv; never through a link.
dcd mc $C -n 500 -q --no-plots --keep-draws -o "$T/set"
dcd mc $C -n 500 -q --no-plots -o "$T/set"
check "a run without --keep-draws removes an old draws.csv" test ! -e "$T/set/mc-closed/draws.csv"
check "no temporary file left" sh -c "! ls -a '$T/set/mc-closed' | grep -q tmp"
ln -s "$T/set" "$T/link"
dcd mc $C -n 500 -q --no-plots -o "$T/link"
expect_rc "an output folder behind a link: exit 5" 5
