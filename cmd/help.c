/* motcua — --help texts from the command table, and `motcua help`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "suggest.h"

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
		{ "serve", "motcua-serve" }, { "inbox", "motcua-inbox" },
		{ "province", "motcua-province" }, { "sync", "motcua-province" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].cmd, cmd) == 0)
			return map[i].page;
	return NULL;
}

/* man is run through the shell's search of PATH; with no man there at all,
 * say so rather than a bare "No such file". */
static int man_missing(void)
{
	const char *path = getenv("PATH");
	char dir[4096];
	if (!path)
		return 1;
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, ":");
		if (n && n < sizeof dir - 5) {
			snprintf(dir, sizeof dir, "%.*s/man", (int)n, p);
			if (access(dir, X_OK) == 0)
				return 0;
		}
		p += n;
		if (*p == ':')
			p++;
	}
	return 1;
}

static int cmd_help(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *page = a->npos ? man_page(a->pos[0]) : "motcua";
	const char *dir = getenv("MOTCUA_MANDIR");
	const struct mc_command *c = NULL;
	const struct mc_subcommand *s = NULL;
	char path[4096];
	(void)ctx;
	if (!page) {
		struct mc_near n;
		near_init(&n, a->pos[0], strlen(a->pos[0]));
		near_commands(&n);
		if (n.names[0])
			return fail(MC_USAGE, _("unknown command \"%s\"; did you mean %s?"),
				    a->pos[0], n.names);
		return fail(MC_USAGE, _("unknown command \"%s\"; see 'motcua --help'"), a->pos[0]);
	}
	if (a->npos > 1) {
		for (c = mc_commands; c->name && strcmp(c->name, a->pos[0]); c++)
			;
		for (s = c->name ? c->subs : NULL; s && s->fn; s++)
			if (s->name && !strcmp(s->name, a->pos[1]))
				break;
		if (!s || !s->fn) {
			struct mc_near n;
			near_init(&n, a->pos[1], strlen(a->pos[1]));
			if (c->name)
				near_subs(&n, c);
			if (n.names[0])
				return fail(MC_USAGE, _("unknown command \"%s %s\"; did you mean %s?"),
					    a->pos[0], a->pos[1], n.names);
			return fail(MC_USAGE, _("unknown command \"%s %s\"; see 'motcua %s --help'"),
				    a->pos[0], a->pos[1], a->pos[0]);
		}
		/* The page opens at the subcommand's section, when the pager is
		 * less and the clerk has not chosen another. */
		if (!getenv("MANPAGER") && !getenv("PAGER")) {
			char pager[256];
			snprintf(pager, sizeof pager, "less -p '^ *motcua %s %s$'", c->name, s->name);
			setenv("MANPAGER", pager, 1);
		}
	}
	if (man_missing()) {
		char what[128] = "motcua";
		for (int i = 0; i < a->npos && i < 2; i++)
			snprintf(what + strlen(what), sizeof what - strlen(what), " %s", a->pos[i]);
		return fail(MC_NOT_FOUND,
			    _("man is not installed, so the manual cannot be shown; try '%s --help'"),
			    what);
	}
	fflush(stdout);
	if (dir && *dir) {
		snprintf(path, sizeof path, "%s/%s.1", dir, page);
		execlp("man", "man", "-l", path, (char *)NULL);
	} else {
		execlp("man", "man", "1", page, (char *)NULL);
	}
	return fail(MC_NOT_FOUND, _("cannot run man (%s); try 'motcua --help'"), mc_strerror(errno));
}

const struct mc_subcommand mc_help_subs[] = {
	{ NULL, cmd_help, NEED_NONE, NULL, 0, 2, "[COMMAND [SUBCOMMAND]]",
	  N_("show the manual page of a command"), 0 },
	{ 0 }
};
