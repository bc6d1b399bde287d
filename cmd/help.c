/* motcua — --help texts from the command table, and `motcua help`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"

/* "  -o, --output FILE    help", long-only options aligned under the long
 * names; a left column too wide for its place puts the help below it. */
static void print_opts(FILE *fp, const struct mc_opt *opts)
{
	for (const struct mc_opt *o = opts; o && o->name; o++) {
		char left[96], shrt[8] = "    ";
		if (o->short_name)
			snprintf(shrt, sizeof shrt, "-%c, ", o->short_name);
		if (o->kind == OPT_OPTIONAL)
			snprintf(left, sizeof left, "%s--%s[=%s]", shrt, o->name, o->metavar);
		else
			snprintf(left, sizeof left, "%s--%s%s%s", shrt, o->name,
				 o->metavar ? " " : "", o->metavar ? o->metavar : "");
		if (strlen(left) > 28)
			fprintf(fp, "  %s\n  %-28s %s\n", left, "", _(o->help));
		else
			fprintf(fp, "  %-28s %s\n", left, _(o->help));
	}
}

void print_sub_help(FILE *fp, const struct mc_command *c, const struct mc_subcommand *s)
{
	if (!s) {
		fprintf(fp, _("usage: motcua %s COMMAND [OPTIONS]\n\n"), c->name);
		fprintf(fp, "%s\n\n", _(c->summary));
		for (s = c->subs; s->fn; s++)
			fprintf(fp, "  %-10s %s\n", s->name, _(s->summary));
		fprintf(fp, _("\nSee 'motcua %s COMMAND --help' and 'motcua help %s'.\n"),
			c->name, c->name);
		return;
	}
	fprintf(fp, _("usage: motcua %s%s%s%s%s\n"), c->name, s->name ? " " : "",
		s->name ? s->name : "", *s->synopsis ? " " : "", s->synopsis);
	putc('\n', fp);
	fprintf(fp, "%s\n", _(s->summary));
	if (s->opts && s->opts->name) {
		fprintf(fp, _("\nOptions:\n"));
		print_opts(fp, s->opts);
	}
	fprintf(fp, _("\nGlobal options:\n"));
	print_opts(fp, mc_global_opts);
}

void print_main_help(FILE *fp)
{
	fprintf(fp, _("usage: motcua [--db PATH] [--clerk NAME] [--format FORMAT] [-q] COMMAND ...\n\n"));
	fprintf(fp, "%s\n\n", _("The one-stop-door office's register: dossiers, receipts, registers."));
	for (const struct mc_command *c = mc_commands; c->name; c++) {
		if (!c->subs[0].name) {
			fprintf(fp, "  %-20s %s\n", c->name, _(c->summary));
			continue;
		}
		for (const struct mc_subcommand *s = c->subs; s->fn; s++) {
			char name[64];
			snprintf(name, sizeof name, "%s %s", c->name, s->name);
			fprintf(fp, "  %-20s %s\n", name, _(s->summary));
		}
	}
	fprintf(fp, _("\nSee 'motcua COMMAND --help' and 'motcua help COMMAND'.\n"));
}

/* The man page that documents a command. */
static const char *man_page(const char *cmd)
{
	static const struct { const char *cmd, *page; } map[] = {
		{ "init", "motcua" }, { "config", "motcua" }, { "help", "motcua" },
		{ "procedure", "motcua-procedure" }, { "dossier", "motcua-dossier" },
		{ "holiday", "motcua-holiday" }, { "calendar", "motcua-holiday" },
		{ "register", "motcua-register" }, { "extract", "motcua-extract" },
		{ "report", "motcua-report" }, { "notify", "motcua-notify" },
		{ "qr", "motcua-qr" }, { "key", "motcua-qr" },
		{ "db", "motcua-db" }, { "audit", "motcua-db" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].cmd, cmd) == 0)
			return map[i].page;
	return NULL;
}

static int cmd_help(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *page = a->npos ? man_page(a->pos[0]) : "motcua";
	const char *dir = getenv("MOTCUA_MANDIR");
	char path[4096];
	(void)ctx;
	if (!page)
		return fail(MC_USAGE, _("unknown command \"%s\"; see 'motcua --help'"), a->pos[0]);
	fflush(stdout);
	if (dir && *dir) {
		snprintf(path, sizeof path, "%s/%s.1", dir, page);
		execlp("man", "man", "-l", path, (char *)NULL);
	} else {
		execlp("man", "man", "1", page, (char *)NULL);
	}
	return fail(MC_NOT_FOUND, _("cannot run man (%s); try 'motcua --help'"), strerror(errno));
}

const struct mc_subcommand mc_help_subs[] = {
	{ NULL, cmd_help, NEED_NONE, NULL, 0, 1, "[COMMAND]",
	  N_("show the manual page of a command"), 0 },
	{ 0 }
};
