/* eventmap — style: everything a poster's look depends on (colours, fonts,
 * line widths, sizes, margins), read from an INI-style file with GLib's
 * key-file parser.  A style file may give only some keys: the rest keep
 * the built-in print defaults, so a user can copy one and change a few.
 *
 * Errors name the file, the line and the key ("styles/mine.ini:12: key
 * 'sea' in [map]: 'blue-ish' is not a colour (write #RRGGBB or #RRGGBBAA)"). */
#ifndef EVENTMAP_STYLE_H
#define EVENTMAP_STYLE_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_color {
	double r, g, b, a; /* 0..1 */
} em_color;

typedef enum em_symbol_scaling {
	EM_SCALING_SQRT = 0,    /* circle area proportional to the value */
	EM_SCALING_FLANNERY = 1 /* Flannery's apparent-size compensation */
} em_symbol_scaling;

typedef struct em_style {
	char name[64];
	/* page and panels */
	em_color page, panel, panel_border, heading, text, muted_text;
	em_color title_band, title_text, subtitle_text;
	char font[64];
	double title_pt, subtitle_pt, heading_pt, text_pt, small_pt, credit_pt;
	double margin_mm, gutter_mm, panel_padding_mm;
	/* map */
	em_color sea, land, focus_land, neighbour_land, coast, border, lake, river;
	em_color frame, sea_label, country_label;
	double coast_mm, border_mm, river_mm, frame_mm;
	em_color town_dot, town_label;
	double town_dot_mm, town_pt, country_pt;
	/* markers */
	em_color category[5]; /* civilians, security_forces, pro_assad_fighters, unknown, mixed */
	double marker_opacity, range_opacity;
	em_color marker_outline;
	double marker_outline_mm, marker_max_mm, marker_min_mm;
	em_symbol_scaling scaling;
	/* labels */
	em_color label, label_halo;
	double label_pt, label_halo_mm;
	/* events: reports without deaths, one symbol per ACLED event type */
	em_color event_ink;
	double event_mm;
	/* arrows */
	em_color arrow, arrow_uncounted;
	double arrow_max_mm, arrow_min_mm;
	/* locator inset */
	em_color inset_land, inset_focus, inset_box;
} em_style;

/* One key a style file may set, with the built-in print default as a
 * style file writes it. */
typedef struct em_style_key {
	const char *group;         /* "map" for [map] */
	const char *key;           /* "sea" */
	const char *default_value; /* "#cfe1ee", "0.25", "Noto Sans", "sqrt" */
	double min, max;           /* for a number, the values allowed; else both 0 */
} em_style_key;

/* The built-in print style (the values styles/print.ini spells out). */
EM_EXTERN void em_style_defaults(em_style *out);

/* The index-th key a style file may set, from 0, in the order of
 * styles/print.ini: true and *out filled, or false past the last key. */
EM_EXTERN bool em_style_key_at(size_t index, em_style_key *out);

/* Reads `name_or_path`: a file path, or a name looked up as
 * styles_dir/<name>.ini ("print", "dark", "mono").  Keys not in the file
 * keep the print defaults.  EM_ERR_IO for a missing file, EM_ERR_INVALID
 * with file, line and key for a bad one. */
EM_EXTERN em_status em_style_load(em_style *out, const char *name_or_path, const char *styles_dir,
			em_error *err);

#ifdef __cplusplus
}
#endif

#endif
