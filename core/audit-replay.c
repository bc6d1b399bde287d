/* motcua — db check's replay: every record of the audit log read against
 * what the program can do. A record appended with hashes that match (the
 * encoding is public) still has to tell of a change that one of the
 * program's commands could have made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-private.h"
#include "clock.h"
#include "i18n.h"
#include "lifecycle.h"
#include "text.h"

/*
 * What each command records, as the code of core/ writes it (grep
 * mc_audit_record): one row per command, table and kind of record. A
 * record must fit one of the rows of its command and table: be the first
 * record of its key (R_NEW) or follow others (R_OLD), be a range record
 * (R_RANGE) or not, remove the row only where R_GONE says so, and hold in
 * its change only the keys listed.
 */
enum {
	R_NEW = 1,      /* writes a row that its key never had: its first record */
	R_OLD = 2,      /* changes a row that records before wrote            */
	R_GONE = 4,     /* may remove the row                                 */
	R_RANGE = 8,    /* a range record (rows written in bulk)              */
	R_ROW = 16,     /* the change is the row's columns (any of them)      */
};

struct rule {
	const char *command;    /* "*": any command                       */
	const char *tables;     /* space-separated                        */
	unsigned flags;
	const char *keys;       /* the keys its change may hold           */
	const char *sets;       /* those that are columns set to the value */
	const char *amends;     /* columns that "changes" holds as [old,new] */
	const char *only_key;   /* the one key it writes; NULL: any       */
	const char *not_key;    /* a key it never writes; NULL: none      */
};

#define REGISTERS "births marriages deaths"
#define MOVE_KEYS "status due_at finished_at returned_at paused_at promised_at"

/* The office's public key is no setting of config: stored once, by the
 * first command that signs, and never changed (core/sign.c). */
#define PK "signing_public_key"
/* Settings that only init (the training mark) or the first signing (the
 * public key) write. */
#define NOT_CONFIG PK " training"
#define DROP_KEYS "state dropped_why"
#define INDEXES "register_names dossier_names"

static const struct rule rules[] = {
	{ "init", "settings", R_NEW | R_OLD, "value", NULL, NULL, NULL, PK },
	{ "init", "procedures", R_NEW | R_OLD | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "config set", "settings", R_NEW | R_OLD | R_GONE, "value", NULL, NULL, NULL, NOT_CONFIG },
	{ "*", "settings", R_NEW, "value", NULL, NULL, PK, NULL },
	{ "procedure add", "procedures", R_NEW | R_OLD | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "procedure import", "procedures", R_NEW | R_OLD | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "holiday add", "holidays", R_NEW | R_OLD | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "holiday import", "holidays", R_NEW | R_OLD | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier new", "dossiers", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier update", "dossiers", R_OLD, MOVE_KEYS " note reason", MOVE_KEYS, NULL, NULL, NULL },
	{ "dossier amend", "dossiers", R_OLD, "event changes reason", NULL,
	  "applicant phone id_number address email", NULL, NULL },
	{ "dossier note", "dossiers", R_OLD, "event note", NULL, NULL, NULL, NULL },
	{ "dossier cancel", "dossiers", R_OLD, "event status reason", "status", NULL, NULL, NULL },
	{ "dossier export", "portal_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract birth", "extracts", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract marriage", "extracts", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract death", "extracts", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	/* An extract issued for a dossier finishes it. */
	{ "extract birth", "dossiers", R_OLD, MOVE_KEYS " note", MOVE_KEYS, NULL, NULL, NULL },
	{ "extract marriage", "dossiers", R_OLD, MOVE_KEYS " note", MOVE_KEYS, NULL, NULL, NULL },
	{ "extract death", "dossiers", R_OLD, MOVE_KEYS " note", MOVE_KEYS, NULL, NULL, NULL },
	{ "extract reprint", "extract_events", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract void", "extract_events", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	/* An entry has records of its own, or is in a range record. */
	{ "register add", REGISTERS, R_NEW, "book number", NULL, NULL, NULL, NULL },
	{ "register import", REGISTERS, R_NEW | R_RANGE, "rows", NULL, NULL, NULL, NULL },
	/* With --amend: entries amended, and the ranges that cover them anew. */
	{ "register import", REGISTERS, R_NEW | R_OLD, "book number amendment", NULL, NULL, NULL, NULL },
	{ "register import", REGISTERS, R_OLD | R_RANGE, "rows after", NULL, NULL, NULL, NULL },
	{ "register import", "register_amendments", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "register amend", REGISTERS, R_NEW | R_OLD, "book number amendment", NULL, NULL, NULL, NULL },
	{ "register amend", REGISTERS, R_OLD | R_RANGE, "rows after", NULL, NULL, NULL, NULL },
	{ "register amend", "register_amendments", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	/* The outbox (core/notify.c): a change of status queues a message and
	 * drops those it makes pointless; an amendment carries the new phone
	 * and name into messages not sent (the row) or drops them; notify
	 * mark says how a sending went. */
	{ "dossier new", "notifications", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier update", "notifications", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier update", "notifications", R_OLD, DROP_KEYS, DROP_KEYS, NULL, NULL, NULL },
	{ "dossier cancel", "notifications", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier cancel", "notifications", R_OLD, DROP_KEYS, DROP_KEYS, NULL, NULL, NULL },
	{ "extract birth", "notifications", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract birth", "notifications", R_OLD, DROP_KEYS, DROP_KEYS, NULL, NULL, NULL },
	{ "extract marriage", "notifications", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract marriage", "notifications", R_OLD, DROP_KEYS, DROP_KEYS, NULL, NULL, NULL },
	{ "extract death", "notifications", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract death", "notifications", R_OLD, DROP_KEYS, DROP_KEYS, NULL, NULL, NULL },
	/* (The drop first: a rule for the whole row would take any change.) */
	{ "dossier amend", "notifications", R_OLD, DROP_KEYS, DROP_KEYS, NULL, NULL, NULL },
	{ "dossier amend", "notifications", R_OLD | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "notify mark", "notifications", R_OLD, "state msg_id last_error",
	  "state msg_id last_error", NULL, NULL, NULL },
	/* notify send: each message marked sending before its request, and
	 * its outcome after (core/notify-send.c). */
	{ "notify send", "notifications", R_OLD, "state msg_id last_error channel",
	  "state msg_id last_error channel", NULL, NULL, NULL },
	/* Each bulk export of citizens' data records itself (core/export-log.c). */
	{ "register export", "data_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "report dossiers", "data_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier export", "data_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "extract list", "data_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "dossier list", "data_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "notify export", "data_exports", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	/* The Zalo inbox (core/inbox-webhook.c): the webhook of serve stores a
	 * message (clerk "zalo"); a clerk marks it done, or receives a dossier
	 * from it, which marks it done and links it. */
	{ "serve", "inbox", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "inbox done", "inbox", R_OLD, "done_at done_by", "done_at done_by", NULL, NULL, NULL },
	{ "dossier new", "inbox", R_OLD, "done_at done_by dossier_id",
	  "done_at done_by dossier_id", NULL, NULL, NULL },
	/* A search index rebuilt by db check --repair-index: a note, not a
	 * row (core/search-index.c). */
	{ "db check", INDEXES, R_NEW | R_OLD | R_GONE, "entries", NULL, NULL, "#rebuilt", NULL },
	/* An upgrade records the rows from before the log, and the columns
	 * its data steps fill (core/upgrade.c). */
	{ "schema upgrade", "*", R_NEW | R_ROW, NULL, NULL, NULL, NULL, NULL },
	{ "schema upgrade", "dossiers", R_OLD, "promised_at", "promised_at", NULL, NULL, NULL },
	{ "schema upgrade", "procedures", R_OLD, "kind field_name", "kind field_name", NULL, NULL,
	  NULL },
};

/* Columns that a command sets without saying so in its change: the time
 * of a dossier's last change is the record's own. */
static const char *const unrecorded[][2] = {
	{ "dossiers", "updated_at" },
	/* notify mark records how a sending went, not its count and times. */
	{ "notifications", "attempts sent_at updated_at next_at" },
};

/* Is word one of the space-separated words of list ("*" holds all)? */
static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	if (!list || !n)
		return 0;
	if (strcmp(list, "*") == 0)
		return 1;
	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

static const char *unrecorded_of(const char *table)
{
	for (size_t i = 0; i < sizeof unrecorded / sizeof unrecorded[0]; i++)
		if (strcmp(unrecorded[i][0], table) == 0)
			return unrecorded[i][1];
	return "";
}

/* One record as the replay reads it. */
struct rec {
	int64_t id;
	mc_time at;
	const char *command, *table, *key, *change, *row_hash, *status;
	int is_object;          /* the change is a JSON object            */
};

/* What the records of one key said so far. */
struct story {
	char table[64];
	char *key;
	int64_t last_id;        /* 0: none yet                            */
	mc_time last_at;
	const char *last_command;
	char *last_hash;        /* the row hash of its last record        */
	char *status;           /* a dossier's status, NULL: unknown      */
	int64_t status_id;      /* the record that gave it                */
	char *state;            /* its columns as JSON, NULL: not known    */
	int whole;              /* state holds every column               */
};

struct replay {
	struct mc_checker *c;
	sqlite3_stmt *patch, *pick, *amend, *differ, *bad_key;
	int off;
	struct story s;
	char *last_command;     /* owned copy for s.last_command          */
};

/* The message names what a forger wrote (command, key, values): shown
 * with control characters escaped. */
static void impossible(struct replay *r, const struct rec *e, const char *what)
{
	char msg[1024];
	snprintf(msg, sizeof msg, _("audit record %lld (%s): %s %s: impossible: %s"),
		 (long long)e->id, e->command, e->table, e->key, what);
	char *safe = mc_text_escape(msg);
	mc_check_problem(r->c, MC_PROBLEM_REPLAY, e->table, e->key, e->id, "%s",
			 safe ? safe : "?");
	free(safe);
}

/* ---- the rules ---- */

/* Is rule u about the record's command and table (and, with key, about
 * its key)? */
static int rule_applies(const struct rule *u, const struct rec *e, int range, int key)
{
	return (strcmp(u->command, "*") == 0 || strcmp(u->command, e->command) == 0) &&
	       has_word(u->tables, e->table) && !!(u->flags & R_RANGE) == range &&
	       (!key || ((!u->only_key || strcmp(u->only_key, e->key) == 0) &&
			 (!u->not_key || !has_word(u->not_key, e->key))));
}

/* The first key of the change that rule u does not allow, in buf; NULL:
 * none. A key is allowed when it is one of the words of u->keys (or
 * "changes", for an amendment). */
static const char *key_not_allowed(struct replay *r, const struct rule *u, const struct rec *e,
				   char *buf, size_t n)
{
	char allowed[256];
	const char *found = NULL;
	snprintf(allowed, sizeof allowed, "%s%s", u->keys ? u->keys : "",
		 u->amends ? " changes" : "");
	sqlite3_bind_text(r->bad_key, 1, e->change, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->bad_key, 2, allowed, -1, SQLITE_STATIC);
	if (sqlite3_step(r->bad_key) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(r->bad_key, 0);
		snprintf(buf, n, "%s", k && *k ? k : "\"\"");
		found = buf;
	}
	sqlite3_reset(r->bad_key);
	return found;
}

/* Does the record follow rule u? 0, or why not in what. */
static int follows(struct replay *r, const struct rule *u, const struct rec *e,
		   char *what, size_t n)
{
	char bad[128];
	int known = r->s.last_id != 0;
	if (!(u->flags & (known ? R_OLD : R_NEW)) && known)
		snprintf(what, n, _("%s writes only new rows, and audit record %lld wrote this one before"),
			 e->command, (long long)r->s.last_id);
	else if (!(u->flags & (known ? R_OLD : R_NEW)))
		snprintf(what, n, _("%s changes only existing rows, and no record before wrote this one"),
			 e->command);
	else if (!e->row_hash && !(u->flags & R_GONE))
		snprintf(what, n, _("%s never removes a row"), e->command);
	else if (!(u->flags & R_ROW) && !e->is_object)
		snprintf(what, n, _("%s records its change as a JSON object"), e->command);
	else if (!(u->flags & R_ROW) && key_not_allowed(r, u, e, bad, sizeof bad))
		snprintf(what, n, _("%s never changes %s"), e->command, bad);
	else
		return 1;
	return 0;
}

/* The rule that the record follows; NULL after reporting why none: why
 * the first rule of its command and table does not fit. */
static const struct rule *check_rule(struct replay *r, const struct rec *e)
{
	int64_t first, last;
	int range = mc_audit_range_key(e->key, &first, &last), any = 0;
	char what[512], why[512];
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		const struct rule *u = &rules[i];
		if (!rule_applies(u, e, range, 1))
			continue;
		if (follows(r, u, e, any ? why : what, sizeof what))
			return u;
		any = 1;
	}
	/* Its command writes the table, but never this key. */
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i].not_key && has_word(rules[i].not_key, e->key) &&
		    rule_applies(&rules[i], e, range, 0) && strcmp(rules[i].command, "*") != 0)
			any = 2;
	if (any == 2)
		snprintf(what, sizeof what, _("%s never writes %s %s"), e->command, e->table, e->key);
	else if (!any)
		snprintf(what, sizeof what, _("%s never writes %s"), e->command,
			 range ? _("a range of rows") : e->table);
	impossible(r, e, what);
	return NULL;
}

/* ---- a dossier's lifecycle and times ---- */

static void check_move(struct replay *r, const struct rec *e, int first)
{
	mc_dossier_status from, to;
	char what[256];
	if (!e->status || strcmp(e->table, "dossiers") != 0)
		return;
	if (mc_dossier_status_parse(e->status, &to) != MC_OK) {
		snprintf(what, sizeof what, _("\"%s\" is not a status"), e->status);
		impossible(r, e, what);
		return;
	}
	if (first) {
		if (to != MC_ST_RECEIVED && strcmp(e->command, "dossier new") == 0) {
			snprintf(what, sizeof what, _("a new dossier is received, not %s"), e->status);
			impossible(r, e, what);
		}
		return;
	}
	if (!r->s.status || mc_dossier_status_parse(r->s.status, &from) != MC_OK || from == to)
		return;
	/* Cancelled is reached only by dossier cancel, from received. */
	int cancel = strcmp(e->command, "dossier cancel") == 0;
	int ok = cancel ? from == MC_ST_RECEIVED && to == MC_ST_CANCELLED
			: (mc_dossier_status_info(from)->next & MC_ST_BIT(to)) != 0;
	if (!ok) {
		snprintf(what, sizeof what, _("%s to %s is not a move of the lifecycle (audit record %lld left it %s)"),
			 r->s.status, e->status, (long long)r->s.status_id, r->s.status);
		impossible(r, e, what);
	}
}

static void check_key_time(struct replay *r, const struct rec *e)
{
	char what[256], a[40], b[40];
	if (!r->s.last_id || e->at >= r->s.last_at)
		return;
	mc_format_time_human(e->at, r->off, a, sizeof a);
	mc_format_time_human(r->s.last_at, r->off, b, sizeof b);
	snprintf(what, sizeof what, _("dated %s, before audit record %lld of the same row (%s)"),
		 a, (long long)r->s.last_id, b);
	impossible(r, e, what);
}

/* ---- what the records say of the columns ---- */

static char *column_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? strdup((const char *)t) : NULL;
}

/* state := json_patch(state, patch): the columns a record set. */
static void apply_patch(struct replay *r, const char *patch)
{
	if (!r->s.state || !patch)
		return;
	sqlite3_bind_text(r->patch, 1, r->s.state, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->patch, 2, patch, -1, SQLITE_STATIC);
	char *next = sqlite3_step(r->patch) == SQLITE_ROW ? column_text(r->patch, 0) : NULL;
	sqlite3_reset(r->patch);
	free(r->s.state);
	r->s.state = next;
}

/* The columns of a record's change: sets (the values), amends (the new
 * of each [old, new], whose old must be the value the records gave). */
static void replay_columns(struct replay *r, const struct rule *u, const struct rec *e)
{
	if (u->flags & R_ROW) {
		free(r->s.state);
		r->s.state = e->is_object ? strdup(e->change) : NULL;
		r->s.whole = r->s.state != NULL;
		return;
	}
	if (u->sets) {
		sqlite3_bind_text(r->pick, 1, e->change, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->pick, 2, u->sets, -1, SQLITE_STATIC);
		char *patch = sqlite3_step(r->pick) == SQLITE_ROW ? column_text(r->pick, 0) : NULL;
		sqlite3_reset(r->pick);
		apply_patch(r, patch);
		free(patch);
	}
	if (u->amends && r->s.state) {
		sqlite3_bind_text(r->amend, 1, e->change, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->amend, 2, r->s.state, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->amend, 3, u->amends, -1, SQLITE_STATIC);
		char *patch = NULL, *bad = NULL, *was = NULL;
		if (sqlite3_step(r->amend) == SQLITE_ROW) {
			patch = column_text(r->amend, 0);
			bad = column_text(r->amend, 1);
			was = column_text(r->amend, 2);
		}
		sqlite3_reset(r->amend);
		if (bad) {
			char what[512];
			snprintf(what, sizeof what, _("%s changes %s, not an amendable detail"),
				 e->command, bad);
			impossible(r, e, what);
			/* Not followed: the row is then judged by the records before. */
			free(patch);
			patch = NULL;
		} else if (was) {
			char what[512];
			snprintf(what, sizeof what, _("it amends %s from a value that the records before do not give"),
				 was);
			impossible(r, e, what);
		}
		apply_patch(r, patch);
		free(patch);
		free(bad);
		free(was);
	}
}

/* The row as it is now against the columns its records gave: a column
 * changed without a record saying so (the record that matches the row's
 * hash then tells of another change). */
static mc_status check_columns(struct replay *r, const struct rec *last)
{
	size_t t;
	int exists;
	char now[65];
	mc_change json = MC_CHANGE_INIT;
	if (!r->s.whole || !r->s.state || !r->s.last_hash)
		return MC_OK;
	for (t = 0; t < mc_n_audited && strcmp(mc_audited[t].table, r->s.table); t++)
		;
	if (t == mc_n_audited)
		return MC_OK;
	mc_status rc = mc_audit_row_hash(r->c->db, t, r->s.key, &exists, now, &json);
	const char *cur = rc == MC_OK ? mc_change_json(&json) : NULL;
	if (rc == MC_OK && !cur)
		rc = MC_NOMEM;
	/* A row that differs from its last record is reported already. */
	if (rc == MC_OK && exists && strcmp(now, r->s.last_hash) == 0) {
		sqlite3_bind_text(r->differ, 1, cur, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->differ, 2, r->s.state, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->differ, 3, unrecorded_of(r->s.table), -1, SQLITE_STATIC);
		if (sqlite3_step(r->differ) == SQLITE_ROW) {
			char what[768];
			const char *col = (const char *)sqlite3_column_text(r->differ, 0);
			const char *is = (const char *)sqlite3_column_text(r->differ, 1);
			const char *was = (const char *)sqlite3_column_text(r->differ, 2);
			snprintf(what, sizeof what,
				 _("its %s is %s, but its records gave %s (changed without a record that says so)"),
				 col ? col : "?", is ? is : "null", was ? was : "null");
			impossible(r, last, what);
		}
		sqlite3_reset(r->differ);
	}
	mc_change_release(&json);
	return rc;
}

static void story_reset(struct story *s)
{
	free(s->key);
	free(s->last_hash);
	free(s->status);
	free(s->state);
	memset(s, 0, sizeof *s);
}

/* ---- the records of each row, key by key ---- */

static mc_status replay_rows(struct replay *r)
{
	mc_db *db = r->c->db;
	/* The change's status by SQLite's JSON functions; a change that is
	 * not an object has none. */
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT id, at, command, tbl, key, change, row_hash,"
		" json_valid(change) AND json_type(change) = 'object',"
		" CASE WHEN json_valid(change) AND json_type(change) = 'object'"
		"   THEN json_extract(change, '$.status') END"
		" FROM audit_log ORDER BY tbl, key, id");
	struct rec prev = { 0 };
	int r_step = SQLITE_DONE, have_prev = 0;
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	while (rc == MC_OK && !r->c->stop && (r_step = sqlite3_step(st)) == SQLITE_ROW) {
		struct rec e = {
			.id = sqlite3_column_int64(st, 0),
			.at = sqlite3_column_int64(st, 1),
			.command = (const char *)sqlite3_column_text(st, 2),
			.table = (const char *)sqlite3_column_text(st, 3),
			.key = (const char *)sqlite3_column_text(st, 4),
			.change = (const char *)sqlite3_column_text(st, 5),
			.row_hash = (const char *)sqlite3_column_text(st, 6),
			.is_object = sqlite3_column_int(st, 7),
			.status = (const char *)sqlite3_column_text(st, 8),
		};
		if (!e.command || !e.table || !e.key || !e.change) {
			rc = MC_NOMEM;
			break;
		}
		/* A new key: the story of the one before ends here. */
		if (!r->s.key || strcmp(r->s.table, e.table) != 0 || strcmp(r->s.key, e.key) != 0) {
			if (have_prev)
				rc = check_columns(r, &prev);
			story_reset(&r->s);
			snprintf(r->s.table, sizeof r->s.table, "%s", e.table);
			if (!(r->s.key = strdup(e.key)))
				rc = MC_NOMEM;
		}
		if (rc != MC_OK)
			break;
		/* An upgrade records before the command's clock is read: at 0. */
		if (strcmp(e.table, "dossiers") == 0 && strcmp(e.command, "schema upgrade") != 0)
			check_key_time(r, &e);
		const struct rule *u = check_rule(r, &e);
		check_move(r, &e, r->s.last_id == 0);
		if (u)
			replay_columns(r, u, &e);
		else {
			free(r->s.state);
			r->s.state = NULL;
		}
		if (e.status) {
			free(r->s.status);
			r->s.status = strdup(e.status);
			r->s.status_id = e.id;
		}
		free(r->s.last_hash);
		r->s.last_hash = e.row_hash ? strdup(e.row_hash) : NULL;
		r->s.last_id = e.id;
		if (strcmp(e.command, "schema upgrade") != 0)
			r->s.last_at = e.at;
		/* Kept for the check of the columns, at the next key. */
		free(r->last_command);
		r->last_command = strdup(e.command);
		prev = e;
		prev.command = r->last_command ? r->last_command : "";
		prev.table = r->s.table;
		prev.key = r->s.key;
		prev.change = prev.row_hash = prev.status = NULL;
		have_prev = 1;
	}
	if (rc == MC_OK && have_prev && !r->c->stop)
		rc = check_columns(r, &prev);
	if (rc == MC_OK && r_step != SQLITE_DONE && r_step != SQLITE_ROW)
		rc = mc_db_sqlfail(db, "audit_log");
	sqlite3_finalize(st);
	story_reset(&r->s);
	return rc;
}

/* ---- the chain in id order ---- */

/* A record's id, command, table and key from columns 0 to 3 of st; 0
 * when one of them is missing. */
static int head_of(sqlite3_stmt *st, struct rec *e)
{
	*e = (struct rec){
		.id = sqlite3_column_int64(st, 0),
		.command = (const char *)sqlite3_column_text(st, 1),
		.table = (const char *)sqlite3_column_text(st, 2),
		.key = (const char *)sqlite3_column_text(st, 3),
	};
	return e->command && e->table && e->key;
}

/* The system account that every record has from schema 8 on, and times
 * that only grow along the chain: the program dates a record no earlier
 * than the one before it (core/audit.c), so one dated before is written
 * by something else. A training copy's times are MOTCUA_NOW's, which go
 * anywhere: its chain is not compared by time (a dossier's own records
 * are, replay_rows). An upgrade's records are left out: before schema 8
 * they were dated 0. */
static mc_status replay_chain(struct replay *r)
{
	sqlite3_stmt *st = mc_db_prepare(r->c->db,
		"SELECT id, command, tbl, key, os_user, at FROM audit_log ORDER BY id");
	int64_t with_user = 0, latest = 0, latest_at = 0;
	int timed = !mc_audit_training(r->c->db);
	int s = SQLITE_DONE;
	if (!st)
		return MC_DB;
	while (!r->c->stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct rec e;
		char what[256];
		if (!head_of(st, &e))
			continue;
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			with_user = e.id;
		else if (with_user) {
			snprintf(what, sizeof what,
				 _("no system account, although audit record %lld before it has one"),
				 (long long)with_user);
			impossible(r, &e, what);
		}
		e.at = sqlite3_column_int64(st, 5);
		if (!timed || strcmp(e.command, "schema upgrade") == 0)
			continue;
		if (latest && e.at < latest_at) {
			char a[40], b[40];
			mc_format_time_human(e.at, r->off, a, sizeof a);
			mc_format_time_human(latest_at, r->off, b, sizeof b);
			snprintf(what, sizeof what,
				 _("dated %s, before audit record %lld (%s): times only grow along the log"),
				 a, (long long)latest, b);
			impossible(r, &e, what);
		} else {
			latest = e.id;
			latest_at = e.at;
		}
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE || s == SQLITE_ROW ? MC_OK : mc_db_sqlfail(r->c->db, "audit_log");
}

/* Numbers given in turn only grow: a dossier code's number within its
 * unit and day, an extract's within its kind and year (a number given
 * twice, to a row removed and written anew, is found too). The window gives, for each
 * record, the highest number that a record before it gave. */
static mc_status replay_numbers(struct replay *r)
{
	static const char *const sql =
		"SELECT id, command, tbl, key, n, prev_n, prev_id FROM ("
		" SELECT id, command, tbl, key, n,"
		"  max(n) OVER w AS prev_n,"
		"  last_value(id) OVER w AS prev_id FROM ("
		"   SELECT id, command, tbl, key,"
		"    json_extract(change, '$.seq') AS n,"
		"    tbl || ' ' || coalesce(json_extract(change, '$.unit_id'), '') || ' ' ||"
		"    coalesce(json_extract(change, '$.day'), '') || ' ' ||"
		"    coalesce(json_extract(change, '$.kind'), '') || ' ' ||"
		"    coalesce(json_extract(change, '$.year'), '') AS series"
		"   FROM audit_log WHERE command <> 'schema upgrade' AND json_valid(change)"
		"    AND json_type(change) = 'object' AND tbl IN ('dossiers', 'extracts')"
		"    AND json_type(change, '$.seq') = 'integer')"
		" WINDOW w AS (PARTITION BY series ORDER BY id"
		"  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))"
		" WHERE n <= prev_n ORDER BY id";
	sqlite3_stmt *st = mc_db_prepare(r->c->db, sql);
	int s = SQLITE_DONE;
	if (!st)
		return MC_DB;
	while (!r->c->stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct rec e;
		char what[256];
		if (!head_of(st, &e))
			continue;
		snprintf(what, sizeof what,
			 _("number %lld, although audit record %lld gave number %lld of the same series before it: numbers only grow"),
			 (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 6),
			 (long long)sqlite3_column_int64(st, 5));
		impossible(r, &e, what);
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE || s == SQLITE_ROW ? MC_OK : mc_db_sqlfail(r->c->db, "audit_log");
}

mc_status mc_audit_replay(struct mc_checker *c)
{
	mc_db *db = c->db;
	struct replay r = { .c = c, .off = mc_db_offset(db) };
	mc_status rc = MC_OK;
	r.patch = mc_db_prepare(db, "SELECT json_patch(?1, ?2)");
	/* A key of change ?1 that is not one of the words of ?2 (an object;
	 * a key with a space or empty is no word). */
	r.bad_key = mc_db_prepare(db,
		"SELECT key FROM json_each(?1) WHERE key = '' OR instr(key, ' ') > 0"
		" OR instr(' ' || ?2 || ' ', ' ' || key || ' ') = 0 LIMIT 1");
	/* The keys of change ?1 that are among the words of ?2. */
	r.pick = mc_db_prepare(db,
		"SELECT json_group_object(key, value) FROM json_each(?1)"
		" WHERE key <> '' AND instr(key, ' ') = 0"
		"  AND instr(' ' || ?2 || ' ', ' ' || key || ' ') > 0");
	/* An amendment's changes {"col":[old,new]}: the new values, a column
	 * not amendable (?3), one whose old value is not the state's (?2). */
	r.amend = mc_db_prepare(db,
		"SELECT json_group_object(key, json_extract(value, '$[1]')),"
		" (SELECT group_concat(key, ' ') FROM json_each(?1, '$.changes')"
		"   WHERE key = '' OR instr(key, ' ') > 0"
		"    OR instr(' ' || ?3 || ' ', ' ' || key || ' ') = 0),"
		" (SELECT group_concat(key, ' ') FROM json_each(?1, '$.changes')"
		"   WHERE json_extract(value, '$[0]') IS NOT json_extract(?2, '$.\"' || key || '\"'))"
		" FROM json_each(?1, '$.changes')");
	/* The first column where the row (?1) and the records (?2) differ,
	 * leaving out those no record holds (?3). */
	r.differ = mc_db_prepare(db,
		"SELECT key, value, json_extract(?2, '$.\"' || key || '\"') FROM json_each(?1)"
		" WHERE instr(' ' || ?3 || ' ', ' ' || key || ' ') = 0"
		"  AND value IS NOT json_extract(?2, '$.\"' || key || '\"')"
		" UNION ALL SELECT key, NULL, value FROM json_each(?2)"
		" WHERE instr(' ' || ?3 || ' ', ' ' || key || ' ') = 0"
		"  AND json_type(?1, '$.\"' || key || '\"') IS NULL LIMIT 1");
	if (!r.patch || !r.pick || !r.amend || !r.differ || !r.bad_key)
		rc = MC_DB;
	if (rc == MC_OK)
		rc = replay_chain(&r);
	if (rc == MC_OK && !c->stop)
		rc = replay_rows(&r);
	if (rc == MC_OK && !c->stop)
		rc = replay_numbers(&r);
	sqlite3_finalize(r.patch);
	sqlite3_finalize(r.pick);
	sqlite3_finalize(r.amend);
	sqlite3_finalize(r.differ);
	sqlite3_finalize(r.bad_key);
	free(r.last_command);
	return rc;
}
