/* motcua — register import|add|show|search|export: the civil status registers. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "register-cmd.h"
#include "register-fields.h"

int parse_kind(struct mc_ctx *ctx, const char *s, mc_reg_kind *k)
{
	if (mc_reg_kind_parse(s, k) == MC_OK)
		return 0;
	return usage_error(ctx, _("\"%s\" is not a register: birth, marriage or death"), s);
}

/* ---- one entry ---- */

void entry_columns(mc_printer *p, mc_reg_kind k)
{
	static struct pr_col cols[MC_REG_MAX_COLUMNS + 1];
	size_t n;
	const char *const *names = mc_reg_columns(k, &n, NULL);
	for (size_t i = 0; i < n; i++)
		cols[i] = (struct pr_col){ names[i], NULL, 0, PR_NOTEXT, NULL, 0 };
	cols[n] = (struct pr_col){ NULL, NULL, 0, 0, NULL, 0 };
	pr_columns(p, cols, 1);
}

void entry_record(mc_printer *p, const mc_entry *e)
{
	entry_record_open(p, e);
	pr_end(p);
}

void entry_record_open(mc_printer *p, const mc_entry *e)
{
	size_t n;
	const char *const *cols = mc_reg_columns(e->kind, &n, NULL);
	pr_begin_map(p);
	pr_kstr(p, "kind", mc_reg_kind_name(e->kind));
	for (size_t i = 0; i < n; i++) {
		pr_key(p, cols[i]);
		if (mc_reg_column_is_number(e->kind, i))
			pr_number(p, e->v[i]);
		else
			pr_str(p, e->v[i]);
	}
}

/* A title, then a line per value given: its label, in the user's
 * language, and the value, lined up by display width (labels with marks). */
static void text_entry(FILE *fp, const void *ud)
{
	const mc_entry *e = ud;
	size_t n, w = 0;
	mc_reg_columns(e->kind, &n, NULL);
	/* TRANSLATORS: the title of `motcua register show`: the register's
	   kind ("birth"), the entry's number, then its book. */
	fprintf(fp, _("%s entry %s of book %s\n"), mc_reg_kind_label(e->kind), e->v[1],
		e->v[0]);
	/* Book and number are in the title. */
	for (size_t i = 2; i < n; i++) {
		size_t lw = mc_utf8_width(mc_reg_column_label(e->kind, i));
		w = lw > w ? lw : w;
	}
	for (size_t i = 2; i < n; i++) {
		if (!e->v[i])
			continue;
		fputs("  ", fp);
		put_padded(fp, mc_reg_column_label(e->kind, i), (int)w + 2);
		/* A note may hold several lines: keep them under each other. */
		char day[24];
		for (const char *p = human_date(e->v[i], day, sizeof day); *p; p++) {
			putc(*p, fp);
			if (*p == '\n')
				fprintf(fp, "%*s", (int)w + 4, "");
		}
		putc('\n', fp);
	}
}

/* ---- register import ---- */

/* A bar on stderr, redrawn in place: only on a terminal. */
static void show_progress(const mc_reg_progress *p, void *ud)
{
	(void)ud;
	if (p->size > 0) {
		int pct = (int)(p->bytes * 100 / p->size), bar = pct * 30 / 100;
		fprintf(stderr, "\r[%.*s%*s] %3d%%  ", bar, "##############################",
			30 - bar, "", pct);
	} else {
		fputs("\r", stderr);
	}
	fprintf(stderr, P_("%ld row", "%ld rows", p->rows), p->rows);
	fflush(stderr);
}

/* Not a failure: what makes mc_db_atomic undo a dry run. */
#define DRY_RUN MC_STATUS_LAST

struct import_job {
	mc_reg_kind kind;
	FILE *fp;
	const char *name, *reject;
	mc_reg_import im;
	int reject_rc;          /* the reject file's write error, told */
	mc_strbuf listed;       /* a mended file's amendments, for people */
};

/* One line per value a mended file changes, shown once it is applied (or
 * would be, in a dry run): the entry, the column, the old and new value. */
static int list_amendment(const mc_entry *e, const mc_reg_amendment *a, void *ud)
{
	struct import_job *j = ud;
	for (size_t i = 0; i < a->n; i++) {
		char *o = mc_text_escape(a->change[i].old_value ? a->change[i].old_value : "");
		char *n = mc_text_escape(a->change[i].new_value ? a->change[i].new_value : "");
		/* TRANSLATORS: the register's kind ("birth"), the entry's
		   number, its book, then a column, its old and its new value. */
		mc_strbuf_addf(&j->listed, _("%s entry %s of book %s: %s \"%s\" → \"%s\"\n"),
			       mc_reg_kind_label(e->kind), e->v[1], e->v[0], a->change[i].field,
			       o ? o : "", n ? n : "");
		free(o);
		free(n);
	}
	return 0;
}

/* The rows and the reject file stand or fall together. */
static mc_status import_rows(mc_db *db, void *ud)
{
	struct import_job *j = ud;
	mc_status st = mc_reg_import_csv(db, j->kind, j->fp, j->name, &j->im);
	if (j->im.progress)
		fputs("\r\033[K", stderr);
	if (j->im.reject && (j->reject_rc = close_output(j->im.reject, j->reject)) != 0)
		return MC_IO;
	return st == MC_OK && j->im.dry_run ? DRY_RUN : st;
}

static int import_summary(struct mc_ctx *ctx, struct import_job *j);

static int cmd_import(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct import_job j = { .name = a->pos[1], .reject = args_get(a, "reject-file"),
				.im = MC_REG_IMPORT_INIT };
	int std = strcmp(j.name, "-") == 0, rc;

	if ((rc = parse_kind(ctx, a->pos[0], &j.kind)) != 0)
		return rc;
	/* A mended file amends, with the reason of its amendments. */
	if (args_has(a, "amend") && !args_get(a, "reason"))
		return usage_error(ctx, _("--amend needs --reason: say why the entries are amended"));
	if (!args_has(a, "amend") && args_get(a, "reason"))
		return usage_error(ctx, _("--reason goes with --amend"));
	if ((rc = open_input(j.name, &j.fp)) != 0)
		return rc;
	if (!(j.im.report = report_stream())) {
		if (!std)
			fclose(j.fp);
		return fail(MC_NOMEM, "%s", _("out of memory"));
	}
	if (j.reject && (rc = create_output(j.reject, &j.im.reject)) != 0) {
		if (!std)
			fclose(j.fp);
		fclose(j.im.report);
		return rc;
	}
	if (j.reject)
		j.im.reject_style = csv_style_of(j.im.reject);
	j.im.dry_run = args_has(a, "dry-run");
	j.im.amend_reason = args_get(a, "reason");
	j.im.amend_fn = list_amendment;
	j.im.amend_ud = &j;
	if (isatty(STDERR_FILENO))
		j.im.progress = show_progress;
	mc_status st = mc_db_atomic(ctx->db, import_rows, &j);
	if (!std)
		fclose(j.fp);
	fclose(j.im.report);
	if (j.reject_rc)
		return j.reject_rc;
	if ((rc = report(ctx, st == DRY_RUN ? MC_OK : st, NULL)) != 0) {
		/* A dry run that found bad rows read the whole file: it still
		 * ends with what it counted. */
		if (j.im.dry_run && st == MC_BAD_INPUT && j.im.rejected)
			import_summary(ctx, &j);
		mc_strbuf_release(&j.listed);
		return rc;
	}
	rc = import_summary(ctx, &j);
	mc_strbuf_release(&j.listed);
	return rc;
}

/* The one-line summary of an import (the amendments listed before it). */
static int import_summary(struct mc_ctx *ctx, struct import_job *j)
{
	mc_printer *p = cmd_printer(ctx, stdout);
	if (j->im.amend_reason) {
		if (j->listed.s)
			pr_text(p, "%s", j->listed.s);
		pr_text(p, _("%ld amended, %ld unchanged, %ld rejected"), j->im.amended,
			j->im.skipped, j->im.rejected);
	} else {
		pr_text(p, _("%ld imported, %ld skipped, %ld rejected"), j->im.imported,
			j->im.skipped, j->im.rejected);
	}
	import_joined(p, j->im.joined);
	pr_text(p, "%s", j->im.dry_run ? _(" (dry run: nothing was changed)\n") : "\n");
	return pr_close(p, NULL);
}

/* ---- register add: the entry written, and what is said of it ---- */

struct add_job {
	mc_entry *e;
	int added;
};

static mc_status add_one(mc_db *db, void *ud)
{
	struct add_job *j = ud;
	return mc_reg_add(db, j->e, &j->added);
}

static mc_status add_entry(mc_db *db, mc_entry *e, int *added)
{
	struct add_job j = { e, 0 };
	mc_status st = mc_db_atomic(db, add_one, &j);
	*added = j.added;
	return st;
}

/* What register add says: in text, whether it was new; else the entry. */
static int print_added(struct mc_ctx *ctx, const mc_entry *e, int added)
{
	mc_printer *p = cmd_printer(ctx, stdout);
	/* TRANSLATORS: the register's kind ("birth"), the entry's number,
	   then its book (both messages). */
	pr_text(p, added ? _("added %s entry %s of book %s\n")
		: _("%s entry %s of book %s is already in the register\n"),
		mc_reg_kind_label(e->kind), e->v[1], e->v[0]);
	entry_columns(p, e->kind);
	entry_record(p, e);
	return pr_close(p, NULL);
}

/* ---- register add ---- */

/* One option per column of any register, --full-name for full_name, with
 * the help of that column in the library's table (register-fields.h, which
 * the build writes from it). */
#define FIELD_OPTION(column, option, help, key) { option, 0, OPT_VALUE, "VALUE", help },
static const struct mc_opt add_opts[] = {
	REGISTER_FIELDS(FIELD_OPTION)
	{ NULL, 0, 0, NULL, NULL }
};
/* The column of each option, in the same order. */
#define FIELD_COLUMN(column, option, help, key) column,
static const char *const add_columns[] = { REGISTER_FIELDS(FIELD_COLUMN) };

/* The option of a column: --full-name for full_name. */
static const char *option_of(const char *column)
{
	size_t f = 0;
	while (add_opts[f].name && strcmp(add_columns[f], column) != 0)
		f++;
	return add_opts[f].name;
}

static int cmd_add(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *vals[MC_REG_MAX_COLUMNS] = { NULL };
	mc_entry e = MC_ENTRY_INIT;
	size_t n, nreq;
	mc_reg_kind k;
	int rc, added = 0;

	if ((rc = parse_kind(ctx, a->pos[0], &k)) != 0)
		return rc;
	const char *const *cols = mc_reg_columns(k, &n, &nreq);
	/* Every field given must be a column of this register. */
	for (size_t f = 0; add_opts[f].name; f++) {
		const char *v = args_get(a, add_opts[f].name);
		int c;
		if (!v)
			continue;
		if ((c = mc_reg_column_index(k, add_columns[f])) < 0)
			/* TRANSLATORS: an option, then the register's kind ("birth"). */
			return usage_error(ctx, _("--%s is not a field of the %s register"),
					   add_opts[f].name, mc_reg_kind_label(k));
		vals[c] = v;
	}
	for (size_t i = 0; i < nreq; i++)
		if (!vals[i])
			/* TRANSLATORS: an option, then the register's kind ("birth"). */
			return usage_error(ctx, _("--%s is required for a %s entry"),
					   option_of(cols[i]), mc_reg_kind_label(k));
	mc_status st = mc_reg_check(ctx->db, k, vals, &e);
	if (st == MC_OK)
		st = add_entry(ctx->db, &e, &added);
	if ((rc = report(ctx, st, NULL)) == 0)
		rc = print_added(ctx, &e, added);
	mc_entry_release(&e);
	return rc;
}

/* ---- amendments, as register show and amend print them ---- */

/* An amendment as a record: when, who, why, and each value changed as
 * "column": [old, new]. */
static void amendment_record(mc_printer *p, const mc_reg_amendment *a)
{
	pr_begin_map(p);
	pr_kint(p, "id", a->id);
	pr_ktime(p, "at", a->at);
	pr_kstr(p, "clerk", a->clerk);
	pr_kstr(p, "reason", a->reason);
	pr_key(p, "changes");
	pr_begin_map(p);
	for (size_t i = 0; i < a->n; i++) {
		pr_key(p, a->change[i].field);
		pr_begin_list(p);
		pr_str(p, a->change[i].old_value);
		pr_str(p, a->change[i].new_value);
		pr_end(p);
	}
	pr_end(p);
	pr_end(p);
}

/* "Full name: Nguyễn Văn Đúc → Nguyễn Văn Đức", a line per value, each
 * under the amendment's line. */
static void text_changes(FILE *fp, mc_reg_kind k, const mc_reg_amendment *a, int indent)
{
	for (size_t i = 0; i < a->n; i++) {
		int c = mc_reg_column_index(k, a->change[i].field);
		const char *o = a->change[i].old_value, *n = a->change[i].new_value;
		char *so = mc_text_escape(o ? o : _("(empty)"));
		char *sn = mc_text_escape(n ? n : _("(empty)"));
		fprintf(fp, "%*s%s: %s → %s\n", indent, "",
			c >= 0 ? mc_reg_column_label(k, (size_t)c) : a->change[i].field,
			so ? so : "", sn ? sn : "");
		free(so);
		free(sn);
	}
}

/* "2026-04-29 09:00  lan  typed wrong at import", then the values. */
static void text_amendment(FILE *fp, mc_reg_kind k, const mc_reg_amendment *a, int offset)
{
	char at[32];
	char *why = mc_text_escape(a->reason ? a->reason : "");
	mc_format_time_human(a->at, offset, at, sizeof at);
	fprintf(fp, "  %s  %s  %s\n", at, a->clerk ? a->clerk : "", why ? why : "");
	free(why);
	text_changes(fp, k, a, 4);
}

/* ---- register show ---- */

struct shown {
	struct mc_ctx *ctx;
	const mc_entry *e;
	mc_printer *p;
	FILE *fp;
	int n;
	mc_status st;
};

static int text_one_amendment(const mc_entry *e, const mc_reg_amendment *a, void *ud)
{
	struct shown *s = ud;
	if (!s->n++)
		fprintf(s->fp, "%s\n", _("Amendments:"));
	text_amendment(s->fp, e->kind, a, mc_db_offset(s->ctx->db));
	return 0;
}

/* The entry, then its amendments, oldest first. */
static void text_shown(FILE *fp, const void *ud)
{
	struct shown *s = (struct shown *)ud;
	text_entry(fp, s->e);
	s->fp = fp;
	s->st = mc_reg_amendments(s->ctx->db, s->e, text_one_amendment, s);
}

static int record_one_amendment(const mc_entry *e, const mc_reg_amendment *a, void *ud)
{
	struct shown *s = ud;
	(void)e;
	amendment_record(s->p, a);
	return 0;
}

static int cmd_show(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_entry e = MC_ENTRY_INIT;
	mc_reg_kind k;
	int rc;
	if ((rc = parse_kind(ctx, a->pos[0], &k)) != 0)
		return rc;
	mc_status st = mc_reg_get(ctx->db, k, a->pos[1], a->pos[2], &e);
	if ((rc = report(ctx, st, NULL)) == 0) {
		struct shown s = { ctx, &e, cmd_printer(ctx, stdout), NULL, 0, MC_OK };
		entry_columns(s.p, k);
		pr_view(s.p, text_shown, &s);
		/* The entry's values, then (JSON) its amendments: the key
		 * "amendments" is no column, so CSV rows stay the import's. */
		entry_record_open(s.p, &e);
		pr_only(s.p, PR_FOR(FMT_JSON) | PR_FOR(FMT_JSONL));
		pr_key(s.p, "amendments");
		pr_begin_list(s.p);
		if (s.st == MC_OK && pr_format(s.p) != FMT_TEXT)
			s.st = mc_reg_amendments(ctx->db, &e, record_one_amendment, &s);
		pr_end(s.p);
		pr_only(s.p, PR_ALL);
		pr_end(s.p);
		rc = s.st != MC_OK ? report(ctx, s.st, NULL) : pr_close(s.p, NULL);
	}
	mc_entry_release(&e);
	return rc;
}

/* ---- register amend ---- */

/* The options of amend: a field's, as register add's, but book and
 * number, which name the entry and are refused (their help says so). */
#define AMEND_OPTION(column, option, help, key) \
	{ option, 0, OPT_VALUE, "VALUE", \
	  key ? N_("cannot be amended: the book and number name the entry") : help },
static const struct mc_opt amend_opts[] = {
	REGISTER_FIELDS(AMEND_OPTION)
	{ "reason", 0, OPT_VALUE, "TEXT", N_("why the entry is amended (required)") },
	{ NULL, 0, 0, NULL, NULL }
};
#define AMEND_KEY(column, option, help, key) key,
static const int amend_key[] = { REGISTER_FIELDS(AMEND_KEY) };

/* What an amendment did, copied out of its transaction, printed once it
 * is committed. */
struct amended {
	mc_entry e;
	mc_reg_amendment a;
	char *own[3 * MC_REG_MAX_COLUMNS + 2];
	size_t n_own;
	int oom;
};

static const char *amended_keep(struct amended *d, const char *s)
{
	char *c;
	if (!s)
		return NULL;
	if (!(c = strdup(s))) {
		d->oom = 1;
		return NULL;
	}
	d->own[d->n_own++] = c;
	return c;
}

static int on_amended(const mc_entry *e, const mc_reg_amendment *a, void *ud)
{
	struct amended *d = ud;
	size_t n;
	mc_reg_columns(e->kind, &n, NULL);
	d->e.kind = e->kind;
	d->e.id = e->id;
	for (size_t i = 0; i < n; i++)
		if (e->v[i] && !(d->e.v[i] = strdup(e->v[i])))
			d->oom = 1;
	d->a = *a;
	d->a.clerk = amended_keep(d, a->clerk);
	d->a.reason = amended_keep(d, a->reason);
	for (size_t i = 0; i < a->n; i++) {
		d->a.change[i].field = amended_keep(d, a->change[i].field);
		d->a.change[i].old_value = amended_keep(d, a->change[i].old_value);
		d->a.change[i].new_value = amended_keep(d, a->change[i].new_value);
	}
	return 0;
}

static void amended_release(struct amended *d)
{
	mc_entry_release(&d->e);
	for (size_t i = 0; i < d->n_own; i++)
		free(d->own[i]);
}

/* In text: what was changed, or that nothing was. */
static void text_amended(FILE *fp, const void *ud)
{
	const struct amended *d = ud;
	if (!d->a.n) {
		/* TRANSLATORS: the register's kind ("birth"), the entry's
		   number, then its book. */
		fprintf(fp, _("%s entry %s of book %s already has these values: nothing amended\n"),
			mc_reg_kind_label(d->e.kind), d->e.v[1], d->e.v[0]);
		return;
	}
	/* TRANSLATORS: the register's kind ("birth"), the entry's number,
	   then its book. */
	fprintf(fp, _("amended %s entry %s of book %s\n"), mc_reg_kind_label(d->e.kind),
		d->e.v[1], d->e.v[0]);
	text_changes(fp, d->e.kind, &d->a, 2);
}

static int cmd_amend(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *vals[MC_REG_MAX_COLUMNS] = { NULL };
	const char *reason = args_get(a, "reason");
	struct amended d;
	mc_reg_kind k;
	int rc, given = 0;

	if ((rc = parse_kind(ctx, a->pos[0], &k)) != 0)
		return rc;
	for (size_t f = 0; amend_opts[f].name && f < sizeof amend_key / sizeof amend_key[0]; f++) {
		const char *v = args_get(a, amend_opts[f].name);
		int c;
		if (!v)
			continue;
		if (amend_key[f])
			return usage_error(ctx, _("--%s: the book and number name the entry and "
						  "cannot be amended"), amend_opts[f].name);
		if ((c = mc_reg_column_index(k, add_columns[f])) < 0)
			/* TRANSLATORS: an option, then the register's kind ("birth"). */
			return usage_error(ctx, _("--%s is not a field of the %s register"),
					   amend_opts[f].name, mc_reg_kind_label(k));
		vals[c] = v;
		given++;
	}
	if (!given)
		return usage_error(ctx, _("nothing to amend: give the values to change (--FIELD VALUE)"));
	if (!reason)
		return usage_error(ctx, _("--reason is required: say why the entry is amended"));
	memset(&d, 0, sizeof d);
	mc_status st = mc_reg_amend(ctx->db, k, a->pos[1], a->pos[2], vals, reason, on_amended, &d);
	if (st == MC_OK && d.oom)
		st = MC_NOMEM;
	if ((rc = report(ctx, st, NULL)) == 0) {
		static const struct pr_col cols[] = {
			{ "amendment", NULL, 0, PR_QUIET | PR_NOTEXT, NULL, 0 },
			{ NULL, NULL, 0, 0, NULL, 0 }
		};
		mc_printer *p = cmd_printer(ctx, stdout);
		pr_columns(p, cols, 0);
		pr_view(p, text_amended, &d);
		pr_begin_map(p);
		pr_kstr(p, "kind", mc_reg_kind_name(k));
		pr_kstr(p, "book", d.e.v[0]);
		pr_key(p, "number");
		pr_number(p, d.e.v[1]);
		pr_only(p, PR_FOR(FMT_QUIET));
		if (d.a.n)
			pr_kint(p, "amendment", d.a.id);
		pr_only(p, PR_FOR(FMT_JSON) | PR_FOR(FMT_JSONL));
		pr_key(p, "amendment");
		if (d.a.n)
			amendment_record(p, &d.a);
		else
			pr_null(p);
		pr_only(p, PR_ALL);
		pr_end(p);
		rc = pr_close(p, NULL);
	}
	amended_release(&d);
	return rc;
}

/* ---- register search ---- */

/* The text table's KIND column: its title or the widest kind, and a blank. */
static int kind_width(void)
{
	size_t w = mc_utf8_width(_("KIND"));
	for (int k = 0; k < MC_REG_KINDS; k++) {
		size_t kw = mc_utf8_width(mc_reg_kind_label((mc_reg_kind)k));
		w = kw > w ? kw : w;
	}
	return (int)w + 1;
}

void hit_columns(mc_printer *p)
{
	static struct pr_col cols[] = {
		{ "kind_label", N_("KIND"), 0, PR_TEXT, "", 0 },
		{ "kind", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "book", N_("BOOK"), 10, 0, "", 0 },
		{ "number", N_("NO."), 6, PR_RIGHT, "", 0 },
		{ "registered_on", NULL, 0, PR_NOTEXT, NULL, 0 },
		/* TRANSLATORS: the heading of the column of the people's
		   names in the list of register entries found. */
		{ "name", NC_("person", "NAME"), 28, 0, "  ", 0 },
		{ "date_of_birth", N_("BORN"), 11, 0, "", 0 },
		{ "father_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "mother_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "spouse_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "died_on", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "related", N_("PARENTS, SPOUSE OR DEATH"), 0, PR_TEXT | PR_LAST, " ", 0 },
		{ "ref", NULL, 0, PR_QUIET | PR_NOTEXT | PR_NOCSV, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	cols[0].width = kind_width();
	pr_columns(p, cols, 1);
}

void hit_record(mc_printer *p, const mc_entry *e)
{
	const char *father = NULL, *mother = NULL, *spouse = NULL, *died = NULL, *born;
	char ref[96], reg_day[24], born_day[24], died_day[24];
	mc_strbuf related = MC_STRBUF_INIT;

	/* What a hit shows: the name, the date of birth, the parents or the
	 * spouse (or the date of death). */
	switch (e->kind) {
	case MC_REG_BIRTH:
		born = mc_entry_get(e, "date_of_birth");
		father = mc_entry_get(e, "father_name");
		mother = mc_entry_get(e, "mother_name");
		break;
	case MC_REG_MARRIAGE:
		born = mc_entry_get(e, "husband_date_of_birth");
		spouse = mc_entry_get(e, "wife_name");
		break;
	default:
		born = mc_entry_get(e, "date_of_birth");
		died = mc_entry_get(e, "died_on");
		break;
	}
	pr_begin_map(p);
	pr_kstr(p, "kind", mc_reg_kind_name(e->kind));
	pr_kstr(p, "book", e->v[0]);
	pr_key(p, "number");
	pr_number(p, e->v[1]);
	pr_klabel(p, "registered_on", e->v[2], human_date(e->v[2], reg_day, sizeof reg_day));
	pr_kstr(p, "name", e->v[3]);
	pr_klabel(p, "date_of_birth", born, human_date(born, born_day, sizeof born_day));
	pr_kstr(p, "father_name", father);
	pr_kstr(p, "mother_name", mother);
	pr_kstr(p, "spouse_name", spouse);
	pr_kstr(p, "died_on", died);
	pr_only(p, PR_FOR(FMT_TEXT));
	pr_kstr(p, "kind_label", mc_reg_kind_label(e->kind));
	if (died)
		mc_strbuf_addf(&related, _("died %s"), human_date(died, died_day, sizeof died_day));
	else if (spouse)
		mc_strbuf_addf(&related, "%s", spouse);
	else if (father || mother)
		mc_strbuf_addf(&related, "%s%s%s", father ? father : "",
			       father && mother ? ", " : "", mother ? mother : "");
	if (related.s)
		pr_kstr(p, "related", related.s);
	pr_only(p, PR_FOR(FMT_QUIET));
	snprintf(ref, sizeof ref, "%s %s %s", mc_reg_kind_name(e->kind), e->v[0], e->v[1]);
	pr_kstr(p, "ref", ref);
	pr_only(p, PR_ALL);
	pr_end(p);
	mc_strbuf_release(&related);
}

struct hits {
	mc_printer *p;
	int n;
};

static int on_hit(const mc_entry *e, double rank, void *ud)
{
	struct hits *h = ud;
	(void)rank;
	hit_record(h->p, e);
	h->n++;
	return 0;
}

static int cmd_search(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_reg_query q = MC_REG_QUERY_INIT;
	const char *kinds[MC_REG_KINDS + 1] = { NULL };
	struct hits h = { NULL, 0 };
	long year, limit;
	int k;

	for (int i = 0; i < MC_REG_KINDS; i++)
		kinds[i] = mc_reg_kind_name((mc_reg_kind)i);
	if (args_enum(a, "kind", kinds, -1, &k) != 0 ||
	    args_long(a, "year", 1800, 9999, 0, &year) != 0 ||
	    args_long(a, "limit", 1, 1000, 20, &limit) != 0)
		return mc_exit_code(MC_USAGE);
	if (k >= 0)
		q.kinds = 1u << k;
	q.year = (int)year;
	q.limit = (int)limit;
	h.p = cmd_printer(ctx, stdout);
	hit_columns(h.p);
	pr_begin_list(h.p);
	mc_status st = mc_reg_search(ctx->db, a->pos[0], &q, on_hit, &h);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	pr_end(h.p);
	int rc = pr_close(h.p, NULL);
	/* Like grep: nothing found is exit 1. */
	return rc ? rc : h.n ? 0 : mc_exit_code(MC_NOT_FOUND);
}

/* ---- register export ---- */

struct export_job {
	mc_reg_kind k;
	int64_t from_day, to_day;
	const char *out;
};

/* The file, then its record in data_exports (run_export). */
static int export_entries(struct mc_ctx *ctx, void *ud, int64_t *rows)
{
	struct export_job *j = ud;
	FILE *fp;
	int rc;
	if ((rc = create_output(j->out, &fp)) != 0)
		return rc;
	/* A write error (a full disk) is told by close_output, with the
	 * system's reason. */
	mc_status st = mc_reg_export(ctx->db, j->k, j->from_day, j->to_day, fp,
				     csv_style_of(fp), rows);
	if (st != MC_OK && st != MC_IO) {
		abandon_output(fp);
		return report(ctx, st, NULL);
	}
	return close_output(fp, j->out);
}

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct export_job j = { 0, INT64_MIN, INT64_MAX, args_get(a, "output") };
	int from, to, rc;

	if ((rc = parse_kind(ctx, a->pos[0], &j.k)) != 0)
		return rc;
	if (args_date(a, "from", &j.from_day, &from) != 0 || args_date(a, "to", &j.to_day, &to) != 0)
		return mc_exit_code(MC_USAGE);
	return run_export(ctx, a, j.out, export_entries, &j);
}

static const struct mc_opt import_opts[] = {
	{ "dry-run", 0, OPT_FLAG, NULL, N_("check every row and count, but keep nothing") },
	{ "reject-file", 0, OPT_VALUE, "BAD.csv",
	  N_("import the good rows; write the bad ones there with an error column") },
	{ "amend", 0, OPT_FLAG, NULL,
	  N_("a mended file: amend the entries whose rows differ, add none") },
	{ "reason", 0, OPT_VALUE, "TEXT", N_("why the entries are amended (with --amend)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt search_opts[] = {
	{ "kind", 0, OPT_VALUE, "K", N_("only this register: birth, marriage or death") },
	{ "year", 0, OPT_VALUE, "YYYY", N_("only entries registered in this year") },
	{ "limit", 0, OPT_VALUE, "N", N_("at most N entries (default 20)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt export_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("registered on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("registered on or before DATE") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write to FILE instead of standard output") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_register_subs[] = {
	{ "import", cmd_import, NEED_WRITE, import_opts, 2, 2,
	  "birth|marriage|death FILE.csv|- [--dry-run] [--reject-file BAD.csv]"
	  " [--amend --reason TEXT]",
	  N_("import register entries from CSV"), 0 },
	{ "add", cmd_add, NEED_WRITE, add_opts, 1, 1, "birth|marriage|death --FIELD VALUE...",
	  N_("add one register entry"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "amend", cmd_amend, NEED_WRITE, amend_opts, 3, 3,
	  "birth|marriage|death BOOK NUMBER --FIELD VALUE... --reason TEXT",
	  N_("correct an entry typed wrong, with a reason"), 1u << FMT_JSON },
	{ "show", cmd_show, NEED_READ, NULL, 3, 3, "birth|marriage|death BOOK NUMBER",
	  N_("show a register entry and its amendments"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "search", cmd_search, NEED_READ, search_opts, 1, 1,
	  "QUERY [--kind K] [--year YYYY] [--limit N]",
	  N_("find register entries by name, typed with or without marks"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "export", cmd_export, NEED_WRITE, export_opts, 1, 1,
	  "birth|marriage|death [--from DATE] [--to DATE] [-o FILE]",
	  N_("write a register as CSV in the import format"), 0 },
	{ 0 }
};
