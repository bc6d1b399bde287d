/* motcua — db check|backup: the safety of the register. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "cmd.h"

/* ---- db check ---- */

struct check_state {
	mc_printer *pr;
	long n;
};

/* Begun with the first problem, or at the end: a copy that cannot be
 * read leaves no half-written JSON. */
static void begin_problems(mc_printer *pr)
{
	pr_begin_map(pr);
	pr_key(pr, "problems");
	pr_begin_rows(pr);
}

static int print_problem(const mc_problem *p, void *ud)
{
	struct check_state *cs = ud;
	mc_printer *pr = cs->pr;
	if (cs->n++ == 0)
		begin_problems(pr);
	pr_begin_map(pr);
	pr_kstr(pr, "kind", mc_problem_name(p->kind));
	pr_kstr(pr, "table", p->table);
	pr_kstr(pr, "key", p->key);
	pr_key(pr, "record");
	if (p->record)
		pr_int(pr, p->record);
	else
		pr_null(pr);
	pr_kstr(pr, "message", p->message);
	pr_end(pr);
	return 0;
}

static int print_rebuilt(const mc_index_state *s, void *ud)
{
	mc_printer *pr = ud;
	pr_begin_map(pr);
	pr_kstr(pr, "index", s->index);
	pr_kint(pr, "entries", s->entries);
	pr_end(pr);
	pr_text(pr, _("%s (%s): rebuilt, %ld entries\n"), s->index, s->about, s->entries);
	return 0;
}

/* db check --repair-index: the indexes rebuilt from their sources, in one
 * transaction recorded in the audit log. */
static int repair_index(struct mc_ctx *ctx)
{
	int rc = need_write(ctx);
	if (rc != 0)
		return rc;
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_begin_map(pr);
	pr_key(pr, "rebuilt");
	pr_begin_rows(pr);
	mc_status st = mc_index_rebuild(ctx->db, print_rebuilt, pr);
	if (st != MC_OK) {
		pr_close(pr, NULL);
		return report(ctx, st, NULL);
	}
	pr_end(pr);
	pr_end(pr);
	return pr_close(pr, NULL);
}

static int cmd_check(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* People read the messages; -q prints them alone, without the summary. */
	static const struct pr_col cols[] = {
		{ "kind", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "table", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "key", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "record", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "message", NULL, 0, PR_LAST | PR_QUIET, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	const char *witness = args_get(a, "witness");
	mc_witness w = MC_WITNESS_INIT;
	mc_check_result res;
	mc_status st;
	int rc;

	if (args_has(a, "repair-index")) {
		if (args_get(a, "against"))
			return usage_error(ctx, _("--repair-index and --against go separately"));
		if (witness)
			return usage_error(ctx, _("--repair-index and --witness go separately"));
		return repair_index(ctx);
	}
	/* A witness file that is not right stops the check before it begins. */
	if (witness && (st = mc_witness_load(ctx->db, witness, &w)) != MC_OK) {
		mc_witness_release(&w);
		return report(ctx, st, NULL);
	}
	struct check_state cs = { cmd_printer(ctx, stdout), 0 };
	mc_printer *pr = cs.pr;

	pr_columns(pr, cols, 1);
	long index_problems = 0;
	st = mc_db_check_witness(ctx->db, args_get(a, "against"), witness, witness ? &w : NULL,
				 print_problem, &cs, &res);
	if (st == MC_OK)
		st = mc_index_check(ctx->db, print_problem, &cs, &index_problems);
	if (st != MC_OK) {
		mc_witness_release(&w);
		return report(ctx, st, NULL);
	}
	res.problems += index_problems;
	if (cs.n == 0)
		begin_problems(pr);
	pr_end(pr);
	pr_kbool(pr, "ok", !res.problems);
	pr_kint(pr, "records", res.records);
	pr_kint(pr, "rows", res.rows);
	pr_kint(pr, "head_id", res.head_id);
	pr_kstr(pr, "head", res.head);
	if (witness)
		pr_kint(pr, "checkpoints", (int64_t)w.n);
	pr_end(pr);
	if (res.problems)
		pr_text(pr, P_("%ld problem found\n", "%ld problems found\n", res.problems),
			res.problems);
	else
		pr_text(pr, _("ok: %ld audit records, %ld rows checked; chain head %lld %s\n"),
			res.records, res.rows, (long long)res.head_id, res.head);
	if (witness && !res.problems)
		pr_text(pr, P_("%s: the log extends its %zu checkpoint\n",
			       "%s: the log extends all %zu checkpoints\n", w.n), witness, w.n);
	mc_witness_release(&w);
	if ((rc = pr_close(pr, NULL)) != 0)
		return rc;
	/* Like cmp, a check that finds a problem exits as "not found". */
	return mc_exit_code(res.problems ? MC_NOT_FOUND : MC_OK);
}

/* ---- db upgrade ---- */

/* Opening to write has brought the schema up to date (core/upgrade.c). */
static int cmd_upgrade(struct mc_ctx *ctx, const struct mc_args *a)
{
	(void)a;
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_begin_map(pr);
	pr_kstr(pr, "file", ctx->db_path);
	pr_kint(pr, "schema", mc_schema_count());
	pr_end(pr);
	pr_text(pr, _("%s: schema version %d, up to date\n"), ctx->db_path, mc_schema_count());
	return pr_close(pr, NULL);
}

/* ---- db backup ---- */

/* All of fd's bytes into a new buffer (*len); NULL with errno. */
static char *read_all(int fd, size_t *len)
{
	size_t cap = 4096;
	char *buf = malloc(cap);
	ssize_t n;
	*len = 0;
	while (buf && (n = read(fd, buf + *len, cap - *len)) != 0) {
		if (n < 0) {
			free(buf);
			return NULL;
		}
		*len += (size_t)n;
		if (*len == cap) {
			char *more = cap < (1u << 20) ? realloc(buf, cap *= 2) : NULL;
			if (!more)
				errno = EFBIG;
			if (!more)
				free(buf);
			buf = more;
		}
	}
	return buf;
}

/*
 * The signing key into dir (made 0700 when new), as a file of the same
 * name, mode 0600, written whole beside and linked into place: an
 * existing copy is never overwritten. *to: its path (malloc'd).
 */
static int copy_key(const char *key, const char *dir, char **to)
{
	const char *name = strrchr(key, '/') ? strrchr(key, '/') + 1 : key;
	size_t len;
	struct stat sb;
	int rc = 0, in = open(key, O_RDONLY | O_CLOEXEC), out = -1;
	char *buf = NULL, *tmp = malloc(strlen(dir) + strlen(name) + 16);
	*to = malloc(strlen(dir) + strlen(name) + 2);
	if (!tmp || !*to) {
		rc = fail(MC_NOMEM, "%s", _("out of memory"));
		goto done;
	}
	sprintf(*to, "%s/%s", dir, name);
	sprintf(tmp, "%s/.%s.XXXXXX", dir, name);
	if (in < 0) {
		rc = fail(MC_NO_INPUT, _("%s: cannot read the office's signing key: %s"), key,
			  mc_strerror(errno));
		goto done;
	}
	if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || stat(dir, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		rc = fail(MC_CANT_CREATE, "%s: %s", dir, errno == EEXIST ? _("not a folder")
			  : mc_strerror(errno));
		goto done;
	}
	if (!(buf = read_all(in, &len))) {
		rc = fail(MC_IO, "%s: %s", key, mc_strerror(errno));
		goto done;
	}
	if ((out = mkstemp(tmp)) < 0) {
		rc = fail(MC_CANT_CREATE, "%s: %s", *to, mc_strerror(errno));
		goto done;
	}
	if (fchmod(out, 0600) != 0 || write(out, buf, len) != (ssize_t)len || fsync(out) != 0 ||
	    close(out) != 0)
		rc = fail(MC_IO, _("%s: write error: %s"), *to, mc_strerror(errno));
	else if (link(tmp, *to) != 0)
		rc = fail(MC_CANT_CREATE, errno == EEXIST
			  ? _("%s: already exists; a key copy is never overwritten") : "%s: %s",
			  *to, mc_strerror(errno));
	unlink(tmp);
done:
	if (in >= 0)
		close(in);
	if (buf)
		sodium_memzero(buf, len);
	free(buf);
	free(tmp);
	return rc;
}

/* 0 when key can be read and dir holds no copy of it yet. */
static int key_copy_possible(const char *key, const char *dir)
{
	const char *name = strrchr(key, '/') ? strrchr(key, '/') + 1 : key;
	struct stat sb;
	if (access(key, R_OK) != 0)
		return fail(MC_NO_INPUT, _("%s: cannot read the office's signing key: %s"), key,
			    mc_strerror(errno));
	mc_strbuf to = MC_STRBUF_INIT;
	mc_strbuf_addf(&to, "%s/%s", dir, name);
	int exists = to.s && lstat(to.s, &sb) == 0;
	int rc = to.oom ? fail(MC_NOMEM, "%s", _("out of memory")) : exists
		 ? fail(MC_CANT_CREATE, _("%s: already exists; a key copy is never overwritten"), to.s)
		 : 0;
	mc_strbuf_release(&to);
	return rc;
}

static int cmd_backup(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_backup_result res;
	const char *path = a->pos[0], *with_key = args_get(a, "with-key");
	char *key = mc_sign_key_path(ctx->db_path), *copied = NULL;
	mc_printer *pr;
	int rc = 0;
	if (!key)
		return fail(MC_NOMEM, "%s", _("out of memory"));
	if (with_key && !*with_key) {
		free(key);
		return usage_error(ctx, "%s", _("--with-key: give the folder for the key"));
	}
	/* What would stop the key's copy stops the backup before it is made. */
	if (with_key && (rc = key_copy_possible(key, with_key)) != 0) {
		free(key);
		return rc;
	}
	mc_status st = mc_db_backup(ctx->db, path, &res);
	if (st != MC_OK)
		rc = report(ctx, st, NULL);
	/* A backup without its key cannot issue extracts once restored. */
	if (!rc && with_key)
		rc = copy_key(key, with_key, &copied);
	if (!rc) {
		pr = cmd_printer(ctx, stdout);
		pr_begin_map(pr);
		pr_kstr(pr, "file", path);
		pr_kint(pr, "bytes", res.bytes);
		pr_kint(pr, "head_id", res.head_id);
		pr_kstr(pr, "head", res.head);
		pr_kstr(pr, "key", key);
		pr_kstr(pr, "key_copy", copied);
		pr_end(pr);
		pr_text(pr, _("%s: backup written and verified (%lld bytes, audit log up to record %lld)\n"),
			path, res.bytes, (long long)res.head_id);
		if (copied)
			pr_text(pr, _("signing key %s copied to %s (keep it apart from the backup)\n"),
				key, copied);
		else
			pr_text(pr, _("the signing key %s is not in the backup: keep a copy "
				      "(--with-key DIR), or a restored office cannot issue extracts\n"), key);
		rc = pr_close(pr, NULL);
	}
	free(key);
	free(copied);
	return rc;
}

static const struct mc_opt check_opts[] = {
	{ "against", 0, OPT_VALUE, "COPY", N_("an older copy whose audit records must all still be there") },
	{ "repair-index", 0, OPT_FLAG, NULL, N_("rebuild the search indexes from the registers and the dossiers") },
	{ "witness", 0, OPT_VALUE, "FILE", N_("checkpoints (audit checkpoint) that the log must still extend") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt backup_opts[] = {
	{ "with-key", 0, OPT_VALUE, "DIR", N_("also copy the signing key into DIR (made private, 0700)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_db_subs[] = {
	{ "check", cmd_check, NEED_READ, check_opts, 0, 0, "[--against COPY] [--witness FILE] [--repair-index]",
	  N_("check the database, its audit chain and every row against it"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "upgrade", cmd_upgrade, NEED_WRITE, NULL, 0, 0, "",
	  N_("bring an older database up to this program's schema"), 1u << FMT_JSON },
	{ "backup", cmd_backup, NEED_READ, backup_opts, 1, 1, "FILE [--with-key DIR]",
	  N_("write a consistent, verified copy of the database to a new file"),
	  1u << FMT_JSON },
	{ 0 }
};
