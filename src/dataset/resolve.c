/* Placing the dataset: every report and flow end gets a point, an
 * approximate point, or a reason why not.  The rows are one context: a
 * first pass geocodes each name on its own and notes where the names that
 * resolve unambiguously (and the coordinates given) are, a second places
 * every row against that.  Repeated names are geocoded once per pass (a
 * dataset of a million rows names a few hundred places), and what a
 * streamed file makes the resolver remember is bounded. */
#include "dataset_internal.h"

#include "eventmap/text.h"
#include "../util/array.h"
#include "../util/keymap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Names geocoded are remembered up to this many, then forgotten all at
 * once: a million distinct names cost the same memory as sixteen
 * thousand.  Names warned about likewise.  A kept dataset remembers every
 * name, for geocode.tsv. */
#define CACHE_MAX 16384
#define WARNED_MAX 65536
/* Names in warnings are cut to this many bytes. */
#define QUOTE_MAX 60

struct em_resolver {
	em_dataset *dataset;
	const em_gazetteer *gazetteer;
	em_geocode_options options;  /* the caller's, with the context */
	em_geocode_context *context;
	bool keep_names;             /* record every name in the dataset */
	em_keymap learned;           /* names the first pass has seen */
	em_keymap cache;             /* location \0 admin1 \0 country -> index in cached */
	em_location *cached;
	size_t cached_cap;
	em_keymap warned;            /* field \0 name: already warned about */
	em_keymap regions;           /* region-scope names, ASCII lower case */
	em_keymap points;            /* (lat, lon) of mapped rows -> rows there */
	size_t mapped_points;
	bool has_region_point;
	double region_lat, region_lon;
	em_error *err;
};

/* key = the parts joined by NULs; false when it does not fit. */
static bool make_key(char *key, size_t size, size_t *len, const char *const *parts, int count)
{
	size_t at = 0;

	for (int i = 0; i < count; i++) {
		size_t n = strlen(parts[i]);
		if (at + n + 1 > size)
			return false;
		memcpy(key + at, parts[i], n);
		at += n;
		key[at++] = '\0';
	}
	*len = at;
	return true;
}

/* The name as a warning quotes it: whole, or its first QUOTE_MAX bytes
 * (cut between characters) and how long it was. */
static void quote_name(char *out, size_t size, const char *name)
{
	size_t len = strlen(name), cut = len;

	if (len <= QUOTE_MAX) {
		snprintf(out, size, "%s", name);
		return;
	}
	cut = QUOTE_MAX;
	while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
		cut--;
	snprintf(out, size, "%.*s\xE2\x80\xA6 (%zu bytes)", (int)cut, name, len);
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

static void append_suggestions(em_location *where, const em_geocode_result *res)
{
	size_t at = strlen(where->reason);

	for (size_t i = 0; i < res->suggestion_count && at + 1 < sizeof(where->reason); i++) {
		const em_place *p = res->suggestions[i].place;
		int n = snprintf(where->reason + at, sizeof(where->reason) - at, "%s%.40s (%s)",
				 i ? ", " : "; did you mean ", p->name, p->country);
		if (n < 0)
			break;
		at += (size_t)n;
	}
}

static void location_from_result(em_location *where, const em_geocode_result *res)
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
		where->place_name_ar = res->place->name_ar ? res->place->name_ar : "";
		where->country = res->place->country;
		where->admin1 = res->place->admin1;
		snprintf(where->reason, sizeof(where->reason), "%s", res->reason);
		return;
	}
	where->state = EM_STATE_NOT_MAPPED;
	if (res->status == EM_GEOCODE_AMBIGUOUS) {
		where->why = res->far ? EM_WHY_FAR : EM_WHY_AMBIGUOUS;
		snprintf(where->reason, sizeof(where->reason), "ambiguous: %s", res->reason);
		return;
	}
	where->why = EM_WHY_UNKNOWN;
	snprintf(where->reason, sizeof(where->reason), "%s", res->reason);
	append_suggestions(where, res);
}

/* The options for one row: the caller's, with the row's own hints. */
static void row_options(const em_resolver *r, const char *admin1, const char *country,
			const em_geocode_context *context, em_geocode_options *out)
{
	*out = r->options;
	out->context = context;
	if (country[0] != '\0') {
		snprintf(out->countries[0], sizeof(out->countries[0]), "%s", country);
		out->country_count = 1;
	}
	if (admin1[0] != '\0')
		out->admin1 = admin1;
}

static em_status keep_name(em_resolver *r, const char *location, const char *admin1,
			   const char *country, const em_geocode_result *res, em_status status,
			   const char *message)
{
	em_dataset *ds = r->dataset;
	em_geocode_query *q;

	if (!EM_ARRAY_RESERVE(ds->names, ds->names_cap, ds->name_count + 1))
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	q = &ds->names[ds->name_count];
	memset(q, 0, sizeof(*q));
	q->name = em__pool_strdup(&ds->strings, location);
	q->admin1 = em__pool_strdup(&ds->strings, admin1);
	q->country = em__pool_strdup(&ds->strings, country);
	if (q->name == NULL || q->admin1 == NULL || q->country == NULL)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	q->result = *res;
	q->status = status;
	snprintf(q->error, sizeof(q->error), "%.150s", message);
	ds->name_count++;
	return EM_OK;
}

static em_status geocode(em_resolver *r, const char *location, const char *admin1,
			 const char *country, em_location *out)
{
	em_geocode_options options;
	em_geocode_result res;
	em_error name_err;
	const char *parts[3] = {location, admin1, country};
	char key[EM_TEXT_NAME_MAX + 256];
	size_t key_len;
	uint64_t *slot = NULL;
	bool added = false;
	em_status status;

	if (make_key(key, sizeof(key), &key_len, parts, 3)) {
		if (!r->keep_names && em__keymap_count(&r->cache) >= CACHE_MAX)
			em__keymap_clear(&r->cache);
		slot = em__keymap_get(&r->cache, key, key_len, true, &added);
		if (slot == NULL)
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
		if (!added) {
			*out = r->cached[*slot];
			return EM_OK;
		}
	}
	row_options(r, admin1, country, r->context, &options);
	em_error_clear(&name_err);
	status = em_geocode_name(&res, r->gazetteer, location, strlen(location), &options, &name_err);
	if (status == EM_ERR_NOMEM)
		return em_error_set(r->err, status, "%s", name_err.message);
	if (status != EM_OK) {
		/* A name that cannot be a place name is a row not mapped, with
		 * the reason, rather than a failed run. */
		memset(&res, 0, sizeof(res));
		res.status = EM_GEOCODE_UNRESOLVED;
		snprintf(res.reason, sizeof(res.reason), "%.300s", name_err.message);
	}
	location_from_result(out, &res);
	if (status != EM_OK)
		out->why = EM_WHY_UNUSABLE;
	if (r->keep_names && keep_name(r, location, admin1, country, &res, status,
				       status == EM_OK ? "" : name_err.message) != EM_OK)
		return EM_ERR_NOMEM;
	if (slot != NULL) {
		size_t index = em__keymap_count(&r->cache) - 1;
		if (!EM_ARRAY_RESERVE(r->cached, r->cached_cap, index + 1))
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
		*slot = index;
		r->cached[index] = *out;
	}
	return EM_OK;
}

/* ---- the first pass: the context ------------------------------------- */

static em_status learn_name(em_resolver *r, const char *location, const char *admin1,
			    const char *country)
{
	em_geocode_options options;
	em_geocode_result res;
	const char *parts[3] = {location, admin1, country};
	char key[EM_TEXT_NAME_MAX + 256];
	size_t key_len;
	bool added = true;

	if (make_key(key, sizeof(key), &key_len, parts, 3)) {
		if (em__keymap_count(&r->learned) >= CACHE_MAX)
			em__keymap_clear(&r->learned); /* a name seen again is added again: harmless */
		if (em__keymap_get(&r->learned, key, key_len, true, &added) == NULL)
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	}
	if (!added)
		return EM_OK;
	row_options(r, admin1, country, r->options.context, &options);
	if (em_geocode_name(&res, r->gazetteer, location, strlen(location), &options, NULL) != EM_OK)
		return EM_OK; /* an unusable name is reported by the second pass */
	if (em_geocode_context_add_result(r->context, location, strlen(location), &res) == EM_ERR_NOMEM)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	return EM_OK;
}

em_status em__resolver_learn_report(em_resolver *r, const em_report *rep)
{
	if (rep->scope == EM_SCOPE_REGION)
		return EM_OK;
	if (rep->has_coordinates) {
		if (em_geocode_context_add_point(r->context, rep->latitude, rep->longitude,
						 rep->country) == EM_ERR_NOMEM)
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
		return EM_OK;
	}
	return learn_name(r, rep->location, rep->admin1, rep->country);
}

em_status em__resolver_learn_flows(em_resolver *r)
{
	em_status status = EM_OK;

	for (size_t i = 0; i < r->dataset->flow_count && status == EM_OK; i++) {
		const em_flow *flow = &r->dataset->flows[i];
		status = learn_name(r, flow->origin, "", "");
		if (status == EM_OK)
			status = learn_name(r, flow->destination, "", "");
	}
	return status;
}

em_status em__resolver_begin(em_resolver *r)
{
	em__keymap_clear(&r->learned);
	if (em_geocode_context_finish(r->context) != EM_OK)
		return em_error_set(r->err, EM_ERR_INVALID, "resolve: the context cannot be finished");
	return EM_OK;
}

/* ---- the second pass: every row ---------------------------------------- */

static void warn_location(em_resolver *r, const char *path, unsigned long line,
			  const char *field, const char *name, const em_location *where)
{
	const char *parts[2] = {field, name};
	char key[EM_TEXT_NAME_MAX + 64], quoted[QUOTE_MAX + 48];
	size_t key_len;
	bool added = true;

	if (where->state == EM_STATE_MAPPED)
		return;
	/* One warning per name and field: the first line that uses it. */
	if (make_key(key, sizeof(key), &key_len, parts, 2)) {
		if (em__keymap_count(&r->warned) >= WARNED_MAX)
			em__keymap_clear(&r->warned);
		if (em__keymap_get(&r->warned, key, key_len, true, &added) == NULL)
			added = true; /* out of memory: warn again rather than not at all */
	}
	if (!added)
		return;
	quote_name(quoted, sizeof(quoted), name);
	if (where->state == EM_STATE_NOT_MAPPED)
		em__dataset_warn(r->dataset, "%s:%lu: %s '%s' not mapped: %s", path, line, field, quoted,
				where->reason);
	else
		em__dataset_warn(r->dataset, "%s:%lu: %s '%s' placed approximately (precision %d, %s)",
				path, line, field, quoted, where->precision,
				where->precision == 3 ? "region" : "near");
}

/* The name in ASCII lower case, as region names are compared; false when
 * it is too long to be one. */
static bool lower_name(const char *name, char *lower, size_t size, size_t *len)
{
	*len = strlen(name);
	if (*len >= size)
		return false;
	for (size_t i = 0; i < *len; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	return true;
}

/* Remembers what the flows need: region names, and where mapped rows are. */
static em_status note_report(em_resolver *r, const em_report *rep)
{
	em_dataset_tally *t = &r->dataset->tally;

	t->reports++;
	if (!em_report_has_deaths(rep))
		t->events++;
	switch (rep->where.state) {
	case EM_STATE_MAPPED: t->mapped++; break;
	case EM_STATE_APPROXIMATE: t->approximate++; break;
	default: t->not_mapped++; break;
	}
	if (rep->scope == EM_SCOPE_REGION) {
		char lower[EM_TEXT_NAME_MAX + 1];
		size_t n;

		t->regions++;
		if (!em_report_has_deaths(rep))
			t->region_events++;
		/* A name too long is too long to be a flow's end anyway. */
		if (lower_name(rep->location, lower, sizeof(lower), &n) &&
		    em__keymap_get(&r->regions, lower, n, true, NULL) == NULL)
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	}
	/* Only flows need the middle of the mapped places. */
	if (rep->where.state == EM_STATE_MAPPED && r->dataset->flow_count > 0) {
		double point[2] = {rep->where.lat, rep->where.lon};
		uint64_t *rows = em__keymap_get(&r->points, point, sizeof(point), true, NULL);
		if (rows == NULL)
			return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
		(*rows)++;
		r->mapped_points++;
	}
	return EM_OK;
}

em_status em__resolver_report(em_resolver *r, em_report *rep)
{
	em_location *where = &rep->where;
	em_status status;

	location_clear(where, rep->country, rep->admin1);
	if (rep->scope == EM_SCOPE_REGION) {
		where->state = EM_STATE_NOT_MAPPED;
		where->why = EM_WHY_REGION_TOTAL;
		snprintf(where->reason, sizeof(where->reason),
			 "region-wide total: shown in the headline, not on a town");
		return note_report(r, rep);
	}
	if (rep->has_coordinates) {
		where->lat = rep->latitude;
		where->lon = rep->longitude;
		where->precision = rep->geo_precision;
		where->state = rep->geo_precision > 1 ? EM_STATE_APPROXIMATE : EM_STATE_MAPPED;
		where->method = "given";
		where->score = 1.0;
		snprintf(where->reason, sizeof(where->reason), "coordinates given in the row");
		return note_report(r, rep);
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
	return note_report(r, rep);
}

typedef struct weighted {
	double value;
	uint64_t weight;
} weighted;

static int compare_weighted(const void *a, const void *b)
{
	double x = ((const weighted *)a)->value, y = ((const weighted *)b)->value;

	return (x > y) - (x < y);
}

/* The value at position total / 2 of the values sorted, each repeated by
 * its weight: the median of the rows, from one entry per point. */
static double weighted_median(weighted *list, size_t n, uint64_t total)
{
	uint64_t seen = 0;

	qsort(list, n, sizeof(*list), compare_weighted);
	for (size_t i = 0; i < n; i++) {
		seen += list[i].weight;
		if (seen > total / 2)
			return list[i].value;
	}
	return list[n - 1].value;
}

/* The middle of the rows mapped to town precision: where a region
 * ("Syrian coast") is drawn when a flow starts from it. */
static em_status find_region_point(em_resolver *r)
{
	size_t n = em__keymap_count(&r->points);
	weighted *lats, *lons;

	if (n == 0)
		return EM_OK;
	lats = malloc(n * sizeof(*lats));
	lons = malloc(n * sizeof(*lons));
	if (lats == NULL || lons == NULL) {
		free(lats);
		free(lons);
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;
		double point[2];
		memcpy(point, em__keymap_key(&r->points, i, &len), sizeof(point));
		lats[i].value = point[0];
		lons[i].value = point[1];
		lats[i].weight = lons[i].weight = r->points.entries[i].value;
	}
	r->has_region_point = true;
	r->region_lat = weighted_median(lats, n, r->mapped_points);
	r->region_lon = weighted_median(lons, n, r->mapped_points);
	free(lats);
	free(lons);
	return EM_OK;
}

static bool is_region_name(const em_resolver *r, const char *name)
{
	char lower[EM_TEXT_NAME_MAX + 1];
	size_t n;

	return lower_name(name, lower, sizeof(lower), &n) &&
	       em__keymap_value(&r->regions, lower, n) != NULL;
}

/* A flow end is a place, or a region the dataset totals ("Syrian coast").
 * A region the gazetteer knows is drawn where it says; one it does not is
 * drawn at the middle of the dataset's mapped places, with region
 * precision, rather than not at all. */
static em_status resolve_end(em_resolver *r, const char *name, unsigned long line,
			     const char *field, em_location *where)
{
	em_status status = geocode(r, name, "", "", where);

	if (status != EM_OK)
		return status;
	if (where->state == EM_STATE_NOT_MAPPED && is_region_name(r, name)) {
		location_clear(where, "", "");
		if (!r->has_region_point) {
			where->state = EM_STATE_NOT_MAPPED;
			where->why = EM_WHY_NO_REGION_POINT;
			snprintf(where->reason, sizeof(where->reason),
				 "a region, and no place of the dataset is mapped to draw it at");
		} else {
			where->state = EM_STATE_APPROXIMATE;
			where->lat = r->region_lat;
			where->lon = r->region_lon;
			where->precision = 3;
			where->method = "region";
			where->score = 1.0;
			snprintf(where->reason, sizeof(where->reason),
				 "a region of the dataset, drawn at the middle of its mapped places");
		}
	}
	if (strcmp(where->method, "region") != 0)
		warn_location(r, r->dataset->flows_path, line, field, name, where);
	return EM_OK;
}

em_status em__resolver_create(em_resolver **out, em_dataset *dataset,
			     const em_gazetteer *gazetteer, const em_geocode_options *options,
			     em_error *err)
{
	em_resolver *r;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (r == NULL || em_geocode_context_create(&r->context, "this file") != EM_OK) {
		free(r);
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	}
	if (options != NULL)
		r->options = *options;
	else
		em_geocode_options_init(&r->options);
	r->dataset = dataset;
	r->gazetteer = gazetteer;
	r->keep_names = !dataset->streamed;
	r->err = err;
	*out = r;
	return EM_OK;
}

em_status em__resolver_flows(em_resolver *r)
{
	em_dataset *dataset = r->dataset;
	em_status status = find_region_point(r);

	for (size_t i = 0; i < dataset->flow_count && status == EM_OK; i++) {
		em_flow *flow = &dataset->flows[i];
		status = resolve_end(r, flow->origin, flow->line, "origin", &flow->from);
		if (status == EM_OK)
			status = resolve_end(r, flow->destination, flow->line, "destination",
					     &flow->to);
	}
	return status;
}

void em__resolver_destroy(em_resolver *r)
{
	if (r == NULL)
		return;
	em_geocode_context_destroy(r->context);
	em__keymap_clear(&r->learned);
	em__keymap_clear(&r->cache);
	em__keymap_clear(&r->warned);
	em__keymap_clear(&r->regions);
	em__keymap_clear(&r->points);
	free(r->cached);
	free(r);
}

em_status em_dataset_resolve(em_dataset *dataset, const em_gazetteer *gazetteer,
			     const em_geocode_options *options, em_error *err)
{
	em_resolver *r;
	em_status status;

	if (dataset == NULL || gazetteer == NULL)
		return em_error_set(err, EM_ERR_INVALID, "resolve: invalid arguments");
	if (dataset->streamed)
		return em_error_set(err, EM_ERR_INVALID,
				    "resolve: the reports were streamed and are placed already");
	status = em__resolver_create(&r, dataset, gazetteer, options, err);
	if (status != EM_OK)
		return status;
	em__dataset_reset_tally(dataset);
	for (size_t i = 0; i < dataset->report_count && status == EM_OK; i++)
		status = em__resolver_learn_report(r, &dataset->reports[i]);
	if (status == EM_OK)
		status = em__resolver_learn_flows(r);
	if (status == EM_OK)
		status = em__resolver_begin(r);
	for (size_t i = 0; i < dataset->report_count && status == EM_OK; i++)
		status = em__resolver_report(r, &dataset->reports[i]);
	if (status == EM_OK)
		status = em__resolver_flows(r);
	em__resolver_destroy(r);
	return status;
}
