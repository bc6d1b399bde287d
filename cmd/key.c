/* motcua — key export: the office's public signing key, for whoever
 * checks its extracts elsewhere. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "unit_id", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "algorithm", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "public_key", NULL, 0, PR_LAST | PR_QUIET, NULL, 0 },
		{ "key_id", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	unsigned char pk[MC_SIGN_PUBLIC_BYTES];
	char text[MC_SIGN_KEY_TEXT], id[MC_SIGN_KEY_ID], *unit = NULL;
	mc_printer *pr;
	mc_status st = mc_office_public_key(ctx->db, pk);
	(void)a;
	if (st == MC_OK)
		st = mc_setting_get(ctx->db, "unit_id", &unit);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	mc_sign_key_format(pk, text, sizeof text);
	mc_sign_key_id(pk, id, sizeof id);
	pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 0);
	pr_begin_map(pr);
	pr_kstr(pr, "unit_id", unit);
	pr_kstr(pr, "algorithm", "ed25519");
	pr_kstr(pr, "public_key", text);
	pr_kstr(pr, "key_id", id);
	pr_end(pr);
	free(unit);
	return pr_close(pr, NULL);
}

const struct mc_subcommand mc_key_subs[] = {
	{ "export", cmd_export, NEED_WRITE, NULL, 0, 0, "",
	  N_("print the office's public signing key"), 1u << FMT_JSON },
	{ 0 }
};
