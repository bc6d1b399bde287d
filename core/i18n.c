/* motcua — messages in a context (pgettext), see i18n.h. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

const char *mc_pgettext(const char *ctx, const char *msgid)
{
	size_t lc = strlen(ctx), lm = strlen(msgid);
	char buf[256], *key = lc + lm + 2 <= sizeof buf ? buf : malloc(lc + lm + 2);
	const char *t;

	if (!key)
		return msgid;
	memcpy(key, ctx, lc);
	key[lc] = '\004';
	memcpy(key + lc + 1, msgid, lm + 1);
	/* Untranslated, dgettext gives back the key it was handed. */
	t = dgettext(MC_TEXTDOMAIN, key);
	if (t == key)
		t = msgid;
	if (key != buf)
		free(key);
	return t;
}
