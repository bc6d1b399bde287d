/* motcua — QR codes as PNG (libpng), SVG and text. */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "qrprint.h"

mc_status mc_qr_type_parse(const char *name, mc_qr_type *type)
{
	static const char *const names[] = {
		[MC_QR_PNG] = "png", [MC_QR_SVG] = "svg", [MC_QR_UTF8] = "utf8",
		[MC_QR_ANSI] = "ansi", [MC_QR_ASCII] = "ascii",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i]) == 0) {
			*type = (mc_qr_type)i;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

mc_status mc_qr_level_parse(const char *name, mc_qr_level *level)
{
	static const char levels[] = "LMQH";
	const char *p;
	if (!name[0] || name[1] || !(p = strchr(levels, name[0] & ~0x20)))
		return MC_BAD_INPUT;
	*level = (mc_qr_level)(p - levels);
	return MC_OK;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

mc_status mc_qr_colour_parse(const char *s, unsigned char rgba[4])
{
	size_t len = strlen(s);
	unsigned char out[4] = { 0, 0, 0, 255 };
	if (len != 6 && len != 8)
		return MC_BAD_INPUT;
	for (size_t i = 0; i < len; i += 2) {
		int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
		if (hi < 0 || lo < 0)
			return MC_BAD_INPUT;
		out[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	memcpy(rgba, out, 4);
	return MC_OK;
}

/* ---- PNG ---- */

/* One pixel row of module row y: bit set = dark (palette entry 1). The
 * quiet zone stays clear; each run of dark modules sets its bits. */
static void png_row(const mc_qr *qr, const mc_qr_style *s, int y, png_bytep row,
		    size_t bytes)
{
	memset(row, 0, bytes);
	for (int x = 0; x < qr->width;) {
		int run = 0;
		while (mc_qr_dark(qr, x + run, y))
			run++;
		for (int px = (s->margin + x) * s->size; px < (s->margin + x + run) * s->size; px++)
			row[px >> 3] |= (png_byte)(0x80 >> (px & 7));
		x += run ? run : 1;
	}
}

/* libpng's errors become MC_IO through the jump in write_png(); its own
 * message on stderr would only repeat the caller's. */
static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static mc_status write_png(FILE *fp, const mc_qr *qr, const mc_qr_style *s)
{
	png_uint_32 side = (png_uint_32)((qr->width + 2 * s->margin) * s->size);
	size_t bytes = (side + 7) / 8;
	png_color palette[2] = {
		{ s->bg[0], s->bg[1], s->bg[2] }, { s->fg[0], s->fg[1], s->fg[2] },
	};
	png_byte alpha[2] = { s->bg[3], s->fg[3] };
	/* pHYs counts pixels per metre. */
	png_uint_32 ppm = (png_uint_32)(s->dpi * 10000.0 / 254.0 + 0.5);
	png_bytep row = malloc(bytes);
	png_structp png = NULL;
	png_infop info = NULL;

	if (!row || !(png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_warn)) ||
	    !(info = png_create_info_struct(png))) {
		png_destroy_write_struct(&png, NULL);
		free(row);
		return MC_NOMEM;
	}
	/* libpng reports a failed fwrite (a full disk) by longjmp. Nothing
	 * assigned below is read after the jump. */
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		return MC_IO;
	}
	png_init_io(png, fp);
	png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_PLTE(png, info, palette, 2);
	if (alpha[0] != 255 || alpha[1] != 255)
		png_set_tRNS(png, info, alpha, 2, NULL);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (int y = -s->margin; y < qr->width + s->margin; y++) {
		png_row(qr, s, y, row, bytes);
		for (int k = 0; k < s->size; k++)
			png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return ferror(fp) ? MC_IO : MC_OK;
}

/* ---- SVG ---- */

static void svg_fill(FILE *fp, const char *what, const unsigned char c[4])
{
	fprintf(fp, " %s=\"#%02x%02x%02x\"", what, c[0], c[1], c[2]);
	if (c[3] != 255)
		fprintf(fp, " %s-opacity=\"%.3f\"", what, c[3] / 255.0);
}

/*
 * One path of the dark modules, each horizontal run of them one closed
 * sub-path ("M x y h len v 1 h -len z"), in a viewBox of modules: the
 * browser or rsvg scales it to any size without seams between modules.
 */
static mc_status write_svg(FILE *fp, const mc_qr *qr, const mc_qr_style *s)
{
	int n = qr->width + 2 * s->margin, px = n * s->size;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
		"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"shape-rendering=\"crispEdges\">\n", px, px, n, n);
	if (s->bg[3]) {
		fprintf(fp, "<rect width=\"%d\" height=\"%d\"", n, n);
		svg_fill(fp, "fill", s->bg);
		fputs("/>\n", fp);
	}
	fputs("<path", fp);
	svg_fill(fp, "fill", s->fg);
	fputs(" d=\"", fp);
	for (int y = 0; y < qr->width; y++) {
		for (int x = 0; x < qr->width;) {
			int run = 0;
			while (mc_qr_dark(qr, x + run, y))
				run++;
			if (run)
				fprintf(fp, "M%d %dh%dv1h-%dz", x + s->margin, y + s->margin,
					run, run);
			x += run ? run : 1;
		}
	}
	fputs("\"/>\n</svg>\n", fp);
	return ferror(fp) ? MC_IO : MC_OK;
}

/* ---- text ---- */

static void sgr_colour(FILE *fp, const mc_qr_style *s, int dark)
{
	const unsigned char *c = dark ? s->fg : s->bg;
	if (s->colours)
		fprintf(fp, "\033[48;2;%d;%d;%dm", c[0], c[1], c[2]);
	else
		fputs(dark ? "\033[40m" : "\033[47m", fp);
}

/* ANSI: each module two spaces wide (square on a terminal), the colour
 * changed only where the row changes from light to dark or back. */
static mc_status write_ansi(FILE *fp, const mc_qr *qr, const mc_qr_style *s)
{
	for (int y = -s->margin; y < qr->width + s->margin; y++) {
		int cur = -1;
		for (int x = -s->margin; x < qr->width + s->margin; x++) {
			int d = mc_qr_dark(qr, x, y);
			if (d != cur)
				sgr_colour(fp, s, cur = d);
			fputs("  ", fp);
		}
		fputs("\033[0m\n", fp);
		if (ferror(fp))
			return MC_IO;
	}
	return MC_OK;
}

static mc_status write_ascii(FILE *fp, const mc_qr *qr, const mc_qr_style *s)
{
	for (int y = -s->margin; y < qr->width + s->margin; y++) {
		for (int x = -s->margin; x < qr->width + s->margin; x++)
			fputs(mc_qr_dark(qr, x, y) ? "##" : "  ", fp);
		putc('\n', fp);
		if (ferror(fp))
			return MC_IO;
	}
	return MC_OK;
}

mc_status mc_qr_write(FILE *fp, const mc_qr *qr, const mc_qr_style *s)
{
	if (s->margin < 0 || s->margin > MC_QR_MARGIN_MAX || s->size < 1 ||
	    s->size > MC_QR_SIZE_MAX || s->dpi < 1 || s->dpi > MC_QR_DPI_MAX)
		return MC_USAGE;
	switch (s->type) {
	case MC_QR_PNG:   return write_png(fp, qr, s);
	case MC_QR_SVG:   return write_svg(fp, qr, s);
	case MC_QR_UTF8:  return mc_qr_draw_halfblocks(fp, qr, s->margin, 0, s->ink);
	case MC_QR_ANSI:  return write_ansi(fp, qr, s);
	case MC_QR_ASCII: return write_ascii(fp, qr, s);
	}
	return MC_USAGE;
}
