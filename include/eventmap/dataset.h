/* eventmap — reports: the data model (one row per figure or event one
 * source reported, one row per displacement), reading it from CSV through GDAL's
 * CSV driver with errors that name the file, row and column, and placing
 * every row on the map (or saying why not).
 *
 * Columns follow ACLED's where ACLED has one, so an ACLED export (31
 * columns, a byte-order mark, dates as 2025-03-07 or 07 March 2025) reads
 * as it is.  Every row ends in exactly one state: mapped, approximate, or
 * not mapped with its reason. */
#ifndef EVENTMAP_DATASET_H
#define EVENTMAP_DATASET_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eventmap/error.h"
#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum em_category {
	EM_CATEGORY_CIVILIANS = 0,
	EM_CATEGORY_SECURITY_FORCES,
	EM_CATEGORY_PRO_ASSAD_FIGHTERS,
	EM_CATEGORY_UNKNOWN,
	EM_CATEGORY_COUNT
} em_category;

typedef enum em_qualifier {
	EM_QUALIFIER_EXACT = 0,
	EM_QUALIFIER_AT_LEAST,
	EM_QUALIFIER_MORE_THAN,
	EM_QUALIFIER_ABOUT,
	EM_QUALIFIER_UP_TO
} em_qualifier;

typedef enum em_scope {
	EM_SCOPE_PLACE = 0, /* a marker on a town */
	EM_SCOPE_REGION = 1 /* a total for the whole area: the headline */
} em_scope;

typedef enum em_state {
	EM_STATE_MAPPED = 0,      /* placed to town precision */
	EM_STATE_APPROXIMATE = 1, /* placed, but near or region precision */
	EM_STATE_NOT_MAPPED = 2   /* no point: see `reason` */
} em_state;

/* Why a row has no point, for the "Not on the map" note. */
typedef enum em_unmapped_why {
	EM_WHY_NONE = 0,          /* it has a point */
	EM_WHY_REGION_TOTAL,      /* a region-wide total: the headline */
	EM_WHY_AMBIGUOUS,         /* the name fits several places equally */
	EM_WHY_FAR,               /* the places it fits are far from the others */
	EM_WHY_UNKNOWN,           /* no place of that name */
	EM_WHY_UNUSABLE,          /* the name cannot be a place name */
	EM_WHY_NO_REGION_POINT    /* a region, and nothing mapped to draw it at */
} em_unmapped_why;

/* Where a name ended up on the map. */
typedef struct em_location {
	em_state state;
	double lat, lon;            /* valid unless NOT_MAPPED */
	int precision;              /* 1 town, 2 near, 3 region; 0 when not mapped */
	const char *method;         /* "exact" ... "fuzzy", "override", "given"
				       (coordinates in the row), "region" */
	double score;
	const char *place_id;       /* gazetteer id, or "" */
	const char *place_name;     /* gazetteer name, or "" */
	const char *place_name_ar;  /* its name in Arabic script, or "" */
	const char *country;        /* ISO code of the place, or "" */
	const char *admin1;         /* its first-order division code, or "" */
	em_unmapped_why why;        /* EM_WHY_NONE when placed */
	/* How it was placed (the geocoder's reason), or why not. */
	char reason[EM_GEOCODE_REASON_MAX + 128];
} em_location;

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t em_date;

typedef struct em_report {
	const char *report_id;
	em_date date;
	em_date date_end;           /* == date when no span */
	const char *location;
	const char *admin1;
	const char *country;
	bool has_coordinates;
	double latitude, longitude;
	int geo_precision;          /* 1..3 as given (1 when absent) */
	em_scope scope;
	em_category category;
	bool has_fatalities;        /* false: an event reported without a figure */
	/* Its deaths are its own event's, counted once by whoever coded it
	 * (an ACLED export): such rows add up.  Otherwise a row is a figure
	 * a source reported, and repeated figures are alternatives. */
	bool distinct;
	long long fatalities;       /* 0 when none given, or none died */
	em_qualifier qualifier;
	const char *event_type, *sub_event_type, *actor1, *actor2;
	const char *source;
	const char *reported_by;
	const char *notes;
	const char *summary;        /* what happened, in a few words, or "" */
	const char *evidence;       /* where in the source it is said, or "" */
	unsigned long row;          /* 1 = the first row after the header */
	unsigned long line;         /* the line it starts on in its file */
	em_location where;
} em_report;

/* ACLED's event types, and one for any other or none. */
typedef enum em_event_kind {
	EM_EVENT_BATTLES = 0,
	EM_EVENT_VIOLENCE_AGAINST_CIVILIANS,
	EM_EVENT_EXPLOSIONS,        /* Explosions/Remote violence */
	EM_EVENT_PROTESTS,
	EM_EVENT_RIOTS,
	EM_EVENT_STRATEGIC,         /* Strategic developments */
	EM_EVENT_OTHER,             /* a type ACLED does not have, or none given */
	EM_EVENT_KIND_COUNT
} em_event_kind;

/* The kind of an event_type, compared without regard to case. */
EM_EXTERN em_event_kind em_event_kind_of(const char *event_type);
/* "Battles", ..., "Strategic developments", "Other event". */
EM_EXTERN const char *em_event_kind_name(em_event_kind kind);
/* "battles", "violence_against_civilians", "explosions", "protests",
 * "riots", "strategic_developments", "other": for layers and styles. */
EM_EXTERN const char *em_event_kind_key(em_event_kind kind);

/* A row is a death figure when it gives one above 0; every other row is an
 * event without deaths: drawn as an event, never as a death circle. */
static inline bool em_report_has_deaths(const em_report *report)
{
	return report->has_fatalities && report->fatalities > 0;
}

typedef struct em_flow {
	const char *flow_id;
	bool has_date;
	em_date date;
	const char *origin;
	const char *destination;
	bool has_people;            /* false: "crowds", no count given */
	long long people;
	em_qualifier qualifier;
	const char *source;
	const char *reported_by;
	const char *notes;
	const char *evidence;       /* where in the source it is said, or "" */
	unsigned long row;
	unsigned long line;
	em_location from, to;
} em_flow;

typedef struct em_dataset em_dataset;

/* A location, origin or destination longer than this many bytes refuses
 * the file: it is a broken file (a missing quote), not a place name. */
#define EM_DATASET_NAME_MAX 256

/* Fatalities and people above this are refused as implausible. */
#define EM_DATASET_COUNT_MAX 100000000LL

EM_EXTERN em_status em_dataset_create(em_dataset **out);
EM_EXTERN void em_dataset_destroy(em_dataset *dataset);

/* Ids must be unique in their file.  A read keeps up to this many bytes of
 * ids in memory for the check, then moves them, sorted, to a temporary
 * file (in $TMPDIR, else /tmp; unlinked at once) and merges those at the
 * end, so a file of any length is checked in bounded memory.  0 keeps
 * every id in memory. */
#define EM_DATASET_ID_BUDGET ((size_t)16 << 20)
EM_EXTERN void em_dataset_set_id_budget(em_dataset *dataset, size_t bytes);

/* Reads a reports file (CSV, or anything GDAL's CSV driver opens).  On any
 * error nothing from the file is kept and err names the file, the row, the
 * column and the problem.  A file can be read once per dataset. */
EM_EXTERN em_status em_dataset_read_reports(em_dataset *dataset, const char *path, em_error *err);
EM_EXTERN em_status em_dataset_read_flows(em_dataset *dataset, const char *path, em_error *err);

EM_EXTERN size_t em_dataset_report_count(const em_dataset *dataset);
EM_EXTERN const em_report *em_dataset_report(const em_dataset *dataset, size_t index);
EM_EXTERN size_t em_dataset_flow_count(const em_dataset *dataset);
EM_EXTERN const em_flow *em_dataset_flow(const em_dataset *dataset, size_t index);
/* The files read, for messages and credits ("" when none). */
EM_EXTERN const char *em_dataset_reports_path(const em_dataset *dataset);
EM_EXTERN const char *em_dataset_flows_path(const em_dataset *dataset);

/* Places every report and flow end: given coordinates win, then the
 * geocoder, with the row's admin1 and country as hints on top of
 * `options`.  The rows of the reports and flows files are one context
 * (see em_geocode_context_*): every name is first geocoded on its own, then
 * judged against the places the others found and the coordinates given.
 * Region-scope rows and region names go to the headline and are drawn,
 * when a flow needs them, at the middle of the dataset's mapped places
 * with region precision.  Records a warning for every name not placed or
 * placed only approximately. */
EM_EXTERN em_status em_dataset_resolve(em_dataset *dataset, const em_gazetteer *gazetteer,
				       const em_geocode_options *options, em_error *err);

/* Whether a subset keeps the dataset's report or flow number index. */
typedef bool (*em_report_keep)(size_t index, const em_report *report, void *data);
typedef bool (*em_flow_keep)(size_t index, const em_flow *flow, void *data);

/* A dataset of the parent's reports and flows that keep_report and
 * keep_flow keep (NULL keeps none), placed as they were, in file order,
 * with the parent's file names; its strings are the parent's, which must
 * outlive it.  For drawing part of a dataset (batch --by). */
EM_EXTERN em_status em_dataset_subset(em_dataset **out, const em_dataset *parent,
				      em_report_keep keep_report, em_flow_keep keep_flow, void *data,
				      em_error *err);

/* Called for every report of a streamed file, placed, in file order.  The
 * report and its strings are valid only during the call. */
typedef em_status (*em_report_sink)(void *context, const em_report *report, em_error *err);

/* Reads a reports file row by row in memory that does not grow with the
 * rows (see em_dataset_set_id_budget for the duplicate check): the file is
 * read twice, first for the context of its names, then every row is
 * checked, placed as em_dataset_resolve would place it and handed to sink,
 * then forgotten.  Read the flows first: they are placed at the end, with
 * the region names and mapped places the stream saw.  On an error (a bad
 * row, or one the sink refuses) err names it; rows before it have been
 * handed on, so the sink's consumer must discard what it made.  The
 * dataset keeps no reports afterwards (em_dataset_report_count is 0) but
 * its tally, warnings and flows are complete. */
EM_EXTERN em_status em_dataset_stream_reports(em_dataset *dataset, const char *path,
					      const em_gazetteer *gazetteer,
					      const em_geocode_options *options,
					      em_report_sink sink, void *context, em_error *err);

/* The distinct place names of a dataset that is kept (not streamed), as
 * they were geocoded: one entry per name and row hints (location, admin1,
 * country; flow ends have no hints), in the order first met, with the one
 * answer every output uses.  Results borrow from the gazetteer the
 * dataset was resolved with. */
EM_EXTERN size_t em_dataset_name_count(const em_dataset *dataset);
EM_EXTERN const em_geocode_query *em_dataset_name(const em_dataset *dataset, size_t index);

/* The days the dataset covers, earliest first: every day from a report's
 * event_date to its event_date_end, and the dates of flows.  Up to max are
 * written to out; returns how many there are in all. */
EM_EXTERN size_t em_dataset_days(em_date *out, size_t max, const em_dataset *dataset);

/* What placing the rows came to. */
typedef struct em_dataset_tally {
	size_t reports;             /* rows read (kept or streamed) */
	size_t mapped, approximate, not_mapped; /* add up to reports */
	size_t regions;             /* of not_mapped: region-wide rows */
	size_t region_events;       /* of those, events without deaths */
	size_t events;              /* rows without deaths, at places or regions */
	size_t flows;
	size_t warnings;            /* all warnings, kept or not */
} em_dataset_tally;

EM_EXTERN void em_dataset_tally_get(em_dataset_tally *out, const em_dataset *dataset);

/* Rows per state over reports; the three add up to the rows read. */
EM_EXTERN void em_dataset_counts(const em_dataset *dataset, size_t *mapped, size_t *approximate,
				 size_t *not_mapped);

/* Warnings from resolving ("reports.csv:9: location 'Tuwaym': not in the
 * gazetteer; did you mean ..."), one per name and field; borrowed.  The
 * first EM_DATASET_WARNINGS_KEPT are kept; the tally counts them all. */
#define EM_DATASET_WARNINGS_KEPT 200
EM_EXTERN size_t em_dataset_warning_count(const em_dataset *dataset);
EM_EXTERN const char *em_dataset_warning(const em_dataset *dataset, size_t index);

/* Names for the enums as they appear in files: "civilians", "at_least",
 * "region", "approximate" ... */
EM_EXTERN const char *em_category_name(em_category category);
EM_EXTERN const char *em_qualifier_name(em_qualifier qualifier);
EM_EXTERN const char *em_scope_name(em_scope scope);
EM_EXTERN const char *em_state_name(em_state state);

/* Parses 2025-03-07, 7 March 2025 or 07-Mar-2025.  false for anything else,
 * including impossible dates (2025-02-30). */
EM_EXTERN bool em_date_parse(em_date *out, const char *text);
/* Writes YYYY-MM-DD (11 bytes with the NUL). */
EM_EXTERN void em_date_format(char *out, size_t size, em_date date);
EM_EXTERN void em_date_split(em_date date, int *year, int *month, int *day);
/* "7 Mar", "6–8 Mar", "28 Feb – 2 Mar", with the year when the two
 * differ ("30 Dec 2024 – 2 Jan 2025"). */
EM_EXTERN void em_date_span_short(char *out, size_t size, em_date first, em_date last);

#ifdef __cplusplus
}
#endif

#endif
