/* motcua — `sync push`: batches of the ward's log and rows, by COPY. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "citizen.h"
#include "push.h"
#include "sign.h"
#include "witness.h"

/* The cursor: the province's last record of the unit (0 and 64 zeros). */
static mc_status province_head(mc_pg *pg, const char *unit, int64_t *id, char hash[65])
{
	mc_pg_rows *r;
	const char *p[] = { unit };
	mc_status st = mc_pg_query(pg, "SELECT id, hash FROM audit_log WHERE unit_id = $1"
				   " ORDER BY id DESC LIMIT 1", 1, p, &r);
	if (st != MC_OK)
		return st;
	*id = 0;
	memset(hash, '0', 64);
	hash[64] = '\0';
	if (mc_pg_nrows(r) == 1) {
		*id = strtoll(mc_pg_value(r, 0, 0), NULL, 10);
		snprintf(hash, 65, "%s", mc_pg_value(r, 0, 1));
	}
	mc_pg_rows_free(r);
	return MC_OK;
}

static mc_status province_hash_at(mc_pg *pg, const char *unit, int64_t id, char hash[65],
				  int *found)
{
	char ids[24];
	const char *p[] = { unit, ids };
	mc_pg_rows *r;
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	mc_status st = mc_pg_query(pg, "SELECT hash FROM audit_log WHERE unit_id = $1 AND id = $2",
				   2, p, &r);
	if (st != MC_OK)
		return st;
	if ((*found = mc_pg_nrows(r) == 1))
		snprintf(hash, 65, "%s", mc_pg_value(r, 0, 0));
	mc_pg_rows_free(r);
	return MC_OK;
}

/* The cursors of a batch, read under the ward's lock: the province's
 * last record of the unit and its hash, and its newest dossier and row
 * of the history of the unit (mc_sync_held). */
static mc_status batch_cursor(mc_pg *pg, const char *unit, int64_t *id, char hash[65],
			      mc_sync_held *held)
{
	mc_pg_rows *r;
	const char *p[] = { unit };
	mc_status st;
	if ((st = province_head(pg, unit, id, hash)) != MC_OK ||
	    (st = mc_pg_query(pg, "SELECT (SELECT coalesce(max(id), 0) FROM dossiers"
			      " WHERE unit_id = $1), (SELECT coalesce(max(id), 0)"
			      " FROM dossier_history WHERE unit_id = $1)", 1, p, &r)) != MC_OK)
		return st;
	held->dossier = strtoll(mc_pg_value(r, 0, 0), NULL, 10);
	held->history = strtoll(mc_pg_value(r, 0, 1), NULL, 10);
	mc_pg_rows_free(r);
	return MC_OK;
}

/* Does the ward's record id differ from the province's? A record the
 * province lacks differs in nothing; one the ward lacks differs. */
static mc_status differs(mc_sync *s, mc_pg *pg, int64_t id, int *d, char prov[65],
			 char ward[65])
{
	int pf, wf;
	mc_status st = province_hash_at(pg, mc_sync_unit(s), id, prov, &pf);
	if (st != MC_OK)
		return st;
	if (mc_sync_hash_at(s, id, ward, &wf) != MC_OK)
		return MC_DB;
	if (!wf)
		ward[0] = '\0';
	*d = pf && (!wf || strcmp(prov, ward) != 0);
	return MC_OK;
}

/*
 * The witness, refused: each record's hash covers the one before it, so
 * once a record differs every later one does, and the first that differs
 * is found by halving. The province records the incident (committed on
 * its own: the push is refused, the incident stays).
 */
static mc_status refuse(mc_sync *s, mc_pg *pg, int64_t last)
{
	char prov[65], ward[65], rec[24];
	int64_t lo = 1, hi = last;
	int d;
	mc_status st;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		if ((st = differs(s, pg, mid, &d, prov, ward)) != MC_OK)
			return st;
		if (d)
			hi = mid;
		else
			lo = mid + 1;
	}
	if ((st = differs(s, pg, lo, &d, prov, ward)) != MC_OK)
		return st;
	snprintf(rec, sizeof rec, "%lld", (long long)lo);
	const char *p[] = { mc_sync_unit(s), rec, prov, ward[0] ? ward : NULL };
	if ((st = mc_pg_exec(pg, "INSERT INTO incidents(unit_id, record, province_hash, ward_hash)"
			     " VALUES ($1, $2, $3, $4)", 4, p)) != MC_OK)
		return st;
	if (!ward[0])
		return mc_pg_fail(pg, MC_REFUSED, _("the audit log was rewritten: record %s, which "
						    "the province holds, is gone; nothing was sent "
						    "and the province recorded the incident"), rec);
	return mc_pg_fail(pg, MC_REFUSED, _("the audit log was rewritten: record %s differs from "
					    "the province's copy (province %.12s, here %.12s); "
					    "nothing was sent and the province recorded the "
					    "incident"), rec, prov, ward);
}

/* "a = EXCLUDED.a, b = EXCLUDED.b" for each column of cols. */
static void set_list(mc_strbuf *sql, const char *cols)
{
	const char *p = cols;
	int first = 1;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ", ");
		if (!n)
			break;
		mc_strbuf_addf(sql, "%s%.*s = EXCLUDED.%.*s", first ? "" : ", ", (int)n, p,
			       (int)n, p);
		first = 0;
		p += n;
	}
}

/* What a push keeps from batch to batch. */
struct push {
	mc_db *db;
	mc_sync *s;
	mc_pg *pg;
	long batch;
	unsigned staged;       /* a bit per table whose staging table is made */
	mc_sync_batch cur;     /* the batch being sent                        */
	/* The ward's partitions of audit_log, dossier_history (province
	 * schema 5) and dossiers (8), quoted: its role alone may write into
	 * them. */
	char part_log[160], part_hist[160], part_dossiers[160];
};

/* Rows all new to the province, by COPY straight into the ward's
 * partition: PostgreSQL refuses COPY into the parent (row-level
 * security), and checks each row against the partition's bound. */
static mc_status copy_into(mc_pg *pg, const char *part, size_t t, const mc_strbuf *rows)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_strbuf_addf(&sql, "COPY %s (unit_id, %s) FROM STDIN", part, mc_province_tables[t].cols);
	mc_status st = sql.oom ? MC_NOMEM : mc_pg_copy(pg, sql.s, rows->s, rows->len);
	mc_strbuf_release(&sql);
	return st;
}

/*
 * One table's rows of the batch that may be at the province already, by
 * COPY into a staging table; the statement that moves them in (through
 * the parent's row-level security) is added to *moves, run after every
 * table's COPY. The staging table is made once per push, at its first
 * batch with rows of the table (p->staged has a bit per table made), and
 * emptied at each commit: making and dropping it at every batch cost
 * more than the batch's small tables took to move. A row sent again
 * replaces the province's where the ward changes its rows in place, and
 * is kept where they are append-only.
 */
static mc_status send_table(struct push *p, size_t t, const mc_strbuf *rows, mc_strbuf *moves)
{
	const struct mc_province_table *pt = &mc_province_tables[t];
	mc_pg *pg = p->pg;
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_status st = MC_OK;
	if (!(p->staged & 1u << t)) {
		mc_strbuf_addf(&sql, "CREATE TEMP TABLE stage_%s (LIKE %s) ON COMMIT DELETE ROWS",
			       pt->name, pt->name);
		st = sql.oom ? MC_NOMEM : mc_pg_exec(pg, sql.s, 0, NULL);
		mc_strbuf_clear(&sql);
		if (st == MC_OK)
			p->staged |= 1u << t;
	}
	mc_strbuf_addf(&sql, "COPY stage_%s (unit_id, %s) FROM STDIN", pt->name, pt->cols);
	if (st == MC_OK)
		st = sql.oom ? MC_NOMEM : mc_pg_copy(pg, sql.s, rows->s, rows->len);
	mc_strbuf_release(&sql);
	/* A batch names each row once (mc_sync_next takes each key once),
	 * but for the registers, where an import's range and an entry's own
	 * record may both bring one entry: ON CONFLICT may not meet a row
	 * twice in one statement. Elsewhere its sort cost a quarter of the
	 * move (10,000 dossiers: 186 ms with it, 137 without). */
	int twice = mc_province_has_words(pt);
	mc_strbuf_addf(moves, "INSERT INTO %s (unit_id, %s) SELECT ", pt->name, pt->cols);
	if (twice)
		mc_strbuf_addf(moves, "DISTINCT ON (unit_id, %s) ", pt->key);
	mc_strbuf_addf(moves, "unit_id, %s FROM stage_%s ON CONFLICT (unit_id, %s) DO ",
		       pt->cols, pt->name, pt->key);
	if (pt->in_place) {
		mc_strbuf_addf(moves, "UPDATE SET ");
		set_list(moves, pt->cols);
	} else {
		mc_strbuf_addf(moves, "NOTHING");
	}
	mc_strbuf_addf(moves, ";");
	return st == MC_OK && moves->oom ? MC_NOMEM : st;
}

/*
 * The batch's rows: the log's records are all new (the cursor says so:
 * one already there is an error), and so are the dossiers and the
 * history's rows of b->fresh_dossiers and b->fresh (the cursor held):
 * all COPYed straight in. The rest may have been sent before (a
 * dossier moved on, its older history with it): staged and moved.
 */
static mc_status send_rows(struct push *p, const mc_sync_batch *b, mc_strbuf *moves)
{
	mc_status st = MC_OK;
	for (size_t t = 0; t < mc_province_ntables && st == MC_OK; t++) {
		const char *name = mc_province_tables[t].name;
		if (strcmp(name, "dossiers") == 0 && b->nfresh_dossiers > 0)
			st = copy_into(p->pg, p->part_dossiers, t, &b->fresh_dossiers);
		if (strcmp(name, "dossier_history") == 0 && b->nfresh > 0 && st == MC_OK)
			st = copy_into(p->pg, p->part_hist, t, &b->fresh);
		if (b->nrows[t] == 0 || st != MC_OK)
			continue;
		if (strcmp(name, "audit_log") == 0)
			st = copy_into(p->pg, p->part_log, t, &b->rows[t]);
		else
			st = send_table(p, t, &b->rows[t], moves);
	}
	return st;
}

/* A test hook of push.h: the batch before whose commit to cut, or -1. */
static long cut_at(const char *name)
{
	const char *v = getenv(name);
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : -1;
	return v && *v && !*end ? n : -1;
}

/*
 * The next batch, made by a thread of its own while the server takes
 * the rows of the one before it: good for the cursors it was made after.
 * While it runs, the thread alone uses the ward's database (the snapshot
 * s); the push's thread uses the province's connection only, and waits
 * for it (finish_next) before it touches the ward's database again.
 */
struct next {
	mc_sync *s;
	long batch;
	pthread_t thread;
	int running, ready, hashed;
	mc_sync_batch b;
	int64_t after;
	mc_sync_held held;
	char hash[65];
};

static void *make_next(void *arg)
{
	struct next *nx = arg;
	int found = 1;
	if (!nx->hashed && (mc_sync_hash_at(nx->s, nx->after, nx->hash, &found) != MC_OK ||
			    !found))
		return NULL;
	nx->ready = mc_sync_next(nx->s, nx->after, nx->hash, &nx->held, nx->batch,
				 &nx->b) == MC_OK;
	if (!nx->ready)
		mc_sync_batch_release(&nx->b);
	return NULL;
}

/* Begins the batch after record `after` (hash: its hash, or NULL to read
 * it from the ward) and the rows held; made here at once when no thread
 * can be had. */
static void start_next(struct next *nx, int64_t after, const char *hash,
		       const mc_sync_held *held)
{
	mc_sync_batch_clear(&nx->b);
	nx->ready = 0;
	nx->after = after;
	nx->held = *held;
	nx->hashed = hash != NULL;
	if (hash)
		snprintf(nx->hash, sizeof nx->hash, "%s", hash);
	nx->running = pthread_create(&nx->thread, NULL, make_next, nx) == 0;
	if (!nx->running)
		make_next(nx);
}

static void finish_next(struct next *nx)
{
	if (nx->running)
		pthread_join(nx->thread, NULL);
	nx->running = 0;
}

/* The batch after cursor cur (its record's hash): the one made ahead
 * when it follows that cursor, else made now. */
static mc_status take_batch(mc_db *db, mc_sync *s, mc_pg *pg, long batch, int64_t cur,
			    const char *hash, const mc_sync_held *held, struct next *nx,
			    mc_sync_batch *b)
{
	mc_status st = MC_OK;
	finish_next(nx);
	if (nx->ready && nx->after == cur && nx->held.dossier == held->dossier &&
	    nx->held.history == held->history &&
	    strcmp(nx->hash, hash) == 0) {
		/* b's memory goes to the batch after it. */
		mc_sync_batch t = *b;
		*b = nx->b;
		nx->b = t;
	} else {
		mc_sync_batch_clear(b);
		if ((st = mc_sync_next(s, cur, hash, held, batch, b)) != MC_OK)
			mc_pg_fail(pg, st, "%s", mc_errmsg(db));
	}
	nx->ready = 0;
	return st;
}

/*
 * One batch in one transaction: the ward's lock taken (two pushes of one
 * ward wait for each other), the cursor read under it, the rows sent,
 * the push noted, while the next batch is read from the ward (its
 * thread, begun as soon as this one is taken). The statements that move
 * the rows in and the commit go in one message; a batch of the test
 * hooks is committed the plain way. *sent 0 when
 * there was nothing more to send.
 */
static mc_status push_batch(struct push *ps, long n, mc_push_result *res, int *sent,
			    struct next *nx)
{
	mc_db *db = ps->db;
	mc_sync *s = ps->s;
	mc_pg *pg = ps->pg;
	long batch = ps->batch;
	const char *unit = mc_sync_unit(s), *p[] = { unit };
	mc_strbuf moves = MC_STRBUF_INIT;
	char hash[65];
	int64_t cur;
	mc_sync_held held;
	mc_sync_batch *b = &ps->cur;
	mc_status st;
	*sent = 0;
	if ((st = mc_pg_exec(pg, "BEGIN", 0, NULL)) != MC_OK)
		return st;
	if ((st = mc_pg_exec(pg, "SELECT pg_advisory_xact_lock(hashtext('motcua push ' || $1))",
			     1, p)) != MC_OK ||
	    (st = batch_cursor(pg, unit, &cur, hash, &held)) != MC_OK ||
	    (st = take_batch(db, s, pg, batch, cur, hash, &held, nx, b)) != MC_OK ||
	    b->records == 0)
		goto out;
	start_next(nx, b->last, NULL, &b->held);
	st = send_rows(ps, b, &moves);
	long rows = b->nfresh + b->nfresh_dossiers;
	for (size_t t = 0; t < mc_province_ntables; t++)
		rows += b->nrows[t];
	rows -= b->records;
	char first[24], last[24], nrows[24];
	snprintf(first, sizeof first, "%lld", (long long)b->first);
	snprintf(last, sizeof last, "%lld", (long long)b->last);
	snprintf(nrows, sizeof nrows, "%ld", rows);
	const char *q[] = { unit, first, last, nrows };
	if (st == MC_OK)
		st = mc_pg_exec(pg, "INSERT INTO pushes(unit_id, first_record, last_record, rows)"
				" VALUES ($1, $2, $3, $4)", 4, q);
	if (st == MC_OK && (n == cut_at("MOTCUA_TEST_PUSH_CUT") ||
			    n == cut_at("MOTCUA_TEST_PUSH_TERMINATE"))) {
		if ((st = moves.len ? mc_pg_exec(pg, moves.s, 0, NULL) : MC_OK) == MC_OK &&
		    n == cut_at("MOTCUA_TEST_PUSH_CUT"))
			raise(SIGKILL);
		if (st == MC_OK)
			st = mc_pg_exec(pg, "SELECT pg_terminate_backend(pg_backend_pid())", 0, NULL);
		if (st == MC_OK)
			st = mc_pg_exec(pg, "COMMIT", 0, NULL);
	} else if (st == MC_OK) {
		mc_strbuf_addf(&moves, "COMMIT");
		if ((st = moves.oom ? MC_NOMEM : mc_pg_send(pg, moves.s)) == MC_OK)
			st = mc_pg_wait(pg);
	}
	if (st == MC_OK) {
		res->batches++;
		res->records += b->records;
		res->rows += rows;
		*sent = 1;
	}
out:
	mc_strbuf_release(&moves);
	/* A staging table made in a batch rolled back is gone with it. A
	 * connection lost has nothing to roll back, and its reason stays. */
	if ((st != MC_OK && st != MC_UNREACHABLE) || (st == MC_OK && !*sent))
		mc_pg_exec(pg, "ROLLBACK", 0, NULL);
	if (st != MC_OK)
		ps->staged = 0;
	return st;
}

/*
 * The checkpoint of the chain at the record the push ends on, signed with
 * the office's key, and that key: the province keeps one per record, so a
 * push that sent nothing new sends no second one. Taken in the push's
 * read snapshot (mc_sync_begin), so at the head it sends, and before any
 * batch goes: a key that cannot sign stops the push before it sends
 * anything. An office with no key yet sends none (line NULL).
 */
struct checkpoint {
	char *line;
	char key[MC_SIGN_KEY_TEXT];
	char record[24];
};

static mc_status take_checkpoint(mc_db *db, mc_pg *pg, int64_t head, struct checkpoint *c)
{
	unsigned char pk[MC_SIGN_PUBLIC_BYTES];
	mc_checkpoint cp;
	mc_status st;
	c->line = NULL;
	if (head == 0)
		return MC_OK;
	st = mc_sign_public_key(db, pk);
	if (st == MC_NOT_FOUND)
		return MC_OK;
	if (st == MC_OK)
		st = mc_checkpoint_take(db, &cp, &c->line);
	if (st != MC_OK)
		return mc_pg_fail(pg, st, "%s", mc_errmsg(db));
	if (cp.record != head) {
		free(c->line);
		c->line = NULL;
		return mc_pg_fail(pg, MC_DB, "checkpoint at record %lld, the push at %lld",
				  (long long)cp.record, (long long)head);
	}
	mc_sign_key_format(pk, c->key, sizeof c->key);
	snprintf(c->record, sizeof c->record, "%lld", (long long)head);
	return MC_OK;
}

static mc_status send_checkpoint(mc_pg *pg, const char *unit, const struct checkpoint *c)
{
	if (!c->line)
		return MC_OK;
	const char *p[] = { unit, c->record, c->line, c->key };
	return mc_pg_exec(pg, "INSERT INTO checkpoints(unit_id, record, line, public_key)"
			  " VALUES ($1, $2, $3, $4) ON CONFLICT (unit_id, record) DO NOTHING", 4, p);
}

/* The ward's card (core/citizen.h) into ward_offices, read in the push's
 * snapshot; a card as the province has it already changes nothing. */
static mc_status push_office(mc_db *db, mc_pg *pg, const char *unit)
{
	mc_office_card o;
	char offset[16];
	mc_status st = mc_office_card_read(db, &o);
	if (st != MC_OK)
		return mc_pg_fail(pg, st, "%s", mc_errmsg(db));
	snprintf(offset, sizeof offset, "%d", o.offset);
	const char *p[] = { unit, o.unit_name, o.address, o.phone, o.hours, o.workweek, offset };
	st = mc_pg_exec(pg, "INSERT INTO ward_offices(unit_id, unit_name, office_address,"
			" office_phone, office_hours, workweek, utc_offset_min)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (unit_id) DO UPDATE SET"
			" unit_name = EXCLUDED.unit_name, office_address = EXCLUDED.office_address,"
			" office_phone = EXCLUDED.office_phone, office_hours = EXCLUDED.office_hours,"
			" workweek = EXCLUDED.workweek, utc_offset_min = EXCLUDED.utc_offset_min,"
			" updated_at = now()"
			" WHERE (ward_offices.unit_name, ward_offices.office_address,"
			" ward_offices.office_phone, ward_offices.office_hours, ward_offices.workweek,"
			" ward_offices.utc_offset_min) IS DISTINCT FROM (EXCLUDED.unit_name,"
			" EXCLUDED.office_address, EXCLUDED.office_phone, EXCLUDED.office_hours,"
			" EXCLUDED.workweek, EXCLUDED.utc_offset_min)", 7, p);
	mc_office_card_release(&o);
	return st;
}

/* The names of the ward's partitions, as the province makes them. */
static mc_status partitions(struct push *ps, const char *unit)
{
	mc_pg_rows *r;
	const char *p[] = { unit };
	mc_status st = mc_pg_query(ps->pg, "SELECT quote_ident(motcua_partition('audit_log', $1)),"
				   " quote_ident(motcua_partition('dossier_history', $1)),"
				   " quote_ident(motcua_partition('dossiers', $1))", 1, p, &r);
	if (st != MC_OK)
		return st;
	snprintf(ps->part_log, sizeof ps->part_log, "%s", mc_pg_value(r, 0, 0));
	snprintf(ps->part_hist, sizeof ps->part_hist, "%s", mc_pg_value(r, 0, 1));
	snprintf(ps->part_dossiers, sizeof ps->part_dossiers, "%s", mc_pg_value(r, 0, 2));
	mc_pg_rows_free(r);
	return MC_OK;
}

mc_status mc_push(mc_db *db, mc_pg *pg, long batch, mc_push_result *res)
{
	mc_sync *s = NULL;
	mc_pg_rows *r = NULL;
	char hash[65], ward[65];
	int64_t last;
	int version, found, sent = 1;
	struct push ps = { .db = db, .pg = pg, .batch = batch };
	struct next nx = { .batch = batch };
	struct checkpoint cp = { .line = NULL };
	mc_sync_held held;
	mc_sync_batch_init(&nx.b);
	mc_sync_batch_init(&ps.cur);
	mc_status st;
	memset(res, 0, sizeof *res);
	if ((st = mc_pg_schema_check(pg, &version)) != MC_OK)
		return st;
	if ((st = mc_sync_begin(db, &s)) != MC_OK) {
		mc_pg_fail(pg, st, "%s", mc_errmsg(db));
		goto out;
	}
	res->head = mc_sync_head(s);
	if ((st = take_checkpoint(db, pg, res->head, &cp)) != MC_OK)
		goto out;
	const char *p[] = { mc_sync_unit(s) };
	/* The ward's role must be the unit's: its rows would be refused. */
	if ((st = mc_pg_query(pg, "SELECT 1 FROM wards WHERE unit_id = $1 AND role = current_user",
			      1, p, &r)) != MC_OK)
		goto out;
	if (mc_pg_nrows(r) != 1) {
		st = mc_pg_fail(pg, MC_REFUSED, _("the province knows no ward %s whose role is the "
						  "one connected: its owner adds it with 'motcua "
						  "province init URL --ward %s=ROLE'"), p[0], p[0]);
		goto out;
	}
	if ((st = batch_cursor(pg, p[0], &last, hash, &held)) != MC_OK)
		goto out;
	if (last > 0) {
		if (mc_sync_hash_at(s, last, ward, &found) != MC_OK) {
			st = mc_pg_fail(pg, MC_DB, "%s", mc_errmsg(db));
			goto out;
		}
		if (!found || strcmp(ward, hash) != 0) {
			st = refuse(s, pg, last);
			goto out;
		}
	}
	if ((st = partitions(&ps, p[0])) != MC_OK)
		goto out;
	ps.s = nx.s = s;
	/* The first batch, made while its transaction begins. */
	start_next(&nx, last, hash, &held);
	for (long n = 0; sent && st == MC_OK; n++)
		st = push_batch(&ps, n, res, &sent, &nx);
	finish_next(&nx);
	if (st == MC_OK)
		st = send_checkpoint(pg, p[0], &cp);
	if (st == MC_OK)
		st = push_office(db, pg, p[0]);
	/* The registers' words' shares, for `province search`, as ANALYZE
	 * (autovacuum's, after an earlier push) last counted them. */
	if (st == MC_OK)
		st = mc_pg_exec(pg, "SELECT motcua_words_refresh()", 0, NULL);
out:
	finish_next(&nx);
	free(cp.line);
	mc_sync_batch_release(&nx.b);
	mc_sync_batch_release(&ps.cur);
	mc_pg_rows_free(r);
	mc_sync_end(s);
	return st;
}
