/* motcua — the program: what main.c and the command files share. */
#ifndef MC_CMD_H
#define MC_CMD_H

#include <stdio.h>
#include "motcua.h"
#include "i18n.h"
#include "printer.h"

/* What a command needs opened before its handler runs. NEED_LAZY: the
 * database is opened (to read) only if the handler calls need_db(), so
 * that `qr print --text` works where there is no database at all. */
enum mc_need { NEED_NONE, NEED_READ, NEED_WRITE, NEED_CREATE, NEED_LAZY };

/* Kinds of options. OPT_OPTIONAL takes a value only as --name=VALUE
 * (GNU's optional argument): alone, args_get() gives "". */
enum mc_opt_kind { OPT_FLAG, OPT_VALUE, OPT_MULTI, OPT_OPTIONAL };

struct mc_opt {
	const char *name;       /* long name, without "--"          */
	char short_name;        /* 0 when none                       */
	enum mc_opt_kind kind;
	const char *metavar;    /* "CODE"; NULL for flags            */
	const char *help;       /* one line, translatable            */
};

struct mc_args {
	int npos;
	char **pos;
	size_t nvals;
	struct { const struct mc_opt *opt; const char *value; } *vals;
	int rest;               /* argv index where parsing stopped */
};

struct mc_ctx;
typedef int (*mc_cmd_fn)(struct mc_ctx *ctx, const struct mc_args *a);

struct mc_subcommand {
	const char *name;       /* NULL for a one-level command        */
	mc_cmd_fn fn;
	enum mc_need need;
	const struct mc_opt *opts;  /* terminated by a NULL name        */
	int min_pos, max_pos;   /* positional arguments               */
	const char *synopsis;   /* after "motcua CMD [SUB] "           */
	const char *summary;    /* one line, translatable              */
	unsigned formats;       /* bits of enum mc_format it prints   */
};

struct mc_command {
	const char *name;
	const struct mc_subcommand *subs;   /* terminated by fn == NULL */
	const char *summary;
};

struct mc_ctx {
	mc_db *db;
	const char *db_path;
	const char *clerk;
	enum mc_format format;
	int quiet;
	int colour;             /* stdout is a terminal, NO_COLOR unset */
	mc_time now;
	const struct mc_command *cmd;
	const struct mc_subcommand *sub;
	const struct mc_args *globals;  /* the options before the command */
	char **argv;            /* main's, for cmd_exec_net()           */
};

/*
 * The commands that speak to other machines (serve, notify send, sync,
 * province) are linked with libmicrohttpd, libcurl, libpq and json-c in
 * a second program, motcua-net (MODULEDIR; MOTCUA_MODULEDIR in the tests),
 * so that the counter's commands start without those libraries. Both
 * programs are built from the same cmd/ files: motcua-net with MC_NET
 * defined. A net command's row names its handler through NET_FN(): in
 * motcua the row's handler is cmd_exec_net, which runs motcua-net with
 * the same arguments (after --help and the options are checked, before
 * the database is opened); a handler is written inside #ifdef MC_NET.
 */
int cmd_exec_net(struct mc_ctx *ctx, const struct mc_args *a);
#ifdef MC_NET
#define NET_FN(fn) fn
#else
#define NET_FN(fn) cmd_exec_net
#endif

/* The command families (each in its own file). */
extern const struct mc_subcommand mc_init_subs[], mc_config_subs[],
	mc_procedure_subs[], mc_dossier_subs[], mc_holiday_subs[],
	mc_calendar_subs[], mc_register_subs[], mc_extract_subs[], mc_report_subs[],
	mc_notify_subs[], mc_inbox_subs[], mc_qr_subs[], mc_key_subs[], mc_db_subs[], mc_audit_subs[],
	mc_help_subs[], mc_serve_subs[], mc_province_subs[], mc_sync_subs[];
extern const struct mc_command mc_commands[];

/* args.c */
const char *args_get(const struct mc_args *a, const char *name);
int args_has(const struct mc_args *a, const char *name);
/* All values of a repeatable option, in order; *out is malloc'd. */
size_t args_all(const struct mc_args *a, const char *name, const char ***out);
/*
 * Typed readers of option values, one per kind of value. An option that
 * is absent gives def (args_long, args_enum) or *given = 0. A value that
 * is not of its kind is reported in one form, 'motcua: --NAME: "VALUE" is
 * not WHAT', and the reader returns 2, the exit code of every bad option
 * value; the caller returns it. A well-formed value that the data refuses
 * (an unknown procedure, a date in the future) is core's to report (65).
 */
int args_long(const struct mc_args *a, const char *name, long lo, long hi,
	      long def, long *out);
/* YYYY-MM-DD or DD/MM/YYYY, a day number (clock.h). */
int args_date(const struct mc_args *a, const char *name, int64_t *day, int *given);
/* "YYYY-MM-DD HH:MM" (or ISO 8601) in the office's offset. */
int args_datetime(const struct mc_args *a, const char *name, int offset_min,
		  mc_time *t, int *given);
/* One of choices (NULL-terminated): *out is its index. */
int args_enum(const struct mc_args *a, const char *name, const char *const *choices,
	      int def, int *out);
/* A repeatable choice: bit i of *bits for each value that is choices[i]. */
int args_enum_all(const struct mc_args *a, const char *name, const char *const *choices,
		  unsigned *bits);

/* The printer of the command's output to fp (standard output or an -o
 * file): -q's back end when quiet, else --format's (printer.h). */
mc_printer *cmd_printer(struct mc_ctx *ctx, FILE *fp);
/* The printer of an export, a command that writes only for machines: its
 * --format, or dflt where text (or -q) was asked (printer.c). */
mc_printer *cmd_export_printer(struct mc_ctx *ctx, FILE *fp, enum mc_format dflt);

/* main.c: opens the database of a NEED_LAZY command (once; prints the
 * error and returns its exit code when it cannot). */
int need_db(struct mc_ctx *ctx);
/* main.c: opens the database again, to write, for a command that only
 * reads unless an option says otherwise (db check --repair-index): its
 * read-only handle is closed first. Prints the error and returns its
 * exit code when it cannot. */
int need_write(struct mc_ctx *ctx);
/* 0 when the clock may come from MOTCUA_NOW (unset, or training: the
 * database is a training copy); else the message and exit 2. */
int refuse_set_clock(struct mc_ctx *ctx, int training);

/* status.c: one place that turns a status into a message and an exit code */
int mc_exit_code(mc_status st);
/* Prints "motcua: MSG" (mc_errmsg of the handle when msg is NULL) and
 * returns the exit code of st. */
int report(struct mc_ctx *ctx, mc_status st, const char *msg);
/* printf-style error to stderr, prefixed "motcua: ". Returns the exit
 * code of st (mc_exit_code): cmd/ names what went wrong, never a number. */
int fail(mc_status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The refused rows of an import ("FILE:LINE: column: reason", one a line,
 * as core's import functions report them) to stderr, each made harmless
 * on a terminal (mc_text_escape) as every message is: a CSV cell holding
 * ESC must not reach the terminal raw. The one sink of every import.
 */
void report_rows(const char *lines);
/* report_rows() as a stream, for an import that reports row by row:
 * each line written to it goes through the same sink. NULL when memory
 * ran out; fclose() it at the end. */
FILE *report_stream(void);
/* Usage error for the running command: prints its synopsis, returns 2. */
int usage_error(struct mc_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Is the format one this command prints? Else a usage error. */
int check_format(struct mc_ctx *ctx);

/* output.c */
/* Pads s with spaces to `width` display columns (never cuts). */
void put_padded(FILE *fp, const char *s, int width);
/* A date kept as YYYY-MM-DD (a register entry's value) as people read it
 * in the current language (mc_format_day_human) in buf; any other value
 * is returned as it is. */
const char *human_date(const char *v, char *buf, size_t n);
/* "  label:      " — a label column of key/value lines. */
void put_label(FILE *fp, const char *label);
/* Opens -o FILE for writing, *fp (none or "-": stdout): a new file of
 * mode 0600 under a temporary name, put in place by close_output (or at
 * the end of cmd_atomic); a device is written in place. Returns 0, or
 * the exit code after printing the error (73). */
int create_output(const char *path, FILE **fp);
/* How CSV is written to fp: a file that create_output opened is for
 * people (Excel's "CSV UTF-8": a BOM, CRLF), standard output for pipes
 * (plain: no BOM, LF). */
mc_csv_style csv_style_of(FILE *fp);
/* The printer of a listing that -o may send to a file (out; NULL or
 * "-": standard output, printed as without -o). A file is for people, as
 * the tracking book of report dossiers: CSV in Excel's style whatever
 * text or -q say, JSON with --format json; opened by create_output and
 * closed by pr_close(*pr, out). Returns 0, or the exit code after
 * printing the error (73). */
int listing_printer(struct mc_ctx *ctx, const char *out, mc_printer **pr);
/* Opens an input file to read, *fp ("-": stdin). Returns 0, or the exit
 * code after printing the error (66: missing, unreadable, a folder). */
int open_input(const char *path, FILE **fp);
/* Closes an output that is not to be kept (an error on the way): its
 * file, if a new one, is removed. */
void abandon_output(FILE *fp);
/*
 * A bulk export of citizens' data and its record (data_exports, audited):
 * fn writes the rows to out (NULL or "-": standard output; -o files are
 * staged, as in cmd_atomic) and closes it, sets *rows and returns an exit
 * code, having printed its error. It runs outside any transaction (a long
 * export holds no lock); then, in one short transaction, the record (the
 * running command, its filters as typed, that is a's arguments and
 * options but -o and the global ones, out, the rows, the clerk and the
 * operating-system account) is written and the files renamed into place.
 * A failure of fn or of the record leaves no file and no record. Returns
 * the exit code.
 */
typedef int (*run_export_fn)(struct mc_ctx *ctx, void *ud, int64_t *rows);
int run_export(struct mc_ctx *ctx, const struct mc_args *a, const char *out,
	       run_export_fn fn, void *ud);
/* The same record, for an export that is itself one act in cmd_atomic
 * (dossier export, which records its run in portal_exports too). */
int record_export(struct mc_ctx *ctx, const struct mc_args *a, const char *out, int64_t rows);
/* Closes/flushes an output; write errors (a full disk) give exit 74. */
int close_output(FILE *fp, const char *path);

/*
 * Runs fn (a core operation and the output that tells or carries it) as
 * one: in one transaction (core's own are savepoints inside it), with
 * every -o file that create_output opens written under a temporary name
 * beside it and renamed into place at the end, standard output flushed
 * and lp given its job before the commit. fn returns an exit code, having
 * printed its error; any failure (fn's, a write error, a closed standard
 * output, the commit's) undoes the record and leaves no file. Returns the
 * exit code. A print job that lp took stays printed if the commit then
 * fails.
 */
typedef int (*cmd_atomic_fn)(struct mc_ctx *ctx, void *ud);
int cmd_atomic(struct mc_ctx *ctx, cmd_atomic_fn fn, void *ud);

/* Is this -o value standard output (none, or "-")? */
int is_stdout(const char *out);

/* Where a document goes: its format (an mc_doc_format, -1: nowhere), the
 * file of -o (NULL: standard output), and lp with --print[=PRINTER]. */
struct doc_out {
	int fmt;
	const char *out, *printer;
	int print;
};

/*
 * Reads --slip FORMAT, -o FILE and --print[=PRINTER] (the options of
 * every command that prints a document): --print sends a PDF; without
 * --slip the format follows the file's ending (.pdf, .png), else text.
 * none_ok allows --slip none. Prints the usage error and returns 2.
 */
int parse_doc_out(struct mc_ctx *ctx, const struct mc_args *a, int none_ok, struct doc_out *o);

/*
 * Writes doc where o says: to the file or standard output in its format
 * (text in colour on a terminal; a PDF or PNG never to a terminal), or as
 * a PDF to lp (and to -o FILE as well when given). Returns the exit code.
 */
int emit_document(struct mc_ctx *ctx, const mc_doc *doc, const struct doc_out *o);

/*
 * Hands a document (PDF bytes) to the system's print spooler: runs
 * `lp [-s] [-d PRINTER] -t TITLE` with the bytes on its standard input
 * (lp -s, silent, when quiet). Prints the error and returns 74 when lp
 * cannot be run or fails; 0 once lp has taken the job.
 */
int send_to_lp(const char *printer, const char *title, const char *data, size_t len,
	       int quiet);

/*
 * One import, all or nothing: opens path ("-" is stdin; exit 66 when it
 * cannot), runs fn and prints its refused rows (report_rows) inside one
 * transaction, which commits only when fn succeeds. Returns the exit code.
 */
typedef mc_status (*mc_import_cmd)(mc_db *db, FILE *fp, const char *name,
				   char **report, void *ud);
int run_import(struct mc_ctx *ctx, const char *path, mc_import_cmd fn, void *ud);
/* The part of an import's one-line summary that counts the cells whose
 * line breaks (Alt+Enter) became a space ("; 2 line breaks ..."), when
 * there are any; nothing otherwise. */
void import_joined(mc_printer *p, long joined);

/* report-extracts.c: the extracts row of report's table (cmd/report.c) */
int cmd_report_extracts(struct mc_ctx *ctx, const struct mc_args *a);
extern const struct mc_opt mc_report_extracts_opts[];

/* help.c */
void print_sub_help(FILE *fp, const struct mc_command *c, const struct mc_subcommand *s);
void print_main_help(FILE *fp);

#endif
