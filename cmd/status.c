/* motcua — the one place where a status becomes a message and an exit code. */
#define _GNU_SOURCE     /* fopencookie: report_stream() */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

int mc_exit_code(mc_status st)
{
	switch (st) {
	case MC_OK:          return 0;
	case MC_NOT_FOUND:   return 1;
	case MC_EXISTS:      return 1;
	case MC_REFUSED:     return 1;
	case MC_USAGE:       return 2;
	case MC_BAD_INPUT:   return 65;
	case MC_NO_INPUT:    return 66;
	case MC_CANT_CREATE: return 73;
	case MC_BUSY:        return 75;
	case MC_UNAVAILABLE: return 69;
	case MC_UNREACHABLE: return 75;
	case MC_IO:
	case MC_DB:
	case MC_NOMEM:
	case MC_STATUS_LAST: break;
	}
	return 74;
}

/* "motcua: MSG" on stderr, with the control characters of a hostile
 * value quoted in MSG made harmless (mc_text_escape). */
static void vmessage(const char *fmt, va_list ap)
{
	char buf[2048], *safe;
	vsnprintf(buf, sizeof buf, fmt, ap);
	safe = mc_text_escape(buf);
	fprintf(stderr, "motcua: %s\n", safe ? safe : buf);
	free(safe);
}

/* One refused row's line to stderr, its control characters made
 * harmless: the one sink of every import's row reports. */
static void report_line(const char *line, size_t n)
{
	char *copy = strndup(line, n), *safe = copy ? mc_text_escape(copy) : NULL;
	if (safe)
		fprintf(stderr, "%s\n", safe);
	free(safe);
	free(copy);
}

void report_rows(const char *lines)
{
	while (*lines) {
		size_t n = strcspn(lines, "\n");
		report_line(lines, n);
		lines += n + (lines[n] == '\n');
	}
}

/* report_stream(): what was written since the last line end. */
struct row_sink {
	mc_strbuf pending;
};

static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
	struct row_sink *k = cookie;
	for (size_t i = 0; i < size; i++) {
		if (buf[i] != '\n') {
			mc_strbuf_addf(&k->pending, "%c", buf[i]);
			continue;
		}
		report_line(k->pending.s ? k->pending.s : "", k->pending.len);
		mc_strbuf_release(&k->pending);
	}
	return k->pending.oom ? -1 : (ssize_t)size;
}

static int sink_close(void *cookie)
{
	struct row_sink *k = cookie;
	if (k->pending.len)
		report_line(k->pending.s, k->pending.len);
	mc_strbuf_release(&k->pending);
	free(k);
	return 0;
}

FILE *report_stream(void)
{
	cookie_io_functions_t io = { .write = sink_write, .close = sink_close };
	struct row_sink *k = calloc(1, sizeof *k);
	FILE *fp = k ? fopencookie(k, "w", io) : NULL;
	if (!fp)
		free(k);
	else
		setvbuf(fp, NULL, _IOLBF, 0);   /* between progress lines */
	return fp;
}

int fail(mc_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return mc_exit_code(st);
}

int report(struct mc_ctx *ctx, mc_status st, const char *msg)
{
	if (st == MC_OK)
		return 0;
	if (!msg)
		msg = ctx->db && *mc_errmsg(ctx->db) ? mc_errmsg(ctx->db) : _(mc_status_str(st));
	return fail(st, "%s", msg);
}

int usage_error(struct mc_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	if (ctx->cmd && ctx->sub)
		fprintf(stderr, _("usage: motcua %s%s%s%s%s\n"), ctx->cmd->name,
			ctx->sub->name ? " " : "", ctx->sub->name ? ctx->sub->name : "",
			*ctx->sub->synopsis ? " " : "", ctx->sub->synopsis);
	return mc_exit_code(MC_USAGE);
}

int check_format(struct mc_ctx *ctx)
{
	static const char *const names[] = { "text", "json", "csv", "jsonl" };
	if (ctx->format == FMT_TEXT || (ctx->sub->formats & (1u << ctx->format)))
		return 0;
	return usage_error(ctx, _("--format %s is not available for this command"),
			   names[ctx->format]);
}
