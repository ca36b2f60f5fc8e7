/* eventmap — web: an interactive map as a folder of static files.
 *
 * DIR/web/index.html with its script, style, data and basemap beside it:
 * a page that opens from disk or any static host and asks no other server
 * for anything (its Content-Security-Policy allows nothing from other
 * origins).  The page is hand-written (index.html, app.js, style.css) and
 * drawn with Leaflet; eventmap writes what it shows: data/data.js holds
 * the reports, the flows and one view for all days and one per day, with
 * every figure already in the posters' words, and data/basemap.js the
 * basemap's layers as GeoJSON.  Text from the reports is data, never
 * markup. */
#ifndef EVENTMAP_WEB_H
#define EVENTMAP_WEB_H

#include "eventmap/export.h"

#include <stddef.h>

#include "eventmap/dataset.h"
#include "eventmap/error.h"
#include "eventmap/render.h"
#include "eventmap/style.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The version of data/data.js's shape; the page refuses any other. */
#define EM_WEB_FORMAT 1

/* The most days a page holds a view for (one view per day). */
#define EM_WEB_DAYS_MAX 1000

typedef struct em_web_options {
	/* title, subtitle, credit, labels (the names shown first),
	 * focus_country and filter (the days, kinds and categories) as for a
	 * poster; its page, dpi, crs and extent are not used. */
	em_poster_options poster;
	const char *page_dir;    /* index.html, app.js, style.css */
	const char *library_dir; /* leaflet.js, leaflet.css, LICENSE */
	const char *generator;   /* "eventmap 0.9.0", written in the data */
} em_web_options;

EM_EXTERN void em_web_options_init(em_web_options *options);

/* What was written, for messages and tests. */
typedef struct em_web_report {
	size_t day_count;        /* views of one day */
	size_t place_count;      /* places on the map over all days */
	size_t report_count;     /* reports in the table */
	size_t flow_count;
	size_t bytes;            /* the whole folder */
} em_web_report;

/* Writes dir/web/ from the resolved dataset: built beside it under a
 * temporary name and swapped in whole, so a reader sees the previous
 * folder or the new one, never a mix.  A file (not a folder) named
 * dir/web is refused.  basemap is the OGR source the posters' basemap
 * is read from (geodata/basemap-levant.gpkg): its layers are simplified
 * to about 100 m and written with 4 decimals.  report may be NULL. */
EM_EXTERN em_status em_web_write(const char *dir, const em_dataset *dataset,
				 const char *basemap, const em_style *style,
				 const em_web_options *options, em_web_report *report,
				 em_error *err);

#ifdef __cplusplus
}
#endif

#endif
