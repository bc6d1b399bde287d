/* http-hold PORT PATH: a client that keeps a request in flight, for the
 * test of motcua serve's stop (tests/e2e/t2100-serve.sh).
 *
 * On one connection to 127.0.0.1:PORT it sends a whole request for
 * /healthz and reads its answer (so the server has taken the connection),
 * then the first lines of a request for PATH without its end, prints
 * "held" and waits for a line on standard input; then it ends the
 * request, and prints the status line and the Connection header of the
 * answer, read to the end of the connection. */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static int send_all(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads one answer with a Content-Length (until_eof: to the end of the
 * connection) into buf; returns its length or -1. */
static ssize_t read_answer(int fd, char *buf, size_t cap, int until_eof)
{
	size_t len = 0;
	for (;;) {
		ssize_t r = read(fd, buf + len, cap - 1 - len);
		if (r < 0)
			return -1;
		len += (size_t)r;
		buf[len] = '\0';
		if (r == 0 || len == cap - 1)
			return until_eof || strstr(buf, "\r\n\r\n") ? (ssize_t)len : -1;
		char *end = strstr(buf, "\r\n\r\n");
		if (!until_eof && end) {
			const char *cl = strcasestr(buf, "\r\nContent-Length:");
			size_t body = cl ? strtoul(cl + 17, NULL, 10) : 0;
			if (len >= (size_t)(end + 4 - buf) + body)
				return (ssize_t)len;
		}
	}
}

static void print_head(const char *buf)
{
	const char *eol = strstr(buf, "\r\n");
	printf("%.*s\n", eol ? (int)(eol - buf) : (int)strlen(buf), buf);
	const char *c = strcasestr(buf, "\r\nConnection:");
	if (c) {
		c += 2;
		eol = strstr(c, "\r\n");
		printf("%.*s\n", eol ? (int)(eol - c) : (int)strlen(c), c);
	}
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	char req[512], line[16];
	struct sockaddr_in sa = { 0 };
	if (argc != 3) {
		fprintf(stderr, "usage: http-hold PORT PATH\n");
		return 2;
	}
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		perror("http-hold: connect");
		return 1;
	}
	if (send_all(fd, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n") != 0 ||
	    read_answer(fd, buf, sizeof buf, 0) < 0) {
		fprintf(stderr, "http-hold: no answer to the first request\n");
		return 1;
	}
	printf("first: ");
	print_head(buf);
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\n", argv[2]);
	if (send_all(fd, req) != 0) {
		perror("http-hold: write");
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 1;
	if (send_all(fd, "\r\n") != 0 || read_answer(fd, buf, sizeof buf, 1) <= 0) {
		printf("cut\n");
		return 1;
	}
	printf("second: ");
	print_head(buf);
	close(fd);
	return 0;
}
