#!/bin/sh
# tests/cli/test_numbers.sh - every numeric option of every command reads its
# number by the one rule (dcd_cli_number, dcd_cli_whole in
# model/cli/cli_progress.c; docs/dcdemand.1, EXIT STATUS 2): each bad form
# (empty, leading space, trailing text, hexadecimal, nan, inf, beyond
# double's range, out of the option's range, a fraction for a whole number)
# gives the option's one message "--OPT 'ARG': expected ...", exit status 2,
# nothing on standard output and nothing written; and the good forms the rule
# allows ("+12", "2.03e3") are read as their value.
. tests/cli/lib.sh

A=tests/golden/compare/a.yaml
B=tests/golden/compare/b.yaml
C=tests/golden/mc/closed.yaml
K=tests/golden/sens/known.yaml
L=scenarios/lbnl-2024-history.yaml
M=scenarios/mckinsey-2024.yaml
FIT=segments.conventional.growth,segments.accelerated.growth

# The forms no numeric option takes, then those beyond every option's range
# (numbers all the same: for a whole number, the range is checked first).
NAN="'' ' 1' '1 ' 1x 0x10 0x1p3 nan -nan inf -inf infinity 1e999 -1e999 1e-400"
BAD="$NAN 1e300 -1e300"

# Arguments that make each command write $T/out when its options are good
# (so that "nothing written" can fail), by command.
args_of() {
    case $1 in
    calibrate) echo "$L --fit $FIT" ;;
    compare) echo "$A $B --no-plots" ;;
    report) echo "$A $B --no-plots" ;;
    mc) echo "$C -n 100 --no-plots" ;;
    sensitivity) echo "$K -n 16 --bootstrap 0 --no-plots" ;;
    solve) echo "$M --target dc_share_pct@2030=12 --vary segments.ai.growth --no-plots" ;;
    sweep) echo "$A --vary segments.ai.utilisation=0.5 --no-plots" ;;
    esac
}

# bad CMD OPTION ARG-TEMPLATE MESSAGE-TAIL VALUES: for each VALUE, ARG is
# ARG-TEMPLATE with V replaced by VALUE; the command must print exactly
# "dcdemand: OPTION 'ARG': MESSAGE-TAIL" and its hint, exit 2, print nothing
# on standard output and write nothing.
bad() {
    cmd=$1 opt=$2 tmpl=$3 tail=$4
    eval "set -- $5"
    for v; do
        arg=${tmpl%%V*}$v${tmpl#*V}
        what="$cmd $opt '$arg'"
        if [ "$cmd" = plot ]; then
            ls -R "$P" >"$T/before"
            dcd plot "$P" "$opt" "$arg"
            ls -R "$P" >"$T/after"
        else
            rm -rf "$T/out"
            # shellcheck disable=SC2046 # the arguments are words
            dcd "$cmd" $(args_of "$cmd") -o "$T/out" "$opt" "$arg"
        fi
        expect_rc "$what: exit 2" 2
        printf "dcdemand: %s '%s': %s\nTry 'dcdemand %s --help' for more information.\n" \
            "$opt" "$arg" "$tail" "$cmd" >"$T/want"
        expect_same "$what: message" "$T/want" "$T/stderr"
        check "$what: nothing on standard output" test ! -s "$T/stdout"
        if [ "$cmd" = plot ]; then
            expect_same "$what: nothing written" "$T/before" "$T/after"
        else
            check "$what: nothing written" test ! -e "$T/out"
        fi
    done
}

# The good arguments are accepted (the checks above could not pass by a
# command that refuses everything).
for cmd in calibrate compare report mc sensitivity solve sweep; do
    # shellcheck disable=SC2046
    dcd "$cmd" $(args_of "$cmd") -q -o "$T/ok-$cmd"
    expect_rc "$cmd $(args_of "$cmd"): exit 0" 0
    check "$cmd: writes its output" test -d "$T/ok-$cmd"
done
dcd run $A --no-plots -q -o "$T/run"
P=$T/run/golden-a

# calibrate
bad calibrate --max-iter V "expected a whole number 1-100000" "$BAD 0 -1 2.5 100001 -0.5 2.0000000000000001"

# compare and report: --years, a list of years; compare --width
y="expected years 1900-2200 separated by commas, for example 2025,2030"
for cmd in compare report; do
    bad "$cmd" --years V "$y" "$BAD 1899 2201 2030.5 2030.0000000000001"
    bad "$cmd" --years 2025,V "$y" "$BAD 1899 2030.5"
    bad "$cmd" --years V,2030 "$y" "$BAD 1899 2030.5"
done
bad compare --years V "$y" "'2025, 2030' 2025, ,2025 2025,,2030 '2025;2030' '2025 2030'"
bad compare --width V "expected a whole number 40-1000" "$BAD 39 1001 80.5 80.00000000000001"

# mc
bad mc --draws V "expected a whole number 1-1000000000" "$BAD 0 -5 1.5 1000000001 1e9.5 2.0000000000000001"
bad mc --seed V "expected a whole number 0-18446744073709551615" \
    "$BAD -1 ' -1' 1.5 18446744073709551616 99999999999999999999 1e17 2.0000000000000001 \
     9007199254740992e0 9.007199254740993e15"
bad mc --threads V "expected a whole number 1-256" "$BAD 0 257 1.5 2.0000000000000001"
bad mc --threshold dc_share_pct@V=11 "expected a year 1900-2200 after '@'" \
    "$BAD 1899 2201 2030.5 2030.0000000000001"
bad mc --threshold dc_share_pct@2030=V "expected a number after '='" "$NAN"
bad mc --percentiles V \
    "expected percentiles between 0 and 100 (not included) separated by commas, such as 1,99.5" \
    "$BAD 0 100 -1 1,nan 1,1e999 inf,99 1,,99 1, ,1 ' 1,99' '1, 99'"
bad mc --max-failed-pct V "expected a percentage 0-100" "$BAD -0.5 100.5"
bad mc --shard V/2 "expected I/N with 1 <= I <= N, such as 2/8" "$BAD 0 3 1.5 1.0000000000000001"
bad mc --shard 1/V "expected I/N with 1 <= I <= N, such as 2/8" "$BAD 0 100001 1.5 2.0000000000000001"

# sensitivity
bad sensitivity --year V "expected a year 1900-2200" "$BAD 1899 2201 2030.5 2030.0000000000001"
bad sensitivity --base-rows V "expected a whole number 2-1000000" "$BAD 1 1000001 2.5 2.0000000000000001"
bad sensitivity --seed V "expected a whole number 0-18446744073709551615" "$BAD -1 1.5 2.0000000000000001"
bad sensitivity --threads V "expected a whole number 1-256" "$BAD 0 257 1.5 2.0000000000000001"
bad sensitivity --bootstrap V "expected a whole number 0-100000" "$BAD -1 100001 1.5 2.0000000000000001"
bad sensitivity --confidence V "expected a level between 0 and 1, such as 0.95" "$BAD 0 1 -0.5"
bad sensitivity --shard V/2 "expected I/N with 1 <= I <= N, such as 2/8" "$BAD 0 3 1.5 1.0000000000000001"

# solve and sweep (test_solve.sh and test_sweep.sh test each option more):
# hexadecimal, a number of the wrong size, a fraction that rounds to whole
bad solve --max-iter V "expected a whole number 1-100000" "0x10 1e300 -1e300 2.0000000000000001"
bad solve --xtol V "expected a positive number" "0x10 0x1p3"
bad solve --target dc_share_pct@V=12 "expected a year 1900-2200 after '@'" "0x7ee 1e300 2030.0000000000001"
bad sweep --year V "expected a year 1900-2200" "0x7ee 1e300 -1e300 2030.0000000000001"
bad sweep --target V "expected a number" "0x10 0x1p3"

# plot (it writes into the results folder: nothing new there)
bad plot --size Vx720 "expected WIDTHxHEIGHT, whole pixels from 320x240 to 8000x8000" \
    "$BAD 319 8001 800.5 800.0000000000001"
bad plot --size 1200xV "expected WIDTHxHEIGHT, whole pixels from 320x240 to 8000x8000" \
    "$BAD 239 8001 720.5 720x3 720.0000000000001"
bad plot --plot-timeout V "expected whole seconds 1-86400" "$BAD 0 86401 1.5 2.0000000000000001"

# The good forms, read as their value.
dcd compare $A $B --no-plots --years +2.03e3 -o "$T/y"
expect_rc "compare --years +2.03e3: exit 0" 0
check "compare --years +2.03e3 is the year 2030" grep -Eq '^  dc_twh +TWh +2030 ' "$T/stdout"
dcd mc $C -n 100 --no-plots -q --seed 1e3 --threads 2.0 -o "$T/s1"
dcd mc $C -n 100 --no-plots -q --seed 1000 --threads 2 -o "$T/s2"
check "mc --seed 1e3 is the seed 1000" cmp -s "$T/s1/mc-closed/quantiles.csv" "$T/s2/mc-closed/quantiles.csv"
dcd mc $C -n 100 --no-plots -q --seed 1001 -o "$T/s3"
check "(another seed gives other numbers)" differ "$T/s1/mc-closed/quantiles.csv" "$T/s3/mc-closed/quantiles.csv"
dcd mc $C -n 100 --no-plots -q --seed 18446744073709551615 -o "$T/s4"
expect_rc "mc --seed 2^64-1 (digits beyond double's whole numbers): exit 0" 0
dcd mc $C -n 100 --no-plots -q --seed 9.007199254740991e15 -o "$T/s5"
dcd mc $C -n 100 --no-plots -q --seed 9007199254740991 -o "$T/s6"
check "mc --seed 9.007199254740991e15 is the seed 2^53-1" \
    cmp -s "$T/s5/mc-closed/quantiles.csv" "$T/s6/mc-closed/quantiles.csv"
dcd mc $C -n 100 --no-plots -q --seed 9007199254740990 -o "$T/s7"
check "(the seed 2^53-2 gives other numbers)" differ "$T/s6/mc-closed/quantiles.csv" "$T/s7/mc-closed/quantiles.csv"
dcd sensitivity $K -n 16 --bootstrap 0 --no-plots --year 20300e-1 -o "$T/y2"
expect_rc "sensitivity --year 20300e-1: exit 0" 0
check "sensitivity --year 20300e-1 is the year 2030" grep -q ' in 2030' "$T/stdout"
dcd plot --scripts-only --size 8e2X5.0e2 --plot-timeout +1.2e2 "$P"
expect_rc "plot --size 8e2X5.0e2 --plot-timeout +1.2e2: exit 0" 0
check "plot --size 8e2X5.0e2 is 800x500" grep -q 'set terminal pngcairo size 800,500 ' "$P/share.gp"

# --percentiles: at most 32 besides the defaults (5, 10, 25, 50, 75, 90, 95,
# and one given twice, count once).
P32=1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,26,27,28,29,30,31,32,33,34,34,36,50
dcd mc $C -n 100 --no-plots -q --percentiles $P32 -o "$T/p32"
expect_rc "mc --percentiles: 32 more: exit 0" 0
check "mc --percentiles: 32 more columns" \
    sh -c "head -n 1 '$T/p32/mc-closed/quantiles.csv' | tr , '\n' | grep -c '^p' | grep -qx 39"
dcd mc $C -n 100 --no-plots -q --percentiles $P32,35 -o "$T/p33"
expect_rc "mc --percentiles: 33 more: exit 2" 2
check "mc --percentiles: 33 more: message" grep -qxF \
    "dcdemand: --percentiles '$P32,35': at most 32 besides the defaults" "$T/stderr"
check "mc --percentiles: 33 more: nothing written" test ! -e "$T/p33"
