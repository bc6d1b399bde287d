/* motcua — dossier new|status|list|update|form|export: the counter's work
 * (amend, note, cancel: cmd/dossier-fix.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier-cmd.h"
#include "prompt.h"

/* ---- a dossier: the record that new, status, update and list print ---- */

/* A dossier's keys, in the order of its JSON (the caller opens the map). */
static void put_dossier(mc_printer *pr, const mc_dossier *d, mc_time now)
{
	const mc_status_info *si = mc_dossier_status_info(d->status);
	const struct { const char *key, *val; } strs[] = {
		{ "code", d->code }, { "pin", d->pin }, { "procedure", d->procedure },
		{ "procedure_name", d->procedure_name }, { "applicant", d->applicant },
		{ "id_number", d->id_number }, { "phone", d->phone }, { "email", d->email },
		{ "address", d->address }, { "channel", d->channel },
		{ "delivery", d->delivery },
	};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		pr_kstr(pr, strs[i].key, strs[i].val);
	/* Only a dossier received from a Zalo message has one (inbox). */
	if (d->zalo_user_id)
		pr_kstr(pr, "zalo_user_id", d->zalo_user_id);
	pr_klabel(pr, "status", si->name, mc_status_word(d->status));
	pr_kstr(pr, "status_label", si->label);
	if (si->national)
		pr_kint(pr, "status_code", si->national);
	else
		pr_kstr(pr, "status_code", NULL);       /* cancelled: none */
	pr_ktime(pr, "received_at", d->received_at);
	pr_ktime(pr, "due_at", d->due_at);
	pr_ktime(pr, "finished_at", d->finished_at);
	pr_ktime(pr, "returned_at", d->returned_at);
	pr_kbool(pr, "overdue", mc_dossier_overdue(d, now));
	pr_kbool(pr, "on_time", mc_dossier_on_time(d));
}

static void put_history(mc_printer *pr, const mc_dossier *d)
{
	pr_key(pr, "history");
	pr_begin_list(pr);
	for (size_t i = 0; i < d->n_history; i++) {
		const mc_history *h = &d->history[i];
		pr_begin_map(pr);
		pr_ktime(pr, "at", h->at);
		pr_klabel(pr, "status", mc_dossier_status_info(h->status)->name,
			  mc_status_word(h->status));
		pr_kstr(pr, "clerk", h->clerk);
		pr_kstr(pr, "note", h->note);
		pr_kstr(pr, "event", h->event);
		pr_key(pr, "changes");
		pr_json(pr, h->changes, 1);
		if (h->reason)
			pr_kstr(pr, "reason", h->reason);
		if (h->old_due != MC_TIME_NONE) {
			pr_ktime(pr, "old_due", h->old_due);
			pr_ktime(pr, "new_due", h->new_due);
		}
		pr_end(pr);
	}
	pr_end(pr);
}

/*
 * One dossier with its history: its code (-q), its JSON, or in text the
 * view given (where it is, or for dossier new its slip).
 */
static void print_dossier(mc_printer *pr, const mc_dossier *d, mc_time now,
			  void (*view)(FILE *fp, const void *ud), const void *ud)
{
	/* -q: the code; no text column: in text the view is all. */
	static const struct pr_col cols[] = {
		{ "code", NULL, 0, PR_QUIET | PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	pr_columns(pr, cols, 0);
	pr_begin_map(pr);
	pr_view(pr, view, ud);
	put_dossier(pr, d, now);
	put_history(pr, d);
	pr_end(pr);
}

struct status_view {
	const mc_dossier *d;
	int off;
	mc_time now;
};

/* Where a dossier is, for people: its status, labelled lines, history. */
static void status_view(FILE *fp, const void *ud)
{
	const struct status_view *v = ud;
	const mc_dossier *d = v->d;
	char rec[40], due[40], at[40];
	int on_time = mc_dossier_on_time(d);
	mc_format_time_human(d->received_at, v->off, rec, sizeof rec);
	mc_format_time_human(d->due_at, v->off, due, sizeof due);
	fprintf(fp, "%s  %s\n", d->code, mc_status_title(d->status));
	put_label(fp, _("procedure:"));
	fprintf(fp, "%s (%s)\n", d->procedure_name, d->procedure);
	put_label(fp, _("applicant:"));
	fprintf(fp, "%s\n", d->applicant);
	if (d->zalo_user_id) {
		put_label(fp, _("Zalo user:"));
		fprintf(fp, "%s\n", d->zalo_user_id);
	}
	put_label(fp, _("received:"));
	fprintf(fp, "%s\n", rec);
	put_label(fp, _("due:"));
	fprintf(fp, "%s%s\n", due, mc_dossier_overdue(d, v->now) ? _("  overdue") :
		on_time == 1 ? _("  on time") : on_time == 0 ? _("  late") : "");
	/* Rescheduled: the time promised on the slip is the one that judges. */
	if (d->promised_at != MC_TIME_NONE) {
		mc_format_time_human(d->promised_at, v->off, due, sizeof due);
		put_label(fp, _("promised:"));
		fprintf(fp, "%s  %s\n", due, _("(rescheduled)"));
	}
	fprintf(fp, "  %s\n", _("history:"));
	for (size_t i = 0; i < d->n_history; i++) {
		const mc_history *h = &d->history[i];
		/* A correction or a note shows as such; a cancel as its status. */
		const char *what = h->event && strcmp(h->event, "cancel") ?
			strcmp(h->event, "amend") == 0 ? C_("history", "amend") :
			strcmp(h->event, "note") == 0 ? C_("history", "note") : h->event
			: mc_status_word(h->status);
		mc_format_time_human(h->at, v->off, at, sizeof at);
		fprintf(fp, "    %s  ", at);
		put_padded(fp, what, 10);
		fprintf(fp, " %s", h->clerk);
		if (h->reason)
			fprintf(fp, _("  reason: %s"), h->reason);
		if (h->note)
			fprintf(fp, _("  note: %s"), h->note);
		if (h->old_due != MC_TIME_NONE) {
			char o[40], n[40];
			mc_format_time_human(h->old_due, v->off, o, sizeof o);
			mc_format_time_human(h->new_due, v->off, n, sizeof n);
			fprintf(fp, _("  due %s -> %s"), o, n);
		}
		putc('\n', fp);
		for (size_t k = 0; k < h->n_amended; k++) {
			const mc_amended *c = &h->amended[k];
			fprintf(fp, "      %s: %s -> %s\n", mc_field_word(c->field),
				c->old_value ? c->old_value : _("(none)"),
				c->new_value ? c->new_value : _("(none)"));
		}
	}
}

/* What dossier status and update print. */
int show_dossier(struct mc_ctx *ctx, const mc_dossier *d)
{
	mc_printer *pr = cmd_printer(ctx, stdout);
	struct status_view v = { d, mc_db_offset(ctx->db), ctx->now };
	print_dossier(pr, d, ctx->now, status_view, &v);
	return pr_close(pr, NULL);
}

/* ---- documents: the slip and the other forms ---- */

static int write_form(struct mc_ctx *ctx, const mc_dossier *d, int form, const struct doc_out *o)
{
	mc_doc *doc = NULL;
	mc_status st = mc_doc_dossier_form(ctx->db, d, form, &doc);
	int rc = st == MC_OK ? emit_document(ctx, doc, o) : report(ctx, st, NULL);
	mc_doc_free(doc);
	return rc;
}

static int cmd_status(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier *d = NULL;
	mc_status st = mc_dossier_get(ctx->db, a->pos[0], &d);
	int rc = st == MC_OK ? show_dossier(ctx, d) : report(ctx, st, NULL);
	mc_dossier_free(d);
	return rc;
}

/* ---- dossier form ---- */

static int cmd_form(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *f = a->pos[1];
	struct doc_out o;
	mc_dossier *d = NULL;
	int form = 0, rc;
	if ((f[0] == '0' && f[1] >= '1' && f[1] <= '5' && !f[2]) ||
	    (f[0] >= '1' && f[0] <= '5' && !f[1]))
		form = f[strlen(f) - 1] - '0';
	if (!form)
		return usage_error(ctx, _("\"%s\" is not a form: 01 (receipt slip), 02 (supplement request), 03 (rejection), 04 (apology and new date) or 05 (handling stopped)"),
				   f);
	if ((rc = parse_doc_out(ctx, a, 0, &o)) != 0)
		return rc;
	mc_status st = mc_dossier_get(ctx->db, a->pos[0], &d);
	rc = st == MC_OK ? write_form(ctx, d, form, &o) : report(ctx, st, NULL);
	mc_dossier_free(d);
	return rc;
}

/* ---- dossier new ---- */

struct slip_view {
	struct mc_ctx *ctx;
	const mc_dossier *d;
	const struct doc_out *o;
	int *rc;
};

/* In text, dossier new shows the slip when it goes to standard output, the
 * code when it goes to the printer, nothing when only -o FILE takes it. */
static void slip_view(FILE *fp, const void *ud)
{
	const struct slip_view *v = ud;
	if (v->o->fmt < 0)
		return;
	if (v->o->print)
		fprintf(fp, "%s\n", v->d->code);
	else if (is_stdout(v->o->out))
		*v->rc = write_form(v->ctx, v->d, MC_FORM_ISSUE, v->o);
}

/* The new dossier on standard output (slip_view), then the slip where -o
 * FILE and --print take it, whatever the format. */
static int print_new(struct mc_ctx *ctx, const mc_dossier *d, const struct doc_out *o)
{
	mc_printer *pr = cmd_printer(ctx, stdout);
	int rc = 0;
	struct slip_view v = { ctx, d, o, &rc };
	print_dossier(pr, d, ctx->now, slip_view, &v);
	if (rc == 0 && o->fmt >= 0 && (o->print || !is_stdout(o->out)))
		rc = write_form(ctx, d, MC_FORM_ISSUE, o);
	int closed = pr_close(pr, NULL);
	return rc ? rc : closed;
}

struct receipt {
	const mc_dossier_input *in;
	const struct doc_out *o;
	int64_t message;        /* --from-message: the inbox's id; 0: none */
	mc_dossier *d;
};

/* The dossier and its slip, one act: a slip that cannot be written or
 * printed leaves no dossier and no message queued (nor, from a Zalo
 * message, the message handled). */
static int receive(struct mc_ctx *ctx, void *ud)
{
	struct receipt *r = ud;
	mc_status st = r->message ? mc_inbox_receive(ctx->db, r->message, r->in, &r->d)
				  : mc_dossier_create(ctx->db, r->in, &r->d);
	return st == MC_OK ? print_new(ctx, r->d, r->o) : report(ctx, st, NULL);
}

static int cmd_new(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	struct prompted answers = { 0 };
	const char **docs = NULL;
	struct doc_out o;
	long sets, message;
	int rc, given;

	if ((rc = parse_doc_out(ctx, a, 1, &o)) != 0 ||
	    (rc = args_long(a, "sets", 1, 99, 1, &sets)) != 0 ||
	    (rc = args_long(a, "from-message", 1, 999999999, 0, &message)) != 0 ||
	    (rc = args_datetime(a, "received-at", mc_db_offset(ctx->db), &in.received_at,
				&given)) != 0)
		return rc;
	in.procedure = args_get(a, "procedure");
	in.applicant = args_get(a, "applicant");
	in.id_number = args_get(a, "id-number");
	in.phone = args_get(a, "phone");
	in.email = args_get(a, "email");
	in.address = args_get(a, "address");
	in.channel = args_get(a, "channel");
	in.delivery = args_get(a, "delivery");
	in.note = args_get(a, "note");
	in.sets = (int)sets;
	if (!in.procedure || !in.applicant) {
		/* At the counter, ask; from a script, never. */
		if (!isatty(STDIN_FILENO))
			return usage_error(ctx, _("--procedure and --applicant are required"));
		if ((rc = prompt_dossier(ctx, &in, &answers)) != 0) {
			prompted_release(&answers);
			return rc;
		}
	}
	size_t n = args_all(a, "doc", &docs);
	if (n) {
		in.docs = docs;
		in.n_docs = n;
	}
	struct receipt r = { &in, &o, message, NULL };
	rc = cmd_atomic(ctx, receive, &r);
	mc_dossier_free(r.d);
	prompted_release(&answers);
	free(docs);
	return rc;
}

/* ---- dossier list ---- */

struct list_state {
	mc_printer *pr;
	mc_time now;
	const mc_calendar *cal;     /* on a terminal: the lateness shown */
	int offset;
	int64_t *rows;
};

/* Working days past the promised due day, up to today: 0 when due
 * earlier today. Bounded: a dossier years late says so in a year. */
static int working_days_late(const struct list_state *ls, const mc_dossier *d)
{
	int64_t due = mc_day_at(mc_dossier_promised(d), ls->offset);
	int64_t today = mc_day_at(ls->now, ls->offset);
	return today > due ? mc_calendar_working_days_between(ls->cal, due, today) : 0;
}

static int list_one(const mc_dossier *d, void *ud)
{
	const struct list_state *ls = ud;
	int late = mc_dossier_overdue(d, ls->now);
	pr_begin_map(ls->pr);
	put_dossier(ls->pr, d, ls->now);
	pr_kcell(ls->pr, "overdue_mark", late ? "!" : " ");
	if (ls->cal) {
		char buf[128] = "";
		int n = late ? working_days_late(ls, d) : 0;
		if (late && n == 0)
			snprintf(buf, sizeof buf, "%s", _("late since today"));
		else if (late)
			snprintf(buf, sizeof buf, P_("late by %d working day",
						     "late by %d working days", n), n);
		pr_kcell(ls->pr, "late", buf);
	}
	pr_end(ls->pr);
	(*ls->rows)++;
	return 0;
}

/* The statuses' names, the choices of --status. */
static const char *const *status_names(void)
{
	static const char *names[MC_ST_COUNT + 1];
	for (int s = 0; s < MC_ST_COUNT; s++)
		names[s] = mc_dossier_status_info((mc_dossier_status)s)->name;
	return names;
}

static int parse_filter(const struct mc_args *a, mc_dossier_filter *f)
{
	int rc = args_enum_all(a, "status", status_names(), &f->statuses);
	if (rc)
		return rc;
	f->overdue = args_has(a, "overdue");
	f->procedure = args_get(a, "procedure");
	rc = args_date(a, "from", &f->from_day, &f->has_from);
	return rc ? rc : args_date(a, "to", &f->to_day, &f->has_to);
}

struct list_job {
	mc_dossier_filter f;
	const char *out;        /* -o FILE, or NULL */
};

/* The rows, to standard output or to -o FILE (listing_printer); *rows
 * counted for the record of a file (run_export). */
static int list_dossiers(struct mc_ctx *ctx, void *ud, int64_t *rows)
{
	/* Text: code, status, received, due with a "!" when overdue, applicant. */
	static const struct pr_col cols[] = {
		{ "code", NULL, 26, PR_QUIET, NULL, 1 },
		{ "procedure", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "applicant", NULL, 0, PR_LAST, "  ", 6 },
		{ "phone", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "channel", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "status", NULL, 11, 0, " ", 2 },
		{ "received_at", NULL, 0, 0, "", 3 },
		{ "due_at", NULL, 0, 0, "  ", 4 },
		{ "finished_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "returned_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "overdue", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "on_time", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "overdue_mark", NULL, 0, PR_TEXT, "", 5 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	/* On a terminal, for a person: a header, the procedure, and how many
	 * working days an overdue dossier is late. Piped text stays as above. */
	static const struct pr_col tty_cols[] = {
		{ "code", N_("CODE"), 26, PR_QUIET, NULL, 1 },
		{ "procedure", N_("PROCEDURE"), 0, PR_AUTO, "  ", 6 },
		{ "applicant", N_("APPLICANT"), 0, PR_LAST, "  ", 7 },
		{ "phone", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "channel", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "status", N_("STATUS"), 11, 0, " ", 2 },
		{ "received_at", N_("RECEIVED"), 16, 0, "", 3 },
		{ "due_at", N_("DUE"), 16, 0, "  ", 4 },
		{ "finished_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "returned_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "overdue", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "on_time", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "overdue_mark", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "late", N_("LATE"), 0, PR_TEXT | PR_AUTO, "  ", 5 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	struct list_job *j = ud;
	mc_calendar cal;
	int tty = !j->out && ctx->format == FMT_TEXT && !ctx->quiet && isatty(STDOUT_FILENO);
	struct list_state ls = { NULL, ctx->now, NULL, 0, rows };
	int rc = listing_printer(ctx, j->out, &ls.pr);
	if (rc)
		return rc;
	mc_status st = MC_OK;
	if (tty && (st = mc_db_calendar(ctx->db, &cal)) == MC_OK) {
		ls.cal = &cal;
		ls.offset = mc_db_offset(ctx->db);
	}
	pr_columns(ls.pr, tty ? tty_cols : cols, 1);
	pr_begin_list(ls.pr);
	if (st == MC_OK)
		st = mc_dossier_each(ctx->db, &j->f, list_one, &ls);
	pr_end(ls.pr);
	return st != MC_OK ? report(ctx, st, NULL) : pr_close(ls.pr, j->out);
}

/* On standard output a view that reads the register only; a file is a
 * bulk export of citizens' data, with its record in data_exports
 * (run_export): the database is opened again to write it. */
static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct list_job j = { MC_DOSSIER_FILTER_INIT, args_get(a, "output") };
	int64_t rows = 0;
	int rc = parse_filter(a, &j.f);
	if (rc)
		return rc;
	if (is_stdout(j.out)) {
		j.out = NULL;
		return list_dossiers(ctx, &j, &rows);
	}
	if ((rc = need_write(ctx)) != 0)
		return rc;
	return run_export(ctx, a, j.out, list_dossiers, &j);
}

/* ---- dossier update ---- */

struct update_job {
	const char *code;
	const mc_dossier_change *chg;
	mc_dossier *d;
};

/* The change and the dossier shown after it, one act (cmd_atomic). */
static int update_and_show(struct mc_ctx *ctx, void *ud)
{
	struct update_job *j = ud;
	mc_status st = mc_dossier_update(ctx->db, j->code, j->chg, &j->d);
	return st == MC_OK ? show_dossier(ctx, j->d) : report(ctx, st, NULL);
}

static int cmd_update(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_change chg = MC_DOSSIER_CHANGE_INIT;
	int to, due_given, rc;
	if ((rc = args_enum(a, "status", status_names(), -1, &to)) != 0 ||
	    (rc = args_datetime(a, "due", mc_db_offset(ctx->db), &chg.due, &due_given)) != 0)
		return rc;
	if (to < 0 && !due_given)
		return usage_error(ctx, _("give --status or --due"));
	chg.status = to < 0 ? NULL : status_names()[to];
	chg.note = args_get(a, "note");
	chg.reason = args_get(a, "reason");
	struct update_job j = { a->pos[0], &chg, NULL };
	rc = cmd_atomic(ctx, update_and_show, &j);
	mc_dossier_free(j.d);
	return rc;
}

/* ---- dossier export: the national portal's sync ---- */

struct portal_job {
	const struct mc_args *a;
	mc_time since;
	mc_printer *pr;
	int64_t rows;
};

static int portal_row(const mc_portal_row *row, void *ud)
{
	struct portal_job *j = ud;
	mc_printer *pr = j->pr;
	pr_begin_map(pr);
	for (int i = 0; i < MC_PORTAL_FIELDS; i++)
		pr_kstr(pr, row->field[i].key, row->field[i].value);
	for (int l = 0; l < MC_PORTAL_LISTS; l++) {
		pr_key(pr, row->list[l].key);
		pr_begin_list(pr);
		for (size_t k = 0; k < row->list[l].n; k++) {
			const mc_portal_item *it = &row->list[l].item[k];
			pr_begin_map(pr);
			for (int i = 0; i < it->n; i++)
				pr_kstr(pr, it->field[i].key, it->field[i].value);
			pr_end(pr);
		}
		pr_end(pr);
	}
	pr_end(pr);
	j->rows++;
	return ferror(pr_file(pr)) != 0;        /* a full disk: stop there */
}

/* The rows and the records of the run (portal_exports, data_exports),
 * one act (cmd_atomic): a run is recorded only once its rows are out. */
static int portal_run(struct mc_ctx *ctx, void *ud)
{
	struct portal_job *j = ud;
	j->pr = cmd_export_printer(ctx, stdout, FMT_JSONL);
	pr_begin_list(j->pr);
	mc_status st = mc_portal_export(ctx->db, j->since, portal_row, j, NULL);
	pr_end(j->pr);
	int rc = pr_close(j->pr, NULL);         /* a write error is told here */
	if (!rc)
		rc = report(ctx, st, NULL);
	return rc ? rc : record_export(ctx, j->a, NULL, j->rows);
}

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct portal_job j = { a, MC_TIME_NONE, NULL, 0 };
	int given, rc = args_datetime(a, "since", mc_db_offset(ctx->db), &j.since, &given);
	return rc ? rc : cmd_atomic(ctx, portal_run, &j);
}

static const struct mc_opt new_opts[] = {
	{ "procedure", 0, OPT_VALUE, "CODE", N_("the procedure's code (see procedure list)") },
	{ "applicant", 0, OPT_VALUE, "NAME", N_("the citizen who submits the dossier") },
	{ "id-number", 0, OPT_VALUE, "N", N_("citizen ID: 12-digit CCCD or 9-digit CMND") },
	{ "phone", 0, OPT_VALUE, "P", N_("Vietnamese mobile or landline number") },
	{ "email", 0, OPT_VALUE, "E", N_("e-mail address") },
	{ "address", 0, OPT_VALUE, "A", N_("the applicant's address") },
	{ "channel", 0, OPT_VALUE, "CHANNEL", N_("counter, online or post") },
	{ "from-message", 0, OPT_VALUE, "ID", N_("received from this message of the Zalo inbox (online)") },
	{ "delivery", 0, OPT_VALUE, "HOW", N_("where the result is returned: counter or post") },
	{ "doc", 0, OPT_MULTI, "TEXT", N_("a paper received (repeat; default: the procedure's list)") },
	{ "sets", 0, OPT_VALUE, "N", N_("number of sets (default 1)") },
	{ "note", 0, OPT_VALUE, "TEXT", N_("a note kept in the history") },
	{ "received-at", 0, OPT_VALUE, "\"YYYY-MM-DD HH:MM\"", N_("when it was received (default: now)") },
	{ "slip", 0, OPT_VALUE, "FORM", N_("the slip as text, pdf, png or none (default text)") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the slip to FILE (.pdf, .png: that format)") },
	{ "print", 0, OPT_OPTIONAL, "PRINTER", N_("send the slip as a PDF to lp (PRINTER, else the default one)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt form_opts[] = {
	{ "slip", 0, OPT_VALUE, "FORM", N_("text, pdf or png (default text)") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the form to FILE (.pdf, .png: that format)") },
	{ "print", 0, OPT_OPTIONAL, "PRINTER", N_("send the form as a PDF to lp (PRINTER, else the default one)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt list_opts[] = {
	{ "status", 0, OPT_MULTI, "STATUS", N_("only dossiers in this status (repeatable)") },
	{ "overdue", 0, OPT_FLAG, NULL, N_("only open dossiers past their due time") },
	{ "procedure", 0, OPT_VALUE, "CODE", N_("only this procedure") },
	{ "from", 0, OPT_VALUE, "DATE", N_("received on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("received on or before DATE") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the list to FILE, for a spreadsheet") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt export_opts[] = {
	{ "since", 0, OPT_VALUE, "TIMESTAMP", N_("only dossiers changed at or after this time") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt update_opts[] = {
	{ "status", 0, OPT_VALUE, "STATUS", N_("the new status") },
	{ "note", 0, OPT_VALUE, "TEXT", N_("a note for the history") },
	{ "reason", 0, OPT_VALUE, "TEXT", N_("why (needed for supplement, rejected, stopped, --due)") },
	{ "due", 0, OPT_VALUE, "\"YYYY-MM-DD HH:MM\"", N_("a new due time (rescheduling, form 04)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_dossier_subs[] = {
	{ "new", cmd_new, NEED_WRITE, new_opts, 0, 0,
	  "--procedure CODE --applicant NAME [--id-number N] [--phone P] [--email E] "
	  "[--address A] [--channel counter|online|post] [--from-message ID] [--delivery counter|post] "
	  "[--doc TEXT]... [--sets N] [--note TEXT] [--received-at \"YYYY-MM-DD HH:MM\"] "
	  "[--slip text|pdf|png|none] [-o FILE] [--print[=PRINTER]]",
	  N_("receive a dossier and print its receipt slip"), 1u << FMT_JSON },
	{ "form", cmd_form, NEED_READ, form_opts, 2, 2,
	  "CODE 01|02|03|04|05 [--slip text|pdf|png] [-o FILE] [--print[=PRINTER]]",
	  N_("print a dossier's slip (01) or its supplement request, rejection, apology or stop notice (02-05)"), 0 },
	{ "status", cmd_status, NEED_READ, NULL, 1, 1, "CODE|URL",
	  N_("show where a dossier is, by code or scanned lookup URL"), 1u << FMT_JSON },
	{ "find", cmd_dossier_find, NEED_READ, mc_dossier_find_opts, 1, 1, "TEXT [--limit N]",
	  N_("find dossiers by the applicant's name, phone or ID number"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "list", cmd_list, NEED_READ, list_opts, 0, 0,
	  "[--status S]... [--overdue] [--procedure CODE] [--from DATE] [--to DATE] [-o FILE]",
	  N_("list dossiers, newest first"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "update", cmd_update, NEED_WRITE, update_opts, 1, 1,
	  "CODE [--status STATUS] [--note TEXT] [--reason TEXT] [--due \"YYYY-MM-DD HH:MM\"]",
	  N_("move a dossier through its lifecycle"), 1u << FMT_JSON },
	{ "amend", cmd_dossier_amend, NEED_WRITE, mc_dossier_amend_opts, 1, 1,
	  "CODE [--applicant NAME] [--phone P] [--id-number N] [--address A] [--email E] "
	  "--reason TEXT",
	  N_("correct the applicant's details typed wrong"), 1u << FMT_JSON },
	{ "note", cmd_dossier_note, NEED_WRITE, NULL, 2, 2, "CODE TEXT",
	  N_("add a note to a dossier's history"), 1u << FMT_JSON },
	{ "cancel", cmd_dossier_cancel, NEED_WRITE, mc_dossier_cancel_opts, 1, 1,
	  "CODE --reason TEXT",
	  N_("cancel a dossier entered by mistake, the day it was received"), 1u << FMT_JSON },
	{ "export", cmd_export, NEED_WRITE, export_opts, 0, 0,
	  "[--since TIMESTAMP] --format jsonl",
	  N_("print changed dossiers for the national portal's sync, and record the run"),
	  1u << FMT_JSONL },
	{ 0 }
};
