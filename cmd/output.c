/* motcua — output helpers: JSON strings, padded columns, -o files, imports, lp. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* ---- outputs that stand or fall with a record (cmd_atomic) ---- */

/* The -o files of the running cmd_atomic: written under a temporary
 * name beside their place, renamed into it at the end. */
struct staged {
	char *tmp, *path;
	int renamed;
};

static struct {
	int active;
	struct staged *v;
	size_t n;
} stage;

/* A file that does not exist yet, or a regular one: written beside and
 * renamed. A device or a pipe (/dev/full, /dev/stdout) is written in
 * place: nothing can be renamed over it, and its errors show at close. */
static int stageable(const char *path, struct stat *st)
{
	if (stat(path, st) != 0)
		return errno == ENOENT ? (st->st_mode = 0, 1) : 0;
	return S_ISREG(st->st_mode);
}

static int create_staged(const char *path, const struct stat *old, FILE **fp)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	struct staged *v = realloc(stage.v, (stage.n + 1) * sizeof *v);
	char *tmp = malloc(strlen(path) + 10);
	if (v)
		stage.v = v;
	if (!v || !tmp) {
		free(tmp);
		return fail(MC_NOMEM, "%s", _("out of memory"));
	}
	/* DIR/.NAME.XXXXXX */
	sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return fail(MC_CANT_CREATE, "%s: %s", path, strerror(errno));
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, old->st_mode ? old->st_mode & 07777 : 0666 & ~mask);
	if (!(*fp = fdopen(fd, "w"))) {
		int err = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return fail(MC_CANT_CREATE, "%s: %s", path, strerror(err));
	}
	stage.v[stage.n++] = (struct staged){ tmp, strdup(path), 0 };
	return 0;
}

int create_output(const char *path, FILE **fp)
{
	struct stat st;
	if (is_stdout(path)) {
		*fp = stdout;
		return 0;
	}
	if (stage.active && stageable(path, &st))
		return create_staged(path, &st, fp);
	if (!(*fp = fopen(path, "w")))
		return fail(MC_CANT_CREATE, "%s: %s", path, strerror(errno));
	return 0;
}

/* Every staged file into its place; 0, or 74 after the error. */
static int rename_staged(void)
{
	for (size_t i = 0; i < stage.n; i++) {
		struct staged *s = &stage.v[i];
		if (!s->path)
			return fail(MC_NOMEM, "%s", _("out of memory"));
		if (rename(s->tmp, s->path) != 0)
			return fail(MC_IO, "%s: %s", s->path, strerror(errno));
		s->renamed = 1;
	}
	return 0;
}

/* After the transaction: nothing is left of a record that was undone. */
static void finish_staged(int undone)
{
	for (size_t i = 0; i < stage.n; i++) {
		struct staged *s = &stage.v[i];
		if (!s->renamed)
			unlink(s->tmp);
		else if (undone)
			unlink(s->path);
		free(s->tmp);
		free(s->path);
	}
	free(stage.v);
	stage.v = NULL;
	stage.n = 0;
	stage.active = 0;
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
	if (bad)
		return fail(MC_IO, _("%s: write error: %s"), path && strcmp(path, "-") ? path
			    : _("standard output"), strerror(err));
	return 0;
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

int run_import(struct mc_ctx *ctx, const char *path, mc_import_cmd fn, void *ud)
{
	int std = strcmp(path, "-") == 0;
	struct import_run r = { fn, std ? stdin : fopen(path, "r"), std ? "-" : path, ud };
	if (!r.fp)
		return fail(MC_NO_INPUT, "%s: %s", path, strerror(errno));
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
		return fail(MC_IO, _("cannot run lp: %s"), strerror(errno));
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp("lp", (char **)argv);
		fprintf(stderr, _("motcua: cannot run lp: %s (install cups-client, or write the PDF with -o FILE)\n"),
			strerror(errno));
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
		return fail(MC_IO, _("lp: %s"), strerror(err));
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
			if (fp != stdout)
				fclose(fp);
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

