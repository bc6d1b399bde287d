/* motcua — extract birth|marriage|death: certified extract copies. */
#include <stdlib.h>
#include <string.h>

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

/* What a command does with an extract. */
enum act { ISSUE, PREVIEW, REPRINT };

/*
 * An extract stands or falls with its document: a command that would
 * write none (-q or --format json without -o or --print) is refused
 * before anything is done. Returns 0 or the exit code.
 */
static int needs_document(struct mc_ctx *ctx, const struct doc_out *o)
{
	if (is_stdout(o->out) && !o->print && (ctx->quiet || ctx->format != FMT_TEXT))
		return usage_error(ctx, "%s", _("an extract is issued with its document, which -q and --format json do not print: give -o FILE or --print"));
	return 0;
}

/*
 * What the command prints once the document went to a file or to lp: in
 * text a line naming it, -q the serial, JSON the extract, its QR payload
 * and its entry. Returns the exit code.
 */
static int print_extract(struct mc_ctx *ctx, const mc_extract *x, enum act act,
			 const struct doc_out *o)
{
	static const struct pr_col cols[] = {
		{ "serial", NULL, 0, PR_QUIET | PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_printer *p = cmd_printer(ctx, stdout);
	const char *where = is_stdout(o->out) ? NULL : o->out;
	char *name = mc_entry_title(&x->entry), fee[40];

	mc_format_amount_human(x->fee, fee, sizeof fee);
	pr_columns(p, cols, 0);
	if (act == PREVIEW && where)
		pr_text(p, _("preview written to %s; nothing issued\n"), where);
	else if (act == PREVIEW)
		pr_text(p, "%s", _("preview sent to the printer; nothing issued\n"));
	else if (act == REPRINT && where)
		pr_text(p, _("%s: reprinted (no new fee), written to %s\n"), x->serial, where);
	else if (act == REPRINT)
		pr_text(p, _("%s: reprinted (no new fee), sent to the printer\n"), x->serial);
	else if (where)
		pr_text(p, P_("%s: %d copy, fee %s VND, written to %s\n",
			      "%s: %d copies, fee %s VND, written to %s\n", x->copies),
			x->serial, x->copies, fee, where);
	else
		pr_text(p, P_("%s: %d copy, fee %s VND, sent to the printer\n",
			      "%s: %d copies, fee %s VND, sent to the printer\n", x->copies),
			x->serial, x->copies, fee);
	/* A preview has no serial for -q to print. */
	if (act == PREVIEW)
		pr_only(p, PR_ALL & ~PR_FOR(FMT_QUIET));
	pr_begin_map(p);
	pr_kstr(p, "serial", x->serial);
	pr_kbool(p, "preview", act == PREVIEW);
	pr_kbool(p, "reprint", act == REPRINT);
	pr_kstr(p, "kind", mc_reg_kind_name(x->kind));
	pr_kstr(p, "book", x->entry.v[0]);
	pr_key(p, "number");
	pr_number(p, x->entry.v[1]);
	pr_kstr(p, "name", name);
	pr_ktime(p, "issued_at", act == PREVIEW ? MC_TIME_NONE : x->issued_at);
	pr_kstr(p, "clerk", x->clerk);
	pr_kstr(p, "requester", x->requester);
	pr_kint(p, "copies", x->copies);
	pr_key(p, "fee");
	if (act == PREVIEW)
		pr_null(p);
	else
		pr_int(p, x->fee);
	pr_kstr(p, "dossier", x->dossier);
	pr_kstr(p, "payload", x->payload);
	pr_kstr(p, "file", where);
	pr_key(p, "entry");
	entry_record(p, &x->entry);
	pr_end(p);
	pr_only(p, PR_ALL);
	free(name);
	return pr_close(p, NULL);
}

struct extract_job {
	enum act act;
	mc_extract_request rq;
	const char *serial;     /* a reprint's */
	struct doc_out o;
	mc_extract *x;
};

/*
 * The issue (or reprint) and what must stand or fall with it, inside
 * cmd_atomic: the document written (to -o FILE under a temporary name,
 * standard output or lp) and what the command prints of it. A document
 * that cannot be written leaves no serial used and nothing logged.
 */
static int act_and_write(struct mc_ctx *ctx, void *ud)
{
	struct extract_job *j = ud;
	mc_doc *doc = NULL;
	mc_status st = j->act == REPRINT ? mc_extract_reprint(ctx->db, j->serial, &j->x)
		: j->act == PREVIEW ? mc_extract_preview(ctx->db, &j->rq, &j->x)
		: mc_extract_issue(ctx->db, &j->rq, &j->x);
	if (st == MC_OK)
		st = mc_extract_document(ctx->db, j->x, &doc);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	int rc = emit_document(ctx, doc, &j->o);
	mc_doc_free(doc);
	if (!rc && (!is_stdout(j->o.out) || j->o.print))
		rc = print_extract(ctx, j->x, j->act, &j->o);
	return rc;
}

static int run_job(struct mc_ctx *ctx, struct extract_job *j)
{
	int rc = cmd_atomic(ctx, act_and_write, j);
	mc_extract_free(j->x);
	return rc;
}

static int cmd_extract(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct extract_job j = { .act = ISSUE };
	long copies;
	int rc;

	if (mc_reg_kind_parse(ctx->sub->name, &j.rq.kind) != MC_OK)
		return mc_exit_code(MC_USAGE);
	if ((rc = parse_doc_out(ctx, a, 0, &j.o)) != 0 || (rc = needs_document(ctx, &j.o)) != 0)
		return rc;
	j.act = args_has(a, "preview") ? PREVIEW : ISSUE;
	if (args_long(a, "copies", 1, 99, 1, &copies) != 0)
		return mc_exit_code(MC_USAGE);
	if ((rc = find_entry(ctx, a, j.rq.kind, &j.rq.entry_id)) != 0)
		return rc;
	j.rq.copies = (int)copies;
	j.rq.requester = args_get(a, "requester");
	j.rq.dossier = args_get(a, "dossier");
	if (!j.rq.requester && !j.rq.dossier)
		return fail(MC_BAD_INPUT, "%s", _("requester: give --requester NAME or --dossier CODE"));
	return run_job(ctx, &j);
}

static int cmd_reprint(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct extract_job j = { .act = REPRINT, .serial = a->pos[0] };
	int rc;
	if ((rc = parse_doc_out(ctx, a, 0, &j.o)) != 0 || (rc = needs_document(ctx, &j.o)) != 0)
		return rc;
	return run_job(ctx, &j);
}

static int cmd_void(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *reason = args_get(a, "reason");
	mc_printer *p;
	mc_status st;
	if (!reason)
		return usage_error(ctx, "%s", _("--reason is required"));
	if ((st = mc_extract_void(ctx->db, a->pos[0], reason)) != MC_OK)
		return report(ctx, st, NULL);
	/* The serial as the log spells it: its series in capitals. */
	char serial[64];
	size_t i = 0;
	for (const char *c = a->pos[0]; *c && i + 1 < sizeof serial; c++)
		serial[i++] = *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
	serial[i] = '\0';
	p = cmd_printer(ctx, stdout);
	pr_text(p, _("%s: void; it stays in the log and cannot be reprinted\n"), serial);
	return pr_close(p, NULL);
}

/* ---- extract list ---- */

struct list_job {
	mc_extract_filter f;
	const char *out;        /* -o FILE, or NULL */
	mc_printer *p;
	int64_t *rows;
};

static int list_one(const mc_extract *x, void *ud)
{
	struct list_job *j = ud;
	mc_printer *p = j->p;
	char *name = mc_entry_title(&x->entry);
	int is_void = x->voided_at != MC_TIME_NONE;
	pr_begin_map(p);
	pr_kstr(p, "serial", x->serial);
	pr_ktime(p, "issued_at", x->issued_at);
	pr_klabel(p, "kind", mc_reg_kind_name(x->kind), mc_reg_kind_label(x->kind));
	pr_kstr(p, "book", x->entry.v[0]);
	pr_key(p, "number");
	pr_number(p, x->entry.v[1]);
	pr_kstr(p, "name", name);
	pr_kstr(p, "requester", x->requester);
	pr_kint(p, "copies", x->copies);
	pr_key(p, "fee");
	pr_amount(p, x->fee);
	pr_kstr(p, "clerk", x->clerk);
	pr_klabel(p, "state", is_void ? "void" : "issued",
		  is_void ? C_("extract state", "void") : C_("extract state", "issued"));
	pr_kint(p, "reprints", x->reprints);
	pr_kstr(p, "dossier", x->dossier);
	pr_ktime(p, "voided_at", x->voided_at);
	pr_kstr(p, "voided_by", x->voided_by);
	pr_kstr(p, "void_reason", x->void_reason);
	pr_end(p);
	free(name);
	(*j->rows)++;
	return 0;
}

static int list_extracts(struct mc_ctx *ctx, void *ud, int64_t *rows)
{
	static const struct pr_col cols[] = {
		{ "serial", N_("SERIAL"), 0, PR_QUIET | PR_AUTO, NULL, 0 },
		{ "issued_at", N_("ISSUED"), 16, 0, "  ", 0 },
		{ "kind", N_("KIND"), 0, PR_AUTO, "  ", 0 },
		{ "book", N_("BOOK"), 0, PR_AUTO, "  ", 0 },
		{ "number", N_("NO."), 0, PR_AUTO | PR_RIGHT, "  ", 0 },
		/* TRANSLATORS: the heading of the column of the people's
		   names in the list of register entries found. */
		{ "name", NC_("person", "NAME"), 0, PR_AUTO, "  ", 0 },
		{ "requester", N_("REQUESTER"), 0, PR_AUTO, "  ", 0 },
		{ "copies", N_("COPIES"), 0, PR_AUTO | PR_RIGHT, "  ", 0 },
		{ "fee", N_("FEE"), 0, PR_AUTO | PR_RIGHT, "  ", 0 },
		{ "clerk", N_("CLERK"), 0, PR_AUTO, "  ", 0 },
		{ "state", N_("STATE"), 0, PR_AUTO, "  ", 0 },
		{ "reprints", N_("REPRINTS"), 0, PR_LAST, "  ", 0 },
		{ "dossier", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "voided_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "voided_by", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "void_reason", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	struct list_job *j = ud;
	int rc;
	j->rows = rows;
	if ((rc = listing_printer(ctx, j->out, &j->p)) != 0)
		return rc;
	pr_columns(j->p, cols, 1);
	pr_begin_list(j->p);
	mc_status st = mc_extract_each(ctx->db, &j->f, list_one, j);
	pr_end(j->p);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	return pr_close(j->p, j->out);
}

/* The list names the requesters: a bulk export of citizens' data, with
 * its record in data_exports (run_export). */
static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const char *const kinds[] = { "birth", "marriage", "death", NULL };
	struct list_job j = { { INT64_MIN, INT64_MAX, 0 }, args_get(a, "output"), NULL, NULL };
	int from, to, kind, rc;

	if ((rc = args_date(a, "from", &j.f.from_day, &from)) != 0 ||
	    (rc = args_date(a, "to", &j.f.to_day, &to)) != 0 ||
	    (rc = args_enum(a, "kind", kinds, -1, &kind)) != 0)
		return rc;
	if (kind >= 0)
		j.f.kinds = 1u << kind;
	return run_export(ctx, a, j.out, list_extracts, &j);
}

static const struct mc_opt extract_opts[] = {
	{ "id-number", 0, OPT_VALUE, "N", N_("the entry of the person with this citizen ID number") },
	{ "search", 0, OPT_VALUE, "QUERY", N_("the one entry whose names match QUERY") },
	{ "copies", 0, OPT_VALUE, "N", N_("number of copies, 1 to 99 (default 1)") },
	{ "requester", 0, OPT_VALUE, "NAME", N_("who asks for it (default: the dossier's applicant)") },
	{ "dossier", 0, OPT_VALUE, "CODE", N_("the dossier it answers, moved to done") },
	{ "preview", 0, OPT_FLAG, NULL, N_("show the document marked as a preview; issue nothing") },
	{ "slip", 0, OPT_VALUE, "FORM", N_("text, pdf or png (default text)") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the extract to FILE") },
	{ "print", 0, OPT_OPTIONAL, "PRINTER", N_("send the extract as a PDF to lp") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt reprint_opts[] = {
	{ "slip", 0, OPT_VALUE, "FORM", N_("text, pdf or png (default text)") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the extract to FILE") },
	{ "print", 0, OPT_OPTIONAL, "PRINTER", N_("send the extract as a PDF to lp") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt void_opts[] = {
	{ "reason", 0, OPT_VALUE, "TEXT", N_("why the issue is void (required)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt list_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("issued on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("issued on or before DATE") },
	{ "kind", 0, OPT_VALUE, "KIND", N_("only extracts of this register") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the list to FILE, for a spreadsheet") },
	{ NULL, 0, 0, NULL, NULL }
};

#define EXTRACT_SYNOPSIS "(BOOK NUMBER | --id-number N | --search QUERY) [--copies N] " \
	"[--requester NAME] [--dossier CODE] [--preview] [--slip text|pdf|png] " \
	"[-o FILE | --print[=PRINTER]]"

const struct mc_subcommand mc_extract_subs[] = {
	{ "birth", cmd_extract, NEED_WRITE, extract_opts, 0, 2, EXTRACT_SYNOPSIS,
	  N_("issue a certified copy of a birth entry (trích lục khai sinh)"), 1u << FMT_JSON },
	{ "marriage", cmd_extract, NEED_WRITE, extract_opts, 0, 2, EXTRACT_SYNOPSIS,
	  N_("issue a certified copy of a marriage entry (trích lục kết hôn)"), 1u << FMT_JSON },
	{ "death", cmd_extract, NEED_WRITE, extract_opts, 0, 2, EXTRACT_SYNOPSIS,
	  N_("issue a certified copy of a death entry (trích lục khai tử)"), 1u << FMT_JSON },
	{ "reprint", cmd_reprint, NEED_WRITE, reprint_opts, 1, 1,
	  "SERIAL [--slip text|pdf|png] [-o FILE | --print[=PRINTER]]",
	  N_("print an issued extract again: same serial and QR code, no new fee"), 1u << FMT_JSON },
	{ "void", cmd_void, NEED_WRITE, void_opts, 1, 1, "SERIAL --reason TEXT",
	  N_("void an issued extract (it stays in the log)"), 0 },
	{ "list", cmd_list, NEED_WRITE, list_opts, 0, 0, "[--from DATE] [--to DATE] [--kind KIND] [-o FILE]",
	  N_("the log of extracts issued"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};
