/* motcua — qr print|verify: QR codes of dossiers and of any text, and the
 * offline check of a signed extract. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

/* ---- qr print ---- */

struct print_job {
	mc_qr_style style;
	mc_qr_level level;
	int type_given;
};

static int parse_colour(struct mc_ctx *ctx, const struct mc_args *a, const char *name,
			unsigned char rgba[4])
{
	const char *v = args_get(a, name);
	if (v && mc_qr_colour_parse(v, rgba) != MC_OK)
		return usage_error(ctx, _("--%s: \"%s\" is not a colour RRGGBB or RRGGBBAA (hexadecimal)"),
				   name, v);
	return 0;
}

static int parse_job(struct mc_ctx *ctx, const struct mc_args *a, struct print_job *job)
{
	/* In the order of mc_qr_type. */
	static const char *const types[] = { "png", "svg", "utf8", "ansi", "ascii", NULL };
	const char *l = args_get(a, "level");
	long size, margin, dpi;
	int type, rc;
	job->style = (mc_qr_style)MC_QR_STYLE_INIT;
	job->level = MC_QR_M;
	job->type_given = args_has(a, "type");
	if (args_enum(a, "type", types, (int)job->style.type, &type) != 0)
		return mc_exit_code(MC_USAGE);
	job->style.type = (mc_qr_type)type;
	/* L, M, Q or H in either case: not a plain choice. */
	if (l && mc_qr_level_parse(l, &job->level) != MC_OK)
		return usage_error(ctx, _("--level: \"%s\" is not L, M, Q or H"), l);
	if (args_long(a, "size", 1, MC_QR_SIZE_MAX, 4, &size) != 0 ||
	    args_long(a, "margin", 0, MC_QR_MARGIN_MAX, 4, &margin) != 0 ||
	    args_long(a, "dpi", 1, MC_QR_DPI_MAX, 72, &dpi) != 0)
		return mc_exit_code(MC_USAGE);
	job->style.size = (int)size;
	job->style.margin = (int)margin;
	job->style.dpi = (int)dpi;
	if ((rc = parse_colour(ctx, a, "foreground", job->style.fg)) != 0 ||
	    (rc = parse_colour(ctx, a, "background", job->style.bg)) != 0)
		return rc;
	job->style.colours = args_has(a, "foreground") || args_has(a, "background");
	return 0;
}

/* The colours mean nothing to the types drawn with characters. */
static int check_colours(struct mc_ctx *ctx, const struct print_job *job)
{
	if (job->style.colours && (job->style.type == MC_QR_UTF8 || job->style.type == MC_QR_ASCII))
		return usage_error(ctx, "%s", _("--foreground and --background apply to png, svg and ansi"));
	return 0;
}

/* Without -t: the file name's ending, else text on a terminal and PNG
 * into a file or a pipe (as qrencode writes). */
static mc_qr_type default_type(const char *out)
{
	const char *ext = out ? strrchr(out, '.') : NULL;
	if (!is_stdout(out)) {
		if (ext && strcasecmp(ext, ".svg") == 0)
			return MC_QR_SVG;
		if (ext && strcasecmp(ext, ".txt") == 0)
			return MC_QR_UTF8;
		return MC_QR_PNG;
	}
	return isatty(STDOUT_FILENO) ? MC_QR_UTF8 : MC_QR_PNG;
}

/* A payload that does not fit is exit 65 with the limit; `where`
 * prefixes the message ("-:12: ") in a batch. */
static int too_large(const char *where, const char *payload, mc_qr_level level)
{
	return fail(MC_BAD_INPUT, _("%spayload of %zu bytes is too large for a QR code at level %c (at most %zu bytes)"),
		    where, strlen(payload), "LMQH"[level], mc_qr_capacity(level));
}

static int encode(const char *payload, mc_qr_level level, mc_qr *qr)
{
	mc_status st = mc_qr_encode(qr, payload, level);
	if (st == MC_OK)
		return 0;
	if (st != MC_BAD_INPUT)
		return fail(st, "%s", _(mc_status_str(st)));
	if (!*payload)
		return fail(MC_BAD_INPUT, "%s", _("the payload is empty"));
	return too_large("", payload, level);
}

/* The lookup URL of a dossier (or its bare code); *name (may be NULL)
 * receives its code, the file name of a batch. Both malloc'd. `where`
 * prefixes an error message ("-:12: "). */
static int dossier_payload(struct mc_ctx *ctx, const char *where, const char *code,
			   char **payload, char **name)
{
	mc_dossier *d = NULL;
	int rc = need_db(ctx);
	if (rc)
		return rc;
	mc_status st = mc_dossier_get(ctx->db, code, &d);
	if (st == MC_OK)
		st = mc_dossier_lookup_payload(ctx->db, d, payload);
	if (st == MC_OK && name && !(*name = strdup(d->code)))
		st = MC_NOMEM;
	mc_dossier_free(d);
	if (st == MC_OK)
		return 0;
	return fail(st, "%s%s", where,
		    *mc_errmsg(ctx->db) ? mc_errmsg(ctx->db) : _(mc_status_str(st)));
}

static int write_code(FILE *fp, const char *path, const mc_qr *qr, const mc_qr_style *style)
{
	mc_status st = mc_qr_write(fp, qr, style);
	int rc;
	/* A code not drawn whole leaves no file (a write error: close_output). */
	if (st != MC_OK && st != MC_IO)
		abandon_output(fp);
	rc = st != MC_OK && st != MC_IO ? 0 : close_output(fp, path);
	if (st != MC_OK && !rc)
		rc = fail(st, _("%s: cannot write the QR code: %s"),
			  is_stdout(path) ? _("standard output") : path,
			  _(mc_status_str(st)));
	return rc;
}

/* ---- qr print --batch ---- */

/* One line: its payload, checked to fit, and its file; 0 when it goes to
 * the workers, else the exit code after saying why ("-:LINE: ..."). */
static int batch_line(struct mc_ctx *ctx, struct print_job *job, const char *dir,
		      const char *line, long lineno, char **payload, char **path)
{
	const char *ext = job->style.type == MC_QR_SVG ? "svg" : "png";
	char where[40], *name = NULL;
	int rc;
	*payload = *path = NULL;
	snprintf(where, sizeof where, "-:%ld: ", lineno);
	if (mc_dossier_code_like(line))
		rc = dossier_payload(ctx, where, line, payload, &name);
	else
		rc = (*payload = strdup(line)) ? 0 : fail(MC_IO, "%s", _("out of memory"));
	if (!rc && strlen(*payload) > mc_qr_capacity(job->level))
		rc = too_large(where, *payload, job->level);
	if (!rc && !(*path = malloc(strlen(dir) + 80)))
		rc = fail(MC_IO, "%s", _("out of memory"));
	if (!rc && name)
		sprintf(*path, "%s/%.60s.%s", dir, name, ext);
	else if (!rc)
		sprintf(*path, "%s/%04ld.%s", dir, lineno, ext);
	free(name);
	if (rc) {
		free(*payload);
		free(*path);
	}
	return rc;
}

/*
 * --batch -o DIR: one file per line of standard input, in one process.
 * A line shaped like a dossier code becomes that dossier's lookup URL in
 * DIR/CODE.png; any other line is encoded as it is, in DIR/NNNN.png after
 * its line number (0001, 0002, ...). Empty lines are skipped. A bad line
 * is reported as "-:LINE: reason" and the others are still written; the
 * exit code is that of the first bad line. A write error stops at once.
 */
static int print_batch(struct mc_ctx *ctx, struct print_job *job, const char *dir)
{
	mc_qr_batch *b;
	long lineno = 0;
	ssize_t len;
	int first = 0, fatal = 0;
	char *line = NULL, why[600];
	size_t cap = 0;
	struct stat sb;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return fail(MC_CANT_CREATE, "%s: %s", dir, mc_strerror(errno));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return fail(MC_CANT_CREATE, _("%s: not a folder"), dir);
	mc_status st = mc_qr_batch_start(&job->style, job->level, &b);
	if (st != MC_OK)
		return fail(st, "%s", st == MC_IO ? _("cannot start a thread") : _("out of memory"));
	while (!fatal && (len = getline(&line, &cap, stdin)) != -1) {
		char *payload = NULL, *path = NULL;
		int rc;
		lineno++;
		/* A NUL would cut the line short unseen: that line is bad. */
		if (strlen(line) < (size_t)len) {
			rc = fail(MC_BAD_INPUT, _("-:%ld: the line holds a NUL byte"), lineno);
		} else {
			line[strcspn(line, "\r\n")] = '\0';
			if (!*line)
				continue;
			rc = batch_line(ctx, job, dir, line, lineno, &payload, &path);
		}
		if (rc && !first)
			first = rc;
		/* A code line without any database: no other code can work. */
		if (rc && !ctx->db && mc_dossier_code_like(line))
			fatal = rc;
		/* A worker's failure (a full disk) stops the batch. */
		if (!rc && mc_qr_batch_add(b, payload, path) != MC_OK)
			fatal = 1;
	}
	if (!fatal && ferror(stdin))
		first = fail(MC_IO, _("standard input: %s"), mc_strerror(errno));
	free(line);
	if ((st = mc_qr_batch_finish(b, why, sizeof why)) != MC_OK)
		return fail(st, "%s", why);
	return fatal ? fatal : first;
}

static int cmd_print(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct print_job job;
	const char *text = args_get(a, "text"), *out = args_get(a, "output");
	char *payload = NULL;
	mc_qr qr = MC_QR_INIT;
	int rc = parse_job(ctx, a, &job);
	if (rc)
		return rc;
	if (args_has(a, "batch")) {
		if (text || a->npos)
			return usage_error(ctx, "%s", _("--batch reads the payloads from standard input: give no CODE or --text"));
		if (is_stdout(out))
			return usage_error(ctx, "%s", _("--batch needs -o DIR, the folder of the files"));
		if (!job.type_given)
			job.style.type = MC_QR_PNG;
		if (job.style.type != MC_QR_PNG && job.style.type != MC_QR_SVG)
			return usage_error(ctx, "%s", _("--batch writes png or svg files"));
		return print_batch(ctx, &job, out);
	}
	if (!!text == !!a->npos)
		return usage_error(ctx, "%s", _("give a dossier CODE or --text STRING"));
	if (!job.type_given)
		job.style.type = default_type(out);
	if ((rc = check_colours(ctx, &job)) != 0)
		return rc;
	if (job.style.type == MC_QR_PNG && is_stdout(out) && isatty(STDOUT_FILENO))
		return usage_error(ctx, "%s", _("will not write a PNG to a terminal; give -o FILE"));
	/* Half blocks on a terminal get black-on-white, as the slip does. */
	job.style.ink = is_stdout(out) && ctx->colour;
	if (text)
		rc = (payload = strdup(text)) ? 0 : fail(MC_IO, "%s", _("out of memory"));
	else
		rc = dossier_payload(ctx, "", a->pos[0], &payload, NULL);
	if (!rc && !(rc = encode(payload, job.level, &qr))) {
		FILE *fp;
		if ((rc = create_output(out, &fp)) == 0)
			rc = write_code(fp, out, &qr, &job.style);
	}
	mc_qr_release(&qr);
	free(payload);
	return rc;
}

/* ---- qr verify ---- */

struct verified {
	const mc_extract_fields *f;
	int given_key;
};

/* A field of the payload: signed, but by whichever key signed it (--key),
 * so it is shown made harmless as every quoted value is. */
static void print_line(FILE *fp, const char *label, const char *value)
{
	char *safe = mc_text_escape(value);
	put_label(fp, label);
	fprintf(fp, "%s\n", safe ? safe : "?");
	free(safe);
}

/* The text view of a genuine extract's fields. */
static void verified_view(FILE *fp, const void *ud)
{
	static const char *const titles[] = {
		"Trích lục khai sinh", "Trích lục kết hôn", "Trích lục khai tử",
	};
	static const char *const kinds[] = { N_("birth"), N_("marriage"), N_("death") };
	static const char *const events[] = { N_("born:"), N_("married:"), N_("died:") };
	const struct verified *v = ud;
	const mc_extract_fields *f = v->f;
	char buf[256], *key_id = mc_text_escape(f->key_id);
	fprintf(fp, v->given_key ? _("genuine: signed with the key given (%s)\n")
				 : _("genuine: signed by this office (key %s)\n"), key_id ? key_id : "?");
	free(key_id);
	snprintf(buf, sizeof buf, "%s (%s)", _(kinds[f->kind]), titles[f->kind]);
	print_line(fp, _("kind:"), buf);
	snprintf(buf, sizeof buf, _("book %s, number %s"), f->book, f->number);
	print_line(fp, _("register:"), buf);
	if (f->kind == MC_EXTRACT_MARRIAGE) {
		print_line(fp, _("husband:"), f->name);
		print_line(fp, _("wife:"), f->name2 ? f->name2 : "");
	} else {
		print_line(fp, _("name:"), f->name);
	}
	mc_format_day_human(f->event_day, buf, sizeof buf);
	print_line(fp, _(events[f->kind]), buf);
	print_line(fp, _("serial:"), f->serial);
	mc_format_day_human(f->issued_day, buf, sizeof buf);
	print_line(fp, _("issued:"), buf);
	print_line(fp, _("office:"), f->unit_id);
}

/* A genuine extract's fields: what its signature vouches for. */
static int print_verified(struct mc_ctx *ctx, const mc_extract_fields *f, int given_key)
{
	/* -q has no one value to print here: it changes nothing. */
	mc_printer *p = pr_new(ctx->format, stdout, 0);
	struct verified v = { f, given_key };
	pr_view(p, verified_view, &v);
	pr_begin_map(p);
	pr_kbool(p, "genuine", 1);
	pr_kstr(p, "key_id", f->key_id);
	pr_kstr(p, "kind", mc_extract_kind_name(f->kind));
	pr_kstr(p, "unit_id", f->unit_id);
	pr_kstr(p, "serial", f->serial);
	pr_kstr(p, "book", f->book);
	pr_kstr(p, "number", f->number);
	pr_kstr(p, "name", f->name);
	pr_kstr(p, "name2", f->name2);
	pr_key(p, "event_date");
	pr_date(p, f->event_day);
	pr_key(p, "issued");
	pr_date(p, f->issued_day);
	pr_end(p);
	return pr_close(p, NULL);
}

/* The longest payload read: a QR code holds at most 2,953 bytes. */
#define PAYLOAD_MAX 4096

/* The payload: the argument, or one line of standard input for "-"
 * (zbarimg --raw | motcua qr verify -), at most PAYLOAD_MAX bytes: *rc
 * is set (after the message) for a longer one. */
static char *read_payload(const char *arg, int *rc)
{
	char *line;
	*rc = 0;
	if (strcmp(arg, "-") != 0)
		return strdup(arg);
	if (!(line = malloc(PAYLOAD_MAX + 2)))
		return NULL;
	if (!fgets(line, PAYLOAD_MAX + 2, stdin))
		line[0] = '\0';
	size_t n = strlen(line);
	if (n > PAYLOAD_MAX && line[PAYLOAD_MAX] != '\n') {
		free(line);
		*rc = fail(MC_BAD_INPUT, _("payload: longer than %d bytes; this is not a QR code's"),
			   PAYLOAD_MAX);
		return NULL;
	}
	return line;
}

static int cmd_verify(struct mc_ctx *ctx, const struct mc_args *a)
{
	unsigned char pk[MC_SIGN_PUBLIC_BYTES];
	char ours[MC_SIGN_KEY_ID], theirs[MC_SIGN_KEY_ID] = "", *payload;
	const char *key = args_get(a, "key");
	mc_extract_fields f = MC_EXTRACT_FIELDS_INIT;
	mc_verify_result res;
	int rc;

	if (key && mc_sign_key_parse(key, pk) != MC_OK)
		return usage_error(ctx, _("--key: \"%s\" is not a public key (44 characters of base64 or 64 hex digits)"),
				   key);
	if (!key) {
		if ((rc = need_db(ctx)) != 0)
			return rc;
		mc_status st = mc_sign_public_key(ctx->db, pk);
		if (st != MC_OK)
			return report(ctx, st, NULL);
	}
	if (!(payload = read_payload(a->pos[0], &rc)))
		return rc ? rc : fail(MC_IO, "%s", _("out of memory"));
	mc_status st = mc_extract_payload_verify(payload, pk, &f, &res, theirs);
	free(payload);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	mc_sign_key_id(pk, ours, sizeof ours);
	switch (res) {
	case MC_VERIFY_GENUINE:
		rc = print_verified(ctx, &f, key != NULL);
		mc_extract_fields_release(&f);
		return rc;
	case MC_VERIFY_NOT_EXTRACT:
		return fail(MC_NOT_FOUND, "%s", _("NOT AN EXTRACT: this code does not begin with MC1:"));
	case MC_VERIFY_TRUNCATED:
		return fail(MC_NOT_FOUND, "%s", _("TRUNCATED: the signature is missing or cut short; scan the code again"));
	case MC_VERIFY_ALTERED:
		return fail(MC_NOT_FOUND, "%s", _("ALTERED: the signature does not match the contents; this is not a genuine extract"));
	case MC_VERIFY_OTHER_KEY:
		return fail(MC_NOT_FOUND, _("ANOTHER KEY: this code names key %s, not this office's key %s; it was issued elsewhere, or altered"),
			    theirs, ours);
	}
	return mc_exit_code(MC_NOT_FOUND);
}

static const struct mc_opt print_opts[] = {
	{ "text", 0, OPT_VALUE, "STRING", N_("encode STRING, any text, instead of a dossier's lookup URL") },
	{ "type", 't', OPT_VALUE, "TYPE", N_("png, svg, utf8, ansi or ascii") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write to FILE (- is standard output); with --batch, a folder") },
	{ "size", 's', OPT_VALUE, "PIXELS", N_("pixels per module in png and svg (default 4)") },
	{ "margin", 'm', OPT_VALUE, "MODULES", N_("width of the quiet zone in modules (default 4)") },
	{ "level", 'l', OPT_VALUE, "LEVEL", N_("error correction: L, M, Q or H (default M)") },
	{ "dpi", 'd', OPT_VALUE, "DPI", N_("resolution written into a png (default 72)") },
	{ "foreground", 0, OPT_VALUE, "RRGGBB", N_("colour of the dark modules (png, svg, ansi)") },
	{ "background", 0, OPT_VALUE, "RRGGBB", N_("colour of the light modules (png, svg, ansi)") },
	{ "batch", 0, OPT_FLAG, NULL, N_("one code per line of standard input, one file each in the -o folder") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt verify_opts[] = {
	{ "key", 0, OPT_VALUE, "PUBKEY", N_("check against this public key, without a database") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_qr_subs[] = {
	{ "print", cmd_print, NEED_LAZY, print_opts, 0, 1,
	  "[CODE | --text STRING | --batch] [-t png|svg|utf8|ansi|ascii] [-o FILE|DIR|-] "
	  "[-s PIXELS] [-m MODULES] [-l L|M|Q|H] [-d DPI] [--foreground RRGGBB[AA]] "
	  "[--background RRGGBB[AA]]",
	  N_("print the QR code of a dossier or of any text"), 0 },
	{ "verify", cmd_verify, NEED_LAZY, verify_opts, 1, 1, "PAYLOAD|- [--key PUBKEY]",
	  N_("check a signed extract's QR payload offline"), 1u << FMT_JSON },
	{ 0 }
};
