/* motcua — a growing string. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Room for n more bytes and a NUL; 0, or -1 (b->oom) when memory ran out. */
static int grow(mc_strbuf *b, size_t n)
{
	if (b->oom)
		return -1;
	if (b->len + n + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->oom = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void mc_strbuf_addf(mc_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	if (b->oom)
		return;
	/* Formatted once when it fits in the room left (a page is built
	 * in a buffer reserved for it), twice only when it must grow. */
	size_t room = b->s ? b->cap - b->len : 0;
	va_start(ap, fmt);
	int need = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (need < 0) {
		if (room)
			b->s[b->len] = '\0';
		return;
	}
	if ((size_t)need < room) {
		b->len += (size_t)need;
		return;
	}
	if (grow(b, (size_t)need) != 0) {
		if (room)
			b->s[b->len] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)need;
}

void mc_strbuf_add(mc_strbuf *b, const char *s, size_t n)
{
	if (grow(b, n) != 0)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void mc_strbuf_reserve(mc_strbuf *b, size_t n)
{
	if (grow(b, n) == 0)
		b->s[b->len] = '\0';
}

void mc_strbuf_clear(mc_strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
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
	mc_strbuf_add(ud, s, n);
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
