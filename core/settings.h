/* motcua — the office's settings (table settings) and the working
 * calendar they make with the office's own days off. */
#ifndef MC_SETTINGS_H
#define MC_SETTINGS_H

#include <stddef.h>
#include "calendar.h"
#include "db.h"
#include "i18n.h"

/* The keys that exist, in display order, with their defaults (NULL when
 * unset by default). */
typedef struct {
	const char *key;
	const char *def;
} mc_setting_info;
const mc_setting_info *mc_settings_known(size_t *n);

/* *value is malloc'd (free()), or NULL with MC_NOT_FOUND when the key is
 * unset and has no default. Unknown keys are MC_BAD_INPUT. */
mc_status mc_setting_get(mc_db *db, const char *key, char **value);

/*
 * For a handle kept open across requests (the workers of motcua serve):
 * the settings are read once per handle and kept; when another connection
 * has committed since the last call (PRAGMA data_version), what is kept
 * (the settings, the UTC offset) is forgotten and read again when asked.
 */
mc_status mc_settings_refresh(mc_db *db);
/* Validates value for the key (MC_BAD_INPUT with the reason in mc_errmsg,
 * which names the key as config set is given it: mc_field_name). */
mc_status mc_setting_set(mc_db *db, const char *key, const char *value);
/* The same, the key named for where the value came from (init's
 * --unit-name is MC_FROM_OPTION). */
mc_status mc_setting_set_from(mc_db *db, const char *key, const char *value,
			      mc_field_place where);

/* Marks the database a training copy (setting training = yes), audited;
 * for init only: mc_setting_set refuses the key. */
mc_status mc_setting_mark_training(mc_db *db);

/* Is the database a training copy? Only such a database honours a clock
 * set from outside (MOTCUA_NOW), and its documents say what they are
 * (MC_DOC_TRAINING_MARK). */
int mc_db_training(mc_db *db);

/* Is the database initialised (unit_id set)? */
int mc_db_initialised(mc_db *db);

/*
 * The working calendar from the settings and the office's overrides. The
 * arrays it points to belong to the handle and live until it is closed or
 * the calendar is loaded again.
 */
mc_status mc_db_calendar(mc_db *db, mc_calendar *cal);

#endif
