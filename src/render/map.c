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
	if (!em_mapview_to_page(r->view, lon, lat, x, y))
		return false;
	*x += r->map.x;
	*y += r->map.y;
	return true;
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
	em_set_color(cr, color);
	cairo_set_line_width(cr, width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(cr, dashes, dash_count, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_basemap(rctx *r)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	const double border_dash[] = {2.2, 0.9};

	em_set_color(cr, s->sea);
	cairo_rectangle(cr, r->map.x, r->map.y, r->map.width, r->map.height);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_new_path(cr);
	layer_path(r, EM_BASEMAP_LAND, true, NULL);
	em_set_color(cr, s->neighbour_land);
	cairo_fill_preserve(cr);
	/* The focus country, lighter, only where there is land. */
	cairo_save(cr);
	cairo_clip(cr);
	cairo_new_path(cr);
	layer_path(r, EM_BASEMAP_COUNTRIES, true, FOCUS_COUNTRY);
	em_set_color(cr, s->focus_land);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_new_path(cr);
	layer_path(r, EM_BASEMAP_LAKES, true, NULL);
	em_set_color(cr, s->lake);
	cairo_fill(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	stroke_layer(r, EM_BASEMAP_RIVERS, s->river, s->river_mm, NULL, 0);
	stroke_layer(r, EM_BASEMAP_COASTLINE, s->coast, s->coast_mm, NULL, 0);
	stroke_layer(r, EM_BASEMAP_BORDERS, s->border, s->border_mm, border_dash, 2);
}

double em_marker_radius(const rctx *r, long long value)
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

static void draw_marker(rctx *r, const em_place_total *p, double x, double y)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	em_color color = category_color(r, p->category);
	double r_max = em_marker_radius(r, p->total.max);
	double r_min = em_marker_radius(r, p->total.min);
	double outline = s->marker_outline_mm * r->text_scale;
	const double dash[] = {1.0 * r->text_scale, 0.7 * r->text_scale};
	bool range = p->total.min < p->total.max;

	cairo_new_path(cr);
	if (p->state == EM_STATE_APPROXIMATE) {
		/* Approximate places: hollow and dashed, never a confident dot. */
		circle_path(cr, x, y, r_max);
		em_set_color_alpha(cr, color, 0.12);
		cairo_fill_preserve(cr);
		em_set_color(cr, color);
		cairo_set_line_width(cr, 2 * outline);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	} else {
		if (range) {
			circle_path(cr, x, y, r_max);
			em_set_color_alpha(cr, color, s->range_opacity);
			cairo_fill_preserve(cr);
			em_set_color(cr, color);
			cairo_set_line_width(cr, outline);
			cairo_stroke(cr);
		}
		circle_path(cr, x, y, range ? r_min : r_max);
		em_set_color_alpha(cr, color, s->marker_opacity);
		cairo_fill_preserve(cr);
		em_set_color(cr, s->marker_outline);
		cairo_set_line_width(cr, outline);
		cairo_stroke(cr);
	}
	em_occupy_circle(r, x, y, r_max + 0.3);
	if (r->report != NULL && r->report->marker_count < EM_RENDER_REPORT_MAX) {
		em_placed_marker *m = &r->report->markers[r->report->marker_count++];
		snprintf(m->place_id, sizeof(m->place_id), "%s", p->place_id);
		m->x = x;
		m->y = y;
		m->radius = r_max;
	}
}

static void label_text(const rctx *r, const em_place_total *p, char *out, size_t size)
{
	switch (r->options->labels) {
	case EM_LABELS_AR:
		snprintf(out, size, "%s \xC2\xB7 %s", p->name_ar[0] ? p->name_ar : p->name, p->display);
		break;
	case EM_LABELS_BOTH:
		if (p->name_ar[0])
			snprintf(out, size, "%s \xC2\xB7 %s\n%s", p->name, p->display, p->name_ar);
		else
			snprintf(out, size, "%s", p->label);
		break;
	default:
		snprintf(out, size, "%s", p->label);
	}
}

static void draw_place_labels(rctx *r)
{
	const em_style *s = r->style;

	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double x, y, w, h;
		char text[256];
		PangoLayout *layout;
		em_box box;

		if (!to_page(r, p->lon, p->lat, &x, &y))
			continue;
		label_text(r, p, text, sizeof(text));
		layout = em_text_layout(r, text, s->label_pt, true, false, 0);
		em_text_size(layout, &w, &h);
		if (!em_place_label(&r->occupied, x, y, em_marker_radius(r, p->total.max), w, h, &box)
		    && r->report != NULL)
			r->report->labels_overlapping++;
		em_draw_layout_halo(r, layout, box.x, box.y, s->label, s->label_halo, s->label_halo_mm);
		em_occupy_box(r, &box, true);
		g_object_unref(layout);
	}
}

static void draw_markers(rctx *r)
{
	/* The summary is sorted largest first: small circles stay on top. */
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double x, y;
		if (to_page(r, p->lon, p->lat, &x, &y))
			draw_marker(r, p, x, y);
	}
}

/* ---- arrows -------------------------------------------------------- */

static bool same_end(const em_location *a, const em_location *b)
{
	return fabs(a->lat - b->lat) < 1e-6 && fabs(a->lon - b->lon) < 1e-6;
}

/* True when the page point lies inside a marker (or just next to it). */
static bool inside_marker(const rctx *r, double x, double y)
{
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double px, py;
		if (to_page(r, p->lon, p->lat, &px, &py) &&
		    hypot(px - x, py - y) < em_marker_radius(r, p->total.max) + 0.8)
			return true;
	}
	return false;
}

static bool flow_in_filter(const rctx *r, const em_flow *f)
{
	const em_filter *filter = &r->options->filter;

	if (!f->has_date)
		return !filter->has_from && !filter->has_to; /* undated: whole-period maps only */
	return (!filter->has_from || f->date >= filter->from) &&
	       (!filter->has_to || f->date <= filter->to);
}

static void append_source(char *list, size_t size, const char *source)
{
	if (strstr(list, source) != NULL)
		return;
	if (list[0] != '\0')
		strncat(list, ", ", size - strlen(list) - 1);
	strncat(list, source, size - strlen(list) - 1);
}

/* Flows with the same two ends become one arrow; its figure is the
 * largest counted one (sources are never added up) and it names them all. */
static void collect_arrows(rctx *r, long long *max_people)
{
	*max_people = 0;
	for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
		const em_flow *f = em_dataset_flow(r->dataset, i);
		size_t k;
		if (f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED ||
		    !flow_in_filter(r, f))
			continue;
		for (k = 0; k < r->arrow_count; k++) {
			const em_flow *g = em_dataset_flow(r->dataset, r->arrows[k].first);
			if (same_end(&g->from, &f->from) && same_end(&g->to, &f->to))
				break;
		}
		if (k == r->arrow_count) {
			if (k == sizeof(r->arrows) / sizeof(r->arrows[0]))
				continue;
			memset(&r->arrows[k], 0, sizeof(r->arrows[k]));
			r->arrows[k].first = i;
			r->arrows[k].best = -1;
			r->arrow_count++;
		}
		append_source(r->arrows[k].sources, sizeof(r->arrows[k].sources), f->source);
		if (f->has_people &&
		    (r->arrows[k].best < 0 ||
		     f->people > em_dataset_flow(r->dataset, (size_t)r->arrows[k].best)->people))
			r->arrows[k].best = (long)i;
		if (f->has_people && f->people > *max_people)
			*max_people = f->people;
		r->arrows[k].approximate |= f->from.precision > 1 || f->to.precision > 1;
	}
}

static void arrow_label(const em_flow *f, const char *sources, char *out, size_t size)
{
	char number[48], from[160] = "";
	em_range range = {true, 0, 0, EM_QUALIFIER_EXACT, EM_QUALIFIER_EXACT};

	/* An arrow from a region is not from the point it starts at: say so. */
	if (f->from.precision >= 3)
		snprintf(from, sizeof(from), " from the %s", f->origin);
	if (!f->has_people) {
		snprintf(out, size, "People%s to %s, not counted \xC2\xB7 %s", from, f->destination,
			 sources);
		return;
	}
	range.min = range.max = f->people;
	range.min_qualifier = range.max_qualifier = f->qualifier;
	em_range_format(number, sizeof(number), &range);
	snprintf(out, size, "%s%s to %s \xC2\xB7 %s", number, from, f->destination, sources);
}

static void curve_point(const arrow *a, double t, double *x, double *y, double *tx, double *ty);

/* The part of the curve from t0 to t1, as a quadratic curve again. */
static void sub_curve(arrow *a, double t0, double t1)
{
	double x0, y0, x1, y1, tx, ty;
	double cx0 = (1 - t0) * a->cx + t0 * a->x1, cy0 = (1 - t0) * a->cy + t0 * a->y1;

	curve_point(a, t0, &x0, &y0, &tx, &ty);
	curve_point(a, t1, &x1, &y1, &tx, &ty);
	/* Control point of [t0, 1], then cut that at the matching parameter. */
	{
		double s = t0 < 1 ? (t1 - t0) / (1 - t0) : 1;
		a->cx = (1 - s) * x0 + s * cx0;
		a->cy = (1 - s) * y0 + s * cy0;
	}
	a->x0 = x0;
	a->y0 = y0;
	a->x1 = x1;
	a->y1 = y1;
}

static void arrow_geometry(rctx *r, arrow *a, const em_flow *f)
{
	double dx, dy, len, nx, ny, t0 = 0, t1 = 1, x, y, tx, ty;

	to_page(r, f->from.lon, f->from.lat, &a->x0, &a->y0);
	to_page(r, f->to.lon, f->to.lat, &a->x1, &a->y1);
	dx = a->x1 - a->x0;
	dy = a->y1 - a->y0;
	len = hypot(dx, dy);
	if (len < 1e-6)
		len = 1e-6;
	/* Bow the arrow: towards the east when it runs north-south (inland on
	 * a west-facing coast), towards the north otherwise. */
	nx = -dy / len;
	ny = dx / len;
	if ((fabs(dy) >= fabs(dx) && nx < 0) || (fabs(dy) < fabs(dx) && ny > 0)) {
		nx = -nx;
		ny = -ny;
	}
	a->cx = (a->x0 + a->x1) / 2 + nx * 0.22 * len;
	a->cy = (a->y0 + a->y1) / 2 + ny * 0.22 * len;
	/* Start and stop outside any marker, so circles stay clean. */
	while (t0 < 0.4) {
		curve_point(a, t0, &x, &y, &tx, &ty);
		if (!inside_marker(r, x, y))
			break;
		t0 += 0.01;
	}
	while (t1 > 0.6) {
		curve_point(a, t1, &x, &y, &tx, &ty);
		if (!inside_marker(r, x, y))
			break;
		t1 -= 0.01;
	}
	if (t0 > 0 || t1 < 1)
		sub_curve(a, t0, t1);
}

static void curve_point(const arrow *a, double t, double *x, double *y, double *tx, double *ty)
{
	double u = 1 - t;

	*x = u * u * a->x0 + 2 * u * t * a->cx + t * t * a->x1;
	*y = u * u * a->y0 + 2 * u * t * a->cy + t * t * a->y1;
	*tx = 2 * u * (a->cx - a->x0) + 2 * t * (a->x1 - a->cx);
	*ty = 2 * u * (a->cy - a->y0) + 2 * t * (a->y1 - a->cy);
}

static void draw_arrow(rctx *r, const arrow *a)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	double head_len = fmax(3.2 * r->text_scale, 2.3 * a->width);
	double head_w = fmax(1.5 * r->text_scale, 1.05 * a->width); /* half the head's width */
	double ex, ey, tx, ty, tl, bx, by;
	const double dash[] = {1.6 * r->text_scale, 0.9 * r->text_scale};
	em_color color = a->counted ? s->arrow : s->arrow_uncounted;

	/* The head's base, where the body ends. */
	curve_point(a, 1.0, &ex, &ey, &tx, &ty);
	tl = hypot(tx, ty);
	tx /= tl;
	ty /= tl;
	bx = ex - tx * head_len;
	by = ey - ty * head_len;
	cairo_new_path(cr);
	cairo_move_to(cr, a->x0, a->y0);
	cairo_curve_to(cr, a->x0 + 2.0 / 3 * (a->cx - a->x0), a->y0 + 2.0 / 3 * (a->cy - a->y0),
		       bx + 2.0 / 3 * (a->cx - bx), by + 2.0 / 3 * (a->cy - by), bx, by);
	/* A light casing keeps the arrow readable over borders and coast. */
	em_set_color_alpha(cr, s->label_halo, 0.7);
	cairo_set_line_width(cr, a->width + 0.8 * r->text_scale);
	cairo_stroke_preserve(cr);
	em_set_color(cr, color);
	cairo_set_line_width(cr, a->width);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	if (!a->counted)
		cairo_set_dash(cr, dash, 2, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_move_to(cr, ex, ey);
	cairo_line_to(cr, bx - ty * head_w, by + tx * head_w);
	cairo_line_to(cr, bx + ty * head_w, by - tx * head_w);
	cairo_close_path(cr);
	em_set_color(cr, color);
	cairo_fill(cr);
}

static void draw_arrow_label(rctx *r, const arrow *a)
{
	static const double ts[] = {0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8};
	const em_style *s = r->style;
	/* Long labels wrap: a column beside the arrow fits where a line does not. */
	PangoLayout *layout = em_text_layout(r, a->label, s->label_pt * 0.92, false, true,
					     42 * r->text_scale);
	double w, h;
	em_box box = {0, 0, 0, 0};
	bool placed = false;

	em_text_size(layout, &w, &h);
	for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]) && !placed; i++) {
		for (int side = 1; side >= -1 && !placed; side -= 2) {
			double x, y, tx, ty, tl, nx, ny, off;
			curve_point(a, ts[i], &x, &y, &tx, &ty);
			tl = hypot(tx, ty);
			/* Outward normal: the side of the control point. */
			nx = -ty / tl;
			ny = tx / tl;
			if (nx * (a->cx - x) + ny * (a->cy - y) < 0) {
				nx = -nx;
				ny = -ny;
			}
			nx *= side;
			ny *= side;
			off = a->width / 2 + 1.0;
			box.x = x + nx * off - (nx < -0.3 ? w : nx > 0.3 ? 0 : w / 2);
			box.y = y + ny * off - (ny < -0.3 ? h : ny > 0.3 ? 0 : h / 2);
			box.width = w;
			box.height = h;
			placed = em_place_free(&r->occupied, &box);
		}
	}
	if (!placed && r->report != NULL)
		r->report->labels_overlapping++;
	em_draw_layout_halo(r, layout, box.x, box.y, a->counted ? s->arrow : s->arrow_uncounted,
			    s->label_halo, s->label_halo_mm);
	em_occupy_box(r, &box, true);
	g_object_unref(layout);
}

/* Labels keep off the arrows: the body as a chain of circles. */
static void occupy_arrow(rctx *r, const arrow *a)
{
	for (int i = 1; i < 24; i++) {
		double x, y, tx, ty;
		curve_point(a, i / 24.0, &x, &y, &tx, &ty);
		em_occupy_circle(r, x, y, a->width / 2 + 0.6);
	}
}

static void prepare_arrows(rctx *r)
{
	long long max_people;

	collect_arrows(r, &max_people);
	for (size_t k = 0; k < r->arrow_count; k++) {
		arrow *a = &r->arrows[k];
		const em_flow *first = em_dataset_flow(r->dataset, a->first);
		const em_flow *counted = a->best >= 0 ? em_dataset_flow(r->dataset, (size_t)a->best)
						      : NULL;

		arrow_label(counted ? counted : first, a->sources, a->label, sizeof(a->label));
		a->counted = counted != NULL;
		a->width = r->style->arrow_min_mm * r->text_scale;
		if (counted != NULL && max_people > 0)
			a->width = fmax(a->width, r->style->arrow_max_mm * r->text_scale *
							  (double)counted->people / (double)max_people);
		arrow_geometry(r, a, first);
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
			if (!em_place_free(&r->occupied, &spot))
				continue;
		}
		display_name(name, shown, sizeof(shown));
		layout = em_text_layout(r, shown, s->town_pt, false, false, 0);
		em_text_size(layout, &w, &h);
		if (em_place_label(&r->occupied, x, y, dot, w, h, &box)) {
			cairo_new_path(r->cr);
			circle_path(r->cr, x, y, dot);
			em_set_color(r->cr, s->town_dot);
			cairo_fill(r->cr);
			em_draw_layout_halo(r, layout, box.x, box.y, s->town_label, s->label_halo,
					    s->label_halo_mm * 0.8);
			em_occupy_box(r, &box, true);
			em_occupy_circle(r, x, y, dot + 0.2);
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

		if (f->part_count == 0 || name[0] == '\0' ||
		    !to_page(r, f->coords[0], f->coords[1], &x, &y))
			continue;
		snprintf(upper, sizeof(upper), "%s", name);
		if (spaced && name == f->name)
			for (char *p = upper; *p; p++)
				*p = (char)g_ascii_toupper(*p);
		layout = em_text_layout(r, upper, pt, spaced, italic, 0);
		if (spaced) {
			PangoAttrList *attrs = pango_attr_list_new();
			pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
							      (int)(1.6 * r->text_scale * PANGO_SCALE)));
			pango_layout_set_attributes(layout, attrs);
			pango_attr_list_unref(attrs);
		}
		em_text_size(layout, &w, &h);
		box.x = x - w / 2;
		box.y = y - h / 2;
		box.width = w;
		box.height = h;
		if (em_place_free(&r->occupied, &box)) {
			em_draw_layout(r, layout, box.x, box.y, color);
			em_occupy_box(r, &box, false);
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

	em_mapview_scale_bar(r->view, r->map.width * 0.28, &km, &mm);
	snprintf(text, sizeof(text), "%g km", km);
	layout = em_text_layout(r, text, s->small_pt, false, false, 0);
	em_text_size(layout, &w, &th);
	y = r->map.y + r->map.height - 5 * r->text_scale - h;
	box.x = x - 2.5 * r->text_scale;
	box.y = y - th - 3 * r->text_scale;
	box.width = fmax(mm, w) + 5 * r->text_scale + w * 0.4;
	box.height = th + h + 5.5 * r->text_scale;
	cairo_rectangle(cr, box.x, box.y, box.width, box.height);
	em_set_color_alpha(cr, s->panel, 0.85);
	cairo_fill(cr);
	for (int i = 0; i < 4; i++) {
		cairo_rectangle(cr, x + mm * i / 4, y, mm / 4, h);
		em_set_color(cr, (i % 2) ? s->panel : s->text);
		cairo_fill_preserve(cr);
		em_set_color(cr, s->text);
		cairo_set_line_width(cr, 0.2);
		cairo_stroke(cr);
	}
	em_draw_layout(r, layout, x + mm - w / 2, y - th - 0.6, s->text);
	g_object_unref(layout);
	layout = em_text_layout(r, "0", s->small_pt, false, false, 0);
	em_text_size(layout, &w, &th);
	em_draw_layout(r, layout, x - w / 2, y - th - 0.6, s->text);
	g_object_unref(layout);
	em_occupy_box(r, &box, false);
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
	PangoLayout *layout = em_text_layout(r, "N", s->heading_pt, true, false, 0);
	em_box box = {cx - size, cy - size - 6 * r->text_scale, 2 * size, 2 * size + 6 * r->text_scale};

	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	cairo_rotate(cr, -em_mapview_north(r->view));
	cairo_move_to(cr, 0, -size);
	cairo_line_to(cr, size * 0.38, size * 0.55);
	cairo_line_to(cr, 0, size * 0.25);
	cairo_close_path(cr);
	em_set_color(cr, s->heading);
	cairo_fill(cr);
	cairo_move_to(cr, 0, -size);
	cairo_line_to(cr, -size * 0.38, size * 0.55);
	cairo_line_to(cr, 0, size * 0.25);
	cairo_close_path(cr);
	em_set_color(cr, s->panel);
	cairo_fill_preserve(cr);
	em_set_color(cr, s->heading);
	cairo_set_line_width(cr, 0.25);
	cairo_stroke(cr);
	em_text_size(layout, &w, &h);
	cairo_move_to(cr, -w / 2, -size - h - 0.3);
	em_set_color(cr, s->heading);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
	g_object_unref(layout);
	em_occupy_box(r, &box, false);
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

	em_mapview_bounds(r->view, &b);
	if (b.east - b.west > 4 || b.north - b.south > 4)
		step = 1.0;
	clat = (b.south + b.north) / 2;
	clon = (b.west + b.east) / 2;
	cairo_set_line_width(cr, 0.3);
	em_set_color(cr, s->frame);
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
		layout = em_text_layout(r, text, s->small_pt, false, false, 0);
		em_text_size(layout, &w, &h);
		em_draw_layout(r, layout, x - w / 2, r->map.y + r->map.height + tick + 0.3, s->muted_text);
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
		layout = em_text_layout(r, text, s->small_pt, false, false, 0);
		em_text_size(layout, &w, &h);
		em_draw_layout(r, layout, r->map.x - tick - 0.5 - w, y - h / 2, s->muted_text);
		g_object_unref(layout);
	}
}

em_status em_draw_map(rctx *r)
{
	cairo_t *cr = r->cr;

	em_mapview_bounds(r->view, &r->view_bounds);
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
	prepare_arrows(r);
	for (size_t k = 0; k < r->arrow_count; k++)
		draw_arrow(r, &r->arrows[k]);
	for (size_t k = 0; k < r->arrow_count; k++)
		occupy_arrow(r, &r->arrows[k]);
	draw_markers(r);
	draw_place_labels(r);
	for (size_t k = 0; k < r->arrow_count; k++)
		draw_arrow_label(r, &r->arrows[k]);
	draw_area_names(r, EM_BASEMAP_SEA_LABELS, r->style->sea_label, r->style->country_pt * 0.85,
			true, false);
	draw_area_names(r, EM_BASEMAP_COUNTRY_LABELS, r->style->country_label,
			r->style->country_pt, false, true);
	draw_towns(r);
	cairo_restore(cr);
	cairo_rectangle(cr, r->map.x, r->map.y, r->map.width, r->map.height);
	em_set_color(cr, r->style->frame);
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
