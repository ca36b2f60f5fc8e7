/* eventmap — layers: the dataset as GIS layers through OGR.
 *
 * Layers: `reports` (points: every mapped or approximate row with all its
 * attributes and how it was placed), `places` (points: the aggregated
 * ranges per place), `flows` (lines from origin to destination) and
 * `not_mapped` (attributes only: region totals and rows that could not be
 * placed, each with its reason).  A GeoPackage also holds a QGIS default
 * style per layer in `layer_styles`, so the layers open styled.
 *
 * File outputs are atomic: everything is written into a hidden temporary
 * directory beside the destination and each file is renamed into place only
 * when every format succeeded.  A failed or killed run leaves the earlier
 * files whole. */
#ifndef EVENTMAP_LAYERS_H
#define EVENTMAP_LAYERS_H

#include "eventmap/export.h"

#include <stddef.h>

#include "eventmap/summary.h"
#include "eventmap/error.h"
#include "eventmap/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_layers_options {
	/* Comma-separated OGR driver names: "GPKG,GeoJSON" (the default when
	 * NULL), "FlatGeobuf", "KML", "CSV", "PostgreSQL"... */
	const char *formats;
	/* Directory holding qgis/<layer>.qml; NULL writes no styles. */
	const char *styles_dir;
	/* For database drivers (PostgreSQL): the connection string
	 * ("PG:dbname=... host=..."); tables are replaced in one transaction. */
	const char *connection;
	/* For a GeoPackage with styles: the QGIS project stored in it copies
	 * this basemap's layers (NULL: empty ones) and takes this title (NULL:
	 * "eventmap"). */
	const char *basemap;
	const char *title;
} em_layers_options;

/* Writes every layer in every format under `directory` (created if
 * missing): GPKG -> eventmap.gpkg; GeoJSON -> geojson/<layer>.geojson
 * (RFC 7946); a driver that holds several layers in one file ->
 * eventmap.<ext>; any other -> <driver>/<layer>.<ext>.
 * Errors: EM_ERR_INVALID for an unknown or read-only driver (err lists the
 * problem), EM_ERR_IO with GDAL's own message for a write failure. */
EM_EXTERN em_status em_layers_write(const char *directory, const em_dataset *dataset,
			  const em_summary *summary, const em_layers_options *options,
			  em_error *err);

/* The same in steps, for reports that stream past (em_dataset_stream_reports)
 * rather than sit in a dataset: create opens every format and creates every
 * layer; add writes one report to the reports or not_mapped layer of each;
 * commit writes the places (from the summary of the same reports) and the
 * dataset's flows, the styles, and publishes.  The writer's status is
 * sticky: after a failure every call returns it again (copied to err) and
 * writes nothing.  destroy frees the writer and, unless commit succeeded,
 * keeps nothing of what it wrote.  The options' strings must live until
 * destroy. */
typedef struct em_layers_writer em_layers_writer;

EM_EXTERN em_status em_layers_writer_create(em_layers_writer **out, const char *directory,
				  const em_layers_options *options, em_error *err);
EM_EXTERN em_status em_layers_writer_add(em_layers_writer *writer, const em_report *report,
			       em_error *err);
EM_EXTERN em_status em_layers_writer_commit(em_layers_writer *writer, const em_dataset *dataset,
				  const em_summary *summary, em_error *err);
EM_EXTERN void em_layers_writer_destroy(em_layers_writer *writer);

#ifdef __cplusplus
}
#endif

#endif
