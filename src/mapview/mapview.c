/* The main map's projection and extent.  PROJ does every transform; the
 * extent is found by projecting points along the data box's edges (a
 * curved box in a projected CRS is not its corners' box) and the scale is
 * measured on the ellipsoid at the centre, so the scale bar is true there
 * for any CRS. */
#include "eventmap/mapview.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EDGE_SAMPLES 24

struct em_mapview {
	PJ_CONTEXT *ctx;
	PJ *transform; /* lon/lat -> projected metres (visualisation axis order) */
	double min_x, min_y, max_x, max_y; /* the frame in projected units */
	double width_mm, height_mm;
	double mm_per_unit;
	double mm_per_km;
	double north;
	char description[160];
};

/* PROJ's transform either way; false when the point has no image. */
static bool transform(const em_mapview *v, PJ_DIRECTION direction, double a, double b,
		      double *out_a, double *out_b)
{
	PJ_COORD c = proj_trans(v->transform, direction, proj_coord(a, b, 0, 0));

	if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
		return false;
	*out_a = c.xy.x;
	*out_b = c.xy.y;
	return true;
}

static bool forward(const em_mapview *v, double lon, double lat, double *x, double *y)
{
	return transform(v, PJ_FWD, lon, lat, x, y);
}

static bool inverse(const em_mapview *v, double x, double y, double *lon, double *lat)
{
	return transform(v, PJ_INV, x, y, lon, lat);
}

static em_status make_transform(em_mapview *v, const em_bbox *data, const char *crs,
				em_error *err)
{
	char auto_crs[256];
	const char *target = crs;
	PJ *raw, *norm;
	double clat = (data->south + data->north) / 2, clon = (data->west + data->east) / 2;

	if (target == NULL) {
		snprintf(auto_crs, sizeof(auto_crs),
			 "+proj=tmerc +lat_0=%.4f +lon_0=%.4f +k=1 +x_0=0 +y_0=0 +ellps=WGS84 "
			 "+units=m +no_defs +type=crs", clat, clon);
		target = auto_crs;
		snprintf(v->description, sizeof(v->description),
			 "Transverse Mercator centred on %.2f\xC2\xB0 N %.2f\xC2\xB0 E (WGS 84)", clat,
			 clon);
	}
	raw = proj_create_crs_to_crs(v->ctx, "EPSG:4326", target, NULL);
	if (raw == NULL)
		return em_error_set(err, EM_ERR_INVALID, "CRS '%s': %s", target,
				    proj_context_errno_string(v->ctx, proj_context_errno(v->ctx)));
	norm = proj_normalize_for_visualization(v->ctx, raw);
	proj_destroy(raw);
	if (norm == NULL)
		return em_error_set(err, EM_ERR_INVALID, "CRS '%s': %s", target,
				    proj_context_errno_string(v->ctx, proj_context_errno(v->ctx)));
	v->transform = norm;
	if (crs != NULL) {
		PJ *target_crs = proj_get_target_crs(v->ctx, norm);
		const char *name = target_crs ? proj_get_name(target_crs) : NULL;
		snprintf(v->description, sizeof(v->description), "%s", name ? name : crs);
		proj_destroy(target_crs);
	}
	return EM_OK;
}

/* The projected box of the data, from points along its edges. */
static bool data_extent(em_mapview *v, const em_bbox *data, double *x0, double *y0, double *x1,
			double *y1)
{
	bool any = false;

	*x0 = *y0 = INFINITY;
	*x1 = *y1 = -INFINITY;
	for (int i = 0; i <= EDGE_SAMPLES; i++) {
		double t = (double)i / EDGE_SAMPLES;
		double pts[4][2] = {
			{data->west + t * (data->east - data->west), data->south},
			{data->west + t * (data->east - data->west), data->north},
			{data->west, data->south + t * (data->north - data->south)},
			{data->east, data->south + t * (data->north - data->south)}};
		for (int k = 0; k < 4; k++) {
			double x, y;
			if (!forward(v, pts[k][0], pts[k][1], &x, &y))
				continue;
			any = true;
			*x0 = fmin(*x0, x);
			*y0 = fmin(*y0, y);
			*x1 = fmax(*x1, x);
			*y1 = fmax(*y1, y);
		}
	}
	return any;
}

static void measure(em_mapview *v)
{
	double cx = (v->min_x + v->max_x) / 2, cy = (v->min_y + v->max_y) / 2;
	double d = (v->max_x - v->min_x) / 100;
	double lon0, lat0, lon1, lat1, lon2, lat2;
	PJ_COORD a, b;

	v->mm_per_km = v->mm_per_unit * 1000.0; /* metres, if the inverse fails */
	if (!inverse(v, cx - d, cy, &lon0, &lat0) || !inverse(v, cx + d, cy, &lon1, &lat1))
		return;
	a = proj_coord(proj_torad(lon0), proj_torad(lat0), 0, 0);
	b = proj_coord(proj_torad(lon1), proj_torad(lat1), 0, 0);
	v->mm_per_km = (2 * d * v->mm_per_unit) / (proj_lp_dist(v->transform, a, b) / 1000.0);
	/* True north: where a point a little north of the centre lands. */
	if (inverse(v, cx, cy, &lon2, &lat2)) {
		double x, y;
		if (forward(v, lon2, lat2 + 0.01, &x, &y))
			v->north = atan2(-(x - cx), y - cy);
	}
}

em_status em_mapview_create(em_mapview **out, const em_bbox *data, double width_mm,
			    double height_mm, double margin, double min_extent_km,
			    const char *crs, em_error *err)
{
	em_mapview *v;
	double x0, y0, x1, y1, w, h, cx, cy, want;
	em_status status;

	*out = NULL;
	if (width_mm <= 0 || height_mm <= 0 || data->west > data->east || data->south > data->north)
		return em_error_set(err, EM_ERR_INVALID, "map view: empty frame or data box");
	v = calloc(1, sizeof(*v));
	if (v == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	v->ctx = proj_context_create();
	/* PROJ would print its errors; they go into err instead. */
	proj_log_level(v->ctx, PJ_LOG_NONE);
	status = make_transform(v, data, crs, err);
	if (status == EM_OK && !data_extent(v, data, &x0, &y0, &x1, &y1))
		status = em_error_set(err, EM_ERR_INVALID,
				      "the data cannot be projected with this CRS");
	if (status != EM_OK) {
		em_mapview_destroy(v);
		return status;
	}
	w = (x1 - x0) * (1 + 2 * margin);
	h = (y1 - y0) * (1 + 2 * margin);
	/* Projected units are metres for the automatic CRS. */
	w = fmax(w, min_extent_km * 1000.0);
	h = fmax(h, min_extent_km * 1000.0);
	want = width_mm / height_mm;
	if (w / h < want)
		w = h * want;
	else
		h = w / want;
	cx = (x0 + x1) / 2;
	cy = (y0 + y1) / 2;
	v->min_x = cx - w / 2;
	v->max_x = cx + w / 2;
	v->min_y = cy - h / 2;
	v->max_y = cy + h / 2;
	v->width_mm = width_mm;
	v->height_mm = height_mm;
	v->mm_per_unit = width_mm / w;
	measure(v);
	*out = v;
	return EM_OK;
}

void em_mapview_destroy(em_mapview *view)
{
	if (view == NULL)
		return;
	proj_destroy(view->transform);
	proj_context_destroy(view->ctx);
	free(view);
}

bool em_mapview_to_page(double *x_mm, double *y_mm, const em_mapview *view, double lon, double lat)
{
	double x, y;

	if (!forward(view, lon, lat, &x, &y))
		return false;
	*x_mm = (x - view->min_x) * view->mm_per_unit;
	*y_mm = (view->max_y - y) * view->mm_per_unit;
	return true;
}

void em_mapview_bounds(em_bbox *out, const em_mapview *view)
{
	out->west = out->south = INFINITY;
	out->east = out->north = -INFINITY;
	for (int i = 0; i <= EDGE_SAMPLES; i++) {
		double t = (double)i / EDGE_SAMPLES;
		double xs[4] = {view->min_x + t * (view->max_x - view->min_x),
				view->min_x + t * (view->max_x - view->min_x), view->min_x,
				view->max_x};
		double ys[4] = {view->min_y, view->max_y,
				view->min_y + t * (view->max_y - view->min_y),
				view->min_y + t * (view->max_y - view->min_y)};
		for (int k = 0; k < 4; k++) {
			double lon, lat;
			if (!inverse(view, xs[k], ys[k], &lon, &lat))
				continue;
			out->west = fmin(out->west, lon);
			out->east = fmax(out->east, lon);
			out->south = fmin(out->south, lat);
			out->north = fmax(out->north, lat);
		}
	}
}

double em_mapview_mm_per_km(const em_mapview *view)
{
	return view->mm_per_km;
}

void em_mapview_scale_bar(double *km, double *mm, const em_mapview *view, double max_mm)
{
	static const double steps[] = {1, 2, 2.5, 5};
	double best = 0;

	for (double decade = 0.01; decade <= 100000; decade *= 10)
		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			if (steps[i] * decade * view->mm_per_km <= max_mm)
				best = steps[i] * decade;
	*km = best;
	*mm = best * view->mm_per_km;
}

double em_mapview_north(const em_mapview *view)
{
	return view->north;
}

const char *em_mapview_description(const em_mapview *view)
{
	return view->description;
}
