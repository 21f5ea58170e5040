#!/bin/sh
# tests/cli/test_charts_faults.sh - pictures land whole or not at all
# (docs/charts.md, "What a failed or interrupted drawing leaves").
#
# A fake `gnuplot`, first in PATH, hangs, writes garbage, writes a truncated
# picture (as on a full disk) or exits non-zero; the previous pictures must
# stay (`dcdemand plot` redraws the same numbers) or go (`dcdemand run`
# writes new ones), never a temporary or half-drawn file.  A gnuplot that
# hangs is stopped after the time limit; an interrupted drawing leaves no
# temporary file; `run --no-plots` leaves no old chart beside new numbers.
. tests/cli/lib.sh

G=tests/golden/plot
CHARTS="share energy load national emissions"
unset DCDEMAND_GNUPLOT SOURCE_DATE_EPOCH DCDEMAND_PLOT_TIMEOUT

if ! command -v gnuplot >/dev/null 2>&1; then
    echo "SKIP: test_charts_faults: gnuplot is not installed"
    exit 0
fi
REAL_GNUPLOT=$(command -v gnuplot)

# The fake gnuplot: FAKE_MODE says what it does with each picture it is
# asked for (the name given by -e "dcd_output='NAME'", else STEM.png beside
# the script).
mkdir -p "$T/fakebin"
cat >"$T/fakebin/gnuplot" <<'EOF'
#!/bin/sh
echo $$ >>"$FAKE_PIDS"
out=
for a; do
    case $a in
    dcd_output=*) out=${a#dcd_output=\'}; out=${out%\'} ;;
    *.gp)
        [ -n "$out" ] || out=$(basename "$a" .gp).png
        f=$(dirname "$a")/$out
        case $FAKE_MODE in
        garbage) printf 'not a picture at all\n' >"$f" ;;
        truncated) head -c 300 "$FAKE_PNG" >"$f" ;;
        half) head -c 300 "$FAKE_PNG" >"$f"; echo $$ >"$FAKE_MARK"; sleep 20 ;;
        esac
        out= ;;
    esac
done
case $FAKE_MODE in
fail) echo "fake gnuplot: broken on purpose" >&2; exit 3 ;;
hang) : >"$FAKE_MARK"; exec sleep 20 ;;
esac
exit 0
EOF
chmod +x "$T/fakebin/gnuplot"
FAKE_MARK="$T/started"
FAKE_PIDS="$T/fake-pids" # each fake gnuplot leads its own process group
export FAKE_MARK FAKE_PIDS
trap 'for p in $(cat "$FAKE_PIDS" 2>/dev/null); do kill -KILL -"$p" 2>/dev/null; done; rm -rf "$T"' \
    EXIT INT TERM

# no_temps DIR: no temporary picture is left in DIR.
no_temps() { [ -z "$(ls -A "$1" | grep '\.tmp\.')" ]; }
# same_pictures DIR: DIR's pictures are those kept in $T/keep.
same_pictures() {
    for c in $CHARTS; do cmp -s "$T/keep/$c.png" "$1/$c.png" || return 1; done
}
# no_pictures DIR: no PNG in DIR.
no_pictures() { ! ls "$1"/*.png >/dev/null 2>&1; }

dcd run -q -o "$T/out" $G/fixture.yaml
expect_rc "the real gnuplot draws the charts" 0
D="$T/out/plot-fixture"
mkdir -p "$T/keep"
for c in $CHARTS; do cp "$D/$c.png" "$T/keep/"; done
FAKE_PNG="$D/share.png"
export FAKE_PNG

fake() { # fake MODE COMMAND ARGS...: runs dcdemand with the fake gnuplot
    FAKE_MODE=$1
    shift
    FAKE_MODE=$FAKE_MODE PATH="$T/fakebin:$PATH" dcd "$@"
}

# ---- garbage, truncated, failing: plot keeps the previous pictures ----------

fake garbage plot "$D"
expect_rc "gnuplot writes garbage: plot exits 6" 6
check "gnuplot writes garbage: the message says so" grep -q 'incomplete or damaged png' "$T/stderr"
check "gnuplot writes garbage: the previous pictures stay" same_pictures "$D"
check "gnuplot writes garbage: no temporary file" no_temps "$D"

fake truncated plot "$D"
expect_rc "a truncated PNG (full disk): plot exits 6" 6
check "a truncated PNG: the previous pictures stay" same_pictures "$D"
check "a truncated PNG: no temporary file" no_temps "$D"

fake fail plot "$D"
expect_rc "gnuplot exits 3: plot exits 6" 6
check "gnuplot exits 3: its messages are shown" grep -q 'broken on purpose' "$T/stderr"
check "gnuplot exits 3: the previous pictures stay" same_pictures "$D"
check "gnuplot exits 3: no temporary file" no_temps "$D"

# ---- new numbers: run removes the old pictures when drawing fails -----------

fake garbage run -q -o "$T/out" $G/fixture.yaml
expect_rc "gnuplot writes garbage: run exits 6" 6
check "run with garbage: the results are written" test -s "$D/summary.csv"
check "run with garbage: no old picture beside the new numbers" no_pictures "$D"
check "run with garbage: the scripts are there to draw later" test -s "$D/share.gp"
check "run with garbage: no temporary file" no_temps "$D"
check "run with garbage: says how to draw later" grep -q "dcdemand plot $D" "$T/stderr"

dcd plot "$D"
expect_rc "the real gnuplot draws them again" 0
check "the pictures drawn again are the same" same_pictures "$D"

# ---- a gnuplot that hangs is stopped ------------------------------------------

rm -f "$FAKE_MARK"
DCDEMAND_PLOT_TIMEOUT=1 fake hang plot "$D"
expect_rc "a hung gnuplot: stopped, exit 6" 6
check "a hung gnuplot: the message says so" grep -q 'did not finish within 1 s' "$T/stderr"
check "a hung gnuplot: the message names DCDEMAND_PLOT_TIMEOUT" grep -q 'DCDEMAND_PLOT_TIMEOUT' "$T/stderr"
check "a hung gnuplot: it had started" test -e "$FAKE_MARK"
check "a hung gnuplot: the previous pictures stay" same_pictures "$D"
check "a hung gnuplot: no temporary file" no_temps "$D"

fake garbage plot --plot-timeout 5 "$D"
expect_rc "plot --plot-timeout 5 is accepted (then the garbage fails: exit 6)" 6

DCDEMAND_PLOT_TIMEOUT=soon dcd plot "$D"
expect_rc "DCDEMAND_PLOT_TIMEOUT=soon: a chart failure, exit 6" 6
check "DCDEMAND_PLOT_TIMEOUT=soon: named" grep -q '^DCDEMAND_PLOT_TIMEOUT: error: expected whole seconds' "$T/stderr"
check "DCDEMAND_PLOT_TIMEOUT=soon: the previous pictures stay" same_pictures "$D"
DCDEMAND_PLOT_TIMEOUT=soon dcd compare tests/golden/compare/a.yaml -q -o "$T/cmp-timeout"
expect_rc "DCDEMAND_PLOT_TIMEOUT=soon: compare, exit 6 too" 6
dcd plot --plot-timeout 0 "$D"
expect_rc "plot --plot-timeout 0: usage error" 2
dcd plot --plot-timeout 86401 "$D"
expect_rc "plot --plot-timeout 86401: usage error" 2

# ---- interrupts -----------------------------------------------------------------

if [ -n "$DCDEMAND_WRAP" ]; then
    echo "SKIP: interrupt: not under a wrapper such as valgrind"
else
    # SIGTERM, then SIGINT, to the process group of a run whose gnuplot has
    # written half a picture and hangs.
    for sig in TERM INT; do
        rm -rf "$T/int" "$FAKE_MARK"
        mkdir -p "$T/int/plot-fixture"
        for c in $CHARTS; do cp "$T/keep/$c.png" "$T/int/plot-fixture/"; done
        # (env: a background job of a script starts with SIGINT ignored.)
        FAKE_MODE=half PATH="$T/fakebin:$PATH" setsid env --default-signal=INT \
            "$DCDEMAND_BIN" run -q -o "$T/int" \
            $G/fixture.yaml >"$T/stdout" 2>"$T/stderr" &
        pid=$!
        n=0
        while [ ! -e "$FAKE_MARK" ] && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
        check "SIG$sig: gnuplot had started" test -e "$FAKE_MARK"
        kill -$sig -$pid 2>/dev/null
        { wait $pid; } 2>/dev/null
        st=$?
        check "SIG$sig: dcdemand died of the signal" [ "$st" -gt 128 ]
        check "SIG$sig: no temporary file" no_temps "$T/int/plot-fixture"
        check "SIG$sig: no half-drawn or old picture beside new numbers" \
            no_pictures "$T/int/plot-fixture"
        check "SIG$sig: the results are there" test -s "$T/int/plot-fixture/summary.csv"
    done

    # SIGKILL cannot be caught: the old pictures, moved aside when the new
    # numbers were written, are out of sight, and the next drawing into the
    # folder removes the hidden files left behind.
    rm -rf "$T/int" "$FAKE_MARK"
    mkdir -p "$T/int/plot-fixture"
    for c in $CHARTS; do cp "$T/keep/$c.png" "$T/int/plot-fixture/"; done
    FAKE_MODE=half PATH="$T/fakebin:$PATH" setsid "$DCDEMAND_BIN" run -q -o "$T/int" \
        $G/fixture.yaml >"$T/stdout" 2>"$T/stderr" &
    pid=$!
    n=0
    while [ ! -s "$FAKE_MARK" ] && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
    kill -KILL $pid
    { wait $pid; } 2>/dev/null
    kill -KILL -"$(cat "$FAKE_MARK")" 2>/dev/null # the orphaned fake gnuplot
    check "SIGKILL: no old or half-drawn picture in sight" no_pictures "$T/int/plot-fixture"
    check "SIGKILL: hidden temporary files are left behind" \
        sh -c "ls -A '$T/int/plot-fixture' | grep -q '\\.tmp\\.'"
    dcd plot "$T/int/plot-fixture"
    expect_rc "SIGKILL: the next drawing succeeds" 0
    check "SIGKILL: the next drawing removes the hidden files" no_temps "$T/int/plot-fixture"
    check "SIGKILL: the next drawing draws the pictures" same_pictures "$T/int/plot-fixture"

    # Two commands drawing into one folder at once: the second waits for
    # the first (one lock per output folder, shared with the result writers:
    # docs/files.md), says so on stderr, and draws once the first is gone.
    rm -f "$FAKE_MARK"
    FAKE_MODE=hang PATH="$T/fakebin:$PATH" "$DCDEMAND_BIN" plot -q "$D" >/dev/null 2>&1 &
    pid=$!
    n=0
    while [ ! -e "$FAKE_MARK" ] && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
    "$DCDEMAND_BIN" plot "$D" >"$T/second.out" 2>"$T/second.err" &
    pid2=$!
    n=0
    while ! grep -q waiting "$T/second.err" 2>/dev/null && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
    check "a second plot into a folder being drawn says it waits" \
        grep -q 'another dcdemand is writing into this folder; waiting' "$T/second.err"
    check "a second plot: the pictures are untouched meanwhile" same_pictures "$D"
    kill -TERM $pid
    { wait $pid; } 2>/dev/null
    wait $pid2
    check "the second plot draws once the first has gone" [ $? -eq 0 ]
    check "the first plot, stopped, leaves no temporary file" no_temps "$D"
    check "the first plot, stopped, leaves the pictures" same_pictures "$D"
fi

# A temporary picture a killed run left is removed by the next drawing in
# that folder; other hidden files are left alone.
: >"$D/.share.png.tmp.AbC123"
: >"$D/.energy.svg.tmp.x1y2z3"
: >"$D/.notes.tmp.AbC123"
dcd plot "$D"
expect_rc "plot after a killed run: exit 0" 0
check "a killed run's temporary pictures are removed" \
    [ ! -e "$D/.share.png.tmp.AbC123" -a ! -e "$D/.energy.svg.tmp.x1y2z3" ]
check "an unrelated hidden file stays" test -e "$D/.notes.tmp.AbC123"
rm -f "$D/.notes.tmp.AbC123"

# ---- run --no-plots: no old chart beside new numbers -----------------------------

dcd run -q --no-plots -o "$T/out" $G/fixture.yaml
expect_rc "run --no-plots over charts: exit 0" 0
check "run --no-plots removes the old pictures" no_pictures "$D"
check "run --no-plots removes the old scripts" sh -c "! ls '$D'/*.gp >/dev/null 2>&1"
check "run --no-plots writes the results" test -s "$D/summary.csv"
