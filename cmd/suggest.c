/* motcua — "did you mean": the nearest names to a mistyped command,
 * subcommand or option, by the number of keys to fix (Damerau-Levenshtein,
 * an adjacent swap counting as one). */
#include <string.h>

#include "args.h"
#include "suggest.h"

/* Keys to fix between a[0..an) and b[0..bn); names are short. */
static unsigned distance(const char *a, size_t an, const char *b, size_t bn)
{
	unsigned d[MC_NEAR_MAX + 1][MC_NEAR_MAX + 1];
	if (an > MC_NEAR_MAX || bn > MC_NEAR_MAX)
		return MC_NEAR_MAX;
	for (size_t i = 0; i <= an; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= bn; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= an; i++)
		for (size_t j = 1; j <= bn; j++) {
			unsigned best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[an][bn];
}

void near_init(struct mc_near *n, const char *word, size_t len)
{
	n->word = word;
	n->len = len;
	n->dist = MC_NEAR_MAX;
	n->names[0] = '\0';
}

/* A name as near as the nearest so far joins it; a nearer one replaces
 * them. Only a slip is offered: one key in a short word, two in a longer,
 * and never a whole word retyped. */
void near_offer(struct mc_near *n, const char *prefix, const char *name)
{
	size_t nl = strlen(name), used = strlen(n->names);
	unsigned dist = distance(n->word, n->len, name, nl);
	unsigned limit = n->len <= 3 ? 1 : 2;
	if (dist > limit || dist >= n->len || dist >= nl || dist > n->dist)
		return;
	if (dist < n->dist) {
		n->dist = dist;
		used = 0;
		n->names[0] = '\0';
	}
	if (used + strlen(prefix) + nl + 3 >= sizeof n->names)
		return;
	snprintf(n->names + used, sizeof n->names - used, "%s%s%s",
		 used ? ", " : "", prefix, name);
}

void near_commands(struct mc_near *n)
{
	for (const struct mc_command *c = mc_commands; c->name; c++)
		near_offer(n, "", c->name);
}

void near_subs(struct mc_near *n, const struct mc_command *c)
{
	for (const struct mc_subcommand *s = c->subs; s->fn; s++)
		if (s->name)
			near_offer(n, "", s->name);
}

void near_opts(struct mc_near *n, const struct mc_opt *opts)
{
	for (const struct mc_opt *o = opts; o && o->name; o++)
		near_offer(n, "--", o->name);
	for (const struct mc_opt *o = mc_global_opts; o->name; o++)
		near_offer(n, "--", o->name);
}
