/* motcua — dossier amend|note|cancel: mistakes corrected at the counter.
 * Each correction and the dossier shown after it are one act (cmd_atomic). */
#include <stdlib.h>
#include <string.h>

#include "dossier-cmd.h"

enum fix { FIX_AMEND, FIX_NOTE, FIX_CANCEL };

struct fix_job {
	enum fix kind;
	const char *code;
	const mc_dossier_amend *am;
	const char *text;       /* the note, or the reason of a cancel */
	mc_dossier *d;
};

/* A refused cancellation says what can be done instead: withdraw a
 * dossier still open, or note what happened to one that is final. */
static int refused_cancel(struct mc_ctx *ctx, const char *code_or_url)
{
	char *msg = strdup(mc_errmsg(ctx->db));
	mc_dossier *d = NULL;
	int open = mc_dossier_get(ctx->db, code_or_url, &d) == MC_OK &&
		   mc_dossier_status_info(d->status)->open;
	int rc;
	if (!msg)
		rc = report(ctx, MC_NOMEM, NULL);
	else if (open)
		rc = fail(MC_REFUSED,
			  _("%s; withdraw it instead: motcua dossier update %s --status withdrawn --reason TEXT"),
			  msg, d->code);
	else
		rc = fail(MC_REFUSED,
			  _("%s; a note can say what happened: motcua dossier note %s TEXT"),
			  msg, d ? d->code : code_or_url);
	free(msg);
	mc_dossier_free(d);
	return rc;
}

static int fix_and_show(struct mc_ctx *ctx, void *ud)
{
	struct fix_job *j = ud;
	mc_status st;
	if (j->kind == FIX_AMEND)
		st = mc_dossier_amend_fields(ctx->db, j->code, j->am, &j->d);
	else if (j->kind == FIX_NOTE)
		st = mc_dossier_note(ctx->db, j->code, j->text, &j->d);
	else
		st = mc_dossier_cancel(ctx->db, j->code, j->text, &j->d);
	if (st == MC_REFUSED && j->kind == FIX_CANCEL)
		return refused_cancel(ctx, j->code);
	return st == MC_OK ? show_dossier(ctx, j->d) : report(ctx, st, NULL);
}

static int run_fix(struct mc_ctx *ctx, struct fix_job *j)
{
	int rc = cmd_atomic(ctx, fix_and_show, j);
	mc_dossier_free(j->d);
	return rc;
}

int cmd_dossier_amend(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_amend am = MC_DOSSIER_AMEND_INIT;
	struct fix_job j = { FIX_AMEND, a->pos[0], &am, NULL, NULL };
	am.applicant = args_get(a, "applicant");
	am.phone = args_get(a, "phone");
	am.id_number = args_get(a, "id-number");
	am.address = args_get(a, "address");
	am.email = args_get(a, "email");
	am.reason = args_get(a, "reason");
	if (!am.applicant && !am.phone && !am.id_number && !am.address && !am.email)
		return usage_error(ctx, _("give at least one of --applicant, --phone, --id-number, --address, --email"));
	if (!am.reason)
		return usage_error(ctx, _("--reason is required: say why the details change"));
	return run_fix(ctx, &j);
}

int cmd_dossier_note(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct fix_job j = { FIX_NOTE, a->pos[0], NULL, a->pos[1], NULL };
	return run_fix(ctx, &j);
}

int cmd_dossier_cancel(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct fix_job j = { FIX_CANCEL, a->pos[0], NULL, args_get(a, "reason"), NULL };
	if (!j.text)
		return usage_error(ctx, _("--reason is required: say what was entered by mistake"));
	return run_fix(ctx, &j);
}

const struct mc_opt mc_dossier_amend_opts[] = {
	{ "applicant", 0, OPT_VALUE, "NAME", N_("the applicant's name as it should be") },
	{ "phone", 0, OPT_VALUE, "P", N_("the phone number (\"\" removes it)") },
	{ "id-number", 0, OPT_VALUE, "N", N_("the citizen ID number (\"\" removes it)") },
	{ "address", 0, OPT_VALUE, "A", N_("the address (\"\" removes it)") },
	{ "email", 0, OPT_VALUE, "E", N_("the e-mail address (\"\" removes it)") },
	{ "reason", 0, OPT_VALUE, "TEXT", N_("why the details change (required)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_opt mc_dossier_cancel_opts[] = {
	{ "reason", 0, OPT_VALUE, "TEXT", N_("what was entered by mistake (required)") },
	{ NULL, 0, 0, NULL, NULL }
};
