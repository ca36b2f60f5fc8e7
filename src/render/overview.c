/* The overview sheet: one small map per day (or week) on one page, all
 * with the same extent and circle scale, under one title, with one legend
 * and one set of credits, so a reader can compare the days at a glance. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void day_heading(em_date day, int period_days, bool cumulative, char *out, size_t size)
{
	char words[44]; /* the longest date in words is 28 bytes; 20 more fit 64 */

	em__date_words(words, sizeof(words), day, period_days != 7, period_days == 7);
	if (period_days == 7)
		snprintf(out, size, "%sWeek of %s", cumulative ? "Through the " : "", words);
	else
		snprintf(out, size, "%s%s", cumulative ? "Through " : "", words);
}

/* "SOHR 1,000+ (6–9 Mar) · SNHR ~779": the region-wide totals of the
 * period, those for longer periods with their days. */
static void day_totals(const em_summary *s, char *out, size_t size)
{
	size_t at = 0;
	bool regions = em__headline_regions_differ(s);

	out[0] = '\0';
	for (size_t i = 0; i < s->headline_count && at < size; i++) {
		const em_source_total *h = &s->headline[i];
		char total[48], days[48] = "", who[600];
		em_range_format(total, sizeof(total), &h->total);
		if (h->spanning) {
			days[0] = ' ';
			days[1] = '(';
			em_date_span_short(days + 2, sizeof(days) - 3, h->first_date, h->last_date);
			strncat(days, ")", sizeof(days) - strlen(days) - 1);
		}
		em__headline_who(who, sizeof(who), h, regions);
		at += (size_t)snprintf(out + at, size - at, "%s%s %s%s", i ? " \xC2\xB7 " : "",
				       who, total, days);
	}
	if (s->headline_count == 0)
		snprintf(out, size, "No region-wide total covers this period");
}

static em_status draw_cell(rctx *base, const em_box *cell, em_date day, int period_days,
			   bool cumulative, em_mapview **view_out)
{
	em_poster_options options = *base->options;
	rctx r = *base;
	PangoLayout *layout;
	char text[256];
	double w, h, foot;
	em_status status;

	if (!options.filter.has_to || options.filter.to > day + period_days - 1)
		options.filter.to = day + period_days - 1;
	options.filter.has_to = true;
	if (!cumulative && (!options.filter.has_from || options.filter.from < day)) {
		options.filter.from = day;
		options.filter.has_from = true;
	}
	r.options = &options;
	r.report = NULL;
	r.arrows = NULL;
	r.arrow_count = r.arrow_cap = 0;
	memset(&r.occupied, 0, sizeof(r.occupied));
	day_heading(day, period_days, cumulative, text, sizeof(text));
	layout = em__text_layout(&r, text, r.style->heading_pt, true, false, 0);
	em__text_size(layout, &w, &h);
	em__draw_layout(&r, layout, cell->x, cell->y, r.style->heading);
	g_object_unref(layout);
	status = em_summary_create((em_summary **)&r.summary, r.dataset, &options.filter, r.err);
	if (status != EM_OK)
		return status;
	/* The one legend names what any map holds. */
	for (size_t i = 0; i < r.summary->place_count; i++) {
		const em_place_total *p = &r.summary->places[i];
		if (em_place_total_has_deaths(p))
			base->legend_categories |= 1u << p->category;
		base->legend_kinds |= p->event_kinds | p->spanning_kinds;
	}
	day_totals(r.summary, text, sizeof(text));
	layout = em__text_layout(&r, text, r.style->small_pt, false, false, cell->width);
	em__text_size(layout, &w, &foot);
	r.map.x = cell->x;
	r.map.y = cell->y + h + 1.2 * r.text_scale;
	r.map.width = cell->width;
	r.map.height = cell->height - h - foot - 9 * r.text_scale;
	status = em_mapview_create(&r.view, options.extent, r.map.width, r.map.height, 0.16, 60.0,
				   options.crs, r.err);
	if (status == EM_OK)
		status = em__draw_map(&r);
	if (status == EM_OK)
		em__draw_layout(&r, layout, cell->x, r.map.y + r.map.height + 6 * r.text_scale,
			       r.style->text);
	g_object_unref(layout);
	em__arrows_clear(&r);
	em_summary_destroy((em_summary *)r.summary);
	if (view_out != NULL && *view_out == NULL)
		*view_out = r.view;
	else
		em_mapview_destroy(r.view);
	return status;
}

/* The maps mark reports longer than their period: the one legend says
 * what the marks mean when any map may show them. */
static void legend_spans(rctx *r, int period_days)
{
	for (size_t i = 0; i < em_dataset_report_count(r->dataset); i++) {
		const em_report *rep = em_dataset_report(r->dataset, i);
		if (rep->scope != EM_SCOPE_PLACE || rep->date_end - rep->date + 1 <= period_days ||
		    !em_filter_keeps(&r->options->filter, rep))
			continue;
		if (em_report_has_deaths(rep))
			r->legend_spanning = true;
		else
			r->legend_spanning_kinds |= 1u << em_event_kind_of(rep->event_type);
	}
}

static em_status draw_sheet(rctx *r, const em_date *days, size_t day_count, int period_days,
			    bool cumulative)
{
	const em_style *s = r->style;
	double m = s->margin_mm * r->text_scale, g = s->gutter_mm * r->text_scale;
	double band, side, credits_h, top, cols, rows, cell_w, cell_h, y;
	em_status status = EM_OK;
	em_mapview *first_view = NULL;

	cairo_rectangle(r->cr, 0, 0, r->page.width, r->page.height);
	em__set_color(r->cr, s->page);
	cairo_fill(r->cr);
	band = em__title_band(r);
	top = band + m * 0.8;
	side = fmin(95 * r->text_scale, r->page.width * 0.28);
	cols = day_count <= 3 ? (double)day_count : ceil(sqrt((double)day_count * 1.4));
	rows = ceil((double)day_count / cols);
	/* Credits run under the maps; measured first so the maps leave room. */
	r->view = NULL;
	cell_w = (r->page.width - 2 * m - side - g - (cols - 1) * g) / cols;
	credits_h = 30 * r->text_scale;
	cell_h = (r->page.height - top - m - credits_h - (rows - 1) * g) / rows;
	for (size_t i = 0; i < day_count && status == EM_OK; i++) {
		em_box cell = {m + (double)(i % (size_t)cols) * (cell_w + g),
			       top + (double)(i / (size_t)cols) * (cell_h + g), cell_w, cell_h};
		status = draw_cell(r, &cell, days[i], period_days, cumulative, &first_view);
	}
	if (status != EM_OK) {
		em_mapview_destroy(first_view);
		return status;
	}
	/* One legend for all, and credits under the maps. */
	r->view = first_view;
	/* The legend shows the kinds of arrow the maps hold. */
	for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
		const em_flow *f = em_dataset_flow(r->dataset, i);
		if (!em_filter_keeps_flow(&r->options->filter, f) || !f->has_date ||
		    f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED)
			continue;
		r->legend_counted_arrows |= f->has_people;
		r->legend_uncounted_arrows |= !f->has_people;
	}
	y = top;
	em__draw_panel(r, EM_PANEL_LEGEND, r->page.width - m - side, &y, side, true);
	y = r->page.height - m - credits_h + 2 * r->text_scale;
	em__draw_panel(r, EM_PANEL_CREDITS, m, &y, r->page.width - 2 * m - side - g, false);
	em_mapview_destroy(first_view);
	r->view = NULL;
	return cairo_status(r->cr) == CAIRO_STATUS_SUCCESS
		       ? EM_OK
		       : em_error_set(r->err, EM_ERR_IO, "drawing the overview: %s",
				      cairo_status_to_string(cairo_status(r->cr)));
}

/* The overview's own title and subtitle, unless given. */
static void overview_texts(em_poster_options *o, const em_date *days, size_t day_count,
			   int period_days, bool cumulative, char *subtitle, size_t size)
{
	char first[64], last[64];

	if (o->title == NULL)
		o->title = period_days == 7
				   ? "Reported deaths, events and displacement, week by week"
				   : "Reported deaths, events and displacement, day by day";
	if (o->subtitle != NULL)
		return;
	day_heading(days[0], period_days, false, first, sizeof(first));
	day_heading(days[day_count - 1], period_days, false, last, sizeof(last));
	snprintf(subtitle, size,
		 "%s map per %s, %s to %s \xC2\xB7 same extent and circle scale on every map",
		 cumulative ? "Everything reported up to each day, one" : "One",
		 period_days == 7 ? "week" : "day", first, last);
	o->subtitle = subtitle;
}

em_status em_render_overview(const char *const *paths, size_t count, const em_dataset *dataset,
			     const em_basemap *basemap, const em_style *style,
			     const em_poster_options *options, const em_date *days,
			     size_t day_count, int period_days, bool cumulative, em_error *err)
{
	em_poster_options o = *options;
	rctx r;
	cairo_surface_t *page;
	char subtitle[256];
	em_bbox extent;
	long long scale_max = 0;
	em_status status = EM_OK;

	if (day_count == 0)
		return em_error_set(err, EM_ERR_NOTFOUND, "overview: no days to show");
	if (o.extent == NULL) {
		status = em_render_fit(&extent, &scale_max, dataset, NULL, err);
		o.extent = &extent;
	}
	if (status == EM_OK)
		status = em_render_check_coverage(basemap, o.extent, err);
	if (status != EM_OK)
		return status;
	if (o.scale_max <= 0)
		o.scale_max = scale_max;
	overview_texts(&o, days, day_count, period_days, cumulative, subtitle, sizeof(subtitle));
	status = em__render_begin(&r, dataset, basemap, style, &o, NULL, err);
	r.scale_max = o.scale_max;
	r.text_scale *= 0.8;
	if (status == EM_OK) {
		legend_spans(&r, period_days);
		page = em__render_page(&o.page);
		r.cr = cairo_create(page);
		status = draw_sheet(&r, days, day_count, period_days < 1 ? 1 : period_days,
				    cumulative);
		cairo_destroy(r.cr);
		if (status == EM_OK)
			status = em__render_write(paths, count, page, &o, dataset,
						 em__render_dpi(&o), NULL, err);
		cairo_surface_destroy(page);
	}
	em__render_end(&r);
	return status;
}
