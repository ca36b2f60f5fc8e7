/* Composing the poster: page presets, the layout for the page's shape
 * (map beside the panels on a wide page, above them on a tall one), the
 * output surface (PNG through libpng, PDF and SVG through Cairo's vector
 * back ends) and atomic writing. */
#include "render_internal.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "eventmap/atomic.h"

void em_poster_options_init(em_poster_options *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->page.name, sizeof(o->page.name), "A3 landscape");
	o->page.width_mm = 420;
	o->page.height_mm = 297;
	o->dpi = 300;
	o->source_date_epoch = -1;
}

/* ---- texts ------------------------------------------------------- */

/* "Saturday 8 March 2025", "6–11 March 2025", "28 February – 2 March 2025". */
static void days_text(em_date first, em_date last, char *out, size_t size)
{
	char a[48], b[48];
	int y0, m0, d0, y1, m1, d1;

	em_date_split(first, &y0, &m0, &d0);
	em_date_split(last, &y1, &m1, &d1);
	em__date_words(a, sizeof(a), first, first == last, true);
	em__date_words(b, sizeof(b), last, false, true);
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

void em__poster_texts(em_poster_options *options, const em_dataset *dataset, char *subtitle,
		      size_t size)
{
	rctx r = {.dataset = dataset};

	default_texts(&r, options, subtitle, size);
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

em_status em__render_begin(rctx *r, const em_dataset *dataset, const em_basemap *basemap,
			   const em_style *style, const em_poster_options *options,
			   em_render_report *report, em_error *err)
{
	memset(r, 0, sizeof(*r));
	r->style = style;
	r->options = options;
	r->dataset = dataset;
	r->basemap = basemap;
	r->report = report;
	r->err = err;
	r->page.width = options->page.width_mm;
	r->page.height = options->page.height_mm;
	r->text_scale = em__render_text_scale(&options->page);
	if (!em__place_names_index(r) ||
	    !em__focus_country(r->focus_country, sizeof(r->focus_country), dataset, options))
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	return em_summary_create((em_summary **)&r->summary, dataset, &options->filter, err);
}

void em__render_end(rctx *r)
{
	em_mapview_destroy(r->view);
	r->view = NULL;
	em__arrows_clear(r);
	em_summary_destroy((em_summary *)r->summary);
	r->summary = NULL;
	em__keymap_clear(&r->names);
}

/* The area the poster's map frames and its marker scale: fitted to what
 * its days hold, or to the whole dataset when they hold nothing placed
 * (the page then says so), or the series' own; checked against the
 * basemap. */
static em_status poster_frame(em_bbox *data, long long *scale_max, const em_dataset *dataset,
			      const em_basemap *basemap, const em_poster_options *o,
			      em_error *err)
{
	em_error fit_err;
	em_status status;

	em_error_clear(&fit_err);
	*scale_max = 0;
	status = em_render_fit(data, scale_max, dataset, &o->filter, &fit_err);
	if (status == EM_ERR_NOTFOUND &&
	    (o->filter.has_from || o->filter.has_to || em_filter_narrows(&o->filter))) {
		em_filter all = {0};
		em_error_clear(&fit_err);
		status = em_render_fit(data, scale_max, dataset, &all, &fit_err);
	}
	if (status == EM_ERR_NOTFOUND && o->extent != NULL)
		status = EM_OK;
	if (status != EM_OK)
		return em_error_copy(err, &fit_err);
	if (o->extent != NULL)
		*data = *o->extent;
	if (o->scale_max > 0)
		*scale_max = o->scale_max;
	status = em_render_check_places(basemap, dataset, &o->filter, err);
	return status == EM_OK ? em_render_check_coverage(basemap, data, err) : status;
}

em_status em_render_posters(const char *const *paths, size_t count, const em_dataset *dataset,
			    const em_basemap *basemap, const em_style *style,
			    const em_poster_options *options, em_render_report *report,
			    em_error *err)
{
	em_poster_options o = *options;
	rctx r;
	em_bbox data;
	char subtitle[512];
	cairo_surface_t *page;
	long long scale_max;
	em_status status = em__render_check_outputs(paths, count, err);

	if (status == EM_OK)
		status = check_font(style, err);
	if (report != NULL)
		memset(report, 0, sizeof(*report));
	if (status == EM_OK)
		status = poster_frame(&data, &scale_max, dataset, basemap, &o, err);
	if (status != EM_OK)
		return status;
	status = em__render_begin(&r, dataset, basemap, style, &o, report, err);
	r.scale_max = scale_max;
	if (status == EM_OK) {
		default_texts(&r, &o, subtitle, sizeof(subtitle));
		/* Lay the page out once, in millimetres; each file replays it. */
		page = em__render_page(&o.page);
		status = draw_poster(&r, page, &data);
		if (status == EM_OK)
			status = em__render_write(paths, count, page, &o, dataset,
						 em__render_dpi(&o), report, err);
		cairo_surface_destroy(page);
	}
	if (report != NULL) {
		report->page_width_mm = r.page.width;
		report->page_height_mm = r.page.height;
	}
	em__render_end(&r);
	return status;
}

em_status em_render_poster(const char *path, const em_dataset *dataset,
			   const em_basemap *basemap, const em_style *style,
			   const em_poster_options *options, em_render_report *report,
			   em_error *err)
{
	return em_render_posters(&path, 1, dataset, basemap, style, options, report, err);
}
