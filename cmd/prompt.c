/* motcua — prompts at the counter for dossier new. */
#include <stdlib.h>
#include <string.h>

#include "prompt.h"

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

/* One answer without its newline; NULL at end of input. keep: put it in
 * the history. */
static char *ask_kept(const char *question, int keep)
{
	for (;;) {
		ssize_t n = 0;
		char *line = read_answer(question, &n);
		if (!line)
			return NULL;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		/* A NUL typed (Ctrl-@) would silently cut the answer short. */
		if (!memchr(line, '\0', (size_t)n)) {
			(void)keep;  /* for a history of answers, not kept yet */
			return line;
		}
		free(line);
		fputs(_("  the answer holds a NUL byte; type it again\n"), stderr);
	}
}

static char *ask(const char *question)
{
	return ask_kept(question, 0);
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
		       (answer = ask_kept(_("Procedure (number, code or part of the name): "), 1))) {
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
	int keep = strcmp(field, "id_number") != 0;  /* no ID numbers on disk */
	while ((answer = ask_kept(question, keep))) {
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
