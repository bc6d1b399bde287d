/* motcua — the problems db check finds: their names, and how each is
 * counted and handed on, for the checks of core/audit-check.c and the
 * replay of core/audit-replay.c alike. */
#include <stdarg.h>
#include <stdio.h>

#include "audit-private.h"

const char *mc_problem_name(mc_problem_kind k)
{
	static const char *const names[MC_PROBLEM_COUNT] = {
		"integrity", "foreign_key", "trigger", "record_altered",
		"record_missing", "chain", "row_altered", "row_missing", "row_unaudited",
		"rewritten", "impossible", "index", "witness",
	};
	return k < MC_PROBLEM_COUNT ? names[k] : "unknown";
}

void mc_check_problem(struct mc_checker *c, mc_problem_kind kind, const char *table,
		      const char *key, int64_t record, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	mc_problem p = { kind, table, key, record, msg };
	if ((kind == MC_PROBLEM_RECORD_ALTERED || kind == MC_PROBLEM_RECORD_MISSING ||
	     kind == MC_PROBLEM_CHAIN) && record && (!c->first_bad || record < c->first_bad))
		c->first_bad = record;
	mc_check_count(c, &p);
}

void mc_check_count(struct mc_checker *c, const mc_problem *p)
{
	c->res->problems++;
	/* Without a callback (fn NULL) the problems are only counted. */
	if (!c->stop && c->fn && c->fn(p, c->ud))
		c->stop = 1;
}
