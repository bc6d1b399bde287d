/* motcua — a growing string, for reports built row by row. */
#ifndef MC_STRBUF_H
#define MC_STRBUF_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
	char *s;       /* NUL-terminated when not NULL */
	size_t len, cap;
	int oom;       /* an allocation failed: the text is cut short */
} mc_strbuf;

#define MC_STRBUF_INIT { NULL, 0, 0, 0 }

void mc_strbuf_addf(mc_strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Adds the n bytes at s (no formatting: for many small pieces). */
void mc_strbuf_add(mc_strbuf *b, const char *s, size_t n);
/* Makes room for n more bytes at once (a page about to be written). */
void mc_strbuf_reserve(mc_strbuf *b, size_t n);
/* Empties b, keeping its memory for what comes next. */
void mc_strbuf_clear(mc_strbuf *b);
/* Adds s as a JSON string ("..." with escapes), or null when s is NULL. */
void mc_strbuf_add_json(mc_strbuf *b, const char *s);
/* Writes s to fp as a JSON string, with the same escapes. */
void mc_json_put(FILE *fp, const char *s);
/* Hands the string over (caller frees; NULL when empty). */
char *mc_strbuf_detach(mc_strbuf *b);
void mc_strbuf_release(mc_strbuf *b);

#endif
