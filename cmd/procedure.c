/* motcua — procedure list|add|import: the catalogue. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* One procedure of the catalogue. */
static int list_one(const mc_procedure *p, void *ud)
{
	mc_printer *pr = ud;
	pr_begin_map(pr);
	pr_kstr(pr, "code", p->code);
	pr_kstr(pr, "name", p->name);
	pr_kint(pr, "days", p->days);
	pr_key(pr, "fee");
	pr_amount(pr, p->fee);
	pr_kstr(pr, "kind", p->kind);
	pr_kstr(pr, "field_code", p->field_code);
	pr_kstr(pr, "field_name", p->field_name);
	pr_key(pr, "documents");
	pr_begin_list(pr);
	for (const char *d = p->documents; *d;) {
		size_t n = strcspn(d, "\n");
		char *one = strndup(d, n);
		if (!one)
			return MC_NOMEM;
		pr_str(pr, one);
		free(one);
		d += n + (d[n] == '\n');
	}
	pr_end(pr);
	pr_end(pr);
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* TRANSLATORS: the heading of the column of the procedures' names. */
	static const struct pr_col cols[] = {
		{ "code", N_("CODE"), 10, PR_QUIET, NULL, 1 },
		{ "name", NC_("procedure", "NAME"), 0, PR_LAST, "  ", 4 },
		{ "days", N_("DAYS"), 4, PR_RIGHT, NULL, 2 },
		{ "fee", N_("FEE"), 8, PR_RIGHT, NULL, 3 },
		{ "documents", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "kind", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "field_code", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "field_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_printer *pr = cmd_printer(ctx, stdout);
	(void)a;
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	mc_status st = mc_procedure_each(ctx->db, list_one, pr);
	pr_end(pr);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	return pr_close(pr, NULL);
}

static const char *const kinds[] = { "extract", "birth", "marriage", "death", NULL };

/* The repeated --doc joined one a line, as mc_procedure_parse reads them. */
static int join_docs(const struct mc_args *a, mc_strbuf *joined)
{
	const char **docs = NULL;
	size_t n = args_all(a, "doc", &docs);
	for (size_t i = 0; i < n; i++) {
		if (strchr(docs[i], '\n')) {
			int rc = fail(MC_BAD_INPUT, _("doc: \"%s\" spans several lines"), docs[i]);
			free(docs);
			return rc;
		}
		mc_strbuf_addf(joined, "%s%s", i ? "\n" : "", docs[i]);
	}
	free(docs);
	return 0;
}

/* The option that typed a column: the papers are typed as --doc (English
 * keeps the column's name), the field as --field-code and --field-name. */
static const char *option_of(const char *column)
{
	if (!strcmp(column, "documents"))
		return mc_lang_vi() ? "doc" : column;
	if (!strcmp(column, "field_code"))
		return "field-code";
	if (!strcmp(column, "field_name"))
		return "field-name";
	return column;
}

static int cmd_add(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *code = args_get(a, "code"), *name = args_get(a, "name"),
		   *days = args_get(a, "days"), *fee = args_get(a, "fee");
	mc_strbuf joined = MC_STRBUF_INIT;
	mc_procedure p = MC_PROCEDURE_INIT;
	const char *field;
	char why[300];
	long n;
	int kind, rc;

	if (!code || !name || !days)
		return usage_error(ctx, _("--code, --name and --days are required"));
	if ((rc = args_long(a, "days", 0, MC_PROCEDURE_MAX_DAYS, 0, &n)) != 0 ||
	    (rc = args_long(a, "fee", 0, MC_PROCEDURE_MAX_FEE, 0, &n)) != 0 ||
	    (rc = args_enum(a, "kind", kinds, -1, &kind)) != 0 ||
	    (rc = join_docs(a, &joined)) != 0) {
		mc_strbuf_release(&joined);
		return rc;
	}
	mc_procedure_text t = { code, name, days, fee, kind < 0 ? NULL : kinds[kind], joined.s,
				args_get(a, "field-code"), args_get(a, "field-name") };
	mc_status st = mc_procedure_parse(&t, '\n', &p, &field, why, sizeof why);
	mc_strbuf_release(&joined);
	if (st != MC_OK)
		/* The papers' column is typed as --doc; English keeps its name. */
		return st == MC_BAD_INPUT
			? fail(st, "%s: %s",
			       mc_field_option(option_of(field), (char[32]){ 0 }, 32), why)
			: report(ctx, st, NULL);
	st = mc_procedure_put(ctx->db, &p, args_has(a, "replace"), NULL);
	if (st == MC_EXISTS)
		rc = fail(MC_BAD_INPUT, _("%s (use --replace to change it)"), mc_errmsg(ctx->db));
	else
		rc = report(ctx, st, NULL);
	mc_procedure_release(&p);
	return rc;
}

struct import_counts {
	long added, updated, unchanged, joined;
};

static mc_status import_procedures(mc_db *db, FILE *fp, const char *name,
				   char **report, void *ud)
{
	struct import_counts *c = ud;
	return mc_procedure_import(db, fp, name, &c->added, &c->updated, &c->unchanged,
				   &c->joined, report);
}

/* The import and its count, one act (cmd_atomic). */
static int import_and_tell(struct mc_ctx *ctx, void *ud)
{
	const struct mc_args *a = ud;
	struct import_counts c = { 0, 0, 0, 0 };
	mc_printer *pr;
	int rc = run_import(ctx, a->pos[0], import_procedures, &c);
	if (rc != 0)
		return rc;
	pr = cmd_printer(ctx, stdout);
	pr_text(pr, _("%ld added, %ld updated, %ld unchanged"), c.added, c.updated, c.unchanged);
	import_joined(pr, c.joined);
	pr_text(pr, "\n");
	return pr_close(pr, NULL);
}

static int cmd_import(struct mc_ctx *ctx, const struct mc_args *a)
{
	return cmd_atomic(ctx, import_and_tell, (void *)a);
}

static const struct mc_opt add_opts[] = {
	{ "code", 0, OPT_VALUE, "CODE", N_("the catalogue code, e.g. 2.000635") },
	{ "name", 0, OPT_VALUE, "NAME", N_("the procedure's name") },
	{ "days", 0, OPT_VALUE, "N", N_("legal processing time in working days (0: same day)") },
	{ "fee", 0, OPT_VALUE, "VND", N_("the fee") },
	{ "doc", 0, OPT_MULTI, "TEXT", N_("a paper to submit (repeat for each)") },
	{ "kind", 0, OPT_VALUE, "KIND", N_("extract (of any register), or birth, marriage or death: an extract procedure") },
	{ "field-code", 0, OPT_VALUE, "CODE", N_("the code of its field (lĩnh vực) in the national catalogue") },
	{ "field-name", 0, OPT_VALUE, "NAME", N_("the name of its field, e.g. Hộ tịch") },
	{ "replace", 0, OPT_FLAG, NULL, N_("replace a procedure of the same code") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_procedure_subs[] = {
	{ "list", cmd_list, NEED_READ, NULL, 0, 0, "",
	  N_("list the procedures of the catalogue"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "add", cmd_add, NEED_WRITE, add_opts, 0, 0,
	  "--code CODE --name NAME --days N [--fee VND] [--doc TEXT]... [--kind KIND]"
	  " [--field-code CODE] [--field-name NAME] [--replace]",
	  N_("add a procedure to the catalogue"), 0 },
	{ "import", cmd_import, NEED_WRITE, NULL, 1, 1, "FILE.csv|-",
	  N_("add or update procedures from CSV (code,name,days,fee,documents,kind,field_code,field_name)"), 0 },
	{ 0 }
};
