/* motcua — init and config: setting up an office. */
#include <stdlib.h>

#include "cmd.h"

static int cmd_init(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_office o = { args_get(a, "unit-id"), args_get(a, "unit-name"),
			args_get(a, "province"), args_get(a, "lookup-url"),
			args_has(a, "training") };
	mc_printer *pr;
	int already, rc, was_training = mc_db_initialised(ctx->db) && mc_db_training(ctx->db);
	mc_status st;

	if (!o.unit_id || !o.unit_name)
		return usage_error(ctx, _("--unit-id and --unit-name are required"));
	/* The set clock is for a training copy, made now or before; marking
	 * an existing register takes the true time. */
	if ((rc = refuse_set_clock(ctx, mc_db_initialised(ctx->db) ? was_training
							   : o.training)) != 0) {
		if (mc_db_created(ctx->db)) {
			mc_office_discard(ctx->db);
			ctx->db = NULL;
		}
		return rc;
	}
	st = mc_office_init(ctx->db, &o, &already);
	if (st == MC_EXISTS)
		return fail(st, _("%s: %s; use 'motcua config set' to change it"), ctx->db_path,
			    mc_errmsg(ctx->db));
	if (st != MC_OK) {
		rc = report(ctx, st, NULL);
		/* A refused init leaves no database behind. */
		if (mc_db_created(ctx->db)) {
			mc_office_discard(ctx->db);
			ctx->db = NULL;
		}
		return rc;
	}
	pr = cmd_printer(ctx, stdout);
	if (already && o.training && !was_training)
		pr_text(pr, _("%s: marked as a training copy, for good\n"), ctx->db_path);
	else if (already)
		pr_text(pr, _("%s: already set up\n"), ctx->db_path);
	else if (o.training)
		pr_text(pr, _("%s: set up for %s (%s), a training copy\n"), ctx->db_path,
			o.unit_name, o.unit_id);
	else
		pr_text(pr, _("%s: set up for %s (%s)\n"), ctx->db_path, o.unit_name, o.unit_id);
	return pr_close(pr, NULL);
}

static const struct mc_opt init_opts[] = {
	{ "unit-id", 0, OPT_VALUE, "ID", N_("the office's electronic agency code (e.g. 000.00.22.H12)") },
	{ "unit-name", 0, OPT_VALUE, "NAME", N_("the office's name (e.g. UBND phường Vĩnh Phú)") },
	{ "province", 0, OPT_VALUE, "NAME", N_("the province") },
	{ "lookup-url", 0, OPT_VALUE, "TEMPLATE", N_("lookup page with {code} and {pin}") },
	{ "training", 0, 0, NULL, N_("a copy for training or tests: takes MOTCUA_NOW, marks its documents") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_init_subs[] = {
	{ NULL, cmd_init, NEED_CREATE, init_opts, 0, 0,
	  "--unit-id ID --unit-name NAME [--province NAME] [--lookup-url TEMPLATE] [--training]",
	  N_("create the database, seed the procedures and the calendar"), 0 },
	{ 0 }
};

/* ---- config ---- */

/* An unset setting prints nothing and exits 1, like git config. */
static int cmd_config_get(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "value", NULL, 0, PR_LAST | PR_QUIET, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	char *v = NULL;
	mc_printer *pr;
	mc_status st = mc_setting_get(ctx->db, a->pos[0], &v);
	if (st == MC_NOT_FOUND)
		return mc_exit_code(st);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 0);
	pr_begin_map(pr);
	pr_kstr(pr, "value", v);
	pr_end(pr);
	free(v);
	return pr_close(pr, NULL);
}

static int cmd_config_set(struct mc_ctx *ctx, const struct mc_args *a)
{
	return report(ctx, mc_office_set(ctx->db, a->pos[0], a->pos[1]), NULL);
}

static int cmd_config_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: the keys in a column as wide as the longest, then the value. */
	static const struct pr_col cols[] = {
		{ "key", NULL, 0, PR_AUTO, NULL, 0 },
		{ "value", NULL, 0, PR_LAST, " ", 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	size_t n;
	const mc_setting_info *info = mc_settings_known(&n);
	mc_printer *pr = cmd_printer(ctx, stdout);
	(void)a;
	pr_columns(pr, cols, 1);
	pr_begin_dict(pr);
	for (size_t i = 0; i < n; i++) {
		char *v = NULL;
		mc_status st = mc_setting_get(ctx->db, info[i].key, &v);
		if (st != MC_OK && st != MC_NOT_FOUND)
			return report(ctx, st, NULL);
		pr_kstr(pr, info[i].key, v);
		free(v);
	}
	pr_end(pr);
	return pr_close(pr, NULL);
}

const struct mc_subcommand mc_config_subs[] = {
	{ "get", cmd_config_get, NEED_READ, NULL, 1, 1, "KEY",
	  N_("print a setting (exit 1 when unset)"), 0 },
	{ "set", cmd_config_set, NEED_WRITE, NULL, 2, 2, "KEY VALUE",
	  N_("change a setting"), 0 },
	{ "list", cmd_config_list, NEED_READ, NULL, 0, 0, "",
	  N_("print every setting"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};
