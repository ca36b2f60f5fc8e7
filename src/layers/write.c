/* Writing the layers with OGR: one dataset per format (or per layer for
 * drivers that hold one layer a file), QGIS default styles in a
 * GeoPackage's or database's `layer_styles`, and atomic replacement of the
 * files through a temporary directory beside them. */
#include "layers_internal.h"
#include "../util/gdal_support.h"

#include "eventmap/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>

#define PATH_MAX_LEN 4096
#define FORMATS_MAX 16

/* One output of one format: where it is written first and where it goes. */
typedef struct output {
	char temp[PATH_MAX_LEN];
	char final[PATH_MAX_LEN];
} output;

/* One dataset open for writing: a file in the temporary directory (or a
 * database), with the layers it holds. */
typedef struct destination {
	GDALDatasetH ds;
	/* For a driver that cannot take features for its layers in any order
	 * (KML, GPX, DXF...): a GeoPackage in the temporary directory the layers
	 * are written to first, copied in layer order at the end. */
	GDALDatasetH spool;
	char driver[32];
	const char *label;          /* for messages: the final path or the driver */
	bool database;
	bool transaction;           /* a dataset transaction is open */
	bool styles;                /* gets a layer_styles table */
	OGRLayerH layers[LAYER_COUNT]; /* NULL: the layer is in another destination */
} destination;

struct em_layers_writer {
	const char *directory;
	/* The highest directory begin made, removed again (when empty) if
	 * nothing is published: a refused input leaves no trace. */
	char made[PATH_MAX_LEN];
	char temp_dir[PATH_MAX_LEN];
	output outputs[FORMATS_MAX * LAYER_COUNT];
	size_t output_count;
	destination targets[FORMATS_MAX * LAYER_COUNT];
	size_t target_count;
	char database_driver[32];
	em_layers_options options;
	OGRSpatialReferenceH wgs84;
	em__layers_days *days;      /* the days of the reports added, for the QGIS project */
	/* Sticky, as a cairo surface's status: the first failure stays, later
	 * calls return it, and each call copies it to its caller's err. */
	em_error error;
	bool committed;
};

typedef struct em_layers_writer job;

/* A whole file as a NUL-terminated string, or NULL (errno says why). */
char *em__layers_read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		text = malloc((size_t)size + 1);
		if (text != NULL && fread(text, 1, (size_t)size, f) != (size_t)size) {
			free(text);
			text = NULL;
		}
		if (text != NULL)
			text[size] = '\0';
	}
	fclose(f);
	return text;
}

static em_status define_style_table(OGRLayerH table, em_error *err)
{
	static const struct {
		const char *name;
		OGRFieldType type;
		int width;
	} fields[] = {
		{"f_table_catalog", OFTString, 256}, {"f_table_schema", OFTString, 256},
		{"f_table_name", OFTString, 256}, {"f_geometry_column", OFTString, 256},
		{"styleName", OFTString, 30}, {"styleQML", OFTString, 0},
		{"styleSLD", OFTString, 0}, {"useAsDefault", OFTInteger, 0},
		{"description", OFTString, 0}, {"owner", OFTString, 30},
		{"ui", OFTString, 30}, {"update_time", OFTDateTime, 0},
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		OGRFieldDefnH defn = OGR_Fld_Create(fields[i].name, fields[i].type);
		OGRErr e;
		OGR_Fld_SetWidth(defn, fields[i].width);
		if (fields[i].type == OFTInteger)
			OGR_Fld_SetSubType(defn, OFSTBoolean);
		if (fields[i].type == OFTDateTime)
			OGR_Fld_SetDefault(defn, "CURRENT_TIMESTAMP");
		e = OGR_L_CreateField(table, defn, TRUE);
		OGR_Fld_Destroy(defn);
		if (e != OGRERR_NONE)
			return em__gdal_error(err, "layer_styles", "cannot create field");
	}
	return EM_OK;
}

/* QGIS loads the row with useAsDefault for (schema, table, geometry
 * column) when it opens a layer: the layers open styled. */
static em_status write_styles(job *j, GDALDatasetH ds, const char *schema_name,
			      const char *geometry_column)
{
	static const char *const options[] = {"FID=id", "OVERWRITE=YES", NULL};
	OGRLayerH table;
	em_status status;

	table = GDALDatasetCreateLayer(ds, "layer_styles", NULL, wkbNone, (char **)options);
	if (table == NULL)
		return em__gdal_error(&j->error, "layer_styles", "cannot create the table");
	status = define_style_table(table, &j->error);
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++) {
		char path[PATH_MAX_LEN], description[128];
		char *qml;
		OGRFeatureH f;

		if (k == LAYER_NOT_MAPPED)
			continue;
		snprintf(path, sizeof(path), "%s/qgis/%s.qml", j->options.styles_dir,
			 em_layer_names[k]);
		qml = em__layers_read_text(path);
		if (qml == NULL)
			return em_error_set(&j->error, EM_ERR_IO, "%s: cannot read the QGIS style: %s",
					    path, strerror(errno));
		snprintf(description, sizeof(description), "eventmap default style for %s",
			 em_layer_names[k]);
		f = OGR_F_Create(OGR_L_GetLayerDefn(table));
		OGR_F_SetFieldString(f, 0, "");
		OGR_F_SetFieldString(f, 1, schema_name);
		OGR_F_SetFieldString(f, 2, em_layer_names[k]);
		OGR_F_SetFieldString(f, 3, geometry_column);
		OGR_F_SetFieldString(f, 4, em_layer_names[k]);
		OGR_F_SetFieldString(f, 5, qml);
		OGR_F_SetFieldString(f, 6, "");
		OGR_F_SetFieldInteger(f, 7, 1);
		OGR_F_SetFieldString(f, 8, description);
		OGR_F_SetFieldString(f, 9, "");
		OGR_F_SetFieldString(f, 10, "");
		if (OGR_L_CreateFeature(table, f) != OGRERR_NONE)
			status = em__gdal_error(&j->error, "layer_styles", "cannot write a style");
		OGR_F_Destroy(f);
		free(qml);
	}
	return status;
}

/* Options per driver for output that other tools read well. */
static char **layer_options(const char *driver, char **options)
{
	if (strcmp(driver, "GeoJSON") == 0) {
		options = CSLSetNameValue(options, "RFC7946", "YES");
		options = CSLSetNameValue(options, "COORDINATE_PRECISION", "6");
	} else if (strcmp(driver, "CSV") == 0) {
		options = CSLSetNameValue(options, "GEOMETRY", "AS_WKT");
	} else if (strcmp(driver, "GPKG") == 0 || strcmp(driver, "PostgreSQL") == 0) {
		options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
		options = CSLSetNameValue(options, "FID", "fid");
	}
	if (strcmp(driver, "PostgreSQL") == 0)
		options = CSLSetNameValue(options, "OVERWRITE", "YES");
	return options;
}

static em_status make_layer(job *j, GDALDatasetH ds, const char *driver, layer_kind kind,
			    OGRLayerH *out)
{
	char **options = layer_options(driver, NULL);
	OGRwkbGeometryType geometry = em__layers_geometry(kind);

	CPLErrorReset();
	*out = GDALDatasetCreateLayer(ds, em_layer_names[kind],
				      geometry == wkbNone ? NULL : j->wgs84, geometry, options);
	CSLDestroy(options);
	if (*out == NULL)
		return em__gdal_error(&j->error, em_layer_names[kind], "cannot create the layer");
	return em__layers_define(*out, kind, &j->error);
}

static em_status create_layer(job *j, destination *t, layer_kind kind)
{
	if (t->spool != NULL)
		return make_layer(j, t->spool, "GPKG", kind, &t->layers[kind]);
	return make_layer(j, t->ds, t->driver, kind, &t->layers[kind]);
}

/* The spooled layers into the real dataset, one after the other. */
static em_status copy_spool(job *j, destination *t)
{
	em_status status = EM_OK;

	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++) {
		OGRLayerH to, from = t->layers[k];
		OGRFeatureH f;

		if (from == NULL)
			continue;
		status = make_layer(j, t->ds, t->driver, (layer_kind)k, &to);
		OGR_L_ResetReading(from);
		while (status == EM_OK && (f = OGR_L_GetNextFeature(from)) != NULL) {
			OGRFeatureH g = OGR_F_Create(OGR_L_GetLayerDefn(to));
			if (OGR_F_SetFrom(g, f, TRUE) != OGRERR_NONE ||
			    OGR_L_CreateFeature(to, g) != OGRERR_NONE)
				status = em__gdal_error(&j->error, em_layer_names[k],
							"cannot write a feature");
			OGR_F_Destroy(g);
			OGR_F_Destroy(f);
		}
	}
	return status;
}

static em_status close_dataset(job *j, GDALDatasetH ds, const char *target)
{
	CPLErrorReset();
	GDALClose(ds);
	/* Some drivers flush on close: a full disk shows up here. */
	if (CPLGetLastErrorType() == CE_Failure)
		return em__gdal_error(&j->error, target, "cannot finish writing");
	return EM_OK;
}

static const char *driver_extension(GDALDriverH driver)
{
	const char *ext = GDALGetMetadataItem(driver, GDAL_DMD_EXTENSION, NULL);
	static __thread char first[32];

	if (strcmp(GDALGetDriverShortName(driver), "GeoJSON") == 0)
		return "geojson";
	if (ext != NULL && ext[0] != '\0')
		return ext;
	ext = GDALGetMetadataItem(driver, GDAL_DMD_EXTENSIONS, NULL);
	if (ext == NULL || ext[0] == '\0')
		return "dat";
	snprintf(first, sizeof(first), "%s", ext);
	first[strcspn(first, " ")] = '\0';
	return first;
}

static output *add_output(job *j, const char *relative)
{
	output *o;

	if (j->output_count == sizeof(j->outputs) / sizeof(j->outputs[0]))
		return NULL;
	o = &j->outputs[j->output_count];
	if ((size_t)snprintf(o->temp, sizeof(o->temp), "%s/%s", j->temp_dir, relative) >=
		    sizeof(o->temp) ||
	    (size_t)snprintf(o->final, sizeof(o->final), "%s/%s", j->directory, relative) >=
		    sizeof(o->final))
		return NULL;
	j->output_count++;
	return o;
}

static em_status create_dataset(job *j, GDALDriverH driver, const char *path, GDALDatasetH *out)
{
	char dir[PATH_MAX_LEN];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (em_atomic_make_directories(dir, &j->error) != EM_OK)
			return EM_ERR_IO;
	}
	CPLErrorReset();
	*out = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, NULL);
	if (*out == NULL)
		return em__gdal_error(&j->error, path, "cannot create");
	return EM_OK;
}

static destination *add_target(job *j, GDALDatasetH ds, const char *label, const char *driver)
{
	destination *t = &j->targets[j->target_count++];

	memset(t, 0, sizeof(*t));
	t->ds = ds;
	t->label = label;
	snprintf(t->driver, sizeof(t->driver), "%s", driver);
	return t;
}

/* The GeoPackage a destination's layers are written to first; it stays in
 * the temporary directory and goes with it. */
static em_status open_spool(job *j, destination *t)
{
	GDALDriverH gpkg = GDALGetDriverByName("GPKG");
	char path[PATH_MAX_LEN];

	if (gpkg == NULL ||
	    (size_t)snprintf(path, sizeof(path), "%s/.spool-%zu.gpkg", j->temp_dir,
			     j->target_count) >= sizeof(path))
		return em_error_set(&j->error, EM_ERR_LIMIT, "%s: cannot make a spool file", t->label);
	CPLErrorReset();
	t->spool = GDALCreate(gpkg, path, 0, 0, 0, GDT_Unknown, NULL);
	if (t->spool == NULL)
		return em__gdal_error(&j->error, path, "cannot create");
	return EM_OK;
}

/* A transaction around the features makes SQLite-based files fast and a
 * database's replacement all-or-nothing; other drivers write directly. */
static void begin_transaction(destination *t)
{
	CPLErrorReset();
	t->transaction = GDALDatasetStartTransaction(t->spool ? t->spool : t->ds, FALSE) ==
			 OGRERR_NONE;
	CPLErrorReset();
}

/* All layers in one file: eventmap.gpkg, eventmap.kml... */
static em_status open_single(job *j, GDALDriverH driver, const char *name)
{
	char relative[256];
	GDALDatasetH ds;
	output *o;
	destination *t;
	em_status status;

	snprintf(relative, sizeof(relative), "eventmap.%s", driver_extension(driver));
	o = add_output(j, relative);
	if (o == NULL)
		return em_error_set(&j->error, EM_ERR_LIMIT, "%s: path too long or too many outputs",
				    j->directory);
	status = create_dataset(j, driver, o->temp, &ds);
	if (status != EM_OK)
		return status;
	t = add_target(j, ds, o->final, name);
	t->styles = strcmp(name, "GPKG") == 0 && j->options.styles_dir != NULL;
	if (!GDALDatasetTestCapability(ds, ODsCRandomLayerWrite))
		status = open_spool(j, t);
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++)
		status = create_layer(j, t, (layer_kind)k);
	if (status == EM_OK)
		begin_transaction(t);
	return status;
}

/* One file per layer: geojson/reports.geojson, flatgeobuf/places.fgb... */
static em_status open_per_layer(job *j, GDALDriverH driver, const char *name)
{
	char folder[64];
	em_status status = EM_OK;

	snprintf(folder, sizeof(folder), "%s", name);
	for (char *p = folder; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++) {
		char relative[256];
		GDALDatasetH ds;
		output *o;
		destination *t;

		snprintf(relative, sizeof(relative), "%s/%s.%s", folder, em_layer_names[k],
			 driver_extension(driver));
		o = add_output(j, relative);
		if (o == NULL)
			return em_error_set(&j->error, EM_ERR_LIMIT, "%s: path too long or too many outputs",
				    j->directory);
		status = create_dataset(j, driver, o->temp, &ds);
		if (status != EM_OK)
			break;
		t = add_target(j, ds, o->final, name);
		status = create_layer(j, t, (layer_kind)k);
		if (status == EM_OK)
			begin_transaction(t);
	}
	return status;
}

/* A database: the tables replaced in one transaction where it has them. */
static em_status open_database(job *j, const char *name)
{
	const char *allowed[2] = {name, NULL};
	GDALDatasetH ds;
	destination *t;
	em_status status = EM_OK;

	if (j->options.connection == NULL || j->options.connection[0] == '\0')
		return em_error_set(&j->error, EM_ERR_INVALID,
				    "format %s writes into a database: give its connection string "
				    "(for example PG:\"dbname=news host=localhost\")", name);
	CPLErrorReset();
	ds = GDALOpenEx(j->options.connection, GDAL_OF_VECTOR | GDAL_OF_UPDATE, allowed, NULL,
			NULL);
	if (ds == NULL)
		return em__gdal_error(&j->error, name, "cannot connect");
	snprintf(j->database_driver, sizeof(j->database_driver), "%s", name);
	t = add_target(j, ds, j->database_driver, name);
	t->database = true;
	t->styles = j->options.styles_dir != NULL;
	begin_transaction(t);
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++)
		status = create_layer(j, t, (layer_kind)k);
	return status;
}

static em_status open_format(job *j, const char *name)
{
	GDALDriverH driver = GDALGetDriverByName(name);

	if (driver == NULL || GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, NULL) == NULL)
		return em_error_set(&j->error, EM_ERR_INVALID,
				    "format '%s' is not a GDAL vector driver (for example GPKG, "
				    "GeoJSON, FlatGeobuf, KML, CSV, PostgreSQL; `ogrinfo --formats` "
				    "lists them)", name);
	if (GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, NULL) == NULL)
		return em_error_set(&j->error, EM_ERR_INVALID, "format '%s' can be read but not written",
				    name);
	if (strcmp(name, "PostgreSQL") == 0)
		return j->database_driver[0] != '\0'
			       ? em_error_set(&j->error, EM_ERR_INVALID, "format %s given twice", name)
			       : open_database(j, name);
	if (strcmp(name, "GeoJSON") != 0 &&
	    GDALGetMetadataItem(driver, GDAL_DCAP_MULTIPLE_VECTOR_LAYERS, NULL) != NULL)
		return open_single(j, driver, name);
	return open_per_layer(j, driver, name);
}

/* Every file is in the temporary directory: now each replaces its
 * destination in one rename. */
static em_status publish(job *j)
{
	for (size_t i = 0; i < j->output_count; i++) {
		char dir[PATH_MAX_LEN];
		char *slash;

		snprintf(dir, sizeof(dir), "%s", j->outputs[i].final);
		slash = strrchr(dir, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (em_atomic_make_directories(dir, &j->error) != EM_OK)
				return EM_ERR_IO;
		}
		if (rename(j->outputs[i].temp, j->outputs[i].final) != 0)
			return em_error_set(&j->error, EM_ERR_IO, "%s: cannot replace: %s",
					    j->outputs[i].final, strerror(errno));
	}
	return EM_OK;
}

/* A run killed with SIGKILL leaves its temporary directory behind; the
 * next run removes those whose process is gone. */
static em_status open_all(job *j)
{
	const char *formats = j->options.formats ? j->options.formats : "GPKG,GeoJSON";
	char list[512];
	char *save = NULL;
	em_status status = EM_OK;
	size_t count = 0;

	if (strlen(formats) >= sizeof(list))
		return em_error_set(&j->error, EM_ERR_INVALID, "the list of formats is too long");
	snprintf(list, sizeof(list), "%s", formats);
	for (char *name = strtok_r(list, ",", &save); name && status == EM_OK;
	     name = strtok_r(NULL, ",", &save)) {
		while (*name == ' ')
			name++;
		if (*name == '\0')
			continue;
		if (++count > FORMATS_MAX)
			return em_error_set(&j->error, EM_ERR_LIMIT, "more than %d formats", FORMATS_MAX);
		status = open_format(j, name);
	}
	return status;
}

/* Closes what is open, keeps nothing unless committed, frees the writer. */
void em_layers_writer_destroy(em_layers_writer *j)
{
	if (j == NULL)
		return;
	CPLPushErrorHandler(CPLQuietErrorHandler);
	for (size_t i = 0; i < j->target_count; i++) {
		destination *t = &j->targets[i];
		if (t->transaction)
			GDALDatasetRollbackTransaction(t->spool ? t->spool : t->ds);
		if (t->spool != NULL)
			GDALClose(t->spool);
		GDALClose(t->ds);
	}
	CPLPopErrorHandler();
	if (j->temp_dir[0] != '\0')
		em_atomic_remove_tree(j->temp_dir);
	if (j->made[0] != '\0') {
		char dir[PATH_MAX_LEN];
		snprintf(dir, sizeof(dir), "%s", j->directory);
		/* From the leaf up to the highest made; rmdir keeps a non-empty one. */
		while (rmdir(dir) == 0 && strcmp(dir, j->made) != 0) {
			char *slash = strrchr(dir, '/');
			if (slash == NULL || slash == dir)
				break;
			*slash = '\0';
		}
	}
	if (j->wgs84 != NULL)
		OSRDestroySpatialReference(j->wgs84);
	em__layers_days_destroy(j->days);
	free(j);
}

/* The highest missing directory on the way to path, or "" if it exists. */
static void highest_missing(const char *path, char *out, size_t size)
{
	char dir[PATH_MAX_LEN];
	struct stat st;

	out[0] = '\0';
	snprintf(dir, sizeof(dir), "%s", path);
	while (dir[0] != '\0' && stat(dir, &st) != 0 && errno == ENOENT) {
		char *slash = strrchr(dir, '/');
		snprintf(out, size, "%s", dir);
		if (slash == NULL || slash == dir)
			break;
		*slash = '\0';
	}
}

em_status em_layers_writer_create(em_layers_writer **out, const char *directory,
				  const em_layers_options *options, em_error *err)
{
	job *j;
	em_status status;

	*out = NULL;
	if (directory == NULL)
		return em_error_set(err, EM_ERR_INVALID, "layers: invalid arguments");
	em__gdal_register();
	j = calloc(1, sizeof(*j));
	if (j == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	j->directory = directory;
	if (options != NULL)
		j->options = *options;
	/* GDAL's messages go into the writer's error, never to the terminal. */
	CPLPushErrorHandler(CPLQuietErrorHandler);
	highest_missing(directory, j->made, sizeof(j->made));
	status = em_atomic_make_directories(directory, &j->error);
	if (status == EM_OK) {
		em_atomic_sweep(directory);
		status = em_atomic_temp_dir(j->temp_dir, sizeof(j->temp_dir), directory, &j->error);
	}
	if (status == EM_OK && em__layers_days_create(&j->days) != EM_OK)
		status = em_error_set(&j->error, EM_ERR_NOMEM, "out of memory");
	if (status == EM_OK) {
		j->wgs84 = OSRNewSpatialReference(NULL);
		OSRImportFromEPSG(j->wgs84, 4326);
		OSRSetAxisMappingStrategy(j->wgs84, OAMS_TRADITIONAL_GIS_ORDER);
		status = open_all(j);
	}
	CPLPopErrorHandler();
	if (status != EM_OK) {
		em_error_copy(err, &j->error);
		em_layers_writer_destroy(j);
		return status;
	}
	*out = j;
	return EM_OK;
}

em_status em_layers_writer_add(em_layers_writer *j, const em_report *report, em_error *err)
{
	layer_kind kind = report->where.state == EM_STATE_NOT_MAPPED ? LAYER_NOT_MAPPED
								      : LAYER_REPORTS;
	em_status status = EM_OK;

	if (j->error.status != EM_OK || j->committed)
		return j->committed ? em_error_set(err, EM_ERR_INVALID, "layers: already committed")
				    : em_error_copy(err, &j->error);
	em__layers_days_add(j->days, report);
	CPLPushErrorHandler(CPLQuietErrorHandler);
	for (size_t i = 0; i < j->target_count && status == EM_OK; i++)
		if (j->targets[i].layers[kind] != NULL)
			status = em__layers_put_report(j->targets[i].layers[kind], kind, report,
						       &j->error);
	CPLPopErrorHandler();
	if (status != EM_OK)
		em_error_set(&j->error, status, "layers: a report could not be written");
	return em_error_copy(err, &j->error);
}

/* The layers that need every report (places) or the flows, the styles,
 * the commit, and the close that flushes. */
static em_status complete(job *j, destination *t, const em_dataset *dataset,
			  const em_summary *summary)
{
	em_status status = EM_OK;

	CPLErrorReset();
	if (t->layers[LAYER_PLACES] != NULL)
		status = em__layers_fill(t->layers[LAYER_PLACES], LAYER_PLACES, dataset, summary,
					&j->error);
	if (status == EM_OK && t->layers[LAYER_FLOWS] != NULL)
		status = em__layers_fill(t->layers[LAYER_FLOWS], LAYER_FLOWS, dataset, summary,
					&j->error);
	/* A database takes its styles inside the transaction; a file after
	 * its features are committed. */
	if (status == EM_OK && t->styles && t->database)
		status = write_styles(j, t->ds, "public", "geom");
	if (status == EM_OK && t->transaction) {
		CPLErrorReset();
		if (GDALDatasetCommitTransaction(t->spool ? t->spool : t->ds) != OGRERR_NONE)
			status = em__gdal_error(&j->error, t->label, "cannot commit");
		else
			t->transaction = false;
	}
	if (status == EM_OK && t->spool != NULL)
		status = copy_spool(j, t);
	if (status == EM_OK && t->styles && !t->database)
		status = write_styles(j, t->ds, "", "geom");
	if (status == EM_OK && t->styles && !t->database && strcmp(t->driver, "GPKG") == 0) {
		const char *base = strrchr(t->label, '/');
		status = em__layers_project(t->ds, j->wgs84, base ? base + 1 : t->label, j->days,
					    dataset, &j->options, &j->error);
	}
	return status;
}

em_status em_layers_writer_commit(em_layers_writer *j, const em_dataset *dataset,
				  const em_summary *summary, em_error *err)
{
	em_status status;

	if (dataset == NULL || summary == NULL || j->committed)
		em_error_set(&j->error, EM_ERR_INVALID, "layers: invalid arguments");
	if (j->error.status != EM_OK)
		return em_error_copy(err, &j->error);
	status = EM_OK;
	CPLPushErrorHandler(CPLQuietErrorHandler);
	for (size_t i = 0; i < j->target_count && status == EM_OK; i++)
		status = complete(j, &j->targets[i], dataset, summary);
	/* Closed one by one: a target closed is no longer destroy's. */
	while (status == EM_OK && j->target_count > 0) {
		destination *t = &j->targets[--j->target_count];
		if (t->spool != NULL)
			GDALClose(t->spool);
		status = close_dataset(j, t->ds, t->label);
	}
	if (status == EM_OK)
		status = publish(j);
	if (status == EM_OK) {
		j->made[0] = '\0'; /* published: the directories stay */
		j->committed = true;
	}
	CPLPopErrorHandler();
	if (status != EM_OK)
		em_error_set(&j->error, status, "layers: the outputs could not be finished");
	return em_error_copy(err, &j->error);
}

em_status em_layers_write(const char *directory, const em_dataset *dataset,
			  const em_summary *summary, const em_layers_options *options,
			  em_error *err)
{
	em_layers_writer *j;
	em_status status;

	if (directory == NULL || dataset == NULL || summary == NULL)
		return em_error_set(err, EM_ERR_INVALID, "layers: invalid arguments");
	status = em_layers_writer_create(&j, directory, options, err);
	for (size_t i = 0; i < em_dataset_report_count(dataset) && status == EM_OK; i++)
		status = em_layers_writer_add(j, em_dataset_report(dataset, i), err);
	if (status == EM_OK)
		status = em_layers_writer_commit(j, dataset, summary, err);
	em_layers_writer_destroy(j);
	return status;
}
