# dcdemand - see README.md.  `make help` lists the targets.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
PKGS    := gsl yaml-0.1
# Debian packages the build and the charts need, and the commands that prove
# each is present.
DEB_PKGS := libgsl-dev libyaml-dev gnuplot-nox pkg-config valgrind

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

BUILD   ?= build
# The library: every model/LAYER/*.c but the program's entry point.  The
# layers are listed in docs/architecture.md (base, core, io, charts,
# analysis, cli); a new file in one of them is built without a Makefile edit.
LAYERS  := base core io charts analysis cli
LIB_SRC := $(filter-out model/cli/main.c,$(foreach l,$(LAYERS),$(wildcard model/$(l)/*.c)))
LIB_OBJ := $(LIB_SRC:model/%.c=$(BUILD)/model/%.o)
LIB     := $(BUILD)/libdcdemand.a
PROG    := dcdemand
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEFAULT_SCENARIO := scenarios/mckinsey-2024.yaml

.PHONY: all run test check unit cli leakcheck asan ubsan deps install uninstall clean help \
        format bench deps-bench fuzz readme-table readme charts

all: $(PROG)

## deps: install missing Debian packages (as root), or print the command
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "run: sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

## deps-bench: the Debian packages `make bench` needs besides the build's
## (the NumPy peer of bench/mc_bench.sh, and /usr/bin/time)
BENCH_DEB_PKGS := python3-numpy python3-yaml time
deps-bench:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(BENCH_DEB_PKGS)"

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

## test: build and run the whole suite (unit, command line, error corpus, scenario checks)
test: $(PROG) $(UNIT_BIN)
	@sh tests/run.sh

check: test

## leakcheck: the command-line tests under valgrind (zero errors, zero leaks)
leakcheck: $(PROG) $(UNIT_BIN)
	@DCDEMAND_WRAP="valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99" \
	  sh tests/run.sh

## asan, ubsan: the suite with sanitizers, at -O0, in their own build folders
asan:
	$(MAKE) BUILD=build-asan OPT="-O0 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDLIBS="-fsanitize=address,undefined" PROG=build-asan/dcdemand test-prog
ubsan:
	$(MAKE) BUILD=build-ubsan OPT="-O0 -g -fsanitize=undefined -fno-sanitize-recover=all" \
	  LDLIBS="-fsanitize=undefined" PROG=build-ubsan/dcdemand test-prog

## fuzz: libFuzzer over the scenario loader (clang) for FUZZ_TIME seconds, seeds
## in tests/fuzz/corpus/, new inputs and crash files in build-fuzz/
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
FUZZ_SRC   := $(wildcard model/base/*.c model/core/*.c model/io/*.c)
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
              -fno-omit-frame-pointer
build-fuzz/fuzz_loader: tests/fuzz/fuzz_loader.c $(FUZZ_SRC) $(wildcard include/*.h)
	@mkdir -p build-fuzz/corpus
	$(FUZZ_CC) $(CPPFLAGS_ALL) -std=c11 $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $@ \
	  tests/fuzz/fuzz_loader.c $(FUZZ_SRC) $(PKG_LIBS) -lm
fuzz: build-fuzz/fuzz_loader
	build-fuzz/fuzz_loader -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=2048 -dict=tests/fuzz/yaml.dict -artifact_prefix=build-fuzz/ \
	  build-fuzz/corpus tests/fuzz/corpus </dev/null

.PHONY: test-prog
test-prog: $(PROG) $(UNIT_BIN)
	@BUILD=$(BUILD) DCDEMAND_BIN=$(PROG) sh tests/run.sh

## install, uninstall: honour PREFIX and DESTDIR
install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/dcdemand
	install -m 644 docs/dcdemand.1 $(DESTDIR)$(MANDIR)/man1/dcdemand.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dcdemand $(DESTDIR)$(MANDIR)/man1/dcdemand.1

## readme: regenerate the program output shown in README.md
readme: $(PROG) readme-table
	DCDEMAND_BIN=./$(PROG) sh docs/update-readme.sh

## bench: time one evaluation of the model, then Monte Carlo against the NumPy
## peer (bench/mc_bench.sh; see bench/README.md)
BENCH_SCENARIOS ?= $(DEFAULT_SCENARIO) bench/fleet.yaml
$(BUILD)/bench_project: bench/bench_project.c $(LIB)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL)
bench: $(BUILD)/bench_project $(PROG) deps-bench
	$(BUILD)/bench_project -n 200000 $(BENCH_SCENARIOS)
	sh bench/mc_bench.sh ./$(PROG)

## format: clang-format every C file
format:
	clang-format -i model/*/*.c include/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(BUILD) build-asan build-ubsan $(PROG) out

## help: list the targets
help:
	@echo "make run        build and run the default scenario ($(DEFAULT_SCENARIO))"
	@echo "make test       build and run every test (alias: make check)"
	@echo "make leakcheck  command-line tests under valgrind"
	@echo "make asan|ubsan tests with sanitizers"
	@echo "make install    install to \$$(DESTDIR)\$$(PREFIX) (default /usr/local)"
	@echo "make uninstall  remove what install installed"
	@echo "make charts     redraw the chart gallery in plots/"
	@echo "make readme     regenerate the program output and check table in README.md"
	@echo "make bench      time one evaluation, then mc against the NumPy peer"
	@echo "make fuzz       libFuzzer over the scenario loader (clang; FUZZ_TIME seconds)"
	@echo "make deps       install missing Debian packages (as root) or print the command"
	@echo "make format     clang-format the sources"
	@echo "make clean      remove build products and out/"
