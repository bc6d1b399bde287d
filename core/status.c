/* motcua — names of the status codes. */
#include "i18n.h"
#include "status.h"

const char *mc_status_str(mc_status st)
{
	static const char *const names[MC_STATUS_LAST] = {
		[MC_OK] = N_("success"),
		[MC_NOT_FOUND] = N_("not found"),
		[MC_EXISTS] = N_("already exists"),
		[MC_USAGE] = N_("usage error"),
		[MC_BAD_INPUT] = N_("bad input"),
		[MC_NO_INPUT] = N_("cannot open input"),
		[MC_CANT_CREATE] = N_("cannot create output"),
		[MC_IO] = N_("input/output error"),
		[MC_BUSY] = N_("database busy"),
		[MC_DB] = N_("database error"),
		[MC_NOMEM] = N_("out of memory"),
		[MC_REFUSED] = N_("refused"),
		[MC_UNAVAILABLE] = N_("service unavailable"),
		[MC_UNREACHABLE] = N_("server unreachable"),
	};
	if (st < 0 || st >= MC_STATUS_LAST)
		return N_("unknown status");
	return names[st];
}
