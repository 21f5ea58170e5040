#!/bin/sh
# make install / uninstall honour PREFIX and DESTDIR.
. tests/cli/lib.sh

env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s install DESTDIR="$T/stage" PREFIX=/opt/dcd >"$T/log" 2>&1
check "make install succeeds" test $? -eq 0
check "program installed under DESTDIR/PREFIX/bin" test -x "$T/stage/opt/dcd/bin/dcdemand"
check "man page installed under DESTDIR/PREFIX/share/man/man1" test -f "$T/stage/opt/dcd/share/man/man1/dcdemand.1"
"$T/stage/opt/dcd/bin/dcdemand" --version >"$T/v" 2>&1
check "installed program runs" grep -q '^dcdemand [0-9]' "$T/v"
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s uninstall DESTDIR="$T/stage" PREFIX=/opt/dcd >"$T/log" 2>&1
check "make uninstall removes the program" test ! -e "$T/stage/opt/dcd/bin/dcdemand"
check "make uninstall removes the man page" test ! -e "$T/stage/opt/dcd/share/man/man1/dcdemand.1"
