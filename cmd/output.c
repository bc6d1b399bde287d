/* motcua — output helpers: JSON strings, padded columns, -o files, imports, lp. */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"

void put_padded(FILE *fp, const char *s, int width)
{
	fputs(s, fp);
	for (int w = (int)mc_utf8_width(s); w < width; w++)
		putc(' ', fp);
}

void put_label(FILE *fp, const char *label)
{
	fputs("  ", fp);
	put_padded(fp, label, 12);
	putc(' ', fp);
}

const char *human_date(const char *v, char *buf, size_t n)
{
	int64_t day;
	/* Only a stored date (YYYY-MM-DD); a name or a year stays as it is. */
	if (!v || strlen(v) != 10 || v[4] != '-' || mc_parse_date(v, &day) != MC_OK)
		return v;
	mc_format_day_human(day, buf, n);
	return buf;
}

/* ---- output files: private, and whole or not at all ---- */

/*
 * Every -o file (and reject file) holds citizens' data: it is written
 * under a temporary name beside its place, created 0600 whatever the
 * umask, and renamed into place once whole: by close_output, or, inside
 * cmd_atomic, at the commit. A file that was there is replaced by a new
 * one, 0600 too: its former mode is not kept (a file shared on purpose
 * is shared again with chmod). A temporary file not renamed (a write
 * error, a refused record, an exit on an error path) is removed.
 */
struct staged {
	char *tmp, *path;
	FILE *fp;
	enum { STAGED, RENAMED, REMOVED } state;
	int atomic;             /* made inside cmd_atomic: stands or falls with it */
};

static struct {
	int active;             /* inside cmd_atomic: renamed at its end */
	struct staged *v;
	size_t n;
} stage;

/* A file that does not exist yet, or a regular one: written beside and
 * renamed. A device or a pipe (/dev/full, /dev/stdout) is written in
 * place: nothing can be renamed over it, and its errors show at close. */
static int stageable(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == ENOENT;
	return S_ISREG(st.st_mode);
}

/* At exit: no temporary file is left behind. */
static void discard_staged(void)
{
	for (size_t i = 0; i < stage.n; i++)
		if (stage.v[i].state == STAGED)
			unlink(stage.v[i].tmp);
}

static int create_staged(const char *path, FILE **fp)
{
	static int registered;
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	struct staged *v = realloc(stage.v, (stage.n + 1) * sizeof *v);
	char *tmp = malloc(strlen(path) + 10), *name = strdup(path);
	if (v)
		stage.v = v;
	if (!v || !tmp || !name || (!registered && atexit(discard_staged) != 0)) {
		free(tmp);
		free(name);
		return fail(MC_NOMEM, "%s", _("out of memory"));
	}
	registered = 1;
	/* DIR/.NAME.XXXXXX, made 0600 by mkstemp whatever the umask */
	sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		free(name);
		return fail(MC_CANT_CREATE, "%s: %s", path, mc_strerror(err));
	}
	if (fchmod(fd, 0600) != 0 || !(*fp = fdopen(fd, "w"))) {
		int err = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		free(name);
		return fail(MC_CANT_CREATE, "%s: %s", path, mc_strerror(err));
	}
	stage.v[stage.n++] = (struct staged){ tmp, name, *fp, STAGED, stage.active };
	return 0;
}

int create_output(const char *path, FILE **fp)
{
	if (is_stdout(path)) {
		*fp = stdout;
		return 0;
	}
	if (stageable(path))
		return create_staged(path, fp);
	if (!(*fp = fopen(path, "w")))
		return fail(MC_CANT_CREATE, "%s: %s", path, mc_strerror(errno));
	return 0;
}

static int rename_one(struct staged *s)
{
	if (rename(s->tmp, s->path) != 0)
		return fail(MC_IO, "%s: %s", s->path, mc_strerror(errno));
	s->state = RENAMED;
	return 0;
}

/* Every staged file into its place; 0, or 74 after the error. */
static int rename_staged(void)
{
	int rc;
	for (size_t i = 0; i < stage.n; i++)
		if (stage.v[i].state == STAGED && stage.v[i].atomic &&
		    (rc = rename_one(&stage.v[i])) != 0)
			return rc;
	return 0;
}

/* After the transaction: nothing is left of a record that was undone. */
static void finish_staged(int undone)
{
	for (size_t i = 0; i < stage.n; i++) {
		struct staged *s = &stage.v[i];
		if (s->state == STAGED)
			unlink(s->tmp);
		else if (s->state == RENAMED && s->atomic && undone)
			unlink(s->path);
		free(s->tmp);
		free(s->path);
	}
	free(stage.v);
	stage.v = NULL;
	stage.n = 0;
	stage.active = 0;
}

/* The staged file that fp writes, or NULL. */
static struct staged *staged_of(FILE *fp)
{
	for (size_t i = 0; i < stage.n; i++)
		if (stage.v[i].fp == fp && stage.v[i].state == STAGED)
			return &stage.v[i];
	return NULL;
}

struct atomic_run {
	struct mc_ctx *ctx;
	cmd_atomic_fn fn;
	void *ud;
	int rc;
};

static mc_status run_atomic(mc_db *db, void *ud)
{
	struct atomic_run *r = ud;
	(void)db;
	r->rc = r->fn(r->ctx, r->ud);
	/* What went to standard output is part of it: a closed or full
	 * standard output undoes the record. */
	if (r->rc == 0)
		r->rc = close_output(stdout, NULL);
	if (r->rc == 0)
		r->rc = rename_staged();
	return r->rc ? MC_IO : MC_OK;
}

int cmd_atomic(struct mc_ctx *ctx, cmd_atomic_fn fn, void *ud)
{
	struct atomic_run r = { ctx, fn, ud, 0 };
	stage.active = 1;
	mc_status st = mc_db_atomic(ctx->db, run_atomic, &r);
	finish_staged(st != MC_OK);
	if (r.rc)
		return r.rc;
	return st == MC_OK ? 0 : report(ctx, st, NULL);
}

void abandon_output(FILE *fp)
{
	struct staged *s;
	if (fp == stdout)
		return;
	if ((s = staged_of(fp))) {
		unlink(s->tmp);
		s->state = REMOVED;
		s->fp = NULL;
	}
	fclose(fp);
}

/* The filters of an export as typed: its arguments and options, but for
 * where it goes (-o) and the global ones. */
static void export_filters(const struct mc_args *a, mc_strbuf *b)
{
	for (int i = 0; i < a->npos; i++)
		mc_strbuf_addf(b, "%s%s", b->len ? " " : "", a->pos[i]);
	for (size_t i = 0; i < a->nvals; i++) {
		const struct mc_opt *o = a->vals[i].opt;
		int global = 0;
		for (const struct mc_opt *g = mc_global_opts; g->name; g++)
			global |= g == o;
		if (global || strcmp(o->name, "output") == 0)
			continue;
		mc_strbuf_addf(b, "%s--%s", b->len ? " " : "", o->name);
		if (o->kind != OPT_FLAG)
			mc_strbuf_addf(b, "%s%s", o->kind == OPT_OPTIONAL ? "=" : " ", a->vals[i].value);
	}
}

int record_export(struct mc_ctx *ctx, const struct mc_args *a, const char *out, int64_t rows)
{
	struct passwd *pw = getpwuid(getuid());
	mc_strbuf filters = MC_STRBUF_INIT;
	export_filters(a, &filters);
	if (filters.oom) {
		mc_strbuf_release(&filters);
		return fail(MC_NOMEM, "%s", _("out of memory"));
	}
	/* Where to, as a path that still means something read elsewhere. */
	char cwd[4096];
	mc_strbuf where = MC_STRBUF_INIT;
	if (is_stdout(out))
		mc_strbuf_addf(&where, "-");
	else if (*out != '/' && getcwd(cwd, sizeof cwd))
		mc_strbuf_addf(&where, "%s/%s", strcmp(cwd, "/") ? cwd : "", out);
	else
		mc_strbuf_addf(&where, "%s", out);
	mc_export_rec r = { pw && pw->pw_name && *pw->pw_name ? pw->pw_name : NULL,
			    filters.s ? filters.s : "", where.s ? where.s : out, rows };
	mc_status st = where.oom ? MC_NOMEM : mc_export_log(ctx->db, &r);
	mc_strbuf_release(&filters);
	mc_strbuf_release(&where);
	return report(ctx, st, NULL);
}

struct export_step {
	const struct mc_args *a;
	const char *out;
	int64_t rows;
};

static int record_step(struct mc_ctx *ctx, void *ud)
{
	struct export_step *e = ud;
	return record_export(ctx, e->a, e->out, e->rows);
}

int run_export(struct mc_ctx *ctx, const struct mc_args *a, const char *out,
	       run_export_fn fn, void *ud)
{
	struct export_step e = { a, out, 0 };
	/* Written outside any transaction, so that a long export does not
	 * hold other clerks back; its files wait, staged, for the record. */
	stage.active = 1;
	int rc = fn(ctx, ud, &e.rows);
	if (rc) {
		finish_staged(1);
		return rc;
	}
	return cmd_atomic(ctx, record_step, &e);
}

int close_output(FILE *fp, const char *path)
{
	static int stdout_told;   /* standard output's error is told once */
	int bad = fflush(fp) != 0 || ferror(fp);
	int err = errno;
	if (fp != stdout && fclose(fp) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (bad && fp == stdout && stdout_told++)
		return mc_exit_code(MC_IO);
	struct staged *s = fp != stdout ? staged_of(fp) : NULL;
	if (s)
		s->fp = NULL;
	if (bad) {
		if (s) {
			unlink(s->tmp);
			s->state = REMOVED;
		}
		return fail(MC_IO, _("%s: write error: %s"), path && strcmp(path, "-") ? path
			    : _("standard output"), mc_strerror(err));
	}
	return s && !stage.active ? rename_one(s) : 0;
}

struct import_run {
	mc_import_cmd fn;
	FILE *fp;
	const char *name;
	void *ud;
};

/* The import and its report of refused rows, in one transaction. */
static mc_status import_and_report(mc_db *db, void *ud)
{
	struct import_run *r = ud;
	char *bad = NULL;
	mc_status st = r->fn(db, r->fp, r->name, &bad, r->ud);
	if (bad)
		report_rows(bad);
	free(bad);
	return st;
}

int open_input(const char *path, FILE **fp)
{
	struct stat st;
	if (strcmp(path, "-") == 0) {
		*fp = stdin;
		return 0;
	}
	if (!(*fp = fopen(path, "r")))
		return fail(MC_NO_INPUT, "%s: %s", path, mc_strerror(errno));
	/* A folder opens for reading; reading it would fail later, less clearly. */
	if (fstat(fileno(*fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(*fp);
		*fp = NULL;
		return fail(MC_NO_INPUT, _("%s: is a folder; give a file"), path);
	}
	return 0;
}

int run_import(struct mc_ctx *ctx, const char *path, mc_import_cmd fn, void *ud)
{
	int std = strcmp(path, "-") == 0, rc;
	struct import_run r = { fn, NULL, std ? "-" : path, ud };
	if ((rc = open_input(path, &r.fp)) != 0)
		return rc;
	mc_status st = mc_db_atomic(ctx->db, import_and_report, &r);
	if (!std)
		fclose(r.fp);
	return report(ctx, st, NULL);
}

/* All of data to fd; 0, or -1 with errno. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int send_to_lp(const char *printer, const char *title, const char *data, size_t len,
	       int quiet)
{
	const char *argv[9];
	int n = 0, fds[2], status, err = 0;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	pid_t pid;

	argv[n++] = "lp";
	if (quiet)
		argv[n++] = "-s";
	if (printer && *printer) {
		argv[n++] = "-d";
		argv[n++] = printer;
	}
	argv[n++] = "-t";
	argv[n++] = title;
	argv[n] = NULL;
	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		return fail(MC_IO, _("cannot run lp: %s"), mc_strerror(errno));
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp("lp", (char **)argv);
		fprintf(stderr, _("motcua: cannot run lp: %s (install cups-client, or write the PDF with -o FILE)\n"),
			mc_strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	/* lp may stop reading (a printer that does not exist): an error to
	 * report, not a signal that kills the program. */
	sigaction(SIGPIPE, &ign, &old);
	if (write_all(fds[1], data, len) != 0)
		err = errno;
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* The child said why lp could not run. */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return mc_exit_code(MC_IO);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return fail(MC_IO, _("lp failed (exit %d); nothing was printed"),
			    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	if (err)
		return fail(MC_IO, _("lp: %s"), mc_strerror(err));
	return 0;
}

/* ---- documents: --slip, -o and --print ---- */

int is_stdout(const char *out)
{
	return !out || strcmp(out, "-") == 0;
}

int parse_doc_out(struct mc_ctx *ctx, const struct mc_args *a, int none_ok,
		  struct doc_out *o)
{
	const char *slip = args_get(a, "slip"), *ext;
	mc_doc_format fmt = MC_DOC_TEXT;
	o->out = args_get(a, "output");
	o->printer = args_get(a, "print");
	o->print = o->printer != NULL;
	if (slip && none_ok && strcmp(slip, "none") == 0) {
		o->fmt = -1;
		return 0;
	}
	if (slip && mc_doc_format_parse(slip, &fmt) != MC_OK)
		return usage_error(ctx, none_ok ? _("--slip: \"%s\" is not text, pdf, png or none")
					       : _("--slip: \"%s\" is not text, pdf or png"), slip);
	if (o->print && slip && fmt != MC_DOC_PDF)
		return usage_error(ctx, "%s", _("--print sends a PDF: give --slip pdf or no --slip"));
	if (o->print)
		fmt = MC_DOC_PDF;
	else if (!slip && !is_stdout(o->out) && (ext = strrchr(o->out, '.')))
		fmt = !strcasecmp(ext, ".pdf") ? MC_DOC_PDF :
		      !strcasecmp(ext, ".png") ? MC_DOC_PNG : MC_DOC_TEXT;
	o->fmt = (int)fmt;
	return 0;
}

/* The PDF for lp is made once, in memory, for lp and for -o FILE. */
int emit_document(struct mc_ctx *ctx, const mc_doc *doc, const struct doc_out *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	mc_status st;
	int rc;

	if (!o->print && is_stdout(o->out) && o->fmt != MC_DOC_TEXT && isatty(STDOUT_FILENO))
		return usage_error(ctx, "%s", _("will not write a PDF or PNG to a terminal; give -o FILE or --print"));
	if (!o->print) {
		if ((rc = create_output(o->out, &fp)) != 0)
			return rc;
		st = mc_doc_write(ctx->db, doc, (mc_doc_format)o->fmt, fp,
				  fp == stdout && ctx->colour);
		/* A text's write error is told by close_output, with the
		 * system's reason, as every other output's. */
		if (st == MC_IO && o->fmt == MC_DOC_TEXT)
			st = MC_OK;
		if (st != MC_OK) {
			abandon_output(fp);
			if (st == MC_IO)
				return fail(MC_IO, "%s: %s", is_stdout(o->out) ? _("standard output") : o->out,
					    mc_errmsg(ctx->db));
			return report(ctx, st, NULL);
		}
		/* Standard output too: a write error is known before the
		 * caller commits what the document records. */
		return close_output(fp, o->out);
	}
	if (!(fp = open_memstream(&buf, &len)))
		return fail(MC_IO, "%s", _("out of memory"));
	st = mc_doc_write(ctx->db, doc, MC_DOC_PDF, fp, 0);
	if (fclose(fp) != 0 && st == MC_OK)
		st = MC_NOMEM;
	rc = report(ctx, st, NULL);
	if (!rc && !is_stdout(o->out) && (rc = create_output(o->out, &fp)) == 0) {
		fwrite(buf, 1, len, fp);
		rc = close_output(fp, o->out);
	}
	if (!rc)
		rc = send_to_lp(o->printer, doc->name, buf, len, ctx->quiet);
	free(buf);
	return rc;
}

