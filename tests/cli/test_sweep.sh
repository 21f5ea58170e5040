#!/bin/sh
# tests/cli/test_sweep.sh - `dcdemand sweep`: every grid point gives the
# numbers of `dcdemand run --set` with the same values; ranges include TO;
# bad --vary syntax and invalid points are reported clearly.
. tests/cli/lib.sh

A=tests/golden/compare/a.yaml
P=segments.ai.utilisation

# sweep_rows CSV PREFIX: the rows of CSV whose parameter columns are PREFIX,
# without those columns.
sweep_rows() { grep "^$2," "$1" | cut -d, -f"$(($(echo "$2" | tr -cd , | wc -c) + 2))"-; }

# One parameter, a range whose last step is not exact in floating point.
dcd sweep $A --vary $P=0.3:0.9:0.3 --no-plots -o "$T/sw1"
expect_rc "sweep one parameter: exit 0" 0
check "sweep.csv exists" test -s "$T/sw1/sweep.csv"
check "sweep table: the value in 2030 per point" grep -q '^ *0.6  *[0-9.]*$' "$T/stdout"
head -n 1 "$T/sw1/sweep.csv" >"$T/head1"
dcd run $A --no-plots -q -o "$T/base"
printf '%s,%s\n' "$P" "$(head -n 1 "$T/base/golden-a/summary.csv")" >"$T/head2"
expect_same "sweep.csv header: the parameter, then summary.csv's columns" "$T/head2" "$T/head1"
for v in 0.3 0.6 0.9; do
    dcd run $A --set $P=$v --no-plots -q -o "$T/run$v"
    expect_rc "run --set $P=$v" 0
    tail -n +2 "$T/run$v/golden-a/summary.csv" >"$T/want$v"
    sweep_rows "$T/sw1/sweep.csv" "$v" >"$T/got$v"
    expect_same "sweep point $P=$v: the numbers of run --set" "$T/want$v" "$T/got$v"
done
rows=$(($(wc -l <"$T/sw1/sweep.csv") - 1))
if [ "$rows" -eq 24 ]; then pass "sweep: 3 points x 8 years"; else fail "sweep: 3 points x 8 years" "$rows rows"; fi

# FROM + i STEP with TO included: 0.1:0.3:0.1 has 0.3 (0.1 + 0.1 + 0.1 would not).
dcd sweep $A --vary $P=0.1:0.3:0.1 --no-plots -q -o "$T/sw2"
expect_rc "sweep 0.1:0.3:0.1: exit 0" 0
check "sweep 0.1:0.3:0.1 includes 0.3" grep -q '^0.3,2030,' "$T/sw2/sweep.csv"
check "sweep 0.1:0.3:0.1 has no 0.30000000000000004" sh -c "! grep -q '^0.3000' '$T/sw2/sweep.csv'"

# Two parameters, one as a list: a point equals run with both --set.
dcd sweep $A --vary $P=0.5,0.8 --vary national.growth=0.01:0.03:0.01 --metric dc_twh \
    --year 2028 --no-plots -o "$T/sw3"
expect_rc "sweep two parameters: exit 0" 0
rows=$(($(wc -l <"$T/sw3/sweep.csv") - 1))
if [ "$rows" -eq 48 ]; then pass "sweep: 2 x 3 points x 8 years"; else fail "sweep: 2 x 3 points x 8 years" "$rows rows"; fi
dcd run $A --set $P=0.8 --set national.growth=0.02 --no-plots -q -o "$T/run2"
tail -n +2 "$T/run2/golden-a/summary.csv" >"$T/want2"
sweep_rows "$T/sw3/sweep.csv" "0.8,0.02" >"$T/got2"
expect_same "sweep point (0.8, 0.02): the numbers of run --set" "$T/want2" "$T/got2"

# Usage errors: exit 2 and a message that says what is wrong.
bad_vary() { # NAME EXPECTED-MESSAGE ARGS...
    name=$1
    msg=$2
    shift 2
    dcd sweep $A "$@" --no-plots -o "$T/bad"
    expect_rc "$name: exit 2" 2
    check "$name: message" grep -q -- "$msg" "$T/stderr"
}
bad_vary "range of two numbers" "a range is FROM:TO:STEP" --vary $P=0.3:0.9
bad_vary "a word in a list" "'high' is not a number" --vary $P=0.3,high
bad_vary "step 0" "STEP must not be 0" --vary $P=0.3:0.9:0
bad_vary "step away from TO" "goes away from TO" --vary $P=0.9:0.3:0.1
bad_vary "no '='" "expected PATH=FROM:TO:STEP" --vary $P
bad_vary "three --vary" "at most two --vary" --vary $P=1 --vary a=1 --vary b=1
bad_vary "one path twice" "given twice" --vary $P=0.5 --vary $P=0.6
bad_vary "grid too large" "at most 10000" --vary $P=0:1:0.005 --vary national.growth=0:0.1:0.001
bad_vary "unknown metric" "not a column of summary.csv" --vary $P=0.5 --metric dc_gwh
bad_vary "year outside the scenario" "outside the years" --vary $P=0.5 --year 2040
bad_vary "no --vary" "missing --vary" --year 2030
check "usage errors write nothing" test ! -e "$T/bad"

# --target and --year read their number by the rule of every command
# (dcd_cli_number): exact message, exit 2, nothing written.
bad_num() { # NAME EXPECTED-MESSAGE ARGS...
    name=$1 msg=$2
    shift 2
    dcd sweep $A --vary $P=0.5 --no-plots -o "$T/bad" "$@"
    expect_rc "$name: exit 2" 2
    printf 'dcdemand: %s\nTry '"'"'dcdemand sweep --help'"'"' for more information.\n' "$msg" >"$T/want"
    expect_same "$name: message" "$T/want" "$T/stderr"
    check "$name: nothing written" test ! -e "$T/bad"
}
for v in '' ' 1' 1x nan -nan inf -inf 1e999 -1e999 1e-400; do
    bad_num "--target '$v'" "--target '$v': expected a number" --target "$v"
    bad_num "--year '$v'" "--year '$v': expected a year 1900-2200" --year "$v"
done
for v in 1899 2030.5 2201; do
    bad_num "--year '$v'" "--year '$v': expected a year 1900-2200" --year "$v"
done
dcd sweep $A --vary $P=0.5,0.8 --no-plots -o "$T/num" --year 2.03e3 --target +1e1
expect_rc "--year 2.03e3 --target +1e1: exit 0" 0
check "--target +1e1 is the value 10" grep -q '^target: dc_share_pct = 10 % in 2030: ' "$T/stdout"

# An invalid grid point names the point, and its --vary.
dcd sweep $A --vary $P=0.5,1.5 --no-plots -o "$T/bad2"
expect_rc "invalid grid point: exit 3" 3
check "invalid grid point: the point is named" grep -q "grid point $P=1.5" "$T/stderr"
check "invalid grid point: located as --vary[1]" grep -q '^--vary\[1\]:1:25: error:' "$T/stderr"

# Charts: curves and the year chart for one parameter, a heat map for two.
if command -v "${DCDEMAND_GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    dcd sweep $A --vary $P=0.3:0.9:0.3 -q -o "$T/c1"
    expect_rc "sweep charts, one parameter: exit 0" 0
    check "sweep_curves.png" sh -c "head -c 4 '$T/c1/sweep_curves.png' | grep -q PNG"
    check "sweep_year.png" sh -c "head -c 4 '$T/c1/sweep_year.png' | grep -q PNG"
    dcd sweep $A --vary $P=0.5,0.8 --vary national.growth=0.01:0.03:0.01 -q -o "$T/c2"
    expect_rc "sweep charts, two parameters: exit 0" 0
    check "sweep_heatmap.png" sh -c "head -c 4 '$T/c2/sweep_heatmap.png' | grep -q PNG"
    check "heat map labels its axes from \$TEXT" grep -q '^set xlabel \$TEXT\[3\] noenhanced' \
        "$T/c2/sweep_heatmap.gp"
else
    skip "sweep charts" 6 "gnuplot is not installed (make deps)"
fi

# A parameter that something else overrides is pointed out: McKinsey's
# segments have their own PUE, so the fleet-wide one changes nothing.
dcd sweep -o "$T/noeffect" --no-plots scenarios/mckinsey-2024.yaml --vary pue=1.1:1.5:0.2
expect_rc "sweep of an overridden value still runs" 0
check "sweep of an overridden value says it changes nothing" \
    grep -q "note: varying pue leaves dc_share_pct unchanged in every year" "$T/stderr"
dcd sweep -o "$T/effect" --no-plots scenarios/mckinsey-2024.yaml --vary segments.ai.pue=1.1:1.5:0.2
check "sweep of an effective value has no such note" test ! -s "$T/stderr"

# The common --set is recorded: scenario.yaml beside sweep.csv is the
# scenario every point starts from, its comments list the --set (escaped)
# and the --vary; run with a point's value it gives that point's rows.
dcd sweep $A --vary $P=0.5,0.8 --set national.growth=0.0237 --set 'description=two
lines' --no-plots -o "$T/rec"
expect_rc "sweep with --set: exit 0" 0
check "sweep writes scenario.yaml" test -s "$T/rec/scenario.yaml"
check "sweep names scenario.yaml" grep -q "^wrote $T/rec/sweep.csv (2 points), scenario.yaml\$" "$T/stdout"
check "scenario.yaml lists the --set" grep -qx '# --set national.growth=0.0237' "$T/rec/scenario.yaml"
check "scenario.yaml escapes a line break in a --set" \
    grep -qx '# --set description=two\\x0Alines' "$T/rec/scenario.yaml"
check "scenario.yaml lists the --vary" grep -q "^# --vary $P: 2 values from 0.5 to 0.8" "$T/rec/scenario.yaml"
check "scenario.yaml holds the --set value" grep -q 'growth: 0.0237' "$T/rec/scenario.yaml"
dcd run "$T/rec/scenario.yaml" --set $P=0.8 -q -o "$T/rerun"
expect_rc "scenario.yaml runs" 0
grep '^0.8,' "$T/rec/sweep.csv" | cut -d, -f2- >"$T/point.csv"
tail -n +2 "$T/rerun"/*/summary.csv >"$T/rerun.csv"
expect_same "scenario.yaml with the point's value gives the point's rows" "$T/point.csv" "$T/rerun.csv"
dcd sweep $A --vary $P=0.5,0.8 --no-plots -o "$T/noset"
check "scenario.yaml without --set says so" grep -qx '# (no --set)' "$T/noset/scenario.yaml"
# The table names the parameter as the schema does, with its unit.
check "sweep table: the parameter's meaning and unit" grep -q "^  $P: .* (fraction)\$" "$T/stdout"
check "sweep table: the metric's label" grep -q '^golden-a: dc_share_pct (%: Data centres, share of national demand) in 2030$' "$T/stdout"
