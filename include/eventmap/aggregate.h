/* eventmap — aggregate: what the reports say per place, per day and per
 * category, across sources, as ranges.
 *
 * Within one source, figures for different categories add up (they count
 * different people) and repeated figures for the same category are
 * alternatives (a later count, another article).  Across sources figures
 * are never added: a place's range runs from the lowest source's figure to
 * the highest's.  Region-scope rows form the headline, per source. */
#ifndef EVENTMAP_AGGREGATE_H
#define EVENTMAP_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/error.h"
#include "eventmap/reports.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_range {
	bool present;
	long long min, max;
	em_qualifier min_qualifier, max_qualifier;
} em_range;

/* Which reports count: those whose event_date lies in [from, to]. */
typedef struct em_filter {
	bool has_from, has_to;
	em_date from, to;
} em_filter;

/* The category a marker is drawn in when a place has figures of several. */
#define EM_CATEGORY_MIXED EM_CATEGORY_COUNT

typedef struct em_place_total {
	const char *place_id;       /* gazetteer id, or "given:LAT,LON" */
	const char *name;           /* the location as first reported */
	const char *gazetteer_name;
	const char *name_ar;        /* the gazetteer's Arabic-script name, or "" */
	const char *country, *admin1;
	double lat, lon;
	int precision;              /* the coarsest among its reports */
	em_state state;             /* mapped or approximate */
	const char *method;
	double score;
	em_range total;
	em_range by_category[EM_CATEGORY_COUNT];
	em_category category;       /* EM_CATEGORY_MIXED when several */
	char sources[256];          /* "SOHR; SNHR" in order of appearance */
	size_t report_count;
	em_date first_date, last_date;
	char display[64];           /* "20+", "745–1,000+" */
	char label[192];            /* "Baniyas · 20+" */
} em_place_total;

typedef struct em_source_total {
	const char *source;
	em_range total;
	em_range by_category[EM_CATEGORY_COUNT];
	em_date first_date, last_date;
	size_t report_count;
} em_source_total;

typedef struct em_summary {
	em_place_total *places;     /* largest total first */
	size_t place_count;
	em_source_total *headline;  /* region-scope totals, one per source */
	size_t headline_count;
	size_t not_mapped_count;    /* place-scope reports in range with no point */
	size_t report_count;        /* reports in range */
} em_summary;

/* Aggregates the resolved dataset (em_dataset_resolve first).  filter may
 * be NULL for every report.  The summary owns its strings. */
em_status em_summary_create(em_summary **out, const em_dataset *dataset,
			    const em_filter *filter, em_error *err);
void em_summary_destroy(em_summary *summary);

/* The same, one placed report at a time (as em_dataset_stream_reports hands
 * them on): memory grows with the places and sources, not the reports.
 * finish makes the summary and frees the builder, even on error; destroy
 * frees a builder that will not be finished. */
typedef struct em_summary_builder em_summary_builder;

em_status em_summary_builder_create(em_summary_builder **out, const em_filter *filter,
				    em_error *err);
em_status em_summary_builder_add(em_summary_builder *builder, const em_report *report,
				 em_error *err);
em_status em_summary_builder_finish(em_summary_builder *builder, em_summary **out,
				    em_error *err);
void em_summary_builder_destroy(em_summary_builder *builder);

/* 1234567 -> "1,234,567". */
void em_count_format(char *out, size_t size, long long count);
/* "20", "20+", "~750", "up to 20", "745–1,000+"; "" when not present. */
void em_range_format(char *out, size_t size, const em_range *range);

#ifdef __cplusplus
}
#endif

#endif
