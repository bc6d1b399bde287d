/* motcua — laying out official forms as text, for an 80-column terminal:
 * the one text layout of the forms (core/render-text.c) and of the
 * extract copies (core/extract.c). */
#ifndef MC_LAYOUT_H
#define MC_LAYOUT_H

#include <stdio.h>
#include "qr.h"

/* Columns of the text renderings: they fit an 80-column terminal. */
#define MC_LAYOUT_WIDTH 80

/*
 * Where and how text is set: the stream, the width in columns, and what
 * a no-break space (U+00A0) of a wrapped text prints as. It never breaks
 * a line; the forms print it as a space (core/document.c keeps the two
 * halves of a time together with it), the extracts as it is.
 */
typedef struct {
	FILE *fp;
	int width;
	int nbsp_as_space;
} mc_layout;

/* s centred (display width: marks take none). */
void mc_layout_centred(const mc_layout *lo, const char *s);

/* Two texts, each centred in its half of the width: the issuing office on
 * the left, the national motto on the right. NULL is empty; nothing
 * follows the left text when the right one is empty. */
void mc_layout_two_columns(const mc_layout *lo, const char *left, const char *right);

/* right pushed to margin columns before the right edge, after left (NULL:
 * none) centred in the left half as mc_layout_two_columns() puts it. */
void mc_layout_right(const mc_layout *lo, const char *left, const char *right, int margin);

/* "label value": the value wrapped on word boundaries, each further line
 * under the start of the value (or indented by 4 when the label is wider
 * than half the page). Line breaks in the value are kept. */
void mc_layout_field(const mc_layout *lo, const char *label, const char *value);

/* A paragraph: its first line indented by indent columns, the others
 * from the left edge. */
void mc_layout_paragraph(const mc_layout *lo, const char *text, int indent);

/* The QR code in half blocks, centred, with its caption centred under it
 * (colour: black on white SGR sequences, for terminals). MC_IO on a write
 * error. */
mc_status mc_layout_qr(const mc_layout *lo, const mc_qr *qr, const char *caption, int colour);

/* The place named on the date line of a form: "Vĩnh Phú" from
 * "UBND phường Vĩnh Phú". Points into unit_name. */
const char *mc_layout_place(const char *unit_name);

#endif
