/* Events on the map: a report without deaths is drawn as a symbol for its
 * ACLED event type, never as a death circle.  One shape per type, in one
 * ink with a halo so it reads on any land colour and in the mono style:
 * filled when the report's days lie within the poster's, hollow when they
 * reach beyond (a report spanning several days).  A place's kinds form a
 * row: on the place when it has no deaths, beneath its circle when it
 * does. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

double em__event_size(const rctx *r)
{
	return r->style->event_mm * r->text_scale;
}

static void polygon(cairo_t *cr, double cx, double cy, const double *xy, int points, double scale)
{
	cairo_new_sub_path(cr);
	for (int i = 0; i < points; i++)
		cairo_line_to(cr, cx + xy[2 * i] * scale, cy + xy[2 * i + 1] * scale);
	cairo_close_path(cr);
}

/* A regular shape of `points` corners (or a star of twice as many), its
 * first corner straight up or down, scaled to fit a box of `size`. */
static void regular(cairo_t *cr, double cx, double cy, double size, int points, bool star,
		    bool down)
{
	double xy[20], top = 1, bottom = -1;
	int n = star ? 2 * points : points;

	for (int i = 0; i < n; i++) {
		double a = -M_PI / 2 + M_PI * 2 * i / n, radius = (star && i % 2) ? 0.45 : 1.0;
		xy[2 * i] = radius * cos(a);
		xy[2 * i + 1] = (down ? -1 : 1) * radius * sin(a);
		top = fmin(top, xy[2 * i + 1]);
		bottom = fmax(bottom, xy[2 * i + 1]);
	}
	/* Centre the shape's height on the point, not its circumcircle. */
	for (int i = 0; i < n; i++)
		xy[2 * i + 1] -= (top + bottom) / 2;
	polygon(cr, cx, cy, xy, n, size / (bottom - top));
}

void em__event_symbol_path(cairo_t *cr, em_event_kind kind, double cx, double cy, double size)
{
	static const double diamond[] = {0, -0.56, 0.44, 0, 0, 0.56, -0.44, 0};
	static const double square[] = {-0.4, -0.4, 0.4, -0.4, 0.4, 0.4, -0.4, 0.4};
	static const double plus[] = {-0.16, -0.5, 0.16, -0.5, 0.16, -0.16, 0.5, -0.16,
				      0.5, 0.16, 0.16, 0.16, 0.16, 0.5, -0.16, 0.5,
				      -0.16, 0.16, -0.5, 0.16, -0.5, -0.16, -0.16, -0.16};

	switch (kind) {
	case EM_EVENT_BATTLES: polygon(cr, cx, cy, diamond, 4, size); break;
	case EM_EVENT_VIOLENCE_AGAINST_CIVILIANS: regular(cr, cx, cy, size * 0.95, 3, false, false); break;
	case EM_EVENT_EXPLOSIONS: regular(cr, cx, cy, size * 1.05, 5, true, false); break;
	case EM_EVENT_PROTESTS: polygon(cr, cx, cy, square, 4, size); break;
	case EM_EVENT_RIOTS: regular(cr, cx, cy, size * 0.95, 3, false, true); break;
	case EM_EVENT_STRATEGIC: polygon(cr, cx, cy, plus, 12, size); break;
	default: regular(cr, cx, cy, size * 0.9, 5, false, false); break;
	}
}

void em__draw_event_symbol(rctx *r, em_event_kind kind, double cx, double cy, double size,
			  bool hollow)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;
	double stroke = 0.28 * r->text_scale;

	cairo_new_path(cr);
	em__event_symbol_path(cr, kind, cx, cy, size);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	/* The halo first, wide enough to part the symbol from coast and borders. */
	em__set_color(cr, s->label_halo);
	cairo_set_line_width(cr, stroke + 0.9 * r->text_scale);
	cairo_stroke_preserve(cr);
	if (hollow) {
		em__set_color(cr, s->label_halo);
		cairo_fill_preserve(cr);
		em__set_color(cr, s->event_ink);
		cairo_set_line_width(cr, 1.6 * stroke);
		cairo_stroke(cr);
	} else {
		em__set_color(cr, s->event_ink);
		cairo_fill(cr);
	}
}

static int kind_count(unsigned kinds)
{
	int n = 0;

	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++)
		n += (kinds >> k) & 1u;
	return n;
}

em_box em__event_row_box(const rctx *r, const em_place_total *p, double x, double y)
{
	double size = em__event_size(r), gap = 0.45 * size;
	int n = kind_count(p->event_kinds | p->spanning_kinds);
	double width = n > 0 ? n * size + (n - 1) * gap : 0;
	em_box box = {x - width / 2, y - size / 2, width, n > 0 ? size : 0};

	/* Beneath the death circle, clear of it. */
	if (n > 0 && em_place_total_has_deaths(p))
		box.y = y + em__marker_radius(r, em_place_total_deaths_max(p)) + 0.7 * r->text_scale;
	return box;
}

/* A place known only approximately: a dashed ring round its symbols, as
 * the legend's approximate circle. */
static void approximate_ring(rctx *r, const em_box *row)
{
	const double dash[] = {1.0 * r->text_scale, 0.7 * r->text_scale};
	double radius = fmax(row->width, row->height) / 2 + 1.2 * r->text_scale;

	cairo_new_path(r->cr);
	cairo_arc(r->cr, row->x + row->width / 2, row->y + row->height / 2, radius, 0, 2 * M_PI);
	em__set_color(r->cr, r->style->event_ink);
	cairo_set_line_width(r->cr, 0.35 * r->text_scale);
	cairo_set_dash(r->cr, dash, 2, 0);
	cairo_stroke(r->cr);
	cairo_set_dash(r->cr, NULL, 0, 0);
}

static void draw_row(rctx *r, const em_place_total *p, double x, double y)
{
	em_box row = em__event_row_box(r, p, x, y);
	double size = em__event_size(r), at = row.x + size / 2;

	if (row.width <= 0)
		return;
	if (!em_place_total_has_deaths(p) && p->state == EM_STATE_APPROXIMATE)
		approximate_ring(r, &row);
	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++) {
		unsigned bit = 1u << k;
		if (!((p->event_kinds | p->spanning_kinds) & bit))
			continue;
		em__draw_event_symbol(r, (em_event_kind)k, at, row.y + size / 2, size,
				     !(p->event_kinds & bit));
		at += 1.45 * size;
		if (r->report != NULL)
			r->report->event_symbols++;
	}
	row.x -= 0.3;
	row.y -= 0.3;
	row.width += 0.6;
	row.height += 0.6;
	em__occupy_box(r, &row, false);
}

void em__draw_event_rows(rctx *r)
{
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		double x, y;
		if (em__map_point(r, p->lon, p->lat, &x, &y))
			draw_row(r, p, x, y);
	}
}
