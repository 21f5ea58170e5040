#!/bin/sh
# tests/cli/test_charts_compare.sh - charts of scenarios of very different
# size (docs/charts.md): a small Ireland-like scenario (a few TWh, a fifth of
# national demand) against McKinsey's US case (hundreds of TWh).  Each
# chart carries only the reference marks its scenarios name; compare draws
# observed (history:) markers, and --index (base year = 100) and --log.
. tests/cli/lib.sh

IE=tests/golden/ireland.yaml
US=scenarios/mckinsey-2024.yaml

# Outside the $TEXT datablock of FILE: nothing matching PATTERN.
outside_text() {
    awk '/^\$TEXT << /{skip=1} !skip{print} /^EOD_dcdemand_text_7c1e$/{skip=0}' "$1" | grep -q "$2"
}

# ---- the run charts of the small scenario ------------------------------------
dcd run --no-plots -q -o "$T/run" $IE
expect_rc "ireland: run" 0
dcd plot --scripts-only -q "$T/run/ireland-like"
expect_rc "ireland: scripts" 0
S="$T/run/ireland-like/share.gp"
check "ireland share: its CSO range" grep -qx 'CSO: 21-22% metered in 2023-2024' "$S"
check "ireland share: its EirGrid level" grep -qx 'EirGrid: about 30% by 2030-2032' "$S"
check "ireland share: no other study's marks" sh -c "! grep -q 'McKinsey' '$S'"
check "ireland share: no forced y range" sh -c "! grep -q '13<\*' '$S'"
check "ireland share: the level drawn as a line across" \
    grep -q 'set arrow 2 from graph 0, first 30 to graph 1, first 30 nohead' "$S"
check "ireland share: the range as a short band at 2024" \
    grep -q 'set object 1 rectangle from first 2023.7, first 21 to first 2024.3, first 22 ' "$S"
check "ireland share: observed figures as open circles" grep -q '^2023 21$' "$S"
check "ireland energy: segment labels in the legend" \
    grep -qx 'AI training and inference' "$T/run/ireland-like/energy.gp"
check "ireland energy: no share marks" sh -c "! grep -q 'REFS_' '$T/run/ireland-like/energy.gp'"
check "ireland: the base year marked" grep -q 'set arrow 90 from first 2024,' "$S"
if outside_text "$S" 'EirGrid'; then fail "ireland share: labels only in \$TEXT"
else pass "ireland share: labels only in \$TEXT"; fi

# The McKinsey US case carries its own bands (and so the narratives that extend it).
dcd run --no-plots -q -o "$T/run" scenarios/stargate.yaml
dcd plot --scripts-only -q "$T/run/stargate"
check "stargate (extends mckinsey): McKinsey's bands from the scenario" \
    grep -qx 'McKinsey 2024: 11-12% in 2030' "$T/run/stargate/share.gp"

# ---- compare: plain, --log, --index ----------------------------------------------
if ! have_gnuplot; then
    skip "compare charts of different sizes" 20 "gnuplot is not installed (make deps)"
    exit 0
fi
dcd compare -q -o "$T/cmp" $IE $US
expect_rc "compare ireland us: exit 0" 0
C="$T/cmp/share.gp"
check "compare share: each scenario's own marks" grep -qx 'EirGrid: about 30% by 2030-2032' "$C"
check "compare share: ... the other's too" grep -qx 'McKinsey 2024: 3-4% in 2023' "$C"
check "compare share: Ireland's marks in Ireland's colour" \
    grep -q 'set arrow [0-9]* from graph 0, first 30 to graph 1, first 30 nohead .*"#0072B2"' "$C"
check "compare share: observed figures of the first scenario" grep -q '^\$H1 << ' "$C"
check "compare share: observed figures drawn" grep -q '\$H1 using 1:2 with points pointtype 6' "$C"
check "compare dc_twh: linear from 0" grep -q '^set yrange \[0:\*\]' "$T/cmp/dc_twh.gp"

dcd compare -q --log -o "$T/log" $IE $US
expect_rc "compare --log: exit 0" 0
for f in share dc_twh it_gw; do
    check "compare --log $f: log scale" grep -q '^set logscale y' "$T/log/$f.gp"
    check "compare --log $f: a picture" sh -c "head -c 4 '$T/log/$f.png' | grep -q PNG"
done

dcd compare -q --index -o "$T/idx" $IE $US
expect_rc "compare --index: exit 0" 0
I="$T/idx/dc_twh.gp"
check "compare --index: Ireland is 100 in its base year (2024)" \
    sh -c "sed -n '/^\\\$D1 << /,/^EOD_dcdemand_data/p' '$I' | grep -qx '2024 100'"
check "compare --index: the US case is 100 in its base year (2023)" \
    sh -c "sed -n '/^\\\$D2 << /,/^EOD_dcdemand_data/p' '$I' | grep -qx '2023 100'"
check "compare --index: the axis says so" grep -qx 'Index (base year of each scenario = 100)' "$I"
check "compare --index: no absolute reference marks" sh -c "! grep -q 'REFS_' '$T/idx/share.gp'"
check "compare --index --log: both" sh -c "
    '$DCDEMAND_BIN' compare -q --index --log -o '$T/both' $IE $US &&
    grep -q '^set logscale y' '$T/both/share.gp' && grep -q 'Index' '$T/both/share.gp'"
