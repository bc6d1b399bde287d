/* motcua — option parsing: a command's options mixed with the global ones,
 * in any order, as clerks type them. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "suggest.h"

const struct mc_opt mc_global_opts[] = {
	{ "db", 0, OPT_VALUE, "PATH", N_("the register database (MOTCUA_DB)") },
	{ "clerk", 0, OPT_VALUE, "NAME", N_("who is acting (MOTCUA_CLERK, else the login name)") },
	{ "format", 0, OPT_VALUE, "FORMAT", N_("text, json or csv (jsonl where said)") },
	{ "quiet", 'q', OPT_FLAG, NULL, N_("print only the essential value") },
	{ "help", 'h', OPT_FLAG, NULL, N_("show this help") },
	{ "version", 0, OPT_FLAG, NULL, N_("show the version") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt *find_long(const struct mc_opt *opts, const char *name, size_t len)
{
	for (const struct mc_opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	for (const struct mc_opt *o = mc_global_opts; o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static const struct mc_opt *find_short(const struct mc_opt *opts, char c)
{
	for (const struct mc_opt *o = opts; o && o->name; o++)
		if (o->short_name == c)
			return o;
	for (const struct mc_opt *o = mc_global_opts; o->name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

static mc_status add_value(struct mc_args *a, const struct mc_opt *o, const char *v)
{
	void *n = realloc(a->vals, (a->nvals + 1) * sizeof *a->vals);
	if (!n)
		return MC_NOMEM;
	a->vals = n;
	a->vals[a->nvals].opt = o;
	a->vals[a->nvals].value = v;
	a->nvals++;
	return MC_OK;
}

static mc_status add_pos(struct mc_args *a, char *s)
{
	char **n = realloc(a->pos, (size_t)(a->npos + 1) * sizeof *n);
	if (!n)
		return MC_NOMEM;
	a->pos = n;
	a->pos[a->npos++] = s;
	return MC_OK;
}

static const char *args_get_opt(const struct mc_args *a, const struct mc_opt *o)
{
	for (size_t i = 0; i < a->nvals; i++)
		if (a->vals[i].opt == o)
			return a->vals[i].value;
	return NULL;
}

mc_status args_parse(const struct mc_opt *opts, int argc, char **argv, int stop_at_pos,
	       struct mc_args *a, char *err, size_t errn)
{
	int i;
	for (i = 0; i < argc; i++) {
		char *arg = argv[i];
		const struct mc_opt *o;
		const char *value = NULL;

		if (strcmp(arg, "--") == 0) {
			while (++i < argc)
				if (add_pos(a, argv[i]) != MC_OK)
					return MC_NOMEM;
			break;
		}
		/* "-" is stdin and "-5" a number: both are arguments. */
		if (arg[0] != '-' || arg[1] == '\0' || (arg[1] >= '0' && arg[1] <= '9')) {
			if (stop_at_pos)
				break;
			if (add_pos(a, arg) != MC_OK)
				return MC_NOMEM;
			continue;
		}
		if (arg[1] == '-') {
			const char *eq = strchr(arg + 2, '=');
			size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			if (!(o = find_long(opts, arg + 2, len))) {
				struct mc_near n;
				near_init(&n, arg + 2, len);
				near_opts(&n, opts);
				if (n.names[0])
					snprintf(err, errn, _("unknown option --%.*s; did you mean %s?"),
						 (int)len, arg + 2, n.names);
				else
					snprintf(err, errn, _("unknown option --%.*s"), (int)len, arg + 2);
				return MC_USAGE;
			}
			if (eq && o->kind == OPT_FLAG) {
				snprintf(err, errn, _("option --%s takes no value"), o->name);
				return MC_USAGE;
			}
			value = eq ? eq + 1 : NULL;
		} else {
			if (!(o = find_short(opts, arg[1]))) {
				snprintf(err, errn, _("unknown option -%c"), arg[1]);
				return MC_USAGE;
			}
			if (arg[2] && o->kind == OPT_FLAG) {
				snprintf(err, errn, _("option -%c takes no value"), arg[1]);
				return MC_USAGE;
			}
			value = arg[2] ? arg + 2 : NULL;
		}
		if (o->kind == OPT_OPTIONAL && value && arg[1] != '-') {
			snprintf(err, errn, _("option -%c takes a value only as --%s=%s"),
				 arg[1], o->name, o->metavar);
			return MC_USAGE;
		}
		if (o->kind != OPT_FLAG && o->kind != OPT_OPTIONAL && !value) {
			if (i + 1 >= argc) {
				snprintf(err, errn, _("option --%s needs a value (%s)"),
					 o->name, o->metavar);
				return MC_USAGE;
			}
			value = argv[++i];
		}
		/* The last of two values would win unseen: only the options
		 * made to be repeated (OPT_MULTI: --doc, --status) may be. */
		if (o->kind != OPT_MULTI && args_get_opt(a, o)) {
			snprintf(err, errn, _("option --%s given twice"), o->name);
			return MC_USAGE;
		}
		if (add_value(a, o, value ? value : "") != MC_OK)
			return MC_NOMEM;
	}
	a->rest = i;
	return MC_OK;
}

void args_release(struct mc_args *a)
{
	free(a->pos);
	free(a->vals);
	memset(a, 0, sizeof *a);
}

const char *args_get(const struct mc_args *a, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < a->nvals; i++)
		if (strcmp(a->vals[i].opt->name, name) == 0)
			v = a->vals[i].value;
	return v;
}

int args_has(const struct mc_args *a, const char *name)
{
	return args_get(a, name) != NULL;
}

size_t args_all(const struct mc_args *a, const char *name, const char ***out)
{
	size_t n = 0;
	*out = malloc((a->nvals + 1) * sizeof **out);
	if (!*out)
		return 0;
	for (size_t i = 0; i < a->nvals; i++)
		if (strcmp(a->vals[i].opt->name, name) == 0)
			(*out)[n++] = a->vals[i].value;
	return n;
}

/* ---- typed readers: one message form, one exit code (2) ---- */

static int bad_value(const char *name, const char *v, const char *what)
{
	return fail(MC_USAGE, _("--%s: \"%s\" is not %s"), name, v, what);
}

int args_long(const struct mc_args *a, const char *name, long lo, long hi,
	      long def, long *out)
{
	const char *v = args_get(a, name);
	char *end, what[96];
	if (!v) {
		*out = def;
		return 0;
	}
	long x = strtol(v, &end, 10);
	if (!*v || *end || x < lo || x > hi) {
		snprintf(what, sizeof what, _("a number from %ld to %ld"), lo, hi);
		return bad_value(name, v, what);
	}
	*out = x;
	return 0;
}

/* Every date of an option lies in the years the calendar supports. */
static int in_calendar(const char *name, const char *v, int64_t day)
{
	char what[96];
	if (mc_calendar_supports(day))
		return 0;
	snprintf(what, sizeof what, _("a date from %d to %d (the years the calendar supports)"),
		 MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR);
	return bad_value(name, v, what);
}

int args_date(const struct mc_args *a, const char *name, int64_t *day, int *given)
{
	const char *v = args_get(a, name);
	*given = v != NULL;
	if (v && mc_parse_date(v, day) != MC_OK)
		return bad_value(name, v, _("a valid date (YYYY-MM-DD or DD/MM/YYYY)"));
	return v ? in_calendar(name, v, *day) : 0;
}

int args_datetime(const struct mc_args *a, const char *name, int offset_min,
		  mc_time *t, int *given)
{
	const char *v = args_get(a, name);
	*given = v != NULL;
	if (v && mc_parse_datetime(v, offset_min, t) != MC_OK)
		return bad_value(name, v, _("a date and time (YYYY-MM-DD HH:MM)"));
	return v ? in_calendar(name, v, mc_day_at(*t, offset_min)) : 0;
}

/* v as one of choices: its index in *out, or the error (2). */
static int choice(const char *name, const char *v, const char *const *choices, int *out)
{
	mc_strbuf list = MC_STRBUF_INIT;
	int n = 0, rc;
	for (; choices[n]; n++)
		if (strcmp(v, choices[n]) == 0) {
			*out = n;
			return 0;
		}
	for (int i = 0; i < n; i++)
		mc_strbuf_addf(&list, "%s%s", i == 0 ? "" : i == n - 1 ? _(" or ") : ", ",
			       choices[i]);
	rc = bad_value(name, v, list.s ? list.s : "");
	mc_strbuf_release(&list);
	return rc;
}

int args_enum(const struct mc_args *a, const char *name, const char *const *choices,
	      int def, int *out)
{
	const char *v = args_get(a, name);
	*out = def;
	return v ? choice(name, v, choices, out) : 0;
}

int args_enum_all(const struct mc_args *a, const char *name, const char *const *choices,
		  unsigned *bits)
{
	int i, rc;
	*bits = 0;
	for (size_t k = 0; k < a->nvals; k++) {
		if (strcmp(a->vals[k].opt->name, name) != 0)
			continue;
		if ((rc = choice(name, a->vals[k].value, choices, &i)) != 0)
			return rc;
		*bits |= 1u << i;
	}
	return 0;
}
