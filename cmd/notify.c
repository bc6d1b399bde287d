/* motcua — notify list|export|mark: the citizen notification outbox. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- notify list ---- */

static int list_one(const mc_message *m, void *ud)
{
	mc_printer *pr = ud;
	pr_begin_map(pr);
	pr_kint(pr, "id", m->id);
	pr_kstr(pr, "dossier", m->code);
	pr_klabel(pr, "event", mc_notify_event_name(m->event), mc_notify_event_word(m->event));
	pr_kstr(pr, "phone", m->phone);
	pr_klabel(pr, "state", mc_msg_state_name(m->state), mc_msg_state_word(m->state));
	pr_kint(pr, "attempts", m->attempts);
	pr_ktime(pr, "created_at", m->created_at);
	pr_ktime(pr, "updated_at", m->updated_at);
	pr_ktime(pr, "sent_at", m->sent_at);
	pr_kstr(pr, "msg_id", m->msg_id);
	pr_kstr(pr, "last_error", m->last_error);
	pr_kstr(pr, "dropped_why", m->dropped_why);
	pr_kstr(pr, "channel", m->channel);
	pr_ktime(pr, "next_at", m->next_at);
	/* For people: the last error, or why the message was dropped. */
	pr_kcell(pr, "remark", m->dropped_why ? mc_notify_dropped_text(m->dropped_why)
					      : m->last_error);
	pr_end(pr);
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: id, state, attempts, event, created, phone, dossier, and the
	 * error or why the message was dropped. */
	static const struct pr_col cols[] = {
		{ "id", NULL, 6, PR_RIGHT, NULL, 1 },
		{ "dossier", NULL, 0, 0, "  ", 7 },
		{ "event", NULL, 12, 0, "  ", 4 },
		{ "phone", NULL, 10, 0, "  ", 6 },
		{ "state", NULL, 8, 0, "  ", 2 },
		{ "attempts", NULL, 5, PR_RIGHT, "", 3 },
		{ "created_at", NULL, 0, 0, "", 5 },
		{ "updated_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "sent_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "msg_id", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "last_error", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "dropped_why", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "channel", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "next_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "remark", NULL, 0, PR_TEXT | PR_LAST | PR_OPTIONAL, "  ", 8 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	mc_status st = mc_notify_each(ctx->db, args_has(a, "pending"), list_one, pr);
	pr_end(pr);
	return st != MC_OK ? report(ctx, st, NULL) : pr_close(pr, NULL);
}

/* ---- notify export ---- */

struct export_job {
	mc_printer *pr;
	int64_t *rows;
};

static int export_one(const mc_zns_request *r, void *ud)
{
	struct export_job *j = ud;
	mc_printer *pr = j->pr;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	pr_begin_map(pr);
	pr_kstr(pr, "phone", r->phone);
	pr_kstr(pr, "template_id", r->template_id);
	pr_key(pr, "template_data");
	pr_begin_map(pr);
	for (size_t i = 0; i < r->n_params; i++)
		pr_kstr(pr, r->params[i].key, r->params[i].value);
	pr_end(pr);
	pr_kstr(pr, "tracking_id", id);
	pr_kcell(pr, "event", mc_notify_event_name(r->event));
	pr_end(pr);
	(*j->rows)++;
	return 0;
}

/* The messages carry the citizens' phones: a bulk export of their data,
 * recorded in data_exports once written (run_export). */
static int export_messages(struct mc_ctx *ctx, void *ud, int64_t *rows)
{
	/* CSV: the template data as its JSON text. */
	static const struct pr_col cols[] = {
		{ "tracking_id", NULL, 0, 0, NULL, 0 },
		{ "phone", NULL, 0, 0, NULL, 0 },
		{ "template_id", NULL, 0, 0, NULL, 0 },
		{ "event", NULL, 0, 0, NULL, 0 },
		{ "template_data", NULL, 0, 0, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	struct export_job *j = ud;
	long skipped[MC_EV_COUNT];
	j->rows = rows;
	mc_printer *pr = j->pr = cmd_export_printer(ctx, stdout, FMT_JSONL);
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	mc_status st = mc_notify_zns_each(ctx->db, export_one, j, skipped);
	pr_end(pr);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	for (int e = 0; e < MC_EV_COUNT; e++) {
		if (!skipped[e])
			continue;
		fputs("motcua: ", stderr);
		fprintf(stderr, P_("zns_template_%s is not set: %ld %s message stays pending\n",
				   "zns_template_%s is not set: %ld %s messages stay pending\n",
				   skipped[e]),
			mc_notify_event_name((mc_notify_event)e), skipped[e],
			mc_notify_event_name((mc_notify_event)e));
	}
	return pr_close(pr, NULL);
}

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct export_job j = { NULL, NULL };
	return run_export(ctx, a, NULL, export_messages, &j);
}


/* ---- notify mark ---- */

static int cmd_mark(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *msg_id = args_get(a, "msg-id"), *error = args_get(a, "error");
	const char *outcome = a->pos[1];
	char *end;
	errno = 0;
	long long id = strtoll(a->pos[0], &end, 10);
	if (!*a->pos[0] || *end || errno || id < 1)
		return usage_error(ctx, _("\"%s\" is not a notification id"), a->pos[0]);
	int sent = strcmp(outcome, "sent") == 0;
	if (!sent && strcmp(outcome, "failed") != 0)
		return usage_error(ctx, _("\"%s\" is not sent or failed"), outcome);
	if (sent && error)
		return usage_error(ctx, _("--error is for failed, not for sent"));
	if (!sent && msg_id)
		return usage_error(ctx, _("--msg-id is for sent, not for failed"));
	return report(ctx, mc_notify_mark(ctx->db, id, sent, msg_id, error), NULL);
}

/* ---- notify send ---- */

#ifdef MC_NET
#include "http.h"

/* Each message that did not go, on standard error as it is recorded. */
static void told(void *ud, const mc_send_outcome *o)
{
	struct mc_ctx *ctx = ud;
	char when[64];
	switch (o->kind) {
	case MC_SEND_FAILED:
		mc_format_time_human(o->next_at, mc_db_offset(ctx->db), when, sizeof when);
		fail(MC_OK, _("notification %lld: %s (attempt %d; next after %s)"),
		     (long long)o->id, o->why, o->attempts, when);
		break;
	case MC_SEND_ABANDONED:
		fail(MC_OK, _("notification %lld: %s (attempt %d, the last: abandoned)"),
		     (long long)o->id, o->why, o->attempts);
		break;
	case MC_SEND_UNKNOWN:
		fail(MC_OK, _("notification %lld: %s: it may have been delivered; left sending "
			      "(see notify mark)"), (long long)o->id, o->why);
		break;
	case MC_SEND_LEFT:
		fail(MC_OK, _("notification %lld was left sending by an earlier run: it may have "
			      "been delivered; check, then mark it sent or failed"),
		     (long long)o->id);
		break;
	case MC_SEND_SENT:
	case MC_SEND_WAITING:
		break;
	}
}

static int cmd_send(struct mc_ctx *ctx, const struct mc_args *a)
{
	(void)a;
	mc_send_report rep;
	mc_send_io io = { mc_http_post, ctx, told };
	if (mc_http_init() != 0)
		return fail(MC_UNAVAILABLE, "%s", _("cannot start libcurl"));
	mc_status st = mc_notify_send(ctx->db, &io, &rep);
	mc_http_cleanup();
	if (st != MC_OK && st != MC_UNREACHABLE && st != MC_REFUSED)
		return report(ctx, st, NULL);
	if (st != MC_OK)
		fail(st, "%s", mc_errmsg(ctx->db));
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_begin_map(pr);
	pr_kint(pr, "sent", rep.sent);
	pr_kint(pr, "failed", rep.failed);
	pr_kint(pr, "abandoned", rep.abandoned);
	pr_kint(pr, "unknown", rep.unknown);
	pr_kint(pr, "waiting", rep.waiting);
	pr_kint(pr, "left_sending", rep.left);
	pr_kbool(pr, "token_refreshed", rep.refreshed);
	pr_end(pr);
	pr_text(pr, _("%ld sent, %ld failed, %ld abandoned, %ld without an answer, %ld waiting\n"),
		rep.sent, rep.failed, rep.abandoned, rep.unknown, rep.waiting);
	int rc = pr_close(pr, NULL);
	if (rc != 0)
		return rc;
	if (st != MC_OK)
		return mc_exit_code(st);
	/* Like a check that found a problem: some did not go (SPEC 1). */
	return rep.failed || rep.abandoned ? mc_exit_code(MC_REFUSED) : 0;
}
#endif

static const struct mc_opt list_opts[] = {
	{ "pending", 0, OPT_FLAG, NULL, N_("only messages not sent yet (pending or failed)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt mark_opts[] = {
	{ "msg-id", 0, OPT_VALUE, "X", N_("the provider's message id (with sent)") },
	{ "error", 0, OPT_VALUE, "TEXT", N_("what went wrong (with failed)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_notify_subs[] = {
	{ "list", cmd_list, NEED_READ, list_opts, 0, 0, "[--pending]",
	  N_("list the queued citizen notifications"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "export", cmd_export, NEED_WRITE, NULL, 0, 0, "[--format jsonl|csv]",
	  N_("print the unsent messages as Zalo ZNS requests, for a sender"),
	  (1u << FMT_JSONL) | (1u << FMT_CSV) },
	{ "send", NET_FN(cmd_send), NEED_WRITE, NULL, 0, 0, "",
	  N_("send the messages whose time has come through Zalo (ZNS or the OA)"),
	  (1u << FMT_JSON) },
	{ "mark", cmd_mark, NEED_WRITE, mark_opts, 2, 2,
	  "ID sent|failed [--msg-id X] [--error TEXT]",
	  N_("record whether a message was sent"), 0 },
	{ 0 }
};
