/* motcua — what the outbox's modules share (core/notify.c, notify-send.c). */
#ifndef MC_NOTIFY_PRIVATE_H
#define MC_NOTIFY_PRIVATE_H

#include "db-private.h"
#include "notify.h"

/* The columns of a message, in the order mc_notify_row reads them. */
#define MSG_COLUMNS \
	"id, event, state, phone, code, applicant, procedure_name, reason," \
	" msg_id, last_error, attempts, created_at, due_at, updated_at, sent_at," \
	" dropped_why, zalo_user_id, zalo_user_at, channel, next_at"

/* The message of the current row of a SELECT MSG_COLUMNS; its strings
 * live until the statement steps. MC_NOMEM when a text could not be read. */
mc_status mc_notify_row(sqlite3_stmt *st, mc_message *out);

/* The audit record of a change of message id (change_json: NULL for the
 * whole row). */
mc_status mc_notify_audit(mc_db *db, int64_t id, const char *change_json);

#endif
