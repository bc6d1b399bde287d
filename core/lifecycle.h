/* motcua — the lifecycle of a dossier (SPEC 4.4): its statuses, the moves
 * between them, and the one rule of where a dossier stands for the
 * office's figures. Rules only: the dossiers themselves are in
 * core/dossier.h. */
#ifndef MC_LIFECYCLE_H
#define MC_LIFECYCLE_H

#include "clock.h"
#include "status.h"

/* The lifecycle of SPEC 4.4, in the order of its table, then cancelled:
 * a dossier entered by mistake and cancelled the day it was received
 * (core/dossier-fix.c), which no move reaches, with no national code. */
typedef enum {
	MC_ST_RECEIVED = 0,
	MC_ST_PROCESSING,
	MC_ST_SUPPLEMENT,
	MC_ST_PAYMENT,
	MC_ST_DONE,
	MC_ST_RETURNED,
	MC_ST_REJECTED,
	MC_ST_WITHDRAWN,
	MC_ST_STOPPED,
	MC_ST_CANCELLED,        /* entered by mistake: only dossier cancel */
	MC_ST_COUNT
} mc_dossier_status;

/* The bit of status s in a set of statuses (mc_status_info.next). */
#define MC_ST_BIT(s) (1u << (s))

typedef struct {
	const char *name;       /* "processing"                         */
	const char *label;      /* "Đang xử lý" (Vietnamese, always)     */
	int national;           /* the national portal's status code, 0: none */
	unsigned next;          /* bit s set: may move to status s       */
	int needs_reason;       /* moving here requires a reason         */
	int open;               /* still being worked on                 */
} mc_status_info;

const mc_status_info *mc_dossier_status_info(mc_dossier_status s);
/*
 * For people, in the language of messages (never in machine formats):
 * the status's word in lists, histories and messages ("processing" under
 * C, "đang xử lý" in Vietnamese), and its title heading a dossier
 * ("Being processed", or the official label). Static, never freed.
 */
const char *mc_status_word(mc_dossier_status s);
const char *mc_status_title(mc_dossier_status s);
/* MC_BAD_INPUT for a name that is not a status. */
mc_status mc_dossier_status_parse(const char *name, mc_dossier_status *out);

/*
 * Where a dossier stands for the office's figures (SPEC 8), at `now`:
 * exactly one outcome per dossier. The due time that judges it is the one
 * promised on the receipt slip, moved only by supplement waits
 * (promised_at; MC_TIME_NONE while never rescheduled, when due_at is that
 * time). Finished (done, or returned) by it is on time, after it late; a
 * rescheduled dossier (form 04, an apology) is late once finished,
 * whenever it finishes (SPEC 4.4). An open dossier is overdue once `now`
 * is past the promised time, except while it waits in supplement, where
 * the clock stopped when the wait began (paused_at); the other open ones
 * are in progress. This is the one rule: mc_dossier_on_time(), _overdue()
 * of core/dossier.h, the summary and the tracking book all come from it.
 * A cancelled dossier (entered by mistake) has no outcome: MC_OUT_COUNT,
 * and no outcome's SQL holds for it; the figures leave it out.
 */
typedef enum {
	MC_OUT_IN_PROGRESS = 0,
	MC_OUT_ON_TIME,
	MC_OUT_LATE,
	MC_OUT_OVERDUE,
	MC_OUT_REJECTED,
	MC_OUT_WITHDRAWN,
	MC_OUT_STOPPED,
	MC_OUT_COUNT
} mc_outcome;

/* "in_progress", "on_time", "late", ... (the summary's keys) */
const char *mc_outcome_name(mc_outcome o);

/* The rule itself, on the stored values (MC_TIME_NONE for NULL). */
mc_outcome mc_outcome_of(mc_dossier_status s, mc_time due_at, mc_time promised_at,
			 mc_time finished_at, mc_time paused_at, mc_time now);

/*
 * The same rule in SQL, for aggregate queries that must not hand every row
 * to C: a condition on the columns status, due_at, promised_at,
 * finished_at and paused_at of the dossiers table, with the parameter ?1
 * bound to `now`, true exactly when mc_outcome_of() gives o
 * (tests/unit/test_report.c checks that they agree). The string is static.
 */
const char *mc_outcome_sql(mc_outcome o);

/*
 * The rule for counts a server makes grouped by status, without an
 * outcome's condition per row (`province summary`): a dossier's time is
 * judged by one of three conditions, chosen by its status alone
 * (mc_status_judge): how it finished, for done and returned; the clock
 * that stopped in supplement; the running clock, for the rest.
 * mc_judge_sql(j) is that condition on the columns of mc_outcome_sql(),
 * in SQL that PostgreSQL and SQLite both read, the parameter $1 bound to
 * `now`, true when the dossier is in time (static string); and its
 * outcome is then mc_outcome_judged(s, in_time), as mc_outcome_of()
 * gives it (tests/unit/test_report.c checks that they agree). A status
 * that no clock judges (rejected, ...) has the same outcome either way;
 * cancelled has MC_OUT_COUNT.
 */
typedef enum {
	MC_JUDGE_RUNNING = 0,
	MC_JUDGE_PAUSED,
	MC_JUDGE_FINISHED,
	MC_JUDGE_COUNT
} mc_judge;

mc_judge mc_status_judge(mc_dossier_status s);
const char *mc_judge_sql(mc_judge j);
mc_outcome mc_outcome_judged(mc_dossier_status s, int in_time);

#endif
