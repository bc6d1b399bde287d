/* motcua — unit tests of the citizen's lookup (mc_dossier_lookup in
 * core/dossier.c): the PIN in any letter case and with Crockford's
 * misreadings, and one refusal, word for word, for an unknown code, a
 * wrong PIN and no PIN, so that codes cannot be probed. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "dossier-private.h"
#include "procedure.h"
#include "settings.h"
#include "unit.h"
#include "upgrade.h"

static mc_db *db;

/* The status of a lookup, and its message in msg (n bytes) when refused. */
static mc_status lookup(const char *code, const char *pin, char *msg, size_t n)
{
	mc_dossier *d = (mc_dossier *)&d;    /* must come back NULL when refused */
	mc_status rc = mc_dossier_lookup(db, code, pin, &d);
	snprintf(msg, n, "%s", rc == MC_OK ? (d ? d->code : "(null)") : mc_errmsg(db));
	if (rc != MC_OK)
		CHECK(d == NULL, "no dossier handed back when refused (%s)", code);
	else
		CHECK(d && d->history, "the dossier comes with its history");
	if (rc == MC_OK)
		mc_dossier_free(d);
	return rc;
}

/* pin with each character run through f (toupper, tolower...). */
static void map_pin(const char *pin, int (*f)(int), char out[8])
{
	size_t i = 0;
	for (; pin[i] && i < 7; i++)
		out[i] = (char)f((unsigned char)pin[i]);
	out[i] = '\0';
}

/* The same PIN with one character changed to another of the alphabet. */
static void other_pin(const char *pin, size_t at, char out[8])
{
	snprintf(out, 8, "%s", pin);
	out[at] = out[at] == 'A' ? 'B' : 'A';
}

int main(void)
{
	char dir[] = "/tmp/motcua-test-lookup.XXXXXX", path[128], code[64], pin[8];
	char msg[256], want[256], buf[8];
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	mc_dossier *d = NULL;
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/l.db", dir);

	CHECK_INT(mc_db_open(path, MC_DB_CREATE, 1000, &db), MC_OK, "open a new database");
	mc_db_set_clerk(db, "lan");
	mc_db_set_command(db, "test");
	mc_db_set_now(db, 1777428000);          /* 2026-04-29 09:00 +07:00 */
	mc_db_begin(db);
	mc_setting_set(db, "unit_id", "000.00.22.H12");
	mc_setting_set(db, "unit_name", "UBND");
	CHECK_INT(mc_procedure_seed(db), MC_OK, "the seeded procedures");
	CHECK_INT(mc_db_commit(db), MC_OK, "committed");
	in.procedure = "2.000635";
	in.applicant = "Nguyễn Văn A";
	CHECK_INT(mc_dossier_create(db, &in, &d), MC_OK, "a dossier received");
	snprintf(code, sizeof code, "%s", d->code);
	snprintf(pin, sizeof pin, "%s", d->pin);
	mc_dossier_free(d);

	CHECK_INT(lookup(code, pin, msg, sizeof msg), MC_OK, "the code and its PIN");
	CHECK_STR(msg, code, "find the dossier");
	map_pin(pin, tolower, buf);
	char lower[80];
	snprintf(lower, sizeof lower, "  %s ", code);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	CHECK_INT(lookup(lower, buf, msg, sizeof msg), MC_OK,
		  "code and PIN in lower case, the code with blanks around");
	for (size_t i = 0; i < 6; i++)
		buf[i] = pin[i] == '1' ? 'l' : pin[i] == '0' ? 'O' : pin[i];
	buf[6] = '\0';
	CHECK_INT(lookup(code, buf, msg, sizeof msg), MC_OK, "1 read as l and 0 as O");

	/* Every refusal says the same, whichever part was wrong. */
	snprintf(want, sizeof want, "no dossier %s with this PIN", code);
	for (size_t at = 0; at < 6; at += 5) {
		other_pin(pin, at, buf);
		CHECK_INT(lookup(code, buf, msg, sizeof msg), MC_NOT_FOUND,
			  "a PIN wrong in character %zu", at + 1);
		CHECK_STR(msg, want, "one message");
	}
	char longer[16];
	snprintf(longer, sizeof longer, "%sA", pin);
	CHECK_INT(lookup(code, longer, msg, sizeof msg), MC_NOT_FOUND, "the PIN and one more character");
	CHECK_STR(msg, want, "the same message");
	buf[0] = pin[0];
	buf[1] = '\0';
	CHECK_INT(lookup(code, buf, msg, sizeof msg), MC_NOT_FOUND, "the PIN's first character only");
	CHECK_STR(msg, want, "the same message");
	CHECK_INT(lookup(code, "", msg, sizeof msg), MC_NOT_FOUND, "an empty PIN");
	CHECK_STR(msg, want, "the same message");
	CHECK_INT(lookup(code, NULL, msg, sizeof msg), MC_NOT_FOUND, "no PIN at all");
	CHECK_STR(msg, want, "the same message");

	char unknown[64];
	snprintf(unknown, sizeof unknown, "%s", code);
	unknown[strlen(unknown) - 1] = '9';
	snprintf(want, sizeof want, "no dossier %s with this PIN", unknown);
	CHECK_INT(lookup(unknown, pin, msg, sizeof msg), MC_NOT_FOUND, "an unknown code with a real PIN");
	CHECK_STR(msg, want, "the same message as a wrong PIN");
	CHECK_INT(lookup(unknown, "000000", msg, sizeof msg), MC_NOT_FOUND,
		  "an unknown code with the stand-in PIN compared when a code is unknown");
	CHECK_STR(msg, want, "still the same message");
	CHECK_INT(mc_dossier_lookup(db, NULL, pin, &d), MC_USAGE, "a NULL code is a usage error");

	mc_db_close(db);
	unlink(path);
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	rmdir(dir);
	return unit_done();
}
