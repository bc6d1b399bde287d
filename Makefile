# motcua — build, install, demo and tests.
#
#   make                 build ./motcua
#   make check           install missing packages (as root), build, run every
#                        test, then again under ASan+UBSan and valgrind
#   make check SANITIZE=1  only the sanitizer run
#   make check TESTS='t0300 t06* test_calendar'   only those tests, in each run
#   make demo            a short counter session on a fresh database
#   make install         PREFIX=/usr/local DESTDIR=
#   make man-vi          the manual pages in Vietnamese, build/man/vi (po4a)
#   make update-po-man   po/man/*.vi.po brought up to the English pages

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
LOCALEDIR ?= $(DATADIR)/locale
LIBDIR  ?= $(PREFIX)/lib
MODULEDIR ?= $(LIBDIR)/motcua
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/vendor-completions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d

VERSION = 0.1.0
CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS    = sqlite3 libqrencode libpng libutf8proc libsodium nettle libedit json-c
# The paper renderer (PDF and PNG with cairo and pango) is a module of its
# own, motcua-paper.so in MODULEDIR, linked normally with pangocairo and
# loaded by core/render.c (one dlopen, one dlsym) when a document is first
# drawn on paper. Linked into the program, pangocairo has every command
# load some forty shared libraries, and `qr print`, run once per code,
# must start about as fast as qrencode. bench/qr.sh, one PNG per process,
# the two designs run in turn on the 2-core machine (load 1.7 to 2.9):
# linked, 22.1 and 19.0 ms against qrencode's 6.3 and 4.9 (ratios 3.52
# and 3.91); the module, 6.5 and 6.2 ms against 5.5 and 5.0 (1.19 and
# 1.25, about the 1.2 of the goal; the dlopen table before it: 1.25).
PAPER_PKGS = pangocairo cairo-pdf cairo-svg libqrencode
PAPER_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PAPER_PKGS) 2>/dev/null)
PAPER_LIBS := $(shell $(PKG_CONFIG) --libs $(PAPER_PKGS) 2>/dev/null)

# The commands that use the network (serve, notify send, sync, province)
# are a second program, motcua-net in MODULEDIR, built from the same cmd/
# files with MC_NET and the glue of net/, and linked with libmicrohttpd,
# libcurl and libpq: motcua runs it for them (cmd/cmd.h, NET_FN), so that
# no counter command loads those libraries and theirs (measured: linked
# into motcua they took each command's start from 3.5 to 17 ms).
NET_PKGS = libmicrohttpd libcurl libpq
NET_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(NET_PKGS) 2>/dev/null)
NET_LIBS := $(shell $(PKG_CONFIG) --libs $(NET_PKGS) 2>/dev/null)

# Linked from the static archives that Debian's -dev packages ship: every
# shared library costs start-up time (libsqlite3 alone has the dynamic
# loader bind 1,600 symbols, more work than drawing a QR code), and a
# command run once per code, like `qr print`, must start about as fast as
# qrencode (bench/qr.sh). `make STATIC_PKGS=` links them all dynamically.
# libedit (the counter prompt's line editing, BSD-licensed) comes with its
# terminfo and libbsd, and --as-needed drops the shared copies its .pc
# file also names: linked dynamically, they had every command load four
# more libraries (460 more relocations) for one prompt.
STATIC_PKGS ?= sqlite3 libsodium libutf8proc nettle libedit tinfo libbsd json-c
DYNAMIC_PKGS = $(filter-out $(STATIC_PKGS),$(PKGS))

# Debian's libcsv ships no .pc file: fall back to plain -lcsv.
CSV_LIBS := $(shell $(PKG_CONFIG) --libs libcsv 2>/dev/null || echo -lcsv)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
ifneq ($(strip $(STATIC_PKGS)),)
STATIC_L := $(shell $(PKG_CONFIG) --libs $(STATIC_PKGS) 2>/dev/null) $(CSV_LIBS)
PKG_LIBS := -Wl,-Bstatic $(STATIC_L) -Wl,-Bdynamic -Wl,--as-needed \
	$(shell $(PKG_CONFIG) --libs $(DYNAMIC_PKGS) 2>/dev/null) \
	$(filter-out $(STATIC_L),$(shell $(PKG_CONFIG) --static --libs $(STATIC_PKGS) 2>/dev/null)) -lm
else
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) $(CSV_LIBS) -lm
endif

ifeq ($(FUZZ),1)
# libFuzzer: the library instrumented for coverage, with ASan and UBSan.
CC      = clang
BUILD   = build-fuzz
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
else ifeq ($(SANITIZE),1)
BUILD   ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD   ?= build
SANFLAGS =
endif

ALL_CFLAGS = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -pthread \
	-Icore -I$(BUILD) $(PKG_CFLAGS) $(CFLAGS) $(SANFLAGS)
ALL_LDFLAGS = $(LDFLAGS) -pthread $(SANFLAGS)

CORE_SRC = $(filter-out core/render-paper.c core/render-chart.c,$(sort $(wildcard core/*.c)))
PAPER_SRC = core/render-paper.c core/render-chart.c core/qr.c core/digits.c
PAPER_OBJ = $(PAPER_SRC:core/%.c=$(BUILD)/paper/%.o)
MODULE  = $(BUILD)/motcua-paper.so
CMD_SRC  = $(sort $(wildcard cmd/*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
CMD_OBJ  = $(CMD_SRC:%.c=$(BUILD)/%.o)
NET_SRC  = $(sort $(wildcard net/*.c))
NET_OBJ  = $(CMD_SRC:%.c=$(BUILD)/net/%.o) $(NET_SRC:%.c=$(BUILD)/net/%.o)
NETPROG  = $(BUILD)/motcua-net
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_SRC = $(sort $(wildcard tests/helpers/*.c))
HELPER_BIN = $(HELPER_SRC:tests/helpers/%.c=$(BUILD)/tests/%)
FUZZ_SRC = $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_NAMES = $(FUZZ_SRC:fuzz/fuzz_%.c=%)
REPLAY_BIN = $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
PO  = $(wildcard po/*.po)
MO  = $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/motcua.mo)

ifeq ($(SANITIZE),1)
PROGRAM = $(BUILD)/motcua
else
PROGRAM = motcua
endif

.PHONY: all deps check check-run demo install uninstall clean pot completions lint-man fuzz \
	fuzz-built FORCE man-vi update-po-man install-man

all: $(PROGRAM) $(MODULE) $(NETPROG) $(MO) man-vi

# What the program is told at build time; rewritten only when it changes,
# so that `make install PREFIX=/usr` rebuilds with the right paths.
$(BUILD)/config.h: FORCE
	@mkdir -p $(BUILD)
	@printf '#define MC_VERSION "%s"\n#define MC_LOCALEDIR "%s"\n#define MC_MODULEDIR "%s"\n' \
		'$(VERSION)' '$(LOCALEDIR)' '$(MODULEDIR)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/cmd/main.o $(BUILD)/net/cmd/main.o $(BUILD)/core/render.o: $(BUILD)/config.h

# register add has an option per column of the registers, written from the
# library's table by a program of its own (scripts/register-fields.c), and
# rewritten only when it changes.
$(BUILD)/scripts/register-fields: scripts/register-fields.c $(BUILD)/libmotcua.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libmotcua.a $(PKG_LIBS)

$(BUILD)/register-fields.h: $(BUILD)/scripts/register-fields
	@$< >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/cmd/register.o $(BUILD)/net/cmd/register.o: $(BUILD)/register-fields.h

$(BUILD)/%.o: %.c $(wildcard core/*.h) $(wildcard cmd/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The module's objects are position-independent and export nothing but
# its entry (core/render-private.h); -z defs: it needs nothing of the
# program's.
$(BUILD)/paper/%.o: core/%.c $(wildcard core/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PAPER_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(MODULE): $(PAPER_OBJ)
	$(CC) $(ALL_LDFLAGS) -shared -Wl,-z,defs -o $@ $(PAPER_OBJ) $(PAPER_LIBS) -lm

$(BUILD)/libmotcua.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(PROGRAM): $(CMD_OBJ) $(BUILD)/libmotcua.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libmotcua.a $(PKG_LIBS)

$(BUILD)/net/%.o: %.c $(wildcard core/*.h) $(wildcard cmd/*.h) $(wildcard net/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DMC_NET -Inet -Icmd $(NET_CFLAGS) -c -o $@ $<

$(NETPROG): $(NET_OBJ) $(BUILD)/libmotcua.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(NET_OBJ) $(BUILD)/libmotcua.a $(PKG_LIBS) $(NET_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/unit.h $(BUILD)/libmotcua.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libmotcua.a $(PKG_LIBS)

# What some unit tests run or read beside them in $(BUILD) (the helpers
# they turn output into PNG with, the Vietnamese catalogue): made with
# them, so that a test built alone runs against current ones. Order-only:
# a new helper does not make the test program itself out of date.
$(BUILD)/tests/test_qr: | $(BUILD)/tests/halfblock2png
$(BUILD)/tests/test_qrprint: | $(BUILD)/tests/halfblock2png $(BUILD)/tests/qrtext2png
$(BUILD)/tests/test_render: | $(BUILD)/tests/pnginfo
$(BUILD)/tests/test_i18n: | $(MO)

# Helpers may use libmotcua (sign-extract signs with a test database's key).
$(BUILD)/tests/%: tests/helpers/%.c $(BUILD)/libmotcua.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libmotcua.a $(PKG_LIBS)

# The fake Zalo of notify send's tests is a web server: libmicrohttpd.
$(BUILD)/tests/fake-zalo: tests/helpers/fake-zalo.c $(BUILD)/libmotcua.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(NET_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libmotcua.a $(PKG_LIBS) \
		$(NET_LIBS)

# For scripts/compare-outputs.sh, preloaded into the programs it compares:
# getrandom(2) from a fixed seed. Built without the sanitizers, to load
# into any build of motcua.
PRELOAD = $(BUILD)/tests/fixed-getrandom.so
$(PRELOAD): tests/helpers/preload/fixed-getrandom.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror $(CFLAGS) -fPIC -shared -o $@ $< -ldl

# The fuzz harnesses, replayed over their corpus by make check (no clang
# needed), and built for libFuzzer by make fuzz.
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(BUILD)/libmotcua.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c \
		$(BUILD)/libmotcua.a $(PKG_LIBS)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(BUILD)/libmotcua.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(BUILD)/libmotcua.a $(PKG_LIBS)

fuzz-built: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

# Each harness for FUZZ_SECONDS from its seed corpus (fuzz/corpus/NAME),
# FUZZ_JOBS at a time; one "ok"/"not ok" line each (fuzz/run.sh).
fuzz: deps
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-built
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) sh fuzz/run.sh $(FUZZ_NAMES)

$(BUILD)/locale/%/LC_MESSAGES/motcua.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

deps:
	@sh scripts/deps.sh

tests-built: $(PROGRAM) $(MODULE) $(NETPROG) $(MO) $(UNIT_BIN) $(HELPER_BIN) $(REPLAY_BIN) $(PRELOAD) man-vi

# The whole suite: a plain -O2 build, then the same tests under
# ASan+UBSan, then valgrind on the main commands. One summary line.
check: deps
	@$(MAKE) --no-print-directory check-run

# TESTS: names or patterns of tests (tests/run.sh), none meaning all; the
# shell does not expand them here, run.sh matches them against test names.
TESTS ?=
ifeq ($(SANITIZE),1)
check-run: tests-built
	@set -f; MOTCUA_BUILD=$(BUILD) MOTCUA_BIN=$(PROGRAM) sh tests/run.sh $(TESTS)
else
check-run:
	@$(MAKE) --no-print-directory tests-built
	@$(MAKE) --no-print-directory SANITIZE=1 tests-built
	@set -f; sh tests/run.sh --all $(TESTS)
endif

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh ./motcua

# The message template (tests/e2e/t0850-i18n.sh makes a fresh one in POT=).
POT ?= po/motcua.pot
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1,2 -kC_:1c,2 -kNC_:1c,2 \
		--add-comments=TRANSLATORS: \
		--package-name=motcua -o $(POT) $(CMD_SRC) $(CORE_SRC)

# The options of register add in completions/ (between their "register add
# fields" marks), from the program's --help, which lists one per column of
# the library's table: run it after changing the table, and commit the
# result (tests/e2e/t1060-register-columns.sh checks it).
completions: $(PROGRAM)
	LANGUAGE= LC_ALL=C ./$(PROGRAM) register add --help | \
		sh scripts/register-completions.sh completions

# The manual pages in Vietnamese, translated with po4a from po/man/*.vi.po
# (po/man/po4a.cfg) into build/man/vi, in build/ whatever BUILD is. Only
# pages translated in full are made (--keep 100): for the others man shows
# the English page. Building never rewrites the PO files (--no-update);
# update-po-man does, after an English page changed, and leaves what
# changed fuzzy for the translator.
PO4A ?= po4a
MAN_VI = build/man/vi/.stamp
man-vi: $(MAN_VI)
$(MAN_VI): po/man/po4a.cfg $(wildcard man/*.[15]) $(wildcard po/man/*.vi.po)
	@command -v $(PO4A) >/dev/null || { echo "po4a is missing: run scripts/deps.sh" >&2; exit 1; }
	@mkdir -p build/man/pot build/man/vi
	@rm -f build/man/vi/*.[15]
	$(PO4A) -q --no-update po/man/po4a.cfg
	@touch $@

update-po-man:
	@mkdir -p build/man/pot
	$(PO4A) --no-translations po/man/po4a.cfg

lint-man: man-vi
	@for m in man/*.[15]; do groff -man -ww -z $$m || exit 1; done
	@for m in build/man/vi/*.[15]; do [ ! -e $$m ] || \
		[ -z "$$(preconv $$m | groff -man -Tutf8 -ww -z 2>&1)" ] || { echo "$$m: groff warns" >&2; exit 1; }; done

# The pages in English, and in Vietnamese those that man-vi made.
install-man: man-vi
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 0644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	for m in build/man/vi/*.[15]; do [ -e $$m ] || continue; \
		install -d $(DESTDIR)$(MANDIR)/vi/man$${m##*.}; \
		install -m 0644 $$m $(DESTDIR)$(MANDIR)/vi/man$${m##*.}/; \
	done

install: all install-man
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 motcua $(DESTDIR)$(BINDIR)/motcua
	install -d $(DESTDIR)$(MODULEDIR)
	install -m 0644 $(MODULE) $(DESTDIR)$(MODULEDIR)/motcua-paper.so
	install -m 0755 $(NETPROG) $(DESTDIR)$(MODULEDIR)/motcua-net
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0644 completions/motcua.bash $(DESTDIR)$(BASHCOMPDIR)/motcua
	install -m 0644 completions/_motcua $(DESTDIR)$(ZSHCOMPDIR)/_motcua
	install -m 0644 completions/motcua.fish $(DESTDIR)$(FISHCOMPDIR)/motcua.fish
	for mo in $(MO); do \
		l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/motcua.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/motcua $(DESTDIR)$(BASHCOMPDIR)/motcua \
	      $(DESTDIR)$(ZSHCOMPDIR)/_motcua $(DESTDIR)$(FISHCOMPDIR)/motcua.fish \
	      $(DESTDIR)$(MODULEDIR)/motcua-paper.so \
	      $(DESTDIR)$(MODULEDIR)/motcua-net
	rm -f $(DESTDIR)$(MANDIR)/man1/motcua*.1 $(DESTDIR)$(MANDIR)/man5/motcua.5
	rm -f $(DESTDIR)$(MANDIR)/vi/man1/motcua*.1 $(DESTDIR)$(MANDIR)/vi/man5/motcua.5
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/motcua.mo

clean:
	rm -rf build build-san build-fuzz motcua
