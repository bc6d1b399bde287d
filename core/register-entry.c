/* motcua — a register entry in memory: released, read by column name,
 * titled, and read from a stored row. The writer, reader and search of
 * the registers (register.c, register-search.c) and its checks
 * (register-check.c) all use it. */
#include <stdlib.h>
#include <string.h>

#include "register-private.h"
#include "strbuf.h"

void mc_entry_release(mc_entry *e)
{
	for (size_t i = 0; i < MC_REG_MAX_COLUMNS; i++) {
		free(e->v[i]);
		e->v[i] = NULL;
	}
}

const char *mc_entry_get(const mc_entry *e, const char *column)
{
	int i = mc_reg_column_index(e->kind, column);
	return i < 0 ? NULL : e->v[i];
}

char *mc_entry_title(const mc_entry *e)
{
	mc_strbuf b = MC_STRBUF_INIT;
	if (e->kind == MC_REG_MARRIAGE)
		mc_strbuf_addf(&b, "%s & %s", e->v[3], e->v[4]);
	else
		mc_strbuf_addf(&b, "%s", e->v[3]);
	return mc_strbuf_detach(&b);
}

mc_status reg_entry_from_stmt(sqlite3_stmt *st, int first, mc_entry *e)
{
	for (size_t i = 0; i < reg_kind_info(e->kind)->n; i++) {
		const unsigned char *t = sqlite3_column_text(st, first + (int)i);
		e->v[i] = NULL;
		if (t && !(e->v[i] = strdup((const char *)t))) {
			mc_entry_release(e);
			return MC_NOMEM;
		}
	}
	return MC_OK;
}
