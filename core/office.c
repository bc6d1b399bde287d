/* motcua — setting up an office (office.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db-private.h"
#include "i18n.h"
#include "office.h"
#include "procedure.h"
#include "settings.h"
#include "upgrade.h"

static const char *const keys[] = { "unit_id", "unit_name", "province", "lookup_url" };
#define N_KEYS (sizeof keys / sizeof keys[0])

static void values(const mc_office *o, const char *v[N_KEYS])
{
	v[0] = o->unit_id;
	v[1] = o->unit_name;
	v[2] = o->province;
	v[3] = o->lookup_url;
}

/* Set up already: the same settings are fine, others are not. */
static mc_status compare(mc_db *db, const mc_office *o, int *already)
{
	const char *v[N_KEYS];
	values(o, v);
	for (size_t i = 0; i < N_KEYS; i++) {
		char *cur = NULL;
		if (!v[i])
			continue;
		mc_status rc = mc_setting_get(db, keys[i], &cur);
		if (rc != MC_OK && rc != MC_NOT_FOUND)
			return rc;
		int same = cur && strcmp(cur, v[i]) == 0;
		free(cur);
		if (!same)
			return mc_db_fail(db, MC_EXISTS, _("already set up with another %s"),
					  mc_field_option(keys[i], (char[32]){ 0 }, 32));
	}
	*already = 1;
	return MC_OK;
}

static void remove_key(mc_db *db)
{
	char *path = mc_sign_key_path(db->path);
	if (path)
		unlink(path);
	free(path);
}

struct setup {
	const mc_office *o;
	int key_created;
};

static mc_status set_up(mc_db *db, void *ud)
{
	struct setup *s = ud;
	const char *v[N_KEYS];
	mc_status rc = MC_OK;
	values(s->o, v);
	for (size_t i = 0; i < N_KEYS && rc == MC_OK; i++)
		if (v[i])
			rc = mc_setting_set_from(db, keys[i], v[i], MC_FROM_OPTION);
	if (rc == MC_OK && s->o->training)
		rc = mc_setting_mark_training(db);
	if (rc == MC_OK)
		rc = mc_procedure_seed(db);
	if (rc == MC_OK)
		rc = mc_sign_key_ensure(db, &s->key_created);
	return rc;
}

static mc_status mark_training(mc_db *db, void *ud)
{
	(void)ud;
	return mc_setting_mark_training(db);
}

mc_status mc_office_init(mc_db *db, const mc_office *o, int *already)
{
	struct setup s = { o, 0 };
	*already = 0;
	if (!o->unit_id || !o->unit_name)
		return mc_db_fail(db, MC_USAGE, _("an office needs its unit_id and unit_name"));
	if (mc_db_initialised(db)) {
		mc_status rc = compare(db, o, already);
		if (rc == MC_OK && o->training && !mc_db_training(db))
			rc = mc_db_atomic(db, mark_training, NULL);
		return rc;
	}
	mc_status rc = mc_db_atomic(db, set_up, &s);
	if (rc != MC_OK && s.key_created)
		remove_key(db);
	return rc;
}

struct setting {
	const char *key, *value;
};

static mc_status set_one(mc_db *db, void *ud)
{
	const struct setting *s = ud;
	return mc_setting_set(db, s->key, s->value);
}

mc_status mc_office_set(mc_db *db, const char *key, const char *value)
{
	struct setting s = { key, value };
	return mc_db_atomic(db, set_one, &s);
}

static mc_status make_key(mc_db *db, void *ud)
{
	return mc_sign_key_ensure(db, ud);
}

mc_status mc_office_public_key(mc_db *db, unsigned char pk[MC_SIGN_PUBLIC_BYTES])
{
	int created = 0;
	mc_status rc = mc_sign_public_key(db, pk);
	if (rc != MC_NOT_FOUND)
		return rc;
	if ((rc = mc_db_atomic(db, make_key, &created)) != MC_OK) {
		if (created)
			remove_key(db);
		return rc;
	}
	return mc_sign_public_key(db, pk);
}

void mc_office_discard(mc_db *db)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char path[4200];
	char *base = db ? strdup(db->path) : NULL;
	mc_db_close(db);
	if (!base)
		return;
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", base, suffix[i]);
		unlink(path);
	}
	free(base);
}
