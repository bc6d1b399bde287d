/* motcua — numbers and dates in Vietnamese words, as official forms write them. */
#ifndef MC_WORDS_H
#define MC_WORDS_H

#include <stddef.h>

/*
 * A date in words as the extract forms write a date of birth:
 * "ngày mười hai tháng ba năm hai nghìn không trăm mười chín" for
 * 12/03/2019. Months are "một" to "mười hai" with April "tư"
 * (tháng tư); days are plain numbers (no "mồng"). The numbers follow
 * the rules of written Vietnamese:
 *   - one after "mươi" is "mốt" (21: hai mươi mốt), elsewhere "một"
 *     (11: mười một, 101: một trăm linh một);
 *   - five after "mười" or "mươi" is "lăm" (15: mười lăm, 25: hai mươi
 *     lăm), elsewhere "năm" (105: một trăm linh năm);
 *   - ten is "mười", twenty and up "hai mươi", "ba mươi"...;
 *   - a zero ten after hundreds is "linh" (not the southern "lẻ"): 105 is
 *     "một trăm linh năm";
 *   - four is "bốn" everywhere (24: hai mươi bốn);
 *   - after thousands or millions, hundreds are always read, "không trăm"
 *     included: 2019 is "hai nghìn không trăm mười chín", 2005 "hai nghìn
 *     không trăm linh năm"; a group that is all zeros is left out
 *     (2000: hai nghìn);
 *   - "nghìn" for thousands (not "ngàn"), "triệu" for millions.
 * Writes at most n bytes, NUL included, into buf; returns the length it
 * needs, as snprintf does. A date out of range (month, day, or a year
 * below 0) gives "".
 */
size_t mc_words_date(int y, int m, int d, char *buf, size_t n);

#endif
