/* motcua — prompts at the counter for dossier new. */
#include <stdlib.h>
#include <string.h>

#include "prompt.h"

/* One line from stdin without its newline; NULL at end of input. */
static char *ask(const char *question)
{
	char *line = NULL;
	size_t cap = 0;
	for (;;) {
		fputs(question, stderr);
		fflush(stderr);
		ssize_t n = getline(&line, &cap, stdin);
		if (n < 0) {
			free(line);
			fputc('\n', stderr);
			return NULL;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		/* A NUL typed (Ctrl-@) would silently cut the answer short. */
		if (!memchr(line, '\0', (size_t)n))
			return line;
		fputs(_("  the answer holds a NUL byte; type it again\n"), stderr);
	}
}

struct catalogue {
	char **codes;
	int n;
};

static int collect(const mc_procedure *p, void *ud)
{
	struct catalogue *c = ud;
	char **codes = realloc(c->codes, (size_t)(c->n + 1) * sizeof *codes);
	if (!codes)
		return 1;
	c->codes = codes;
	c->codes[c->n++] = strdup(p->code);
	fprintf(stderr, "  %2d) %-10s %s\n", c->n, p->code, p->name);
	return 0;
}

static char *ask_procedure(struct mc_ctx *ctx)
{
	struct catalogue c = { NULL, 0 };
	char *answer = NULL, *chosen = NULL;
	fputs(_("Procedures:\n"), stderr);
	mc_procedure_each(ctx->db, collect, &c);
	while (!chosen && (answer = ask(_("Procedure (number or code): ")))) {
		char *end;
		long k = strtol(answer, &end, 10);
		if (*answer && !*end && k >= 1 && k <= c.n) {
			chosen = strdup(c.codes[k - 1]);
		} else {
			for (int i = 0; i < c.n && !chosen; i++)
				if (strcmp(answer, c.codes[i]) == 0)
					chosen = strdup(answer);
			char *safe = chosen ? NULL : mc_text_escape(answer);
			if (!chosen)
				fprintf(stderr, _("  \"%s\" is not in the list\n"), safe ? safe : "");
			free(safe);
		}
		free(answer);
	}
	for (int i = 0; i < c.n; i++)
		free(c.codes[i]);
	free(c.codes);
	return chosen;
}

/* Asks until the value is valid for the field; NULL at end of input. */
static char *ask_field(struct mc_ctx *ctx, const char *question, const char *field)
{
	char *answer;
	while ((answer = ask(question))) {
		char *norm = NULL;
		if (mc_dossier_check_field(ctx->db, field, answer, &norm) == MC_OK) {
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
	mc_procedure_release(&p);
	char *yes = ask(_("Record this dossier? [Y/n] "));
	int ok = yes && (!*yes || *yes == 'y' || *yes == 'Y' || *yes == 'c' || *yes == 'C');
	free(yes);
	return ok;
}

int prompt_dossier(struct mc_ctx *ctx, mc_dossier_input *in, struct prompted *a)
{
	if (!in->procedure && !(in->procedure = a->procedure = ask_procedure(ctx)))
		return fail(MC_NOT_FOUND, "%s", _("cancelled; nothing recorded"));
	if (!in->applicant &&
	    !(in->applicant = a->applicant = ask_field(ctx, _("Applicant's full name: "), "applicant")))
		return fail(MC_NOT_FOUND, "%s", _("cancelled; nothing recorded"));
	if (!in->phone &&
	    !(in->phone = a->phone = ask_field(ctx, _("Phone (Enter to skip): "), "phone")))
		return fail(MC_NOT_FOUND, "%s", _("cancelled; nothing recorded"));
	if (!confirm(ctx, in))
		return fail(MC_NOT_FOUND, "%s", _("cancelled; nothing recorded"));
	return 0;
}

void prompted_release(struct prompted *p)
{
	free(p->procedure);
	free(p->applicant);
	free(p->phone);
}
