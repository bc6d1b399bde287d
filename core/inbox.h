/* motcua — the inbox of the office's Zalo Official Account: the messages
 * that citizens send the OA, stored by the webhook of motcua serve, and
 * handled by the clerks (inbox list|show|done, dossier new
 * --from-message). */
#ifndef MC_INBOX_H
#define MC_INBOX_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "dossier.h"

/* ---- the webhook ---- */

typedef struct {
	int stored, duplicate, ignored;
	int64_t id;             /* the inbox row, stored or duplicate; else 0 */
} mc_inbox_result;

/*
 * Verifies the X-ZEvent-Signature header (signature may be NULL when
 * absent) of one Zalo Official Account event (body of len bytes, not
 * NUL-terminated), refuses a stale one, and stores a text, image or file
 * message once per message id. MC_OK: stored, or already stored
 * (duplicate), or an event of another kind acknowledged and not stored
 * (ignored); MC_REFUSED: signature missing or wrong, or stale (the server
 * answers 401); MC_BAD_INPUT: not an event (malformed JSON, missing
 * fields: 400); MC_UNAVAILABLE: the office has not set the app id or the
 * OA secret, or its secret file cannot be used (503); MC_BUSY/MC_DB: 503.
 * mc_errmsg says why, for the server's log.
 *
 * For the server's threads: it keeps nothing between calls but what is
 * on the handle (one handle per thread). It reads the settings afresh at
 * each call, and the OA secret key from its file (zalo_oa_secret_file,
 * mode 0600) at each call too, so that a key changed on Zalo's side is
 * taken up by writing the file, without a restart. The event's time is
 * judged against the handle's clock (mc_db_now), which the caller sets
 * for each request. The message is stored in its own transaction and
 * audited, as clerk "zalo" and command "serve" (set on the handle).
 */
mc_status mc_inbox_webhook(mc_db *db, const char *signature, const char *body,
			   size_t len, mc_inbox_result *out);

/* The path of the webhook (setting zalo_webhook_path) into *path
 * (malloc'd, free()); NULL with MC_OK when not set: no webhook. */
mc_status mc_inbox_webhook_path(mc_db *db, char **path);

/* "mac=" and 64 hex digits, and the NUL. */
#define MC_INBOX_SIGNATURE_SIZE 69

/*
 * The X-ZEvent-Signature of an event, as Zalo computes it: "mac=" and
 * the hex SHA-256 of the app id, the raw body, the event's timestamp (as
 * the body writes it) and the OA secret key, one after the other. For
 * the webhook, and for the tests that play Zalo's side.
 */
void mc_inbox_signature(const char *app_id, const char *body, size_t len,
			const char *timestamp, const char *secret,
			char out[MC_INBOX_SIGNATURE_SIZE]);

/* ---- the messages ---- */

typedef struct {
	char *type;             /* Zalo's attachment type: "image", "file"... */
	char *url;              /* NULL when Zalo gave none usable        */
	char *name;             /* a file's name; NULL when none          */
} mc_inbox_attachment;

typedef struct {
	int64_t id;
	char *msg_id, *event, *sender;
	char *text;             /* NULL when none                         */
	mc_inbox_attachment *attachments;
	size_t n_attachments;
	mc_time sent_at, received_at;
	mc_time done_at;        /* MC_TIME_NONE while pending             */
	char *done_by;          /* the clerk; NULL while pending          */
	char *dossier;          /* the code of the dossier received from it */
} mc_inbox_msg;

/* Frees a message of this module (NULL is fine). */
void mc_inbox_free(mc_inbox_msg *m);

/* "text", "image" or "file": the kind of message an event stored. */
const char *mc_inbox_kind(const mc_inbox_msg *m);
/* The same for people, in the language of messages (static). */
const char *mc_inbox_kind_word(const char *kind);

/* Calls fn for each message, oldest first (the order to handle them);
 * pending: only those not handled yet. The message lives for the call;
 * a non-zero return stops. */
typedef int (*mc_inbox_fn)(const mc_inbox_msg *m, void *ud);
mc_status mc_inbox_each(mc_db *db, int pending, mc_inbox_fn fn, void *ud);

/* The message id into *out (free with mc_inbox_free); MC_NOT_FOUND when
 * the inbox has none. */
mc_status mc_inbox_get(mc_db *db, int64_t id, mc_inbox_msg **out);

/*
 * Marks a message handled without a dossier, atomically and audited:
 * MC_NOT_FOUND when there is none, MC_REFUSED when it was handled
 * already (mc_errmsg says when and by whom, or which dossier). *out (may
 * be NULL) receives the message as it is now.
 */
mc_status mc_inbox_done(mc_db *db, int64_t id, mc_inbox_msg **out);

/*
 * Receives a dossier from message id (mc_dossier_create with in: its
 * applicant, phone ... as the clerk gives them) in one transaction: the
 * dossier's channel is online (in->channel may say so, nothing else) and
 * it keeps the sender's Zalo user id; the message is marked handled and
 * linked to it. MC_NOT_FOUND and MC_REFUSED as mc_inbox_done; any failure
 * leaves nothing. *out (free with mc_dossier_free) is the new dossier.
 */
mc_status mc_inbox_receive(mc_db *db, int64_t id, const mc_dossier_input *in,
			   mc_dossier **out);

#endif
