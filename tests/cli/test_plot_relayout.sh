#!/bin/sh
# tests/cli/test_plot_relayout.sh - `dcdemand plot --size` lays out again
# the charts it redraws from their saved scripts (docs/charts.md, "Redrawing
# at another size"): compare, sweep, calibrate, mc, sensitivity and report
# folders.  A redraw at 700x480 fits its title, subtitle and footer to 700
# px; redrawn back at 1200x720 the script is byte for byte what the command
# wrote (so nothing of a size stays behind); a malformed layout is refused;
# the pictures come out in png, svg and pdf.
. tests/cli/lib.sh

IE=tests/golden/ireland.yaml
US=scenarios/mckinsey-2024.yaml
UNC=scenarios/mckinsey-2024-uncertain.yaml

dcd compare -q -o "$T/a/cmp" $IE $US
expect_rc "compare: exit 0" 0
dcd sweep -q -o "$T/a/sw1" $IE --vary segments.ai.growth=0.05:0.25:0.05 --target 30
expect_rc "sweep of one parameter: exit 0" 0
dcd sweep -q -o "$T/a/sw2" $IE --vary segments.ai.growth=0.05:0.25:0.1 --vary national.growth=0.005:0.02:0.005
expect_rc "sweep of two parameters: exit 0" 0
dcd mc -q -o "$T/a/mc" -n 200 $UNC
expect_rc "mc: exit 0" 0
dcd sensitivity -q -o "$T/a/sens" -n 32 $UNC
expect_rc "sensitivity: exit 0" 0
dcd calibrate -q -o "$T/a/cal" scenarios/lbnl-2024-history.yaml --fit segments.conventional.growth
expect_rc "calibrate: exit 0" 0
dcd report -q -o "$T/a/rep" $IE $US
expect_rc "report: exit 0" 0
# Without gnuplot the commands write their scripts all the same (exit 6).

MC=mc/mckinsey-2024-uncertain
SENS=sens/mckinsey-2024-uncertain
CAL=cal/lbnl-2024-history-calibrated
SCRIPTS="cmp/share cmp/dc_twh cmp/it_gw sw1/sweep_curves sw1/sweep_year sw2/sweep_heatmap
$MC/fan $MC/share_cdf $SENS/tornado $SENS/sobol $CAL/calibration rep/compare/share"
for f in $SCRIPTS; do
    check "$f.gp: has a layout section" grep -q '^\$LAYOUT << EOD_dcdemand_layout$' "$T/a/$f.gp"
done

# Inputs named as a reader expects on the charts; the CSV files keep the paths.
check "tornado: an input by its segment's label and mode" grep -qx 'AI (accelerated servers): growth (scale)' "$T/a/$SENS/tornado.gp"
check "sobol: national demand by name and unit" grep -qx 'National demand: growth (% per year)' "$T/a/$SENS/sobol.gp"
check "tornado: no path left in the chart" sh -c "! grep -q 'segments\.' '$T/a/$SENS/tornado.gp'"
check "tornado.csv: the paths kept" grep -q '^segments.ai.growth,' "$T/a/$SENS/tornado.csv"
check "sobol.csv: the paths kept" grep -q '^segments.ai.growth,' "$T/a/$SENS/sobol.csv"
check "sweep: an axis by name and unit" grep -qx 'National demand: growth (% per year)' "$T/a/sw2/sweep_heatmap.gp"
check "calibration: the metric by its label" grep -q 'The model against the observations: Data centres, facility energy' "$T/a/$CAL/calibration.gp"

cp -r "$T/a" "$T/b"
DIRS="$T/b/cmp $T/b/sw1 $T/b/sw2 $T/b/$MC $T/b/$SENS $T/b/$CAL $T/b/rep"
# shellcheck disable=SC2086
dcd plot -q --scripts-only --size 700x480 $DIRS
expect_rc "plot --size 700x480 of every kind of folder: exit 0" 0

# fits W FILE: every title, subtitle and footer line of the script's $TEXT
# is no wider than the picture W pixels wide allows (the program's rules:
# bold text 0.83 px per point per character, the subtitle's 12 points 8.64
# px, the footer's 9 points 175 characters across 1200 px).
fits() {
    python3 - "$1" "$2" <<'EOF'
import re, sys
w = int(sys.argv[1])
s = open(sys.argv[2], encoding="utf-8").read()
m = re.search(r"^\$TEXT << (\S+)\n(.*?)^\1\n", s, re.S | re.M)
text = m.group(2).split("\n")
bad = []
for lab in re.finditer(r'^set label \d+ \$TEXT\[(\d+)\] at screen [^\n]* font "Sans( Bold)?,(\d+)"', s, re.M):
    line = text[int(lab.group(1)) - 1]
    pt = int(lab.group(3))
    if lab.group(2):
        fit = int(0.975 * w / (0.83 * pt))
    elif pt == 12:
        fit = int(0.975 * w / (0.72 * 12))
    else:
        fit = 175 * w // 1200
    if len(line) > fit:
        bad.append("%d > %d: %s" % (len(line), fit, line))
if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF
}
for f in $SCRIPTS; do
    check "$f.gp at 700x480: the terminal's size" grep -q 'set terminal pngcairo size 700,480 ' "$T/b/$f.gp"
    check "$f.gp at 700x480: title, subtitle and footer fit 700 px" fits 700 "$T/b/$f.gp"
    check "$f.gp at 1200x720: title, subtitle and footer fit 1200 px" fits 1200 "$T/a/$f.gp"
done
check "at 700x480: a long footer takes more lines" \
    test "$(grep -c 'font "Sans,9"' "$T/b/$SENS/tornado.gp")" -gt "$(grep -c 'font "Sans,9"' "$T/a/$SENS/tornado.gp")"
check "at 700x480: the legend in 10 points" grep -q 'maxcols 2 maxrows [0-9]* .* font ",10"' "$T/b/cmp/share.gp"

# Back at 1200x720: byte for byte what the commands wrote.
# shellcheck disable=SC2086
dcd plot -q --scripts-only $DIRS
expect_rc "plot back at 1200x720: exit 0" 0
for f in $SCRIPTS; do
    expect_same "$f.gp: 1200x720 -> 700x480 -> 1200x720 is the command's script" "$T/a/$f.gp" "$T/b/$f.gp"
done

# A layout section edited by hand: a bad number or line is refused, located;
# text added to it is data, shown as text, never run.
cp -r "$T/a/cmp" "$T/bad"
sed -i 's/^key \([0-9]*\) /key -5 /' "$T/bad/share.gp"
dcd plot -q --scripts-only "$T/bad"
expect_rc "a malformed layout: exit 3" 3
check "a malformed layout: located" grep -q 'share.gp:[0-9]*:1: error: not a chart script dcdemand wrote (a malformed layout section)' "$T/stderr"
cp "$T/a/cmp/share.gp" "$T/bad/share.gp"
sed -i "s/^text -1 \(.*\)$/text -1 \1 system('touch pwned') \`touch pwned\`/" "$T/bad/share.gp"
(cd "$T/bad" && "$DCDEMAND_BIN" plot -q -f svg --size 700x480 . >/dev/null 2>&1)
check "text edited into the layout: not run" test ! -e "$T/bad/pwned"
check "text edited into the layout: still only in datablocks" \
    sh -c "! grep -v '^text \|^[A-Z]' '$T/bad/share.gp' | grep -q 'touch pwned'"

if ! have_gnuplot; then
    skip "plot --size 700x480 pictures" 39 "gnuplot is not installed (make deps)"
    exit 0
fi
# magic FMT FILE: the file is a complete picture of that format.
magic() {
    case $1 in
    png) head -c 4 "$2" | grep -q PNG ;;
    svg) head -c 200 "$2" | grep -q '<svg' && tail -c 20 "$2" | grep -q '</svg>' ;;
    pdf) head -c 5 "$2" | grep -q '%PDF-' && tail -c 10 "$2" | grep -q '%%EOF' ;;
    esac
}
for fmt in png svg pdf; do
    # shellcheck disable=SC2086
    dcd plot -q -f $fmt --size 700x480 $DIRS
    expect_rc "plot -f $fmt --size 700x480: exit 0" 0
    for f in $SCRIPTS; do
        check "$f.$fmt at 700x480" magic $fmt "$T/b/$f.$fmt"
    done
done
