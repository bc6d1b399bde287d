/* motcua — the province's database: its schema, its wards and readers,
 * and the queries of the province's commands (net/province.c). */
#ifndef MC_PROVINCE_NET_H
#define MC_PROVINCE_NET_H

#include "pg.h"
#include "report.h"

/* Brings the schema up to this program's (core/province.h), each
 * migration in its own transaction with its record: *from the version
 * found, *to the one left. MC_UNAVAILABLE when the province's is newer. */
mc_status mc_province_init(mc_pg *pg, int *from, int *to);

/* A ward's role: created (LOGIN, no password) unless it exists, made a
 * member of motcua_ward and named the unit's in wards (a unit's role may
 * be changed, a role serves one unit). */
mc_status mc_province_add_ward(mc_pg *pg, const char *unit, const char *role);
/* A reader: the role (which must exist) made a member of motcua_reader. */
mc_status mc_province_add_reader(mc_pg *pg, const char *role);

/*
 * The summary of every ward's dossiers received in [from, to) (Unix
 * seconds; NULL: open) at time now, grouped by unit (by_procedure 0) or
 * by procedure: *n groups in *sums (to free), in the order of their
 * names, whose strings live in *rows (mc_pg_rows_free after them).
 */
mc_status mc_province_summary(mc_pg *pg, mc_time now, const char *from, const char *to,
			      int by_procedure, mc_pg_rows **rows, mc_summary **sums, int *n);

/* The unit of a dossier's code ({unit_id}-{yyMMdd}-{NNNN}, SPEC 4.3), in
 * SQL on the parameter P: a lookup by code that also names it reads its
 * ward's partition of the dossiers alone (province schema 8), where the
 * code alone has every ward's planned (100 wards, in a new connection:
 * 36 to 38 ms of planning, against 5.5 to 6.8). */
#define MC_PROVINCE_CODE_UNIT(P) "regexp_replace(" P ", '-[^-]*-[^-]*$', '')"

/* A dossier by its code: unit_id, code, procedure, applicant, status,
 * received_at, due_at, promised_at, finished_at, returned_at; and its
 * history: at, status, event, note, reason. MC_NOT_FOUND when none. */
mc_status mc_province_status(mc_pg *pg, const char *code, mc_pg_rows **dossier,
			     mc_pg_rows **history);

/* One ward as `province check` sees it. */
typedef struct {
	const char *unit, *role;
	long records;
	int64_t head;
	mc_time last_push;      /* MC_TIME_NONE: never pushed            */
	int64_t broken_at;      /* the first record not chained, 0: none */
	long incidents;
	int64_t incident_record;/* the first record of the last incident */
	int silent;             /* no push for more than silent_days     */
	/* The checkpoints the ward's pushes sent (core/witness.h), each
	 * verified against the first key the ward gave and the province's
	 * copy of the chain: how many, the last that holds, the first that
	 * does not (0: none) and why (untranslated, N_()). */
	long checkpoints;
	int64_t checkpoint_ok, checkpoint_bad;
	const char *checkpoint_why;
} mc_province_ward;

typedef int (*mc_province_ward_fn)(const mc_province_ward *w, void *ud);
/* Each ward, in the order of its unit, its copy of the log verified
 * record by record (core/audit.h's hashes) at time now. */
mc_status mc_province_check(mc_pg *pg, mc_time now, long silent_days,
			    mc_province_ward_fn fn, void *ud);

#endif

/* One entry found by province search; strings live for the call. */
typedef struct {
	const char *unit, *kind, *book, *number, *registered_on, *name, *date_of_birth,
		*father_name, *mother_name, *spouse_name, *died_on;
	int rank;               /* as register search's: lower is better */
} mc_province_hit;

typedef int (*mc_province_hit_fn)(const mc_province_hit *h, void *ud);
/*
 * Every ward's register entries by the names they hold, as register
 * search finds and ranks them (core/register.h, mc_reg_search): each word
 * of the query the beginning of a word of one and the same name; the
 * people the entries are about before the parents, each by the number of
 * words of the name that matched, then newest first (by id; births,
 * marriages, deaths; by unit), each entry once, at most limit. kinds: bit
 * (1 << mc_reg_kind), 0 for all; year: only the entries registered that
 * year, 0 for all. MC_BAD_INPUT for a query of no word or too many.
 */
mc_status mc_province_search(mc_pg *pg, const char *query, unsigned kinds, int year, int limit,
			     mc_province_hit_fn fn, void *ud);
