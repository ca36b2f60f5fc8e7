/* A recorded page played into files: PNG (with its resolution), PDF
 * (with its metadata and a reproducible date), SVG; each written
 * atomically, several at once on their own threads. */
#include "render_internal.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

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

/* PNG through libpng: RGB without alpha (the page is opaque), no row
 * filter and zlib level 4 with the default strategy.  A poster is mostly
 * flat colour, where filters only add work: on the default poster this
 * makes a file about 10 % smaller than Cairo's writer (all filters, level
 * 6) in about half its time (bench/render). */
/* libpng reports through callbacks: keep the message, print nothing. */
static void png_error_kept(png_structp png, png_const_charp message)
{
	char *kept = png_get_error_ptr(png);

	snprintf(kept, 160, "%s", message);
	png_longjmp(png, 1);
}

static void png_warning_ignored(png_structp png, png_const_charp message)
{
	(void)png;
	(void)message;
}

static em_status write_png(cairo_surface_t *surface, FILE *out, const char *path, double dpi,
			   em_error *err)
{
	char problem[160] = "";
	int width = cairo_image_surface_get_width(surface);
	int height = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *data;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, problem, png_error_kept,
						  png_warning_ignored);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_bytep row = NULL;
	volatile em_status status = EM_OK;

	cairo_surface_flush(surface);
	data = cairo_image_surface_get_data(surface);
	if (png == NULL || info == NULL) {
		png_destroy_write_struct(&png, &info);
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", path);
	}
	row = malloc((size_t)width * 3);
	errno = 0;
	if (row == NULL || setjmp(png_jmpbuf(png))) {
		status = em_error_set(err, EM_ERR_IO, "%s: cannot write the PNG: %s", path,
				      errno ? strerror(errno) : problem[0] ? problem : "out of memory");
		goto done;
	}
	png_init_io(png, out);
	png_set_compression_level(png, 4);
	png_set_compression_strategy(png, Z_DEFAULT_STRATEGY);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_set_pHYs(png, info, (png_uint_32)lround(dpi / 0.0254), (png_uint_32)lround(dpi / 0.0254),
		     PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (int y = 0; y < height; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < width; x++) {
			row[3 * x] = (png_byte)(src[x] >> 16);
			row[3 * x + 1] = (png_byte)(src[x] >> 8);
			row[3 * x + 2] = (png_byte)src[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
done:
	png_destroy_write_struct(&png, &info);
	free(row);
	return status;
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


static cairo_surface_t *make_surface(format f, FILE *out, const em_page *page, double dpi,
				     double *scale)
{
	double pt_w = page->width_mm / 25.4 * 72, pt_h = page->height_mm / 25.4 * 72;

	switch (f) {
	case FORMAT_PNG:
		*scale = dpi / 25.4;
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24,
						  (int)lround(page->width_mm / 25.4 * dpi),
						  (int)lround(page->height_mm / 25.4 * dpi));
	case FORMAT_PDF:
		*scale = 72 / 25.4;
		return cairo_pdf_surface_create_for_stream(write_stream, out, pt_w, pt_h);
	default:
		*scale = 72 / 25.4;
		return cairo_svg_surface_create_for_stream(write_stream, out, pt_w, pt_h);
	}
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

/* Plays the recorded page into one file, written atomically. */
static em_status write_output(const char *path, format f, cairo_surface_t *page,
			      const em_poster_options *o, long long epoch, double dpi,
			      em_render_report *report, em_error *err)
{
	em_atomic_file *file = NULL;
	cairo_surface_t *surface;
	cairo_t *cr;
	double scale;
	em_status status = em_atomic_file_create(&file, path, err);

	if (status != EM_OK)
		return status;
	surface = make_surface(f, em_atomic_file_stream(file), &o->page, dpi, &scale);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		status = em_error_set(err, EM_ERR_NOMEM, "%s: cannot create the page: %s", path,
				      cairo_status_to_string(cairo_surface_status(surface)));
	if (status == EM_OK && f == FORMAT_PDF)
		set_pdf_metadata(surface, o, epoch);
	if (status == EM_OK) {
		cr = cairo_create(surface);
		cairo_scale(cr, scale, scale);
		cairo_set_source_surface(cr, page, 0, 0);
		cairo_paint(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			status = em_error_set(err, EM_ERR_IO, "%s: %s", path,
					      cairo_status_to_string(cairo_status(cr)));
		cairo_destroy(cr);
	}
	if (status == EM_OK && f == FORMAT_PNG) {
		status = write_png(surface, em_atomic_file_stream(file), path, dpi, err);
		if (report != NULL) {
			report->pixel_width = cairo_image_surface_get_width(surface);
			report->pixel_height = cairo_image_surface_get_height(surface);
		}
	}
	/* PDF and SVG write their last bytes here. */
	cairo_surface_finish(surface);
	if (status == EM_OK && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		status = em_error_set(err, EM_ERR_IO, "%s: %s", path,
				      cairo_status_to_string(cairo_surface_status(surface)));
	cairo_surface_destroy(surface);
	if (status == EM_OK)
		status = em_atomic_file_commit(file, err);
	em_atomic_file_destroy(file);
	return status;
}

typedef struct output_job {
	const char *path;
	format f;
	cairo_surface_t *page;
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
	job->status = write_output(job->path, job->f, job->page, job->options, job->epoch,
				   job->dpi, job->report, &job->err);
	return NULL;
}

/* Each file is played back from the recorded page in a thread of its own:
 * rasterising the PNG and writing the PDF use separate surfaces and only
 * read the recording. */
static em_status write_outputs(const char *const *paths, const format *formats, size_t count,
			       cairo_surface_t *page, const em_poster_options *o, long long epoch,
			       double dpi, em_render_report *report, em_error *err)
{
	output_job jobs[16];
	pthread_t threads[16];
	bool started[16] = {false};
	em_status status = EM_OK;

	for (size_t i = 0; i < count; i++) {
		output_job job = {paths[i], formats[i], page, o, epoch, dpi, report, {0, ""}, EM_OK};
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
