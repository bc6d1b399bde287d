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
	return (int)mc_utf8_width(s);
}

void mc_layout_centred(FILE *fp, const char *s, int width)
{
	spaces(fp, (width - width_of(s)) / 2);
	fprintf(fp, "%s\n", s);
}

void mc_layout_two_columns(FILE *fp, const char *left, const char *right, int width)
{
	int lw = width / 2 - 2, pad = (lw - width_of(left)) / 2;
	spaces(fp, pad);
	fputs(left, fp);
	spaces(fp, lw - pad - width_of(left) + (width - lw - width_of(right)) / 2);
	fprintf(fp, "%s\n", right);
}

void mc_layout_right(FILE *fp, const char *s, int width, int margin)
{
	spaces(fp, width - width_of(s) - margin);
	fprintf(fp, "%s\n", s);
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

void mc_layout_field(FILE *fp, const char *label, const char *value, int width)
{
	int col = width_of(label), indent = col + 1;
	const char *p = value ? value : "";

	fputs(label, fp);
	if (indent > width / 2)
		indent = 4;
	if (!*p)
		putc('\n', fp);
	while (*p) {
		const char *end = p, *brk = NULL;
		int w = col + 1;
		/* The longest run of words that fits the line. */
		while (*end && *end != '\n') {
			size_t len;
			w += char_width(end, &len);
			if (w > width && brk)
				break;
			if (*end == ' ')
				brk = end;
			end += len;
		}
		if (*end && *end != '\n' && brk)
			end = brk;
		fprintf(fp, " %.*s\n", (int)(end - p), p);
		p = end;
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p) {
			spaces(fp, indent - 1);
			col = indent - 1;
		}
	}
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
