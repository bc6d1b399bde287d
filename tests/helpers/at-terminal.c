/* motcua — runs a program on a pseudo-terminal and types at it, waiting
 * for what it prints before each key, as a clerk at the counter does.
 *
 *   at-terminal SCRIPT TRANSCRIPT PROGRAM [ARG]...
 *
 * SCRIPT has one step a line:
 *   < TEXT    wait until TEXT is printed (after what the last step found)
 *   > KEYS    type KEYS: UTF-8 as written, with \n \r \e \t \\ and \xHH
 *   # ...     a comment (so is an empty line)
 * Keys before the first "<" step are typed ahead, before the program
 * starts: the terminal holds them in its ordinary (canonical) mode, as
 * it does for a clerk who types before the question is on the screen.
 * Everything the program printed goes to TRANSCRIPT. The exit status is
 * the program's; 125 when a step waited in vain for AT_TERMINAL_TIMEOUT
 * seconds (default 300: a hang, not a slow machine), 126 on an error of
 * the helper itself. Waiting for the prompt before typing makes the test
 * independent of timing: the keys reach the program when it reads them.
 * The program is one that edits its lines (libedit): once it has started,
 * a "> KEYS" step also waits until it reads the terminal key by key (out
 * of canonical mode), for line editing prints its prompt before it
 * leaves that mode, and keys typed in between would be taken by the
 * terminal's own line discipline (an arrow echoed as ^[[A, a backspace
 * erasing in the terminal's buffer).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static char *out;               /* all the program printed */
static size_t out_len, out_cap, seen;
static long timeout = 300;      /* seconds */

static void die(const char *what)
{
	fprintf(stderr, "at-terminal: %s: %s\n", what, strerror(errno));
	exit(126);
}

/* Reads what the program printed within ms milliseconds; 0 at its end. */
static int pump(int master, int ms)
{
	struct pollfd p = { master, POLLIN, 0 };
	int r = poll(&p, 1, ms);
	if (r < 0 && errno != EINTR)
		die("poll");
	if (r <= 0)
		return 1;
	if (out_len + 4096 > out_cap) {
		out_cap = (out_cap + 4096) * 2;
		if (!(out = realloc(out, out_cap)))
			die("realloc");
	}
	ssize_t n = read(master, out + out_len, 4096);
	if (n > 0) {
		out_len += (size_t)n;
		return 1;
	}
	return n < 0 && errno == EINTR;  /* EIO: the terminal is closed */
}

static int found(const char *text)
{
	size_t k = strlen(text);
	for (size_t i = seen; i + k <= out_len; i++)
		if (memcmp(out + i, text, k) == 0) {
			seen = i + k;
			return 1;
		}
	return 0;
}

/* Waits for text; 0 when the time runs out or the program ends first. */
static int wait_for(int master, const char *text)
{
	time_t end = time(NULL) + timeout;
	while (!found(text)) {
		if (time(NULL) > end || !pump(master, 1000))
			return found(text);
	}
	return 1;
}

/* Waits until the program reads its terminal key by key (on Linux, the
 * master end reports the terminal's mode); 0 when the time runs out or
 * the program ends first. */
static int wait_keys(int master)
{
	time_t end = time(NULL) + timeout;
	struct termios t;
	for (;;) {
		if (tcgetattr(master, &t) < 0)
			die("tcgetattr");
		if (!(t.c_lflag & ICANON))
			return 1;
		if (time(NULL) > end || !pump(master, 10))
			return 0;
	}
}

static int hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The keys a "> KEYS" step names, unescaped in place; their count. */
static size_t unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r != '\\' || !r[1]) {
			*w++ = *r;
			continue;
		}
		switch (*++r) {
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 'e': *w++ = '\033'; break;
		case 't': *w++ = '\t'; break;
		case 'x':
			if (hex(r[1]) >= 0 && hex(r[2]) >= 0) {
				*w++ = (char)(hex(r[1]) * 16 + hex(r[2]));
				r += 2;
				break;
			}
			/* fall through */
		default: *w++ = *r; break;
		}
	}
	return (size_t)(w - s);
}

/* The terminal's two ends; the program's end is opened here, so that the
 * terminal closes (EIO on the master) only when the program is done. */
static int open_terminal(int *slave)
{
	struct winsize ws = { 24, 80, 0, 0 };
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	const char *name;
	if (master < 0 || grantpt(master) || unlockpt(master) || !(name = ptsname(master)) ||
	    (*slave = open(name, O_RDWR | O_NOCTTY)) < 0)
		die("posix_openpt");
	ioctl(*slave, TIOCSWINSZ, &ws);
	return master;
}

static pid_t start(char **argv, int master, int slave)
{
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(master);
		if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0 || dup2(slave, 0) < 0 ||
		    dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
			_exit(126);
		if (slave > 2)
			close(slave);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(slave);
	return pid;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: at-terminal SCRIPT TRANSCRIPT PROGRAM [ARG]...\n", stderr);
		return 126;
	}
	const char *limit = getenv("AT_TERMINAL_TIMEOUT");
	if (limit && *limit) {
		char *e;
		long v = strtol(limit, &e, 10);
		if (*e || v < 1 || v > 86400) {
			fprintf(stderr, "at-terminal: AT_TERMINAL_TIMEOUT: \"%s\" is not 1 to 86400\n", limit);
			return 126;
		}
		timeout = v;
	}
	FILE *script = fopen(argv[1], "r");
	if (!script)
		die(argv[1]);
	int slave, master = open_terminal(&slave), status = 0, rc = 0;
	pid_t pid = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (!rc && (n = getline(&line, &cap, script)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n >= 2 && line[0] == '<' && line[1] == ' ') {
			if (!pid)
				pid = start(argv + 3, master, slave);
			if (!wait_for(master, line + 2)) {
				fprintf(stderr, "at-terminal: never printed: \"%s\"\n", line + 2);
				rc = 125;
			}
		} else if (n >= 2 && line[0] == '>' && line[1] == ' ') {
			if (pid && !wait_keys(master)) {
				fprintf(stderr, "at-terminal: never read key by key before: \"%s\"\n",
					line + 2);
				rc = 125;
				continue;
			}
			size_t k = unescape(line + 2);
			if (write(master, line + 2, k) != (ssize_t)k)
				die("write");
		} else if (n && line[0] != '#') {
			fprintf(stderr, "at-terminal: %s: not a step: \"%s\"\n", argv[1], line);
			rc = 126;
		}
	}
	free(line);
	if (ferror(script)) {
		fprintf(stderr, "at-terminal: %s: %s\n", argv[1], strerror(errno));
		rc = 126;
	}
	fclose(script);
	if (!pid)
		pid = start(argv + 3, master, slave);
	if (rc)
		kill(pid, SIGKILL);
	/* The end of the program: its terminal closed (EIO). */
	time_t end = time(NULL) + timeout;
	int ended = 0;
	while (!ended && time(NULL) <= end)
		ended = !pump(master, 1000);
	if (!ended) {
		fputs("at-terminal: the program did not end\n", stderr);
		kill(pid, SIGKILL);
		rc = 125;
	}
	waitpid(pid, &status, 0);
	FILE *t = fopen(argv[2], "w");
	if (!t || fwrite(out, 1, out_len, t) != out_len || fclose(t))
		die(argv[2]);
	free(out);
	if (rc)
		return rc;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
