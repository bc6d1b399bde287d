/* motcua — what the modules of the registers share (register.c,
 * register-entry.c, register-columns.c, register-check.c, register-import.c,
 * register-search.c). */
#ifndef MC_REGISTER_PRIVATE_H
#define MC_REGISTER_PRIVATE_H

#include <sqlite3.h>
#include "audit-private.h"
#include "db-private.h"
#include "i18n.h"
#include "register.h"

/* ---- the kinds and their columns: core/register-columns.c ---- */

/* What a column holds, and so how it is checked and stored. */
enum reg_type {
	RT_BOOK,        /* the book: "01/2019", one line, 20 characters   */
	RT_NUMBER,      /* the entry number in its book: 1..999999        */
	RT_DATE,        /* a calendar date, stored YYYY-MM-DD             */
	RT_NAME,        /* a person's name: no digits, 100 characters     */
	RT_SEX,         /* Nam or Nữ                                      */
	RT_SHORT,       /* ethnicity, nationality: 50 characters          */
	RT_PLACE,       /* a place or an address: 300 characters          */
	RT_TEXT,        /* the cause of death: 300 characters             */
	RT_NOTE,        /* a note, several lines allowed: 1000 characters */
	RT_ID,          /* a citizen ID number: 12 or 9 digits            */
	RT_YEAR,        /* a year of 4 digits                             */
	RT_TIME,        /* a time of day, HH:MM                           */
};

/* Stored as an integer, and so hashed and written in JSON as a number. */
static inline int reg_type_is_integer(enum reg_type t)
{
	return t == RT_NUMBER || t == RT_YEAR;
}

/* The names of an entry that the index of names holds (below). */
enum { FTS_NAME, FTS_SPOUSE, FTS_FATHER, FTS_MOTHER, FTS_COLUMNS };

/* A kind and its columns in order, made from the table. */
struct reg_kind_info {
	mc_reg_kind kind;
	const char *name;           /* "birth"                          */
	const char *table;          /* "births"                         */
	size_t n, n_required;       /* columns; the first n_required are required */
	/* The first n_early are stored before clerk and entered_at, the
	 * rest (late columns, added by later schemas) after them. */
	size_t n_early;
	const char *columns[MC_REG_MAX_COLUMNS];
	const char *labels[MC_REG_MAX_COLUMNS];     /* for people (N_)  */
	const char *titles[MC_REG_MAX_COLUMNS];     /* paper book's, "A|B" */
	enum reg_type types[MC_REG_MAX_COLUMNS];
	int fts[FTS_COLUMNS];       /* the column feeding each name, or -1 */
};

const struct reg_kind_info *reg_kind_info(mc_reg_kind k);
/* "book, number, ..." of a kind, for SELECTs; a static buffer per kind. */
const char *reg_select_list(mc_reg_kind k);

/* ---- checking an entry: core/register-check.c ---- */

/*
 * One entry being checked or stored. Values point into the caller's text
 * (when it is already clean), into scratch (reformatted: dates, IDs, sex,
 * numbers) or into owned (cleaned by mc_text_clean()).
 */
struct reg_row {
	const char *v[MC_REG_MAX_COLUMNS];      /* NULL: empty            */
	int64_t num[MC_REG_MAX_COLUMNS];        /* numbers, years, days   */
	char scratch[MC_REG_MAX_COLUMNS][16];
	char *owned[MC_REG_MAX_COLUMNS];
	const char *folded[FTS_COLUMNS];        /* set by reg_row_fold()   */
	unsigned char digest[32];               /* set by reg_row_digest() */
	int has_digest;
};

void reg_row_release(struct reg_row *r);

/*
 * Checks raw[i] (the text given for column i; NULL or "" when empty) into
 * r, by the rules of mc_reg_check(). today is the office's day number.
 * MC_BAD_INPUT with "column: reason" in why, the columns named for where
 * the values came from (mc_field_name: --full-name, or the file's
 * full_name); MC_NOMEM.
 */
mc_status reg_row_check(const struct reg_kind_info *ki, const char *const *raw,
			int64_t today, mc_field_place where, struct reg_row *r, char *why,
			size_t n);

/* The office's day number today. */
int64_t reg_today(mc_db *db);

/*
 * The book and number that a lookup is given:
 * MC_BAD_INPUT, said in mc_errmsg(), unless the number is 1 to 6 digits
 * and the book is clean text of a book's length; *clean_book is then the
 * book cleaned (malloc'd).
 */
mc_status reg_check_key(mc_db *db, const char *book, const char *number, char **clean_book);
/* The citizen ID number that a lookup is given (--id-number), without its
 * blanks into out; MC_BAD_INPUT, said in mc_errmsg() as that option's. */
mc_status reg_check_id_number(mc_db *db, const char *id_number, char *out, size_t n);

/* ---- the index of names: core/register-search.c ---- */

/*
 * register_names holds one row per entry. Each word of its names is
 * indexed behind a tag of two digits (names have none): which name
 * (FTS_NAME, FTS_SPOUSE, FTS_FATHER, FTS_MOTHER) and its number of words,
 * 1 to 7 (7: seven or more), and is followed by its first letter behind
 * the same tag, a word that stands for them all when a search is typed
 * one letter long; the year the entry was registered and its kind are
 * words too, for searches by year and kind. A birth registered in 2019 of
 * Nguyễn Văn Đức, son of Nguyễn Văn Hùng, is
 *     03nguyen 03n 03van 03v 03duc 03d 23nguyen 23n ... y2019 k0
 * A search asks for the people of the entries (the name and the spouse)
 * before the parents, and for shorter names first, one length at a time,
 * and stops once it has enough hits, however many names hold the words
 * typed. The rowid orders the hits of one length, read from the end:
 * newest entry first, then births, marriages, deaths:
 *     id << 2 | (2 - kind)
 * It grows as an import writes the entries, in id order, as FTS5 wants
 * (it has to flush what it holds for a rowid that does not grow).
 */
#define REG_WORDS_MAX 7

static inline int64_t reg_entry_rowid(int64_t id, int kind)
{
	return id << 2 | (2 - kind);
}

static inline int reg_entry_kind(int64_t rowid)
{
	return 2 - (int)(rowid & 3);
}

static inline int64_t reg_entry_id(int64_t rowid)
{
	return rowid >> 2;
}

/* The length in bytes of the first letter of word (len bytes, UTF-8). */
static inline size_t reg_first_letter(const char *word, size_t len)
{
	unsigned char c = (unsigned char)word[0];
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	return n < len ? n : len;
}

/* The tag of a name (FTS_NAME...) of so many words. */
static inline void reg_name_tag(char tag[3], int name, int words)
{
	tag[0] = (char)('0' + name);
	tag[1] = (char)('0' + (words < REG_WORDS_MAX ? words : REG_WORDS_MAX));
	tag[2] = '\0';
}

/* Growing buffers for the folded names of a row, reused row after row. */
struct reg_fold_bufs {
	char *s[FTS_COLUMNS];
	size_t cap[FTS_COLUMNS];
};

/*
 * Folds the names of a checked row (the columns of the search index) into
 * bufs and points r->folded at them, so that storing the row has nothing
 * left to fold: an import does it on its reading thread. MC_NOMEM.
 */
mc_status reg_row_fold(const struct reg_kind_info *ki, struct reg_row *r,
		       struct reg_fold_bufs *bufs);
void reg_fold_bufs_release(struct reg_fold_bufs *bufs);

/* A set of folded words waiting to go into register_terms. */
struct reg_terms {
	char **slot;
	size_t cap, used;
};

/* What writes entries of a kind into the index of names, reused entry
 * after entry. */
struct reg_index {
	mc_db *db;
	mc_reg_kind kind;
	const struct reg_kind_info *ki;
	sqlite3_stmt *names, *term;         /* register_names, register_terms */
	sqlite3_stmt *drop;                 /* an entry's words out: amendments */
	struct reg_terms terms;
	struct reg_fold_bufs fold;
	char *tagged;                       /* a name's words behind its tag */
	size_t tagged_cap;
};

mc_status reg_index_open(struct reg_index *x, mc_db *db, mc_reg_kind k);
/* The names of r, stored as entry id (folded here unless r comes folded). */
mc_status reg_index_add(struct reg_index *x, struct reg_row *r, int64_t id);
/* Writes the words collected so far when asked to (flush), then frees:
 * the status of that write, MC_OK otherwise. */
mc_status reg_index_close(struct reg_index *x, int flush);

/*
 * The names of entry id change: old_vals are its stored values before
 * (column order, NULL when empty), r the row after. The index holds no
 * text of its own (contentless), so the old words are taken out as they
 * were put in, from the old values. Nothing is written when neither the
 * names nor the year of registration changed.
 */
mc_status reg_index_replace(struct reg_index *x, int64_t id, const char *const *old_vals,
			    struct reg_row *r);

/* Fills the search index of schema ("main"; "temp" for a copy that db
 * check compares with it, core/search-index.c) from the entries: an
 * upgrade from a database whose index had another shape, a rebuild. */
mc_status reg_index_all(mc_db *db, const char *schema);

/* ---- storing entries: core/register.c ---- */

/*
 * The digest of a checked row as it will be stored by clerk at now, for
 * the import's range record (mc_audit_digest in core/audit-private.h):
 * its columns in the table's order, then clerk and entered_at. An import
 * makes it on its reading thread.
 */
void reg_row_digest(const struct reg_kind_info *ki, struct reg_row *r, const char *clerk,
		    int64_t now);

/* The prepared statements that store entries, reused row after row. */
struct reg_writer {
	mc_db *db;
	mc_reg_kind kind;
	const struct reg_kind_info *ki;
	sqlite3_stmt *insert, *get;
	struct reg_index index;
	/* An import audits its new entries with one range record at the end
	 * (mc_audit_record_range) instead of one record each. */
	int batch;
	mc_audit_range range;
};

mc_status reg_writer_open(struct reg_writer *w, mc_db *db, mc_reg_kind k);
/* The writer of an import: one range record for all it adds. MC_DB when
 * the table's columns are not those that reg_row_digest() hashes. */
mc_status reg_writer_batch(struct reg_writer *w);
/*
 * Stores r: *added is 1 when it was new, 0 when the same entry was there.
 * The same book and number with other values is MC_BAD_INPUT with the
 * reason in why. *id (may be NULL) receives the entry's id.
 */
mc_status reg_writer_put(struct reg_writer *w, struct reg_row *r, int *added,
			 int64_t *id, char *why, size_t n);
/* Writes the words collected so far and finalises the statements; the
 * status of the last write when asked to (flush), MC_OK otherwise. */
mc_status reg_writer_close(struct reg_writer *w, int flush);

/* The entry in the row of st from column first on, in column order
 * (core/register-entry.c). */
mc_status reg_entry_from_stmt(sqlite3_stmt *st, int first, mc_entry *e);

/* Binds r's columns as parameters 1..n of st, integers as integers. */
void reg_bind_row(sqlite3_stmt *st, const struct reg_kind_info *ki, const struct reg_row *r);

/* MC_DB, said, unless the kind's table is id, its columns, clerk and
 * entered_at, as the digests of reg_row_digest() hash them. */
mc_status reg_table_hashable(mc_db *db, const struct reg_kind_info *ki);

/* ---- amending entries: core/register-amend.c ---- */

/* The ids of the rows of a range record ("#range:FIRST-LAST"). */
struct reg_range {
	int64_t first, last;
};

/* What amends entries of a kind, reused entry after entry: one
 * `register amend`, or each row of a mended file. */
struct reg_amender {
	mc_db *db;
	const struct reg_kind_info *ki;
	char *reason;                       /* cleaned                      */
	sqlite3_stmt *get, *update, *insert, *own, *ranges;
	struct reg_index index;
	/* The range records whose rows were amended: each checked before
	 * its first amendment, recorded anew once at the end. */
	struct reg_range *touched;
	size_t n_touched, cap_touched;
	/* The entries amended or found unchanged: one row each in a file. */
	int64_t *seen;
	size_t n_seen, cap_seen;
	mc_reg_amend_fn fn;
	void *ud;
};

/* MC_BAD_INPUT, said, for an empty or bad reason. */
mc_status reg_amender_open(struct reg_amender *am, mc_db *db, mc_reg_kind k,
			   const char *reason, mc_reg_amend_fn fn, void *ud);
/*
 * The entry of r's book and number becomes r (a row checked whole by
 * reg_row_check()): *changed is 0 when it was r already. MC_BAD_INPUT
 * with the reason in why for no such entry, a second row of one entry
 * (once_each), or an entry altered behind the program's back.
 */
mc_status reg_amender_put(struct reg_amender *am, struct reg_row *r, int once_each,
			  int *changed, char *why, size_t n);
/* Records anew the range records of the entries amended (when asked to:
 * flush), then frees: the status of that. */
mc_status reg_amender_close(struct reg_amender *am, int flush);

#endif
