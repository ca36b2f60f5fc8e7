/* The context of names read together: where the places found
 * unambiguously are.  A candidate is judged by its distance to the nearest
 * of them (close, near or far), never by a centre that a spread-out
 * dataset would not have.  Places far from every other (outliers of a
 * context that has a cluster) are left out, so one wrong unique match
 * cannot drag the context with it. */
#include "geocode_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/array.h"
#include "../util/keymap.h"

/* Places closer than this share a cell: a kilometre or two. */
#define CELL_DEGREES 0.02
#define KM_PER_DEGREE 111.195
/* Up to this many places a candidate is judged against each in turn. */
#define SMALL_CONTEXT 64

typedef struct anchor {
	double lat, lon;
	double cos_lat;  /* for the flat-earth distance of the scan */
	char country[4];
	uint64_t name;   /* hash of the name that found it; 0 for a given point */
	bool several;    /* found by more than one name */
	bool core;       /* near another place of the context */
} anchor;

struct em_geocode_context {
	char label[64];
	anchor *anchors;   /* sorted by latitude after finish */
	size_t count, cap;
	em_keymap cells;   /* cell -> index + 1 */
	bool finished;
	bool has_core;     /* some anchors are near others: outliers are dropped */
	/* The names that found the usable places: two or more, or one
	 * found by several names, and every query has a context. */
	uint64_t only_name; /* the one name, when there is one */
	int names;          /* 0, 1 or 2 (two or more) */
};

uint64_t em__name_hash(const char *folded, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)folded[i];
		h *= 1099511628211ULL;
	}
	return h ? h : 1; /* 0 is reserved for points given as coordinates */
}

double em__distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371.0088, rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double a = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);

	return 2.0 * r * asin(sqrt(a < 1.0 ? a : 1.0));
}

em_status em_geocode_context_create(em_geocode_context **out, const char *label)
{
	if (out == NULL)
		return EM_ERR_INVALID;
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return EM_ERR_NOMEM;
	snprintf((*out)->label, sizeof((*out)->label), "%s", label ? label : "the other names");
	return EM_OK;
}

void em_geocode_context_destroy(em_geocode_context *context)
{
	if (context == NULL)
		return;
	em__keymap_clear(&context->cells);
	free(context->anchors);
	free(context);
}

static em_status add_anchor(em_geocode_context *c, double lat, double lon, const char *country,
			    uint64_t name)
{
	int32_t cell[2] = {(int32_t)floor(lat / CELL_DEGREES), (int32_t)floor(lon / CELL_DEGREES)};
	bool added = false;
	uint64_t *slot;
	anchor *a;

	if (c->finished)
		return EM_ERR_INVALID;
	if (!isfinite(lat) || !isfinite(lon))
		return EM_OK;
	if (em__keymap_count(&c->cells) >= EM_GEOCODE_CONTEXT_MAX) {
		/* Bounded: a context this large has its area already. */
		slot = em__keymap_get(&c->cells, cell, sizeof(cell), false, NULL);
		if (slot == NULL)
			return EM_OK;
	} else {
		slot = em__keymap_get(&c->cells, cell, sizeof(cell), true, &added);
		if (slot == NULL)
			return EM_ERR_NOMEM;
	}
	if (!added) {
		a = &c->anchors[*slot - 1];
		if (a->name != name)
			a->several = true;
		return EM_OK;
	}
	if (!EM_ARRAY_RESERVE(c->anchors, c->cap, c->count + 1))
		return EM_ERR_NOMEM;
	a = &c->anchors[c->count++];
	memset(a, 0, sizeof(*a));
	a->lat = lat;
	a->lon = lon;
	a->cos_lat = cos(lat * M_PI / 180.0);
	snprintf(a->country, sizeof(a->country), "%s", country ? country : "");
	a->name = name;
	*slot = c->count;
	return EM_OK;
}

em_status em_geocode_context_add_point(em_geocode_context *context, double lat, double lon,
				       const char *country)
{
	if (context == NULL)
		return EM_ERR_INVALID;
	return add_anchor(context, lat, lon, country, 0);
}

em_status em_geocode_context_add_result(em_geocode_context *context, const char *name,
					size_t len, const em_geocode_result *result)
{
	char folded[FOLD_BUFFER];
	size_t folded_len;
	const em_place *place;

	if (context == NULL || result == NULL || context->finished)
		return EM_ERR_INVALID;
	place = result->place;
	if (result->status == EM_GEOCODE_AMBIGUOUS && result->far && result->candidate_count == 1 &&
	    result->candidates[0].method != EM_METHOD_FUZZY) {
		/* The only place of that name, held back for being far from
		 * where the names were thought to be: still where this name
		 * is, and the context may be there. */
		place = result->candidates[0].place;
	} else {
		if (result->status != EM_GEOCODE_RESOLVED || place == NULL ||
		    result->method == EM_METHOD_FUZZY)
			return EM_OK;
		switch (result->basis) {
		case EM_BASIS_ONLY: case EM_BASIS_OVERRIDE: break;
		case EM_BASIS_MATCH:
			/* An exact name over looser spellings of others is found. */
			if (result->method == EM_METHOD_EXACT || result->method == EM_METHOD_ALTERNATE)
				break;
			return EM_OK;
		default: return EM_OK; /* chosen by a preference, not found */
		}
	}
	if (place->precision > 2)
		return EM_OK;
	if (em_text_fold(folded, sizeof(folded), &folded_len, name, len, EM_TEXT_FOLDED) != EM_OK)
		return EM_OK;
	return add_anchor(context, place->lat, place->lon, place->country,
			  em__name_hash(folded, folded_len));
}

static int compare_latitude(const void *a, const void *b)
{
	const anchor *x = a, *y = b;

	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	return (x->lon > y->lon) - (x->lon < y->lon);
}

/* Near by the rule of the header: within FOREIGN_KM, or within
 * DOMESTIC_KM in the same country. */
static bool near_rule(double km, bool same_country)
{
	return km <= EM_GEOCODE_FOREIGN_KM || (same_country && km <= EM_GEOCODE_DOMESTIC_KM);
}

/* Index of the first anchor at or north of lat. */
static size_t lower_bound(const em_geocode_context *c, double lat)
{
	size_t lo = 0, hi = c->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->anchors[mid].lat < lat)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* An anchor judges a name unless it is an outlier, or the name's own find
 * (a name is not its own context, unless others found the place too). */
static bool usable(const em_geocode_context *c, const anchor *a, uint64_t name)
{
	if (c->has_core && !a->core)
		return false;
	return name == 0 || a->name != name || a->several;
}

/* Calls visit on every usable anchor within max_km in latitude of lat,
 * nearest latitudes first; stops when visit returns false. */
typedef bool (*visit_fn)(void *state, const anchor *a);

static void scan(const em_geocode_context *c, double lat, double max_km, uint64_t name,
		 bool outliers_too, visit_fn visit, void *state)
{
	size_t start = lower_bound(c, lat);
	size_t down = start, up = start;
	double max_deg = max_km / KM_PER_DEGREE;
	bool go_down = true, go_up = true;

	while (go_down || go_up) {
		for (int side = 0; side < 2; side++) {
			const anchor *a;
			if (side == 0 && go_up) {
				if (up >= c->count || c->anchors[up].lat - lat > max_deg) {
					go_up = false;
					continue;
				}
				a = &c->anchors[up++];
			} else if (side == 1 && go_down) {
				if (down == 0 || lat - c->anchors[down - 1].lat > max_deg) {
					go_down = false;
					continue;
				}
				a = &c->anchors[--down];
			} else {
				continue;
			}
			if (!outliers_too && !usable(c, a, name))
				continue;
			if (!visit(state, a))
				return;
		}
	}
}

typedef struct judge_state {
	double lat, lon;
	const char *country;
	double nearest_km;
	const anchor *nearest;
	bool near;
} judge_state;

/* The distance on a plane tangent at the anchor: within half a percent of
 * the great circle up to 500 km at these latitudes, without
 * trigonometry, which the scan of every candidate cannot afford. */
static double flat_km(double lat, double lon, const anchor *a)
{
	double dy = (lat - a->lat) * KM_PER_DEGREE;
	double dx = (lon - a->lon) * KM_PER_DEGREE * a->cos_lat;

	return sqrt(dx * dx + dy * dy);
}

static bool judge_visit(void *state, const anchor *a)
{
	judge_state *j = state;
	double km = flat_km(j->lat, j->lon, a);
	bool same = j->country[0] != '\0' && j->country[0] == a->country[0] &&
		    j->country[1] == a->country[1] && j->country[2] == a->country[2];

	if (km < j->nearest_km) {
		j->nearest_km = km;
		j->nearest = a;
	}
	if (near_rule(km, same))
		j->near = true;
	return j->nearest_km > EM_GEOCODE_CLOSE_KM; /* close: nothing more to learn */
}

typedef struct core_state {
	const anchor *self;
	bool found;
} core_state;

static bool core_visit(void *state, const anchor *a)
{
	core_state *s = state;
	const anchor *self = s->self;
	bool same;

	if (a == self || (a->name == self->name && !a->several && !self->several && a->name != 0))
		return true;
	same = self->country[0] != '\0' && strcmp(self->country, a->country) == 0;
	if (near_rule(flat_km(self->lat, self->lon, a), same))
		s->found = true;
	return !s->found;
}

em_status em_geocode_context_finish(em_geocode_context *context)
{
	if (context == NULL)
		return EM_ERR_INVALID;
	if (context->finished)
		return EM_OK;
	if (context->count > 1)
		qsort(context->anchors, context->count, sizeof(*context->anchors),
		      compare_latitude);
	/* The cells map indexes the unsorted array: it is done with. */
	em__keymap_clear(&context->cells);
	context->has_core = false;
	for (size_t i = 0; i < context->count; i++) {
		anchor *a = &context->anchors[i];
		core_state s = {a, a->several};

		if (!s.found)
			scan(context, a->lat, EM_GEOCODE_DOMESTIC_KM, 0, true, core_visit, &s);
		a->core = s.found;
		context->has_core |= s.found;
	}
	for (size_t i = 0; i < context->count && context->names < 2; i++) {
		const anchor *a = &context->anchors[i];
		if (context->has_core && !a->core)
			continue;
		if (a->several || a->name == 0 || (context->names == 1 && a->name != context->only_name))
			context->names = 2;
		else if (context->names == 0) {
			context->names = 1;
			context->only_name = a->name;
		}
	}
	context->finished = true;
	return EM_OK;
}

size_t em_geocode_context_count(const em_geocode_context *context)
{
	size_t n = 0;

	if (context == NULL)
		return 0;
	for (size_t i = 0; i < context->count; i++)
		n += (!context->has_core || context->anchors[i].core);
	return n;
}

const char *em__context_label(const em_geocode_context *context)
{
	return context ? context->label : "the other names";
}

bool em__context_usable(const em_geocode_context *context, uint64_t name_hash)
{
	if (context == NULL || !context->finished)
		return false;
	return context->names == 2 || (context->names == 1 && context->only_name != name_hash);
}

static bool in_region(const em_geocode_options *opt, const em_place *p)
{
	return p->lat >= opt->region_south && p->lat <= opt->region_north &&
	       p->lon >= opt->region_west && p->lon <= opt->region_east;
}

em__nearness em__context_judge(const em_geocode_options *opt, uint64_t name_hash,
			       bool have_context, const em_place *place)
{
	em__nearness n = {TIER_NEAR, -1.0, NEAR_NOTHING};
	const em_geocode_context *c = opt->context;

	if (opt->has_near) {
		double km = em__distance_km(place->lat, place->lon, opt->near_lat, opt->near_lon);
		n.km = km;
		n.against = NEAR_POINT;
		n.tier = km <= opt->near_km ? TIER_CLOSE : TIER_FAR;
		if (n.tier == TIER_CLOSE || !have_context)
			return n;
	}
	if (have_context) {
		judge_state j = {place->lat, place->lon, place->country, INFINITY, NULL, false};

		if (c->count <= SMALL_CONTEXT) {
			/* A few places: each once, no search. */
			for (size_t i = 0; i < c->count; i++)
				if (usable(c, &c->anchors[i], name_hash) && !judge_visit(&j, &c->anchors[i]))
					break;
		} else {
			scan(c, place->lat, EM_GEOCODE_DOMESTIC_KM, name_hash, false, judge_visit, &j);
			if (j.nearest_km > EM_GEOCODE_DOMESTIC_KM)
				/* Nothing within reach: the nearest at all, for the reason. */
				scan(c, place->lat, 1e9, name_hash, false, judge_visit, &j);
		}
		n.against = NEAR_CONTEXT;
		/* The flat distance decided; the reason gives the true one. */
		n.km = j.nearest == NULL ? j.nearest_km
					 : em__distance_km(place->lat, place->lon, j.nearest->lat,
							   j.nearest->lon);
		n.tier = j.nearest_km <= EM_GEOCODE_CLOSE_KM ? TIER_CLOSE
			 : j.near ? TIER_NEAR : TIER_FAR;
		/* Places that are each far from all the others make no
		 * cluster: which are outliers is unknown, and the region of
		 * interest still says where the names are. */
		if (!c->has_core && opt->has_region && n.tier == TIER_FAR && in_region(opt, place)) {
			n.against = NEAR_REGION;
			n.tier = TIER_NEAR;
		}
		return n;
	}
	if (opt->has_region) {
		n.against = NEAR_REGION;
		n.tier = in_region(opt, place) ? TIER_NEAR : TIER_FAR;
	}
	return n;
}
