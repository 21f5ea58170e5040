#!/bin/sh
# tests/cli/test_compare.sh - `dcdemand compare`: golden tables (terminal,
# CSV, Markdown) on the small scenarios of tests/golden/compare/, variants
# of one file (FILE@LABEL --with), different years and segments, usage
# errors, overlay charts.
#
# To refresh the golden files after an intended change:
#   DCDEMAND_UPDATE_GOLDEN=1 sh tests/cli/test_compare.sh
. tests/cli/lib.sh

G=tests/golden/compare
UPDATE=${DCDEMAND_UPDATE_GOLDEN:-}

# golden NAME EXPECTED ACTUAL: expect_same, or refresh EXPECTED when asked.
golden() {
    if [ -n "$UPDATE" ]; then cp "$3" "$2"; fi
    expect_same "$1" "$2" "$3"
}

# The terminal output with the scratch folder named OUT.
clean_stdout() { sed "s|$T|OUT|g" "$T/stdout" >"$T/stdout.clean"; }

# Three scenarios: different years (2030, 2035, 2028) and segments.
dcd compare $G/a.yaml $G/b.yaml $G/c.yaml --no-plots -o "$T/abc"
expect_rc "compare a b c: exit 0" 0
clean_stdout
golden "compare a b c: terminal" $G/abc.txt "$T/stdout.clean"
golden "compare a b c: compare.csv" $G/abc.csv "$T/abc/compare.csv"
golden "compare a b c: compare.md" $G/abc.md "$T/abc/compare.md"
check "compare a b c: a note on different years" grep -q '^note: years differ' "$T/stdout"
check "compare a b c: a note on different segments" grep -q '^note: segments differ' "$T/stdout"
check "compare a b c: the notes in Markdown" grep -q '^> Note: segments differ' "$T/abc/compare.md"
# A segment with a label is named by it in the note, its key after it; the
# CSV keys stay the raw names.
printf 'extends: %s/%s/c.yaml\nname: golden-c-labelled\nsegments:\n  all_data_centres: {label: "All data centres"}\n' "$(pwd)" "$G" >"$T/cl.yaml"
dcd compare $G/a.yaml "$T/cl.yaml" --no-plots -o "$T/acl"
expect_rc "compare with a segment label: exit 0" 0
check "compare: a segment's label in the note, its key in parentheses" grep -q 'golden-c-labelled: All data centres (all_data_centres))' "$T/acl/compare.md"
check "compare: the CSV keys stay the raw names" sh -c "grep -q '^assumption,segments.all_data_centres.energy_twh,' '$T/acl/compare.csv' && ! grep -q '^assumption,All data' '$T/acl/compare.csv'"
check "compare a b c: lines fit 100 columns" sh -c "! awk 'length > 100' '$T/stdout' | grep -q ."
check "compare a b c: missing values empty in CSV, not 0" \
    grep -qx 'result,dc_twh,TWh,2035,golden-a,,,,' "$T/abc/compare.csv"
check "compare a b c: missing inputs empty in CSV" \
    grep -qx 'assumption,segments.all_data_centres.energy_twh,TWh,,golden-a,,1,,' "$T/abc/compare.csv"

# --diff-only: only the differing inputs (terminal and Markdown); the CSV is
# complete either way.
dcd compare $G/a.yaml $G/b.yaml $G/c.yaml --diff-only --no-plots -o "$T/diff"
expect_rc "compare --diff-only: exit 0" 0
clean_stdout
golden "compare --diff-only: terminal" $G/diff.txt "$T/stdout.clean"
golden "compare --diff-only: compare.md" $G/diff.md "$T/diff/compare.md"
expect_same "compare --diff-only: compare.csv is complete" "$T/abc/compare.csv" "$T/diff/compare.csv"
if grep -q '`years.start`' "$T/diff/compare.md"; then
    fail "compare --diff-only: equal rows left out of Markdown"
else pass "compare --diff-only: equal rows left out of Markdown"; fi

# Variants of one file: FILE@LABEL with --with for that column only, --set
# for every column.
dcd compare $G/a.yaml $G/a.yaml@fast-ai --with segments.ai.utilisation=0.9 \
    --with 'segments.ai.growth={2024: 0.8, 2030: 0.4}' --set national.growth=0.02 \
    --years 2024,2030 --no-plots -o "$T/var"
expect_rc "compare variants: exit 0" 0
clean_stdout
golden "compare variants: terminal" $G/variant.txt "$T/stdout.clean"
golden "compare variants: compare.md" $G/variant.md "$T/var/compare.md"
check "compare variants: --set reaches every column" \
    grep -q '^  national.growth  *fraction/yr  0.02  *0.02$' "$T/stdout"
check "compare variants: --with reaches its column only" \
    grep -q '^\* segments.ai.utilisation  *fraction  *0.7  *0.9$' "$T/stdout"

# The variant's numbers are those of `run --set` with the same overrides.
dcd run $G/a.yaml --set national.growth=0.02 --set segments.ai.utilisation=0.9 \
    --set 'segments.ai.growth={2024: 0.8, 2030: 0.4}' --no-plots -q -o "$T/run"
expect_rc "run with the variant's overrides" 0
want=$(awk -F, '$1 == 2030 { print $2 }' "$T/run/golden-a/summary.csv")
got=$(awk -F, '$1 == "result" && $2 == "dc_twh" && $4 == 2030 && $5 == "fast-ai" { print $6 }' \
    "$T/var/compare.csv")
if [ -n "$want" ] && [ "$want" = "$got" ]; then pass "compare variants: dc_twh 2030 as run --set"
else fail "compare variants: dc_twh 2030 as run --set" "run $want, compare $got"; fi

# Usage errors: exit 2 with a clear message.
dcd compare $G/a.yaml $G/a.yaml --no-plots -o "$T/dup"
expect_rc "duplicate labels (scenario names): exit 2" 2
check "duplicate labels: the message names the label and the way out" \
    grep -q "two columns are labelled 'golden-a'.*FILE@LABEL" "$T/stderr"
dcd compare $G/a.yaml@x $G/b.yaml@x --no-plots -o "$T/dup"
expect_rc "duplicate labels (FILE@LABEL): exit 2" 2
check "duplicate labels: the message names the label" grep -q "labelled 'x'" "$T/stderr"
check "duplicate labels: nothing written" test ! -e "$T/dup"
dcd compare --with segments.ai.idle=0.1 $G/a.yaml
expect_rc "--with before any FILE: exit 2" 2
check "--with before any FILE: message" grep -q 'changes the FILE before it' "$T/stderr"
dcd compare $G/a.yaml@ $G/b.yaml
expect_rc "empty label: exit 2" 2
dcd compare $G/a.yaml $G/b.yaml --years 20x0
expect_rc "bad --years: exit 2" 2
dcd compare $G/a.yaml $G/c.yaml --years 1990 --no-plots -o "$T/y"
expect_rc "--years outside every scenario: exit 2" 2
dcd compare
expect_rc "no FILE: exit 2" 2
dcd compare --help
expect_rc "--help: exit 0" 0
check "--help shows the variant syntax" grep -q '@low-util --with segments.ai.utilisation=0.4' "$T/stdout"

# Errors in a --with are located as --with[N].
dcd compare $G/a.yaml $G/a.yaml@v --with segments.ai.utilisation=2 --no-plots -o "$T/bad"
expect_rc "invalid --with value: exit 3" 3
check "invalid --with value: located as --with[1]" \
    grep -q '^--with\[1\]:1:25: error: segments.ai.utilisation' "$T/stderr"
dcd compare $G/a.yaml "$T/missing.yaml" --no-plots -o "$T/bad"
expect_rc "missing file: exit 3" 3

# A file name with an '@' that exists is taken whole.
cp $G/c.yaml "$T/c@2024.yaml"
dcd compare $G/a.yaml "$T/c@2024.yaml" --no-plots -q -o "$T/at"
expect_rc "a file named with '@': exit 0" 0

# Overlay charts: three pictures, the same colour for a scenario on every
# chart, labels only through the $TEXT datablock.
if command -v "${DCDEMAND_GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    dcd compare $G/a.yaml $G/b.yaml $G/c.yaml -q -o "$T/charts"
    expect_rc "compare with charts: exit 0" 0
    for f in share dc_twh it_gw; do
        check "chart $f.png is a PNG" sh -c "head -c 4 '$T/charts/$f.png' | grep -q PNG"
        check "chart $f.png is linked from compare.md" grep -q "]($f.png)" "$T/charts/compare.md"
        check "chart $f.gp: golden-b in the 2nd colour" \
            grep -q '\$D2 using 1:2 .*linecolor rgb "#D55E00" title \$TEXT\[5\]' "$T/charts/$f.gp"
        if [ ! -f "$T/charts/$f.gp" ] ||
            awk '/^\$(TEXT|LAYOUT) << /{skip=1} !skip{print} /^EOD_dcdemand_(text_7c1e|layout)$/{skip=0}' \
            "$T/charts/$f.gp" | grep -q 'Golden'; then
            fail "chart $f.gp: scenario text only in the datablock"
        else pass "chart $f.gp: scenario text only in the datablock"; fi
    done
    # A title that would run a command if gnuplot scanned it.
    cat >"$T/evil.yaml" <<EOF
extends: $ROOT/$G/a.yaml
name: evil
title: "Evil \`touch pwned\` \" ' system('touch pwned2') EOD_dcdemand_text_7c1e"
EOF
    dcd compare $G/a.yaml "$T/evil.yaml" -q -o "$T/evil"
    expect_rc "hostile title: exit 0" 0
    check "hostile title: nothing run" test ! -e "$T/evil/pwned" -a ! -e "$T/evil/pwned2"
    # Unchanged inputs: the same bytes, and the files are not rewritten.
    ls -i "$T/charts/compare.md" "$T/charts/share.png" >"$T/inodes1"
    cp -r "$T/charts" "$T/charts1"
    dcd compare $G/a.yaml $G/b.yaml $G/c.yaml -q -o "$T/charts"
    check "compare twice: byte-identical" diff -r "$T/charts1" "$T/charts"
    ls -i "$T/charts/compare.md" "$T/charts/share.png" >"$T/inodes2"
    expect_same "compare twice: files not rewritten" "$T/inodes1" "$T/inodes2"
else
    skip "compare charts" 17 "gnuplot is not installed (make deps)"
fi

# A path wider than its column (40) takes a line of its own; the row's unit
# and cells follow on the next line, under their headings.
sed 's/all_data_centres/a_rather_long_segment_name_for_the_table/; s/name: golden-c/name: long-c/' \
    $G/c.yaml >"$T/long.yaml"
dcd compare --no-plots -o "$T/long" $G/a.yaml "$T/long.yaml"
expect_rc "compare with a long path: exit 0" 0
check "a long path is a line of its own" \
    grep -qx '\* segments\.a_rather_long_segment_name_for_the_table\.energy_twh' "$T/stdout"
check "the long path's row follows under its headings" \
    sh -c 'sed -n "/^\* segments\.a_rather_long_segment_name_for_the_table\.energy_twh$/{n;p;}" "$1" |
        grep -Eq "^ {44}TWh {10}- {21}150$"' sh "$T/stdout"

# A small country (Ireland-sized): values to 3 significant digits, what it
# takes (capacity added, capital spending) in every output.
dcd compare $G/ireland.yaml $G/ireland.yaml@fast --with segments.ai.growth=0.3 --no-plots \
    -o "$T/ie"
expect_rc "compare a small country: exit 0" 0
clean_stdout
golden "compare a small country: terminal" $G/ireland.txt "$T/stdout.clean"
golden "compare a small country: compare.md" $G/ireland.md "$T/ie/compare.md"
check "small country: GW with three significant digits" \
    grep -Eq '^  dc_it_gw +GW +2025 +0\.[0-9]{3} +0\.[0-9]{3} +[+]0\.[0-9]{3} ' "$T/stdout"
for m in dc_facility_gw dc_load_gw additions_gw additions_cum_gw capex_bn_usd capex_cum_bn_usd; do
    check "small country: $m in the table" grep -q "^  $m " "$T/stdout"
    check "small country: $m in compare.csv" grep -q "^result,$m," "$T/ie/compare.csv"
    check "small country: $m in compare.md" grep -q "^| $m |" "$T/ie/compare.md"
done
