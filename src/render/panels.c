/* The page around the map: title band, the headline totals per source, the
 * legend, the locator inset, the "not on the map" note and the credits.
 * Panels are measured first (a dry run) and then drawn, so each is as tall
 * as its content. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const category_words[] = {"civilians", "security forces",
					     "pro-Assad fighters", "unknown or mixed", "several categories"};

typedef struct cursor {
	rctx *r;
	double x, y, width;
	bool dry;
} cursor;

/* A block of wrapped text at the cursor; returns its height. */
static double text_block(cursor *c, const char *text, double pt, bool bold, bool italic,
			 em_color color)
{
	PangoLayout *layout = em_text_layout(c->r, text, pt, bold, italic, c->width);
	double w, h;

	em_text_size(layout, &w, &h);
	if (!c->dry)
		em_draw_layout(c->r, layout, c->x, c->y, color);
	g_object_unref(layout);
	c->y += h;
	return h;
}

static void gap(cursor *c, double mm)
{
	c->y += mm * c->r->text_scale;
}

double em_title_band(rctx *r)
{
	const em_style *s = r->style;
	const em_poster_options *o = r->options;
	double m = s->margin_mm * r->text_scale, w, h1, h2, band;
	PangoLayout *title = em_text_layout(r, o->title, s->title_pt, true, false,
					    r->page.width - 2 * m);
	PangoLayout *subtitle = em_text_layout(r, o->subtitle, s->subtitle_pt, false, false,
					       r->page.width - 2 * m);

	em_text_size(title, &w, &h1);
	em_text_size(subtitle, &w, &h2);
	band = m * 0.75 + h1 + 1.5 * r->text_scale + h2 + m * 0.7;
	cairo_rectangle(r->cr, 0, 0, r->page.width, band);
	em_set_color(r->cr, s->title_band);
	cairo_fill(r->cr);
	em_draw_layout(r, title, m, m * 0.75, s->title_text);
	em_draw_layout(r, subtitle, m, m * 0.75 + h1 + 1.5 * r->text_scale, s->subtitle_text);
	g_object_unref(title);
	g_object_unref(subtitle);
	return band;
}

/* ---- headline ------------------------------------------------------ */

static void headline_line(const em_source_total *h, char *out, size_t size)
{
	size_t at = 0;
	char range[64];

	out[0] = '\0';
	for (int k = 0; k < EM_CATEGORY_UNKNOWN; k++) {
		if (!h->by_category[k].present)
			continue;
		em_range_format(range, sizeof(range), &h->by_category[k]);
		at += (size_t)snprintf(out + at, size > at ? size - at : 0, "%s%s %s",
				       at ? " \xC2\xB7 " : "", range, category_words[k]);
	}
}

static void date_span(em_date from, em_date to, char *out, size_t size)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y0, m0, d0, y1, m1, d1;

	em_date_split(from, &y0, &m0, &d0);
	em_date_split(to, &y1, &m1, &d1);
	if (from == to)
		snprintf(out, size, "%d %s %d", d0, months[m0 - 1], y0);
	else if (m0 == m1 && y0 == y1)
		snprintf(out, size, "%d\xE2\x80\x93%d %s %d", d0, d1, months[m0 - 1], y0);
	else
		snprintf(out, size, "%d %s \xE2\x80\x93 %d %s %d", d0, months[m0 - 1], d1,
			 months[m1 - 1], y1);
}

static void headline_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	const em_summary *sum = r->summary;

	text_block(c, "Deaths reported across the whole area", s->heading_pt, true, false, s->heading);
	gap(c, 0.8);
	text_block(c, "Totals for the region as each source gave them; sources are not added up.",
		   s->small_pt, false, true, s->muted_text);
	gap(c, 2.5);
	if (sum->headline_count == 0)
		text_block(c, "No region-wide totals were reported for this period.", s->text_pt,
			   false, false, s->text);
	for (size_t i = 0; i < sum->headline_count; i++) {
		const em_source_total *h = &sum->headline[i];
		char total[64], line[512], when[64], head[160];
		em_range_format(total, sizeof(total), &h->total);
		date_span(h->first_date, h->last_date, when, sizeof(when));
		snprintf(head, sizeof(head), "%s  %s", h->source, total);
		text_block(c, head, s->heading_pt * 1.05, true, false, s->heading);
		headline_line(h, line, sizeof(line));
		if (line[0] != '\0')
			text_block(c, line, s->text_pt, false, false, s->text);
		text_block(c, when, s->small_pt, false, false, s->muted_text);
		gap(c, 2.2);
	}
}

/* ---- legend -------------------------------------------------------- */

static long long nice_value(double v)
{
	static const double steps[] = {1, 2, 2.5, 5};
	double best = 1;

	for (double decade = 1; decade <= 1e9; decade *= 10)
		for (size_t i = 0; i < 4; i++)
			if (steps[i] * decade <= v + 1e-9)
				best = steps[i] * decade;
	return (long long)best;
}

static void legend_circles(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	long long values[3];
	double big = em_marker_radius(r, r->scale_max), base;

	values[0] = nice_value((double)r->scale_max);
	values[1] = nice_value((double)r->scale_max / 4);
	values[2] = nice_value((double)r->scale_max / 16);
	if (values[2] >= values[1])
		values[2] = 0;
	if (values[1] >= values[0])
		values[1] = 0;
	base = c->y + 2 * big;
	for (int i = 0; i < 3; i++) {
		double rad, x = c->x + big, y;
		char text[32];
		PangoLayout *layout;
		double w, h;
		if (r->report != NULL)
			r->report->legend_values[i] = (size_t)values[i];
		if (values[i] <= 0)
			continue;
		rad = em_marker_radius(r, values[i]);
		y = base - rad;
		if (!c->dry) {
			cairo_new_path(r->cr);
			cairo_arc(r->cr, x, y, rad, 0, 2 * M_PI);
			em_set_color_alpha(r->cr, s->muted_text, 0.08);
			cairo_fill_preserve(r->cr);
			em_set_color(r->cr, s->text);
			cairo_set_line_width(r->cr, 0.25);
			cairo_stroke(r->cr);
			cairo_move_to(r->cr, x, y - rad);
			cairo_line_to(r->cr, c->x + 2 * big + 3, y - rad);
			cairo_stroke(r->cr);
		}
		em_count_format(text, sizeof(text), values[i]);
		layout = em_text_layout(r, text, s->small_pt, false, false, 0);
		em_text_size(layout, &w, &h);
		if (!c->dry)
			em_draw_layout(r, layout, c->x + 2 * big + 4, y - rad - h / 2, s->text);
		g_object_unref(layout);
	}
	c->y = base + 1.5 * r->text_scale;
}

/* A small symbol at the left and its explanation beside it. */
static void legend_row(cursor *c, int kind, em_color color, const char *text)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	double sym = 7 * r->text_scale, y0 = c->y, h;
	cursor t = *c;
	cairo_t *cr = r->cr;
	const double dash[] = {1.0 * r->text_scale, 0.7 * r->text_scale};

	t.x = c->x + sym + 2.5 * r->text_scale;
	t.width = c->width - sym - 2.5 * r->text_scale;
	h = text_block(&t, text, s->text_pt, false, false, s->text);
	if (!c->dry) {
		double cx = c->x + sym / 2, cy = y0 + fmax(h, sym * 0.7) / 2;
		cairo_new_path(cr);
		switch (kind) {
		case 0: /* category swatch */
			cairo_arc(cr, cx, cy, sym * 0.3, 0, 2 * M_PI);
			em_set_color_alpha(cr, color, s->marker_opacity);
			cairo_fill(cr);
			break;
		case 1: /* range: inner disc and ring */
			cairo_arc(cr, cx, cy, sym * 0.45, 0, 2 * M_PI);
			em_set_color_alpha(cr, color, s->range_opacity);
			cairo_fill_preserve(cr);
			em_set_color(cr, color);
			cairo_set_line_width(cr, 0.3);
			cairo_stroke(cr);
			cairo_arc(cr, cx, cy, sym * 0.25, 0, 2 * M_PI);
			em_set_color_alpha(cr, color, s->marker_opacity);
			cairo_fill(cr);
			break;
		case 2: /* approximate */
			cairo_arc(cr, cx, cy, sym * 0.38, 0, 2 * M_PI);
			em_set_color(cr, color);
			cairo_set_line_width(cr, 0.6 * r->text_scale);
			cairo_set_dash(cr, dash, 2, 0);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			break;
		case 3: /* town */
			cairo_arc(cr, cx, cy, s->town_dot_mm * r->text_scale, 0, 2 * M_PI);
			em_set_color(cr, s->town_dot);
			cairo_fill(cr);
			break;
		default: /* border */
			cairo_move_to(cr, c->x, cy);
			cairo_line_to(cr, c->x + sym, cy);
			em_set_color(cr, s->border);
			cairo_set_line_width(cr, s->border_mm);
			{
				const double bd[] = {2.2, 0.9};
				cairo_set_dash(cr, bd, 2, 0);
			}
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		}
	}
	c->y = y0 + fmax(h, sym * 0.7) + 1.2 * r->text_scale;
}

static void legend_arrow(cursor *c, double width, bool counted, const char *text)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	double len = 26 * r->text_scale, y0 = c->y, h, head = fmax(3.2 * r->text_scale, 2.3 * width);
	double hw = fmax(1.5 * r->text_scale, 1.05 * width), cy;
	cursor t = *c;
	cairo_t *cr = r->cr;
	const double dash[] = {1.6 * r->text_scale, 0.9 * r->text_scale};

	t.x = c->x + len + 3 * r->text_scale;
	t.width = c->width - len - 3 * r->text_scale;
	h = text_block(&t, text, s->text_pt, false, false, s->text);
	cy = y0 + fmax(h, 2 * hw) / 2;
	if (!c->dry) {
		em_color color = counted ? s->arrow : s->arrow_uncounted;
		cairo_new_path(cr);
		cairo_move_to(cr, c->x, cy);
		cairo_line_to(cr, c->x + len - head, cy);
		em_set_color(cr, color);
		cairo_set_line_width(cr, width);
		if (!counted)
			cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_move_to(cr, c->x + len, cy);
		cairo_line_to(cr, c->x + len - head, cy - hw);
		cairo_line_to(cr, c->x + len - head, cy + hw);
		cairo_close_path(cr);
		cairo_fill(cr);
	}
	c->y = y0 + fmax(h, 2 * hw) + 1.2 * r->text_scale;
}

static void legend_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	bool present[EM_CATEGORY_COUNT + 1] = {false};
	long long max_people = 0;
	char text[160];

	text_block(c, "Legend", s->heading_pt, true, false, s->heading);
	gap(c, 2);
	text_block(c, "Deaths reported at a place (circle area)", s->text_pt, true, false, s->text);
	gap(c, 1);
	legend_circles(c);
	for (size_t i = 0; i < r->summary->place_count; i++)
		present[r->summary->places[i].category] = true;
	for (int k = 0; k <= EM_CATEGORY_MIXED; k++)
		if (present[k] || k < EM_CATEGORY_UNKNOWN)
			legend_row(c, 0, s->category[k], category_words[k]);
	legend_row(c, 1, s->category[EM_CATEGORY_UNKNOWN],
		   "Sources differ: inner disc lowest figure, ring highest");
	legend_row(c, 2, s->category[EM_CATEGORY_UNKNOWN],
		   "Place known only approximately (near, or the region)");
	gap(c, 1.5);
	text_block(c, "People displaced (arrow width)", s->text_pt, true, false, s->text);
	gap(c, 1);
	for (size_t k = 0; k < r->arrow_count; k++)
		if (r->arrows[k].counted)
			max_people = 1; /* at least one counted arrow is drawn */
	if (max_people) {
		for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
			const em_flow *f = em_dataset_flow(r->dataset, i);
			if (f->has_people && f->people > max_people)
				max_people = f->people;
		}
		em_count_format(text, sizeof(text), max_people);
		strncat(text, " people", sizeof(text) - strlen(text) - 1);
		legend_arrow(c, s->arrow_max_mm * r->text_scale, true, text);
	}
	legend_arrow(c, s->arrow_min_mm * r->text_scale, false, "Movement reported, not counted");
	gap(c, 1.5);
	legend_row(c, 3, s->town_dot, "Town");
	legend_row(c, 4, s->border, "International border");
	if (r->options->series_note != NULL) {
		gap(c, 1);
		text_block(c, r->options->series_note, s->small_pt, false, true, s->muted_text);
	}
}

/* ---- locator inset ------------------------------------------------- */

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

	text_block(c, "Location", s->heading_pt, true, false, s->heading);
	gap(c, 2);
	in.west = 24;
	in.east = 46;
	in.south = 28.5;
	in.north = 41.5;
	in.x = c->x;
	in.y = c->y;
	in.w = c->width;
	in.kx = in.w / (in.east - in.west);
	in.h = (in.north - in.south) * in.kx / cos((in.south + in.north) / 2 * M_PI / 180);
	c->y += in.h;
	if (c->dry)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, in.x, in.y, in.w, in.h);
	cairo_clip_preserve(cr);
	em_set_color(cr, s->sea);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	inset_layer(r, &in, EM_BASEMAP_LOCATOR_LAND, NULL, true);
	em_set_color(cr, s->inset_land);
	cairo_fill(cr);
	inset_layer(r, &in, EM_BASEMAP_LOCATOR_COUNTRIES, "SY", true);
	em_set_color(cr, s->inset_focus);
	cairo_fill(cr);
	inset_layer(r, &in, EM_BASEMAP_LOCATOR_COUNTRIES, NULL, true);
	em_set_color(cr, s->border);
	cairo_set_line_width(cr, 0.15);
	cairo_stroke(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	em_mapview_bounds(r->view, &main);
	inset_point(&in, main.west, main.north, &x0, &y0);
	inset_point(&in, main.east, main.south, &x1, &y1);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	em_set_color(cr, s->inset_box);
	cairo_set_line_width(cr, 0.6 * r->text_scale);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_rectangle(cr, in.x, in.y, in.w, in.h);
	em_set_color(cr, s->panel_border);
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
}

/* ---- not on the map, credits ------------------------------------------ */

static const char *short_reason(const em_location *where)
{
	switch (where->why) {
	case EM_WHY_AMBIGUOUS: return "the name fits several places";
	case EM_WHY_FAR: return "the only places of that name are far from the others reported";
	case EM_WHY_UNKNOWN: return "no sourced position for this place";
	case EM_WHY_UNUSABLE: return "the name cannot be read as a place name";
	case EM_WHY_NO_REGION_POINT: return "a region, and no place of it is on the map";
	case EM_WHY_REGION_TOTAL: return "a region-wide total";
	case EM_WHY_NONE: break;
	}
	return "not placed";
}

static void unmapped_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	const em_filter *f = &r->options->filter;
	size_t shown = 0;
	char line[512], number[64];

	text_block(c, "Not on the map", s->heading_pt, true, false, s->heading);
	gap(c, 1.5);
	for (size_t i = 0; i < em_dataset_report_count(r->dataset); i++) {
		const em_report *rep = em_dataset_report(r->dataset, i);
		em_range range = {true, rep->fatalities, rep->fatalities, rep->qualifier, rep->qualifier};
		if (rep->scope != EM_SCOPE_PLACE || rep->where.state != EM_STATE_NOT_MAPPED ||
		    (f->has_from && rep->date < f->from) || (f->has_to && rep->date > f->to))
			continue;
		em_range_format(number, sizeof(number), &range);
		snprintf(line, sizeof(line), "%s: %s %s (%s). Not placed: %s.", rep->location, number,
			 category_words[rep->category], rep->source, short_reason(&rep->where));
		text_block(c, line, s->small_pt, false, false, s->text);
		gap(c, 0.8);
		shown++;
	}
	for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
		const em_flow *fl = em_dataset_flow(r->dataset, i);
		const em_location *bad = fl->from.state == EM_STATE_NOT_MAPPED ? &fl->from : &fl->to;
		if (bad->state != EM_STATE_NOT_MAPPED)
			continue;
		if (fl->has_people) {
			em_range range = {true, fl->people, fl->people, fl->qualifier, fl->qualifier};
			em_range_format(number, sizeof(number), &range);
		} else {
			snprintf(number, sizeof(number), "uncounted");
		}
		snprintf(line, sizeof(line), "%s people to %s (%s). Not drawn: %s.", number,
			 fl->destination, fl->source, short_reason(bad));
		text_block(c, line, s->small_pt, false, false, s->text);
		gap(c, 0.8);
		shown++;
	}
	if (shown == 0)
		text_block(c, "Every place reported for this period is on the map.", s->small_pt, false,
			   false, s->text);
}

/* Horizontal bars per place: solid to the lowest figure, light to the
 * highest, in the place's colour; the figure as text beside. */
static void places_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	double name_w = 0, bar_h = 4.2 * r->text_scale, row = 6.2 * r->text_scale;
	long long top = 1;

	text_block(c, "Deaths reported by place", s->heading_pt, true, false, s->heading);
	gap(c, 0.8);
	text_block(c, "Solid bar: lowest figure across sources; light bar: highest.", s->small_pt,
		   false, true, s->muted_text);
	gap(c, 2);
	if (r->summary->place_count == 0) {
		text_block(c, "No place was mapped for this period.", s->text_pt, false, false, s->text);
		return;
	}
	for (size_t i = 0; i < r->summary->place_count; i++) {
		PangoLayout *l = em_text_layout(r, r->summary->places[i].name, s->text_pt, false, false, 0);
		double w, h;
		em_text_size(l, &w, &h);
		name_w = fmax(name_w, w);
		g_object_unref(l);
		if (r->summary->places[i].total.max > top)
			top = r->summary->places[i].total.max;
	}
	for (size_t i = 0; i < r->summary->place_count && i < 12; i++) {
		const em_place_total *p = &r->summary->places[i];
		double x0 = c->x + name_w + 2.5 * r->text_scale;
		double span = c->width - (x0 - c->x) - 18 * r->text_scale;
		double y = c->y;
		em_color color = r->style->category[p->category];
		PangoLayout *name = em_text_layout(r, p->name, s->text_pt, false, false, 0);
		PangoLayout *value = em_text_layout(r, p->display, s->text_pt, true, false, 0);
		double w, h;

		em_text_size(name, &w, &h);
		if (!c->dry) {
			em_draw_layout(r, name, x0 - 2.5 * r->text_scale - w, y + (bar_h - h) / 2, s->text);
			cairo_rectangle(r->cr, x0, y, span * (double)p->total.max / (double)top, bar_h);
			em_set_color_alpha(r->cr, color, s->range_opacity);
			cairo_fill(r->cr);
			cairo_rectangle(r->cr, x0, y, span * (double)p->total.min / (double)top, bar_h);
			em_set_color_alpha(r->cr, color, s->marker_opacity);
			cairo_fill(r->cr);
			em_text_size(value, &w, &h);
			em_draw_layout(r, value, x0 + span * (double)p->total.max / (double)top + 1.5,
				       y + (bar_h - h) / 2, s->text);
		}
		g_object_unref(name);
		g_object_unref(value);
		c->y += row;
	}
}

static void add_unique(char *list, size_t size, const char *item, size_t len)
{
	char word[160];

	snprintf(word, sizeof(word), "%.*s", (int)len, item);
	if (word[0] == '\0' || strstr(list, word) != NULL)
		return;
	if (list[0] != '\0')
		strncat(list, ", ", size - strlen(list) - 1);
	strncat(list, word, size - strlen(list) - 1);
}

static void credits_content(cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	char sources[1024] = "", outlets[1024] = "", text[3072];

	for (size_t i = 0; i < em_dataset_report_count(r->dataset); i++) {
		const em_report *rep = em_dataset_report(r->dataset, i);
		const char *paren = strstr(rep->reported_by, " (");
		add_unique(sources, sizeof(sources), rep->source, strlen(rep->source));
		add_unique(outlets, sizeof(outlets), rep->reported_by,
			   paren ? (size_t)(paren - rep->reported_by) : strlen(rep->reported_by));
	}
	for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
		const em_flow *f = em_dataset_flow(r->dataset, i);
		const char *paren = strstr(f->reported_by, " (");
		add_unique(sources, sizeof(sources), f->source, strlen(f->source));
		add_unique(outlets, sizeof(outlets), f->reported_by,
			   paren ? (size_t)(paren - f->reported_by) : strlen(f->reported_by));
	}
	snprintf(text, sizeof(text),
		 "Figures as reported, not independently verified. Sources: %s%s%s. "
		 "A range shows the lowest and highest figure across sources; figures from "
		 "different sources are never added. Place names and positions: GeoNames "
		 "(geonames.org, CC BY 4.0) and a cited supplement. Basemap: GSHHG and WDBII "
		 "shorelines, rivers and borders (Wessel & Smith, LGPL-3.0); DCW country outlines "
		 "(LGPL-3.0). Projection: %s. Made with eventmap.",
		 sources, outlets[0] ? "; as reported by " : "", outlets,
		 em_mapview_description(r->view));
	text_block(c, text, s->credit_pt, false, false, s->muted_text);
}

/* ---- panels -------------------------------------------------------- */

typedef void (*content_fn)(cursor *c);

/* Measures, then draws a framed panel at (x, *y) of the given width. */
static void panel(rctx *r, double x, double *y, double width, content_fn fn, bool framed)
{
	const em_style *s = r->style;
	double pad = framed ? s->panel_padding_mm * r->text_scale : 0;
	cursor c = {r, x + pad, *y + pad, width - 2 * pad, true};
	double height;

	fn(&c);
	height = c.y - *y + pad;
	if (framed) {
		cairo_rectangle(r->cr, x, *y, width, height);
		em_set_color(r->cr, s->panel);
		cairo_fill_preserve(r->cr);
		em_set_color(r->cr, s->panel_border);
		cairo_set_line_width(r->cr, 0.3);
		cairo_stroke(r->cr);
	}
	c.y = *y + pad;
	c.dry = false;
	fn(&c);
	*y += height + s->gutter_mm * r->text_scale;
}

void em_draw_panel(rctx *r, em_panel which, double x, double *y, double width, bool framed)
{
	static const content_fn contents[] = {
		[EM_PANEL_HEADLINE] = headline_content, [EM_PANEL_LEGEND] = legend_content,
		[EM_PANEL_INSET] = inset_content, [EM_PANEL_PLACES] = places_content,
		[EM_PANEL_UNMAPPED] = unmapped_content, [EM_PANEL_CREDITS] = credits_content};

	panel(r, x, y, width, contents[which], framed);
}

double em_panel_height(rctx *r, em_panel which, double width)
{
	cursor c = {r, 0, 0, width, true};

	if (which == EM_PANEL_CREDITS) {
		credits_content(&c);
		return c.y;
	}
	legend_content(&c);
	return c.y + 2 * r->style->panel_padding_mm * r->text_scale;
}

em_status em_draw_panels(rctx *r, const em_box *area, bool columns)
{
	double g = r->style->gutter_mm * r->text_scale;
	double y = area->y;

	if (columns) {
		double w = (area->width - g) / 2, y2 = area->y;
		panel(r, area->x, &y, w, headline_content, true);
		panel(r, area->x, &y, w, legend_content, true);
		panel(r, area->x + w + g, &y2, w, inset_content, true);
		panel(r, area->x + w + g, &y2, w, places_content, true);
		panel(r, area->x + w + g, &y2, w, unmapped_content, true);
		y = fmax(y, y2);
	} else {
		double w = (area->width - 2 * g) / 3, y1 = y, y2 = y, y3 = y;
		panel(r, area->x, &y1, w, headline_content, true);
		panel(r, area->x + w + g, &y2, w, legend_content, true);
		panel(r, area->x + 2 * (w + g), &y3, w, inset_content, true);
		panel(r, area->x, &y1, w, places_content, true);
		panel(r, area->x + 2 * (w + g), &y3, w, unmapped_content, true);
		y = fmax(y1, fmax(y2, y3));
	}
	{
		/* Credits sit at the foot of the area, below everything else. */
		cursor measure = {r, area->x, 0, area->width, true};
		double cy;
		credits_content(&measure);
		cy = fmax(y, area->y + area->height - measure.y);
		panel(r, area->x, &cy, area->width, credits_content, false);
	}
	return cairo_status(r->cr) == CAIRO_STATUS_SUCCESS
		       ? EM_OK
		       : em_error_set(r->err, EM_ERR_IO, "drawing the panels: %s",
				      cairo_status_to_string(cairo_status(r->cr)));
}
