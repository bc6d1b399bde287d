/* motcua — fuzzing what the citizens' server reads and writes: the
 * input's first line is a lookup_url template (mc_lookup_route_parse),
 * the second a name (mc_citizen_mask_name), the rest the free texts of a
 * dossier (its code, procedure, applicant, a reason), drawn as the page
 * and as JSON: the page never holds a tag from the input, the JSON is
 * always valid (json-c reads it back). */
#include <string.h>
#include <json-c/json.h>
#include <utf8proc.h>

#include "citizen.h"
#include "fuzz.h"

static char *line(char **p)
{
	char *s = *p, *nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

/* The page (html) or the JSON of a dossier whose texts are text. */
static char *render(char *text, char *masked, size_t size, int html)
{
	mc_dossier d = { 0 };
	mc_history h = { 0 };
	mc_citizen_step st = { 0 };
	static char empty[] = "", hours[] = "07:30-17:00", week[] = "mon-fri";
	mc_citizen c = { 0 };
	d.code = d.procedure = d.procedure_name = d.applicant = text;
	d.delivery = empty;
	d.status = (mc_dossier_status)(size % MC_ST_COUNT);
	d.received_at = 1777000000;
	d.due_at = d.promised_at = 1777400000;
	d.finished_at = d.returned_at = d.paused_at = MC_TIME_NONE;
	h.at = d.received_at;
	h.status = d.status;
	h.reason = text;
	h.old_due = h.new_due = MC_TIME_NONE;
	d.history = &h;
	d.n_history = 1;
	st.at = h.at;
	st.status = h.status;
	st.reason = text;
	st.new_due = MC_TIME_NONE;
	c.d = &d;
	c.masked = masked;
	c.fee = 8000;
	c.next = (mc_next_step)(size % MC_NEXT_COUNT);
	c.reason = text;
	c.steps = &st;
	c.n_steps = 1;
	c.office.unit_name = c.office.address = c.office.phone = text;
	c.office.hours = hours;
	c.office.workweek = week;
	c.office.offset = 420;
	c.now = d.received_at;

	mc_strbuf b = MC_STRBUF_INIT;
	if (html)
		mc_citizen_html(&c, &b);
	else
		mc_citizen_json(&c, &b);
	FUZZ_ASSERT(b.s && !b.oom);
	return mc_strbuf_detach(&b);

}

static int valid_utf8(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			return 0;
		p += n;
	}
	return 1;
}

/* Each of the five entities of mc_strbuf_add_html read back as an x. */
static void unentity(char *page)
{
	static const char *const ents[] = { "&lt;", "&gt;", "&quot;", "&#39;", "&amp;" };
	for (char *q = page, *w = page;;) {
		size_t k;
		for (k = 0; k < 5 && strncmp(q, ents[k], strlen(ents[k])) != 0; k++)
			;
		if (k < 5) {
			*w++ = 'x';
			q += strlen(ents[k]);
		} else if (!(*w++ = *q++)) {
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), *p = s;
	char *tmpl = line(&p), *name = line(&p), *text = p;
	mc_lookup_route r;
	const char *why;

	if (mc_lookup_route_parse(tmpl, &r, &why) == MC_OK) {
		FUZZ_ASSERT(r.path[0] == '/' && !strchr(r.path, '?') && !strchr(r.path, '{'));
		FUZZ_ASSERT(r.code_param[0] && !strchr(r.code_param, '&'));
		FUZZ_ASSERT(why == NULL);
	} else {
		FUZZ_ASSERT(why != NULL);
	}

	char *m = mc_citizen_mask_name(name);
	FUZZ_ASSERT(m != NULL);
	/* As many words as the name; the first one whole. */
	size_t sp_in = 0, sp_out = 0;
	for (const char *q = name; *q; q++)
		sp_in += *q == ' ';
	for (const char *q = m; *q; q++)
		sp_out += *q == ' ';
	FUZZ_ASSERT(sp_in == sp_out);
	/* The first word whole, when the name is valid UTF-8 (stored names
	 * are; a byte that is not is shown as U+FFFD). */
	if (valid_utf8(name))
		FUZZ_ASSERT(strncmp(m, name, strcspn(name, " ")) == 0);

	/* The page of a dossier whose every text is the input, and of one
	 * where its characters special to HTML are x: the same page once
	 * their entities are read as x (the masked name, the same in both,
	 * may hold some too). */
	char *plain = strdup(text);
	FUZZ_ASSERT(plain != NULL);
	for (char *q = plain; *q; q++)
		if (strchr("<>\"'&", *q))
			*q = 'x';
	char *page = render(text, m, size, 1), *page_plain = render(plain, m, size, 1);
	unentity(page);
	unentity(page_plain);
	FUZZ_ASSERT(strcmp(page, page_plain) == 0);
	free(page);
	free(page_plain);
	free(plain);

	/* The JSON is valid and gives the code back. */
	char *json = render(text, m, size, 0);
	json_object *j = json_tokener_parse(json), *code;
	FUZZ_ASSERT(j != NULL);
	FUZZ_ASSERT(json_object_object_get_ex(j, "code", &code));
	FUZZ_ASSERT(strcmp(json_object_get_string(code), text) == 0);
	json_object_put(j);
	free(json);

	mc_strbuf b = MC_STRBUF_INIT;
	mc_strbuf_add_html(&b, text);
	FUZZ_ASSERT(!b.s || !strpbrk(b.s, "<>\"'"));
	mc_strbuf_release(&b);
	free(m);
	free(s);
	return 0;
}
