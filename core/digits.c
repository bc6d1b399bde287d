/* motcua — a whole number with its thousands grouped (digits.h). */
#include <stdio.h>

#include "digits.h"

void mc_format_grouped(int64_t v, char *buf, size_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)v);
	size_t o = 0;
	if (n == 0)
		return;
	for (int i = 0; i < len && o + 2 < n; i++) {
		if (i && digits[i - 1] != '-' && (len - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}
