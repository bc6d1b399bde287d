/* motcua — dossier find (cmd/dossier-find.c), a row of cmd/dossier.c's
 * sub-table. */
#ifndef MC_DOSSIER_FIND_H
#define MC_DOSSIER_FIND_H

#include "cmd.h"

extern const struct mc_opt dossier_find_opts[];
int cmd_dossier_find(struct mc_ctx *ctx, const struct mc_args *a);

#endif
