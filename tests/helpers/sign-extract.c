/* sign-extract — signs a sample extract with a test database's key and
 * prints the payload, for the end-to-end tests of `motcua qr verify`
 * (the program itself signs only when it issues an extract).
 *
 *	sign-extract DB KIND SERIAL BOOK NUMBER NAME NAME2 EVENT ISSUED
 *
 * KIND is birth, marriage or death; NAME2 may be empty; EVENT and ISSUED
 * are YYYY-MM-DD. The office gets its key pair first if it has none,
 * as on its first extract. Exit 65 with the library's message when it
 * refuses, 2 on usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua.h"

int main(int argc, char **argv)
{
	mc_extract_fields f = MC_EXTRACT_FIELDS_INIT;
	mc_db *db = NULL;
	char *payload = NULL;
	mc_status st;
	int k;

	if (argc != 10) {
		fprintf(stderr, "usage: sign-extract DB KIND SERIAL BOOK NUMBER NAME NAME2 EVENT ISSUED\n");
		return 2;
	}
	for (k = 0; k < 3 && strcmp(argv[2], mc_extract_kind_name((mc_extract_kind)k)); k++)
		;
	if (k == 3 || mc_parse_date(argv[8], &f.event_day) != MC_OK ||
	    mc_parse_date(argv[9], &f.issued_day) != MC_OK) {
		fprintf(stderr, "sign-extract: bad kind or date\n");
		return 2;
	}
	f.kind = (mc_extract_kind)k;
	f.serial = argv[3];
	f.book = argv[4];
	f.number = argv[5];
	f.name = argv[6];
	f.name2 = *argv[7] ? argv[7] : NULL;
	st = mc_db_open(argv[1], MC_DB_WRITE, 5000, &db);
	if (st == MC_OK)
		st = mc_setting_get(db, "unit_id", (char **)&f.unit_id);
	if (st == MC_OK)
		st = mc_db_begin(db);
	if (st == MC_OK)
		st = mc_extract_payload_sign(db, &f, &payload);
	if (st == MC_OK)
		st = mc_db_commit(db);
	if (st == MC_OK)
		printf("%s\n", payload);
	else
		fprintf(stderr, "sign-extract: %s\n", *mc_errmsg(db) ? mc_errmsg(db) : mc_status_str(st));
	free(payload);
	free((char *)f.unit_id);
	mc_db_close(db);
	return st == MC_OK ? 0 : 65;
}
