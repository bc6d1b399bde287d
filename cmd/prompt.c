/* motcua — prompts at the counter for dossier new. */
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prompt.h"

/* The questions that keep a history of their answers, recalled with the
 * up arrow when a refused answer is asked again; the yes/no questions
 * keep none (HIST_NONE). */
enum { HIST_PROCEDURE, HIST_APPLICANT, HIST_ID_NUMBER, HIST_ADDRESS, HIST_PHONE, HIST_NONE,
       HIST_COUNT };
static const char *const hist_fields[HIST_NONE] = {
	"procedure", "applicant", "id_number", "address", "phone"
};

/*
 * The line editor of a prompt session, when the clerk types at a
 * terminal (editing): libedit, with its emacs keys, reading a whole
 * character at a time, so that backspace takes "ễ" away at once. The
 * histories live in memory for the session only: the answers are the
 * citizens' names, ID numbers, addresses and phones, which are kept
 * nowhere but in the register (no history file). One terminal per
 * process: the session is this file's.
 */
static struct {
	int editing;
	EditLine *el;
	History *hist[HIST_COUNT];
	const char *question;       /* the prompt libedit shows */
	char *ctype;                /* LC_CTYPE to restore, when changed */
} ed;

static const char *show_question(EditLine *el)
{
	(void)el;
	return ed.question;
}

/*
 * A NUL byte at an empty answer is the end of input. Ctrl-D typed while
 * the terminal is in its ordinary (canonical) mode, between two
 * questions or before the first, stays in the kernel's queue as an
 * end-of-file mark that only a canonical read sees; when libedit puts the
 * terminal in raw mode to read the next answer, a NUL byte is left in
 * its place. script(1) sends its one Ctrl-D as soon as its input ends,
 * often before the first question: taken as a key (set-mark), it left
 * the prompt waiting for ever.
 */
static unsigned char nul_key(EditLine *el, int ch)
{
	const LineInfo *li = el_line(el);
	(void)ch;
	return li->lastchar == li->buffer ? CC_EOF : CC_NORM;
}

/* Line editing when stdin and stderr are a terminal; answers are read
 * with getline otherwise (or when libedit cannot start). Vietnamese is
 * UTF-8 whatever the locale: a locale of another character set (C) would
 * have libedit drop every letter with a diacritic, so the session reads
 * characters as C.UTF-8 does. */
static void editor_begin(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return;
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		const char *cur = setlocale(LC_CTYPE, NULL);
		if (cur && (ed.ctype = strdup(cur)) && !setlocale(LC_CTYPE, "C.UTF-8")) {
			free(ed.ctype);
			ed.ctype = NULL;
		}
	}
	if (!(ed.el = el_init("motcua", stdin, stderr, stderr)))
		return;
	for (int i = 0; i < HIST_COUNT; i++) {
		HistEvent ev;
		if (!(ed.hist[i] = history_init()))
			return;
		history(ed.hist[i], &ev, H_SETSIZE, 50);
		history(ed.hist[i], &ev, H_SETUNIQUE, 1);
	}
	el_set(ed.el, EL_EDITOR, "emacs");
	el_set(ed.el, EL_SIGNAL, 1);
	el_set(ed.el, EL_PROMPT, show_question);
	/* Wide: the narrow el_set keeps copies of these names it never frees. */
	el_wset(ed.el, EL_ADDFN, L"motcua-nul", L"end of input at an empty answer", nul_key);
	el_wset(ed.el, EL_BIND, L"^@", L"motcua-nul", NULL);
	ed.editing = 1;
}

static void editor_end(void)
{
	for (int i = 0; i < HIST_COUNT; i++)
		if (ed.hist[i])
			history_end(ed.hist[i]);
	if (ed.el)
		el_end(ed.el);
	if (ed.ctype)
		setlocale(LC_CTYPE, ed.ctype);
	free(ed.ctype);
	memset(&ed, 0, sizeof ed);
}

/* One line typed at the terminal, with the history of its question. */
static char *edit_answer(const char *question, int hist, ssize_t *len)
{
	int n = 0;
	ed.question = question;
	el_set(ed.el, EL_HIST, history, ed.hist[hist]);
	const char *line = el_gets(ed.el, &n);
	if (!line || n <= 0) {
		fputc('\n', stderr);
		return NULL;
	}
	char *copy = strdup(line);
	*len = copy ? (ssize_t)strlen(copy) : 0;
	return copy;
}

/* One line from stdin. */
static char *read_answer(const char *question, ssize_t *len)
{
	char *line = NULL;
	size_t cap = 0;
	fputs(question, stderr);
	fflush(stderr);
	if ((*len = getline(&line, &cap, stdin)) < 0) {
		free(line);
		fputc('\n', stderr);
		return NULL;
	}
	return line;
}

/* One answer without its newline; NULL at end of input. hist: the
 * history the answer joins (and the up arrow recalls from). */
static char *ask_kept(const char *question, int hist)
{
	for (;;) {
		ssize_t n = 0;
		char *line = ed.editing ? edit_answer(question, hist, &n)
					: read_answer(question, &n);
		if (!line)
			return NULL;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		/* A NUL typed (Ctrl-@) would silently cut the answer short. */
		if (!memchr(line, '\0', (size_t)n)) {
			HistEvent ev;
			if (ed.editing && hist != HIST_NONE && *line)
				history(ed.hist[hist], &ev, H_ENTER, line);
			return line;
		}
		free(line);
		fputs(_("  the answer holds a NUL byte; type it again\n"), stderr);
	}
}

static char *ask(const char *question)
{
	return ask_kept(question, HIST_NONE);
}

/* The history of a field's question. */
static int field_hist(const char *field)
{
	for (int i = 0; i < HIST_NONE; i++)
		if (strcmp(field, hist_fields[i]) == 0)
			return i;
	return HIST_NONE;
}

struct catalogue {
	char **codes, **names, **folded;
	int n;
};

static int collect(const mc_procedure *p, void *ud)
{
	struct catalogue *c = ud;
	int k = c->n;
	char **codes = realloc(c->codes, (size_t)(k + 1) * sizeof *codes);
	if (codes)
		c->codes = codes;
	char **names = realloc(c->names, (size_t)(k + 1) * sizeof *names);
	if (names)
		c->names = names;
	char **folded = realloc(c->folded, (size_t)(k + 1) * sizeof *folded);
	if (folded)
		c->folded = folded;
	if (!codes || !names || !folded)
		return 1;
	c->codes[k] = strdup(p->code);
	c->names[k] = strdup(p->name);
	c->folded[k] = mc_text_fold(p->name);
	c->n++;
	if (!c->codes[k] || !c->names[k] || !c->folded[k])
		return 1;
	fprintf(stderr, "  %2d) %-10s %s\n", c->n, p->code, p->name);
	return 0;
}

/* The procedure an answer names: its number in the list, its code, or
 * part of its name, folded as search folds it (so "trich luc" finds
 * "Cấp bản sao trích lục hộ tịch"); -1 when none, and the list of the
 * candidates is shown when several match. */
static int choose(const struct catalogue *c, const char *answer)
{
	char *end;
	long k = strtol(answer, &end, 10);
	if (*answer && !*end && k >= 1 && k <= c->n)
		return (int)k - 1;
	for (int i = 0; i < c->n; i++)
		if (strcmp(answer, c->codes[i]) == 0)
			return i;
	char *key = mc_text_fold(answer);
	int found = -1, hits = 0;
	if (key && *key)
		for (int i = 0; i < c->n; i++)
			if (strstr(c->folded[i], key)) {
				found = i;
				hits++;
			}
	if (hits > 1) {
		fprintf(stderr, _("  %d procedures match; which one?\n"), hits);
		for (int i = 0; i < c->n; i++)
			if (strstr(c->folded[i], key))
				fprintf(stderr, "  %2d) %-10s %s\n", i + 1, c->codes[i], c->names[i]);
		found = -2;
	}
	free(key);
	return found;
}

static char *ask_procedure(struct mc_ctx *ctx)
{
	struct catalogue c = { NULL, NULL, NULL, 0 };
	char *answer = NULL, *chosen = NULL;
	fputs(_("Procedures:\n"), stderr);
	if (mc_procedure_each(ctx->db, collect, &c) == MC_OK)
		while (!chosen &&
		       (answer = ask_kept(_("Procedure (number, code or part of the name): "),
					   HIST_PROCEDURE))) {
			int k = choose(&c, answer);
			if (k >= 0) {
				chosen = strdup(c.codes[k]);
			} else if (k == -1) {
				char *safe = mc_text_escape(answer);
				fprintf(stderr, _("  \"%s\" is not in the list\n"), safe ? safe : "");
				free(safe);
			}
			free(answer);
		}
	for (int i = 0; i < c.n; i++) {
		free(c.codes[i]);
		free(c.names[i]);
		free(c.folded[i]);
	}
	free(c.codes);
	free(c.names);
	free(c.folded);
	return chosen;
}

/* Asks until the value is valid for the field; NULL at end of input. */
static char *ask_field(struct mc_ctx *ctx, const char *question, const char *field)
{
	char *answer;
	while ((answer = ask_kept(question, field_hist(field)))) {
		char *norm = NULL;
		if (mc_dossier_check_field(ctx->db, field, answer, &norm) == MC_OK) {
			/* The phone and the ID number as they will be stored. */
			if (norm && strcmp(field, "applicant") && strcmp(field, "address")) {
				free(answer);
				return norm;
			}
			free(norm);
			return answer;
		}
		char *safe = mc_text_escape(mc_errmsg(ctx->db));
		fprintf(stderr, "  %s\n", safe ? safe : "");
		free(safe);
		free(answer);
	}
	return NULL;
}

static int confirm(struct mc_ctx *ctx, const mc_dossier_input *in)
{
	mc_procedure p = MC_PROCEDURE_INIT;
	mc_procedure_get(ctx->db, in->procedure, &p);
	fputs(_("About to record:\n"), stderr);
	put_label(stderr, _("procedure:"));
	fprintf(stderr, "%s %s\n", in->procedure, p.name ? p.name : "");
	put_label(stderr, _("applicant:"));
	fprintf(stderr, "%s\n", in->applicant);
	put_label(stderr, _("phone:"));
	fprintf(stderr, "%s\n", in->phone && *in->phone ? in->phone : "-");
	if (in->id_number) {
		put_label(stderr, _("ID number:"));
		fprintf(stderr, "%s\n", in->id_number);
	}
	if (in->address) {
		put_label(stderr, _("address:"));
		fprintf(stderr, "%s\n", in->address);
	}
	mc_procedure_release(&p);
	char *yes = ask(_("Record this dossier? [Y/n] "));
	int ok = yes && (!*yes || *yes == 'y' || *yes == 'Y' || *yes == 'c' || *yes == 'C');
	free(yes);
	return ok;
}

/* A name with a letter and no character past ASCII: typed without its
 * diacritics ("NGUYEN THI HOA"), as few Vietnamese names are written. */
static int lacks_diacritics(const char *name)
{
	int letter = 0;
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		if (*s >= 0x80)
			return 0;
		if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
			letter = 1;
	}
	return letter;
}

/* The applicant's name; one typed with no diacritics is shown back with a
 * question before it goes on the slip. NULL at end of input. */
static char *ask_applicant(struct mc_ctx *ctx)
{
	char *name;
	while ((name = ask_field(ctx, _("Applicant's full name: "), "applicant"))) {
		if (!lacks_diacritics(name))
			return name;
		char *safe = mc_text_escape(name);
		fprintf(stderr, _("  \"%s\" has no diacritics; is it so on the ID card?\n"),
			safe ? safe : "");
		free(safe);
		char *yes = ask(_("Keep the name as typed? [y/N] "));
		if (!yes) {
			free(name);
			return NULL;
		}
		int ok = *yes == 'y' || *yes == 'Y' || *yes == 'c' || *yes == 'C';
		free(yes);
		if (ok)
			return name;
		free(name);
	}
	return NULL;
}

/* An optional field: NULL in *out when skipped; -1 at end of input. */
static int ask_optional(struct mc_ctx *ctx, const char *question, const char *field,
			char **out)
{
	char *v = ask_field(ctx, question, field);
	if (!v)
		return -1;
	if (!*v) {
		free(v);
		v = NULL;
	}
	*out = v;
	return 0;
}

int prompt_dossier(struct mc_ctx *ctx, mc_dossier_input *in, struct prompted *a)
{
	int rc = 0;
	editor_begin();
	if (!in->procedure && !(in->procedure = a->procedure = ask_procedure(ctx)))
		rc = 1;
	else if (!in->applicant && !(in->applicant = a->applicant = ask_applicant(ctx)))
		rc = 1;
	else if (!in->id_number &&
		 ask_optional(ctx, _("ID number (Enter to skip): "), "id_number",
			      &a->id_number) < 0)
		rc = 1;
	else if (!in->address &&
		 ask_optional(ctx, _("Address (Enter to skip): "), "address", &a->address) < 0)
		rc = 1;
	else if (!in->phone &&
		 ask_optional(ctx, _("Phone (Enter to skip): "), "phone", &a->phone) < 0)
		rc = 1;
	if (!rc) {
		if (!in->id_number)
			in->id_number = a->id_number;
		if (!in->address)
			in->address = a->address;
		if (!in->phone)
			in->phone = a->phone;
		if (!confirm(ctx, in))
			rc = 1;
	}
	editor_end();
	if (rc)
		return fail(MC_NOT_FOUND, "%s", _("cancelled; nothing recorded"));
	return 0;
}

void prompted_release(struct prompted *p)
{
	free(p->procedure);
	free(p->applicant);
	free(p->phone);
	free(p->id_number);
	free(p->address);
}
