/* motcua — documents as text: the receipt slip of SPEC 5.1 on a terminal
 * (80 columns, QR code in half blocks), and the other forms alike. */
#include "layout.h"
#include "qr.h"
#include "render-private.h"

static void header(const mc_layout *lo, const mc_doc *doc)
{
	const char *left[3], *right[2] = { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
					   "Độc lập - Tự do - Hạnh phúc" };
	int n = 0;
	if (doc->superior)
		left[n++] = doc->superior;
	left[n++] = doc->unit;
	if (doc->department)
		left[n++] = doc->department;
	for (int i = 0; i < (n > 2 ? n : 2); i++)
		mc_layout_two_columns(lo, i < n ? left[i] : "", i < 2 ? right[i] : "");
	mc_layout_two_columns(lo, "───────────", "───────────────────────────");
	mc_layout_right(lo, doc->number, doc->place_date, 2);
	putc('\n', lo->fp);
}

static mc_status qr_block(const mc_layout *lo, const char *payload, const char *caption,
			  int colour)
{
	mc_qr qr = MC_QR_INIT;
	mc_status rc = mc_qr_encode(&qr, payload, MC_QR_M);
	if (rc == MC_OK) {
		putc('\n', lo->fp);
		rc = mc_layout_qr(lo, &qr, caption, colour);
	}
	mc_qr_release(&qr);
	return rc;
}

static void signatures(const mc_layout *lo, const mc_block *b)
{
	const mc_signer *l = &b->sign[0], *r = &b->sign[1];
	putc('\n', lo->fp);
	mc_layout_two_columns(lo, l->title, r->title);
	mc_layout_two_columns(lo, l->note, r->note);
	fputs("\n\n\n", lo->fp);
	mc_layout_two_columns(lo, l->name, r->name);
}

static mc_status block(const mc_layout *lo, const mc_doc *doc, const mc_block *b, int colour)
{
	char num[32];
	switch (b->kind) {
	case MC_BLOCK_TITLE:
		mc_layout_centred(lo, b->text);
		for (size_t i = 0; i < b->n_lines; i++)
			mc_layout_centred(lo, b->lines[i]);
		/* On the screen, the applicant's copy. */
		if (doc->copies[1])
			mc_layout_centred(lo, doc->copies[1]);
		putc('\n', lo->fp);
		break;
	case MC_BLOCK_FIELD:
		mc_layout_field(lo, b->text, b->value);
		break;
	case MC_BLOCK_PARAGRAPH:
		mc_layout_paragraph(lo, b->value, 4);
		break;
	case MC_BLOCK_ITEMS:
		fprintf(lo->fp, "%s\n", b->text);
		for (size_t i = 0; i < b->n_lines; i++) {
			snprintf(num, sizeof num, "   %zu)", i + 1);
			mc_layout_field(lo, num, b->lines[i]);
		}
		if (!b->n_lines)
			fputs("   (không có)\n", lo->fp);
		break;
	case MC_BLOCK_QR:
		return qr_block(lo, b->value, b->text, colour);
	case MC_BLOCK_SIGNATURES:
		if (b->value) {
			mc_status rc = qr_block(lo, b->value, b->text, colour);
			if (rc != MC_OK)
				return rc;
		}
		signatures(lo, b);
		break;
	}
	return MC_OK;
}

mc_status mc_doc_write_text(FILE *fp, const mc_doc *doc, int colour)
{
	const mc_layout lo = { fp, MC_LAYOUT_WIDTH, 1 };
	mc_status rc = MC_OK;
	header(&lo, doc);
	for (size_t i = 0; i < doc->n_blocks && rc == MC_OK; i++)
		rc = block(&lo, doc, &doc->blocks[i], colour);
	if (rc == MC_OK && ferror(fp))
		rc = MC_IO;
	return rc;
}
