/* province-sql N: the SQL of the province's migrations 1 .. N
 * (core/province.c), each in its own transaction with its record, as
 * `province init` runs them: the upgrade tests make a province of an
 * older schema with psql, then bring it up with `province init`. Exit 0,
 * or 2 for an N this build has no migration of. */
#include <stdio.h>
#include <stdlib.h>

#include "province.h"

int main(int argc, char **argv)
{
	int n = argc == 2 ? atoi(argv[1]) : 0;
	if (n < 1 || n > mc_province_schema_count()) {
		fprintf(stderr, "usage: province-sql N (1 .. %d)\n", mc_province_schema_count());
		return 2;
	}
	for (int v = 1; v <= n; v++)
		printf("BEGIN;\n%s;\nINSERT INTO province_migrations(version) VALUES (%d);\nCOMMIT;\n",
		       mc_province_migration(v), v);
	return fflush(stdout) == 0 ? 0 : 1;
}
