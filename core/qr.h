/* motcua — QR codes (libqrencode) and their text renderings. */

/* Not MC_QR_H: that name is the level below. */
#ifndef MC_QR_H_INCLUDED
#define MC_QR_H_INCLUDED

#include <stdio.h>
#include "status.h"

typedef enum { MC_QR_L = 0, MC_QR_M, MC_QR_Q, MC_QR_H } mc_qr_level;

/*
 * An encoded symbol: width x width modules, row-major, one byte each,
 * 1 = dark, 0 = light. Every rendering (half blocks here; PNG, SVG and
 * the others of `qr print`) draws from this one matrix, so they cannot
 * disagree. The quiet zone is not stored: mc_qr_dark() answers "light"
 * for any coordinate outside the symbol, so a renderer simply walks from
 * -margin to width + margin - 1 on both axes.
 *
 *	mc_qr qr = MC_QR_INIT;
 *	st = mc_qr_encode(&qr, payload, MC_QR_M);
 *	...
 *	mc_qr_release(&qr);
 */
typedef struct {
	int version;            /* 1..40, the smallest that holds the payload */
	int width;              /* modules per side, quiet zone excluded */
	unsigned char *modules; /* width * width; owned, freed by release */
} mc_qr;

#define MC_QR_INIT { 0, 0, NULL }

/* The widest quiet zone a renderer accepts, in modules (the standard asks
 * for 4; more only wastes paper). Callers parse -m within 0..this. */
#define MC_QR_MARGIN_MAX 64

/*
 * Encodes payload (its bytes as given, UTF-8 for text, in 8-bit mode,
 * case kept) at the given error correction level. On success qr owns a
 * fresh matrix; on failure qr is left as MC_QR_INIT.
 * MC_BAD_INPUT: empty payload, or too large for that level.
 * MC_USAGE: level out of range. MC_NOMEM: anything else libqrencode
 * reports.
 */
mc_status mc_qr_encode(mc_qr *qr, const char *payload, mc_qr_level level);

/*
 * The largest payload, in bytes, that a symbol of that level holds in
 * 8-bit mode (version 40): L 2953, M 2331, Q 1663, H 1273. 0 for a level
 * out of range. mc_qr_encode() refuses anything longer (MC_BAD_INPUT).
 */
size_t mc_qr_capacity(mc_qr_level level);

/* 1 when module (x, y) is dark; 0 when light or outside the symbol. */
int mc_qr_dark(const mc_qr *qr, int x, int y);

/* Frees the matrix and resets qr to MC_QR_INIT (safe to call twice). */
void mc_qr_release(mc_qr *qr);

/*
 * Draws an encoded symbol with Unicode half blocks, two module rows per
 * text line, margin modules of quiet zone on each side. Dark modules are
 * drawn as ink ("▀", "▄", "█"), light ones as spaces, each line prefixed
 * by `indent` spaces. With colour set, each line (after the indent) is
 * wrapped in black-on-white SGR sequences so that the code shows right on
 * dark terminals as well. A symbol of (width + 2 * margin) modules a side
 * takes that many columns and half as many lines, rounded up (the last
 * half-line light).
 * MC_USAGE for a margin outside 0..MC_QR_MARGIN_MAX or a negative indent;
 * MC_IO on a write error (the stream's error flag, as ferror() sees it:
 * the caller still flushes and checks at the end of its output).
 */
mc_status mc_qr_draw_halfblocks(FILE *fp, const mc_qr *qr, int margin,
				int indent, int colour);

#endif
