/* The main map: the basemap (basemap.c), displacement arrows under the
 * markers (arrows.c), casualty markers showing the range across sources,
 * then labels placed around them, context towns where room is left
 * (basemap.c), frame, graticule ticks, scale bar and north arrow. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void em__circle_path(cairo_t *cr, double x, double y, double radius)
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
	em__circle_path(cr, x, y, r_max);
	em__set_color_alpha(cr, color, 0.18);
	cairo_fill_preserve(cr);
	hatch(r, x, y, r_max, color);
	em__set_color(cr, color);
	cairo_set_line_width(cr, 1.5 * r->style->marker_outline_mm * r->text_scale);
	cairo_stroke(cr);
	if (p->spanning.min < p->spanning.max) {
		em__circle_path(cr, x, y, em__marker_radius(r, p->spanning.min));
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
		em__circle_path(cr, x, y, r_max);
		em__set_color_alpha(cr, color, 0.12);
		cairo_fill_preserve(cr);
		em__set_color(cr, color);
		cairo_set_line_width(cr, 2 * outline);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	} else {
		if (range) {
			em__circle_path(cr, x, y, r_max);
			em__set_color_alpha(cr, color, s->range_opacity);
			cairo_fill_preserve(cr);
			em__set_color(cr, color);
			cairo_set_line_width(cr, outline);
			cairo_stroke(cr);
		}
		em__circle_path(cr, x, y, range ? r_min : r_max);
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
	const uint64_t *at = p->place_id[0] ? em__keymap_value(&r->names, p->place_id,
							      strlen(p->place_id))
					    : NULL;

	if (at != NULL && *at > 0)
		name = em_dataset_report(r->dataset, (size_t)(*at - 1))->location;
	return em__reader_name(name, p->gazetteer_name, r->options->labels == EM_LABELS_AR, buf,
			       size);
}

static void label_text(const rctx *r, const em_place_total *p, char *out, size_t size)
{
	char own[256];
	const char *name = em__place_name(r, p, own, sizeof(own));
	char figure[192] = "";

	/* After an Arabic name a left-to-right mark, so that the figure keeps
	 * its place after the name ("جبلة · 11", not "11 · جبلة"). */
	const char *mark = em__arabic_script(r->options->labels == EM_LABELS_AR && p->name_ar[0]
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
		if (p->name_ar[0] && strcmp(p->name_ar, name) != 0 && !em__arabic_script(name))
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

		if (!em__map_point(r, p->lon, p->lat, &x, &y))
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
		if (!em__map_point(r, p->lon, p->lat, &x, &y))
			continue;
		if (em_place_total_has_deaths(p))
			draw_marker(r, p, x, y);
		report_place(r, p, x, y);
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
		if (!em__map_point(r, lon, clat, &x, &y) || x < r->map.x + 4 ||
		    x > r->map.x + r->map.width - 4)
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
		if (!em__map_point(r, clon, lat, &x, &y) || y < r->map.y + 4 ||
		    y > r->map.y + r->map.height - 4)
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
	em__draw_basemap(r);
	draw_north_arrow(r);
	draw_scale_bar(r);
	if (em__prepare_arrows(r) != EM_OK) {
		cairo_restore(cr);
		return EM_ERR_NOMEM;
	}
	em__draw_arrows(r);
	em__draw_event_rows(r);
	draw_markers(r);
	draw_place_labels(r);
	em__draw_arrow_labels(r);
	em__draw_area_names(r, EM_BASEMAP_SEA_LABELS, r->style->sea_label, r->style->country_pt * 0.85,
			true, false);
	em__draw_area_names(r, EM_BASEMAP_COUNTRY_LABELS, r->style->country_label,
			r->style->country_pt, false, true);
	em__draw_towns(r);
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
