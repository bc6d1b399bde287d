/* motcua — the two renderings behind mc_doc_write() (core/render.c). */
#ifndef MC_RENDER_PRIVATE_H
#define MC_RENDER_PRIVATE_H

#include "render.h"

/* The text rendering (core/render-text.c). MC_IO on a write error. */
mc_status mc_doc_write_text(FILE *fp, const mc_doc *doc, int colour);

/*
 * The paper rendering (core/render-paper.c) is a module of its own,
 * motcua-paper.so, linked with cairo and pango, which core/render.c loads
 * on the first PDF or PNG: the other commands do not load their forty
 * shared libraries. It exports one symbol, a struct of its functions,
 * whose name carries the version of this interface: a module built for
 * another one is not found rather than misread.
 */
#define MC_PAPER_FILE "motcua-paper.so"
#define MC_PAPER_ENTRY mc_paper_module_3
#define MC_PAPER_NAME(e) MC_PAPER_STR(e)
#define MC_PAPER_STR(e) #e

struct mc_paper_module {
	/*
	 * Draws doc as PDF or PNG in memory: *data (free()) and its *len.
	 * created is the PDF's creation date as cairo wants it
	 * ("2026-04-29T09:00:00+07:00"). MC_IO with cairo's status in
	 * *cairo_error when cairo fails, MC_NOMEM, or the failure of a QR
	 * code's encoding.
	 */
	mc_status (*draw)(const mc_doc *doc, mc_doc_format fmt, const char *created,
			  unsigned char **data, size_t *len, int *cairo_error);
	/* Draws a chart (core/render-chart.c), in the same way. */
	mc_status (*chart)(const mc_chart *c, mc_chart_format fmt, const char *created,
			   unsigned char **data, size_t *len, int *cairo_error);
};

extern const struct mc_paper_module MC_PAPER_ENTRY;

/* Inside the module: what the documents and the charts share
 * (core/render-paper.c). */
#ifdef MC_PAPER_MODULE
#include <cairo.h>

/* Liberation Serif (fonts-liberation2) has every Vietnamese letter and
 * the metrics of Times New Roman, the font the decree asks for; the
 * others are its stand-ins, then whatever fontconfig calls serif. */
#define MC_PAPER_FAMILY "Liberation Serif, Tinos, Times New Roman, DejaVu Serif, serif"
#define MC_PNG_DPI 150.0

/* What cairo writes, in memory, and its first error. */
struct mc_bytes {
	unsigned char *data;
	size_t len, cap;
	cairo_status_t failed;
};

/* cairo's write function into a struct mc_bytes. */
cairo_status_t mc_paper_to_memory(void *closure, const unsigned char *data, unsigned int len);
/* MC_OK, MC_NOMEM, or MC_IO with s kept in out->failed. */
mc_status mc_paper_status(struct mc_bytes *out, cairo_status_t s);
/* The chart's entry (core/render-chart.c). */
mc_status mc_paper_chart(const mc_chart *c, mc_chart_format fmt, const char *created,
			 unsigned char **data, size_t *len, int *cairo_error);
#endif

#endif
