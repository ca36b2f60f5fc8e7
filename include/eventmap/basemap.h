/* eventmap — basemap: the layers a poster is drawn on (land, lakes, rivers,
 * coastline, borders, countries and their labels, context towns, and a
 * coarser land and countries for the locator inset), read through OGR from
 * any source with those layer names, into plain lon/lat arrays. */
#ifndef EVENTMAP_BASEMAP_H
#define EVENTMAP_BASEMAP_H

#include "eventmap/export.h"

#include <stddef.h>

#include "eventmap/error.h"
#include "eventmap/mapview.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum em_basemap_layer_id {
	EM_BASEMAP_LAND = 0,
	EM_BASEMAP_LAKES,
	EM_BASEMAP_RIVERS,
	EM_BASEMAP_COASTLINE,
	EM_BASEMAP_BORDERS,
	EM_BASEMAP_COUNTRIES,
	EM_BASEMAP_COUNTRY_LABELS,
	EM_BASEMAP_SEA_LABELS,
	EM_BASEMAP_TOWNS,
	EM_BASEMAP_LOCATOR_LAND,
	EM_BASEMAP_LOCATOR_COUNTRIES,
	EM_BASEMAP_LAYER_COUNT
} em_basemap_layer_id;

/* One feature: its attributes and its rings or lines.  Part i has
 * part_sizes[i] points, stored one after another as lon, lat pairs. */
typedef struct em_basemap_feature {
	const char *id;       /* the gazetteer's id (towns: geonameid), or "" */
	const char *name;     /* "" when the layer has no such field */
	const char *name_ar;
	const char *iso;
	long long population;
	size_t part_count;
	const size_t *part_sizes;
	const double *coords;
	em_bbox bbox;
} em_basemap_feature;

typedef struct em_basemap_layer {
	const em_basemap_feature *features;
	size_t count;
} em_basemap_layer;

typedef struct em_basemap em_basemap;

/* Reads every layer of `path`.  land, coastline, borders and countries are
 * required (EM_ERR_INVALID naming the missing layer); the others may be
 * absent and are then empty. */
EM_EXTERN em_status em_basemap_create(em_basemap **out, const char *path, em_error *err);
EM_EXTERN void em_basemap_destroy(em_basemap *basemap);

/* The area the basemap covers (the extent of its land layer): beyond it a
 * map would show sea where nothing is known. */
EM_EXTERN em_bbox em_basemap_coverage(const em_basemap *basemap);

/* Borrowed; never NULL for a valid id. */
EM_EXTERN const em_basemap_layer *em_basemap_get(const em_basemap *basemap, em_basemap_layer_id id);

/* The layer names, as in the file ("land", "locator_countries"...). */
EM_EXTERN const char *em_basemap_layer_name(em_basemap_layer_id id);

#ifdef __cplusplus
}
#endif

#endif
