/* motcua — what the dossier commands' files share (cmd/dossier.c,
 * cmd/dossier-fix.c, cmd/dossier-find.c). */
#ifndef MC_DOSSIER_CMD_H
#define MC_DOSSIER_CMD_H

#include "cmd.h"

/* A dossier as dossier status prints it (text view, JSON, -q: its code). */
int show_dossier(struct mc_ctx *ctx, const mc_dossier *d);

/* dossier amend, note and cancel (cmd/dossier-fix.c) */
int cmd_dossier_amend(struct mc_ctx *ctx, const struct mc_args *a);
int cmd_dossier_note(struct mc_ctx *ctx, const struct mc_args *a);
int cmd_dossier_cancel(struct mc_ctx *ctx, const struct mc_args *a);
extern const struct mc_opt mc_dossier_amend_opts[], mc_dossier_cancel_opts[];

/* dossier find (cmd/dossier-find.c) */
int cmd_dossier_find(struct mc_ctx *ctx, const struct mc_args *a);
extern const struct mc_opt mc_dossier_find_opts[];

#endif
