/* Unit tests of core/qrprint.c: the option parsers, the PNG's header
 * (1-bit palette, pHYs, tRNS), the SVG's single path, the text types,
 * the bounds, write errors, and every type read back by zbarimg at every
 * level (SVG through rsvg-convert; text through the test helpers). */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qrprint.h"
#include "unit.h"

static const char *const payloads[] = {
	"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=000.00.22.H12-260429-0001&pin=7KQ2MZ",
	"Nguyễn Văn Đức, 12 đường Lê Lợi, phường Vĩnh Phú",
	"000.00.22.H12-260429-0001",
};

static char dir[] = "/tmp/motcua-test-qrprint.XXXXXX";
static char helpers[1024];

static mc_status write_file(const char *path, const mc_qr *qr, const mc_qr_style *s)
{
	FILE *fp = fopen(path, "wb");
	mc_status st;
	if (!fp)
		return MC_CANT_CREATE;
	st = mc_qr_write(fp, qr, s);
	if (fclose(fp) != 0 && st == MC_OK)
		st = MC_IO;
	return st;
}

static void test_parse(void)
{
	mc_qr_type t;
	mc_qr_level l;
	unsigned char c[4] = { 1, 2, 3, 4 };

	CHECK(mc_qr_type_parse("svg", &t) == MC_OK && t == MC_QR_SVG, "type svg");
	CHECK(mc_qr_type_parse("ascii", &t) == MC_OK && t == MC_QR_ASCII, "type ascii");
	CHECK_INT(mc_qr_type_parse("PNG", &t), MC_BAD_INPUT, "types are lower case");
	CHECK_INT(mc_qr_type_parse("eps", &t), MC_BAD_INPUT, "eps is not a type");
	CHECK(mc_qr_level_parse("q", &l) == MC_OK && l == MC_QR_Q, "level q in lower case");
	CHECK(mc_qr_level_parse("H", &l) == MC_OK && l == MC_QR_H, "level H");
	CHECK_INT(mc_qr_level_parse("X", &l), MC_BAD_INPUT, "level X");
	CHECK_INT(mc_qr_level_parse("MM", &l), MC_BAD_INPUT, "level MM");
	CHECK_INT(mc_qr_level_parse("", &l), MC_BAD_INPUT, "empty level");
	CHECK(mc_qr_colour_parse("1a2B3c", c) == MC_OK && c[0] == 0x1a && c[1] == 0x2b &&
	      c[2] == 0x3c && c[3] == 255, "RRGGBB, alpha 255");
	CHECK(mc_qr_colour_parse("00000080", c) == MC_OK && c[3] == 0x80, "RRGGBBAA");
	CHECK_INT(mc_qr_colour_parse("12345", c), MC_BAD_INPUT, "five digits");
	CHECK_INT(mc_qr_colour_parse("GG0000", c), MC_BAD_INPUT, "not hexadecimal");
	CHECK_INT(mc_qr_colour_parse("#000000", c), MC_BAD_INPUT, "no '#'");
	CHECK(c[0] == 0 && c[3] == 0x80, "a refused colour leaves the old one");
	CHECK_INT(mc_qr_capacity(MC_QR_L), 2953, "capacity at L");
	CHECK_INT(mc_qr_capacity(MC_QR_H), 1273, "capacity at H");
}

/* The largest payload of each level fits; one byte more does not. */
static void test_capacity(void)
{
	for (int l = MC_QR_L; l <= MC_QR_H; l++) {
		size_t n = mc_qr_capacity((mc_qr_level)l);
		char *s = malloc(n + 2);
		mc_qr qr = MC_QR_INIT;
		memset(s, 'x', n + 1);
		s[n] = '\0';
		CHECK_INT(mc_qr_encode(&qr, s, (mc_qr_level)l), MC_OK, "%zu bytes fit at %c", n,
			  "LMQH"[l]);
		CHECK_INT(qr.version, 40, "in version 40");
		mc_qr_release(&qr);
		s[n] = 'x';
		s[n + 1] = '\0';
		CHECK_INT(mc_qr_encode(&qr, s, (mc_qr_level)l), MC_BAD_INPUT,
			  "%zu bytes do not", n + 1);
		free(s);
	}
}

/* The PNG's header as libpng reads it back. */
static void test_png_header(void)
{
	mc_qr qr = MC_QR_INIT;
	mc_qr_style s = MC_QR_STYLE_INIT;
	char path[4200];
	png_structp png;
	png_infop info;
	png_colorp pal;
	png_bytep alpha;
	png_color_16p tc;
	png_uint_32 rx, ry;
	int unit, n = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s/h.png", dir);
	mc_qr_encode(&qr, payloads[0], MC_QR_M);
	s.type = MC_QR_PNG;
	s.size = 3;
	s.margin = 2;
	s.dpi = 300;
	memcpy(s.fg, (unsigned char[]){ 0x12, 0x34, 0x56, 255 }, 4);
	memcpy(s.bg, (unsigned char[]){ 0xff, 0xee, 0xdd, 0 }, 4);
	CHECK_INT(write_file(path, &qr, &s), MC_OK, "PNG with colours and alpha");
	fp = fopen(path, "rb");
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (!fp || setjmp(png_jmpbuf(png))) {
		CHECK(0, "libpng reads it");
		return;
	}
	png_init_io(png, fp);
	png_read_info(png, info);
	CHECK_INT(png_get_image_width(png, info), (qr.width + 4) * 3, "width (modules + margins) x size");
	CHECK_INT(png_get_image_height(png, info), (qr.width + 4) * 3, "square");
	CHECK_INT(png_get_bit_depth(png, info), 1, "1 bit a pixel");
	CHECK_INT(png_get_color_type(png, info), PNG_COLOR_TYPE_PALETTE, "palette");
	CHECK(png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER &&
	      rx == 11811 && ry == 11811, "pHYs: 300 dpi is 11811 pixels a metre");
	CHECK(png_get_PLTE(png, info, &pal, &n) && n == 2 && pal[0].red == 0xff &&
	      pal[0].blue == 0xdd && pal[1].red == 0x12 && pal[1].blue == 0x56,
	      "palette: background, foreground");
	CHECK(png_get_tRNS(png, info, &alpha, &n, &tc) && n == 2 && alpha[0] == 0 &&
	      alpha[1] == 255, "tRNS: a transparent background");
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fp);

	memcpy(s.bg, (unsigned char[]){ 0xff, 0xff, 0xff, 255 }, 4);
	s.dpi = 72;
	CHECK_INT(write_file(path, &qr, &s), MC_OK, "PNG without alpha");
	fp = fopen(path, "rb");
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (!fp || setjmp(png_jmpbuf(png))) {
		CHECK(0, "libpng reads it");
		return;
	}
	png_init_io(png, fp);
	png_read_info(png, info);
	CHECK(!png_get_tRNS(png, info, &alpha, &n, &tc), "no tRNS when both are opaque");
	CHECK(png_get_pHYs(png, info, &rx, &ry, &unit) && rx == 2835, "72 dpi: 2835 a metre");
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fp);
	mc_qr_release(&qr);
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void test_svg_and_text(void)
{
	mc_qr qr = MC_QR_INIT;
	mc_qr_style s = MC_QR_STYLE_INIT;
	char path[4200], cmd[8600], want[64], *text;

	mc_qr_encode(&qr, payloads[2], MC_QR_Q);
	snprintf(path, sizeof path, "%s/t.svg", dir);
	s.type = MC_QR_SVG;
	s.size = 5;
	s.margin = 3;
	write_file(path, &qr, &s);
	snprintf(cmd, sizeof cmd, "cat '%s'", path);
	text = unit_capture(cmd);
	CHECK(text && count(text, "<path") == 1, "SVG: one path");
	snprintf(want, sizeof want, "width=\"%d\"", (qr.width + 6) * 5);
	CHECK(text && strstr(text, want), "SVG: %s", want);
	snprintf(want, sizeof want, "viewBox=\"0 0 %d %d\"", qr.width + 6, qr.width + 6);
	CHECK(text && strstr(text, want), "SVG: %s, in modules", want);
	CHECK(text && count(text, "<rect") == 1 && strstr(text, "fill=\"#ffffff\""),
	      "SVG: a white background");
	free(text);
	s.bg[3] = 0;
	write_file(path, &qr, &s);
	text = unit_capture(cmd);
	CHECK(text && count(text, "<rect") == 0, "SVG: no background when it is transparent");
	free(text);

	snprintf(path, sizeof path, "%s/t.txt", dir);
	snprintf(cmd, sizeof cmd, "cat '%s'", path);
	s.type = MC_QR_ASCII;
	s.margin = 1;
	write_file(path, &qr, &s);
	text = unit_capture(cmd);
	CHECK(text && count(text, "\n") + 1 == qr.width + 2, "ASCII: a line per module row");
	CHECK(text && (int)strcspn(text, "\n") == 2 * (qr.width + 2), "ASCII: two columns a module");
	free(text);
	s.type = MC_QR_ANSI;
	s.colours = 0;
	write_file(path, &qr, &s);
	text = unit_capture(cmd);
	CHECK(text && strstr(text, "\033[47m") && strstr(text, "\033[40m") &&
	      count(text, "\033[0m\n") == qr.width + 1, "ANSI: black and white, reset at each end");
	free(text);
	s.colours = 1;
	memcpy(s.fg, (unsigned char[]){ 0, 0x33, 0x66, 255 }, 4);
	write_file(path, &qr, &s);
	text = unit_capture(cmd);
	CHECK(text && strstr(text, "\033[48;2;0;51;102m"), "ANSI: 24-bit colours when asked");
	free(text);
	mc_qr_release(&qr);
}

static void test_bounds_and_errors(void)
{
	mc_qr qr = MC_QR_INIT;
	mc_qr_style s = MC_QR_STYLE_INIT;
	FILE *full = fopen("/dev/full", "w");
	mc_qr_encode(&qr, payloads[0], MC_QR_M);
	s.type = MC_QR_PNG;
	s.size = 0;
	CHECK_INT(mc_qr_write(stdout, &qr, &s), MC_USAGE, "size 0");
	s.size = MC_QR_SIZE_MAX + 1;
	CHECK_INT(mc_qr_write(stdout, &qr, &s), MC_USAGE, "size past the maximum");
	s.size = 4;
	s.margin = MC_QR_MARGIN_MAX + 1;
	CHECK_INT(mc_qr_write(stdout, &qr, &s), MC_USAGE, "margin past the maximum");
	s.margin = 4;
	s.dpi = 0;
	CHECK_INT(mc_qr_write(stdout, &qr, &s), MC_USAGE, "dpi 0");
	s.dpi = 72;
	if (full) {
		setvbuf(full, NULL, _IONBF, 0);
		for (int t = MC_QR_PNG; t <= MC_QR_ASCII; t++) {
			s.type = (mc_qr_type)t;
			clearerr(full);
			CHECK_INT(mc_qr_write(full, &qr, &s), MC_IO, "type %d on a full disk", t);
		}
		fclose(full);
	}
	mc_qr_release(&qr);
}

/* Every type read back by zbarimg, for every payload at every level. */
static void test_scan(void)
{
	static const char *const ext[] = { "png", "svg", "txt", "ansi", "ascii" };
	for (size_t p = 0; p < sizeof payloads / sizeof payloads[0]; p++) {
		for (int l = MC_QR_L; l <= MC_QR_H; l++) {
			mc_qr qr = MC_QR_INIT;
			mc_qr_encode(&qr, payloads[p], (mc_qr_level)l);
			for (int t = MC_QR_PNG; t <= MC_QR_ASCII; t++) {
				mc_qr_style s = MC_QR_STYLE_INIT;
				char path[256], cmd[8192], *got;
				s.type = (mc_qr_type)t;
				snprintf(path, sizeof path, "%s/s.%s", dir, ext[t]);
				write_file(path, &qr, &s);
				if (t == MC_QR_PNG)
					snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
				else if (t == MC_QR_SVG)
					snprintf(cmd, sizeof cmd, "rsvg-convert '%s' -o '%s.png' && "
						 "zbarimg --raw -q '%s.png' 2>/dev/null", path, path, path);
				else if (t == MC_QR_UTF8)
					snprintf(cmd, sizeof cmd, "'%s/halfblock2png' '%s.png' < '%s' && "
						 "zbarimg --raw -q '%s.png' 2>/dev/null", helpers, path,
						 path, path);
				else
					snprintf(cmd, sizeof cmd, "'%s/qrtext2png' %s '%s.png' < '%s' && "
						 "zbarimg --raw -q '%s.png' 2>/dev/null", helpers, ext[t],
						 path, path, path);
				got = unit_capture(cmd);
				CHECK_STR(got, payloads[p], "%s of payload %zu at %c reads back",
					  ext[t], p, "LMQH"[l]);
				free(got);
			}
			mc_qr_release(&qr);
		}
	}
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	(void)argc;
	snprintf(helpers, sizeof helpers, "%.*s", slash ? (int)(slash - argv[0]) : 1,
		 slash ? argv[0] : ".");
	if (!mkdtemp(dir)) {
		CHECK(0, "a temporary folder");
		return 1;
	}
	test_parse();
	test_capacity();
	test_png_header();
	test_svg_and_text();
	test_bounds_and_errors();
	test_scan();
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "removing %s", dir);
	return unit_done();
}
