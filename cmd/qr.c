/* motcua — qr print|verify: QR codes of dossiers and of any text, and the
 * offline check of a signed extract. */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
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
	const char *t = args_get(a, "type"), *l = args_get(a, "level");
	long size, margin, dpi;
	int rc;
	job->style = (mc_qr_style)MC_QR_STYLE_INIT;
	job->level = MC_QR_M;
	job->type_given = t != NULL;
	if (t && mc_qr_type_parse(t, &job->style.type) != MC_OK)
		return usage_error(ctx, _("--type: \"%s\" is not png, svg, utf8, ansi or ascii"), t);
	if (l && mc_qr_level_parse(l, &job->level) != MC_OK)
		return usage_error(ctx, _("--level: \"%s\" is not L, M, Q or H"), l);
	if (args_long(a, "size", 1, MC_QR_SIZE_MAX, 4, &size) != 0 ||
	    args_long(a, "margin", 0, MC_QR_MARGIN_MAX, 4, &margin) != 0 ||
	    args_long(a, "dpi", 1, MC_QR_DPI_MAX, 72, &dpi) != 0)
		return 2;
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
	int rc = close_output(fp, path);
	if (st != MC_OK && !rc)
		rc = fail(st, _("%s: cannot write the QR code: %s"),
			  is_stdout(path) ? _("standard output") : path,
			  _(mc_status_str(st)));
	return rc;
}

/* ---- qr print --batch ---- */

/* A line to draw: its payload and the file it goes to. */
struct batch_item {
	char *payload, *path;
};

#define QUEUE 64

/*
 * The lines go from the main thread, which reads them, looks the dossier
 * codes up and reports every bad line (in order), to worker threads that
 * encode and write the files: libqrencode's choice of mask is most of the
 * work, and it runs on every core. The first failure of a worker (a full
 * disk) stops the batch.
 */
struct batch {
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct batch_item ring[QUEUE];
	size_t head, count;
	int closed;                 /* no more lines coming             */
	mc_status fatal;            /* a worker's failure               */
	char why[600];              /* and its message                  */
	const struct print_job *job;
};

/* Encodes and writes one file; 0, or an exit code with the message. */
/* One code of a batch: MC_OK, or the failure's status with its reason
 * in why. */
static mc_status draw_one(const struct print_job *job, const struct batch_item *it, char *why,
			  size_t n)
{
	mc_qr qr = MC_QR_INIT;
	char err[128] = "";
	mc_status st = mc_qr_encode(&qr, it->payload, job->level);
	FILE *fp = st == MC_OK ? fopen(it->path, "wb") : NULL;
	mc_status rc = MC_OK;
	if (st != MC_OK) {
		snprintf(why, n, "%s", _(mc_status_str(st)));
		rc = st;
	} else if (!fp) {
		strerror_r(errno, err, sizeof err);
		snprintf(why, n, "%s: %s", it->path, err);
		rc = MC_CANT_CREATE;
	} else {
		st = mc_qr_write(fp, &qr, &job->style);
		if (fclose(fp) != 0 || st != MC_OK) {
			strerror_r(errno, err, sizeof err);
			snprintf(why, n, _("%s: write error: %s"), it->path, err);
			rc = MC_IO;
		}
	}
	mc_qr_release(&qr);
	return rc;
}

static void *batch_worker(void *arg)
{
	struct batch *b = arg;
	char why[sizeof b->why];
	for (;;) {
		struct batch_item it;
		mc_status st;
		pthread_mutex_lock(&b->lock);
		while (!b->count && !b->closed && !b->fatal)
			pthread_cond_wait(&b->more, &b->lock);
		if (b->fatal || !b->count) {
			pthread_mutex_unlock(&b->lock);
			return NULL;
		}
		it = b->ring[b->head];
		b->head = (b->head + 1) % QUEUE;
		b->count--;
		pthread_cond_signal(&b->room);
		pthread_mutex_unlock(&b->lock);
		st = draw_one(b->job, &it, why, sizeof why);
		free(it.payload);
		free(it.path);
		if (st != MC_OK) {
			pthread_mutex_lock(&b->lock);
			if (!b->fatal) {
				b->fatal = st;
				memcpy(b->why, why, sizeof why);
			}
			pthread_cond_broadcast(&b->room);
			pthread_cond_broadcast(&b->more);
			pthread_mutex_unlock(&b->lock);
		}
	}
}

/* Hands a line to the workers (waiting for room); 0, or the exit code of
 * a worker's failure, which stops the batch. Takes over the item. */
static int batch_push(struct batch *b, struct batch_item *it)
{
	int fatal;
	pthread_mutex_lock(&b->lock);
	while (b->count == QUEUE && !b->fatal)
		pthread_cond_wait(&b->room, &b->lock);
	fatal = mc_exit_code(b->fatal);
	if (!fatal) {
		b->ring[(b->head + b->count) % QUEUE] = *it;
		b->count++;
		pthread_cond_signal(&b->more);
	}
	pthread_mutex_unlock(&b->lock);
	if (fatal) {
		free(it->payload);
		free(it->path);
	}
	return fatal;
}

/* One line: its payload, checked to fit, and its file; 0 when it goes to
 * the workers, else the exit code after saying why ("-:LINE: ..."). */
static int batch_line(struct mc_ctx *ctx, struct print_job *job, const char *dir,
		      const char *line, long lineno, struct batch_item *it)
{
	const char *ext = job->style.type == MC_QR_SVG ? "svg" : "png";
	char where[40], *name = NULL;
	int rc;
	snprintf(where, sizeof where, "-:%ld: ", lineno);
	if (mc_dossier_code_like(line))
		rc = dossier_payload(ctx, where, line, &it->payload, &name);
	else
		rc = (it->payload = strdup(line)) ? 0 : fail(MC_IO, "%s", _("out of memory"));
	if (!rc && strlen(it->payload) > mc_qr_capacity(job->level))
		rc = too_large(where, it->payload, job->level);
	if (!rc && !(it->path = malloc(strlen(dir) + 80)))
		rc = fail(MC_IO, "%s", _("out of memory"));
	if (!rc && name)
		sprintf(it->path, "%s/%.60s.%s", dir, name, ext);
	else if (!rc)
		sprintf(it->path, "%s/%04ld.%s", dir, lineno, ext);
	free(name);
	if (rc) {
		free(it->payload);
		free(it->path);
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
	struct batch b = { .lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER,
			   .room = PTHREAD_COND_INITIALIZER, .job = job };
	pthread_t threads[8];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), lineno = 0;
	int nthreads = 0, first = 0, fatal = 0;
	char *line = NULL;
	size_t cap = 0;
	struct stat sb;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return fail(MC_CANT_CREATE, "%s: %s", dir, strerror(errno));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return fail(MC_CANT_CREATE, _("%s: not a folder"), dir);
#ifdef M_TRIM_THRESHOLD
	/* Each code allocates and frees the same few hundred kilobytes
	 * (libqrencode, zlib): glibc would hand the workers' heaps back to
	 * the system after each one and map them again, every unmapping an
	 * interrupt to the other cores (a fifth of the batch's time). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
	while (nthreads < (cpus < 1 ? 1 : cpus > 8 ? 8 : cpus) &&
	       pthread_create(&threads[nthreads], NULL, batch_worker, &b) == 0)
		nthreads++;
	if (!nthreads)
		return fail(MC_IO, "%s", _("cannot start a thread"));
	while (!fatal && getline(&line, &cap, stdin) != -1) {
		struct batch_item it = { NULL, NULL };
		int rc;
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		rc = batch_line(ctx, job, dir, line, lineno, &it);
		if (rc && !first)
			first = rc;
		/* A code line without any database: no other code can work. */
		if (rc && !ctx->db && mc_dossier_code_like(line))
			fatal = rc;
		if (!rc)
			fatal = batch_push(&b, &it);
	}
	if (!fatal && ferror(stdin))
		first = fail(MC_IO, _("standard input: %s"), strerror(errno));
	pthread_mutex_lock(&b.lock);
	b.closed = 1;
	pthread_cond_broadcast(&b.more);
	pthread_mutex_unlock(&b.lock);
	while (nthreads--)
		pthread_join(threads[nthreads], NULL);
	free(line);
	if (b.fatal)
		return fail(b.fatal, "%s", b.why);
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
		FILE *fp = open_output(out);
		rc = fp ? write_code(fp, out, &qr, &job.style) : 73;
	}
	mc_qr_release(&qr);
	free(payload);
	return rc;
}

/* ---- qr verify ---- */

static void json_day(FILE *fp, int64_t day)
{
	char buf[16];
	mc_format_date(day, buf, sizeof buf);
	json_str(fp, buf);
}

static void print_extract_json(const mc_extract_fields *f)
{
	fputs("{\"genuine\":true,\"key_id\":", stdout);
	json_str(stdout, f->key_id);
	fputs(",\"kind\":", stdout);
	json_str(stdout, mc_extract_kind_name(f->kind));
	const struct { const char *k, *v; } s[] = {
		{ "unit_id", f->unit_id }, { "serial", f->serial }, { "book", f->book },
		{ "number", f->number }, { "name", f->name }, { "name2", f->name2 },
	};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		printf(",\"%s\":", s[i].k);
		json_str(stdout, s[i].v);
	}
	fputs(",\"event_date\":", stdout);
	json_day(stdout, f->event_day);
	fputs(",\"issued\":", stdout);
	json_day(stdout, f->issued_day);
	fputs("}\n", stdout);
}

static void print_line(const char *label, const char *value)
{
	put_label(stdout, label);
	printf("%s\n", value);
}

static void print_extract(const mc_extract_fields *f, int given_key)
{
	static const char *const titles[] = {
		"Trích lục khai sinh", "Trích lục kết hôn", "Trích lục khai tử",
	};
	static const char *const kinds[] = { N_("birth"), N_("marriage"), N_("death") };
	static const char *const events[] = { N_("born:"), N_("married:"), N_("died:") };
	char buf[256];
	printf(given_key ? _("genuine: signed with the key given (%s)\n")
			 : _("genuine: signed by this office (key %s)\n"), f->key_id);
	snprintf(buf, sizeof buf, "%s (%s)", _(kinds[f->kind]), titles[f->kind]);
	print_line(_("kind:"), buf);
	snprintf(buf, sizeof buf, _("book %s, number %s"), f->book, f->number);
	print_line(_("register:"), buf);
	if (f->kind == MC_EXTRACT_MARRIAGE) {
		print_line(_("husband:"), f->name);
		print_line(_("wife:"), f->name2 ? f->name2 : "");
	} else {
		print_line(_("name:"), f->name);
	}
	mc_format_date(f->event_day, buf, sizeof buf);
	print_line(_(events[f->kind]), buf);
	print_line(_("serial:"), f->serial);
	mc_format_date(f->issued_day, buf, sizeof buf);
	print_line(_("issued:"), buf);
	print_line(_("office:"), f->unit_id);
}

/* The payload: the argument, or one line of standard input for "-"
 * (zbarimg --raw | motcua qr verify -). */
static char *read_payload(const char *arg)
{
	char *line = NULL;
	size_t cap = 0;
	if (strcmp(arg, "-") != 0)
		return strdup(arg);
	if (getline(&line, &cap, stdin) == -1) {
		free(line);
		return strdup("");
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
	if (!(payload = read_payload(a->pos[0])))
		return fail(MC_IO, "%s", _("out of memory"));
	mc_status st = mc_extract_payload_verify(payload, pk, &f, &res, theirs);
	free(payload);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	mc_sign_key_id(pk, ours, sizeof ours);
	switch (res) {
	case MC_VERIFY_GENUINE:
		if (ctx->format == FMT_JSON)
			print_extract_json(&f);
		else
			print_extract(&f, key != NULL);
		mc_extract_fields_release(&f);
		return 0;
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
	return 1;
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
