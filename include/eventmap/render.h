/* eventmap — render: the poster, composed with Cairo and Pango.
 *
 * A poster is a page: a title band, the main map (basemap, displacement
 * arrows, casualty markers showing the range across sources, labels placed
 * so that none overlaps another or a marker), a headline panel with the
 * region-wide totals per source, a legend, a locator inset, a "not mapped"
 * note and credits naming every source and licence.  PNG at any DPI,
 * vector PDF with selectable text and metadata, SVG.  The same inputs give
 * the same bytes. */
#ifndef EVENTMAP_RENDER_H
#define EVENTMAP_RENDER_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/summary.h"
#include "eventmap/basemap.h"
#include "eventmap/error.h"
#include "eventmap/mapview.h"
#include "eventmap/dataset.h"
#include "eventmap/style.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_page {
	char name[32];       /* "A3 landscape", "social-square"... */
	double width_mm, height_mm;
	double pixel_dpi;    /* social presets are pixel sizes: their DPI; else 0 */
} em_page;

/* Parses A4, A3, A2 (landscape unless portrait), social-square
 * (1080 x 1080 px), social-wide (1600 x 900 px) or WxHmm ("300x200mm"). */
EM_EXTERN em_status em_page_parse(em_page *out, const char *preset, bool portrait, em_error *err);

typedef enum em_label_language {
	EM_LABELS_EN = 0,
	EM_LABELS_AR,
	EM_LABELS_BOTH
} em_label_language;

typedef struct em_poster_options {
	const char *title;           /* NULL: "Reported deaths and displacement" */
	const char *subtitle;        /* NULL: the date span and what is shown */
	const char *credit;          /* NULL, or a line at the head of the credits */
	em_page page;
	double dpi;                  /* PNG only; 0 -> 300 (or the page's pixel DPI) */
	em_label_language labels;
	const char *crs;             /* NULL: automatic transverse Mercator */
	/* The country drawn lighter on the map and the locator (ISO code);
	 * NULL: the one most of the dataset's mapped places lie in; "": none. */
	const char *focus_country;
	em_filter filter;            /* which days; zeroed for all */
	/* For a series: every poster shares these so readers can compare. */
	const em_bbox *extent;       /* NULL: fitted to this poster's data */
	long long scale_max;         /* the value drawn at full marker size; 0: this data's */
	const char *series_note;     /* e.g. "Same scale on every day", or NULL */
	/* What the headline says when the poster holds no region-wide total;
	 * NULL: that no source gave one (a part of a dataset says more). */
	const char *no_total_note;
	long long source_date_epoch; /* PDF dates; < 0: from SOURCE_DATE_EPOCH or the data */
	bool one_thread;             /* write several formats one after another */
} em_poster_options;

/* What was placed where, in page millimetres, for tests and checks. */
typedef struct em_box {
	double x, y, width, height;
} em_box;

/* A place drawn: a death circle, a row of event symbols, or both. */
typedef struct em_placed_marker {
	char place_id[64];              /* gazetteer id, or "given:LAT,LON" */
	char name[64];                  /* as reported */
	double x, y, radius;            /* the death circle; radius 0 without one */
	em_box symbols;                 /* the row of event symbols; width 0 without */
	bool deaths;                    /* a death circle is drawn */
	bool spanning;                  /* ... hatched: a figure for days beyond */
	unsigned event_kinds;           /* symbols drawn filled (1u << em_event_kind) */
	unsigned spanning_kinds;        /* symbols drawn hollow */
} em_placed_marker;

#define EM_RENDER_REPORT_MAX 256

typedef struct em_render_report {
	double page_width_mm, page_height_mm;
	int pixel_width, pixel_height;    /* PNG only */
	em_box map_frame;
	size_t marker_count;
	em_placed_marker markers[EM_RENDER_REPORT_MAX];
	size_t label_count;
	em_box labels[EM_RENDER_REPORT_MAX]; /* place, arrow and town labels drawn */
	size_t labels_overlapping;           /* labels drawn over something: always 0 */
	size_t labels_left_out;              /* labels with no free room, named in a panel */
	char scale_text[32];                 /* "25 km" */
	double scale_km, scale_mm;
	size_t legend_values[3];
	size_t event_symbols;                /* event symbols drawn on the map */
	bool empty;                          /* nothing was reported for the days */
	size_t chronology_entries;           /* lines of the chronology drawn */
	size_t chronology_left_out;          /* ... and those it had no room for */
} em_render_report;

EM_EXTERN void em_poster_options_init(em_poster_options *options);

/* Renders the resolved dataset to path (.png, .pdf or .svg, atomically).
 * report may be NULL. */
EM_EXTERN em_status em_render_poster(const char *path, const em_dataset *dataset,
			   const em_basemap *basemap, const em_style *style,
			   const em_poster_options *options, em_render_report *report,
			   em_error *err);

/* The same poster in several files at once (a PNG and a PDF, say): it is
 * laid out once and played back into each, which is faster than two
 * calls and guarantees the files show the same thing. */
EM_EXTERN em_status em_render_posters(const char *const *paths, size_t count, const em_dataset *dataset,
			    const em_basemap *basemap, const em_style *style,
			    const em_poster_options *options, em_render_report *report,
			    em_error *err);

/* Small multiples: one small map per period on one page, sharing the
 * extent and scale in options (extent and scale_max should be set), with
 * one legend and title.  A period is period_days days from each of
 * `starts` (1: days, 7: weeks), within the days of options->filter.
 * cumulative: each map shows everything up to the end of its period. */
EM_EXTERN em_status em_render_overview(const char *const *paths, size_t count, const em_dataset *dataset,
			     const em_basemap *basemap, const em_style *style,
			     const em_poster_options *options, const em_date *starts,
			     size_t period_count, int period_days, bool cumulative, em_error *err);

/* The extent (lon/lat) and marker scale a poster of `filter` would use:
 * for series that must share them.  The scale is the largest figure, and
 * at least EM_RENDER_SCALE_FLOOR. */
#define EM_RENDER_SCALE_FLOOR 10
EM_EXTERN em_status em_render_fit(em_bbox *extent, long long *scale_max,
				  const em_dataset *dataset, const em_filter *filter,
				  em_error *err);

/* The frame a series of posters shares so that readers can compare them:
 * the extent of the whole dataset, and the largest scale any one of the
 * posters' filters would use (a filter with nothing placed counts for
 * nothing).  EM_ERR_NOTFOUND when the dataset places nothing. */
EM_EXTERN em_status em_render_series_frame(em_bbox *extent, long long *scale_max,
					   const em_dataset *dataset, const em_filter *filters,
					   size_t count, em_error *err);

/* EM_ERR_INVALID (naming the point and the coverage) when an extent of
 * places reaches beyond the area the basemap covers, where a map would
 * show them at sea.  Every poster checks it; callers that write other
 * outputs first can check it before. */
EM_EXTERN em_status em_render_check_coverage(const em_basemap *basemap, const em_bbox *data,
				   em_error *err);
/* The same for the places of the dataset a filter keeps (NULL: all),
 * naming the first that lies outside. */
EM_EXTERN em_status em_render_check_places(const em_basemap *basemap, const em_dataset *dataset,
				 const em_filter *filter, em_error *err);

#ifdef __cplusplus
}
#endif

#endif
