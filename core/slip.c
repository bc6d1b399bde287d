/* motcua — documents as text: the receipt slip of SPEC 5.1 on a terminal
 * (80 columns, QR code in half blocks), and the other forms alike. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "qr.h"
#include "slip.h"
#include "text.h"

#define W MC_SLIP_WIDTH

void mc_slip_format_time(mc_time t, int offset_min, char *buf, size_t n)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int y, m, d, min = mc_local_minute_of_day(local);
	mc_civil_from_days(mc_local_day(local), &y, &m, &d);
	snprintf(buf, n, "%02d giờ %02d phút, ngày %02d tháng %02d năm %04d",
		 min / 60, min % 60, d, m, y);
}

static void spaces(FILE *fp, int n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static int width(const char *s)
{
	return s ? (int)mc_utf8_width(s) : 0;
}

static void centred(FILE *fp, const char *s, int col, int w)
{
	spaces(fp, col + (w - width(s)) / 2);
	fprintf(fp, "%s\n", s);
}

/* Two texts, each centred in its half of the page. */
static void two_columns(FILE *fp, const char *left, const char *right)
{
	int lw = W / 2 - 2, pad = (lw - width(left)) / 2;
	spaces(fp, pad);
	fputs(left ? left : "", fp);
	if (right && *right) {
		spaces(fp, lw - pad - width(left) + (W - lw - width(right)) / 2);
		fputs(right, fp);
	}
	putc('\n', fp);
}

/* The text from p to end, and a newline; a no-break space (kept from
 * breaking by wrapped()) prints as a space. */
static void put_line(FILE *fp, const char *p, const char *end)
{
	static const char nbsp[] = "\u00a0";
	while (p < end) {
		if ((size_t)(end - p) >= 2 && memcmp(p, nbsp, 2) == 0) {
			putc(' ', fp);
			p += 2;
		} else {
			putc(*p++, fp);
		}
	}
	putc('\n', fp);
}

/* The rest of a line of text from column col on, wrapped on word
 * boundaries; continuation lines begin at column indent. */
static void wrapped(FILE *fp, const char *text, int col, int indent)
{
	const char *p = text;
	while (*p) {
		const char *end = p, *brk = NULL;
		int w = col;
		/* The longest run of words that fits the line. */
		while (*end && *end != '\n') {
			const char *q = end;
			char ch[8] = { 0 };
			do
				q++;
			while ((*q & 0xC0) == 0x80);
			memcpy(ch, end, (size_t)(q - end) < 7 ? (size_t)(q - end) : 7);
			w += width(ch);
			if (w > W && brk)
				break;
			if (*end == ' ')
				brk = end;
			end = q;
		}
		if (*end && *end != '\n' && brk)
			end = brk;
		put_line(fp, p, end);
		p = end;
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p) {
			spaces(fp, indent);
			col = indent;
		}
	}
}

/* "label value", the value wrapped under itself. */
static void field(FILE *fp, const char *label, const char *value)
{
	int col = width(label) + 1, indent = col;
	fputs(label, fp);
	if (indent > W / 2)
		indent = 4;
	if (!value || !*value) {
		putc('\n', fp);
		return;
	}
	putc(' ', fp);
	wrapped(fp, value, col, indent);
}

static void header(FILE *fp, const mc_doc *doc)
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
		two_columns(fp, i < n ? left[i] : "", i < 2 ? right[i] : "");
	two_columns(fp, "───────────", "───────────────────────────");
	if (doc->number) {
		int lw = W / 2 - 2, pad = (lw - width(doc->number)) / 2;
		spaces(fp, pad);
		fputs(doc->number, fp);
		spaces(fp, W - 2 - pad - width(doc->number) - width(doc->place_date));
	} else {
		spaces(fp, W - width(doc->place_date) - 2);
	}
	fprintf(fp, "%s\n\n", doc->place_date);
}

static mc_status qr_block(FILE *fp, const char *payload, const char *caption, int colour)
{
	mc_qr qr = MC_QR_INIT;
	mc_status rc = mc_qr_encode(&qr, payload, MC_QR_M);
	if (rc == MC_OK) {
		int margin = 2, side = qr.width + 2 * margin;
		putc('\n', fp);
		rc = mc_qr_draw_halfblocks(fp, &qr, margin, (W - side) / 2, colour);
		centred(fp, caption, 0, W);
	}
	mc_qr_release(&qr);
	return rc;
}

static void signatures(FILE *fp, const mc_block *b)
{
	const mc_signer *l = &b->sign[0], *r = &b->sign[1];
	putc('\n', fp);
	two_columns(fp, l->title, r->title);
	two_columns(fp, l->note, r->note);
	fputs("\n\n\n", fp);
	two_columns(fp, l->name, r->name);
}

static mc_status block(FILE *fp, const mc_block *b, int colour)
{
	char num[32];
	switch (b->kind) {
	case MC_BLOCK_TITLE:
		centred(fp, b->text, 0, W);
		for (size_t i = 0; i < b->n_lines; i++)
			centred(fp, b->lines[i], 0, W);
		putc('\n', fp);
		break;
	case MC_BLOCK_FIELD:
		field(fp, b->text, b->value);
		break;
	case MC_BLOCK_PARAGRAPH:
		spaces(fp, 4);
		wrapped(fp, b->value, 4, 0);
		break;
	case MC_BLOCK_ITEMS:
		fprintf(fp, "%s\n", b->text);
		for (size_t i = 0; i < b->n_lines; i++) {
			snprintf(num, sizeof num, "   %zu)", i + 1);
			field(fp, num, b->lines[i]);
		}
		if (!b->n_lines)
			fputs("   (không có)\n", fp);
		break;
	case MC_BLOCK_QR:
		return qr_block(fp, b->value, b->text, colour);
	case MC_BLOCK_SIGNATURES:
		if (b->value) {
			mc_status rc = qr_block(fp, b->value, b->text, colour);
			if (rc != MC_OK)
				return rc;
		}
		signatures(fp, b);
		break;
	}
	return MC_OK;
}

mc_status mc_doc_write_text(FILE *fp, const mc_doc *doc, int colour)
{
	mc_status rc = MC_OK;
	header(fp, doc);
	for (size_t i = 0; i < doc->n_blocks && rc == MC_OK; i++)
		rc = block(fp, &doc->blocks[i], colour);
	if (rc == MC_OK && ferror(fp))
		rc = MC_IO;
	return rc;
}

mc_status mc_slip_write_text(FILE *fp, mc_db *db, const mc_dossier *d, int colour)
{
	mc_doc *doc = NULL;
	mc_status rc = mc_doc_dossier_form(db, d, 1, &doc);
	if (rc == MC_OK)
		rc = mc_doc_write_text(fp, doc, colour);
	mc_doc_free(doc);
	return rc;
}
