/* motcua — a whole number as people write it here, thousands grouped by a
 * dot (1.250.000); shared by the library and the paper module. */
#ifndef MC_DIGITS_H
#define MC_DIGITS_H

#include <stddef.h>
#include <stdint.h>

/* v with its thousands grouped by '.' (and its sign) into buf; cut to n. */
void mc_format_grouped(int64_t v, char *buf, size_t n);

#endif
