/* motcua — writing a document: the text rendering, or the paper one
 * loaded from its module (core/render-private.h). */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db-private.h"
#include "i18n.h"
#include "layout.h"
#include "render-private.h"

mc_status mc_doc_format_parse(const char *name, mc_doc_format *fmt)
{
	static const char *const names[] = { "text", "pdf", "png" };
	for (int i = 0; i < 3; i++) {
		if (strcmp(name, names[i]) == 0) {
			*fmt = (mc_doc_format)i;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

/* Loaded once and kept for the life of the process: glib, which pango
 * brings, cannot be unloaded. */
static const struct mc_paper_module *paper;

/* The module from MOTCUA_MODULEDIR (the tests' build tree) or from where
 * make install puts it. */
static mc_status load_paper(mc_db *db)
{
	const char *dir = getenv("MOTCUA_MODULEDIR");
	char path[4096];
	void *h;
	if (paper)
		return MC_OK;
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : MC_MODULEDIR, MC_PAPER_FILE);
	if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
		return mc_db_fail(db, MC_NO_INPUT,
				  _("cannot draw documents: %s (install cairo and pango)"), dlerror());
	if (!(paper = dlsym(h, MC_PAPER_NAME(MC_PAPER_ENTRY)))) {
		mc_status rc = mc_db_fail(db, MC_NO_INPUT,
					  _("cannot draw documents: %s (install cairo and pango)"),
					  dlerror());
		dlclose(h);
		return rc;
	}
	return MC_OK;
}

/* What the module drew, written to fp: rc is the drawing's status. */
static mc_status put_drawn(mc_db *db, mc_status rc, int cairo_error, unsigned char *data,
			   size_t len, FILE *fp)
{
	if (cairo_error)
		rc = mc_db_fail(db, MC_IO, _("cannot draw the document (cairo error %d)"), cairo_error);
	else if (rc == MC_OK && (fwrite(data, 1, len, fp) != len || fflush(fp) != 0 || ferror(fp)))
		rc = mc_db_fail(db, MC_IO, _("cannot write the document: %s"), mc_strerror(errno));
	free(data);
	return rc;
}

static mc_status write_paper(mc_db *db, const mc_doc *doc, mc_doc_format fmt, FILE *fp)
{
	char created[40];
	unsigned char *data = NULL;
	size_t len = 0;
	int cairo_error = 0;
	mc_status rc = load_paper(db);
	if (rc != MC_OK)
		return rc;
	mc_format_iso(doc->created, mc_db_offset(db), created, sizeof created);
	rc = paper->draw(doc, fmt, created, &data, &len, &cairo_error);
	return put_drawn(db, rc, cairo_error, data, len, fp);
}

mc_status mc_chart_write(mc_db *db, const mc_chart *c, mc_chart_format fmt, FILE *fp)
{
	char created[40];
	unsigned char *data = NULL;
	size_t len = 0;
	int cairo_error = 0;
	mc_status rc = load_paper(db);
	if (rc != MC_OK)
		return rc;
	mc_format_iso(c->created, mc_db_offset(db), created, sizeof created);
	rc = paper->chart(c, fmt, created, &data, &len, &cairo_error);
	return put_drawn(db, rc, cairo_error, data, len, fp);
}

/* A training copy's mark, as a line of its own in a text document, set
 * apart from the text by a blank line (under it on top, above it at the
 * bottom). */
static void text_mark(const mc_doc *doc, FILE *fp, int top)
{
	const mc_layout lo = { fp, MC_LAYOUT_WIDTH, 1 };
	char line[160];
	if (!doc->mark)
		return;
	snprintf(line, sizeof line, "*** %s ***", doc->mark);
	if (!top)
		putc('\n', fp);
	mc_layout_centred(&lo, line);
	if (top)
		putc('\n', fp);
}

mc_status mc_doc_write(mc_db *db, const mc_doc *doc, mc_doc_format fmt, FILE *fp, int colour)
{
	mc_status rc;
	if (fmt != MC_DOC_TEXT)
		return write_paper(db, doc, fmt, fp);
	text_mark(doc, fp, 1);
	rc = doc->text_fn ? doc->text_fn(db, doc->text_ud, fp, colour)
			  : mc_doc_write_text(fp, doc, colour);
	if (rc == MC_OK && doc->mark) {
		text_mark(doc, fp, 0);
		rc = ferror(fp) ? MC_IO : MC_OK;
	}
	return rc;
}
