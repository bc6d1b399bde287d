/* motcua — names of the status codes. */
#include "status.h"

const char *mc_status_str(mc_status st)
{
	static const char *const names[MC_STATUS_LAST] = {
		[MC_OK] = "success",
		[MC_NOT_FOUND] = "not found",
		[MC_EXISTS] = "already exists",
		[MC_USAGE] = "usage error",
		[MC_BAD_INPUT] = "bad input",
		[MC_NO_INPUT] = "cannot open input",
		[MC_CANT_CREATE] = "cannot create output",
		[MC_IO] = "input/output error",
		[MC_BUSY] = "database busy",
		[MC_DB] = "database error",
		[MC_NOMEM] = "out of memory",
	};
	if (st < 0 || st >= MC_STATUS_LAST)
		return "unknown status";
	return names[st];
}
