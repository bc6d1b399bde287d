/* motcua — the search indexes as a whole: the registers' index of names
 * (core/register-search.c) and the applicants' (core/dossier-find.c),
 * each checked against the rows it is made from, and rebuilt from them. */
#ifndef MC_SEARCH_INDEX_H
#define MC_SEARCH_INDEX_H

#include "audit.h"

/* How an index stands against its source. */
typedef struct {
	const char *index;      /* "register_names"                        */
	const char *terms;      /* its list of words: "register_terms"     */
	const char *about;      /* what it is for, translated              */
	int absent;             /* its table was dropped                   */
	long entries;           /* entries it should hold (rows of its source) */
	long missing, extra, different;  /* entries                       */
	long words_missing;     /* words of the source not in terms        */
} mc_index_state;

typedef int (*mc_index_fn)(const mc_index_state *s, void *ud);

/*
 * The part of db check (core/audit.h) that compares each index with what
 * its source makes of it, in one read transaction: fn is called with a
 * problem of kind MC_PROBLEM_INDEX for each index that differs (removed,
 * or with entries missing, extra or different, or words missing from its
 * list of words; a word left in the list after a name changed is not a
 * difference: searches only look words up there), and *problems counts
 * them. It builds a copy of each index in the temporary database, and so
 * works on a database opened read-only. A non-zero return of fn stops.
 */
mc_status mc_index_check(mc_db *db, mc_problem_fn fn, void *ud, long *problems);

/*
 * Rebuilds every index from its source, in one transaction, with an
 * audit record of each ("index rebuilt", mc_audit_note). fn is called for
 * each index rebuilt, with entries set (NULL: not told).
 */
mc_status mc_index_rebuild(mc_db *db, mc_index_fn fn, void *ud);

#endif
