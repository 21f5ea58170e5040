# dcdemand - see README.md.  `make help` lists the targets.

# Root on behalf of a user (`sudo make ...`, SUDO_UID set, the tree owned by
# that user): the Debian packages are installed as root, then every other
# goal runs as the user (setpriv), so no root-owned file is left in the tree;
# install and uninstall then run as root on what the user built.
SUDO_MODE :=
ifeq ($(shell id -u),0)
ifneq ($(filter-out 0,$(SUDO_UID)),)
ifeq ($(shell stat -c %u . 2>/dev/null),$(SUDO_UID))
SUDO_MODE := 1
endif
endif
endif

ifeq ($(SUDO_MODE),1)
GOALS      := $(or $(MAKECMDGOALS),all)
ROOT_GOALS := $(filter install uninstall,$(GOALS))
USER_GOALS := $(filter-out install uninstall deps deps-%,$(GOALS)) $(if $(filter install,$(GOALS)),all)
NEED_DEPS  := deps $(filter deps-%,$(GOALS)) \
              $(if $(filter leakcheck,$(GOALS)),deps-leakcheck) \
              $(if $(filter fuzz fuzz-replay,$(GOALS)),deps-fuzz) \
              $(if $(filter format,$(GOALS)),deps-format)
.PHONY: $(GOALS) sudo-as-user
$(GOALS): sudo-as-user ; @:
sudo-as-user:
	@$(MAKE) --no-print-directory SUDO_UID= $(sort $(NEED_DEPS))
	@echo "make: as root for user $(SUDO_UID): building as that user (no root-owned files in the tree)"
	@$(if $(strip $(USER_GOALS)),setpriv --reuid=$(SUDO_UID) --regid=$(SUDO_GID) --clear-groups \
	  env -u SUDO_UID -u SUDO_GID -u SUDO_USER -u SUDO_COMMAND HOME=$$(getent passwd $(SUDO_UID) | cut -d: -f6) \
	  $(MAKE) --no-print-directory $(USER_GOALS),true)
	@$(if $(ROOT_GOALS),$(MAKE) --no-print-directory SUDO_UID= $(ROOT_GOALS),true)
else

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/dcdemand
DESTDIR ?=

CC      ?= cc
PKGS    := gsl yaml-0.1
# Debian packages: what the build, the charts and the tests need (make run,
# make test), and what only one target needs (installed by that target).
# (libclang-rt-dev holds libFuzzer: only a recommendation of clang.)
DEB_PKGS      := gcc libc6-dev libgsl-dev libyaml-dev gnuplot-nox pkg-config
DEB_LEAKCHECK := valgrind
DEB_FUZZ      := clang libclang-rt-dev
DEB_FORMAT    := clang-format
# The headless browser of tests/cli/test_html.sh (skipped without it).
DEB_BROWSER   := chromium poppler-utils

WARN    := -Wall -Wextra -pedantic -Wstrict-prototypes -Wshadow -Wformat=2 -Wno-format-nonliteral
ifeq ($(CI),true)
WARN    += -Werror
endif
OPT     ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  ?=
CPPFLAGS_ALL = -Iinclude -D_XOPEN_SOURCE=700
CFLAGS_ALL = -std=c11 $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm $(LDLIBS)

# BUILD and PROG come from the command line or these defaults, never from
# the environment: tests/run.sh exports BUILD for its own use, and a `make
# install` run by a test must not relink ./dcdemand from sanitizer objects.
ifneq ($(filter environment%,$(origin BUILD)),)
BUILD   := build
endif
BUILD   ?= build
# The library: every model/LAYER/*.c but the program's entry point.  The
# layers are listed in docs/architecture.md (base, core, io, charts,
# analysis, cli); a new file in one of them is built without a Makefile edit.
LAYERS  := base core io charts analysis cli
LIB_SRC := $(filter-out model/cli/main.c,$(foreach l,$(LAYERS),$(wildcard model/$(l)/*.c)))
LIB_OBJ := $(LIB_SRC:model/%.c=$(BUILD)/model/%.o)
LIB     := $(BUILD)/libdcdemand.a
PROG    ?= dcdemand
ifneq ($(filter environment%,$(origin PROG)),)
PROG    := dcdemand
endif
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEFAULT_SCENARIO := scenarios/mckinsey-2024.yaml

.PHONY: all run test check unit cli leakcheck asan ubsan deps install uninstall clean help \
        format bench fuzz fuzz-replay readme-table readme charts deps-leakcheck deps-fuzz \
        deps-format deps-bench deps-browser

all: $(PROG)

## deps: install the missing Debian packages of the build and the tests
## (root: apt-get; a user: through sudo when there is one, otherwise the
## exact command to run as root is printed); deps-leakcheck, deps-fuzz,
## deps-format add the packages of those targets only; deps-browser adds
## chromium and poppler-utils, for the web report's test in a real browser
## and the PDF charts' text measured against the PNG's
deps:
	@$(call install_debs,$(DEB_PKGS))
deps-leakcheck:
	@$(call install_debs,$(DEB_LEAKCHECK))
deps-fuzz:
	@$(call install_debs,$(DEB_FUZZ))
deps-format:
	@$(call install_debs,$(DEB_FORMAT))
deps-browser:
	@$(call install_debs,$(DEB_BROWSER))

# install_debs PACKAGES: installs those not installed, never the recommended
# ones; stops with the exact command when that cannot be done here.
define install_debs
missing=""; \
for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$$missing"; \
  if ! command -v apt-get >/dev/null 2>&1; then \
    echo "missing Debian packages:$$missing (no apt-get here: install them by hand)"; exit 1; \
  elif [ "$$(id -u)" = 0 ]; then \
    echo "installing:$$missing"; \
    sh -c "$$cmd" >/dev/null || exit 1; \
  elif command -v sudo >/dev/null 2>&1; then \
    echo "installing:$$missing (through sudo; it may ask for your password)"; \
    sudo sh -c "$$cmd" >/dev/null || { echo "sudo failed; as root, run: $$cmd"; exit 1; }; \
  else \
    echo "missing Debian packages:$$missing"; \
    echo "there is no sudo: run, with the root password,"; \
    echo "  su -c '$$cmd'"; \
    echo "then run make again"; \
    exit 1; \
  fi; \
fi
endef

## deps-bench: the Debian packages `make bench` needs besides the build's
## (the NumPy peer of bench/mc_bench.sh, and /usr/bin/time)
BENCH_DEB_PKGS := python3-numpy python3-yaml time
deps-bench:
	@$(call install_debs,$(BENCH_DEB_PKGS))

$(BUILD)/.deps-ok: | $(BUILD)
	@$(MAKE) --no-print-directory deps
	@touch $@

$(BUILD):
	@mkdir -p $(foreach l,$(LAYERS),$(BUILD)/model/$(l)) $(BUILD)/tests

$(BUILD)/model/%.o: model/%.c $(wildcard include/*.h) | $(BUILD)/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(PROG): $(BUILD)/model/cli/main.o $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(LIB)
	$(CC) $(CPPFLAGS_ALL) -Itests/unit $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL)

## run: build and run the default scenario (results under out/)
run: $(PROG)
	./$(PROG) run $(DEFAULT_SCENARIO)

## charts: redraw the chart gallery, plots/NAME/*.png with their gnuplot
## scripts, for every scenarios/*.yaml (docs/charts.md)
charts: $(PROG)
	@st=0; for f in scenarios/*.yaml; do \
	  ./$(PROG) run -q -o plots "$$f" || st=1; \
	done; exit $$st

## readme-table: regenerate docs/check-table.md from `dcdemand check --format
## markdown scenarios/`, and README.md's <!-- check-table:start/end --> block
readme-table: $(PROG)
	@./$(PROG) check --format markdown scenarios/ >docs/check-table.md.tmp; rc=$$?; \
	if [ $$rc -ne 0 ] && [ $$rc -ne 1 ]; then rm -f docs/check-table.md.tmp; exit $$rc; fi; \
	mv docs/check-table.md.tmp docs/check-table.md; echo "wrote docs/check-table.md"
	@if grep -q '^<!-- check-table:start -->$$' README.md 2>/dev/null && \
	    grep -q '^<!-- check-table:end -->$$' README.md; then \
	  awk '$$0 == "<!-- check-table:start -->" { print; while ((getline l < "docs/check-table.md") > 0) print l; skip = 1; next } \
	       $$0 == "<!-- check-table:end -->" { skip = 0 } \
	       !skip { print }' README.md >README.md.tmp && mv README.md.tmp README.md && \
	  echo "updated the check table in README.md"; \
	fi

## test: build and run the whole suite (unit, command line, error corpus, scenario checks),
## JOBS tests at a time (default: the number of processors; JOBS=1: one after another)
test: $(PROG) $(UNIT_BIN)
	@sh tests/run.sh

check: test

## leakcheck: the command-line tests under valgrind (zero errors, zero leaks)
leakcheck: $(PROG) $(UNIT_BIN) | deps-leakcheck
	@DCDEMAND_WRAP="valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99" \
	  sh tests/run.sh

## asan, ubsan: the suite with sanitizers, at -O0, in their own build folders
asan:
	$(MAKE) BUILD=build-asan OPT="-O0 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDLIBS="-fsanitize=address,undefined" PROG=build-asan/dcdemand test-prog
ubsan:
	$(MAKE) BUILD=build-ubsan OPT="-O0 -g -fsanitize=undefined -fno-sanitize-recover=all" \
	  LDLIBS="-fsanitize=undefined" PROG=build-ubsan/dcdemand test-prog

## fuzz: every harness tests/fuzz/fuzz_NAME.c under libFuzzer (clang, ASan,
## UBSan) for FUZZ_TIME seconds each, seeds in tests/fuzz/corpus_NAME/, new
## inputs and crash files in build-fuzz/ (never ./dcdemand or build/)
## fuzz-replay: run every corpus_NAME once through its harness (CI); with
## the libFuzzer build, or a plain ASan+UBSan driver (tests/fuzz/replay_main.c)
## when clang's libFuzzer cannot link here
FUZZ_CC     ?= clang
FUZZ_TIME   ?= 60
FUZZ_NAMES  := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS   := $(FUZZ_NAMES:%=build-fuzz/fuzz_%)
FUZZ_SRC    := $(LIB_SRC)
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_FLAGS  := -g -O1 -fsanitize=fuzzer $(FUZZ_SAN)
FUZZ_OPTS   := -max_len=65536 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=1
fuzz-dict    = $(if $(filter loader,$(1)),-dict=tests/fuzz/yaml.dict)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) $(wildcard include/*.h tests/fuzz/*.h) | deps-fuzz
	@mkdir -p build-fuzz/corpus_$*
	$(FUZZ_CC) $(CPPFLAGS_ALL) -std=c11 $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $@ \
	  $< $(FUZZ_SRC) $(PKG_LIBS) -lm
build-fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(FUZZ_SRC) $(wildcard include/*.h tests/fuzz/*.h)
	@mkdir -p build-fuzz
	$(CC) $(CPPFLAGS_ALL) -std=c11 -g -O1 $(FUZZ_SAN) $(PKG_CFLAGS) -o $@ \
	  $< tests/fuzz/replay_main.c $(FUZZ_SRC) $(PKG_LIBS) -lm

fuzz: $(FUZZ_BINS)
	@for n in $(FUZZ_NAMES); do \
	  echo "== fuzz_$$n for $(FUZZ_TIME) s"; \
	  build-fuzz/fuzz_$$n -max_total_time=$(FUZZ_TIME) $(FUZZ_OPTS) $(call fuzz-dict,$$n) \
	    -artifact_prefix=build-fuzz/fuzz_$$n- -print_final_stats=1 \
	    build-fuzz/corpus_$$n tests/fuzz/corpus_$$n </dev/null 2>build-fuzz/fuzz_$$n.log; st=$$?; \
	  grep -E '^#[0-9]+.*(DONE|INITED)|PC tables|stat::number_of_executed_units|stat::peak_rss' build-fuzz/fuzz_$$n.log; \
	  [ $$st -eq 0 ] || { tail -n 40 build-fuzz/fuzz_$$n.log; exit 1; }; \
	done

fuzz-replay:
	@$(MAKE) --no-print-directory deps-fuzz >/dev/null 2>&1 || true; \
	if $(MAKE) --no-print-directory $(FUZZ_BINS) >build-fuzz-replay.log 2>&1; then kind=fuzz; \
	else echo "libFuzzer build failed (see build-fuzz-replay.log): plain replay driver"; kind=replay; \
	  $(MAKE) --no-print-directory $(FUZZ_NAMES:%=build-fuzz/replay_%) || exit 1; fi; \
	rm -f build-fuzz-replay.log; \
	for n in $(FUZZ_NAMES); do \
	  if [ $$kind = fuzz ]; then \
	    build-fuzz/fuzz_$$n -runs=0 $(FUZZ_OPTS) tests/fuzz/corpus_$$n </dev/null >build-fuzz/replay_$$n.log 2>&1; \
	  else build-fuzz/replay_$$n tests/fuzz/corpus_$$n </dev/null >build-fuzz/replay_$$n.log 2>&1; fi; \
	  st=$$?; \
	  echo "fuzz-replay $$n: $$(ls tests/fuzz/corpus_$$n | wc -l) inputs, exit $$st ($$kind)"; \
	  [ $$st -eq 0 ] || { tail -n 40 build-fuzz/replay_$$n.log; exit 1; }; \
	done

.PHONY: test-prog
test-prog: $(PROG) $(UNIT_BIN)
	@BUILD=$(BUILD) DCDEMAND_BIN=$(PROG) sh tests/run.sh

## install, uninstall: honour PREFIX and DESTDIR; the program, the man page,
## and under $(DATADIR) (PREFIX/share/dcdemand) the scenario library, the
## docs and the README.  uninstall lists what it removed and what it did not
## find (then give the PREFIX used for install).
DATA_FILES = $(shell find scenarios docs -type f ! -name '*.sh' | LC_ALL=C sort) README.md
install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/dcdemand
	install -m 644 docs/dcdemand.1 $(DESTDIR)$(MANDIR)/man1/dcdemand.1
	@for f in $(DATA_FILES); do \
	  install -d "$(DESTDIR)$(DATADIR)/$$(dirname $$f)" && \
	  install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; \
	done
	@echo "installed $(DESTDIR)$(BINDIR)/dcdemand, $(DESTDIR)$(MANDIR)/man1/dcdemand.1 and $(words $(DATA_FILES)) files under $(DESTDIR)$(DATADIR)/"

uninstall:
	@gone=0; missing=0; \
	for f in $(DESTDIR)$(BINDIR)/dcdemand $(DESTDIR)$(MANDIR)/man1/dcdemand.1 \
	         $(addprefix $(DESTDIR)$(DATADIR)/,$(DATA_FILES)); do \
	  if [ -e "$$f" ] || [ -L "$$f" ]; then rm -f "$$f" && echo "removed $$f" && gone=$$((gone + 1)); \
	  else echo "not found: $$f"; missing=$$((missing + 1)); fi; \
	done; \
	if [ -d "$(DESTDIR)$(DATADIR)" ]; then \
	  find "$(DESTDIR)$(DATADIR)" -depth -type d -empty -exec rmdir {} \; ; \
	  [ -d "$(DESTDIR)$(DATADIR)" ] && echo "kept $(DESTDIR)$(DATADIR)/: it holds files install did not put there"; \
	fi; \
	echo "uninstall: removed $$gone files, $$missing not found under $(DESTDIR)$(PREFIX)"; \
	if [ $$gone -eq 0 ]; then echo "nothing was installed under $(DESTDIR)$(PREFIX): give the PREFIX (and DESTDIR) used for make install"; fi

## readme: regenerate the program output shown in README.md
readme: $(PROG) readme-table
	DCDEMAND_BIN=./$(PROG) sh docs/update-readme.sh

## The lane evaluator and the Monte Carlo statistics loop over draws: -O3
## vectorises those loops (the same IEEE operations per draw; a command-line
## OPT, as in `make asan`, overrides this)
$(BUILD)/model/core/prepared_lanes.o $(BUILD)/model/analysis/mcstats.o: OPT += -O3

## bench: time one evaluation of the model, then Monte Carlo against the NumPy
## peer (bench/mc_bench.sh; see bench/README.md)
BENCH_SCENARIOS ?= $(DEFAULT_SCENARIO) bench/fleet.yaml
$(BUILD)/bench_project: bench/bench_project.c $(LIB)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL)
bench: $(BUILD)/bench_project $(PROG) deps-bench
	$(BUILD)/bench_project -n 200000 $(BENCH_SCENARIOS)
	sh bench/mc_bench.sh ./$(PROG)

## format: clang-format every C file
format: | deps-format
	clang-format -i model/*/*.c include/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(BUILD) build-asan build-ubsan build-fuzz $(PROG) out

## help: list the targets
help:
	@echo "make run        build and run the default scenario ($(DEFAULT_SCENARIO))"
	@echo "make test       build and run every test, JOBS=N at a time (alias: make check)"
	@echo "make leakcheck  the suite under valgrind (installs valgrind if missing)"
	@echo "make asan|ubsan the suite with sanitizers, in build-asan/ or build-ubsan/"
	@echo "make install    program, man page, and scenarios + docs under \$$(PREFIX)/share/dcdemand"
	@echo "make uninstall  remove what install installed, listing what was (not) found"
	@echo "make charts     redraw the chart gallery in plots/"
	@echo "make readme     regenerate the program output and check table in README.md"
	@echo "make bench      time one evaluation, then mc against the NumPy peer"
	@echo "make fuzz       every fuzz harness for FUZZ_TIME seconds (clang libFuzzer)"
	@echo "make fuzz-replay  replay every tests/fuzz/corpus_* once (CI)"
	@echo "make deps       install missing Debian packages (root or sudo) or print the command"
	@echo "make format     clang-format the sources"
	@echo "make clean      remove build products and out/"

endif # SUDO_MODE
