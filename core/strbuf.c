/* motcua — a growing string. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "strbuf.h"

void mc_strbuf_addf(mc_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0 || b->oom)
		return;
	if (b->len + (size_t)need + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + (size_t)need + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)need;
}

char *mc_strbuf_detach(mc_strbuf *b)
{
	char *s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void mc_strbuf_release(mc_strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void mc_strbuf_add_json(mc_strbuf *b, const char *s)
{
	if (!s) {
		mc_strbuf_addf(b, "null");
		return;
	}
	mc_strbuf_addf(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t run = 0;
		while (p[run] && p[run] >= 0x20 && p[run] != 0x7f && p[run] != '"' &&
		       p[run] != '\\')
			run++;
		if (run) {
			mc_strbuf_addf(b, "%.*s", (int)run, (const char *)p);
			p += run;
			continue;
		}
		switch (*p) {
		case '"':  mc_strbuf_addf(b, "\\\""); break;
		case '\\': mc_strbuf_addf(b, "\\\\"); break;
		case '\n': mc_strbuf_addf(b, "\\n"); break;
		case '\t': mc_strbuf_addf(b, "\\t"); break;
		case '\r': mc_strbuf_addf(b, "\\r"); break;
		default:   mc_strbuf_addf(b, "\\u%04x", *p);
		}
		p++;
	}
	mc_strbuf_addf(b, "\"");
}
