/* eventmap — geocode: a reported place name and hints -> the best place,
 * with how it was matched, a score, a precision, and the alternatives.
 *
 * Matching runs in stages and stops at the first that finds a place
 * passing the hints: overrides, exact name, alternate names, the
 * normalised key (EM_TEXT_KEY), the key without generic words ("village",
 * "air base", "countryside"), then fuzzy (edit distance on the key).
 * Between several places the geocoder prefers, in order: the region of
 * interest, closeness to the dataset's other places, the better match, and
 * clearly greater importance (admin rank, population).  When none of these
 * separates them the name is ambiguous; a weak fuzzy match is unresolved
 * with suggestions.  Nothing is placed silently. */
#ifndef EVENTMAP_GEOCODE_H
#define EVENTMAP_GEOCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/error.h"
#include "eventmap/gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum em_geocode_status {
	EM_GEOCODE_RESOLVED = 0,
	EM_GEOCODE_AMBIGUOUS = 1,
	EM_GEOCODE_UNRESOLVED = 2
} em_geocode_status;

typedef enum em_geocode_method {
	EM_METHOD_NONE = 0,
	EM_METHOD_OVERRIDE,
	EM_METHOD_EXACT,
	EM_METHOD_ALTERNATE,
	EM_METHOD_NORMALIZED,
	EM_METHOD_FUZZY
} em_geocode_method;

#define EM_GEOCODE_COUNTRIES_MAX 16
#define EM_GEOCODE_CANDIDATES_MAX 8
#define EM_GEOCODE_SUGGESTIONS_MAX 5

typedef struct em_geocode_options {
	/* Country hint: ISO alpha-2 codes; places elsewhere are excluded. */
	char countries[EM_GEOCODE_COUNTRIES_MAX][3];
	size_t country_count;
	/* First-order division hint: code or name ("14", "Tartus"); NULL for none. */
	const char *admin1;
	/* Region of interest in degrees; places inside are preferred. */
	bool has_region;
	double region_west, region_south, region_east, region_north;
	/* Where the dataset's other places are; places within
	 * context_radius_km are preferred. */
	bool has_context;
	double context_lat, context_lon, context_radius_km;
	/* A fuzzy match scoring below this is never resolved. */
	double min_score;
} em_geocode_options;

typedef struct em_geocode_candidate {
	const em_place *place; /* borrowed from the gazetteer */
	em_geocode_method method;
	double score;
} em_geocode_candidate;

typedef struct em_geocode_result {
	em_geocode_status status;
	const em_place *place;     /* the place when resolved, else NULL */
	em_geocode_method method;  /* how the best candidate matched */
	double score;              /* 0..1; 0 when nothing matched */
	int precision;             /* 1 town, 2 near, 3 region; 0 when unresolved */
	/* Ambiguous: the places it could be.  Resolved: the places it was
	 * preferred over. */
	size_t candidate_count;
	em_geocode_candidate candidates[EM_GEOCODE_CANDIDATES_MAX];
	/* Unresolved: "did you mean" places, closest first. */
	size_t suggestion_count;
	em_geocode_candidate suggestions[EM_GEOCODE_SUGGESTIONS_MAX];
} em_geocode_result;

/* Defaults: no hints, the Levant (29-38.5 N, 32-43 E) as the region of
 * interest, a 150 km context radius, min_score 0.75. */
void em_geocode_options_init(em_geocode_options *options);

/* Parses "SY,LB" into options->countries.  EM_ERR_INVALID (with the
 * offending code in err) for anything but comma-separated letter pairs. */
em_status em_geocode_options_set_countries(em_geocode_options *options, const char *list,
					   em_error *err);

/* Geocodes the len bytes at name.  The outcome (resolved, ambiguous,
 * unresolved) is in *out; the return value is EM_OK unless the name itself
 * is unusable: EM_ERR_INVALID for an empty or malformed UTF-8 name,
 * EM_ERR_LIMIT for one longer than EM_TEXT_NAME_MAX bytes, and
 * EM_ERR_INVALID when the gazetteer has not been finished.  options may be
 * NULL for the defaults.  Thread-safe for a finished gazetteer. */
em_status em_geocode_name(em_geocode_result *out, const em_gazetteer *gazetteer,
			  const char *name, size_t len, const em_geocode_options *options,
			  em_error *err);

/* "resolved", "ambiguous", "unresolved". */
const char *em_geocode_status_name(em_geocode_status status);
/* "exact", "alternate", "normalized", "fuzzy", "override", or "" for none. */
const char *em_geocode_method_name(em_geocode_method method);

#ifdef __cplusplus
}
#endif

#endif
