#!/bin/sh
# tests/run.sh - runs the whole suite and ends with
# "N passed, N failed, N skipped".
#
# Unit programs (BUILD/tests/test_*) print one PASS:/FAIL: line per assertion
# (GSL's test harness, verbose).  Command-line scripts (tests/cli/*.sh) print
# the same lines through tests/cli/lib.sh.  A program that crashes or exits
# non-zero without a FAIL: line counts as one failure.  A check that cannot
# run here prints "SKIP: NAME: REASON" (one check) or "SKIP: NAME (N checks):
# REASON" (N checks); skips are counted and listed at the end with their
# reasons, so passed + failed + skipped is the same whoever runs the suite.
#
# Environment: DCDEMAND_BIN (default ./dcdemand), BUILD (default build),
# DCDEMAND_WRAP (a command prefix such as valgrind, used by make leakcheck).
set -u
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
DCDEMAND_BIN=${DCDEMAND_BIN:-./dcdemand}
DCDEMAND_WRAP=${DCDEMAND_WRAP:-}
export BUILD DCDEMAND_BIN DCDEMAND_WRAP
case $DCDEMAND_BIN in /*) ;; *) DCDEMAND_BIN=$(pwd)/$DCDEMAND_BIN ;; esac

pass=0
fail=0
skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
: >"$tmp/skips"

tally() { # name, exit status, output file
    p=$(grep -c '^PASS:' "$3")
    f=$(grep -c '^FAIL:' "$3")
    # "SKIP: name (N checks): reason" counts N, any other SKIP: line 1.
    s=$(awk '/^SKIP:/ { n = 1; if (match($0, /\(([0-9]+) checks?\)/)) n = substr($0, RSTART + 1, RLENGTH - 1) + 0; t += n } END { print t + 0 }' "$3")
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "FAIL: $1 exited with status $2"
        tail -n 20 "$3"
    fi
    grep '^FAIL:' "$3"
    grep '^SKIP:' "$3" | sed "s|^|$1: |" >>"$tmp/skips"
    if [ "$s" -gt 0 ]; then
        printf '%-40s %4d passed, %d failed, %d skipped\n' "$1" "$p" "$f" "$s"
    else
        printf '%-40s %4d passed, %d failed\n' "$1" "$p" "$f"
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    skipped=$((skipped + s))
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    $DCDEMAND_WRAP "$t" >"$tmp/out" 2>&1
    tally "unit/$(basename "$t")" $? "$tmp/out"
done

for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    case $s in */lib.sh) continue ;; esac
    sh "$s" >"$tmp/out" 2>&1
    tally "cli/$(basename "$s" .sh)" $? "$tmp/out"
done

if [ -s "$tmp/skips" ]; then
    echo "skipped:"
    sed 's/^/  /' "$tmp/skips"
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
