/* Unit tests of core/register.c: the rules of a register entry. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua.h"
#include "register-private.h"
#include "unit.h"

static mc_db *db;

/* Checks a birth entry given as "column=value" pairs. */
static mc_status birth(mc_entry *e, ...)
{
	const char *vals[MC_REG_MAX_COLUMNS] = { NULL };
	va_list ap;
	va_start(ap, e);
	for (const char *kv; (kv = va_arg(ap, const char *));) {
		const char *eq = strchr(kv, '=');
		char col[64];
		snprintf(col, sizeof col, "%.*s", (int)(eq - kv), kv);
		int i = mc_reg_column_index(MC_REG_BIRTH, col);
		if (i >= 0)
			vals[i] = eq + 1;
	}
	va_end(ap);
	return mc_reg_check(db, MC_REG_BIRTH, vals, e);
}

#define BASE "book=01/2019", "number=15", "registered_on=15/03/2019", \
	     "full_name=Nguyễn Văn Đức", "sex=Nam", "date_of_birth=12/03/2019"

static void refused(const char *want, mc_status st)
{
	CHECK(st == MC_BAD_INPUT && strcmp(mc_errmsg(db), want) == 0, "refused: %s", want);
	if (st != MC_BAD_INPUT || strcmp(mc_errmsg(db), want) != 0)
		printf("#   got  %d \"%s\"\n", st, mc_errmsg(db));
}

static void test_good(void)
{
	mc_entry e = MC_ENTRY_INIT;
	mc_status st = birth(&e, BASE, "id_number=0742 1900 1234", "father_name=Nguyễn Văn Hùng",
			     "father_birth_year=1988", "number=007", "sex=male", NULL);
	CHECK_INT(st, MC_OK, "a good entry is accepted");
	if (st != MC_OK)
		return;
	CHECK_STR(mc_entry_get(&e, "registered_on"), "2019-03-15", "DD/MM/YYYY is stored as YYYY-MM-DD");
	CHECK_STR(mc_entry_get(&e, "number"), "7", "the number loses its leading zeros");
	CHECK_STR(mc_entry_get(&e, "sex"), "Nam", "male is Nam");
	CHECK_STR(mc_entry_get(&e, "id_number"), "074219001234", "the ID loses its blanks");
	CHECK(mc_entry_get(&e, "note") == NULL, "an empty value is NULL");
	char *t = mc_entry_title(&e);
	CHECK_STR(t, "Nguyễn Văn Đức", "the title of a birth is the name");
	free(t);
	mc_entry_release(&e);
	st = birth(&e, BASE, "sex=NỮ", "full_name=Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 A", NULL);
	CHECK_INT(st, MC_OK, "NỮ in capitals, a decomposed name");
	if (st == MC_OK) {
		CHECK_STR(mc_entry_get(&e, "sex"), "Nữ", "is Nữ");
		CHECK_STR(mc_entry_get(&e, "full_name"), "Nguyễn Thị A", "is stored NFC");
	}
	mc_entry_release(&e);
}

static void test_bad(void)
{
	mc_entry e = MC_ENTRY_INIT;
	refused("full_name: is required", birth(&e, BASE, "full_name= ", NULL));
	refused("date_of_birth: \"29/02/2019\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)",
		birth(&e, BASE, "date_of_birth=29/02/2019", NULL));
	refused("date_of_birth: \"12/03/19\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)",
		birth(&e, BASE, "date_of_birth=12/03/19", NULL));
	refused("date_of_birth: 1799-12-31 is before 1800",
		birth(&e, BASE, "date_of_birth=1799-12-31", NULL));
	refused("registered_on: 2026-04-30 is in the future",
		birth(&e, BASE, "registered_on=2026-04-30", NULL));
	refused("date_of_birth: 2019-03-16 is after the registration (2019-03-15)",
		birth(&e, BASE, "date_of_birth=2019-03-16", NULL));
	refused("father_birth_year: \"2027\" is not a year (4 digits, 1800 to 2026)",
		birth(&e, BASE, "father_name=Nguyễn Văn Hùng", "father_birth_year=2027", NULL));
	refused("father_birth_year: 2019 is not before the child's year of birth (2019)",
		birth(&e, BASE, "father_name=Nguyễn Văn Hùng", "father_birth_year=2019", NULL));
	refused("mother_residence: given without mother_name",
		birth(&e, BASE, "mother_residence=Vĩnh Phú", NULL));
	refused("father_ethnicity: given without father_name",
		birth(&e, BASE, "father_ethnicity=Kinh", "mother_residence=Vĩnh Phú", NULL));
	refused("date_of_birth: 2019-03-16 is after the registration (2019-03-15)",
		birth(&e, BASE, "date_of_birth=2019-03-16", "father_ethnicity=Kinh", NULL));
	refused("id_number: \"07421900123\" is not a citizen ID number (12-digit CCCD or 9-digit CMND)",
		birth(&e, BASE, "id_number=07421900123", NULL));
	refused("sex: \"M\" is not Nam or Nữ (male or female)", birth(&e, BASE, "sex=M", NULL));
	refused("number: \"0\" is not an entry number (1 to 999999)", birth(&e, BASE, "number=0", NULL));
	refused("number: \"1000000\" is not an entry number (1 to 999999)",
		birth(&e, BASE, "number=1000000", NULL));
	refused("declarant: \"Lê 3\" is not a name (letters, no digits)",
		birth(&e, BASE, "declarant=Lê 3", NULL));
	refused("full_name: \"-\" is not a name (letters, no digits)", birth(&e, BASE, "full_name=-", NULL));
	refused("book: longer than 20 characters", birth(&e, BASE, "book=012345678901234567890", NULL));
	refused("ethnicity: must be one line", birth(&e, BASE, "ethnicity=Kinh\nHoa", NULL));
	refused("note: not valid UTF-8 text", birth(&e, BASE, "note=ghi ch\xfa", NULL));
}

static void test_other_kinds(void)
{
	mc_entry e = MC_ENTRY_INIT;
	const char *m[MC_REG_MAX_COLUMNS] = { "01/2020", "1", "2020-05-09", "Nguyễn Văn Đức",
					       "Lê Thị Hoa" };
	CHECK_INT(mc_reg_check(db, MC_REG_MARRIAGE, m, &e), MC_OK, "a marriage with both names");
	char *t = mc_entry_title(&e);
	CHECK_STR(t, "Nguyễn Văn Đức & Lê Thị Hoa", "is titled by both spouses");
	free(t);
	mc_entry_release(&e);
	m[5] = "2020-05-10";
	refused("husband_date_of_birth: 2020-05-10 is after the registration (2020-05-09)",
		mc_reg_check(db, MC_REG_MARRIAGE, m, &e));
	m[5] = NULL;
	m[10] = "10/05/2020";
	refused("wife_date_of_birth: 2020-05-10 is after the registration (2020-05-09)",
		mc_reg_check(db, MC_REG_MARRIAGE, m, &e));
	m[10] = NULL;
	m[4] = NULL;
	refused("wife_name: is required", mc_reg_check(db, MC_REG_MARRIAGE, m, &e));
	const char *d[MC_REG_MAX_COLUMNS] = { "01/2021", "1", "2021-02-04", "Lê Văn Bảy",
					       "2021-02-03", NULL, "2021-02-05" };
	refused("died_on: 2021-02-03 is before the date of birth (2021-02-05)",
		mc_reg_check(db, MC_REG_DEATH, d, &e));
	d[4] = "2021-02-06";
	refused("died_on: 2021-02-06 is after the registration (2021-02-04)",
		mc_reg_check(db, MC_REG_DEATH, d, &e));
	d[4] = "2021-02-03";
	d[6] = NULL;
	d[10] = "24:00";
	refused("died_at_time: \"24:00\" is not a time of day (HH:MM)",
		mc_reg_check(db, MC_REG_DEATH, d, &e));
	d[10] = "23:59";
	CHECK_INT(mc_reg_check(db, MC_REG_DEATH, d, &e), MC_OK, "a death at 23:59");
	mc_entry_release(&e);
}

static int count_entry(const mc_entry *e, void *ud)
{
	(void)e;
	++*(int *)ud;
	return 0;
}

/* A lookup by ID number says what is wrong with the value, not which
 * option of a command carried it. */
static void test_find_id_number(void)
{
	int n = 0;
	refused("id_number: \"0742 19\" is not a citizen ID number (12-digit CCCD or 9-digit CMND)",
		mc_reg_find_id_number(db, MC_REG_MARRIAGE, "0742 19", count_entry, &n));
	CHECK_INT(mc_reg_find_id_number(db, MC_REG_BIRTH, "0742 1900 1234", count_entry, &n),
		  MC_OK, "a well-formed number that no entry holds");
	CHECK_INT(n, 0, "finds nothing");
}

static void test_kinds(void)
{
	mc_reg_kind k;
	size_t n, req;
	CHECK(mc_reg_kind_parse("marriage", &k) == MC_OK && k == MC_REG_MARRIAGE, "marriage is a kind");
	CHECK(mc_reg_kind_parse("births", &k) == MC_BAD_INPUT, "births is not");
	const char *const *c = mc_reg_columns(MC_REG_DEATH, &n, &req);
	CHECK(n == 17 && req == 5 && strcmp(c[4], "died_on") == 0, "death: 17 columns, 5 required");
	mc_reg_columns(MC_REG_BIRTH, &n, &req);
	CHECK(n == 25 && req == 6, "birth: 25 columns, 6 required");
	c = mc_reg_columns(MC_REG_MARRIAGE, &n, &req);
	CHECK(n == 18 && req == 5, "marriage: 18 columns, 5 required");
	/* A late column (core/register-columns.c) is last in every kind. */
	CHECK(strcmp(c[n - 1], "registering_office") == 0, "the registering office comes last");
}

/* The search index's rowids and tags (core/register-private.h). */
static void name_keys(void)
{
	char tag[3];
	int64_t prev = -1, grows = 1, back = 1;
	for (int64_t id = 1; id <= 3; id++)
		for (int kind = 0; kind < MC_REG_KINDS; kind++) {
			int64_t r = reg_entry_rowid(id, kind);
			back &= reg_entry_id(r) == id && reg_entry_kind(r) == kind;
			/* An import writes one kind, in id order. */
			if (kind == 0)
				grows &= r > prev, prev = r;
		}
	CHECK(back, "a rowid gives back the entry's id and kind");
	CHECK(grows, "rowids grow as an import writes entries");
	CHECK(reg_entry_rowid(5, MC_REG_BIRTH) > reg_entry_rowid(5, MC_REG_MARRIAGE) &&
	      reg_entry_rowid(5, MC_REG_MARRIAGE) > reg_entry_rowid(5, MC_REG_DEATH) &&
	      reg_entry_rowid(6, MC_REG_DEATH) > reg_entry_rowid(5, MC_REG_BIRTH),
	      "read from the end: newest first, then births, marriages, deaths");
	CHECK(reg_entry_id(reg_entry_rowid(INT64_C(1) << 50, MC_REG_DEATH)) == INT64_C(1) << 50,
	      "ids far past a ward's registers");
	CHECK(reg_first_letter("nguyen", 6) == 1 && reg_first_letter("n", 1) == 1 &&
	      reg_first_letter("\xc3\xa9t", 3) == 2 && reg_first_letter("\xe4\xb8\xad", 3) == 3,
	      "the first letter of a word, ASCII or not");
	reg_name_tag(tag, FTS_NAME, 3);
	CHECK_STR(tag, "03", "the tag of a person's name of three words");
	reg_name_tag(tag, FTS_SPOUSE, 1);
	CHECK_STR(tag, "11", "a spouse's name has its own tag");
	reg_name_tag(tag, FTS_MOTHER, 12);
	CHECK_STR(tag, "37", "a mother's name of twelve words: seven or more");
}

int main(void)
{
	char path[] = "/tmp/motcua-test-register-XXXXXX";
	name_keys();
	char file[256];
	mc_time now;
	if (!mkdtemp(path))
		return 1;
	snprintf(file, sizeof file, "%s/motcua.db", path);
	if (mc_db_open(file, MC_DB_CREATE, 1000, &db) != MC_OK) {
		printf("not ok - cannot open %s: %s\n", file, mc_errmsg(db));
		return 1;
	}
	mc_now("2026-04-29T09:00:00+07:00", 420, &now);
	mc_db_set_now(db, now);
	test_kinds();
	test_good();
	test_bad();
	test_other_kinds();
	test_find_id_number();
	mc_db_close(db);
	unlink(file);
	snprintf(file, sizeof file, "%s/motcua.db-wal", path);
	unlink(file);
	snprintf(file, sizeof file, "%s/motcua.db-shm", path);
	unlink(file);
	rmdir(path);
	return unit_done();
}
