/* motcua — Zalo's side of notify send, without the network: the answers
 * of its APIs read, the access token's file, the wait between attempts. */
#ifndef MC_ZALO_H
#define MC_ZALO_H

#include <stddef.h>
#include "clock.h"
#include "db.h"

/* What an answer of Zalo's message APIs (ZNS, OA) says of the message. */
typedef enum {
	MC_ZALO_SENT = 0,   /* error 0: Zalo took it; msg_id when it gave one  */
	MC_ZALO_TOKEN,      /* the access token is invalid or expired          */
	MC_ZALO_ERROR       /* an error of Zalo's, a server error (5xx), or no
			     * answer of Zalo's at all: try again later        */
} mc_zalo_kind;

typedef struct {
	mc_zalo_kind kind;
	long error;         /* Zalo's error code (0 when none was read)        */
	char msg_id[101];   /* "" when none                                    */
	char why[300];      /* for the outbox (last_error): one line, UTF-8    */
} mc_zalo_answer;

/*
 * Reads one answer (HTTP status, body of len bytes, not NUL-terminated)
 * of ZNS's /message/template or the OA's /v3.0/oa/message/cs:
 * {"error":0,"message":"Success","data":{"msg_id":"..."}} (ZNS) or
 * {"error":0,...,"data":{"message_id":"..."}} (OA). Never fails: what is
 * not such an answer is MC_ZALO_ERROR, said in why.
 */
void mc_zalo_answer_read(long http_status, const char *body, size_t len,
			 mc_zalo_answer *out);

/* The Official Account's pair of tokens (the token file). */
#define MC_ZALO_TOKEN_MAX 1024
typedef struct {
	char access[MC_ZALO_TOKEN_MAX + 1];
	char refresh[MC_ZALO_TOKEN_MAX + 1];    /* "" when the file has none */
} mc_zalo_tokens;

/*
 * Reads the answer of Zalo's OAuth endpoint to a refresh
 * ({"access_token":"...","refresh_token":"...","expires_in":"90000"}):
 * MC_OK with the new pair, or MC_REFUSED with Zalo's reason in why
 * ({"error":-14014,"error_name":"...","error_description":"..."}, or
 * anything else).
 */
mc_status mc_zalo_tokens_read(long http_status, const char *body, size_t len,
			      mc_zalo_tokens *out, char *why, size_t n);

/*
 * The token file: the access token on its first line, the refresh token
 * on its second (optional); nothing else. A file that others than its
 * owner may read (group or other bits) is refused (MC_BAD_INPUT), as is a
 * token with a character that tokens do not have; a missing one is
 * MC_NO_INPUT. The reason is on db.
 */
mc_status mc_zalo_tokens_load(mc_db *db, const char *path, mc_zalo_tokens *t);
/* Writes the pair in its place atomically: a new file of mode 0600 in the
 * same folder, written and synced, renamed over the old one, the folder
 * synced. MC_IO with the reason on db. */
mc_status mc_zalo_tokens_save(mc_db *db, const char *path, const mc_zalo_tokens *t);

/* The first line of a private file (the app's secret key), as the token
 * file is read: mode 0600, one line of token characters. */
mc_status mc_zalo_secret_load(mc_db *db, const char *path, char *out, size_t n);

/* Seconds to wait before the attempt after the attempts-th failed one:
 * 5 minutes, doubled each time, at most 6 hours. */
int64_t mc_notify_backoff(int attempts);

#endif
