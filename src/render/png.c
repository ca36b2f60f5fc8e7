/* A recorded page written as PNG in horizontal strips.
 *
 * A poster at 300 dpi is 70 MB of pixels: drawn whole, most of its time
 * went to the kernel handing those pages over and to one thread
 * compressing them.  Here each worker thread draws a strip of rows into a
 * small surface of its own, reused from strip to strip, and compresses it
 * as a deflate stream of its own ended on a byte boundary; the streams,
 * put one after the other, are one zlib stream (its Adler-32 combined from
 * the strips'), written as one IDAT chunk a strip and a last one for the
 * checksum.  Strips are a fixed
 * number of rows, so the file's bytes do not depend on the number of
 * threads.
 *
 * Each strip is drawn with a margin of rows above and below that is not
 * kept: Cairo 1.16 drops a horizontal line whose middle lies outside the
 * surface even where its width reaches in (the frame's top edge went
 * missing at a strip's foot).  A margin of half the widest line keeps
 * every such line's middle on the surface.
 *
 * Cairo does not let two threads replay one recording surface at once (a
 * replay of part of it writes the recording's own index of what is
 * visible), so the drawing itself takes the page's lock; converting and
 * compressing, most of the work, run side by side. */
#include "render_internal.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define STRIP_ROWS 256
/* Half the widest straight line a poster draws (the style allows lines
 * of 5 mm). */
#define MARGIN_MM 2.5
#define THREADS_MAX 8
#define PNG_LEVEL 4

typedef struct strip {
	unsigned char *bytes; /* the strip's deflate stream */
	size_t size;
	uLong adler;          /* of its rows as filtered (filter byte 0) */
	size_t raw_size;
} strip;

typedef struct png_job {
	cairo_surface_t *page;
	pthread_mutex_t *page_lock;
	pthread_mutex_t own_page_lock;
	double scale;
	int width, height, strip_count;
	int margin;  /* rows drawn above and below a strip, not kept */
	strip *strips;
	pthread_mutex_t lock;  /* next and failed */
	int next;
	bool failed;
	bool nomem;
	char problem[160];
} png_job;

static void job_fail(png_job *job, bool nomem, const char *problem)
{
	pthread_mutex_lock(&job->lock);
	if (!job->failed) {
		job->nomem = nomem;
		snprintf(job->problem, sizeof(job->problem), "%s", problem);
	}
	job->failed = true;
	pthread_mutex_unlock(&job->lock);
}

static int next_strip(png_job *job)
{
	int i = -1;

	pthread_mutex_lock(&job->lock);
	if (!job->failed && job->next < job->strip_count)
		i = job->next++;
	pthread_mutex_unlock(&job->lock);
	return i;
}

/* Rows y0 .. y0 + rows of the page, drawn into the worker's surface. */
static bool draw_strip(png_job *job, cairo_surface_t *surface, int y0)
{
	cairo_t *cr = cairo_create(surface);
	bool ok;

	/* Black where the page draws nothing, as on a new surface. */
	cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_translate(cr, 0, -(y0 - job->margin));
	cairo_scale(cr, job->scale, job->scale);
	cairo_set_source_surface(cr, job->page, 0, 0);
	pthread_mutex_lock(job->page_lock);
	cairo_paint(cr);
	pthread_mutex_unlock(job->page_lock);
	ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	return ok;
}

/* The strip's rows as PNG scanlines: filter type 0, then RGB. */
static size_t filter_rows(unsigned char *raw, cairo_surface_t *surface, int margin, int width,
			  int rows)
{
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *data =
		cairo_image_surface_get_data(surface) + (size_t)margin * (size_t)stride;
	unsigned char *o = raw;

	for (int y = 0; y < rows; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
		*o++ = 0;
		for (int x = 0; x < width; x++) {
			o[0] = (unsigned char)(src[x] >> 16);
			o[1] = (unsigned char)(src[x] >> 8);
			o[2] = (unsigned char)src[x];
			o += 3;
		}
	}
	return (size_t)(o - raw);
}

/* A raw deflate stream ending on a byte boundary (a sync flush), or with
 * the final block for the last strip. */
static bool deflate_strip(strip *s, const unsigned char *raw, size_t size, bool last)
{
	z_stream z;
	uLong bound;
	bool ok;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, PNG_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	s->size = 0;
	/* Room for the stream and the sync flush's empty block. */
	bound = deflateBound(&z, (uLong)size) + 16;
	s->bytes = malloc(bound);
	ok = s->bytes != NULL;
	if (ok) {
		unsigned char *kept;
		z.next_in = (Bytef *)(uintptr_t)raw;
		z.avail_in = (uInt)size;
		z.next_out = s->bytes;
		z.avail_out = (uInt)bound;
		ok = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH) == (last ? Z_STREAM_END : Z_OK) &&
		     z.avail_in == 0;
		s->size = z.total_out;
		/* Held until the file is written: only what it needs. */
		kept = realloc(s->bytes, s->size + 1);
		if (kept != NULL)
			s->bytes = kept;
	}
	deflateEnd(&z);
	s->adler = adler32(adler32(0L, Z_NULL, 0), raw, (uInt)size);
	s->raw_size = size;
	return ok;
}

static void *png_worker(void *arg)
{
	png_job *job = arg;
	cairo_surface_t *surface =
		cairo_image_surface_create(CAIRO_FORMAT_RGB24, job->width, STRIP_ROWS + 2 * job->margin);
	unsigned char *raw = malloc((size_t)STRIP_ROWS * (1 + 3 * (size_t)job->width));
	int i;

	if (raw == NULL || cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		job_fail(job, true, "out of memory");
		i = -1;
	} else {
		i = next_strip(job);
	}
	for (; i >= 0; i = next_strip(job)) {
		int y0 = i * STRIP_ROWS;
		int rows = job->height - y0 < STRIP_ROWS ? job->height - y0 : STRIP_ROWS;
		size_t size;

		if (!draw_strip(job, surface, y0)) {
			job_fail(job, false, "cannot draw the page");
			break;
		}
		size = filter_rows(raw, surface, job->margin, job->width, rows);
		if (!deflate_strip(&job->strips[i], raw, size, i + 1 == job->strip_count)) {
			job_fail(job, true, "out of memory");
			break;
		}
	}
	free(raw);
	cairo_surface_destroy(surface);
	return NULL;
}

/* ---- the file ------------------------------------------------------- */

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: its length, type, the data given in two pieces, its CRC. */
static bool chunk(FILE *out, const char *type, const unsigned char *a, size_t a_size,
		  const unsigned char *b, size_t b_size)
{
	unsigned char head[8], tail[4];
	uLong crc = crc32(0L, Z_NULL, 0);

	put32(head, (uint32_t)(a_size + b_size));
	memcpy(head + 4, type, 4);
	crc = crc32(crc, head + 4, 4);
	if (a_size > 0)
		crc = crc32(crc, a, (uInt)a_size);
	if (b_size > 0)
		crc = crc32(crc, b, (uInt)b_size);
	put32(tail, (uint32_t)crc);
	return fwrite(head, 1, 8, out) == 8 && (a_size == 0 || fwrite(a, 1, a_size, out) == a_size) &&
	       (b_size == 0 || fwrite(b, 1, b_size, out) == b_size) && fwrite(tail, 1, 4, out) == 4;
}

/* Signature, header (8-bit RGB), resolution, a chunk of image data per
 * strip (the zlib header before the first, the Adler-32 after the last),
 * the end. */
static bool write_file(FILE *out, const png_job *job, double dpi)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	/* zlib: deflate with a 32 KB window; level 2-5 is "fast". */
	const unsigned char zhead[2] = {0x78, 0x5E};
	unsigned char ihdr[13] = {0}, phys[9], adler[4];
	uint32_t per_metre = (uint32_t)lround(dpi / 0.0254);
	uLong sum = adler32(0L, Z_NULL, 0);
	bool ok;

	put32(ihdr, (uint32_t)job->width);
	put32(ihdr + 4, (uint32_t)job->height);
	ihdr[8] = 8;  /* bits a sample */
	ihdr[9] = 2;  /* RGB */
	put32(phys, per_metre);
	put32(phys + 4, per_metre);
	phys[8] = 1;  /* per metre */
	ok = fwrite(signature, 1, 8, out) == 8 && chunk(out, "IHDR", ihdr, 13, NULL, 0) &&
	     chunk(out, "pHYs", phys, 9, NULL, 0);
	for (int i = 0; ok && i < job->strip_count; i++) {
		const strip *s = &job->strips[i];
		sum = adler32_combine(sum, s->adler, (z_off_t)s->raw_size);
		ok = chunk(out, "IDAT", i == 0 ? zhead : NULL, i == 0 ? 2 : 0, s->bytes, s->size);
	}
	put32(adler, (uint32_t)sum);
	ok = ok && chunk(out, "IDAT", adler, 4, NULL, 0);
	return ok && chunk(out, "IEND", NULL, 0, NULL, 0);
}

static int thread_count(bool one_thread)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (one_thread || n < 2)
		return 1;
	return n > THREADS_MAX ? THREADS_MAX : (int)n;
}

em_status em__png_write(FILE *out, const char *path, cairo_surface_t *page,
			pthread_mutex_t *page_lock, int width, int height, double scale, double dpi,
			bool one_thread, em_error *err)
{
	png_job job = {.page = page, .page_lock = page_lock, .scale = scale, .width = width,
		       .height = height, .strip_count = (height + STRIP_ROWS - 1) / STRIP_ROWS,
		       .margin = (int)ceil(MARGIN_MM * scale) + 1};
	pthread_t threads[THREADS_MAX];
	int threads_wanted = thread_count(one_thread), started = 0;
	em_status status = EM_OK;

	if (width <= 0 || height <= 0)
		return em_error_set(err, EM_ERR_INVALID, "%s: the page has no pixels", path);
	job.strips = calloc((size_t)job.strip_count, sizeof(*job.strips));
	if (job.strips == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", path);
	pthread_mutex_init(&job.lock, NULL);
	/* Without the caller's lock, one of the job's own. */
	pthread_mutex_init(&job.own_page_lock, NULL);
	if (job.page_lock == NULL)
		job.page_lock = &job.own_page_lock;
	if (threads_wanted > job.strip_count)
		threads_wanted = job.strip_count;
	for (int i = 1; i < threads_wanted; i++)
		if (pthread_create(&threads[started], NULL, png_worker, &job) == 0)
			started++;
	png_worker(&job);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&job.lock);
	pthread_mutex_destroy(&job.own_page_lock);
	errno = 0;
	if (job.failed)
		status = em_error_set(err, job.nomem ? EM_ERR_NOMEM : EM_ERR_IO,
				      "%s: cannot write the PNG: %s", path, job.problem);
	else if (!write_file(out, &job, dpi))
		status = em_error_set(err, EM_ERR_IO, "%s: cannot write the PNG: %s", path,
				      errno ? strerror(errno) : "write error");
	for (int i = 0; i < job.strip_count; i++)
		free(job.strips[i].bytes);
	free(job.strips);
	return status;
}
