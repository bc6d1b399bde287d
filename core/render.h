/* motcua — writing a document (core/document.h) as text, PDF or PNG: one
 * dispatcher over the text rendering (core/render-text.c) and the paper
 * one (core/render-paper.c), which draw the same description so that they
 * cannot differ in what they say. */
#ifndef MC_RENDER_H
#define MC_RENDER_H

#include <stdio.h>
#include "chart.h"
#include "document.h"

typedef enum { MC_DOC_TEXT, MC_DOC_PDF, MC_DOC_PNG } mc_doc_format;

/* "text", "pdf", "png". MC_BAD_INPUT else. */
mc_status mc_doc_format_parse(const char *name, mc_doc_format *fmt);

/*
 * Writes doc to fp: text (80 columns, QR code in half blocks; colour:
 * black-on-white SGR around it), or PDF (vector, fonts embedded) or PNG
 * (150 dpi, the pages one under the other) drawn with cairo and pango.
 * Errors go on db's handle: MC_IO when writing fails, MC_NO_INPUT when
 * cairo or pango cannot be loaded, MC_NOMEM.
 */
mc_status mc_doc_write(mc_db *db, const mc_doc *doc, mc_doc_format fmt, FILE *fp,
		       int colour);

/*
 * Draws chart c (core/chart.h) on an A4 landscape page, as PNG (150 dpi),
 * SVG or PDF, with cairo and pango, and writes it to fp. Errors as
 * mc_doc_write's.
 */
mc_status mc_chart_write(mc_db *db, const mc_chart *c, mc_chart_format fmt, FILE *fp);

#endif
