/* motcua — audit log: what changed, when, by whom, with which command. */
#include <stdlib.h>

#include "cmd.h"

/* ---- audit log ---- */

struct log_state {
	struct mc_ctx *ctx;
	int off, n;
};

static int print_entry(const mc_audit_entry *e, void *ud)
{
	struct log_state *ls = ud;
	struct mc_ctx *ctx = ls->ctx;
	char at[40], id[24];
	snprintf(id, sizeof id, "%lld", (long long)e->id);
	if (ctx->format == FMT_JSON) {
		mc_format_iso(e->at, ls->off, at, sizeof at);
		printf("%s{\"id\":%s,\"at\":\"%s\",\"clerk\":", ls->n ? "," : "", id, at);
		json_str(stdout, e->clerk);
		fputs(",\"command\":", stdout);
		json_str(stdout, e->command);
		fputs(",\"table\":", stdout);
		json_str(stdout, e->table);
		fputs(",\"key\":", stdout);
		json_str(stdout, e->key);
		fputs(",\"change\":", stdout);
		if (e->change_is_json)
			fputs(e->change, stdout);
		else
			json_str(stdout, e->change);
		fputs(",\"row_hash\":", stdout);
		json_str(stdout, e->row_hash);
		fputs(",\"hash\":", stdout);
		json_str(stdout, e->hash);
		putchar('}');
	} else if (ctx->format == FMT_CSV) {
		mc_format_iso(e->at, ls->off, at, sizeof at);
		const char *row[] = { id, at, e->clerk, e->command, e->table, e->key,
				      e->change, e->row_hash ? e->row_hash : "", e->hash };
		mc_csv_write_row(stdout, row, 9);
	} else {
		mc_format_datetime(e->at, ls->off, at, sizeof at);
		printf("%4s  %s  %s  %s  %s %s  ", id, at, e->clerk, e->command, e->table, e->key);
		if (e->change_is_json)
			fputs(e->change, stdout);
		else
			json_str(stdout, e->change);
		putchar('\n');
	}
	ls->n++;
	return 0;
}

static int cmd_log(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct log_state ls = { ctx, mc_db_offset(ctx->db), 0 };
	const char *table = args_get(a, "table"), *key = a->npos ? a->pos[0] : NULL;
	mc_dossier *d = NULL;
	mc_status st;

	/* A dossier by its code in any case, or the URL of its QR code. */
	if (key && !table) {
		if ((st = mc_dossier_get(ctx->db, key, &d)) != MC_OK)
			return report(ctx, st, NULL);
		table = "dossiers";
		key = d->code;
	}
	if (ctx->format == FMT_JSON)
		putchar('[');
	else if (ctx->format == FMT_CSV)
		puts("id,at,clerk,command,table,key,change,row_hash,hash");
	st = mc_audit_each(ctx->db, table, key, print_entry, &ls);
	if (ctx->format == FMT_JSON)
		puts("]");
	mc_dossier_free(d);
	return report(ctx, st, NULL);
}

static const struct mc_opt log_opts[] = {
	{ "table", 0, OPT_VALUE, "TABLE", N_("only the records of this table (KEY: one row of it)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_audit_subs[] = {
	{ "log", cmd_log, NEED_READ, log_opts, 0, 1, "[CODE | --table TABLE [KEY]]",
	  N_("show the audit log: of a dossier, of a table, or all of it"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};
