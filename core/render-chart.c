/* motcua — the summary's chart on paper (core/chart.h): an A4 landscape
 * page of grouped bars, drawn with cairo and pango as PNG, SVG or PDF,
 * meant to be printed in black and white. Each series has a fill that
 * stays distinct in grey (mid grey, white, hatched, black), each bar its
 * number above it, and every text is at least 9 pt on the page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#define MC_PAPER_MODULE
#include "digits.h"
#include "render-private.h"

#define PAGE_W   841.890        /* A4 landscape, points */
#define PAGE_H   595.276
#define MARGIN   (15 * 72.0 / 25.4)
#define MAX_BAR  42.0           /* a bar no wider than this            */
#define LABEL_LINES 4           /* a group's label, shortened beyond   */

enum cfont { C_MARK, C_UNIT, C_TITLE, C_PERIOD, C_LEGEND, C_AXIS, C_TICK, C_GROUP,
	     C_VALUE, C_EMPTY, C_COUNT };

struct cpen {
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *font[C_COUNT];
};

static void cpen_open(struct cpen *p, cairo_t *cr)
{
	static const struct { double size; int bold, italic; } spec[C_COUNT] = {
		[C_MARK] = { 10, 1, 0 }, [C_UNIT] = { 12, 1, 0 }, [C_TITLE] = { 16, 1, 0 },
		[C_PERIOD] = { 11, 0, 1 }, [C_LEGEND] = { 11, 0, 0 }, [C_AXIS] = { 11, 0, 1 },
		[C_TICK] = { 10, 0, 0 }, [C_GROUP] = { 10, 0, 0 }, [C_VALUE] = { 9.5, 1, 0 },
		[C_EMPTY] = { 14, 0, 1 },
	};
	cairo_font_options_t *fo = cairo_font_options_create();
	p->cr = cr;
	p->pc = pango_cairo_create_context(cr);
	/* Unhinted metrics: the same line breaks in the PDF, SVG and PNG. */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	for (int f = 0; f < C_COUNT; f++) {
		p->font[f] = pango_font_description_from_string(MC_PAPER_FAMILY);
		pango_font_description_set_absolute_size(p->font[f], spec[f].size * PANGO_SCALE);
		if (spec[f].bold)
			pango_font_description_set_weight(p->font[f], PANGO_WEIGHT_BOLD);
		if (spec[f].italic)
			pango_font_description_set_style(p->font[f], PANGO_STYLE_ITALIC);
	}
}

static void cpen_close(struct cpen *p)
{
	for (int f = 0; f < C_COUNT; f++)
		pango_font_description_free(p->font[f]);
	g_object_unref(p->pc);
}

/* A layout of s, w points wide (w <= 0: one line as long as it is). */
static PangoLayout *lay(struct cpen *p, const char *s, enum cfont f, double w,
			PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->pc);
	pango_layout_set_font_description(l, p->font[f]);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (w > 0)
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, s ? s : "", -1);
	return l;
}

static void size_of(PangoLayout *l, double *w, double *h)
{
	int iw, ih;
	pango_layout_get_size(l, &iw, &ih);
	*w = (double)iw / PANGO_SCALE;
	*h = (double)ih / PANGO_SCALE;
}

/* Draws l at (x, y) in black and frees it: its height. */
static double show(struct cpen *p, PangoLayout *l, double x, double y)
{
	double w, h;
	size_of(l, &w, &h);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return h;
}

static double width_of(struct cpen *p, const char *s, enum cfont f)
{
	double w, h;
	PangoLayout *l = lay(p, s, f, -1, PANGO_ALIGN_LEFT);
	size_of(l, &w, &h);
	g_object_unref(l);
	return w;
}

/* ---- the fills ---- */

/* The rectangle in series s's fill, outlined in black. */
static void bar(cairo_t *cr, int s, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	switch (s) {
	case MC_SERIES_RECEIVED: cairo_set_source_rgb(cr, 0.6, 0.6, 0.6); break;
	case MC_SERIES_OVERDUE:  cairo_set_source_rgb(cr, 0, 0, 0); break;
	default:                 cairo_set_source_rgb(cr, 1, 1, 1); break;
	}
	cairo_fill_preserve(cr);
	if (s == MC_SERIES_LATE) {
		/* Hatched: diagonal lines, kept inside the bar. */
		cairo_clip_preserve(cr);
		cairo_new_path(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.9);
		for (double d = -h; d < w; d += 4.0) {
			cairo_move_to(cr, x + d, y + h);
			cairo_line_to(cr, x + d + h, y);
		}
		cairo_stroke(cr);
		cairo_reset_clip(cr);
		cairo_rectangle(cr, x, y, w, h);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.8);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* ---- the page ---- */

/* The header: the mark, the unit, the title, the period, centred; the y
 * under it. */
static double header(struct cpen *p, const mc_chart *c)
{
	double y = MARGIN * 0.6, w = PAGE_W - 2 * MARGIN;
	if (c->mark)
		y += show(p, lay(p, c->mark, C_MARK, w, PANGO_ALIGN_CENTER), MARGIN, y) + 2;
	y += show(p, lay(p, c->unit, C_UNIT, w, PANGO_ALIGN_CENTER), MARGIN, y) + 2;
	y += show(p, lay(p, c->title, C_TITLE, w, PANGO_ALIGN_CENTER), MARGIN, y) + 2;
	y += show(p, lay(p, c->period, C_PERIOD, w, PANGO_ALIGN_CENTER), MARGIN, y);
	return y + 8;
}

/* The legend, a swatch and a name per series, in one centred row. */
static double legend(struct cpen *p, const mc_chart *c, double y)
{
	const double sw = 22, sh = 11, gap = 6, space = 22;
	double total = 0, x, h = 0;
	for (int s = 0; s < MC_SERIES_COUNT; s++)
		total += sw + gap + width_of(p, c->series[s], C_LEGEND) + (s ? space : 0);
	x = (PAGE_W - total) / 2;
	for (int s = 0; s < MC_SERIES_COUNT; s++) {
		PangoLayout *l = lay(p, c->series[s], C_LEGEND, -1, PANGO_ALIGN_LEFT);
		double lw, lh;
		size_of(l, &lw, &lh);
		bar(p->cr, s, x, y + (lh - sh) / 2, sw, sh);
		show(p, l, x + sw + gap, y);
		x += sw + gap + lw + space;
		h = lh > h ? lh : h;
	}
	return y + h + 6;
}

/* A step of 1, 2 or 5 times a power of ten: about five lines up to max. */
static int64_t tick_step(int64_t max)
{
	int64_t mag = 1;
	while (mag * 10 <= max / 5)
		mag *= 10;
	for (;;) {
		if (mag * 1 * 6 > max) return mag;
		if (mag * 2 * 6 > max) return mag * 2;
		if (mag * 5 * 6 > max) return mag * 5;
		mag *= 10;
	}
}

struct plot {
	double x0, x1, y0, y1;  /* the area of the bars; y1 is the base  */
	int64_t top;            /* the value at y0                        */
	double gw, bw;          /* a group's width, a bar's               */
};

static double y_of(const struct plot *pl, int64_t v)
{
	return pl->y1 - (pl->y1 - pl->y0) * (double)v / (double)pl->top;
}

/* The number of a bar above it, across, or upwards when it is wider than
 * the bar (130 over a narrow bar): the height it takes above the bar. */
static double value(struct cpen *p, const struct plot *pl, int64_t v, double x, int draw)
{
	char s[32];
	double w, h, y = y_of(pl, v);
	mc_format_grouped(v, s, sizeof s);
	PangoLayout *l = lay(p, s, C_VALUE, -1, PANGO_ALIGN_LEFT);
	size_of(l, &w, &h);
	if (!draw) {
		g_object_unref(l);
	} else if (w + 1 <= pl->bw) {
		show(p, l, x + (pl->bw - w) / 2, y - h - 1);
	} else {
		cairo_save(p->cr);
		cairo_translate(p->cr, x + (pl->bw - h) / 2, y - 2);
		cairo_rotate(p->cr, -G_PI / 2);
		show(p, l, 0, 0);
		cairo_restore(p->cr);
	}
	return (w + 1 <= pl->bw ? h + 1 : w + 2);
}

/* The scale at the left: lines across the plot, their values. */
static void scale(struct cpen *p, const struct plot *pl, int64_t step)
{
	cairo_t *cr = p->cr;
	for (int64_t v = 0; v <= pl->top; v += step) {
		char s[32];
		double w, h, y = y_of(pl, v);
		mc_format_grouped(v, s, sizeof s);
		PangoLayout *l = lay(p, s, C_TICK, -1, PANGO_ALIGN_LEFT);
		size_of(l, &w, &h);
		show(p, l, pl->x0 - 5 - w, y - h / 2);
		cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, pl->x0, y);
		cairo_line_to(cr, pl->x1, y);
		cairo_stroke(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, pl->x0, pl->y0 - 4);
	cairo_line_to(cr, pl->x0, pl->y1);
	cairo_line_to(cr, pl->x1, pl->y1);
	cairo_stroke(cr);
}

/* A group's label under its bars, shortened to LABEL_LINES lines. */
static PangoLayout *group_label(struct cpen *p, const char *s, double gw)
{
	PangoLayout *l = lay(p, s, C_GROUP, gw - 4, PANGO_ALIGN_CENTER);
	pango_layout_set_height(l, -LABEL_LINES);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	return l;
}

static void bars(struct cpen *p, const mc_chart *c, double y)
{
	struct plot pl = { 0, 0, 0, 0, 0, 0, 0 };
	int64_t max = 1, step;
	double label_h = 0, tick_w, axis_h, w, h, room = 0;
	char s[32];
	PangoLayout *l;

	for (size_t i = 0; i < c->n_groups; i++)
		for (int k = 0; k < MC_SERIES_COUNT; k++)
			max = c->groups[i].v[k] > max ? c->groups[i].v[k] : max;
	step = tick_step(max);
	pl.top = (max + step - 1) / step * step;
	mc_format_grouped(pl.top, s, sizeof s);
	tick_w = width_of(p, s, C_TICK);
	l = lay(p, c->y_label, C_AXIS, -1, PANGO_ALIGN_LEFT);
	size_of(l, &w, &axis_h);
	g_object_unref(l);
	pl.x0 = MARGIN + axis_h + 6 + tick_w + 5;
	pl.x1 = PAGE_W - MARGIN;
	pl.gw = (pl.x1 - pl.x0) / (double)c->n_groups;
	pl.bw = fmin(pl.gw * 0.8 / MC_SERIES_COUNT, MAX_BAR);
	for (size_t i = 0; i < c->n_groups; i++) {
		l = group_label(p, c->groups[i].label, pl.gw);
		size_of(l, &w, &h);
		g_object_unref(l);
		label_h = h > label_h ? h : label_h;
		for (int k = 0; k < MC_SERIES_COUNT; k++)
			room = fmax(room, value(p, &pl, c->groups[i].v[k], 0, 0));
	}
	/* Room above the scale for the numbers of the highest bars. */
	pl.y0 = y + room + 2;
	pl.y1 = PAGE_H - MARGIN - axis_h - 4 - label_h - 4;

	scale(p, &pl, step);
	for (size_t i = 0; i < c->n_groups; i++) {
		double gx = pl.x0 + pl.gw * (double)i, bx = gx + (pl.gw - MC_SERIES_COUNT * pl.bw) / 2;
		for (int k = 0; k < MC_SERIES_COUNT; k++, bx += pl.bw) {
			double top = y_of(&pl, c->groups[i].v[k]);
			if (c->groups[i].v[k] > 0)
				bar(p->cr, k, bx, top, pl.bw, pl.y1 - top);
			value(p, &pl, c->groups[i].v[k], bx, 1);
		}
		show(p, group_label(p, c->groups[i].label, pl.gw), gx + 2, pl.y1 + 4);
	}
	/* The axes' names: under the labels, and upwards at the left. */
	show(p, lay(p, c->x_label, C_AXIS, pl.x1 - pl.x0, PANGO_ALIGN_CENTER), pl.x0,
	     PAGE_H - MARGIN - axis_h);
	cairo_save(p->cr);
	l = lay(p, c->y_label, C_AXIS, pl.y1 - pl.y0, PANGO_ALIGN_CENTER);
	cairo_translate(p->cr, MARGIN, pl.y1);
	cairo_rotate(p->cr, -G_PI / 2);
	show(p, l, 0, 0);
	cairo_restore(p->cr);
}

/* A chart of no dossier: the header and what it says, in a frame. */
static void nothing(struct cpen *p, const mc_chart *c, double y)
{
	double w = PAGE_W - 4 * MARGIN, h = PAGE_H - MARGIN - y;
	PangoLayout *l = lay(p, c->empty, C_EMPTY, w - 2 * MARGIN, PANGO_ALIGN_CENTER);
	double lw, lh;
	size_of(l, &lw, &lh);
	cairo_set_line_width(p->cr, 0.8);
	cairo_rectangle(p->cr, 2 * MARGIN, y, w, h);
	cairo_stroke(p->cr);
	show(p, l, 3 * MARGIN, y + (h - lh) / 2);
}

static void page(cairo_t *cr, const mc_chart *c)
{
	struct cpen p;
	double y;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cpen_open(&p, cr);
	y = header(&p, c);
	if (c->received > 0 && c->n_groups > 0)
		bars(&p, c, legend(&p, c, y));
	else
		nothing(&p, c, y);
	cpen_close(&p);
}

/* ---- surfaces ---- */

static mc_status finish(struct mc_bytes *out, cairo_t *cr, cairo_surface_t *s, int png)
{
	mc_status rc = mc_paper_status(out, cairo_status(cr));
	cairo_destroy(cr);
	if (png && rc == MC_OK)
		rc = mc_paper_status(out, cairo_surface_write_to_png_stream(s, mc_paper_to_memory, out));
	cairo_surface_finish(s);
	if (rc == MC_OK)
		rc = mc_paper_status(out, cairo_surface_status(s));
	cairo_surface_destroy(s);
	return rc;
}

mc_status mc_paper_chart(const mc_chart *c, mc_chart_format fmt, const char *created,
			 unsigned char **data, size_t *len, int *cairo_error)
{
	struct mc_bytes out = { NULL, 0, 0, CAIRO_STATUS_SUCCESS };
	cairo_surface_t *s;
	cairo_t *cr;
	mc_status rc;
	if (fmt == MC_CHART_PNG) {
		double scale = MC_PNG_DPI / 72.0;
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(PAGE_W * scale),
					       (int)ceil(PAGE_H * scale));
		cr = cairo_create(s);
		cairo_scale(cr, scale, scale);
	} else if (fmt == MC_CHART_SVG) {
		s = cairo_svg_surface_create_for_stream(mc_paper_to_memory, &out, PAGE_W, PAGE_H);
		cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
		cr = cairo_create(s);
	} else {
		s = cairo_pdf_surface_create_for_stream(mc_paper_to_memory, &out, PAGE_W, PAGE_H);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, c->title);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, c->unit);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "motcua");
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, created);
		cr = cairo_create(s);
	}
	page(cr, c);
	if (fmt == MC_CHART_PDF)
		cairo_show_page(cr);
	rc = finish(&out, cr, s, fmt == MC_CHART_PNG);
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
