/* qrtext2png — turns a QR code printed as ASCII ("##" a dark module, two
 * spaces a light one) or as ANSI colours (two spaces a module on an SGR
 * background colour: 40/47, or 48;2;R;G;B) back into a PNG for zbarimg.
 *
 *	motcua qr print --text X -t ascii | qrtext2png ascii code.png
 *
 * Each module becomes SCALE x SCALE pixels of an 8-bit grayscale image
 * with a white border; a background darker than mid-grey is a dark
 * module. Exit 1 when the text holds no module, 2 on usage or I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#define SCALE  6
#define BORDER 4
#define MAXW   512

static unsigned char grid[MAXW][MAXW];
static int rows, cols;

static void die(int code, const char *msg)
{
	fprintf(stderr, "qrtext2png: %s\n", msg);
	exit(code);
}

/* One ASCII line: pairs of characters, '#' dark. */
static void ascii_line(const char *s)
{
	int n = 0;
	for (; s[0] && s[0] != '\n' && s[1] && n < MAXW; s += 2)
		grid[rows][n++] = s[0] == '#';
	if (n > cols)
		cols = n;
	rows++;
}

/* One ANSI line: SGR sequences set the background; two spaces a module. */
static void ansi_line(const char *s)
{
	int n = 0, dark = 0;
	while (*s && *s != '\n' && n < MAXW) {
		if (s[0] == '\033' && s[1] == '[') {
			int v[8] = { 0 }, k = 0;
			s += 2;
			while (*s && *s != 'm') {
				if (*s == ';')
					k = k < 7 ? k + 1 : k;
				else
					v[k] = v[k] * 10 + (*s - '0');
				s++;
			}
			if (*s)
				s++;
			if (v[0] == 40 || v[0] == 47)
				dark = v[0] == 40;
			else if (v[0] == 48 && v[1] == 2)
				dark = (v[2] * 299 + v[3] * 587 + v[4] * 114) / 1000 < 128;
			continue;
		}
		if (s[0] == ' ' && s[1] == ' ') {
			grid[rows][n++] = (unsigned char)dark;
			s += 2;
		} else {
			s++;
		}
	}
	if (n > cols)
		cols = n;
	rows++;
}

int main(int argc, char **argv)
{
	char line[16384];
	int ansi;
	FILE *out;

	if (argc != 3 || (strcmp(argv[1], "ascii") && strcmp(argv[1], "ansi")))
		die(2, "usage: qrtext2png ascii|ansi OUT.png < text");
	ansi = strcmp(argv[1], "ansi") == 0;
	while (rows < MAXW && fgets(line, sizeof line, stdin))
		(ansi ? ansi_line : ascii_line)(line);
	if (!rows || !cols)
		die(1, "no QR code in the input");
	if (!(out = fopen(argv[2], "wb")))
		die(2, "cannot create the PNG");
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png)))
		die(2, "cannot write the PNG");
	int w = (cols + 2 * BORDER) * SCALE, h = (rows + 2 * BORDER) * SCALE;
	png_bytep row = malloc((size_t)w);
	png_init_io(png, out);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		int my = y / SCALE - BORDER;
		for (int x = 0; x < w; x++) {
			int mx = x / SCALE - BORDER;
			int d = my >= 0 && my < rows && mx >= 0 && mx < cols && grid[my][mx];
			row[x] = d ? 0 : 255;
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return fclose(out) == 0 ? 0 : 2;
}
