/* Unit tests of core/register-columns.c: the table of the registers'
 * columns, and motcua-register(1), which lists them as the table has them
 * (run from the top of the tree, as tests/run.sh does). */
#include <string.h>

#include "register-private.h"
#include "unit.h"

#define MAN "man/motcua-register.1"

/* A kind's columns as the man page's CSV COLUMNS lists them: ".BR name ,"
 * for a required one, then "name, name, ..." lines for the others. */
struct listed {
	char name[MC_REG_MAX_COLUMNS + 1][32];
	int bold[MC_REG_MAX_COLUMNS + 1];
	size_t n;
};

static void add(struct listed *l, const char *name, size_t len, int bold)
{
	if (l->n > MC_REG_MAX_COLUMNS || len == 0 || len >= sizeof l->name[0])
		return;
	memcpy(l->name[l->n], name, len);
	l->name[l->n][len] = '\0';
	l->bold[l->n++] = bold;
}

/* The lines after ".TP" and ".B kind" in the section CSV COLUMNS, up to
 * the next request other than .BR. 0 when the page has no such list. */
static int read_listed(FILE *fp, const char *kind, struct listed *l)
{
	char line[1024], want[64];
	int section = 0, after_tp = 0, on = 0;

	memset(l, 0, sizeof *l);
	snprintf(want, sizeof want, ".B %s\n", kind);
	rewind(fp);
	while (fgets(line, sizeof line, fp)) {
		if (strncmp(line, ".SH ", 4) == 0) {
			if (on)
				break;
			section = strcmp(line, ".SH CSV COLUMNS\n") == 0;
		} else if (on && strncmp(line, ".BR ", 4) == 0) {
			add(l, line + 4, strcspn(line + 4, " ,\n"), 1);
		} else if (on && line[0] == '.') {
			break;
		} else if (on) {
			for (char *p = line; *p; p += strspn(p, ", \n")) {
				size_t len = strcspn(p, ", \n");
				add(l, p, len, 0);
				p += len;
			}
		} else if (section && after_tp && strcmp(line, want) == 0) {
			on = 1;
		}
		after_tp = strcmp(line, ".TP\n") == 0;
	}
	return on;
}

/* The man page lists each kind's columns in the table's order, the
 * required ones (the first n_required) in bold. */
static void man_lists_columns(FILE *fp)
{
	for (int k = 0; k < MC_REG_KINDS; k++) {
		const char *kind = mc_reg_kind_name((mc_reg_kind)k);
		size_t n, req, i;
		const char *const *cols = mc_reg_columns((mc_reg_kind)k, &n, &req);
		struct listed l;

		if (!read_listed(fp, kind, &l)) {
			CHECK(0, MAN ": CSV COLUMNS lists the %s columns", kind);
			continue;
		}
		for (i = 0; i < n && i < l.n; i++)
			if (strcmp(cols[i], l.name[i]) != 0 || l.bold[i] != (i < req))
				break;
		CHECK(i == n && l.n == n, MAN ": the %s columns are those of the table, "
		      "the %zu required ones in bold", kind, req);
		if (i < n || l.n != n)
			printf("#   column %zu: the table has %s%s, the page %s%s\n", i + 1,
			       i < n ? cols[i] : "nothing", i < req ? " (required)" : "",
			       i < l.n ? l.name[i] : "nothing", i < l.n && l.bold[i] ? " (bold)" : "");
	}
}

/* The man page describes the option of each column: .BI \-\-full\-name " VALUE". */
static void man_describes_options(FILE *fp)
{
	const char *name, *help;
	for (size_t f = 0; (name = mc_reg_field(f, &help)); f++) {
		char want[128], line[1024], *p = want;
		int found = 0;
		p += snprintf(want, sizeof want, ".BI \\-\\-");
		for (const char *c = name; *c && p < want + sizeof want - 16; c++)
			p += *c == '_' ? snprintf(p, 3, "\\-") : snprintf(p, 2, "%c", *c);
		snprintf(p, 12, " \" VALUE\"\n");
		rewind(fp);
		while (!found && fgets(line, sizeof line, fp))
			found = strcmp(line, want) == 0;
		CHECK(found, MAN " describes the option of %s", name);
	}
}

/* What the rest of the library counts on: every kind begins with the
 * book, the number, the date of registration and the name of the person
 * it is about; every column of a kind is a field of register add. */
static void kinds_hold_together(void)
{
	static const char *const names[MC_REG_KINDS] = { "full_name", "husband_name", "full_name" };
	for (int k = 0; k < MC_REG_KINDS; k++) {
		size_t n, req, fields = 0, unknown = 0;
		const char *const *cols = mc_reg_columns((mc_reg_kind)k, &n, &req);
		const char *name, *help;
		CHECK(n >= 4 && req >= 4 && strcmp(cols[0], "book") == 0 &&
		      strcmp(cols[1], "number") == 0 && strcmp(cols[2], "registered_on") == 0 &&
		      strcmp(cols[3], names[k]) == 0,
		      "%s begins with book, number, registered_on, %s", mc_reg_kind_name(k),
		      names[k]);
		for (size_t f = 0; (name = mc_reg_field(f, &help)); f++)
			fields += mc_reg_column_index((mc_reg_kind)k, name) >= 0;
		for (size_t i = 0; i < n; i++) {
			size_t f = 0;
			while ((name = mc_reg_field(f, &help)) && strcmp(name, cols[i]) != 0)
				f++;
			unknown += name == NULL;
		}
		CHECK(fields == n && unknown == 0, "each %s column is a field once",
		      mc_reg_kind_name(k));
	}
	size_t n;
	int numbers = 0;
	mc_reg_columns(MC_REG_BIRTH, &n, NULL);
	for (size_t i = 0; i < n; i++)
		numbers += mc_reg_column_is_number(MC_REG_BIRTH, i);
	CHECK(numbers == 3 && mc_reg_column_is_number(MC_REG_BIRTH, 1) &&
	      mc_reg_column_is_number(MC_REG_BIRTH, (size_t)mc_reg_column_index(MC_REG_BIRTH,
									    "father_birth_year")) &&
	      mc_reg_column_is_number(MC_REG_BIRTH, (size_t)mc_reg_column_index(MC_REG_BIRTH,
									    "mother_birth_year")),
	      "a birth's numbers: its number and the parents' years of birth");
	CHECK_STR(mc_reg_column_label(MC_REG_DEATH,
				      (size_t)mc_reg_column_index(MC_REG_DEATH, "declarant")),
		  "Death declared by", "a kind may call a column its own way");
	CHECK_STR(mc_reg_column_label(MC_REG_BIRTH,
				      (size_t)mc_reg_column_index(MC_REG_BIRTH, "declarant")),
		  "Birth declared by", "as births do");
	const struct reg_kind_info *ki = reg_kind_info(MC_REG_MARRIAGE);
	CHECK(ki->fts[FTS_NAME] == 3 && ki->fts[FTS_SPOUSE] == 4 && ki->fts[FTS_FATHER] == -1,
	      "a marriage's names in the index: the husband, then the wife");
}

int main(void)
{
	FILE *fp = fopen(MAN, "r");
	kinds_hold_together();
	CHECK(fp != NULL, "%s can be read (run from the top of the tree)", MAN);
	if (fp) {
		man_lists_columns(fp);
		man_describes_options(fp);
		fclose(fp);
	}
	return unit_done();
}
