/* motcua — the registers' kinds and their columns (SPEC 6.1): one table,
 * from which every list of them is made. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "register-private.h"
#include "strbuf.h"

/* Whether a kind has a column: no, as an optional one, as a required one. */
enum { NO, OPT, REQ };
/* A column that the index of names does not hold. */
enum { NOT_INDEXED = -1 };

/*
 * Every column of the registers, once. A kind's columns are its required
 * ones, then its optional ones, each in the order of this table: that is
 * the header that export writes and import reads (SPEC 6.1). The options
 * of `register add`, one per column, follow the table's own order.
 */
static const struct column {
	const char *name;               /* in the CSV header, the database, JSON */
	enum reg_type type;
	unsigned char in[MC_REG_KINDS]; /* NO, OPT or REQ: birth, marriage, death */
	int names;                      /* the name it is in the index (FTS_*)   */
	/* What people call it (N_), by kind: label[0] serves the kinds
	 * that have none of their own. */
	const char *label[MC_REG_KINDS];
	const char *help;               /* what its option of `register add` takes */
	/* The titles of its column in the paper register books (Circular
	 * 04/2020/TT-BTP), "Title|Other spelling", by kind as label: an
	 * import's header may give them instead of the name. Vietnamese
	 * whatever the language of messages, as the books are. */
	const char *titles[MC_REG_KINDS];
} columns[] = {
	{ "book", RT_BOOK, { REQ, REQ, REQ }, NOT_INDEXED,
	  /* TRANSLATORS: the labels of a register entry's values in `motcua
	     register show`, in the words of the official register forms. */
	  { N_("Book") },
	  N_("the book, e.g. 01/2019"),
	  { "Quyển số|Quyển" } },
	{ "number", RT_NUMBER, { REQ, REQ, REQ }, NOT_INDEXED,
	  { N_("Number") }, N_("the entry's number in its book"),
	  { "Số|Số đăng ký" } },
	{ "registered_on", RT_DATE, { REQ, REQ, REQ }, NOT_INDEXED,
	  { N_("Registered on") }, N_("the date of registration"),
	  { "Ngày, tháng, năm đăng ký|Ngày đăng ký" } },
	{ "full_name", RT_NAME, { REQ, NO, REQ }, FTS_NAME,
	  { N_("Full name") }, N_("the person's full name (birth, death)"),
	  { "Họ, chữ đệm, tên|Họ và tên|Họ, chữ đệm, tên người được khai sinh", NULL,
	    "Họ, chữ đệm, tên|Họ và tên|Họ, chữ đệm, tên người chết" } },
	{ "sex", RT_SEX, { REQ, NO, OPT }, NOT_INDEXED,
	  { N_("Sex") }, N_("Nam or Nữ (male or female)"),
	  { "Giới tính" } },
	{ "date_of_birth", RT_DATE, { REQ, NO, OPT }, NOT_INDEXED,
	  { N_("Date of birth") }, N_("the date of birth"),
	  { "Ngày, tháng, năm sinh|Ngày sinh" } },
	{ "place_of_birth", RT_PLACE, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Place of birth") }, N_("where the child was born"),
	  { "Nơi sinh" } },
	{ "ethnicity", RT_SHORT, { OPT, NO, OPT }, NOT_INDEXED,
	  { N_("Ethnicity") }, N_("the person's ethnicity"),
	  { "Dân tộc" } },
	{ "nationality", RT_SHORT, { OPT, NO, OPT }, NOT_INDEXED,
	  { N_("Nationality") }, N_("the person's nationality"),
	  { "Quốc tịch" } },
	{ "hometown", RT_PLACE, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Home town") }, N_("the child's home town"),
	  { "Quê quán" } },
	{ "id_number", RT_ID, { OPT, NO, OPT }, NOT_INDEXED,
	  { N_("Personal ID number") }, N_("the person's citizen ID number"),
	  { "Số định danh cá nhân" } },
	{ "father_name", RT_NAME, { OPT, NO, NO }, FTS_FATHER,
	  { N_("Father's full name") }, N_("the father's full name"),
	  { "Họ, chữ đệm, tên người cha|Họ, chữ đệm, tên cha" } },
	{ "father_birth_year", RT_YEAR, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Father's year of birth") }, N_("the father's year of birth"),
	  { "Năm sinh của người cha|Năm sinh người cha" } },
	{ "father_ethnicity", RT_SHORT, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Father's ethnicity") }, N_("the father's ethnicity"),
	  { "Dân tộc của người cha|Dân tộc người cha" } },
	{ "father_nationality", RT_SHORT, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Father's nationality") }, N_("the father's nationality"),
	  { "Quốc tịch của người cha|Quốc tịch người cha" } },
	{ "father_residence", RT_PLACE, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Father's residence") }, N_("where the father lives"),
	  { "Nơi cư trú của người cha|Nơi cư trú người cha" } },
	{ "mother_name", RT_NAME, { OPT, NO, NO }, FTS_MOTHER,
	  { N_("Mother's full name") }, N_("the mother's full name"),
	  { "Họ, chữ đệm, tên người mẹ|Họ, chữ đệm, tên mẹ" } },
	{ "mother_birth_year", RT_YEAR, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Mother's year of birth") }, N_("the mother's year of birth"),
	  { "Năm sinh của người mẹ|Năm sinh người mẹ" } },
	{ "mother_ethnicity", RT_SHORT, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Mother's ethnicity") }, N_("the mother's ethnicity"),
	  { "Dân tộc của người mẹ|Dân tộc người mẹ" } },
	{ "mother_nationality", RT_SHORT, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Mother's nationality") }, N_("the mother's nationality"),
	  { "Quốc tịch của người mẹ|Quốc tịch người mẹ" } },
	{ "mother_residence", RT_PLACE, { OPT, NO, NO }, NOT_INDEXED,
	  { N_("Mother's residence") }, N_("where the mother lives"),
	  { "Nơi cư trú của người mẹ|Nơi cư trú người mẹ" } },
	{ "husband_name", RT_NAME, { NO, REQ, NO }, FTS_NAME,
	  { N_("Husband's full name") }, N_("the husband's full name"),
	  { "Họ, chữ đệm, tên chồng|Họ, chữ đệm, tên người chồng" } },
	{ "wife_name", RT_NAME, { NO, REQ, NO }, FTS_SPOUSE,
	  { N_("Wife's full name") }, N_("the wife's full name"),
	  { "Họ, chữ đệm, tên vợ|Họ, chữ đệm, tên người vợ" } },
	{ "husband_date_of_birth", RT_DATE, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Husband's date of birth") }, N_("the husband's date of birth"),
	  { "Ngày, tháng, năm sinh của chồng|Ngày, tháng, năm sinh chồng" } },
	{ "husband_ethnicity", RT_SHORT, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Husband's ethnicity") }, N_("the husband's ethnicity"),
	  { "Dân tộc của chồng|Dân tộc chồng" } },
	{ "husband_nationality", RT_SHORT, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Husband's nationality") }, N_("the husband's nationality"),
	  { "Quốc tịch của chồng|Quốc tịch chồng" } },
	{ "husband_residence", RT_PLACE, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Husband's residence") }, N_("where the husband lives"),
	  { "Nơi cư trú của chồng|Nơi cư trú chồng" } },
	{ "husband_id_number", RT_ID, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Husband's personal ID number") }, N_("the husband's citizen ID number"),
	  { "Số định danh cá nhân của chồng|Số định danh cá nhân chồng" } },
	{ "wife_date_of_birth", RT_DATE, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Wife's date of birth") }, N_("the wife's date of birth"),
	  { "Ngày, tháng, năm sinh của vợ|Ngày, tháng, năm sinh vợ" } },
	{ "wife_ethnicity", RT_SHORT, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Wife's ethnicity") }, N_("the wife's ethnicity"),
	  { "Dân tộc của vợ|Dân tộc vợ" } },
	{ "wife_nationality", RT_SHORT, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Wife's nationality") }, N_("the wife's nationality"),
	  { "Quốc tịch của vợ|Quốc tịch vợ" } },
	{ "wife_residence", RT_PLACE, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Wife's residence") }, N_("where the wife lives"),
	  { "Nơi cư trú của vợ|Nơi cư trú vợ" } },
	{ "wife_id_number", RT_ID, { NO, OPT, NO }, NOT_INDEXED,
	  { N_("Wife's personal ID number") }, N_("the wife's citizen ID number"),
	  { "Số định danh cá nhân của vợ|Số định danh cá nhân vợ" } },
	{ "died_on", RT_DATE, { NO, NO, REQ }, NOT_INDEXED,
	  { N_("Date of death") }, N_("the date of death"),
	  { "Ngày, tháng, năm chết" } },
	{ "died_at_time", RT_TIME, { NO, NO, OPT }, NOT_INDEXED,
	  { N_("Time of death") }, N_("the time of death, HH:MM"),
	  { "Giờ, phút chết" } },
	{ "place_of_death", RT_PLACE, { NO, NO, OPT }, NOT_INDEXED,
	  { N_("Place of death") }, N_("where the person died"),
	  { "Nơi chết" } },
	{ "cause", RT_TEXT, { NO, NO, OPT }, NOT_INDEXED,
	  { N_("Cause of death") }, N_("the cause of death"),
	  { "Nguyên nhân chết" } },
	{ "declarant", RT_NAME, { OPT, NO, OPT }, NOT_INDEXED,
	  { N_("Birth declared by"), NULL, N_("Death declared by") },
	  N_("who declared the birth or the death"),
	  { "Người đi đăng ký khai sinh", NULL, "Người đi đăng ký khai tử" } },
	{ "registrar", RT_NAME, { OPT, OPT, OPT }, NOT_INDEXED,
	  { N_("Registered by") }, N_("the civil status officer who registered it"),
	  { "Người thực hiện" } },
	{ "note", RT_NOTE, { OPT, OPT, OPT }, NOT_INDEXED,
	  { N_("Note") }, N_("a note"),
	  { "Ghi chú" } },
	/* Late columns from here on (N_LATE). */
	/* Schema 14: the office that made the entry, when not this unit: the
	 * books of a commune merged into the ward (2025) keep the name of the
	 * commune's People's Committee, which the extract's "Đăng ký ... tại"
	 * names. Empty: this unit (the setting unit_name). */
	{ "registering_office", RT_PLACE, { OPT, OPT, OPT }, NOT_INDEXED,
	  { N_("Registering office") },
	  N_("the office that registered the entry, when not this unit"),
	  { "Nơi đăng ký|Cơ quan đăng ký" } },
};

#define N_COLUMNS (sizeof columns / sizeof columns[0])

/*
 * The last N_LATE columns of the table are late: added to the tables by
 * ALTER TABLE after they were made, and so stored after clerk and
 * entered_at, where the digests hash them (core/register.c,
 * reg_row_digest). They are optional in every kind, so last in each.
 */
#define N_LATE 1
#define FIRST_LATE (columns + N_COLUMNS - N_LATE)

/* The kinds, their columns filled in from the table by build_kinds(). */
static struct reg_kind_info kinds[MC_REG_KINDS] = {
	[MC_REG_BIRTH] = { .kind = MC_REG_BIRTH, .name = "birth", .table = "births" },
	[MC_REG_MARRIAGE] = { .kind = MC_REG_MARRIAGE, .name = "marriage", .table = "marriages" },
	[MC_REG_DEATH] = { .kind = MC_REG_DEATH, .name = "death", .table = "deaths" },
};
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

/* The kinds in people's words, for messages (mc_reg_kind_label). */
static const char *const kind_labels[MC_REG_KINDS] = {
	/* TRANSLATORS: the kind of a civil status register, as it fits in
	   sentences such as "no %s entry 9 in book 01/2019" or "the %s
	   register" (Vietnamese: Sổ đăng ký khai sinh, kết hôn, khai tử). */
	N_("birth"), N_("marriage"), N_("death"),
};

static void add_column(struct reg_kind_info *ki, const struct column *c)
{
	/* The table gives no kind more columns than an entry holds. */
	assert(ki->n < MC_REG_MAX_COLUMNS);
	ki->columns[ki->n] = c->name;
	ki->types[ki->n] = c->type;
	ki->labels[ki->n] = c->label[ki->kind] ? c->label[ki->kind] : c->label[0];
	ki->titles[ki->n] = c->titles[ki->kind] ? c->titles[ki->kind] : c->titles[0];
	if (c->names != NOT_INDEXED)
		ki->fts[c->names] = (int)ki->n;
	/* A late column comes after every other of its kind. */
	int late = c >= FIRST_LATE;
	assert(late || ki->n_early == ki->n);
	if (!late)
		ki->n_early = ki->n + 1;
	ki->n++;
}

static void build_kinds(void)
{
	for (int k = 0; k < MC_REG_KINDS; k++) {
		struct reg_kind_info *ki = &kinds[k];
		for (int f = 0; f < FTS_COLUMNS; f++)
			ki->fts[f] = -1;
		for (size_t i = 0; i < N_COLUMNS; i++)
			if (columns[i].in[k] == REQ)
				add_column(ki, &columns[i]);
		ki->n_required = ki->n;
		for (size_t i = 0; i < N_COLUMNS; i++)
			if (columns[i].in[k] == OPT)
				add_column(ki, &columns[i]);
	}
}

const struct reg_kind_info *reg_kind_info(mc_reg_kind k)
{
	pthread_once(&kinds_once, build_kinds);
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
	const struct reg_kind_info *ki = reg_kind_info(k);
	*n = ki->n;
	if (n_required)
		*n_required = ki->n_required;
	return ki->columns;
}

const char *mc_reg_column_label(mc_reg_kind k, size_t i)
{
	const struct reg_kind_info *ki = reg_kind_info(k);
	return i < ki->n ? _(ki->labels[i]) : "?";
}

int mc_reg_column_index(mc_reg_kind k, const char *name)
{
	const struct reg_kind_info *ki = reg_kind_info(k);
	for (size_t i = 0; i < ki->n; i++)
		if (strcmp(ki->columns[i], name) == 0)
			return (int)i;
	return -1;
}

int mc_reg_column_is_number(mc_reg_kind k, size_t i)
{
	const struct reg_kind_info *ki = reg_kind_info(k);
	return i < ki->n && reg_type_is_integer(ki->types[i]);
}

const char *mc_reg_field(size_t i, const char **help)
{
	if (i >= N_COLUMNS)
		return NULL;
	*help = columns[i].help;
	return columns[i].name;
}

static const char *kind_list(mc_reg_kind k, mc_strbuf *b)
{
	const struct reg_kind_info *ki = reg_kind_info(k);
	for (size_t i = 0; i < ki->n; i++)
		mc_strbuf_addf(b, "%s%s", i ? ", " : "", ki->columns[i]);
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
