/* Unit tests of core/qr.c: the encoded matrix, its half-block drawing,
 * the limits, and a real round trip through halfblock2png and zbarimg. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qr.h"
#include "unit.h"

#define INK   "\033[30;47m"
#define RESET "\033[0m"

static const char *const payloads[] = {
	"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=000.00.22.H12-260429-0001&pin=7KQ2MZ",
	"Nguyễn Văn Đức",
	"000.00.22.H12-260429-0001",
};
static const char *const level_names = "LMQH";

/* The whole content of fp, NUL-terminated; the caller frees. */
static char *slurp(FILE *fp)
{
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);

	rewind(fp);
	while (buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (buf)
		buf[n] = '\0';
	return buf;
}

static char *render(const char *payload, mc_qr_level level, int margin,
		    int indent, int colour, mc_status *st)
{
	FILE *fp = tmpfile();
	mc_qr qr = MC_QR_INIT;
	char *text;

	if (!fp) {
		*st = MC_IO;
		return NULL;
	}
	*st = mc_qr_encode(&qr, payload, level);
	if (*st == MC_OK)
		*st = mc_qr_draw_halfblocks(fp, &qr, margin, indent, colour);
	mc_qr_release(&qr);
	text = slurp(fp);
	fclose(fp);
	return text;
}

/* The cell at *s: 0 space, 1 top, 2 bottom, 3 both; -1 if none. */
static int cell(const char **s)
{
	static const char *const ink[4] = { " ", "▀", "▄", "█" };
	int k;

	for (k = 0; k < 4; k++)
		if (strncmp(*s, ink[k], strlen(ink[k])) == 0) {
			*s += strlen(ink[k]);
			return k;
		}
	return -1;
}

/* Compares one drawn line with rows y and y + 1 of the symbol. Returns
 * the number of cells read, or -1 when a cell is wrong or unknown. */
static int check_cells(const char **s, const mc_qr *qr, int y, int margin)
{
	int x, k, n = 0;

	for (x = -margin; **s && **s != '\n' && **s != '\033'; x++, n++) {
		k = cell(s);
		if (k < 0 || k != (mc_qr_dark(qr, x, y) |
				   mc_qr_dark(qr, x, y + 1) << 1))
			return -1;
	}
	return n;
}

/*
 * Checks a whole drawing against the matrix of the same payload: line
 * count, indentation, colour sequences, columns, and every module.
 */
static void check_drawing(const char *text, const mc_qr *qr, int margin,
			  int indent, int colour, const char *what)
{
	int side = qr->width + 2 * margin, lines = 0, bad = 0, y, i;
	const char *s = text;

	for (y = -margin; *s; y += 2, lines++) {
		for (i = 0; i < indent; i++)
			bad |= *s++ != ' ';
		if (colour) {
			bad |= strncmp(s, INK, strlen(INK)) != 0;
			s += strncmp(s, INK, strlen(INK)) ? 0 : strlen(INK);
		}
		bad |= check_cells(&s, qr, y, margin) != side;
		if (colour) {
			bad |= strncmp(s, RESET, strlen(RESET)) != 0;
			s += strncmp(s, RESET, strlen(RESET)) ? 0 : strlen(RESET);
		}
		bad |= *s != '\n';
		s = strchr(s, '\n');
		if (!s)
			break;
		s++;
	}
	CHECK_INT(lines, (side + 1) / 2, "%s: %d lines for %d modules",
		  what, (side + 1) / 2, side);
	CHECK(!bad, "%s: each line is %d indent, %d cells%s, modules as encoded",
	      what, indent, side, colour ? " in black on white" : "");
}

static void test_levels(void)
{
	size_t p;
	int l;

	for (p = 0; p < sizeof(payloads) / sizeof(*payloads); p++) {
		int last_version = 0;

		for (l = MC_QR_L; l <= MC_QR_H; l++) {
			mc_qr qr = MC_QR_INIT;
			mc_status st;
			char what[64], *text;

			snprintf(what, sizeof(what), "payload %zu at %c", p,
				 level_names[l]);
			CHECK_INT(mc_qr_encode(&qr, payloads[p], l), MC_OK,
				  "%s encodes", what);
			CHECK_INT(qr.width, 17 + 4 * qr.version,
				  "%s: width %d fits version %d", what,
				  qr.width, qr.version);
			CHECK(qr.version >= last_version,
			      "%s: version %d, no smaller than at the level below",
			      what, qr.version);
			last_version = qr.version;
			text = render(payloads[p], l, 4, 0, 0, &st);
			CHECK_INT(st, MC_OK, "%s draws", what);
			if (text)
				check_drawing(text, &qr, 4, 0, 0, what);
			free(text);
			mc_qr_release(&qr);
		}
	}
}

/* Indentation, colour, margins 0 and 1; an odd side leaves a light
 * bottom half on the last line. */
static void test_layout(void)
{
	static const struct { int margin, indent, colour; } cases[] = {
		{ 4, 6, 1 }, { 1, 2, 1 }, { 0, 0, 0 }, { 0, 3, 1 }, { 2, 0, 0 },
	};
	mc_qr qr = MC_QR_INIT;
	size_t i;

	CHECK_INT(mc_qr_encode(&qr, payloads[0], MC_QR_M), MC_OK, "url at M");
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		mc_status st;
		char what[64], *text, *last;

		snprintf(what, sizeof(what), "margin %d indent %d colour %d",
			 cases[i].margin, cases[i].indent, cases[i].colour);
		text = render(payloads[0], MC_QR_M, cases[i].margin,
			      cases[i].indent, cases[i].colour, &st);
		CHECK_INT(st, MC_OK, "%s draws", what);
		if (!text)
			continue;
		check_drawing(text, &qr, cases[i].margin, cases[i].indent,
			      cases[i].colour, what);
		text[strlen(text) - 1] = '\0';
		last = strrchr(text, '\n');
		last = last ? last + 1 : text;
		CHECK(!strstr(last, "▄") && !strstr(last, "█"),
		      "%s: last line has a light bottom half", what);
		free(text);
	}
	mc_qr_release(&qr);
	mc_qr_release(&qr);
	CHECK(qr.modules == NULL && qr.width == 0, "release twice is harmless");
}

static void test_limits(void)
{
	char *big = malloc(3001), *text;
	mc_qr qr = MC_QR_INIT;
	mc_status st;

	memset(big, 'A', 3000);
	big[3000] = '\0';
	text = render(big, MC_QR_H, 4, 0, 0, &st);
	CHECK_INT(st, MC_BAD_INPUT, "3000 bytes at H do not fit");
	CHECK(text && !*text, "and nothing is written");
	free(text);

	/* Version 40-L holds 2953 bytes in 8-bit mode, and no more. */
	big[2953] = '\0';
	CHECK_INT(mc_qr_encode(&qr, big, MC_QR_L), MC_OK, "2953 bytes at L fit");
	CHECK_INT(qr.version, 40, "in version 40");
	mc_qr_release(&qr);
	big[2953] = 'A';
	big[2954] = '\0';
	CHECK_INT(mc_qr_encode(&qr, big, MC_QR_L), MC_BAD_INPUT,
		  "2954 bytes at L do not fit");
	CHECK(qr.modules == NULL && qr.width == 0, "failed encode leaves INIT");
	free(big);

	CHECK_INT(mc_qr_encode(&qr, "", MC_QR_M), MC_BAD_INPUT, "empty payload");
	CHECK_INT(mc_qr_encode(&qr, "x", (mc_qr_level)4), MC_USAGE, "level 4");
	text = render("x", MC_QR_M, -1, 0, 0, &st);
	CHECK_INT(st, MC_USAGE, "margin -1");
	free(text);
	text = render("x", MC_QR_M, MC_QR_MARGIN_MAX + 1, 0, 0, &st);
	CHECK_INT(st, MC_USAGE, "margin past MC_QR_MARGIN_MAX");
	free(text);
	text = render("x", MC_QR_M, 4, -1, 0, &st);
	CHECK_INT(st, MC_USAGE, "indent -1");
	free(text);
	CHECK(!mc_qr_dark(&qr, 0, 0), "an empty matrix is all light");
}

/* A full disk must be reported, not give a truncated code and MC_OK. */
static void test_write_error(void)
{
	FILE *fp = fopen("/dev/full", "w");
	mc_qr qr = MC_QR_INIT;

	CHECK(fp != NULL, "/dev/full opens");
	if (!fp)
		return;
	setvbuf(fp, NULL, _IONBF, 0);
	CHECK_INT(mc_qr_encode(&qr, payloads[2], MC_QR_M), MC_OK, "a code to draw");
	CHECK_INT(mc_qr_draw_halfblocks(fp, &qr, 4, 2, 1), MC_IO, "writing to a full disk");
	mc_qr_release(&qr);
	fclose(fp);
}

/* Runs argv with stdin and stdout from/to files (NULL: /dev/null) and
 * stderr to errpath; returns the exit status, or -1. */
static int run(char *const argv[], const char *in, const char *out,
	       const char *errpath)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int i = open(in ? in : "/dev/null", O_RDONLY);
		int o = open(out ? out : "/dev/null",
			     O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(errpath, O_WRONLY | O_CREAT | O_APPEND, 0600);

		if (i < 0 || o < 0 || e < 0 || dup2(i, 0) < 0 ||
		    dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static char *read_path(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;

	if (!fp)
		return NULL;
	s = slurp(fp);
	fclose(fp);
	return s;
}

static int write_path(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");
	int ok = fp && fputs(s, fp) >= 0;

	if (fp && fclose(fp) != 0)
		ok = 0;
	return ok;
}

/* Prints a failed command's stderr as TAP comments. */
static void show_errors(const char *errpath)
{
	char *e = read_path(errpath), *line, *save = NULL;

	for (line = e ? strtok_r(e, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		printf("#   %s\n", line);
	free(e);
	remove(errpath);
}

/* Where the helper is: $MOTCUA_HELPERS, else beside this test program
 * (the makefile builds both into build/tests/). */
static char *helper_path(const char *argv0)
{
	const char *dir = getenv("MOTCUA_HELPERS"), *slash;
	char *path;
	size_t n;

	if (dir && *dir) {
		n = strlen(dir);
	} else {
		slash = strrchr(argv0, '/');
		dir = slash ? argv0 : ".";
		n = slash ? (size_t)(slash - argv0) : 1;
	}
	path = malloc(n + sizeof("/halfblock2png"));
	if (path)
		sprintf(path, "%.*s/halfblock2png", (int)n, dir);
	return path;
}

struct roundtrip {
	char *helper;
	char dir[256], slip[300], png[300], out[300], err[300];
};

/*
 * Draws payload inside a receipt-like text (Vietnamese lines around it,
 * indentation, colour), turns it into a PNG and reads it with zbarimg.
 */
static void roundtrip(struct roundtrip *rt, const char *payload,
		      mc_qr_level level, int margin, int colour)
{
	char *helper_argv[] = { rt->helper, rt->png, NULL };
	char *zbar_argv[] = { "/usr/bin/zbarimg", "--raw", "-q", rt->png, NULL };
	char what[160], *text, *slip, *got;
	mc_status st;
	int rc;

	snprintf(what, sizeof(what), "zbarimg reads \"%.60s\" at %c back",
		 payload, level_names[level]);
	text = render(payload, level, margin, 8, colour, &st);
	slip = text ? malloc(strlen(text) + 256) : NULL;
	if (st != MC_OK || !slip) {
		CHECK(0, "%s: drawing failed", what);
		free(text);
		return;
	}
	sprintf(slip, "Mã hồ sơ: 000.00.22.H12-260429-0001\n"
		"────────────────────────────\n\n%s\n"
		"        Quét mã QR để tra cứu tiến độ hồ sơ\n", text);
	rc = write_path(rt->slip, slip) ? run(helper_argv, rt->slip, NULL, rt->err) : -1;
	if (rc != 0) {
		CHECK(0, "%s: halfblock2png exited %d", what, rc);
		show_errors(rt->err);
	} else {
		rc = run(zbar_argv, NULL, rt->out, rt->err);
		got = read_path(rt->out);
		CHECK_INT(rc, 0, "%s: zbarimg found a code", what);
		if (got && *got && got[strlen(got) - 1] == '\n')
			got[strlen(got) - 1] = '\0';    /* --raw adds one */
		CHECK_STR(got, payload, "%s", what);
		if (rc != 0)
			show_errors(rt->err);
		free(got);
	}
	remove(rt->slip);
	remove(rt->png);
	remove(rt->out);
	remove(rt->err);
	free(slip);
	free(text);
}

static void test_zbar(const char *argv0)
{
	const char *tmp = getenv("TMPDIR");
	struct roundtrip rt;
	char *none_argv[3];
	size_t p;
	int l;

	snprintf(rt.dir, sizeof(rt.dir), "%s/motcua-qr.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	rt.helper = helper_path(argv0);
	CHECK(access("/usr/bin/zbarimg", X_OK) == 0, "zbarimg is installed");
	CHECK(rt.helper && access(rt.helper, X_OK) == 0,
	      "helper %s is built", rt.helper ? rt.helper : "halfblock2png");
	if (!rt.helper || access(rt.helper, X_OK) != 0 ||
	    access("/usr/bin/zbarimg", X_OK) != 0 || !mkdtemp(rt.dir)) {
		free(rt.helper);
		return;
	}
	snprintf(rt.slip, sizeof(rt.slip), "%s/slip.txt", rt.dir);
	snprintf(rt.png, sizeof(rt.png), "%s/qr.png", rt.dir);
	snprintf(rt.out, sizeof(rt.out), "%s/out.txt", rt.dir);
	snprintf(rt.err, sizeof(rt.err), "%s/err.txt", rt.dir);

	for (p = 0; p < sizeof(payloads) / sizeof(*payloads); p++)
		for (l = MC_QR_L; l <= MC_QR_H; l++)
			roundtrip(&rt, payloads[p], l, 4, l % 2);
	roundtrip(&rt, payloads[0], MC_QR_M, 1, 1);
	roundtrip(&rt, payloads[1], MC_QR_Q, 0, 0);

	/* The helper must not invent a code from ordinary text. */
	none_argv[0] = rt.helper;
	none_argv[1] = rt.png;
	none_argv[2] = NULL;
	write_path(rt.slip, "Mã hồ sơ: 000.00.22.H12-260429-0001\n   \n");
	CHECK_INT(run(none_argv, rt.slip, NULL, rt.err), 1,
		  "halfblock2png exits 1 on text without a code");
	remove(rt.slip);
	remove(rt.err);
	remove(rt.png);
	rmdir(rt.dir);
	free(rt.helper);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_levels();
	test_layout();
	test_limits();
	test_write_error();
	test_zbar(argv[0]);
	return unit_done();
}
