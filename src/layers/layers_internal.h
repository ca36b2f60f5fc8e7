/* The layers module's pieces: the field schemas and how a row of the data
 * model becomes an OGR feature (schema.c), and the drivers, files and
 * styles (write.c). */
#ifndef EM_LAYERS_INTERNAL_H
#define EM_LAYERS_INTERNAL_H

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "eventmap/layers.h"

typedef enum layer_kind {
	LAYER_REPORTS = 0,
	LAYER_PLACES,
	LAYER_FLOWS,
	LAYER_NOT_MAPPED,
	LAYER_COUNT
} layer_kind;

extern const char *const em_layer_names[LAYER_COUNT];

/* Creates the layer's fields in an OGR layer just made. */
em_status em__layers_define(OGRLayerH layer, layer_kind kind, em_error *err);

/* Writes one report into the reports or not_mapped layer. */
em_status em__layers_put_report(OGRLayerH layer, layer_kind kind, const em_report *report,
			      em_error *err);

/* Writes every feature of the places or flows layer. */
em_status em__layers_fill(OGRLayerH layer, layer_kind kind, const em_dataset *dataset,
			 const em_summary *summary, em_error *err);

/* The QGIS project in a GeoPackage: the days layer, the basemap's layers,
 * and the project (styles/qgis/project.qgs filled) in qgis_projects.  gpkg
 * is the file's base name, by which the project finds its layers. */
/* A whole file as a NUL-terminated string, or NULL (errno says why). */
char *em__layers_read_text(const char *path);

typedef struct em__layers_days em__layers_days;

em_status em__layers_days_create(em__layers_days **out);
void em__layers_days_destroy(em__layers_days *days);
/* Counts a report on each day of its span, and where it is. */
void em__layers_days_add(em__layers_days *days, const em_report *report);

em_status em__layers_project(GDALDatasetH ds, OGRSpatialReferenceH wgs84, const char *gpkg,
			     em__layers_days *days, const em_dataset *dataset,
			     const em_layers_options *options, em_error *err);

/* The geometry type a layer is created with. */
OGRwkbGeometryType em__layers_geometry(layer_kind kind);

#endif
