/* Tests of the map view: projection and extent, a scale bar true at the
 * centre, another CRS and its errors.  (The style files and their errors
 * are tested here too until tests/style takes them over.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eventmap/mapview.h"
#include "eventmap/render.h"
#include "eventmap/style.h"

static const em_bbox coast = {35.79, 34.54, 36.29, 35.88};

static void test_mapview__fits_and_projects(void **state)
{
	em_mapview *v = NULL;
	em_error err;
	em_bbox b;
	double x, y, x2, y2;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_mapview_create(&v, &coast, 200, 250, 0.1, 60, NULL, &err), EM_OK);
	em_mapview_bounds(&b, v);
	assert_true(b.west < coast.west && b.east > coast.east);
	assert_true(b.south < coast.south && b.north > coast.north);
	/* Every data corner lands inside the frame. */
	assert_true(em_mapview_to_page(&x, &y, v, coast.west, coast.south));
	assert_true(x > 0 && x < 200 && y > 0 && y < 250);
	assert_true(em_mapview_to_page(&x2, &y2, v, coast.east, coast.north));
	assert_true(x2 > x && y2 < y); /* east is right, north is up */
	/* Transverse Mercator centred on the data: north is up at the centre. */
	assert_true(fabs(em_mapview_north(v)) < 1e-3);
	assert_non_null(strstr(em_mapview_description(v), "Transverse Mercator"));
	em_mapview_destroy(v);
}

static void test_mapview__scale_true_at_centre(void **state)
{
	em_mapview *v = NULL;
	em_error err;
	double x0, y0, x1, y1, km, mm;
	/* One degree of latitude near 35 N is 110.96 km on WGS 84. */
	const double km_per_degree = 110.96;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_mapview_create(&v, &coast, 200, 250, 0.1, 60, NULL, &err), EM_OK);
	assert_true(em_mapview_to_page(&x0, &y0, v, 36.04, 34.71));
	assert_true(em_mapview_to_page(&x1, &y1, v, 36.04, 35.71));
	assert_true(fabs(hypot(x1 - x0, y1 - y0) / km_per_degree / em_mapview_mm_per_km(v) - 1) <
		    0.002);
	em_mapview_scale_bar(&km, &mm, v, 50);
	assert_true(mm <= 50 && mm > 20);
	assert_true(fabs(mm - km * em_mapview_mm_per_km(v)) < 1e-9);
	/* Round lengths only. */
	assert_true(km == 10 || km == 20 || km == 25 || km == 50 || km == 5);
	em_mapview_destroy(v);
}

static void test_mapview__other_crs_and_errors(void **state)
{
	em_mapview *v = NULL;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_mapview_create(&v, &coast, 200, 250, 0.1, 60, "EPSG:32637", &err), EM_OK);
	assert_non_null(strstr(em_mapview_description(v), "UTM"));
	/* UTM zone 37 is centred on 39 E: true north leans at the coast. */
	assert_true(fabs(em_mapview_north(v)) > 0.01);
	em_mapview_destroy(v);
	assert_int_equal(em_mapview_create(&v, &coast, 200, 250, 0.1, 60, "EPSG:999999", &err),
			 EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "CRS 'EPSG:999999'"));
	assert_null(v);
}

static const char *write_style(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/eventmap-style-%d.ini", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void expect_style_error(const char *text, const char *expected)
{
	em_style s;
	em_error err;
	const char *path = write_style(text);

	em_error_clear(&err);
	assert_int_equal(em_style_load(&s, path, NULL, &err), EM_ERR_INVALID);
	if (strstr(err.message, expected) == NULL)
		fail_msg("'%s' lacks '%s'", err.message, expected);
	unlink(path);
}

static void test_style__files_and_errors(void **state)
{
	static const char *const names[] = {"print", "dark", "mono"};
	em_style s, defaults;
	em_error err;

	(void)state;
	em_style_defaults(&defaults);
	for (size_t i = 0; i < 3; i++) {
		em_error_clear(&err);
		if (em_style_load(&s, names[i], EM_SOURCE_DIR "/styles", &err) != EM_OK)
			fail_msg("%s", err.message);
		assert_string_equal(s.name, names[i]);
	}
	/* The print file spells out the built-in defaults. */
	em_error_clear(&err);
	assert_int_equal(em_style_load(&s, "print", EM_SOURCE_DIR "/styles", &err), EM_OK);
	assert_memory_equal(&s.category, &defaults.category, sizeof(s.category));
	assert_true(s.marker_max_mm == defaults.marker_max_mm);
	expect_style_error("[map]\n# comment\nsea = blue-ish\n",
			   ":3: key 'sea' in [map]: 'blue-ish' is not a colour");
	expect_style_error("[markers]\nmax_radius_mm = huge\n",
			   ":2: key 'max_radius_mm' in [markers]: 'huge' is not a number");
	expect_style_error("[markers]\n\nmax_radius_mm = 500\n", ":3: key 'max_radius_mm'");
	expect_style_error("[map]\nsee = #ffffff\n", ":2: key 'see' in [map] is not a style setting");
	expect_style_error("[map]\nthis line is wrong\n", ":2:");
	expect_style_error("[markers]\nscaling = cubic\n", "is not a scaling");
	em_error_clear(&err);
	assert_int_equal(em_style_load(&s, "nosuchstyle", EM_SOURCE_DIR "/styles", &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, "nosuchstyle"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapview__fits_and_projects),
		cmocka_unit_test(test_mapview__scale_true_at_centre),
		cmocka_unit_test(test_mapview__other_crs_and_errors),
		cmocka_unit_test(test_style__files_and_errors),
	};
	return cmocka_run_group_tests_name("mapview", tests, NULL, NULL);
}
