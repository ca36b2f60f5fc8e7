/* The main map: basemap (sea, land with the focus country lighter, lakes,
 * rivers, coast, borders), displacement arrows under the markers, casualty
 * markers showing the range across sources, then labels placed around
 * them, context towns where room is left, frame, graticule ticks, scale
 * bar and north arrow. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FOCUS_COUNTRY "SY"

static bool visible(const rctx *r, const em_bbox *b)
{
	const em_bbox v = r->view_bounds;

	return !(b->east < v.west || b->west > v.east || b->north < v.south || b->south > v.north);
}

static bool to_page(const rctx *r, double lon, double lat, double *x, double *y)
{
	if (!em_mapview_to_page(x, y, r->view, lon, lat))
		return false;
	*x += r->map.x;
	*y += r->map.y;
	return true;
}

bool em__map_point(const rctx *r, double lon, double lat, double *x, double *y)
{
	return to_page(r, lon, lat, x, y);
}

/* Adds the feature's parts to the current path.  Points closer than a
 * tenth of a millimetre to the last one drawn are skipped: invisible in
 * print, and a full-resolution coastline shrinks to what the page shows. */
static void feature_path(rctx *r, const em_basemap_feature *f, bool closed)
{
	const double *c = f->coords;
	const double min_step = 0.1;

	for (size_t p = 0; p < f->part_count; p++) {
		size_t n = f->part_sizes[p];
		bool started = false;
		double last_x = 0, last_y = 0;
		for (size_t i = 0; i < n; i++, c += 2) {
			double x, y;
			if (!to_page(r, c[0], c[1], &x, &y))
				continue;
			if (started && i + 1 < n && fabs(x - last_x) < min_step &&
			    fabs(y - last_y) < min_step)
				continue;
			if (!started)
				cairo_move_to(r->cr, x, y);
			else
				cairo_line_to(r->cr, x, y);
			started = true;
			last_x = x;
			last_y = y;
		}
		if (started && closed)
			cairo_close_path(r->cr);
	}
}

static void layer_path(rctx *r, em_basemap_layer_id id, bool closed, const char *iso)
{
	const em_basemap_layer *layer = em_basemap_get(r->basemap, id);

	for (size_t i = 0; i < layer->count; i++) {
		const em_basemap_feature *f = &layer->features[i];
		if ((iso == NULL || strcmp(f->iso, iso) == 0) && visible(r, &f->bbox))
			feature_path(r, f, closed);
	}
}

static void stroke_layer(rctx *r, em_basemap_layer_id id, em_color color, double width,
			 const double *dashes, int dash_count)
{
	cairo_t *cr = r->cr;

	cairo_new_path(cr);
	layer_path(r, id, false, NULL);
	em__set_color(cr, color);
	cairo_set_line_width(cr, width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(cr, dashes, dash_count, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

/* The coverage's outline on the page, as a closed path (its edges
 * sampled, since parallels and meridians may curve). */
static void coverage_path(rctx *r, const em_bbox *c)
{
	const int steps = 48;
	bool started = false;

	for (int side = 0; side < 4; side++) {
		for (int i = 0; i < steps; i++) {
			double t = (double)i / steps, lon, lat, x, y;
			switch (side) {
			case 0: lon = c->west + t * (c->east - c->west); lat = c->south; break;
			case 1: lon = c->east; lat = c->south + t * (c->north - c->south); break;
			case 2: lon = c->east - t * (c->east - c->west); lat = c->north; break;
			default: lon = c->west; lat = c->north - t * (c->north - c->south); break;
			}
			if (!to_page(r, lon, lat, &x, &y))
				continue;
			if (started)
				cairo_line_to(r->cr, x, y);
			else
				cairo_move_to(r->cr, x, y);
			started = true;
		}
	}
	cairo_close_path(r->cr);
}

static bool in_coverage(const rctx *r, double lon, double lat)
{
	em_bbox c = em_basemap_coverage(r->basemap);

	return c.east <= c.west || (lon >= c.west && lon <= c.east && lat >= c.south &&
				    lat <= c.north);
}

/* Beyond the basemap the map knows nothing: there it shows blank paper
 * with a dashed edge, never sea where there may be land. */
static void blank_beyond_coverage(rctx *r)
{
	cairo_t *cr = r->cr;
	em_bbox c = em_basemap_coverage(r->basemap), v = r->view_bounds;
	const double dash[] = {1.2 * r->text_scale, 0.8 * r->text_scale};

	if (c.east <= c.west || (v.west >= c.west && v.east <= c.east && v.south >= c.south &&
				 v.north <= c.north))
		return;
	cairo_new_path(cr);
	cairo_rectangle(cr, r->map.x, r->map.y, r->map.width, r->map.height);
	coverage_path(r, &c);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	em__set_color(cr, r->style->page);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	cairo_new_path(cr);
	coverage_path(r, &c);
	em__set_color(cr, r->style->muted_text);
	cairo_set_line_width(cr, 0.3 * r->text_scale);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_basemap(rctx *r)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	const double border_dash[] = {2.2, 0.9};

	em__set_color(cr, s->sea);
	cairo_rectangle(cr, r->map.x, r->map.y, r->map.width, r->map.height);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_new_path(cr);
	layer_path(r, EM_BASEMAP_LAND, true, NULL);
	em__set_color(cr, s->neighbour_land);
	cairo_fill_preserve(cr);
	/* The focus country, lighter, only where there is land. */
	cairo_save(cr);
	cairo_clip(cr);
	cairo_new_path(cr);
	layer_path(r, EM_BASEMAP_COUNTRIES, true, FOCUS_COUNTRY);
	em__set_color(cr, s->focus_land);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_new_path(cr);
	layer_path(r, EM_BASEMAP_LAKES, true, NULL);
	em__set_color(cr, s->lake);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	stroke_layer(r, EM_BASEMAP_RIVERS, s->river, s->river_mm, NULL, 0);
	stroke_layer(r, EM_BASEMAP_COASTLINE, s->coast, s->coast_mm, NULL, 0);
	stroke_layer(r, EM_BASEMAP_BORDERS, s->border, s->border_mm, border_dash, 2);
	blank_beyond_coverage(r);
}

double em__marker_radius(const rctx *r, long long value)
{
	const em_style *s = r->style;
	double ratio, radius;

	if (r->scale_max <= 0 || value <= 0)
		return s->marker_min_mm * r->text_scale;
	ratio = (double)value / (double)r->scale_max;
	if (ratio > 1)
		ratio = 1;
	/* Flannery: readers underestimate large circles, so they grow faster. */
	radius = s->marker_max_mm * r->text_scale *
		 (s->scaling == EM_SCALING_FLANNERY ? pow(ratio, 0.5716) : sqrt(ratio));
	return fmax(radius, s->marker_min_mm * r->text_scale);
}

static em_color category_color(const rctx *r, em_category c)
{
	return r->style->category[c <= EM_CATEGORY_MIXED ? c : EM_CATEGORY_UNKNOWN];
}

static void circle_path(cairo_t *cr, double x, double y, double radius)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
}

/* Diagonal hatching inside the current path: a figure for days reaching
 * beyond the poster's, told apart from the solid figures of its days. */
static void hatch(rctx *r, double x, double y, double radius, em_color color)
{
	cairo_t *cr = r->cr;
	double step = 1.1 * r->text_scale;

	cairo_save(cr);
	cairo_clip_preserve(cr);
	cairo_new_path(cr);
	for (double d = -2 * radius; d <= 2 * radius; d += step) {
		cairo_move_to(cr, x + d - radius, y + radius);
		cairo_line_to(cr, x + d + radius, y - radius);
	}
	em__set_color(cr, color);
	cairo_set_line_width(cr, 0.3 * r->text_scale);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void draw_spanning(rctx *r, const em_place_total *p, double x, double y, em_color color)
{
	cairo_t *cr = r->cr;
	double r_max = em__marker_radius(r, p->spanning.max);

	cairo_new_path(cr);
	circle_path(cr, x, y, r_max);
	em__set_color_alpha(cr, color, 0.18);
	cairo_fill_preserve(cr);
	hatch(r, x, y, r_max, color);
	em__set_color(cr, color);
	cairo_set_line_width(cr, 1.5 * r->style->marker_outline_mm * r->text_scale);
	cairo_stroke(cr);
	if (p->spanning.min < p->spanning.max) {
		circle_path(cr, x, y, em__marker_radius(r, p->spanning.min));
		cairo_set_line_width(cr, r->style->marker_outline_mm * r->text_scale);
		cairo_stroke(cr);
	}
}

static void draw_marker(rctx *r, const em_place_total *p, double x, double y)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	em_color color = category_color(r, p->category);
	double r_max = em__marker_radius(r, p->total.max);
	double r_min = em__marker_radius(r, p->total.min);
	double outline = s->marker_outline_mm * r->text_scale;
	const double dash[] = {1.0 * r->text_scale, 0.7 * r->text_scale};
	bool range = p->total.min < p->total.max;

	if (p->spanning.present)
		draw_spanning(r, p, x, y, color);
	cairo_new_path(cr);
	if (!p->total.present) {
		/* Only a figure for more days than this poster's. */
	} else if (p->state == EM_STATE_APPROXIMATE) {
		/* Approximate places: hollow and dashed, never a confident dot. */
		circle_path(cr, x, y, r_max);
		em__set_color_alpha(cr, color, 0.12);
		cairo_fill_preserve(cr);
		em__set_color(cr, color);
		cairo_set_line_width(cr, 2 * outline);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	} else {
		if (range) {
			circle_path(cr, x, y, r_max);
			em__set_color_alpha(cr, color, s->range_opacity);
			cairo_fill_preserve(cr);
			em__set_color(cr, color);
			cairo_set_line_width(cr, outline);
			cairo_stroke(cr);
		}
		circle_path(cr, x, y, range ? r_min : r_max);
		em__set_color_alpha(cr, color, s->marker_opacity);
		cairo_fill_preserve(cr);
		em__set_color(cr, s->marker_outline);
		cairo_set_line_width(cr, outline);
		cairo_stroke(cr);
	}
	em__occupy_circle(r, x, y, em__marker_radius(r, em_place_total_deaths_max(p)) + 0.3);
}

/* Every place drawn, with what it shows, for tests and checks. */
static void report_place(rctx *r, const em_place_total *p, double x, double y)
{
	em_placed_marker *m;

	if (r->report == NULL || r->report->marker_count >= EM_RENDER_REPORT_MAX)
		return;
	m = &r->report->markers[r->report->marker_count++];
	snprintf(m->place_id, sizeof(m->place_id), "%s", p->place_id);
	snprintf(m->name, sizeof(m->name), "%s", p->name);
	m->x = x;
	m->y = y;
	m->radius = em_place_total_has_deaths(p) ? em__marker_radius(r, em_place_total_deaths_max(p)) : 0;
	m->symbols = em__event_row_box(r, p, x, y);
	m->deaths = em_place_total_has_deaths(p);
	m->spanning = p->spanning.present;
	m->event_kinds = p->event_kinds;
	m->spanning_kinds = p->spanning_kinds;
}

static void display_name(const char *ascii, char *out, size_t size);

/* Whether a name is written in Arabic script (its first letter). */
static bool arabic_script(const char *text)
{
	while (*text == ' ')
		text++;
	return (unsigned char)text[0] >= 0xD8 && (unsigned char)text[0] <= 0xDB;
}

bool em__place_names_index(rctx *r)
{
	for (size_t i = 0; i < em_dataset_report_count(r->dataset); i++) {
		const em_report *rep = em_dataset_report(r->dataset, i);
		const char *id = rep->where.place_id;
		uint64_t *at;
		if (id[0] == '\0')
			continue;
		at = em__keymap_get(&r->names, id, strlen(id), true, NULL);
		if (at == NULL)
			return false;
		if (*at == 0)
			*at = i + 1;
	}
	return true;
}

const char *em__place_name(const rctx *r, const em_place_total *p, char *buf, size_t size)
{
	const char *name = p->name;
	uint64_t *at = p->place_id[0] ? em__keymap_get((em_keymap *)&r->names, p->place_id,
						      strlen(p->place_id), false, NULL)
				      : NULL;

	if (at != NULL && *at > 0)
		name = em_dataset_report(r->dataset, (size_t)(*at - 1))->location;
	if (r->options->labels != EM_LABELS_AR && arabic_script(name) &&
	    p->gazetteer_name[0] != '\0' && !arabic_script(p->gazetteer_name)) {
		display_name(p->gazetteer_name, buf, size);
		return buf;
	}
	return name;
}

static void label_text(const rctx *r, const em_place_total *p, char *out, size_t size)
{
	char own[256];
	const char *name = em__place_name(r, p, own, sizeof(own));
	char figure[192] = "";

	/* After an Arabic name a left-to-right mark, so that the figure keeps
	 * its place after the name ("جبلة · 11", not "11 · جبلة"). */
	const char *mark = arabic_script(r->options->labels == EM_LABELS_AR && p->name_ar[0]
						 ? p->name_ar : name) ? "\xE2\x80\x8E" : "";

	if (p->display[0] != '\0')
		snprintf(figure, sizeof(figure), "%s \xC2\xB7 %s", mark, p->display);
	else if (p->event_kinds == 0 && p->spanning_kinds != 0)
		snprintf(figure, sizeof(figure), "%s (%s)", mark, p->event_days);
	switch (r->options->labels) {
	case EM_LABELS_AR:
		snprintf(out, size, "%s%s", p->name_ar[0] ? p->name_ar : name, figure);
		break;
	case EM_LABELS_BOTH:
		if (p->name_ar[0] && strcmp(p->name_ar, name) != 0 && !arabic_script(name))
			snprintf(out, size, "%s%s\n%s", name, figure, p->name_ar);
		else
			snprintf(out, size, "%s%s", name, figure);
		break;
	default:
		snprintf(out, size, "%s%s", name, figure);
	}
}

/* How far a label keeps from its place: the death circle, or the row of
 * event symbols standing on the place. */
static double label_radius(const rctx *r, const em_place_total *p, double x, double y)
{
	em_box row;

	if (em_place_total_has_deaths(p))
		return em__marker_radius(r, em_place_total_deaths_max(p));
	row = em__event_row_box(r, p, x, y);
	return fmax(row.width, row.height) / 2 + 0.4 * r->text_scale;
}

static void draw_place_labels(rctx *r)
{
	const em_style *s = r->style;

	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double x, y, w, h;
		char text[1024];
		PangoLayout *layout;
		em_box box;

		if (!to_page(r, p->lon, p->lat, &x, &y))
			continue;
		label_text(r, p, text, sizeof(text));
		layout = em__text_layout(r, text, s->label_pt, true, false, 0);
		em__text_size(layout, &w, &h);
		if (!em__place_label(&r->occupied, x, y, label_radius(r, p, x, y), w, h, &box)) {
			/* Crowded: further out, with a leader back to the place;
			 * where even that is taken, no label over another: the
			 * place is named in the panel instead. */
			if (!em__place_label_far(&r->occupied, x, y, label_radius(r, p, x, y), w, h,
						r->text_scale, &box)) {
				em__label_left_out(r, text);
				g_object_unref(layout);
				continue;
			}
			em__draw_leader(r, &box, x, y, s->label);
		}
		em__draw_layout_halo(r, layout, box.x, box.y, s->label, s->label_halo, s->label_halo_mm);
		em__occupy_box(r, &box, true);
		g_object_unref(layout);
	}
}

static void draw_markers(rctx *r)
{
	/* The summary is sorted largest first: small circles stay on top. */
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double x, y;
		if (!to_page(r, p->lon, p->lat, &x, &y))
			continue;
		if (em_place_total_has_deaths(p))
			draw_marker(r, p, x, y);
		report_place(r, p, x, y);
	}
}

/* ---- towns, country and sea names ------------------------------------ */

static bool near_marker(const rctx *r, double x, double y)
{
	for (size_t i = 0; i < r->occupied.circle_count; i++) {
		const circle *c = &r->occupied.circles[i];
		if (hypot(c->x - x, c->y - y) < c->r + 2.5)
			return true;
	}
	return false;
}

/* A town the poster already names: a reported place, or the end of a
 * flow drawn.  Its marker or arrow carries the name as reported, so the
 * basemap's spelling ("Jablah" beside "Jableh") is not drawn too. */
static bool same_spot(const char *id, double lon, double lat, const char *place_id,
		      double place_lon, double place_lat)
{
	if (id[0] != '\0' && place_id[0] != '\0' && strcmp(id, place_id) == 0)
		return true;
	/* A basemap without ids: two kilometres, about 0.02 degrees. */
	return fabs(lat - place_lat) < 0.018 && fabs(lon - place_lon) < 0.022;
}

static bool named_elsewhere(const rctx *r, const em_basemap_feature *t)
{
	double lon = t->coords[0], lat = t->coords[1];

	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		if (same_spot(t->id, lon, lat, p->place_id, p->lon, p->lat))
			return true;
	}
	for (size_t i = 0; i < r->arrow_count; i++) {
		const em_flow *f = em_dataset_flow(r->dataset, r->arrows[i].first);
		if (same_spot(t->id, lon, lat, f->from.place_id, f->from.lon, f->from.lat) ||
		    same_spot(t->id, lon, lat, f->to.place_id, f->to.lon, f->to.lat))
			return true;
	}
	return false;
}

/* GeoNames' ASCII names write the letters ayn and hamza as ` and ':
 * on a page they are the typographic ‘ and ’ the names use. */
static void display_name(const char *ascii, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = ascii; *p && n + 4 < size; p++) {
		if (*p == '`' || *p == '\'') {
			memcpy(out + n, *p == '`' ? "\xE2\x80\x98" : "\xE2\x80\x99", 3);
			n += 3;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

static int compare_population(const void *a, const void *b)
{
	const em_basemap_feature *x = *(const em_basemap_feature *const *)a;
	const em_basemap_feature *y = *(const em_basemap_feature *const *)b;

	if (x->population != y->population)
		return x->population > y->population ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Context towns, largest first, as many as the map holds without clutter:
 * one per 1,500 square millimetres of map. */
static void draw_towns(rctx *r)
{
	const em_basemap_layer *towns = em_basemap_get(r->basemap, EM_BASEMAP_TOWNS);
	const em_style *s = r->style;
	const em_basemap_feature **order = malloc((towns->count + 1) * sizeof(*order));
	size_t limit = (size_t)(r->map.width * r->map.height / 1500.0), drawn = 0;

	if (order == NULL)
		return;
	for (size_t i = 0; i < towns->count; i++)
		order[i] = &towns->features[i];
	qsort(order, towns->count, sizeof(*order), compare_population);
	for (size_t i = 0; i < towns->count && drawn < limit; i++) {
		const em_basemap_feature *t = order[i];
		const char *name = (r->options->labels == EM_LABELS_AR && t->name_ar[0]) ? t->name_ar
											: t->name;
		double x, y, w, h, dot = s->town_dot_mm * r->text_scale;
		PangoLayout *layout;
		char shown[256];
		em_box box;

		if (t->part_count == 0 || named_elsewhere(r, t) ||
		    !to_page(r, t->coords[0], t->coords[1], &x, &y) ||
		    x < r->map.x + 2 || y < r->map.y + 2 || x > r->map.x + r->map.width - 2 ||
		    y > r->map.y + r->map.height - 2 || near_marker(r, x, y))
			continue;
		{
			/* The dot itself must be clear of what is already drawn. */
			em_box spot = {x - dot - 0.3, y - dot - 0.3, 2 * dot + 0.6, 2 * dot + 0.6};
			if (!em__spot_is_free(&r->occupied, &spot))
				continue;
		}
		display_name(name, shown, sizeof(shown));
		layout = em__text_layout(r, shown, s->town_pt, false, false, 0);
		em__text_size(layout, &w, &h);
		if (em__place_label(&r->occupied, x, y, dot, w, h, &box)) {
			cairo_new_path(r->cr);
			circle_path(r->cr, x, y, dot);
			em__set_color(r->cr, s->town_dot);
			cairo_fill(r->cr);
			em__draw_layout_halo(r, layout, box.x, box.y, s->town_label, s->label_halo,
					    s->label_halo_mm * 0.8);
			em__occupy_box(r, &box, true);
			em__occupy_circle(r, x, y, dot + 0.2);
			drawn++;
		}
		g_object_unref(layout);
	}
	free(order);
}

static void draw_area_names(rctx *r, em_basemap_layer_id id, em_color color, double pt,
			    bool italic, bool spaced)
{
	const em_basemap_layer *layer = em_basemap_get(r->basemap, id);
	const char *drawn[64];
	size_t drawn_count = 0;

	for (size_t i = 0; i < layer->count; i++) {
		const em_basemap_feature *f = &layer->features[i];
		const char *name = (r->options->labels == EM_LABELS_AR && f->name_ar[0]) ? f->name_ar
											: f->name;
		char upper[128];
		bool repeat = false;

		/* A name may have anchors for several views: one label each. */
		for (size_t k = 0; k < drawn_count && !repeat; k++)
			repeat = strcmp(drawn[k], f->name) == 0;
		if (repeat)
			continue;
		double x, y, w, h;
		PangoLayout *layout;
		em_box box;

		if (f->part_count == 0 || name[0] == '\0' || !in_coverage(r, f->coords[0], f->coords[1]) ||
		    !to_page(r, f->coords[0], f->coords[1], &x, &y))
			continue;
		snprintf(upper, sizeof(upper), "%s", name);
		if (spaced && name == f->name)
			for (char *p = upper; *p; p++)
				*p = (char)g_ascii_toupper(*p);
		layout = em__text_layout(r, upper, pt, spaced, italic, 0);
		if (spaced) {
			PangoAttrList *attrs = pango_attr_list_new();
			pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
							      (int)(1.6 * r->text_scale * PANGO_SCALE)));
			pango_layout_set_attributes(layout, attrs);
			pango_attr_list_unref(attrs);
		}
		em__text_size(layout, &w, &h);
		box.x = x - w / 2;
		box.y = y - h / 2;
		box.width = w;
		box.height = h;
		if (em__spot_is_free(&r->occupied, &box)) {
			em__draw_layout(r, layout, box.x, box.y, color);
			em__occupy_box(r, &box, false);
			if (drawn_count < sizeof(drawn) / sizeof(drawn[0]))
				drawn[drawn_count++] = f->name;
		}
		g_object_unref(layout);
	}
}

/* ---- frame furniture ----------------------------------------------- */

static void draw_scale_bar(rctx *r)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	double km, mm, x = r->map.x + 5 * r->text_scale, y, h = 1.6 * r->text_scale, w, th;
	char text[32];
	PangoLayout *layout;
	em_box box;

	em_mapview_scale_bar(&km, &mm, r->view, r->map.width * 0.28);
	snprintf(text, sizeof(text), "%g km", km);
	layout = em__text_layout(r, text, s->small_pt, false, false, 0);
	em__text_size(layout, &w, &th);
	y = r->map.y + r->map.height - 5 * r->text_scale - h;
	box.x = x - 2.5 * r->text_scale;
	box.y = y - th - 3 * r->text_scale;
	box.width = fmax(mm, w) + 5 * r->text_scale + w * 0.4;
	box.height = th + h + 5.5 * r->text_scale;
	cairo_rectangle(cr, box.x, box.y, box.width, box.height);
	em__set_color_alpha(cr, s->panel, 0.85);
	cairo_fill(cr);
	for (int i = 0; i < 4; i++) {
		cairo_rectangle(cr, x + mm * i / 4, y, mm / 4, h);
		em__set_color(cr, (i % 2) ? s->panel : s->text);
		cairo_fill_preserve(cr);
		em__set_color(cr, s->text);
		cairo_set_line_width(cr, 0.2);
		cairo_stroke(cr);
	}
	em__draw_layout(r, layout, x + mm - w / 2, y - th - 0.6, s->text);
	g_object_unref(layout);
	layout = em__text_layout(r, "0", s->small_pt, false, false, 0);
	em__text_size(layout, &w, &th);
	em__draw_layout(r, layout, x - w / 2, y - th - 0.6, s->text);
	g_object_unref(layout);
	em__occupy_box(r, &box, false);
	if (r->report != NULL) {
		snprintf(r->report->scale_text, sizeof(r->report->scale_text), "%s", text);
		r->report->scale_km = km;
		r->report->scale_mm = mm;
	}
}

static void draw_north_arrow(rctx *r)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	double size = 7 * r->text_scale;
	double cx = r->map.x + r->map.width - 8 * r->text_scale, cy = r->map.y + 17 * r->text_scale;
	double w, h;
	PangoLayout *layout = em__text_layout(r, "N", s->heading_pt, true, false, 0);
	em_box box = {cx - size, cy - size - 6 * r->text_scale, 2 * size, 2 * size + 6 * r->text_scale};

	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	cairo_rotate(cr, -em_mapview_north(r->view));
	cairo_move_to(cr, 0, -size);
	cairo_line_to(cr, size * 0.38, size * 0.55);
	cairo_line_to(cr, 0, size * 0.25);
	cairo_close_path(cr);
	em__set_color(cr, s->heading);
	cairo_fill(cr);
	cairo_move_to(cr, 0, -size);
	cairo_line_to(cr, -size * 0.38, size * 0.55);
	cairo_line_to(cr, 0, size * 0.25);
	cairo_close_path(cr);
	em__set_color(cr, s->panel);
	cairo_fill_preserve(cr);
	em__set_color(cr, s->heading);
	cairo_set_line_width(cr, 0.25);
	cairo_stroke(cr);
	em__text_size(layout, &w, &h);
	cairo_move_to(cr, -w / 2, -size - h - 0.3);
	em__set_color(cr, s->heading);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
	g_object_unref(layout);
	em__occupy_box(r, &box, false);
}

static void tick_label(double degrees, bool lon, char *out, size_t size)
{
	double a = fabs(degrees);
	int d = (int)floor(a + 1e-9);
	int m = (int)lround((a - d) * 60);

	snprintf(out, size, "%d\xC2\xB0%02d\xE2\x80\xB2%c", d, m,
		 lon ? (degrees >= 0 ? 'E' : 'W') : (degrees >= 0 ? 'N' : 'S'));
}

/* Ticks and labels every half degree around the frame. */
static void draw_graticule_ticks(rctx *r)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	em_bbox b;
	double step = 0.5, tick = 1.5 * r->text_scale;
	double clat, clon;

	em_mapview_bounds(&b, r->view);
	if (b.east - b.west > 4 || b.north - b.south > 4)
		step = 1.0;
	clat = (b.south + b.north) / 2;
	clon = (b.west + b.east) / 2;
	cairo_set_line_width(cr, 0.3);
	em__set_color(cr, s->frame);
	for (double lon = ceil(b.west / step) * step; lon <= b.east; lon += step) {
		double x, y, w, h;
		char text[32];
		PangoLayout *layout;
		if (!to_page(r, lon, clat, &x, &y) || x < r->map.x + 4 || x > r->map.x + r->map.width - 4)
			continue;
		cairo_move_to(cr, x, r->map.y + r->map.height);
		cairo_line_to(cr, x, r->map.y + r->map.height + tick);
		cairo_stroke(cr);
		tick_label(lon, true, text, sizeof(text));
		layout = em__text_layout(r, text, s->small_pt, false, false, 0);
		em__text_size(layout, &w, &h);
		em__draw_layout(r, layout, x - w / 2, r->map.y + r->map.height + tick + 0.3, s->muted_text);
		g_object_unref(layout);
	}
	for (double lat = ceil(b.south / step) * step; lat <= b.north; lat += step) {
		double x, y, w, h;
		char text[32];
		PangoLayout *layout;
		if (!to_page(r, clon, lat, &x, &y) || y < r->map.y + 4 || y > r->map.y + r->map.height - 4)
			continue;
		cairo_move_to(cr, r->map.x, y);
		cairo_line_to(cr, r->map.x - tick, y);
		cairo_stroke(cr);
		tick_label(lat, false, text, sizeof(text));
		layout = em__text_layout(r, text, s->small_pt, false, false, 0);
		em__text_size(layout, &w, &h);
		em__draw_layout(r, layout, r->map.x - tick - 0.5 - w, y - h / 2, s->muted_text);
		g_object_unref(layout);
	}
}

em_status em__draw_map(rctx *r)
{
	cairo_t *cr = r->cr;

	em_mapview_bounds(&r->view_bounds, r->view);
	r->occupied.frame = r->map;
	r->occupied.frame.x += 1;
	r->occupied.frame.y += 1;
	r->occupied.frame.width -= 2;
	r->occupied.frame.height -= 2;
	cairo_save(cr);
	cairo_rectangle(cr, r->map.x, r->map.y, r->map.width, r->map.height);
	cairo_clip(cr);
	draw_basemap(r);
	draw_north_arrow(r);
	draw_scale_bar(r);
	em__prepare_arrows(r);
	em__draw_arrows(r);
	em__draw_event_rows(r);
	draw_markers(r);
	draw_place_labels(r);
	em__draw_arrow_labels(r);
	draw_area_names(r, EM_BASEMAP_SEA_LABELS, r->style->sea_label, r->style->country_pt * 0.85,
			true, false);
	draw_area_names(r, EM_BASEMAP_COUNTRY_LABELS, r->style->country_label,
			r->style->country_pt, false, true);
	draw_towns(r);
	cairo_restore(cr);
	cairo_rectangle(cr, r->map.x, r->map.y, r->map.width, r->map.height);
	em__set_color(cr, r->style->frame);
	cairo_set_line_width(cr, r->style->frame_mm);
	cairo_stroke(cr);
	draw_graticule_ticks(r);
	if (r->report != NULL)
		r->report->map_frame = r->map;
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS
		       ? EM_OK
		       : em_error_set(r->err, EM_ERR_IO, "drawing the map: %s",
				      cairo_status_to_string(cairo_status(cr)));
}
