/* motcua — procedure list|add|import: the catalogue. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* documents are stored one per line; files and tables show them ';'-joined */
static char *joined_documents(const char *docs)
{
	char *s = strdup(docs);
	for (char *p = s; p && *p; p++)
		if (*p == '\n')
			*p = ';';
	return s;
}

struct list_state {
	struct mc_ctx *ctx;
	int n;
};

static int list_one(const mc_procedure *p, void *ud)
{
	struct list_state *ls = ud;
	struct mc_ctx *ctx = ls->ctx;
	char *docs = joined_documents(p->documents), days[16], fee[24];
	if (!docs)
		return MC_NOMEM;
	snprintf(days, sizeof days, "%d", p->days);
	snprintf(fee, sizeof fee, "%lld", (long long)p->fee);
	if (ctx->quiet) {
		printf("%s\n", p->code);
	} else if (ctx->format == FMT_CSV) {
		const char *row[] = { p->code, p->name, days, fee, docs, p->kind ? p->kind : "" };
		mc_csv_write_row(stdout, row, 6);
	} else if (ctx->format == FMT_JSON) {
		printf("%s{\"code\":", ls->n ? "," : "");
		json_str(stdout, p->code);
		printf(",\"name\":");
		json_str(stdout, p->name);
		printf(",\"days\":%d,\"fee\":%lld,\"kind\":", p->days, (long long)p->fee);
		json_str(stdout, p->kind);
		printf(",\"documents\":[");
		int first = 1;
		for (char *d = docs, *e; *d; d = e ? e + 1 : d + strlen(d)) {
			e = strchr(d, ';');
			if (e)
				*e = '\0';
			printf("%s", first ? "" : ",");
			json_str(stdout, d);
			first = 0;
			if (!e)
				break;
		}
		printf("]}");
	} else {
		printf("%-10s %4s %8s  %s\n", p->code, days, fee, p->name);
	}
	free(docs);
	ls->n++;
	return 0;
}

/* The column titles, padded by display width (translations have marks). */
static void print_header(void)
{
	/* TRANSLATORS: the heading of the column of the procedures' names. */
	const char *name = C_("procedure", "NAME");
	put_padded(stdout, _("CODE"), 10);
	printf(" %*s", 4 - (int)mc_utf8_width(_("DAYS")), "");
	printf("%s %*s%s  %s\n", _("DAYS"), 8 - (int)mc_utf8_width(_("FEE")), "", _("FEE"),
	       name);
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct list_state ls = { ctx, 0 };
	(void)a;
	if (!ctx->quiet && ctx->format == FMT_CSV)
		printf("code,name,days,fee,documents,kind\n");
	else if (!ctx->quiet && ctx->format == FMT_JSON)
		printf("[");
	else if (!ctx->quiet)
		print_header(); 
	mc_status st = mc_procedure_each(ctx->db, list_one, &ls);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (!ctx->quiet && ctx->format == FMT_JSON)
		printf("]\n");
	return 0;
}

static int cmd_add(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char **docs = NULL, *code = args_get(a, "code"), *name = args_get(a, "name"),
		   *days = args_get(a, "days");
	size_t n = args_all(a, "doc", &docs);
	mc_strbuf joined = MC_STRBUF_INIT;
	mc_procedure p = MC_PROCEDURE_INIT;
	const char *field;
	char why[300];
	int rc;

	if (!code || !name || !days) {
		free(docs);
		return usage_error(ctx, _("--code, --name and --days are required"));
	}
	for (size_t i = 0; i < n; i++) {
		if (strchr(docs[i], '\n')) {
			free(docs);
			return fail(65, _("doc: \"%s\" spans several lines"), docs[i]);
		}
		mc_strbuf_addf(&joined, "%s%s", i ? "\n" : "", docs[i]);
	}
	free(docs);
	mc_status st = mc_procedure_parse(code, name, days, args_get(a, "fee") ? args_get(a, "fee") : "",
					  args_get(a, "kind"), joined.s ? joined.s : "", '\n',
					  &p, &field, why, sizeof why);
	mc_strbuf_release(&joined);
	if (st != MC_OK)
		return st == MC_BAD_INPUT ? fail(65, "%s: %s", field, why) : report(ctx, st, NULL);
	if ((st = mc_db_begin(ctx->db)) == MC_OK &&
	    (st = mc_procedure_put(ctx->db, &p, args_has(a, "replace"), NULL)) == MC_OK)
		st = mc_db_commit(ctx->db);
	if (st == MC_EXISTS)
		rc = fail(65, _("%s (use --replace to change it)"), mc_errmsg(ctx->db));
	else
		rc = report(ctx, st, NULL);
	mc_procedure_release(&p);
	return rc;
}

struct import_counts {
	long added, updated, unchanged;
};

static mc_status import_procedures(mc_db *db, FILE *fp, const char *name,
				   char **report, void *ud)
{
	struct import_counts *c = ud;
	return mc_procedure_import(db, fp, name, &c->added, &c->updated, &c->unchanged, report);
}

static int cmd_import(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct import_counts c = { 0, 0, 0 };
	int rc = run_import(ctx, a->pos[0], import_procedures, &c);
	if (rc == 0 && !ctx->quiet)
		printf(_("%ld added, %ld updated, %ld unchanged\n"), c.added, c.updated, c.unchanged);
	return rc;
}

static const struct mc_opt add_opts[] = {
	{ "code", 0, OPT_VALUE, "CODE", N_("the catalogue code, e.g. 2.000635") },
	{ "name", 0, OPT_VALUE, "NAME", N_("the procedure's name") },
	{ "days", 0, OPT_VALUE, "N", N_("legal processing time in working days (0: same day)") },
	{ "fee", 0, OPT_VALUE, "VND", N_("the fee") },
	{ "doc", 0, OPT_MULTI, "TEXT", N_("a paper to submit (repeat for each)") },
	{ "kind", 0, OPT_VALUE, "KIND", N_("birth, marriage or death: an extract procedure") },
	{ "replace", 0, OPT_FLAG, NULL, N_("replace a procedure of the same code") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_procedure_subs[] = {
	{ "list", cmd_list, NEED_READ, NULL, 0, 0, "",
	  N_("list the procedures of the catalogue"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "add", cmd_add, NEED_WRITE, add_opts, 0, 0,
	  "--code CODE --name NAME --days N [--fee VND] [--doc TEXT]... [--kind KIND] [--replace]",
	  N_("add a procedure to the catalogue"), 0 },
	{ "import", cmd_import, NEED_WRITE, NULL, 1, 1, "FILE.csv|-",
	  N_("add or update procedures from CSV (code,name,days,fee,documents,kind)"), 0 },
	{ 0 }
};
