#!/bin/sh
# tests/cli/test_cli.sh - golden tests of the command line.
#
# Small scenarios live in tests/golden/ (tiny.yaml: one segment of each
# driver; tiny-child.yaml: extends it).  Expected outputs sit next to them:
#   tests/golden/tiny/{summary.csv,segments.csv,results.json,scenario.yaml}
#   tests/golden/tiny/stdout.txt   the printed table ($T replaced by OUT)
#   tests/golden/tiny.validate     `dcdemand validate` output
#   tests/golden/tiny-child.show   `dcdemand show` output
# and are compared byte for byte.  After an intended change of the output,
# regenerate them from the project root with
#   UPDATE=1 sh tests/cli/test_cli.sh
# and review `git diff tests/golden` by eye before committing.
. tests/cli/lib.sh

: "${UPDATE:=}"
G=tests/golden

# golden NAME EXPECTED ACTUAL: compares, or with UPDATE=1 rewrites EXPECTED.
golden() {
    if [ -n "$UPDATE" ]; then
        mkdir -p "$(dirname "$2")"
        cp "$3" "$2"
        echo "updated $2"
    else
        expect_same "$1" "$2" "$3"
    fi
}

# expect_stderr NAME TEXT: stderr of the last call is exactly TEXT (plus a newline).
expect_stderr() {
    printf '%s\n' "$2" >"$T/want"
    expect_same "$1" "$T/want" "$T/stderr"
}

# value CSV YEAR SEGMENT METRIC: one value of a segments.csv.
value() {
    awk -F, -v y="$2" -v s="$3" -v m="$4" '$1 == y && $2 == s && $3 == m { print $4 }' "$1"
}

# near NAME ACTUAL EXPECTED: relative difference below 1e-9.
near() {
    if awk -v a="$2" -v e="$3" 'BEGIN { d = a - e; if (d < 0) d = -d; s = e < 0 ? -e : e;
                                        exit !(a != "" && d <= 1e-9 * s) }'; then
        pass "$1"
    else
        fail "$1" "got '$2', expected $3"
    fi
}

# ---- help, version, usage mistakes -------------------------------------

dcd --help
expect_rc "--help exits 0" 0
check "--help prints usage on stdout" grep -q '^Usage: dcdemand COMMAND' "$T/stdout"
check "--help prints the exit status table" grep -q '^  3   invalid scenario' "$T/stdout"
check "--help prints nothing on stderr" test ! -s "$T/stderr"
cp "$T/stdout" "$T/help"

dcd -h
expect_rc "-h exits 0" 0
check "-h is --help" cmp -s "$T/help" "$T/stdout"

# Every command listed by --help has its own --help.
commands=$(sed -n '/^Commands:/,/^$/p' "$T/help" | awk 'NF > 1 { print $1 }')
check "--help lists run, validate and show" \
    sh -c "echo '$commands' | grep -qx run && echo '$commands' | grep -qx validate &&
           echo '$commands' | grep -qx show"
for c in $commands; do
    dcd "$c" --help
    expect_rc "$c --help exits 0" 0
    check "$c --help prints its usage" grep -q "^Usage: dcdemand $c " "$T/stdout"
    check "$c --help prints the exit status table" grep -q '^Exit status:' "$T/stdout"
    check "$c --help prints nothing on stderr" test ! -s "$T/stderr"
done

dcd --version
expect_rc "--version exits 0" 0
check "--version prints 'dcdemand X.Y.Z'" grep -qx 'dcdemand [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*' "$T/stdout"
check "--version prints one line" test "$(wc -l <"$T/stdout")" -eq 1
dcd -V
check "-V is --version" grep -qx 'dcdemand [0-9.]*' "$T/stdout"

dcd
expect_rc "no command: exit 2" 2
expect_stderr "no command: message and hint" "dcdemand: missing command (run, validate, show, ...)
Try 'dcdemand --help' for more information."

dcd frobnicate x.yaml
expect_rc "unknown command: exit 2" 2
expect_stderr "unknown command: message and hint" "dcdemand: unknown command 'frobnicate'
Try 'dcdemand --help' for more information."
check "unknown command: nothing on stdout" test ! -s "$T/stdout"

for c in run validate show; do
    dcd "$c" --frobnicate "$G/tiny.yaml"
    expect_rc "$c: unknown option: exit 2" 2
    check "$c: unknown option: names the option" grep -q -- '--frobnicate' "$T/stderr"
    check "$c: unknown option: ends with a hint" \
        test "$(tail -n 1 "$T/stderr")" = "Try 'dcdemand $c --help' for more information."
    check "$c: unknown option: nothing on stdout" test ! -s "$T/stdout"

    dcd "$c"
    expect_rc "$c: missing FILE: exit 2" 2
    check "$c: missing FILE: hint" \
        test "$(tail -n 1 "$T/stderr")" = "Try 'dcdemand $c --help' for more information."
done

dcd show "$G/tiny.yaml" "$G/tiny-child.yaml"
expect_rc "show with two files: exit 2" 2

dcd run -o '' "$G/tiny.yaml"
expect_rc "run with an empty -o: exit 2" 2

dcd validate tests/golden/no-such-file.yaml
expect_rc "missing file: exit 3" 3
expect_stderr "missing file: message" \
    "tests/golden/no-such-file.yaml: error: cannot read: No such file or directory"

# ---- validate and show --------------------------------------------------

dcd validate "$G/tiny.yaml"
expect_rc "validate tiny: exit 0" 0
golden "validate tiny: output" "$G/tiny.validate" "$T/stdout"
check "validate tiny: nothing on stderr" test ! -s "$T/stderr"
dcd validate -q "$G/tiny.yaml" "$G/tiny-child.yaml"
expect_rc "validate -q two files: exit 0" 0
check "validate -q: prints nothing" test ! -s "$T/stdout"

dcd show "$G/tiny-child.yaml"
expect_rc "show tiny-child: exit 0" 0
golden "show tiny-child: resolved scenario" "$G/tiny-child.show" "$T/stdout"
# The merge rules, spelled out (the golden shows them too).
check "extends: inherited key kept (national.total_twh)" grep -q '^  total_twh: 500$' "$T/stdout"
check "extends: nested key replaced (national.growth)" grep -q '^  growth: 0.015$' "$T/stdout"
check "extends: ~ removes a top-level key" sh -c "! grep -q grid_intensity '$T/stdout'"
check "extends: ~ removes a segment" sh -c "! grep -q '^  enterprise:' '$T/stdout'"
check "extends: ~ removes expect" sh -c "! grep -q '^expect' '$T/stdout'"
check "extends: a series is replaced whole" grep -qx 'pue: {2020: 1.4, 2026: 1.25}' "$T/stdout"
check "extends: segment keys merge (cloud keeps capacity_gw)" grep -q '^    capacity_gw: 2.385$' "$T/stdout"
check "extends: segment key replaced (cloud.growth)" grep -q '^    growth: 0.12$' "$T/stdout"
check "extends: a number replaces a mapping (lifetime)" grep -q '^    lifetime: 4$' "$T/stdout"
check "extends: the extends key itself is gone" sh -c "! grep -q '^extends' '$T/stdout'"

dcd show --set segments.cloud.utilisation=0.61 --set 'national.growth={2022: 0.01, 2026: 0.02}' "$G/tiny.yaml"
expect_rc "show --set: exit 0" 0
check "show --set: number replaced" grep -q '^    utilisation: 0.61$' "$T/stdout"
check "show --set: series given whole" grep -q '^  growth: {2022: 0.01, 2026: 0.02}$' "$T/stdout"

# ---- run: the golden outputs --------------------------------------------

dcd run --no-plots -o "$T/out" "$G/tiny.yaml"
expect_rc "run tiny: exit 0" 0
check "run tiny: nothing on stderr" test ! -s "$T/stderr"
sed "s|$T|OUT|g" "$T/stdout" >"$T/table"
golden "run tiny: printed table" "$G/tiny/stdout.txt" "$T/table"
for f in summary.csv segments.csv results.json scenario.yaml; do
    golden "run tiny: $f" "$G/tiny/$f" "$T/out/tiny/$f"
done
check "run tiny: writes only the folder tiny" test "$(ls "$T/out")" = tiny
check "run tiny: leaves no temporary files" test -z "$(ls -A "$T/out/tiny" | grep '^\.')"

dcd run --no-plots -q -o "$T/again" "$G/tiny.yaml"
expect_rc "run -q: exit 0" 0
check "run -q: prints nothing" test ! -s "$T/stdout"
for f in summary.csv segments.csv results.json scenario.yaml; do
    check "run twice: $f byte-identical" cmp -s "$T/out/tiny/$f" "$T/again/tiny/$f"
done

# The saved scenario.yaml is itself a valid scenario giving the same results.
cp "$T/out/tiny/scenario.yaml" "$T/resaved.yaml"
dcd run --no-plots -q -o "$T/resaved" "$T/resaved.yaml"
expect_rc "run on the saved scenario.yaml: exit 0" 0
check "saved scenario.yaml reproduces summary.csv" \
    cmp -s "$T/out/tiny/summary.csv" "$T/resaved/tiny/summary.csv"

# Overwriting a previous run is fine and gives the same files.
dcd run --no-plots -q -o "$T/out" "$G/tiny.yaml"
expect_rc "run into an existing folder: exit 0" 0
check "run into an existing folder: same summary" cmp -s "$G/tiny/summary.csv" "$T/out/tiny/summary.csv"

# ---- --set changes the results as expected -------------------------------

base_cloud=$(value "$T/out/tiny/segments.csv" 2026 cloud it_gw)
near "tiny: cloud IT capacity in 2026 = 2.385 x 1.08^4" "$base_cloud" 3.2447661696

dcd run --no-plots -q -o "$T/set1" --set segments.cloud.growth=0.1 "$G/tiny.yaml"
expect_rc "--set on a number: exit 0" 0
near "--set growth=0.1: cloud in the base year unchanged" \
    "$(value "$T/set1/tiny/segments.csv" 2022 cloud it_gw)" 2.385
near "--set growth=0.1: cloud in 2026 = 2.385 x 1.1^4" \
    "$(value "$T/set1/tiny/segments.csv" 2026 cloud it_gw)" 3.4918785
near "--set growth=0.1: other segments unchanged" \
    "$(value "$T/set1/tiny/segments.csv" 2026 enterprise facility_twh)" \
    "$(value "$T/out/tiny/segments.csv" 2026 enterprise facility_twh)"
check "--set is recorded in the saved scenario" grep -q '^    growth: 0.1$' "$T/set1/tiny/scenario.yaml"
check "--set changes the input checksum" \
    differ "$T/out/tiny/scenario.yaml" "$T/set1/tiny/scenario.yaml"

# A point of a series: enterprise growth {2022: 0.02, 2025: 0.2, 2026: -0.01},
# linear between points: 0.08 in 2023, 0.14 in 2024, 0.2 in 2025.
dcd run --no-plots -q -o "$T/set2" --set segments.enterprise.growth.2025=0.2 "$G/tiny.yaml"
expect_rc "--set on a series point: exit 0" 0
near "--set growth.2025=0.2: enterprise energy in 2024 = 12.5 x 1.08 x 1.14" \
    "$(value "$T/set2/tiny/segments.csv" 2024 enterprise facility_twh)" 15.39
near "--set growth.2025=0.2: enterprise energy in 2025 = 12.5 x 1.08 x 1.14 x 1.2" \
    "$(value "$T/set2/tiny/segments.csv" 2025 enterprise facility_twh)" 18.468
check "--set series point: saved with the point added" \
    grep -q '^    growth: {2022: 0.02, 2026: -0.01, 2025: 0.2}$' "$T/set2/tiny/scenario.yaml"

dcd run --no-plots -q -o "$T/set3" --set segments.enterprise=~ "$G/tiny.yaml"
expect_rc "--set KEY=~ removes a segment: exit 0" 0
check "--set KEY=~: the segment is gone" sh -c "! grep -q enterprise '$T/set3/tiny/segments.csv'"

# ---- --set mistakes (exit 3, located at the argument) --------------------

dcd validate --set segments.cloud.growth "$G/tiny.yaml"
expect_rc "--set without '=': exit 3" 3
expect_stderr "--set without '=': message" \
    "--set[1]:1:1: error: expected PATH=VALUE, for example segments.ai.utilisation=0.7"

dcd validate --set name=ok --set segments.cloud.growth= "$G/tiny.yaml"
expect_rc "--set with an empty value: exit 3" 3
expect_stderr "--set with an empty value: message" \
    "--set[2]:1:23: error: empty value after '='"

dcd validate --set =0.5 "$G/tiny.yaml"
expect_rc "--set with an empty path: exit 3" 3

dcd validate --set segments..growth=0.1 "$G/tiny.yaml"
expect_rc "--set with an empty key: exit 3" 3
expect_stderr "--set with an empty key: message" \
    "--set[1]:1:10: error: empty key in path 'segments..growth'"

dcd validate --set name.first=x "$G/tiny.yaml"
expect_rc "--set through a scalar: exit 3" 3
expect_stderr "--set through a scalar: message" \
    "--set[1]:1:1: error: 'name' is not a mapping (it is set at tests/golden/tiny.yaml:3:7), so it has no key 'first'"

dcd validate --set segments.cloud.growth.2025=0.2 "$G/tiny.yaml"
expect_rc "--set a point of a constant: exit 3" 3
expect_stderr "--set a point of a constant: message" \
    "--set[1]:1:16: error: 'segments.cloud.growth' is a single value (set at tests/golden/tiny.yaml:23:13), not a series of years; set the whole series, for example segments.cloud.growth={2025: 0.2}"

dcd validate --set segments.cloud.utilisation=1.5 "$G/tiny.yaml"
expect_rc "--set out of range: exit 3" 3
expect_stderr "--set out of range: message at the value" \
    "--set[1]:1:28: error: segments.cloud.utilisation: 1.5 is out of range: expected a fraction in [0, 1]"

dcd validate --set segments.cloud.utilization=0.5 "$G/tiny.yaml"
expect_rc "--set of an unknown key: exit 3" 3
expect_stderr "--set of an unknown key: did you mean" \
    "--set[1]:1:16: error: unknown key 'utilization' in segments.cloud; did you mean 'utilisation'?"

dcd validate --set 'title=[unclosed' "$G/tiny.yaml"
expect_rc "--set with a YAML error: exit 3" 3
check "--set with a YAML error: located in the argument" grep -q '^--set\[1\]:1:[0-9]*: error: ' "$T/stderr"

dcd run --no-plots -o "$T/badset" --set segments.cloud.idle=-1 "$G/tiny.yaml"
expect_rc "run with a bad --set: exit 3" 3
check "run with a bad --set: nothing written" test ! -e "$T/badset"

# ---- output folders -------------------------------------------------------

# Two scenarios of one run with the same name: refused before writing.
dcd run --no-plots -o "$T/same" "$G/tiny.yaml" "$G/tiny.yaml"
expect_rc "two scenarios named alike: exit 2" 2
check "two scenarios named alike: nothing written" test ! -e "$T/same"
check "two scenarios named alike: names the folder" grep -q "$T/same/tiny" "$T/stderr"

dcd run --no-plots -q -o "$T/two" "$G/tiny.yaml" "$G/tiny-child.yaml"
expect_rc "two scenarios: exit 0" 0
check "two scenarios: two folders" test "$(ls "$T/two" | tr '\n' ' ')" = "tiny tiny-child "

# Names that try to leave the output folder.
mkdir "$T/jail"
dcd run --no-plots -q -o "$T/jail/out" --set 'name=../../evil' "$G/tiny.yaml"
expect_rc "name ../../evil: exit 0" 0
check "name ../../evil: writes the folder 'evil' inside the output folder" \
    test "$(ls -A "$T/jail/out")" = evil
check "name ../../evil: nothing outside the output folder" test "$(ls -A "$T/jail")" = out
check "name ../../evil: nothing in the scratch folder" test ! -e "$T/evil"

dcd run --no-plots -q -o "$T/slash" --set 'name=/etc/a b/C' "$G/tiny.yaml"
expect_rc "name with slashes: exit 0" 0
check "name with slashes: one safe folder 'etc-a-b-c'" test "$(ls -A "$T/slash")" = etc-a-b-c

dcd run --no-plots -q -o "$T/dots" --set 'name=..' "$G/tiny.yaml"
expect_rc "name '..': exit 0" 0
check "name '..': the folder 'scenario'" test "$(ls -A "$T/dots")" = scenario

# Output errors: exit 5, with the path and strerror.
: >"$T/afile"
dcd run --no-plots -o "$T/afile/out" "$G/tiny.yaml"
expect_rc "output under a file: exit 5" 5
expect_stderr "output under a file: path and strerror" \
    "$T/afile/out: error: cannot create folder: Not a directory"
check "output under a file: no table printed" test ! -s "$T/stdout"

mkdir -p "$T/blocked"
: >"$T/blocked/tiny"
dcd run --no-plots -o "$T/blocked" "$G/tiny.yaml"
expect_rc "a file where the scenario folder goes: exit 5" 5
expect_stderr "a file where the scenario folder goes: message" \
    "$T/blocked/tiny: error: cannot create folder: a file of that name exists"

if [ "$(id -u)" -ne 0 ]; then
    mkdir "$T/ro"
    chmod 555 "$T/ro"
    dcd run --no-plots -o "$T/ro/out" "$G/tiny.yaml"
    expect_rc "read-only output folder: exit 5" 5
    expect_stderr "read-only output folder: path and strerror" \
        "$T/ro/out: error: cannot create folder: Permission denied"
    chmod 755 "$T/ro"
else
    skip "read-only output folder" 2 "root writes into read-only folders"
fi

# A bad option is one line naming it, then the --help hint (getopt's own
# message is off).
dcd run --bogus tests/golden/tiny.yaml
expect_rc "unknown long option: exit 2" 2
printf "dcdemand: unrecognized option '--bogus'\nTry 'dcdemand run --help' for more information.\n" >"$T/want"
expect_same "unknown long option: one line and the hint" "$T/want" "$T/stderr"
dcd validate -z tests/golden/tiny.yaml
printf "dcdemand: invalid option -- 'z'\nTry 'dcdemand validate --help' for more information.\n" >"$T/want"
expect_same "unknown short option: one line and the hint" "$T/want" "$T/stderr"
dcd run tests/golden/tiny.yaml -o
expect_rc "missing option argument: exit 2" 2
printf "dcdemand: option '-o' requires an argument\nTry 'dcdemand run --help' for more information.\n" >"$T/want"
expect_same "missing option argument: says so" "$T/want" "$T/stderr"
dcd sweep tests/golden/tiny.yaml --vary
printf "dcdemand: option '--vary' requires an argument\nTry 'dcdemand sweep --help' for more information.\n" >"$T/want"
expect_same "missing long option argument: says so" "$T/want" "$T/stderr"

# ---- not determined, hostile text, closed pipes --------------------------

# A value the scenario does not determine is "-" in run's table, never nan
# (bcg-2023 has no IT power: its it_gw column is not determined).
dcd run --no-plots -o "$T/nd" scenarios/bcg-2023.yaml
expect_rc "run: a scenario without IT power runs" 0
check "run: no nan in the terminal table" sh -c "! grep -qi 'nan' '$T/stdout'"
check "run: an undetermined it_gw is -" grep -Eq '^  2030 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +-$' "$T/stdout"
for f in scenarios/*.yaml; do
    "$DCDEMAND_BIN" run --no-plots -o "$T/nd" "$f" >"$T/one" 2>/dev/null
    if grep -qiw 'nan' "$T/one"; then echo "nan in the table of $f" >>"$T/nans"; fi
done
check "run: no library scenario prints nan" test ! -s "$T/nans"

# Escape sequences in scenario text never reach the terminal: they are shown
# as \xNN, as in diagnostics, in the tables of run, validate, check, compare.
sed 's/^title: .*/title: "Clear \\e[2J\\e]0;owned\\a me"/; s/^name: tiny/name: esc/' \
    tests/golden/tiny.yaml >"$T/esc.yaml"
esc=$(printf '\033')
dcd run --no-plots -o "$T/esc" "$T/esc.yaml"
expect_rc "esc title: run succeeds" 0
check "esc title: run's table has no ESC byte" sh -c "! grep -q '$esc' '$T/stdout'"
check "esc title: run's table shows \\x1B" grep -qF 'esc: Clear \x1B[2J\x1B]0;owned\x07 me' "$T/stdout"
dcd compare --no-plots -o "$T/escc" "$T/esc.yaml" tests/golden/tiny.yaml
expect_rc "esc title: compare succeeds" 0
check "esc title: compare's table has no ESC byte" sh -c "! grep -q '$esc' '$T/stdout'"
check "esc title: compare's table shows \\x1B" grep -qF '\x1B[2J' "$T/stdout"
printf 'study: "S\\e[31m"\n' >"$T/esc-study.yaml"
sed -n '1,$p' "$T/esc.yaml" >>"$T/esc-study.yaml"
dcd check "$T/esc-study.yaml"
check "esc study: check's table has no ESC byte" sh -c "! grep -q '$esc' '$T/stdout'"
check "esc study: check's table shows \\x1B" grep -qF 'S\x1B[31m' "$T/stdout"
dcd validate "$T/esc.yaml"
check "esc: validate's line has no ESC byte" sh -c "! grep -q '$esc' '$T/stdout'"

# A closed stdout (| head -1) loses no file: every file is written before the
# table, SIGPIPE is ignored and the write error is exit 5.
run_piped() { # OUTFILE ARGS...: runs into | head -1; status in $T/prc
    o=$1
    shift
    { "$DCDEMAND_BIN" "$@" 2>"$T/perr"; echo $? >"$T/prc"; } | head -1 >"$o"
}
mkdir -p "$T/pipe"
run_piped "$T/p1" compare -o "$T/pipe/cmp" --width 40 scenarios/iea-2025-base.yaml \
    scenarios/lbnl-2024-high.yaml scenarios/lbnl-2024-low.yaml scenarios/bcg-2023.yaml
prc=$(cat "$T/prc")
check "compare | head -1: exit 0 or 5, not killed ($prc)" sh -c "[ $prc -eq 0 ] || [ $prc -eq 5 ]"
check "compare | head -1: compare.csv written" test -s "$T/pipe/cmp/compare.csv"
check "compare | head -1: compare.md written" test -s "$T/pipe/cmp/compare.md"
if command -v gnuplot >/dev/null 2>&1 || [ -n "${DCDEMAND_GNUPLOT:-}" ]; then
    n=$(ls "$T/pipe/cmp" | grep -c '\.png$')
    check "compare | head -1: the overlay charts drawn ($n)" test "$n" -ge 1
    run_piped "$T/p2" run -o "$T/pipe/run" scenarios/iea-2025-base.yaml
    prc=$(cat "$T/prc")
    check "run | head -1: exit 0 or 5 ($prc)" sh -c "[ $prc -eq 0 ] || [ $prc -eq 5 ]"
    for p in share energy load national; do
        check "run | head -1: $p.png drawn" test -s "$T/pipe/run/iea-2025-base/$p.png"
    done
else
    echo "SKIP: compare/run | head -1 charts: gnuplot not found"
fi
# The table is a full write into a closed pipe: exit 5 and a message.
"$DCDEMAND_BIN" compare --no-plots -o "$T/pipe/c2" scenarios/iea-2025-base.yaml \
    scenarios/lbnl-2024-high.yaml 2>"$T/perr2" | true
check "compare into a closed pipe: compare.csv kept" test -s "$T/pipe/c2/compare.csv"
# sweep and report also write every file before printing.
run_piped "$T/p3" sweep --no-plots -o "$T/pipe/sw" tests/golden/tiny.yaml \
    --vary segments.cloud.utilisation=0.1:0.9:0.05 -y 2025
prc=$(cat "$T/prc")
check "sweep | head -1: exit 0 or 5 ($prc)" sh -c "[ $prc -eq 0 ] || [ $prc -eq 5 ]"
check "sweep | head -1: sweep.csv has every point" \
    test "$(wc -l <"$T/pipe/sw/sweep.csv")" -eq $((1 + 17 * 7))
run_piped "$T/p4" report --no-plots -o "$T/pipe/rep" tests/golden/tiny.yaml scenarios/bcg-2023.yaml
prc=$(cat "$T/prc")
check "report | head -1: exit 0 or 5 ($prc)" sh -c "[ $prc -eq 0 ] || [ $prc -eq 5 ]"
check "report | head -1: index.md written" test -s "$T/pipe/rep/index.md"
check "report | head -1: the comparison written" test -s "$T/pipe/rep/compare/compare.csv"
