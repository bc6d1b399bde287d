/* motcua — notify list|export|mark: the citizen notification outbox. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- notify list ---- */

struct list_state {
	struct mc_ctx *ctx;
	int off;
	long n;
};

static void iso_or_empty(mc_time t, int off, char *buf, size_t n)
{
	if (t == MC_TIME_NONE)
		*buf = '\0';
	else
		mc_format_iso(t, off, buf, n);
}

static void list_json(const mc_message *m, int off)
{
	printf("{\"id\":%lld,\"dossier\":", (long long)m->id);
	json_str(stdout, m->code);
	printf(",\"event\":\"%s\",\"phone\":", mc_notify_event_name(m->event));
	json_str(stdout, m->phone);
	printf(",\"state\":\"%s\",\"attempts\":%d,\"created_at\":",
	       mc_msg_state_name(m->state), m->attempts);
	json_time(stdout, m->created_at, off);
	fputs(",\"updated_at\":", stdout);
	json_time(stdout, m->updated_at, off);
	fputs(",\"sent_at\":", stdout);
	json_time(stdout, m->sent_at, off);
	fputs(",\"msg_id\":", stdout);
	json_str(stdout, m->msg_id);
	fputs(",\"last_error\":", stdout);
	json_str(stdout, m->last_error);
	putchar('}');
}

static int list_one(const mc_message *m, void *ud)
{
	struct list_state *ls = ud;
	char id[24], tries[16], created[32], updated[32], sent[32];
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	snprintf(tries, sizeof tries, "%d", m->attempts);
	if (ls->ctx->format == FMT_JSON) {
		fputs(ls->n ? "," : "", stdout);
		list_json(m, ls->off);
	} else if (ls->ctx->format == FMT_CSV) {
		iso_or_empty(m->created_at, ls->off, created, sizeof created);
		iso_or_empty(m->updated_at, ls->off, updated, sizeof updated);
		iso_or_empty(m->sent_at, ls->off, sent, sizeof sent);
		const char *row[] = { id, m->code, mc_notify_event_name(m->event), m->phone,
				      mc_msg_state_name(m->state), tries, created, updated,
				      sent, m->msg_id, m->last_error };
		mc_csv_write_row(stdout, row, sizeof row / sizeof row[0]);
	} else {
		mc_format_datetime(m->created_at, ls->off, created, sizeof created);
		printf("%6s  ", id);
		put_padded(stdout, mc_msg_state_name(m->state), 8);
		printf("%5s  ", tries);
		put_padded(stdout, mc_notify_event_name(m->event), 12);
		printf("%s  %-10s  %s", created, m->phone, m->code);
		if (m->last_error)
			printf("  %s", m->last_error);
		putchar('\n');
	}
	ls->n++;
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct list_state ls = { ctx, mc_db_offset(ctx->db), 0 };
	if (ctx->format == FMT_CSV)
		printf("id,dossier,event,phone,state,attempts,created_at,updated_at,"
		       "sent_at,msg_id,last_error\n");
	else if (ctx->format == FMT_JSON)
		putchar('[');
	mc_status st = mc_notify_each(ctx->db, args_has(a, "pending"), list_one, &ls);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (ctx->format == FMT_JSON)
		printf("]\n");
	return 0;
}

/* ---- notify export ---- */

struct export_state {
	struct mc_ctx *ctx;
	int off;
	char *templates[MC_EV_COUNT];   /* NULL: unset, its messages wait */
	long skipped[MC_EV_COUNT];
};

/* {"customer_name":"...",...} */
static void put_template_data(FILE *fp, const mc_zns_param *p, size_t n)
{
	putc('{', fp);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%s\"%s\":", i ? "," : "", p[i].key);
		json_str(fp, p[i].value);
	}
	putc('}', fp);
}

static int export_one(const mc_message *m, void *ud)
{
	struct export_state *es = ud;
	mc_zns_param params[MC_ZNS_MAX_PARAMS];
	char phone[16], id[24];
	const char *tmpl = es->templates[m->event];

	if (!tmpl) {
		es->skipped[m->event]++;
		return 0;
	}
	if (mc_notify_zns_phone(m->phone, phone, sizeof phone) != MC_OK)
		return 0;       /* only mobile numbers are queued */
	size_t n = mc_notify_zns_params(m, es->off, params);
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	if (es->ctx->format == FMT_CSV) {
		/* The template data as its JSON text, in a memory stream. */
		char *data = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&data, &len);
		if (!mem)
			return 1;
		put_template_data(mem, params, n);
		if (fclose(mem) != 0 || !data) {
			free(data);
			return 1;
		}
		const char *row[] = { id, phone, tmpl, mc_notify_event_name(m->event), data };
		mc_csv_write_row(stdout, row, sizeof row / sizeof row[0]);
		free(data);
		return 0;
	}
	printf("{\"phone\":\"%s\",\"template_id\":", phone);
	json_str(stdout, tmpl);
	fputs(",\"template_data\":", stdout);
	put_template_data(stdout, params, n);
	printf(",\"tracking_id\":\"%s\"}\n", id);
	return 0;
}

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct export_state es = { ctx, mc_db_offset(ctx->db), { NULL }, { 0 } };
	mc_status st = MC_OK;
	char key[64];
	(void)a;
	for (int e = 0; e < MC_EV_COUNT && st == MC_OK; e++) {
		snprintf(key, sizeof key, "zns_template_%s", mc_notify_event_name((mc_notify_event)e));
		st = mc_setting_get(ctx->db, key, &es.templates[e]);
		if (st == MC_NOT_FOUND)
			st = MC_OK;
	}
	if (st == MC_OK && ctx->format == FMT_CSV)
		printf("tracking_id,phone,template_id,event,template_data\n");
	if (st == MC_OK)
		st = mc_notify_each(ctx->db, 1, export_one, &es);
	int rc = report(ctx, st, NULL);
	for (int e = 0; e < MC_EV_COUNT; e++) {
		if (rc == 0 && es.skipped[e]) {
			fputs("motcua: ", stderr);
			fprintf(stderr, P_("zns_template_%s is not set: %ld %s message stays pending\n",
					   "zns_template_%s is not set: %ld %s messages stay pending\n",
					   es.skipped[e]),
				mc_notify_event_name((mc_notify_event)e), es.skipped[e],
				mc_notify_event_name((mc_notify_event)e));
		}
		free(es.templates[e]);
	}
	return rc;
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
	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = mc_notify_mark(ctx->db, id, sent, msg_id, error);
	if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	return report(ctx, st, NULL);
}

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
	{ "export", cmd_export, NEED_READ, NULL, 0, 0, "[--format jsonl|csv]",
	  N_("print the unsent messages as Zalo ZNS requests, for a sender"),
	  (1u << FMT_JSONL) | (1u << FMT_CSV) },
	{ "mark", cmd_mark, NEED_WRITE, mark_opts, 2, 2,
	  "ID sent|failed [--msg-id X] [--error TEXT]",
	  N_("record whether a message was sent"), 0 },
	{ 0 }
};
