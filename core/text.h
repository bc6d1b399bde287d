/* motcua — text rules: UTF-8, NFC, and the identifiers citizens give. */
#ifndef MC_TEXT_H
#define MC_TEXT_H

#include <stddef.h>
#include "status.h"

/*
 * Is s (len bytes) well-formed UTF-8 without NUL bytes? Refused: stray
 * continuation bytes, overlong encodings, surrogates (U+D800..U+DFFF),
 * code points past U+10FFFF and sequences cut short by len.
 */
int mc_utf8_valid(const char *s, size_t len);

/* Number of code points of a valid UTF-8 string. */
size_t mc_utf8_length(const char *s);

/*
 * Display columns of a valid UTF-8 string, for lining up text tables and
 * slips: combining marks and other non-printing characters take none,
 * East Asian wide characters two, everything else one (utf8proc's
 * character widths). An invalid byte counts one column, as U+FFFD would.
 */
size_t mc_utf8_width(const char *s);

/*
 * The form every stored text takes, in this order:
 *   1. valid UTF-8 (mc_utf8_valid), else MC_BAD_INPUT;
 *   2. normalised to NFC, stable across Unicode versions, so that
 *      "Nguye\u0302\u0303n" typed on a decomposing keyboard is stored
 *      as the precomposed "Nguyễn";
 *   3. blanks removed from both ends: ASCII space, tab, LF, CR (the end
 *      of a CRLF line) and U+00A0 NO-BREAK SPACE; inner blanks are kept;
 *   4. control characters refused (MC_BAD_INPUT): C0, DEL and C1, except
 *      "\n" and "\t" inside the text when multiline is set (an inner CR
 *      is refused even then); invisible characters refused too, multiline
 *      or not: Unicode's format characters and line and paragraph
 *      separators (general categories Cf, Zl, Zp: U+200B ZERO WIDTH SPACE,
 *      U+202E RIGHT-TO-LEFT OVERRIDE, U+2066..U+2069 the bidi isolates,
 *      U+FEFF, U+2028, U+00AD SOFT HYPHEN...), with which "01/2020" and
 *      "01/2020\u200B" would be two books that print alike;
 *   5. max_chars > 0 bounds the cleaned length in code points
 *      (MC_BAD_INPUT past it); 0 means no bound.
 * The result may be empty: whether a field is required is the caller's
 * rule. On success *out is malloc'd and the caller frees it with free();
 * on failure *out is left untouched and nothing is allocated. A NULL in
 * or out is MC_USAGE; MC_NOMEM when memory runs out.
 */
mc_status mc_text_clean(const char *in, int multiline, size_t max_chars,
			char **out);

/*
 * Why mc_text_clean() would refuse s for an invisible character: when s
 * holds one (see rule 4 above), writes "contains the invisible character
 * U+202E" (translated, naming the first one) into why (n bytes) and
 * returns 1, so that the caller can put its field's name before it.
 * Returns 0 and leaves why alone otherwise; a NULL s has none. Scanning
 * stops at the first byte that is not UTF-8.
 */
int mc_text_invisible_why(const char *s, char *why, size_t n);

/*
 * Vietnamese phone numbers, written into out as bare national digits:
 * mobile 0[35789] + 8 digits, landline 02 + 9 digits. A "+84" or "84"
 * prefix becomes "0" ("+84 912 345 678" -> "0912345678"); blanks (space,
 * tab), dots and dashes between digits are ignored, blanks at the ends
 * too. Anything else is MC_BAD_INPUT, including "+84 0912...", "0084...",
 * "(0274) ..." and the old 01x mobile prefixes. n < 12 (11 digits and a
 * NUL) is MC_USAGE; out is written only on success.
 */
mc_status mc_phone_normalize(const char *in, char *out, size_t n);

/*
 * Citizen ID, its shape only: 12-digit CCCD or legacy 9-digit CMND,
 * written into out as bare digits; blanks (space, tab) anywhere are
 * ignored. For finding a number already stored; a number given to be
 * recorded goes through mc_id_number_check().
 * Anything else is MC_BAD_INPUT; n < 13 is MC_USAGE; out is written only
 * on success.
 */
mc_status mc_id_number_normalize(const char *in, char *out, size_t n);

/*
 * The one check of a citizen ID number to be recorded: its shape
 * (mc_id_number_normalize()) and, for a 12-digit CCCD, that its first
 * three digits are one of the 63 province codes of Circular
 * 07/2016/TT-BCA (a 9-digit CMND has no such structure). On MC_BAD_INPUT
 * why (whyn bytes) receives the reason, worded to follow the value
 * ("\"000190001234\" does not begin with a province code ..."); out is
 * written only on success; n < 13 is MC_USAGE. Whether the number agrees with its holder's sex and year of
 * birth is for the record that knows them: mc_id_number_holder().
 */
mc_status mc_id_number_check(const char *in, char *out, size_t n, char *why, size_t whyn);

/*
 * What a 12-digit CCCD (bare digits) says of its holder: the 4th digit
 * gives sex and century (0/1 born 1900-1999, 2/3 2000-2099, 4/5
 * 2100-2199 ..., even male, odd female), the 5th and 6th the last two
 * digits of the year of birth. *sex: 1 male, 2 female; *year: the year.
 * Returns 1, or 0 (nothing written) for anything but 12 digits.
 */
int mc_id_number_holder(const char *id, int *sex, int *year);

/*
 * A plausible e-mail address, not a full RFC 5322 parser: printable ASCII
 * without blanks or the characters that need quoting ("(),:;<>[\]),
 * exactly one '@' with 1..64 characters before it, a domain of at least
 * two non-empty dot-separated labels, 254 characters at most.
 */
int mc_email_valid(const char *s);

/* The office's electronic agency code: 1..35 of 0-9 A-Z '.'
 * (e.g. "000.00.22.H12"); lower case is refused, not folded. */
int mc_unit_id_valid(const char *s);

/*
 * A random lookup PIN: 6 Crockford base32 characters
 * (0123456789ABCDEFGHJKMNPQRSTVWXYZ, no I L O U) and a NUL, from
 * getrandom(); 30 bits, uniform. n < 7 is MC_USAGE; MC_IO if the system's
 * random source fails.
 */
mc_status mc_pin_generate(char *out, size_t n);

/*
 * s made safe to print on a terminal, for error messages that quote what
 * was given: control characters (C0 including tab and newline, DEL, C1),
 * invisible characters (rule 4 of mc_text_clean) and bytes that are not
 * UTF-8 become "\xNN" (one per byte), so that a hostile value cannot move
 * the cursor, change colours, forge a second line or turn text around.
 * malloc'd (free()); NULL when memory ran out.
 */
char *mc_text_escape(const char *s);

/* The text in capitals (Unicode case mapping: "Vĩnh Phú" -> "VĨNH PHÚ").
 * malloc'd; NULL when memory ran out. */
char *mc_utf8_upper(const char *s);

#endif
