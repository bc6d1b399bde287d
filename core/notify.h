/* motcua — the citizen notification outbox (Zalo ZNS, or SMS by a script). */
#ifndef MC_NOTIFY_H
#define MC_NOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "lifecycle.h"

/*
 * What the citizen hears about (SPEC 8): the dossier was received, a
 * supplement is requested, the result is ready (done), the due time was
 * moved by a clerk (rescheduled), the dossier was rejected.
 */
typedef enum {
	MC_EV_RECEIVED = 0,
	MC_EV_SUPPLEMENT,
	MC_EV_DONE,
	MC_EV_RESCHEDULED,
	MC_EV_REJECTED,
	MC_EV_COUNT
} mc_notify_event;

/* "received", "supplement", ...; the setting zns_template_<name> holds the
 * event's template id. */
const char *mc_notify_event_name(mc_notify_event e);
/* The same for people, in the language of messages (static). */
const char *mc_notify_event_word(mc_notify_event e);

/*
 * Queues what a change of a dossier (by its row id) tells the citizen,
 * inside the caller's transaction, so that the message exists exactly when
 * the change does: `entered` is the status the dossier just entered
 * (MC_ST_COUNT when it kept its status), `rescheduled` is set when a clerk
 * gave a new due time, `reason` (may be NULL) is the change's reason.
 * Nothing is queued for a dossier without a mobile number (a landline
 * cannot receive Zalo or SMS messages). Messages that no longer make
 * sense are dropped: a queued "done" (come and collect) once the result
 * is returned, every unsent one of a cancelled dossier.
 */
mc_status mc_notify_change(mc_db *db, int64_t dossier_id, mc_dossier_status entered,
			   int rescheduled, const char *reason);

/*
 * After a dossier's details were amended, inside the caller's
 * transaction: its unsent messages go to its phone number as it is now,
 * and address the applicant by the name as it is now (a correction fixes
 * a typo, it is no new event: nothing new is queued); when it has no
 * mobile number any more they are dropped.
 */
mc_status mc_notify_amended(mc_db *db, int64_t dossier_id);

/* pending: never tried; failed: tried, will be tried again; sent: final;
 * dropped: no longer makes sense, never sent (final too); sending: a
 * request went out and its answer was not recorded (notify send died, or
 * no answer came): it may have been delivered, and is never sent again
 * unless a clerk marks it failed; abandoned: failed as many times as
 * notify_max_attempts allows, tried no more (a clerk may mark it). */
typedef enum {
	MC_MSG_PENDING = 0, MC_MSG_FAILED, MC_MSG_SENT, MC_MSG_DROPPED, MC_MSG_SENDING,
	MC_MSG_ABANDONED
} mc_msg_state;
const char *mc_msg_state_name(mc_msg_state s);
/* The same for people, in the language of messages (static). */
const char *mc_msg_state_word(mc_msg_state s);

/* Why a message was dropped (notifications.dropped_why). */
#define MC_DROPPED_CANCELLED "cancelled"    /* the dossier was cancelled   */
#define MC_DROPPED_RETURNED  "returned"     /* "done" after the return     */
#define MC_DROPPED_NO_MOBILE "no_mobile"    /* amended to no mobile number */
/* The reason for people, translated ("the dossier was cancelled"); an
 * unknown one as it is; NULL for NULL. */
const char *mc_notify_dropped_text(const char *why);

/* One queued message, as it was queued. Strings live for the callback. */
typedef struct {
	int64_t id;
	mc_notify_event event;
	mc_msg_state state;
	const char *phone;          /* national form, 0...              */
	const char *code, *applicant, *procedure_name;
	const char *reason;         /* NULL when none                   */
	const char *msg_id;         /* the provider's id once sent      */
	const char *last_error;     /* NULL when none                   */
	const char *dropped_why;    /* MC_DROPPED_..., NULL unless dropped */
	int attempts;
	mc_time created_at, due_at, updated_at;
	mc_time sent_at;            /* MC_TIME_NONE until sent          */
	const char *zalo_user_id;   /* the applicant on Zalo, or NULL   */
	mc_time zalo_user_at;       /* their last message to the OA     */
	const char *channel;        /* "zns", "oa": the last attempt's  */
	mc_time next_at;            /* not tried again before; NONE: now */
} mc_message;

/* Calls fn for each message, oldest first; unsent_only leaves out the sent
 * and the dropped ones. A non-zero return stops. */
typedef int (*mc_message_fn)(const mc_message *m, void *ud);
mc_status mc_notify_each(mc_db *db, int unsent_only, mc_message_fn fn, void *ud);

/*
 * Records the outcome of one sending attempt, atomically: sent (with the
 * provider's message id, may be NULL) or failed (with the error, may be
 * NULL), to be tried at the next run. Either counts one attempt, but
 * for a message left sending, whose attempt was counted when it went
 * out. An unknown id is MC_NOT_FOUND; a
 * message already sent is MC_BAD_INPUT (a sent message stays sent and is
 * never exported again), and so is a dropped one (never sent).
 */
mc_status mc_notify_mark(mc_db *db, int64_t id, int sent, const char *msg_id,
			 const char *error);

/* ---- the Zalo ZNS request ---- */

/* "0912345678" -> "84912345678" (out >= 12 bytes); MC_BAD_INPUT otherwise. */
mc_status mc_notify_zns_phone(const char *phone, char *out, size_t n);

/*
 * The longest value of each parameter, in characters, after the
 * parameter types of a ZNS template (see mc_notify_zns_params):
 * customer_name is a customer name (30); dossier_code is never cut and is
 * at most 47 characters (a unit_id of 35, the date and the counter);
 * procedure_name and reason are product or brand names (200).
 */
#define MC_ZNS_NAME_CHARS 30
#define MC_ZNS_CODE_CHARS 50
#define MC_ZNS_TEXT_CHARS 200
#define MC_ZNS_MAX_PARAMS 6

typedef struct {
	const char *key;
	char value[4 * MC_ZNS_TEXT_CHARS + 8];
} mc_zns_param;

/*
 * The template data of a message, in out[] (MC_ZNS_MAX_PARAMS entries);
 * returns how many. A name longer than MC_ZNS_NAME_CHARS characters, or a
 * procedure name or reason longer than MC_ZNS_TEXT_CHARS, keeps the whole
 * words that fit (whole characters when a word is too long to keep half
 * of the text) and ends with "…"; the dossier code is always whole;
 * dates read dd/mm/yyyy and times HH:MM dd/mm/yyyy at offset_min.
 */
size_t mc_notify_zns_params(const mc_message *m, int offset_min, mc_zns_param *out);

/* One message as a ZNS request: its template (the setting
 * zns_template_<event>), its mobile number and its template data. */
typedef struct {
	int64_t id;                 /* the message's id, the tracking id */
	mc_notify_event event;
	char phone[16];             /* 84xxxxxxxxx                       */
	const char *template_id;
	mc_zns_param params[MC_ZNS_MAX_PARAMS];
	size_t n_params;
} mc_zns_request;

/*
 * Calls fn with the request of each unsent message, oldest first; a
 * non-zero return stops. A message whose event has no template stays
 * pending and is counted in skipped[event] instead; one to a number
 * that is not a mobile one (none is queued) is left out. The request
 * lives for the call.
 */
typedef int (*mc_zns_fn)(const mc_zns_request *r, void *ud);
mc_status mc_notify_zns_each(mc_db *db, mc_zns_fn fn, void *ud, long skipped[MC_EV_COUNT]);


/* ---- sending: motcua notify send (core/notify-send.c) ---- */

/* How one HTTP request went (the network's side, net/http.c). */
typedef enum {
	MC_HTTP_ANSWERED = 0,   /* an answer came (any HTTP status)            */
	MC_HTTP_NOT_SENT,       /* the server was never reached: no address,
				 * connection refused, the connection timed out */
	MC_HTTP_NO_ANSWER       /* the request went out (at least in part) and
				 * no whole answer came back: a timeout, a cut
				 * connection; it may have been acted on        */
} mc_http_outcome;

typedef struct {
	long status;            /* HTTP status, when answered                  */
	char *body;             /* the answer, malloc'd (free()), or NULL      */
	size_t len;
	char why[256];          /* what happened, when not answered            */
} mc_http_reply;

/* POSTs body (len bytes) to url with headers (NULL-terminated, "Name:
 * value"), waiting at most timeout_s seconds; fills reply. */
typedef mc_http_outcome (*mc_http_post_fn)(void *ud, const char *url,
					   const char *const *headers, const char *body,
					   size_t len, int timeout_s, mc_http_reply *reply);

/* What happened to one message in a run, for the command to tell. */
typedef enum {
	MC_SEND_SENT = 0,       /* Zalo took it                                */
	MC_SEND_FAILED,         /* refused or failed: tried again at next_at   */
	MC_SEND_ABANDONED,      /* failed the last attempt allowed             */
	MC_SEND_UNKNOWN,        /* no answer: left sending                     */
	MC_SEND_WAITING,        /* not sent: Zalo unreachable, or its event has
				 * no template; tried at the next run          */
	MC_SEND_LEFT            /* found sending, from an earlier run          */
} mc_send_kind;

typedef struct {
	int64_t id;
	mc_send_kind kind;
	const char *channel;    /* "zns", "oa"; NULL when not tried            */
	const char *msg_id;     /* when sent, "" when Zalo gave none           */
	const char *why;        /* when not sent                               */
	int attempts;
	mc_time next_at;        /* MC_SEND_FAILED                              */
} mc_send_outcome;

typedef struct {
	mc_http_post_fn post;
	void *ud;
	/* Told of each message as its outcome is recorded (may be NULL). */
	void (*told)(void *ud, const mc_send_outcome *o);
} mc_send_io;

typedef struct {
	long sent, failed, abandoned, unknown, waiting, left;
	int refreshed;          /* the access token was refreshed             */
} mc_send_report;

/*
 * Sends the messages whose time has come (pending, or failed with their
 * next attempt due), oldest first, through io->post, as the settings say
 * (zalo_* and notify_*, motcua(5)), with the tokens of zalo_token_file.
 * Each message is marked sending, and that committed, before its
 * request; its outcome is recorded once the answer is read. A message
 * found sending is never sent again (MC_SEND_LEFT). An access token
 * that Zalo no longer takes is refreshed once, the new pair written to
 * the token file before anything else, and the request made again.
 * Must not run inside a transaction (each message commits on its own).
 * Returns MC_OK when the run went through (rep counts, some may have
 * failed); MC_UNREACHABLE when it stopped because Zalo could not be
 * reached, or did not answer; MC_REFUSED when Zalo refused to refresh
 * the token; MC_BAD_INPUT, MC_NO_INPUT for a set-up that is missing or
 * wrong (nothing was sent); the reason is on db.
 */
mc_status mc_notify_send(mc_db *db, const mc_send_io *io, mc_send_report *rep);

/* The body of one message's request in out (malloc'd JSON; free()):
 * ZNS's for channel "zns", the OA's text message for "oa", a reply to
 * the citizen's message reply_to (Zalo's msg_id) unless NULL or "". */
mc_status mc_notify_request_body(mc_db *db, const mc_message *m, const char *channel,
				 const char *template_id, const char *reply_to, char **out);

#endif
