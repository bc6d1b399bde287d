/* motcua — what the modules of core/ share about the settings' cache. */
#ifndef MC_SETTINGS_PRIVATE_H
#define MC_SETTINGS_PRIVATE_H

#include "settings.h"

/* Drops the settings read so far: after the table changed, and on close. */
void mc_settings_forget(mc_db *db);

#endif
