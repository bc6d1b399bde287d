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

/* The one JSON string escaper: quotes, backslashes, and every control
 * character (C0 and DEL) as an escape; UTF-8 passes as it is. */
static void json_escape(const char *s, void (*put)(void *, const char *, size_t), void *ud)
{
	if (!s) {
		put(ud, "null", 4);
		return;
	}
	put(ud, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t run = 0;
		char esc[8];
		while (p[run] && p[run] >= 0x20 && p[run] != 0x7f && p[run] != '"' &&
		       p[run] != '\\')
			run++;
		if (run) {
			put(ud, (const char *)p, run);
			p += run;
			continue;
		}
		switch (*p) {
		case '"':  put(ud, "\\\"", 2); break;
		case '\\': put(ud, "\\\\", 2); break;
		case '\n': put(ud, "\\n", 2); break;
		case '\t': put(ud, "\\t", 2); break;
		case '\r': put(ud, "\\r", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", *p);
			put(ud, esc, 6);
		}
		p++;
	}
	put(ud, "\"", 1);
}

static void put_strbuf(void *ud, const char *s, size_t n)
{
	mc_strbuf_addf(ud, "%.*s", (int)n, s);
}

static void put_file(void *ud, const char *s, size_t n)
{
	fwrite(s, 1, n, ud);
}

void mc_strbuf_add_json(mc_strbuf *b, const char *s)
{
	json_escape(s, put_strbuf, b);
}

void mc_json_put(FILE *fp, const char *s)
{
	json_escape(s, put_file, fp);
}
