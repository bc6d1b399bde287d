/* motcua — inbox list|show|done: the messages that citizens sent the
 * office's Zalo Official Account (stored by motcua serve's webhook). A
 * dossier is received from one with dossier new --from-message. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* The state of a message: its code for machines; for people, the word,
 * or the dossier received from it. */
static void put_state(mc_printer *pr, const mc_inbox_msg *m)
{
	if (m->done_at == MC_TIME_NONE)
		pr_klabel(pr, "state", "pending", C_("inbox state", "pending"));
	else
		pr_klabel(pr, "state", "done", m->dossier ? m->dossier : C_("inbox state", "done"));
}

/* The first line of the text, cut to about 40 characters, for a row. */
static void put_excerpt(mc_printer *pr, const mc_inbox_msg *m)
{
	char buf[200];
	size_t n = m->text ? strcspn(m->text, "\n") : 0, chars = 0, i = 0;
	/* Whole characters only: a cut never splits a UTF-8 sequence. */
	while (i < n && i < sizeof buf - 4 && chars < 40) {
		i++;
		while (i < n && ((unsigned char)m->text[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (m->text)
		memcpy(buf, m->text, i);
	buf[i] = '\0';
	if (m->text && i < strlen(m->text))
		strcat(buf, "…");
	pr_kcell(pr, "excerpt", buf);
}

/* The links of the attachments, one cell of a CSV row. */
static void put_links(mc_printer *pr, const mc_inbox_msg *m)
{
	mc_strbuf b = MC_STRBUF_INIT;
	for (size_t i = 0; i < m->n_attachments; i++)
		if (m->attachments[i].url)
			mc_strbuf_addf(&b, "%s%s", b.len ? " " : "", m->attachments[i].url);
	pr_kcell(pr, "links", b.s ? b.s : "");
	mc_strbuf_release(&b);
}

/* A message's keys, in the order of its JSON (the caller opens the map). */
static void put_message(mc_printer *pr, const mc_inbox_msg *m)
{
	const char *kind = mc_inbox_kind(m);
	pr_kint(pr, "id", m->id);
	pr_klabel(pr, "kind", kind, mc_inbox_kind_word(kind));
	pr_kstr(pr, "event", m->event);
	pr_kstr(pr, "msg_id", m->msg_id);
	pr_kstr(pr, "sender", m->sender);
	pr_ktime(pr, "sent_at", m->sent_at);
	pr_ktime(pr, "received_at", m->received_at);
	pr_kstr(pr, "text", m->text);
	pr_key(pr, "attachments");
	pr_begin_list(pr);
	for (size_t i = 0; i < m->n_attachments; i++) {
		pr_begin_map(pr);
		pr_kstr(pr, "type", m->attachments[i].type);
		pr_kstr(pr, "url", m->attachments[i].url);
		pr_kstr(pr, "name", m->attachments[i].name);
		pr_end(pr);
	}
	pr_end(pr);
	put_state(pr, m);
	pr_ktime(pr, "done_at", m->done_at);
	pr_kstr(pr, "done_by", m->done_by);
	pr_kstr(pr, "dossier", m->dossier);
}

/* ---- inbox list ---- */

static int list_one(const mc_inbox_msg *m, void *ud)
{
	mc_printer *pr = ud;
	pr_begin_map(pr);
	put_message(pr, m);
	put_excerpt(pr, m);
	put_links(pr, m);
	pr_end(pr);
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: id, when sent, kind, state, sender, the text's first line. */
	static const struct pr_col cols[] = {
		{ "id", N_("ID"), 4, PR_RIGHT | PR_QUIET, NULL, 1 },
		{ "kind", N_("KIND"), 6, 0, "  ", 3 },
		{ "event", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "msg_id", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "sender", N_("SENDER"), 20, 0, "  ", 5 },
		{ "sent_at", N_("SENT"), 16, 0, "  ", 2 },
		{ "received_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "text", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "attachments", NULL, 0, PR_NOTEXT | PR_NOCSV, NULL, 0 },
		{ "links", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "state", N_("STATE"), 26, 0, "  ", 4 },
		{ "done_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "done_by", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "dossier", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "excerpt", N_("TEXT"), 0, PR_TEXT | PR_LAST, "  ", 6 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	mc_status st = mc_inbox_each(ctx->db, args_has(a, "pending"), list_one, pr);
	pr_end(pr);
	return st != MC_OK ? report(ctx, st, NULL) : pr_close(pr, NULL);
}

/* ---- inbox show, inbox done ---- */

struct show_view {
	const mc_inbox_msg *m;
	int off;
};

/* One message for people: who sent it when, its text, each attachment's
 * kind and link, and whether it was handled. */
static void show_view(FILE *fp, const void *ud)
{
	const struct show_view *v = ud;
	const mc_inbox_msg *m = v->m;
	char at[40];
	fprintf(fp, _("Message %lld  %s\n"), (long long)m->id, mc_inbox_kind_word(mc_inbox_kind(m)));
	put_label(fp, _("from:"));
	fprintf(fp, _("%s (Zalo user)\n"), m->sender);
	mc_format_time_human(m->sent_at, v->off, at, sizeof at);
	put_label(fp, _("sent:"));
	fprintf(fp, "%s\n", at);
	put_label(fp, _("text:"));
	if (!m->text)
		fprintf(fp, "%s\n", _("(none)"));
	for (const char *t = m->text; t && *t;) {
		size_t n = strcspn(t, "\n");
		if (t != m->text)
			put_label(fp, "");
		fprintf(fp, "%.*s\n", (int)n, t);
		t += n + (t[n] == '\n');
	}
	for (size_t i = 0; i < m->n_attachments; i++) {
		const mc_inbox_attachment *t = &m->attachments[i];
		put_label(fp, i ? "" : _("attachments:"));
		fprintf(fp, "%s  %s", t->type, t->url ? t->url : _("(no link)"));
		if (t->name)
			fprintf(fp, "  (%s)", t->name);
		putc('\n', fp);
	}
	put_label(fp, _("state:"));
	if (m->done_at == MC_TIME_NONE) {
		fprintf(fp, "%s\n", C_("inbox state", "pending"));
		return;
	}
	mc_format_time_human(m->done_at, v->off, at, sizeof at);
	if (m->dossier)
		fprintf(fp, _("dossier %s received from it on %s by %s\n"), m->dossier, at,
			m->done_by);
	else
		fprintf(fp, _("done on %s by %s\n"), at, m->done_by);
}

static int show_message(struct mc_ctx *ctx, const mc_inbox_msg *m)
{
	static const struct pr_col cols[] = {
		{ "id", NULL, 0, PR_QUIET | PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	struct show_view v = { m, mc_db_offset(ctx->db) };
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 0);
	pr_begin_map(pr);
	pr_view(pr, show_view, &v);
	put_message(pr, m);
	pr_end(pr);
	return pr_close(pr, NULL);
}

/* The message id of the command line; 0 after a usage error (*rc). */
static long long message_id(struct mc_ctx *ctx, const char *s, int *rc)
{
	char *end;
	errno = 0;
	long long id = strtoll(s, &end, 10);
	if (!*s || *end || errno || id < 1) {
		*rc = usage_error(ctx, _("\"%s\" is not a message id (see inbox list)"), s);
		return 0;
	}
	return id;
}

static int cmd_show(struct mc_ctx *ctx, const struct mc_args *a)
{
	int rc = 0;
	long long id = message_id(ctx, a->pos[0], &rc);
	mc_inbox_msg *m = NULL;
	if (!id)
		return rc;
	mc_status st = mc_inbox_get(ctx->db, id, &m);
	rc = st == MC_OK ? show_message(ctx, m) : report(ctx, st, NULL);
	mc_inbox_free(m);
	return rc;
}

struct done_job {
	long long id;
	mc_inbox_msg *m;
};

/* The mark and the message shown after it, one act. */
static int mark_done(struct mc_ctx *ctx, void *ud)
{
	struct done_job *j = ud;
	mc_status st = mc_inbox_done(ctx->db, j->id, &j->m);
	return st == MC_OK ? show_message(ctx, j->m) : report(ctx, st, NULL);
}

static int cmd_done(struct mc_ctx *ctx, const struct mc_args *a)
{
	int rc = 0;
	struct done_job j = { message_id(ctx, a->pos[0], &rc), NULL };
	if (!j.id)
		return rc;
	rc = cmd_atomic(ctx, mark_done, &j);
	mc_inbox_free(j.m);
	return rc;
}

static const struct mc_opt list_opts[] = {
	{ "pending", 0, OPT_FLAG, NULL, N_("only messages not handled yet") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_inbox_subs[] = {
	{ "list", cmd_list, NEED_READ, list_opts, 0, 0, "[--pending]",
	  N_("list the messages sent to the office's Zalo OA, oldest first"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "show", cmd_show, NEED_READ, NULL, 1, 1, "ID",
	  N_("show a message: its sender, time, text and attachments' links"), 1u << FMT_JSON },
	{ "done", cmd_done, NEED_WRITE, NULL, 1, 1, "ID",
	  N_("mark a message handled without a dossier"), 1u << FMT_JSON },
	{ 0 }
};
