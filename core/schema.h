/* motcua — schema migrations (see core/schema.c). */
#ifndef MC_SCHEMA_H
#define MC_SCHEMA_H

/* The number of migrations = the current schema version. */
int mc_schema_count(void);
/* The SQL that brings version-1 to version, or NULL. */
const char *mc_schema_migration(int version);

#endif
