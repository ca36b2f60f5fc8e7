/* Where a poster's map lies: the page size, the area the data covers,
 * the checks that its places lie inside the basemap, the frame a series
 * of posters shares, and the country the map puts in focus. */
#include "render_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define A3_AREA (420.0 * 297.0)

em_status em_page_parse(em_page *out, const char *preset, bool portrait, em_error *err)
{
	static const struct {
		const char *name;
		double w, h, dpi;
	} presets[] = {{"A4", 297, 210, 0}, {"A3", 420, 297, 0}, {"A2", 594, 420, 0},
		       {"social-square", 1080, 1080, 96}, {"social-wide", 1600, 900, 96}};
	double w, h;
	char extra;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
		if (strcasecmp(preset, presets[i].name) != 0)
			continue;
		if (presets[i].dpi > 0) {
			/* Pixel presets: a page whose size at its DPI is those pixels. */
			out->pixel_dpi = presets[i].dpi;
			out->width_mm = presets[i].w / presets[i].dpi * 25.4;
			out->height_mm = presets[i].h / presets[i].dpi * 25.4;
			snprintf(out->name, sizeof(out->name), "%s", presets[i].name);
		} else {
			out->width_mm = portrait ? presets[i].h : presets[i].w;
			out->height_mm = portrait ? presets[i].w : presets[i].h;
			snprintf(out->name, sizeof(out->name), "%s %s", presets[i].name,
				 portrait ? "portrait" : "landscape");
		}
		return EM_OK;
	}
	if (sscanf(preset, "%lfx%lfmm%c", &w, &h, &extra) == 2 && w >= 50 && h >= 50 &&
	    w <= 2000 && h <= 2000) {
		out->width_mm = w;
		out->height_mm = h;
		snprintf(out->name, sizeof(out->name), "%gx%gmm", w, h);
		return EM_OK;
	}
	return em_error_set(err, EM_ERR_INVALID,
			    "page size '%s': use A4, A3, A2, social-square, social-wide or WxHmm "
			    "(50 to 2000 mm, e.g. 300x200mm)", preset);
}

static void grow(em_bbox *b, double lon, double lat, bool *any)
{
	if (!*any) {
		b->west = b->east = lon;
		b->south = b->north = lat;
		*any = true;
		return;
	}
	b->west = fmin(b->west, lon);
	b->east = fmax(b->east, lon);
	b->south = fmin(b->south, lat);
	b->north = fmax(b->north, lat);
}

em_status em_render_fit(em_bbox *extent, long long *scale_max, const em_dataset *dataset,
			const em_filter *filter, em_error *err)
{
	em_filter all = {0};
	em_summary *summary = NULL;
	bool any = false;
	em_status status;

	if (filter == NULL)
		filter = &all;
	status = em_summary_create(&summary, dataset, filter, err);
	if (status != EM_OK)
		return status;
	*scale_max = 0;
	for (size_t i = 0; i < summary->place_count; i++) {
		grow(extent, summary->places[i].lon, summary->places[i].lat, &any);
		if (em_place_total_deaths_max(&summary->places[i]) > *scale_max)
			*scale_max = em_place_total_deaths_max(&summary->places[i]);
	}
	for (size_t i = 0; i < em_dataset_flow_count(dataset); i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		if (f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED ||
		    !em_filter_keeps_flow(filter, f))
			continue;
		grow(extent, f->from.lon, f->from.lat, &any);
		grow(extent, f->to.lon, f->to.lat, &any);
	}
	em_summary_destroy(summary);
	/* A full-size circle stands for at least this many: a poster whose
	 * largest figure is 1 must not draw one death as a great disc. */
	if (*scale_max < EM_RENDER_SCALE_FLOOR)
		*scale_max = EM_RENDER_SCALE_FLOOR;
	if (!any)
		return em_error_set(err, EM_ERR_NOTFOUND,
				    "nothing to map: no report or flow of this period has a place");
	return EM_OK;
}

/* The places to draw must lie where the basemap knows the land: beyond
 * it a poster would show them at sea. */
em_status em_render_check_coverage(const em_basemap *basemap, const em_bbox *data, em_error *err)
{
	em_bbox c = em_basemap_coverage(basemap);
	double lon = data->west, lat = data->south;

	if (c.east <= c.west || c.north <= c.south)
		return EM_OK; /* a basemap that does not say */
	if (data->west >= c.west && data->east <= c.east && data->south >= c.south &&
	    data->north <= c.north)
		return EM_OK;
	/* The edge that is out, and the other coordinate inside. */
	if (data->west < c.west || data->east > c.east) {
		lon = data->west < c.west ? data->west : data->east;
		lat = fmin(fmax((data->south + data->north) / 2, c.south), c.north);
	} else {
		lat = data->south < c.south ? data->south : data->north;
		lon = fmin(fmax((data->west + data->east) / 2, c.west), c.east);
	}
	return em_error_set(err, EM_ERR_INVALID,
			    "the area to draw reaches %.2f %c, %.2f %c, outside the basemap (%g to "
			    "%g E, %g to %g N): a map there would show land as sea; draw it on a "
			    "basemap that covers it", fabs(lat), lat >= 0 ? 'N' : 'S', fabs(lon),
			    lon >= 0 ? 'E' : 'W', c.west, c.east, c.south, c.north);
}

static bool outside(const em_bbox *c, double lat, double lon)
{
	return lon < c->west || lon > c->east || lat < c->south || lat > c->north;
}

em_status em_render_check_places(const em_basemap *basemap, const em_dataset *dataset,
				 const em_filter *filter, em_error *err)
{
	em_bbox c = em_basemap_coverage(basemap);

	return em__check_places_within(&c, dataset, filter, err);
}

em_status em__check_places_within(const em_bbox *coverage, const em_dataset *dataset,
				  const em_filter *filter, em_error *err)
{
	em_bbox c = *coverage;
	const char *name = NULL;
	double lat = 0, lon = 0;

	if (c.east <= c.west || c.north <= c.south)
		return EM_OK;
	for (size_t i = 0; i < em_dataset_report_count(dataset) && name == NULL; i++) {
		const em_report *rep = em_dataset_report(dataset, i);
		if (rep->where.state != EM_STATE_NOT_MAPPED && em_filter_keeps(filter, rep) &&
		    outside(&c, rep->where.lat, rep->where.lon)) {
			name = rep->location;
			lat = rep->where.lat;
			lon = rep->where.lon;
		}
	}
	for (size_t i = 0; i < em_dataset_flow_count(dataset) && name == NULL; i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		if (f->from.state == EM_STATE_NOT_MAPPED || f->to.state == EM_STATE_NOT_MAPPED ||
		    !em_filter_keeps_flow(filter, f))
			continue;
		if (outside(&c, f->from.lat, f->from.lon)) {
			name = f->origin;
			lat = f->from.lat;
			lon = f->from.lon;
		} else if (outside(&c, f->to.lat, f->to.lon)) {
			name = f->destination;
			lat = f->to.lat;
			lon = f->to.lon;
		}
	}
	if (name == NULL)
		return EM_OK;
	return em_error_set(err, EM_ERR_INVALID,
			    "'%.80s' (%.2f %c, %.2f %c) lies outside the basemap (%g to %g E, %g to "
			    "%g N): a map there would show it at sea; draw it on a basemap that "
			    "covers it, or leave its days out", name,
			    fabs(lat), lat >= 0 ? 'N' : 'S', fabs(lon), lon >= 0 ? 'E' : 'W', c.west,
			    c.east, c.south, c.north);
}

/* The country most of the dataset's mapped reports and flow ends lie in,
 * the first met on a tie; "" when no place has one.  Every poster of a
 * dataset puts the same country in focus, whatever its days. */
bool em__focus_country(char *out, size_t size, const em_dataset *dataset,
		       const em_poster_options *options)
{
	em_keymap counts = {0};
	size_t reports = em_dataset_report_count(dataset), best = SIZE_MAX;
	uint64_t best_count = 0;
	bool ok = true;

	out[0] = '\0';
	if (options->focus_country != NULL) {
		snprintf(out, size, "%s", options->focus_country);
		return true;
	}
	for (size_t i = 0; ok && i < reports + 2 * em_dataset_flow_count(dataset); i++) {
		const em_location *at =
			i < reports ? &em_dataset_report(dataset, i)->where
			: (i - reports) % 2 ? &em_dataset_flow(dataset, (i - reports) / 2)->to
					    : &em_dataset_flow(dataset, (i - reports) / 2)->from;
		uint64_t *n;
		if (at->state == EM_STATE_NOT_MAPPED || at->country == NULL || !at->country[0])
			continue;
		n = em__keymap_get(&counts, at->country, strlen(at->country), true, NULL);
		ok = n != NULL;
		if (ok)
			(*n)++;
	}
	for (size_t i = 0; ok && i < em__keymap_count(&counts); i++) {
		size_t len;
		const char *key = em__keymap_key(&counts, i, &len);
		uint64_t n = *em__keymap_value(&counts, key, len);
		if (n > best_count) {
			best_count = n;
			best = i;
		}
	}
	if (ok && best != SIZE_MAX) {
		size_t len;
		const char *key = em__keymap_key(&counts, best, &len);
		snprintf(out, size, "%.*s", (int)len, key);
	}
	em__keymap_clear(&counts);
	return ok;
}

double em__render_text_scale(const em_page *page)
{
	return fmin(fmax(sqrt(page->width_mm * page->height_mm / A3_AREA), 0.62), 1.45);
}

em_status em_render_series_frame(em_bbox *extent, long long *scale_max,
				 const em_dataset *dataset, const em_filter *filters,
				 size_t count, em_error *err)
{
	long long scale = 0, one_scale;
	em_bbox one_box;
	em_status status = em_render_fit(extent, &one_scale, dataset, NULL, err);

	for (size_t i = 0; i < count && status == EM_OK; i++) {
		em_error quiet;
		em_error_clear(&quiet);
		if (em_render_fit(&one_box, &one_scale, dataset, &filters[i], &quiet) == EM_OK &&
		    one_scale > scale)
			scale = one_scale;
	}
	*scale_max = scale > 0 ? scale : 1;
	return status;
}
