/* eventmap — aggregate: what the reports say per place, per day and per
 * category, across sources, as ranges.
 *
 * Within one source, figures for different categories add up (they count
 * different people) and repeated figures for the same category are
 * alternatives (a later count, another article).  Across sources figures
 * are never added: a place's range runs from the lowest source's figure to
 * the highest's.  Region-scope rows form the headline, per source. */
#ifndef EVENTMAP_SUMMARY_H
#define EVENTMAP_SUMMARY_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/error.h"
#include "eventmap/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_range {
	bool present;
	long long min, max;
	em_qualifier min_qualifier, max_qualifier;
} em_range;

/* Which reports count: those whose days [event_date, event_date_end] meet
 * [from, to], of the event kinds and categories kept.  A report whose
 * days reach beyond [from, to] still counts, marked as spanning: a total
 * for 6 to 8 March belongs on the poster of 7 March, shown as such. */
typedef struct em_filter {
	bool has_from, has_to;
	em_date from, to;
	unsigned event_kinds;       /* bit 1u << em_event_kind per kind kept; 0: all */
	unsigned categories;        /* bit 1u << em_category per category kept; 0: all */
} em_filter;

/* Whether the filter (NULL: none) keeps the report. */
EM_EXTERN bool em_filter_keeps(const em_filter *filter, const em_report *report);
/* Whether the days [first, last] meet the filter's days. */
EM_EXTERN bool em_filter_meets(const em_filter *filter, em_date first, em_date last);
/* Whether the days [first, last] reach beyond the filter's days. */
EM_EXTERN bool em_filter_spans(const em_filter *filter, em_date first, em_date last);
/* Whether the filter narrows by kind or category (not only by days). */
EM_EXTERN bool em_filter_narrows(const em_filter *filter);
/* Whether the filter keeps a flow: one dated within its days, or an
 * undated one when it does not limit the days; none when it narrows by
 * kind or category (a poster of protests draws no displacement). */
EM_EXTERN bool em_filter_keeps_flow(const em_filter *filter, const em_flow *flow);

/* The category a marker is drawn in when a place has figures of several. */
#define EM_CATEGORY_MIXED EM_CATEGORY_COUNT

typedef struct em_place_total {
	const char *place_id;       /* gazetteer id, or "given:LAT,LON" */
	const char *name;           /* the location as first reported */
	const char *gazetteer_name;
	const char *name_ar;        /* the gazetteer's Arabic-script name, or "" */
	const char *country, *admin1;
	double lat, lon;
	int precision;              /* the coarsest of its death figures; for a
				       place of events only, the finest event */
	em_state state;             /* mapped or approximate */
	const char *method;
	double score;
	/* Deaths: reports with a figure above 0.  `total` holds those whose
	 * days lie within the filter's; `spanning` those whose days reach
	 * beyond it (never with a filter of all days), over the days
	 * spanning_first to spanning_last. */
	em_range total;
	em_range by_category[EM_CATEGORY_COUNT];
	em_range spanning;
	em_date spanning_first, spanning_last;
	em_category category;       /* EM_CATEGORY_MIXED when several */
	/* Events: reports without deaths, by ACLED event type.  event_kinds
	 * has a bit (1u << em_event_kind) per kind reported within the days,
	 * spanning_kinds per kind reported only over days reaching beyond. */
	unsigned event_kinds, spanning_kinds;
	char event_days[48];        /* days of the events spanning beyond: "6–10 Mar" */
	size_t event_count;         /* reports without deaths (events) */
	const char *sources;        /* "SOHR; SNHR" in order of appearance, every one */
	size_t report_count;        /* every report: deaths and events */
	em_date first_date, last_date;
	char display[160];          /* "20+", "745–1,000+", "20 (6–8 Mar)"; "" without deaths */
	char label[448];            /* "Baniyas · 20+"; only the name without deaths */
} em_place_total;

/* Whether a place has deaths reported (within the days or spanning). */
static inline bool em_place_total_has_deaths(const em_place_total *place)
{
	return place->total.present || place->spanning.present;
}

/* The highest figure of deaths at a place, within the days or spanning;
 * 0 without deaths. */
static inline long long em_place_total_deaths_max(const em_place_total *place)
{
	long long within = place->total.present ? place->total.max : 0;
	long long spanning = place->spanning.present ? place->spanning.max : 0;

	return within > spanning ? within : spanning;
}

typedef struct em_source_total {
	const char *source;
	/* The region its rows name (their location, as first written): one
	 * source's totals for different regions are different totals. */
	const char *region;
	em_range total;
	em_range by_category[EM_CATEGORY_COUNT];
	em_date first_date, last_date;
	bool spanning;              /* its days reach beyond the filter's */
	size_t report_count;
} em_source_total;

typedef struct em_summary {
	em_place_total *places;     /* largest deaths first, then most events */
	size_t place_count;
	em_source_total *headline;  /* region-scope death totals, one per source */
	size_t headline_count;
	size_t not_mapped_count;    /* place-scope reports in range with no point */
	size_t report_count;        /* reports in range */
	size_t event_count;         /* of those, reports without deaths */
	size_t region_event_count;  /* region-scope reports without deaths */
} em_summary;

/* Aggregates the resolved dataset (em_dataset_resolve first).  filter may
 * be NULL for every report.  The summary owns its strings. */
EM_EXTERN em_status em_summary_create(em_summary **out, const em_dataset *dataset,
			    const em_filter *filter, em_error *err);
EM_EXTERN void em_summary_destroy(em_summary *summary);

/* The same, one placed report at a time (as em_dataset_stream_reports hands
 * them on): memory grows with the places and sources, not the reports.
 * finish makes the summary, which then lives on its own; destroy frees the
 * builder, finished or not.  The builder's status is sticky: after a failure
 * every call returns it again (copied to err). */
typedef struct em_summary_builder em_summary_builder;

EM_EXTERN em_status em_summary_builder_create(em_summary_builder **out, const em_filter *filter,
				    em_error *err);
EM_EXTERN em_status em_summary_builder_add(em_summary_builder *builder, const em_report *report,
				 em_error *err);
EM_EXTERN em_status em_summary_builder_finish(em_summary **out, em_summary_builder *builder,
				    em_error *err);
EM_EXTERN void em_summary_builder_destroy(em_summary_builder *builder);

/* "20", "20+", "~750", "up to 20", "745–1,000+"; "" when not present. */
EM_EXTERN void em_range_format(char *out, size_t size, const em_range *range);

#ifdef __cplusplus
}
#endif

#endif
