/* The legend: only what the poster holds.  Death circles with the
 * categories drawn, the range, approximate and spanning marks when some
 * place shows them; the event symbols of the kinds drawn; the arrows drawn;
 * towns and borders. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const em_category_words[EM_CATEGORY_COUNT + 1] = {
	"civilians", "security forces", "pro-Assad fighters", "unknown or mixed",
	"several categories"};

/* What the map holds, gathered once for the legend. */
typedef struct shown {
	bool category[EM_CATEGORY_COUNT + 1];
	bool deaths, range, approximate, spanning, approximate_events;
	unsigned kinds, spanning_kinds;
	bool counted, uncounted;
} shown;

static shown what_is_shown(const rctx *r)
{
	shown w;

	memset(&w, 0, sizeof(w));
	for (size_t i = 0; i < r->summary->place_count; i++) {
		const em_place_total *p = &r->summary->places[i];
		w.kinds |= p->event_kinds | p->spanning_kinds;
		w.spanning_kinds |= p->spanning_kinds;
		if (!em_place_total_has_deaths(p)) {
			w.approximate_events |= p->state == EM_STATE_APPROXIMATE;
			continue;
		}
		w.deaths = true;
		w.category[p->category] = true;
		w.range |= p->total.present && p->total.min < p->total.max;
		w.approximate |= p->total.present && p->state == EM_STATE_APPROXIMATE;
		w.spanning |= p->spanning.present;
	}
	w.counted = r->legend_counted_arrows;
	w.uncounted = r->legend_uncounted_arrows;
	for (size_t k = 0; k < r->arrow_count; k++) {
		w.counted |= r->arrows[k].counted;
		w.uncounted |= !r->arrows[k].counted;
	}
	w.spanning |= r->legend_spanning;
	w.spanning_kinds |= r->legend_spanning_kinds;
	w.kinds |= r->legend_kinds | r->legend_spanning_kinds;
	for (int k = 0; k <= EM_CATEGORY_MIXED; k++) {
		if (r->legend_categories & (1u << k)) {
			w.category[k] = true;
			w.deaths = true;
		}
	}
	return w;
}

static bool one_day(const rctx *r)
{
	const em_filter *f = &r->options->filter;

	return f->has_from && f->has_to && f->from == f->to;
}

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

static void legend_circles(em_cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	long long values[3];
	double big = em__marker_radius(r, r->scale_max), base;

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
		rad = em__marker_radius(r, values[i]);
		y = base - rad;
		if (!c->dry) {
			cairo_new_path(r->cr);
			cairo_arc(r->cr, x, y, rad, 0, 2 * M_PI);
			em__set_color_alpha(r->cr, s->muted_text, 0.08);
			cairo_fill_preserve(r->cr);
			em__set_color(r->cr, s->text);
			cairo_set_line_width(r->cr, 0.25);
			cairo_stroke(r->cr);
			cairo_move_to(r->cr, x, y - rad);
			cairo_line_to(r->cr, c->x + 2 * big + 3, y - rad);
			cairo_stroke(r->cr);
		}
		em_text_format_count(text, sizeof(text), values[i]);
		layout = em__text_layout(r, text, s->small_pt, false, false, 0);
		em__text_size(layout, &w, &h);
		if (!c->dry)
			em__draw_layout(r, layout, c->x + 2 * big + 4, y - rad - h / 2, s->text);
		g_object_unref(layout);
	}
	c->y = base + 1.5 * r->text_scale;
}

typedef enum swatch {
	SWATCH_CATEGORY, SWATCH_RANGE, SWATCH_APPROXIMATE, SWATCH_SPANNING, SWATCH_TOWN,
	SWATCH_BORDER, SWATCH_EVENT, SWATCH_EVENT_HOLLOW, SWATCH_EVENT_APPROXIMATE
} swatch;

/* A dashed circle: a place known only approximately. */
static void dashed_ring(rctx *r, double cx, double cy, double radius, em_color color,
			double width)
{
	cairo_t *cr = r->cr;
	const double dash[] = {1.0 * r->text_scale, 0.7 * r->text_scale};

	cairo_new_path(cr);
	cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
	em__set_color(cr, color);
	cairo_set_line_width(cr, width);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void swatch_range(rctx *r, em_color color, double cx, double cy, double sym)
{
	cairo_t *cr = r->cr;

	cairo_arc(cr, cx, cy, sym * 0.45, 0, 2 * M_PI);
	em__set_color_alpha(cr, color, r->style->range_opacity);
	cairo_fill_preserve(cr);
	em__set_color(cr, color);
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
	cairo_arc(cr, cx, cy, sym * 0.25, 0, 2 * M_PI);
	em__set_color_alpha(cr, color, r->style->marker_opacity);
	cairo_fill(cr);
}

static void swatch_spanning(rctx *r, em_color color, double cx, double cy, double sym)
{
	cairo_t *cr = r->cr;

	cairo_save(cr);
	cairo_arc(cr, cx, cy, sym * 0.42, 0, 2 * M_PI);
	cairo_clip_preserve(cr);
	em__set_color_alpha(cr, color, 0.18);
	cairo_fill_preserve(cr);
	cairo_new_path(cr);
	for (double d = -sym; d <= sym; d += 1.1 * r->text_scale) {
		cairo_move_to(cr, cx + d - sym / 2, cy + sym / 2);
		cairo_line_to(cr, cx + d + sym / 2, cy - sym / 2);
	}
	em__set_color(cr, color);
	cairo_set_line_width(cr, 0.3 * r->text_scale);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_arc(cr, cx, cy, sym * 0.42, 0, 2 * M_PI);
	cairo_set_line_width(cr, 0.5 * r->text_scale);
	cairo_stroke(cr);
}

static void swatch_border(rctx *r, double cx, double cy, double sym)
{
	cairo_t *cr = r->cr;
	const double border_dash[] = {2.2, 0.9};

	cairo_move_to(cr, cx - sym / 2, cy);
	cairo_line_to(cr, cx + sym / 2, cy);
	em__set_color(cr, r->style->border);
	cairo_set_line_width(cr, r->style->border_mm);
	cairo_set_dash(cr, border_dash, 2, 0);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_swatch(rctx *r, swatch kind, int detail, em_color color, double cx, double cy,
			double sym)
{
	cairo_t *cr = r->cr;
	const em_style *s = r->style;

	cairo_new_path(cr);
	switch (kind) {
	case SWATCH_CATEGORY:
		cairo_arc(cr, cx, cy, sym * 0.3, 0, 2 * M_PI);
		em__set_color_alpha(cr, color, s->marker_opacity);
		cairo_fill(cr);
		break;
	case SWATCH_RANGE: swatch_range(r, color, cx, cy, sym); break;
	case SWATCH_APPROXIMATE:
		dashed_ring(r, cx, cy, sym * 0.38, color, 0.6 * r->text_scale);
		break;
	case SWATCH_SPANNING: swatch_spanning(r, color, cx, cy, sym); break;
	case SWATCH_TOWN:
		cairo_arc(cr, cx, cy, s->town_dot_mm * r->text_scale, 0, 2 * M_PI);
		em__set_color(cr, s->town_dot);
		cairo_fill(cr);
		break;
	case SWATCH_BORDER: swatch_border(r, cx, cy, sym); break;
	case SWATCH_EVENT:
	case SWATCH_EVENT_HOLLOW:
		em__draw_event_symbol(r, (em_event_kind)detail, cx, cy, em__event_size(r),
				     kind == SWATCH_EVENT_HOLLOW);
		break;
	case SWATCH_EVENT_APPROXIMATE:
		em__draw_event_symbol(r, (em_event_kind)detail, cx, cy, em__event_size(r), false);
		dashed_ring(r, cx, cy, em__event_size(r) / 2 + 1.2 * r->text_scale, s->event_ink,
			    0.35 * r->text_scale);
		break;
	}
}

/* A small symbol at the left and its explanation beside it. */
static void legend_row(em_cursor *c, swatch kind, int detail, em_color color, const char *text)
{
	rctx *r = c->r;
	double sym = 7 * r->text_scale, y0 = c->y, h;
	em_cursor t = *c;

	t.x = c->x + sym + 2.5 * r->text_scale;
	t.width = c->width - sym - 2.5 * r->text_scale;
	h = em__text_block(&t, text, r->style->text_pt, false, false, r->style->text);
	if (!c->dry)
		draw_swatch(r, kind, detail, color, c->x + sym / 2, y0 + fmax(h, sym * 0.7) / 2, sym);
	c->y = y0 + fmax(h, sym * 0.7) + 1.2 * r->text_scale;
}

static void legend_arrow(em_cursor *c, double width, bool counted, const char *text)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	double len = 26 * r->text_scale, y0 = c->y, h, head = fmax(3.2 * r->text_scale, 2.3 * width);
	double hw = fmax(1.5 * r->text_scale, 1.05 * width), cy;
	em_cursor t = *c;
	cairo_t *cr = r->cr;
	const double dash[] = {1.6 * r->text_scale, 0.9 * r->text_scale};

	t.x = c->x + len + 3 * r->text_scale;
	t.width = c->width - len - 3 * r->text_scale;
	h = em__text_block(&t, text, s->text_pt, false, false, s->text);
	cy = y0 + fmax(h, 2 * hw) / 2;
	if (!c->dry) {
		em_color color = counted ? s->arrow : s->arrow_uncounted;
		cairo_new_path(cr);
		cairo_move_to(cr, c->x, cy);
		cairo_line_to(cr, c->x + len - head, cy);
		em__set_color(cr, color);
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

static void legend_deaths(em_cursor *c, const shown *w)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	em_color grey = s->category[EM_CATEGORY_UNKNOWN];

	em__text_block(c, "Deaths reported at a place (circle area)", s->text_pt, true, false, s->text);
	em__gap(c, 1);
	legend_circles(c);
	for (int k = 0; k <= EM_CATEGORY_MIXED; k++)
		if (w->category[k])
			legend_row(c, SWATCH_CATEGORY, 0, s->category[k], em_category_words[k]);
	if (w->range)
		legend_row(c, SWATCH_RANGE, 0, grey,
			   "Sources differ: inner disc lowest figure, ring highest");
	if (w->approximate)
		legend_row(c, SWATCH_APPROXIMATE, 0, grey,
			   "Place known only approximately (near, or the region)");
	if (w->spanning)
		legend_row(c, SWATCH_SPANNING, 0, grey,
			   one_day(r) ? "Hatched: a figure for several days including this one "
					"(its days in the label)"
				      : "Hatched: a figure for a period reaching beyond these days "
					"(its days in the label)");
	em__gap(c, 1.5);
}

static void legend_events(em_cursor *c, const shown *w)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	int first = -1;

	em__text_block(c, "Events reported without a death toll", s->text_pt, true, false, s->text);
	em__gap(c, 1);
	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++) {
		if (!(w->kinds & (1u << k)))
			continue;
		if (first < 0)
			first = k;
		legend_row(c, SWATCH_EVENT, k, s->event_ink, em_event_kind_name((em_event_kind)k));
	}
	if (w->spanning_kinds)
		legend_row(c, SWATCH_EVENT_HOLLOW, first, s->event_ink,
			   one_day(r) ? "Hollow: reported for several days including this one"
				      : "Hollow: reported for a period reaching beyond these days");
	if (w->approximate_events)
		legend_row(c, SWATCH_EVENT_APPROXIMATE, first, s->event_ink,
			   "Place known only approximately");
	em__gap(c, 1.5);
}

static void legend_arrows(em_cursor *c, const shown *w)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	long long max_people = 0;
	char text[160];

	em__text_block(c, "People displaced (arrow width)", s->text_pt, true, false, s->text);
	em__gap(c, 1);
	if (w->counted) {
		for (size_t i = 0; i < em_dataset_flow_count(r->dataset); i++) {
			const em_flow *f = em_dataset_flow(r->dataset, i);
			if (f->has_people && f->people > max_people)
				max_people = f->people;
		}
		em_text_format_count(text, sizeof(text), max_people);
		strncat(text, " people", sizeof(text) - strlen(text) - 1);
		legend_arrow(c, s->arrow_max_mm * r->text_scale, true, text);
	}
	if (w->uncounted)
		legend_arrow(c, s->arrow_min_mm * r->text_scale, false, "Movement reported, not counted");
	em__gap(c, 1.5);
}

/* Two blocks side by side when the panel is wide enough, else one
 * after the other. */
static void side_by_side(em_cursor *c, void (*left)(em_cursor *, const shown *),
			 void (*right)(em_cursor *, const shown *), const shown *w)
{
	double gap = 4 * c->r->text_scale, half = (c->width - gap) / 2;
	em_cursor a = *c, b = *c;

	if (left == NULL || right == NULL || half < 36 * c->r->text_scale) {
		if (left != NULL)
			left(c, w);
		if (right != NULL)
			right(c, w);
		return;
	}
	a.width = b.width = half;
	b.x = c->x + half + gap;
	left(&a, w);
	right(&b, w);
	c->y = fmax(a.y, b.y);
}

static void legend_base(em_cursor *c, const shown *w)
{
	(void)w;
	legend_row(c, SWATCH_TOWN, 0, c->r->style->town_dot, "Town");
}

static void legend_border(em_cursor *c, const shown *w)
{
	(void)w;
	legend_row(c, SWATCH_BORDER, 0, c->r->style->border, "International border");
}

void em__legend_content(em_cursor *c)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	shown w = what_is_shown(r);

	em__text_block(c, "Legend", s->heading_pt, true, false, s->heading);
	em__gap(c, 2);
	side_by_side(c, w.deaths ? legend_deaths : NULL, w.kinds ? legend_events : NULL, &w);
	if (w.counted || w.uncounted)
		legend_arrows(c, &w);
	side_by_side(c, legend_base, legend_border, &w);
	if (r->options->series_note != NULL) {
		em__gap(c, 1);
		em__text_block(c, r->options->series_note, s->small_pt, false, true, s->muted_text);
	}
}
