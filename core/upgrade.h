/* motcua — opening and closing the register database.
 *
 * Opening connects (core/db.c) and brings a database written by an older
 * motcua up to this program's schema: the numbered migrations of
 * core/schema.c, with the data steps some of them need (the audit log
 * adopts the rows written before it existed, the register's search index
 * is built for the entries already there). So this module stands above
 * the audit log and the registers, and core/db.c needs neither; closing
 * releases what they keep on the handle.
 */
#ifndef MC_UPGRADE_H
#define MC_UPGRADE_H

#include "db.h"

/*
 * Opens the database at path. *out always receives a handle (NULL only when
 * memory ran out) so that mc_errmsg() can tell what failed; the caller
 * closes it with mc_db_close() in every case. Sets WAL, foreign keys and
 * the busy timeout (busy_ms), and upgrades an older schema inside one
 * transaction. MC_DB_CREATE mode creates the folder (0700) and the file
 * (0600) when missing; the other modes give MC_NO_INPUT for a missing file.
 */
mc_status mc_db_open(const char *path, mc_db_mode mode, int busy_ms, mc_db **out);
void mc_db_close(mc_db *db);

#endif
