# Makefile - builds ./zonelint, its tests and benchmarks.  Plain GNU make.
#
#   make                 build ./zonelint
#   make check           every test: cmocka units, fixtures, real zones, SPF suites
#   make check-sanitize  the same tests built with -fsanitize=address,undefined
#   make check-tsan      unit and command-line tests (-j) built with -fsanitize=thread
#   make check-valgrind  unit, command-line and fixture tests under valgrind memcheck
#   make deps            install the Debian packages the build and tests need (root or sudo)
#   make demo            lint the bundled example zone (findings expected)
#   make bench           zonelint vs validns, nsd-checkzone, kzonecheck, named-checkzone on
#                        generated 100/1M/5M-record zones and root.zone (BENCH_ARGS=...)
#   make bench-lex       a bare flex tokenizer's CPU time beside zonelint's (the ceiling)
#   make fuzz            libFuzzer targets (clang) in build/fuzz/, seeds in build/fuzz-seeds/
#   make fuzz-smoke      each fuzz target a few seconds, and every tests/fuzz-regressions/ input
#   make install         ./zonelint and zonelint.1; PREFIX=/usr/local DESTDIR=
#   make clean

CC      ?= cc
FLEX    ?= flex
BISON   ?= bison
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
SHARED  ?= ../shared

CFLAGS  ?= -O2 -g
# Our sources: C11, every warning an error.
WARN     = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Generated scanner/parser: flex output is not -Wpedantic clean.
GENWARN  = -Wall -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter

# FUZZ=1: the library for the libFuzzer targets (make fuzz), built by clang
# with coverage hooks and ASan+UBSan.  $GENERATE is held to 4096 records
# and arena chunks to 16 KiB there so one input stays fast; the code
# paths are the same.
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ifeq ($(FUZZ),1)
BUILD    = build/fuzz
CC       = $(FUZZ_CC)
SANFLAGS = -fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_DEFS = -DZL_MAX_GENERATE=4096 -DZL_ARENA_CHUNK=16384
BIN      = $(BUILD)/zonelint
else ifeq ($(TSAN),1)
# make check-tsan: ThreadSanitizer over the threads of -j
BUILD   ?= build/tsan
SANFLAGS = -fsanitize=thread -fno-omit-frame-pointer
BIN     ?= $(BUILD)/zonelint
else ifeq ($(SANITIZE),1)
BUILD   ?= build/sanitize
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
BIN     ?= $(BUILD)/zonelint
else
BUILD   ?= build
SANFLAGS =
BIN     ?= zonelint
endif

CPPFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -Irules -Ibuild $(FUZZ_DEFS) $(CPPFLAGS)
# -pthread: with -j, files are read on worker threads (src/jobs.c), and the
# rules of a big zone use a second thread (rules/run.c)
CFLAGS_ALL   = $(CFLAGS) $(SANFLAGS) -pthread
LDFLAGS_ALL  = $(LDFLAGS) $(SANFLAGS) -pthread
# jansson writes the json and sarif output (src/format_json.c, format_sarif.c),
# inih reads .zonelint (src/config.c), xxhash digests the TXT RDATA no rule
# reads again (src/txt.c)
LDLIBS_ALL   = $(LDLIBS) -ljansson -linih -lxxhash

# GITHUB_ACTIONS=true makes github the default output format; the tests
# compare gcc-style output, so they must not see it when CI runs on GitHub.
unexport GITHUB_ACTIONS

GEN_SRCS  = build/zone_parser.c build/zone_scanner.c \
            build/namedconf_parser.c build/namedconf_scanner.c
GEN_HDRS  = build/zone_parser.h build/zone_scanner.h \
            build/namedconf_parser.h build/namedconf_scanner.h
LIB_SRCS  = $(filter-out src/main.c,$(wildcard src/*.c)) $(wildcard rules/*.c)
LIB_OBJS  = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRCS)) \
            $(patsubst build/%.c,$(BUILD)/obj/gen/%.o,$(GEN_SRCS))
MAIN_OBJ  = $(BUILD)/obj/src/main.o
LIB       = $(BUILD)/libzonelint.a
TEST_SRCS = $(wildcard tests/test_*.c)
TEST_BINS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))

.PHONY: all deps check check-plain check-cli check-syntax-only check-readme check-man check-precommit readme check-unit check-fixtures check-formats check-realzones check-spf check-zscanner check-zone-corpus \
        check-sanitize check-tsan check-valgrind check-fuzz-syntax demo bench bench-lex install uninstall clean fuzz fuzz-bins fuzz-seeds fuzz-smoke
.SUFFIXES:
.DELETE_ON_ERROR:

all: $(BIN)

# ---- generated scanner and parser (build/ only, never in git) -------------
# Each scanner is built with -b and full tables; any backing-up state fails
# the build (PostgreSQL does the same): patterns that could stop halfway
# need a "fail" rule instead.  Full tables are -Cf, not -CF: flex 2.6.4's
# -CF tables are read out of bounds on the input bytes 0x00 0xFF (flex
# issue #628; found by fuzzing zonelint, regression test in test_parser).
# $(call flex_scanner,NAME): grammar/NAME.l -> build/NAME_scanner.[ch],
# backing-up report build/NAME.backup.
define flex_scanner
	@mkdir -p build
	cd build && $(FLEX) -b --backup-file=$(1).backup -Cf --header-file=$(1)_scanner.h -o $(1)_scanner.c ../grammar/$(1).l
	@if [ "$$(head -n 1 build/$(1).backup)" != "No backing up." ]; then \
		echo "grammar/$(1).l: scanner needs backing up, see build/$(1).backup" >&2; \
		rm -f build/$(1)_scanner.c build/$(1)_scanner.h; exit 1; fi
endef

# $(call bison_parser,NAME): grammar/NAME.y -> build/NAME_parser.[ch]
define bison_parser
	@mkdir -p build
	$(BISON) -Wall -Werror -o build/$(1)_parser.c --defines=build/$(1)_parser.h grammar/$(1).y
endef

# master files
build/zone_scanner.c build/zone_scanner.h &: grammar/zone.l Makefile
	$(call flex_scanner,zone)

build/zone_parser.c build/zone_parser.h &: grammar/zone.y
	$(call bison_parser,zone)

# named.conf (--named-conf)
build/namedconf_scanner.c build/namedconf_scanner.h &: grammar/namedconf.l Makefile
	$(call flex_scanner,namedconf)

build/namedconf_parser.c build/namedconf_parser.h &: grammar/namedconf.y
	$(call bison_parser,namedconf)

$(BUILD)/obj/gen/%.o: build/%.c $(GEN_HDRS) $(wildcard src/*.h rules/*.h) rules/rules.def
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(GENWARN) -c -o $@ $<

# ---- our sources ------------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(wildcard src/*.h rules/*.h) rules/rules.def $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(WARN) -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# ---- tests --------------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c $(LIB) tests/testutil.h tests/assert_sink.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itests $(CFLAGS_ALL) $(WARN) -o $@ $< $(LIB) $(LDFLAGS_ALL) -lcmocka $(LDLIBS_ALL)

check-unit: $(TEST_BINS)
	@fail=0; for t in $(TEST_BINS); do \
		echo "== $$t"; $$t 2>&1 || fail=1; done; exit $$fail

check-fixtures: $(BIN)
	ZONELINT=$(BIN) sh tests/run-fixtures.sh

check-realzones: $(BIN)
	ZONELINT=$(BIN) SHARED=$(SHARED) sh tests/run-realzones.sh

# --format json/sarif/github on the example zone: JSON parses, SARIF
# validates against the 2.1.0 schema (python3-jsonschema), github escapes.
check-formats: $(BIN)
	ZONELINT=$(BIN) SHARED=$(SHARED) sh tests/run-formats.sh

# The public RFC 7208 and RFC 4408 SPF conformance suites against spf-eval.
check-spf: $(BIN)
	$(SHARED)/bin/spf-suite ./$(BIN)
	$(SHARED)/bin/spf-suite -4 ./$(BIN)

# Knot's libzscanner test data against "zonelint dump --wire"; understood
# BIND-versus-Knot differences are listed in tests/zscanner-known.tsv.
check-zscanner: $(BIN)
	$(SHARED)/bin/zscanner-corpus --known tests/zscanner-known.tsv $(BIN)

# Every non-DNSSEC file of the public zone corpora: zonelint's verdict against
# the upstream expectation; understood differences are listed in
# tests/zone-corpus-known.tsv.
check-zone-corpus: $(BIN)
	$(SHARED)/bin/zone-corpus --skip-level dnssec --known tests/zone-corpus-known.tsv $(BIN)

# The whole suite, plainly built and once more under ASan+UBSan; then the
# unit, command-line and fixture tests of the plain build under valgrind.
check: check-plain
ifneq ($(SANITIZE),1)
	$(MAKE) --no-print-directory SANITIZE=1 check-plain
	$(MAKE) --no-print-directory check-valgrind
	$(MAKE) --no-print-directory fuzz-smoke
endif

check-cli: $(BIN)
	ZONELINT=$(BIN) sh tests/run-cli.sh

# --syntax-only over every zone fixture: the full run's findings of the rules it runs
check-syntax-only: $(BIN)
	ZONELINT=$(BIN) sh tests/run-syntax-only.sh

check-readme: $(BIN)
	ZONELINT=$(BIN) BUILD_PACKAGES="$(BUILD_PACKAGES)" DEB_PACKAGES="$(DEB_PACKAGES)" sh tests/readme-sync.sh

# zonelint.1: its RULES list (--list-rules=man) and version are current, and
# groff -ww -man renders it without a warning (groff-base).
check-man: $(BIN)
	ZONELINT=$(BIN) sh tests/man-sync.sh

# .pre-commit-hooks.yaml with the real pre-commit in a throw-away git
# repository: a zone with an error is refused, the fixed one commits.
check-precommit: $(BIN)
	ZONELINT=$(BIN) sh tests/run-precommit.sh

# README's rule list and example output, and zonelint.1's RULES section,
# are generated: refresh them.
readme: $(BIN)
	ZONELINT=$(BIN) sh tests/readme-sync.sh --update
	ZONELINT=$(BIN) sh tests/man-sync.sh --update

# the fuzz harnesses build only with clang's libFuzzer (make fuzz, run by
# make check's fuzz-smoke after the plain and sanitizer passes); check-plain
# compiles them for errors alone, so a change of the model's API that
# leaves them behind fails in its first minute, not its last
check-fuzz-syntax: $(GEN_HDRS)
	@for f in fuzz/*.c; do \
		$(CC) $(CPPFLAGS_ALL) -Ifuzz $(WARN) -fsyntax-only $$f || exit 1; \
	done; echo "check-fuzz-syntax: fuzz/*.c compile"

check-plain: check-unit check-cli check-fixtures check-syntax-only check-formats check-realzones check-readme check-man check-precommit check-zscanner check-zone-corpus check-spf check-fuzz-syntax
	@echo "make check: all test groups passed$(if $(SANFLAGS), (sanitizers on))"

check-sanitize:
	$(MAKE) --no-print-directory SANITIZE=1 check-plain

# The command-line tests, -j's comparisons with -j 1 among them, and the
# unit tests built with -fsanitize=thread: a data race between the threads
# that read files (-j) fails them (not part of make check: TSan is slow).
# TSAN_OPTIONS: a report fails the run (exit status 66) and stops it.
check-tsan:
	TSAN_OPTIONS="halt_on_error=1 $$TSAN_OPTIONS" $(MAKE) --no-print-directory TSAN=1 check-unit check-cli

# valgrind memcheck over the plain build (it cannot run an ASan binary),
# through tests/memcheck.sh: every cmocka test, then run-cli.sh,
# run-fixtures.sh (hostile cases included) and run-realzones.sh with it
# standing in for zonelint.  Any memcheck error or definitely lost block
# fails; each process's report is kept in a log of its own and shown.  The
# fixtures run in one shard per processor: each valgrind start costs about
# a second.
check-valgrind: $(BIN) $(TEST_BINS)
ifeq ($(SANITIZE),1)
	@echo "check-valgrind: valgrind cannot run the ASan build; run it without SANITIZE=1" >&2; exit 1
endif
	@logs=$$(mktemp -d) && fail=0 && export VG_LOGDIR=$$logs && \
	for t in $(TEST_BINS); do \
		echo "== valgrind $$t"; \
		VG_PROGRAM=$$t sh tests/memcheck.sh >$$logs/test.out 2>&1 || \
			{ fail=1; cat $$logs/test.out; }; \
	done; \
	rm -f $$logs/test.out; \
	export VG_PROGRAM=$(CURDIR)/$(BIN) ZONELINT=tests/memcheck.sh; \
	sh tests/run-cli.sh || fail=1; \
	JOBS=$$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2) sh tests/run-fixtures.sh || fail=1; \
	SHARED=$(SHARED) sh tests/run-realzones.sh || fail=1; \
	for l in $$logs/*; do \
		if [ -s "$$l" ]; then fail=1; echo "== $$l"; cat "$$l"; fi; \
	done; \
	rm -rf $$logs; \
	if [ $$fail = 0 ]; then echo "check-valgrind: no memcheck errors, no definite leaks"; fi; \
	exit $$fail

# ---- fuzzing (clang's libFuzzer; README.md, section "Fuzzing") --------------
# One target per input the program reads.
FUZZ_TARGETS = zone roundtrip spf_parse spf_macro spf_eval config namedconf
FUZZ_BINS    = $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))
FUZZ_SMOKE_SECONDS ?= 4

fuzz:
	$(MAKE) --no-print-directory FUZZ=1 fuzz-bins

fuzz-bins: $(FUZZ_BINS)
.SECONDARY: build/fuzz/obj/fuzz/fuzz_common.o

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h build/fuzz/obj/fuzz/fuzz_common.o $(LIB)
	$(CC) $(CPPFLAGS_ALL) -Ifuzz $(CFLAGS) -pthread -fsanitize=fuzzer $(FUZZ_SAN) $(WARN) -o $@ \
		$< build/fuzz/obj/fuzz/fuzz_common.o $(LIB) $(LDLIBS_ALL)

# Seed corpora from fixtures/ and $(SHARED) (zone corpora, SPF suites, small real zones).
fuzz-seeds:
	python3 fuzz/seeds.py build/fuzz-seeds $(SHARED)

# Each target FUZZ_SMOKE_SECONDS from the seeds, after replaying every
# input that once made it fail (tests/fuzz-regressions/<target>/).
fuzz-smoke: fuzz fuzz-seeds
	SECONDS_EACH=$(FUZZ_SMOKE_SECONDS) sh fuzz/smoke.sh $(FUZZ_TARGETS)

# ---- deps, demo, bench, install ---------------------------------------------------
# Debian 12 packages: BUILD_PACKAGES to build (libjansson-dev writes json and
# sarif, libinih-dev reads .zonelint, libxxhash-dev digests TXT RDATA),
# DEB_PACKAGES to build and test (cmocka,
# python3 for the shared yardsticks, python3-jsonschema to validate the SARIF
# output, groff-base to render zonelint.1, git and pre-commit for the hook
# test, valgrind for check-valgrind, clang and its libFuzzer runtime for
# make fuzz-smoke).  make deps and .ci/run install DEB_PACKAGES; README
# lists both (tests/readme-sync.sh checks it).
BUILD_PACKAGES = make gcc flex bison libjansson-dev libinih-dev libxxhash-dev
DEB_PACKAGES = $(BUILD_PACKAGES) libcmocka-dev python3 python3-jsonschema \
               groff-base git pre-commit valgrind clang libclang-rt-14-dev

deps:
	@missing=; for p in $(DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all installed"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	echo "installing:$$missing"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing

demo: $(BIN)
	@echo "\$$ zonelint fixtures/db.example.com"
	@./$(BIN) fixtures/db.example.com; st=$$?; \
	echo "(exit status $$st: 1 means error-level findings, as intended for this example)"; \
	[ $$st -le 1 ]

# BENCH_ARGS: options of bench/run.sh, e.g. BENCH_ARGS='--sizes 20000 --runs 1'
bench: $(BIN)
	sh bench/run.sh $(BENCH_ARGS)
	sh bench/many-zones.sh

# the ceiling: a bare flex tokenizer over the same zone, beside zonelint
bench-lex: $(BIN)
	sh bench/lex-ceiling.sh

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/zonelint
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 zonelint.1 $(DESTDIR)$(MANDIR)/man1/zonelint.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/zonelint $(DESTDIR)$(MANDIR)/man1/zonelint.1

clean:
	rm -rf build zonelint
