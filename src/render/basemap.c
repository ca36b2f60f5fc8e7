/* The basemap drawn: sea, land with the focus country lighter, lakes,
 * rivers, coast and borders, blank paper beyond the basemap's coverage,
 * then context towns, country and sea names where room is left. */
#include "render_internal.h"
#include "../util/array.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void em__draw_basemap(rctx *r)
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
	layer_path(r, EM_BASEMAP_COUNTRIES, true, r->focus_country);
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
void em__draw_towns(rctx *r)
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
		em__display_name(name, shown, sizeof(shown));
		layout = em__text_layout(r, shown, s->town_pt, false, false, 0);
		em__text_size(layout, &w, &h);
		if (em__place_label(&r->occupied, x, y, dot, w, h, &box)) {
			cairo_new_path(r->cr);
			em__circle_path(r->cr, x, y, dot);
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

void em__draw_area_names(rctx *r, em_basemap_layer_id id, em_color color, double pt,
			    bool italic, bool spaced)
{
	const em_basemap_layer *layer = em_basemap_get(r->basemap, id);
	const char **drawn = NULL;
	size_t drawn_count = 0, drawn_cap = 0;

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
			if (EM_ARRAY_RESERVE(drawn, drawn_cap, drawn_count + 1))
				drawn[drawn_count++] = f->name;
		}
		g_object_unref(layout);
	}
	free(drawn);
}
