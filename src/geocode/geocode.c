/* The geocoder's decisions: which stage matched, which hints exclude a
 * place, and when one place is clearly preferable to another.  The rule
 * throughout is that a wrong placement is worse than none: when nothing
 * separates two places the answer is "ambiguous", and a weak fuzzy match is
 * "unresolved" with suggestions. */
#include "eventmap/geocode.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/text.h"

#define HITS_MAX 64
#define FOLD_BUFFER (EM_TEXT_NAME_MAX * 4 + 1)
#define SAME_PLACE_KM 1.0
#define IMPORTANCE_MARGIN 1.0

typedef struct candidate {
	uint32_t place;
	em_geocode_method method;
	double score;
	bool in_region;
	bool near_context;
	bool curated;
	double importance;
} candidate;

typedef struct search {
	const em_gazetteer *gz;
	const em_geocode_options *opt;
	candidate found[HITS_MAX];
	size_t count;
	candidate excluded[EM_GEOCODE_SUGGESTIONS_MAX]; /* matched, but not in the hinted area */
	size_t excluded_count;
	int precision_floor;
} search;

/* How much a place can be presumed to be the one meant, other things
 * equal: its administrative rank and the order of magnitude of its
 * population. */
static double importance(const em_place *p)
{
	static const struct {
		const char *code;
		double bonus;
	} ranks[] = {{"PPLC", 3.0}, {"PPLA", 2.0}, {"ADM1", 2.0}, {"PPLA2", 1.5},
		     {"PPLA3", 1.0}, {"PPLA4", 0.5}, {"ADM2", 1.0}};
	double bonus = 0.0;

	for (size_t i = 0; i < sizeof(ranks) / sizeof(ranks[0]); i++)
		if (strcmp(p->feature_code, ranks[i].code) == 0)
			bonus = ranks[i].bonus;
	return bonus + log10(1.0 + (double)p->population);
}

static double distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371.0088, rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double a = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);

	return 2.0 * r * asin(sqrt(a < 1.0 ? a : 1.0));
}

void em_geocode_options_init(em_geocode_options *options)
{
	memset(options, 0, sizeof(*options));
	options->has_region = true;
	options->region_west = 32.0;
	options->region_south = 29.0;
	options->region_east = 43.0;
	options->region_north = 38.5;
	options->context_radius_km = 150.0;
	options->min_score = 0.75;
}

em_status em_geocode_options_set_countries(em_geocode_options *options, const char *list,
					   em_error *err)
{
	const char *p = list;

	options->country_count = 0;
	while (p != NULL && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		while (len > 0 && isspace((unsigned char)*p)) {
			p++;
			len--;
		}
		while (len > 0 && isspace((unsigned char)p[len - 1]))
			len--;
		if (len != 2 || !isalpha((unsigned char)p[0]) || !isalpha((unsigned char)p[1]))
			return em_error_set(err, EM_ERR_INVALID,
					    "country '%.*s' is not a two-letter ISO 3166 code "
					    "(for example SY or LB)",
					    (int)(len > 40 ? 40 : len), p);
		if (options->country_count == EM_GEOCODE_COUNTRIES_MAX)
			return em_error_set(err, EM_ERR_LIMIT, "more than %d countries given",
					    EM_GEOCODE_COUNTRIES_MAX);
		options->countries[options->country_count][0] = (char)toupper((unsigned char)p[0]);
		options->countries[options->country_count][1] = (char)toupper((unsigned char)p[1]);
		options->countries[options->country_count][2] = '\0';
		options->country_count++;
		p = end ? end + 1 : NULL;
	}
	return EM_OK;
}

const char *em_geocode_status_name(em_geocode_status status)
{
	switch (status) {
	case EM_GEOCODE_RESOLVED: return "resolved";
	case EM_GEOCODE_AMBIGUOUS: return "ambiguous";
	case EM_GEOCODE_UNRESOLVED: return "unresolved";
	}
	return "unresolved";
}

const char *em_geocode_method_name(em_geocode_method method)
{
	switch (method) {
	case EM_METHOD_OVERRIDE: return "override";
	case EM_METHOD_EXACT: return "exact";
	case EM_METHOD_ALTERNATE: return "alternate";
	case EM_METHOD_NORMALIZED: return "normalized";
	case EM_METHOD_FUZZY: return "fuzzy";
	case EM_METHOD_NONE: break;
	}
	return "";
}

static bool passes_hints(const search *s, const em_place *p)
{
	const em_geocode_options *opt = s->opt;

	if (opt->country_count > 0) {
		bool ok = false;
		for (size_t i = 0; i < opt->country_count && !ok; i++)
			ok = strcmp(p->country, opt->countries[i]) == 0;
		if (!ok)
			return false;
	}
	if (opt->admin1 != NULL && opt->admin1[0] != '\0')
		return em_gazetteer_admin1_matches(s->gz, p->country, p->admin1, opt->admin1);
	return true;
}

static double fuzzy_score(int distance, size_t key_len)
{
	double len = key_len > 0 ? (double)key_len : 1.0;
	double score = 0.85 * (1.0 - (double)distance / len);

	return score > 0.0 ? score : 0.0;
}

static void remember_excluded(search *s, const candidate *c)
{
	for (size_t i = 0; i < s->excluded_count; i++)
		if (s->excluded[i].place == c->place)
			return;
	if (s->excluded_count < EM_GEOCODE_SUGGESTIONS_MAX)
		s->excluded[s->excluded_count++] = *c;
}

/* Turns a stage's hits into candidates, keeping those the hints allow. */
static void add_hits(search *s, const em_name_hit *hits, size_t n, em_geocode_method stage,
		     size_t key_len)
{
	const em_geocode_options *opt = s->opt;

	for (size_t i = 0; i < n && s->count < HITS_MAX; i++) {
		const em_place *p = em_gazetteer_place(s->gz, hits[i].place);
		candidate c = {0};

		c.place = hits[i].place;
		c.method = stage;
		if (stage == EM_METHOD_EXACT && hits[i].kind == EM_NAME_ALTERNATE)
			c.method = EM_METHOD_ALTERNATE;
		if (p->role == EM_GAZETTEER_OVERRIDES && stage != EM_METHOD_FUZZY)
			c.method = EM_METHOD_OVERRIDE;
		switch (c.method) {
		case EM_METHOD_OVERRIDE: case EM_METHOD_EXACT: c.score = 1.0; break;
		case EM_METHOD_ALTERNATE: c.score = 0.95; break;
		case EM_METHOD_NORMALIZED: c.score = 0.85; break;
		default: c.score = fuzzy_score(hits[i].distance, key_len); break;
		}
		c.in_region = !opt->has_region ||
			      (p->lat >= opt->region_south && p->lat <= opt->region_north &&
			       p->lon >= opt->region_west && p->lon <= opt->region_east);
		c.near_context = opt->has_context &&
				 distance_km(p->lat, p->lon, opt->context_lat, opt->context_lon) <=
					 opt->context_radius_km;
		c.importance = 0.0; /* computed in decide() when there is a choice */
		c.curated = strcmp(p->source, "GeoNames") != 0;
		if (passes_hints(s, p))
			s->found[s->count++] = c;
		else
			remember_excluded(s, &c);
	}
}

/* A place's primary name and its alternate names are equally its names:
 * which one GeoNames lists first says nothing about which place a
 * reporter meant.  Normalised and fuzzy matches are weaker. */
static double match_quality(const candidate *c)
{
	return c->method == EM_METHOD_ALTERNATE ? 1.0 : c->score;
}

/* 0 when nothing separates a and b; otherwise the rank of the criterion
 * that does (1 region, 2 context, 3 match quality, 4 importance), negative
 * when b is the better one. */
static int deciding_criterion(const candidate *a, const candidate *b)
{
	double qa = match_quality(a), qb = match_quality(b);

	if (a->in_region != b->in_region)
		return a->in_region ? 1 : -1;
	if (a->near_context != b->near_context)
		return a->near_context ? 2 : -2;
	if (fabs(qa - qb) > 1e-9)
		return qa > qb ? 3 : -3;
	if (fabs(a->importance - b->importance) >= IMPORTANCE_MARGIN)
		return a->importance > b->importance ? 4 : -4;
	return 0;
}

static int compare_candidates(const void *x, const void *y)
{
	const candidate *a = x, *b = y;
	int d = deciding_criterion(a, b);

	if (d != 0)
		return d > 0 ? -1 : 1;
	/* Among equals the closer spelling leads, so that of two entries for
	 * one place (a governorate and its seat) the one named so is kept. */
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	/* Then the curated supplement, which exists to mend the extract. */
	if (a->curated != b->curated)
		return a->curated ? -1 : 1;
	if (a->importance != b->importance)
		return a->importance > b->importance ? -1 : 1;
	return a->place < b->place ? -1 : a->place > b->place;
}

/* The same place twice (a country dump loaded over the default extract,
 * a governorate and its seat) is one answer, not an ambiguity. */
static bool same_place(const em_gazetteer *gz, const candidate *a, const candidate *b)
{
	const em_place *p = em_gazetteer_place(gz, a->place);
	const em_place *q = em_gazetteer_place(gz, b->place);

	if (strcmp(p->id, q->id) == 0 && strcmp(p->source, q->source) == 0)
		return true;
	/* A hundredth of a degree is more than a kilometre: most pairs are
	 * told apart without trigonometry. */
	if (fabs(p->lat - q->lat) > 0.01 || fabs(p->lon - q->lon) > 0.02)
		return false;
	return strcmp(p->country, q->country) == 0 &&
	       distance_km(p->lat, p->lon, q->lat, q->lon) < SAME_PLACE_KM;
}

static void dedupe(search *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->count; i++) {
		bool duplicate = false;
		for (size_t k = 0; k < kept && !duplicate; k++)
			duplicate = same_place(s->gz, &s->found[k], &s->found[i]);
		if (!duplicate)
			s->found[kept++] = s->found[i];
	}
	s->count = kept;
}

static void keep_only_overrides(search *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->count; i++)
		if (s->found[i].method == EM_METHOD_OVERRIDE)
			s->found[kept++] = s->found[i];
	if (kept > 0)
		s->count = kept;
}

static em_geocode_candidate public_candidate(const search *s, const candidate *c)
{
	em_geocode_candidate out;

	out.place = em_gazetteer_place(s->gz, c->place);
	out.method = c->method;
	out.score = c->score;
	return out;
}

static void suggest(em_geocode_result *out, const search *s, const candidate *list, size_t n)
{
	for (size_t i = 0; i < n && out->suggestion_count < EM_GEOCODE_SUGGESTIONS_MAX; i++) {
		bool seen = false;
		for (size_t k = 0; k < out->suggestion_count && !seen; k++)
			seen = out->suggestions[k].place == em_gazetteer_place(s->gz, list[i].place);
		if (!seen)
			out->suggestions[out->suggestion_count++] = public_candidate(s, &list[i]);
	}
}

static void decide(em_geocode_result *out, search *s)
{
	const candidate *best;
	int criterion = 0;

	if (s->count > 1)
		for (size_t i = 0; i < s->count; i++)
			s->found[i].importance = importance(em_gazetteer_place(s->gz, s->found[i].place));
	qsort(s->found, s->count, sizeof(s->found[0]), compare_candidates);
	dedupe(s);
	best = &s->found[0];
	if (s->count > 1)
		criterion = deciding_criterion(&s->found[0], &s->found[1]);
	out->method = best->method;
	out->score = best->score;
	if (best->method == EM_METHOD_FUZZY && best->score < s->opt->min_score) {
		/* Too weak to place: these are only suggestions. */
		out->status = EM_GEOCODE_UNRESOLVED;
		out->method = EM_METHOD_NONE;
		out->score = 0.0;
		suggest(out, s, s->found, s->count);
		return;
	}
	if (s->count > 1 && criterion == 0) {
		out->status = EM_GEOCODE_AMBIGUOUS;
		for (size_t i = 0; i < s->count && out->candidate_count < EM_GEOCODE_CANDIDATES_MAX; i++)
			if (deciding_criterion(best, &s->found[i]) == 0)
				out->candidates[out->candidate_count++] = public_candidate(s, &s->found[i]);
		return;
	}
	out->status = EM_GEOCODE_RESOLVED;
	out->place = em_gazetteer_place(s->gz, best->place);
	out->precision = out->place->precision;
	if (s->precision_floor > out->precision)
		out->precision = s->precision_floor;
	/* A choice made by a default rather than a hint or a better match
	 * lowers the confidence a little. */
	if (criterion == 1 || criterion == 2)
		out->score *= 0.95;
	else if (criterion == 4)
		out->score *= 0.9;
	for (size_t i = 1; i < s->count && out->candidate_count < EM_GEOCODE_CANDIDATES_MAX; i++)
		out->candidates[out->candidate_count++] = public_candidate(s, &s->found[i]);
}

/* Words that describe a place rather than name it, and the precision a
 * match found only by dropping them can claim at best.  Their keys are
 * folded once, not per query. */
static const struct {
	const char *word;
	int precision;
} generic_words[] = {
	{"of", 0}, {"the", 0}, {"in", 0},
	{"village", 1}, {"town", 1}, {"city", 1}, {"base", 1}, {"airbase", 1},
	{"air", 1}, {"airport", 1}, {"military", 1}, {"camp", 1}, {"port", 1},
	{"neighbourhood", 1}, {"neighborhood", 1}, {"quarter", 1},
	{"area", 2}, {"outskirts", 2}, {"near", 2}, {"around", 2}, {"vicinity", 2},
	{"countryside", 3}, {"rural", 3}, {"province", 3}, {"governorate", 3},
	{"region", 3}, {"coast", 3},
	{"\xd9\x82\xd8\xb1\xd9\x8a\xd8\xa9", 1},         /* village */
	{"\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9", 1}, /* city */
	{"\xd9\x85\xd8\xb7\xd8\xa7\xd8\xb1", 1},         /* airport */
	{"\xd9\x82\xd8\xa7\xd8\xb9\xd8\xaf\xd8\xa9", 1}, /* base */
	{"\xd8\xb1\xd9\x8a\xd9\x81", 3},                 /* countryside */
	{"\xd9\x85\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8\xd8\xa9", 3}, /* governorate */
};
#define GENERIC_COUNT (sizeof(generic_words) / sizeof(generic_words[0]))

static char generic_keys[GENERIC_COUNT][32];
static size_t generic_key_lengths[GENERIC_COUNT];
static pthread_once_t generic_once = PTHREAD_ONCE_INIT;

static void fold_generic_words(void)
{
	for (size_t i = 0; i < GENERIC_COUNT; i++)
		if (em_text_fold(generic_keys[i], sizeof(generic_keys[i]), &generic_key_lengths[i],
				 generic_words[i].word, strlen(generic_words[i].word),
				 EM_TEXT_KEY) != EM_OK)
			generic_key_lengths[i] = 0;
}

static size_t strip_generic_words(char *out, const char *key, size_t len, int *floor)
{
	size_t n = 0, read = 0;

	pthread_once(&generic_once, fold_generic_words);
	*floor = 0;
	while (read < len) {
		const char *space = memchr(key + read, ' ', len - read);
		size_t wl = space ? (size_t)(space - (key + read)) : len - read;
		bool drop = false;

		for (size_t i = 0; i < GENERIC_COUNT && !drop; i++) {
			if (generic_key_lengths[i] != wl || memcmp(generic_keys[i], key + read, wl) != 0)
				continue;
			drop = true;
			if (generic_words[i].precision > *floor)
				*floor = generic_words[i].precision;
		}
		if (!drop) {
			if (n > 0)
				out[n++] = ' ';
			memcpy(out + n, key + read, wl);
			n += wl;
		}
		read += wl + 1;
	}
	out[n] = '\0';
	return n;
}

static int fuzzy_distance_for(size_t key_len)
{
	if (key_len <= 3)
		return 0;
	return key_len <= 5 ? 1 : EM_GAZETTEER_FUZZY_MAX;
}

static void run_stage(search *s, const char *text, size_t len, em_geocode_method stage)
{
	em_name_hit hits[HITS_MAX];
	size_t n = 0;

	if (len == 0)
		return;
	if (stage == EM_METHOD_EXACT)
		n = em_gazetteer_find_folded(s->gz, text, len, hits, HITS_MAX);
	else if (stage == EM_METHOD_NORMALIZED)
		n = em_gazetteer_find_key(s->gz, text, len, hits, HITS_MAX);
	else {
		int max_distance = fuzzy_distance_for(len);
		if (max_distance > 0)
			n = em_gazetteer_find_fuzzy(s->gz, text, len, max_distance, hits, HITS_MAX);
	}
	add_hits(s, hits, n < HITS_MAX ? n : HITS_MAX, stage, len);
	keep_only_overrides(s);
}

em_status em_geocode_name(em_geocode_result *out, const em_gazetteer *gazetteer,
			  const char *name, size_t len, const em_geocode_options *options,
			  em_error *err)
{
	em_geocode_options defaults;
	char folded[FOLD_BUFFER], key[FOLD_BUFFER], stripped[FOLD_BUFFER];
	size_t folded_len = 0, key_len = 0, stripped_len = 0;
	search s;
	em_status status;

	if (out == NULL || gazetteer == NULL || (name == NULL && len > 0))
		return em_error_set(err, EM_ERR_INVALID, "geocode: invalid arguments");
	memset(out, 0, sizeof(*out));
	out->status = EM_GEOCODE_UNRESOLVED;
	if (!em_gazetteer_is_finished(gazetteer))
		return em_error_set(err, EM_ERR_INVALID,
				    "geocode: the gazetteer has no index (call em_gazetteer_finish)");
	if (options == NULL) {
		em_geocode_options_init(&defaults);
		options = &defaults;
	}
	status = em_text_fold(folded, sizeof(folded), &folded_len, name, len, EM_TEXT_FOLDED);
	if (status == EM_ERR_LIMIT)
		return em_error_set(err, status, "place name of %zu bytes is longer than the %d allowed",
				    len, EM_TEXT_NAME_MAX);
	if (status != EM_OK)
		return em_error_set(err, status, "place name is not valid UTF-8");
	if (folded_len == 0)
		return em_error_set(err, EM_ERR_INVALID, "place name is empty");
	memset(&s, 0, sizeof(s));
	s.gz = gazetteer;
	s.opt = options;
	run_stage(&s, folded, folded_len, EM_METHOD_EXACT);
	/* The key is only needed when the name as written found nothing. */
	if (s.count == 0) {
		status = em_text_fold(key, sizeof(key), &key_len, name, len, EM_TEXT_KEY);
		if (status != EM_OK)
			return em_error_set(err, status, "place name cannot be folded");
		if (key_len == 0)
			return em_error_set(err, EM_ERR_INVALID,
					    "place name '%s' has no letters or digits", folded);
	}
	/* A key of one or two letters matches too much to mean anything. */
	if (s.count == 0 && key_len >= 3)
		run_stage(&s, key, key_len, EM_METHOD_NORMALIZED);
	if (s.count == 0) {
		stripped_len = strip_generic_words(stripped, key, key_len, &s.precision_floor);
		if (stripped_len != key_len && stripped_len >= 3)
			run_stage(&s, stripped, stripped_len, EM_METHOD_NORMALIZED);
		else
			s.precision_floor = 0;
	}
	if (s.count == 0) {
		if (stripped_len > 0 && stripped_len != key_len)
			run_stage(&s, stripped, stripped_len, EM_METHOD_FUZZY);
		else
			run_stage(&s, key, key_len, EM_METHOD_FUZZY);
	}
	if (s.count > 0)
		decide(out, &s);
	if (out->status == EM_GEOCODE_UNRESOLVED)
		suggest(out, &s, s.excluded, s.excluded_count);
	return EM_OK;
}
