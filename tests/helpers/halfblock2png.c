/* halfblock2png — turns a QR code drawn with Unicode half blocks back
 * into a PNG, so that tests can read it with a real scanner (zbarimg).
 *
 *	motcua dossier new ... | halfblock2png slip.png && zbarimg --raw -q slip.png
 *
 * Reads a whole text (a receipt slip: other lines around the code, SGR
 * colour sequences, leading indentation), takes the longest run of
 * consecutive lines made only of spaces and "▀▄█" with at least one
 * block, and rebuilds its modules: two rows per line, one column per
 * character, spaces light. Each module becomes SCALE x SCALE pixels of
 * an 8-bit grayscale image with a white border. Exit 1 when no code is
 * found, 2 on usage or I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#define SCALE  8        /* pixels per module */
#define BORDER 4        /* modules of white added around the code */

/* One text line reduced to cells: 0 light, 1 top, 2 bottom, 3 both. */
struct row {
	unsigned char *cells;
	size_t n;
};

static void die(int code, const char *msg)
{
	fprintf(stderr, "halfblock2png: %s\n", msg);
	exit(code);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(2, "out of memory");
	return p;
}

static char *slurp(FILE *fp, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	char *buf = xrealloc(NULL, cap);

	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(fp))
		die(2, "cannot read standard input");
	*len = n;
	return buf;
}

/* Length of a CSI sequence (ESC [ params final) at s, 0 if none. */
static size_t csi_len(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || s[0] != '\033' || s[1] != '[')
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] >= 0x40 && s[i] <= 0x7e)
			return i + 1;
	return n;
}

/*
 * Decodes one line (without its newline) into cells. Returns 1 when it
 * is a line of the code: only spaces and half blocks, at least one block.
 */
static int parse_line(const char *s, size_t n, struct row *r)
{
	static const char *const ink[4] = { " ", "\u2580", "\u2584", "\u2588" };
	size_t i = 0, k, blocks = 0;

	r->cells = xrealloc(NULL, n);
	r->n = 0;
	if (n && s[n - 1] == '\r')
		n--;
	while (i < n) {
		if ((k = csi_len(s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		for (k = 0; k < 4; k++)
			if (i + strlen(ink[k]) <= n &&
			    memcmp(s + i, ink[k], strlen(ink[k])) == 0)
				break;
		if (k == 4)
			return 0;
		r->cells[r->n++] = (unsigned char)k;
		blocks += k != 0;
		i += strlen(ink[k]);
	}
	return blocks > 0;
}

/* Splits text into rows; rows[i].n is left 0 for lines that are not code. */
static struct row *parse_text(char *text, size_t len, size_t *nrows)
{
	struct row *rows = NULL;
	size_t n = 0, start = 0, end;

	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);

		end = nl ? (size_t)(nl - text) : len;
		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		if (!parse_line(text + start, end - start, &rows[n]))
			rows[n].n = 0;
		n++;
		start = end + 1;
	}
	*nrows = n;
	return rows;
}

/* The longest run of code lines: [*first, *first + count). */
static size_t find_code(const struct row *rows, size_t n, size_t *first)
{
	size_t i = 0, j, best = 0;

	while (i < n) {
		for (j = i; j < n && rows[j].n > 0; j++)
			;
		if (j - i > best) {
			best = j - i;
			*first = i;
		}
		i = j > i ? j : i + 1;
	}
	return best;
}

/* Cells to pixels: module (x, y) of the stripped code, 1 when dark. */
static int dark(const struct row *code, size_t lines, size_t indent,
		size_t x, size_t y)
{
	size_t c = indent + x;

	if (y / 2 >= lines || c >= code[y / 2].n)
		return 0;
	return (code[y / 2].cells[c] >> (y % 2)) & 1;
}

static void write_png(const char *path, const struct row *code, size_t lines,
		      size_t indent, size_t cols)
{
	size_t w = (cols + 2 * BORDER) * SCALE, h = (lines * 2 + 2 * BORDER) * SCALE;
	png_bytep line = xrealloc(NULL, w);
	png_structp png;
	png_infop info;
	FILE *fp;
	size_t y, x;

	fp = fopen(path, "wb");
	if (!fp)
		die(2, "cannot create the output file");
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info)
		die(2, "cannot set up libpng");
	if (setjmp(png_jmpbuf(png)))
		die(2, "cannot write the PNG");
	png_init_io(png, fp);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		size_t my = y / SCALE, mx;

		for (x = 0; x < w; x++) {
			mx = x / SCALE;
			line[x] = my >= BORDER && mx >= BORDER &&
				  dark(code, lines, indent, mx - BORDER,
				       my - BORDER) ? 0 : 255;
		}
		png_write_row(png, line);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(line);
	if (fclose(fp) != 0)
		die(2, "cannot write the PNG");
}

int main(int argc, char **argv)
{
	size_t len, nrows, first = 0, lines, i, indent = (size_t)-1, cols = 0;
	struct row *rows;
	char *text;

	if (argc != 2)
		die(2, "usage: halfblock2png OUT.png < text");
	text = slurp(stdin, &len);
	rows = parse_text(text, len, &nrows);
	lines = find_code(rows, nrows, &first);
	/* The common indentation; the quiet zone's spaces go with it and
	 * the border puts white back. */
	for (i = first; i < first + lines; i++) {
		size_t lead = 0;

		while (lead < rows[i].n && rows[i].cells[lead] == 0)
			lead++;
		if (lead < indent)
			indent = lead;
		if (rows[i].n > cols)
			cols = rows[i].n;
	}
	if (lines > 0)
		write_png(argv[1], rows + first, lines, indent, cols - indent);
	for (i = 0; i < nrows; i++)
		free(rows[i].cells);
	free(rows);
	free(text);
	if (lines == 0)
		die(1, "no QR code drawn with half blocks in the input");
	return 0;
}
