/* motcua — the province's PostgreSQL database: its schema in numbered
 * migrations, and the tables a ward's push fills (`province init`,
 * `sync push`). The SQL only: the program of the network commands
 * (net/) runs it through libpq, which libmotcua never links. */
#ifndef MC_PROVINCE_H
#define MC_PROVINCE_H

#include <stddef.h>

/*
 * The province's schema, like the ward's (core/schema.c): migration N
 * brings it from version N-1 to N, and is recorded in the province's
 * table province_migrations in the same transaction. A released
 * migration is never edited.
 */
int mc_province_schema_count(void);
/* The SQL of migration version (1 .. count), NULL outside. */
const char *mc_province_migration(int version);
/* What to run after migration version is committed, outside any
 * transaction (VACUUM), or NULL. */
const char *mc_province_after(int version);

/*
 * The tables a push fills, in the order it fills them. Each holds the
 * ward's rows as the ward has them, the columns `cols` (as named in the
 * ward's table and the province's), with the ward's unit_id first. key:
 * the columns after unit_id that name a row. in_place: the ward changes
 * its rows (a dossier moves on, an entry is corrected), so a row sent
 * again replaces the province's; else the table is append-only and a row
 * already there is kept.
 */
struct mc_province_table {
	const char *name;
	const char *cols;          /* "id, code, ..."                      */
	const char *key;           /* "id"                                 */
	int in_place;
};

extern const struct mc_province_table mc_province_tables[];
extern const size_t mc_province_ntables;

/* Is t a register, whose rows end with the folded words of their names
 * and their signature (the columns "words" and "sig", which the ward
 * computes and the province keeps for `province search`)? */
int mc_province_has_words(const struct mc_province_table *t);

/* The group roles of migration 1: every ward's role is a member of the
 * first, the province's readers of the second. */
#define MC_PROVINCE_WARD_ROLE "motcua_ward"
#define MC_PROVINCE_READ_ROLE "motcua_reader"

#endif
