/* pnginfo — what the tests check of a PNG, on one line:
 *
 *	WIDTHxHEIGHT depth=D type=palette|gray|rgb|rgba|... dpi=N
 *	palette=RRGGBB,RRGGBB... trns=AA,AA...
 *
 * dpi is read back from the pHYs chunk (pixels per metre, rounded to
 * whole dots per inch; "none" without one). Exit 1 when the file is not a
 * PNG libpng can read.
 */
#include <stdio.h>
#include <stdlib.h>

#include <png.h>

int main(int argc, char **argv)
{
	static const char *const types[] = {
		[PNG_COLOR_TYPE_GRAY] = "gray", [PNG_COLOR_TYPE_RGB] = "rgb",
		[PNG_COLOR_TYPE_PALETTE] = "palette", [PNG_COLOR_TYPE_GRAY_ALPHA] = "gray-alpha",
		[PNG_COLOR_TYPE_RGB_ALPHA] = "rgba",
	};
	png_structp png;
	png_infop info;
	png_uint_32 rx, ry;
	int unit;
	FILE *fp;

	if (argc != 2 || !(fp = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: pnginfo FILE.png\n");
		return 2;
	}
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		fprintf(stderr, "pnginfo: %s: not a PNG\n", argv[1]);
		return 1;
	}
	png_init_io(png, fp);
	png_read_info(png, info);
	int type = png_get_color_type(png, info);
	printf("%ux%u depth=%d type=%s", png_get_image_width(png, info),
	       png_get_image_height(png, info), png_get_bit_depth(png, info),
	       type >= 0 && type <= 6 && types[type] ? types[type] : "?");
	if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER)
		printf(" dpi=%ld", (long)(rx * 0.0254 + 0.5));
	else
		printf(" dpi=none");
	png_colorp pal;
	int n;
	if (png_get_PLTE(png, info, &pal, &n)) {
		printf(" palette=");
		for (int i = 0; i < n; i++)
			printf("%s%02x%02x%02x", i ? "," : "", pal[i].red, pal[i].green, pal[i].blue);
	}
	png_bytep alpha;
	png_color_16p tc;
	if (png_get_tRNS(png, info, &alpha, &n, &tc)) {
		printf(" trns=");
		for (int i = 0; i < n; i++)
			printf("%s%02x", i ? "," : "", alpha[i]);
	}
	putchar('\n');
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fp);
	return 0;
}
