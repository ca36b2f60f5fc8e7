/* The page around the map: title band, the headline totals per source, the
 * legend, the locator inset, the "not on the map" note and the credits.
 * Panels are measured first (a dry run) and then drawn, so each is as tall
 * as its content. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


typedef em_cursor cursor;

double em__text_block(cursor *c, const char *text, double pt, bool bold, bool italic,
		     em_color color)
{
	PangoLayout *layout = em__text_layout(c->r, text, pt, bold, italic, c->width);
	double w, h;

	em__text_size(layout, &w, &h);
	if (!c->dry)
		em__draw_layout(c->r, layout, c->x, c->y, color);
	g_object_unref(layout);
	c->y += h;
	return h;
}

void em__gap(cursor *c, double mm)
{
	c->y += mm * c->r->text_scale;
}

double em__title_band(rctx *r)
{
	const em_style *s = r->style;
	const em_poster_options *o = r->options;
	double m = s->margin_mm * r->text_scale, w, h1, h2, band;
	PangoLayout *title = em__text_layout(r, o->title, s->title_pt, true, false,
					    r->page.width - 2 * m);
	PangoLayout *subtitle = em__text_layout(r, o->subtitle, s->subtitle_pt, false, false,
					       r->page.width - 2 * m);

	/* Two lines each at most: a long title must not push the page off. */
	pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(title, -2);
	pango_layout_set_ellipsize(subtitle, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(subtitle, -2);

	em__text_size(title, &w, &h1);
	em__text_size(subtitle, &w, &h2);
	band = m * 0.75 + h1 + 1.5 * r->text_scale + h2 + m * 0.7;
	cairo_rectangle(r->cr, 0, 0, r->page.width, band);
	em__set_color(r->cr, s->title_band);
	cairo_fill(r->cr);
	em__draw_layout(r, title, m, m * 0.75, s->title_text);
	em__draw_layout(r, subtitle, m, m * 0.75 + h1 + 1.5 * r->text_scale, s->subtitle_text);
	g_object_unref(title);
	g_object_unref(subtitle);
	return band;
}

/* ---- headline ------------------------------------------------------ */

static void headline_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	const em_summary *sum = r->summary;

	bool spans = false, regions = em__headline_regions_differ(sum);

	for (size_t i = 0; i < sum->headline_count; i++)
		spans |= sum->headline[i].spanning;
	em__text_block(c, regions ? "Deaths reported for whole regions"
				  : "Deaths reported across the whole area",
		       s->heading_pt, true, false, s->heading);
	em__gap(c, 0.8);
	em__text_block(c, spans ? "Totals for the region as each source gave them, for periods "
				 "that include these days; sources are not added up."
			       : "Totals for the region as each source gave them; sources are not "
				 "added up.",
		      s->small_pt, false, true, s->muted_text);
	em__gap(c, 2.5);
	if (sum->headline_count == 0)
		em__text_block(c, r->options->no_total_note
					  ? r->options->no_total_note
					  : "No source gave a region-wide total for a period that "
					    "includes these days.",
			       s->text_pt, false, false, s->text);
	for (size_t i = 0; i < sum->headline_count; i++) {
		const em_source_total *h = &sum->headline[i];
		char total[64], line[512], when[128], head[700], who[600];
		em_range_format(total, sizeof(total), &h->total);
		em__date_span_year(when, sizeof(when), h->first_date, h->last_date);
		if (h->spanning)
			strncat(when, " \xC2\xB7 a period longer than this poster's",
				sizeof(when) - strlen(when) - 1);
		em__headline_who(who, sizeof(who), h, regions);
		snprintf(head, sizeof(head), "%s  %s", who, total);
		em__text_block(c, head, s->heading_pt * 1.05, true, false, s->heading);
		em__headline_parts(line, sizeof(line), h);
		if (line[0] != '\0')
			em__text_block(c, line, s->text_pt, false, false, s->text);
		em__text_block(c, when, s->small_pt, false, false, s->muted_text);
		em__gap(c, 2.2);
	}
}

/* ---- locator inset ------------------------------------------------- */

/* The inset's height at most (at A3 size): enough to place the region. */
#define INSET_MAX_MM 44

typedef struct inset {
	double x, y, w, h;
	double west, south, east, north, kx;
} inset;

static void inset_point(const inset *in, double lon, double lat, double *x, double *y)
{
	*x = in->x + (lon - in->west) * in->kx;
	*y = in->y + (in->north - lat) * in->kx / cos((in->south + in->north) / 2 * M_PI / 180);
}

static void inset_layer(rctx *r, const inset *in, em_basemap_layer_id id, const char *iso,
			bool match)
{
	const em_basemap_layer *layer = em_basemap_get(r->basemap, id);

	cairo_new_path(r->cr);
	for (size_t i = 0; i < layer->count; i++) {
		const em_basemap_feature *f = &layer->features[i];
		const double *c = f->coords;
		if (iso != NULL && (strcmp(f->iso, iso) == 0) != match)
			continue;
		for (size_t p = 0; p < f->part_count; p++) {
			for (size_t k = 0; k < f->part_sizes[p]; k++, c += 2) {
				double x, y;
				inset_point(in, c[0], c[1], &x, &y);
				if (k == 0)
					cairo_move_to(r->cr, x, y);
				else
					cairo_line_to(r->cr, x, y);
			}
			cairo_close_path(r->cr);
		}
	}
}

static void inset_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	cairo_t *cr = r->cr;
	inset in;
	em_bbox main;
	double x0, y0, x1, y1;

	em__text_block(c, "Location", s->heading_pt, true, false, s->heading);
	em__gap(c, 2);
	in.west = 24;
	in.east = 46;
	in.south = 28.5;
	in.north = 41.5;
	in.x = c->x;
	in.y = c->y;
	in.w = c->width;
	in.kx = in.w / (in.east - in.west);
	in.h = (in.north - in.south) * in.kx / cos((in.south + in.north) / 2 * M_PI / 180);
	if (in.h > INSET_MAX_MM * r->text_scale) {
		/* A wide column: less of the north and south, the same east-west. */
		double keep = (in.north - in.south) * INSET_MAX_MM * r->text_scale / in.h;
		double middle = (in.north + in.south) / 2;
		in.south = middle - keep / 2;
		in.north = middle + keep / 2;
		in.h = INSET_MAX_MM * r->text_scale;
	}
	c->y += in.h;
	if (c->dry)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, in.x, in.y, in.w, in.h);
	cairo_clip_preserve(cr);
	em__set_color(cr, s->sea);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	inset_layer(r, &in, EM_BASEMAP_LOCATOR_LAND, NULL, true);
	em__set_color(cr, s->inset_land);
	cairo_fill(cr);
	inset_layer(r, &in, EM_BASEMAP_LOCATOR_COUNTRIES, r->focus_country, true);
	em__set_color(cr, s->inset_focus);
	cairo_fill(cr);
	inset_layer(r, &in, EM_BASEMAP_LOCATOR_COUNTRIES, NULL, true);
	em__set_color(cr, s->border);
	cairo_set_line_width(cr, 0.15);
	cairo_stroke(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	em_mapview_bounds(&main, r->view);
	inset_point(&in, main.west, main.north, &x0, &y0);
	inset_point(&in, main.east, main.south, &x1, &y1);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	em__set_color(cr, s->inset_box);
	cairo_set_line_width(cr, 0.6 * r->text_scale);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_rectangle(cr, in.x, in.y, in.w, in.h);
	em__set_color(cr, s->panel_border);
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
}

/* ---- not on the map, credits ------------------------------------------ */

/* Lines of the "not on the map" note at most; the rest are counted (the
 * not_mapped layer lists every row). */
#define UNMAPPED_LINES 6

static void unmapped_line(cursor *c, size_t *shown, em_strbuf *line)
{
	if ((*shown)++ < UNMAPPED_LINES) {
		em__text_block(c, em__strbuf_text(line), c->r->style->small_pt, false, false,
			       c->r->style->text);
		em__gap(c, 0.8);
	}
	em__strbuf_free(line);
}

/* Reports of these days at places not placed, each with why. */
static void unmapped_reports(cursor *c, size_t *shown)
{
	const rctx *r = c->r;

	for (size_t i = 0; i < em_dataset_report_count(r->dataset); i++) {
		const em_report *rep = em_dataset_report(r->dataset, i);
		em_strbuf line = {0};
		if (rep->scope != EM_SCOPE_PLACE || rep->where.state != EM_STATE_NOT_MAPPED ||
		    !em_filter_keeps(&r->options->filter, rep))
			continue;
		em__unmapped_report_line(&line, rep);
		unmapped_line(c, shown, &line);
	}
}

/* Flows of these days with an end not placed: not drawn, and why. */
static void unmapped_flows(cursor *c, size_t *shown)
{
	const rctx *r = c->r;

	for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
		const em_flow *fl = em_dataset_flow(r->dataset, i);
		em_strbuf line = {0};
		if (em__flow_unplaced_end(fl) == NULL ||
		    !em_filter_keeps_flow(&r->options->filter, fl))
			continue;
		em__unmapped_flow_line(&line, fl);
		unmapped_line(c, shown, &line);
	}
}

static void unmapped_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	size_t shown = 0;
	char line[96];

	em__text_block(c, "Not on the map", s->heading_pt, true, false, s->heading);
	em__gap(c, 1.5);
	unmapped_reports(c, &shown);
	unmapped_flows(c, &shown);
	if (shown > UNMAPPED_LINES) {
		snprintf(line, sizeof(line), "and %zu more, in the not_mapped layer",
			 shown - UNMAPPED_LINES);
		em__text_block(c, line, s->small_pt, false, true, s->muted_text);
		em__gap(c, 0.8);
	}
	if (r->left_out_count > 0) {
		char more[64] = "", text[sizeof(r->left_out) + 160];
		if (r->left_out_count > r->left_out_named)
			snprintf(more, sizeof(more), "; and %zu more",
				 r->left_out_count - r->left_out_named);
		snprintf(text, sizeof(text), "On the map but not labelled, for lack of room: %s%s.",
			 r->left_out, more);
		em__text_block(c, text, s->small_pt, false, false, s->text);
		shown++;
	}
	if (shown == 0)
		em__text_block(c, "Every place reported for this period is on the map.", s->small_pt, false,
			   false, s->text);
}

/* Horizontal bars per place with deaths: solid to the lowest figure,
 * light to the highest, in the place's colour, the figure beside; a figure
 * for days reaching beyond the poster's is outlined only.  At most
 * PLACE_ROWS, then how many more. */
#define PLACE_ROWS 8

static void place_bar(cursor *c, const em_place_total *p, double name_w, long long top)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	double bar_h = 4.2 * r->text_scale, x0 = c->x + name_w + 2.5 * r->text_scale;
	double span = c->width - (x0 - c->x) - 30 * r->text_scale, w, h;
	const em_range *range = p->total.present ? &p->total : &p->spanning;
	double low = span * (double)range->min / (double)top;
	double high = span * (double)em_place_total_deaths_max(p) / (double)top;
	em_color color = s->category[p->category];
	PangoLayout *name = em__text_layout(r, p->name, s->text_pt, false, false, 0);
	PangoLayout *value = em__text_layout(r, p->display, s->text_pt, true, false,
					    c->width - (x0 - c->x) - high - 1.5);

	em__text_size(name, &w, &h);
	if (!c->dry) {
		em__draw_layout(r, name, x0 - 2.5 * r->text_scale - w, c->y + (bar_h - h) / 2, s->text);
		cairo_rectangle(r->cr, x0, c->y, high, bar_h);
		em__set_color_alpha(r->cr, color, p->total.present ? s->range_opacity : 0.12);
		cairo_fill_preserve(r->cr);
		if (!p->total.present) {
			em__set_color(r->cr, color);
			cairo_set_line_width(r->cr, 0.3 * r->text_scale);
			cairo_stroke(r->cr);
		} else {
			cairo_new_path(r->cr);
			cairo_rectangle(r->cr, x0, c->y, low, bar_h);
			em__set_color_alpha(r->cr, color, s->marker_opacity);
			cairo_fill(r->cr);
		}
		em__text_size(value, &w, &h);
		em__draw_layout(r, value, x0 + high + 1.5, c->y + (bar_h - h) / 2, s->text);
	}
	em__text_size(value, &w, &h);
	c->y += fmax(6.2 * r->text_scale, h + 1.2 * r->text_scale);
	g_object_unref(name);
	g_object_unref(value);
}

static void places_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	double name_w = 0;
	long long top = 1;
	size_t shown = 0, with_deaths = 0;
	char more[96];

	em__text_block(c, "Deaths reported by place", s->heading_pt, true, false, s->heading);
	em__gap(c, 0.8);
	em__text_block(c, "Solid bar: lowest figure across sources; light bar: highest.", s->small_pt,
		   false, true, s->muted_text);
	em__gap(c, 2);
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		PangoLayout *l;
		double w, h;
		if (!em_place_total_has_deaths(p))
			continue;
		with_deaths++;
		l = em__text_layout(r, p->name, s->text_pt, false, false, 0);
		em__text_size(l, &w, &h);
		name_w = fmax(name_w, w);
		g_object_unref(l);
		if (em_place_total_deaths_max(p) > top)
			top = em_place_total_deaths_max(p);
	}
	if (with_deaths == 0) {
		em__text_block(c, "No deaths were reported at a place on the map for these days.",
			      s->text_pt, false, false, s->text);
		return;
	}
	name_w = fmin(name_w, c->width * 0.4);
	for (size_t i = 0; i < r->summary->place_count && shown < PLACE_ROWS; i++) {
		if (em_place_total_has_deaths(&r->summary->places[i])) {
			place_bar(c, &r->summary->places[i], name_w, top);
			shown++;
		}
	}
	if (with_deaths > shown) {
		snprintf(more, sizeof(more), "and %zu more places, in the places layer",
			 with_deaths - shown);
		em__text_block(c, more, s->small_pt, false, true, s->muted_text);
	}
}

static bool ends_sentence(const char *text)
{
	size_t n = strlen(text);

	return n > 0 && strchr(".!?", text[n - 1]) != NULL;
}

static void credits_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	const char *credit = r->options->credit;
	em_strbuf sources = {0}, outlets = {0}, text = {0};

	em__collect_sources(&sources, &outlets, r->dataset, &r->options->filter);
	em__strbuf_printf(
		&text,
		"%s%s%sFigures as reported, not independently verified. Sources: %s%s%s. "
		"A range shows the lowest and highest figure across sources; figures from "
		"different sources are never added. Place names and positions: GeoNames "
		"(geonames.org, CC BY 4.0) and a cited supplement. Basemap: GSHHG and WDBII "
		"shorelines, rivers and borders (Wessel & Smith, LGPL-3.0); DCW country outlines "
		"(LGPL-3.0). Projection: %s. Made with eventmap.",
		credit ? credit : "", credit ? (ends_sentence(credit) ? "" : ".") : "",
		credit ? " " : "", sources.len ? em__strbuf_text(&sources) : "none for these days",
		outlets.len ? "; as reported by " : "", em__strbuf_text(&outlets),
		em_mapview_description(r->view));
	if (sources.failed || outlets.failed || text.failed)
		em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	else
		em__text_block(c, em__strbuf_text(&text), s->credit_pt, false, false,
			       s->muted_text);
	em__strbuf_free(&sources);
	em__strbuf_free(&outlets);
	em__strbuf_free(&text);
}

/* ---- panels -------------------------------------------------------- */

typedef void (*content_fn)(cursor *c);

/* Measures, then draws a framed panel at (x, *y) of the given width, its
 * content in at most `room` mm (0: as much as it needs). */
static void panel_in(rctx *r, double x, double *y, double width, content_fn fn, bool framed,
		     double room)
{
	const em_style *s = r->style;
	double pad = framed ? s->panel_padding_mm * r->text_scale : 0;
	cursor c = {r, x + pad, *y + pad, width - 2 * pad, true, room};
	double height;

	fn(&c);
	height = c.y - *y + pad;
	if (framed) {
		cairo_rectangle(r->cr, x, *y, width, height);
		em__set_color(r->cr, s->panel);
		cairo_fill_preserve(r->cr);
		em__set_color(r->cr, s->panel_border);
		cairo_set_line_width(r->cr, 0.3);
		cairo_stroke(r->cr);
	}
	c.y = *y + pad;
	c.dry = false;
	fn(&c);
	*y += height + s->gutter_mm * r->text_scale;
}

static void panel(rctx *r, double x, double *y, double width, content_fn fn, bool framed)
{
	panel_in(r, x, y, width, fn, framed, 0);
}

void em__draw_panel(rctx *r, em_panel which, double x, double *y, double width, bool framed)
{
	static const content_fn contents[] = {
		[EM_PANEL_HEADLINE] = headline_content, [EM_PANEL_LEGEND] = em__legend_content,
		[EM_PANEL_INSET] = inset_content, [EM_PANEL_PLACES] = places_content,
		[EM_PANEL_UNMAPPED] = unmapped_content, [EM_PANEL_CREDITS] = credits_content};

	panel(r, x, y, width, contents[which], framed);
}

double em__panel_height(rctx *r, em_panel which, double width)
{
	cursor c = {r, 0, 0, width, true, 0};

	if (which == EM_PANEL_CREDITS) {
		credits_content(&c);
		return c.y;
	}
	em__legend_content(&c);
	return c.y + 2 * r->style->panel_padding_mm * r->text_scale;
}

#define PLACE_BARS_FROM 3

static size_t places_with_deaths(const rctx *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->summary->place_count; i++)
		n += em_place_total_has_deaths(&r->summary->places[i]);
	return n;
}

static double framed_height(rctx *r, content_fn fn, double width)
{
	double pad = r->style->panel_padding_mm * r->text_scale;
	cursor c = {r, 0, pad, width - 2 * pad, true, 0};

	fn(&c);
	return c.y + pad + r->style->gutter_mm * r->text_scale;
}

/* The column for the "not on the map" note: among those where it fits,
 * the one that leaves the largest room in any column. */
static size_t place_floating(rctx *r, const double *y, size_t n, double width, double bottom)
{
	double h = framed_height(r, unmapped_content, width), best_room = -1;
	size_t best = 0;

	/* Where nothing fits, the shortest column. */
	for (size_t i = 1; i < n; i++)
		if (y[i] < y[best])
			best = i;
	for (size_t i = 0; i < n; i++) {
		double room = 0;
		if (y[i] + h > bottom)
			continue;
		for (size_t k = 0; k < n; k++)
			room = fmax(room, bottom - (k == i ? y[k] + h : y[k]));
		if (room > best_room) {
			best_room = room;
			best = i;
		}
	}
	return best;
}

static void chronology_content(cursor *c)
{
	double pad = c->r->style->panel_padding_mm * c->r->text_scale;

	em__chronology_content(c, c->room - 2 * pad);
}

/* The panels in columns beside (wide pages) or below the map, then the
 * chronology in the column with the most room left above the credits. */
em_status em__draw_panels(rctx *r, const em_box *area, bool columns)
{
	double g = r->style->gutter_mm * r->text_scale;
	double x[3], y[3], w, bottom, credits_y;
	size_t n = columns ? 2 : 3, best = 0;
	cursor measure = {r, area->x, 0, area->width, true, 0};

	w = (area->width - (double)(n - 1) * g) / (double)n;
	for (size_t i = 0; i < n; i++) {
		x[i] = area->x + (double)i * (w + g);
		y[i] = area->y;
	}
	/* The bars repeat the map's labels until there are several places. */
	bool bars = places_with_deaths(r) >= PLACE_BARS_FROM;

	if (columns) {
		panel(r, x[0], &y[0], w, headline_content, true);
		panel(r, x[0], &y[0], w, em__legend_content, true);
		panel(r, x[1], &y[1], w, inset_content, true);
		if (bars)
			panel(r, x[1], &y[1], w, places_content, true);
	} else {
		panel(r, x[0], &y[0], w, headline_content, true);
		panel(r, x[1], &y[1], w, em__legend_content, true);
		panel(r, x[2], &y[2], w, inset_content, true);
		if (bars)
			panel(r, x[0], &y[0], w, places_content, true);
	}
	/* The note of what is not on the map goes where it leaves the
	 * chronology the most room; the chronology takes the room left. */
	credits_content(&measure);
	bottom = area->y + area->height - measure.y - g;
	best = place_floating(r, y, n, w, bottom);
	panel(r, x[best], &y[best], w, unmapped_content, true);
	best = 0;
	for (size_t i = 1; i < n; i++)
		if (y[i] < y[best])
			best = i;
	if (em__chronology_any(r) && bottom - y[best] > 28 * r->text_scale)
		panel_in(r, x[best], &y[best], w, chronology_content, true, bottom - y[best]);
	credits_y = area->y + area->height - measure.y;
	for (size_t i = 0; i < n; i++)
		credits_y = fmax(credits_y, y[i]);
	panel(r, area->x, &credits_y, area->width, credits_content, false);
	return cairo_status(r->cr) == CAIRO_STATUS_SUCCESS
		       ? EM_OK
		       : em_error_set(r->err, EM_ERR_IO, "drawing the panels: %s",
				      cairo_status_to_string(cairo_status(r->cr)));
}
