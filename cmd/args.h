/* motcua — option parsing internals shared by main.c and help.c. */
#ifndef MC_ARGS_H
#define MC_ARGS_H

#include "cmd.h"

extern const struct mc_opt mc_global_opts[];

/*
 * Parses argv[0..argc) against opts and the global options. With
 * stop_at_pos, stops at the first positional argument (a->rest is its
 * index); otherwise positionals are collected in a->pos. Returns MC_OK,
 * MC_USAGE (the message in err) or MC_NOMEM.
 */
mc_status args_parse(const struct mc_opt *opts, int argc, char **argv, int stop_at_pos,
	       struct mc_args *a, char *err, size_t errn);
void args_release(struct mc_args *a);

#endif
