/* motcua — what a citizen sees of a dossier: the lookup page and its JSON.
 *
 * The page is in Vietnamese whatever the language of the server's
 * messages: it is the office's word to its citizens, like the forms of
 * core/document.c, and the statuses are shown by their official labels
 * (core/lifecycle.c). It is built for a phone and for Zalo's in-app
 * browser: one page, its style inline, no script, no image, no font to
 * fetch (the server's Content-Security-Policy allows nothing else). */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "citizen.h"
#include "digits.h"
#include "i18n.h"
#include "procedure.h"
#include "settings.h"

/* A literal added without formatting. */
#define LIT(b, s) mc_strbuf_add((b), (s), sizeof(s) - 1)

static const char *const step_names[MC_NEXT_COUNT] = {
	"wait", "overdue", "supplement", "pay", "collect", "post", "none",
};

const char *mc_next_step_name(mc_next_step s)
{
	return s < MC_NEXT_COUNT ? step_names[s] : "none";
}

/* ---- the office ---- */

static char *setting_or_empty(mc_db *db, const char *key)
{
	char *v = NULL;
	if (mc_setting_get(db, key, &v) != MC_OK || !v) {
		free(v);
		return strdup("");
	}
	return v;
}

mc_status mc_office_card_read(mc_db *db, mc_office_card *out)
{
	memset(out, 0, sizeof *out);
	out->unit_name = setting_or_empty(db, "unit_name");
	out->address = setting_or_empty(db, "office_address");
	out->phone = setting_or_empty(db, "office_phone");
	out->hours = setting_or_empty(db, "office_hours");
	out->workweek = setting_or_empty(db, "workweek");
	out->offset = mc_db_offset(db);
	if (!out->unit_name || !out->address || !out->phone || !out->hours || !out->workweek) {
		mc_office_card_release(out);
		return MC_NOMEM;
	}
	return MC_OK;
}

void mc_office_card_release(mc_office_card *c)
{
	free(c->unit_name);
	free(c->address);
	free(c->phone);
	free(c->hours);
	free(c->workweek);
	memset(c, 0, sizeof *c);
}

/* ---- the name, masked ---- */

char *mc_citizen_mask_name(const char *name)
{
	mc_strbuf b = MC_STRBUF_INIT;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
	int word = 0, letter = 0;       /* which word, which letter of it */
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		/* Stored names are valid UTF-8; a byte that is not is one
		 * letter, shown as U+FFFD when it is not starred. */
		int bad = n <= 0;
		if (bad) {
			n = 1;
			cp = 0xFFFD;
		}
		if (cp == ' ') {
			if (letter)
				word++;
			letter = 0;
			mc_strbuf_add(&b, " ", 1);
		} else if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) {
			/* A combining mark belongs to the letter before it. */
			if (word == 0 || letter == 1)
				mc_strbuf_add(&b, (const char *)p, (size_t)n);
		} else {
			if ((word == 0 || letter == 0) && bad)
				mc_strbuf_add(&b, "\xef\xbf\xbd", 3);
			else if (word == 0 || letter == 0)
				mc_strbuf_add(&b, (const char *)p, (size_t)n);
			else
				mc_strbuf_add(&b, "*", 1);
			letter++;
		}
		p += n;
	}
	if (!b.s)
		mc_strbuf_add(&b, "", 0);
	if (b.oom) {
		mc_strbuf_release(&b);
		return NULL;
	}
	return mc_strbuf_detach(&b);
}

/* ---- the lookup ---- */

void mc_citizen_free(mc_citizen *c)
{
	if (!c)
		return;
	mc_dossier_free(c->d);
	free(c->masked);
	free(c->steps);
	mc_office_card_release(&c->office);
	free(c);
}

/* What the citizen must do, from where the dossier stands. */
static mc_next_step next_step(const mc_dossier *d, mc_time now)
{
	switch (d->status) {
	case MC_ST_RECEIVED:
	case MC_ST_PROCESSING:
		return mc_dossier_overdue(d, now) ? MC_NEXT_OVERDUE : MC_NEXT_WAIT;
	case MC_ST_SUPPLEMENT:
		return MC_NEXT_SUPPLEMENT;
	case MC_ST_PAYMENT:
		return MC_NEXT_PAY;
	case MC_ST_DONE:
		return d->delivery && strcmp(d->delivery, "post") == 0 ? MC_NEXT_POST
								       : MC_NEXT_COLLECT;
	default:
		return MC_NEXT_NONE;
	}
}

/* The history a citizen sees: the statuses and the moves of the due
 * time; the clerks' notes and amendments are the office's own. */
static mc_status citizen_steps(mc_citizen *c)
{
	const mc_dossier *d = c->d;
	if (!(c->steps = calloc(d->n_history ? d->n_history : 1, sizeof *c->steps)))
		return MC_NOMEM;
	for (size_t i = 0; i < d->n_history; i++) {
		const mc_history *h = &d->history[i];
		if (h->event && strcmp(h->event, "cancel") != 0)
			continue;
		mc_citizen_step *s = &c->steps[c->n_steps++];
		s->at = h->at;
		s->status = h->status;
		s->reason = h->reason && *h->reason ? h->reason : NULL;
		s->new_due = h->new_due;
		/* The reason of the status the dossier is in now. */
		if (h->status == d->status && s->reason)
			c->reason = s->reason;
	}
	return MC_OK;
}

struct lookup_job {
	const char *code, *pin;
	mc_citizen *c;
};

static mc_status lookup_reads(mc_db *db, void *ud)
{
	struct lookup_job *j = ud;
	mc_citizen *c = j->c;
	mc_status rc;
	/* The settings as of this snapshot: a change made at the counter
	 * since the last lookup is read again, in the same transaction. */
	if ((rc = mc_settings_refresh(db)) != MC_OK ||
	    (rc = mc_dossier_lookup(db, j->code, j->pin, &c->d)) != MC_OK ||
	    (rc = mc_office_card_read(db, &c->office)) != MC_OK)
		return rc;
	mc_procedure p = MC_PROCEDURE_INIT;
	if (mc_procedure_get(db, c->d->procedure, &p) == MC_OK)
		c->fee = p.fee;
	mc_procedure_release(&p);
	return MC_OK;
}

mc_status mc_citizen_lookup(mc_db *db, const char *code, const char *pin, mc_citizen **out)
{
	mc_citizen *c = calloc(1, sizeof *c);
	struct lookup_job j = { code, pin, c };
	mc_status rc;
	*out = NULL;
	if (!c)
		return MC_NOMEM;
	c->now = mc_db_now(db);
	/* The dossier, its history, the office and the fee from one snapshot. */
	if ((rc = mc_db_snapshot(db, lookup_reads, &j)) != MC_OK ||
	    (rc = citizen_steps(c)) != MC_OK)
		goto fail;
	c->next = next_step(c->d, c->now);
	if (!(c->masked = mc_citizen_mask_name(c->d->applicant))) {
		rc = MC_NOMEM;
		goto fail;
	}
	*out = c;
	return MC_OK;
fail:
	mc_citizen_free(c);
	return rc;
}

mc_status mc_citizen_from_dossier(mc_dossier *d, int64_t fee, const mc_office_card *o,
				  mc_time now, mc_citizen **out)
{
	mc_citizen *c = calloc(1, sizeof *c);
	mc_status rc = MC_NOMEM;
	*out = NULL;
	if (!c) {
		mc_dossier_free(d);
		return MC_NOMEM;
	}
	c->d = d;
	c->fee = fee;
	c->now = now;
	c->office.offset = o->offset;
	if (!(c->office.unit_name = strdup(o->unit_name)) || !(c->office.address = strdup(o->address)) ||
	    !(c->office.phone = strdup(o->phone)) || !(c->office.hours = strdup(o->hours)) ||
	    !(c->office.workweek = strdup(o->workweek)) || (rc = citizen_steps(c)) != MC_OK ||
	    !(c->masked = mc_citizen_mask_name(d->applicant))) {
		mc_citizen_free(c);
		return rc == MC_OK ? MC_NOMEM : rc;
	}
	c->next = next_step(d, now);
	*out = c;
	return MC_OK;
}

/* ---- the lookup address ---- */

mc_status mc_lookup_route_parse(const char *tmpl, mc_lookup_route *out, const char **why)
{
	const char *p = strstr(tmpl, "://"), *q;
	memset(out, 0, sizeof *out);
	*why = N_("lookup_url: not set");
	if (!p)
		return MC_BAD_INPUT;
	if (!(p = strchr(p + 3, '/')) || !(q = strchr(p, '?'))) {
		*why = N_("lookup_url: {code} must be the value of a query parameter "
		       "(https://HOST/PATH?ma={code}&pin={pin})");
		return MC_BAD_INPUT;
	}
	if ((size_t)(q - p) >= sizeof out->path || memchr(p, '{', (size_t)(q - p))) {
		*why = N_("lookup_url: the path must be fixed, without {code} or {pin}");
		return MC_BAD_INPUT;
	}
	memcpy(out->path, p, (size_t)(q - p));
	/* name=value pairs: a value is {code}, {pin}, or fixed text. */
	for (const char *s = q + 1; *s;) {
		const char *amp = strchr(s, '&'), *end = amp ? amp : s + strlen(s);
		const char *eq = memchr(s, '=', (size_t)(end - s));
		size_t nlen = eq ? (size_t)(eq - s) : 0;
		char *dst = NULL;
		if (eq && (size_t)(end - eq - 1) == 6 && strncmp(eq + 1, "{code}", 6) == 0)
			dst = out->code_param;
		else if (eq && (size_t)(end - eq - 1) == 5 && strncmp(eq + 1, "{pin}", 5) == 0)
			dst = out->pin_param;
		else if (memchr(s, '{', (size_t)(end - s))) {
			*why = N_("lookup_url: {code} and {pin} must each be a whole parameter value");
			return MC_BAD_INPUT;
		}
		if (dst) {
			if (nlen == 0 || nlen >= sizeof out->code_param) {
				*why = N_("lookup_url: a parameter name is empty or too long");
				return MC_BAD_INPUT;
			}
			memcpy(dst, s, nlen);
		}
		s = amp ? amp + 1 : end;
	}
	if (!out->code_param[0]) {
		*why = N_("lookup_url: {code} must be the value of a query parameter");
		return MC_BAD_INPUT;
	}
	*why = NULL;
	return MC_OK;
}

/* ---- HTML ---- */

void mc_strbuf_add_html(mc_strbuf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *e = NULL;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		mc_strbuf_add(b, run, (size_t)(s - run));
		mc_strbuf_add(b, e, strlen(e));
		run = s + 1;
	}
	mc_strbuf_add(b, run, (size_t)(s - run));
}

/* "08:15 ngày 02/03/2026" at the office's offset. */
static void vn_time(mc_time t, int offset, char *buf, size_t n)
{
	char day[16];
	if (t == MC_TIME_NONE) {
		snprintf(buf, n, "–");
		return;
	}
	static const char at[] = " ngày ";
	int64_t local = t + (int64_t)offset * 60;
	int minute = mc_local_minute_of_day(local), h = minute / 60, m = minute % 60;
	mc_format_date_vn(mc_local_day(local), day, sizeof day);
	size_t dl = strlen(day);
	/* "%02d:%02d ngày %s" by hand: a page shows a dozen. */
	if (n < 5 + sizeof at - 1 + dl + 1) {
		snprintf(buf, n, "%02d:%02d%s%s", h, m, at, day);
		return;
	}
	buf[0] = (char)('0' + h / 10);
	buf[1] = (char)('0' + h % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + m / 10);
	buf[4] = (char)('0' + m % 10);
	memcpy(buf + 5, at, sizeof at - 1);
	memcpy(buf + 5 + sizeof at - 1, day, dl + 1);
}

/* "8.000 đồng" */
static void vn_amount(int64_t vnd, char *buf, size_t n)
{
	char g[32];
	mc_format_grouped(vnd, g, sizeof g);
	snprintf(buf, n, "%s đồng", g);
}

/* "Thứ Hai đến Thứ Sáu, 07:30–17:00" */
static void vn_hours(const mc_office_card *o, char *buf, size_t n)
{
	const char *days = strcmp(o->workweek, "mon-sat-am") == 0
				   ? "Thứ Hai đến Thứ Sáu và sáng Thứ Bảy"
				   : "Thứ Hai đến Thứ Sáu";
	char h[16];
	snprintf(h, sizeof h, "%s", o->hours);
	if (strlen(h) == 11 && h[5] == '-')
		snprintf(buf, n, "%s, từ %.5s đến %s", days, h, h + 6);
	else
		snprintf(buf, n, "%s", days);
}

static const char page_style[] =
	"body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
	"font-size:17px;line-height:1.5;color:#1b1b1b;background:#f4f5f7}"
	"main{max-width:560px;margin:0 auto;padding:16px}"
	"header{text-align:center;margin-bottom:12px}"
	".office{font-weight:600;text-transform:uppercase;font-size:15px;margin:0}"
	"h1{font-size:22px;margin:4px 0 0}"
	"h2{font-size:18px;margin:0 0 8px}"
	"section{background:#fff;border-radius:10px;padding:14px 16px;margin:12px 0;"
	"box-shadow:0 1px 2px rgba(0,0,0,.08)}"
	".status{border-left:6px solid #1565c0}"
	".status.good{border-left-color:#2e7d32}.status.warn{border-left-color:#ef6c00}"
	".status.end{border-left-color:#757575}"
	"#status{font-size:21px;font-weight:700;margin:4px 0 0}"
	".code{margin:0;color:#444;word-break:break-all}"
	"dl{margin:0}dt{color:#555;font-size:15px}dd{margin:0 0 8px;font-weight:600}"
	"ol{margin:0;padding-left:20px}li{margin-bottom:8px}"
	"time{color:#555;font-size:15px;display:block}"
	".note{color:#555;font-size:15px}"
	"label{display:block;margin:8px 0 4px;font-weight:600}"
	"input{box-sizing:border-box;width:100%;font-size:18px;padding:10px;"
	"border:1px solid #999;border-radius:8px}"
	"button{margin-top:14px;width:100%;font-size:18px;padding:12px;border:0;"
	"border-radius:8px;background:#1565c0;color:#fff}"
	".alert{border-left:6px solid #c62828}"
	"footer{font-size:15px;color:#444;text-align:center;margin:16px 0}";

static void page_head(mc_strbuf *b, const mc_office_card *o, const char *title)
{
	LIT(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
		       "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	mc_strbuf_add_html(b, title);
	if (*o->unit_name) {
		LIT(b, " – ");
		mc_strbuf_add_html(b, o->unit_name);
	}
	LIT(b, "</title>\n<style>");
	LIT(b, page_style);
	LIT(b, "</style>\n</head>\n<body>\n<main>\n<header>\n");
	if (*o->unit_name) {
		LIT(b, "<p class=\"office\">");
		mc_strbuf_add_html(b, o->unit_name);
		LIT(b, "</p>\n");
	}
	LIT(b, "<h1>Tra cứu hồ sơ</h1>\n</header>\n");
}

static void page_foot(mc_strbuf *b, const mc_office_card *o)
{
	char hours[128];
	vn_hours(o, hours, sizeof hours);
	LIT(b, "<footer>\n<p>Bộ phận Một cửa");
	if (*o->unit_name) {
		LIT(b, " – ");
		mc_strbuf_add_html(b, o->unit_name);
	}
	if (*o->address) {
		LIT(b, "<br>");
		mc_strbuf_add_html(b, o->address);
	}
	if (*o->hours)
		mc_strbuf_addf(b, "<br>Giờ làm việc: %s", hours);
	if (*o->phone) {
		LIT(b, "<br>Điện thoại: ");
		mc_strbuf_add_html(b, o->phone);
	}
	LIT(b, "</p>\n</footer>\n</main>\n</body>\n</html>\n");
}

/* The colour of the status box: good news, something to do, the end. */
static const char *status_class(const mc_citizen *c)
{
	switch (c->next) {
	case MC_NEXT_COLLECT:
	case MC_NEXT_POST:
		return "status good";
	case MC_NEXT_SUPPLEMENT:
	case MC_NEXT_PAY:
	case MC_NEXT_OVERDUE:
		return "status warn";
	case MC_NEXT_NONE:
		return c->d->status == MC_ST_RETURNED ? "status good" : "status end";
	default:
		return "status";
	}
}

static void add_when(mc_strbuf *b, const char *what, mc_time t, int offset)
{
	char buf[48];
	if (t == MC_TIME_NONE)
		return;
	vn_time(t, offset, buf, sizeof buf);
	mc_strbuf_addf(b, "<dt>%s</dt><dd>%s</dd>\n", what, buf);
}

/* What to do next, in a sentence or two (the JSON's next.text too). */
static void next_text(const mc_citizen *c, mc_strbuf *b, int html)
{
	const mc_dossier *d = c->d;
	char buf[64], hours[128];
	void (*add)(mc_strbuf *, const char *) = html ? mc_strbuf_add_html : NULL;
#define TEXT(s) (add ? add(b, (s)) : mc_strbuf_add(b, (s), strlen(s)))
	switch (c->next) {
	case MC_NEXT_WAIT:
		vn_time(mc_dossier_promised(d), c->office.offset, buf, sizeof buf);
		TEXT("Hồ sơ đang được giải quyết. Thời gian hẹn trả kết quả: ");
		TEXT(buf);
		TEXT(".");
		break;
	case MC_NEXT_OVERDUE:
		TEXT("Hồ sơ đã quá thời gian hẹn trả kết quả. Bộ phận Một cửa sẽ thông báo "
		     "cho ông/bà; ông/bà có thể liên hệ Bộ phận Một cửa");
		if (*c->office.phone) {
			TEXT(" qua số điện thoại ");
			TEXT(c->office.phone);
		}
		TEXT(".");
		break;
	case MC_NEXT_SUPPLEMENT:
		TEXT("Đề nghị ông/bà bổ sung hồ sơ");
		if (c->reason) {
			TEXT(": ");
			TEXT(c->reason);
		}
		TEXT(". Xin mang giấy tờ bổ sung và Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa.");
		break;
	case MC_NEXT_PAY:
		TEXT("Đề nghị ông/bà nộp phí, lệ phí");
		if (c->fee > 0) {
			vn_amount(c->fee, buf, sizeof buf);
			TEXT(": ");
			TEXT(buf);
		}
		TEXT(" tại Bộ phận Một cửa.");
		break;
	case MC_NEXT_COLLECT:
		vn_hours(&c->office, hours, sizeof hours);
		TEXT("Đã có kết quả. Mời ông/bà mang Giấy tiếp nhận hồ sơ đến nhận kết quả tại "
		     "Bộ phận Một cửa");
		if (*c->office.unit_name) {
			TEXT(" ");
			TEXT(c->office.unit_name);
		}
		if (*c->office.address) {
			TEXT(", ");
			TEXT(c->office.address);
		}
		if (*c->office.hours) {
			TEXT(", ");
			TEXT(hours);
		}
		TEXT(".");
		break;
	case MC_NEXT_POST:
		TEXT("Đã có kết quả; kết quả được gửi qua dịch vụ bưu chính đến địa chỉ "
		     "ông/bà đã đăng ký.");
		break;
	case MC_NEXT_NONE:
	case MC_NEXT_COUNT:
		if (d->status == MC_ST_RETURNED) {
			vn_time(d->returned_at, c->office.offset, buf, sizeof buf);
			TEXT("Hồ sơ đã được trả kết quả lúc ");
			TEXT(buf);
			TEXT(".");
		} else if (d->status == MC_ST_WITHDRAWN) {
			TEXT("Hồ sơ đã được rút theo đề nghị của người nộp.");
		} else {
			TEXT(d->status == MC_ST_REJECTED ? "Hồ sơ không được tiếp nhận"
			     : d->status == MC_ST_STOPPED ? "Hồ sơ đã dừng giải quyết"
			     : "Hồ sơ đã được hủy do nhập nhầm");
			if (c->reason) {
				TEXT(". Lý do: ");
				TEXT(c->reason);
			}
			TEXT(".");
		}
		break;
	}
#undef TEXT
}

void mc_citizen_html(const mc_citizen *c, mc_strbuf *b)
{
	const mc_dossier *d = c->d;
	const mc_status_info *si = mc_dossier_status_info(d->status);
	int off = c->office.offset;
	char title[96], buf[48];

	snprintf(title, sizeof title, "Hồ sơ %s", d->code);
	mc_strbuf_reserve(b, 8192);
	page_head(b, &c->office, title);
	mc_strbuf_addf(b, "<section class=\"%s\">\n<p class=\"code\">Mã hồ sơ: <b>", status_class(c));
	mc_strbuf_add_html(b, d->code);
	LIT(b, "</b></p>\n<p id=\"status\">");
	mc_strbuf_add_html(b, si->label);
	mc_strbuf_addf(b, "</p>\n</section>\n<section id=\"next\">\n<h2>%s</h2>\n<p>",
		       c->next == MC_NEXT_NONE ? "Kết quả" : "Việc cần làm");
	next_text(c, b, 1);
	LIT(b, "</p>\n</section>\n<section>\n<dl>\n<dt>Thủ tục</dt><dd>");
	mc_strbuf_add_html(b, d->procedure_name);
	LIT(b, "</dd>\n<dt>Người nộp hồ sơ</dt><dd>");
	mc_strbuf_add_html(b, c->masked);
	LIT(b, "</dd>\n");
	add_when(b, "Tiếp nhận lúc", d->received_at, off);
	add_when(b, "Hẹn trả kết quả", mc_dossier_promised(d), off);
	if (d->promised_at != MC_TIME_NONE && d->due_at != d->promised_at)
		add_when(b, "Hẹn trả kết quả mới", d->due_at, off);
	add_when(b, "Có kết quả lúc", d->finished_at, off);
	add_when(b, "Trả kết quả lúc", d->returned_at, off);
	if (c->fee > 0) {
		vn_amount(c->fee, buf, sizeof buf);
		mc_strbuf_addf(b, "<dt>Phí, lệ phí</dt><dd>%s</dd>\n", buf);
	}
	LIT(b, "</dl>\n</section>\n<section>\n<h2>Quá trình xử lý</h2>\n<ol id=\"history\">\n");
	for (size_t i = 0; i < c->n_steps; i++) {
		const mc_citizen_step *s = &c->steps[i];
		vn_time(s->at, off, buf, sizeof buf);
		mc_strbuf_addf(b, "<li><time>%s</time>", buf);
		if (s->new_due != MC_TIME_NONE && i > 0 && s->status == c->steps[i - 1].status) {
			vn_time(s->new_due, off, buf, sizeof buf);
			mc_strbuf_addf(b, "Hẹn lại thời gian trả kết quả: %s", buf);
		} else {
			mc_strbuf_add_html(b, mc_dossier_status_info(s->status)->label);
		}
		if (s->reason) {
			LIT(b, "<br><span class=\"note\">");
			mc_strbuf_add_html(b, s->reason);
			LIT(b, "</span>");
		}
		LIT(b, "</li>\n");
	}
	LIT(b, "</ol>\n</section>\n");
	page_foot(b, &c->office);
}

/* ---- JSON ---- */

static void json_time(mc_strbuf *b, const char *key, mc_time t, int offset)
{
	char iso[40];
	mc_strbuf_addf(b, ",\"%s\":", key);
	if (t == MC_TIME_NONE) {
		LIT(b, "null");
		return;
	}
	mc_format_iso(t, offset, iso, sizeof iso);
	mc_strbuf_addf(b, "\"%s\"", iso);
}

void mc_citizen_json(const mc_citizen *c, mc_strbuf *b)
{
	const mc_dossier *d = c->d;
	int off = c->office.offset;
	mc_strbuf text = MC_STRBUF_INIT;

	LIT(b, "{\"code\":");
	mc_strbuf_add_json(b, d->code);
	LIT(b, ",\"procedure\":{\"code\":");
	mc_strbuf_add_json(b, d->procedure);
	LIT(b, ",\"name\":");
	mc_strbuf_add_json(b, d->procedure_name);
	mc_strbuf_addf(b, ",\"fee\":%lld},\"status\":\"%s\",\"status_label\":",
		       (long long)c->fee, mc_dossier_status_info(d->status)->name);
	mc_strbuf_add_json(b, mc_dossier_status_info(d->status)->label);
	LIT(b, ",\"applicant\":");
	mc_strbuf_add_json(b, c->masked);
	json_time(b, "received_at", d->received_at, off);
	json_time(b, "promised_at", mc_dossier_promised(d), off);
	json_time(b, "due_at", d->due_at, off);
	json_time(b, "finished_at", d->finished_at, off);
	json_time(b, "returned_at", d->returned_at, off);
	next_text(c, &text, 0);
	mc_strbuf_addf(b, ",\"next\":{\"step\":\"%s\",\"reason\":", mc_next_step_name(c->next));
	mc_strbuf_add_json(b, c->reason);
	LIT(b, ",\"text\":");
	mc_strbuf_add_json(b, text.s ? text.s : "");
	mc_strbuf_release(&text);
	LIT(b, "},\"history\":[");
	for (size_t i = 0; i < c->n_steps; i++) {
		const mc_citizen_step *s = &c->steps[i];
		int moved = s->new_due != MC_TIME_NONE && i > 0 && s->status == c->steps[i - 1].status;
		mc_strbuf_addf(b, "%s{\"event\":\"%s\"", i ? "," : "", moved ? "rescheduled" : "status");
		json_time(b, "at", s->at, off);
		mc_strbuf_addf(b, ",\"status\":\"%s\",\"status_label\":",
			       mc_dossier_status_info(s->status)->name);
		mc_strbuf_add_json(b, mc_dossier_status_info(s->status)->label);
		json_time(b, "new_due_at", moved ? s->new_due : MC_TIME_NONE, off);
		LIT(b, ",\"reason\":");
		mc_strbuf_add_json(b, s->reason);
		LIT(b, "}");
	}
	LIT(b, "],\"office\":{\"name\":");
	mc_strbuf_add_json(b, c->office.unit_name);
	LIT(b, ",\"address\":");
	mc_strbuf_add_json(b, c->office.address);
	LIT(b, ",\"phone\":");
	mc_strbuf_add_json(b, c->office.phone);
	LIT(b, ",\"hours\":");
	mc_strbuf_add_json(b, c->office.hours);
	LIT(b, ",\"workweek\":");
	mc_strbuf_add_json(b, c->office.workweek);
	LIT(b, "}}\n");
}

/* ---- pages without a dossier ---- */

void mc_citizen_page(const mc_office_card *o, const mc_lookup_route *route, mc_page_kind kind,
		     const char *code, mc_strbuf *b)
{
	static const char *const titles[] = {
		[MC_PAGE_FORM] = "Tra cứu hồ sơ",
		[MC_PAGE_NOT_FOUND] = "Không tìm thấy hồ sơ",
		[MC_PAGE_TOO_MANY] = "Tạm khóa tra cứu",
		[MC_PAGE_NO_SUCH_PAGE] = "Không có trang này",
		[MC_PAGE_ERROR] = "Lỗi tạm thời",
	};
	static const char *const says[] = {
		[MC_PAGE_FORM] = NULL,
		[MC_PAGE_NOT_FOUND] = "Không tìm thấy hồ sơ có mã và mã PIN này. Xin kiểm tra "
				      "lại mã hồ sơ và mã PIN in trên Giấy tiếp nhận hồ sơ.",
		[MC_PAGE_TOO_MANY] = "Đã tra cứu sai quá nhiều lần. Xin thử lại sau ít phút, "
				     "hoặc quét mã QR trên Giấy tiếp nhận hồ sơ.",
		[MC_PAGE_NO_SUCH_PAGE] = "Địa chỉ này không có trang nào.",
		[MC_PAGE_ERROR] = "Hệ thống đang bận. Xin thử lại sau ít phút.",
	};
	page_head(b, o, titles[kind]);
	if (says[kind])
		mc_strbuf_addf(b, "<section class=\"alert\">\n<p id=\"status\">%s</p>\n</section>\n",
			       says[kind]);
	if (route && kind != MC_PAGE_TOO_MANY) {
		LIT(b, "<section>\n<form method=\"get\" action=\"");
		mc_strbuf_add_html(b, route->path);
		LIT(b, "\">\n<label for=\"code\">Mã hồ sơ</label>\n"
			       "<input id=\"code\" name=\"");
		mc_strbuf_add_html(b, route->code_param);
		LIT(b, "\" autocomplete=\"off\" autocapitalize=\"characters\" "
			       "spellcheck=\"false\" required");
		if (code && *code) {
			LIT(b, " value=\"");
			mc_strbuf_add_html(b, code);
			LIT(b, "\"");
		}
		LIT(b, ">\n");
		if (route->pin_param[0]) {
			LIT(b, "<label for=\"pin\">Mã PIN</label>\n<input id=\"pin\" name=\"");
			mc_strbuf_add_html(b, route->pin_param);
			LIT(b, "\" autocomplete=\"off\" autocapitalize=\"characters\" "
				       "spellcheck=\"false\" required>\n");
		}
		LIT(b, "<button type=\"submit\">Tra cứu</button>\n</form>\n"
			       "<p class=\"note\">Mã hồ sơ và mã PIN in trên Giấy tiếp nhận hồ sơ "
			       "và hẹn trả kết quả.</p>\n</section>\n");
	}
	page_foot(b, o);
}
