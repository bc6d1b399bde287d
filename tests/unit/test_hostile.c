/* motcua — unit tests of the defences against hostile input: messages
 * that quote a value, and the bounds of the CSV reader. */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "text.h"
#include "unit.h"

static void escape(const char *in, const char *want, const char *what)
{
	char *got = mc_text_escape(in);
	CHECK_STR(got, want, "mc_text_escape: %s", what);
	free(got);
}

static int count_rows(const mc_csv_row *row, void *ud)
{
	(void)row;
	(*(long *)ud)++;
	return 0;
}

/* Reads len bytes of CSV; returns the status, err receives the reason. */
static mc_status read_csv(const char *data, size_t len, size_t max_field, long *rows,
			  char *err, size_t n)
{
	FILE *fp = fmemopen((void *)data, len, "r");
	*rows = 0;
	err[0] = '\0';
	mc_status rc = mc_csv_read(fp, "t.csv", max_field, count_rows, rows, err, n);
	fclose(fp);
	return rc;
}

int main(void)
{
	char err[512];
	long rows;

	escape("Nguyễn Văn A", "Nguyễn Văn A", "Vietnamese text is kept");
	escape("a\033[31mb", "a\\x1B[31mb", "ESC is shown as \\x1B");
	escape("one\ntwo\tthree\r", "one\\x0Atwo\\x09three\\x0D", "line breaks and tabs too");
	escape("\xc2\x9b" "2J", "\\xC2\\x9B2J", "a C1 control (CSI) too, both bytes");
	escape("x\x7f", "x\\x7F", "DEL");
	escape("bad \xff\xfe end", "bad \\xFF\\xFE end", "bytes that are not UTF-8");
	escape("\xe1\xbb", "\\xE1\\xBB", "a cut sequence");
	escape("", "", "the empty string");

	static const char good[] = "\xef\xbb\xbf" "a,b\r\n1,\"x\ny\"\r\n2,z\r\n";
	CHECK_INT(read_csv(good, sizeof good - 1, 100, &rows, err, sizeof err), MC_OK,
		  "a BOM, CRLF and a quoted line break are fine");
	CHECK_INT(rows, 3, "three records");

	static const char nul[] = "a,b\n1,2\n3,\0\n";
	CHECK_INT(read_csv(nul, sizeof nul - 1, 100, &rows, err, sizeof err), MC_BAD_INPUT,
		  "a NUL byte is refused");
	CHECK_STR(err, "t.csv:3: a NUL byte: this is not a text file", "at its line");
	CHECK_INT(rows, 2, "after the records before it");

	static const char latin[] = "a,b\n1,Ngh\xec\n";
	CHECK_INT(read_csv(latin, sizeof latin - 1, 100, &rows, err, sizeof err), MC_BAD_INPUT,
		  "bytes that are not UTF-8 are refused");
	CHECK_STR(err, "t.csv:2: the file is not UTF-8 text (it may be in a legacy Vietnamese encoding: TCVN3 (ABC), VNI or Windows-1258); convert it to UTF-8 first (iconv -f WINDOWS-1258, or -f TCVN5712-1 for TCVN3); nothing was imported", "at their line");

	size_t big = 1024 * 1024 + 10;
	char *line = malloc(big + 8);
	memcpy(line, "a\n", 2);
	memset(line + 2, 'x', big);
	line[big + 2] = '\n';
	CHECK_INT(read_csv(line, big + 3, 2 * big, &rows, err, sizeof err), MC_BAD_INPUT,
		  "a line over 1 MiB is refused");
	CHECK_STR(err, "t.csv:2: a line is longer than 1048576 bytes", "with its number");

	memset(line, ',', 3000);
	line[3000] = '\n';
	CHECK_INT(read_csv(line, 3001, 100, &rows, err, sizeof err), MC_BAD_INPUT,
		  "a record of 3001 fields is refused");
	CHECK_STR(err, "t.csv:1: a record has more than 1024 fields or 1048576 bytes", "saying why");

	memset(line, 'y', 200);
	line[200] = '\n';
	CHECK_INT(read_csv(line, 201, 100, &rows, err, sizeof err), MC_BAD_INPUT,
		  "a field over max_field on one line is refused");
	CHECK_STR(err, "t.csv:1: a field is longer than 100 bytes", "before it reaches the caller");
	CHECK_INT(rows, 0, "no record was handed over");
	CHECK_INT(read_csv(line, 200, 100, &rows, err, sizeof err), MC_BAD_INPUT,
		  "also in a last line without its newline");
	CHECK_STR(err, "t.csv:1: a field is longer than 100 bytes", "saying so");
	free(line);
	return unit_done();
}
