/* motcua — what the register, extract and report commands share. */
#ifndef MC_REGISTER_CMD_H
#define MC_REGISTER_CMD_H

#include "cmd.h"

/* The register named by s, or a usage error (returns 2). */
int parse_kind(struct mc_ctx *ctx, const char *s, mc_reg_kind *k);
/* An entry of kind k as a record: the columns of its CSV (none in text,
 * where a command gives its own view), then the entry: every column,
 * numbers and years as numbers, and its kind for JSON. */
void entry_columns(mc_printer *p, mc_reg_kind k);
void entry_record(mc_printer *p, const mc_entry *e);
/* The same, the map left open for more keys (the caller ends it). */
void entry_record_open(mc_printer *p, const mc_entry *e);
/* Search hits: the columns of their table, then one hit. */
void hit_columns(mc_printer *p);
void hit_record(mc_printer *p, const mc_entry *e);

#endif
