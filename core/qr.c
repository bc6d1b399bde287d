/* motcua — QR codes (libqrencode) and their text renderings. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr.h"

/* Black ink on a white ground whatever the terminal's theme: a phone
 * camera reads dark-on-light, and a dark theme would otherwise invert
 * the code. */
#define SGR_INK   "\033[30;47m"
#define SGR_RESET "\033[0m"

mc_status mc_qr_encode(mc_qr *qr, const char *payload, mc_qr_level level)
{
	static const QRecLevel levels[] = {
		[MC_QR_L] = QR_ECLEVEL_L, [MC_QR_M] = QR_ECLEVEL_M,
		[MC_QR_Q] = QR_ECLEVEL_Q, [MC_QR_H] = QR_ECLEVEL_H,
	};
	size_t len = payload ? strlen(payload) : 0;
	QRcode *code;
	size_t n, i;

	*qr = (mc_qr)MC_QR_INIT;
	if ((unsigned)level > MC_QR_H)
		return MC_USAGE;
	/* libqrencode refuses empty data (EINVAL); the largest symbol holds
	 * under 3 KB, so anything past INT_MAX is simply too large. */
	if (len == 0 || len > INT_MAX)
		return MC_BAD_INPUT;
	/* Whole payload in 8-bit mode: UTF-8 bytes pass through untouched
	 * and case is kept (URLs with a PIN are case-sensitive). */
	errno = 0;
	code = QRcode_encodeData((int)len, (const unsigned char *)payload, 0,
				 levels[level]);
	if (!code)
		return errno == ERANGE ? MC_BAD_INPUT : MC_NOMEM;
	n = (size_t)code->width * (size_t)code->width;
	qr->modules = malloc(n);
	if (!qr->modules) {
		QRcode_free(code);
		return MC_NOMEM;
	}
	/* Only the low bit means dark; the others describe module roles. */
	for (i = 0; i < n; i++)
		qr->modules[i] = code->data[i] & 1;
	qr->version = code->version;
	qr->width = code->width;
	QRcode_free(code);
	return MC_OK;
}

size_t mc_qr_capacity(mc_qr_level level)
{
	/* ISO/IEC 18004, table 7: byte mode capacity of version 40. */
	static const size_t bytes[] = {
		[MC_QR_L] = 2953, [MC_QR_M] = 2331, [MC_QR_Q] = 1663, [MC_QR_H] = 1273,
	};
	return (unsigned)level <= MC_QR_H ? bytes[level] : 0;
}

int mc_qr_dark(const mc_qr *qr, int x, int y)
{
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return 0;
	return qr->modules[(size_t)y * (size_t)qr->width + (size_t)x];
}

void mc_qr_release(mc_qr *qr)
{
	free(qr->modules);
	*qr = (mc_qr)MC_QR_INIT;
}

/* One character cell: module rows y (top half) and y + 1 (bottom half). */
static const char *halfblock(const mc_qr *qr, int x, int y)
{
	static const char *const cells[4] = {
		" ",            /* neither */
		"\u2580",       /* top only: upper half block */
		"\u2584",       /* bottom only: lower half block */
		"\u2588",       /* both: full block */
	};
	return cells[mc_qr_dark(qr, x, y) | mc_qr_dark(qr, x, y + 1) << 1];
}

static void draw_line(FILE *fp, const mc_qr *qr, int y, int margin,
		      int indent, int colour)
{
	int x;

	fprintf(fp, "%*s", indent, "");
	if (colour)
		fputs(SGR_INK, fp);
	for (x = -margin; x < qr->width + margin; x++)
		fputs(halfblock(qr, x, y), fp);
	if (colour)
		fputs(SGR_RESET, fp);
	putc('\n', fp);
}

mc_status mc_qr_draw_halfblocks(FILE *fp, const mc_qr *qr, int margin,
				int indent, int colour)
{
	int y;

	if (margin < 0 || margin > MC_QR_MARGIN_MAX || indent < 0)
		return MC_USAGE;
	/* An odd number of rows leaves the last line's bottom half outside
	 * the quiet zone, where mc_qr_dark() says light. */
	for (y = -margin; y < qr->width + margin; y += 2) {
		draw_line(fp, qr, y, margin, indent, colour);
		if (ferror(fp))
			return MC_IO;
	}
	return MC_OK;
}
