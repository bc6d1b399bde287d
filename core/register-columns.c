/* motcua — the registers' kinds and their columns (SPEC 6.1). */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "register-private.h"
#include "strbuf.h"

static const char *const birth_columns[] = {
	"book", "number", "registered_on", "full_name", "sex", "date_of_birth",
	"place_of_birth", "ethnicity", "nationality", "hometown", "id_number",
	"father_name", "father_birth_year", "father_ethnicity", "father_nationality",
	"father_residence", "mother_name", "mother_birth_year", "mother_ethnicity",
	"mother_nationality", "mother_residence", "declarant", "registrar", "note",
};
/* What people call each column (mc_reg_column_label). */
static const char *const birth_labels[] = {
	/* TRANSLATORS: the labels of a register entry's values in `motcua
	   register show`, in the words of the official register forms. */
	N_("Book"), N_("Number"), N_("Registered on"), N_("Full name"), N_("Sex"),
	N_("Date of birth"), N_("Place of birth"), N_("Ethnicity"), N_("Nationality"),
	N_("Home town"), N_("Personal ID number"),
	N_("Father's full name"), N_("Father's year of birth"), N_("Father's ethnicity"),
	N_("Father's nationality"), N_("Father's residence"),
	N_("Mother's full name"), N_("Mother's year of birth"), N_("Mother's ethnicity"),
	N_("Mother's nationality"), N_("Mother's residence"),
	N_("Birth declared by"), N_("Registered by"), N_("Note"),
};
static const enum reg_type birth_types[] = {
	RT_BOOK, RT_NUMBER, RT_DATE, RT_NAME, RT_SEX, RT_DATE,
	RT_PLACE, RT_SHORT, RT_SHORT, RT_PLACE, RT_ID,
	RT_NAME, RT_YEAR, RT_SHORT, RT_SHORT,
	RT_PLACE, RT_NAME, RT_YEAR, RT_SHORT,
	RT_SHORT, RT_PLACE, RT_NAME, RT_NAME, RT_NOTE,
};

static const char *const marriage_columns[] = {
	"book", "number", "registered_on", "husband_name", "wife_name",
	"husband_date_of_birth", "husband_ethnicity", "husband_nationality",
	"husband_residence", "husband_id_number", "wife_date_of_birth",
	"wife_ethnicity", "wife_nationality", "wife_residence", "wife_id_number",
	"registrar", "note",
};
static const char *const marriage_labels[] = {
	N_("Book"), N_("Number"), N_("Registered on"), N_("Husband's full name"),
	N_("Wife's full name"), N_("Husband's date of birth"), N_("Husband's ethnicity"),
	N_("Husband's nationality"), N_("Husband's residence"),
	N_("Husband's personal ID number"), N_("Wife's date of birth"),
	N_("Wife's ethnicity"), N_("Wife's nationality"), N_("Wife's residence"),
	N_("Wife's personal ID number"), N_("Registered by"), N_("Note"),
};
static const enum reg_type marriage_types[] = {
	RT_BOOK, RT_NUMBER, RT_DATE, RT_NAME, RT_NAME,
	RT_DATE, RT_SHORT, RT_SHORT,
	RT_PLACE, RT_ID, RT_DATE,
	RT_SHORT, RT_SHORT, RT_PLACE, RT_ID,
	RT_NAME, RT_NOTE,
};

static const char *const death_columns[] = {
	"book", "number", "registered_on", "full_name", "died_on", "sex",
	"date_of_birth", "ethnicity", "nationality", "id_number", "died_at_time",
	"place_of_death", "cause", "declarant", "registrar", "note",
};
static const char *const death_labels[] = {
	N_("Book"), N_("Number"), N_("Registered on"), N_("Full name"), N_("Date of death"),
	N_("Sex"), N_("Date of birth"), N_("Ethnicity"), N_("Nationality"),
	N_("Personal ID number"), N_("Time of death"), N_("Place of death"),
	N_("Cause of death"), N_("Death declared by"), N_("Registered by"), N_("Note"),
};
static const enum reg_type death_types[] = {
	RT_BOOK, RT_NUMBER, RT_DATE, RT_NAME, RT_DATE, RT_SEX,
	RT_DATE, RT_SHORT, RT_SHORT, RT_ID, RT_TIME,
	RT_PLACE, RT_TEXT, RT_NAME, RT_NAME, RT_NOTE,
};

#define COUNT(a) (sizeof a / sizeof a[0])

static const struct reg_kind_info kinds[MC_REG_KINDS] = {
	[MC_REG_BIRTH] = { "birth", "births", birth_columns, birth_labels, birth_types,
			   COUNT(birth_columns), 6, { 3, -1, 11, 16 }, MC_REG_BIRTH },
	[MC_REG_MARRIAGE] = { "marriage", "marriages", marriage_columns, marriage_labels,
			      marriage_types, COUNT(marriage_columns), 5, { 3, 4, -1, -1 }, MC_REG_MARRIAGE },
	[MC_REG_DEATH] = { "death", "deaths", death_columns, death_labels, death_types,
			   COUNT(death_columns), 5, { 3, -1, -1, -1 }, MC_REG_DEATH },
};

/* The kinds in people's words, for messages (mc_reg_kind_label). */
static const char *const kind_labels[MC_REG_KINDS] = {
	/* TRANSLATORS: the kind of a civil status register, as it fits in
	   sentences such as "no %s entry 9 in book 01/2019" or "the %s
	   register" (Vietnamese: Sổ đăng ký khai sinh, kết hôn, khai tử). */
	N_("birth"), N_("marriage"), N_("death"),
};

_Static_assert(COUNT(birth_columns) == COUNT(birth_types), "birth columns");
_Static_assert(COUNT(marriage_columns) == COUNT(marriage_types), "marriage columns");
_Static_assert(COUNT(death_columns) == COUNT(death_types), "death columns");
_Static_assert(COUNT(birth_columns) == COUNT(birth_labels), "birth labels");
_Static_assert(COUNT(marriage_columns) == COUNT(marriage_labels), "marriage labels");
_Static_assert(COUNT(death_columns) == COUNT(death_labels), "death labels");
_Static_assert(COUNT(birth_columns) == MC_REG_MAX_COLUMNS, "the widest kind");

const struct reg_kind_info *reg_kind_info(mc_reg_kind k)
{
	return &kinds[k];
}

const char *mc_reg_kind_name(mc_reg_kind k)
{
	return k < MC_REG_KINDS ? kinds[k].name : "?";
}

const char *mc_reg_kind_label(mc_reg_kind k)
{
	return k < MC_REG_KINDS ? _(kind_labels[k]) : "?";
}

mc_status mc_reg_kind_parse(const char *name, mc_reg_kind *k)
{
	for (int i = 0; i < MC_REG_KINDS; i++) {
		if (strcmp(name, kinds[i].name) == 0) {
			*k = (mc_reg_kind)i;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

const char *const *mc_reg_columns(mc_reg_kind k, size_t *n, size_t *n_required)
{
	*n = kinds[k].n;
	if (n_required)
		*n_required = kinds[k].n_required;
	return kinds[k].columns;
}

const char *mc_reg_column_label(mc_reg_kind k, size_t i)
{
	return i < kinds[k].n ? _(kinds[k].labels[i]) : "?";
}

int mc_reg_column_index(mc_reg_kind k, const char *name)
{
	for (size_t i = 0; i < kinds[k].n; i++)
		if (strcmp(kinds[k].columns[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *kind_list(mc_reg_kind k, mc_strbuf *b)
{
	for (size_t i = 0; i < kinds[k].n; i++)
		mc_strbuf_addf(b, "%s%s", i ? ", " : "", kinds[k].columns[i]);
	return b->s;
}

const char *reg_select_list(mc_reg_kind k)
{
	static char lists[MC_REG_KINDS][1024];
	if (!lists[k][0]) {
		mc_strbuf b = MC_STRBUF_INIT;
		snprintf(lists[k], sizeof lists[k], "%s", kind_list(k, &b));
		mc_strbuf_release(&b);
	}
	return lists[k];
}
