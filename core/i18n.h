/* motcua — message translation (gettext), shared by core/ and cmd/. */
#ifndef MC_I18N_H
#define MC_I18N_H

#include <libintl.h>

#define MC_TEXTDOMAIN "motcua"
/* Messages are looked up in motcua's own domain, so that the library's
 * texts translate whatever the calling program's domain is. */
#define _(s) dgettext(MC_TEXTDOMAIN, s)
#define N_(s) (s)
/* Plural forms: P_("%ld day", "%ld days", n). */
#define P_(s, p, n) dngettext(MC_TEXTDOMAIN, s, p, (unsigned long)(n))
/*
 * A message in a context, for a word that means different things in
 * different places: C_("procedure", "NAME") and C_("person", "NAME") are
 * two messages (xgettext's keyword C_:1c,2).
 */
#define C_(c, s) mc_pgettext(c, s)
/* The same, marked for later translation ("ctx\004msgid", xgettext's
 * NC_:1c,2): a column title of cmd/printer.h, say. */
#define NC_(c, s) c "\004" s

/*
 * What gettext's pgettext does, which glibc's libintl lacks: the
 * translation of the key "ctx\004msgid" in motcua's domain, or msgid
 * itself when there is none. The result is never to be freed.
 */
const char *mc_pgettext(const char *ctx, const char *msgid);

#endif
