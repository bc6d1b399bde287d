/* motcua — the lifecycle of a dossier: statuses, moves and outcomes. */
#include <string.h>

#include "i18n.h"
#include "lifecycle.h"

/* SPEC 4.4: labels, national codes and the allowed moves. */
#define TO(s) MC_ST_BIT(MC_ST_##s)
static const mc_status_info statuses[MC_ST_COUNT] = {
	[MC_ST_RECEIVED] = { "received", "Đã tiếp nhận", 2,
		TO(PROCESSING) | TO(SUPPLEMENT) | TO(PAYMENT) | TO(DONE) | TO(REJECTED) |
		TO(WITHDRAWN), 0, 1 },
	[MC_ST_PROCESSING] = { "processing", "Đang xử lý", 4,
		TO(SUPPLEMENT) | TO(PAYMENT) | TO(DONE) | TO(STOPPED) | TO(WITHDRAWN), 0, 1 },
	[MC_ST_SUPPLEMENT] = { "supplement", "Yêu cầu bổ sung hồ sơ", 5,
		TO(PROCESSING) | TO(WITHDRAWN) | TO(STOPPED), 1, 1 },
	[MC_ST_PAYMENT] = { "payment", "Chờ thực hiện nghĩa vụ tài chính", 6,
		TO(PROCESSING) | TO(DONE) | TO(WITHDRAWN), 0, 1 },
	[MC_ST_DONE] = { "done", "Đã có kết quả, chờ trả", 9, TO(RETURNED), 0, 0 },
	[MC_ST_RETURNED] = { "returned", "Đã trả kết quả", 10, 0, 0, 0 },
	[MC_ST_REJECTED] = { "rejected", "Từ chối tiếp nhận", 3, 0, 1, 0 },
	[MC_ST_WITHDRAWN] = { "withdrawn", "Công dân rút hồ sơ", 7, 0, 0, 0 },
	[MC_ST_STOPPED] = { "stopped", "Dừng xử lý", 8, 0, 1, 0 },
	/* Not of SPEC 4.4's table: reached only by dossier cancel. */
	[MC_ST_CANCELLED] = { "cancelled", "Đã hủy do nhập nhầm", 0, 0, 1, 0 },
};

const mc_status_info *mc_dossier_status_info(mc_dossier_status s)
{
	return s < MC_ST_COUNT ? &statuses[s] : NULL;
}

/* The words of statuses for people, in the order of the enum. */
static const char *const words[MC_ST_COUNT] = {
	NC_("status", "received"), NC_("status", "processing"), NC_("status", "supplement"),
	NC_("status", "payment"), NC_("status", "done"), NC_("status", "returned"),
	NC_("status", "rejected"), NC_("status", "withdrawn"), NC_("status", "stopped"),
	NC_("status", "cancelled"),
};
static const char *const titles[MC_ST_COUNT] = {
	NC_("status title", "Received"), NC_("status title", "Being processed"),
	NC_("status title", "Supplement requested"), NC_("status title", "Awaiting fees"),
	NC_("status title", "Result ready, to be returned"),
	NC_("status title", "Result returned"), NC_("status title", "Rejected at receipt"),
	NC_("status title", "Withdrawn by the citizen"),
	NC_("status title", "Processing stopped"),
	NC_("status title", "Cancelled (entered by mistake)"),
};

const char *mc_status_word(mc_dossier_status s)
{
	return s < MC_ST_COUNT ? mc_ncgettext(words[s]) : "?";
}

const char *mc_status_title(mc_dossier_status s)
{
	return s < MC_ST_COUNT ? mc_ncgettext(titles[s]) : "?";
}

mc_status mc_dossier_status_parse(const char *name, mc_dossier_status *out)
{
	for (int s = 0; s < MC_ST_COUNT; s++) {
		if (strcmp(statuses[s].name, name) == 0) {
			*out = (mc_dossier_status)s;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

static const char *const outcome_names[MC_OUT_COUNT] = {
	"in_progress", "on_time", "late", "overdue", "rejected", "withdrawn", "stopped",
};

const char *mc_outcome_name(mc_outcome o)
{
	return o < MC_OUT_COUNT ? outcome_names[o] : NULL;
}

mc_outcome mc_outcome_of(mc_dossier_status s, mc_time due_at, mc_time promised_at,
			 mc_time finished_at, mc_time paused_at, mc_time now)
{
	/* The promised time judges; a reschedule is an apology for lateness. */
	int rescheduled = promised_at != MC_TIME_NONE;
	if (rescheduled)
		due_at = promised_at;
	switch (s) {
	case MC_ST_DONE:
	case MC_ST_RETURNED:
		return rescheduled || (finished_at != MC_TIME_NONE && finished_at > due_at)
			? MC_OUT_LATE : MC_OUT_ON_TIME;
	case MC_ST_REJECTED:
		return MC_OUT_REJECTED;
	case MC_ST_WITHDRAWN:
		return MC_OUT_WITHDRAWN;
	case MC_ST_STOPPED:
		return MC_OUT_STOPPED;
	case MC_ST_CANCELLED:
		return MC_OUT_COUNT;
	default:
		break;
	}
	/* The clock stops while the office waits for the citizen. */
	mc_time at = s == MC_ST_SUPPLEMENT && paused_at != MC_TIME_NONE ? paused_at : now;
	return at > due_at ? MC_OUT_OVERDUE : MC_OUT_IN_PROGRESS;
}

/* mc_outcome_of() in SQL, outcome by outcome, for SQLite (?1 = now). */
#define OPEN_RUNNING "status IN ('received','processing','payment')"
#define FINISHED "status IN ('done','returned')"
#define PROMISED "coalesce(promised_at, due_at)"
static const char *const outcome_sql[MC_OUT_COUNT] = {
	[MC_OUT_IN_PROGRESS] = "((" OPEN_RUNNING " AND ?1 <= " PROMISED ") OR"
			       " (status = 'supplement' AND coalesce(paused_at, ?1) <= "
			       PROMISED "))",
	[MC_OUT_ON_TIME] = "(" FINISHED " AND promised_at IS NULL"
			   " AND coalesce(finished_at <= due_at, 1))",
	[MC_OUT_LATE] = "(" FINISHED " AND (promised_at IS NOT NULL OR finished_at > due_at))",
	[MC_OUT_OVERDUE] = "((" OPEN_RUNNING " AND ?1 > " PROMISED ") OR"
			   " (status = 'supplement' AND coalesce(paused_at, ?1) > "
			   PROMISED "))",
	[MC_OUT_REJECTED] = "(status = 'rejected')",
	[MC_OUT_WITHDRAWN] = "(status = 'withdrawn')",
	[MC_OUT_STOPPED] = "(status = 'stopped')",
};

const char *mc_outcome_sql(mc_outcome o)
{
	return o < MC_OUT_COUNT ? outcome_sql[o] : NULL;
}

mc_judge mc_status_judge(mc_dossier_status s)
{
	/* As mc_outcome_of() looks at the times. */
	return s == MC_ST_DONE || s == MC_ST_RETURNED ? MC_JUDGE_FINISHED
		: s == MC_ST_SUPPLEMENT ? MC_JUDGE_PAUSED : MC_JUDGE_RUNNING;
}

/* Boolean in both engines: SQLite's comparisons are 0 or 1, and TRUE is
 * 1 there since 3.23. */
static const char *const judge_sql[MC_JUDGE_COUNT] = {
	[MC_JUDGE_RUNNING] = "$1 <= " PROMISED,
	[MC_JUDGE_PAUSED] = "coalesce(paused_at, $1) <= " PROMISED,
	[MC_JUDGE_FINISHED] = "promised_at IS NULL AND coalesce(finished_at <= due_at, TRUE)",
};

const char *mc_judge_sql(mc_judge j)
{
	return j < MC_JUDGE_COUNT ? judge_sql[j] : NULL;
}

mc_outcome mc_outcome_judged(mc_dossier_status s, int in_time)
{
	/* The rule itself on times that are in time or not, whichever of
	 * them it looks at for s: due at 1 and finished, paused or now at 0,
	 * or due at 0 and they at 1. */
	return in_time ? mc_outcome_of(s, 1, MC_TIME_NONE, 0, MC_TIME_NONE, 0)
		: mc_outcome_of(s, 0, MC_TIME_NONE, 1, MC_TIME_NONE, 1);
}
