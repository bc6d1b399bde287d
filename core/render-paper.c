/* motcua — documents on paper: PDF and PNG drawn with cairo and pango,
 * laid out as the official forms are (Decree 30/2020 on the format of
 * administrative documents: Times-like serif, the unit's block at the
 * left and the national motto at the right of the header, the place and
 * date in italics, a bold centred title, signature blocks at the foot). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define MC_PAPER_MODULE
#include "qr.h"
#include "render-private.h"

#define MM       (72.0 / 25.4)
#define PNG_DPI  MC_PNG_DPI
/* One QR module: 1.44 pt (0.51 mm, big enough for any phone camera), and
 * exactly 3 pixels at 150 dpi, so that the PNG and `pdftoppm -r 150`
 * draw it without blurred edges. */
#define MODULE   (3 * 72.0 / PNG_DPI)
#define QUIET    2              /* modules of white round the code    */
#define PAGE_GAP 16             /* pixels between the pages of a PNG  */
#define FAMILY   MC_PAPER_FAMILY

struct paper {
	double w, h;                            /* points                */
	double top, bottom, left, right;        /* margins               */
	double body, head, title, small;        /* font sizes, points    */
	double sign_room;                       /* space left to sign in */
};

static const struct paper papers[] = {
	[MC_PAPER_A4] = { 595.276, 841.890, 20 * MM, 20 * MM, 30 * MM, 15 * MM,
			  13, 12, 14, 10.5, 72 },
	[MC_PAPER_A5] = { 419.528, 595.276, 12 * MM, 12 * MM, 15 * MM, 12 * MM,
			  10.5, 9.5, 12, 8.5, 50 },
};

enum font { F_BODY, F_BOLD, F_ITALIC, F_HEAD, F_HEAD_BOLD, F_MOTTO, F_TITLE,
	    F_SMALL, F_COUNT };

struct pen {
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *font[F_COUNT];
	const struct paper *pp;
	int draw;               /* 0: measure only                         */
	int png;                /* pages one under the other, white on grey */
	int pages;              /* pages begun                             */
	double y;               /* where the next block goes               */
	double float_bottom;    /* a QR code at the right, down to here    */
	double float_w;         /* ... taking this much of the width       */
	mc_status rc;           /* the first failure (a QR code too big)   */
	const char *mark;       /* a training copy's, on every page        */
	const char *copy;       /* the line of the copy being drawn, or NULL */
	int one_copy;           /* only the last copy (a PNG)              */
};

static double content_w(const struct pen *p)
{
	return p->pp->w - p->pp->left - p->pp->right;
}

/* The width left for text at the current height, beside a floating code. */
static double avail(const struct pen *p)
{
	return content_w(p) - (p->y < p->float_bottom ? p->float_w : 0);
}

/* ---- text ---- */

/* Text for pango: a word joiner (U+2060) after each '/' that has a word
 * after it, so that "Ông/Bà" and "12/2026/TLKS-BS" never break at the
 * slash. NULL when memory ran out. */
static char *no_slash_breaks(const char *s)
{
	size_t n = 0;
	char *out, *o;
	for (const char *c = s; *c; c++)
		n += *c == '/' ? 4 : 1;
	if (!(out = malloc(n + 1)))
		return NULL;
	for (o = out; *s; s++) {
		*o++ = *s;
		if (*s == '/' && s[1] && s[1] != ' ' && s[1] != '\n') {
			memcpy(o, "\u2060", 3);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

static PangoLayout *layout(struct pen *p, const char *s, enum font f, double w,
			   PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->pc);
	char *t = no_slash_breaks(s ? s : "");
	pango_layout_set_font_description(l, p->font[f]);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (w > 0)
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	pango_layout_set_spacing(l, (int)(p->font[f] == p->font[F_BODY] ?
					     0.15 * p->pp->body * PANGO_SCALE : 0));
	if (!t)
		p->rc = MC_NOMEM;
	pango_layout_set_text(l, t ? t : "", -1);
	free(t);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws (when drawing) and frees l at (x, y); its height. */
static double put(struct pen *p, PangoLayout *l, double x, double y)
{
	double h = height_of(l);
	if (p->draw) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return h;
}

static double text(struct pen *p, const char *s, enum font f, double x, double y, double w,
		   PangoAlignment align)
{
	return put(p, layout(p, s, f, w, align), x, y);
}

/* The natural width of one line of text. */
static double width_of(struct pen *p, const char *s, enum font f)
{
	PangoLayout *l = layout(p, s, f, -1, PANGO_ALIGN_LEFT);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/*
 * A line of the header too long for its column, broken at the space that
 * makes its two halves most even ("BỘ PHẬN TIẾP NHẬN / VÀ TRẢ KẾT QUẢ",
 * not "BỘ PHẬN TIẾP NHẬN VÀ TRẢ / KẾT QUẢ"); its height.
 */
static double balanced(struct pen *p, const char *s, enum font f, double x, double y,
		       double w)
{
	char *copy, *best = NULL;
	double best_w = 1e9, h;
	if (!s || width_of(p, s, f) <= w || !(copy = strdup(s)))
		return text(p, s, f, x, y, w, PANGO_ALIGN_CENTER);
	for (char *sp = strchr(copy, ' '); sp; sp = strchr(sp + 1, ' ')) {
		double a, b;
		*sp = '\0';
		a = width_of(p, copy, f);
		b = width_of(p, sp + 1, f);
		*sp = ' ';
		if ((a > b ? a : b) < best_w) {
			best_w = a > b ? a : b;
			best = sp;
		}
	}
	if (best)
		*best = '\n';
	h = text(p, copy, f, x, y, w, PANGO_ALIGN_CENTER);
	free(copy);
	return h;
}

static void rule(struct pen *p, double x0, double x1, double y)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/* ---- pages ---- */

static double page_px(double pt)
{
	return ceil(pt * PNG_DPI / 72.0);
}

static void text_mark_page(struct pen *p);

static void new_page(struct pen *p)
{
	if (p->draw && p->png) {
		double step = (page_px(p->pp->h) + PAGE_GAP) * 72.0 / PNG_DPI;
		if (p->pages)
			cairo_restore(p->cr);
		cairo_save(p->cr);
		/* Whole pixels from one page to the next. */
		cairo_translate(p->cr, 0, p->pages * step);
		cairo_set_source_rgb(p->cr, 1, 1, 1);
		cairo_rectangle(p->cr, 0, 0, p->pp->w, p->pp->h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	} else if (p->draw && p->pages) {
		cairo_show_page(p->cr);
	}
	p->pages++;
	p->y = p->pp->top;
	p->float_bottom = 0;
	text_mark_page(p);
}

/* A training copy's mark: across the page in light grey, under what is
 * drawn on it, and in bold in the top margin. */
static void text_mark_page(struct pen *p)
{
	const struct paper *pp = p->pp;
	if (!p->mark || !p->draw)
		return;
	PangoFontDescription *big = pango_font_description_copy(p->font[F_BOLD]);
	PangoLayout *l = pango_layout_new(p->pc);
	int w, h;
	pango_font_description_set_absolute_size(big, pp->w / 10 * PANGO_SCALE);
	pango_layout_set_font_description(l, big);
	pango_layout_set_text(l, "BẢN THỬ NGHIỆM", -1);
	pango_layout_get_size(l, &w, &h);
	cairo_save(p->cr);
	cairo_translate(p->cr, pp->w / 2, pp->h / 2);
	cairo_rotate(p->cr, -atan2(pp->h, pp->w));
	cairo_move_to(p->cr, -(double)w / PANGO_SCALE / 2, -(double)h / PANGO_SCALE / 2);
	cairo_set_source_rgb(p->cr, 0.8, 0.8, 0.8);
	pango_cairo_show_layout(p->cr, l);
	cairo_restore(p->cr);
	g_object_unref(l);
	pango_font_description_free(big);
	text(p, p->mark, F_BOLD, pp->left, pp->top * 0.35, content_w(p), PANGO_ALIGN_CENTER);
}

/* Makes room for h points, on a new page when this one is full (unless
 * the block is already at the top: then it simply runs over). */
static void need(struct pen *p, double h)
{
	if (p->y + h > p->pp->h - p->pp->bottom && p->y > p->pp->top + 1)
		new_page(p);
}

/* ---- the QR code ---- */

/* A coordinate on the 150 dpi pixel grid. */
static double snap(double v)
{
	return round(v * PNG_DPI / 72.0) * 72.0 / PNG_DPI;
}

/* The code as rectangles of one path (no seams between modules, however
 * a viewer anti-aliases), each run of dark modules in a row one of them. */
static void draw_modules(struct pen *p, const mc_qr *qr, double x, double y)
{
	cairo_new_path(p->cr);
	for (int my = 0; my < qr->width; my++) {
		for (int mx = 0; mx < qr->width;) {
			int run = 0;
			while (mc_qr_dark(qr, mx + run, my))
				run++;
			if (run)
				cairo_rectangle(p->cr, x + mx * MODULE, y + my * MODULE,
						   run * MODULE, MODULE);
			mx += run ? run : 1;
		}
	}
	cairo_set_antialias(p->cr, p->png ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
	cairo_fill(p->cr);
	cairo_set_antialias(p->cr, CAIRO_ANTIALIAS_DEFAULT);
}

/* The code of payload centred on cx from y, its caption under it: the
 * height; *w receives the width taken. */
static double qr_box(struct pen *p, const char *payload, const char *caption, double cx,
		     double y, double *w)
{
	mc_qr qr = MC_QR_INIT;
	mc_status rc = mc_qr_encode(&qr, payload, MC_QR_M);
	double side, cw, h;
	if (rc != MC_OK) {
		if (p->rc == MC_OK)
			p->rc = rc;
		*w = 0;
		return 0;
	}
	side = (qr.width + 2 * QUIET) * MODULE;
	/* The caption in two or three short lines under the code, so that
	 * a code beside the text leaves the text most of the width. */
	cw = side + 16 > 96 ? side + 16 : 96;
	if (p->draw)
		draw_modules(p, &qr, snap(cx - side / 2) + QUIET * MODULE, snap(y) + QUIET * MODULE);
	mc_qr_release(&qr);
	h = side + text(p, caption, F_SMALL, cx - cw / 2, y + side, cw, PANGO_ALIGN_CENTER);
	*w = cw;
	return h;
}

/* ---- blocks ---- */

static void header(struct pen *p, const mc_doc *doc)
{
	static const char motto[] = "Độc lập - Tự do - Hạnh phúc";
	double x = p->pp->left, w = content_w(p), lw = w * 0.42, rx = x + lw, rw = w - lw;
	double ly = p->y, ry = p->y, mw, h1 = 0, h2, ux;
	if (doc->superior)
		ly += balanced(p, doc->superior, F_HEAD, x, ly, lw);
	ly += balanced(p, doc->unit, doc->department ? F_HEAD : F_HEAD_BOLD, x, ly, lw);
	if (doc->department)
		ly += balanced(p, doc->department, F_HEAD_BOLD, x, ly, lw);
	ux = x + lw / 2;
	rule(p, ux - lw / 6, ux + lw / 6, ly + 0.3 * p->pp->head);
	ry += text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", F_HEAD_BOLD, rx, ry, rw,
		   PANGO_ALIGN_CENTER);
	ry += text(p, motto, F_MOTTO, rx, ry, rw, PANGO_ALIGN_CENTER);
	mw = width_of(p, motto, F_MOTTO);
	rule(p, rx + (rw - mw) / 2, rx + (rw + mw) / 2, ry + 0.3 * p->pp->head);
	p->y = (ly > ry ? ly : ry) + 0.8 * p->pp->head;
	if (doc->number)
		h1 = text(p, doc->number, F_HEAD, x, p->y, lw, PANGO_ALIGN_CENTER);
	h2 = text(p, doc->place_date, F_ITALIC, rx, p->y, rw, PANGO_ALIGN_CENTER);
	p->y += (h1 > h2 ? h1 : h2) + 1.6 * p->pp->body;
}

static double title(struct pen *p, const mc_block *b, double y)
{
	double x = p->pp->left, w = content_w(p), h;
	h = text(p, b->text, F_TITLE, x, y, w, PANGO_ALIGN_CENTER);
	for (size_t i = 0; i < b->n_lines; i++)
		h += text(p, b->lines[i], F_BOLD, x, y + h, w, PANGO_ALIGN_CENTER);
	if (p->copy)
		h += text(p, p->copy, F_ITALIC, x, y + h, w, PANGO_ALIGN_CENTER);
	return h + p->pp->body;
}

/* "Label: value": the value in bold, continuation lines indented. */
static double field(struct pen *p, const mc_block *b, double y)
{
	size_t ll = strlen(b->text);
	char *s = malloc(ll + 2 + (b->value ? strlen(b->value) : 0));
	PangoLayout *l;
	if (!s) {
		p->rc = MC_NOMEM;
		return 0;
	}
	sprintf(s, "%s %s", b->text, b->value ? b->value : "");
	l = layout(p, s, F_BODY, avail(p), PANGO_ALIGN_LEFT);
	if (b->value && *b->value) {
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		size_t joiners = 0;
		for (size_t i = 0; i + 1 < ll; i++)
			joiners += b->text[i] == '/' && b->text[i + 1] != ' ' &&
				   b->text[i + 1] != '\n';
		/* Byte offsets in the text that pango holds (no_slash_breaks). */
		bold->start_index = (guint)(ll + 1 + 3 * joiners);
		bold->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
		pango_attr_list_insert(attrs, bold);
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_indent(l, (int)(-8 * MM * PANGO_SCALE));
	free(s);
	return put(p, l, p->pp->left, y) + 0.25 * p->pp->body;
}

static double paragraph(struct pen *p, const mc_block *b, double y)
{
	PangoLayout *l = layout(p, b->value, F_BODY, avail(p), PANGO_ALIGN_LEFT);
	pango_layout_set_indent(l, (int)(10 * MM * PANGO_SCALE));
	pango_layout_set_justify(l, TRUE);
	return put(p, l, p->pp->left, y) + 0.4 * p->pp->body;
}

/* One row of the table of papers: its height (cell padding included). */
static double items_row(struct pen *p, const char *num, const char *name, enum font f,
			double x, double y, double w)
{
	double pad = 0.25 * p->pp->body, nw = 12 * MM, h1, h2, h;
	h1 = text(p, num, f, x, y + pad, nw, PANGO_ALIGN_CENTER);
	h2 = text(p, name, f, x + nw + pad, y + pad, w - nw - 2 * pad,
		  f == F_BOLD ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	h = (h1 > h2 ? h1 : h2) + 2 * pad;
	if (p->draw) {
		cairo_set_line_width(p->cr, 0.6);
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_move_to(p->cr, x + nw, y);
		cairo_line_to(p->cr, x + nw, y + h);
		cairo_stroke(p->cr);
	}
	return h;
}

/* A label and the numbered items under it as a table; rows break across
 * pages one by one, the heading row repeated on the new page. */
static void items(struct pen *p, const mc_block *b)
{
	const char *head = b->value ? b->value : "Nội dung";
	double x = p->pp->left, w, h;
	int draw = p->draw;
	p->draw = 0;
	h = text(p, b->text, F_BODY, x, 0, avail(p), PANGO_ALIGN_LEFT) +
	    items_row(p, "STT", head, F_BOLD, x, 0, avail(p));
	p->draw = draw;
	need(p, h);
	p->y += text(p, b->text, F_BODY, x, p->y, avail(p), PANGO_ALIGN_LEFT) + 0.2 * p->pp->body;
	w = avail(p);
	if (!b->n_lines) {
		p->y += text(p, "(không có)", F_ITALIC, x + 8 * MM, p->y, w, PANGO_ALIGN_LEFT);
		return;
	}
	p->y += items_row(p, "STT", head, F_BOLD, x, p->y, w);
	for (size_t i = 0; i < b->n_lines; i++) {
		char num[24];
		int pages = p->pages;
		snprintf(num, sizeof num, "%zu", i + 1);
		p->draw = 0;
		h = items_row(p, num, b->lines[i], F_BODY, x, 0, w);
		p->draw = draw;
		need(p, h);
		if (p->pages != pages)
			p->y += items_row(p, "STT", head, F_BOLD, x, p->y, w);
		p->y += items_row(p, num, b->lines[i], F_BODY, x, p->y, w);
	}
	p->y += 0.4 * p->pp->body;
}

static double signer(struct pen *p, const mc_signer *s, double x, double y, double w)
{
	double h = text(p, s->title, F_BOLD, x, y, w, PANGO_ALIGN_CENTER);
	h += text(p, s->note, F_ITALIC, x, y + h, w, PANGO_ALIGN_CENTER);
	h += p->pp->sign_room;
	if (s->name)
		h += text(p, s->name, F_BOLD, x, y + h, w, PANGO_ALIGN_CENTER);
	return h;
}

/* Two signers side by side; an empty left column may hold a QR code. */
static double signatures(struct pen *p, const mc_block *b, double y)
{
	double x = p->pp->left, hw = content_w(p) / 2, hl = 0, hr = 0, qw;
	if (b->sign[0].title)
		hl = signer(p, &b->sign[0], x, y, hw);
	else if (b->value)
		hl = qr_box(p, b->value, b->text, x + hw / 2, y, &qw);
	if (b->sign[1].title)
		hr = signer(p, &b->sign[1], x + hw, y, hw);
	return hl > hr ? hl : hr;
}

static double block(struct pen *p, const mc_block *b, double y)
{
	double w;
	switch (b->kind) {
	case MC_BLOCK_TITLE:      return title(p, b, y);
	case MC_BLOCK_FIELD:      return field(p, b, y);
	case MC_BLOCK_PARAGRAPH:  return paragraph(p, b, y);
	case MC_BLOCK_SIGNATURES: return 0.6 * p->pp->body + signatures(p, b, y + 0.6 * p->pp->body);
	case MC_BLOCK_QR:
		return qr_box(p, b->value, b->text, p->pp->left + content_w(p) / 2, y, &w) +
		       0.5 * p->pp->body;
	case MC_BLOCK_ITEMS:      break;     /* items() breaks pages itself */
	}
	return 0;
}

/* Puts a block at p->y, on a new page if it does not fit. */
static void place(struct pen *p, const mc_block *b)
{
	int draw = p->draw;
	double h;
	if (b->kind == MC_BLOCK_ITEMS) {
		items(p, b);
		return;
	}
	p->draw = 0;
	h = block(p, b, p->y);
	p->draw = draw;
	need(p, h);
	p->y += block(p, b, p->y);
}

/*
 * A QR code that stands beside the blocks before it: drawn at the right
 * when the first of them is reached, once the room for all of them (laid
 * out in the narrower width) and for the code is made on this page.
 */
static void start_float(struct pen *p, const mc_doc *doc, size_t first, const mc_block *qr)
{
	int draw = p->draw;
	double y0, hq, qw, total = 0, right = p->pp->left + content_w(p);
	p->draw = 0;
	hq = qr_box(p, qr->value, qr->text, 0, 0, &qw);
	p->float_bottom = 1e9;
	p->float_w = qw + 3 * MM;
	for (size_t i = first; i < first + (size_t)qr->beside; i++)
		total += block(p, &doc->blocks[i], 0);
	p->draw = draw;
	need(p, hq > total ? hq : total);
	y0 = p->y;
	qr_box(p, qr->value, qr->text, right - qw / 2, y0, &qw);
	p->float_bottom = y0 + hq;
	p->float_w = qw + 3 * MM;
}

/* Each copy of the document from a page of its own; a PNG, for a screen,
 * is the last copy (the applicant's), as the text is. */
static void lay_out_copy(struct pen *p, const mc_doc *doc);

static void lay_out(struct pen *p, const mc_doc *doc)
{
	int copies = doc->copies[0] ? 2 : 1;
	for (int c = p->one_copy ? copies - 1 : 0; c < copies; c++) {
		p->copy = doc->copies[c];
		p->float_bottom = 0;
		lay_out_copy(p, doc);
	}
}

static void lay_out_copy(struct pen *p, const mc_doc *doc)
{
	new_page(p);
	header(p, doc);
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const mc_block *b = &doc->blocks[i];
		for (size_t j = i + 1; j < doc->n_blocks && j <= i + 8; j++)
			if (doc->blocks[j].kind == MC_BLOCK_QR && doc->blocks[j].beside &&
			    j - (size_t)doc->blocks[j].beside == i)
				start_float(p, doc, i, &doc->blocks[j]);
		if (b->kind == MC_BLOCK_QR && b->beside) {
			if (p->y < p->float_bottom)
				p->y = p->float_bottom + 0.4 * p->pp->body;
			p->float_bottom = 0;
			continue;
		}
		place(p, b);
	}
}

/* ---- surfaces ---- */

static mc_status pen_open(struct pen *p, cairo_t *cr, const mc_doc *doc)
{
	static const struct { double size_of_body; int bold, italic; } spec[F_COUNT] = {
		[F_BODY] = { 0, 0, 0 }, [F_BOLD] = { 0, 1, 0 }, [F_ITALIC] = { 0, 0, 1 },
		[F_HEAD] = { -1, 0, 0 }, [F_HEAD_BOLD] = { -1, 1, 0 }, [F_MOTTO] = { 0, 1, 0 },
		[F_TITLE] = { -2, 1, 0 }, [F_SMALL] = { -3, 0, 1 },
	};
	cairo_font_options_t *fo = cairo_font_options_create();
	memset(p, 0, sizeof *p);
	p->cr = cr;
	p->pp = &papers[doc->paper];
	p->mark = doc->mark;
	p->pc = pango_cairo_create_context(cr);
	/* Unhinted metrics: the same line breaks in the PDF and the PNG. */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	for (int f = 0; f < F_COUNT; f++) {
		double size = spec[f].size_of_body == 0 ? p->pp->body :
			      spec[f].size_of_body == -1 ? p->pp->head :
			      spec[f].size_of_body == -2 ? p->pp->title : p->pp->small;
		p->font[f] = pango_font_description_from_string(FAMILY);
		pango_font_description_set_absolute_size(p->font[f], size * PANGO_SCALE);
		if (spec[f].bold)
			pango_font_description_set_weight(p->font[f], PANGO_WEIGHT_BOLD);
		if (spec[f].italic)
			pango_font_description_set_style(p->font[f], PANGO_STYLE_ITALIC);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	return MC_OK;
}

static void pen_close(struct pen *p)
{
	for (int f = 0; f < F_COUNT; f++)
		if (p->font[f])
			pango_font_description_free(p->font[f]);
	if (p->pc)
		g_object_unref(p->pc);
}

/*
 * cairo writes into memory, and core/render.c writes the bytes to the
 * caller's stream once the document is whole: a write error (a full disk)
 * is then told as such, not as a cairo error in the middle of a drawing.
 */
cairo_status_t mc_paper_to_memory(void *closure, const unsigned char *data, unsigned int len)
{
	struct mc_bytes *b = closure;
	if (b->len + len > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		unsigned char *n;
		while (cap < b->len + len)
			cap *= 2;
		if (!(n = realloc(b->data, cap)))
			return CAIRO_STATUS_NO_MEMORY;
		b->data = n;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

mc_status mc_paper_status(struct mc_bytes *out, cairo_status_t s)
{
	if (s == CAIRO_STATUS_SUCCESS)
		return MC_OK;
	if (s == CAIRO_STATUS_NO_MEMORY)
		return MC_NOMEM;
	out->failed = s;
	return MC_IO;
}

static void set_metadata(cairo_surface_t *s, const mc_doc *doc, const char *date)
{
	if (doc->name)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->name);
	if (doc->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "motcua");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static mc_status write_pdf(const mc_doc *doc, const char *created, struct mc_bytes *out)
{
	const struct paper *pp = &papers[doc->paper];
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mc_paper_to_memory, out, pp->w, pp->h);
	cairo_t *cr = cairo_create(s);
	struct pen p;
	mc_status rc;
	set_metadata(s, doc, created);
	pen_open(&p, cr, doc);
	p.draw = 1;
	lay_out(&p, doc);
	rc = p.rc;
	pen_close(&p);
	cairo_show_page(cr);
	if (rc == MC_OK)
		rc = mc_paper_status(out, cairo_status(cr));
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (rc == MC_OK)
		rc = mc_paper_status(out, cairo_surface_status(s));
	cairo_surface_destroy(s);
	return rc;
}

/* The pages at 150 dpi, one under the other on a grey ground. The page
 * count comes from a first pass that only measures. */
static mc_status write_png(const mc_doc *doc, struct mc_bytes *out)
{
	const struct paper *pp = &papers[doc->paper];
	double scale = PNG_DPI / 72.0;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
	cairo_t *cr = cairo_create(s);
	struct pen p;
	int pages, w = (int)page_px(pp->w), h;
	mc_status rc;

	cairo_scale(cr, scale, scale);
	pen_open(&p, cr, doc);
	p.one_copy = 1;
	lay_out(&p, doc);
	pages = p.pages;
	rc = p.rc;
	pen_close(&p);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (rc != MC_OK)
		return rc;

	h = pages * (int)page_px(pp->h) + (pages - 1) * PAGE_GAP;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	pen_open(&p, cr, doc);
	p.draw = p.png = p.one_copy = 1;
	lay_out(&p, doc);
	rc = p.rc;
	pen_close(&p);
	if (rc == MC_OK)
		rc = mc_paper_status(out, cairo_status(cr));
	cairo_destroy(cr);
	if (rc == MC_OK)
		rc = mc_paper_status(out, cairo_surface_write_to_png_stream(s, mc_paper_to_memory, out));
	cairo_surface_destroy(s);
	return rc;
}

static mc_status draw(const mc_doc *doc, mc_doc_format fmt, const char *created,
			unsigned char **data, size_t *len, int *cairo_error)
{
	struct mc_bytes out = { NULL, 0, 0, CAIRO_STATUS_SUCCESS };
	mc_status rc = fmt == MC_DOC_PDF ? write_pdf(doc, created, &out) : write_png(doc, &out);
	*cairo_error = (int)out.failed;
	if (rc != MC_OK) {
		free(out.data);
		out.data = NULL;
		out.len = 0;
	}
	*data = out.data;
	*len = out.len;
	return rc;
}

/* What the module offers: the one symbol core/render.c looks up. */
__attribute__((visibility("default")))
const struct mc_paper_module MC_PAPER_ENTRY = { draw, mc_paper_chart };
