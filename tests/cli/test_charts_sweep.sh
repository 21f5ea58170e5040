#!/bin/sh
# tests/cli/test_charts_sweep.sh - sweep charts a reader understands
# (docs/charts.md): axes named from the schema with fractions in percent,
# --target drawn and its crossing read off (and checked by running the
# scenario at the value printed), a band instead of many curves.
. tests/cli/lib.sh

IE=tests/golden/ireland.yaml

dcd sweep -o "$T/s1" --no-plots $IE --vary segments.ai.growth=0.02:0.3:0.01 --target 30 --year 2030
expect_rc "sweep --target: exit 0" 0
check "sweep --target: the crossing printed" grep -q '^target: dc_share_pct = 30 % in 2030: reached at$' "$T/stdout"
X=$(sed -n 's/^  segments.ai.growth = //p' "$T/stdout" | head -n 1)
check "sweep --target: one crossing, inside the grid" sh -c "[ -n '$X' ] && awk 'BEGIN{exit !($X > 0.02 && $X < 0.3)}'"
# The scenario at the value read off is at the target (within what linear
# interpolation between grid points 0.01 apart allows).
dcd run --no-plots -q -o "$T/at" $IE --set "segments.ai.growth=$X"
expect_rc "run at the crossing: exit 0" 0
V=$(awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="dc_share_pct") c=i} $1=="2030"{print $c}' "$T/at/ireland-like/summary.csv")
check "run at the crossing: dc_share_pct in 2030 is 30 (got $V)" awk "BEGIN{exit !($V > 29.95 && $V < 30.05)}"

dcd sweep -o "$T/s2" --no-plots $IE --vary segments.ai.growth=0.02:0.3:0.1 --target 99
expect_rc "sweep --target out of reach: exit 0" 0
check "sweep --target out of reach: said so" grep -q 'not reached within the grid' "$T/stdout"
dcd sweep -o "$T/s3" --no-plots $IE --vary segments.ai.growth=0.1 --target abc
expect_rc "sweep --target abc: usage error" 2

dcd sweep -o "$T/s4" $IE --vary segments.ai.growth=0.05:0.25:0.1 --vary national.growth=0.0:0.03:0.01 --target 30
expect_rc "sweep of two parameters --target: exit 0" 0
check "two parameters: a crossing for each value of the first" grep -q '^  segments.ai.growth = .*, national.growth = ' "$T/stdout"

if ! have_gnuplot; then
    skip "sweep chart scripts" 10 "gnuplot is not installed (make deps)"
    exit 0
fi
dcd sweep -q -o "$T/c1" $IE --vary segments.ai.growth=0.02:0.3:0.01 --target 30
Y="$T/c1/sweep_year.gp"
# The segment's label when the sweep passes its scenario, else its key.
check "year chart: axis from the schema, fraction as percent" grep -Eqx '(ai|AI training and inference): growth \(% per year\)' "$Y"
check "year chart: values in percent" grep -q '^22 ' "$Y"
check "year chart: the target line" grep -q 'set arrow 2 from graph 0, first 30 to graph 1, first 30 nohead' "$Y"
check "year chart: the crossing marked" grep -q '^\$CROSS << ' "$Y"
C="$T/c1/sweep_curves.gp"
check "29 values: a band, not 29 curves" grep -q '^\$BAND << ' "$C"
check "29 values: the first and last curves only" grep -q 'for \[i=1:2\] \$DATA' "$C"
dcd sweep -q -o "$T/c2" $IE --vary segments.ai.growth=0.05:0.25:0.05
check "5 values: one curve each" grep -q 'plot for \[i=1:5\] \$DATA' "$T/c2/sweep_curves.gp"
check "5 values: no band" sh -c "! grep -q BAND '$T/c2/sweep_curves.gp'"
check "heat map: the target's contour" grep -q '^\$CROSS << ' "$T/s4/sweep_heatmap.gp"
check "heat map: both axes from the schema" grep -qx 'National demand: growth (% per year)' "$T/s4/sweep_heatmap.gp"
