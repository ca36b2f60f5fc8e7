/* A recorded page played into files: PNG (with its resolution), PDF
 * (with its metadata and a reproducible date), SVG; each written
 * atomically, several at once on their own threads. */
#include "render_internal.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "eventmap/atomic.h"

/* ---- output -------------------------------------------------------- */

typedef enum format { FORMAT_PNG, FORMAT_PDF, FORMAT_SVG } format;

static bool format_of(const char *path, format *out)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return false;
	if (strcasecmp(dot, ".png") == 0)
		*out = FORMAT_PNG;
	else if (strcasecmp(dot, ".pdf") == 0)
		*out = FORMAT_PDF;
	else if (strcasecmp(dot, ".svg") == 0)
		*out = FORMAT_SVG;
	else
		return false;
	return true;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

static const char *pdf_date(long long epoch, char *out, size_t size)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* The PDF's date: SOURCE_DATE_EPOCH, else the data's last day, so that the
 * same inputs give the same bytes. */
static long long poster_epoch(const em_poster_options *o, const em_dataset *ds)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	em_date last = 0;

	if (o->source_date_epoch >= 0)
		return o->source_date_epoch;
	if (env != NULL && env[0] != '\0')
		return strtoll(env, NULL, 10);
	for (size_t i = 0; i < em_dataset_report_count(ds); i++)
		if (em_dataset_report(ds, i)->date_end > last)
			last = em_dataset_report(ds, i)->date_end;
	return (long long)last * 86400LL;
}


static cairo_surface_t *make_surface(format f, FILE *out, const em_page *page)
{
	double pt_w = page->width_mm / 25.4 * 72, pt_h = page->height_mm / 25.4 * 72;

	if (f == FORMAT_PDF)
		return cairo_pdf_surface_create_for_stream(write_stream, out, pt_w, pt_h);
	return cairo_svg_surface_create_for_stream(write_stream, out, pt_w, pt_h);
}

static void set_pdf_metadata(cairo_surface_t *surface, const em_poster_options *o, long long epoch)
{
	char date[32];

	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, o->title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, o->subtitle);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "eventmap");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
				       pdf_date(epoch, date, sizeof(date)));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* The page in pixels at the resolution asked for. */
static em_status write_png(FILE *out, const char *path, cairo_surface_t *page,
			   pthread_mutex_t *page_lock, const em_poster_options *o, double dpi,
			   em_render_report *report, em_error *err)
{
	int width = (int)lround(o->page.width_mm / 25.4 * dpi);
	int height = (int)lround(o->page.height_mm / 25.4 * dpi);

	if (report != NULL) {
		report->pixel_width = width;
		report->pixel_height = height;
	}
	return em__png_write(out, path, page, page_lock, width, height, dpi / 25.4, dpi,
			     o->one_thread, err);
}

/* The page as vectors, in points. */
static em_status write_vector(FILE *out, const char *path, format f, cairo_surface_t *page,
			      pthread_mutex_t *page_lock, const em_poster_options *o,
			      long long epoch, em_error *err)
{
	cairo_surface_t *surface = make_surface(f, out, &o->page);
	em_status status = EM_OK;
	cairo_t *cr;

	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		status = em_error_set(err, EM_ERR_NOMEM, "%s: cannot create the page: %s", path,
				      cairo_status_to_string(cairo_surface_status(surface)));
	if (status == EM_OK && f == FORMAT_PDF)
		set_pdf_metadata(surface, o, epoch);
	if (status == EM_OK) {
		cr = cairo_create(surface);
		cairo_scale(cr, 72 / 25.4, 72 / 25.4);
		cairo_set_source_surface(cr, page, 0, 0);
		/* The surface keeps its own copy of the page: only this reads it. */
		pthread_mutex_lock(page_lock);
		cairo_paint(cr);
		pthread_mutex_unlock(page_lock);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			status = em_error_set(err, EM_ERR_IO, "%s: %s", path,
					      cairo_status_to_string(cairo_status(cr)));
		cairo_destroy(cr);
	}
	/* PDF and SVG write their last bytes here. */
	cairo_surface_finish(surface);
	if (status == EM_OK && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		status = em_error_set(err, EM_ERR_IO, "%s: %s", path,
				      cairo_status_to_string(cairo_surface_status(surface)));
	cairo_surface_destroy(surface);
	return status;
}

/* Plays the recorded page into one file, written atomically. */
static em_status write_output(const char *path, format f, cairo_surface_t *page,
			      pthread_mutex_t *page_lock, const em_poster_options *o,
			      long long epoch, double dpi, em_render_report *report, em_error *err)
{
	em_atomic_file *file = NULL;
	em_status status = em_atomic_file_create(&file, path, err);

	if (status != EM_OK)
		return status;
	if (f == FORMAT_PNG)
		status = write_png(em_atomic_file_stream(file), path, page, page_lock, o, dpi,
				   report, err);
	else
		status = write_vector(em_atomic_file_stream(file), path, f, page, page_lock, o,
				      epoch, err);
	if (status == EM_OK)
		status = em_atomic_file_commit(file, err);
	em_atomic_file_destroy(file);
	return status;
}

typedef struct output_job {
	const char *path;
	format f;
	cairo_surface_t *page;
	pthread_mutex_t *page_lock;
	const em_poster_options *options;
	long long epoch;
	double dpi;
	em_render_report *report;
	em_error err;
	em_status status;
} output_job;

static void *run_output(void *arg)
{
	output_job *job = arg;

	em_error_clear(&job->err);
	job->status = write_output(job->path, job->f, job->page, job->page_lock, job->options,
				   job->epoch, job->dpi, job->report, &job->err);
	return NULL;
}

/* Each file is played back from the recorded page in a thread of its own,
 * each on its own surface; the recording itself is read by one thread at
 * a time (page_lock). */
static em_status write_outputs(const char *const *paths, const format *formats, size_t count,
			       cairo_surface_t *page, const em_poster_options *o, long long epoch,
			       double dpi, em_render_report *report, em_error *err)
{
	output_job jobs[16];
	pthread_t threads[16];
	bool started[16] = {false};
	pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;
	em_status status = EM_OK;

	for (size_t i = 0; i < count; i++) {
		output_job job = {paths[i], formats[i], page,  &page_lock, o,	  epoch,
				  dpi,	    report,	{0, ""}, EM_OK};
		jobs[i] = job;
	}
	for (size_t i = 1; i < count && !o->one_thread; i++)
		started[i] = pthread_create(&threads[i], NULL, run_output, &jobs[i]) == 0;
	run_output(&jobs[0]);
	for (size_t i = 1; i < count; i++) {
		if (started[i])
			pthread_join(threads[i], NULL);
		else
			run_output(&jobs[i]);
	}
	for (size_t i = 0; i < count && status == EM_OK; i++)
		if (jobs[i].status != EM_OK)
			status = em_error_set(err, jobs[i].status, "%s", jobs[i].err.message);
	return status;
}


/* Every path names a format eventmap writes; checked before any drawing. */
static em_status check_formats(const char *const *paths, size_t count, format *formats,
			       em_error *err)
{
	if (count == 0 || count > 16)
		return em_error_set(err, EM_ERR_INVALID, "render: give 1 to 16 output files");
	for (size_t i = 0; i < count; i++)
		if (!format_of(paths[i], &formats[i]))
			return em_error_set(err, EM_ERR_INVALID,
					    "%s: the output must end in .png, .pdf or .svg", paths[i]);
	return EM_OK;
}

em_status em__render_check_outputs(const char *const *paths, size_t count, em_error *err)
{
	format formats[16];

	return check_formats(paths, count, formats, err);
}

em_status em__render_write(const char *const *paths, size_t count, cairo_surface_t *page,
			  const em_poster_options *options, const em_dataset *dataset,
			  double dpi, em_render_report *report, em_error *err)
{
	format formats[16];
	em_status status = check_formats(paths, count, formats, err);

	if (status != EM_OK)
		return status;
	return write_outputs(paths, formats, count, page, options, poster_epoch(options, dataset),
			     dpi, report, err);
}

cairo_surface_t *em__render_page(const em_page *page)
{
	cairo_rectangle_t extents = {0, 0, page->width_mm, page->height_mm};

	return cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents);
}

double em__render_dpi(const em_poster_options *options)
{
	if (options->page.pixel_dpi > 0)
		return options->page.pixel_dpi;
	return options->dpi > 0 ? options->dpi : 300;
}
