/* motcua — db check|backup: the safety of the register. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- db check ---- */

struct check_state {
	mc_printer *pr;
	long n;
};

/* Begun with the first problem, or at the end: a copy that cannot be
 * read leaves no half-written JSON. */
static void begin_problems(mc_printer *pr)
{
	pr_begin_map(pr);
	pr_key(pr, "problems");
	pr_begin_rows(pr);
}

static int print_problem(const mc_problem *p, void *ud)
{
	struct check_state *cs = ud;
	mc_printer *pr = cs->pr;
	if (cs->n++ == 0)
		begin_problems(pr);
	pr_begin_map(pr);
	pr_kstr(pr, "kind", mc_problem_name(p->kind));
	pr_kstr(pr, "table", p->table);
	pr_kstr(pr, "key", p->key);
	pr_key(pr, "record");
	if (p->record)
		pr_int(pr, p->record);
	else
		pr_null(pr);
	pr_kstr(pr, "message", p->message);
	pr_end(pr);
	return 0;
}

static int cmd_check(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* People read the messages; -q prints them alone, without the summary. */
	static const struct pr_col cols[] = {
		{ "kind", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "table", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "key", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "record", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "message", NULL, 0, PR_LAST | PR_QUIET, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	const char *witness = args_get(a, "witness");
	mc_witness w = MC_WITNESS_INIT;
	mc_check_result res;
	mc_status st;
	int rc;

	/* A witness file that is not right stops the check before it begins. */
	if (witness && (st = mc_witness_load(ctx->db, witness, &w)) != MC_OK) {
		mc_witness_release(&w);
		return report(ctx, st, NULL);
	}
	struct check_state cs = { cmd_printer(ctx, stdout), 0 };
	mc_printer *pr = cs.pr;
	pr_columns(pr, cols, 1);
	st = mc_db_check_witness(ctx->db, args_get(a, "against"), witness, witness ? &w : NULL,
				 print_problem, &cs, &res);
	if (st != MC_OK) {
		mc_witness_release(&w);
		return report(ctx, st, NULL);
	}
	if (cs.n == 0)
		begin_problems(pr);
	pr_end(pr);
	pr_kbool(pr, "ok", !res.problems);
	pr_kint(pr, "records", res.records);
	pr_kint(pr, "rows", res.rows);
	pr_kint(pr, "head_id", res.head_id);
	pr_kstr(pr, "head", res.head);
	if (witness)
		pr_kint(pr, "checkpoints", (int64_t)w.n);
	pr_end(pr);
	if (res.problems)
		pr_text(pr, P_("%ld problem found\n", "%ld problems found\n", res.problems),
			res.problems);
	else
		pr_text(pr, _("ok: %ld audit records, %ld rows checked; chain head %lld %s\n"),
			res.records, res.rows, (long long)res.head_id, res.head);
	if (witness && !res.problems)
		pr_text(pr, P_("%s: the log extends its %zu checkpoint\n",
			       "%s: the log extends all %zu checkpoints\n", w.n), witness, w.n);
	mc_witness_release(&w);
	if ((rc = pr_close(pr, NULL)) != 0)
		return rc;
	/* Like cmp, a check that finds a problem exits as "not found". */
	return mc_exit_code(res.problems ? MC_NOT_FOUND : MC_OK);
}

/* ---- db backup ---- */

static int cmd_backup(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_backup_result res;
	const char *path = a->pos[0];
	mc_printer *pr;
	mc_status st = mc_db_backup(ctx->db, path, &res);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	pr = cmd_printer(ctx, stdout);
	pr_begin_map(pr);
	pr_kstr(pr, "file", path);
	pr_kint(pr, "bytes", res.bytes);
	pr_kint(pr, "head_id", res.head_id);
	pr_kstr(pr, "head", res.head);
	pr_end(pr);
	pr_text(pr, _("%s: backup written and verified (%lld bytes, audit log up to record %lld)\n"),
		path, res.bytes, (long long)res.head_id);
	return pr_close(pr, NULL);
}
static const struct mc_opt check_opts[] = {
	{ "against", 0, OPT_VALUE, "COPY", N_("an older copy whose audit records must all still be there") },
	{ "witness", 0, OPT_VALUE, "FILE", N_("checkpoints (audit checkpoint) that the log must still extend") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_db_subs[] = {
	{ "check", cmd_check, NEED_READ, check_opts, 0, 0, "[--against COPY] [--witness FILE]",
	  N_("check the database, its audit chain and every row against it"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "backup", cmd_backup, NEED_READ, NULL, 1, 1, "FILE",
	  N_("write a consistent, verified copy of the database to a new file"),
	  1u << FMT_JSON },
	{ 0 }
};
