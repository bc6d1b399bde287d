/* motcua — messages in a context (pgettext), see i18n.h. */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
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

const char *mc_ncgettext(const char *key)
{
	const char *t = dgettext(MC_TEXTDOMAIN, key), *eot;
	if (t == key && (eot = strchr(key, '\004')))
		t = eot + 1;
	return t;
}

static locale_t c_locale;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Safe in threads (qr print --batch writes files from several). */
const char *mc_strerror(int err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	/* The C library's own English texts, so that nothing changes under C. */
	static const struct { int err; const char *text; } known[] = {
		{ ENOENT, N_("No such file or directory") },
		{ EACCES, N_("Permission denied") },
		{ EPERM, N_("Operation not permitted") },
		{ EROFS, N_("Read-only file system") },
		{ ENOSPC, N_("No space left on device") },
		{ EDQUOT, N_("Disk quota exceeded") },
		{ EEXIST, N_("File exists") },
		{ EISDIR, N_("Is a directory") },
		{ ENOTDIR, N_("Not a directory") },
		{ EBUSY, N_("Device or resource busy") },
		{ EIO, N_("Input/output error") },
		{ ENAMETOOLONG, N_("File name too long") },
		{ ELOOP, N_("Too many levels of symbolic links") },
		{ EMFILE, N_("Too many open files") },
		{ ENFILE, N_("Too many open files in system") },
		{ ENOMEM, N_("Cannot allocate memory") },
		{ EPIPE, N_("Broken pipe") },
		{ EFBIG, N_("File too large") },
		{ ETXTBSY, N_("Text file busy") },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (known[i].err == err)
			return _(known[i].text);
	pthread_once(&once, make_c_locale);
	return c_locale ? strerror_l(err, c_locale) : _("unknown system error");
}

int mc_lang_vi(void)
{
	/* TRANSLATORS: the code of the language of this catalogue. */
	return strcmp(C_("language", "en"), "vi") == 0;
}

const char *mc_field_option(const char *field, char *buf, size_t n)
{
	size_t i = 0;
	if (!mc_lang_vi() || n < 3) {
		snprintf(buf, n, "%s", field);
		return buf;
	}
	buf[i++] = '-';
	buf[i++] = '-';
	for (; *field && i + 1 < n; field++)
		buf[i++] = *field == '_' ? '-' : *field;
	buf[i] = '\0';
	return buf;
}

const char *mc_field_word(const char *field)
{
	static const char *const words[] = {
		NC_("field", "applicant"), NC_("field", "id_number"), NC_("field", "phone"),
		NC_("field", "email"), NC_("field", "address"), NC_("field", "channel"),
		NC_("field", "delivery"), NC_("field", "note"), NC_("field", "reason"),
		NC_("field", "procedure"), NC_("field", "sets"), NC_("field", "documents"),
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(strchr(words[i], '\004') + 1, field) == 0)
			return mc_ncgettext(words[i]);
	return field;
}

const char *mc_field_name(const char *field, mc_field_place where, char *buf, size_t n)
{
	if (where == MC_FROM_OPTION)
		return mc_field_option(field, buf, n);
	if (where == MC_FROM_ARGUMENT)
		snprintf(buf, n, "%s", mc_field_word(field));
	else if (where == MC_FROM_SETTING)
		/* TRANSLATORS: a setting's key as given to config set
		   ("office_hours"), as the subject of a message. */
		snprintf(buf, n, C_("setting key", "%s"), field);
	else
		/* TRANSLATORS: a column of an imported CSV file, named by its
		   header ("full_name"), as the subject of a message: "cột %s". */
		snprintf(buf, n, C_("CSV column", "%s"), field);
	return buf;
}
