/* motcua — dossier find: a dossier found by its applicant's name, phone
 * or ID number, for a citizen who comes back without the slip. */
#include "dossier-cmd.h"

const struct mc_opt mc_dossier_find_opts[] = {
	{ "limit", 0, OPT_VALUE, "N", N_("at most N dossiers (default 20)") },
	{ NULL, 0, 0, NULL, NULL }
};

struct found {
	mc_printer *pr;
	int n;
};

static int on_found(const mc_dossier *d, void *ud)
{
	struct found *f = ud;
	/* The list begins with its first dossier: a query refused prints
	 * nothing. */
	if (!f->n)
		pr_begin_list(f->pr);
	pr_begin_map(f->pr);
	pr_kstr(f->pr, "code", d->code);
	pr_ktime(f->pr, "received_at", d->received_at);
	pr_kstr(f->pr, "applicant", d->applicant);
	pr_kstr(f->pr, "phone", d->phone);
	pr_kstr(f->pr, "id_number", d->id_number);
	pr_kstr(f->pr, "procedure", d->procedure);
	pr_klabel(f->pr, "status", mc_dossier_status_info(d->status)->name,
		  mc_status_word(d->status));
	pr_end(f->pr);
	f->n++;
	return 0;
}

int cmd_dossier_find(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: code, received, status, phone, ID number, applicant. */
	static const struct pr_col cols[] = {
		{ "code", N_("CODE"), 26, PR_QUIET, NULL, 1 },
		{ "received_at", N_("RECEIVED"), 16, 0, NULL, 2 },
		{ "applicant", N_("APPLICANT"), 0, PR_LAST, "  ", 7 },
		{ "phone", N_("PHONE"), 11, 0, "  ", 4 },
		{ "id_number", N_("ID NUMBER"), 12, 0, " ", 5 },
		{ "procedure", N_("PROCEDURE"), 9, 0, " ", 6 },
		{ "status", N_("STATUS"), 10, 0, "  ", 3 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	long limit;
	int rc = args_long(a, "limit", 1, 1000, 20, &limit);
	if (rc)
		return rc;
	struct found f = { cmd_printer(ctx, stdout), 0 };
	pr_columns(f.pr, cols, 1);
	mc_status st = mc_dossier_find(ctx->db, a->pos[0], (int)limit, on_found, &f);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	/* Nothing found: an empty list for machines, no table for people. */
	if (!f.n) {
		pr_only(f.pr, PR_FOR(FMT_JSON) | PR_FOR(FMT_CSV));
		pr_begin_list(f.pr);
	}
	pr_end(f.pr);
	pr_only(f.pr, PR_ALL);
	if ((rc = pr_close(f.pr, NULL)) != 0)
		return rc;
	/* Like dossier status: nothing found is exit 1, and said. */
	return f.n ? 0 : fail(MC_NOT_FOUND, _("no dossier found for \"%s\""), a->pos[0]);
}
