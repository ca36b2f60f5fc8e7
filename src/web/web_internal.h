/* The web folder's writers: JSON text that is safe inside a script, the
 * data (data.c, views.c) and the basemap (basemap.c). */
#ifndef EM_WEB_INTERNAL_H
#define EM_WEB_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "eventmap/web.h"
#include "eventmap/summary.h"
#include "../util/keymap.h"

/* ---- json.c: JSON that is also a safe JavaScript expression ------------- */

/* A string: quotes, backslashes and control characters escaped as JSON
 * asks; '<', '>' and '&' as \u escapes, so that no "</script>" or "<!--"
 * can appear even if the file is inlined; U+2028 and U+2029 escaped; a
 * byte that is not UTF-8 as U+FFFD. */
void em__json_string(FILE *out, const char *text);
/* "key": with a comma before unless first (then *first becomes false). */
void em__json_key(FILE *out, bool *first, const char *key);
void em__json_key_string(FILE *out, bool *first, const char *key, const char *text);
void em__json_key_int(FILE *out, bool *first, const char *key, long long value);
void em__json_key_bool(FILE *out, bool *first, const char *key, bool value);
/* A number with at most `decimals` decimals, trailing zeros dropped. */
void em__json_number(FILE *out, double value, int decimals);
/* "#rrggbb" or "rgba(r,g,b,a)" for a colour. */
void em__json_color(FILE *out, em_color color);

/* ---- data.c and views.c ---------------------------------------------------- */

/* What the data writer shares with the views. */
typedef struct em_web_data {
	const em_dataset *dataset;
	const em_web_options *options;
	const em_style *style;
	em_filter base;          /* the options' filter: what the page holds */
	em_keymap place_index;   /* place id -> index in places[] + 1 */
	const em_place_total **places; /* every place of the "all" view */
	size_t place_count;
	size_t *report_index;    /* dataset report -> index in the page's reports + 1; 0: left out */
	size_t report_count;
	size_t *flow_index;
	size_t flow_count;
	em_date *days;           /* the days with a view */
	size_t day_count;
	long long deaths_max, people_max; /* the largest over every view */
	em_summary *all;         /* the "all" view's summary */
	const char *title, *subtitle;
	char subtitle_text[512];
	char focus_country[8];
	em_bbox bounds;          /* the places and arrows */
	em_bbox coverage;        /* the basemap's land and the bounds */
} em_web_data;

/* A place's key, as the summary keys places: its gazetteer id, or
 * "given:LAT,LON" for coordinates given in the row (buf holds it). */
const char *em__web_place_key(const em_report *report, char *buf, size_t size);

/* The object data.js assigns to window.EVENTMAP, as JSON. */
em_status em__web_write_data(FILE *out, em_web_data *data, em_web_report *report, em_error *err);

/* The views, "all" and one per day, as one JSON object; sets deaths_max
 * and people_max to the largest figures over them. */
em_status em__web_write_views(FILE *out, em_web_data *data, em_error *err);

/* ---- basemap.c ------------------------------------------------------------ */

/* The object basemap.js assigns to window.EVENTMAP_BASEMAP, as JSON:
 * {layer: FeatureCollection, ...}; bounds gets the extent of the land. */
em_status em__web_write_basemap(FILE *out, const char *path, em_bbox *bounds, em_error *err);

/* Whether the basemap opens and has the layers the page needs; coverage
 * gets the extent of its land, as the posters' basemap has it. */
em_status em__web_check_basemap(const char *path, em_bbox *coverage, em_error *err);

#endif
