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

#endif
