/* The decision between the places a name matched, and the one line that
 * explains it.  The rule throughout is that a wrong placement is worse
 * than none: a place far from the context needs a hint, two places that
 * nothing separates make the name ambiguous, and a weak fuzzy match is
 * only a suggestion. */
#include "geocode_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAME_PLACE_KM 1.0
#define IMPORTANCE_MARGIN 1.0

enum { DECIDED_BY_NOTHING = 0, DECIDED_BY_CONTEXT, DECIDED_BY_MATCH, DECIDED_BY_IMPORTANCE };

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

/* Matched by one of its own names, as written (up to case and marks). */
static bool named(const em__candidate *c)
{
	return c->method == EM_METHOD_EXACT || c->method == EM_METHOD_ALTERNATE ||
	       c->method == EM_METHOD_OVERRIDE;
}

/* A place's primary name and its alternate names are equally its names:
 * which one GeoNames lists first says nothing about which place a
 * reporter meant.  Normalised and fuzzy matches are weaker. */
static double match_quality(const em__candidate *c)
{
	return named(c) ? 1.0 : c->score;
}

/* 0 when nothing separates a and b; otherwise which criterion does,
 * negative when b is the better one.  Importance decides only between
 * places matched by their own names: a spelling fold that happens to meet
 * a big city says nothing about which place was meant. */
static int deciding_criterion(const em__candidate *a, const em__candidate *b)
{
	double qa = match_quality(a), qb = match_quality(b);

	if (a->near.tier != b->near.tier)
		return a->near.tier < b->near.tier ? DECIDED_BY_CONTEXT : -DECIDED_BY_CONTEXT;
	if (fabs(qa - qb) > 1e-9)
		return qa > qb ? DECIDED_BY_MATCH : -DECIDED_BY_MATCH;
	if (named(a) && named(b) && fabs(a->importance - b->importance) >= IMPORTANCE_MARGIN)
		return a->importance > b->importance ? DECIDED_BY_IMPORTANCE
						     : -DECIDED_BY_IMPORTANCE;
	return DECIDED_BY_NOTHING;
}

static int compare_candidates(const void *x, const void *y)
{
	const em__candidate *a = x, *b = y;
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
static bool same_place(const em_gazetteer *gz, const em__candidate *a, const em__candidate *b)
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
	       em__distance_km(p->lat, p->lon, q->lat, q->lon) < SAME_PLACE_KM;
}

static void dedupe(em__search *s)
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

static em_geocode_candidate public_candidate(const em__search *s, const em__candidate *c)
{
	em_geocode_candidate out;

	out.place = em_gazetteer_place(s->gz, c->place);
	out.method = c->method;
	out.score = c->score;
	out.distance_km = c->near.against == NEAR_NOTHING || c->near.against == NEAR_REGION
				  ? -1.0 : c->near.km;
	return out;
}

/* ---- reasons --------------------------------------------------------- */

typedef struct line {
	char *text;
	size_t size, at;
} line;

static void say(line *l, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void say(line *l, const char *format, ...)
{
	va_list args;
	int n;

	if (l->at + 1 >= l->size)
		return;
	va_start(args, format);
	n = vsnprintf(l->text + l->at, l->size - l->at, format, args);
	va_end(args);
	if (n > 0)
		l->at = (size_t)n < l->size - l->at ? l->at + (size_t)n : l->size - 1;
}

/* Appends up to max bytes of text, cut between characters: the common
 * pieces of a reason without printf, which every look-up would pay for. */
static void put(line *l, const char *text, size_t max)
{
	size_t n = strlen(text);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	if (l->at + n + 1 > l->size)
		n = l->size - l->at - 1;
	memcpy(l->text + l->at, text, n);
	l->at += n;
	l->text[l->at] = '\0';
}

static void put_long(line *l, long value)
{
	char digits[24];
	size_t n = 0;
	bool negative = value < 0;
	unsigned long v = negative ? 0UL - (unsigned long)value : (unsigned long)value;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if (negative)
		digits[n++] = '-';
	while (n > 0 && l->at + 2 <= l->size) {
		l->text[l->at++] = digits[--n];
		l->text[l->at] = '\0';
	}
}

static const em_place *place_of(const em__search *s, const em__candidate *c)
{
	return em_gazetteer_place(s->gz, c->place);
}

static void say_place(line *l, const em__search *s, const em__candidate *c)
{
	const em_place *p = place_of(s, c);

	put(l, p->name, 60);
	put(l, " (", 2);
	put(l, p->country[0] ? p->country : "no country", 10);
	put(l, ")", 1);
}

/* "is 262 km from the other places of this file" and the like. */
static void say_where(line *l, const em__search *s, const em__nearness *n)
{
	const em_geocode_options *opt = s->opt;

	switch (n->against) {
	case NEAR_CONTEXT:
		put(l, " is ", 4);
		put_long(l, lround(n->km));
		put(l, " km from the other places of ", 30);
		put(l, em__context_label(opt->context), 64);
		break;
	case NEAR_POINT:
		say(l, " is %ld km from the point given (%.2f, %.2f)", lround(n->km), opt->near_lat,
		    opt->near_lon);
		break;
	case NEAR_REGION:
		say(l, " is %s the region of interest (%g to %g E, %g to %g N)",
		    n->tier == TIER_FAR ? "outside" : "inside", opt->region_west, opt->region_east,
		    opt->region_south, opt->region_north);
		break;
	case NEAR_NOTHING:
		break;
	}
}

static void say_match(line *l, const em__search *s, const em__candidate *c)
{
	const em_place *p = place_of(s, c);

	switch (c->method) {
	case EM_METHOD_OVERRIDE:
		say(l, "pinned by %s:%lu (%.80s)", p->file, p->line, p->source);
		break;
	case EM_METHOD_EXACT: put(l, "exact name", 16); break;
	case EM_METHOD_ALTERNATE:
		put(l, "one of the names of ", 20);
		put(l, p->name, 60);
		break;
	case EM_METHOD_NORMALIZED:
		put(l, "spelling variant of ", 20);
		put(l, p->name, 60);
		break;
	case EM_METHOD_FUZZY: say(l, "misspelling of %.60s (score %.2f)", p->name, c->score); break;
	case EM_METHOD_NONE: break;
	}
	if (s->precision_floor > 1)
		say(l, ", descriptive words dropped (precision %d)", s->precision_floor);
}

static void say_hints(line *l, const em__search *s)
{
	const em_geocode_options *opt = s->opt;

	if (opt->country_count > 0) {
		say(l, " in ");
		for (size_t i = 0; i < opt->country_count; i++)
			say(l, "%s%s", i ? "/" : "", opt->countries[i]);
	}
	if (opt->admin1 != NULL && opt->admin1[0] != '\0')
		say(l, " in admin1 '%.40s'", opt->admin1);
}

static void reason_resolved(em_geocode_result *out, const em__search *s, int criterion)
{
	line l = {out->reason, sizeof(out->reason), 0};
	const em__candidate *best = &s->found[0];

	say_match(&l, s, best);
	switch (criterion) {
	case DECIDED_BY_NOTHING:
		if (best->method == EM_METHOD_OVERRIDE)
			break;
		put(&l, "; the only match", 20);
		say_hints(&l, s);
		if (s->excluded_count > 0 && s->hinted) {
			say(&l, " (");
			say_place(&l, s, &s->excluded[0]);
			say(&l, " is outside the hint)");
		}
		break;
	case DECIDED_BY_CONTEXT:
		say(&l, "; ");
		say_place(&l, s, &s->found[1]);
		say_where(&l, s, &s->found[1].near);
		if (best->near.against == NEAR_CONTEXT || best->near.against == NEAR_POINT)
			say(&l, ", this one %ld km", lround(best->near.km));
		break;
	case DECIDED_BY_MATCH:
		say(&l, "; a closer match than ");
		say_place(&l, s, &s->found[1]);
		break;
	case DECIDED_BY_IMPORTANCE:
		say(&l, "; the more important of %zu places so named (rank and population), over ",
		    s->count);
		say_place(&l, s, &s->found[1]);
		break;
	}
}

static void reason_far(em_geocode_result *out, const em__search *s)
{
	line l = {out->reason, sizeof(out->reason), 0};

	say_place(&l, s, &s->found[0]);
	say_where(&l, s, &s->found[0].near);
	if (s->count == 2)
		put(&l, ", and the other place so named too", 40);
	else if (s->count > 2)
		say(&l, ", and the %zu other places so named too", s->count - 1);
	put(&l, "; a country or admin1 hint would place it", 48);
}

static void reason_tie(em_geocode_result *out, const em__search *s, size_t tied)
{
	line l = {out->reason, sizeof(out->reason), 0};

	say(&l, "%zu places match equally: ", tied);
	for (size_t i = 0; i < tied && i < 3; i++) {
		say(&l, "%s", i ? ", " : "");
		say_place(&l, s, &s->found[i]);
	}
	say(&l, "; nothing in the hints or the context decides");
	if (tied < s->count) {
		say(&l, "; ");
		say_place(&l, s, &s->found[tied]);
		say_where(&l, s, &s->found[tied].near);
	}
}

/* ---- the decision ---------------------------------------------------- */

static bool rank_suggestion(const em__candidate *a, const em__candidate *b)
{
	/* The same name by its key first, then close spellings; then the
	 * places nearest the context. */
	if ((a->method == EM_METHOD_FUZZY) != (b->method == EM_METHOD_FUZZY))
		return b->method == EM_METHOD_FUZZY;
	if (a->near.tier != b->near.tier)
		return a->near.tier < b->near.tier;
	if (fabs(a->score - b->score) > 1e-9)
		return a->score > b->score;
	if (a->near.km >= 0 && b->near.km >= 0 && a->near.km != b->near.km)
		return a->near.km < b->near.km;
	return a->place < b->place;
}

void em__suggest(em_geocode_result *out, em__search *s)
{
	em__candidate pool[HITS_MAX + 2 * EM_GEOCODE_SUGGESTIONS_MAX];
	size_t n = 0;

	for (size_t i = 0; i < s->count; i++)
		pool[n++] = s->found[i];
	for (size_t i = 0; i < s->weak_count; i++)
		pool[n++] = s->weak[i];
	for (size_t i = 0; i < s->excluded_count; i++)
		pool[n++] = s->excluded[i];
	/* Insertion sort: a few dozen at most, and a stable order. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && rank_suggestion(&pool[k], &pool[k - 1]); k--) {
			em__candidate t = pool[k];
			pool[k] = pool[k - 1];
			pool[k - 1] = t;
		}
	for (size_t i = 0; i < n && out->suggestion_count < EM_GEOCODE_SUGGESTIONS_MAX; i++) {
		const em_place *p = place_of(s, &pool[i]);
		bool seen = false;
		for (size_t k = 0; k < out->suggestion_count && !seen; k++)
			seen = out->suggestions[k].place == p;
		if (!seen)
			out->suggestions[out->suggestion_count++] = public_candidate(s, &pool[i]);
	}
}

static void unresolved_weak(em_geocode_result *out, em__search *s)
{
	line l = {out->reason, sizeof(out->reason), 0};

	out->status = EM_GEOCODE_UNRESOLVED;
	out->method = EM_METHOD_NONE;
	out->score = 0.0;
	em__suggest(out, s);
	say(&l, "not in the gazetteer; ");
	say_place(&l, s, &s->found[0]);
	say(&l, " is a close spelling, too weak to place (score %.2f)", s->found[0].score);
}

/* Orders the candidates best first, each place once. */
static void rank(em__search *s)
{
	if (s->count > 1)
		for (size_t i = 0; i < s->count; i++)
			s->found[i].importance = importance(place_of(s, &s->found[i]));
	/* Insertion sort: stable, and at most a few dozen candidates. */
	for (size_t i = 1; i < s->count; i++)
		for (size_t k = i; k > 0 && compare_candidates(&s->found[k], &s->found[k - 1]) < 0;
		     k--) {
			em__candidate t = s->found[k];
			s->found[k] = s->found[k - 1];
			s->found[k - 1] = t;
		}
	dedupe(s);
}

/* The candidates from the first-th on, as many as the result holds. */
static void list_candidates(em_geocode_result *out, const em__search *s, size_t first)
{
	for (size_t i = first; i < s->count && out->candidate_count < EM_GEOCODE_CANDIDATES_MAX; i++)
		out->candidates[out->candidate_count++] = public_candidate(s, &s->found[i]);
}

/* Placed at the best candidate, which the criterion chose over the next. */
static void resolve(em_geocode_result *out, const em__search *s, int criterion)
{
	const em__candidate *best = &s->found[0];

	out->status = EM_GEOCODE_RESOLVED;
	out->place = place_of(s, best);
	out->precision = out->place->precision;
	if (s->precision_floor > out->precision)
		out->precision = s->precision_floor;
	switch (criterion) {
	case DECIDED_BY_CONTEXT: out->basis = EM_BASIS_CONTEXT; out->score *= 0.95; break;
	case DECIDED_BY_MATCH: out->basis = EM_BASIS_MATCH; break;
	case DECIDED_BY_IMPORTANCE: out->basis = EM_BASIS_IMPORTANCE; out->score *= 0.9; break;
	default:
		out->basis = best->method == EM_METHOD_OVERRIDE ? EM_BASIS_OVERRIDE : EM_BASIS_ONLY;
	}
	list_candidates(out, s, 1);
	reason_resolved(out, s, criterion);
}

void em__decide(em_geocode_result *out, em__search *s)
{
	const em__candidate *best = &s->found[0];
	int criterion = DECIDED_BY_NOTHING;
	size_t tied = 0;

	rank(s);
	if (s->count > 1)
		criterion = deciding_criterion(&s->found[0], &s->found[1]);
	out->method = best->method;
	out->score = best->score;
	if (best->method == EM_METHOD_FUZZY && best->score < s->opt->min_score) {
		unresolved_weak(out, s);
	} else if (best->near.tier == TIER_FAR && !s->hinted &&
		   best->method != EM_METHOD_OVERRIDE) {
		out->status = EM_GEOCODE_AMBIGUOUS;
		out->far = true;
		list_candidates(out, s, 0);
		reason_far(out, s);
	} else if (s->count > 1 && criterion == DECIDED_BY_NOTHING) {
		/* The tied places, then the others it could also be. */
		while (tied < s->count && deciding_criterion(best, &s->found[tied]) == 0)
			tied++;
		out->status = EM_GEOCODE_AMBIGUOUS;
		list_candidates(out, s, 0);
		reason_tie(out, s, tied);
	} else {
		resolve(out, s, criterion);
	}
}
