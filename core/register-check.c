/* motcua — the rules of a register entry: each value, then the values together. */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "i18n.h"
#include "register-private.h"
#include "text.h"

void reg_row_release(struct reg_row *r)
{
	for (size_t i = 0; i < MC_REG_MAX_COLUMNS; i++) {
		free(r->owned[i]);
		r->owned[i] = NULL;
	}
}

int64_t reg_today(mc_db *db)
{
	return mc_local_day(mc_db_now(db) + (int64_t)mc_db_offset(db) * 60);
}

static size_t max_chars(enum reg_type t)
{
	switch (t) {
	case RT_BOOK:  return 20;
	case RT_NAME:  return 100;
	case RT_SHORT: return 50;
	case RT_PLACE:
	case RT_TEXT:  return 300;
	case RT_NOTE:  return 1000;
	default:       return 0;    /* structured values: parsed afterwards */
	}
}

/*
 * The cleaned text of raw (NULL when empty), without a copy when it is
 * already clean. Says why it is not acceptable text otherwise.
 */
static mc_status clean(const char *col, const char *raw, enum reg_type t, struct reg_row *r,
		       size_t i, const char **out, char *why, size_t n)
{
	size_t len = strlen(raw), max = max_chars(t);
	int multi = t == RT_NOTE;
	char *c = NULL, *probe = NULL;

	/* A date, a number, an ID... is parsed strictly afterwards, ASCII
	 * only: without blanks to trim it needs no cleaning. */
	if (max == 0 && len && raw[0] != ' ' && raw[len - 1] != ' ') {
		*out = raw;
		return MC_OK;
	}
	if (mc_text_is_clean(raw, len, max)) {
		*out = len ? raw : NULL;
		return MC_OK;
	}
	mc_status rc = mc_text_clean(raw, multi, max, &c);
	if (rc == MC_OK) {
		r->owned[i] = c;
		*out = *c ? c : NULL;
		return MC_OK;
	}
	if (rc == MC_NOMEM)
		return rc;
	/* Which rule did it break? */
	char inv[96];
	if (!mc_utf8_valid(raw, len))
		snprintf(why, n, _("%s: not valid UTF-8 text"), col);
	else if (mc_text_invisible_why(raw, inv, sizeof inv))
		snprintf(why, n, "%s: %s", col, inv);
	else if (mc_text_clean(raw, multi, 0, &probe) == MC_OK)
		snprintf(why, n, _("%s: longer than %zu characters"), col, max);
	else if (!multi && mc_text_clean(raw, 1, 0, &probe) == MC_OK)
		snprintf(why, n, _("%s: must be one line"), col);
	else
		snprintf(why, n, _("%s: contains control characters"), col);
	free(probe);
	return MC_BAD_INPUT;
}

static int all_digits(const char *s, size_t min, size_t max)
{
	size_t len = strspn(s, "0123456789");
	return s[len] == '\0' && len >= min && len <= max;
}

#define MIN_YEAR 1800

static mc_status check_date(const char *col, const char *t, int64_t today,
			    struct reg_row *r, size_t i, char *why, size_t n)
{
	static int64_t min_day = INT64_MIN;
	int64_t day;
	if (min_day == INT64_MIN)
		min_day = mc_days_from_civil(MIN_YEAR, 1, 1);
	if (mc_parse_date(t, &day) != MC_OK) {
		snprintf(why, n, _("%s: \"%s\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"),
			 col, t);
		return MC_BAD_INPUT;
	}
	/* Already in the stored form, or DD/MM/YYYY to turn around. */
	if (t[4] == '-') {
		r->v[i] = t;
	} else {
		mc_format_date(day, r->scratch[i], sizeof r->scratch[i]);
		r->v[i] = r->scratch[i];
	}
	if (day < min_day) {
		snprintf(why, n, _("%s: %s is before %d"), col, r->v[i], MIN_YEAR);
		return MC_BAD_INPUT;
	}
	if (day > today) {
		snprintf(why, n, _("%s: %s is in the future"), col, r->v[i]);
		return MC_BAD_INPUT;
	}
	r->num[i] = day;
	return MC_OK;
}

static mc_status check_sex(const char *col, const char *t, struct reg_row *r, size_t i,
			   char *why, size_t n)
{
	char f[16];
	size_t len = mc_text_fold_n(t, strlen(t), f, sizeof f);
	if (len < sizeof f && (strcmp(f, "nam") == 0 || strcmp(f, "male") == 0)) {
		r->v[i] = "Nam";
	} else if (len < sizeof f && (strcmp(f, "nu") == 0 || strcmp(f, "female") == 0)) {
		r->v[i] = "Nữ";
	} else {
		snprintf(why, n, _("%s: \"%s\" is not Nam or Nữ (male or female)"), col, t);
		return MC_BAD_INPUT;
	}
	return MC_OK;
}

/* A name holds letters, blanks and a few signs, never digits. */
static int name_ok(const char *s)
{
	int letters = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			return 0;
		if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			letters = 1;
	}
	return letters;
}

/* A citizen ID number of column col, without its blanks into out. */
static mc_status check_id_number(const char *col, const char *t, char *out, size_t outn,
				 char *why, size_t n)
{
	char reason[160];
	if (mc_id_number_check(t, out, outn, reason, sizeof reason) == MC_OK)
		return MC_OK;
	snprintf(why, n, "%s: \"%s\" %s", col, t, reason);
	return MC_BAD_INPUT;
}

/* The value t of column i, named col in a message. */
static mc_status check_value(const struct reg_kind_info *ki, size_t i, const char *col,
			     const char *t, int64_t today, struct reg_row *r, char *why, size_t n)
{
	char *scr = r->scratch[i];
	int y, m, d, minute;

	switch (ki->types[i]) {
	case RT_NUMBER:
		if (!all_digits(t, 1, 6) || (r->num[i] = strtoll(t, NULL, 10)) < 1) {
			snprintf(why, n, _("%s: \"%s\" is not an entry number (1 to 999999)"), col, t);
			return MC_BAD_INPUT;
		}
		/* Stored without leading zeros ("007" is 7); 6 digits at most. */
		if (t[0] == '0')
			snprintf(scr, sizeof r->scratch[i], "%ld", (long)(r->num[i] % 1000000));
		r->v[i] = t[0] == '0' ? scr : t;
		return MC_OK;
	case RT_DATE:
		return check_date(col, t, today, r, i, why, n);
	case RT_YEAR:
		mc_civil_from_days(today, &y, &m, &d);
		if (!all_digits(t, 4, 4) || (r->num[i] = strtoll(t, NULL, 10)) < MIN_YEAR ||
		    r->num[i] > y) {
			snprintf(why, n, _("%s: \"%s\" is not a year (4 digits, %d to %d)"),
				 col, t, MIN_YEAR, y);
			return MC_BAD_INPUT;
		}
		r->v[i] = t;
		return MC_OK;
	case RT_ID:
		if (check_id_number(col, t, scr, sizeof r->scratch[i], why, n) != MC_OK)
			return MC_BAD_INPUT;
		r->v[i] = scr;
		return MC_OK;
	case RT_SEX:
		return check_sex(col, t, r, i, why, n);
	case RT_TIME:
		if (mc_parse_hhmm(t, &minute) != MC_OK) {
			snprintf(why, n, _("%s: \"%s\" is not a time of day (HH:MM)"), col, t);
			return MC_BAD_INPUT;
		}
		snprintf(scr, sizeof r->scratch[i], "%02d:%02d", minute / 60, minute % 60);
		r->v[i] = scr;
		return MC_OK;
	case RT_NAME:
		if (!name_ok(t)) {
			snprintf(why, n, _("%s: \"%s\" is not a name (letters, no digits)"), col, t);
			return MC_BAD_INPUT;
		}
		/* fall through */
	default:
		r->v[i] = t;
		return MC_OK;
	}
}

/*
 * The rules between columns, checked in this order once each column is
 * right on its own. Each names two columns of its kind, col and other:
 *   AFTER_REGISTRATION  the date col is not after the registration (other)
 *   BEFORE_BIRTH        the date col is not before the date of birth (other)
 *   NEEDS               col is not given without other
 *   BEFORE_CHILD        the year col is before the year of birth (other)
 *   ID_SEX              the ID number col is of the sex other says
 *   ID_MAN, ID_WOMAN    the ID number col is a man's, a woman's (other is
 *                       the name of the person it belongs to)
 *   ID_YEAR             the ID number col is of the year of the date other
 * (what a CCCD says of its holder: mc_id_number_holder(); a CMND says
 * nothing).
 */
enum rule_kind { AFTER_REGISTRATION, BEFORE_BIRTH, NEEDS, BEFORE_CHILD,
		 ID_SEX, ID_MAN, ID_WOMAN, ID_YEAR };

static const struct rule {
	mc_reg_kind kind;
	enum rule_kind what;
	const char *col, *other;
} rules[] = {
	{ MC_REG_BIRTH, AFTER_REGISTRATION, "date_of_birth", "registered_on" },
	{ MC_REG_BIRTH, NEEDS, "father_birth_year", "father_name" },
	{ MC_REG_BIRTH, NEEDS, "father_ethnicity", "father_name" },
	{ MC_REG_BIRTH, NEEDS, "father_nationality", "father_name" },
	{ MC_REG_BIRTH, NEEDS, "father_residence", "father_name" },
	{ MC_REG_BIRTH, NEEDS, "mother_birth_year", "mother_name" },
	{ MC_REG_BIRTH, NEEDS, "mother_ethnicity", "mother_name" },
	{ MC_REG_BIRTH, NEEDS, "mother_nationality", "mother_name" },
	{ MC_REG_BIRTH, NEEDS, "mother_residence", "mother_name" },
	{ MC_REG_BIRTH, BEFORE_CHILD, "father_birth_year", "date_of_birth" },
	{ MC_REG_BIRTH, BEFORE_CHILD, "mother_birth_year", "date_of_birth" },
	{ MC_REG_MARRIAGE, AFTER_REGISTRATION, "husband_date_of_birth", "registered_on" },
	{ MC_REG_MARRIAGE, AFTER_REGISTRATION, "wife_date_of_birth", "registered_on" },
	{ MC_REG_DEATH, AFTER_REGISTRATION, "died_on", "registered_on" },
	{ MC_REG_DEATH, BEFORE_BIRTH, "died_on", "date_of_birth" },
	{ MC_REG_BIRTH, ID_SEX, "id_number", "sex" },
	{ MC_REG_BIRTH, ID_YEAR, "id_number", "date_of_birth" },
	{ MC_REG_MARRIAGE, ID_MAN, "husband_id_number", "husband_name" },
	{ MC_REG_MARRIAGE, ID_YEAR, "husband_id_number", "husband_date_of_birth" },
	{ MC_REG_MARRIAGE, ID_WOMAN, "wife_id_number", "wife_name" },
	{ MC_REG_MARRIAGE, ID_YEAR, "wife_id_number", "wife_date_of_birth" },
	{ MC_REG_DEATH, ID_SEX, "id_number", "sex" },
	{ MC_REG_DEATH, ID_YEAR, "id_number", "date_of_birth" },
};

#define N_RULES (sizeof rules / sizeof rules[0])

/* Where the two columns of each rule are in its kind, found once. */
static struct { int col, other; } rule_at[N_RULES];
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void find_rule_columns(void)
{
	for (size_t i = 0; i < N_RULES; i++) {
		rule_at[i].col = mc_reg_column_index(rules[i].kind, rules[i].col);
		rule_at[i].other = mc_reg_column_index(rules[i].kind, rules[i].other);
		/* A rule names columns of its kind (core/register-columns.c). */
		assert(rule_at[i].col >= 0 && rule_at[i].other >= 0);
	}
}

/* The rules between an ID number (column c, named col) and what the entry
 * says of its holder (column o, named other). */
static mc_status check_holder(size_t i, const struct reg_row *r, const char *col,
			      const char *other, char *why, size_t n)
{
	int c = rule_at[i].col, o = rule_at[i].other, sex, year, y, m, d;
	const char *id = r->v[c];

	if (!id || !r->v[o] || !mc_id_number_holder(id, &sex, &year))
		return MC_OK;
	switch (rules[i].what) {
	case ID_SEX:
		if ((sex == 1) == (strcmp(r->v[o], "Nam") == 0))
			return MC_OK;
		snprintf(why, n, sex == 1
			 ? _("%s: \"%s\" is a man's number (its 4th digit %c is even), but %s is %s")
			 : _("%s: \"%s\" is a woman's number (its 4th digit %c is odd), but %s is %s"),
			 col, id, id[3], other, r->v[o]);
		return MC_BAD_INPUT;
	case ID_MAN:
		if (sex == 1)
			return MC_OK;
		snprintf(why, n, _("%s: \"%s\" is a woman's number (its 4th digit %c is odd), not a husband's"),
			 col, id, id[3]);
		return MC_BAD_INPUT;
	case ID_WOMAN:
		if (sex == 2)
			return MC_OK;
		snprintf(why, n, _("%s: \"%s\" is a man's number (its 4th digit %c is even), not a wife's"),
			 col, id, id[3]);
		return MC_BAD_INPUT;
	default:
		mc_civil_from_days(r->num[o], &y, &m, &d);
		if (y == year)
			return MC_OK;
		snprintf(why, n, _("%s: \"%s\" is the number of someone born in %d (digits 4 to 6), but %s is %s"),
			 col, id, year, other, r->v[o]);
		return MC_BAD_INPUT;
	}
}

/* One rule on r: MC_BAD_INPUT with the reason in why when it is broken,
 * its columns named for where their values came from. */
static mc_status check_rule(const struct reg_kind_info *ki, size_t i, const struct reg_row *r,
			    mc_field_place where, char *why, size_t n)
{
	int c = rule_at[i].col, o = rule_at[i].other, y, m, d;
	char cn[48], on[48];
	const char *col = mc_field_name(ki->columns[c], where, cn, sizeof cn),
		   *other = mc_field_name(ki->columns[o], where, on, sizeof on);

	switch (rules[i].what) {
	case AFTER_REGISTRATION:
		if (!r->v[c] || !r->v[o] || r->num[c] <= r->num[o])
			return MC_OK;
		snprintf(why, n, _("%s: %s is after the registration (%s)"), col, r->v[c], r->v[o]);
		return MC_BAD_INPUT;
	case BEFORE_BIRTH:
		if (!r->v[c] || !r->v[o] || r->num[c] >= r->num[o])
			return MC_OK;
		snprintf(why, n, _("%s: %s is before the date of birth (%s)"), col, r->v[c], r->v[o]);
		return MC_BAD_INPUT;
	case NEEDS:
		if (!r->v[c] || r->v[o])
			return MC_OK;
		snprintf(why, n, _("%s: given without %s"), col, other);
		return MC_BAD_INPUT;
	case BEFORE_CHILD:
		if (!r->v[c] || !r->v[o])
			return MC_OK;
		mc_civil_from_days(r->num[o], &y, &m, &d);
		if (r->num[c] < y)
			return MC_OK;
		snprintf(why, n, _("%s: %s is not before the child's year of birth (%d)"), col,
			 r->v[c], y);
		return MC_BAD_INPUT;
	case ID_SEX:
	case ID_MAN:
	case ID_WOMAN:
	case ID_YEAR:
		return check_holder(i, r, col, other, why, n);
	}
	return MC_OK;
}

static mc_status check_together(const struct reg_kind_info *ki, const struct reg_row *r,
				mc_field_place where, char *why, size_t n)
{
	mc_status rc = MC_OK;
	pthread_once(&rules_once, find_rule_columns);
	for (size_t i = 0; i < N_RULES && rc == MC_OK; i++)
		if (rules[i].kind == ki->kind)
			rc = check_rule(ki, i, r, where, why, n);
	return rc;
}

mc_status reg_row_check(const struct reg_kind_info *ki, const char *const *raw,
			int64_t today, mc_field_place where, struct reg_row *r, char *why,
			size_t n)
{
	for (int c = 0; c < FTS_COLUMNS; c++)
		r->folded[c] = NULL;
	for (size_t i = 0; i < ki->n; i++) {
		char name[48];
		const char *col = mc_field_name(ki->columns[i], where, name, sizeof name), *t;
		mc_status rc = clean(col, raw[i] ? raw[i] : "", ki->types[i], r, i, &t, why, n);
		if (rc != MC_OK)
			return rc;
		r->v[i] = NULL;
		if (!t) {
			if (i < ki->n_required) {
				snprintf(why, n, _("%s: is required"), col);
				return MC_BAD_INPUT;
			}
			continue;
		}
		if ((rc = check_value(ki, i, col, t, today, r, why, n)) != MC_OK)
			return rc;
	}
	return check_together(ki, r, where, why, n);
}

mc_status mc_reg_check(mc_db *db, mc_reg_kind k, const char *const *vals, mc_entry *out)
{
	const struct reg_kind_info *ki = reg_kind_info(k);
	struct reg_row r;
	char why[512];
	memset(&r, 0, sizeof r);
	mc_status rc = reg_row_check(ki, vals, reg_today(db), MC_FROM_OPTION, &r, why,
				     sizeof why);
	if (rc == MC_BAD_INPUT)
		mc_db_fail(db, rc, "%s", why);
	if (rc == MC_OK) {
		out->kind = k;
		out->id = 0;
		for (size_t i = 0; i < MC_REG_MAX_COLUMNS; i++) {
			out->v[i] = i < ki->n && r.v[i] ? strdup(r.v[i]) : NULL;
			if (i < ki->n && r.v[i] && !out->v[i])
				rc = MC_NOMEM;
		}
		if (rc != MC_OK)
			mc_entry_release(out);
	}
	reg_row_release(&r);
	return rc;
}

mc_status reg_check_key(mc_db *db, const char *book, const char *number, char **clean_book)
{
	if (!all_digits(number, 1, 6))
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("number: \"%s\" is not an entry number (1 to 999999)"), number);
	char why[96];
	if (mc_text_clean(book, 0, max_chars(RT_BOOK), clean_book) == MC_OK)
		return MC_OK;
	if (mc_text_invisible_why(book, why, sizeof why))
		return mc_db_fail(db, MC_BAD_INPUT, _("book: %s"), why);
	return mc_db_fail(db, MC_BAD_INPUT, _("book: \"%s\" is not a book"), book);
}

mc_status reg_check_id_number(mc_db *db, const char *id_number, char *out, size_t n)
{
	char why[256];
	if (check_id_number(mc_field_option("id_number", (char[16]){ 0 }, 16), id_number,
			    out, n, why, sizeof why) != MC_OK)
		return mc_db_fail(db, MC_BAD_INPUT, "%s", why);
	return MC_OK;
}
