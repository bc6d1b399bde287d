/* motcua — QR codes as files and text: PNG, SVG, UTF-8, ANSI, ASCII
 * (the formats of `motcua qr print`). */
#ifndef MC_QRPRINT_H
#define MC_QRPRINT_H

#include <stdio.h>
#include "qr.h"
#include "status.h"

typedef enum {
	MC_QR_PNG,      /* 1-bit palette PNG (libpng), pHYs from dpi          */
	MC_QR_SVG,      /* one <path> on a background <rect>, scalable        */
	MC_QR_UTF8,     /* Unicode half blocks, two module rows per line     */
	MC_QR_ANSI,     /* two spaces a module on SGR background colours     */
	MC_QR_ASCII     /* "##" a dark module, two spaces a light one        */
} mc_qr_type;

/* Bounds of the options (the command parses within them). */
#define MC_QR_SIZE_MAX 100      /* pixels per module */
#define MC_QR_DPI_MAX  10000

/*
 * How a symbol is drawn. Colours are RGBA; an alpha below 255 gives a
 * PNG tRNS chunk and SVG fill-opacity (fully transparent: no background
 * rectangle at all).
 *  - size: pixels per module in PNG; user units (px) per module in SVG,
 *    whose viewBox counts modules so that it scales cleanly.
 *  - margin: quiet zone in modules, 0..MC_QR_MARGIN_MAX, every type.
 *  - dpi: the PNG's pHYs resolution (print size = pixels / dpi).
 *  - colours: ANSI only: draw with fg/bg as 24-bit SGR colours rather than
 *    the basic black (40) and white (47) that every terminal has.
 *  - ink: UTF-8 only: wrap each line in black-on-white SGR sequences, as
 *    for a terminal with a dark theme.
 * UTF-8 and ASCII draw dark modules as ink and ignore the colours.
 */
typedef struct {
	mc_qr_type type;
	int size, margin, dpi;
	unsigned char fg[4], bg[4];
	int colours, ink;
} mc_qr_style;

#define MC_QR_STYLE_INIT { MC_QR_UTF8, 4, 4, 72, { 0, 0, 0, 255 }, \
			   { 255, 255, 255, 255 }, 0, 0 }

/* "png", "svg", "utf8", "ansi", "ascii" (lower case). MC_BAD_INPUT else. */
mc_status mc_qr_type_parse(const char *name, mc_qr_type *type);
/* "L", "M", "Q", "H" in either case. MC_BAD_INPUT else. */
mc_status mc_qr_level_parse(const char *name, mc_qr_level *level);
/* "RRGGBB" or "RRGGBBAA", hexadecimal digits in either case, into rgba
 * (alpha 255 when not given). MC_BAD_INPUT else; rgba untouched then. */
mc_status mc_qr_colour_parse(const char *s, unsigned char rgba[4]);

/*
 * Writes qr in the style's type to fp. PNG is written row by row (one
 * row of memory whatever the size). MC_USAGE for a size, margin or dpi
 * out of bounds or an unknown type; MC_NOMEM; MC_IO when writing fails
 * (a PNG stops at the first failed write; the text types leave the
 * stream's error flag for the caller's final check as well).
 */
mc_status mc_qr_write(FILE *fp, const mc_qr *qr, const mc_qr_style *style);

/*
 * Many codes into files at once (core/qrbatch.c): worker threads, one a
 * core (at most 8), encode each payload at level and write its file in
 * style (PNG or SVG) while the caller goes on handing more. The first
 * failure of a worker (a file that cannot be created, a full disk) stops
 * the batch.
 */
typedef struct mc_qr_batch mc_qr_batch;

/* MC_IO when no thread can start; MC_NOMEM. */
mc_status mc_qr_batch_start(const mc_qr_style *style, mc_qr_level level, mc_qr_batch **out);
/*
 * Hands a payload and its file's path (both malloc'd, taken over) to the
 * workers, waiting while they are busy. MC_OK, or the status of the
 * failure that stopped the batch (the strings are freed).
 */
mc_status mc_qr_batch_add(mc_qr_batch *b, char *payload, char *path);
/*
 * Waits until every code handed over is written (or the batch stopped)
 * and frees b: MC_OK, or the first failure's status with its reason
 * ("PATH: write error: ...") in why.
 */
mc_status mc_qr_batch_finish(mc_qr_batch *b, char *why, size_t n);

#endif
