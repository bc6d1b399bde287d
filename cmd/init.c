/* motcua — init and config: setting up an office. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "csvio.h"

/* init on a set-up database: the same settings are fine, others are not. */
static int compare_settings(struct mc_ctx *ctx, const char *const *keys,
			    const char *const *vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *cur = NULL;
		if (!vals[i])
			continue;
		mc_setting_get(ctx->db, keys[i], &cur);
		int same = cur && strcmp(cur, vals[i]) == 0;
		free(cur);
		if (!same)
			return fail(MC_NOT_FOUND, _("%s: already set up with another %s; use 'motcua config set' to change it"),
				    ctx->db_path, keys[i]);
	}
	if (!ctx->quiet)
		printf(_("%s: already set up\n"), ctx->db_path);
	return 0;
}

static void remove_new_database(struct mc_ctx *ctx)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char path[4200];
	mc_db_close(ctx->db);
	ctx->db = NULL;
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", ctx->db_path, suffix[i]);
		unlink(path);
	}
}

static int cmd_init(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const char *const keys[] = { "unit_id", "unit_name", "province", "lookup_url" };
	const char *vals[] = { args_get(a, "unit-id"), args_get(a, "unit-name"),
			       args_get(a, "province"), args_get(a, "lookup-url") };
	mc_status st;
	int key_created = 0;

	if (!vals[0] || !vals[1])
		return usage_error(ctx, _("--unit-id and --unit-name are required"));
	if (mc_db_initialised(ctx->db))
		return compare_settings(ctx, keys, vals, 4);
	if ((st = mc_db_begin(ctx->db)) != MC_OK)
		return report(ctx, st, NULL);
	for (size_t i = 0; i < 4 && st == MC_OK; i++)
		if (vals[i])
			st = mc_setting_set(ctx->db, keys[i], vals[i]);
	if (st == MC_OK)
		st = mc_procedure_seed(ctx->db);
	if (st == MC_OK)
		st = mc_sign_key_ensure(ctx->db, &key_created);
	if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	if (st != MC_OK) {
		int rc = report(ctx, st, NULL);
		mc_db_rollback(ctx->db);
		if (key_created) {
			char *key = mc_sign_key_path(ctx->db_path);
			if (key)
				unlink(key);
			free(key);
		}
		if (mc_db_created(ctx->db))
			remove_new_database(ctx);
		return rc;
	}
	if (!ctx->quiet)
		printf(_("%s: set up for %s (%s)\n"), ctx->db_path, vals[1], vals[0]);
	return 0;
}

static const struct mc_opt init_opts[] = {
	{ "unit-id", 0, OPT_VALUE, "ID", N_("the office's electronic agency code (e.g. 000.00.22.H12)") },
	{ "unit-name", 0, OPT_VALUE, "NAME", N_("the office's name (e.g. UBND phường Vĩnh Phú)") },
	{ "province", 0, OPT_VALUE, "NAME", N_("the province") },
	{ "lookup-url", 0, OPT_VALUE, "TEMPLATE", N_("lookup page with {code} and {pin}") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_init_subs[] = {
	{ NULL, cmd_init, NEED_CREATE, init_opts, 0, 0,
	  "--unit-id ID --unit-name NAME [--province NAME] [--lookup-url TEMPLATE]",
	  N_("create the database, seed the procedures and the calendar"), 0 },
	{ 0 }
};

/* ---- config ---- */

static int cmd_config_get(struct mc_ctx *ctx, const struct mc_args *a)
{
	char *v = NULL;
	mc_status st = mc_setting_get(ctx->db, a->pos[0], &v);
	if (st == MC_NOT_FOUND)
		return 1;       /* unset: no output, like git config */
	if (st != MC_OK)
		return report(ctx, st, NULL);
	printf("%s\n", v);
	free(v);
	return 0;
}

static int cmd_config_set(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = mc_setting_set(ctx->db, a->pos[0], a->pos[1]);
	if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	return report(ctx, st, NULL);
}

static int cmd_config_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	size_t n;
	const mc_setting_info *info = mc_settings_known(&n);
	int width = 0;
	(void)a;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(info[i].key) > width)
			width = (int)strlen(info[i].key);
	if (ctx->format == FMT_JSON)
		putchar('{');
	if (ctx->format == FMT_CSV)
		printf("key,value\n");
	for (size_t i = 0; i < n; i++) {
		char *v = NULL;
		mc_status st = mc_setting_get(ctx->db, info[i].key, &v);
		if (st != MC_OK && st != MC_NOT_FOUND)
			return report(ctx, st, NULL);
		if (ctx->format == FMT_JSON) {
			printf("%s", i ? "," : "");
			json_str(stdout, info[i].key);
			putchar(':');
			json_str(stdout, v);
		} else if (ctx->format == FMT_CSV) {
			const char *row[2] = { info[i].key, v ? v : "" };
			mc_csv_write_row(stdout, row, 2);
		} else {
			printf("%-*s %s\n", width, info[i].key, v ? v : "");
		}
		free(v);
	}
	if (ctx->format == FMT_JSON)
		printf("}\n");
	return 0;
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
