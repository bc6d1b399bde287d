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
#define MC_PAPER_ENTRY mc_paper_module_2
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
};

extern const struct mc_paper_module MC_PAPER_ENTRY;

#endif
