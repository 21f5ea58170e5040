#!/bin/sh
# tests/cli/test_charts_results.sh - the saved-results reader behind
# `dcdemand plot` has limits like the scenario loader's (docs/charts.md):
# regular files only, summary.csv at most 16 MiB, years 1900..2200, at most
# 257 columns; every refusal is located and exits 3 without drawing.
. tests/cli/lib.sh

G=tests/golden/plot
unset DCDEMAND_GNUPLOT

# fresh NAME: a results folder NAME made from the golden input.
fresh() {
    rm -rf "$T/$1"
    mkdir -p "$T/$1"
    cp $G/input/scenario.yaml $G/input/summary.csv $G/input/segments.csv "$T/$1/"
}
# refused NAME PATTERN: plot of $T/NAME exits 3, the message matches
# PATTERN, and no script or picture was written.
refused() {
    timeout 60 "$DCDEMAND_BIN" plot "$T/$1" >"$T/stdout" 2>"$T/stderr"
    RC=$?
    expect_rc "$1: refused with exit 3" 3
    check "$1: the message is located" grep -q "$2" "$T/stderr"
    check "$1: nothing drawn" sh -c "! ls '$T/$1/'*.gp '$T/$1/'*.png >/dev/null 2>&1"
}

fresh ok
dcd plot --scripts-only "$T/ok"
expect_rc "the golden input is read" 0

fresh year-low
sed '2s/^[0-9]*/1800/' $G/input/summary.csv >"$T/year-low/summary.csv"
refused year-low 'summary.csv:2:1: error: expected a whole year from 1900 to 2200'

fresh year-high
awk -F, 'NR == 1 { print; next } { $1 = 2199 + NR - 2; print }' OFS=, $G/input/summary.csv \
    >"$T/year-high/summary.csv"
refused year-high 'summary.csv:4:1: error: expected a whole year from 1900 to 2200'

fresh seg-year
printf '99999,conventional,it_gw,1,GW\n' >>"$T/seg-year/segments.csv"
last=$(($(wc -l <$G/input/segments.csv) + 1))
refused seg-year "segments.csv:$last:1: error: .*with a year from 1900 to 2200"

fresh wide
{
    printf 'year'
    i=0
    while [ $i -lt 300 ]; do printf ',c%d' $i; i=$((i + 1)); done
    printf '\n2020'
    i=0
    while [ $i -lt 300 ]; do printf ',1'; i=$((i + 1)); done
    printf '\n'
} >"$T/wide/summary.csv"
refused wide 'summary.csv:1:1: error: more than 257 columns'

fresh big
truncate -s 17M "$T/big/summary.csv"
refused big 'summary.csv: error: file is larger than 16777216 bytes'

fresh fifo
rm "$T/fifo/summary.csv"
mkfifo "$T/fifo/summary.csv"
refused fifo 'summary.csv: error: cannot read: not a regular file'

fresh folder
rm "$T/folder/segments.csv"
mkdir "$T/folder/segments.csv"
refused folder 'segments.csv: error: cannot read: not a regular file'

fresh nul
printf '2030,\000\n' >>"$T/nul/summary.csv"
refused nul 'summary.csv: error: not a text file'
