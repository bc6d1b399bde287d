/* motcua — writing a document: the text or the paper rendering. */
#include <string.h>

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

mc_status mc_doc_write(mc_db *db, const mc_doc *doc, mc_doc_format fmt, FILE *fp, int colour)
{
	if (fmt == MC_DOC_TEXT)
		return mc_doc_write_text(fp, doc, colour);
	return mc_doc_write_paper(db, doc, fmt, fp);
}
