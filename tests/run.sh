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
# The tests run JOBS at a time (default: the number of processors; JOBS=1
# runs them one after another).  Each test's output goes to a file of its
# own and is counted and printed in a fixed order (the units, then the
# scripts, by name) once it and every test before it have ended, so the
# report is the same, line for line, whatever JOBS is.  The tests whose
# checks depend on timing (SERIAL below: concurrent runs and their lock, runs
# interrupted by signals after a delay, a slow gnuplot, gnuplot time limits,
# a full disk) run first, one at a time, with no other test of the suite
# beside them.
#
# Environment: DCDEMAND_BIN (default ./dcdemand), BUILD (default build),
# DCDEMAND_WRAP (a command prefix such as valgrind, used by make leakcheck),
# JOBS (tests run at once).
set -u
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
DCDEMAND_BIN=${DCDEMAND_BIN:-./dcdemand}
DCDEMAND_WRAP=${DCDEMAND_WRAP:-}
export BUILD DCDEMAND_BIN DCDEMAND_WRAP
case $DCDEMAND_BIN in /*) ;; *) DCDEMAND_BIN=$(pwd)/$DCDEMAND_BIN ;; esac

# The tests that run alone (see above), by their name in the report.
SERIAL="cli/test_files cli/test_charts_faults"
# The longest of the others, started first so that the last to end is a
# short one (only the start order: the report is the same in any order).
LONG="cli/test_mc cli/test_html unit/test_loader cli/test_setup cli/test_plot cli/test_solve
      cli/test_readme cli/test_charts_pipeline"

JOBS=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
case $JOBS in
'' | *[!0-9]* | 0*)
    echo "tests/run.sh: JOBS='$JOBS': expected a whole number, 1 or more" >&2
    exit 2
    ;;
esac

pass=0
fail=0
skipped=0
tmp=$(mktemp -d)
TESTS_TMP=$tmp
export TESTS_TMP
driver=
# The tests run in a process group of their own (setsid, where there is
# one): an interrupted suite stops them all (background jobs of a script
# ignore SIGINT, so it is passed on as SIGTERM, which lib.sh's clean-up
# traps) and waits for them.
stop() {
    if [ -n "$driver" ]; then
        g=$(cat "$tmp/group" 2>/dev/null)
        if [ -n "$g" ] && [ "$g" != "$$" ]; then kill -TERM -"$g" 2>/dev/null; fi
        kill -TERM "$driver" 2>/dev/null
        wait "$driver" 2>/dev/null
        driver=
    fi
    rm -rf "$tmp"
}
trap 'stop' EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
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

# The tests in the order of the report: line I of list is "NAME PATH".
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    echo "unit/$(basename "$t") $t"
done >"$tmp/list"
for s in tests/cli/*.sh; do
    [ -f "$s" ] || continue
    case $s in */lib.sh) continue ;; esac
    echo "cli/$(basename "$s" .sh) $s"
done >>"$tmp/list"

# The numbers of the serial tests, and of the others in their start order:
# the long ones (in LONG's order), then the rest.
at() { awk -v n="$1" '$1 == n { print NR }' "$tmp/list"; }
: >"$tmp/serial"
for name in $SERIAL; do at "$name" >>"$tmp/serial"; done
: >"$tmp/parallel"
for name in $LONG; do at "$name" >>"$tmp/parallel"; done
awk -v skip=" $(echo $SERIAL $LONG) " 'index(skip, " " $1 " ") == 0 { print NR }' "$tmp/list" \
    >>"$tmp/parallel"

# one I: runs test I, its output into out.I, then its exit status into rc.I
# (renamed into place: once rc.I is there, test I has ended).
cat >"$tmp/one" <<'END'
i=$1
set -- $(sed -n "${i}p" "$TESTS_TMP/list")
case $1 in
unit/*) $DCDEMAND_WRAP "$2" >"$TESTS_TMP/out.$i" 2>&1 </dev/null ;;
*) sh "$2" >"$TESTS_TMP/out.$i" 2>&1 </dev/null ;;
esac
echo $? >"$TESTS_TMP/rc.$i.part"
mv "$TESTS_TMP/rc.$i.part" "$TESTS_TMP/rc.$i"
END
# drive JOBS: the serial tests one by one, then the others JOBS at a time.
cat >"$tmp/drive" <<'END'
echo $$ >"$TESTS_TMP/group.part" && mv "$TESTS_TMP/group.part" "$TESTS_TMP/group"
while read -r i; do sh "$TESTS_TMP/one" "$i"; done <"$TESTS_TMP/serial"
xargs -r -n 1 -P "$1" sh "$TESTS_TMP/one" <"$TESTS_TMP/parallel"
END
# (A background job starts with SIGINT and SIGQUIT ignored: env gives the
# tests the default actions back, as they had when run in the foreground.)
reset=
if env --default-signal=INT,QUIT true 2>/dev/null; then reset="env --default-signal=INT,QUIT"; fi
if setsid -w true </dev/null >/dev/null 2>&1; then
    $reset setsid -w sh "$tmp/drive" "$JOBS" </dev/null &
else
    $reset sh "$tmp/drive" "$JOBS" </dev/null &
fi
driver=$!

# The report, test by test in order, each as soon as it has ended.
i=0
while read -r name path; do
    i=$((i + 1))
    while [ ! -e "$tmp/rc.$i" ]; do
        if ! kill -0 "$driver" 2>/dev/null && [ ! -e "$tmp/rc.$i" ]; then
            echo "$name: did not run (the runner stopped)" >>"$tmp/out.$i"
            echo 127 >"$tmp/rc.$i"
            break
        fi
        sleep 0.1
    done
    tally "$name" "$(cat "$tmp/rc.$i")" "$tmp/out.$i"
done <"$tmp/list"
wait "$driver" 2>/dev/null
driver=

if [ -s "$tmp/skips" ]; then
    echo "skipped:"
    sed 's/^/  /' "$tmp/skips"
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
