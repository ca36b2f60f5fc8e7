/* Displacement arrows: flows with the same two ends are one arrow, as
 * wide as its largest counted figure (sources are never added up), dashed
 * and thin when no one counted.  Each is a quadratic curve bowed inland,
 * starting and stopping clear of the markers, with a light casing, a head
 * sized to its width, a label naming where people went from and to, and
 * the destination named at the head when nothing else names it. */
#include "render_internal.h"
#include "../util/array.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* True when the page point lies on a place's symbols: inside its death
 * circle or its row of event symbols, or just next to them. */
static bool inside_marker(const rctx *r, double x, double y)
{
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double px, py;
		em_box row;
		if (!em__map_point(r, p->lon, p->lat, &px, &py))
			continue;
		if (em_place_total_has_deaths(p) &&
		    hypot(px - x, py - y) < em__marker_radius(r, em_place_total_deaths_max(p)) + 0.8)
			return true;
		row = em__event_row_box(r, p, px, py);
		if (row.width > 0 && x > row.x - 0.8 && x < row.x + row.width + 0.8 &&
		    y > row.y - 0.8 && y < row.y + row.height + 0.8)
			return true;
	}
	return false;
}

/* The place drawn at a flow's end, if any: its name is the one on the map. */
static const em_place_total *place_at(const rctx *r, const em_location *end)
{
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		if ((end->place_id[0] != '\0' && strcmp(p->place_id, end->place_id) == 0) ||
		    (fabs(p->lat - end->lat) < 1e-6 && fabs(p->lon - end->lon) < 1e-6))
			return p;
	}
	return NULL;
}

arrow *em__arrows_add(rctx *r)
{
	arrow *a;

	if (!EM_ARRAY_RESERVE(r->arrows, r->arrow_cap, r->arrow_count + 1))
		return NULL;
	a = &r->arrows[r->arrow_count++];
	memset(a, 0, sizeof(*a));
	a->best = -1;
	return a;
}

void em__arrows_clear(rctx *r)
{
	for (size_t k = 0; k < r->arrow_count; k++) {
		em__strbuf_free(&r->arrows[k].sources);
		em__strbuf_free(&r->arrows[k].label);
	}
	free(r->arrows);
	r->arrows = NULL;
	r->arrow_count = r->arrow_cap = 0;
}

/* Flows with the same two ends become one arrow; its figure is the
 * largest counted one (sources are never added up) and it names them all. */
static bool collect_arrows(rctx *r, long long *max_people)
{
	*max_people = 0;
	for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
		const em_flow *f = em_dataset_flow(r->dataset, i);
		size_t k;
		if (f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED ||
		    !em_filter_keeps_flow(&r->options->filter, f))
			continue;
		for (k = 0; k < r->arrow_count; k++) {
			const em_flow *g = em_dataset_flow(r->dataset, r->arrows[k].first);
			if (em__flows_share_ends(g, f))
				break;
		}
		if (k == r->arrow_count) {
			arrow *added = em__arrows_add(r);
			if (added == NULL)
				return false;
			added->first = i;
		}
		if (!em__strbuf_add_unique(&r->arrows[k].sources, f->source, strlen(f->source),
					   ", "))
			return false;
		if (f->has_people &&
		    (r->arrows[k].best < 0 ||
		     f->people > em_dataset_flow(r->dataset, (size_t)r->arrows[k].best)->people))
			r->arrows[k].best = (long)i;
		if (f->has_people && f->people > *max_people)
			*max_people = f->people;
		r->arrows[k].approximate |= f->from.precision > 1 || f->to.precision > 1;
	}
	return true;
}

/* "6,000+ from the Syrian coast to Akkar · UNHCR": both ends, as the map
 * names them, and who said so. */
static bool arrow_label(const rctx *r, const em_flow *f, const char *sources, em_strbuf *out)
{
	char own_from[EM_DATASET_NAME_MAX + 8], own_to[EM_DATASET_NAME_MAX + 8];
	const em_place_total *origin = place_at(r, &f->from), *destination = place_at(r, &f->to);

	return em__flow_label(out, f,
			      origin ? em__place_name(r, origin, own_from, sizeof(own_from)) : NULL,
			      destination ? em__place_name(r, destination, own_to, sizeof(own_to))
					  : NULL,
			      sources);
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

	em__map_point(r, f->from.lon, f->from.lat, &a->x0, &a->y0);
	em__map_point(r, f->to.lon, f->to.lat, &a->x1, &a->y1);
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
	em__set_color_alpha(cr, s->label_halo, 0.7);
	cairo_set_line_width(cr, a->width + 0.8 * r->text_scale);
	cairo_stroke_preserve(cr);
	em__set_color(cr, color);
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
	em__set_color(cr, color);
	cairo_fill(cr);
}

/* Where nothing beside the arrow is free: the nearest free spot around
 * its middle, tied to it by a thin leader. */
static bool label_off_arrow(rctx *r, const arrow *a, double w, double h, em_box *box)
{
	double mx, my, tx, ty;
	em_box found;

	curve_point(a, 0.5, &mx, &my, &tx, &ty);
	if (!em__place_label_far(&r->occupied, mx, my, 0, w, h, r->text_scale, &found))
		return false;
	*box = found;
	em__draw_leader(r, &found, mx, my, a->counted ? r->style->arrow : r->style->arrow_uncounted);
	return true;
}

static void draw_arrow_label(rctx *r, const arrow *a)
{
	static const double ts[] = {0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8};
	const em_style *s = r->style;
	/* Long labels wrap: a column beside the arrow fits where a line does not. */
	PangoLayout *layout = em__text_layout(r, em__strbuf_text(&a->label), s->label_pt * 0.92, false, true,
					     42 * r->text_scale);
	double w, h;
	em_box box = {0, 0, 0, 0};
	bool placed = false;

	em__text_size(layout, &w, &h);
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
			placed = em__spot_is_free(&r->occupied, &box);
		}
	}
	if (!placed)
		placed = label_off_arrow(r, a, w, h, &box);
	if (!placed) {
		em__label_left_out(r, em__strbuf_text(&a->label));
		g_object_unref(layout);
		return;
	}
	em__draw_layout_halo(r, layout, box.x, box.y, a->counted ? s->arrow : s->arrow_uncounted,
			    s->label_halo, s->label_halo_mm);
	em__occupy_box(r, &box, true);
	g_object_unref(layout);
}

/* The destination's name at the arrowhead, unless a place drawn there
 * names it already. */
static void draw_destination(rctx *r, const arrow *a)
{
	const em_style *s = r->style;
	const em_flow *f = em_dataset_flow(r->dataset, a->best >= 0 ? (size_t)a->best : a->first);
	PangoLayout *layout;
	double w, h;
	em_box box;

	if (place_at(r, &f->to) != NULL)
		return;
	layout = em__text_layout(r, f->destination, s->label_pt, true, false, 0);
	em__text_size(layout, &w, &h);
	if (!em__place_label(&r->occupied, a->x1, a->y1, 1.0 * r->text_scale, w, h, &box)) {
		if (!em__place_label_far(&r->occupied, a->x1, a->y1, 1.0 * r->text_scale, w, h,
					r->text_scale, &box)) {
			em__label_left_out(r, f->destination);
			g_object_unref(layout);
			return;
		}
		em__draw_leader(r, &box, a->x1, a->y1, s->label);
	}
	em__draw_layout_halo(r, layout, box.x, box.y, s->label, s->label_halo, s->label_halo_mm);
	em__occupy_box(r, &box, true);
	g_object_unref(layout);
}

/* Labels keep off the arrows: the body as a chain of circles. */
static void occupy_arrow(rctx *r, const arrow *a)
{
	for (int i = 1; i < 24; i++) {
		double x, y, tx, ty;
		curve_point(a, i / 24.0, &x, &y, &tx, &ty);
		em__occupy_circle(r, x, y, a->width / 2 + 0.6);
	}
}

em_status em__prepare_arrows(rctx *r)
{
	long long max_people;

	em__arrows_clear(r);
	if (!collect_arrows(r, &max_people))
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	for (size_t k = 0; k < r->arrow_count; k++) {
		arrow *a = &r->arrows[k];
		const em_flow *first = em_dataset_flow(r->dataset, a->first);
		const em_flow *counted = a->best >= 0 ? em_dataset_flow(r->dataset, (size_t)a->best)
						      : NULL;

		if (!arrow_label(r, counted ? counted : first, em__strbuf_text(&a->sources),
				 &a->label))
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
		a->counted = counted != NULL;
		a->width = r->style->arrow_min_mm * r->text_scale;
		if (counted != NULL && max_people > 0)
			a->width = fmax(a->width, r->style->arrow_max_mm * r->text_scale *
							  (double)counted->people / (double)max_people);
		arrow_geometry(r, a, first);
	}
	return EM_OK;
}


void em__draw_arrows(rctx *r)
{
	for (size_t k = 0; k < r->arrow_count; k++)
		draw_arrow(r, &r->arrows[k]);
	for (size_t k = 0; k < r->arrow_count; k++)
		occupy_arrow(r, &r->arrows[k]);
}

/* Destinations first: a name at an arrowhead has fewer places to go than
 * a label along the arrow. */
void em__draw_arrow_labels(rctx *r)
{
	for (size_t k = 0; k < r->arrow_count; k++)
		draw_destination(r, &r->arrows[k]);
	for (size_t k = 0; k < r->arrow_count; k++)
		draw_arrow_label(r, &r->arrows[k]);
}
