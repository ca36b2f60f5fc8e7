/* Label placement: each label tries the positions around its symbol in a
 * cartographer's order of preference (right, left, above-right...) and
 * takes the first that covers no other label, no marker and stays inside
 * the map.  Larger places are placed first, so they get the best spots. */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

#include <math.h>

bool em__box_overlaps(const em_box *a, const em_box *b)
{
	return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height &&
	       b->y < a->y + a->height;
}

static bool box_hits_circle(const em_box *b, const circle *c)
{
	double nx = fmax(b->x, fmin(c->x, b->x + b->width));
	double ny = fmax(b->y, fmin(c->y, b->y + b->height));

	return (nx - c->x) * (nx - c->x) + (ny - c->y) * (ny - c->y) < c->r * c->r;
}

bool em__spot_is_free(const occupancy *o, const em_box *box)
{
	if (box->x < o->frame.x || box->y < o->frame.y ||
	    box->x + box->width > o->frame.x + o->frame.width ||
	    box->y + box->height > o->frame.y + o->frame.height)
		return false;
	for (size_t i = 0; i < o->box_count; i++)
		if (em__box_overlaps(box, &o->boxes[i]))
			return false;
	for (size_t i = 0; i < o->circle_count; i++)
		if (box_hits_circle(box, &o->circles[i]))
			return false;
	return true;
}

void em__occupy_box(rctx *r, const em_box *box, bool report)
{
	occupancy *o = &r->occupied;

	if (o->box_count < OCCUPIED_MAX)
		o->boxes[o->box_count++] = *box;
	if (report && r->report != NULL && r->report->label_count < EM_RENDER_REPORT_MAX)
		r->report->labels[r->report->label_count++] = *box;
}

void em__occupy_circle(rctx *r, double x, double y, double radius)
{
	occupancy *o = &r->occupied;

	if (o->circle_count < OCCUPIED_MAX) {
		o->circles[o->circle_count].x = x;
		o->circles[o->circle_count].y = y;
		o->circles[o->circle_count].r = radius;
		o->circle_count++;
	}
}

bool em__place_label(const occupancy *o, double x, double y, double radius, double w, double h,
		    em_box *out)
{
	/* Unit directions in order of preference: E, W, NE, SE, NW, SW, N, S. */
	static const double dirs[8][2] = {{1, 0}, {-1, 0}, {0.71, -0.71}, {0.71, 0.71},
					  {-0.71, -0.71}, {-0.71, 0.71}, {0, -1}, {0, 1}};

	for (int ring = 0; ring < 3; ring++) {
		double gap = radius + 0.8 + ring * 2.5;
		for (int d = 0; d < 8; d++) {
			em_box b;
			double ax = x + dirs[d][0] * gap, ay = y + dirs[d][1] * gap;
			/* Anchor the box's near side at the point on the ring. */
			b.x = dirs[d][0] > 0.1 ? ax : dirs[d][0] < -0.1 ? ax - w : ax - w / 2;
			b.y = dirs[d][1] > 0.1 ? ay : dirs[d][1] < -0.1 ? ay - h : ay - h / 2;
			b.width = w;
			b.height = h;
			if (ring == 0 && d == 0)
				*out = b;
			if (em__spot_is_free(o, &b)) {
				*out = b;
				return true;
			}
		}
	}
	return false;
}

bool em__place_label_far(const occupancy *o, double x, double y, double radius, double w,
			double h, double scale, em_box *out)
{
	for (double far = 4; far <= 24; far += 4)
		if (em__place_label(o, x, y, radius + far * scale, w, h, out))
			return true;
	return false;
}

void em__label_left_out(rctx *r, const char *text)
{
	size_t at = strlen(r->left_out);
	char one[160];

	/* One line per label, newlines of two-line labels folded. */
	snprintf(one, sizeof(one), "%s", text);
	for (char *c = one; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (at + strlen(one) + 3 < sizeof(r->left_out)) {
		snprintf(r->left_out + at, sizeof(r->left_out) - at, "%s%s", at ? "; " : "", one);
		r->left_out_named++;
	}
	r->left_out_count++;
	if (r->report != NULL)
		r->report->labels_left_out++;
}
