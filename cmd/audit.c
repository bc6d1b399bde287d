/* motcua — audit log: what changed, when, by whom, with which command. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- audit log ---- */

static int print_entry(const mc_audit_entry *e, void *ud)
{
	mc_printer *pr = ud;
	pr_begin_map(pr);
	pr_kint(pr, "id", e->id);
	pr_ktime(pr, "at", e->at);
	pr_kstr(pr, "clerk", e->clerk);
	pr_kstr(pr, "os_user", e->os_user);
	pr_kstr(pr, "command", e->command);
	pr_kstr(pr, "table", e->table);
	pr_kstr(pr, "key", e->key);
	pr_key(pr, "change");
	pr_json(pr, e->change, e->change_is_json);
	pr_kstr(pr, "row_hash", e->row_hash);
	pr_kstr(pr, "hash", e->hash);
	pr_end(pr);
	return 0;
}

static int cmd_log(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: "  14  2026-04-29 10:15  hoa  lan  dossier update  dossiers CODE  {...}"
	 * (the clerk, then the system account: empty for a record older than
	 * schema 8, which has none). */
	static const struct pr_col cols[] = {
		{ "id", NULL, 4, PR_RIGHT, NULL, 0 },
		{ "at", NULL, 0, 0, "  ", 0 },
		{ "clerk", NULL, 0, 0, "  ", 0 },
		{ "os_user", NULL, 0, 0, "  ", 0 },
		{ "command", NULL, 0, 0, "  ", 0 },
		{ "table", NULL, 0, 0, "  ", 0 },
		{ "key", NULL, 0, 0, " ", 0 },
		{ "change", NULL, 0, PR_LAST, "  ", 0 },
		{ "row_hash", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "hash", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	const char *table = args_get(a, "table"), *key = a->npos ? a->pos[0] : NULL;
	mc_dossier *d = NULL;
	mc_printer *pr;
	mc_status st;

	/* A dossier by its code in any case, or the URL of its QR code. */
	if (key && !table) {
		if ((st = mc_dossier_get(ctx->db, key, &d)) != MC_OK)
			return report(ctx, st, NULL);
		table = "dossiers";
		key = d->code;
	}
	pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	st = mc_audit_each(ctx->db, table, key, print_entry, pr);
	pr_end(pr);
	mc_dossier_free(d);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	return pr_close(pr, NULL);
}

/* ---- audit checkpoint ---- */

/* The line is what people and -q print; machines get its fields too. */
static int cmd_checkpoint(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "line", NULL, 0, PR_LAST | PR_QUIET, NULL, 0 },
		{ "version", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "unit_id", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "record", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "hash", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "signature", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_checkpoint cp;
	char *line = NULL;
	mc_printer *pr;
	(void)a;
	mc_status st = mc_checkpoint_take(ctx->db, &cp, &line);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 1);
	pr_begin_map(pr);
	pr_kstr(pr, "line", line);
	pr_kstr(pr, "version", MC_CHECKPOINT_VERSION);
	pr_kstr(pr, "unit_id", cp.unit_id);
	pr_kint(pr, "record", cp.record);
	pr_kstr(pr, "hash", cp.hash);
	pr_ktime(pr, "at", cp.at);
	pr_kstr(pr, "signature", strrchr(line, ' ') + 1);
	pr_end(pr);
	free(line);
	return pr_close(pr, NULL);
}

static const struct mc_opt log_opts[] = {
	{ "table", 0, OPT_VALUE, "TABLE", N_("only the records of this table (KEY: one row of it)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_audit_subs[] = {
	{ "log", cmd_log, NEED_READ, log_opts, 0, 1, "[CODE | --table TABLE [KEY]]",
	  N_("show the audit log: of a dossier, of a table, or all of it"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "checkpoint", cmd_checkpoint, NEED_READ, NULL, 0, 0, "",
	  N_("print the head of the audit chain, signed, as one line to keep elsewhere"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};
