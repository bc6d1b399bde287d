/* motcua — Vietnamese text folded for search, and the quick check of clean text. */
#ifndef MC_FOLD_H
#define MC_FOLD_H

#include <stddef.h>

/*
 * The search form of a text, the same for what is stored and what is
 * typed: NFC first, then the canonical decomposition with every mark
 * (tone marks and other diacritics) stripped and the case folded
 * (utf8proc's UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD),
 * and đ/Đ, which Unicode does not decompose, as d — with ð/Ð (U+00F0,
 * U+00D0), which old converters put in their place. So "Nguyễn Văn Đức",
 * its decomposed spelling and "NGUYEN VAN DUC" all fold to
 * "nguyen van duc". Blanks, punctuation and other scripts are kept, folded
 * the same way. Invalid UTF-8 bytes are dropped.
 *
 * Writes at most n bytes, NUL included, into out (n may be 0) and returns
 * the length of the whole folded text without its NUL, as snprintf does:
 * a result >= n means that out was too small.
 */
size_t mc_text_fold_n(const char *s, size_t len, char *out, size_t n);

/* The folded text of s, malloc'd (the caller frees it); NULL when memory
 * ran out. */
char *mc_text_fold(const char *s);

/*
 * Would mc_text_clean(s, 0, max_chars, ...) give s back unchanged? True
 * for one line of valid UTF-8 with no control character, no blank at either
 * end, at most max_chars characters (0: no bound), made only of characters
 * that NFC leaves as they are whatever stands beside them: printable ASCII
 * and the precomposed Latin letters (Latin-1, Latin Extended-A and B,
 * Latin Extended Additional), which hold the whole Vietnamese alphabet.
 * False says nothing: mc_text_clean() then decides. Bulk imports use it to
 * skip a normalisation and a copy for nearly every field.
 */
int mc_text_is_clean(const char *s, size_t len, size_t max_chars);

/*
 * The words of a folded text as the FTS5 ascii tokenizer of the search
 * indexes sees them: runs of ASCII letters and digits and of non-ASCII
 * bytes. Calls fn for each (not NUL-terminated); a non-zero return stops
 * and is returned.
 */
int mc_fold_each_word(const char *s, int (*fn)(const char *w, size_t len, void *ud),
		      void *ud);

/* The words typed in a search, folded (register search, dossier find). */
#define MC_QUERY_WORDS 10       /* at most this many words             */
#define MC_QUERY_WORD 64        /* a longer word is cut to this (bytes) */
typedef struct {
	char words[MC_QUERY_WORDS][MC_QUERY_WORD + 1];
	int n;
	int too_many;           /* more than MC_QUERY_WORDS were typed  */
} mc_query_words;

/* Folds text and splits it into q's words. 0, or -1 when memory ran out. */
int mc_query_words_read(const char *text, mc_query_words *q);

#endif
