/* Composing the poster: page presets, the layout for the page's shape
 * (map beside the panels on a wide page, above them on a tall one), the
 * output surface (PNG through libpng, PDF and SVG through Cairo's vector
 * back ends) and atomic writing. */
#include "render_internal.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <png.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "eventmap/atomic.h"

#define A3_AREA (420.0 * 297.0)

void em_poster_options_init(em_poster_options *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->page.name, sizeof(o->page.name), "A3 landscape");
	o->page.width_mm = 420;
	o->page.height_mm = 297;
	o->dpi = 300;
	o->source_date_epoch = -1;
}

em_status em_page_parse(em_page *out, const char *preset, bool portrait, em_error *err)
{
	static const struct {
		const char *name;
		double w, h, dpi;
	} presets[] = {{"A4", 297, 210, 0}, {"A3", 420, 297, 0}, {"A2", 594, 420, 0},
		       {"social-square", 1080, 1080, 96}, {"social-wide", 1600, 900, 96}};
	double w, h;
	char extra;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
		if (strcasecmp(preset, presets[i].name) != 0)
			continue;
		if (presets[i].dpi > 0) {
			/* Pixel presets: a page whose size at its DPI is those pixels. */
			out->pixel_dpi = presets[i].dpi;
			out->width_mm = presets[i].w / presets[i].dpi * 25.4;
			out->height_mm = presets[i].h / presets[i].dpi * 25.4;
			snprintf(out->name, sizeof(out->name), "%s", presets[i].name);
		} else {
			out->width_mm = portrait ? presets[i].h : presets[i].w;
			out->height_mm = portrait ? presets[i].w : presets[i].h;
			snprintf(out->name, sizeof(out->name), "%s %s", presets[i].name,
				 portrait ? "portrait" : "landscape");
		}
		return EM_OK;
	}
	if (sscanf(preset, "%lfx%lfmm%c", &w, &h, &extra) == 2 && w >= 50 && h >= 50 &&
	    w <= 2000 && h <= 2000) {
		out->width_mm = w;
		out->height_mm = h;
		snprintf(out->name, sizeof(out->name), "%gx%gmm", w, h);
		return EM_OK;
	}
	return em_error_set(err, EM_ERR_INVALID,
			    "page size '%s': use A4, A3, A2, social-square, social-wide or WxHmm "
			    "(50 to 2000 mm, e.g. 300x200mm)", preset);
}

static void grow(em_bbox *b, double lon, double lat, bool *any)
{
	if (!*any) {
		b->west = b->east = lon;
		b->south = b->north = lat;
		*any = true;
		return;
	}
	b->west = fmin(b->west, lon);
	b->east = fmax(b->east, lon);
	b->south = fmin(b->south, lat);
	b->north = fmax(b->north, lat);
}

em_status em_render_fit(const em_dataset *dataset, const em_filter *filter, em_bbox *extent,
			long long *scale_max, em_error *err)
{
	em_filter all = {0};
	em_summary *summary = NULL;
	bool any = false;
	em_status status;

	if (filter == NULL)
		filter = &all;
	status = em_summary_create(&summary, dataset, filter, err);
	if (status != EM_OK)
		return status;
	*scale_max = 0;
	for (size_t i = 0; i < summary->place_count; i++) {
		grow(extent, summary->places[i].lon, summary->places[i].lat, &any);
		if (em_place_total_deaths_max(&summary->places[i]) > *scale_max)
			*scale_max = em_place_total_deaths_max(&summary->places[i]);
	}
	for (size_t i = 0; i < em_dataset_flow_count(dataset); i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		if (f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED ||
		    !em_filter_keeps_flow(filter, f))
			continue;
		grow(extent, f->from.lon, f->from.lat, &any);
		grow(extent, f->to.lon, f->to.lat, &any);
	}
	em_summary_destroy(summary);
	/* A full-size circle stands for at least this many: a poster whose
	 * largest figure is 1 must not draw one death as a great disc. */
	if (*scale_max < EM_RENDER_SCALE_FLOOR)
		*scale_max = EM_RENDER_SCALE_FLOOR;
	if (!any)
		return em_error_set(err, EM_ERR_NOTFOUND,
				    "nothing to map: no report or flow of this period has a place");
	return EM_OK;
}

/* The places to draw must lie where the basemap knows the land: beyond
 * it a poster would show them at sea. */
em_status em_render_check_coverage(const em_basemap *basemap, const em_bbox *data, em_error *err)
{
	em_bbox c = em_basemap_coverage(basemap);
	double lon = data->west, lat = data->south;

	if (c.east <= c.west || c.north <= c.south)
		return EM_OK; /* a basemap that does not say */
	if (data->west >= c.west && data->east <= c.east && data->south >= c.south &&
	    data->north <= c.north)
		return EM_OK;
	/* The edge that is out, and the other coordinate inside. */
	if (data->west < c.west || data->east > c.east) {
		lon = data->west < c.west ? data->west : data->east;
		lat = fmin(fmax((data->south + data->north) / 2, c.south), c.north);
	} else {
		lat = data->south < c.south ? data->south : data->north;
		lon = fmin(fmax((data->west + data->east) / 2, c.west), c.east);
	}
	return em_error_set(err, EM_ERR_INVALID,
			    "the area to draw reaches %.2f %c, %.2f %c, outside the basemap (%g to "
			    "%g E, %g to %g N): a map there would show land as sea; draw it on a "
			    "basemap that covers it", fabs(lat), lat >= 0 ? 'N' : 'S', fabs(lon),
			    lon >= 0 ? 'E' : 'W', c.west, c.east, c.south, c.north);
}

static bool outside(const em_bbox *c, double lat, double lon)
{
	return lon < c->west || lon > c->east || lat < c->south || lat > c->north;
}

em_status em_render_check_places(const em_basemap *basemap, const em_dataset *dataset,
				 const em_filter *filter, em_error *err)
{
	em_bbox c = em_basemap_coverage(basemap);
	const char *name = NULL;
	double lat = 0, lon = 0;

	if (c.east <= c.west || c.north <= c.south)
		return EM_OK;
	for (size_t i = 0; i < em_dataset_report_count(dataset) && name == NULL; i++) {
		const em_report *rep = em_dataset_report(dataset, i);
		if (rep->where.state != EM_STATE_NOT_MAPPED && em_filter_keeps(filter, rep) &&
		    outside(&c, rep->where.lat, rep->where.lon)) {
			name = rep->location;
			lat = rep->where.lat;
			lon = rep->where.lon;
		}
	}
	for (size_t i = 0; i < em_dataset_flow_count(dataset) && name == NULL; i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		if (f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED ||
		    !em_filter_keeps_flow(filter, f))
			continue;
		if (outside(&c, f->from.lat, f->from.lon)) {
			name = f->origin;
			lat = f->from.lat;
			lon = f->from.lon;
		} else if (outside(&c, f->to.lat, f->to.lon)) {
			name = f->destination;
			lat = f->to.lat;
			lon = f->to.lon;
		}
	}
	if (name == NULL)
		return EM_OK;
	return em_error_set(err, EM_ERR_INVALID,
			    "'%.80s' (%.2f %c, %.2f %c) lies outside the basemap (%g to %g E, %g to "
			    "%g N): a map there would show it at sea; draw it on a basemap that "
			    "covers it, or leave its days out", name,
			    fabs(lat), lat >= 0 ? 'N' : 'S', fabs(lon), lon >= 0 ? 'E' : 'W', c.west,
			    c.east, c.south, c.north);
}

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

/* ---- texts ------------------------------------------------------- */

static void long_date(em_date day, bool weekday, char *out, size_t size)
{
	static const char *const weekdays[] = {"Thursday", "Friday", "Saturday", "Sunday",
					       "Monday", "Tuesday", "Wednesday"};
	static const char *const months[] = {"January", "February", "March", "April", "May",
					     "June", "July", "August", "September",
					     "October", "November", "December"};
	int y, m, d;

	em_date_split(day, &y, &m, &d);
	/* 1970-01-01 was a Thursday. */
	snprintf(out, size, "%s%s%d %s %d", weekday ? weekdays[((day % 7) + 7) % 7] : "",
		 weekday ? " " : "", d, months[m - 1], y);
}

/* "Saturday 8 March 2025", "6–11 March 2025", "28 February – 2 March 2025". */
static void days_text(em_date first, em_date last, char *out, size_t size)
{
	char a[48], b[48];
	int y0, m0, d0, y1, m1, d1;

	em_date_split(first, &y0, &m0, &d0);
	em_date_split(last, &y1, &m1, &d1);
	long_date(first, first == last, a, sizeof(a));
	long_date(last, false, b, sizeof(b));
	if (first == last)
		snprintf(out, size, "%s", a);
	else if (y0 == y1 && m0 == m1)
		snprintf(out, size, "%d\xE2\x80\x93%s", d0, b);
	else if (y0 == y1)
		snprintf(out, size, "%.*s \xE2\x80\x93 %s", (int)(strrchr(a, ' ') - a), a, b);
	else
		snprintf(out, size, "%s \xE2\x80\x93 %s", a, b);
}

/* What the poster's days hold: deaths, events, flows, and their days. */
typedef struct holdings {
	bool deaths, events, flows;
	em_date first, last;
} holdings;

static bool anything(const em_dataset *ds, const em_filter *f, holdings *h)
{
	bool any = false;

	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < em_dataset_report_count(ds); i++) {
		const em_report *rep = em_dataset_report(ds, i);
		if (!em_filter_keeps(f, rep))
			continue;
		if (!any || rep->date < h->first)
			h->first = rep->date;
		if (!any || rep->date_end > h->last)
			h->last = rep->date_end;
		any = true;
		h->deaths |= em_report_has_deaths(rep);
		h->events |= !em_report_has_deaths(rep);
	}
	for (size_t i = 0; i < em_dataset_flow_count(ds); i++)
		h->flows |= em_filter_keeps_flow(f, em_dataset_flow(ds, i));
	return any || h->flows;
}

/* "deaths at each place (range across sources), other events and people
 * displaced": what the poster holds, in words. */
static void holdings_words(const holdings *h, char *out, size_t size)
{
	const char *parts[3];
	int n = 0;

	if (h->deaths)
		parts[n++] = "deaths reported at each place (range across sources)";
	if (h->events)
		parts[n++] = h->deaths ? "other reported events" : "reported events";
	if (h->flows)
		parts[n++] = "people displaced";
	if (n == 0)
		parts[n++] = "reports";
	if (n == 1)
		snprintf(out, size, "%s", parts[0]);
	else if (n == 2)
		snprintf(out, size, "%s and %s", parts[0], parts[1]);
	else
		snprintf(out, size, "%s, %s and %s", parts[0], parts[1], parts[2]);
	out[0] = (char)toupper((unsigned char)out[0]);
}

/* The title and the subtitle: the days and what the poster shows. */
static void default_texts(const rctx *r, em_poster_options *o, char *subtitle, size_t size)
{
	const em_filter *f = &o->filter;
	holdings h;
	bool any = anything(r->dataset, f, &h);
	char span[128], words[192];

	if (o->title == NULL)
		o->title = "Reported deaths, events and displacement";
	if (o->subtitle != NULL)
		return;
	/* The poster's own days when it has them; else the data's. */
	if (f->has_from)
		h.first = f->from;
	if (f->has_to)
		h.last = f->to;
	days_text(h.first, h.last, span, sizeof(span));
	holdings_words(&h, words, sizeof(words));
	if (!any && em_filter_narrows(f))
		snprintf(subtitle, size, "Nothing of the event types or categories asked for was "
			 "reported for %s in this dataset", span);
	else if (!any)
		snprintf(subtitle, size, "Nothing was reported for %s in this dataset", span);
	else if (f->has_from || f->has_to)
		snprintf(subtitle, size, "What was reported for %s: %c%s, with reports over "
			 "several days marked as such", span, (char)tolower((unsigned char)words[0]),
			 words + 1);
	else
		snprintf(subtitle, size, "%s \xC2\xB7 %s", words, span);
	o->subtitle = subtitle;
}

/* A poster of days with nothing reported says so across its map. */
static void draw_nothing(rctx *r)
{
	const em_style *s = r->style;
	PangoLayout *layout = em__text_layout(r, r->options->subtitle, s->heading_pt * 1.2, true,
					     false, r->map.width * 0.6);
	double w, h, pad = 4 * r->text_scale;

	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	em__text_size(layout, &w, &h);
	cairo_rectangle(r->cr, r->map.x + (r->map.width - w) / 2 - pad,
			r->map.y + (r->map.height - h) / 2 - pad, w + 2 * pad, h + 2 * pad);
	em__set_color_alpha(r->cr, s->panel, 0.92);
	cairo_fill_preserve(r->cr);
	em__set_color(r->cr, s->panel_border);
	cairo_set_line_width(r->cr, 0.3);
	cairo_stroke(r->cr);
	em__draw_layout(r, layout, r->map.x + (r->map.width - w) / 2,
		       r->map.y + (r->map.height - h) / 2, s->heading);
	g_object_unref(layout);
}

/* ---- layout -------------------------------------------------------- */

static void layout_and_draw(rctx *r, const em_bbox *data, em_status *status)
{
	const em_style *s = r->style;
	double m = s->margin_mm * r->text_scale, g = s->gutter_mm * r->text_scale;
	double band, top, content_h, content_w;
	bool wide = r->page.width >= r->page.height * 1.15;
	em_box panels;

	cairo_rectangle(r->cr, 0, 0, r->page.width, r->page.height);
	em__set_color(r->cr, s->page);
	cairo_fill(r->cr);
	band = em__title_band(r);
	top = band + m * 0.8;
	content_h = r->page.height - top - m;
	content_w = r->page.width - 2 * m;
	if (wide) {
		/* Map on the left, as tall as the page allows; panels in two
		 * columns to its right. */
		r->map.width = fmin(fmax(content_h * 0.78, content_w * 0.38), content_w * 0.52);
		r->map.height = content_h - 6 * r->text_scale;
		r->map.x = m + 12 * r->text_scale;
		r->map.y = top;
		panels.x = r->map.x + r->map.width + g;
		panels.y = top;
		panels.width = r->page.width - m - panels.x;
		panels.height = content_h;
	} else {
		r->map.x = m + 12 * r->text_scale;
		r->map.y = top;
		r->map.width = content_w - 12 * r->text_scale;
		/* The panels below need about this much (the legend is the
		 * tallest column); the map takes the rest. */
		r->map.height = fmax(content_h * 0.4, content_h - 196 * r->text_scale);
		panels.x = m;
		panels.y = r->map.y + r->map.height + 6 * r->text_scale + g;
		panels.width = content_w;
		panels.height = r->page.height - m - panels.y;
	}
	*status = em_mapview_create(&r->view, data, r->map.width, r->map.height,
				    0.16, 60.0, r->options->crs, r->err);
	if (*status == EM_OK)
		*status = em__draw_map(r);
	if (*status == EM_OK && r->summary->report_count == 0 && r->arrow_count == 0) {
		draw_nothing(r);
		if (r->report != NULL)
			r->report->empty = true;
	}
	if (*status == EM_OK)
		*status = em__draw_panels(r, &panels, wide);
}

/* ---- the poster -------------------------------------------------------- */

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

static em_status draw_poster(rctx *r, cairo_surface_t *surface, const em_bbox *data)
{
	em_status status;

	r->cr = cairo_create(surface);
	layout_and_draw(r, data, &status);
	if (status == EM_OK && cairo_status(r->cr) != CAIRO_STATUS_SUCCESS)
		status = em_error_set(r->err, EM_ERR_IO, "drawing: %s",
				      cairo_status_to_string(cairo_status(r->cr)));
	cairo_destroy(r->cr);
	r->cr = NULL;
	return status;
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

double em__render_text_scale(const em_page *page)
{
	return fmin(fmax(sqrt(page->width_mm * page->height_mm / A3_AREA), 0.62), 1.45);
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

/* A style's font that is not installed would be replaced silently by
 * another; a poster in the wrong typeface is a fault to report. */
static em_status check_font(const em_style *style, em_error *err)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *context = pango_font_map_create_context(map);
	PangoFontDescription *want = pango_font_description_from_string(style->font);
	PangoFont *font = pango_font_map_load_font(map, context, want);
	PangoFontDescription *got = font ? pango_font_describe(font) : NULL;
	const char *family = got ? pango_font_description_get_family(got) : NULL;
	em_status status = EM_OK;

	if (family == NULL || strcasecmp(family, pango_font_description_get_family(want)) != 0)
		status = em_error_set(err, EM_ERR_INVALID,
				      "font '%s' is not installed (%s%s); install it (Debian: "
				      "fonts-noto-core) or name another in the style's [page] font",
				      style->font, family ? "the system would use " : "no fonts found",
				      family ? family : "");
	if (got != NULL)
		pango_font_description_free(got);
	if (font != NULL)
		g_object_unref(font);
	pango_font_description_free(want);
	g_object_unref(context);
	g_object_unref(map);
	return status;
}

em_status em_render_posters(const char *const *paths, size_t count, const em_dataset *dataset,
			    const em_basemap *basemap, const em_style *style,
			    const em_poster_options *options, em_render_report *report,
			    em_error *err)
{
	em_poster_options o = *options;
	rctx r;
	format formats[16];
	em_bbox data;
	char subtitle[512];
	cairo_surface_t *page = NULL;
	cairo_rectangle_t extents;
	double dpi;
	long long scale_max = 0;
	em_error fit_err;
	em_status status = check_formats(paths, count, formats, err);

	if (status == EM_OK)
		status = check_font(style, err);
	if (status != EM_OK)
		return status;
	memset(&r, 0, sizeof(r));
	r.style = style;
	r.options = &o;
	r.dataset = dataset;
	r.basemap = basemap;
	r.report = report;
	r.err = err;
	if (report != NULL)
		memset(report, 0, sizeof(*report));
	em_error_clear(&fit_err);
	status = em_render_fit(dataset, &o.filter, &data, &scale_max, &fit_err);
	if (status == EM_ERR_NOTFOUND &&
	    (o.filter.has_from || o.filter.has_to || em_filter_narrows(&o.filter))) {
		/* Days or kinds with nothing to place still get their page,
		 * over the area of the whole dataset. */
		em_filter all = {0};
		em_error_clear(&fit_err);
		status = em_render_fit(dataset, &all, &data, &scale_max, &fit_err);
	}
	if (status == EM_ERR_NOTFOUND && o.extent != NULL)
		status = EM_OK;
	if (status != EM_OK)
		return em_error_copy(err, &fit_err);
	if (o.extent != NULL)
		data = *o.extent;
	status = em_render_check_places(basemap, dataset, &o.filter, err);
	if (status == EM_OK)
		status = em_render_check_coverage(basemap, &data, err);
	if (status != EM_OK)
		return status;
	r.scale_max = o.scale_max > 0 ? o.scale_max : scale_max;
	status = em__place_names_index(&r) ? EM_OK : em_error_set(err, EM_ERR_NOMEM, "out of memory");
	if (status == EM_OK)
		status = em_summary_create((em_summary **)&r.summary, dataset, &o.filter, err);
	if (status != EM_OK) {
		em__keymap_clear(&r.names);
		return status;
	}
	default_texts(&r, &o, subtitle, sizeof(subtitle));
	r.page.width = o.page.width_mm;
	r.page.height = o.page.height_mm;
	r.text_scale = em__render_text_scale(&o.page);
	dpi = o.page.pixel_dpi > 0 ? o.page.pixel_dpi : (o.dpi > 0 ? o.dpi : 300);
	/* Lay the page out once, in millimetres; each file replays it. */
	extents.x = 0;
	extents.y = 0;
	extents.width = r.page.width;
	extents.height = r.page.height;
	page = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents);
	status = draw_poster(&r, page, &data);
	if (status == EM_OK)
		status = em__render_write(paths, count, page, &o, dataset, dpi, report, err);
	cairo_surface_destroy(page);
	if (report != NULL) {
		report->page_width_mm = r.page.width;
		report->page_height_mm = r.page.height;
	}
	em_mapview_destroy(r.view);
	em_summary_destroy((em_summary *)r.summary);
	em__keymap_clear(&r.names);
	return status;
}

em_status em_render_poster(const char *path, const em_dataset *dataset,
			   const em_basemap *basemap, const em_style *style,
			   const em_poster_options *options, em_render_report *report,
			   em_error *err)
{
	return em_render_posters(&path, 1, dataset, basemap, style, options, report, err);
}
