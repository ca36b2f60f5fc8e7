/* Figures per place and per source as honest ranges: categories of one
 * source add up, repeated figures are alternatives, and different sources
 * are never summed.  The display strings ("745–1,000+") are made here so
 * layers and posters show the same words. */
#include "eventmap/summary.h"
#include "eventmap/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/keymap.h"
#include "../util/strbuf.h"
#include "../util/pool.h"

typedef struct source_acc {
	const char *source;
	const char *region;         /* headline totals: the region; else NULL */
	em_range by_category[EM_CATEGORY_COUNT];
	em_date first_date, last_date;
	size_t report_count;
} source_acc;

typedef struct day_range {
	bool any;
	em_date first, last;
} day_range;

static void widen(day_range *d, const em_report *rep)
{
	if (!d->any || rep->date < d->first)
		d->first = rep->date;
	if (!d->any || rep->date_end > d->last)
		d->last = rep->date_end;
	d->any = true;
}

typedef struct place_acc {
	em_place_total total;
	source_acc *sources;        /* deaths within the days, per source */
	size_t source_count, source_cap;
	source_acc *spanning;       /* deaths over days reaching beyond, per source */
	size_t spanning_count, spanning_cap;
	/* Distinct events (ACLED's rows) of every source, added up, within the
	 * days and spanning beyond. */
	source_acc distinct, distinct_spanning;
	day_range death_days;       /* of the deaths reported over days beyond */
	day_range event_days;       /* of the events reported over days beyond */
	int death_precision;        /* the coarsest of its death figures */
	int event_precision;        /* the finest of its events */
} place_acc;

/* What finish hands out: the summary and the strings it points into. */
typedef struct summary_block {
	em_summary summary;         /* first member: em_summary_destroy frees the block */
	em_pool strings;
} summary_block;

struct em_summary_builder {
	em_summary summary;         /* what finish hands out, moved to a summary_block */
	em_pool strings;
	em_filter filter;
	bool has_filter;
	place_acc *places;
	size_t place_count, place_cap;
	em_keymap index;            /* place_id -> index in places */
	source_acc *headline;
	size_t headline_count, headline_cap;
	/* Sticky, as a cairo surface's status: the first failure stays and
	 * every later call returns it. */
	em_error error;
	bool finished;
};

typedef struct em_summary_builder builder;

/* The looser of two qualifiers when they describe the same number: a
 * "more than" claim is what the figure is worth. */
static int looseness(em_qualifier q)
{
	switch (q) {
	case EM_QUALIFIER_MORE_THAN: return 3;
	case EM_QUALIFIER_AT_LEAST: return 2;
	case EM_QUALIFIER_ABOUT: return 1;
	default: return 0;
	}
}

static void range_add(em_range *r, long long value, em_qualifier q)
{
	if (!r->present) {
		r->present = true;
		r->min = r->max = value;
		r->min_qualifier = r->max_qualifier = q;
		return;
	}
	if (value < r->min || (value == r->min && looseness(q) < looseness(r->min_qualifier))) {
		r->min = value;
		r->min_qualifier = q;
	}
	if (value > r->max || (value == r->max && looseness(q) > looseness(r->max_qualifier))) {
		r->max = value;
		r->max_qualifier = q;
	}
}

static em_qualifier looser(em_qualifier a, em_qualifier b)
{
	return looseness(a) >= looseness(b) ? a : b;
}

/* Adds up the ranges present among the first `count`: for figures that
 * count different people (categories of one source, distinct events). */
static void sum_ranges(em_range *sum, const em_range *ranges, int count)
{
	for (int c = 0; c < count; c++) {
		const em_range *r = &ranges[c];
		if (!r->present)
			continue;
		if (!sum->present) {
			*sum = *r;
			continue;
		}
		sum->min += r->min;
		sum->max += r->max;
		sum->min_qualifier = looser(sum->min_qualifier, r->min_qualifier);
		sum->max_qualifier = looser(sum->max_qualifier, r->max_qualifier);
	}
}

/* One source's total: its categories add up, and a figure it gives for
 * all categories at once (unknown) is a total of its own.  The larger
 * reading stands at each end: a source's later count supersedes its
 * earlier, lower one, and a subtotal never lowers its total. */
static em_range source_total(const em_range *by_category)
{
	em_range sum = {0};
	const em_range *all = &by_category[EM_CATEGORY_UNKNOWN];

	sum_ranges(&sum, by_category, EM_CATEGORY_UNKNOWN);
	if (!all->present)
		return sum;
	if (!sum.present || all->max >= sum.max) {
		/* Its largest own total: SNHR's 779 over its parts 383 and 396. */
		em_range total = {true, all->max, all->max, all->max_qualifier, all->max_qualifier};
		return total;
	}
	return sum; /* the categories add up to more than any total it gave */
}

static void range_merge(em_range *into, const em_range *r)
{
	if (!r->present)
		return;
	range_add(into, r->min, r->min_qualifier);
	range_add(into, r->max, r->max_qualifier);
}

static void format_one(char *out, size_t size, long long value, em_qualifier q, bool prefix)
{
	char number[32];

	em_text_format_count(number, sizeof(number), value);
	switch (q) {
	case EM_QUALIFIER_AT_LEAST:
	case EM_QUALIFIER_MORE_THAN: snprintf(out, size, "%s+", number); break;
	case EM_QUALIFIER_ABOUT: snprintf(out, size, "~%s", number); break;
	case EM_QUALIFIER_UP_TO: snprintf(out, size, prefix ? "up to %s" : "%s", number); break;
	default: snprintf(out, size, "%s", number); break;
	}
}

void em_range_format(char *out, size_t size, const em_range *range)
{
	char low[40], high[40];

	if (size == 0)
		return;
	out[0] = '\0';
	if (!range->present)
		return;
	if (range->min == range->max) {
		format_one(out, size, range->max, range->max_qualifier, true);
		return;
	}
	/* A range already says "about": only a "+" on the high end adds
	 * something ("745–1,000+"). */
	format_one(low, sizeof(low), range->min, EM_QUALIFIER_EXACT, false);
	format_one(high, sizeof(high), range->max,
		   range->max_qualifier == EM_QUALIFIER_ABOUT ? EM_QUALIFIER_EXACT
							     : range->max_qualifier, false);
	snprintf(out, size, "%s\xE2\x80\x93%s", low, high);
}

/* A copy in the builder's pool, which the summary takes over. */
static const char *keep(builder *b, const char *text)
{
	return em__pool_strdup(&b->strings, text ? text : "");
}

static place_acc *new_place(builder *b, const em_report *rep, const char *key)
{
	place_acc *p;
	em_place_total t;

	memset(&t, 0, sizeof(t));
	t.place_id = keep(b, key);
	t.name = keep(b, rep->location);
	t.gazetteer_name = keep(b, rep->where.place_name);
	t.name_ar = keep(b, rep->where.place_name_ar);
	t.country = keep(b, rep->where.country);
	t.admin1 = keep(b, rep->where.admin1);
	if (!t.place_id || !t.name || !t.gazetteer_name || !t.name_ar || !t.country || !t.admin1)
		return NULL;
	t.lat = rep->where.lat;
	t.lon = rep->where.lon;
	t.method = rep->where.method; /* a static name */
	t.score = rep->where.score;
	t.first_date = rep->date;
	t.last_date = rep->date;
	if (b->place_count == b->place_cap) {
		size_t cap = b->place_cap ? b->place_cap * 2 : 64;
		place_acc *grown = realloc(b->places, cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		b->places = grown;
		b->place_cap = cap;
	}
	p = &b->places[b->place_count++];
	memset(p, 0, sizeof(*p));
	p->total = t;
	return p;
}

static place_acc *find_place(builder *b, const em_report *rep)
{
	char given[64];
	const char *key = rep->where.place_id;
	uint64_t *at;
	bool added;

	if (key[0] == '\0') {
		snprintf(given, sizeof(given), "given:%.5f,%.5f", rep->where.lat, rep->where.lon);
		key = given;
	}
	at = em__keymap_get(&b->index, key, strlen(key), true, &added);
	if (at == NULL)
		return NULL;
	if (!added)
		return &b->places[*at];
	if (new_place(b, rep, key) == NULL)
		return NULL;
	*at = b->place_count - 1;
	return &b->places[*at];
}

static source_acc *find_source(builder *b, source_acc **list, size_t *count, size_t *cap,
			       const char *source, const char *region)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp((*list)[i].source, source) == 0 &&
		    (region == NULL || strcasecmp((*list)[i].region, region) == 0))
			return &(*list)[i];
	if (*count == *cap) {
		size_t new_cap = *cap ? *cap * 2 : 4;
		source_acc *grown = realloc(*list, new_cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		*list = grown;
		*cap = new_cap;
	}
	memset(&(*list)[*count], 0, sizeof(source_acc));
	if (((*list)[*count].source = keep(b, source)) == NULL)
		return NULL;
	if (region != NULL && ((*list)[*count].region = keep(b, region)) == NULL)
		return NULL;
	return &(*list)[(*count)++];
}

/* Distinct events' deaths add up: 5 and 12 at one place are 17. */
static void range_sum(em_range *r, long long value, em_qualifier q)
{
	if (!r->present) {
		range_add(r, value, q);
		return;
	}
	r->min += value;
	r->max += value;
	r->min_qualifier = looser(r->min_qualifier, q);
	r->max_qualifier = looser(r->max_qualifier, q);
}

static void add_to_source(source_acc *s, const em_report *rep)
{
	if (em_report_has_deaths(rep) && rep->distinct)
		range_sum(&s->by_category[rep->category], rep->fatalities, rep->qualifier);
	else if (em_report_has_deaths(rep))
		range_add(&s->by_category[rep->category], rep->fatalities, rep->qualifier);
	if (s->report_count == 0 || rep->date < s->first_date)
		s->first_date = rep->date;
	if (s->report_count == 0 || rep->date_end > s->last_date)
		s->last_date = rep->date_end;
	s->report_count++;
}

/* An event at a place (a report without deaths): its kind, within the
 * days or spanning beyond. */
static void add_event(place_acc *p, const em_report *rep, bool spanning)
{
	unsigned bit = 1u << em_event_kind_of(rep->event_type);

	if (spanning)
		p->total.spanning_kinds |= bit;
	else
		p->total.event_kinds |= bit;
	p->total.event_count++;
	/* Events alone place a marker as well as their best row does. */
	if (p->event_precision == 0 || rep->where.precision < p->event_precision)
		p->event_precision = rep->where.precision;
}

static em_status add_at_place(builder *b, const em_report *rep, bool spanning)
{
	place_acc *p = find_place(b, rep);
	source_acc *s = NULL;
	em_place_total *t;

	if (p == NULL)
		return em_error_set(&b->error, EM_ERR_NOMEM, "out of memory");
	t = &p->total;
	if (!em_report_has_deaths(rep))
		add_event(p, rep, spanning);
	else {
		s = spanning ? find_source(b, &p->spanning, &p->spanning_count, &p->spanning_cap,
					   rep->source, NULL)
			     : find_source(b, &p->sources, &p->source_count, &p->source_cap,
					   rep->source, NULL);
		if (s == NULL)
			return em_error_set(&b->error, EM_ERR_NOMEM, "out of memory");
		/* A distinct event counts once whatever its source: into the
		 * place's sum; its source is still named. */
		add_to_source(rep->distinct ? (spanning ? &p->distinct_spanning : &p->distinct) : s,
			      rep);
		if (rep->where.precision > p->death_precision)
			p->death_precision = rep->where.precision;
	}
	if (spanning)
		widen(em_report_has_deaths(rep) ? &p->death_days : &p->event_days, rep);
	if (rep->date < t->first_date)
		t->first_date = rep->date;
	if (rep->date_end > t->last_date)
		t->last_date = rep->date_end;
	t->report_count++;
	return EM_OK;
}

static em_status add_report(builder *b, const em_report *rep)
{
	bool spanning = em_filter_spans(&b->filter, rep->date, rep->date_end);
	source_acc *s;

	if (!em_report_has_deaths(rep))
		b->summary.event_count++;
	if (rep->scope == EM_SCOPE_PLACE)
		return add_at_place(b, rep, spanning);
	if (!em_report_has_deaths(rep)) {
		/* A region-wide event has no figure for the headline. */
		b->summary.region_event_count++;
		return EM_OK;
	}
	s = find_source(b, &b->headline, &b->headline_count, &b->headline_cap, rep->source,
			rep->location);
	if (s == NULL)
		return em_error_set(&b->error, EM_ERR_NOMEM, "out of memory");
	add_to_source(s, rep);
	return EM_OK;
}

static void append_sources(em_strbuf *list, const source_acc *sources, size_t count)
{
	for (size_t i = 0; i < count; i++)
		em__strbuf_add_unique(list, sources[i].source, strlen(sources[i].source), "; ");
}

/* The words beside a place: its deaths within the days, then those over
 * days reaching beyond with their days ("5; 20 (6–8 Mar)"). */
static void place_words(em_place_total *t)
{
	char within[40] = "", spanning[40] = "", days[48] = "";

	em_range_format(within, sizeof(within), &t->total);
	em_range_format(spanning, sizeof(spanning), &t->spanning);
	if (t->spanning.present)
		em_date_span_short(days, sizeof(days), t->spanning_first, t->spanning_last);
	if (within[0] != '\0' && spanning[0] != '\0')
		snprintf(t->display, sizeof(t->display), "%s; %s (%s)", within, spanning, days);
	else if (spanning[0] != '\0')
		snprintf(t->display, sizeof(t->display), "%s (%s)", spanning, days);
	else
		snprintf(t->display, sizeof(t->display), "%s", within);
	if (t->display[0] != '\0')
		snprintf(t->label, sizeof(t->label), "%s \xC2\xB7 %s", t->name, t->display);
	else
		snprintf(t->label, sizeof(t->label), "%s", t->name);
}

/* The distinct events' sum stands as one more source's total: every
 * category adds, "unknown" too (an event's deaths of no stated category
 * are not a total of the others'). */
static void merge_distinct(em_range *total, em_range *by_category, const source_acc *d)
{
	em_range sum = {0};

	sum_ranges(&sum, d->by_category, EM_CATEGORY_COUNT);

	range_merge(total, &sum);
	for (int c = 0; c < EM_CATEGORY_COUNT; c++)
		range_merge(&by_category[c], &d->by_category[c]);
}

static bool finish_place(builder *b, place_acc *p)
{
	em_place_total *t = &p->total;
	size_t categories = 0;
	em_strbuf sources = {0};

	for (size_t i = 0; i < p->source_count; i++) {
		em_range total = source_total(p->sources[i].by_category);
		range_merge(&t->total, &total);
		for (int c = 0; c < EM_CATEGORY_COUNT; c++)
			range_merge(&t->by_category[c], &p->sources[i].by_category[c]);
	}
	for (size_t i = 0; i < p->spanning_count; i++) {
		em_range total = source_total(p->spanning[i].by_category);
		range_merge(&t->spanning, &total);
		for (int c = 0; c < EM_CATEGORY_COUNT; c++)
			range_merge(&t->by_category[c], &p->spanning[i].by_category[c]);
	}
	merge_distinct(&t->total, t->by_category, &p->distinct);
	merge_distinct(&t->spanning, t->by_category, &p->distinct_spanning);
	append_sources(&sources, p->sources, p->source_count);
	append_sources(&sources, p->spanning, p->spanning_count);
	t->sources = sources.failed ? NULL : em__pool_strdup(&b->strings, em__strbuf_text(&sources));
	em__strbuf_free(&sources);
	if (t->sources == NULL)
		return false;
	t->spanning_kinds &= ~t->event_kinds;
	if (p->death_days.any) {
		t->spanning_first = p->death_days.first;
		t->spanning_last = p->death_days.last;
	}
	if (p->event_days.any)
		em_date_span_short(t->event_days, sizeof(t->event_days), p->event_days.first,
				   p->event_days.last);
	t->category = EM_CATEGORY_UNKNOWN;
	for (int c = 0; c < EM_CATEGORY_COUNT; c++) {
		if (t->by_category[c].present) {
			categories++;
			t->category = (em_category)c;
		}
	}
	if (categories > 1)
		t->category = EM_CATEGORY_MIXED;
	/* A death figure is only as precise as its vaguest report; a place of
	 * events only is where its best-placed event is. */
	t->precision = p->death_precision > 0 ? p->death_precision : p->event_precision;
	t->state = t->precision > 1 ? EM_STATE_APPROXIMATE : EM_STATE_MAPPED;
	place_words(t);
	return true;
}

static int compare_places(const void *a, const void *b)
{
	const em_place_total *x = a, *y = b;
	long long dx = em_place_total_deaths_max(x), dy = em_place_total_deaths_max(y);

	if (dx != dy)
		return dx > dy ? -1 : 1;
	if (x->event_count != y->event_count)
		return x->event_count > y->event_count ? -1 : 1;
	return strcmp(x->place_id, y->place_id);
}

bool em_filter_meets(const em_filter *f, em_date first, em_date last)
{
	return f == NULL || ((!f->has_from || last >= f->from) && (!f->has_to || first <= f->to));
}

bool em_filter_spans(const em_filter *f, em_date first, em_date last)
{
	return f != NULL && ((f->has_from && first < f->from) || (f->has_to && last > f->to));
}

bool em_filter_narrows(const em_filter *f)
{
	return f != NULL && (f->event_kinds != 0 || f->categories != 0);
}

bool em_filter_keeps_flow(const em_filter *f, const em_flow *flow)
{
	if (f == NULL)
		return true;
	if (em_filter_narrows(f))
		return false;
	if (!flow->has_date)
		return !f->has_from && !f->has_to;
	return em_filter_meets(f, flow->date, flow->date);
}

bool em_filter_keeps(const em_filter *f, const em_report *rep)
{
	if (f == NULL)
		return true;
	if (!em_filter_meets(f, rep->date, rep->date_end))
		return false;
	if (f->event_kinds != 0 && !(f->event_kinds & (1u << em_event_kind_of(rep->event_type))))
		return false;
	return f->categories == 0 || (f->categories & (1u << rep->category)) != 0;
}

em_status em_summary_builder_create(em_summary_builder **out, const em_filter *filter,
				    em_error *err)
{
	builder *b = calloc(1, sizeof(*b));

	*out = b;
	if (b == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	if (filter != NULL) {
		b->filter = *filter;
		b->has_filter = true;
	}
	return EM_OK;
}

em_status em_summary_builder_add(em_summary_builder *b, const em_report *rep, em_error *err)
{
	if (rep == NULL || b->finished)
		em_error_set(&b->error, EM_ERR_INVALID, "summary: invalid arguments");
	if (b->error.status != EM_OK)
		return em_error_copy(err, &b->error);
	if (b->has_filter && !em_filter_keeps(&b->filter, rep))
		return EM_OK;
	b->summary.report_count++;
	if (rep->scope == EM_SCOPE_PLACE && rep->where.state == EM_STATE_NOT_MAPPED) {
		b->summary.not_mapped_count++;
		return EM_OK;
	}
	if (add_report(b, rep) != EM_OK)
		em_error_set(&b->error, EM_ERR_NOMEM, "out of memory");
	return em_error_copy(err, &b->error);
}

/* The accumulators go; the summary and the pool stay. */
static void free_accumulators(builder *b)
{
	for (size_t i = 0; i < b->place_count; i++) {
		free(b->places[i].sources);
		free(b->places[i].spanning);
	}
	free(b->places);
	em__keymap_clear(&b->index);
	free(b->headline);
	b->places = NULL;
	b->headline = NULL;
	b->place_count = b->headline_count = 0;
}

em_status em_summary_builder_finish(em_summary **out, em_summary_builder *b, em_error *err)
{
	summary_block *block;
	em_summary *s;

	*out = NULL;
	if (b->finished)
		em_error_set(&b->error, EM_ERR_INVALID, "summary: already finished");
	if (b->error.status != EM_OK)
		return em_error_copy(err, &b->error);
	s = &b->summary;
	block = calloc(1, sizeof(*block));
	s->places = calloc(b->place_count + 1, sizeof(*s->places));
	s->headline = calloc(b->headline_count + 1, sizeof(*s->headline));
	if (block == NULL || s->places == NULL || s->headline == NULL) {
		free(block);
		em_error_set(&b->error, EM_ERR_NOMEM, "out of memory");
		return em_error_copy(err, &b->error);
	}
	for (size_t i = 0; i < b->place_count; i++) {
		if (!finish_place(b, &b->places[i])) {
			free(block);
			em_error_set(&b->error, EM_ERR_NOMEM, "out of memory");
			return em_error_copy(err, &b->error);
		}
		s->places[i] = b->places[i].total;
	}
	s->place_count = b->place_count;
	qsort(s->places, s->place_count, sizeof(*s->places), compare_places);
	for (size_t i = 0; i < b->headline_count; i++) {
		em_source_total *h = &s->headline[i];
		h->source = b->headline[i].source;
		h->region = b->headline[i].region;
		memcpy(h->by_category, b->headline[i].by_category, sizeof(h->by_category));
		h->total = source_total(h->by_category);
		h->first_date = b->headline[i].first_date;
		h->last_date = b->headline[i].last_date;
		h->spanning = b->has_filter && em_filter_spans(&b->filter, h->first_date, h->last_date);
		h->report_count = b->headline[i].report_count;
	}
	s->headline_count = b->headline_count;
	free_accumulators(b);
	/* The summary and its strings move to their own block. */
	block->summary = *s;
	block->strings = b->strings;
	memset(s, 0, sizeof(*s));
	memset(&b->strings, 0, sizeof(b->strings));
	b->finished = true;
	*out = &block->summary;
	return EM_OK;
}

void em_summary_builder_destroy(em_summary_builder *b)
{
	if (b == NULL)
		return;
	free_accumulators(b);
	free(b->summary.places);
	free(b->summary.headline);
	em__pool_clear(&b->strings);
	free(b);
}

em_status em_summary_create(em_summary **out, const em_dataset *dataset,
			    const em_filter *filter, em_error *err)
{
	builder *b;
	em_status status;

	*out = NULL;
	status = em_summary_builder_create(&b, filter, err);
	for (size_t i = 0; status == EM_OK && i < em_dataset_report_count(dataset); i++)
		status = em_summary_builder_add(b, em_dataset_report(dataset, i), err);
	if (status == EM_OK)
		status = em_summary_builder_finish(out, b, err);
	em_summary_builder_destroy(b);
	return status;
}

/* A summary is the first member of its block: freeing it frees the
 * strings and the block. */
void em_summary_destroy(em_summary *summary)
{
	summary_block *block = (summary_block *)summary;

	if (summary == NULL)
		return;
	free(summary->places);
	free(summary->headline);
	em__pool_clear(&block->strings);
	free(block);
}
