/* motcua — dossier new|status|list|update: the counter's work. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "prompt.h"

static void json_dossier(FILE *fp, const mc_dossier *d, int off, mc_time now, int history)
{
	const mc_status_info *si = mc_dossier_status_info(d->status);
	int on_time = mc_dossier_on_time(d);
	struct { const char *key, *val; } strs[] = {
		{ "code", d->code }, { "pin", d->pin }, { "procedure", d->procedure },
		{ "procedure_name", d->procedure_name }, { "applicant", d->applicant },
		{ "id_number", d->id_number }, { "phone", d->phone }, { "email", d->email },
		{ "address", d->address }, { "channel", d->channel },
		{ "delivery", d->delivery }, { "status", si->name },
		{ "status_label", si->label },
	};
	putc('{', fp);
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		fprintf(fp, "%s\"%s\":", i ? "," : "", strs[i].key);
		json_str(fp, strs[i].val);
	}
	fprintf(fp, ",\"status_code\":%d,\"received_at\":", si->national);
	json_time(fp, d->received_at, off);
	fputs(",\"due_at\":", fp);
	json_time(fp, d->due_at, off);
	fputs(",\"finished_at\":", fp);
	json_time(fp, d->finished_at, off);
	fputs(",\"returned_at\":", fp);
	json_time(fp, d->returned_at, off);
	fprintf(fp, ",\"overdue\":%s,\"on_time\":%s", mc_dossier_overdue(d, now) ? "true" : "false",
		on_time < 0 ? "null" : on_time ? "true" : "false");
	if (history) {
		fputs(",\"history\":[", fp);
		for (size_t i = 0; i < d->n_history; i++) {
			const mc_history *h = &d->history[i];
			fprintf(fp, "%s{\"at\":", i ? "," : "");
			json_time(fp, h->at, off);
			fprintf(fp, ",\"status\":\"%s\",\"clerk\":", mc_dossier_status_info(h->status)->name);
			json_str(fp, h->clerk);
			fputs(",\"note\":", fp);
			json_str(fp, h->note);
			if (h->reason) {
				fputs(",\"reason\":", fp);
				json_str(fp, h->reason);
			}
			if (h->old_due != MC_TIME_NONE) {
				fputs(",\"old_due\":", fp);
				json_time(fp, h->old_due, off);
				fputs(",\"new_due\":", fp);
				json_time(fp, h->new_due, off);
			}
			putc('}', fp);
		}
		putc(']', fp);
	}
	putc('}', fp);
}

static void text_status(FILE *fp, const mc_dossier *d, int off, mc_time now)
{
	const mc_status_info *si = mc_dossier_status_info(d->status);
	char rec[40], due[40], at[40];
	int on_time = mc_dossier_on_time(d);
	mc_format_datetime(d->received_at, off, rec, sizeof rec);
	mc_format_datetime(d->due_at, off, due, sizeof due);
	fprintf(fp, "%s  %s\n", d->code, si->label);
	put_label(fp, _("procedure:"));
	fprintf(fp, "%s (%s)\n", d->procedure_name, d->procedure);
	put_label(fp, _("applicant:"));
	fprintf(fp, "%s\n", d->applicant);
	put_label(fp, _("received:"));
	fprintf(fp, "%s\n", rec);
	put_label(fp, _("due:"));
	fprintf(fp, "%s%s\n", due, mc_dossier_overdue(d, now) ? _("  overdue") :
		on_time == 1 ? _("  on time") : on_time == 0 ? _("  late") : "");
	fprintf(fp, "  %s\n", _("history:"));
	for (size_t i = 0; i < d->n_history; i++) {
		const mc_history *h = &d->history[i];
		mc_format_datetime(h->at, off, at, sizeof at);
		fprintf(fp, "    %s  %-10s %s", at, mc_dossier_status_info(h->status)->name, h->clerk);
		if (h->reason)
			fprintf(fp, _("  reason: %s"), h->reason);
		if (h->note)
			fprintf(fp, _("  note: %s"), h->note);
		if (h->old_due != MC_TIME_NONE) {
			char o[40], n[40];
			mc_format_datetime(h->old_due, off, o, sizeof o);
			mc_format_datetime(h->new_due, off, n, sizeof n);
			fprintf(fp, _("  due %s -> %s"), o, n);
		}
		putc('\n', fp);
	}
}

/* What dossier new, status and update print about a dossier: its code
 * (-q), JSON, or a summary with its history. */
static int print_dossier(struct mc_ctx *ctx, const mc_dossier *d, FILE *fp)
{
	int off = mc_db_offset(ctx->db);
	if (ctx->quiet) {
		fprintf(fp, "%s\n", d->code);
		return 0;
	}
	if (ctx->format == FMT_JSON) {
		json_dossier(fp, d, off, ctx->now, 1);
		putc('\n', fp);
		return 0;
	}
	text_status(fp, d, off, ctx->now);
	return 0;
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
	if (st != MC_OK)
		return report(ctx, st, NULL);
	int rc = print_dossier(ctx, d, stdout);
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
	if ((f[0] == '0' && f[1] >= '1' && f[1] <= '4' && !f[2]) ||
	    (f[0] >= '1' && f[0] <= '4' && !f[1]))
		form = f[strlen(f) - 1] - '0';
	if (!form)
		return usage_error(ctx, _("\"%s\" is not a form: 01 (receipt slip), 02 (supplement request), 03 (rejection) or 04 (apology and new date)"),
				   f);
	if ((rc = parse_doc_out(ctx, a, 0, &o)) != 0)
		return rc;
	mc_status st = mc_dossier_get(ctx->db, a->pos[0], &d);
	rc = st == MC_OK ? write_form(ctx, d, form, &o) : report(ctx, st, NULL);
	mc_dossier_free(d);
	return rc;
}

/* ---- dossier new ---- */

static int cmd_new(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	struct prompted answers = { 0 };
	const char **docs = NULL;
	struct doc_out o;
	long sets;
	int rc = 0;
	mc_dossier *d = NULL;

	if ((rc = parse_doc_out(ctx, a, 1, &o)) != 0)
		return rc;
	if (args_long(a, "sets", 1, 99, 1, &sets) != 0)
		return 2;
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
	size_t n = args_all(a, "doc", &docs);
	if (n) {
		in.docs = docs;
		in.n_docs = n;
	}
	const char *at = args_get(a, "received-at");
	if (at && mc_parse_datetime(at, mc_db_offset(ctx->db), &in.received_at) != MC_OK) {
		free(docs);
		return fail(MC_BAD_INPUT, _("received-at: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)"), at);
	}
	if (!in.procedure || !in.applicant) {
		/* At the counter, ask; from a script, never. */
		if (!isatty(STDIN_FILENO)) {
			free(docs);
			return usage_error(ctx, _("--procedure and --applicant are required"));
		}
		rc = prompt_dossier(ctx, &in, &answers);
	}
	if (rc == 0) {
		mc_status st = mc_db_begin(ctx->db);
		if (st == MC_OK)
			st = mc_dossier_create(ctx->db, &in, &d);
		if (st == MC_OK)
			st = mc_db_commit(ctx->db);
		rc = report(ctx, st, NULL);
	}
	/* Standard output shows the code (-q, or when the slip goes to the
	 * printer), the JSON, or else the slip itself; -o FILE and --print
	 * take the slip elsewhere. */
	if (rc == 0 && ctx->format == FMT_JSON)
		rc = print_dossier(ctx, d, stdout);
	else if (rc == 0 && (ctx->quiet || (o.print && o.fmt >= 0)))
		printf("%s\n", d->code);
	if (rc == 0 && o.fmt >= 0 && (o.print || !is_stdout(o.out) ||
				      (!ctx->quiet && ctx->format != FMT_JSON)))
		rc = write_form(ctx, d, 1, &o);
	mc_dossier_free(d);
	prompted_release(&answers);
	free(docs);
	return rc;
}

/* ---- dossier list ---- */

struct list_state {
	struct mc_ctx *ctx;
	int off, n;
};

static int list_one(const mc_dossier *d, void *ud)
{
	struct list_state *ls = ud;
	struct mc_ctx *ctx = ls->ctx;
	const mc_status_info *si = mc_dossier_status_info(d->status);
	char rec[40], due[40], fin[40] = "", ret[40] = "";
	int on_time = mc_dossier_on_time(d), overdue = mc_dossier_overdue(d, ctx->now);

	if (ctx->quiet) {
		printf("%s\n", d->code);
	} else if (ctx->format == FMT_JSON) {
		fputs(ls->n ? "," : "", stdout);
		json_dossier(stdout, d, ls->off, ctx->now, 0);
	} else if (ctx->format == FMT_CSV) {
		mc_format_iso(d->received_at, ls->off, rec, sizeof rec);
		mc_format_iso(d->due_at, ls->off, due, sizeof due);
		if (d->finished_at != MC_TIME_NONE)
			mc_format_iso(d->finished_at, ls->off, fin, sizeof fin);
		if (d->returned_at != MC_TIME_NONE)
			mc_format_iso(d->returned_at, ls->off, ret, sizeof ret);
		const char *row[] = { d->code, d->procedure, d->applicant, d->phone ? d->phone : "",
				      d->channel, si->name, rec, due, fin, ret,
				      overdue ? "true" : "false",
				      on_time < 0 ? "" : on_time ? "true" : "false" };
		mc_csv_write_row(stdout, row, sizeof row / sizeof row[0]);
	} else {
		mc_format_datetime(d->received_at, ls->off, rec, sizeof rec);
		mc_format_datetime(d->due_at, ls->off, due, sizeof due);
		printf("%-26s ", d->code);
		put_padded(stdout, si->name, 11);
		printf("%s  %s%s  %s\n", rec, due, overdue ? "!" : " ", d->applicant);
	}
	ls->n++;
	return 0;
}

static int parse_filter(struct mc_ctx *ctx, const struct mc_args *a, mc_dossier_filter *f)
{
	const char **sts = NULL;
	size_t n = args_all(a, "status", &sts);
	for (size_t i = 0; i < n; i++) {
		mc_dossier_status s;
		if (mc_dossier_status_parse(sts[i], &s) != MC_OK) {
			int rc = usage_error(ctx, _("--status: \"%s\" is not a status"), sts[i]);
			free(sts);
			return rc;
		}
		f->statuses |= 1u << s;
	}
	free(sts);
	f->overdue = args_has(a, "overdue");
	f->procedure = args_get(a, "procedure");
	const char *from = args_get(a, "from"), *to = args_get(a, "to");
	if (from && mc_parse_date(from, &f->from_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("from: \"%s\" is not a valid date"), from);
	if (to && mc_parse_date(to, &f->to_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("to: \"%s\" is not a valid date"), to);
	f->has_from = from != NULL;
	f->has_to = to != NULL;
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_filter f = MC_DOSSIER_FILTER_INIT;
	struct list_state ls = { ctx, mc_db_offset(ctx->db), 0 };
	int rc = parse_filter(ctx, a, &f);
	if (rc)
		return rc;
	if (!ctx->quiet && ctx->format == FMT_CSV)
		printf("code,procedure,applicant,phone,channel,status,received_at,due_at,"
		       "finished_at,returned_at,overdue,on_time\n");
	if (!ctx->quiet && ctx->format == FMT_JSON)
		putchar('[');
	mc_status st = mc_dossier_each(ctx->db, &f, list_one, &ls);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (!ctx->quiet && ctx->format == FMT_JSON)
		printf("]\n");
	return 0;
}

/* ---- dossier update ---- */

static int cmd_update(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_dossier_change chg = MC_DOSSIER_CHANGE_INIT;
	mc_dossier *d = NULL;
	const char *due = args_get(a, "due");
	chg.status = args_get(a, "status");
	chg.note = args_get(a, "note");
	chg.reason = args_get(a, "reason");
	if (!chg.status && !due)
		return usage_error(ctx, _("give --status or --due"));
	if (due && mc_parse_datetime(due, mc_db_offset(ctx->db), &chg.due) != MC_OK)
		return fail(MC_BAD_INPUT, _("due: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)"), due);
	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = mc_dossier_update(ctx->db, a->pos[0], &chg, &d);
	if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	int rc = report(ctx, st, NULL);
	if (rc == 0)
		rc = print_dossier(ctx, d, stdout);
	mc_dossier_free(d);
	return rc;
}

/* ---- dossier export: the national portal's sync ---- */

struct sync_state {
	const char *unit_name;
	int off;
};

/* yyyyMMddHHmmss at the office's offset, or null. */
static void portal_time(mc_time t, int off, const char *key)
{
	printf(",\"%s\":", key);
	if (t == MC_TIME_NONE) {
		fputs("null", stdout);
		return;
	}
	int64_t local = t + (int64_t)off * 60;
	int y, mo, d, min = mc_local_minute_of_day(local);
	mc_civil_from_days(mc_local_day(local), &y, &mo, &d);
	printf("\"%04d%02d%02d%02d%02d%02d\"", y, mo, d, min / 60, min % 60,
	       (int)(((local % 60) + 60) % 60));
}

static int sync_one(const mc_report_row *r, void *ud)
{
	const struct sync_state *ss = ud;
	/* Channels: 1 at the counter, 2 online, 3 by public post; results
	 * returned: 0 at the counter, 1 by post. */
	const char *channel = !strcmp(r->channel, "online") ? "2" :
			      !strcmp(r->channel, "post") ? "3" : "1";
	struct { const char *key, *val; } strs[] = {
		{ "MaHoSo", r->code }, { "MaTTHC", r->procedure },
		{ "TenTTHC", r->procedure_name }, { "ChuHoSo", r->applicant },
		{ "SoDienThoai", r->phone }, { "Email", r->email },
		{ "KenhThucHien", channel },
		{ "HinhThuc", strcmp(r->delivery, "post") ? "0" : "1" },
		{ "DonViXuLy", ss->unit_name },
	};
	putchar('{');
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		printf("%s\"%s\":", i ? "," : "", strs[i].key);
		json_str(stdout, strs[i].val);
	}
	printf(",\"TrangThaiHoSo\":\"%d\"", mc_dossier_status_info(r->status)->national);
	portal_time(r->received_at, ss->off, "NgayTiepNhan");
	portal_time(r->due_at, ss->off, "NgayHenTra");
	portal_time(r->finished_at, ss->off, "NgayKetThucXuLy");
	portal_time(r->returned_at, ss->off, "NgayTra");
	printf("}\n");
	return ferror(stdout) != 0;
}

static int cmd_export(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct sync_state ss = { NULL, mc_db_offset(ctx->db) };
	const char *since = args_get(a, "since");
	mc_time t = MC_TIME_NONE;
	char *unit = NULL;
	if (since && mc_parse_datetime(since, ss.off, &t) != MC_OK)
		return fail(MC_BAD_INPUT, _("since: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)"), since);
	mc_status st = mc_setting_get(ctx->db, "unit_name", &unit);
	ss.unit_name = unit;
	if (st == MC_OK)
		st = mc_report_changed(ctx->db, t, sync_one, &ss);
	free(unit);
	return report(ctx, st, NULL);
}

static const struct mc_opt new_opts[] = {
	{ "procedure", 0, OPT_VALUE, "CODE", N_("the procedure's code (see procedure list)") },
	{ "applicant", 0, OPT_VALUE, "NAME", N_("the citizen who submits the dossier") },
	{ "id-number", 0, OPT_VALUE, "N", N_("citizen ID: 12-digit CCCD or 9-digit CMND") },
	{ "phone", 0, OPT_VALUE, "P", N_("Vietnamese mobile or landline number") },
	{ "email", 0, OPT_VALUE, "E", N_("e-mail address") },
	{ "address", 0, OPT_VALUE, "A", N_("the applicant's address") },
	{ "channel", 0, OPT_VALUE, "CHANNEL", N_("counter, online or post") },
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
	  "[--address A] [--channel counter|online|post] [--delivery counter|post] "
	  "[--doc TEXT]... [--sets N] [--note TEXT] [--received-at \"YYYY-MM-DD HH:MM\"] "
	  "[--slip text|pdf|png|none] [-o FILE] [--print[=PRINTER]]",
	  N_("receive a dossier and print its receipt slip"), 1u << FMT_JSON },
	{ "form", cmd_form, NEED_READ, form_opts, 2, 2,
	  "CODE 01|02|03|04 [--slip text|pdf|png] [-o FILE] [--print[=PRINTER]]",
	  N_("print a dossier's slip (01) or its supplement request, rejection or apology (02-04)"), 0 },
	{ "status", cmd_status, NEED_READ, NULL, 1, 1, "CODE|URL",
	  N_("show where a dossier is, by code or scanned lookup URL"), 1u << FMT_JSON },
	{ "list", cmd_list, NEED_READ, list_opts, 0, 0,
	  "[--status S]... [--overdue] [--procedure CODE] [--from DATE] [--to DATE]",
	  N_("list dossiers, newest first"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "update", cmd_update, NEED_WRITE, update_opts, 1, 1,
	  "CODE [--status STATUS] [--note TEXT] [--reason TEXT] [--due \"YYYY-MM-DD HH:MM\"]",
	  N_("move a dossier through its lifecycle"), 1u << FMT_JSON },
	{ "export", cmd_export, NEED_READ, export_opts, 0, 0,
	  "[--since TIMESTAMP] --format jsonl",
	  N_("print changed dossiers for the national portal's sync"), 1u << FMT_JSONL },
	{ 0 }
};
