/* eventmap — geocode: a reported place name and hints -> the best place,
 * with how it was matched, a score, a precision, the alternatives, and a
 * one-line reason.
 *
 * Matching runs in stages and stops at the first that finds a place
 * passing the hints: overrides, exact name, alternate names, the
 * normalised key (EM_TEXT_KEY), the key without descriptive words
 * ("village", "air base", "countryside"), then fuzzy (edit distance on the
 * key).  Generic words that are part of a name (Ain, Tell, Deir, Kafr...)
 * are never dropped, and a name made only of them never resolves.
 *
 * Names read together (the rows of a file, the names of one call) are one
 * context.  The places that resolve unambiguously, the hints and a point
 * given as near say where the context is; a candidate far from it is
 * placed only with an explicit country or admin1 hint.  Between several
 * places the geocoder prefers, in order: closeness to the context, the
 * better match, and clearly greater importance (admin rank, population),
 * the last only between places matched by one of their own names.  When
 * none of these separates them the name is ambiguous; a weak fuzzy match is
 * unresolved with suggestions.  Nothing is placed silently. */
#ifndef EVENTMAP_GEOCODE_H
#define EVENTMAP_GEOCODE_H

#include "eventmap/export.h"

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

/* What decided a resolved answer. */
typedef enum em_geocode_basis {
	EM_BASIS_NONE = 0,       /* not resolved */
	EM_BASIS_ONLY,           /* the only place the name and the hints allow */
	EM_BASIS_OVERRIDE,       /* a user's pin */
	EM_BASIS_CONTEXT,        /* the context: the other places, the point given, the region */
	EM_BASIS_MATCH,          /* a better match than the others */
	EM_BASIS_IMPORTANCE      /* clearly the more important of places so named */
} em_geocode_basis;

#define EM_GEOCODE_COUNTRIES_MAX 16
#define EM_GEOCODE_CANDIDATES_MAX 8
#define EM_GEOCODE_SUGGESTIONS_MAX 5
#define EM_GEOCODE_REASON_MAX 320

/* Distances that define "far from the context" (documented in the README):
 * a candidate is close within CLOSE_KM of a place of the context, and far
 * when it is more than FOREIGN_KM from every place of the context and in
 * none of their countries, or more than DOMESTIC_KM from all of them. */
#define EM_GEOCODE_CLOSE_KM 60.0
#define EM_GEOCODE_FOREIGN_KM 150.0
#define EM_GEOCODE_DOMESTIC_KM 500.0

/* A fuzzy match is never placed when the distinctive part of the name (its
 * words other than articles and generic words) has this many letters or
 * fewer. */
#define EM_GEOCODE_FUZZY_LETTERS_MIN 6

typedef struct em_geocode_context em_geocode_context;

typedef struct em_geocode_options {
	/* Country hint: ISO alpha-2 codes; places elsewhere are excluded. */
	char countries[EM_GEOCODE_COUNTRIES_MAX][3];
	size_t country_count;
	/* First-order division hint: code or name ("14", "Tartus"); NULL for none. */
	const char *admin1;
	/* Region of interest in degrees: where the names are when nothing
	 * else says (no context, no point given). */
	bool has_region;
	double region_west, region_south, region_east, region_north;
	/* A point the names are near, and the radius: places within it are
	 * close, places beyond it far. */
	bool has_near;
	double near_lat, near_lon, near_km;
	/* The other places named with this one (em_geocode_context_*), or NULL. */
	const em_geocode_context *context;
	/* A fuzzy match scoring below this is never resolved. */
	double min_score;
} em_geocode_options;

typedef struct em_geocode_candidate {
	const em_place *place; /* borrowed from the gazetteer */
	em_geocode_method method;
	double score;
	double distance_km;    /* from the context; negative when there is none */
} em_geocode_candidate;

typedef struct em_geocode_result {
	em_geocode_status status;
	const em_place *place;     /* the place when resolved, else NULL */
	em_geocode_method method;  /* how the best candidate matched */
	em_geocode_basis basis;    /* what decided it (resolved only) */
	bool far;                  /* ambiguous because every place it fits is far
				      from the context, not because of a tie */
	double score;              /* 0..1; 0 when nothing matched */
	int precision;             /* 1 town, 2 near, 3 region; 0 when unresolved */
	/* Ambiguous: the places it could be.  Resolved: the places it was
	 * preferred over.  Only the first candidate_count entries are set (and
	 * likewise for suggestions). */
	size_t candidate_count;
	em_geocode_candidate candidates[EM_GEOCODE_CANDIDATES_MAX];
	/* Unresolved: "did you mean" places, nearest the context and closest
	 * in spelling first. */
	size_t suggestion_count;
	em_geocode_candidate suggestions[EM_GEOCODE_SUGGESTIONS_MAX];
	/* One line: which stage matched, what decided, why the others were
	 * passed over ("normalized spelling of Al Ḩaffah; Haifa (IL) is 262 km
	 * from the other places of this file"). */
	char reason[EM_GEOCODE_REASON_MAX];
} em_geocode_result;

/* Defaults: no hints, the Levant (29-38.5 N, 32-43 E) as the region of
 * interest, no point, no context, min_score 0.75. */
EM_EXTERN void em_geocode_options_init(em_geocode_options *options);

/* Parses "SY,LB" into options->countries.  EM_ERR_INVALID (with the
 * offending code in err) for anything but comma-separated letter pairs. */
EM_EXTERN em_status em_geocode_options_set_countries(em_geocode_options *options, const char *list,
						     em_error *err);

/* Parses "LAT,LON" or "LAT,LON,KM" into options' point (KM defaults to
 * EM_GEOCODE_FOREIGN_KM).  EM_ERR_INVALID for anything else. */
EM_EXTERN em_status em_geocode_options_set_near(em_geocode_options *options, const char *text,
						em_error *err);

/* Geocodes the len bytes at name.  The outcome (resolved, ambiguous,
 * unresolved) is in *out; the return value is EM_OK unless the name itself
 * is unusable: EM_ERR_INVALID for an empty or malformed UTF-8 name,
 * EM_ERR_LIMIT for one longer than EM_TEXT_NAME_MAX bytes, and
 * EM_ERR_INVALID when the gazetteer has not been finished.  options may be
 * NULL for the defaults.  Thread-safe for a finished gazetteer and a
 * finished context. */
EM_EXTERN em_status em_geocode_name(em_geocode_result *out, const em_gazetteer *gazetteer,
				    const char *name, size_t len, const em_geocode_options *options,
				    em_error *err);

/* ---- Context: the names read together ---------------------------------
 *
 * Built in two steps: every name of the context is geocoded without it and
 * its answer added (only places found unambiguously count, each remembered
 * with the name that found it), points given as coordinates are added,
 * then finish.  A place far from all the others of a context that has a
 * cluster (an outlier) is left out.  The context is then passed in
 * options->context; each name is judged against the places the other
 * names found.  Memory is bounded: places are kept on a grid of about a
 * kilometre, at most EM_GEOCODE_CONTEXT_MAX cells. */
#define EM_GEOCODE_CONTEXT_MAX 16384

/* label names the context in reasons ("this file", "this list"); copied. */
EM_EXTERN em_status em_geocode_context_create(em_geocode_context **out, const char *label);
EM_EXTERN void em_geocode_context_destroy(em_geocode_context *context);

/* Adds the place of a result found without the context, if it was found
 * unambiguously (the only candidate, a hint, an override or an exact
 * match over looser ones) to town or near precision.  name is the query
 * that found it.  EM_ERR_INVALID after finish. */
EM_EXTERN em_status em_geocode_context_add_result(em_geocode_context *context, const char *name,
						  size_t len, const em_geocode_result *result);

/* Adds a point given as coordinates; country may be "" or NULL. */
EM_EXTERN em_status em_geocode_context_add_point(em_geocode_context *context, double lat,
						 double lon, const char *country);

/* Ends the adding: finds the cluster and the outliers. */
EM_EXTERN em_status em_geocode_context_finish(em_geocode_context *context);

/* Places kept (after finish: those that are not outliers). */
EM_EXTERN size_t em_geocode_context_count(const em_geocode_context *context);

/* ---- Lists: one call, one context -------------------------------------- */

typedef struct em_geocode_query {
	const char *name;          /* NUL-terminated */
	const char *admin1;        /* this name's own admin1 hint, or NULL/"" */
	const char *country;       /* this name's own country hint ("SY" or "SY,LB"), or NULL/"" */
	em_geocode_result result;  /* out */
	em_status status;          /* out: EM_OK, or why the name itself is unusable */
	char error[160];           /* out: that reason, "" when EM_OK */
} em_geocode_query;

/* Geocodes every query as one context: first each on its own (with its
 * hints on top of options), then each again judged against the places the
 * others found.  A name that is unusable (empty, malformed, too long) gets
 * its status and error and an unresolved result; the call fails only when
 * out of memory.  label as for em_geocode_context_create. */
EM_EXTERN em_status em_geocode_list(em_geocode_query *queries, size_t count,
				    const em_gazetteer *gazetteer,
				    const em_geocode_options *options, const char *label,
				    em_error *err);

/* "resolved", "ambiguous", "unresolved". */
EM_EXTERN const char *em_geocode_status_name(em_geocode_status status);
/* "exact", "alternate", "normalized", "fuzzy", "override", or "" for none. */
EM_EXTERN const char *em_geocode_method_name(em_geocode_method method);

#ifdef __cplusplus
}
#endif

#endif
