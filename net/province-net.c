/* motcua — the province's schema, its wards, and its read commands but
 * search (net/province-search.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "province-net.h"
#include "sign.h"
#include "sync.h"
#include "witness.h"

static mc_status run_migration(mc_pg *pg, int v)
{
	char ver[16];
	const char *p[] = { ver };
	mc_status st;
	snprintf(ver, sizeof ver, "%d", v);
	if ((st = mc_pg_exec(pg, "BEGIN", 0, NULL)) != MC_OK)
		return st;
	/* Two inits at once: the second waits, then finds the work done. */
	int now;
	if ((st = mc_pg_exec(pg, "SELECT pg_advisory_xact_lock(hashtext('motcua province init'))",
			     0, NULL)) == MC_OK &&
	    (st = mc_pg_schema_version(pg, &now)) == MC_OK && now < v &&
	    (st = mc_pg_exec(pg, mc_province_migration(v), 0, NULL)) == MC_OK)
		st = mc_pg_exec(pg, "INSERT INTO province_migrations(version) VALUES ($1)", 1, p);
	if (st == MC_OK)
		return mc_pg_exec(pg, "COMMIT", 0, NULL);
	mc_pg_exec(pg, "ROLLBACK", 0, NULL);
	return st;
}

mc_status mc_province_init(mc_pg *pg, int *from, int *to)
{
	mc_status st = mc_pg_schema_version(pg, from);
	int want = mc_province_schema_count();
	*to = *from;
	if (st != MC_OK)
		return st;
	if (*from > want)
		return mc_pg_schema_check(pg, to);
	for (int v = *from + 1; v <= want && st == MC_OK; v++) {
		if ((st = run_migration(pg, v)) != MC_OK)
			break;
		*to = v;
		if (mc_province_after(v))
			st = mc_pg_exec(pg, mc_province_after(v), 0, NULL);
	}
	/* The words' shares of the statistics ANALYZE made since (schema
	 * 9): `province init` on a province already at the schema takes
	 * them too, when its role may (the owner's and the wards'). */
	if (st == MC_OK)
		st = mc_pg_exec(pg, "DO $$ BEGIN IF has_function_privilege('motcua_words_refresh()',"
				" 'EXECUTE') THEN PERFORM motcua_words_refresh(); END IF; END $$",
				0, NULL);
	return st;
}

/* Runs the statement that the query (one row, one text) makes: DDL
 * takes no parameters, so a role's name goes through format('%I'). */
static mc_status exec_made(mc_pg *pg, const char *maker, int n, const char *const *params)
{
	mc_pg_rows *r;
	mc_status st = mc_pg_query(pg, maker, n, params, &r);
	if (st != MC_OK)
		return st;
	st = mc_pg_exec(pg, mc_pg_value(r, 0, 0), 0, NULL);
	mc_pg_rows_free(r);
	return st;
}

mc_status mc_province_add_ward(mc_pg *pg, const char *unit, const char *role)
{
	const char *p[] = { role }, *q[] = { unit, role };
	mc_pg_rows *r;
	mc_status st = mc_pg_query(pg, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, p, &r);
	if (st != MC_OK)
		return st;
	int exists = mc_pg_nrows(r) == 1;
	mc_pg_rows_free(r);
	if (!exists && (st = exec_made(pg, "SELECT format('CREATE ROLE %I LOGIN', $1::text)",
				       1, p)) != MC_OK)
		return st;
	if ((st = exec_made(pg, "SELECT format('GRANT " MC_PROVINCE_WARD_ROLE " TO %I', $1::text)",
			    1, p)) != MC_OK)
		return st;
	if ((st = mc_pg_exec(pg, "INSERT INTO wards(unit_id, role) VALUES ($1, $2)"
			     " ON CONFLICT (unit_id) DO UPDATE SET role = EXCLUDED.role", 2, q)) != MC_OK)
		return st;
	/* Its partitions, granted to its role only (province schema 5). */
	return mc_pg_exec(pg, "SELECT motcua_ward_partitions($1)", 1, q);
}

mc_status mc_province_add_reader(mc_pg *pg, const char *role)
{
	const char *p[] = { role };
	return exec_made(pg, "SELECT format('GRANT " MC_PROVINCE_READ_ROLE " TO %I', $1::text)",
			 1, p);
}

static int64_t int_of(const char *v)
{
	return v ? strtoll(v, NULL, 10) : 0;
}

mc_status mc_province_summary(mc_pg *pg, mc_time now, const char *from, const char *to,
			      int by_procedure, mc_pg_rows **rows, mc_summary **sums, int *n)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	char t[24];
	const char *p[] = { t, from, to };
	int ver;
	*rows = NULL;
	*sums = NULL;
	*n = 0;
	mc_status st = mc_pg_schema_check(pg, &ver);
	if (st != MC_OK)
		return st;
	snprintf(t, sizeof t, "%lld", (long long)now);
	/* Counted by status, each dossier judged by the three clocks
	 * (mc_judge_sql), the outcomes made here (mc_outcome_judged): with an
	 * outcome's condition per dossier, seven of them, the command took
	 * 361 and 420 ms (medians) over bench/sync.sh's million dossiers
	 * against 240 and 272 for psql's GROUP BY; by status, 304 against 267
	 * (docs/scale.md, run 7). */
	mc_strbuf_addf(&sql, "SELECT %s, status, count(*)", by_procedure ? "procedure" : "unit_id");
	for (int j = 0; j < MC_JUDGE_COUNT; j++)
		mc_strbuf_addf(&sql, ", count(*) FILTER (WHERE %s)", mc_judge_sql((mc_judge)j));
	mc_strbuf_addf(&sql, ", count(promised_at) FROM dossiers"
		       " WHERE ($2::bigint IS NULL OR received_at >= $2::bigint)"
		       " AND ($3::bigint IS NULL OR received_at < $3::bigint)"
		       " GROUP BY 1, 2 ORDER BY 1");
	st = sql.oom ? MC_NOMEM : mc_pg_query(pg, sql.s, 3, p, rows);
	mc_strbuf_release(&sql);
	if (st != MC_OK)
		return st;
	int nr = mc_pg_nrows(*rows);
	if (nr && !(*sums = calloc((size_t)nr, sizeof **sums))) {
		mc_pg_rows_free(*rows);
		*rows = NULL;
		return MC_NOMEM;
	}
	for (int i = 0; i < nr; i++) {
		const char *group = mc_pg_value(*rows, i, 0);
		mc_dossier_status s;
		if (!*n || strcmp((*sums)[*n - 1].group, group) != 0)
			(*sums)[(*n)++].group = group;
		mc_summary *sum = &(*sums)[*n - 1];
		int64_t count = int_of(mc_pg_value(*rows, i, 2));
		/* As report summary: a dossier cancelled is in no figure; a
		 * status of no outcome is received only. */
		int known = mc_dossier_status_parse(mc_pg_value(*rows, i, 1), &s) == MC_OK;
		if (known && s == MC_ST_CANCELLED)
			continue;
		sum->received += count;
		sum->rescheduled += int_of(mc_pg_value(*rows, i, 3 + MC_JUDGE_COUNT));
		if (!known)
			continue;
		int64_t in_time = int_of(mc_pg_value(*rows, i, 3 + mc_status_judge(s)));
		sum->n[mc_outcome_judged(s, 1)] += in_time;
		sum->n[mc_outcome_judged(s, 0)] += count - in_time;
	}
	return MC_OK;
}

mc_status mc_province_status(mc_pg *pg, const char *code, mc_pg_rows **dossier,
			     mc_pg_rows **history)
{
	const char *p[] = { code };
	int ver;
	mc_status st;
	*dossier = *history = NULL;
	if ((st = mc_pg_schema_check(pg, &ver)) != MC_OK ||
	    (st = mc_pg_query(pg, "SELECT d.unit_id, d.code, d.procedure, p.name, d.applicant,"
			      " d.status, d.received_at, d.due_at, d.promised_at, d.finished_at,"
			      " d.returned_at FROM dossiers d LEFT JOIN procedures p"
			      " ON p.unit_id = d.unit_id AND p.code = d.procedure"
			      " WHERE d.code = $1 AND d.unit_id = " MC_PROVINCE_CODE_UNIT("$1"),
			      1, p, dossier)) != MC_OK)
		return st;
	if (mc_pg_nrows(*dossier) == 0)
		return mc_pg_fail(pg, MC_NOT_FOUND, _("no dossier %s at the province"), code);
	return mc_pg_query(pg, "SELECT h.at, h.status, h.event, h.note, h.reason"
			   " FROM dossier_history h JOIN dossiers d ON d.unit_id = h.unit_id"
			   " AND d.id = h.dossier_id WHERE d.code = $1"
			   " AND d.unit_id = " MC_PROVINCE_CODE_UNIT("$1") " ORDER BY h.id",
			   1, p, history);
}

/* The first record of the unit's copy that does not follow the one
 * before it or does not give its hash; 0 when the chain holds. */
static mc_status verify_chain(mc_pg *pg, const char *unit, int64_t *broken)
{
	const char *p[] = { unit };
	mc_pg_rows *r;
	char prev[65], hash[65];
	mc_status st = mc_pg_query(pg, "SELECT id, at, clerk, command, tbl, key, change, row_hash,"
				   " prev_hash, hash, os_user FROM audit_log WHERE unit_id = $1"
				   " ORDER BY id", 1, p, &r);
	if (st != MC_OK)
		return st;
	*broken = 0;
	memset(prev, '0', 64);
	prev[64] = '\0';
	for (int i = 0; i < mc_pg_nrows(r) && !*broken; i++) {
		const char *v[11];
		for (int c = 0; c < 11; c++)
			v[c] = mc_pg_value(r, i, c);
		int64_t id = int_of(v[0]);
		mc_sync_record_hash(v[8], id, int_of(v[1]), v[2], v[3], v[4], v[5], v[6], v[7],
				    v[10], hash);
		if (id != i + 1 || strcmp(v[8], prev) != 0 || strcmp(hash, v[9]) != 0)
			*broken = id;
		memcpy(prev, v[9], 65);
	}
	mc_pg_rows_free(r);
	return MC_OK;
}

/* Why checkpoint line, sent by ward unit at record with key, does not
 * hold against the ward's first key (first_key, pk: NULL when it does not
 * parse) and the chain's hash there (NULL: the province has no such
 * record); NULL when it holds. */
static const char *checkpoint_wrong(const char *unit, int64_t record, const char *line,
				    const char *key, const char *first_key,
				    const unsigned char *pk, const char *hash)
{
	const char *field, *reason;
	mc_checkpoint cp;
	if (mc_checkpoint_parse(line, strlen(line), &cp, &field, &reason) != MC_OK)
		return N_("not a checkpoint");
	if (strcmp(cp.unit_id, unit) != 0 || cp.record != record)
		return N_("of another unit or record");
	if (strcmp(key, first_key) != 0)
		return N_("signed with another key");
	if (!pk || !mc_checkpoint_verify(&cp, pk))
		return N_("bad signature");
	if (!hash || strcmp(hash, cp.hash) != 0)
		return N_("not the province's chain");
	return NULL;
}

static mc_status verify_checkpoints(mc_pg *pg, mc_province_ward *w)
{
	const char *p[] = { w->unit };
	mc_pg_rows *r;
	/* The ward's key is the one its first checkpoint came with. */
	mc_status st = mc_pg_query(pg, "SELECT c.record, c.line, c.public_key, a.hash,"
				   " (SELECT public_key FROM checkpoints f WHERE f.unit_id = $1"
				   "  ORDER BY received_at, record LIMIT 1)"
				   " FROM checkpoints c LEFT JOIN audit_log a"
				   " ON a.unit_id = c.unit_id AND a.id = c.record"
				   " WHERE c.unit_id = $1 ORDER BY c.record", 1, p, &r);
	if (st != MC_OK)
		return st;
	w->checkpoints = mc_pg_nrows(r);
	unsigned char pk[MC_SIGN_PUBLIC_BYTES];
	int pk_ok = w->checkpoints && mc_sign_key_parse(mc_pg_value(r, 0, 4), pk) == MC_OK;
	for (int i = 0; i < mc_pg_nrows(r); i++) {
		int64_t record = int_of(mc_pg_value(r, i, 0));
		const char *why = checkpoint_wrong(w->unit, record, mc_pg_value(r, i, 1),
						   mc_pg_value(r, i, 2), mc_pg_value(r, i, 4),
						   pk_ok ? pk : NULL, mc_pg_value(r, i, 3));
		if (why && !w->checkpoint_bad) {
			w->checkpoint_bad = record;
			w->checkpoint_why = why;
		} else if (!why) {
			w->checkpoint_ok = record;
		}
	}
	mc_pg_rows_free(r);
	return MC_OK;
}

mc_status mc_province_check(mc_pg *pg, mc_time now, long silent_days,
			    mc_province_ward_fn fn, void *ud)
{
	mc_pg_rows *r;
	int ver;
	mc_status st;
	if ((st = mc_pg_schema_check(pg, &ver)) != MC_OK ||
	    (st = mc_pg_query(pg, "SELECT w.unit_id, w.role,"
			      " (SELECT count(*) FROM audit_log a WHERE a.unit_id = w.unit_id),"
			      " (SELECT max(id) FROM audit_log a WHERE a.unit_id = w.unit_id),"
			      " (SELECT extract(epoch FROM max(at))::bigint FROM pushes p"
			      "  WHERE p.unit_id = w.unit_id),"
			      " (SELECT count(*) FROM incidents i WHERE i.unit_id = w.unit_id),"
			      " (SELECT record FROM incidents i WHERE i.unit_id = w.unit_id"
			      "  ORDER BY id DESC LIMIT 1)"
			      " FROM wards w ORDER BY w.unit_id", 0, NULL, &r)) != MC_OK)
		return st;
	for (int i = 0; i < mc_pg_nrows(r) && st == MC_OK; i++) {
		mc_province_ward w = { mc_pg_value(r, i, 0), mc_pg_value(r, i, 1),
				       (long)int_of(mc_pg_value(r, i, 2)),
				       int_of(mc_pg_value(r, i, 3)), MC_TIME_NONE, 0,
				       (long)int_of(mc_pg_value(r, i, 5)),
				       int_of(mc_pg_value(r, i, 6)), 0, 0, 0, 0, NULL };
		if (mc_pg_value(r, i, 4))
			w.last_push = int_of(mc_pg_value(r, i, 4));
		w.silent = w.last_push == MC_TIME_NONE ||
			   now - w.last_push > (mc_time)silent_days * MC_DAY_SECONDS;
		if ((st = verify_chain(pg, w.unit, &w.broken_at)) == MC_OK &&
		    (st = verify_checkpoints(pg, &w)) == MC_OK && fn(&w, ud))
			break;
	}
	mc_pg_rows_free(r);
	return st;
}
