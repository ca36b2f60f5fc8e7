/* The binary as a user with their own data meets placement: the one answer
 * for a row in every output of `run`, a reason on every answer, --near and
 * --places, names quoted at a readable length, and data the basemap does
 * not cover refused before anything is written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "../support/cli_run.h"

/* A reports file with no country column but on one row. */
static const char reports[] =
	"report_id,event_date,location,country,fatalities,source\n"
	"r1,2025-03-07,Latakia,,3,A\n"
	"r2,2025-03-07,Jableh,,2,A\n"
	"r3,2025-03-07,Haffa,,1,A\n"
	"r4,2025-03-08,Haffa,IL,4,B\n";

static char *read_output(const char *relative)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, relative);
	return slurp(path);
}

/* The coordinates of report `id` in reports.geojson, or false. */
static bool report_point(const char *geojson, const char *id, double *lon, double *lat)
{
	json_object *root = json_tokener_parse(geojson), *features, *value;
	bool found = false;

	assert_non_null(root);
	assert_true(json_object_object_get_ex(root, "features", &features));
	for (size_t i = 0; i < json_object_array_length(features) && !found; i++) {
		json_object *f = json_object_array_get_idx(features, i), *props, *geometry, *xy;
		json_object_object_get_ex(f, "properties", &props);
		if (!json_object_object_get_ex(props, "report_id", &value) ||
		    strcmp(json_object_get_string(value), id) != 0)
			continue;
		json_object_object_get_ex(f, "geometry", &geometry);
		json_object_object_get_ex(geometry, "coordinates", &xy);
		*lon = json_object_get_double(json_object_array_get_idx(xy, 0));
		*lat = json_object_get_double(json_object_array_get_idx(xy, 1));
		found = true;
	}
	json_object_put(root);
	return found;
}

static void test_run__one_answer_in_every_output(void **state)
{
	outcome o;
	char *tsv, *geojson;
	double lon, lat;

	(void)state;
	write_file("own.csv", reports, sizeof(reports) - 1);
	o = run("run -q -r own.csv -o own");
	assert_int_equal(o.code, 0);
	done(&o);
	tsv = read_output("own/geocode.tsv");
	geojson = read_output("own/geojson/reports.geojson");
	assert_non_null(tsv);
	assert_non_null(geojson);
	/* Without a hint, the coast's places make Haffa Al-Haffah; with IL,
	 * Haifa: in geocode.tsv ... */
	assert_non_null(strstr(tsv, "Haffa\t\tresolved\t35.59"));
	assert_non_null(strstr(tsv, "Haffa\tcountry=IL\tresolved\t32.8"));
	assert_non_null(strstr(tsv, "Haifa (IL) is"));
	/* ... and in the layers, row by row. */
	assert_true(report_point(geojson, "r3", &lon, &lat));
	assert_true(lat > 35.5 && lat < 35.7 && lon > 36.0 && lon < 36.2);
	assert_true(report_point(geojson, "r4", &lon, &lat));
	assert_true(lat > 32.7 && lat < 32.9 && lon > 34.9 && lon < 35.1);
	/* The reason and the Arabic name travel with the row. */
	assert_non_null(strstr(geojson, "\"place_name_ar\": \"\xd8\xa7\xd9\x84\xd8\xad\xd9\x81\xd8\xa9\""));
	assert_non_null(strstr(geojson, "\"reason\": \"spelling variant of Al"));
	free(tsv);
	free(geojson);
}

static void test_run__outside_the_basemap_writes_nothing(void **state)
{
	static const char libya[] = "report_id,event_date,location,country,fatalities,source\n"
				    "t1,2025-03-07,Tripoli,LY,3,A\n";
	struct stat st;
	outcome o;
	char path[512];

	(void)state;
	write_file("libya.csv", libya, sizeof(libya) - 1);
	o = run("run -q -r libya.csv -o libya");
	assert_int_equal(o.code, 1);
	/* The place is named, at its own coordinates. */
	assert_non_null(strstr(o.err, "'Tripoli' (32.89 N, 13.19 E) lies outside the basemap (32 "
				      "to 41 E, 31 to 38.5 N)"));
	done(&o);
	snprintf(path, sizeof(path), "%s/libya", tmpdir);
	assert_int_not_equal(stat(path, &st), 0);
}

/* Beyond the basemap a batch writes nothing and says why, exit 1. */
static void test_batch__outside_the_basemap_writes_nothing(void **state)
{
	static const char qamishli[] = "report_id,event_date,location,latitude,longitude,"
				       "fatalities,source\n"
				       "q1,2025-03-07,Qamishli,37.05,41.23,3,A\n"
				       "q2,2025-03-07,Latakia,35.52,35.79,2,A\n";
	struct stat st;
	outcome o;
	char path[512];

	(void)state;
	write_file("qamishli.csv", qamishli, sizeof(qamishli) - 1);
	o = run("batch -q -f png --dpi 72 -r qamishli.csv -o qamishli");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Qamishli' (37.05 N, 41.23 E) lies outside the basemap"));
	done(&o);
	snprintf(path, sizeof(path), "%s/qamishli", tmpdir);
	assert_int_not_equal(stat(path, &st), 0);
}

static void test_geocode__ambiguous_alone_says_why(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --format json Haffa");
	assert_int_equal(o.code, 3);
	assert_non_null(strstr(o.out, "\"reason\": \"2 places match equally: "));
	done(&o);
}

static void test_geocode__near_decides(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --near 35.55,35.85 Haffa");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "Haffa\t\tresolved\t35.59"));
	assert_non_null(strstr(o.out, "from the point given (35.55, 35.85)"));
	done(&o);
}

static void test_geocode__near_not_a_point(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --near 95,35 Haffa");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--near: '95,35' is not a point"));
	done(&o);
}

static void test_geocode__places_file(void **state)
{
	static const char places[] =
		"name,lat,lon,country,admin1,alternate_names,name_ar,precision,source\n"
		"Tuwaym,35.17,36.05,SY,Tartus,Tuwaim;Twaym,\xd8\xb7\xd9\x88\xd9\x8a\xd9\x85,2,"
		"desk notes\n";
	outcome o;

	(void)state;
	write_file("places.csv", places, sizeof(places) - 1);
	o = run("geocode --places places.csv Twaym");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "Twaym\t\tresolved\t35.17000\t36.05000\tTuwaym\t"
				      "\xd8\xb7\xd9\x88\xd9\x8a\xd9\x85\t"));
	assert_non_null(strstr(o.out, "\toverride\t1.00\t2\tpinned by places.csv:2 (desk notes)"));
	done(&o);
}

static void test_geocode__bad_places_file_names_line_and_column(void **state)
{
	static const char broken[] = "name,lat,lon\nA,35,36\nB,north,36\n";
	outcome o;

	(void)state;
	write_file("broken.csv", broken, sizeof(broken) - 1);
	o = run("geocode --places broken.csv Twaym");
	assert_int_equal(o.code, 1);
	assert_string_equal(o.out, "");
	assert_non_null(strstr(o.err, "broken.csv:3: column 'lat': 'north' is not a latitude"));
	done(&o);
}

static void test_run__long_names_quoted_short(void **state)
{
	char text[1024];
	char name[201];
	outcome o;

	(void)state;
	memset(name, 'q', 200);
	name[200] = '\0';
	snprintf(text, sizeof(text), "report_id,event_date,location,fatalities,source\n"
		 "r1,2025-03-07,Latakia,1,A\nr2,2025-03-07,%s,1,A\n", name);
	write_file("long.csv", text, strlen(text));
	o = run("export -r long.csv -o long");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.err, "location 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
				      "qqqqqq\xE2\x80\xA6 (200 bytes)' not mapped"));
	assert_null(strstr(o.err, name));
	done(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run__one_answer_in_every_output),
		cmocka_unit_test(test_run__outside_the_basemap_writes_nothing),
		cmocka_unit_test(test_batch__outside_the_basemap_writes_nothing),
		cmocka_unit_test(test_geocode__ambiguous_alone_says_why),
		cmocka_unit_test(test_geocode__near_decides),
		cmocka_unit_test(test_geocode__near_not_a_point),
		cmocka_unit_test(test_geocode__places_file),
		cmocka_unit_test(test_geocode__bad_places_file_names_line_and_column),
		cmocka_unit_test(test_run__long_names_quoted_short),
	};
	return cmocka_run_group_tests_name("placement", tests, make_tmpdir, remove_tmpdir);
}
