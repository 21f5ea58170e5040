#!/bin/sh
# Architecture guards (docs/architecture.md, issue 10): layering, module
# cycles, file and function sizes, headers and exported names.  POSIX sh,
# awk, grep and nm only (no python3 on a fresh machine).
#
# - layering: a file in model/LAYER/ (or a header of LAYER) includes only
#   headers of its own or lower layers (LAYERS below, lowest first).  A
#   header's layer is the layer of the model/ files defining the functions it
#   declares, or its entry in HEADER_ONLY; a header with neither fails.
# - cycles: no include or link cycle between modules.  A module is a header
#   (a dcd_X_impl.h belongs to module X) with the files defining its
#   functions; module A depends on B when A's header or one of A's files
#   includes B's header, or one of A's objects uses a symbol of B's (nm).
# - layers: the Makefile's LAYERS are these, every folder of model/ is one.
# - size: no file in model/ (or include/) over MAX_FILE_LINES lines, no
#   function over MAX_FUNC_LINES lines, counted from the line starting its
#   definition at column 0 to its closing "}" at column 0 (clang-format).
# - headers: every public header has a module defining its functions (or is
#   listed in HEADER_ONLY), every declared function is defined, and every
#   global symbol of the library starts with dcd_ (nm).
# - the doc: docs/architecture.md names every file of model/*/ and
#   include/ (by its file name), and every file name it writes under
#   model/ or include/ (or bare) exists (doc_files, at the end).
#
# The checks are also run on a small made-up tree with known violations, so
# that a guard that stopped finding anything fails.
. tests/cli/lib.sh

LAYERS="base core io charts analysis cli"
MAX_FILE_LINES=1000
MAX_FUNC_LINES=120
# Headers that define no functions (types, macros, inline code), as
# "header:layer" words.  Keep it short: an entry whose header is missing or
# has functions defined in model/ fails.
HEADER_ONLY=""
# Layers being rewritten on another branch: their violations (a file of the
# layer too long or including a higher layer, a cycle through one of its
# modules) are SKIP lines naming them instead of failures.  Empty it to make
# every guard strict.
REWRITE_EXEMPT_LAYERS=""
# Module cycles known on main and not yet broken, as "a+b" (members sorted):
# SKIP lines instead of failures; an entry that is no longer an include
# cycle fails.  None today (engine+kernel was broken by moving the metric
# table to metrics.c and the survival tables to survival.c).
KNOWN_CYCLES=""

# header_layers ROOT: "header layer" lines, one per header of ROOT/include,
# layer "-" when no model/ file defines its functions and it is not in
# HEADER_ONLY, "?" when its functions are defined in several layers; then
# "undefined header function" lines for declared functions nobody defines
# and "bad-header-only entry why" lines for wrong HEADER_ONLY entries.
header_layers() {
    (
        cd "$1" || exit 2
        # shellcheck disable=SC2086 # the lists are words
        awk -v layers="$LAYERS" -v honly="$HEADER_ONLY" '
            # The function named on a line at column 0: the identifier before
            # the first "(", on a line that is not a type, macro or comment.
            function fname(line) {
                if (line !~ /^[A-Za-z_]/ || line ~ /^(typedef|struct|enum|union)[ \t{]/)
                    return ""
                if (!match(line, /[A-Za-z_][A-Za-z0-9_]*\(/))
                    return ""
                return substr(line, RSTART, RLENGTH - 1)
            }
            FNR == 1 {
                f = FILENAME
                if (f ~ /^include\//) {
                    h = substr(f, 9)
                    hdr[h] = 1
                }
            }
            f ~ /^include\// && (n = fname($0)) != "" && !/\)[ \t]*$/ { decl[n] = h }
            f ~ /^model\// && (n = fname($0)) != "" && !/^static[ \t]/ && !/;[ \t]*$/ {
                split(f, p, "/")
                def[n] = p[2]
            }
            END {
                nl = split(layers, L, " ")
                for (i = 1; i <= nl; i++)
                    rank[L[i]] = i
                for (n in decl) {
                    h = decl[n]
                    if (!(n in def)) {
                        print "undefined", h, n
                        continue
                    }
                    if (!(h in layer))
                        layer[h] = def[n]
                    else if (layer[h] != def[n])
                        layer[h] = "?"
                }
                nh = split(honly, H, " ")
                for (i = 1; i <= nh; i++) {
                    split(H[i], kv, ":")
                    if (!(kv[1] in hdr))
                        print "bad-header-only", H[i], "no such header"
                    else if (!(kv[2] in rank))
                        print "bad-header-only", H[i], "no such layer"
                    else if (kv[1] in layer)
                        print "bad-header-only", H[i], "its functions are defined in model/" layer[kv[1]]
                    else
                        layer[kv[1]] = kv[2]
                }
                for (h in hdr)
                    print h, (h in layer ? layer[h] : "-")
            }' include/*.h model/*/*.c
    )
}

# includes ROOT: "file header" lines, one per #include "dcd_..." of the
# files of ROOT/model/*/ and ROOT/include.
includes() {
    (
        cd "$1" || exit 2
        awk '/^#[ \t]*include[ \t]*"/ {
                 split($0, q, "\"")
                 print FILENAME, q[2]
             }' model/*/*.c include/*.h
    )
}

# layering ROOT: "LAYER<TAB>why" lines, one per include of a higher (or
# unknown) layer, LAYER that of the including file.
layering() {
    header_layers "$1" >"$T/hl"
    includes "$1" >"$T/inc"
    awk -v layers="$LAYERS" '
        FILENAME == ARGV[1] { hl[$1] = $2; next }
        {
            f = $1
            h = $2
            if (f ~ /^model\//) {
                split(f, p, "/")
                fl = p[2]
            } else {
                fl = hl[substr(f, 9)]
            }
            if (!(fl in rank)) {
                if (f ~ /^model\//)
                    print "-\t" f ": in model/" fl "/, not a layer (" layers ")"
                next
            }
            if (!(h in hl)) {
                print fl "\t" f ": includes " h ", not a header of include/"
                next
            }
            if (!(hl[h] in rank))
                next # reported by the header check
            if (rank[hl[h]] > rank[fl])
                print fl "\t" f " (" fl ") includes " h " (" hl[h] ")"
        }
        BEGIN {
            nl = split(layers, L, " ")
            for (i = 1; i <= nl; i++)
                rank[L[i]] = i
        }' "$T/hl" "$T/inc"
}

# impl_map ROOT: "file module" lines: the modules (headers, a dcd_X_impl.h
# counting as module X) whose functions each model/ file defines.
impl_map() {
    (
        cd "$1" || exit 2
        awk '
            function fname(line) {
                if (line !~ /^[A-Za-z_]/ || line ~ /^(typedef|struct|enum|union)[ \t{]/)
                    return ""
                if (!match(line, /[A-Za-z_][A-Za-z0-9_]*\(/))
                    return ""
                return substr(line, RSTART, RLENGTH - 1)
            }
            function module(h) {
                sub(/^dcd_/, "", h)
                sub(/\.h$/, "", h)
                sub(/_impl$/, "", h)
                return h
            }
            FNR == 1 { f = FILENAME }
            f ~ /^include\// && (n = fname($0)) != "" { decl[n] = module(substr(f, 9)) }
            f ~ /^model\// && (n = fname($0)) != "" && !/^static[ \t]/ && !/;[ \t]*$/ && (n in decl) {
                if (!((f, decl[n]) in seen)) {
                    seen[f, decl[n]] = 1
                    print f, decl[n]
                }
            }' include/*.h model/*/*.c
    )
}

# scc HL EDGES: reads the header layers HL and "from to why..." module
# edges; prints "LAYERS<TAB>modules A B depend on each other (why; ...)"
# once per group of modules that depend on each other, members sorted,
# LAYERS the members' layers.
scc() {
    awk '
        function module(h) {
            sub(/^dcd_/, "", h)
            sub(/\.h$/, "", h)
            sub(/_impl$/, "", h)
            return h
        }
        FILENAME == ARGV[1] { lay[module($1)] = $2; next }
        $1 != $2 && !(($1, $2) in e) {
            why = $0
            sub(/^[^ ]+ [^ ]+ /, "", why)
            e[$1, $2] = why
            node[$1] = node[$2] = 1
        }
        END {
            k = 0
            for (a in node)
                id[++k] = a
            for (i = 2; i <= k; i++) # sorted: groups print the same way
                for (j = i; j > 1 && id[j - 1] > id[j]; j--) {
                    t = id[j]
                    id[j] = id[j - 1]
                    id[j - 1] = t
                }
            for (i = 1; i <= k; i++)
                for (j = 1; j <= k; j++)
                    r[i, j] = ((id[i], id[j]) in e)
            for (q = 1; q <= k; q++)
                for (i = 1; i <= k; i++)
                    if (r[i, q])
                        for (j = 1; j <= k; j++)
                            if (r[q, j])
                                r[i, j] = 1
            for (i = 1; i <= k; i++) {
                if (!r[i, i] || done[i])
                    continue
                members = layers = why = ""
                for (j = 1; j <= k; j++)
                    if (r[i, j] && r[j, i]) {
                        done[j] = 1
                        members = members " " id[j]
                        layers = layers " " (id[j] in lay ? lay[id[j]] : "-")
                    }
                for (a = 1; a <= k; a++)
                    for (b = 1; b <= k; b++)
                        if (r[i, a] && r[a, i] && r[i, b] && r[b, i] && (id[a], id[b]) in e)
                            why = why "; " id[a] " -> " id[b] ": " e[id[a], id[b]]
                print substr(layers, 2) "\tmodules" members " depend on each other (" substr(why, 3) ")"
            }
        }' "$1" "$2"
}

# cycles ROOT: include cycles between the modules of ROOT (see scc).
cycles() {
    header_layers "$1" >"$T/hl"
    includes "$1" >"$T/inc"
    impl_map "$1" >"$T/impl"
    awk '
        function module(h) {
            sub(/^.*\//, "", h)
            sub(/^dcd_/, "", h)
            sub(/\.h$/, "", h)
            sub(/_impl$/, "", h)
            return h
        }
        FILENAME == ARGV[1] { impl[$1] = impl[$1] " " $2; next }
        $1 ~ /^include\// { print module($1), module($2), $1, "includes", $2; next }
        {
            n = split(impl[$1], im, " ")
            for (i = 1; i <= n; i++)
                print im[i], module($2), $1, "includes", $2
        }' "$T/impl" "$T/inc" >"$T/edges"
    scc "$T/hl" "$T/edges"
}

# link_cycles ROOT LIB: link cycles between modules: an object of module A
# uses a symbol defined by an object of module B (objects named after their
# model/ files).
link_cycles() {
    header_layers "$1" >"$T/hl"
    impl_map "$1" >"$T/impl"
    nm -A "$2" 2>/dev/null | awk '
        FILENAME == ARGV[1] {
            o = $1
            sub(/^.*\//, "", o)
            sub(/\.c$/, ".o", o)
            impl[o] = impl[o] " " $2
            next
        }
        {
            # "lib.a:obj.o: [addr] T name"
            split($1, p, ":")
            o = p[2]
            if ($2 == "U") {
                use[o, $3] = 1
                uses[o] = uses[o] " " $3
            } else if ($2 ~ /^[TDBRGS]$/) {
                defd[$3] = o
            }
        }
        END {
            for (o in uses) {
                n = split(uses[o], u, " ")
                for (i = 1; i <= n; i++) {
                    if (!(u[i] in defd))
                        continue
                    d = defd[u[i]]
                    na = split(impl[o], A, " ")
                    nb = split(impl[d], B, " ")
                    for (a = 1; a <= na; a++)
                        for (b = 1; b <= nb; b++)
                            print A[a], B[b], o, "uses", u[i], "of", d
                }
            }
        }' "$T/impl" - >"$T/ledges"
    scc "$T/hl" "$T/ledges"
}

# sizes ROOT: "LAYER<TAB>file:line: what" lines for files and functions too
# long (LAYER "-" for a header).
sizes() {
    (
        cd "$1" || exit 2
        awk -v maxf="$MAX_FILE_LINES" -v maxfn="$MAX_FUNC_LINES" '
            function file_end() {
                if (f != "" && last > maxf)
                    print lay "\t" f ":1: file has " last " lines (at most " maxf ")"
            }
            FNR == 1 {
                file_end()
                f = FILENAME
                split(f, p, "/")
                lay = f ~ /^model\// ? p[2] : "-"
                infn = 0
                cand = 0
            }
            { last = FNR }
            !infn && /^[A-Za-z_]/ { cand = FNR; cline = $0 }
            !infn && /^\{[ \t]*$/ && cand {
                infn = 1
                start = cand
                name = cline
                if (match(name, /[A-Za-z_][A-Za-z0-9_]*\(/))
                    name = substr(name, RSTART, RLENGTH - 1)
                next
            }
            infn && /^\}/ {
                infn = 0
                len = FNR - start + 1
                if (len > maxfn)
                    print lay "\t" f ":" start ": function " name " has " len " lines (at most " maxfn ")"
                cand = 0
            }
            END { file_end() }' model/*/*.c include/*.h
    )
}

# headers ROOT: "-<TAB>why" lines: headers with no module, declared
# functions not defined, wrong HEADER_ONLY entries.
headers() {
    header_layers "$1" | awk '
        $1 == "undefined" { print "-\tinclude/" $2 ": declares " $3 "(), defined nowhere in model/"; next }
        $1 == "bad-header-only" { print "-\tHEADER_ONLY entry " $2 ":" substr($0, length($1) + length($2) + 2); next }
        $2 == "-" { print "-\tinclude/" $1 ": no model/ file defines its functions and HEADER_ONLY does not list it" }
        $2 == "?" { print "-\tinclude/" $1 ": its functions are defined in several layers" }'
}

# symbols LIB: "-<TAB>name (type)" lines: global symbols defined by LIB
# that do not start with dcd_ (the aliases and guards a sanitizer build
# adds, __odr_asan.* and __asan_*/__ubsan_*/__sanitizer_*, are the
# compiler's, not ours).
symbols() {
    nm -g --defined-only "$1" 2>/dev/null |
        awk 'NF >= 3 && $2 ~ /^[TDBRGSVW]$/ && $3 !~ /^dcd_/ &&
             $3 !~ /^__(odr_asan|asan_|ubsan_|sanitizer_|tsan_)/ { print "-\t" $3 " (" $2 ")" }' | sort -u
}

# report NAME FILE: one PASS, or one FAIL per "LAYERS<TAB>why" line of FILE;
# a line naming a layer of REWRITE_EXEMPT_LAYERS, or a cycle listed in
# KNOWN_CYCLES, is a SKIP line instead.
report() {
    bad=0
    tab=$(printf '\t')
    while IFS= read -r line; do
        lays=${line%%"$tab"*}
        why=${line#*"$tab"}
        exempt=
        for l in $lays; do
            for x in $REWRITE_EXEMPT_LAYERS; do
                [ "$l" = "$x" ] && exempt="model/$x is being rewritten (REWRITE_EXEMPT_LAYERS)"
            done
        done
        for c in $KNOWN_CYCLES; do
            case $why in "modules $(echo "$c" | tr + ' ') depend"*) exempt="a known cycle (KNOWN_CYCLES)" ;; esac
        done
        if [ -n "$exempt" ]; then
            skip "$1" 1 "$exempt: $why"
        else
            fail "$1" "$why"
            bad=1
        fi
    done <"$2"
    [ "$bad" -eq 1 ] || pass "$1"
}

# ---- the guards' own test: a made-up tree with one violation of each kind.
F=$T/fake
mkdir -p "$F/include" "$F/model/base" "$F/model/io" "$F/model/cli"
printf '#include "dcd_lo_impl.h"\nint dcd_lo(void);\n' >"$F/include/dcd_lo.h"
printf '#include "dcd_lo.h"\nint dcd_lo_x(void);\n' >"$F/include/dcd_lo_impl.h"
printf 'int dcd_hi(void);\nint dcd_gone(void);\n' >"$F/include/dcd_hi.h"
printf 'typedef int dcd_orphan;\n' >"$F/include/dcd_orphan.h"
{
    printf '#include "dcd_lo.h"\n#include "dcd_io.h"\nint dcd_lo(void)\n{\n'
    i=0
    while [ "$i" -lt $((MAX_FUNC_LINES - 3)) ]; do
        printf '    i++;\n'
        i=$((i + 1))
    done
    printf '}\n\nstatic int\nshort_one(void)\n{\n    return 0;\n}\n'
} >"$F/model/base/lo.c"
printf '#include "dcd_lo_impl.h"\nint dcd_lo_x(void)\n{\n    return 0;\n}\n' >"$F/model/base/lo_impl.c"
printf '#include "dcd_hi.h"\nint dcd_io(void);\n' >"$F/include/dcd_io.h"
printf '#include "dcd_hi.h"\nint dcd_io(void)\n{\n    return dcd_hi();\n}\n' >"$F/model/io/io.c"
printf '#include "dcd_io.h"\nint dcd_hi(void)\n{\n    return dcd_io();\n}\nint helper(void)\n{\n    return 0;\n}\n' >"$F/model/cli/hi.c"
layering "$F" | cut -f2 >"$T/got"
check "guard finds a lower layer including a higher one" \
    grep -qx 'model/base/lo.c (base) includes dcd_io.h (io)' "$T/got"
check "guard finds a header including a higher one" \
    grep -qx 'include/dcd_io.h (io) includes dcd_hi.h (cli)' "$T/got"
check "guard passes an include of a lower layer" sh -c '! grep -q "^model/cli/hi.c" "$1"' sh "$T/got"
cycles "$F" | cut -f2 >"$T/got"
check "guard finds a module cycle" grep -q '^modules hi io depend on each other' "$T/got"
check "guard counts an _impl header in its module" sh -c '! grep -q " lo" "$1"' sh "$T/got"
sizes "$F" | cut -f2 >"$T/got"
check "guard passes a function of $MAX_FUNC_LINES lines" test ! -s "$T/got"
sed 's/^}$/    i++;\n}/' "$F/model/base/lo.c" >"$T/lo.c" && mv "$T/lo.c" "$F/model/base/lo.c"
sizes "$F" | cut -f2 >"$T/got"
check "guard finds a function of $((MAX_FUNC_LINES + 1)) lines" \
    grep -qx "model/base/lo.c:3: function dcd_lo has $((MAX_FUNC_LINES + 1)) lines (at most $MAX_FUNC_LINES)" "$T/got"
check "guard passes short functions" test "$(wc -l <"$T/got")" -eq 1
headers "$F" | cut -f2 >"$T/got"
check "guard finds a header without a module" grep -q '^include/dcd_orphan.h: no model/' "$T/got"
check "guard finds a declared function defined nowhere" \
    grep -q '^include/dcd_hi.h: declares dcd_gone()' "$T/got"
HEADER_ONLY="dcd_orphan.h:base dcd_lo.h:io dcd_none.h:base"
headers "$F" | cut -f2 >"$T/got"
check "HEADER_ONLY lists a header without functions" sh -c '! grep -q "dcd_orphan.h: no" "$1"' sh "$T/got"
check "HEADER_ONLY is checked" grep -qx 'HEADER_ONLY entry dcd_lo.h:io: its functions are defined in model/base' "$T/got"
check "HEADER_ONLY names real headers" grep -qx 'HEADER_ONLY entry dcd_none.h:base: no such header' "$T/got"
HEADER_ONLY=""
if command -v nm >/dev/null 2>&1 && command -v "${CC:-cc}" >/dev/null 2>&1 && command -v ar >/dev/null 2>&1 &&
    "${CC:-cc}" -I"$F/include" -c "$F/model/io/io.c" -o "$T/io.o" &&
    "${CC:-cc}" -I"$F/include" -c "$F/model/cli/hi.c" -o "$T/hi.o" && ar rc "$T/fake.a" "$T/io.o" "$T/hi.o"; then
    symbols "$T/fake.a" | cut -f2 >"$T/got"
    check "guard finds a global symbol without dcd_" grep -qx 'helper (T)' "$T/got"
    check "guard passes dcd_ symbols" test "$(wc -l <"$T/got")" -eq 1
    link_cycles "$F" "$T/fake.a" | cut -f2 >"$T/got"
    check "guard finds a link cycle" grep -q '^modules hi io depend on each other (hi -> io: hi.o uses dcd_io of io.o' "$T/got"
else
    skip "guards on a made-up library" 3 "no C compiler, ar or nm"
fi

# ---- the guards on this tree.
check "the Makefile builds the layers checked here ($LAYERS)" \
    test "$(sed -n 's/^LAYERS *:= *//p' Makefile)" = "$LAYERS"
: >"$T/got"
for d in model/*/; do
    d=${d%/}
    case " $LAYERS " in *" ${d#model/} "*) ;; *) printf -- '-\t%s/ is not a layer (%s)\n' "$d" "$LAYERS" >>"$T/got" ;; esac
done
report "every folder of model/ is a layer" "$T/got"
layering "$ROOT" >"$T/got"
report "layering: every file includes only its own or lower layers ($LAYERS)" "$T/got"
cycles "$ROOT" >"$T/got"
report "no include cycle between modules" "$T/got"
for c in $KNOWN_CYCLES; do
    check "KNOWN_CYCLES entry $c is still a cycle (remove it once fixed)" \
        grep -q "modules $(echo "$c" | tr + ' ') depend" "$T/got"
done
headers "$ROOT" >"$T/got"
report "every public header has a module (or is listed as header-only)" "$T/got"
sizes "$ROOT" >"$T/got"
report "no file over $MAX_FILE_LINES lines, no function over $MAX_FUNC_LINES lines" "$T/got"

LIBA=$ROOT/${BUILD:-build}/libdcdemand.a
if ! command -v nm >/dev/null 2>&1; then
    skip "library symbols" 3 "nm is not installed"
elif [ ! -f "$LIBA" ]; then
    skip "library symbols" 3 "$LIBA is not built"
else
    check "nm lists the library's symbols" sh -c 'nm -g --defined-only "$1" | grep -q " T dcd_"' sh "$LIBA"
    symbols "$LIBA" >"$T/got"
    report "every global symbol of the library starts with dcd_" "$T/got"
    link_cycles "$ROOT" "$LIBA" >"$T/got"
    report "no link cycle between modules" "$T/got"
fi

# ---- docs/architecture.md names every file, and only files that exist.
# doc_files ROOT DOC: "-<TAB>why" lines: a file of ROOT/model/*/ or
# ROOT/include/ that DOC does not name (by its file name, alone or in a
# path), and a file name DOC writes under model/ or include/ (or bare: one
# of them) that does not exist there.  A name with a capital letter or a
# "*" is a pattern (NAME.c, dcd_X.h, cmd_*.c), not a file; names with
# another path (tests/unit/test_schema.c) are not checked.
doc_files() {
    (
        cd "$1" || exit 2
        for f in model/*/*.c model/*/*.h include/*.h; do
            [ -f "$f" ] && echo "$f"
        done >"$T/files"
        awk -v doc="$2" '
            FILENAME == ARGV[1] {
                have[$0] = 1
                b = $0
                sub(/^.*\//, "", b)
                base[b] = base[b] " " $0
                next
            }
            {
                line = $0
                gsub(/[^A-Za-z0-9_.\/*-]/, " ", line)
                n = split(line, w, " ")
                for (i = 1; i <= n; i++) {
                    t = w[i]
                    sub(/\.+$/, "", t)
                    if (t !~ /\.[ch]$/ || t ~ /[A-Z*]/)
                        continue
                    b = t
                    sub(/^.*\//, "", b)
                    if (t ~ /\//) {
                        sub(/^\.\//, "", t)
                        if (t !~ /^(model|include)\//)
                            continue
                        if (!(t in have))
                            print "-\t" doc ":" FNR ": names " t ", which does not exist"
                        else
                            named[t] = 1
                    } else if (!(b in base)) {
                        print "-\t" doc ":" FNR ": names " b ", which is no file of model/*/ or include/"
                    }
                    if (b in base)
                        namedb[b] = 1
                }
            }
            END {
                for (f in have) {
                    b = f
                    sub(/^.*\//, "", b)
                    if (!(f in named) && !(b in namedb))
                        print "-\t" f " is not named in " doc " (add a row for it)"
                }
            }' "$T/files" "$2" | sort
    )
}

mkdir -p "$F/model/core"
printf 'int x;\n' >"$F/model/core/new.c"
cat >"$F/arch.md" <<'DOC'
| `include/dcd_lo.h` | lo, also dcd_lo_impl.h and lo.c, lo_impl.c. |
| `model/io/io.c`, hi.c | x |
Headers dcd_hi.h, dcd_io.h; model/base/gone.c moved; `dcd_orphan.h`; old.c
Patterns: include/dcd_NAME.h, model/analysis/NAME.c, cmd_*.c;
elsewhere: tests/unit/test_x.c, harness.h from another path: tests/unit/harness.h
A path with the wrong layer: model/cli/io.c.
DOC
doc_files "$F" arch.md | cut -f2 >"$T/got"
check "doc guard finds a file the doc does not name" \
    grep -qx 'model/core/new.c is not named in arch.md (add a row for it)' "$T/got"
check "doc guard finds a path that does not exist" \
    grep -qx 'arch.md:3: names model/base/gone.c, which does not exist' "$T/got"
check "doc guard finds a path in the wrong layer" \
    grep -qx 'arch.md:6: names model/cli/io.c, which does not exist' "$T/got"
check "doc guard finds a bare name that is no file" \
    grep -qx 'arch.md:3: names old.c, which is no file of model/\*/ or include/' "$T/got"
check "doc guard finds a bare name outside model/ and include/" \
    grep -qx 'arch.md:5: names harness.h, which is no file of model/\*/ or include/' "$T/got"
check "doc guard passes named files, patterns and other paths" test "$(wc -l <"$T/got")" -eq 5
doc_files "$ROOT" docs/architecture.md >"$T/got"
report "docs/architecture.md names every file of model/ and include/, and no other" "$T/got"
