/* motcua — extract birth|marriage|death: certified extract copies. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "register-cmd.h"

/* The entries that a --search or an --id-number found. */
#define MAX_FOUND 50

struct found {
	mc_entry e[MAX_FOUND];
	int n;
};

static int keep(const mc_entry *e, void *ud)
{
	struct found *f = ud;
	mc_entry *c = &f->e[f->n];
	c->kind = e->kind;
	c->id = e->id;
	for (size_t i = 0; i < MC_REG_MAX_COLUMNS; i++)
		c->v[i] = e->v[i] ? strdup(e->v[i]) : NULL;
	return ++f->n == MAX_FOUND;
}

static int keep_hit(const mc_entry *e, double rank, void *ud)
{
	(void)rank;
	return keep(e, ud);
}

static void found_release(struct found *f)
{
	for (int i = 0; i < f->n; i++)
		mc_entry_release(&f->e[i]);
}

/*
 * The one entry to extract: BOOK NUMBER, --id-number or --search. Several
 * matches are listed on standard output and nothing is issued (exit 1).
 */
static int find_entry(struct mc_ctx *ctx, const struct mc_args *a, mc_reg_kind k, int64_t *id)
{
	const char *idn = args_get(a, "id-number"), *q = args_get(a, "search");
	struct found f = { .n = 0 };
	mc_status st;
	int rc = 0;

	if ((a->npos == 2) + (idn != NULL) + (q != NULL) != 1 || a->npos == 1)
		return usage_error(ctx, _("give BOOK NUMBER, --id-number N or --search QUERY"));
	if (a->npos == 2) {
		mc_entry e = MC_ENTRY_INIT;
		st = mc_reg_get(ctx->db, k, a->pos[0], a->pos[1], &e);
		*id = e.id;
		mc_entry_release(&e);
		return report(ctx, st, NULL);
	}
	if (idn) {
		st = mc_reg_find_id_number(ctx->db, k, idn, keep, &f);
	} else {
		mc_reg_query rq = MC_REG_QUERY_INIT;
		rq.kinds = 1u << k;
		rq.limit = MAX_FOUND;
		st = mc_reg_search(ctx->db, q, &rq, keep_hit, &f);
	}
	if (st != MC_OK)
		rc = report(ctx, st, NULL);
	else if (f.n == 0)
		/* TRANSLATORS: the register's kind ("birth"), then what was looked for. */
		rc = fail(MC_NOT_FOUND, _("no %s entry matches \"%s\""), mc_reg_kind_label(k), idn ? idn : q);
	else if (f.n == 1)
		*id = f.e[0].id;
	if (rc == 0 && f.n > 1) {
		mc_printer *p = cmd_printer(ctx, stdout);
		hit_columns(p);
		pr_begin_list(p);
		for (int i = 0; i < f.n; i++)
			hit_record(p, &f.e[i]);
		pr_end(p);
		if ((rc = pr_close(p, NULL)) == 0)
			/* TRANSLATORS: a count, then the register's kind ("birth"). */
			rc = fail(MC_NOT_FOUND, P_("%d %s entry matches; nothing issued: give its BOOK NUMBER",
					"%d %s entries match; nothing issued: give the BOOK NUMBER of one",
					f.n), f.n, mc_reg_kind_label(k));
	}
	found_release(&f);
	return rc;
}

/* The document where --slip and -o say, through every document's path
 * (emit_document). Returns the exit code. */
static int write_document(struct mc_ctx *ctx, const mc_extract *x, const struct doc_out *o)
{
	mc_doc *doc = NULL;
	mc_status st = mc_extract_document(ctx->db, x, &doc);
	int rc = st == MC_OK ? emit_document(ctx, doc, o) : report(ctx, st, NULL);
	mc_doc_free(doc);
	return rc;
}

/* In text, without -o, the extract's view is the document itself (never
 * a PDF or PNG on a terminal). */
struct doc_view {
	struct mc_ctx *ctx;
	const mc_extract *x;
	const struct doc_out *o;
	int *rc;
};

static void doc_view(FILE *fp, const void *ud)
{
	const struct doc_view *v = ud;
	if (v->o->fmt != MC_DOC_TEXT && isatty(fileno(fp)))
		*v->rc = usage_error(v->ctx, "%s", _("will not write a PDF or PNG to a terminal; give -o FILE"));
	else
		*v->rc = write_document(v->ctx, v->x, v->o);
}

/*
 * What the command prints of the extract issued: -q its serial, JSON the
 * extract and its entry; text the document (o) or, when the document went
 * to a file, a line naming it (written_to). Returns the exit code.
 */
static int print_extract(struct mc_ctx *ctx, const mc_extract *x, const char *written_to,
			 const struct doc_out *o)
{
	static const struct pr_col cols[] = {
		{ "serial", NULL, 0, PR_QUIET | PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_printer *p = cmd_printer(ctx, stdout);
	char *name = mc_entry_title(&x->entry);
	int rc = 0;
	struct doc_view v = { ctx, x, o, &rc };

	pr_columns(p, cols, 0);
	if (written_to)
		pr_text(p, P_("%s: %d copy, fee %lld VND, written to %s\n",
			      "%s: %d copies, fee %lld VND, written to %s\n", x->copies),
			x->serial, x->copies, x->fee, written_to);
	else
		pr_view(p, doc_view, &v);
	pr_begin_map(p);
	pr_kstr(p, "serial", x->serial);
	pr_kstr(p, "kind", mc_reg_kind_name(x->kind));
	pr_kstr(p, "book", x->entry.v[0]);
	pr_key(p, "number");
	pr_number(p, x->entry.v[1]);
	pr_kstr(p, "name", name);
	pr_ktime(p, "issued_at", x->issued_at);
	pr_kstr(p, "clerk", x->clerk);
	pr_kstr(p, "requester", x->requester);
	pr_kint(p, "copies", x->copies);
	pr_kint(p, "fee", x->fee);
	pr_kstr(p, "dossier", x->dossier);
	pr_key(p, "entry");
	entry_record(p, &x->entry);
	pr_end(p);
	free(name);
	/* A document that failed was told already. */
	return rc ? rc : pr_close(p, NULL);
}

struct issue_job {
	struct mc_ctx *ctx;
	mc_extract_request rq;
	struct doc_out o;
	int to_file;
	mc_extract *x;
	int rc;                 /* a write's exit code, told */
};

/*
 * The issue and what must stand or fall with it: the document in its
 * file, or on standard output the document or what -q and --format json
 * print. A write that fails leaves no serial used.
 */
static mc_status issue_and_write(mc_db *db, void *ud)
{
	struct issue_job *j = ud;
	mc_status st = mc_extract_issue(db, &j->rq, &j->x);
	if (st != MC_OK)
		return st;
	j->rc = j->to_file ? write_document(j->ctx, j->x, &j->o)
			   : print_extract(j->ctx, j->x, NULL, &j->o);
	return j->rc ? MC_IO : MC_OK;
}

static int cmd_extract(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct issue_job j = { .ctx = ctx };
	long copies;
	int rc;

	if (mc_reg_kind_parse(ctx->sub->name, &j.rq.kind) != MC_OK)
		return mc_exit_code(MC_USAGE);
	if ((rc = parse_doc_out(ctx, a, 0, &j.o)) != 0)
		return rc;
	j.to_file = !is_stdout(j.o.out);
	if (args_long(a, "copies", 1, 99, 1, &copies) != 0)
		return mc_exit_code(MC_USAGE);
	if ((rc = find_entry(ctx, a, j.rq.kind, &j.rq.entry_id)) != 0)
		return rc;
	j.rq.copies = (int)copies;
	j.rq.requester = args_get(a, "requester");
	j.rq.dossier = args_get(a, "dossier");
	if (!j.rq.requester && !j.rq.dossier)
		return fail(MC_BAD_INPUT, "%s", _("requester: give --requester NAME or --dossier CODE"));
	mc_status st = mc_db_atomic(ctx->db, issue_and_write, &j);
	if (j.rc)
		rc = j.rc;
	else if (st != MC_OK)
		rc = report(ctx, st, NULL);
	else if (j.to_file)
		rc = print_extract(ctx, j.x, j.o.out, &j.o);
	mc_extract_free(j.x);
	return rc;
}

static const struct mc_opt extract_opts[] = {
	{ "id-number", 0, OPT_VALUE, "N", N_("the entry of the person with this citizen ID number") },
	{ "search", 0, OPT_VALUE, "QUERY", N_("the one entry whose names match QUERY") },
	{ "copies", 0, OPT_VALUE, "N", N_("number of copies, 1 to 99 (default 1)") },
	{ "requester", 0, OPT_VALUE, "NAME", N_("who asks for it (default: the dossier's applicant)") },
	{ "dossier", 0, OPT_VALUE, "CODE", N_("the dossier it answers, moved to done") },
	{ "slip", 0, OPT_VALUE, "FORM", N_("text, pdf or png (default text)") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the extract to FILE") },
	{ NULL, 0, 0, NULL, NULL }
};

#define EXTRACT_SYNOPSIS "(BOOK NUMBER | --id-number N | --search QUERY) [--copies N] " \
	"[--requester NAME] [--dossier CODE] [--slip text|pdf|png] [-o FILE]"

const struct mc_subcommand mc_extract_subs[] = {
	{ "birth", cmd_extract, NEED_WRITE, extract_opts, 0, 2, EXTRACT_SYNOPSIS,
	  N_("issue a certified copy of a birth entry (trích lục khai sinh)"), 1u << FMT_JSON },
	{ "marriage", cmd_extract, NEED_WRITE, extract_opts, 0, 2, EXTRACT_SYNOPSIS,
	  N_("issue a certified copy of a marriage entry (trích lục kết hôn)"), 1u << FMT_JSON },
	{ "death", cmd_extract, NEED_WRITE, extract_opts, 0, 2, EXTRACT_SYNOPSIS,
	  N_("issue a certified copy of a death entry (trích lục khai tử)"), 1u << FMT_JSON },
	{ 0 }
};
