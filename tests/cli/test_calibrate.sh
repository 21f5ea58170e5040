#!/bin/sh
# tests/cli/test_calibrate.sh - `dcdemand calibrate`: fitting to history
# (docs/solve.md).
. tests/cli/lib.sh

L=scenarios/lbnl-2024-history.yaml
FIT=segments.conventional.growth,segments.accelerated.growth

dcd calibrate --help
expect_rc "calibrate --help exits 0" 0
check "calibrate --help shows the usage" grep -q '^Usage: dcdemand calibrate' "$T/stdout"

# LBNL's history from the scenario's own history: entries.
dcd calibrate -o "$T/c" $L --fit $FIT
expect_rc "calibrate lbnl history exits 0" 0
check "reports R-squared" grep -q '^  R-squared 0\.99' "$T/stdout"
check "reports a standard error for each estimate" grep -Eq '^  segments.accelerated.growth +value +0\.49[0-9]* +0\.01[0-9]*$' "$T/stdout"
check "reports each observation's residual" grep -Eq '^ +2016 dc_twh +60\.0000 +[0-9.]+ +-[0-9.]+$' "$T/stdout"
check "reports the condition number" grep -q '^  condition number ' "$T/stdout"
check "no warning for an identifiable fit" test ! -s "$T/stderr"
D=$T/c/lbnl-2024-history-calibrated
for f in summary.csv segments.csv results.json scenario.yaml share.png calibration.png calibration.gp; do
    check "calibrate writes $f" test -s "$D/$f"
done
check "calibrated scenario.yaml says what was fitted" grep -q '^# Calibrated by dcdemand calibrate to 4 observations of dc_twh' "$D/scenario.yaml"
check "calibrated scenario.yaml records the command" grep -q '^# Command: dcdemand calibrate -o ' "$D/scenario.yaml"
check "the chart's text is in a datablock" grep -q '^set label 1 \$TEXT\[1\] ' "$D/calibration.gp"
check "the chart is on the shared frame (the run charts' plot area)" sh -c "grep '^set [lrtb]margin at screen' '$D/calibration.gp' | cmp -s - /dev/stdin <<EOF
\$(grep '^set [lrtb]margin at screen' '$D/share.gp' | head -3)
\$(grep '^set bmargin at screen' '$D/calibration.gp')
EOF"
check "the chart has the scenario's sources footer" grep -q '^Sources: Shehabi et al' "$D/calibration.gp"
check "the chart marks the last observed year" grep -q '^set label 90 "last observed 2023 "' "$D/calibration.gp"
if command -v gnuplot >/dev/null 2>&1; then
    dcd plot "$D" --format svg
    expect_rc "plot --format svg of a calibrate folder: exit 0" 0
    check "plot --format svg redraws calibration.svg" test -s "$D/calibration.svg"
else
    skip "plot of a calibrate folder" 2 "gnuplot is not installed"
fi
check "the chart shows points without sd" grep -q 'with points' "$D/calibration.gp"
dcd check "$D/scenario.yaml"
expect_rc "check takes the calibrated scenario" 0
dcd run -o "$T/rerun" --no-plots "$D/scenario.yaml"
expect_same "the calibrated scenario runs to the same numbers" "$D/summary.csv" "$T/rerun/lbnl-2024-history-calibrated/summary.csv"

# A CSV of observations with sd: weighted, error bars on the chart.
printf 'year,metric,value,sd\n2014,dc_twh,58,3\n2016,dc_twh,60,5\n2018,dc_twh,76,4\n2023,dc_twh,176,8\n2023,dc_share_pct,4.4,0.2\n' >"$T/h.csv"
dcd calibrate -o "$T/w" $L --fit $FIT --history "$T/h.csv"
expect_rc "calibrate with --history exits 0" 0
check "weighted by the sd" grep -q '(weighted by 1/sd^2)' "$T/stdout"
check "only the metric's rows are used" grep -q 'to 4 observations' "$T/stdout"
check "the chart draws error bars" grep -q 'yerrorbars' "$T/w/lbnl-2024-history-calibrated/calibration.gp"
dcd calibrate -q -o "$T/w" --no-plots $L --fit segments.accelerated.growth --history "$T/h.csv" --metric dc_share_pct
expect_rc "calibrate to dc_share_pct exits 0" 0
check "quiet prints path, estimate and standard error" grep -Eq '^segments.accelerated.growth 0\.[0-9]+ [0-9.e+-]+$' "$T/stdout"

# Parameters that cannot be told apart: a warning.
dcd calibrate -o "$T/u" --no-plots $L --fit segments.conventional.energy_twh,segments.accelerated.energy_twh -s segments.accelerated.growth=0.0181
expect_rc "an unidentifiable fit still exits 0" 0
check "an unidentifiable pair is flagged" grep -q '^dcdemand: warning: the parameters are not identifiable from these observations' "$T/stderr"

# Bad CSV: located errors, exit 3, nothing written.
badcsv() { # NAME CSV-TEXT EXPECTED-STDERR
    printf '%b' "$2" >"$T/bad.csv"
    dcd calibrate -o "$T/bad" $L --fit $FIT --history "$T/bad.csv"
    expect_rc "$1 exits 3" 3
    printf '%s\n' "$3" >"$T/want"
    expect_same "$1: message" "$T/want" "$T/stderr"
    check "$1: nothing written" test ! -e "$T/bad"
}
badcsv "csv header" 'year,val\n' "$T/bad.csv:1:1: error: expected the header year,metric,value or year,metric,value,sd"
badcsv "csv metric" 'year,metric,value\n2014,dc_gwh,5\n' "$T/bad.csv:2:6: error: metric 'dc_gwh': not a column of summary.csv (dc_twh, dc_share_pct, ai_twh, ...)"
badcsv "csv sd" 'year,metric,value,sd\n2014,dc_twh,5,0\n' "$T/bad.csv:2:15: error: sd '0': expected a number > 0"
badcsv "csv value" 'year,metric,value\n2014,dc_twh,lots\n' "$T/bad.csv:2:13: error: value 'lots': expected a number"
dcd calibrate -o "$T/bad" $L --fit $FIT --history "$T/none.csv"
expect_rc "a missing CSV exits 3" 3
echo "$T/none.csv: error: cannot read: No such file or directory" >"$T/want"
expect_same "a missing CSV: message" "$T/want" "$T/stderr"

# A metric the scenario does not determine: exit 4 with the reason.
printf 'year,metric,value\n2014,co2_mt,5\n2018,co2_mt,6\n' >"$T/co2.csv"
dcd calibrate -o "$T/bad" $L --fit segments.accelerated.growth --history "$T/co2.csv" --metric co2_mt
expect_rc "a metric without a value exits 4" 4
echo "error: co2_mt has no value in 2014 (the scenario does not determine it)" >"$T/want"
expect_same "a metric without a value: message" "$T/want" "$T/stderr"

# Bad options: exact messages, exit 2, nothing written.
bad() { # NAME EXPECTED-MESSAGE ARGS...
    name=$1 msg=$2
    shift 2
    dcd calibrate -o "$T/bad" "$@"
    expect_rc "$name exits 2" 2
    printf 'dcdemand: %s\nTry '"'"'dcdemand calibrate --help'"'"' for more information.\n' "$msg" >"$T/want"
    expect_same "$name: message" "$T/want" "$T/stderr"
    check "$name: nothing written" test ! -e "$T/bad"
}
bad "missing fit" "missing --fit PATH[,PATH...]" $L
bad "empty fit" "missing --fit PATH[,PATH...]" $L --fit ,
bad "fit not an input" "--fit segments.ai.growth is not an input of $L (no such value in the scenario)" $L --fit segments.ai.growth
bad "fit twice" "--fit segments.accelerated.growth is given twice" $L --fit segments.accelerated.growth,segments.accelerated.growth
bad "metric" "--metric 'dc_gwh': not a column of summary.csv (dc_twh, dc_share_pct, ai_twh, ...)" $L --fit $FIT --metric dc_gwh
bad "mode" "--mode 'value': expected scale or shift" $L --fit $FIT --mode value
bad "max-iter" "--max-iter 'x': expected a whole number 1-100000" $L --fit $FIT --max-iter x
bad "no observations" "no observations of ai_twh in $L (give --history CSV or another --metric)" $L --fit $FIT --metric ai_twh
bad "missing file" "missing scenario FILE" --fit $FIT
printf 'year,metric,value\n2014,dc_twh,50\n' >"$T/one.csv"
bad "too few observations" "1 observation of dc_twh cannot determine 2 parameters" $L --fit $FIT --history "$T/one.csv"
printf 'year,metric,value\n2010,dc_twh,50\n2018,dc_twh,76\n' >"$T/early.csv"
bad "observation outside the years" "the observation of 2010 is outside the years of $L (2014-2025)" $L --fit $FIT --history "$T/early.csv"

# The common options come from the shared parser (dcd_cli_parse): the same
# messages as every other command.
bad "common: empty output folder" "empty output folder" $L --fit $FIT -o ''
bad "common: unknown option" "unrecognized option '--bogus'" $L --bogus
bad "common: --history without its argument" "option '--history' requires an argument" $L --fit $FIT --history
dcd calibrate -q --no-plots -o "$T/q" $L --fit $FIT
expect_rc "calibrate -q --no-plots exits 0" 0
check "calibrate -q: one line per parameter, estimate and standard error" \
    sh -c "test \$(grep -Ec '^segments\.[a-z]+\.growth 0\.[0-9]+ 0\.[0-9]+\$' '$T/stdout') -eq 2"
check "calibrate --no-plots: no chart" test ! -e "$T/q/lbnl-2024-history-calibrated/calibration.png"
