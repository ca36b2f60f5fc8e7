/* Placing the dataset: every report and flow end gets a point, an
 * approximate point, or a reason why not.  Repeated names are geocoded once:
 * a dataset of a million rows names a few hundred places. */
#include "reports_internal.h"

#include "eventmap/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CACHE_MIN 256

typedef struct cache_entry {
	const char *location, *admin1, *country; /* borrowed from the dataset */
	em_location where;
	bool used;
} cache_entry;

typedef struct resolver {
	em_dataset *dataset;
	const em_gazetteer *gazetteer;
	const em_geocode_options *options;
	cache_entry *cache;
	size_t cache_mask, cache_count;
	bool has_region_point;
	double region_lat, region_lon;
	const char *warned[128][2]; /* (field, name) already warned about */
	size_t warned_count;
	em_error *err;
} resolver;

static uint64_t hash3(const char *a, const char *b, const char *c)
{
	const char *parts[3] = {a, b, c};
	uint64_t h = 1469598103934665603ULL;

	for (int i = 0; i < 3; i++) {
		for (const char *p = parts[i]; *p; p++) {
			h ^= (unsigned char)*p;
			h *= 1099511628211ULL;
		}
		h ^= 0xff;
		h *= 1099511628211ULL;
	}
	return h;
}

static bool cache_grow(resolver *r)
{
	size_t size = r->cache_mask ? (r->cache_mask + 1) * 2 : CACHE_MIN;
	cache_entry *entries = calloc(size, sizeof(*entries));

	if (entries == NULL)
		return false;
	for (size_t i = 0; r->cache && i <= r->cache_mask; i++) {
		cache_entry *e = &r->cache[i];
		size_t slot;
		if (!e->used)
			continue;
		slot = hash3(e->location, e->admin1, e->country) & (size - 1);
		while (entries[slot].used)
			slot = (slot + 1) & (size - 1);
		entries[slot] = *e;
	}
	free(r->cache);
	r->cache = entries;
	r->cache_mask = size - 1;
	return true;
}

/* The slot for this name and hints: found (used) or where to add it. */
static cache_entry *cache_slot(resolver *r, const char *location, const char *admin1,
			       const char *country)
{
	size_t slot;

	if ((r->cache_count + 1) * 2 > r->cache_mask + 1 && !cache_grow(r))
		return NULL;
	slot = hash3(location, admin1, country) & r->cache_mask;
	while (r->cache[slot].used) {
		cache_entry *e = &r->cache[slot];
		if (strcmp(e->location, location) == 0 && strcmp(e->admin1, admin1) == 0 &&
		    strcmp(e->country, country) == 0)
			break;
		slot = (slot + 1) & r->cache_mask;
	}
	return &r->cache[slot];
}

static void describe_candidates(char *out, size_t size, const char *lead,
				const em_geocode_candidate *list, size_t n)
{
	size_t at = (size_t)snprintf(out, size, "%s", lead);

	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s (%s %.3f %.3f)", i ? ", " : " ",
				       list[i].place->name, list[i].place->country,
				       list[i].place->lat, list[i].place->lon);
}

static void location_clear(em_location *where, const char *country, const char *admin1)
{
	memset(where, 0, sizeof(*where));
	where->method = "";
	where->place_id = "";
	where->place_name = "";
	where->place_name_ar = "";
	where->country = country;
	where->admin1 = admin1;
}

/* The first of a place's alternate names written in Arabic script. */
static const char *arabic_name(em_pool *pool, const char *alternates)
{
	while (alternates != NULL && *alternates) {
		const char *comma = strchr(alternates, ',');
		size_t len = comma ? (size_t)(comma - alternates) : strlen(alternates);
		if (em_text_has_arabic(alternates, len))
			return em_pool_strndup(pool, alternates, len);
		alternates = comma ? comma + 1 : NULL;
	}
	return "";
}

static void location_from_result(em_location *where, const em_geocode_result *res,
				 em_pool *pool)
{
	location_clear(where, "", "");
	if (res->status == EM_GEOCODE_RESOLVED) {
		where->lat = res->place->lat;
		where->lon = res->place->lon;
		where->precision = res->precision;
		where->state = res->precision > 1 ? EM_STATE_APPROXIMATE : EM_STATE_MAPPED;
		where->method = em_geocode_method_name(res->method);
		where->score = res->score;
		where->place_id = res->place->id;
		where->place_name = res->place->name;
		where->place_name_ar = arabic_name(pool, res->place->alternatenames);
		if (where->place_name_ar == NULL)
			where->place_name_ar = "";
		where->country = res->place->country;
		where->admin1 = res->place->admin1;
		return;
	}
	where->state = EM_STATE_NOT_MAPPED;
	if (res->status == EM_GEOCODE_AMBIGUOUS)
		describe_candidates(where->reason, sizeof(where->reason),
				    "ambiguous: could be", res->candidates, res->candidate_count);
	else if (res->suggestion_count > 0)
		describe_candidates(where->reason, sizeof(where->reason),
				    "not in the gazetteer; did you mean", res->suggestions,
				    res->suggestion_count);
	else
		snprintf(where->reason, sizeof(where->reason), "not in the gazetteer");
}

static em_status geocode(resolver *r, const char *location, const char *admin1,
			 const char *country, em_location *out)
{
	em_geocode_options options = *r->options;
	em_geocode_result res;
	em_error name_err;
	cache_entry *slot = cache_slot(r, location, admin1, country);
	em_status status;

	if (slot == NULL)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	if (slot->used) {
		*out = slot->where;
		return EM_OK;
	}
	if (country[0] != '\0') {
		snprintf(options.countries[0], sizeof(options.countries[0]), "%s", country);
		options.country_count = 1;
	}
	if (admin1[0] != '\0')
		options.admin1 = admin1;
	em_error_clear(&name_err);
	status = em_geocode_name(&res, r->gazetteer, location, strlen(location), &options, &name_err);
	if (status == EM_ERR_NOMEM)
		return em_error_set(r->err, status, "%s", name_err.message);
	if (status != EM_OK) {
		/* A name that cannot be a place name is a row not mapped, with
		 * the reason, rather than a failed run. */
		memset(&res, 0, sizeof(res));
		res.status = EM_GEOCODE_UNRESOLVED;
	}
	location_from_result(out, &res, &r->dataset->strings);
	if (status != EM_OK)
		snprintf(out->reason, sizeof(out->reason), "%.200s", name_err.message);
	slot->used = true;
	slot->location = location;
	slot->admin1 = admin1;
	slot->country = country;
	slot->where = *out;
	r->cache_count++;
	return EM_OK;
}

static void warn_location(resolver *r, const char *path, unsigned long line, const char *field,
			  const char *name, const em_location *where)
{
	/* One warning per name and field: the first line that uses it. */
	for (size_t i = 0; i < r->warned_count; i++)
		if (strcmp(r->warned[i][0], field) == 0 && strcmp(r->warned[i][1], name) == 0)
			return;
	if (r->warned_count < sizeof(r->warned) / sizeof(r->warned[0])) {
		r->warned[r->warned_count][0] = field;
		r->warned[r->warned_count][1] = name;
		r->warned_count++;
	}
	if (where->state == EM_STATE_NOT_MAPPED)
		em_dataset_warn(r->dataset, "%s:%lu: %s '%s' not mapped: %s", path, line, field, name,
				where->reason);
	else if (where->state == EM_STATE_APPROXIMATE)
		em_dataset_warn(r->dataset, "%s:%lu: %s '%s' placed approximately (precision %d, %s)",
				path, line, field, name, where->precision,
				where->precision == 3 ? "region" : "near");
}

static em_status resolve_report(resolver *r, em_report *rep)
{
	em_location *where = &rep->where;
	em_status status;

	location_clear(where, rep->country, rep->admin1);
	if (rep->scope == EM_SCOPE_REGION) {
		where->state = EM_STATE_NOT_MAPPED;
		snprintf(where->reason, sizeof(where->reason),
			 "region-wide total: shown in the headline, not on a town");
		return EM_OK;
	}
	if (rep->has_coordinates) {
		where->lat = rep->latitude;
		where->lon = rep->longitude;
		where->precision = rep->geo_precision;
		where->state = rep->geo_precision > 1 ? EM_STATE_APPROXIMATE : EM_STATE_MAPPED;
		where->method = "given";
		where->score = 1.0;
		return EM_OK;
	}
	status = geocode(r, rep->location, rep->admin1, rep->country, where);
	if (status != EM_OK)
		return status;
	/* The row may know better than the gazetteer that it is only near. */
	if (where->state != EM_STATE_NOT_MAPPED && rep->geo_precision > where->precision) {
		where->precision = rep->geo_precision;
		where->state = EM_STATE_APPROXIMATE;
	}
	warn_location(r, r->dataset->reports_path, rep->line, "location", rep->location, where);
	return EM_OK;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The middle of the places mapped to town precision: where a region
 * ("Syrian coast") is drawn when a flow starts from it. */
static em_status find_region_point(resolver *r)
{
	em_dataset *ds = r->dataset;
	double *lats = malloc((ds->report_count + 1) * sizeof(double));
	double *lons = malloc((ds->report_count + 1) * sizeof(double));
	size_t n = 0;

	if (lats == NULL || lons == NULL) {
		free(lats);
		free(lons);
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < ds->report_count; i++) {
		if (ds->reports[i].where.state != EM_STATE_MAPPED)
			continue;
		lats[n] = ds->reports[i].where.lat;
		lons[n] = ds->reports[i].where.lon;
		n++;
	}
	if (n > 0) {
		qsort(lats, n, sizeof(double), compare_doubles);
		qsort(lons, n, sizeof(double), compare_doubles);
		r->has_region_point = true;
		r->region_lat = lats[n / 2];
		r->region_lon = lons[n / 2];
	}
	free(lats);
	free(lons);
	return EM_OK;
}

static bool is_region_name(const em_dataset *ds, const char *name)
{
	for (size_t i = 0; i < ds->report_count; i++)
		if (ds->reports[i].scope == EM_SCOPE_REGION &&
		    strcasecmp(ds->reports[i].location, name) == 0)
			return true;
	return false;
}

/* A flow end is a place, or a region the dataset totals ("Syrian coast").
 * A region the gazetteer knows is drawn where it says; one it does not is
 * drawn at the middle of the dataset's mapped places, with region
 * precision, rather than not at all. */
static em_status resolve_end(resolver *r, const char *name, unsigned long line,
			     const char *field, em_location *where)
{
	em_status status = geocode(r, name, "", "", where);

	if (status != EM_OK)
		return status;
	if (where->state == EM_STATE_NOT_MAPPED && is_region_name(r->dataset, name)) {
		location_clear(where, "", "");
		if (!r->has_region_point) {
			where->state = EM_STATE_NOT_MAPPED;
			snprintf(where->reason, sizeof(where->reason),
				 "a region, and no place of the dataset is mapped to draw it at");
		} else {
			where->state = EM_STATE_APPROXIMATE;
			where->lat = r->region_lat;
			where->lon = r->region_lon;
			where->precision = 3;
			where->method = "region";
			where->score = 1.0;
		}
	}
	if (strcmp(where->method, "region") != 0)
		warn_location(r, r->dataset->flows_path, line, field, name, where);
	return EM_OK;
}

em_status em_dataset_resolve(em_dataset *dataset, const em_gazetteer *gazetteer,
			     const em_geocode_options *options, em_error *err)
{
	em_geocode_options defaults;
	resolver r;
	em_status status = EM_OK;

	if (dataset == NULL || gazetteer == NULL)
		return em_error_set(err, EM_ERR_INVALID, "resolve: invalid arguments");
	if (options == NULL) {
		em_geocode_options_init(&defaults);
		options = &defaults;
	}
	memset(&r, 0, sizeof(r));
	r.dataset = dataset;
	r.gazetteer = gazetteer;
	r.options = options;
	r.err = err;
	for (size_t i = 0; i < dataset->warning_count; i++)
		free(dataset->warnings[i]);
	dataset->warning_count = 0;
	for (size_t i = 0; i < dataset->report_count && status == EM_OK; i++)
		status = resolve_report(&r, &dataset->reports[i]);
	if (status == EM_OK)
		status = find_region_point(&r);
	for (size_t i = 0; i < dataset->flow_count && status == EM_OK; i++) {
		em_flow *flow = &dataset->flows[i];
		status = resolve_end(&r, flow->origin, flow->line, "origin", &flow->from);
		if (status == EM_OK)
			status = resolve_end(&r, flow->destination, flow->line, "destination",
					     &flow->to);
	}
	free(r.cache);
	return status;
}
