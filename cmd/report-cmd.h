/* motcua — what report summary shares with province summary (cmd/report.c). */
#ifndef MC_REPORT_CMD_H
#define MC_REPORT_CMD_H

#include "cmd.h"

/* --from/--to as a period of receipt days; prints the error. */
int parse_period(const struct mc_args *a, mc_period *p);
/* The summary's columns: the group's (key group, text title; NULL for
 * none), the figures and the rate, in the keys of report summary. */
void summary_columns(mc_printer *p, const char *group, const char *title);
/* One row: its group (label under key group, when not NULL), its
 * figures and its on-time rate. */
void summary_row(mc_printer *p, const mc_summary *s, const char *group, const char *label);

#endif
