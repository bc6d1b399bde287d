/* motcua — the program: global options, the command table, dispatch. */
#include <errno.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "suggest.h"
#include "cmd.h"
#include "config.h"

/* One table of commands: --help, `motcua help`, the completions and the
 * man page's list all follow it (tests/e2e/t0900-docs.sh checks). */
const struct mc_command mc_commands[] = {
	{ "init", mc_init_subs, N_("set up an office's database") },
	{ "config", mc_config_subs, N_("read and change the office's settings") },
	{ "procedure", mc_procedure_subs, N_("the catalogue of procedures") },
	{ "dossier", mc_dossier_subs, N_("receive, look up and move dossiers") },
	{ "holiday", mc_holiday_subs, N_("the office's holidays and swapped working days") },
	{ "calendar", mc_calendar_subs, N_("working-day arithmetic") },
	{ "register", mc_register_subs, N_("the civil status registers: birth, marriage, death") },
	{ "extract", mc_extract_subs, N_("issue certified extract copies of register entries") },
	{ "report", mc_report_subs, N_("the office's figures and its tracking book") },
	{ "notify", mc_notify_subs, N_("the citizen notification outbox (Zalo ZNS)") },
	{ "inbox", mc_inbox_subs, N_("the messages citizens sent the office's Zalo OA") },
	{ "qr", mc_qr_subs, N_("print QR codes and check signed extracts") },
	{ "key", mc_key_subs, N_("the office's signing key") },
	{ "db", mc_db_subs, N_("check the database and back it up") },
	{ "audit", mc_audit_subs, N_("the audit log of every change") },
	{ "serve", mc_serve_subs, N_("the citizens' lookup page and API, over HTTP") },
	{ "sync", mc_sync_subs, N_("send this office's records to the province") },
	{ "province", mc_province_subs, N_("every ward's registers in the province's PostgreSQL") },
	{ "help", mc_help_subs, N_("show the manual page of a command") },
	{ NULL, NULL, NULL }
};

#define DEFAULT_BUSY_MS 10000

static const struct mc_command *find_command(const char *name)
{
	for (const struct mc_command *c = mc_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static const struct mc_subcommand *find_sub(const struct mc_command *c, const char *name)
{
	for (const struct mc_subcommand *s = c->subs; s->fn; s++)
		if (s->name && name && strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

/*
 * gettext ignores LANGUAGE under the C locale, and a vi_VN.UTF-8 locale
 * that was never generated falls back to C: in both cases the clerk still
 * asked for Vietnamese, so messages follow LANGUAGE (or the locale's
 * language) through the always-present C.UTF-8 locale.
 */
static void messages_language(void)
{
	const char *cur = setlocale(LC_MESSAGES, NULL), *lang = NULL;
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	if (cur && strcmp(cur, "C") != 0 && strcmp(cur, "POSIX") != 0)
		return;
	for (size_t i = 0; i < 3 && !lang; i++)
		if (getenv(vars[i]) && *getenv(vars[i]))
			lang = getenv(vars[i]);
	if (lang && strncmp(lang, "vi", 2) == 0 && !(getenv("LANGUAGE") && *getenv("LANGUAGE")))
		setenv("LANGUAGE", "vi", 1);
	if (getenv("LANGUAGE") && *getenv("LANGUAGE"))
		setlocale(LC_MESSAGES, "C.UTF-8");
}

static void setup_i18n(void)
{
	const char *dir = getenv("MOTCUA_LOCALEDIR");
	/* Only what messages need: character set and language. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	messages_language();
	bindtextdomain(MC_TEXTDOMAIN, dir && *dir ? dir : MC_LOCALEDIR);
	bind_textdomain_codeset(MC_TEXTDOMAIN, "UTF-8");
	textdomain(MC_TEXTDOMAIN);
}

/* --db, MOTCUA_DB, $XDG_DATA_HOME/motcua/motcua.db, ~/.local/share/... */
static char *default_db_path(void)
{
	const char *v = getenv("MOTCUA_DB"), *home;
	char buf[4096];
	if (v && *v)
		return strdup(v);
	if ((v = getenv("XDG_DATA_HOME")) && *v == '/')
		snprintf(buf, sizeof buf, "%s/motcua/motcua.db", v);
	else if ((home = getenv("HOME")) && *home)
		snprintf(buf, sizeof buf, "%s/.local/share/motcua/motcua.db", home);
	else
		return NULL;
	return strdup(buf);
}

static const char *default_clerk(void)
{
	const char *v = getenv("MOTCUA_CLERK");
	struct passwd *pw;
	if (v && *v)
		return v;
	if ((pw = getpwuid(getuid())) && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	return (v = getenv("LOGNAME")) && *v ? v : "unknown";
}

/* Applies the global options found among a command's. */
static int apply_globals(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const char *const formats[] = { "text", "json", "csv", "jsonl", NULL };
	const char *v;
	int fmt, rc;
	if ((v = args_get(a, "db")))
		ctx->db_path = v;
	if ((v = args_get(a, "clerk")))
		ctx->clerk = v;
	if (args_has(a, "quiet"))
		ctx->quiet = 1;
	if ((rc = args_enum(a, "format", formats, (int)ctx->format, &fmt)) != 0)
		return rc;
	ctx->format = (enum mc_format)fmt;
	return 0;
}

int refuse_set_clock(struct mc_ctx *ctx, int training)
{
	const char *v = getenv("MOTCUA_NOW");
	if (!v || !*v || training)
		return 0;
	return fail(MC_USAGE, _("MOTCUA_NOW is set, but %s is a real register, whose times must be "
				"true: unset MOTCUA_NOW (only a database made with 'motcua init "
				"--training' takes its clock from it)"), ctx->db_path);
}

static int open_db(struct mc_ctx *ctx, mc_db_mode mode)
{
	long busy = DEFAULT_BUSY_MS;
	const char *b = getenv("MOTCUA_BUSY_TIMEOUT");
	int rc;
	if (b && *b) {
		char *end;
		busy = strtol(b, &end, 10);
		if (*end || busy < 0 || busy > 3600000)
			return fail(MC_USAGE, _("MOTCUA_BUSY_TIMEOUT: \"%s\" is not milliseconds (0 to 3600000)"), b);
	}
	mc_status st = mc_db_open(ctx->db_path, mode, (int)busy, &ctx->db);
	/* Where there is no file at all, say how to make one. */
	if (st == MC_NO_INPUT && access(ctx->db_path, F_OK) != 0)
		return fail(st, _("%s; run 'motcua init' first (or give --db)"), mc_errmsg(ctx->db));
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (mode != MC_DB_CREATE && !mc_db_initialised(ctx->db))
		return fail(MC_NO_INPUT, _("%s: the office is not set up; run 'motcua init' first"),
			    ctx->db_path);
	/* A real register refuses a clock set from outside, before anything
	 * is written; init decides for the database it sets up. */
	if (mode != MC_DB_CREATE && (rc = refuse_set_clock(ctx, mc_db_training(ctx->db))) != 0)
		return rc;
	/* The login name only now: looking it up reads the NSS databases,
	 * a cost that commands without a database need not pay. */
	if (!ctx->clerk)
		ctx->clerk = default_clerk();
	if ((st = mc_db_set_clerk(ctx->db, ctx->clerk)) != MC_OK)
		return report(ctx, st, NULL);
	/* The audit log records which command made each change. */
	char command[64];
	snprintf(command, sizeof command, "%s%s%s", ctx->cmd->name,
		 ctx->sub->name ? " " : "", ctx->sub->name ? ctx->sub->name : "");
	if ((st = mc_db_set_command(ctx->db, command)) != MC_OK)
		return report(ctx, st, NULL);
	if ((st = mc_now(getenv("MOTCUA_NOW"), mc_db_offset(ctx->db), &ctx->now)) != MC_OK)
		return fail(MC_USAGE, _("MOTCUA_NOW: \"%s\" is not a date and time (ISO 8601)"),
			    getenv("MOTCUA_NOW"));
	mc_db_set_now(ctx->db, ctx->now);
	return 0;
}


int need_db(struct mc_ctx *ctx)
{
	int rc;
	if (ctx->db)
		return 0;
	if (!ctx->db_path)
		return fail(MC_USAGE, "%s", _("no database: give --db or set MOTCUA_DB or HOME"));
	if ((rc = open_db(ctx, MC_DB_READ)) != 0) {
		mc_db_close(ctx->db);
		ctx->db = NULL;
	}
	return rc;
}

int need_write(struct mc_ctx *ctx)
{
	int rc;
	mc_db_close(ctx->db);
	ctx->db = NULL;
	if ((rc = open_db(ctx, MC_DB_WRITE)) != 0) {
		mc_db_close(ctx->db);
		ctx->db = NULL;
	}
	return rc;
}

int cmd_exec_net(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *dir = getenv("MOTCUA_MODULEDIR");
	char path[4096];
	(void)a;
	snprintf(path, sizeof path, "%s/motcua-net", dir && *dir ? dir : MC_MODULEDIR);
	if (fflush(stdout) != 0 || fflush(stderr) != 0)
		return close_output(stdout, NULL);
	execv(path, ctx->argv);
	return fail(MC_UNAVAILABLE, _("cannot run %s: %s (motcua-net, the program of the "
				      "commands that use the network, is not installed)"),
		    path, mc_strerror(errno));
}

/* A global option given both before the command and after it: its name. */
static const char *global_twice(const struct mc_args *g, const struct mc_args *a)
{
	for (size_t i = 0; g && i < a->nvals; i++)
		if (args_has(g, a->vals[i].opt->name))
			return a->vals[i].opt->name;
	return NULL;
}

static int run(struct mc_ctx *ctx, int argc, char **argv)
{
	struct mc_args a = { 0 };
	char err[256];
	int rc;
	mc_status st = args_parse(ctx->sub->opts, argc, argv, 0, &a, err, sizeof err);
	const char *twice = st == MC_OK ? global_twice(ctx->globals, &a) : NULL;
	if (st == MC_USAGE)
		rc = usage_error(ctx, "%s", err);
	else if (twice)
		rc = usage_error(ctx, _("option --%s given twice"), twice);
	else if (st != MC_OK)
		rc = fail(st, "%s", _("out of memory"));
	else
		rc = apply_globals(ctx, &a);
	if (rc != 0) {
		args_release(&a);
		return rc;
	}
	if (args_has(&a, "help")) {
		print_sub_help(stdout, ctx->cmd, ctx->sub);
		args_release(&a);
		return close_output(stdout, NULL);
	}
	if (a.npos < ctx->sub->min_pos || a.npos > ctx->sub->max_pos)
		rc = usage_error(ctx, a.npos < ctx->sub->min_pos ? _("missing argument")
								 : _("too many arguments"));
	else if (!ctx->db_path && ctx->sub->need != NEED_NONE && ctx->sub->need != NEED_LAZY)
		rc = fail(MC_USAGE, "%s", _("no database: give --db or set MOTCUA_DB or HOME"));
	else if ((rc = check_format(ctx)) == 0 && ctx->sub->fn == cmd_exec_net)
		rc = cmd_exec_net(ctx, &a);
	else if (rc == 0 &&
		 (ctx->sub->need == NEED_NONE || ctx->sub->need == NEED_LAZY ||
		  (rc = open_db(ctx, ctx->sub->need == NEED_CREATE ? MC_DB_CREATE :
				     ctx->sub->need == NEED_WRITE ? MC_DB_WRITE : MC_DB_READ)) == 0))
		rc = ctx->sub->fn(ctx, &a);
	args_release(&a);
	if (rc == 0)
		rc = close_output(stdout, NULL);
	return rc;
}

int main(int argc, char **argv)
{
	struct mc_ctx ctx = { 0 };
	struct mc_args g = { 0 };
	char err[256], *db_path = default_db_path();
	int rc;

	setup_i18n();
	ctx.db_path = db_path;
	ctx.argv = argv;
	ctx.colour = isatty(STDOUT_FILENO) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));

	/* Global options before the command. */
	mc_status st = args_parse(NULL, argc - 1, argv + 1, 1, &g, err, sizeof err);
	if (st != MC_OK) {
		rc = fail(st, "%s", st == MC_NOMEM ? _("out of memory") : err);
		goto out;
	}
	if ((rc = apply_globals(&ctx, &g)) != 0)
		goto out;
	ctx.globals = &g;
	int i = 1 + g.rest;
	if (args_has(&g, "version")) {
		printf("motcua %s\n", MC_VERSION);
		rc = close_output(stdout, NULL);
		goto out;
	}
	if (i >= argc) {
		print_main_help(args_has(&g, "help") ? stdout : stderr);
		rc = args_has(&g, "help") ? close_output(stdout, NULL) : mc_exit_code(MC_USAGE);
		goto out;
	}
	if (!(ctx.cmd = find_command(argv[i]))) {
		struct mc_near n;
		near_init(&n, argv[i], strlen(argv[i]));
		near_commands(&n);
		if (n.names[0])
			rc = fail(MC_USAGE, _("unknown command \"%s\"; did you mean %s?"),
				  argv[i], n.names);
		else
			rc = fail(MC_USAGE, _("unknown command \"%s\"; see 'motcua --help'"), argv[i]);
		goto out;
	}
	i++;
	if (ctx.cmd->subs[0].name) {
		if (i >= argc || argv[i][0] == '-') {
			int help = i < argc && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"));
			print_sub_help(help ? stdout : stderr, ctx.cmd, NULL);
			rc = help ? close_output(stdout, NULL) : mc_exit_code(MC_USAGE);
			goto out;
		}
		if (!(ctx.sub = find_sub(ctx.cmd, argv[i]))) {
			struct mc_near n;
			near_init(&n, argv[i], strlen(argv[i]));
			near_subs(&n, ctx.cmd);
			if (n.names[0])
				rc = fail(MC_USAGE, _("unknown command \"%s %s\"; did you mean %s?"),
					  ctx.cmd->name, argv[i], n.names);
			else
				rc = fail(MC_USAGE,
					  _("unknown command \"%s %s\"; see 'motcua %s --help'"),
					  ctx.cmd->name, argv[i], ctx.cmd->name);
			goto out;
		}
		i++;
	} else {
		ctx.sub = &ctx.cmd->subs[0];
	}
	rc = run(&ctx, argc - i, argv + i);
out:
	args_release(&g);
	mc_db_close(ctx.db);
	free(db_path);
	return rc;
}
