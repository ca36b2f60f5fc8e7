/* The geocoder's stages: the name as written, its alternate names, its
 * loose key, the key without descriptive words, then fuzzy matches judged
 * on the distinctive part of the name.  Which of the places found is
 * meant, and why, is decided in decide.c against the context (context.c). */
#include "eventmap/geocode.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "geocode_internal.h"


void em_geocode_options_init(em_geocode_options *options)
{
	memset(options, 0, sizeof(*options));
	options->has_region = true;
	options->region_west = 32.0;
	options->region_south = 29.0;
	options->region_east = 43.0;
	options->region_north = 38.5;
	options->near_km = EM_GEOCODE_FOREIGN_KM;
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

em_status em_geocode_options_set_near(em_geocode_options *options, const char *text,
				      em_error *err)
{
	double lat, lon, km = EM_GEOCODE_FOREIGN_KM;
	char extra;
	int n = text ? sscanf(text, "%lf,%lf,%lf%c", &lat, &lon, &km, &extra) : 0;

	if ((n != 2 && n != 3) || !isfinite(lat) || !isfinite(lon) || !isfinite(km) ||
	    lat < -90 || lat > 90 || lon < -180 || lon > 180 || km <= 0 || km > 20000)
		return em_error_set(err, EM_ERR_INVALID,
				    "'%.60s' is not a point: give LAT,LON or LAT,LON,KM in degrees "
				    "and kilometres (for example 35.5,35.9,50)", text ? text : "");
	options->has_near = true;
	options->near_lat = lat;
	options->near_lon = lon;
	options->near_km = km;
	return EM_OK;
}

static void prepare_short_check(em__search *s);

static bool passes_hints(const em__search *s, const em_place *p)
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

static void remember(em__candidate *list, size_t *count, const em__candidate *c)
{
	for (size_t i = 0; i < *count; i++)
		if (list[i].place == c->place)
			return;
	if (*count < EM_GEOCODE_SUGGESTIONS_MAX)
		list[(*count)++] = *c;
}

/* A fuzzy hit is judged on the distinctive part of the name: the edits
 * must not touch a generic word, and vowels count half.  false (a
 * suggestion at most) when it cannot be placed. */
static bool fuzzy_score(em__search *s, const char *key, size_t key_len, const em_name_hit *hit,
			double *score)
{
	double distance;
	size_t length;
	int consonants;

	prepare_short_check(s);
	if (s->split_of != key) {
		em__split_key(&s->query_split, key, key_len);
		s->split_of = key;
	}
	if (!em__distinctive_distance(&s->query_split, hit->matched, hit->matched_len,
				      hit->distance, &distance, &length, &consonants) ||
	    length == 0)
		return false;
	*score = 0.85 * (1.0 - distance / (double)length);
	if (*score < 0.0)
		*score = 0.0;
	/* Transliterations disagree on vowels; a changed consonant may be a
	 * typo or another name, which only a long name can tell apart. */
	return !s->short_name &&
	       (consonants == 0 || (consonants == 1 && length >= EM__CONSONANT_EDIT_LENGTH));
}

/* True when one of the place's names in Latin script (its name, ASCII
 * name or an alternate) has this skeleton in the form. */
static bool has_name_with_skeleton(const em_place *p, em_text_skeleton_form form,
				   const char *skeleton, size_t skeleton_len)
{
	const char *names[3] = {p->name, p->asciiname, p->alternatenames};
	char other[96];
	size_t other_len;
	bool article;

	for (int pass = 0; pass < 3; pass++) {
		const char *alt = names[pass];
		while (alt != NULL && *alt) {
			const char *comma = pass == 2 ? strchr(alt, ',') : NULL;
			size_t len = comma ? (size_t)(comma - alt) : strlen(alt);
			/* Only names in Latin script can have the same skeleton. */
			if (len > 0 && len < 64 && (unsigned char)alt[0] < 0xD0 &&
			    em_text_skeleton(other, sizeof(other), &other_len, &article, alt, len,
					     form) &&
			    other_len == skeleton_len && memcmp(other, skeleton, skeleton_len) == 0)
				return true;
			alt = comma ? comma + 1 : NULL;
		}
	}
	return false;
}

/* A short name met through the spelling folds must still be the same
 * consonants, digraphs apart: "Shams" folds to the key of Samsun's "Sams",
 * but sh is not s.  True when one of the place's names has the query's
 * strict skeleton (or the query is not Latin). */
static bool short_spelling_holds(em__search *s, const em_place *p)
{
	prepare_short_check(s);
	if (!s->short_name || s->query_skeleton_len == 0)
		return true;
	return has_name_with_skeleton(p, EM_SKELETON_STRICT, s->query_skeleton,
				      s->query_skeleton_len);
}

/* Past a far place found as written, a near place counts only when one
 * of its names is the same name spelt otherwise: the same letters up to
 * marks, the article, doubled letters and how the vowels are written
 * (Al-Qusayr, Al Quşayr; Trablus, Trablous), not a different name the
 * looser folds happen to meet (El Iskandariya is not Iskenderun). */
static bool same_name_spelt_otherwise(em__search *s, const em_place *p)
{
	bool article;

	if (!s->vowels_known) {
		s->vowels_known = true;
		if (!em_text_skeleton(s->query_vowels, sizeof(s->query_vowels),
				      &s->query_vowels_len, &article, s->query, s->query_len,
				      EM_SKELETON_SPELLING))
			s->query_vowels_len = 0; /* not Latin: the key's folds were orthographic */
	}
	if (s->query_vowels_len == 0)
		return true;
	return has_name_with_skeleton(p, EM_SKELETON_SPELLING, s->query_vowels,
				      s->query_vowels_len);
}

static bool already_found(const em__search *s, uint32_t place)
{
	for (size_t i = 0; i < s->count; i++)
		if (s->found[i].place == place)
			return true;
	return false;
}

/* Turns a stage's hits into candidates, keeping those the hints allow. */
static void add_hits(em__search *s, const em_name_hit *hits, size_t n, em_geocode_method stage,
		     const char *key, size_t key_len)
{
	for (size_t i = 0; i < n && s->count < HITS_MAX; i++) {
		const em_place *p = em_gazetteer_place(s->gz, hits[i].place);
		em__candidate c = {0};
		bool placeable = true;

		c.place = hits[i].place;
		c.method = stage;
		if (stage == EM_METHOD_EXACT && hits[i].kind == EM_NAME_ALTERNATE)
			c.method = EM_METHOD_ALTERNATE;
		if (p->role == EM_GAZETTEER_OVERRIDES && stage != EM_METHOD_FUZZY)
			c.method = EM_METHOD_OVERRIDE;
		switch (c.method) {
		case EM_METHOD_OVERRIDE: case EM_METHOD_EXACT: c.score = 1.0; break;
		case EM_METHOD_ALTERNATE: c.score = 0.95; break;
		case EM_METHOD_NORMALIZED:
			if (already_found(s, hits[i].place))
				continue; /* found as written already: the better match stands */
			c.score = 0.85;
			c.near = em__context_judge(s->opt, s->name_hash, s->have_context, p);
			/* Looking past far places for a near one, another far one
			 * changes nothing. */
			/* Past a far place found as written, only a close one
			 * that is the same name spelt otherwise counts: merely
			 * being in the region does not beat the name as written. */
			if (s->nearer_only &&
			    (c.near.tier != TIER_CLOSE || !same_name_spelt_otherwise(s, p)))
				continue;
			placeable = short_spelling_holds(s, p);
			break;
		default: placeable = fuzzy_score(s, key, key_len, &hits[i], &c.score); break;
		}
		if (c.method != EM_METHOD_NORMALIZED)
			c.near = em__context_judge(s->opt, s->name_hash, s->have_context, p);
		c.curated = p->source[0] != 'G' || strcmp(p->source, "GeoNames") != 0;
		if (!passes_hints(s, p)) {
			remember(s->excluded, &s->excluded_count, &c);
			s->excluded_named |= stage != EM_METHOD_FUZZY;
		}
		else if (!placeable)
			remember(s->weak, &s->weak_count, &c);
		else
			s->found[s->count++] = c;
	}
}

static void keep_only_overrides(em__search *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->count; i++)
		if (s->found[i].method == EM_METHOD_OVERRIDE)
			s->found[kept++] = s->found[i];
	if (kept > 0)
		s->count = kept;
}

static int fuzzy_distance_for(size_t key_len)
{
	if (key_len <= 3)
		return 0;
	return key_len <= 5 ? 1 : EM_GAZETTEER_FUZZY_MAX;
}

/* Fuzzy hits come closest first.  Each edit costs at least half (a vowel),
 * so a hit d edits away scores at most 0.85 (1 - d / 2 / length): those
 * that cannot reach the weakest placeable score are kept only while the
 * suggestions need them. */
static size_t placeable_or_suggested(const em__search *s, const em_name_hit *hits, size_t n,
				     size_t len)
{
	size_t kept = 0;

	while (kept < n) {
		double best = 0.85 * (1.0 - (double)hits[kept].distance / 2.0 / (double)len);
		if (best < s->opt->min_score && kept >= EM_GEOCODE_SUGGESTIONS_MAX)
			break;
		kept++;
	}
	return kept;
}

static void run_stage(em__search *s, const char *text, size_t len, em_geocode_method stage)
{
	em_name_hit hits[HITS_MAX];
	size_t n = 0;

	if (len == 0)
		return;
	if (stage == EM_METHOD_EXACT)
		n = em_gazetteer_find_folded(hits, HITS_MAX, s->gz, text, len);
	else if (stage == EM_METHOD_NORMALIZED)
		n = em_gazetteer_find_key(hits, HITS_MAX, s->gz, text, len);
	else {
		int max_distance = fuzzy_distance_for(len);
		if (max_distance > 0)
			n = em_gazetteer_find_fuzzy(hits, HITS_MAX, s->gz, text, len, max_distance);
		n = placeable_or_suggested(s, hits, n < HITS_MAX ? n : HITS_MAX, len);
	}
	add_hits(s, hits, n < HITS_MAX ? n : HITS_MAX, stage, text, len);
	keep_only_overrides(s);
}

static void unresolved(em_geocode_result *out, em__search *s, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void unresolved(em_geocode_result *out, em__search *s, const char *format, ...)
{
	va_list args;

	out->status = EM_GEOCODE_UNRESOLVED;
	out->method = EM_METHOD_NONE;
	out->score = 0.0;
	em__suggest(out, s);
	va_start(args, format);
	vsnprintf(out->reason, sizeof(out->reason), format, args);
	va_end(args);
}

/* Whether the name is short (5 distinctive letters or fewer) and, if so,
 * its strict skeleton, which what the folds find must keep (not Latin
 * script: nothing to check).  Worked out once, when a stage needs it. */
static void prepare_short_check(em__search *s)
{
	size_t letters;
	const char *gloss;

	if (s->words_known)
		return;
	s->words_known = true;
	em__name_words(s->query, s->query_len, &letters, &gloss);
	s->short_name = letters < EM_GEOCODE_FUZZY_LETTERS_MIN;
	if (s->short_name &&
	    !em_text_skeleton(s->query_skeleton, sizeof(s->query_skeleton), &s->query_skeleton_len,
			      &(bool){false}, s->query, s->query_len, EM_SKELETON_STRICT))
		s->query_skeleton_len = 0;
}

static bool all_far(const em__search *s)
{
	for (size_t i = 0; i < s->count; i++)
		if (s->found[i].near.tier != TIER_FAR || s->found[i].method == EM_METHOD_OVERRIDE)
			return false;
	return true;
}

/* The stages on the key: as it is, without descriptive words, fuzzy. */
static em_status run_key_stages(em__search *s, const char *name, size_t len,
				const char *folded, size_t folded_len, em_error *err)
{
	char key[FOLD_BUFFER], stripped[FOLD_BUFFER], stripped_key[FOLD_BUFFER];
	size_t key_len, stripped_len, stripped_key_len = 0;
	em_status status = em_text_fold(key, sizeof(key), &key_len, name, len, EM_TEXT_KEY);

	if (status != EM_OK)
		return em_error_set(err, status, "place name cannot be folded");
	if (key_len == 0)
		return em_error_set(err, EM_ERR_INVALID, "place name '%.80s' has no letters or digits",
				    folded);
	/* Five letters are too few to tell a misspelling from another name:
	 * a short name must keep its consonants through the folds, and is
	 * never placed by a close spelling. */
	prepare_short_check(s);
	/* A key of one or two letters matches too much to mean anything. */
	if (key_len >= 3)
		run_stage(s, key, key_len, EM_METHOD_NORMALIZED);
	if (s->count == 0) {
		stripped_len = em__strip_descriptors(stripped, folded, folded_len, &s->precision_floor);
		if (stripped_len != folded_len && stripped_len > 0 &&
		    em_text_fold(stripped_key, sizeof(stripped_key), &stripped_key_len, stripped,
				 stripped_len, EM_TEXT_KEY) == EM_OK && stripped_key_len >= 3)
			run_stage(s, stripped_key, stripped_key_len, EM_METHOD_NORMALIZED);
		else
			stripped_key_len = 0;
		if (s->count == 0 && stripped_key_len == 0)
			s->precision_floor = 0;
	}
	if (s->count == 0) {
		if (stripped_key_len > 0)
			run_stage(s, stripped_key, stripped_key_len, EM_METHOD_FUZZY);
		else
			run_stage(s, key, key_len, EM_METHOD_FUZZY);
	}
	return EM_OK;
}

/* The name's EM_TEXT_FOLDED form, or why it is no name at all. */
static em_status fold_name(char *folded, size_t *folded_len, const char *name, size_t len,
			   em_error *err)
{
	em_status status = em_text_fold(folded, FOLD_BUFFER, folded_len, name, len, EM_TEXT_FOLDED);

	if (status == EM_ERR_LIMIT)
		return em_error_set(err, status, "place name of %zu bytes is longer than the %d allowed",
				    len, EM_TEXT_NAME_MAX);
	if (status != EM_OK)
		return em_error_set(err, status, "place name is not valid UTF-8");
	if (*folded_len == 0)
		return em_error_set(err, EM_ERR_INVALID, "place name is empty");
	return EM_OK;
}

static void begin_search(em__search *s, const em_gazetteer *gazetteer,
			 const em_geocode_options *options, const char *name, size_t len,
			 const char *folded, size_t folded_len)
{
	memset(s, 0, offsetof(em__search, found));
	s->gz = gazetteer;
	s->opt = options;
	s->query = name;
	s->query_len = len;
	s->hinted = options->country_count > 0 || (options->admin1 && options->admin1[0]);
	if (options->context != NULL) {
		s->name_hash = em__name_hash(folded, folded_len);
		s->have_context = em__context_usable(options->context, s->name_hash);
	}
}

/* The stages: the name as written, then the key only when that found
 * nothing, or found only places far from the context: a nearer place may
 * be the same name spelt otherwise (Al-Qusayr in Syria, not Egypt's).
 * The index knows the key of a name it has. */
static em_status search(em__search *s, const char *name, size_t len, const char *folded,
			size_t folded_len, em_error *err)
{
	run_stage(s, folded, folded_len, EM_METHOD_EXACT);
	if (s->count > 0 && !s->hinted && all_far(s)) {
		em_name_hit hits[HITS_MAX];
		size_t n = em_gazetteer_find_key_of(hits, HITS_MAX, s->gz, folded, folded_len);
		s->nearer_only = true;
		add_hits(s, hits, n < HITS_MAX ? n : HITS_MAX, EM_METHOD_NORMALIZED, NULL, 0);
		keep_only_overrides(s);
	} else if (s->count == 0) {
		return run_key_stages(s, name, len, folded, folded_len, err);
	}
	return EM_OK;
}

/* The answer: the decision among the places found, or why there are none. */
static void conclude(em_geocode_result *out, em__search *s)
{
	if (s->count > 0)
		em__decide(out, s);
	else if (s->excluded_named)
		unresolved(out, s, "no place of that name passes the hints; it is known elsewhere");
	else if (s->weak_count > 0 && s->short_name)
		unresolved(out, s, "not in the gazetteer; close spellings are only suggested: a "
			   "name whose distinctive part has %d letters or fewer is never placed by "
			   "one", EM_GEOCODE_FUZZY_LETTERS_MIN - 1);
	else if (s->weak_count > 0)
		unresolved(out, s, "not in the gazetteer; the close spellings differ in a generic "
			   "word, so they are only suggested");
	else
		unresolved(out, s, "not in the gazetteer");
}

em_status em_geocode_name(em_geocode_result *out, const em_gazetteer *gazetteer,
			  const char *name, size_t len, const em_geocode_options *options,
			  em_error *err)
{
	em_geocode_options defaults;
	char folded[FOLD_BUFFER];
	size_t folded_len = 0;
	const char *gloss;
	em__search s;
	em_status status;

	if (out == NULL || gazetteer == NULL || (name == NULL && len > 0))
		return em_error_set(err, EM_ERR_INVALID, "geocode: invalid arguments");
	/* The candidate and suggestion arrays are filled as far as their
	 * counts say: zeroing them would cost more than a look-up. */
	memset(out, 0, offsetof(em_geocode_result, candidates));
	out->suggestion_count = 0;
	out->reason[0] = '\0';
	out->status = EM_GEOCODE_UNRESOLVED;
	if (!em_gazetteer_is_finished(gazetteer))
		return em_error_set(err, EM_ERR_INVALID,
				    "geocode: the gazetteer has no index (call em_gazetteer_finish)");
	if (options == NULL) {
		em_geocode_options_init(&defaults);
		options = &defaults;
	}
	status = fold_name(folded, &folded_len, name, len, err);
	if (status != EM_OK)
		return status;
	begin_search(&s, gazetteer, options, name, len, folded, folded_len);
	/* A single generic word ("Tell", "al-Ain") names no place, whatever a
	 * gazetteer lists under it.  The letters of the name are counted
	 * when a stage needs them. */
	gloss = em__bare_generic(folded, folded_len);
	if (gloss != NULL) {
		unresolved(out, &s, "'%.40s' is a generic word (%s), not the name of a place",
			   folded, gloss);
		return EM_OK;
	}
	status = search(&s, name, len, folded, folded_len, err);
	if (status == EM_OK)
		conclude(out, &s);
	return status;
}
