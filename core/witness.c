/* motcua — checkpoints of the audit chain and witness files: taking one,
 * reading them back, and checking that the log still extends them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "audit-private.h"
#include "witness.h"
#include "i18n.h"
#include "settings.h"
#include "strbuf.h"
#include "text.h"

#define N_FIELDS 6
#define B64URL   sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define BLANKS   " \t"

/* ---- taking a checkpoint ---- */

/* The five signed fields as text, into out (n >= MC_CHECKPOINT_MAX). */
static void signed_text(const mc_checkpoint *cp, char *out, size_t n)
{
	char at[32];
	mc_format_iso(cp->at, cp->offset_min, at, sizeof at);
	snprintf(out, n, "%s %s %lld %s %s", MC_CHECKPOINT_VERSION, cp->unit_id,
		 (long long)cp->record, cp->hash, at);
}

mc_status mc_checkpoint_take(mc_db *db, mc_checkpoint *cp, char **line)
{
	char sig[sodium_base64_ENCODED_LEN(MC_SIGN_BYTES, B64URL)], *unit = NULL;
	mc_strbuf b = MC_STRBUF_INIT;
	mc_status rc;

	*line = NULL;
	memset(cp, 0, sizeof *cp);
	if ((rc = mc_setting_get(db, "unit_id", &unit)) != MC_OK)
		return rc;
	snprintf(cp->unit_id, sizeof cp->unit_id, "%s", unit);
	free(unit);
	cp->at = mc_db_now(db);
	cp->offset_min = mc_db_offset(db);
	if ((rc = mc_audit_head(db, &cp->record, cp->hash)) != MC_OK)
		return rc;
	signed_text(cp, cp->signed_text, sizeof cp->signed_text);
	rc = mc_sign_message(db, cp->signed_text, strlen(cp->signed_text), cp->sig);
	if (rc != MC_OK)
		return rc;
	sodium_bin2base64(sig, sizeof sig, cp->sig, sizeof cp->sig, B64URL);
	mc_strbuf_addf(&b, "%s %s", cp->signed_text, sig);
	if (b.oom) {
		mc_strbuf_release(&b);
		return MC_NOMEM;
	}
	*line = mc_strbuf_detach(&b);
	return MC_OK;
}

/* ---- reading one ---- */

/* A record id: decimal digits without a leading zero, 0..10^18-1. */
static int parse_record(const char *s, int64_t *v)
{
	size_t n = strlen(s);
	if (n == 0 || n > 18 || strspn(s, "0123456789") != n || (s[0] == '0' && n > 1))
		return 0;
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = *v * 10 + (s[i] - '0');
	return 1;
}

static int parse_hash(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Exactly what mc_format_iso writes: 2026-04-29T17:00:00+07:00. */
static int parse_time(const char *s, mc_time *t, int *offset_min)
{
	char again[32];
	size_t n = strlen(s);
	if (n != 25 || mc_parse_offset(s + 19, offset_min) != MC_OK ||
	    mc_parse_datetime(s, *offset_min, t) != MC_OK)
		return 0;
	mc_format_iso(*t, *offset_min, again, sizeof again);
	return strcmp(again, s) == 0;
}

static int parse_signature(const char *s, unsigned char sig[MC_SIGN_BYTES])
{
	size_t got = 0;
	return sodium_init() >= 0 &&
	       sodium_base642bin(sig, MC_SIGN_BYTES, s, strlen(s), NULL, &got, NULL, B64URL) == 0 &&
	       got == MC_SIGN_BYTES;
}

#define BAD(f, r) do { *field = (f); *reason = (r); return MC_BAD_INPUT; } while (0)

mc_status mc_checkpoint_parse(const char *text, size_t len, mc_checkpoint *cp,
			      const char **field, const char **reason)
{
	static const char *const names[N_FIELDS] = {
		"version", "unit", "record", "hash", "time", "signature"
	};
	char buf[MC_CHECKPOINT_MAX], *part[N_FIELDS], *save = NULL, *tok;
	int n = 0;

	memset(cp, 0, sizeof *cp);
	if (len > 0 && text[len - 1] == '\r')
		len--;
	if (len >= sizeof buf)
		BAD("line", N_("too long for a checkpoint"));
	if (memchr(text, '\0', len))
		BAD("line", N_("holds a NUL byte"));
	memcpy(buf, text, len);
	buf[len] = '\0';
	for (tok = strtok_r(buf, BLANKS, &save); tok; tok = strtok_r(NULL, BLANKS, &save)) {
		if (n == N_FIELDS)
			BAD("line", N_("more fields than a checkpoint has (6)"));
		part[n++] = tok;
	}
	if (n == 0 || strcmp(part[0], MC_CHECKPOINT_VERSION) != 0)
		BAD("version", N_("not a checkpoint line (it must begin with MCCP1)"));
	/* Each field in turn: the first wrong or missing one is named. */
	for (int i = 1; i < N_FIELDS; i++) {
		const char *v = i < n ? part[i] : NULL;
		if (!v)
			BAD(names[i], N_("missing (a checkpoint has 6 fields)"));
		if (i == 1 && (strlen(v) >= sizeof cp->unit_id || !mc_unit_id_valid(v)))
			BAD(names[i], N_("not a unit id (1 to 35 of 0-9 A-Z .)"));
		if (i == 2 && !parse_record(v, &cp->record))
			BAD(names[i], N_("not a record number"));
		if (i == 3 && !parse_hash(v))
			BAD(names[i], N_("not a hash (64 lowercase hex digits)"));
		if (i == 4 && !parse_time(v, &cp->at, &cp->offset_min))
			BAD(names[i], N_("not a time as YYYY-MM-DDTHH:MM:SS+HH:MM"));
		if (i == 5 && !parse_signature(v, cp->sig))
			BAD(names[i], N_("not a signature (86 characters of base64url)"));
	}
	memcpy(cp->unit_id, part[1], strlen(part[1]) + 1);
	memcpy(cp->hash, part[3], 65);
	snprintf(cp->signed_text, sizeof cp->signed_text, "%s %s %s %s %s", part[0], part[1],
		 part[2], part[3], part[4]);
	return MC_OK;
}

int mc_checkpoint_verify(const mc_checkpoint *cp, const unsigned char pk[MC_SIGN_PUBLIC_BYTES])
{
	return mc_sign_verify(pk, cp->signed_text, strlen(cp->signed_text), cp->sig);
}

/* ---- witness files ---- */

void mc_witness_release(mc_witness *w)
{
	free(w->cps);
	*w = (mc_witness)MC_WITNESS_INIT;
}

static int skipped(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	return i == len || s[i] == '#';
}

static mc_status add(mc_witness *w, const mc_checkpoint *cp)
{
	if (w->n == w->alloc) {
		size_t alloc = w->alloc ? 2 * w->alloc : 16;
		mc_checkpoint *p = realloc(w->cps, alloc * sizeof *p);
		if (!p)
			return MC_NOMEM;
		w->cps = p;
		w->alloc = alloc;
	}
	w->cps[w->n++] = *cp;
	return MC_OK;
}

mc_status mc_witness_read(FILE *fp, mc_witness *w, long *line, const char **field,
			  const char **reason)
{
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;
	mc_status rc = MC_OK;
	mc_checkpoint cp;

	while (rc == MC_OK && (n = getline(&text, &cap, fp)) >= 0) {
		size_t len = (size_t)n;
		*line = ++w->lines;
		if (len > 0 && text[len - 1] == '\n')
			len--;
		if (skipped(text, len))
			continue;
		rc = mc_checkpoint_parse(text, len, &cp, field, reason);
		cp.line = *line;
		if (rc == MC_OK)
			rc = add(w, &cp);
	}
	if (rc == MC_OK && ferror(fp))
		rc = errno == ENOMEM ? MC_NOMEM : MC_IO;
	free(text);
	return rc;
}

mc_status mc_witness_load(mc_db *db, const char *path, mc_witness *w)
{
	unsigned char pk[MC_SIGN_PUBLIC_BYTES];
	const char *field = "", *reason = "";
	char *unit = NULL;
	struct stat sb;
	long line = 0;
	mc_status rc;
	FILE *fp = fopen(path, "r");

	if (!fp || fstat(fileno(fp), &sb) != 0 || S_ISDIR(sb.st_mode)) {
		rc = mc_db_fail(db, MC_NO_INPUT, _("%s: cannot read the witness file: %s"), path,
				fp ? mc_strerror(EISDIR) : mc_strerror(errno));
		if (fp)
			fclose(fp);
		return rc;
	}
	rc = mc_witness_read(fp, w, &line, &field, &reason);
	fclose(fp);
	if (rc == MC_BAD_INPUT)
		return mc_db_fail(db, rc, "%s:%ld: %s: %s", path, line, field, _(reason));
	if (rc == MC_IO)
		return mc_db_fail(db, MC_NO_INPUT, _("%s: cannot read the witness file: %s"), path,
				  mc_strerror(errno));
	if (rc != MC_OK)
		return rc;
	if (w->n == 0)
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: holds no checkpoint"), path);
	if ((rc = mc_setting_get(db, "unit_id", &unit)) != MC_OK ||
	    (rc = mc_sign_public_key(db, pk)) != MC_OK) {
		free(unit);
		return rc;
	}
	for (size_t i = 0; i < w->n && rc == MC_OK; i++) {
		const mc_checkpoint *cp = &w->cps[i];
		if (strcmp(cp->unit_id, unit) != 0)
			rc = mc_db_fail(db, MC_BAD_INPUT,
					_("%s:%ld: unit: a checkpoint of another office (%s, not %s)"),
					path, cp->line, cp->unit_id, unit);
		else if (!mc_checkpoint_verify(cp, pk))
			rc = mc_db_fail(db, MC_BAD_INPUT,
					_("%s:%ld: signature: does not verify with the office's key (the line was altered, or signed with another key)"),
					path, cp->line);
	}
	free(unit);
	return rc;
}

/* ---- does the log extend them? ---- */

/* Why the log no longer extends cp, into why (empty when it does). */
static mc_status not_extended(mc_db *db, sqlite3_stmt *st, const mc_checkpoint *cp,
			      int64_t first_bad, int64_t head, char *why, size_t n)
{
	*why = '\0';
	if (cp->record == 0) {
		if (strcmp(cp->hash, mc_audit_genesis) != 0)
			snprintf(why, n, "%s", _("an empty log has another hash"));
		return MC_OK;
	}
	sqlite3_bind_int64(st, 1, cp->record);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		const char *hash = (const char *)sqlite3_column_text(st, 0);
		if (!hash || strcmp(hash, cp->hash) != 0)
			snprintf(why, n, _("record %lld has another hash (the log was rewritten)"),
				 (long long)cp->record);
		else if (first_bad && first_bad <= cp->record)
			snprintf(why, n, _("the chain is broken at record %lld"),
				 (long long)first_bad);
	} else if (r == SQLITE_DONE) {
		if (cp->record > head)
			snprintf(why, n, _("the log ends at record %lld"), (long long)head);
		else
			snprintf(why, n, _("record %lld is no longer in the log"),
				 (long long)cp->record);
	}
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "audit_log");
}

struct witness_step {
	const char *path;
	const mc_witness *w;
};

/* The step of db check --witness, in the check's read snapshot. */
static mc_status witness_check(mc_db *db, int64_t first_bad, int64_t head,
			       mc_problem_fn fn, void *fn_ud, void *ud)
{
	const struct witness_step *ws = ud;
	const mc_witness *w = ws->w;
	const char *path = ws->path;
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT hash FROM audit_log WHERE id = ?1");
	const mc_checkpoint *worst = NULL;
	char why[256], worst_why[256] = "";
	mc_status rc = MC_OK;

	if (!st)
		return MC_DB;
	for (size_t i = 0; i < w->n && rc == MC_OK; i++) {
		const mc_checkpoint *cp = &w->cps[i];
		if (worst && cp->record >= worst->record)
			continue;
		rc = not_extended(db, st, cp, first_bad, head, why, sizeof why);
		if (rc == MC_OK && *why) {
			worst = cp;
			memcpy(worst_why, why, sizeof why);
		}
	}
	sqlite3_finalize(st);
	if (rc != MC_OK || !worst)
		return rc;
	char at[24], msg[1024];
	mc_format_time_human(worst->at, worst->offset_min, at, sizeof at);
	snprintf(msg, sizeof msg,
		 _("%s:%ld: the log no longer extends this checkpoint of record %lld (%s): %s"),
		 path, worst->line, (long long)worst->record, at, worst_why);
	mc_problem p = { MC_PROBLEM_WITNESS, NULL, NULL, worst->record, msg };
	fn(&p, fn_ud);
	return MC_OK;
}

mc_status mc_db_check_witness(mc_db *db, const char *against, const char *path,
			      const mc_witness *w, mc_problem_fn fn, void *ud,
			      mc_check_result *res)
{
	struct witness_step ws = { path, w };
	return mc_db_check_with(db, against, w ? witness_check : NULL, &ws, fn, ud, res);
}
