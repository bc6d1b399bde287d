/* motcua — message translation (gettext), shared by core/ and cmd/. */
#ifndef MC_I18N_H
#define MC_I18N_H

#include <libintl.h>
#include <stddef.h>

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
/* The translation of a key that NC_ made, or its msgid part. */
const char *mc_ncgettext(const char *key);

/*
 * The reason of an errno value for a person, in place of strerror(): the
 * common ones a clerk meets (a missing file, a read-only disk, a full
 * disk...) from motcua's own catalogue, which is UTF-8 whatever the
 * locale; any other in the C library's English, never its translation
 * (which a locale that was never generated turns into "?"). The result is
 * static, never to be freed.
 */
const char *mc_strerror(int err);

/*
 * Whether texts for people are in Vietnamese: motcua's catalogue
 * answers for the current language. Dates and amounts of human text
 * follow it (clock.h: mc_format_day_human); machine formats never do.
 */
int mc_lang_vi(void);

/*
 * A dossier's field (core's "phone", "id_number") for people, in the
 * language of messages: "phone" / "điện thoại". A name it does not know
 * is given back as it is. Static, never freed.
 */
const char *mc_field_word(const char *field);

/*
 * How a message names the field of an option's value (core's "phone",
 * "id_number"): in Vietnamese, as the user typed it ("--phone",
 * "--id-number"), the literal in a Vietnamese sentence; otherwise the
 * field's own name, as before. Writes into buf and returns it.
 */
const char *mc_field_option(const char *field, char *buf, size_t n);

/* Where the value that a message is about came from. */
typedef enum {
	MC_FROM_OPTION,         /* an option of the command: --full-name     */
	MC_FROM_COLUMN,         /* a cell of an imported CSV file, by column */
	MC_FROM_SETTING,        /* the key given to config set: office_hours */
	MC_FROM_ARGUMENT,       /* an argument without a name: dossier note's */
} mc_field_place;

/*
 * The name of a field that begins a message ("name: ..."), said for the
 * place its value came from: an option as mc_field_option() says it; a
 * CSV column, or a setting's key, by the literal the user typed, which
 * Vietnamese puts in a sentence ("cột full_name", "thiết lập cutoff"),
 * English bare ("full_name", "cutoff"), as before; an argument that has
 * no name to type by the field's word (mc_field_word: "ghi chú", English
 * "note"). Writes into buf and returns it.
 */
const char *mc_field_name(const char *field, mc_field_place where, char *buf, size_t n);

#endif
