/* motcua — checkpoints of the audit chain, kept outside the database, and
 * the witness files that hold them (`audit checkpoint`, `db check --witness`). */
#ifndef MC_WITNESS_H
#define MC_WITNESS_H

#include <stdint.h>
#include <stdio.h>
#include "audit.h"
#include "db.h"
#include "sign.h"

/*
 * A checkpoint is one line of text, version 1 (documented in
 * motcua-db(1)):
 *
 *	MCCP1 UNIT RECORD HASH TIME SIGNATURE
 *
 * fields separated by one space: the version; the office's unit_id; the
 * id of the last record of the audit log and its hash (64 lowercase hex
 * digits); the time the checkpoint was taken, ISO 8601 with the office's
 * offset (2026-04-29T17:00:00+07:00); and the base64url (no padding) of
 * the Ed25519 signature, by the office's key, of the ASCII text of the
 * first five fields as they appear, joined by single spaces (no newline).
 * The unit id is signed so that a checkpoint of another office is told
 * apart from a forged one. On reading, blanks (spaces, tabs) between and
 * around the fields and a CR at the end are accepted.
 */
#define MC_CHECKPOINT_VERSION "MCCP1"
#define MC_CHECKPOINT_MAX     512    /* the longest line read, in bytes */

typedef struct {
	char unit_id[36];
	int64_t record;                  /* 0: an empty log              */
	char hash[65];
	mc_time at;
	int offset_min;                  /* the offset TIME was written in */
	unsigned char sig[MC_SIGN_BYTES];
	char signed_text[MC_CHECKPOINT_MAX];  /* the first five fields   */
	long line;                       /* its line in a witness file   */
} mc_checkpoint;

/*
 * Takes a checkpoint of the chain as it is now (one read snapshot), at
 * mc_db_now(), signed with the office's key: *cp is filled and *line is
 * the checkpoint as text (malloc'd, no newline). MC_NOT_FOUND when the
 * office has no signing key yet; the errors of mc_sign_message().
 */
mc_status mc_checkpoint_take(mc_db *db, mc_checkpoint *cp, char **line);

/*
 * Reads one checkpoint line (len bytes, no newline; it may hold NULs,
 * which are refused). Only its form is checked, not its signature.
 * MC_BAD_INPUT with *field (the field's name: "version", "unit",
 * "record", "hash", "time", "signature", or "line" for the line as a
 * whole) and *reason (an untranslated message, N_()) set.
 */
mc_status mc_checkpoint_parse(const char *text, size_t len, mc_checkpoint *cp,
			      const char **field, const char **reason);

/* 1 when cp's signature is pk's, over its signed text. */
int mc_checkpoint_verify(const mc_checkpoint *cp, const unsigned char pk[MC_SIGN_PUBLIC_BYTES]);

/* A witness file: its checkpoints in the order of its lines. */
typedef struct {
	mc_checkpoint *cps;
	size_t n, alloc;
	long lines;                      /* lines read                   */
} mc_witness;

#define MC_WITNESS_INIT { NULL, 0, 0, 0 }
void mc_witness_release(mc_witness *w);

/*
 * Reads the checkpoints of a witness file from fp: one per line, blank
 * lines and lines beginning with '#' (after blanks) left out. Stops at
 * the first line that is not a checkpoint: MC_BAD_INPUT with *line (its
 * number), *field and *reason as mc_checkpoint_parse() gives them. MC_IO
 * when fp cannot be read, MC_NOMEM. Nothing but the form is checked.
 */
mc_status mc_witness_read(FILE *fp, mc_witness *w, long *line, const char **field,
			  const char **reason);

/*
 * Reads the witness file at path and checks each of its checkpoints
 * against the office: its unit id must be the office's and its signature
 * must verify with the office's public key. MC_NO_INPUT when the file
 * cannot be read (or is a folder); MC_BAD_INPUT for a line that is not
 * a checkpoint of this office, or a file without any, the message naming
 * "PATH:LINE: FIELD: reason" (mc_errmsg).
 */
mc_status mc_witness_load(mc_db *db, const char *path, mc_witness *w);

/*
 * The check of `db check --witness`: mc_db_check(), and in its read
 * snapshot, for each checkpoint of w (read from path), that the log still
 * extends it: its record is in the log with its hash, and the chain up to
 * it verifies. The first checkpoint it no longer extends (the lowest
 * record; the first line among equals) is reported as one problem of kind
 * MC_PROBLEM_WITNESS naming "PATH:LINE". w may be NULL (mc_db_check).
 */
mc_status mc_db_check_witness(mc_db *db, const char *against, const char *path,
			      const mc_witness *w, mc_problem_fn fn, void *ud,
			      mc_check_result *res);

#endif
