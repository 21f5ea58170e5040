#!/bin/sh
# tests/cli/test_plot.sh - charts: `dcdemand run` draws them, `dcdemand plot`
# redraws them from saved results; golden gnuplot scripts; real pictures in
# PNG, SVG and PDF, byte-identical from run to run; hostile scenario text
# never runs; a missing or failing gnuplot gives exit code 6 with the results
# written.  docs/charts.md.
#
# Goldens live in tests/golden/plot/: fixture.yaml (the scenario), input/
# (the results `dcdemand run --no-plots` saved for it) and the expected
# scripts *.gp, which `dcdemand plot --scripts-only` must reproduce byte for
# byte.  The scripts are made from input/ alone, so a change of the model
# does not move them.  After an intended change of the charts (or of the
# result files), regenerate from the project root with
#   UPDATE=1 sh tests/cli/test_plot.sh
# and review `git diff tests/golden/plot` before committing.
. tests/cli/lib.sh

: "${UPDATE:=}"
G=tests/golden/plot
CHARTS="share energy load national emissions"
MARK=EOD_dcdemand_text_7c1e
unset DCDEMAND_GNUPLOT SOURCE_DATE_EPOCH

# magic FILE HEX: the first bytes of FILE, in hex, are HEX.
magic() {
    [ "$(head -c $(($(printf '%s' "$2" | wc -c) / 2)) "$1" | od -An -tx1 | tr -d ' \n')" = "$2" ]
}
# size_between FILE MIN MAX (bytes)
size_between() {
    s=$(wc -c <"$1" 2>/dev/null || echo 0)
    [ "$s" -ge "$2" ] && [ "$s" -le "$3" ]
}
# png_dims FILE: prints WIDTHxHEIGHT from the IHDR chunk.
png_dims() {
    set -- $(od -An -tu1 -j16 -N8 "$1")
    echo "$(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4))x$(($5 * 16777216 + $6 * 65536 + $7 * 256 + $8))"
}

# ---- golden scripts -----------------------------------------------------

if [ -n "$UPDATE" ]; then
    dcd run --no-plots -q -o "$T/gen" $G/fixture.yaml
    [ "$RC" -eq 0 ] || { cat "$T/stderr"; exit 1; }
    mkdir -p $G/input
    for f in summary.csv segments.csv scenario.yaml; do
        cp "$T/gen/plot-fixture/$f" $G/input/$f
    done
    echo "updated $G/input"
fi
mkdir -p "$T/golden/plot-fixture"
cp $G/input/summary.csv $G/input/segments.csv $G/input/scenario.yaml "$T/golden/plot-fixture/"
dcd plot --scripts-only "$T/golden/plot-fixture"
expect_rc "plot --scripts-only: exit 0" 0
check "plot --scripts-only names the scripts" \
    grep -q 'share.gp energy.gp load.gp national.gp emissions.gp$' "$T/stdout"
check "plot --scripts-only draws no picture" \
    sh -c "! ls '$T/golden/plot-fixture/'*.png >/dev/null 2>&1"
for c in $CHARTS; do
    if [ -n "$UPDATE" ]; then
        cp "$T/golden/plot-fixture/$c.gp" $G/$c.gp
        echo "updated $G/$c.gp"
    else
        expect_same "golden script $c.gp" $G/$c.gp "$T/golden/plot-fixture/$c.gp"
    fi
done
dcd plot --scripts-only --format svg --size 800x500 "$T/golden/plot-fixture"
check "--format svg and --size reach the script" \
    grep -q 'set terminal svg size 800,500 ' "$T/golden/plot-fixture/share.gp"
check "the script defaults to the format asked for" \
    grep -q 'dcd_fmt = exists("fmt") ? fmt : "svg"' "$T/golden/plot-fixture/share.gp"
check "a PDF page is the pixels at 144 per inch" \
    grep -q 'set terminal pdfcairo size 5.56in,3.47in ' "$T/golden/plot-fixture/share.gp"

# ---- run draws every chart; plot redraws the same pictures -----------------

dcd run -q -o "$T/out" $G/fixture.yaml
expect_rc "run with charts: exit 0" 0
D="$T/out/plot-fixture"
for c in $CHARTS; do
    check "run wrote $c.png, a PNG" magic "$D/$c.png" 89504e470d0a1a0a
    check "$c.png has a plausible size" size_between "$D/$c.png" 20000 2000000
    check "run saved $c.gp beside it" grep -qF "dcd_output = \"$c.\".dcd_fmt" "$D/$c.gp"
done
check "share.png is 1200x720" [ "$(png_dims "$D/share.png")" = 1200x720 ]
for f in summary.csv segments.csv results.json scenario.yaml; do
    check "run with charts still writes $f" test -s "$D/$f"
done
mkdir -p "$T/keep"
for c in $CHARTS; do cp "$D/$c.png" "$D/$c.gp" "$T/keep/"; done

# plot reads the saved results only: the same scripts and the same pixels.
dcd plot "$D"
expect_rc "plot DIR: exit 0" 0
for c in $CHARTS; do
    expect_same "plot regenerates $c.gp as run wrote it" "$T/keep/$c.gp" "$D/$c.gp"
    check "plot regenerates $c.png byte for byte" cmp -s "$T/keep/$c.png" "$D/$c.png"
done

# A script redraws its chart by hand, beside itself, from its folder or
# from anywhere.
rm -f "$D/share.png"
(cd "$D" && gnuplot share.gp) >"$T/gp.out" 2>&1
check "gnuplot share.gp redraws share.png by hand" cmp -s "$T/keep/share.png" "$D/share.png"
rm -f "$D/energy.png"
(cd "$T" && gnuplot out/plot-fixture/energy.gp) >"$T/gp.out" 2>&1
check "gnuplot DIR/energy.gp writes DIR/energy.png" cmp -s "$T/keep/energy.png" "$D/energy.png"
check "gnuplot DIR/energy.gp writes nothing where it is started" test ! -e "$T/energy.png"
(cd "$D" && gnuplot -e "fmt='svg'" share.gp) >"$T/gp.out" 2>&1
check "gnuplot -e \"fmt='svg'\" share.gp writes share.svg" grep -q '<svg' "$D/share.svg"

dcd plot --size 800x500 "$D"
check "--size 800x500 gives an 800x500 PNG" [ "$(png_dims "$D/share.png")" = 800x500 ]

# Two scenarios in one command: one gnuplot for all their charts (a fake
# gnuplot counts its runs and the scripts it is given).
printf '#!/bin/sh\necho run >>"%s/gp-runs"\nfor f; do echo "$f" >>"%s/gp-args"; done\nexec gnuplot "$@"\n' "$T" "$T" >"$T/countgp"
chmod +x "$T/countgp"
sed 's/^name: plot-fixture$/name: plot-fixture-2/' $G/fixture.yaml >"$T/second.yaml"
DCDEMAND_GNUPLOT="$T/countgp"
export DCDEMAND_GNUPLOT
dcd run -q -o "$T/two" $G/fixture.yaml "$T/second.yaml"
expect_rc "two scenarios: exit 0" 0
check "two scenarios: one gnuplot process" [ "$(wc -l <"$T/gp-runs")" -eq 1 ]
check "two scenarios: it draws all ten charts" [ "$(grep -c '\.gp$' "$T/gp-args")" -eq 10 ]
check "two scenarios: scripts given as ./ or / paths" [ "$(grep -c '^\(\./\|/\)' "$T/gp-args")" -eq 10 ]
check "two scenarios: the second scenario's chart is there" magic "$T/two/plot-fixture-2/load.png" 89504e470d0a1a0a
rm -f "$T/gp-runs" "$T/gp-args"
dcd plot "$T/two/plot-fixture" "$T/two/plot-fixture-2"
expect_rc "plot of two folders: exit 0" 0
check "plot of two folders: one gnuplot process" [ "$(wc -l <"$T/gp-runs")" -eq 1 ]
unset DCDEMAND_GNUPLOT

# ---- SVG and PDF, byte-identical from run to run -------------------------

for fmt in svg pdf; do
    dcd plot --format $fmt "$D"
    expect_rc "plot --format $fmt: exit 0" 0
    mkdir -p "$T/first-$fmt"
    for c in $CHARTS; do cp "$D/$c.$fmt" "$T/first-$fmt/"; done
done
for c in $CHARTS; do
    check "$c.svg is SVG" grep -q '<svg' "$D/$c.svg"
    check "$c.svg has a plausible size" size_between "$D/$c.svg" 5000 2000000
    check "$c.pdf is PDF" magic "$D/$c.pdf" 255044462d
    check "$c.pdf has a plausible size" size_between "$D/$c.pdf" 5000 2000000
done
check "the PDF carries no clock time" grep -aq '/CreationDate (D:19700101000000Z)' "$D/share.pdf"
sleep 1 # a second later: a clock in the file would show
for fmt in svg pdf; do
    dcd plot --format $fmt "$D"
    for c in $CHARTS; do
        check "$c.$fmt is identical when drawn again" cmp -s "$T/first-$fmt/$c.$fmt" "$D/$c.$fmt"
    done
done
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
dcd plot --format pdf "$D"
unset SOURCE_DATE_EPOCH
check "SOURCE_DATE_EPOCH sets the PDF date" \
    grep -aq '/CreationDate (D:20231114221320Z)' "$D/share.pdf"

# Same inputs, same files: a second run into another folder.
dcd run -q -o "$T/again" $G/fixture.yaml
for c in $CHARTS; do
    check "a second run draws $c.png byte for byte" cmp -s "$T/keep/$c.png" "$T/again/plot-fixture/$c.png"
done

# ---- charts that do not apply; --no-plots -----------------------------------

cat >"$T/nogrid.yaml" <<'EOF'
name: nogrid
years: {start: 2020, base: 2020, end: 2025}
national: {total_twh: 1000, growth: 0.01}
segments:
  only:
    ai: false
    driver: energy
    energy_twh: 20.5
    growth: 0.1
EOF
mkdir -p "$T/out/nogrid"
echo stale >"$T/out/nogrid/emissions.png"
echo stale >"$T/out/nogrid/emissions.gp"
dcd run -q -o "$T/out" "$T/nogrid.yaml"
expect_rc "a scenario without grid intensity: exit 0" 0
check "no emissions chart without a grid intensity" test ! -e "$T/out/nogrid/emissions.png"
check "a stale emissions chart is removed" test ! -e "$T/out/nogrid/emissions.gp"
check "the other charts are drawn" magic "$T/out/nogrid/share.png" 89504e470d0a1a0a
check "no AI line without AI segments" sh -c "! grep -q 'title \"AI\"' '$T/out/nogrid/share.gp'"

dcd run -q --no-plots -o "$T/noplots" "$T/nogrid.yaml"
expect_rc "run --no-plots: exit 0" 0
check "run --no-plots writes the results" test -s "$T/noplots/nogrid/summary.csv"
check "run --no-plots draws nothing" sh -c "! ls '$T/noplots/nogrid/'*.png '$T/noplots/nogrid/'*.gp >/dev/null 2>&1"

# ---- gnuplot missing or failing: exit 6, results written --------------------

DCDEMAND_GNUPLOT=/nonexistent/gnuplot
export DCDEMAND_GNUPLOT
dcd run -q -o "$T/nogp" $G/fixture.yaml
expect_rc "DCDEMAND_GNUPLOT=/nonexistent: exit 6" 6
for f in summary.csv segments.csv results.json scenario.yaml; do
    check "without gnuplot, $f is still written" test -s "$T/nogp/plot-fixture/$f"
done
check "without gnuplot, the message names the package" grep -q 'apt-get install gnuplot-nox' "$T/stderr"
check "without gnuplot, the message names DCDEMAND_GNUPLOT" grep -q 'DCDEMAND_GNUPLOT' "$T/stderr"
check "without gnuplot, the message says how to draw later" \
    grep -q "dcdemand plot $T/nogp/plot-fixture" "$T/stderr"
check "without gnuplot, no picture pretends to be new" test ! -e "$T/nogp/plot-fixture/share.png"

dcd plot "$T/nogp/plot-fixture"
expect_rc "plot without gnuplot: exit 6" 6
unset DCDEMAND_GNUPLOT

if [ -z "$DCDEMAND_WRAP" ]; then # (a wrapper such as valgrind needs PATH)
    mkdir -p "$T/emptybin"
    env -u DCDEMAND_GNUPLOT PATH="$T/emptybin" "$DCDEMAND_BIN" run -q -o "$T/nopath" \
        $G/fixture.yaml >"$T/stdout" 2>"$T/stderr"
    RC=$?
    expect_rc "gnuplot not on PATH: exit 6" 6
    check "gnuplot not on PATH: results written" test -s "$T/nopath/plot-fixture/summary.csv"
    check "gnuplot not on PATH: the message names the package" grep -q 'gnuplot-nox' "$T/stderr"
fi

printf '#!/bin/sh\necho "fake gnuplot: broken on purpose" >&2\nexit 3\n' >"$T/badgp"
chmod +x "$T/badgp"
DCDEMAND_GNUPLOT="$T/badgp"
export DCDEMAND_GNUPLOT
dcd run -q -o "$T/badrun" $G/fixture.yaml
expect_rc "a failing gnuplot: exit 6" 6
check "a failing gnuplot: its stderr is shown" grep -q 'fake gnuplot: broken on purpose' "$T/stderr"
check "a failing gnuplot: its status is shown" grep -q 'failed with status 3' "$T/stderr"
check "a failing gnuplot: results written" test -s "$T/badrun/plot-fixture/results.json"

DCDEMAND_GNUPLOT=true
dcd plot "$D"
expect_rc "a gnuplot that draws nothing: exit 6" 6
check "a gnuplot that draws nothing: named" grep -q 'did not write this chart' "$T/stderr"
unset DCDEMAND_GNUPLOT

# ---- hostile text ----------------------------------------------------------
# Every text field holds shell and gnuplot payloads that would create a
# marker file in $T; nothing may run, and the labels must come out literally.

P="$T/pwned"
cat >"$T/evil.yaml" <<EOF
name: "ev\"il 'n' \`touch $P-n1\` @n"
title: "T1 \`touch $P-t1\` \"dq\" 'sq' ; \\\\ @at \$HOME {^_}\nT2"
sources:
  - "S1 \$(touch $P-s1) \`touch $P-s2\` @s system('touch $P-s6')"
  - "$MARK\nset output '|touch $P-s3'\nEOD_dcdemand_data"
  - "<touch $P-s4 | system(\"touch $P-s5\")"
years: {start: 2020, base: 2022, end: 2026}
national: {total_twh: 4000, growth: 0.02}
grid_intensity_g_per_kwh: 380
segments:
  $MARK:
    ai: false
    driver: energy
    energy_twh: 150.5
    growth: 0.05
  ai_x:
    ai: true
    driver: energy
    energy_twh: 20.5
    growth: 0.3
expect:
  - {year: 2024, metric: dc_share_pct, value: 4.5, tolerance: 0.5, source: "\`touch $P-e1\`"}
history:
  - {year: 2019, metric: dc_twh, value: 140, source: "system('touch $P-h1')"}
EOF
dcd run -q -o "$T/evil" "$T/evil.yaml"
expect_rc "hostile text: run exits 0" 0
check "hostile text: nothing ran during run" sh -c "! ls '$P'* >/dev/null 2>&1"
check "hostile text: one output folder, inside -o" [ "$(ls "$T/evil" | wc -l)" -eq 1 ]
E=$(ls -d "$T/evil/"*)
check "hostile text: charts drawn" magic "$E/share.png" 89504e470d0a1a0a
check "hostile text: the marker line is shifted, not ending the datablock" \
    grep -q "^ $MARK\$" "$E/energy.gp"
dcd plot --format svg "$E"
expect_rc "hostile text: plot --format svg exits 0" 0
check "hostile text: nothing ran during plot" sh -c "! ls '$P'* >/dev/null 2>&1"
check "hostile text: no file outside the output folder" \
    [ "$(find "$T" -newer "$T/evil.yaml" -type f | grep -v "^$T/evil/" | grep -cv "^$T/\(stdout\|stderr\)\$")" -eq 0 ]
# The labels of the SVG joined by spaces, runs of spaces as one (so the
# footer's two lines read as one, whatever the length of $T).
sed -n 's/.*<text[^>]*>\(.*\)<\/text>.*/\1/p' "$E/share.svg" | tr '\n' ' ' | tr -s ' ' >"$T/labels"
check "hostile text: the title comes out literally (newline as a space)" \
    grep -qF "T1 \`touch $P-t1\` \"dq\" 'sq' ; \\ @at \$HOME {^_} T2" "$T/labels"
check "hostile text: the name comes out literally" \
    grep -qF "scenario ev\"il 'n' \`touch $P-n1\` @n" "$T/labels"
check "hostile text: sources come out literally" \
    grep -qF "S1 \$(touch $P-s1) \`touch $P-s2\` @s system('touch $P-s6'); $MARK set output '|touch $P-s3' EOD_dcdemand_data; &lt;touch $P-s4 | system(\"touch $P-s5\")" "$T/labels"
check "hostile text: the segment named like the marker is a label" \
    grep -qF " $MARK</text>" "$E/energy.svg"

# ---- usage -------------------------------------------------------------------

dcd plot --help
expect_rc "plot --help: exit 0" 0
check "plot --help documents DCDEMAND_GNUPLOT" grep -q DCDEMAND_GNUPLOT "$T/stdout"
dcd plot
expect_rc "plot without DIR: usage error" 2
dcd plot --format gif "$D"
expect_rc "plot --format gif: usage error" 2
check "plot --format gif: names the formats" grep -q 'png, svg or pdf' "$T/stderr"
dcd plot --size 12x7 "$D"
expect_rc "plot --size 12x7: usage error" 2
dcd plot --size 1200x720x3 "$D"
expect_rc "plot --size 1200x720x3: usage error" 2
dcd plot "$T/does-not-exist"
expect_rc "plot of a folder without results: exit 3" 3
check "plot of a folder without results: names the file" grep -q "does-not-exist/scenario.yaml" "$T/stderr"
mkdir -p "$T/broken"
cp $G/input/scenario.yaml $G/input/segments.csv "$T/broken/"
printf 'year,dc_twh\n2018,1\n2020,2\n' >"$T/broken/summary.csv"
dcd plot "$T/broken"
expect_rc "plot of a summary.csv with a gap in the years: exit 3" 3
check "a gap in the years is located" grep -q 'summary.csv:3:1: error: expected the year 2019' "$T/stderr"
