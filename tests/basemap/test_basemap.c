/* Tests of the basemap reader: the default GeoPackage read whole (every
 * layer, as many features as OGR holds, the towns' attributes, the
 * coverage box), and the files it refuses (missing, not a GeoPackage, a
 * required layer missing), each error naming the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "eventmap/basemap.h"
#include "../support/tempdir.h"

#define LEVANT EM_SOURCE_DIR "/geodata/basemap-levant.gpkg"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	GDALAllRegister();
	return em_test_make_dir(dir, sizeof(dir), "basemap");
}

static int remove_dir(void **state)
{
	(void)state;
	return em_test_remove_dir(dir);
}

/* Features with a geometry in a layer of the file, as OGR counts them. */
static size_t ogr_count(GDALDatasetH ds, const char *layer_name)
{
	OGRLayerH layer = GDALDatasetGetLayerByName(ds, layer_name);
	OGRFeatureH f;
	size_t n = 0;

	if (layer == NULL)
		return 0;
	OGR_L_ResetReading(layer);
	while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
		n += OGR_F_GetGeometryRef(f) != NULL;
		OGR_F_Destroy(f);
	}
	return n;
}

static void test_levant__every_layer_read_whole(void **state)
{
	em_basemap *bm = NULL;
	em_error err;
	GDALDatasetH ds;

	(void)state;
	em_error_clear(&err);
	if (em_basemap_create(&bm, LEVANT, &err) != EM_OK)
		fail_msg("%s", err.message);
	assert_non_null(bm);
	ds = GDALOpenEx(LEVANT, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	for (int id = 0; id < EM_BASEMAP_LAYER_COUNT; id++) {
		const char *name = em_basemap_layer_name((em_basemap_layer_id)id);
		const em_basemap_layer *layer = em_basemap_get(bm, (em_basemap_layer_id)id);
		size_t expected = ogr_count(ds, name);

		assert_non_null(layer);
		/* The default basemap has every layer, none of them empty. */
		if (expected == 0)
			fail_msg("%s has no layer '%s'", LEVANT, name);
		if (layer->count != expected)
			fail_msg("layer '%s': %zu features read, %zu in the file", name, layer->count,
				 expected);
		for (size_t i = 0; i < layer->count; i++) {
			const em_basemap_feature *f = &layer->features[i];
			size_t points = 0;
			assert_true(f->part_count > 0);
			for (size_t p = 0; p < f->part_count; p++)
				points += f->part_sizes[p];
			/* The first and last points lie in the feature's box. */
			assert_true(f->coords[0] >= f->bbox.west && f->coords[0] <= f->bbox.east);
			assert_true(f->coords[1] >= f->bbox.south && f->coords[1] <= f->bbox.north);
			assert_true(f->coords[2 * points - 2] >= f->bbox.west &&
				    f->coords[2 * points - 2] <= f->bbox.east);
			assert_true(f->coords[2 * points - 1] >= f->bbox.south &&
				    f->coords[2 * points - 1] <= f->bbox.north);
			assert_non_null(f->name);
			assert_non_null(f->name_ar);
			assert_non_null(f->iso);
			assert_non_null(f->id);
		}
	}
	GDALClose(ds);
	assert_string_equal(em_basemap_layer_name(EM_BASEMAP_LAND), "land");
	assert_string_equal(em_basemap_layer_name(EM_BASEMAP_LOCATOR_COUNTRIES),
			    "locator_countries");
	assert_string_equal(em_basemap_layer_name(EM_BASEMAP_LAYER_COUNT), "");
	assert_int_equal(em_basemap_get(bm, EM_BASEMAP_LAYER_COUNT)->count, 0);
	em_basemap_destroy(bm);
}

static void test_levant__coverage_box(void **state)
{
	em_basemap *bm = NULL;
	em_error err;
	em_bbox box;

	(void)state;
	em_error_clear(&err);
	if (em_basemap_create(&bm, LEVANT, &err) != EM_OK)
		fail_msg("%s", err.message);
	/* The box the land layer was cut to: 32 to 41 E, 31 to 38.5 N. */
	box = em_basemap_coverage(bm);
	if (fabs(box.west - 32.0) > 1e-9 || fabs(box.east - 41.0) > 1e-9 ||
	    fabs(box.south - 31.0) > 1e-9 || fabs(box.north - 38.5) > 1e-9)
		fail_msg("coverage %.9f to %.9f E, %.9f to %.9f N; expected 32 to 41 E, 31 to 38.5 N",
			 box.west, box.east, box.south, box.north);
	em_basemap_destroy(bm);
	box = em_basemap_coverage(NULL);
	assert_true(box.west == 0 && box.east == 0 && box.south == 0 && box.north == 0);
}

static void test_levant__towns_keep_their_attributes(void **state)
{
	const em_basemap_layer *towns;
	em_basemap *bm = NULL;
	em_error err;
	const em_basemap_feature *latakia = NULL;

	(void)state;
	em_error_clear(&err);
	if (em_basemap_create(&bm, LEVANT, &err) != EM_OK)
		fail_msg("%s", err.message);
	towns = em_basemap_get(bm, EM_BASEMAP_TOWNS);
	for (size_t i = 0; i < towns->count; i++)
		if (strcmp(towns->features[i].id, "173576") == 0)
			latakia = &towns->features[i];
	if (latakia == NULL)
		fail_msg("Latakia (173576) is not among the %zu towns", towns->count);
	assert_string_equal(latakia->name, "Latakia");
	assert_string_equal(latakia->name_ar,
			    "\xD8\xA7\xD9\x84\xD9\x84\xD8\xA7\xD8\xB0\xD9\x82\xD9\x8A\xD8\xA9");
	assert_int_equal(latakia->population, 340181);
	assert_string_equal(latakia->iso, ""); /* towns have no iso field */
	/* One point, longitude first. */
	assert_int_equal(latakia->part_count, 1);
	assert_int_equal(latakia->part_sizes[0], 1);
	assert_true(latakia->coords[0] > 35.7 && latakia->coords[0] < 35.9);
	assert_true(latakia->coords[1] > 35.4 && latakia->coords[1] < 35.6);
	/* The countries carry their ISO codes. */
	{
		const em_basemap_layer *countries = em_basemap_get(bm, EM_BASEMAP_COUNTRIES);
		bool syria = false, lebanon = false;
		for (size_t i = 0; i < countries->count; i++) {
			syria |= strcmp(countries->features[i].iso, "SY") == 0;
			lebanon |= strcmp(countries->features[i].iso, "LB") == 0;
		}
		assert_true(syria && lebanon);
	}
	em_basemap_destroy(bm);
}

static void test_missing_file__names_it(void **state)
{
	static char sentinel;
	em_basemap *bm = (em_basemap *)(void *)&sentinel;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_basemap_create(&bm, "/nonexistent/basemap.gpkg", &err), EM_ERR_IO);
	assert_null(bm);
	if (strstr(err.message, "/nonexistent/basemap.gpkg: cannot open") == NULL)
		fail_msg("'%s' does not name the file", err.message);
}

static void test_not_a_geopackage__names_it(void **state)
{
	em_basemap *bm = NULL;
	em_error err;
	char path[128];
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/notes.gpkg", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("These are notes about the coast, not a GeoPackage.\n", f);
	assert_int_equal(fclose(f), 0);
	em_error_clear(&err);
	assert_int_equal(em_basemap_create(&bm, path, &err), EM_ERR_IO);
	assert_null(bm);
	assert_non_null(strstr(err.message, path));
	assert_non_null(strstr(err.message, "cannot open"));
}

/* A GeoPackage with a land layer only: coastline, borders and countries
 * are missing, and the first of them is named with the file. */
static void test_required_layer_missing__names_layer_and_file(void **state)
{
	GDALDriverH driver = GDALGetDriverByName("GPKG");
	GDALDatasetH ds;
	OGRSpatialReferenceH wgs84;
	OGRLayerH land;
	OGRFeatureH feature;
	OGRGeometryH square = NULL;
	char wkt[] = "POLYGON ((35 34,36 34,36 35,35 35,35 34))", *cursor = wkt;
	em_basemap *bm = NULL;
	em_error err;
	char path[128];

	(void)state;
	assert_non_null(driver);
	snprintf(path, sizeof(path), "%s/land-only.gpkg", dir);
	ds = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, NULL);
	assert_non_null(ds);
	wgs84 = OSRNewSpatialReference(NULL);
	assert_int_equal(OSRSetWellKnownGeogCS(wgs84, "WGS84"), OGRERR_NONE);
	land = GDALDatasetCreateLayer(ds, "land", wgs84, wkbPolygon, NULL);
	assert_non_null(land);
	assert_int_equal(OGR_G_CreateFromWkt(&cursor, wgs84, &square), OGRERR_NONE);
	feature = OGR_F_Create(OGR_L_GetLayerDefn(land));
	OGR_F_SetGeometryDirectly(feature, square);
	assert_int_equal(OGR_L_CreateFeature(land, feature), OGRERR_NONE);
	OGR_F_Destroy(feature);
	OSRDestroySpatialReference(wgs84);
	GDALClose(ds);
	em_error_clear(&err);
	assert_int_equal(em_basemap_create(&bm, path, &err), EM_ERR_INVALID);
	assert_null(bm);
	assert_non_null(strstr(err.message, path));
	if (strstr(err.message, "basemap layer 'coastline' is missing") == NULL)
		fail_msg("'%s' does not name the missing layer", err.message);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levant__every_layer_read_whole),
		cmocka_unit_test(test_levant__coverage_box),
		cmocka_unit_test(test_levant__towns_keep_their_attributes),
		cmocka_unit_test(test_missing_file__names_it),
		cmocka_unit_test(test_not_a_geopackage__names_it),
		cmocka_unit_test(test_required_layer_missing__names_layer_and_file),
	};
	return cmocka_run_group_tests_name("basemap", tests, make_dir, remove_dir);
}
