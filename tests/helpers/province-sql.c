/* province-sql V: prints the SQL that brings an empty PostgreSQL database
 * to version V of the province's schema (core/province.c), each migration
 * recorded as `province init` records it, in one transaction: the upgrade
 * tests make an old province with it and fill it with rows, which this
 * motcua, whose schema is newer, would not push. Exit 0, or 2 for a
 * version it does not have. */
#include <stdio.h>
#include <stdlib.h>

#include "province.h"

int main(int argc, char **argv)
{
	char *end;
	long v = argc == 2 ? strtol(argv[1], &end, 10) : 0;
	if (argc != 2 || *end || v < 1 || v > mc_province_schema_count()) {
		fprintf(stderr, "usage: province-sql V (1 to %d)\n", mc_province_schema_count());
		return 2;
	}
	printf("BEGIN;\n");
	for (int i = 1; i <= v; i++)
		printf("%s;\nINSERT INTO province_migrations(version) VALUES (%d);\n",
		       mc_province_migration(i), i);
	printf("COMMIT;\n");
	return 0;
}
