/* motcua — libmotcua, the public API of the one-stop-door office's register.
 *
 * Conventions of every module: functions return an mc_status (MC_OK = 0),
 * hand results through out-parameters, and keep the detail of the last
 * error on the database handle (mc_errmsg()). Who frees what is said at
 * each function. The library never prints (except to a FILE* it is
 * given), never exits and reads no configuration files.
 *
 * These are the headers the program uses; the others of core/ are the
 * library's own (scripts/core-graph.sh checks that cmd/ includes none).
 */
#ifndef MOTCUA_H
#define MOTCUA_H

#include "status.h"
#include "i18n.h"
#include "clock.h"
#include "text.h"
#include "fold.h"
#include "calendar.h"
#include "db.h"
#include "settings.h"
#include "upgrade.h"
#include "schema.h"
#include "procedure.h"
#include "lifecycle.h"
#include "dossier.h"
#include "holiday.h"
#include "csvio.h"
#include "qr.h"
#include "qrprint.h"
#include "sign.h"
#include "document.h"
#include "chart.h"
#include "render.h"
#include "strbuf.h"
#include "notify.h"
#include "zalo.h"
#include "report.h"
#include "portal.h"
#include "audit.h"
#include "search-index.h"
#include "witness.h"
#include "register.h"
#include "extract.h"
#include "office.h"
#include "citizen.h"
#include "inbox.h"
#include "province.h"
#include "sync.h"

#endif
