#!/bin/sh
# tests/cli/test_solve.sh - `dcdemand solve`: goal seek (docs/solve.md).
. tests/cli/lib.sh

M=scenarios/mckinsey-2024.yaml
G=scenarios/goldman-2024.yaml

dcd solve --help
expect_rc "solve --help exits 0" 0
check "solve --help shows the usage" grep -q '^Usage: dcdemand solve' "$T/stdout"
check "solve --help shows exit status 7" grep -q '^  7   solve: no solution' "$T/stdout"

# The Goldman Sachs case: the growth that reaches the published 8%.
dcd solve -o "$T/g" $G --target dc_share_pct@2030=8 --vary segments.data_centres.growth
expect_rc "solve goldman exits 0" 0
check "solve prints the solution" grep -q '^  solution    segments.data_centres.growth = 0.157565' "$T/stdout"
check "solve prints the metric reached" grep -q '^  reached     dc_share_pct = 8 in 2030 (target 8)$' "$T/stdout"
check "solve notes where the projection stops working" grep -q '^  note: the projection fails above 0.587' "$T/stdout"
check "solve says where it wrote" grep -q "^wrote $T/g/goldman-2024-solved/\$" "$T/stdout"
D=$T/g/goldman-2024-solved
for f in summary.csv segments.csv results.json scenario.yaml share.png share.gp; do
    check "solve writes $f" test -s "$D/$f"
done
check "solved scenario.yaml says what was solved" grep -q '^# Solved by dcdemand solve: dc_share_pct in 2030 = 8' "$D/scenario.yaml"
check "solved scenario.yaml records the command" grep -q '^# Command: dcdemand solve -o ' "$D/scenario.yaml"
check "solved scenario is named NAME-solved" grep -q '^name: "goldman-2024-solved"' "$D/scenario.yaml"
# The solved scenario runs on its own to the same numbers, and passes check.
dcd run -o "$T/rerun" --no-plots "$D/scenario.yaml"
expect_rc "the solved scenario runs" 0
expect_same "the solved scenario's run is the one solve wrote" "$D/summary.csv" "$T/rerun/goldman-2024-solved/summary.csv"
dcd check "$D/scenario.yaml"
expect_rc "the solved scenario passes check" 0
dcd compare -o "$T/cmp" --no-plots $G "$D/scenario.yaml"
expect_rc "compare takes the original and the solved scenario" 0
check "compare shows the solved growth" grep -q 'segments.data_centres.growth' "$T/stdout"

# McKinsey, the AI growth series scaled; quiet prints the factor only.
dcd solve -q -o "$T/m" --no-plots $M --target dc_share_pct@2030=12 --vary segments.ai.growth
expect_rc "solve mckinsey exits 0" 0
check "quiet prints one number" grep -qx '1.02473[0-9]*' "$T/stdout"
check "--no-plots writes no charts" test ! -e "$T/m/mckinsey-2024-solved/share.png"
dcd solve -q -o "$T/m" --no-plots $M --target dc_share_pct@2030=12 --vary segments.ai.growth --mode shift
check "shift mode solves too" grep -qx '0.010317[0-9]*' "$T/stdout"
dcd solve -q -o "$T/m" --no-plots $M --target dc_share_pct@2030=12 --vary segments.ai.growth.2027
check "one point of a series is solved as a value" grep -qx '0.42406[0-9]*' "$T/stdout"

# Several inputs move together: both 2028 shipments scaled by one factor.
L25=scenarios/lbnl-2025-reference.yaml
dcd solve -o "$T/two" --no-plots $L25 --target dc_share_pct@2030=9.5 --vary segments.ai_training.shipments.2028,segments.ai_inference.shipments.2028
expect_rc "solve two inputs together exits 0" 0
check "two inputs: one factor" grep -q '^  solution    scale = 0.675319' "$T/stdout"
check "two inputs: both settings shown" grep -q '^              segments.ai_inference.shipments.2028=5091911' "$T/stdout"
check "two inputs: the training setting in the solved scenario" grep -q '^#   segments.ai_training.shipments.2028=2741798' "$T/two/lbnl-2025-reference-solved/scenario.yaml"
dcd check scenarios/lbnl-2025-low.yaml
expect_rc "the library's low case (derived this way) passes check" 0

# Not bracketed: exit 7, the metric at both bounds, nothing written.
dcd solve -o "$T/nb" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --bounds 0:0.5
expect_rc "a target outside the bounds exits 7" 7
check "not bracketed: the metric at both bounds" grep -q '^  dc_share_pct in 2030: 3.344320654 at 0, 5.665882427 at 0.5$' "$T/stdout"
echo "dcdemand: the target 12 is not bracketed: dc_share_pct in 2030 stays below it between the bounds 0 and 0.5 (widen --bounds?)" >"$T/want"
expect_same "not bracketed: message" "$T/want" "$T/stderr"
check "not bracketed: nothing written" test ! -e "$T/nb"

# Unused input: exit 7 and says so.
dcd solve -o "$T/un" $M -s pue=1.3 --target dc_share_pct@2030=12 --vary pue
expect_rc "an unused input exits 7" 7
echo "dcdemand: dc_share_pct in 2030 does not move with pue: the input is unused (is it overridden elsewhere?)" >"$T/want"
expect_same "unused input: message" "$T/want" "$T/stderr"

# Bad options and paths: exact messages, exit 2, nothing written.
bad() { # NAME EXPECTED-MESSAGE ARGS...
    name=$1 msg=$2
    shift 2
    dcd solve -o "$T/bad" "$@"
    expect_rc "$name exits 2" 2
    printf 'dcdemand: %s\nTry '"'"'dcdemand solve --help'"'"' for more information.\n' "$msg" >"$T/want"
    expect_same "$name: message" "$T/want" "$T/stderr"
    check "$name: nothing written" test ! -e "$T/bad"
}
bad "not an input" "--vary segments.ai.colour is not an input of $M (no such value in the scenario)" $M --target dc_share_pct@2030=12 --vary segments.ai.colour
bad "a path ending in a dot" "--vary pue. is not an input of $M (no such value in the scenario)" $M -s pue=1.3 --target dc_share_pct@2030=12 --vary pue.
bad "not a number" "--vary name is not a number (it is 'mckinsey-2024')" $M --target dc_share_pct@2030=12 --vary name
bad "a series as one value" "--vary segments.ai.growth is a series of years: vary it with --mode scale or shift, or one point of it (segments.ai.growth.2024)" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --mode value
bad "target without @" "--target 'dc_share_pct=12': expected METRIC@YEAR=VALUE, for example dc_share_pct@2030=12" $M --target dc_share_pct=12 --vary segments.ai.growth
bad "target metric" "--target 'dc_shares@2030=12': 'dc_shares' is not a column of summary.csv (dc_twh, dc_share_pct, ai_twh, dc_it_gw, ...)" $M --target dc_shares@2030=12 --vary segments.ai.growth
bad "target year" "--target 'dc_share_pct@20x0=12': expected a year 1900-2200 after '@'" $M --target dc_share_pct@20x0=12 --vary segments.ai.growth
bad "target value" "--target 'dc_share_pct@2030=twelve': expected a number after '='" $M --target dc_share_pct@2030=twelve --vary segments.ai.growth
bad "bounds" "--bounds '2:1': expected LO:HI, two numbers with LO < HI" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --bounds 2:1
bad "mode" "--mode 'double': expected value, scale or shift" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --mode double
bad "xtol" "--xtol '0': expected a positive number" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --xtol 0
bad "ftol" "--ftol 'x': expected a positive number" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --ftol x
bad "max-iter" "--max-iter '0': expected a whole number 1-100000" $M --target dc_share_pct@2030=12 --vary segments.ai.growth --max-iter 0

# Every numeric option reads its number by the rule of every command
# (dcd_cli_number): empty, leading space, trailing text, nan, inf and
# numbers out of double's range are refused with the option's message.
TV="--target dc_share_pct@2030=12 --vary segments.ai.growth"
for v in '' ' 1' 1x 0x nan -nan inf -inf infinity 1e999 -1e999 1e-400; do
    bad "--xtol '$v'" "--xtol '$v': expected a positive number" $M $TV --xtol "$v"
    bad "--ftol '$v'" "--ftol '$v': expected a positive number" $M $TV --ftol "$v"
    bad "--max-iter '$v'" "--max-iter '$v': expected a whole number 1-100000" $M $TV --max-iter "$v"
    bad "--target value '$v'" "--target 'dc_share_pct@2030=$v': expected a number after '='" \
        $M --target "dc_share_pct@2030=$v" --vary segments.ai.growth
    bad "--target year '$v'" "--target 'dc_share_pct@$v=12': expected a year 1900-2200 after '@'" \
        $M --target "dc_share_pct@$v=12" --vary segments.ai.growth
    bad "--bounds LO '$v'" "--bounds '$v:2': expected LO:HI, two numbers with LO < HI" $M $TV --bounds "$v:2"
    bad "--bounds HI '$v'" "--bounds '0:$v': expected LO:HI, two numbers with LO < HI" $M $TV --bounds "0:$v"
done
for v in 0 -1e-9; do
    bad "--xtol '$v'" "--xtol '$v': expected a positive number" $M $TV --xtol "$v"
    bad "--ftol '$v'" "--ftol '$v': expected a positive number" $M $TV --ftol "$v"
done
for v in 0 2.5 100001 -3; do
    bad "--max-iter '$v'" "--max-iter '$v': expected a whole number 1-100000" $M $TV --max-iter "$v"
done
for v in 1899 2200.5 2201; do
    bad "--target year '$v'" "--target 'dc_share_pct@$v=12': expected a year 1900-2200 after '@'" \
        $M --target "dc_share_pct@$v=12" --vary segments.ai.growth
done
for v in 1 1:2:3 2:2; do
    bad "--bounds '$v'" "--bounds '$v': expected LO:HI, two numbers with LO < HI" $M $TV --bounds "$v"
done
# The same rule accepts what strtod reads in full: exponents, a sign.
dcd solve -q --no-plots -o "$T/num" $M --target dc_share_pct@2.03e3=+1.2e1 --vary segments.ai.growth \
    --xtol 1E-10 --ftol +1e-9 --max-iter 1e2 --bounds -0.5:2e0
expect_rc "numbers with exponents and signs are read" 0
dcd solve -q --no-plots -o "$T/num2" $M --target dc_share_pct@2030=12 --vary segments.ai.growth
cmp -s "$T/num/mckinsey-2024-solved/summary.csv" "$T/num2/mckinsey-2024-solved/summary.csv"
check "2.03e3 is the year 2030 and +1.2e1 the value 12" test $? -eq 0

bad "missing target" "missing --target METRIC@YEAR=VALUE" $M --vary segments.ai.growth
bad "missing vary" "missing --vary PATH" $M --target dc_share_pct@2030=12
bad "empty vary" "missing --vary PATH" $M --target dc_share_pct@2030=12 --vary ,
bad "vary twice" "--vary pue is given twice" $M -s pue=1.3 --target dc_share_pct@2030=12 --vary pue,pue
bad "missing file" "missing scenario FILE" --target dc_share_pct@2030=12 --vary segments.ai.growth
bad "two files" "give exactly one scenario FILE" $M $G --target dc_share_pct@2030=12 --vary segments.ai.growth
bad "metric without a value" "--target: co2_mt has no value in 2030 in $G (the scenario does not determine it)" $G --target co2_mt@2030=50 --vary segments.data_centres.growth
bad "unknown key range" "--vary years.base: no allowed range is known for 'base'; give --bounds LO:HI" $M --target dc_share_pct@2030=12 --vary years.base

bad "year outside the scenario" "--target: 2040 is outside the years of $M (2020-2035)" $M --target dc_share_pct@2040=12 --vary segments.ai.growth

# An invalid scenario is reported as by run (exit 3).
dcd solve -o "$T/bad" tests/errors/range-utilisation-idle.yaml --target dc_share_pct@2030=12 --vary segments.ai.growth
expect_rc "an invalid scenario exits 3" 3

# Every scenario of the library: the national demand that puts the last
# year's share 10% higher is found, and the solved scenario reaches it.
for f in scenarios/*.yaml; do
    dcd run -q --no-plots -o "$T/lib" "$f"
    [ "$RC" -eq 0 ] || { fail "library: $f runs" "exit $RC"; continue; }
    dcd show "$f"
    key=$(grep -E '^  (total_twh|other_twh|forecast_twh):' "$T/stdout" | head -n 1 | sed 's/^  \([a-z_]*\):.*/\1/')
    name=$(sed -n 's/^name: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$T/stdout")
    last=$(tail -n 1 "$T/lib/$name/summary.csv")
    year=${last%%,*}
    target=$(echo "$last" | awk -F, '{ printf "%.6f", $5 * 1.1 }')
    dcd solve -o "$T/lib-solved" --no-plots "$f" --target "dc_share_pct@$year=$target" --vary "national.$key"
    expect_rc "library: solve national.$key in $f" 0
    got=$(awk -F, -v y="$year" '$1 == y { printf "%.6f", $5 }' "$T/lib-solved/$name-solved/summary.csv")
    check "library: the solved $name reaches $target in $year" test "$got" = "$target"
done

# The common options come from the shared parser (dcd_cli_parse): the same
# messages as every other command.
bad "common: empty output folder" "empty output folder" $M --target dc_share_pct@2030=12 --vary pue -o ''
bad "common: unknown option" "unrecognized option '--bogus'" $M --bogus
bad "common: -s without its argument" "option '-s' requires an argument" $M -s
bad "common: --max-iter out of range" "--max-iter '0': expected a whole number 1-100000" $M --max-iter 0
dcd solve --help
expect_rc "solve --help exits 0" 0
check "solve --help ends with the exit status table" grep -q '^Exit status:' "$T/stdout"
