/*
 * motcua — writes the options of `motcua register add`, one per column of
 * the registers, from the table of core/register-columns.c: the macro
 * REGISTER_FIELDS(FIELD) that cmd/register.c expands, one
 *     FIELD("full_name", "full-name", "the person's full name (birth, death)", 0)
 * per column, the last argument 1 for the columns that name an entry (book
 * and number: `register amend` takes every other one). The build runs it into $(BUILD)/register-fields.h (Makefile):
 * the program's option table cannot be made from the library's table at
 * run time, since the options are read before any command runs.
 */
#include <stdio.h>
#include <string.h>

#include "register.h"

/* s as the inside of a C string literal. */
static void put_c_string(const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
}

int main(void)
{
	const char *name, *help, *next;
	size_t n;
	/* The columns that name an entry: the first two of every kind
	 * (tests/unit/test_register_columns.c). */
	const char *const *key = mc_reg_columns(MC_REG_BIRTH, &n, NULL);

	/* Each kind's columns made from the table once, so that a table
	 * that gives a kind more than an entry holds stops the build. */
	for (int k = 0; k < MC_REG_KINDS; k++)
		mc_reg_columns((mc_reg_kind)k, &n, NULL);
	puts("/* Written by scripts/register-fields.c from core/register-columns.c. */");
	puts("#define REGISTER_FIELDS(FIELD) \\");
	for (size_t i = 0; (name = mc_reg_field(i, &help)); i++) {
		printf("\tFIELD(\"%s\", \"", name);
		/* The option of a column: --full-name for full_name. */
		for (const char *p = name; *p; p++)
			putchar(*p == '_' ? '-' : *p);
		fputs("\", \"", stdout);
		put_c_string(help);
		printf("\", %d)%s\n", strcmp(name, key[0]) == 0 || strcmp(name, key[1]) == 0,
		       mc_reg_field(i + 1, &next) ? " \\" : "");
	}
	return fflush(stdout) != 0 || ferror(stdout);
}
