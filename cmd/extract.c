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
		print_hits_header(ctx);
		for (int i = 0; i < f.n; i++)
			print_hit(ctx, &f.e[i], i);
		if (ctx->format == FMT_JSON)
			printf("\n");
		/* TRANSLATORS: a count, then the register's kind ("birth"). */
		rc = fail(MC_NOT_FOUND, P_("%d %s entry matches; nothing issued: give its BOOK NUMBER",
				"%d %s entries match; nothing issued: give the BOOK NUMBER of one",
				f.n), f.n, mc_reg_kind_label(k));
	}
	found_release(&f);
	return rc;
}

static void json_extract(FILE *fp, const mc_extract *x)
{
	char *title = mc_entry_title(&x->entry);
	fputs("{\"serial\":", fp);
	json_str(fp, x->serial);
	fprintf(fp, ",\"kind\":\"%s\",\"book\":", mc_reg_kind_name(x->kind));
	json_str(fp, x->entry.v[0]);
	fprintf(fp, ",\"number\":%s,\"name\":", x->entry.v[1]);
	json_str(fp, title);
	fputs(",\"issued_at\":", fp);
	json_time(fp, x->issued_at, x->offset_min);
	fputs(",\"clerk\":", fp);
	json_str(fp, x->clerk);
	fputs(",\"requester\":", fp);
	json_str(fp, x->requester);
	fprintf(fp, ",\"copies\":%d,\"fee\":%lld,\"dossier\":", x->copies, x->fee);
	json_str(fp, x->dossier);
	fputs(",\"entry\":", fp);
	json_entry(fp, &x->entry);
	fputs("}\n", fp);
	free(title);
}

/* The document, or what -q and --format json print, into a buffer: it is
 * written out before the issue is committed, so that a write error leaves
 * no serial used. */
static int render(struct mc_ctx *ctx, const mc_extract *x, mc_doc_format fmt, int colour,
		  int to_file, char **buf, size_t *len)
{
	mc_status st = MC_OK;
	FILE *m = open_memstream(buf, len);
	if (!m)
		return fail(MC_IO, "%s", _("out of memory"));
	/* -q and --format json print to standard output; a file always gets
	 * the document. */
	if (ctx->quiet && !to_file)
		fprintf(m, "%s\n", x->serial);
	else if (ctx->format == FMT_JSON && !to_file)
		json_extract(m, x);
	else if (fmt == MC_DOC_TEXT && (st = mc_extract_write_text(m, x)) == MC_OK)
		st = mc_extract_write_qr_text(ctx->db, x, m, colour);
	else if (fmt != MC_DOC_TEXT)
		st = mc_extract_write_doc(ctx->db, x, fmt, m, 0);
	if (fclose(m) != 0)
		return fail(MC_IO, "%s", _("out of memory"));
	return report(ctx, st, NULL);
}

static int issue(struct mc_ctx *ctx, const struct mc_args *a, mc_reg_kind k, int64_t id,
		 long copies, mc_doc_format fmt)
{
	mc_extract_request rq = { k, id, (int)copies, args_get(a, "requester"),
				  args_get(a, "dossier") };
	const char *out = args_get(a, "output");
	int to_file = out && strcmp(out, "-") != 0;
	mc_extract *x = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = mc_extract_issue(ctx->db, &rq, &x);
	if ((rc = report(ctx, st, NULL)) != 0)
		return rc;
	if ((rc = render(ctx, x, fmt, ctx->colour && !to_file, to_file, &buf, &len)) == 0) {
		FILE *fp = open_output(out);
		if (!fp) {
			rc = 73;
		} else {
			fwrite(buf, 1, len, fp);    /* an error shows in ferror() */
			rc = close_output(fp, out);
		}
	}
	if (rc != 0)
		mc_db_rollback(ctx->db);
	if (rc == 0 && (rc = report(ctx, mc_db_commit(ctx->db), NULL)) == 0 && to_file) {
		if (ctx->quiet)
			printf("%s\n", x->serial);
		else if (ctx->format == FMT_JSON)
			json_extract(stdout, x);
		else
			printf(P_("%s: %d copy, fee %lld VND, written to %s\n",
				  "%s: %d copies, fee %lld VND, written to %s\n", x->copies),
			       x->serial, x->copies, x->fee, out);
	}
	free(buf);
	mc_extract_free(x);
	return rc;
}

static int cmd_extract(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *slip = args_get(a, "slip"), *out = args_get(a, "output");
	mc_doc_format fmt = MC_DOC_TEXT;
	mc_reg_kind k;
	int64_t id = 0;
	long copies;
	int rc;

	if (mc_reg_kind_parse(ctx->sub->name, &k) != MC_OK)
		return 2;
	if (slip && mc_doc_format_parse(slip, &fmt) != MC_OK)
		return usage_error(ctx, _("--slip: \"%s\" is not text, pdf or png"), slip);
	if (fmt != MC_DOC_TEXT && !ctx->quiet && ctx->format != FMT_JSON &&
	    (!out || !strcmp(out, "-")) && isatty(STDOUT_FILENO))
		return usage_error(ctx, "%s", _("will not write a PDF or PNG to a terminal; give -o FILE"));
	if (args_long(a, "copies", 1, 99, 1, &copies) != 0)
		return 2;
	if ((rc = find_entry(ctx, a, k, &id)) != 0)
		return rc;
	return issue(ctx, a, k, id, copies, fmt);
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
