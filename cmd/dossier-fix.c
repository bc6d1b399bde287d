/* motcua — dossier amend|note|cancel: mistakes corrected at the counter. */
#include <stdlib.h>
#include <string.h>

#include "dossier-cmd.h"

static int print_fixed(struct mc_ctx *ctx, mc_status st, mc_dossier *d)
{
	int rc = st == MC_OK ? show_dossier(ctx, d) : report(ctx, st, NULL);
	mc_dossier_free(d);
	return rc;
}

int cmd_dossier_amend(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_amend am = MC_DOSSIER_AMEND_INIT;
	mc_dossier *d = NULL;
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
	mc_status st = mc_dossier_amend_fields(ctx->db, a->pos[0], &am, &d);
	return print_fixed(ctx, st, d);
}

int cmd_dossier_note(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier *d = NULL;
	mc_status st = mc_dossier_note(ctx->db, a->pos[0], a->pos[1], &d);
	return print_fixed(ctx, st, d);
}

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

int cmd_dossier_cancel(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *reason = args_get(a, "reason");
	mc_dossier *d = NULL;
	if (!reason)
		return usage_error(ctx, _("--reason is required: say what was entered by mistake"));
	mc_status st = mc_dossier_cancel(ctx->db, a->pos[0], reason, &d);
	if (st == MC_REFUSED)
		return refused_cancel(ctx, a->pos[0]);
	return print_fixed(ctx, st, d);
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
