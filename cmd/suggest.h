/* motcua — the nearest names to a mistyped one ("did you mean"). */
#ifndef MC_SUGGEST_H
#define MC_SUGGEST_H

#include <stdio.h>

#include "cmd.h"

#define MC_NEAR_MAX 40

struct mc_near {
	const char *word;
	size_t len;
	unsigned dist;
	char names[160]; /* "a, b": the nearest, "" when none is near */
};

void near_init(struct mc_near *n, const char *word, size_t len);
void near_offer(struct mc_near *n, const char *prefix, const char *name);
void near_commands(struct mc_near *n);
void near_subs(struct mc_near *n, const struct mc_command *c);
void near_opts(struct mc_near *n, const struct mc_opt *opts);

#endif
