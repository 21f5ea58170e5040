#!/bin/sh
# tests/cli/test_report.sh - `dcdemand report`: one folder with every run,
# the comparison and index.md; a second run on unchanged inputs gives the
# same bytes (diff -r) and rewrites nothing it wrote itself.
. tests/cli/lib.sh

G=tests/golden/compare
if command -v "${DCDEMAND_GNUPLOT:-gnuplot}" >/dev/null 2>&1; then PLOTS=; else PLOTS=--no-plots; fi

dcd report $G/a.yaml $G/b.yaml $G/c.yaml $PLOTS -o "$T/rep"
expect_rc "report: exit 0" 0
for n in golden-a golden-b golden-c; do
    for f in summary.csv segments.csv results.json scenario.yaml; do
        check "report: $n/$f" test -s "$T/rep/$n/$f"
    done
    check "index.md has a section for $n" grep -q "^## $n\$" "$T/rep/index.md"
done
check "report: compare/compare.md" test -s "$T/rep/compare/compare.md"
check "report: compare/compare.csv" test -s "$T/rep/compare/compare.csv"
check "index.md: titles" grep -q '^\*\*Golden B: faster AI, to 2035\*\*$' "$T/rep/index.md"
check "index.md: sources" grep -q '^  - Test source A$' "$T/rep/index.md"
check "index.md: key figures" grep -q '^| Data centres, share of national demand | % |' "$T/rep/index.md"
check "index.md: a year outside a scenario is empty" \
    grep -q '^| \[golden-c\](#golden-c) | .* | 2023-2028 | 4.04 | - | - |$' "$T/rep/index.md"

# Every link of index.md points at a file of the report.
missing=0
for link in $(grep -o '](\([^)#]*\))' "$T/rep/index.md" | sed 's/^](//; s/)$//'); do
    if [ ! -f "$T/rep/$link" ]; then
        missing=1
        echo "missing: $link"
    fi
done
if [ "$missing" -eq 0 ]; then pass "index.md: every link resolves"; else fail "index.md: every link resolves"; fi

# The overview of index.html links each scenario's section, as index.md does.
H="$T/rep/index.html"
for n in golden-a golden-b golden-c; do
    check "index.html: the overview links $n" grep -q "^<tr><td><a href=\"#s-$n\">$n</a></td>" "$H"
    check "index.html: the section of $n" grep -q "<h2 id=\"s-$n\">" "$H"
done
if [ -z "$PLOTS" ]; then
    check "index.md shows the charts" grep -q '^!\[golden-a: share chart\](golden-a/share.png)$' \
        "$T/rep/index.md"
    check "report: compare/share.png" test -s "$T/rep/compare/share.png"
else
    skip "report charts" 2 "gnuplot is not installed (make deps)"
fi

# Twice: byte-identical, and the files written through dcd_write_atomic keep
# their inode (not rewritten).
cp -r "$T/rep" "$T/rep1"
ls -i "$T/rep/index.md" "$T/rep/compare/compare.md" "$T/rep/golden-a/summary.csv" >"$T/ino1"
dcd report $G/a.yaml $G/b.yaml $G/c.yaml $PLOTS -o "$T/rep"
expect_rc "report again: exit 0" 0
check "report twice: byte-identical (diff -r)" diff -r "$T/rep1" "$T/rep"
ls -i "$T/rep/index.md" "$T/rep/compare/compare.md" "$T/rep/golden-a/summary.csv" >"$T/ino2"
expect_same "report twice: unchanged files are not rewritten" "$T/ino1" "$T/ino2"

# A changed input changes the report.
dcd report $G/a.yaml $G/b.yaml $G/c.yaml --set national.growth=0.02 --no-plots -q -o "$T/rep"
expect_rc "report with --set: exit 0" 0
check "report with --set: index.md changes" differ "$T/rep1/index.md" "$T/rep/index.md"
check "report with --set: named in index.md" grep -q 'every one with --set national.growth=0.02' \
    "$T/rep/index.md"

# One scenario: no comparison folder.
dcd report $G/a.yaml --no-plots -q -o "$T/one"
expect_rc "report of one scenario: exit 0" 0
check "report of one scenario: no compare/" test ! -e "$T/one/compare"

# Errors.
cat >"$T/compare.yaml" <<EOF
extends: $ROOT/$G/c.yaml
name: compare
EOF
dcd report $G/a.yaml "$T/compare.yaml" --no-plots -o "$T/bad"
expect_rc "a scenario named compare: exit 2" 2
check "a scenario named compare: message" grep -q "named 'compare'" "$T/stderr"
dcd report $G/a.yaml $G/a.yaml --no-plots -o "$T/bad"
expect_rc "the same scenario twice: exit 2" 2
check "errors write nothing" test ! -e "$T/bad"
dcd report
expect_rc "report without FILE: exit 2" 2
