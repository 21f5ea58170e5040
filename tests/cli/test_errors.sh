#!/bin/sh
# tests/cli/test_errors.sh - the bad-input corpus (tests/errors/).
#
# Each tests/errors/NAME.yaml is a scenario that must be refused.  Its exact
# expected stderr is in NAME.err; the expected exit status is 3 (invalid
# scenario) unless NAME.code holds another (4: the scenario is valid but its
# projection fails).  Helper files that the corpus extends live in
# tests/errors/extends/ and are not cases of their own.
#
# For every case this script runs, from the project root:
#   dcdemand validate tests/errors/NAME.yaml
#     exit 3: exit status 3, stderr == NAME.err, empty stdout;
#     exit 4: exit status 0 (validation does not project), empty stderr;
#   dcdemand run -o $T/out tests/errors/NAME.yaml
#     the expected exit status, stderr == NAME.err, empty stdout, and no
#     output folder created (nothing is written before everything is known).
#
# Regenerating expected messages: after changing a message on purpose, run
#   UPDATE=1 sh tests/cli/test_errors.sh
# from the project root (with DCDEMAND_BIN set if the program is not
# ./dcdemand); it rewrites every NAME.err from `dcdemand run`.  Review the
# diff (git diff tests/errors) by eye before committing: each message must
# read well and point at the offending line and column.
. tests/cli/lib.sh

: "${UPDATE:=}"
n=0
for f in tests/errors/*.yaml; do
    name=$(basename "$f" .yaml)
    base=tests/errors/$name
    code=3
    [ -f "$base.code" ] && code=$(cat "$base.code")
    n=$((n + 1))

    if [ -n "$UPDATE" ]; then
        dcd run -o "$T/out" "$f"
        cp "$T/stderr" "$base.err"
        echo "updated $base.err (exit $RC)"
        rm -rf "$T/out"
        continue
    fi
    if [ ! -f "$base.err" ]; then
        fail "$name: missing $base.err (run UPDATE=1 sh tests/cli/test_errors.sh)"
        continue
    fi

    # validate
    dcd validate "$f"
    if [ "$code" -eq 4 ]; then
        expect_rc "$name: validate exits 0 (a projection error)" 0
        check "$name: validate prints no error" test ! -s "$T/stderr"
    else
        expect_rc "$name: validate exit status" "$code"
        expect_same "$name: validate stderr" "$base.err" "$T/stderr"
        check "$name: validate prints nothing on stdout" test ! -s "$T/stdout"
    fi

    # run
    dcd run -o "$T/out" "$f"
    expect_rc "$name: run exit status" "$code"
    expect_same "$name: run stderr" "$base.err" "$T/stderr"
    check "$name: run prints nothing on stdout" test ! -s "$T/stdout"
    check "$name: run creates no output folder" test ! -e "$T/out"
    rm -rf "$T/out"

    # every located message names this file or one it extends, 1-based
    if grep -v '^tests/errors/[^:]*\.yaml:[1-9][0-9]*:[1-9][0-9]*: error: ' "$base.err" |
        grep -v '^tests/errors/[^:]*\.yaml: error: ' >/dev/null; then
        fail "$name: a message is not FILE:LINE:COLUMN: error: MESSAGE" "$(head -n 3 "$base.err")"
    else
        pass "$name: messages are located"
    fi
done

if [ -z "$UPDATE" ]; then
    # The corpus itself: enough cases, none without its expected messages.
    check "corpus holds at least 40 cases ($n)" test "$n" -ge 40
    for e in tests/errors/*.err; do
        [ -f "${e%.err}.yaml" ] || fail "orphan $e (no ${e%.err}.yaml)"
    done
fi

# Special files cannot live in the corpus: `extends:` naming a FIFO is refused
# at the extends value without waiting for a writer (it used to block forever;
# `timeout` turns a hang into a failure).
if [ -z "$UPDATE" ]; then
    if command -v timeout >/dev/null 2>&1 && mkfifo "$T/fifo.yaml" 2>/dev/null; then
        printf 'extends: fifo.yaml\nname: x\n' >"$T/child.yaml"
        timeout 30 $DCDEMAND_WRAP "$DCDEMAND_BIN" validate "$T/child.yaml" >"$T/stdout" 2>"$T/stderr"
        RC=$?
        expect_rc "extends a FIFO: refused, not blocking" 3
        printf "%s:1:10: error: cannot read extended scenario '%s': not a regular file (a FIFO)\n" \
            "$T/child.yaml" "$T/fifo.yaml" >"$T/expected"
        expect_same "extends a FIFO: located message" "$T/expected" "$T/stderr"
    else
        echo "SKIP: extends a FIFO: no timeout command or mkfifo failed"
    fi
fi
