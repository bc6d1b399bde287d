/* motcua-net — the lookup of `motcua serve --province`: a dossier of any
 * ward, read from the province's PostgreSQL (core/province.h), shown as a
 * ward's own server shows it (core/citizen.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "province-net.h"
#include "serve-province.h"

static mc_time time_of(const char *v)
{
	return v ? (mc_time)strtoll(v, NULL, 10) : MC_TIME_NONE;
}

static char *dup_or_null(const char *v)
{
	return v ? strdup(v) : NULL;
}

/* The code as mc_dossier_lookup reads it: blanks at either end dropped,
 * letters in capitals. */
static void code_form(const char *in, char *out, size_t n)
{
	size_t len;
	while (*in == ' ' || *in == '\t')
		in++;
	snprintf(out, n, "%s", in);
	len = strlen(out);
	while (len && (out[len - 1] == ' ' || out[len - 1] == '\t'))
		out[--len] = '\0';
	for (char *p = out; *p; p++)
		*p = (char)toupper((unsigned char)*p);
}

static mc_status read_history(mc_pg *pg, const char *unit, const char *id, mc_dossier *d)
{
	const char *p[] = { unit, id };
	mc_pg_rows *r;
	mc_status st = mc_pg_query(pg, "SELECT at, status, event, reason, old_due, new_due"
				   " FROM dossier_history WHERE unit_id = $1 AND dossier_id = $2"
				   " ORDER BY id", 2, p, &r);
	if (st != MC_OK)
		return st;
	int n = mc_pg_nrows(r);
	if (n && !(d->history = calloc((size_t)n, sizeof *d->history))) {
		mc_pg_rows_free(r);
		return MC_NOMEM;
	}
	for (int i = 0; i < n; i++) {
		mc_history *h = &d->history[d->n_history++];
		h->at = time_of(mc_pg_value(r, i, 0));
		if (mc_dossier_status_parse(mc_pg_value(r, i, 1), &h->status) != MC_OK)
			h->status = d->status;
		h->event = dup_or_null(mc_pg_value(r, i, 2));
		h->reason = dup_or_null(mc_pg_value(r, i, 3));
		h->old_due = time_of(mc_pg_value(r, i, 4));
		h->new_due = time_of(mc_pg_value(r, i, 5));
		/* The citizen's view needs no clerk: none is read. */
		if (!(h->clerk = strdup("")))
			st = MC_NOMEM;
	}
	mc_pg_rows_free(r);
	return st;
}

mc_status mc_serve_province_lookup(mc_pg *pg, const char *code, const char *pin, mc_time now,
				   mc_citizen **out)
{
	char c[64];
	const char *p[] = { c };
	mc_pg_rows *r;
	*out = NULL;
	code_form(code, c, sizeof c);
	mc_status st = mc_pg_query(pg,
		"SELECT d.unit_id, d.id, d.code, d.pin, d.procedure, pr.name, pr.fee, d.applicant,"
		" d.status, d.received_at, d.due_at, d.promised_at, d.finished_at, d.returned_at,"
		" d.paused_at, d.delivery, d.channel,"
		" wo.unit_name, wo.office_address, wo.office_phone, wo.office_hours, wo.workweek,"
		" wo.utc_offset_min"
		" FROM dossiers d LEFT JOIN procedures pr"
		" ON pr.unit_id = d.unit_id AND pr.code = d.procedure"
		" LEFT JOIN ward_offices wo ON wo.unit_id = d.unit_id"
		" WHERE d.code = $1 AND d.unit_id = " MC_PROVINCE_CODE_UNIT("$1"), 1, p, &r);
	if (st != MC_OK)
		return st;
	const char *stored = mc_pg_nrows(r) == 1 ? mc_pg_value(r, 0, 3) : NULL;
	/* No such code and a wrong PIN: one answer, after the same comparison. */
	if (!mc_dossier_pin_matches(pin, stored)) {
		mc_pg_rows_free(r);
		return MC_NOT_FOUND;
	}
	mc_dossier *d = calloc(1, sizeof *d);
	if (!d) {
		mc_pg_rows_free(r);
		return MC_NOMEM;
	}
	d->code = dup_or_null(mc_pg_value(r, 0, 2));
	d->pin = dup_or_null(stored);
	d->procedure = dup_or_null(mc_pg_value(r, 0, 4));
	d->procedure_name = strdup(mc_pg_value(r, 0, 5) ? mc_pg_value(r, 0, 5) : mc_pg_value(r, 0, 4));
	d->applicant = dup_or_null(mc_pg_value(r, 0, 7));
	d->delivery = dup_or_null(mc_pg_value(r, 0, 15));
	d->channel = dup_or_null(mc_pg_value(r, 0, 16));
	if (mc_dossier_status_parse(mc_pg_value(r, 0, 8), &d->status) != MC_OK)
		d->status = MC_ST_RECEIVED;
	d->received_at = time_of(mc_pg_value(r, 0, 9));
	d->due_at = time_of(mc_pg_value(r, 0, 10));
	d->promised_at = time_of(mc_pg_value(r, 0, 11));
	d->finished_at = time_of(mc_pg_value(r, 0, 12));
	d->returned_at = time_of(mc_pg_value(r, 0, 13));
	d->paused_at = time_of(mc_pg_value(r, 0, 14));
	int64_t fee = mc_pg_value(r, 0, 6) ? strtoll(mc_pg_value(r, 0, 6), NULL, 10) : 0;
	char unit[64], id[24];
	snprintf(unit, sizeof unit, "%s", mc_pg_value(r, 0, 0));
	snprintf(id, sizeof id, "%s", mc_pg_value(r, 0, 1));
	/* The ward's card as its last push gave it; a ward that pushed
	 * before the province had ward_offices shows none of it, in
	 * Vietnam's time. */
	char *card[5];
	for (int i = 0; i < 5; i++)
		card[i] = strdup(mc_pg_value(r, 0, 17 + i) ? mc_pg_value(r, 0, 17 + i) : "");
	mc_office_card o = { card[0], card[1], card[2], card[3], card[4],
			     mc_pg_value(r, 0, 22) ? atoi(mc_pg_value(r, 0, 22)) : 7 * 60 };
	mc_pg_rows_free(r);
	if (!card[0] || !card[1] || !card[2] || !card[3] || !card[4]) {
		mc_office_card_release(&o);
		mc_dossier_free(d);
		return MC_NOMEM;
	}
	if (!d->code || !d->procedure || !d->procedure_name || !d->applicant || !d->delivery) {
		mc_office_card_release(&o);
		mc_dossier_free(d);
		return MC_NOMEM;
	}
	if ((st = read_history(pg, unit, id, d)) != MC_OK) {
		mc_office_card_release(&o);
		mc_dossier_free(d);
		return st;
	}
	st = mc_citizen_from_dossier(d, fee, &o, now, out);
	mc_office_card_release(&o);
	return st;
}
