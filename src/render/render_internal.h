/* The renderer's shared state and the steps in its files: text (Pango),
 * placement (labels that overlap nothing), the map, the panels, and the
 * output surfaces.  Page units are millimetres throughout. */
#ifndef EM_RENDER_INTERNAL_H
#define EM_RENDER_INTERNAL_H

#include <cairo.h>
#include <pthread.h>
#include <stdio.h>
#include <pango/pangocairo.h>

#include "eventmap/render.h"
#include "eventmap/text.h"
#include "../util/keymap.h"
#include "../util/strbuf.h"
#include "words.h"

#define MM_PER_PT (25.4 / 72.0)
#define OCCUPIED_MAX 1024

typedef struct circle {
	double x, y, r;
} circle;

/* Everything already on the map that a label must not cover. */
typedef struct occupancy {
	em_box boxes[OCCUPIED_MAX];
	size_t box_count;
	circle circles[OCCUPIED_MAX];
	size_t circle_count;
	em_box frame; /* labels stay inside */
} occupancy;

/* A flow as drawn: flows with the same ends are one arrow. */
typedef struct arrow {
	double x0, y0, x1, y1;  /* page mm */
	double cx, cy;          /* the curve's control point */
	double width;
	bool counted;
	bool approximate;
	size_t first;           /* the first flow with these ends */
	long best;              /* the largest counted one, or -1 */
	em_strbuf sources;      /* every source of its flows */
	em_strbuf label;
} arrow;

typedef struct rctx {
	cairo_t *cr;
	const em_style *style;
	const em_poster_options *options;
	const em_dataset *dataset;
	const em_summary *summary;
	const em_basemap *basemap;
	em_mapview *view;
	em_bbox view_bounds;     /* the map frame in lon/lat */
	em_box page;
	em_box map;              /* the map frame on the page */
	double text_scale;       /* type and symbol sizes for the page size */
	char focus_country[8];   /* ISO code drawn lighter, "" for none */
	long long scale_max;     /* the value at full marker size */
	arrow *arrows;           /* as many as the flows need (em__arrows_clear frees) */
	size_t arrow_count, arrow_cap;
	occupancy occupied;
	em_render_report *report;
	em_error *err;
	/* A place's name on every poster of a dataset: place id -> the first
	 * report (index + 1) that names it, in file order. */
	em_keymap names;
	/* Labels with no free room, named in the "not on the map" panel. */
	char left_out[1024];
	size_t left_out_count, left_out_named;
	/* An overview's legend: the marks of reports longer than a map's days. */
	bool legend_spanning;
	unsigned legend_spanning_kinds;
	/* ... and what its maps hold (categories and kinds by bit, arrows). */
	unsigned legend_categories, legend_kinds;
	bool legend_counted_arrows, legend_uncounted_arrows;
} rctx;

/* text.c */
/* "Saturday 8 March 2025", with or without the weekday and the year. */
void em__date_words(char *out, size_t size, em_date day, bool weekday, bool year);
PangoLayout *em__text_layout(rctx *r, const char *text, double pt, bool bold, bool italic,
			    double width_mm);
void em__text_size(PangoLayout *layout, double *width_mm, double *height_mm);
void em__draw_layout(rctx *r, PangoLayout *layout, double x, double y, em_color color);
void em__draw_layout_halo(rctx *r, PangoLayout *layout, double x, double y, em_color color,
			 em_color halo, double halo_mm);
void em__set_color(cairo_t *cr, em_color c);
void em__set_color_alpha(cairo_t *cr, em_color c, double alpha);

/* placement.c */
bool em__box_overlaps(const em_box *a, const em_box *b);
bool em__spot_is_free(const occupancy *o, const em_box *box);
void em__occupy_box(rctx *r, const em_box *box, bool report);
void em__occupy_circle(rctx *r, double x, double y, double radius);
/* Tries the positions around a point (or circle of radius) and returns
 * the first free one; false when none is, with *out at the first. */
bool em__place_label(const occupancy *o, double x, double y, double radius, double w,
		    double h, em_box *out);
/* The same further out (up to 24 mm times scale beyond the radius), for a
 * label that will need a leader line back to its point. */
bool em__place_label_far(const occupancy *o, double x, double y, double radius, double w,
			double h, double scale, em_box *out);
/* A label that found no free room: not drawn over another, but named
 * beside the map. */
void em__label_left_out(rctx *r, const char *text);
/* A thin line from the nearest edge of a label's box to its point. */
void em__draw_leader(rctx *r, const em_box *box, double x, double y, em_color color);

/* frame.c */
bool em__focus_country(char *out, size_t size, const em_dataset *dataset,
		       const em_poster_options *options);
/* map.c */
em_status em__draw_map(rctx *r);
double em__marker_radius(const rctx *r, long long value);
/* The page point of a lon/lat on the map; false when it cannot be drawn. */
/* map.c */
void em__circle_path(cairo_t *cr, double x, double y, double radius);
/* basemap.c */
void em__draw_basemap(rctx *r);
void em__draw_towns(rctx *r);
void em__draw_area_names(rctx *r, em_basemap_layer_id id, em_color color, double pt,
			 bool italic, bool spaced);
bool em__map_point(const rctx *r, double lon, double lat, double *x, double *y);

/* A place's name as the poster prints it (buf when it builds one): the
 * spelling its first report in the file gives, the same on every poster
 * of the dataset; with English labels, the gazetteer's Latin name when
 * that spelling is in Arabic script. */
const char *em__place_name(const rctx *r, const em_place_total *p, char *buf, size_t size);
/* Builds r->names; false when out of memory. */
bool em__place_names_index(rctx *r);

/* arrows.c */
em_status em__prepare_arrows(rctx *r);
/* One more arrow, zeroed (NULL when out of memory), and all of them gone. */
arrow *em__arrows_add(rctx *r);
void em__arrows_clear(rctx *r);
void em__draw_arrows(rctx *r);
void em__draw_arrow_labels(rctx *r);

/* events.c */
double em__event_size(const rctx *r);
void em__event_symbol_path(cairo_t *cr, em_event_kind kind, double cx, double cy, double size);
void em__draw_event_symbol(rctx *r, em_event_kind kind, double cx, double cy, double size,
			  bool hollow);
/* Where a place's row of event symbols goes (width 0 without events):
 * on the place, or beneath its death circle. */
em_box em__event_row_box(const rctx *r, const em_place_total *p, double x, double y);
void em__draw_event_rows(rctx *r);

/* panels.c: a cursor down a panel; a dry run measures without drawing. */
typedef struct em_cursor {
	rctx *r;
	double x, y, width;
	bool dry;
	double room;   /* the height a panel's content may take; 0: as it needs */
} em_cursor;

/* A block of wrapped text at the cursor; returns its height. */
double em__text_block(em_cursor *c, const char *text, double pt, bool bold, bool italic,
		     em_color color);
void em__gap(em_cursor *c, double mm);

typedef enum em_panel {
	EM_PANEL_HEADLINE, EM_PANEL_LEGEND, EM_PANEL_INSET, EM_PANEL_PLACES, EM_PANEL_UNMAPPED,
	EM_PANEL_CREDITS
} em_panel;
em_status em__draw_panels(rctx *r, const em_box *area, bool columns);
void em__draw_panel(rctx *r, em_panel which, double x, double *y, double width, bool framed);
/* Height of the legend (framed) or the credits (not) at this width. */
double em__panel_height(rctx *r, em_panel which, double width);
double em__title_band(rctx *r);

/* frame.c: em_render_check_places for a basemap's coverage (the extent
 * of its land) however it was read. */
em_status em__check_places_within(const em_bbox *coverage, const em_dataset *dataset,
				  const em_filter *filter, em_error *err);

/* render.c: the title and subtitle a poster of these options gets when
 * they are not given (subtitle is filled when options->subtitle is NULL). */
void em__poster_texts(em_poster_options *options, const em_dataset *dataset, char *subtitle,
		      size_t size);

/* legend.c (em_category_words: words.h) */
void em__legend_content(em_cursor *c);

/* chronology.c: what happened, day by day, in at most `height` mm (the
 * entries that do not fit are counted in an "and N more" line). */
void em__chronology_content(em_cursor *c, double height);
/* Whether the poster's days hold anything for the chronology. */
bool em__chronology_any(const rctx *r);

/* render.c: writing a recorded page to files, each in a thread. */
/* A context for pages of a dataset: the names its places carry on every
 * page, the focus country, the summary of options' filter; end frees it
 * whatever begin managed. */
em_status em__render_begin(rctx *r, const em_dataset *dataset, const em_basemap *basemap,
			   const em_style *style, const em_poster_options *options,
			   em_render_report *report, em_error *err);
void em__render_end(rctx *r);
/* A page to record in millimetres; the pixel density its PNG is written at. */
cairo_surface_t *em__render_page(const em_page *page);
double em__render_dpi(const em_poster_options *options);
/* Whether each path ends in .png, .pdf or .svg (1 to 16 of them). */
em_status em__render_check_outputs(const char *const *paths, size_t count, em_error *err);
em_status em__render_write(const char *const *paths, size_t count, cairo_surface_t *page,
			  const em_poster_options *options, const em_dataset *dataset,
			  double dpi, em_render_report *report, em_error *err);
double em__render_text_scale(const em_page *page);
/* png.c: the recorded page (millimetres) as a width x height PNG, scale
 * pixels a millimetre, its resolution dpi; drawn and compressed in strips
 * on as many threads as there are processors unless one_thread.  The
 * recording is read only under page_lock (NULL: a lock of the call's
 * own, for a recording no other thread reads). */
em_status em__png_write(FILE *out, const char *path, cairo_surface_t *page,
			pthread_mutex_t *page_lock, int width, int height, double scale, double dpi,
			bool one_thread, em_error *err);


#endif
