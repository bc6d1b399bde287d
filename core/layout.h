/* motcua — laying out official forms as text, for an 80-column terminal. */
#ifndef MC_LAYOUT_H
#define MC_LAYOUT_H

#include <stdio.h>

/* s centred in width columns (display width: marks take none). */
void mc_layout_centred(FILE *fp, const char *s, int width);

/* Two texts, each centred in its half of width columns: the issuing
 * office on the left, the national motto on the right. */
void mc_layout_two_columns(FILE *fp, const char *left, const char *right, int width);

/* s pushed to the right of width columns, with margin columns after it. */
void mc_layout_right(FILE *fp, const char *s, int width, int margin);

/* "label value": the value wrapped on word boundaries within width
 * columns, each further line under the start of the value (or indented by
 * 4 when the label is wider than half the page). Line breaks in the value
 * are kept. */
void mc_layout_field(FILE *fp, const char *label, const char *value, int width);

/* The place named on the date line of a form: "Vĩnh Phú" from
 * "UBND phường Vĩnh Phú". Points into unit_name. */
const char *mc_layout_place(const char *unit_name);

#endif
