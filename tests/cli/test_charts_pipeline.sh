#!/bin/sh
# tests/cli/test_charts_pipeline.sh - one pipeline for every chart
# (docs/charts.md): the scripts of overlay and sweep charts, like those of a
# run, write their picture beside themselves wherever gnuplot is started;
# pictures are the same bytes under two time zones and two locales (the PDF
# creation date is pinned in UTC); a new picture with the bytes of the old
# one leaves the old file in place.
. tests/cli/lib.sh

G=tests/golden/plot
C=tests/golden/compare
unset DCDEMAND_GNUPLOT SOURCE_DATE_EPOCH DCDEMAND_PLOT_TIMEOUT

if ! command -v gnuplot >/dev/null 2>&1; then
    echo "SKIP: test_charts_pipeline: gnuplot is not installed"
    exit 0
fi

# ---- overlay and sweep scripts redrawn by hand, from another folder ----------

dcd compare $C/a.yaml $C/b.yaml -q -o "$T/cmp"
expect_rc "compare draws its overlays" 0
dcd sweep $C/a.yaml --vary segments.ai.utilisation=0.3:0.9:0.3 -q -o "$T/sw"
expect_rc "sweep draws its charts" 0
mkdir -p "$T/elsewhere" "$T/keep"
for f in cmp/share cmp/dc_twh sw/sweep_curves sw/sweep_year; do
    kept=$(echo "$f" | tr / -)
    cp "$T/$f.png" "$T/keep/$kept.png"
    rm "$T/$f.png"
    (cd "$T/elsewhere" && gnuplot "../$f.gp") >"$T/gp.out" 2>&1
    check "gnuplot ../$f.gp from another folder redraws $f.png beside the script" \
        cmp -s "$T/keep/$kept.png" "$T/$f.png"
    base=$(basename "$f")
    check "gnuplot ../$f.gp writes nothing where it is started" test ! -e "$T/elsewhere/$base.png"
    rm -f "$T/$f.png"
    (cd "$T/$(dirname "$f")" && gnuplot "$base.gp") >"$T/gp.out" 2>&1
    check "gnuplot $base.gp in its folder redraws it" cmp -s "$T/keep/$kept.png" "$T/$f.png"
done
check "overlay scripts use the shared output lines" \
    grep -q '^set output dcd_dir.dcd_output$' "$T/cmp/share.gp"

# Overlay pictures go through the same temporary name and checks: a
# garbage-writing gnuplot fails compare, and leaves no old or temporary file.
mkdir -p "$T/fakebin"
printf '#!/bin/sh\nfor a; do case $a in *.gp) printf garbage >"$(dirname "$a")/share.png" ;; esac; done\nexit 0\n' \
    >"$T/fakebin/gnuplot"
chmod +x "$T/fakebin/gnuplot"
PATH="$T/fakebin:$PATH" dcd compare $C/a.yaml $C/b.yaml -q -o "$T/cmp"
expect_rc "compare with a garbage-writing gnuplot: exit 6" 6
check "compare with garbage: no picture beside the new tables" \
    sh -c "! ls '$T/cmp/'*.png >/dev/null 2>&1"
check "compare with garbage: no temporary file" sh -c "! ls -A '$T/cmp' | grep -q '\\.tmp\\.'"
check "compare with garbage: the tables are written" test -s "$T/cmp/compare.csv"

# ---- the same bytes under any time zone and locale --------------------------------

dcd run -q -o "$T/out" $G/fixture.yaml
D="$T/out/plot-fixture"
n=0
for tz in UTC Asia/Kolkata; do
    for loc in C C.UTF-8; do
        n=$((n + 1))
        TZ=$tz LC_ALL=$loc dcd plot --format pdf "$D"
        expect_rc "PDF under TZ=$tz LC_ALL=$loc: exit 0" 0
        mkdir -p "$T/pdf$n"
        cp "$D/"*.pdf "$T/pdf$n/"
        check "PDF under TZ=$tz LC_ALL=$loc: the date is pinned in UTC" \
            grep -aq '/CreationDate (D:19700101000000Z)' "$D/share.pdf"
        TZ=$tz LC_ALL=$loc dcd plot --format svg "$D"
        mkdir -p "$T/svg$n"
        cp "$D/"*.svg "$T/svg$n/"
    done
done
for i in 2 3 4; do
    check "PDFs byte-identical under each time zone and locale ($i)" diff -r "$T/pdf1" "$T/pdf$i"
    check "SVGs byte-identical under each time zone and locale ($i)" diff -r "$T/svg1" "$T/svg$i"
done
SOURCE_DATE_EPOCH=1700000000 TZ=Asia/Kolkata dcd plot --format pdf "$D"
check "SOURCE_DATE_EPOCH is written in UTC whatever TZ" \
    grep -aq '/CreationDate (D:20231114221320Z)' "$D/share.pdf"

# ---- an unchanged picture stays in place ---------------------------------------------

dcd plot "$D"
ls -i "$D/share.png" "$D/load.png" >"$T/inodes1"
dcd plot "$D"
ls -i "$D/share.png" "$D/load.png" >"$T/inodes2"
expect_same "redrawing the same picture leaves the file in place" "$T/inodes1" "$T/inodes2"

# A picture drawn through a temporary file has the mode of any new file.
rm -f "$D/share.png"
(umask 022 && "$DCDEMAND_BIN" plot -q "$D")
check "a new picture is readable by all under umask 022" [ "$(stat -c %a "$D/share.png")" = 644 ]
