/* motcua — many QR codes into files at once, on every core. */
#include <errno.h>
#include <stdio.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "qrprint.h"

/* A code to draw: its payload and the file it goes to (both owned). */
struct item {
	char *payload, *path;
};

#define QUEUE 64
#define MAX_THREADS 8

/*
 * The caller hands the items over through a ring; worker threads encode
 * and write them: libqrencode's choice of mask is most of the work. The
 * first failure of a worker (a full disk) stops the batch.
 */
struct mc_qr_batch {
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct item ring[QUEUE];
	size_t head, count;
	int closed;                 /* no more items coming             */
	mc_status fatal;            /* a worker's failure               */
	char why[600];              /* and its reason                   */
	mc_qr_style style;
	mc_qr_level level;
	pthread_t threads[MAX_THREADS];
	int nthreads;
};

/* A file for path, private (0600) under a temporary name beside it: tmp
 * holds that name (at least strlen(path) + 9 bytes). NULL with errno. */
static FILE *open_private(const char *path, char *tmp)
{
	const char *slash = strrchr(path, '/');
	int dir = slash ? (int)(slash - path) + 1 : 0;
	sprintf(tmp, "%.*s.%s.XXXXXX", dir, path, path + dir);
	int fd = mkstemp(tmp);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "wb");
	if (fd >= 0 && !fp) {
		int err = errno;
		close(fd);
		unlink(tmp);
		errno = err;
	}
	return fp;
}

/* One code: MC_OK, or the failure's status with its reason in why. The
 * file is whole once in place: written beside, then renamed. */
static mc_status draw_one(const mc_qr_batch *b, const struct item *it, char *why, size_t n)
{
	mc_qr qr = MC_QR_INIT;
	char *tmp = malloc(strlen(it->path) + 10);
	mc_status st = tmp ? mc_qr_encode(&qr, it->payload, b->level) : MC_NOMEM;
	FILE *fp = st == MC_OK ? open_private(it->path, tmp) : NULL;
	mc_status rc = MC_OK;
	if (st != MC_OK) {
		snprintf(why, n, "%s", _(mc_status_str(st)));
		rc = st;
	} else if (!fp) {
		snprintf(why, n, "%s: %s", it->path, mc_strerror(errno));
		rc = MC_CANT_CREATE;
	} else {
		st = mc_qr_write(fp, &qr, &b->style);
		if (fclose(fp) != 0 || st != MC_OK || rename(tmp, it->path) != 0) {
			snprintf(why, n, _("%s: write error: %s"), it->path, mc_strerror(errno));
			unlink(tmp);
			rc = MC_IO;
		}
	}
	free(tmp);
	mc_qr_release(&qr);
	return rc;
}

static void *worker(void *arg)
{
	mc_qr_batch *b = arg;
	char why[sizeof b->why];
	for (;;) {
		struct item it;
		mc_status st;
		pthread_mutex_lock(&b->lock);
		while (!b->count && !b->closed && !b->fatal)
			pthread_cond_wait(&b->more, &b->lock);
		if (b->fatal || !b->count) {
			pthread_mutex_unlock(&b->lock);
			return NULL;
		}
		it = b->ring[b->head];
		b->head = (b->head + 1) % QUEUE;
		b->count--;
		pthread_cond_signal(&b->room);
		pthread_mutex_unlock(&b->lock);
		st = draw_one(b, &it, why, sizeof why);
		free(it.payload);
		free(it.path);
		if (st != MC_OK) {
			pthread_mutex_lock(&b->lock);
			if (!b->fatal) {
				b->fatal = st;
				memcpy(b->why, why, sizeof why);
			}
			pthread_cond_broadcast(&b->room);
			pthread_cond_broadcast(&b->more);
			pthread_mutex_unlock(&b->lock);
		}
	}
}

mc_status mc_qr_batch_start(const mc_qr_style *style, mc_qr_level level, mc_qr_batch **out)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int want = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (int)cpus;
	mc_qr_batch *b = calloc(1, sizeof *b);
	*out = NULL;
	if (!b)
		return MC_NOMEM;
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->more, NULL);
	pthread_cond_init(&b->room, NULL);
	b->style = *style;
	b->level = level;
#ifdef M_TRIM_THRESHOLD
	/* Each code allocates and frees the same few hundred kilobytes
	 * (libqrencode, zlib): glibc would hand the workers' heaps back to
	 * the system after each one and map them again, every unmapping an
	 * interrupt to the other cores (a fifth of the batch's time). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
	while (b->nthreads < want &&
	       pthread_create(&b->threads[b->nthreads], NULL, worker, b) == 0)
		b->nthreads++;
	if (!b->nthreads) {
		free(b);
		return MC_IO;
	}
	*out = b;
	return MC_OK;
}

mc_status mc_qr_batch_add(mc_qr_batch *b, char *payload, char *path)
{
	mc_status fatal;
	pthread_mutex_lock(&b->lock);
	while (b->count == QUEUE && !b->fatal)
		pthread_cond_wait(&b->room, &b->lock);
	fatal = b->fatal;
	if (!fatal) {
		b->ring[(b->head + b->count) % QUEUE] = (struct item){ payload, path };
		b->count++;
		pthread_cond_signal(&b->more);
	}
	pthread_mutex_unlock(&b->lock);
	if (fatal) {
		free(payload);
		free(path);
	}
	return fatal;
}

mc_status mc_qr_batch_finish(mc_qr_batch *b, char *why, size_t n)
{
	mc_status st;
	pthread_mutex_lock(&b->lock);
	b->closed = 1;
	pthread_cond_broadcast(&b->more);
	pthread_mutex_unlock(&b->lock);
	while (b->nthreads--)
		pthread_join(b->threads[b->nthreads], NULL);
	st = b->fatal;
	if (st != MC_OK)
		snprintf(why, n, "%s", b->why);
	/* Items left when a failure stopped the workers. */
	for (; b->count; b->count--, b->head = (b->head + 1) % QUEUE) {
		free(b->ring[b->head].payload);
		free(b->ring[b->head].path);
	}
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->more);
	pthread_cond_destroy(&b->room);
	free(b);
	return st;
}
