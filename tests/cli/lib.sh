# tests/cli/lib.sh - helpers for command-line tests; sourced by tests/cli/*.sh.
#
# Every check prints one "PASS: name" or "FAIL: name: why" line.  Scripts run
# from the project root with LC_ALL=C, in a scratch folder $T removed on exit.
set -u
LC_ALL=C
export LC_ALL
: "${DCDEMAND_BIN:=$(pwd)/dcdemand}"
: "${DCDEMAND_WRAP:=}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
ROOT=$(pwd)

# dcd ARGS...: runs the program (under DCDEMAND_WRAP when set); stdout to
# $T/stdout, stderr to $T/stderr, status in $RC.
dcd() {
    $DCDEMAND_WRAP "$DCDEMAND_BIN" "$@" >"$T/stdout" 2>"$T/stderr"
    RC=$?
    if [ "$RC" -eq 99 ] && [ -n "$DCDEMAND_WRAP" ]; then
        echo "FAIL: valgrind reported errors for: dcdemand $*"
        cat "$T/stderr"
    fi
}

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+: $2}"; }

# check NAME COMMAND...: passes when COMMAND succeeds.
check() {
    name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name" "$*"; fi
}

# expect_rc NAME CODE: passes when the last dcd call exited with CODE.
expect_rc() {
    if [ "$RC" -eq "$2" ]; then pass "$1"; else fail "$1" "exit $RC, expected $2; stderr: $(head -c 600 "$T/stderr")"; fi
}

# expect_same NAME EXPECTED_FILE ACTUAL_FILE: byte-for-byte comparison.
expect_same() {
    if cmp -s "$2" "$3"; then pass "$1"; else
        fail "$1" "differs from $2"
        diff -u "$2" "$3" | head -n 40
    fi
}

# skip NAME N REASON: N checks that cannot run here; one "SKIP: NAME (N
# checks): REASON" line, counted as N skipped by tests/run.sh, so the total
# is the same whoever runs the suite.
skip() {
    echo "SKIP: $1 ($2 checks): $3"
}

# differ A B: succeeds when files A and B both exist and differ (a missing
# file is never "different").
differ() {
    [ -f "$1" ] && [ -f "$2" ] && ! cmp -s "$1" "$2"
}

# have_gnuplot: succeeds when the gnuplot the program would run is there.
have_gnuplot() {
    command -v "${DCDEMAND_GNUPLOT:-gnuplot}" >/dev/null 2>&1
}
