/* motcua — key export: the office's public signing key, for whoever
 * checks its extracts elsewhere. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

/* A database set up before signing existed gets its key pair here, on
 * first need, as it would on its first extract. */
static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	unsigned char pk[MC_SIGN_PUBLIC_BYTES];
	char text[MC_SIGN_KEY_TEXT], id[MC_SIGN_KEY_ID], *unit = NULL;
	mc_status st = mc_sign_public_key(ctx->db, pk);
	(void)a;
	if (st == MC_NOT_FOUND) {
		int created = 0;
		st = mc_db_begin(ctx->db);
		if (st == MC_OK)
			st = mc_sign_key_ensure(ctx->db, &created);
		if (st == MC_OK)
			st = mc_db_commit(ctx->db);
		if (st != MC_OK && created) {
			char *path = mc_sign_key_path(ctx->db_path);
			if (path)
				remove(path);
			free(path);
		}
		if (st == MC_OK)
			st = mc_sign_public_key(ctx->db, pk);
	}
	if (st == MC_OK)
		st = mc_setting_get(ctx->db, "unit_id", &unit);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	mc_sign_key_format(pk, text, sizeof text);
	mc_sign_key_id(pk, id, sizeof id);
	if (ctx->format == FMT_JSON) {
		fputs("{\"unit_id\":", stdout);
		json_str(stdout, unit);
		fputs(",\"algorithm\":\"ed25519\",\"public_key\":", stdout);
		json_str(stdout, text);
		fputs(",\"key_id\":", stdout);
		json_str(stdout, id);
		fputs("}\n", stdout);
	} else {
		printf("%s\n", text);
	}
	free(unit);
	return 0;
}

const struct mc_subcommand mc_key_subs[] = {
	{ "export", cmd_export, NEED_WRITE, NULL, 0, 0, "",
	  N_("print the office's public signing key"), 1u << FMT_JSON },
	{ 0 }
};
