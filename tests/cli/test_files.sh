#!/bin/sh
# tests/cli/test_files.sh - result files land whole or not at all, never
# outside the output folder (docs/files.md): links in the output path,
# stale temporary files of killed runs, concurrent runs into one folder, a
# full disk (root: a small tmpfs) and an interrupted run.
. tests/cli/lib.sh

G=tests/golden
SET="summary.csv segments.csv results.json scenario.yaml"

# temps DIR: prints the temporary files left anywhere under DIR.
temps() { find "$1" -name '.*.tmp.*' 2>/dev/null; }
# same_set NAME DIR REF: every result file of DIR equals REF's.
same_set() {
    for f in $SET; do cmp -s "$2/$f" "$3/$f" || return 1; done
}
# one_set NAME DIR REF_A REF_B: DIR holds all of REF_A's files or all of REF_B's.
one_set() {
    if same_set x "$2" "$3" || same_set x "$2" "$4"; then pass "$1"; else
        fail "$1" "a mix of two runs (or a missing file) in $2"
        for f in $SET; do
            printf '%s: A=%s B=%s\n' "$f" "$(cmp -s "$2/$f" "$3/$f" && echo same || echo diff)" \
                "$(cmp -s "$2/$f" "$4/$f" && echo same || echo diff)"
        done
    fi
}

# ---- links ---------------------------------------------------------------
mkdir -p "$T/victim" "$T/o1"
ln -s "$T/victim" "$T/o1/tiny"
dcd run --no-plots -q -o "$T/o1" "$G/tiny.yaml"
expect_rc "symlink at OUT/NAME: exit 5" 5
check "symlink at OUT/NAME: message names the link" grep -q "o1/tiny: error: is a symbolic link" "$T/stderr"
check "symlink at OUT/NAME: nothing written through it" test -z "$(ls -A "$T/victim")"
check "symlink at OUT/NAME: the link itself kept" test -L "$T/o1/tiny"

mkdir -p "$T/real"
ln -s "$T/real" "$T/via"
dcd run --no-plots -q -o "$T/via/out" "$G/tiny.yaml"
expect_rc "symlinked output folder component: exit 5" 5
check "symlinked output folder component: message" grep -q "via: error: is a symbolic link" "$T/stderr"
check "symlinked output folder component: nothing written" test -z "$(ls -A "$T/real")"

# A link in place of a result file is replaced, its target untouched.
dcd run --no-plots -q -o "$T/o2" "$G/tiny.yaml"
echo keep >"$T/target.csv"
rm -f "$T/o2/tiny/summary.csv"
ln -s "$T/target.csv" "$T/o2/tiny/summary.csv"
dcd run --no-plots -q -o "$T/o2" --set national.growth=0.02 "$G/tiny.yaml"
expect_rc "symlink at a result file: exit 0" 0
check "symlink at a result file: its target untouched" grep -qx keep "$T/target.csv"
check "symlink at a result file: replaced by a regular file" test -f "$T/o2/tiny/summary.csv" -a ! -L "$T/o2/tiny/summary.csv"

# A link as the output folder itself.
ln -s "$T/real" "$T/outlink"
dcd run --no-plots -q -o "$T/outlink" "$G/tiny.yaml"
expect_rc "output folder is a symlink: exit 5" 5
check "output folder is a symlink: nothing written" test -z "$(ls -A "$T/real")"

# ---- stale temporary files ------------------------------------------------
dcd run --no-plots -q -o "$T/st" "$G/tiny.yaml"
: >"$T/st/tiny/.summary.csv.tmp.Ab3xYz"
: >"$T/st/tiny/.share.png.tmp.q1w2e3"
: >"$T/st/tiny/.notes.tmp.keep"
echo mine >"$T/st/tiny/notes.txt"
dcd run --no-plots -q -o "$T/st" "$G/tiny.yaml"
expect_rc "after a killed run: exit 0" 0
check "a killed run's temporary result file is removed" test ! -e "$T/st/tiny/.summary.csv.tmp.Ab3xYz"
check "a killed run's temporary chart is removed" test ! -e "$T/st/tiny/.share.png.tmp.q1w2e3"
check "a file that only looks alike is kept" test -e "$T/st/tiny/.notes.tmp.keep"
check "the user's own file is kept" grep -qx mine "$T/st/tiny/notes.txt"

# ---- two concurrent runs into one folder ------------------------------------
# References: the two inputs run alone.
"$DCDEMAND_BIN" run --no-plots -q -o "$T/refA" "$G/tiny.yaml" >/dev/null 2>&1
"$DCDEMAND_BIN" run --no-plots -q -o "$T/refB" --set national.growth=0.03 "$G/tiny.yaml" >/dev/null 2>&1
ok=1 mixed=0
for i in 1 2 3 4 5; do
    $DCDEMAND_WRAP "$DCDEMAND_BIN" run --no-plots -q -o "$T/cc" "$G/tiny.yaml" >"$T/ccA.out" 2>"$T/ccA.err" &
    a=$!
    $DCDEMAND_WRAP "$DCDEMAND_BIN" run --no-plots -q -o "$T/cc" --set national.growth=0.03 "$G/tiny.yaml" >"$T/ccB.out" 2>"$T/ccB.err" &
    b=$!
    wait $a; ra=$?
    wait $b; rb=$?
    [ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] || { ok=0; cat "$T/ccA.err" "$T/ccB.err"; }
    same_set x "$T/cc/tiny" "$T/refA/tiny" || same_set x "$T/cc/tiny" "$T/refB/tiny" || mixed=1
done
check "concurrent runs into one folder: both succeed (5 rounds)" test "$ok" -eq 1
check "concurrent runs into one folder: never a mix (5 rounds)" test "$mixed" -eq 0
check "concurrent runs: no temporary file" test -z "$(temps "$T/cc")"
# With charts (the fake gnuplot is slow, so the second run must wait).
printf '#!/bin/sh\nsleep 1\nexec gnuplot "$@"\n' >"$T/slowgp"
chmod +x "$T/slowgp"
if command -v gnuplot >/dev/null 2>&1; then
    DCDEMAND_GNUPLOT="$T/slowgp" $DCDEMAND_WRAP "$DCDEMAND_BIN" run -q -o "$T/ccp" "$G/tiny.yaml" >/dev/null 2>"$T/ccA.err" &
    a=$!
    sleep 0.3
    DCDEMAND_GNUPLOT="$T/slowgp" $DCDEMAND_WRAP "$DCDEMAND_BIN" run -q -o "$T/ccp" --set national.growth=0.03 "$G/tiny.yaml" >/dev/null 2>"$T/ccB.err" &
    b=$!
    wait $a; ra=$?
    wait $b; rb=$?
    check "concurrent runs with charts: both exit 0" test "$ra" -eq 0 -a "$rb" -eq 0
    check "concurrent runs with charts: the second says it waits" grep -q "another dcdemand is writing into this folder; waiting" "$T/ccA.err" "$T/ccB.err"
    one_set "concurrent runs with charts: one complete set" "$T/ccp/tiny" "$T/refA/tiny" "$T/refB/tiny"
    check "concurrent runs with charts: no temporary file" test -z "$(temps "$T/ccp")"
else
    echo "SKIP: concurrent runs with charts (4 checks): gnuplot is not installed"
fi

# ---- an interrupted run ------------------------------------------------------
# A large scenario (300 segments, 301 years: 40 MB of results) makes the
# write phase long; SIGINT at several moments must leave the old or the new
# set and no temporary file.  (A shell starts background jobs with SIGINT
# ignored: env --default-signal gives the program the default action.)
python3 - "$T/big.yaml" <<'EOF' 2>/dev/null || echo "no python3" >"$T/nopy"
import sys
with open(sys.argv[1], "w") as f:
    f.write("name: big\ntitle: big\nsources: [made up]\nyears: {start: 1900, base: 1950, end: 2200}\n")
    f.write("national: {total_twh: 500, growth: 0.001}\npue: 1.4\nsegments:\n")
    for i in range(300):
        f.write("  s%d: {ai: false, driver: energy, energy_twh: %g, growth: 0.0001}\n" % (i, 0.001 + i * 1e-6))
EOF
if [ -e "$T/nopy" ]; then
    echo "SKIP: interrupted run (3 checks): python3 is not installed"
elif ! env --default-signal=INT true 2>/dev/null; then
    echo "SKIP: interrupted run (3 checks): env --default-signal is missing (coreutils < 8.31)"
else
    "$DCDEMAND_BIN" run --no-plots -q -o "$T/bigA" "$T/big.yaml" >/dev/null 2>&1
    "$DCDEMAND_BIN" run --no-plots -q -o "$T/bigB" --set national.growth=0.002 "$T/big.yaml" >/dev/null 2>&1
    cp -R "$T/bigA" "$T/bigI"
    left= mix=0 rcs=
    for delay in 0.1 0.2 0.3 0.35 0.4 0.45 0.5 0.6; do
        env --default-signal=INT "$DCDEMAND_BIN" run --no-plots -q -o "$T/bigI" --set national.growth=0.002 "$T/big.yaml" >/dev/null 2>&1 &
        p=$!
        sleep "$delay"
        kill -INT "$p" 2>/dev/null
        wait "$p"
        rcs="$rcs $?"
        left="$left$(temps "$T/bigI")"
        same_set x "$T/bigI/big" "$T/bigA/big" || same_set x "$T/bigI/big" "$T/bigB/big" || mix=1
        rm -rf "$T/bigI" && cp -R "$T/bigA" "$T/bigI"
    done
    check "interrupted run (SIGINT at 8 moments): no temporary file" test -z "$left"
    check "interrupted run: the old or the new complete set, never a mix" test "$mix" -eq 0
    check "interrupted run: exit 0 or killed by SIGINT (130) [$rcs ]" sh -c "! echo '$rcs' | grep -Eqv '^( (0|130))+\$'"
fi

# ---- a full disk ---------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: full disk (5 checks): needs root (mounts a small tmpfs)"
elif ! mkdir -p "$T/full" || ! mount -t tmpfs -o size=1m tmpfs "$T/full" 2>"$T/mount.err"; then
    echo "SKIP: full disk (5 checks): cannot mount a tmpfs: $(cat "$T/mount.err")"
else
    dcd run --no-plots -q -o "$T/full" "$G/tiny.yaml"
    cp -R "$T/full/tiny" "$T/fullref"
    # Fill the disk, then free 4 KiB: room for the first new file of the
    # set but not for all of them.
    dd if=/dev/zero of="$T/full/filler" bs=4k 2>/dev/null
    truncate -s -4K "$T/full/filler"
    dcd run --no-plots -q -o "$T/full" --set national.growth=0.05 "$G/tiny.yaml"
    expect_rc "full disk: exit 5" 5
    check "full disk: the message names the file and the reason" grep -q "No space left on device" "$T/stderr"
    check "full disk: the previous set is intact" same_set x "$T/full/tiny" "$T/fullref"
    check "full disk: no temporary file" test -z "$(temps "$T/full")"
    rm -f "$T/full/filler"
    dcd run --no-plots -q -o "$T/full" --set national.growth=0.05 "$G/tiny.yaml"
    expect_rc "full disk freed: the next run succeeds" 0
    umount "$T/full"
fi

# ---- a saved scenario.yaml can always be read back ---------------------------
# Two files under the loader's 16 MiB limit whose merge is over it.
if python3 - "$T/bm" "$ROOT/$G/tiny.yaml" <<'EOF2' 2>/dev/null; then
import os, sys
os.makedirs(sys.argv[1])
d = "x" * (9 << 20)
open(sys.argv[1] + "/parent.yaml", "w").write(open(sys.argv[2]).read() + 'description: "%s"\n' % d)
open(sys.argv[1] + "/child.yaml", "w").write('extends: parent.yaml\ntitle: "%s"\n' % d)
EOF2
    dcd run --no-plots -q -o "$T/bm/out" "$T/bm/child.yaml"
    expect_rc "merged scenario over 16 MiB: exit 3" 3
    check "merged scenario over 16 MiB: says why" grep -q "yaml:[0-9]*:[0-9]*: error: the resolved scenario .* more than the 16777216" "$T/stderr"
    check "merged scenario over 16 MiB: nothing written" test ! -e "$T/bm/out"
else
    skip "merged scenario over 16 MiB" 3 "python3 is not installed"
fi
