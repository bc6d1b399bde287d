/* record-run [-c DIR] PREFIX PROGRAM [ARG...]: runs PROGRAM and keeps
 * what it printed, for scripts/compare-outputs.sh.
 *
 * PROGRAM's standard output and error go through pipes to this program,
 * which passes them on as they come and copies them to PREFIX.out and
 * PREFIX.err; at the end PREFIX.rc holds the exit status as the shell
 * shows it (128 + N for signal N), and this program exits the same way.
 * Standard input is PROGRAM's own.
 *
 * What a caller sees stays as without it:
 * - a terminal on any of the three (prompts, colours, progress) or an
 *   output to a character device other than /dev/null (a test of
 *   /dev/full) is left to PROGRAM: with a terminal, PROGRAM replaces this
 *   program and nothing is kept; a /dev/full is kept as PROGRAM's own
 *   and PREFIX.out (or .err) then says "(not captured)";
 * - both outputs to one file (2>&1) go through one pipe, in the order
 *   PROGRAM wrote them: PREFIX.out has both, PREFIX.err says so;
 * - killed with SIGKILL, this program takes PROGRAM with it (a test that
 *   kills the process it started kills motcua); other signals are passed on;
 * - when the reader of an output goes away, PROGRAM's pipe closes too.
 *
 * With -c DIR, the runs that share DIR note whether they overlapped: a
 * run that another one was running beside, at any moment, writes 1 to
 * PREFIX.conc (what it printed may depend on the scheduling). Each run
 * holds a shared lock on DIR/.active while it lives (the kernel drops it
 * when a run is killed) and counts the runs started in DIR/.starts: a
 * run overlapped if another held the lock when it started, or if
 * another started before it ended. PREFIX.seq holds the run's place in
 * the order of starts: a run that has it but no PREFIX.rc was killed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void pass_on(int sig)
{
	if (child > 0)
		kill(child, sig);
}

/* Can fd's output be taken through a pipe without PROGRAM noticing? */
static int capturable(int fd)
{
	struct stat sb, null;
	if (fstat(fd, &sb) != 0)
		return 0;
	if (S_ISREG(sb.st_mode) || S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))
		return 1;
	return S_ISCHR(sb.st_mode) && stat("/dev/null", &null) == 0 &&
	       sb.st_rdev == null.st_rdev;
}

static int same_file(int a, int b)
{
	struct stat sa, sb;
	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

struct overlap {
	int active, starts;
	long started;
	int others;
};

/* DIR's counter of started runs, under the lock of mutex; -1 on error. */
static long bump(int fd, int add)
{
	char num[32] = "";
	ssize_t n = pread(fd, num, sizeof num - 1, 0);
	long v = n > 0 ? strtol(num, NULL, 10) : 0;
	if (add) {
		v++;
		n = snprintf(num, sizeof num, "%ld\n", v);
		if (pwrite(fd, num, (size_t)n, 0) != n)
			return -1;
	}
	return v;
}

static int overlap_begin(const char *dir, struct overlap *o)
{
	char path[4096];
	int mutex;
	snprintf(path, sizeof path, "%s/.mutex", dir);
	if ((mutex = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0 ||
	    flock(mutex, LOCK_EX) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/.active", dir);
	o->active = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	snprintf(path, sizeof path, "%s/.starts", dir);
	o->starts = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (o->active < 0 || o->starts < 0) {
		close(mutex);
		return -1;
	}
	/* Every taker of .active holds mutex: nobody slips in between. */
	o->others = flock(o->active, LOCK_EX | LOCK_NB) != 0;
	flock(o->active, LOCK_SH);
	o->started = bump(o->starts, 1);
	close(mutex);
	return o->started < 0 ? -1 : 0;
}

static int overlap_end(const struct overlap *o)
{
	return o->others || bump(o->starts, 0) != o->started;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int open_record(const char *prefix, const char *ext)
{
	char path[4096];
	snprintf(path, sizeof path, "%s.%s", prefix, ext);
	return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

static void note(const char *prefix, const char *ext, const char *text)
{
	int fd = open_record(prefix, ext);
	if (fd >= 0) {
		write_all(fd, text, strlen(text));
		close(fd);
	}
}

int main(int argc, char **argv)
{
	int cap[3] = { 0, 0, 0 }, pipes[3][2], rec[3] = { -1, -1, -1 }, status;
	static const char *const ext[3] = { "", "out", "err" };
	struct pollfd pf[2];
	char buf[65536], rc[32];
	const char *conc_dir = NULL;
	struct overlap ov = { -1, -1, 0, 0 };

	if (argc > 2 && !strcmp(argv[1], "-c")) {
		conc_dir = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: record-run [-c DIR] PREFIX PROGRAM [ARG...]\n");
		return 2;
	}
	if (isatty(0) || isatty(1) || isatty(2)) {
		execv(argv[2], argv + 2);
		perror(argv[2]);
		return 127;
	}
	int joined = capturable(1) && capturable(2) && same_file(1, 2);
	for (int fd = 1; fd <= 2; fd++) {
		cap[fd] = capturable(fd) && !(joined && fd == 2);
		if (cap[fd] && (pipe2(pipes[fd], O_CLOEXEC) != 0 ||
				(rec[fd] = open_record(argv[1], ext[fd])) < 0)) {
			perror("record-run");
			return 127;
		}
		if (!cap[fd])
			note(argv[1], ext[fd], joined ? "(with the standard output)\n" :
						      "(not captured)\n");
	}

	if (conc_dir) {
		if (overlap_begin(conc_dir, &ov) != 0) {
			perror("record-run: -c");
			return 127;
		}
		snprintf(rc, sizeof rc, "%ld\n", ov.started);
		note(argv[1], "seq", rc);
	}
	pid_t parent = getpid();
	signal(SIGPIPE, SIG_IGN);
	child = fork();
	if (child < 0) {
		perror("record-run: fork");
		return 127;
	}
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)  /* it died before prctl */
			_exit(137);
		signal(SIGPIPE, SIG_DFL);
		for (int fd = 1; fd <= 2; fd++)
			if (cap[fd] && dup2(pipes[fd][1], fd) < 0)
				_exit(127);
		if (joined && dup2(1, 2) < 0)
			_exit(127);
		execv(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	signal(SIGTERM, pass_on);
	signal(SIGINT, pass_on);
	signal(SIGHUP, pass_on);
	signal(SIGQUIT, pass_on);

	int open_n = 0;
	for (int fd = 1; fd <= 2; fd++) {
		pf[fd - 1].fd = cap[fd] ? pipes[fd][0] : -1;
		pf[fd - 1].events = POLLIN;
		if (cap[fd]) {
			close(pipes[fd][1]);
			open_n++;
		}
	}
	while (open_n > 0) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (pf[i].fd < 0 || !pf[i].revents)
				continue;
			ssize_t n = read(pf[i].fd, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n > 0)
				write_all(rec[i + 1], buf, (size_t)n);
			/* A reader gone (EPIPE): PROGRAM meets it on its next write. */
			if (n <= 0 || write_all(i + 1, buf, (size_t)n) != 0) {
				close(pf[i].fd);
				pf[i].fd = -1;
				open_n--;
			}
		}
	}
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			perror("record-run: waitpid");
			return 127;
		}
	if (conc_dir && overlap_end(&ov))
		note(argv[1], "conc", "1\n");
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	snprintf(rc, sizeof rc, "%d\n", code);
	note(argv[1], "rc", rc);
	if (WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
	}
	return code;
}
