#!/bin/sh
# The README's examples run, and the output it shows is the program's own.
. tests/cli/lib.sh

# Every "./dcdemand ..." line of the README's "Using it" section runs with
# status 0 (in a scratch folder, so nothing is written into the tree).
mkdir -p "$T/work"
ln -s "$ROOT/scenarios" "$T/work/scenarios"
sed -n '/^## Using it/,/^### Scenario files/p' README.md | grep '^\./dcdemand ' | sed 's/ *#.*$//' >"$T/examples"
n=0
while IFS= read -r line; do
    n=$((n + 1))
    args=${line#./dcdemand }
    # shellcheck disable=SC2086 # the README's words are the arguments
    (cd "$T/work" && $DCDEMAND_WRAP "$DCDEMAND_BIN" $args >/dev/null 2>"$T/err")
    rc=$?
    if [ "$rc" -eq 0 ]; then pass "README example: $line"; else fail "README example: $line" "exit $rc: $(cat "$T/err")"; fi
done <"$T/examples"
check "README has examples to run" test "$n" -ge 4

# The run output block equals what `dcdemand run` prints today.
sed -n '/<!-- run-output:start -->/,/<!-- run-output:end -->/p' README.md | sed '1,2d;$d' | sed '$d' >"$T/readme-run"
dcd run -o "$T/out" scenarios/mckinsey-2024.yaml
grep -v '^wrote ' "$T/stdout" >"$T/actual-run"
expect_same "README run output is current (make readme refreshes it)" "$T/readme-run" "$T/actual-run"

# The error example shows the program's own messages.
sed -n '/<!-- errors-output:start -->/,/<!-- errors-output:end -->/p' README.md | sed '1,3d;$d' | sed '$d' >"$T/readme-errors"
dcd validate docs/examples/broken.yaml
expect_rc "README error example exits 3" 3
expect_same "README error output is current" "$T/readme-errors" "$T/stderr"

# The solve and calibrate examples show the program's own output.
for c in solve calibrate sensitivity; do
    sed -n "/<!-- $c-output:start -->/,/<!-- $c-output:end -->/p" README.md | sed '1,2d;$d' | sed '$d' >"$T/readme-$c"
    cmd=$(head -n 1 "$T/readme-$c" | sed 's/^\$ \.\/dcdemand //')
    # shellcheck disable=SC2086 # the README's words are the arguments
    dcd $cmd -o "$T/out-$c" --no-plots
    expect_rc "README $c example exits 0" 0
    { head -n 1 "$T/readme-$c"; grep -v '^wrote ' "$T/stdout"; } >"$T/actual-$c"
    expect_same "README $c output is current (make readme refreshes it)" "$T/readme-$c" "$T/actual-$c"
done

# The Monte Carlo example shows the program's own output.
sed -n "/<!-- mc-output:start -->/,/<!-- mc-output:end -->/p" README.md | sed '1,2d;$d' | sed '$d' >"$T/readme-mc"
cmd=$(head -n 1 "$T/readme-mc" | sed 's/^\$ \.\/dcdemand //')
# shellcheck disable=SC2086 # the README's words are the arguments
dcd $cmd -o "$T/out-mc" --no-plots
expect_rc "README mc example exits 0" 0
{ head -n 1 "$T/readme-mc"; grep -v '^wrote ' "$T/stdout"; } >"$T/actual-mc"
expect_same "README mc output is current (make readme refreshes it)" "$T/readme-mc" "$T/actual-mc"
