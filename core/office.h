/* motcua — setting up an office: its settings, catalogue and signing key. */
#ifndef MC_OFFICE_H
#define MC_OFFICE_H

#include "db.h"
#include "sign.h"

/* What an office is set up with. unit_id and unit_name are required;
 * province and lookup_url may be NULL (left unset). training: a copy for
 * training or tests (mc_db_training). */
typedef struct {
	const char *unit_id, *unit_name, *province, *lookup_url;
	int training;
} mc_office;

#define MC_OFFICE_INIT { NULL, NULL, NULL, NULL, 0 }

/*
 * Sets up the office, all or nothing: its settings (checked as
 * mc_setting_set does), the seeded catalogue of procedures and its
 * signing key pair (a key file written for a set-up that then fails is
 * removed again). On a database already set up nothing is written: the
 * same settings give MC_OK with *already = 1; another value of a setting
 * given is MC_EXISTS, mc_errmsg naming the setting. The one exception:
 * o->training marks a database set up before the mark existed as a
 * training copy (audited, and for good: nothing unmarks it).
 */
mc_status mc_office_init(mc_db *db, const mc_office *o, int *already);

/* Changes one of the office's settings (mc_setting_set), atomically. */
mc_status mc_office_set(mc_db *db, const char *key, const char *value);

/*
 * The office's public signing key. A database set up before signing
 * existed gets its key pair here, atomically, as it would with its first
 * extract.
 */
mc_status mc_office_public_key(mc_db *db, unsigned char pk[MC_SIGN_PUBLIC_BYTES]);

/*
 * After a failed mc_office_init on a database that mc_db_open created
 * (mc_db_created): closes the handle and removes the file, its -wal and
 * -shm, so that a refused set-up leaves no database behind.
 */
void mc_office_discard(mc_db *db);

#endif
