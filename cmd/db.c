/* motcua — db check|backup: the safety of the register. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- db check ---- */

struct check_state {
	struct mc_ctx *ctx;
	long n;
};

/* Printed with the first problem, or at the end: a copy that cannot be
 * read leaves no half-written JSON. */
static void print_opening(struct mc_ctx *ctx)
{
	if (ctx->format == FMT_JSON)
		fputs("{\"problems\":[", stdout);
	else if (ctx->format == FMT_CSV)
		puts("kind,table,key,record,message");
}

static int print_problem(const mc_problem *p, void *ud)
{
	struct check_state *cs = ud;
	struct mc_ctx *ctx = cs->ctx;
	char rec[24] = "";
	if (cs->n == 0)
		print_opening(ctx);
	if (p->record)
		snprintf(rec, sizeof rec, "%lld", (long long)p->record);
	if (ctx->format == FMT_JSON) {
		printf("%s{\"kind\":\"%s\",\"table\":", cs->n ? "," : "", mc_problem_name(p->kind));
		json_str(stdout, p->table);
		fputs(",\"key\":", stdout);
		json_str(stdout, p->key);
		printf(",\"record\":%s,\"message\":", p->record ? rec : "null");
		json_str(stdout, p->message);
		putchar('}');
	} else if (ctx->format == FMT_CSV) {
		const char *row[] = { mc_problem_name(p->kind), p->table ? p->table : "",
				      p->key ? p->key : "", rec, p->message };
		mc_csv_write_row(stdout, row, 5);
	} else {
		printf("%s\n", p->message);
	}
	cs->n++;
	return 0;
}

static int cmd_check(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct check_state cs = { ctx, 0 };
	mc_check_result res;
	mc_status st = mc_db_check(ctx->db, args_get(a, "against"), print_problem, &cs, &res);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (cs.n == 0)
		print_opening(ctx);
	if (ctx->format == FMT_JSON) {
		printf("],\"ok\":%s,\"records\":%ld,\"rows\":%ld,\"head_id\":%lld,\"head\":\"%s\"}\n",
		       res.problems ? "false" : "true", res.records, res.rows,
		       (long long)res.head_id, res.head);
	} else if (ctx->format == FMT_TEXT && !ctx->quiet) {
		if (res.problems)
			printf(P_("%ld problem found\n", "%ld problems found\n", res.problems),
			       res.problems);
		else
			printf(_("ok: %ld audit records, %ld rows checked; chain head %lld %s\n"),
			       res.records, res.rows, (long long)res.head_id, res.head);
	}
	return res.problems ? 1 : 0;
}

/* ---- db backup ---- */

static int cmd_backup(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_backup_result res;
	const char *path = a->pos[0];
	mc_status st = mc_db_backup(ctx->db, path, &res);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (ctx->format == FMT_JSON) {
		fputs("{\"file\":", stdout);
		json_str(stdout, path);
		printf(",\"bytes\":%lld,\"head_id\":%lld,\"head\":\"%s\"}\n", res.bytes,
		       (long long)res.head_id, res.head);
	} else if (!ctx->quiet) {
		printf(_("%s: backup written and verified (%lld bytes, audit log up to record %lld)\n"),
		       path, res.bytes, (long long)res.head_id);
	}
	return 0;
}

static const struct mc_opt check_opts[] = {
	{ "against", 0, OPT_VALUE, "COPY", N_("an older copy whose audit records must all still be there") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_db_subs[] = {
	{ "check", cmd_check, NEED_READ, check_opts, 0, 0, "[--against COPY]",
	  N_("check the database, its audit chain and every row against it"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "backup", cmd_backup, NEED_READ, NULL, 1, 1, "FILE",
	  N_("write a consistent, verified copy of the database to a new file"),
	  1u << FMT_JSON },
	{ 0 }
};
