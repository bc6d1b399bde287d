/* motcua — the two renderings behind mc_doc_write() (core/render.c). */
#ifndef MC_RENDER_PRIVATE_H
#define MC_RENDER_PRIVATE_H

#include "render.h"

/* The text rendering (core/render-text.c). MC_IO on a write error. */
mc_status mc_doc_write_text(FILE *fp, const mc_doc *doc, int colour);

/* PDF or PNG (core/render-paper.c), errors on db's handle. */
mc_status mc_doc_write_paper(mc_db *db, const mc_doc *doc, mc_doc_format fmt, FILE *fp);

#endif
