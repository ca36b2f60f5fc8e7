/* Round trips of the layers: write the default dataset, read every format
 * back with OGR and compare attributes; the QGIS style rows; RFC 7946
 * GeoJSON; and atomic replacement when a write fails or is killed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>
#include <gdal.h>
#include <ogr_api.h>

#include "eventmap/layers.h"
#include "../support/default_data.h"
#include "../support/tempdir.h"

typedef struct world {
	em_gazetteer *gz;
	em_dataset *ds;
	em_summary *summary;
	char dir[64];
} world;

static world w;

static int setup(void **state)
{
	em_error err;

	(void)state;
	em_error_clear(&err);
	GDALAllRegister();
	if (em_test_make_dir(w.dir, sizeof(w.dir), "layers") != 0 || load_default_data(&w.gz, &w.ds, &err) != EM_OK ||
	    em_summary_create(&w.summary, w.ds, NULL, &err) != EM_OK) {
		fprintf(stderr, "setup: %s\n", err.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	em_summary_destroy(w.summary);
	em_dataset_destroy(w.ds);
	em_gazetteer_destroy(w.gz);
	return em_test_remove_dir(w.dir);
}

static void write_layers(const char *sub, const char *formats)
{
	char dir[128];
	em_layers_options options = {formats, EM_SOURCE_DIR "/styles", NULL, NULL,
				       NULL};
	em_error err;

	snprintf(dir, sizeof(dir), "%s/%s", w.dir, sub);
	em_error_clear(&err);
	if (em_layers_write(dir, w.ds, w.summary, &options, &err) != EM_OK)
		fail_msg("%s", err.message);
}

__attribute__((format(printf, 1, 2))) static GDALDatasetH open_vector(const char *format, ...)
{
	char path[256];
	va_list ap;
	GDALDatasetH ds;

	va_start(ap, format);
	vsnprintf(path, sizeof(path), format, ap);
	va_end(ap);
	ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
	if (ds == NULL)
		fail_msg("cannot open %s", path);
	return ds;
}

static const em_report *report_by_id(const char *id)
{
	for (size_t i = 0; i < em_dataset_report_count(w.ds); i++)
		if (strcmp(em_dataset_report(w.ds, i)->report_id, id) == 0)
			return em_dataset_report(w.ds, i);
	fail_msg("no report %s", id);
	return NULL;
}

static const char *field(OGRFeatureH f, const char *name)
{
	int i = OGR_F_GetFieldIndex(f, name);

	assert_true(i >= 0);
	return OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "";
}

/* The rows of the reports layer: those placed, exactly or approximately. */
static size_t mapped_reports(void)
{
	size_t mapped, approximate, not_mapped;

	em_dataset_counts(w.ds, &mapped, &approximate, &not_mapped);
	return mapped + approximate;
}

/* Every attribute of every report, as written and read back. */
static size_t compare_reports(OGRLayerH layer)
{
	OGRFeatureH f;
	size_t n = 0;

	OGR_L_ResetReading(layer);
	while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
		const em_report *r = report_by_id(field(f, "report_id"));
		char date[16], number[32], stored[16];

		/* OGR writes dates as 2025/03/07. */
		em_date_format(date, sizeof(date), r->date);
		snprintf(stored, sizeof(stored), "%s", field(f, "event_date"));
		for (char *p = stored; *p; p++)
			*p = *p == '/' ? '-' : *p;
		assert_string_equal(stored, date);
		assert_string_equal(field(f, "location"), r->location);
		assert_string_equal(field(f, "country"), r->country);
		assert_string_equal(field(f, "scope"), em_scope_name(r->scope));
		assert_string_equal(field(f, "category"), em_category_name(r->category));
		/* An event without a figure has none in the layer: NULL, not 0. */
		snprintf(number, sizeof(number), "%lld", r->fatalities);
		assert_string_equal(field(f, "fatalities"), r->has_fatalities ? number : "");
		assert_string_equal(field(f, "qualifier"),
				    r->has_fatalities ? em_qualifier_name(r->qualifier) : "");
		assert_string_equal(field(f, "summary"), r->summary);
		assert_string_equal(field(f, "evidence"), r->evidence);
		assert_string_equal(field(f, "event_kind"),
				    em_event_kind_key(em_event_kind_of(r->event_type)));
		assert_string_equal(field(f, "source"), r->source);
		assert_string_equal(field(f, "reported_by"), r->reported_by);
		assert_string_equal(field(f, "notes"), r->notes);
		assert_string_equal(field(f, "event_type"), r->event_type);
		assert_string_equal(field(f, "actor1"), r->actor1);
		assert_string_equal(field(f, "state"), em_state_name(r->where.state));
		assert_string_equal(field(f, "place_id"), r->where.place_id);
		OGR_F_Destroy(f);
		n++;
	}
	return n;
}

static void test_gpkg__round_trip_and_styles(void **state)
{
	GDALDatasetH ds;
	OGRLayerH styles;
	OGRFeatureH f;
	size_t mapped, approximate, not_mapped, rows = 0;

	(void)state;
	write_layers("gpkg", "GPKG");
	ds = open_vector("%s/gpkg/eventmap.gpkg", w.dir);
	em_dataset_counts(w.ds, &mapped, &approximate, &not_mapped);
	assert_int_equal(compare_reports(GDALDatasetGetLayerByName(ds, "reports")),
			 mapped + approximate);
	assert_int_equal(compare_reports(GDALDatasetGetLayerByName(ds, "not_mapped")), not_mapped);
	assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "places"), TRUE),
			 (GIntBig)w.summary->place_count);
	assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "flows"), TRUE),
			 (GIntBig)em_dataset_flow_count(w.ds));
	assert_string_equal(OGR_L_GetGeometryColumn(GDALDatasetGetLayerByName(ds, "places")), "geom");
	styles = GDALDatasetGetLayerByName(ds, "layer_styles");
	assert_non_null(styles);
	OGR_L_ResetReading(styles);
	while ((f = OGR_L_GetNextFeature(styles)) != NULL) {
		int schema = OGR_F_GetFieldIndex(f, "f_table_schema");
		/* QGIS matches '' here, not NULL. */
		assert_true(OGR_F_IsFieldSetAndNotNull(f, schema));
		assert_string_equal(OGR_F_GetFieldAsString(f, schema), "");
		assert_string_equal(field(f, "f_geometry_column"), "geom");
		assert_int_equal(OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "useAsDefault")), 1);
		assert_non_null(strstr(field(f, "styleQML"), "<!DOCTYPE qgis"));
		assert_non_null(GDALDatasetGetLayerByName(ds, field(f, "f_table_name")));
		rows++;
		OGR_F_Destroy(f);
	}
	assert_int_equal(rows, 3);
	GDALClose(ds);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long size;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)size + 1);
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	return text;
}

/* ACLED's 0 and an empty figure: both events, neither a death circle. */
static void test_events__no_deaths_no_figure(void **state)
{
	static const char text[] =
		"report_id,event_date,location,latitude,longitude,fatalities,event_type,source\n"
		"a,2025-06-12,Latakia,35.52,35.79,0,Protests,SANA\n"
		"b,2025-06-12,Latakia,35.52,35.79,,Strategic developments,SOHR\n"
		"c,2025-06-13,Jableh,35.36,35.93,3,Battles,SOHR\n";
	char path[256];
	FILE *out;
	em_dataset *ds = NULL;
	em_summary *summary = NULL;
	em_error err;
	em_layers_options options = {"GPKG", EM_SOURCE_DIR "/styles", NULL, NULL,
				       NULL};
	GDALDatasetH gpkg;
	OGRLayerH layer;
	OGRFeatureH f;

	(void)state;
	em_error_clear(&err);
	snprintf(path, sizeof(path), "%s/events.csv", w.dir);
	out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	if (em_dataset_read_reports(ds, path, &err) != EM_OK ||
	    em_dataset_resolve(ds, w.gz, NULL, &err) != EM_OK ||
	    em_summary_create(&summary, ds, NULL, &err) != EM_OK)
		fail_msg("%s", err.message);
	snprintf(path, sizeof(path), "%s/events", w.dir);
	if (em_layers_write(path, ds, summary, &options, &err) != EM_OK)
		fail_msg("%s", err.message);
	gpkg = open_vector("%s/events/eventmap.gpkg", w.dir);
	layer = GDALDatasetGetLayerByName(gpkg, "reports");
	OGR_L_SetAttributeFilter(layer, "report_id = 'a'");
	f = OGR_L_GetNextFeature(layer);
	assert_string_equal(field(f, "fatalities"), "0");
	assert_string_equal(field(f, "event_kind"), "protests");
	OGR_F_Destroy(f);
	OGR_L_SetAttributeFilter(layer, "report_id = 'b'");
	f = OGR_L_GetNextFeature(layer);
	assert_string_equal(field(f, "fatalities"), "");
	assert_string_equal(field(f, "event_kind"), "strategic_developments");
	OGR_F_Destroy(f);
	layer = GDALDatasetGetLayerByName(gpkg, "places");
	OGR_L_SetAttributeFilter(layer, "name = 'Latakia'");
	f = OGR_L_GetNextFeature(layer);
	assert_non_null(f);
	assert_string_equal(field(f, "fatalities_max"), "");
	assert_string_equal(field(f, "display"), "");
	assert_string_equal(field(f, "category"), "none");
	assert_string_equal(field(f, "label"), "Latakia");
	assert_string_equal(field(f, "event_count"), "2");
	assert_string_equal(field(f, "event_types"), "Protests; Strategic developments");
	OGR_F_Destroy(f);
	OGR_L_SetAttributeFilter(layer, "name = 'Jableh'");
	f = OGR_L_GetNextFeature(layer);
	assert_string_equal(field(f, "fatalities_max"), "3");
	assert_string_equal(field(f, "event_count"), "0");
	assert_string_equal(field(f, "event_types"), ""); /* the clash is the death figure */
	OGR_F_Destroy(f);
	GDALClose(gpkg);
	em_summary_destroy(summary);
	em_dataset_destroy(ds);
}

static void test_geojson__rfc7946(void **state)
{
	char path[256];
	char *text;
	GDALDatasetH ds;

	(void)state;
	write_layers("json", "GeoJSON");
	snprintf(path, sizeof(path), "%s/json/geojson/places.geojson", w.dir);
	text = slurp(path);
	assert_null(strstr(text, "\"crs\""));
	/* Baniyas at 6 decimals, longitude first. */
	assert_non_null(strstr(text, "[ 35.94871, 35.18188 ]"));
	free(text);
	ds = open_vector("%s/json/geojson/reports.geojson", w.dir);
	assert_int_equal(compare_reports(GDALDatasetGetLayer(ds, 0)), mapped_reports());
	GDALClose(ds);
}

/* What a writer may leave behind: hidden working directories and spools,
 * and "<name>.tmp-<pid>-XXXXXX" files beside the outputs. */
static size_t leftover_entries(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL)
		n += (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) ||
		     strstr(e->d_name, ".tmp-") != NULL;
	closedir(dir);
	return n;
}

static void test_other_drivers__by_name(void **state)
{
	GDALDatasetH ds;

	(void)state;
	write_layers("other", "FlatGeobuf,KML,CSV");
	ds = open_vector("%s/other/flatgeobuf/places.fgb", w.dir);
	assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, 0), TRUE),
			 (GIntBig)w.summary->place_count);
	GDALClose(ds);
	/* KML takes a layer's features only while it is the last layer made:
	 * the layers go through a spool and arrive whole, in order. */
	ds = open_vector("%s/other/eventmap.kml", w.dir);
	assert_int_equal(GDALDatasetGetLayerCount(ds), 4);
	{
		static const char *const names[] = {"reports", "places", "flows", "not_mapped"};
		size_t mapped, approximate, not_mapped;
		GIntBig expected[4];

		em_dataset_counts(w.ds, &mapped, &approximate, &not_mapped);
		expected[0] = (GIntBig)(mapped + approximate);
		expected[1] = (GIntBig)w.summary->place_count;
		expected[2] = (GIntBig)em_dataset_flow_count(w.ds);
		expected[3] = (GIntBig)not_mapped;
		for (int k = 0; k < 4; k++) {
			OGRLayerH layer = GDALDatasetGetLayerByName(ds, names[k]);
			assert_non_null(layer);
			assert_int_equal(OGR_L_GetFeatureCount(layer, TRUE), expected[k]);
		}
	}
	/* No spool nor working directory is left beside the outputs. */
	{
		char other[128];
		snprintf(other, sizeof(other), "%s/other", w.dir);
		assert_int_equal(leftover_entries(other), 0);
	}
	GDALClose(ds);
	ds = open_vector("%s/other/csv/reports.csv", w.dir);
	assert_int_equal(compare_reports(GDALDatasetGetLayer(ds, 0)), mapped_reports());
	GDALClose(ds);
}

/* The writer in steps, as `export` streams into it, makes the same bytes
 * as the one call; abandoned, it leaves nothing, not even the directories
 * it made. */
static void test_steps__same_files_and_abandon(void **state)
{
	static const char *const layers[] = {"reports", "places", "flows", "not_mapped"};
	em_layers_options options = {"GeoJSON", EM_SOURCE_DIR "/styles", NULL, NULL,
				       NULL};
	em_layers_writer *writer;
	em_error err;
	char dir[160], a[256], b[256];
	struct stat st;

	(void)state;
	em_error_clear(&err);
	write_layers("whole", "GeoJSON");
	snprintf(dir, sizeof(dir), "%s/steps", w.dir);
	assert_int_equal(em_layers_writer_create(&writer, dir, &options, &err), EM_OK);
	for (size_t i = 0; i < em_dataset_report_count(w.ds); i++)
		assert_int_equal(em_layers_writer_add(writer, em_dataset_report(w.ds, i), &err), EM_OK);
	if (em_layers_writer_commit(writer, w.ds, w.summary, &err) != EM_OK)
		fail_msg("%s", err.message);
	em_layers_writer_destroy(writer);
	for (int k = 0; k < 4; k++) {
		char *x, *y;
		snprintf(a, sizeof(a), "%s/whole/geojson/%s.geojson", w.dir, layers[k]);
		snprintf(b, sizeof(b), "%s/steps/geojson/%s.geojson", w.dir, layers[k]);
		x = slurp(a);
		y = slurp(b);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	snprintf(dir, sizeof(dir), "%s/new/deeper", w.dir);
	options.formats = "GPKG,GeoJSON,KML";
	assert_int_equal(em_layers_writer_create(&writer, dir, &options, &err), EM_OK);
	assert_int_equal(stat(dir, &st), 0);
	for (size_t i = 0; i < em_dataset_report_count(w.ds); i++)
		assert_int_equal(em_layers_writer_add(writer, em_dataset_report(w.ds, i), &err), EM_OK);
	em_layers_writer_destroy(writer);
	snprintf(dir, sizeof(dir), "%s/new", w.dir);
	assert_int_not_equal(stat(dir, &st), 0);
}

static void test_atomic__failure_keeps_earlier_files(void **state)
{
	char dir[128], path[256];
	char *before, *after;
	em_layers_options options = {"GPKG,GeoJSON,NoSuchDriver", EM_SOURCE_DIR "/styles", NULL, NULL,
				       NULL};
	em_error err;

	(void)state;
	write_layers("atomic", "GPKG,GeoJSON");
	snprintf(path, sizeof(path), "%s/atomic/geojson/places.geojson", w.dir);
	before = slurp(path);
	snprintf(dir, sizeof(dir), "%s/atomic", w.dir);
	em_error_clear(&err);
	assert_int_equal(em_layers_write(dir, w.ds, w.summary, &options, &err), EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "'NoSuchDriver' is not a GDAL vector driver"));
	after = slurp(path);
	assert_string_equal(before, after);
	assert_int_equal(leftover_entries(dir), 0);
	free(before);
	free(after);
}

static void test_atomic__killed_writer(void **state)
{
	char dir[128], path[256];
	em_layers_options options = {"GPKG,GeoJSON,FlatGeobuf,KML", EM_SOURCE_DIR "/styles", NULL, NULL,
				       NULL};

	(void)state;
	write_layers("killed", "GPKG");
	snprintf(dir, sizeof(dir), "%s/killed", w.dir);
	snprintf(path, sizeof(path), "%s/eventmap.gpkg", dir);
	for (int attempt = 0; attempt < 8; attempt++) {
		pid_t child = fork();
		GDALDatasetH ds;

		assert_true(child >= 0);
		if (child == 0) {
			em_error err;
			for (;;)
				em_layers_write(dir, w.ds, w.summary, &options, &err);
		}
		usleep(2000 + attempt * 7000);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		/* Whatever the moment, the GeoPackage is a whole one. */
		ds = open_vector("%s", path);
		assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "places"), TRUE),
				 (GIntBig)w.summary->place_count);
		GDALClose(ds);
	}
	/* The next run sweeps what the killed ones left. */
	write_layers("killed", "GPKG");
	assert_int_equal(leftover_entries(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gpkg__round_trip_and_styles),
		cmocka_unit_test(test_events__no_deaths_no_figure),
		cmocka_unit_test(test_geojson__rfc7946),
		cmocka_unit_test(test_other_drivers__by_name),
		cmocka_unit_test(test_steps__same_files_and_abandon),
		cmocka_unit_test(test_atomic__failure_keeps_earlier_files),
		cmocka_unit_test(test_atomic__killed_writer),
	};
	return cmocka_run_group_tests_name("layers", tests, setup, teardown);
}
