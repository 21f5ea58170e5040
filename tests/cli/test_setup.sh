#!/bin/sh
# tests/cli/test_setup.sh - set-up that cannot trap a user: missing packages
# through sudo or the exact command for root (never recommended packages);
# valgrind, clang and clang-format only for the targets that use them;
# `sudo make ...` leaves no root-owned file in the tree; sanitizer and fuzz
# builds never touch ./dcdemand.  The cases that need a second account run
# as a throw-away user (useradd) when the suite runs as root.
. tests/cli/lib.sh

mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u BUILD -u SUDO_UID -u SUDO_GID make "$@"; }

# ---- which packages each target needs ---------------------------------------
mk -s -p -n deps 2>/dev/null | grep '^DEB_PKGS :\?=' >"$T/pkgs"
check "make run/test need no valgrind" sh -c "! grep -qw valgrind '$T/pkgs'"
check "make run/test need no clang" sh -c "! grep -qw clang '$T/pkgs'"
check "make run/test need no clang-format" sh -c "! grep -qw clang-format '$T/pkgs'"
check "the build packages are listed" grep -qw libgsl-dev "$T/pkgs"
check "leakcheck installs valgrind itself" sh -c "grep -q '^leakcheck:.*deps-leakcheck' Makefile"
check "format installs clang-format itself" sh -c "grep -q '^format:.*deps-format' Makefile"
check "fuzz builds install clang themselves" sh -c "grep -q '^build-fuzz/fuzz_%:.*deps-fuzz' Makefile"

# ---- sanitizer and fuzz builds never touch ./dcdemand ------------------------
# (make -n: the commands make would run, without running them.)
mk -n asan >"$T/asan" 2>&1
check "make asan: builds into build-asan/" grep -q 'build-asan/' "$T/asan"
check "make asan: never links ./dcdemand" sh -c "! grep -Eq -- '-o dcdemand( |\$)' '$T/asan'"
mk -n ubsan >"$T/ubsan" 2>&1
check "make ubsan: never links ./dcdemand" sh -c "! grep -Eq -- '-o dcdemand( |\$)' '$T/ubsan'"
# tests/run.sh exports BUILD=build-asan under make asan; a make started by a
# test (make install) must not relink ./dcdemand from those objects.
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS BUILD=build-asan make -n install DESTDIR="$T/x" >"$T/inst" 2>&1
check "make install with BUILD in the environment: no sanitizer objects" sh -c "! grep -q 'build-asan' '$T/inst'"
mk -n -B build-fuzz/fuzz_loader >"$T/fz" 2>&1
check "fuzz build: into build-fuzz/, not ./dcdemand" sh -c "grep -q -- '-o build-fuzz/fuzz_loader' '$T/fz' && ! grep -Eq -- '-o dcdemand( |\$)' '$T/fz'"

# ---- a user without root ------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
    skip "set-up as a throw-away user" 10 "needs root (useradd, setpriv)"
    exit 0
fi
if ! command -v useradd >/dev/null 2>&1 || ! command -v setpriv >/dev/null 2>&1; then
    skip "set-up as a throw-away user" 10 "useradd or setpriv is missing"
    exit 0
fi
U=dcdt$$
if ! useradd -M -d /nonexistent -s /bin/sh "$U" 2>"$T/ua"; then
    skip "set-up as a throw-away user" 10 "useradd failed: $(cat "$T/ua")"
    exit 0
fi
trap 'userdel "$U" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
uid=$(id -u "$U")
gid=$(id -g "$U")
chmod 755 "$T"
as_user() { setpriv --reuid="$uid" --regid="$gid" --clear-groups env -u SUDO_UID -u SUDO_GID -u BUILD -u MAKEFLAGS -u MAKELEVEL -u MFLAGS HOME="$T" "$@"; }

# A copy of the tree owned by the user, with the build products (so only a
# relink and a run happen below).
mkdir "$T/tree"
tar -cf - --exclude=./out --exclude=./build-asan --exclude=./build-ubsan --exclude=./build-fuzz \
    --exclude=./plots --exclude=./.git . | tar -xf - -C "$T/tree"
rm -f "$T/tree/dcdemand" "$T/tree/build/libdcdemand.a"
chown -R "$uid:$gid" "$T/tree"

# Missing packages, no sudo: the exact command for root, without recommends.
mkdir "$T/bin"
(cd "$T/tree" && as_user env PATH=/usr/bin:/bin make -s deps DEB_PKGS=dcd-no-such-package) >"$T/nosudo" 2>&1
rc=$?
if command -v sudo >/dev/null 2>&1 && [ "$(command -v sudo)" != "$T/bin/sudo" ]; then
    skip "deps without sudo" 3 "sudo is installed here (the no-sudo case needs a machine without it)"
else
    check "deps without sudo: fails" test "$rc" -ne 0
    check "deps without sudo: prints su -c with the exact command" grep -q "su -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dcd-no-such-package'" "$T/nosudo"
    check "deps without sudo: never recommended packages" sh -c "! grep 'apt-get install' '$T/nosudo' | grep -qv -- --no-install-recommends"
fi
# With sudo (a fake one that records its arguments): used, after apt-get update.
mkdir "$T/u" && chown "$uid:$gid" "$T/u"
printf '#!/bin/sh\necho "$@" >"%s/u/sudo-args"\nexit 0\n' "$T" >"$T/bin/sudo"
chmod 755 "$T/bin/sudo"
(cd "$T/tree" && as_user env PATH="$T/bin:/usr/bin:/bin" make -s deps DEB_PKGS=dcd-no-such-package) >"$T/withsudo" 2>&1
check "deps with sudo: runs apt-get update then install through sudo" \
    grep -q "apt-get update && .*apt-get install -y --no-install-recommends dcd-no-such-package" "$T/u/sudo-args"
check "deps with sudo: says it may ask for a password" grep -q 'through sudo' "$T/withsudo"

# `sudo make run` (root with SUDO_UID): no root-owned file in the tree.
(cd "$T/tree" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u BUILD SUDO_UID="$uid" SUDO_GID="$gid" make -s run) >"$T/sudorun" 2>&1
check "sudo make run: succeeds" test $? -eq 0 -a -x "$T/tree/dcdemand"
find "$T/tree" -user 0 >"$T/rootfiles"
check "sudo make run: no root-owned file in the tree" test ! -s "$T/rootfiles"
head -n 5 "$T/rootfiles"
# `sudo make install`: built as the user, installed as root.
rm -f "$T/tree/dcdemand"
(cd "$T/tree" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u BUILD SUDO_UID="$uid" SUDO_GID="$gid" make -s install DESTDIR="$T/sinst" PREFIX=/p) >"$T/sudoinst" 2>&1
check "sudo make install: installs" test -x "$T/sinst/p/bin/dcdemand" -a -f "$T/sinst/p/share/dcdemand/scenarios/mckinsey-2024.yaml"
find "$T/tree" -user 0 >"$T/rootfiles"
check "sudo make install: no root-owned file in the tree" test ! -s "$T/rootfiles"
(cd "$T/tree" && as_user make -s clean) >"$T/clean" 2>&1
check "after sudo make run, the user's make clean works" test $? -eq 0 -a ! -e "$T/tree/dcdemand"
