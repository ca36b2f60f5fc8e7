/* Writing the layers with OGR: one dataset per format (or per layer for
 * drivers that hold one layer a file), QGIS default styles in a
 * GeoPackage's or database's `layer_styles`, and atomic replacement of the
 * files through a temporary directory beside them. */
#include "layers_internal.h"

#include "eventmap/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <ctype.h>
#include <pthread.h>
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

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;

static void register_gdal(void)
{
	GDALAllRegister();
}

/* One output of one format: where it is written first and where it goes. */
typedef struct output {
	char temp[PATH_MAX_LEN];
	char final[PATH_MAX_LEN];
} output;

typedef struct job {
	const char *directory;
	char temp_dir[PATH_MAX_LEN];
	output outputs[FORMATS_MAX * LAYER_COUNT];
	size_t output_count;
	const em_dataset *dataset;
	const em_summary *summary;
	const em_layers_options *options;
	OGRSpatialReferenceH wgs84;
	bool dataset_transaction; /* the whole write is one transaction */
	em_error *err;
} job;

static em_status gdal_error(em_error *err, const char *target, const char *what)
{
	const char *message = CPLGetLastErrorMsg();

	return em_error_set(err, EM_ERR_IO, "%s: %s%s%s", target, what, message[0] ? ": " : "",
			    message);
}

static void remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *entry;

	if (dir == NULL) {
		unlink(path);
		return;
	}
	while ((entry = readdir(dir)) != NULL) {
		char child[PATH_MAX_LEN];
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
		remove_tree(child);
	}
	closedir(dir);
	rmdir(path);
}

static char *read_text(const char *path)
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
			return gdal_error(err, "layer_styles", "cannot create field");
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
		return gdal_error(j->err, "layer_styles", "cannot create the table");
	status = define_style_table(table, j->err);
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++) {
		char path[PATH_MAX_LEN], description[128];
		char *qml;
		OGRFeatureH f;

		if (k == LAYER_NOT_MAPPED)
			continue;
		snprintf(path, sizeof(path), "%s/qgis/%s.qml", j->options->styles_dir,
			 em_layer_names[k]);
		qml = read_text(path);
		if (qml == NULL)
			return em_error_set(j->err, EM_ERR_IO, "%s: cannot read the QGIS style: %s",
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
			status = gdal_error(j->err, "layer_styles", "cannot write a style");
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

static em_status write_layer(job *j, GDALDatasetH ds, const char *driver, layer_kind kind)
{
	char **options = layer_options(driver, NULL);
	OGRwkbGeometryType geometry = em_layers_geometry(kind);
	OGRLayerH layer;
	bool use_transaction;
	em_status status;

	CPLErrorReset();
	layer = GDALDatasetCreateLayer(ds, em_layer_names[kind],
				       geometry == wkbNone ? NULL : j->wgs84, geometry, options);
	CSLDestroy(options);
	if (layer == NULL)
		return gdal_error(j->err, em_layer_names[kind], "cannot create the layer");
	status = em_layers_define(layer, kind, j->err);
	/* A transaction per layer makes SQLite-based files fast; drivers
	 * without transactions write directly. */
	use_transaction = !j->dataset_transaction && status == EM_OK &&
			  OGR_L_StartTransaction(layer) == OGRERR_NONE;
	CPLErrorReset();
	if (status == EM_OK)
		status = em_layers_fill(layer, kind, j->dataset, j->summary, j->err);
	if (status == EM_OK && use_transaction && OGR_L_CommitTransaction(layer) != OGRERR_NONE)
		status = gdal_error(j->err, em_layer_names[kind], "cannot commit");
	return status;
}

static em_status close_dataset(job *j, GDALDatasetH ds, const char *target)
{
	CPLErrorReset();
	GDALClose(ds);
	/* Some drivers flush on close: a full disk shows up here. */
	if (CPLGetLastErrorType() == CE_Failure)
		return gdal_error(j->err, target, "cannot finish writing");
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
		if (em_make_directories(dir, j->err) != EM_OK)
			return EM_ERR_IO;
	}
	CPLErrorReset();
	*out = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, NULL);
	if (*out == NULL)
		return gdal_error(j->err, path, "cannot create");
	return EM_OK;
}

/* All layers in one file: eventmap.gpkg, eventmap.kml... */
static em_status write_single(job *j, GDALDriverH driver, const char *name)
{
	char relative[256];
	GDALDatasetH ds;
	output *o;
	em_status status;

	snprintf(relative, sizeof(relative), "eventmap.%s", driver_extension(driver));
	o = add_output(j, relative);
	if (o == NULL)
		return em_error_set(j->err, EM_ERR_LIMIT, "%s: path too long or too many outputs", j->directory);
	status = create_dataset(j, driver, o->temp, &ds);
	if (status != EM_OK)
		return status;
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++)
		status = write_layer(j, ds, name, (layer_kind)k);
	if (status == EM_OK && strcmp(name, "GPKG") == 0 && j->options->styles_dir != NULL)
		status = write_styles(j, ds, "", "geom");
	if (status == EM_OK)
		return close_dataset(j, ds, o->final);
	GDALClose(ds);
	return status;
}

/* One file per layer: geojson/reports.geojson, flatgeobuf/places.fgb... */
static em_status write_per_layer(job *j, GDALDriverH driver, const char *name)
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

		snprintf(relative, sizeof(relative), "%s/%s.%s", folder, em_layer_names[k],
			 driver_extension(driver));
		o = add_output(j, relative);
		if (o == NULL)
			return em_error_set(j->err, EM_ERR_LIMIT, "%s: path too long or too many outputs", j->directory);
		status = create_dataset(j, driver, o->temp, &ds);
		if (status != EM_OK)
			break;
		status = write_layer(j, ds, name, (layer_kind)k);
		if (status == EM_OK)
			status = close_dataset(j, ds, o->final);
		else
			GDALClose(ds);
	}
	return status;
}

/* A database: the tables replaced in one transaction where it has them. */
static em_status write_database(job *j, const char *name)
{
	const char *allowed[2] = {name, NULL};
	GDALDatasetH ds;
	bool transaction;
	em_status status = EM_OK;

	if (j->options->connection == NULL || j->options->connection[0] == '\0')
		return em_error_set(j->err, EM_ERR_INVALID,
				    "format %s writes into a database: give its connection string "
				    "(for example PG:\"dbname=news host=localhost\")", name);
	CPLErrorReset();
	ds = GDALOpenEx(j->options->connection, GDAL_OF_VECTOR | GDAL_OF_UPDATE, allowed, NULL,
			NULL);
	if (ds == NULL)
		return gdal_error(j->err, name, "cannot connect");
	transaction = GDALDatasetStartTransaction(ds, FALSE) == OGRERR_NONE;
	j->dataset_transaction = transaction;
	for (int k = 0; k < LAYER_COUNT && status == EM_OK; k++)
		status = write_layer(j, ds, name, (layer_kind)k);
	if (status == EM_OK && j->options->styles_dir != NULL)
		status = write_styles(j, ds, "public", "geom");
	if (transaction) {
		if (status == EM_OK && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
			status = gdal_error(j->err, name, "cannot commit");
		else if (status != EM_OK)
			GDALDatasetRollbackTransaction(ds);
	}
	j->dataset_transaction = false;
	if (status == EM_OK)
		return close_dataset(j, ds, name);
	GDALClose(ds);
	return status;
}

static em_status write_format(job *j, const char *name)
{
	GDALDriverH driver = GDALGetDriverByName(name);

	if (driver == NULL || GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, NULL) == NULL)
		return em_error_set(j->err, EM_ERR_INVALID,
				    "format '%s' is not a GDAL vector driver (for example GPKG, "
				    "GeoJSON, FlatGeobuf, KML, CSV, PostgreSQL; `ogrinfo --formats` "
				    "lists them)", name);
	if (GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, NULL) == NULL)
		return em_error_set(j->err, EM_ERR_INVALID, "format '%s' can be read but not written",
				    name);
	if (strcmp(name, "PostgreSQL") == 0)
		return write_database(j, name);
	if (strcmp(name, "GeoJSON") != 0 &&
	    GDALGetMetadataItem(driver, GDAL_DCAP_MULTIPLE_VECTOR_LAYERS, NULL) != NULL)
		return write_single(j, driver, name);
	return write_per_layer(j, driver, name);
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
			if (em_make_directories(dir, j->err) != EM_OK)
				return EM_ERR_IO;
		}
		if (rename(j->outputs[i].temp, j->outputs[i].final) != 0)
			return em_error_set(j->err, EM_ERR_IO, "%s: cannot replace: %s",
					    j->outputs[i].final, strerror(errno));
	}
	return EM_OK;
}

/* A run killed with SIGKILL leaves its temporary directory behind; the
 * next run removes those whose process is gone. */
static void sweep_stale(const char *directory)
{
	static const char prefix[] = ".eventmap-tmp-";
	DIR *dir = opendir(directory);
	struct dirent *entry;

	if (dir == NULL)
		return;
	while ((entry = readdir(dir)) != NULL) {
		char path[PATH_MAX_LEN];
		long pid;
		if (strncmp(entry->d_name, prefix, sizeof(prefix) - 1) != 0)
			continue;
		pid = strtol(entry->d_name + sizeof(prefix) - 1, NULL, 10);
		if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
			snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
			remove_tree(path);
		}
	}
	closedir(dir);
}

static em_status write_all(job *j)
{
	const char *formats = j->options->formats ? j->options->formats : "GPKG,GeoJSON";
	char list[512];
	char *save = NULL;
	em_status status = EM_OK;
	size_t count = 0;

	if (strlen(formats) >= sizeof(list))
		return em_error_set(j->err, EM_ERR_INVALID, "the list of formats is too long");
	snprintf(list, sizeof(list), "%s", formats);
	for (char *name = strtok_r(list, ",", &save); name && status == EM_OK;
	     name = strtok_r(NULL, ",", &save)) {
		while (*name == ' ')
			name++;
		if (*name == '\0')
			continue;
		if (++count > FORMATS_MAX)
			return em_error_set(j->err, EM_ERR_LIMIT, "more than %d formats", FORMATS_MAX);
		status = write_format(j, name);
	}
	return status;
}

em_status em_layers_write(const char *directory, const em_dataset *dataset,
			  const em_summary *summary, const em_layers_options *options,
			  em_error *err)
{
	em_layers_options defaults = {0};
	job *j;
	em_status status;

	if (directory == NULL || dataset == NULL || summary == NULL)
		return em_error_set(err, EM_ERR_INVALID, "layers: invalid arguments");
	pthread_once(&gdal_once, register_gdal);
	j = calloc(1, sizeof(*j));
	if (j == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	/* GDAL's messages go into err, never to the terminal. */
	CPLPushErrorHandler(CPLQuietErrorHandler);
	j->directory = directory;
	j->dataset = dataset;
	j->summary = summary;
	j->options = options ? options : &defaults;
	j->err = err;
	status = em_make_directories(directory, err);
	if (status != EM_OK)
		goto done;
	sweep_stale(directory);
	snprintf(j->temp_dir, sizeof(j->temp_dir), "%s/.eventmap-tmp-%ld-XXXXXX", directory,
		 (long)getpid());
	if (mkdtemp(j->temp_dir) == NULL) {
		status = em_error_set(err, EM_ERR_IO, "%s: cannot write here: %s", directory,
				      strerror(errno));
		j->temp_dir[0] = '\0';
		goto done;
	}
	j->wgs84 = OSRNewSpatialReference(NULL);
	OSRImportFromEPSG(j->wgs84, 4326);
	OSRSetAxisMappingStrategy(j->wgs84, OAMS_TRADITIONAL_GIS_ORDER);
	status = write_all(j);
	if (status == EM_OK)
		status = publish(j);
done:
	if (j->temp_dir[0] != '\0')
		remove_tree(j->temp_dir);
	if (j->wgs84 != NULL)
		OSRDestroySpatialReference(j->wgs84);
	free(j);
	CPLPopErrorHandler();
	return status;
}
