#!/bin/sh
# make install / uninstall honour PREFIX and DESTDIR, install the scenario
# library and the docs under PREFIX/share/dcdemand, and uninstall lists what
# it removed and what it did not find.  The binary under test is installed
# (PROG, BUILD given), so a test never relinks ./dcdemand.
. tests/cli/lib.sh

mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s "$@" PROG="$DCDEMAND_BIN" BUILD="${BUILD:-build}"; }
mk install DESTDIR="$T/stage" PREFIX=/opt/dcd >"$T/log" 2>&1
check "make install succeeds" test $? -eq 0
S="$T/stage/opt/dcd"
check "program installed under DESTDIR/PREFIX/bin" test -x "$S/bin/dcdemand"
check "man page installed under DESTDIR/PREFIX/share/man/man1" test -f "$S/share/man/man1/dcdemand.1"
check "installed program is the one under test" cmp -s "$DCDEMAND_BIN" "$S/bin/dcdemand"
check "scenario library installed under PREFIX/share/dcdemand" test -f "$S/share/dcdemand/scenarios/mckinsey-2024.yaml"
check "scenario library keeps its subfolders" test -f "$S/share/dcdemand/scenarios/base/epri-2024.yaml"
check "docs installed under PREFIX/share/dcdemand/docs" test -f "$S/share/dcdemand/docs/files.md"
check "README installed" test -f "$S/share/dcdemand/README.md"
check "man page names the installed library" grep -q 'share/dcdemand' "$S/share/man/man1/dcdemand.1"
"$S/bin/dcdemand" --version >"$T/v" 2>&1
check "installed program runs" grep -q '^dcdemand [0-9]' "$T/v"
# An installed scenario that extends another still runs from the install.
"$S/bin/dcdemand" validate -q "$S"/share/dcdemand/scenarios/*.yaml >"$T/v" 2>&1
check "installed scenario library validates" test $? -eq 0

mk uninstall DESTDIR="$T/stage" PREFIX=/elsewhere >"$T/log" 2>&1
check "uninstall with another PREFIX: says nothing was installed there" grep -q 'nothing was installed under .*/elsewhere' "$T/log"
check "uninstall with another PREFIX: lists what it did not find" grep -q '^not found: .*/elsewhere/bin/dcdemand' "$T/log"
check "uninstall with another PREFIX: the install is untouched" test -x "$S/bin/dcdemand"

mk uninstall DESTDIR="$T/stage" PREFIX=/opt/dcd >"$T/log" 2>&1
check "make uninstall succeeds" test $? -eq 0
check "make uninstall removes the program" test ! -e "$S/bin/dcdemand"
check "make uninstall removes the man page" test ! -e "$S/share/man/man1/dcdemand.1"
check "make uninstall removes share/dcdemand" test ! -e "$S/share/dcdemand"
check "make uninstall says what it removed" grep -q "^removed $S/bin/dcdemand" "$T/log"
check "make uninstall counts" grep -q '^uninstall: removed [1-9][0-9]* files, 0 not found' "$T/log"
