/* motcua — register import|add|show|search|export: the civil status registers. */
#include <errno.h>
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

/* ---- one entry, as JSON, CSV or text ---- */

void json_entry(FILE *fp, const mc_entry *e)
{
	size_t n;
	const char *const *cols = mc_reg_columns(e->kind, &n, NULL);
	fprintf(fp, "{\"kind\":\"%s\"", mc_reg_kind_name(e->kind));
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, ",\"%s\":", cols[i]);
		if (e->v[i] && mc_reg_column_is_number(e->kind, i))
			fputs(e->v[i], fp);
		else
			json_str(fp, e->v[i]);
	}
	putc('}', fp);
}

/* A title, then a line per value given: its label, in the user's
 * language, and the value, lined up by display width (labels with marks). */
static void text_entry(FILE *fp, const mc_entry *e)
{
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
		for (const char *p = e->v[i]; *p; p++) {
			putc(*p, fp);
			if (*p == '\n')
				fprintf(fp, "%*s", (int)w + 4, "");
		}
		putc('\n', fp);
	}
}

static int print_entry(struct mc_ctx *ctx, const mc_entry *e)
{
	size_t n;
	const char *const *cols = mc_reg_columns(e->kind, &n, NULL);
	if (ctx->quiet)
		return 0;
	if (ctx->format == FMT_JSON) {
		json_entry(stdout, e);
		putchar('\n');
	} else if (ctx->format == FMT_CSV) {
		const char *vals[MC_REG_MAX_COLUMNS];
		for (size_t i = 0; i < n; i++)
			vals[i] = e->v[i] ? e->v[i] : "";
		mc_csv_write_row(stdout, cols, n);
		mc_csv_write_row(stdout, vals, n);
	} else {
		text_entry(stdout, e);
	}
	return 0;
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

static int cmd_import(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_reg_import im = MC_REG_IMPORT_INIT;
	const char *path = a->pos[1], *reject = args_get(a, "reject-file");
	int std = strcmp(path, "-") == 0, rc;
	mc_reg_kind k;
	FILE *fp, *rj = NULL;

	if ((rc = parse_kind(ctx, a->pos[0], &k)) != 0)
		return rc;
	if (!(fp = std ? stdin : fopen(path, "r")))
		return fail(MC_NO_INPUT, "%s: %s", path, strerror(errno));
	if (reject && !(rj = open_output(reject))) {
		if (!std)
			fclose(fp);
		return 73;
	}
	im.dry_run = args_has(a, "dry-run");
	im.report = stderr;
	im.reject = rj;
	if (isatty(STDERR_FILENO))
		im.progress = show_progress;
	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = mc_reg_import_csv(ctx->db, k, fp, std ? "-" : path, &im);
	if (im.progress)
		fputs("\r\033[K", stderr);
	if (!std)
		fclose(fp);
	if (rj && (rc = close_output(rj, reject)) != 0) {
		mc_db_rollback(ctx->db);
		return rc;
	}
	if (st == MC_OK && im.dry_run)
		mc_db_rollback(ctx->db);
	else if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	if ((rc = report(ctx, st, NULL)) != 0)
		return rc;
	if (!ctx->quiet) {
		printf(_("%ld imported, %ld skipped, %ld rejected"), im.imported, im.skipped,
		       im.rejected);
		fputs(im.dry_run ? _(" (dry run: nothing was changed)\n") : "\n", stdout);
	}
	return 0;
}

/* ---- register add ---- */

/* One option per column of any register, --full-name for full_name, with
 * the help of that column in the library's table (register-fields.h, which
 * the build writes from it). */
#define FIELD_OPTION(column, option, help) { option, 0, OPT_VALUE, "VALUE", help },
static const struct mc_opt add_opts[] = {
	REGISTER_FIELDS(FIELD_OPTION)
	{ NULL, 0, 0, NULL, NULL }
};
/* The column of each option, in the same order. */
#define FIELD_COLUMN(column, option, help) column,
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
	if (st == MC_OK && (st = mc_db_begin(ctx->db)) == MC_OK &&
	    (st = mc_reg_add(ctx->db, &e, &added)) == MC_OK)
		st = mc_db_commit(ctx->db);
	if ((rc = report(ctx, st, NULL)) == 0) {
		if (ctx->format == FMT_TEXT && !ctx->quiet)
			/* TRANSLATORS: the register's kind ("birth"), the
			   entry's number, then its book (both messages). */
			printf(added ? _("added %s entry %s of book %s\n")
			       : _("%s entry %s of book %s is already in the register\n"),
			       mc_reg_kind_label(k), e.v[1], e.v[0]);
		else
			print_entry(ctx, &e);
	}
	mc_entry_release(&e);
	return rc;
}

/* ---- register show ---- */

static int cmd_show(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_entry e = MC_ENTRY_INIT;
	mc_reg_kind k;
	int rc;
	if ((rc = parse_kind(ctx, a->pos[0], &k)) != 0)
		return rc;
	mc_status st = mc_reg_get(ctx->db, k, a->pos[1], a->pos[2], &e);
	if ((rc = report(ctx, st, NULL)) == 0)
		rc = print_entry(ctx, &e);
	mc_entry_release(&e);
	return rc;
}

/* ---- register search ---- */

/* What a hit shows: the name, the date of birth, the parents or the
 * spouse (or the date of death). */
static void hit_fields(const mc_entry *e, const char **name, const char **born,
		       const char **father, const char **mother, const char **spouse,
		       const char **died)
{
	*father = *mother = *spouse = *died = NULL;
	*name = e->v[3];
	switch (e->kind) {
	case MC_REG_BIRTH:
		*born = mc_entry_get(e, "date_of_birth");
		*father = mc_entry_get(e, "father_name");
		*mother = mc_entry_get(e, "mother_name");
		break;
	case MC_REG_MARRIAGE:
		*born = mc_entry_get(e, "husband_date_of_birth");
		*spouse = mc_entry_get(e, "wife_name");
		break;
	default:
		*born = mc_entry_get(e, "date_of_birth");
		*died = mc_entry_get(e, "died_on");
		break;
	}
}

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

void print_hits_header(struct mc_ctx *ctx)
{
	if (ctx->quiet)
		return;
	if (ctx->format == FMT_CSV) {
		printf("kind,book,number,registered_on,name,date_of_birth,father_name,"
		       "mother_name,spouse_name,died_on\n");
	} else if (ctx->format == FMT_TEXT) {
		put_padded(stdout, _("KIND"), kind_width());
		put_padded(stdout, _("BOOK"), 10);
		printf("%*s%s  ", 6 - (int)mc_utf8_width(_("NO.")), "", _("NO."));
		/* TRANSLATORS: the heading of the column of the people's names
		   in the list of register entries found. */
		put_padded(stdout, C_("person", "NAME"), 28);
		put_padded(stdout, _("BORN"), 11);
		printf(" %s\n", _("PARENTS, SPOUSE OR DEATH"));
	}
}

int print_hit(struct mc_ctx *ctx, const mc_entry *e, int n)
{
	const char *name, *born, *father, *mother, *spouse, *died;
	hit_fields(e, &name, &born, &father, &mother, &spouse, &died);
	if (ctx->quiet) {
		printf("%s %s %s\n", mc_reg_kind_name(e->kind), e->v[0], e->v[1]);
	} else if (ctx->format == FMT_JSON) {
		printf("%s{\"kind\":\"%s\",\"book\":", n ? "," : "", mc_reg_kind_name(e->kind));
		json_str(stdout, e->v[0]);
		printf(",\"number\":%s,\"registered_on\":", e->v[1]);
		json_str(stdout, e->v[2]);
		const char *keys[] = { "name", "date_of_birth", "father_name", "mother_name",
				       "spouse_name", "died_on" };
		const char *v[] = { name, born, father, mother, spouse, died };
		for (int i = 0; i < 6; i++) {
			printf(",\"%s\":", keys[i]);
			json_str(stdout, v[i]);
		}
		putchar('}');
	} else if (ctx->format == FMT_CSV) {
		const char *row[] = { mc_reg_kind_name(e->kind), e->v[0], e->v[1], e->v[2], name,
				      born ? born : "", father ? father : "", mother ? mother : "",
				      spouse ? spouse : "", died ? died : "" };
		mc_csv_write_row(stdout, row, 10);
	} else {
		put_padded(stdout, mc_reg_kind_label(e->kind), kind_width());
		put_padded(stdout, e->v[0], 10);
		printf("%6s  ", e->v[1]);
		put_padded(stdout, name, 28);
		put_padded(stdout, born ? born : "", 11);
		if (died)
			printf(_(" died %s"), died);
		else if (spouse)
			printf(" %s", spouse);
		else if (father || mother)
			printf(" %s%s%s", father ? father : "", father && mother ? ", " : "",
			       mother ? mother : "");
		putchar('\n');
	}
	return 0;
}

struct hits {
	struct mc_ctx *ctx;
	int n;
};

static int on_hit(const mc_entry *e, double rank, void *ud)
{
	struct hits *h = ud;
	(void)rank;
	print_hit(h->ctx, e, h->n++);
	return 0;
}

static int cmd_search(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_reg_query q = MC_REG_QUERY_INIT;
	struct hits h = { ctx, 0 };
	const char *kind = args_get(a, "kind");
	long year, limit;
	mc_reg_kind k;
	int rc;

	if (kind) {
		if ((rc = parse_kind(ctx, kind, &k)) != 0)
			return rc;
		q.kinds = 1u << k;
	}
	if (args_long(a, "year", 1800, 9999, 0, &year) != 0 ||
	    args_long(a, "limit", 1, 1000, 20, &limit) != 0)
		return 2;
	q.year = (int)year;
	q.limit = (int)limit;
	print_hits_header(ctx);
	if (ctx->format == FMT_JSON && !ctx->quiet)
		putchar('[');
	mc_status st = mc_reg_search(ctx->db, a->pos[0], &q, on_hit, &h);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (ctx->format == FMT_JSON && !ctx->quiet)
		printf("]\n");
	/* Like grep: nothing found is exit 1. */
	return h.n ? 0 : 1;
}

/* ---- register export ---- */

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *from = args_get(a, "from"), *to = args_get(a, "to"),
		   *out = args_get(a, "output");
	int64_t from_day = INT64_MIN, to_day = INT64_MAX;
	mc_reg_kind k;
	int rc;

	if ((rc = parse_kind(ctx, a->pos[0], &k)) != 0)
		return rc;
	if (from && mc_parse_date(from, &from_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("from: \"%s\" is not a valid date"), from);
	if (to && mc_parse_date(to, &to_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("to: \"%s\" is not a valid date"), to);
	FILE *fp = open_output(out);
	if (!fp)
		return 73;
	/* A write error (a full disk) is told by close_output, with the
	 * system's reason. */
	mc_status st = mc_reg_export(ctx->db, k, from_day, to_day, fp);
	if (st != MC_OK && st != MC_IO) {
		if (fp != stdout)
			fclose(fp);
		return report(ctx, st, NULL);
	}
	return close_output(fp, out);
}

static const struct mc_opt import_opts[] = {
	{ "dry-run", 0, OPT_FLAG, NULL, N_("check every row and count, but keep nothing") },
	{ "reject-file", 0, OPT_VALUE, "BAD.csv",
	  N_("import the good rows; write the bad ones there with an error column") },
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
	  "birth|marriage|death FILE.csv|- [--dry-run] [--reject-file BAD.csv]",
	  N_("import register entries from CSV"), 0 },
	{ "add", cmd_add, NEED_WRITE, add_opts, 1, 1, "birth|marriage|death --FIELD VALUE...",
	  N_("add one register entry"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "show", cmd_show, NEED_READ, NULL, 3, 3, "birth|marriage|death BOOK NUMBER",
	  N_("show a register entry"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "search", cmd_search, NEED_READ, search_opts, 1, 1,
	  "QUERY [--kind K] [--year YYYY] [--limit N]",
	  N_("find register entries by name, typed with or without marks"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "export", cmd_export, NEED_READ, export_opts, 1, 1,
	  "birth|marriage|death [--from DATE] [--to DATE] [-o FILE]",
	  N_("write a register as CSV in the import format"), 0 },
	{ 0 }
};
