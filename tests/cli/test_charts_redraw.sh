#!/bin/sh
# tests/cli/test_charts_redraw.sh - `dcdemand plot DIR` redraws any output
# folder (docs/charts.md): compare and sweep folders from their saved chart
# scripts in png, svg and pdf at another size, a report's folders one by
# one; a script edited to run a command is refused and nothing runs.
. tests/cli/lib.sh

if ! have_gnuplot; then
    skip "plot of compare, sweep and report folders" 42 "gnuplot is not installed (make deps)"
    exit 0
fi
IE=tests/golden/ireland.yaml
US=scenarios/mckinsey-2024.yaml

dcd compare -q -o "$T/cmp" $IE $US
expect_rc "compare: exit 0" 0
dcd sweep -q -o "$T/sw1" $IE --vary segments.ai.growth=0.05:0.25:0.05
expect_rc "sweep of one parameter: exit 0" 0
dcd sweep -q -o "$T/sw2" $IE --vary segments.ai.growth=0.05:0.25:0.1 --vary national.growth=0.005:0.02:0.005
expect_rc "sweep of two parameters: exit 0" 0

# magic FMT FILE: the file is a complete picture of that format.
magic() {
    case $1 in
    png) head -c 4 "$2" | grep -q PNG ;;
    svg) head -c 200 "$2" | grep -q '<svg' && tail -c 20 "$2" | grep -q '</svg>' ;;
    pdf) head -c 5 "$2" | grep -q '%PDF-' && tail -c 10 "$2" | grep -q '%%EOF' ;;
    esac
}
for fmt in svg pdf png; do
    dcd plot -q -f $fmt --size 1000x600 "$T/cmp" "$T/sw1" "$T/sw2"
    expect_rc "plot $fmt of compare and sweep folders: exit 0" 0
    for f in cmp/share cmp/dc_twh cmp/it_gw sw1/sweep_curves sw1/sweep_year sw2/sweep_heatmap; do
        check "plot $fmt: $f.$fmt drawn" magic $fmt "$T/$f.$fmt"
    done
done
check "plot svg: the script's new size" grep -q 'set terminal svg size 1000,600 ' "$T/cmp/share.gp"
check "plot: the data kept" grep -q '^\$D2 << ' "$T/cmp/share.gp"

# A report: its run folders from the results, its compare folder from the scripts.
dcd report -q -o "$T/rep" $IE $US
expect_rc "report: exit 0" 0
dcd plot -f svg "$T/rep"
expect_rc "plot svg of a report folder: exit 0" 0
check "report: the compare charts" magic svg "$T/rep/compare/share.svg"
check "report: each scenario's charts" magic svg "$T/rep/ireland-like/share.svg"
check "report: the output names every folder" grep -q 'mckinsey-2024/: share.svg' "$T/stdout"

# A script edited to run a command is refused (exit 3, located), and nothing runs.
cp -r "$T/cmp" "$T/evil"
echo "set label 9 system('touch $T/evil/pwned')" >>"$T/evil/it_gw.gp"
dcd plot "$T/evil"
expect_rc "an edited script: exit 3" 3
check "an edited script: located" grep -q 'it_gw.gp:[0-9]*:1: error: not a chart script' "$T/stderr"
check "an edited script: nothing ran" test ! -e "$T/evil/pwned"
cp "$T/cmp/share.gp" "$T/evil/it_gw.gp"
sed -i 's/^plot /load "x.gp"\nplot /' "$T/evil/it_gw.gp"
printf 'print `touch %s/evil/pwned2`\n' "$T" >>"$T/evil/dc_twh.gp"
dcd plot "$T/evil"
expect_rc "a command the program does not write: exit 3" 3
check "a command the program does not write: nothing ran" test ! -e "$T/evil/pwned2"

# A copy of a script under another name (a tweak kept by hand) is left alone.
cp "$T/cmp/share.gp" "$T/cmp/my_share.gp"
echo "set label 9 system('touch $T/cmp/pwned3')" >>"$T/cmp/my_share.gp"
dcd plot -q -f svg "$T/cmp"
expect_rc "a copy under another name: exit 0" 0
check "a copy under another name: not run" test ! -e "$T/cmp/pwned3" -a ! -e "$T/cmp/my_share.svg"

# calibrate: the run charts from the results, calibration.gp from its script.
dcd calibrate -q -o "$T/cal" scenarios/lbnl-2024-history.yaml --fit segments.conventional.growth
expect_rc "calibrate: exit 0" 0
dcd plot -q -f svg "$T/cal/lbnl-2024-history-calibrated"
expect_rc "plot svg of a calibrate folder: exit 0" 0
check "calibrate folder: calibration.svg" magic svg "$T/cal/lbnl-2024-history-calibrated/calibration.svg"
check "calibrate folder: share.svg" magic svg "$T/cal/lbnl-2024-history-calibrated/share.svg"
