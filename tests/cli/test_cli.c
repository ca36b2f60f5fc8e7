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

static void test_cli__version(void **state)
{
	outcome o;

	(void)state;
	o = run("--version");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "eventmap 0."));
	done(&o);
}

static void test_cli__help_lists_the_commands(void **state)
{
	outcome o;

	(void)state;
	o = run("--help");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "geocode"));
	assert_non_null(strstr(o.out, "run"));
	done(&o);
}

static void test_cli__command_help(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --help");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "--country"));
	assert_non_null(strstr(o.out, "Exit status"));
	done(&o);
}

static void test_cli__help_command(void **state)
{
	outcome o;

	(void)state;
	o = run("help run");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "usage: eventmap run"));
	done(&o);
}

static void test_cli__unknown_command(void **state)
{
	outcome o;

	(void)state;
	o = run("frobnicate");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'frobnicate' is not a command"));
	done(&o);
}

/* No command at all: the usage, on stderr, and nothing on stdout. */
static void test_cli__no_command(void **state)
{
	outcome o;

	(void)state;
	o = run("%s", "");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "usage: eventmap"));
	assert_string_equal(o.out, "");
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

/* A BOM, CRLF, blank lines and an Arabic name: three names. */
static const char names_file[] =
	"\xEF\xBB\xBFLatakia\r\n\r\n  \nAkkar\n\xD8\xAC\xD8\xA8\xD9\x84\xD8\xA9\n";

static void test_geocode__input_file_to_output_file(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("names.txt", names_file, sizeof(names_file) - 1);
	o = run("geocode -i names.txt -o result.tsv");
	assert_int_equal(o.code, 0);
	assert_string_equal(o.out, "");
	done(&o);
	text = slurp(test_path("result.tsv"));
	assert_non_null(text);
	assert_non_null(strstr(text, "Akkar\t\tresolved"));
	free(text);
}

static void test_geocode__input_from_stdin(void **state)
{
	outcome o;
	size_t lines = 0;

	(void)state;
	write_file("names-stdin.txt", names_file, sizeof(names_file) - 1);
	o = run("geocode -i - < names-stdin.txt");
	assert_int_equal(o.code, 0);
	for (char *p = o.out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4); /* header + three names */
	assert_non_null(strstr(o.out, "Akkar\t\tresolved"));
	done(&o);
}

static void test_geocode__input_file_not_utf8(void **state)
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
}

static void test_geocode__input_file_missing(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode -i missing.txt");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "missing.txt: cannot open"));
	done(&o);
}

static void test_geocode__no_names(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "no names"));
	done(&o);
}

static void test_geocode__unknown_format(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --format xml Latakia");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--format 'xml'"));
	done(&o);
}

static void test_geocode__country_not_two_letters(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --country Syria Latakia");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Syria' is not a two-letter"));
	done(&o);
}

static void test_geocode__region_not_four_numbers(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode --region 1,2,3 Latakia");
	assert_int_equal(o.code, 1);
	assert_string_equal(o.out, "");
	assert_non_null(strstr(o.err, "--region '1,2,3': give WEST,SOUTH,EAST,NORTH"));
	done(&o);
}

static void test_geocode__empty_name(void **state)
{
	outcome o;

	(void)state;
	o = run("geocode ''");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "empty"));
	done(&o);
}

static const char pins[] =
	"pin:tuwaym\tTuwaym\tTuwaym\t\t35.2\t36.4\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\tdesk notes\t2\n";

static void test_geocode__override_pins_a_name(void **state)
{
	outcome o;

	(void)state;
	write_file("pins.tsv", pins, sizeof(pins) - 1);
	o = run("geocode --override pins.tsv Tuwaym");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.out, "\toverride\t1.00\t2\t"));
	done(&o);
}

static void test_geocode__bad_extra_gazetteer_names_line_and_column(void **state)
{
	static const char broken[] = "1\tA\tA\t\t95\t35\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\n";
	outcome o;

	(void)state;
	write_file("broken.txt", broken, sizeof(broken) - 1);
	o = run("geocode --gazetteer broken.txt Latakia");
	assert_int_equal(o.code, 1);
	assert_string_equal(o.out, "");
	assert_non_null(strstr(o.err, "broken.txt:1: column 5 (latitude): '95'"));
	done(&o);
}

/* Only the pins: Latakia is not among them, so it is unresolved (exit 3). */
static void test_geocode__without_the_default_gazetteer(void **state)
{
	outcome o;

	(void)state;
	write_file("pins-only.tsv", pins, sizeof(pins) - 1);
	o = run("geocode --no-default-gazetteer --gazetteer pins-only.tsv Latakia");
	assert_int_equal(o.code, 3);
	assert_non_null(strstr(o.out, "\nLatakia\t\tunresolved\t"));
	done(&o);
}

static void test_run__writes_every_output_and_geocode_tsv(void **state)
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
		    strcmp(entry->d_name, "days") != 0 && strcmp(entry->d_name, "web") != 0)
			fail_msg("unexpected output '%s'", entry->d_name);
	}
	closedir(dir);
	assert_int_equal(files, 7);
	snprintf(path, sizeof(path), "%s/out/nested/web/data/data.js", tmpdir);
	text = slurp(path);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"days\":[\"2025-03-06\""));
	free(text);
}

static void test_run__quiet_prints_nothing(void **state)
{
	outcome o;

	(void)state;
	o = run("run -q -o quiet");
	assert_int_equal(o.code, 0);
	assert_string_equal(o.out, "");
	done(&o);
	/* Quiet, not idle: the outputs are all there. */
	assert_true(exists("quiet/geocode.tsv"));
	assert_true(exists("quiet/eventmap.gpkg"));
	assert_png("quiet/poster.png", 4961, 3508); /* A3 landscape, 300 dpi */
	assert_true(exists("quiet/poster.pdf"));
	assert_true(exists("quiet/days/overview.png"));
}

/* A4 landscape: 297 x 210 mm, 842 x 595 pixels at 72 dpi. */
#define A4_PT_WIDTH (297 / 25.4 * 72)
#define A4_PT_HEIGHT (210 / 25.4 * 72)

/* One poster, three outputs: each is the file its name says, whole. */
static void test_render__png_pdf_and_svg_at_once(void **state)
{
	outcome o;
	char *text;

	(void)state;
	o = run("render -q -p A4 --dpi 72 -o r.png -o r.pdf -o r.svg");
	assert_int_equal(o.code, 0);
	done(&o);
	assert_png("r.png", 842, 595);
	text = pdf_text("r.pdf");
	HAS(text, "Violence on Syria\xE2\x80\x99s coast, March 2025");
	HAS(text, "6\xE2\x80\x93" "11 March 2025");
	free(text);
	assert_svg("r.svg", A4_PT_WIDTH, A4_PT_HEIGHT);
}

static void test_render__one_day(void **state)
{
	outcome o;

	(void)state;
	o = run("render --day 2025-03-07 -q -p A4 --dpi 72 -o day.png");
	assert_int_equal(o.code, 0);
	done(&o);
	assert_png("day.png", 842, 595);
}

static void test_render__output_must_be_png_pdf_or_svg(void **state)
{
	outcome o;

	(void)state;
	o = run("render -o poster.jpg");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "poster.jpg: the output must end in .png, .pdf or .svg"));
	done(&o);
	assert_false(exists("poster.jpg"));
}

static void test_render__unknown_page_size(void **state)
{
	outcome o;

	(void)state;
	o = run("render -p B7 -o b7.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--page: page size 'B7'"));
	done(&o);
	assert_false(exists("b7.png"));
}

static void test_render__impossible_day(void **state)
{
	outcome o;

	(void)state;
	o = run("render --day 2025-02-30 -o feb30.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--day '2025-02-30': give a date as YYYY-MM-DD"));
	done(&o);
	assert_false(exists("feb30.png"));
}

/* A day with nothing reported still gets a page that says so, and the
 * command warns. */
static void test_render__empty_day_gets_a_page_that_says_so(void **state)
{
	outcome o;
	char *text;

	(void)state;
	o = run("render -q --day 2024-01-01 -p A4 --dpi 72 -o empty.pdf");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.err, "warning: nothing in "));
	assert_non_null(strstr(o.err, "reports.csv was reported for 2024-01-01; the poster says so"));
	done(&o);
	text = pdf_text("empty.pdf");
	HAS(text, "Nothing was reported for Monday 1 January 2024 in this dataset");
	LACKS(text, "6\xE2\x80\x93" "11 March 2025");
	free(text);
}

static void test_render__nothing_to_map(void **state)
{
	static const char nowhere[] = "report_id,event_date,location,fatalities,source\n"
				      "r1,2025-03-07,Atlantis,5,SOHR\n";
	outcome o;

	(void)state;
	write_file("nowhere.csv", nowhere, sizeof(nowhere) - 1);
	o = run("render -r nowhere.csv -o nowhere.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "nothing to map"));
	done(&o);
	assert_false(exists("nowhere.png"));
}

static void test_render__unknown_style(void **state)
{
	outcome o;

	(void)state;
	o = run("render --style nosuch -o nostyle.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "style 'nosuch'"));
	done(&o);
	assert_false(exists("nostyle.png"));
}

static void test_render__missing_basemap(void **state)
{
	outcome o;

	(void)state;
	o = run("render --basemap /nonexistent.gpkg -o nobasemap.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "/nonexistent.gpkg"));
	done(&o);
	assert_false(exists("nobasemap.png"));
}

static void test_render__unknown_crs(void **state)
{
	outcome o;

	(void)state;
	o = run("render --crs EPSG:999999 -o nocrs.png");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "CRS 'EPSG:999999'"));
	done(&o);
	assert_false(exists("nocrs.png"));
}

#define QUICK "-q -p A4 --dpi 72 --formats png"

/* A span counts on every day it covers, 6 to 8 March, and on no other. */
static const char spans[] =
	"report_id,event_date,event_date_end,location,fatalities,source\n"
	"r1,2025-03-06,2025-03-08,Baniyas,20,SOHR\n"
	"r2,2025-03-08,,Jableh,3,SNHR\n"
	"r3,2025-03-11,,Jableh,2,SNHR\n";

static void test_batch__a_poster_for_each_day_covered(void **state)
{
	outcome o;

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
	assert_png("spans/days/2025-03-06.png", 842, 595);
}

/* Every poster of the series says which figure sets the shared scale. */
static void test_batch__every_poster_names_the_shared_scale(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("spans-pdf.csv", spans, sizeof(spans) - 1);
	o = run("batch -q -p A4 --formats pdf -r spans-pdf.csv -o spans-pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	text = pdf_text("spans-pdf/days/2025-03-08.pdf");
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
	/* No temporary file is left behind. */
	assert_int_equal(entries_containing("broken/days", "tmp"), 0);
}

static void test_batch__no_progress_bar_when_piped(void **state)
{
	outcome o;

	(void)state;
	o = run("batch -p A4 --dpi 72 --formats png -o piped");
	assert_int_equal(o.code, 0);
	assert_null(strstr(o.err, "posters"));
	assert_non_null(strstr(o.out, "overview"));
	done(&o);
}

static void test_batch__progress_bar_on_a_terminal(void **state)
{
	char command[1024], path[512];
	char *text;

	(void)state;
	/* script(1) gives the command a terminal. */
	snprintf(command, sizeof(command),
		 "cd '%s' && EVENTMAP_DATA='%s' script -qec \"'%s' batch -p A4 --dpi 72 --formats png "
		 "-o tty\" /dev/null > tty.txt 2>&1", tmpdir, EM_SOURCE_DIR, EM_BINARY);
	run_tool("script (bsdutils) running eventmap batch", command);
	snprintf(path, sizeof(path), "%s/tty.txt", tmpdir);
	text = slurp(path);
	assert_non_null(text);
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
}

static void test_batch__quiet_prints_nothing(void **state)
{
	outcome o;

	(void)state;
	o = run("batch -q -p A4 --dpi 72 --formats png -o quiet-batch");
	assert_int_equal(o.code, 0);
	assert_string_equal(o.out, "");
	assert_string_equal(o.err, "");
	done(&o);
	/* Quiet, not idle. */
	assert_png("quiet-batch/days/overview.png", 842, 595);
	assert_png("quiet-batch/days/2025-03-06.png", 842, 595);
}

static void test_batch__unknown_format(void **state)
{
	outcome o;

	(void)state;
	o = run("batch --formats gif -o gif");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--format 'gif'"));
	done(&o);
	assert_false(exists("gif"));
}

static void test_export__geojson_and_flatgeobuf(void **state)
{
	outcome o;
	char *text;

	(void)state;
	o = run("export -q --format GeoJSON,FlatGeobuf -o layers");
	assert_int_equal(o.code, 0);
	done(&o);
	text = slurp(test_path("layers/geojson/places.geojson"));
	assert_non_null(text);
	assert_non_null(strstr(text, "\"type\": \"FeatureCollection\""));
	assert_non_null(strstr(text, "Baniyas"));
	free(text);
	text = slurp(test_path("layers/flatgeobuf/reports.fgb"));
	assert_non_null(text);
	assert_memory_equal(text, "fgb\x03", 4); /* FlatGeobuf's magic bytes */
	free(text);
}

static void test_export__bad_reports_leave_no_trace(void **state)
{
	static const char bad[] = "report_id,event_date,location,fatalities,source\n"
				  "r1,2025-03-07,Baniyas,many,SOHR\n";
	outcome o;

	(void)state;
	write_file("bad.csv", bad, sizeof(bad) - 1);
	o = run("export -r bad.csv -o badout");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "bad.csv:2: column 'fatalities': 'many' is not a whole number"));
	done(&o);
	/* A refused input leaves no trace: not even the directory. */
	assert_false(exists("badout"));
}

static void test_export__strict_refuses_unmapped_rows(void **state)
{
	outcome o;

	(void)state;
	o = run("export --strict -o strict");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Tuwaym' not mapped"));
	assert_non_null(strstr(o.err, "--strict"));
	done(&o);
	assert_false(exists("strict/eventmap.gpkg"));
}

/* 250 names the gazetteer lacks: 200 warnings, then a count; every row is
 * in the not_mapped layer all the same. */
static void test_export__warnings_stop_at_200(void **state)
{
	outcome o;
	char path[512];

	(void)state;
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
}

static void test_export__unknown_driver(void **state)
{
	outcome o;

	(void)state;
	o = run("export --format Bogus -o bogus");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "'Bogus' is not a GDAL vector driver"));
	done(&o);
	assert_false(exists("bogus"));
}

static void test_export__postgresql_needs_a_connection(void **state)
{
	outcome o;

	(void)state;
	o = run("export --format PostgreSQL -o pg");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "connection string"));
	done(&o);
	assert_false(exists("pg"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli__version),
		cmocka_unit_test(test_cli__help_lists_the_commands),
		cmocka_unit_test(test_cli__command_help),
		cmocka_unit_test(test_cli__help_command),
		cmocka_unit_test(test_cli__unknown_command),
		cmocka_unit_test(test_cli__no_command),
		cmocka_unit_test(test_geocode__json_keys_and_values),
		cmocka_unit_test(test_geocode__unresolved_exit_3),
		cmocka_unit_test(test_geocode__tsv),
		cmocka_unit_test(test_geocode__input_file_to_output_file),
		cmocka_unit_test(test_geocode__input_from_stdin),
		cmocka_unit_test(test_geocode__input_file_not_utf8),
		cmocka_unit_test(test_geocode__input_file_missing),
		cmocka_unit_test(test_geocode__no_names),
		cmocka_unit_test(test_geocode__unknown_format),
		cmocka_unit_test(test_geocode__country_not_two_letters),
		cmocka_unit_test(test_geocode__region_not_four_numbers),
		cmocka_unit_test(test_geocode__empty_name),
		cmocka_unit_test(test_geocode__override_pins_a_name),
		cmocka_unit_test(test_geocode__bad_extra_gazetteer_names_line_and_column),
		cmocka_unit_test(test_geocode__without_the_default_gazetteer),
		cmocka_unit_test(test_run__writes_every_output_and_geocode_tsv),
		cmocka_unit_test(test_run__quiet_prints_nothing),
		cmocka_unit_test(test_export__geojson_and_flatgeobuf),
		cmocka_unit_test(test_export__bad_reports_leave_no_trace),
		cmocka_unit_test(test_export__strict_refuses_unmapped_rows),
		cmocka_unit_test(test_export__warnings_stop_at_200),
		cmocka_unit_test(test_export__unknown_driver),
		cmocka_unit_test(test_export__postgresql_needs_a_connection),
		cmocka_unit_test(test_render__png_pdf_and_svg_at_once),
		cmocka_unit_test(test_render__one_day),
		cmocka_unit_test(test_render__output_must_be_png_pdf_or_svg),
		cmocka_unit_test(test_render__unknown_page_size),
		cmocka_unit_test(test_render__impossible_day),
		cmocka_unit_test(test_render__empty_day_gets_a_page_that_says_so),
		cmocka_unit_test(test_render__nothing_to_map),
		cmocka_unit_test(test_render__unknown_style),
		cmocka_unit_test(test_render__missing_basemap),
		cmocka_unit_test(test_render__unknown_crs),
		cmocka_unit_test(test_batch__a_poster_for_each_day_covered),
		cmocka_unit_test(test_batch__every_poster_names_the_shared_scale),
		cmocka_unit_test(test_batch__same_bytes_with_any_jobs),
		cmocka_unit_test(test_batch__one_day_fails_the_others_complete),
		cmocka_unit_test(test_batch__no_progress_bar_when_piped),
		cmocka_unit_test(test_batch__progress_bar_on_a_terminal),
		cmocka_unit_test(test_batch__quiet_prints_nothing),
		cmocka_unit_test(test_batch__unknown_format),
	};
	return cmocka_run_group_tests_name("cli", tests, make_tmpdir, remove_tmpdir);
}
