/* Unit tests: the ZNS request of a queued message — phone form, template
 * data per event, the 30-character limit, dates for Vietnamese readers. */
#include <stdio.h>
#include <string.h>

#include "motcua.h"
#include "unit.h"

#define OFF (7 * 60)

/* 2026-04-29 09:00 +07:00 */
#define T0 ((mc_time)1777428000)

static const char *param(const mc_zns_param *p, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].key, key) == 0)
			return p[i].value;
	return NULL;
}

static void keys(const mc_zns_param *p, size_t n, char *buf, size_t bn)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(buf + strlen(buf), bn - strlen(buf), "%s%s", i ? " " : "", p[i].key);
}

static mc_message message(mc_notify_event ev, const char *name, const char *reason)
{
	mc_message m = { 0 };
	m.id = 7;
	m.event = ev;
	m.phone = "0912345678";
	m.code = "000.00.22.H12-260429-0001";
	m.applicant = name;
	m.procedure_name = "Cấp bản sao trích lục hộ tịch";
	m.reason = reason;
	m.created_at = T0;
	m.due_at = T0 + 7 * 86400 + 30 * 60;    /* 06/05/2026 09:30 */
	m.sent_at = MC_TIME_NONE;
	return m;
}

static void test_phone(void)
{
	char out[16];
	CHECK(mc_notify_zns_phone("0912345678", out, sizeof out) == MC_OK &&
	      strcmp(out, "84912345678") == 0, "0912345678 -> 84912345678");
	CHECK(mc_notify_zns_phone("0387654321", out, sizeof out) == MC_OK &&
	      strcmp(out, "84387654321") == 0, "0387654321 -> 84387654321");
	CHECK_INT(mc_notify_zns_phone("02743822222", out, sizeof out), MC_BAD_INPUT,
		  "a landline has no Zalo");
	CHECK_INT(mc_notify_zns_phone("0912345678", out, 11), MC_BAD_INPUT,
		  "a buffer too small is refused");
}

static void test_events(void)
{
	mc_zns_param p[MC_ZNS_MAX_PARAMS];
	char k[256];
	static const struct { mc_notify_event ev; const char *keys; } want[] = {
		{ MC_EV_RECEIVED, "customer_name dossier_code procedure_name date due_time" },
		{ MC_EV_SUPPLEMENT, "customer_name dossier_code procedure_name date reason" },
		{ MC_EV_DONE, "customer_name dossier_code procedure_name date" },
		{ MC_EV_RESCHEDULED, "customer_name dossier_code procedure_name due_time reason" },
		{ MC_EV_REJECTED, "customer_name dossier_code procedure_name date reason" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		mc_message m = message(want[i].ev, "Nguyễn Văn An", "thiếu tờ khai");
		size_t n = mc_notify_zns_params(&m, OFF, p);
		keys(p, n, k, sizeof k);
		CHECK_STR(k, want[i].keys, "%s: its parameters", mc_notify_event_name(want[i].ev));
	}
	mc_message m = message(MC_EV_RECEIVED, "Nguyễn Văn An", NULL);
	size_t n = mc_notify_zns_params(&m, OFF, p);
	CHECK_STR(param(p, n, "date"), "29/04/2026", "the date reads dd/mm/yyyy");
	CHECK_STR(param(p, n, "due_time"), "09:30 06/05/2026", "the due time reads HH:MM dd/mm/yyyy");
	n = mc_notify_zns_params(&m, -3 * 60, p);
	CHECK_STR(param(p, n, "due_time"), "23:30 05/05/2026", "at the office's offset");
	m = message(MC_EV_SUPPLEMENT, "A", NULL);
	n = mc_notify_zns_params(&m, OFF, p);
	CHECK_STR(param(p, n, "reason"), "", "a missing reason is empty");
}

static void test_limits(void)
{
	static const struct { const char *in, *out; } cuts[] = {
		{ "Nguyễn Văn An", "Nguyễn Văn An" },
		/* exactly 30 characters stay */
		{ "Nguyễn Thị Ngọc Phương Thảo Ủy", "Nguyễn Thị Ngọc Phương Thảo Ủy" },
		{ "Nguyễn Thị Ngọc Phương Thảo Uyên", "Nguyễn Thị Ngọc Phương Thảo…" },
		/* no word fits half: cut between characters */
		{ "Nguyễn Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Nguyễn Aaaaaaaaaaaaaaaaaaaaaa…" },
		/* a letter and its combining mark stay together (not NFC here on purpose) */
		{ "Aaaaaaaaaaaaaaaaaaaaaaaaaaaae\xcc\x82\xcc\x81xyz", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaa…" },
		/* blanks before the cut go */
		{ "Bùi Thị Hoa   Bùi Thị Hoa   Bùi Thị Hoa", "Bùi Thị Hoa   Bùi Thị Hoa…" },
	};
	mc_zns_param p[MC_ZNS_MAX_PARAMS];
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		mc_message m = message(MC_EV_DONE, cuts[i].in, NULL);
		size_t n = mc_notify_zns_params(&m, OFF, p);
		const char *got = param(p, n, "customer_name");
		CHECK_STR(got, cuts[i].out, "cut %zu", i);
		CHECK(got && mc_utf8_length(got) <= MC_ZNS_NAME_CHARS, "cut %zu: at most 30 characters", i);
	}
	mc_message m = message(MC_EV_DONE, "A", NULL);
	m.code = "000.00.22.H12.PHUONG.VINH.PHU-260429-0001";
	size_t n = mc_notify_zns_params(&m, OFF, p);
	CHECK_STR(param(p, n, "dossier_code"), "000.00.22.H12.PHUONG.VINH.PHU-260429-0001",
		  "a long code is never cut");
	char reason[1024] = "";
	for (int i = 0; i < 30; i++)
		strcat(reason, "giấy tờ ");
	m = message(MC_EV_REJECTED, "A", reason);
	n = mc_notify_zns_params(&m, OFF, p);
	const char *got = param(p, n, "reason");
	CHECK(got && mc_utf8_length(got) == 200, "a reason of 240 characters keeps 200");
	CHECK(got && strcmp(got + strlen(got) - strlen("tờ\u2026"), "tờ\u2026") == 0,
	      "after a whole word, with …");
}

int main(void)
{
	test_phone();
	test_events();
	test_limits();
	return unit_done();
}
