#!/bin/sh
# Regenerates the program output shown in README.md (between the
# <!-- NAME:start --> and <!-- NAME:end --> markers) from the program itself.
# Run through `make readme`.  tests/cli/test_readme.sh fails when it drifts.
set -eu
cd "$(dirname "$0")/.."
BIN=${DCDEMAND_BIN:-./dcdemand}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# replace NAME FILE: put FILE, fenced, between NAME's markers.
replace() {
    awk -v name="$1" -v file="$2" '
        $0 == "<!-- " name ":start -->" { print; print "```"; while ((getline l < file) > 0) print l; print "```"; skip = 1; next }
        $0 == "<!-- " name ":end -->" { skip = 0 }
        !skip { print }
    ' README.md >"$tmp/README.md"
    cp "$tmp/README.md" README.md
}

"$BIN" run -o "$tmp/out" scenarios/mckinsey-2024.yaml | grep -v '^wrote ' >"$tmp/run"
replace run-output "$tmp/run"

{
    echo '$ ./dcdemand validate docs/examples/broken.yaml'
    "$BIN" validate docs/examples/broken.yaml 2>&1 || true
} >"$tmp/errors"
replace errors-output "$tmp/errors"

# solve-output, calibrate-output: the worked examples of goal seek and
# calibration, without the line naming the scratch output folder.
{
    echo '$ ./dcdemand solve scenarios/mckinsey-2024.yaml --target dc_share_pct@2030=12 --vary segments.ai.growth'
    "$BIN" solve -o "$tmp/out" --no-plots scenarios/mckinsey-2024.yaml --target dc_share_pct@2030=12 --vary segments.ai.growth | grep -v '^wrote '
} >"$tmp/solve"
replace solve-output "$tmp/solve"
{
    echo '$ ./dcdemand calibrate scenarios/lbnl-2024-history.yaml --fit segments.conventional.growth,segments.accelerated.growth'
    "$BIN" calibrate -o "$tmp/out" --no-plots scenarios/lbnl-2024-history.yaml --fit segments.conventional.growth,segments.accelerated.growth | grep -v '^wrote '
} >"$tmp/calibrate"
replace calibrate-output "$tmp/calibrate"

# mc-output: the Monte Carlo example on the uncertain McKinsey scenario.
{
    echo '$ ./dcdemand mc scenarios/mckinsey-2024-uncertain.yaml -n 100000'
    "$BIN" mc -o "$tmp/out" --no-plots scenarios/mckinsey-2024-uncertain.yaml -n 100000 | grep -v '^wrote '
} >"$tmp/mc"
replace mc-output "$tmp/mc"

# sensitivity-output: the tornado and Sobol ranking of the same scenario.
{
    echo '$ ./dcdemand sensitivity scenarios/mckinsey-2024-uncertain.yaml'
    "$BIN" sensitivity -o "$tmp/out" --no-plots scenarios/mckinsey-2024-uncertain.yaml 2>/dev/null | grep -v '^wrote '
} >"$tmp/sensitivity"
replace sensitivity-output "$tmp/sensitivity"
