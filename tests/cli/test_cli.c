/* Tests of the eventmap binary as a user runs it: exit codes, what goes
 * to stdout and stderr, the JSON and TSV outputs, and the files written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "../support/cli_run.h"

static void test_cli__version_and_help(void **state)
{
	outcome o;

	(void)state;
	o = run("--version");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "eventmap 0."));
	done(&o);
	o = run("--help");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "geocode"));
	assert_non_null(strstr(o.out, "run"));
	done(&o);
	o = run("geocode --help");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "--country"));
	assert_non_null(strstr(o.out, "Exit status"));
	done(&o);
	o = run("help run");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "usage: eventmap run"));
	done(&o);
	o = run("frobnicate");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'frobnicate' is not a command"));
	done(&o);
	o = run("%s", "");
	assert_int_equal(o.code, 1);
	done(&o);
}

static void test_geocode__json_keys_and_values(void **state)
{
	static const char *const keys[] = {"query", "hints", "status", "lat", "lon", "name",
					   "name_ar", "id", "country", "admin1", "method", "score",
					   "precision", "reason", "candidates", "suggestions"};
	outcome o;
	json_object *root, *first, *value;
	size_t k = 0;

	(void)state;
	o = run("geocode --format json Latakia Tartous Baniyas");
	assert_int_equal(o.code, 0);
	assert_string_equal(o.err, "");
	root = json_tokener_parse(o.out);
	assert_non_null(root);
	assert_true(json_object_is_type(root, json_type_array));
	assert_int_equal(json_object_array_length(root), 3);
	first = json_object_array_get_idx(root, 0);
	json_object_object_foreach(first, key, val) {
		(void)val;
		assert_true(k < 16);
		assert_string_equal(key, keys[k]);
		k++;
	}
	assert_int_equal(k, 16);
	assert_true(json_object_object_get_ex(first, "id", &value));
	assert_string_equal(json_object_get_string(value), "173576");
	assert_true(json_object_object_get_ex(first, "lat", &value));
	assert_true(json_object_get_double(value) > 35.53 && json_object_get_double(value) < 35.54);
	assert_true(json_object_object_get_ex(first, "method", &value));
	assert_string_equal(json_object_get_string(value), "exact");
	assert_true(json_object_object_get_ex(json_object_array_get_idx(root, 1), "method", &value));
	assert_string_equal(json_object_get_string(value), "alternate");
	/* Baniyas lists the Golan site it was preferred over. */
	assert_true(json_object_object_get_ex(json_object_array_get_idx(root, 2), "candidates",
					      &value));
	assert_int_equal(json_object_array_length(value), 1);
	json_object_put(root);
	done(&o);
}

static void test_geocode__unresolved_exit_3(void **state)
{
	outcome o;
	json_object *root, *item, *value;

	(void)state;
	o = run("geocode --format json Jableh Tuwaym");
	assert_int_equal(o.code, 3);
	root = json_tokener_parse(o.out);
	assert_non_null(root);
	item = json_object_array_get_idx(root, 1);
	assert_true(json_object_object_get_ex(item, "status", &value));
	assert_string_equal(json_object_get_string(value), "unresolved");
	assert_true(json_object_object_get_ex(item, "lat", &value));
	assert_null(value);
	assert_true(json_object_object_get_ex(item, "suggestions", &value));
	assert_true(json_object_array_length(value) > 0);
	json_object_put(root);
	done(&o);
}

static void test_geocode__tsv(void **state)
{
	static const char header[] = "query\thints\tstatus\tlat\tlon\tname\tname_ar\tid\tcountry\t"
				     "admin1\tmethod\tscore\tprecision\treason\tcandidates\t"
				     "suggestions\n";
	static const char row[] = "Qardaha\tcountry=SY\tresolved\t35.45644\t36.05909\t";
	outcome o;

	(void)state;
	o = run("geocode -c SY Qardaha Khmeimim");
	assert_int_equal(o.code, 0);
	assert_int_equal(strncmp(o.out, header, strlen(header)), 0);
	assert_int_equal(strncmp(o.out + strlen(header), row, strlen(row)), 0);
	assert_non_null(strstr(o.out, "Khmeimim\tcountry=SY\tresolved\t35.40700\t35.94400\t"
				      "Hmeimim Air Base"));
	done(&o);
}

static void test_geocode__input_file(void **state)
{
	static const char names[] = "\xEF\xBB\xBFLatakia\r\n\r\n  \nAkkar\n\xD8\xAC\xD8\xA8\xD9\x84\xD8\xA9\n";
	outcome o;
	size_t lines = 0;

	(void)state;
	write_file("names.txt", names, sizeof(names) - 1);
	o = run("geocode -i names.txt -o result.tsv");
	assert_int_equal(o.code, 0);
	assert_string_equal(o.out, "");
	done(&o);
	o = run("geocode -i - < names.txt");
	assert_int_equal(o.code, 0);
	for (char *p = o.out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4); /* header + three names */
	done(&o);
	{
		char path[512];
		char *text;
		snprintf(path, sizeof(path), "%s/result.tsv", tmpdir);
		text = slurp(path);
		assert_non_null(text);
		assert_non_null(strstr(text, "Akkar\t\tresolved"));
		free(text);
	}
}

static void test_geocode__bad_input_file(void **state)
{
	static const char names[] = "Latakia\nLat\xC3" "akia\n";
	outcome o;

	(void)state;
	write_file("bad.txt", names, sizeof(names) - 1);
	o = run("geocode -i bad.txt");
	assert_int_equal(o.code, 1);
	assert_string_equal(o.out, "");
	assert_non_null(strstr(o.err, "bad.txt:2: name is not valid UTF-8"));
	done(&o);
	o = run("geocode -i missing.txt");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "missing.txt: cannot open"));
	done(&o);
}

static void test_geocode__usage_errors(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "no names"));
	done(&o);
	o = run("geocode --format xml Latakia");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--format 'xml'"));
	done(&o);
	o = run("geocode --country Syria Latakia");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Syria' is not a two-letter"));
	done(&o);
	o = run("geocode --region 1,2,3 Latakia");
	assert_int_equal(o.code, 1);
	done(&o);
	o = run("geocode ''");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "empty"));
	done(&o);
}

static void test_geocode__extra_and_bad_gazetteers(void **state)
{
	static const char pins[] =
		"pin:tuwaym\tTuwaym\tTuwaym\t\t35.2\t36.4\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\tdesk notes\t2\n";
	static const char broken[] = "1\tA\tA\t\t95\t35\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\n";
	outcome o;

	(void)state;
	write_file("pins.tsv", pins, sizeof(pins) - 1);
	write_file("broken.txt", broken, sizeof(broken) - 1);
	o = run("geocode --override pins.tsv Tuwaym");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "\toverride\t1.00\t2\t"));
	done(&o);
	o = run("geocode --gazetteer broken.txt Latakia");
	assert_int_equal(o.code, 1);
	assert_string_equal(o.out, "");
	assert_non_null(strstr(o.err, "broken.txt:1: column 5 (latitude): '95'"));
	done(&o);
	o = run("geocode --no-default-gazetteer --gazetteer pins.tsv Latakia");
	assert_int_equal(o.code, 3);
	done(&o);
}

static void test_run__writes_geocode_tsv(void **state)
{
	outcome o;
	char path[512];
	char *text;
	DIR *dir;
	struct dirent *entry;
	size_t files = 0;

	(void)state;
	o = run("run -o out/nested");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "geocode.tsv"));
	assert_non_null(strstr(o.out, "resolved"));
	done(&o);
	snprintf(path, sizeof(path), "%s/out/nested/geocode.tsv", tmpdir);
	text = slurp(path);
	assert_non_null(text);
	assert_non_null(strstr(text, "Tuwaym\tcountry=SY\tunresolved"));
	assert_non_null(strstr(text, "Baniyas\tcountry=SY\tresolved\t35.18188\t35.94871"));
	free(text);
	/* The outputs are there, and no temporary file is left beside them. */
	snprintf(path, sizeof(path), "%s/out/nested", tmpdir);
	dir = opendir(path);
	assert_non_null(dir);
	while ((entry = readdir(dir)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		files++;
		if (strcmp(entry->d_name, "geocode.tsv") != 0 &&
		    strcmp(entry->d_name, "eventmap.gpkg") != 0 &&
		    strcmp(entry->d_name, "geojson") != 0 &&
		    strcmp(entry->d_name, "poster.png") != 0 &&
		    strcmp(entry->d_name, "poster.pdf") != 0 &&
		    strcmp(entry->d_name, "days") != 0)
			fail_msg("unexpected output '%s'", entry->d_name);
	}
	closedir(dir);
	assert_int_equal(files, 6);
	o = run("run -q -o out/nested");
	assert_int_equal(o.code, 0);
	assert_string_equal(o.out, "");
	done(&o);
}

static void test_render__outputs_and_errors(void **state)
{
	outcome o;
	struct stat st;
	char path[512];

	(void)state;
	o = run("render -q -p A4 --dpi 72 -o r.png -o r.pdf -o r.svg");
	assert_int_equal(o.code, 0);
	done(&o);
	snprintf(path, sizeof(path), "%s/r.svg", tmpdir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 1000);
	o = run("render --day 2025-03-07 -q -p A4 --dpi 72 -o day.png");
	assert_int_equal(o.code, 0);
	done(&o);
	o = run("render -o poster.jpg");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "poster.jpg: the output must end in .png, .pdf or .svg"));
	done(&o);
	o = run("render -p B7 -o x.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--page: page size 'B7'"));
	done(&o);
	o = run("render --day 2025-02-30 -o x.png");
	assert_int_equal(o.code, 1);
	done(&o);
	/* A day with nothing reported still gets a page that says so. */
	o = run("render -q --day 2024-01-01 -p A4 --dpi 72 -o empty.pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	write_file("nowhere.csv", "report_id,event_date,location,fatalities,source\n"
				  "r1,2025-03-07,Atlantis,5,SOHR\n", 78);
	o = run("render -r nowhere.csv -o nowhere.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "nothing to map"));
	done(&o);
	o = run("render --style nosuch -o x.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "style 'nosuch'"));
	done(&o);
	o = run("render --basemap /nonexistent.gpkg -o x.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "/nonexistent.gpkg"));
	done(&o);
	o = run("render --crs EPSG:999999 -o x.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "CRS 'EPSG:999999'"));
	done(&o);
	snprintf(path, sizeof(path), "%s/x.png", tmpdir);
	assert_int_not_equal(stat(path, &st), 0);
}

static bool exists(const char *relative)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, relative);
	return stat(path, &st) == 0;
}

#define QUICK "-q -p A4 --dpi 72 --formats png"

static void test_batch__days_naming_and_shared_scale(void **state)
{
	/* A span counts on every day it covers, 6 to 8 March, and on no other. */
	static const char spans[] =
		"report_id,event_date,event_date_end,location,fatalities,source\n"
		"r1,2025-03-06,2025-03-08,Baniyas,20,SOHR\n"
		"r2,2025-03-08,,Jableh,3,SNHR\n"
		"r3,2025-03-11,,Jableh,2,SNHR\n";
	outcome o;
	char *text, path[1024];

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("batch " QUICK " --cumulative -r spans.csv -o spans");
	assert_int_equal(o.code, 0);
	done(&o);
	assert_true(exists("spans/days/2025-03-06.png"));
	assert_true(exists("spans/days/2025-03-07.png"));
	assert_true(exists("spans/days/2025-03-08.png"));
	assert_false(exists("spans/days/2025-03-09.png"));
	assert_true(exists("spans/days/2025-03-11.png"));
	assert_true(exists("spans/days/through-2025-03-08.png"));
	/* --formats png: the overview in PNG only. */
	assert_true(exists("spans/days/overview.png"));
	assert_false(exists("spans/days/overview.pdf"));
	/* Every poster of the series says which figure sets the shared scale. */
	o = run("batch -q -p A4 --formats pdf -r spans.csv -o spans");
	assert_int_equal(o.code, 0);
	done(&o);
	snprintf(path, sizeof(path), "pdftotext %s/spans/days/2025-03-08.pdf - | tr '\\n' ' ' "
		 "> %s/day8.txt", tmpdir, tmpdir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof(path), "%s/day8.txt", tmpdir);
	text = slurp(path);
	assert_non_null(strstr(text, "(20)"));
	assert_non_null(strstr(text, "Jableh \xC2\xB7 3"));
	/* Baniyas's 20 covers 8 March too, marked with its days. */
	assert_non_null(strstr(text, "Baniyas \xC2\xB7 20 (6\xE2\x80\x93" "8 Mar)"));
	free(text);
}

static void test_batch__same_bytes_with_any_jobs(void **state)
{
	static const char *const names[] = {"2025-03-06.png", "2025-03-07.png", "overview.png"};
	outcome o;
	char command[1024];

	(void)state;
	o = run("batch " QUICK " --jobs 1 -o jobs1");
	assert_int_equal(o.code, 0);
	done(&o);
	o = run("batch " QUICK " --jobs 2 -o jobs2");
	assert_int_equal(o.code, 0);
	done(&o);
	for (size_t i = 0; i < 3; i++) {
		snprintf(command, sizeof(command), "cmp -s %s/jobs1/days/%s %s/jobs2/days/%s", tmpdir,
			 names[i], tmpdir, names[i]);
		if (system(command) != 0)
			fail_msg("%s differs between --jobs 1 and --jobs 2", names[i]);
	}
}

static void test_batch__one_day_fails_the_others_complete(void **state)
{
	outcome o;
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/broken/days/2025-03-07.png", tmpdir);
	{
		char command[1024];
		snprintf(command, sizeof(command), "mkdir -p '%s'", path);
		assert_int_equal(system(command), 0);
	}
	o = run("batch " QUICK " -o broken");
	assert_int_equal(o.code, 4);
	assert_non_null(strstr(o.err, "2025-03-07"));
	done(&o);
	assert_true(exists("broken/days/2025-03-06.png"));
	assert_true(exists("broken/days/overview.png"));
	{
		char command[1024];
		/* No temporary file is left behind. */
		snprintf(command, sizeof(command), "ls -a '%s/broken/days' | grep -q tmp", tmpdir);
		assert_int_not_equal(system(command), 0);
	}
}

static void test_batch__progress_only_on_a_terminal(void **state)
{
	outcome o;
	char command[1024], path[512];
	char *text;

	(void)state;
	o = run("batch -p A4 --dpi 72 --formats png -o piped");
	assert_int_equal(o.code, 0);
	assert_null(strstr(o.err, "posters"));
	assert_non_null(strstr(o.out, "overview"));
	done(&o);
	/* script(1) gives the command a terminal. */
	snprintf(command, sizeof(command),
		 "cd '%s' && EVENTMAP_DATA='%s' script -qec \"'%s' batch -p A4 --dpi 72 --formats png "
		 "-o tty\" /dev/null > tty.txt 2>&1", tmpdir, EM_SOURCE_DIR, EM_BINARY);
	assert_int_equal(system(command), 0);
	snprintf(path, sizeof(path), "%s/tty.txt", tmpdir);
	text = slurp(path);
	{
		/* One poster per day the default dataset covers. */
		const char *bar = strstr(text, "] ");
		unsigned done_count = 0, total = 1;
		assert_non_null(bar);
		assert_int_equal(sscanf(strrchr(text, ']') + 2, "%u/%u posters", &done_count, &total), 2);
		assert_int_equal(done_count, total);
		assert_true(total >= 5);
	}
	free(text);
	o = run("batch -q -p A4 --dpi 72 --formats png -o quiet");
	assert_string_equal(o.out, "");
	done(&o);
	o = run("batch --formats gif -o x");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--format 'gif'"));
	done(&o);
}

static void test_export__formats_and_errors(void **state)
{
	static const char bad[] = "report_id,event_date,location,fatalities,source\n"
				  "r1,2025-03-07,Baniyas,many,SOHR\n";
	outcome o;
	struct stat st;
	char path[512];

	(void)state;
	o = run("export -q --format GeoJSON,FlatGeobuf -o layers");
	assert_int_equal(o.code, 0);
	done(&o);
	snprintf(path, sizeof(path), "%s/layers/geojson/places.geojson", tmpdir);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/layers/flatgeobuf/reports.fgb", tmpdir);
	assert_int_equal(stat(path, &st), 0);
	write_file("bad.csv", bad, sizeof(bad) - 1);
	o = run("export -r bad.csv -o badout");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "bad.csv:2: column 'fatalities': 'many' is not a whole number"));
	done(&o);
	/* A refused input leaves no trace: not even the directory. */
	snprintf(path, sizeof(path), "%s/badout", tmpdir);
	assert_int_not_equal(stat(path, &st), 0);
	o = run("export --strict -o strict");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Tuwaym' not mapped"));
	assert_non_null(strstr(o.err, "--strict"));
	done(&o);
	snprintf(path, sizeof(path), "%s/strict/eventmap.gpkg", tmpdir);
	assert_int_not_equal(stat(path, &st), 0);
	/* 250 names the gazetteer lacks: 200 warnings, then a count; every
	 * row is in the not_mapped layer all the same. */
	{
		FILE *f;
		snprintf(path, sizeof(path), "%s/many.csv", tmpdir);
		f = fopen(path, "wb");
		assert_non_null(f);
		fputs("report_id,event_date,location,fatalities,source\n", f);
		for (int i = 1; i <= 250; i++)
			fprintf(f, "r%d,2025-03-07,Qaryat Zz%d,1,SOHR\n", i, i);
		fclose(f);
	}
	o = run("export -r many.csv -f GeoJSON -o many");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.err, "many.csv:201: location 'Qaryat Zz200' not mapped"));
	assert_null(strstr(o.err, "'Qaryat Zz201'"));
	assert_non_null(strstr(o.err, "... and 50 more like these"));
	assert_non_null(strstr(o.out, "0 mapped, 0 approximate, 250 not mapped"));
	done(&o);
	snprintf(path, sizeof(path), "%s/many/geojson/not_mapped.geojson", tmpdir);
	{
		char *text = slurp(path);
		assert_non_null(text);
		assert_non_null(strstr(text, "Qaryat Zz250"));
		free(text);
	}
	o = run("export --format Bogus -o bogus");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Bogus' is not a GDAL vector driver"));
	done(&o);
	o = run("export --format PostgreSQL -o pg");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "connection string"));
	done(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli__version_and_help),
		cmocka_unit_test(test_geocode__json_keys_and_values),
		cmocka_unit_test(test_geocode__unresolved_exit_3),
		cmocka_unit_test(test_geocode__tsv),
		cmocka_unit_test(test_geocode__input_file),
		cmocka_unit_test(test_geocode__bad_input_file),
		cmocka_unit_test(test_geocode__usage_errors),
		cmocka_unit_test(test_geocode__extra_and_bad_gazetteers),
		cmocka_unit_test(test_run__writes_geocode_tsv),
		cmocka_unit_test(test_export__formats_and_errors),
		cmocka_unit_test(test_render__outputs_and_errors),
		cmocka_unit_test(test_batch__days_naming_and_shared_scale),
		cmocka_unit_test(test_batch__same_bytes_with_any_jobs),
		cmocka_unit_test(test_batch__one_day_fails_the_others_complete),
		cmocka_unit_test(test_batch__progress_only_on_a_terminal),
	};
	return cmocka_run_group_tests_name("cli", tests, make_tmpdir, remove_tmpdir);
}
