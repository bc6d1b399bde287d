/* motcua — what the register, extract and report commands share. */
#ifndef MC_REGISTER_CMD_H
#define MC_REGISTER_CMD_H

#include "cmd.h"

/* The register named by s, or a usage error (returns 2). */
int parse_kind(struct mc_ctx *ctx, const char *s, mc_reg_kind *k);
/* An entry as a JSON object (every column; numbers and years as numbers). */
void json_entry(FILE *fp, const mc_entry *e);
/* Search hits: the header of the text table or the CSV, then one hit
 * (the n-th, from 0: JSON puts commas between them). */
void print_hits_header(struct mc_ctx *ctx);
int print_hit(struct mc_ctx *ctx, const mc_entry *e, int n);

#endif
