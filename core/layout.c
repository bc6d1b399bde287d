/* motcua — laying out official forms as text. */
#include <string.h>

#include "layout.h"
#include "text.h"

static void spaces(FILE *fp, int n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static int width_of(const char *s)
{
	return s ? (int)mc_utf8_width(s) : 0;
}

void mc_layout_centred(const mc_layout *lo, const char *s)
{
	spaces(lo->fp, (lo->width - width_of(s)) / 2);
	fprintf(lo->fp, "%s\n", s);
}

/* The left text centred in the left column; the columns it took. */
static int left_column(const mc_layout *lo, const char *left)
{
	int pad = (lo->width / 2 - 2 - width_of(left)) / 2;
	spaces(lo->fp, pad);
	fputs(left ? left : "", lo->fp);
	return pad + width_of(left);
}

void mc_layout_two_columns(const mc_layout *lo, const char *left, const char *right)
{
	int lw = lo->width / 2 - 2, used = left_column(lo, left);
	if (right && *right) {
		spaces(lo->fp, lw - used + (lo->width - lw - width_of(right)) / 2);
		fputs(right, lo->fp);
	}
	putc('\n', lo->fp);
}

void mc_layout_right(const mc_layout *lo, const char *left, const char *right, int margin)
{
	int used = left ? left_column(lo, left) : 0;
	spaces(lo->fp, lo->width - margin - used - width_of(right));
	fprintf(lo->fp, "%s\n", right);
}

/* Display width of the UTF-8 character at p, and its length in *len. */
static int char_width(const char *p, size_t *len)
{
	char ch[8] = { 0 };
	size_t n = 1;
	while (n < 4 && (p[n] & 0xC0) == 0x80)
		n++;
	memcpy(ch, p, n);
	*len = n;
	return width_of(ch);
}

/* The text from p to end, then a newline. */
static void put_line(const mc_layout *lo, const char *p, const char *end)
{
	static const char nbsp[] = "\u00a0";
	while (p < end) {
		if (lo->nbsp_as_space && end - p >= 2 && memcmp(p, nbsp, 2) == 0) {
			putc(' ', lo->fp);
			p += 2;
		} else {
			putc(*p++, lo->fp);
		}
	}
	putc('\n', lo->fp);
}

/* The text from column col on, wrapped on word boundaries; the lines after
 * the first begin at column indent. */
static void wrap(const mc_layout *lo, const char *text, int col, int indent)
{
	const char *p = text;
	while (*p) {
		const char *end = p, *brk = NULL;
		int w = col;
		/* The longest run of words that fits the line. */
		while (*end && *end != '\n') {
			size_t len;
			w += char_width(end, &len);
			if (w > lo->width && brk)
				break;
			if (*end == ' ')
				brk = end;
			end += len;
		}
		if (*end && *end != '\n' && brk)
			end = brk;
		put_line(lo, p, end);
		p = end;
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p) {
			spaces(lo->fp, indent);
			col = indent;
		}
	}
}

void mc_layout_field(const mc_layout *lo, const char *label, const char *value)
{
	int col = width_of(label) + 1, indent = col;
	fputs(label, lo->fp);
	if (indent > lo->width / 2)
		indent = 4;
	if (!value || !*value) {
		putc('\n', lo->fp);
		return;
	}
	putc(' ', lo->fp);
	wrap(lo, value, col, indent);
}

void mc_layout_paragraph(const mc_layout *lo, const char *text, int indent)
{
	spaces(lo->fp, indent);
	wrap(lo, text, indent, 0);
}

mc_status mc_layout_qr(const mc_layout *lo, const mc_qr *qr, const char *caption, int colour)
{
	int margin = 2, side = qr->width + 2 * margin;
	mc_status rc = mc_qr_draw_halfblocks(lo->fp, qr, margin, (lo->width - side) / 2, colour);
	mc_layout_centred(lo, caption);
	return rc;
}

const char *mc_layout_place(const char *unit_name)
{
	static const char *const prefixes[] = { "UBND ", "Ủy ban nhân dân ", "phường ",
						"Phường ", "xã ", "Xã ", "thị trấn ",
						"Thị trấn " };
	const char *p = unit_name;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0)
			p += strlen(prefixes[i]);
	return p;
}
