/* motcua — what the two halves of the inbox share (core/inbox.c, the
 * clerks' side; core/inbox-webhook.c, Zalo's). */
#ifndef MC_INBOX_PRIVATE_H
#define MC_INBOX_PRIVATE_H

#include "inbox.h"

/* The kind of message ("text", "image", "file") of a Zalo event kept in
 * the inbox; NULL for an event the inbox does not keep. */
const char *mc_inbox_event_kind(const char *event);

#endif
