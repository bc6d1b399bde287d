/* motcua — output helpers: JSON strings, padded columns, -o files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

void json_str(FILE *fp, const char *s)
{
	if (!s) {
		fputs("null", fp);
		return;
	}
	putc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\r': fputs("\\r", fp); break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				putc(*p, fp);
		}
	}
	putc('"', fp);
}

void json_time(FILE *fp, mc_time t, int offset_min)
{
	char buf[40];
	if (t == MC_TIME_NONE) {
		fputs("null", fp);
		return;
	}
	mc_format_iso(t, offset_min, buf, sizeof buf);
	json_str(fp, buf);
}

void put_padded(FILE *fp, const char *s, int width)
{
	fputs(s, fp);
	for (int w = (int)mc_utf8_width(s); w < width; w++)
		putc(' ', fp);
}

void put_label(FILE *fp, const char *label)
{
	fputs("  ", fp);
	put_padded(fp, label, 12);
	putc(' ', fp);
}

FILE *open_output(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return stdout;
	FILE *fp = fopen(path, "w");
	if (!fp)
		fail(73, "%s: %s", path, strerror(errno));
	return fp;
}

int close_output(FILE *fp, const char *path)
{
	int bad = fflush(fp) != 0 || ferror(fp);
	int err = errno;
	if (fp != stdout && fclose(fp) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (bad)
		return fail(74, _("%s: write error: %s"), path && strcmp(path, "-") ? path
			    : _("standard output"), strerror(err));
	return 0;
}

int run_import(struct mc_ctx *ctx, const char *path, mc_import_cmd fn, void *ud)
{
	int std = strcmp(path, "-") == 0;
	FILE *fp = std ? stdin : fopen(path, "r");
	char *bad = NULL;
	if (!fp)
		return fail(66, "%s: %s", path, strerror(errno));
	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = fn(ctx->db, fp, std ? "-" : path, &bad, ud);
	if (!std)
		fclose(fp);
	if (bad)
		fputs(bad, stderr);
	free(bad);
	if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	return report(ctx, st, NULL);
}
