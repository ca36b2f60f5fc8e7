/* `eventmap extract` as a user runs it: the three files with their columns
 * and a draft in each row, evidence that points at the sentence in the
 * file, stdin, HTML, drafts that run/render/export read as any reports
 * file, and input that is not text refused with nothing written. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
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

static const char article[] =
	"BEIRUT, March 8 (Wire) - At least forty people were killed in Jableh on Friday, the "
	"Syrian Observatory for Human Rights said. Security forces detained 17 men in Baniyas "
	"on Saturday, a resident said.\n"
	"\n"
	"Over 1,200 people fled to Akkar, the UN refugee agency said. Protesters gathered in "
	"Latakia on Saturday. In the village of Xalqamiyah, a funeral was held.\n";

static char *file_text(const char *relative)
{
	char *text = slurp(test_path(relative));

	if (!text)
		fail_msg("%s was not written", relative);
	return text;
}

static void test_extract__writes_drafts_with_evidence(void **state)
{
	outcome o;
	char *reports, *flows, *json, input[160];
	const char *at;
	size_t start, end;

	(void)state;
	write_file("wire.txt", article, sizeof article - 1);
	o = run("extract --date 2025-03-08 --outlet Wire -o drafts wire.txt");
	assert_int_equal(o.code, 0);
	HAS(o.err, "report rows");
	done(&o);
	reports = file_text("drafts/reports.csv");
	HAS(reports, "report_id,event_date,event_date_end,location,admin1,country,latitude,"
		     "longitude,geo_precision,scope,category,fatalities,qualifier,event_type,"
		     "sub_event_type,actor1,actor2,source,reported_by,notes,summary,evidence,review,"
		     "figure_kind,part_of,quote\n");
	HAS(reports, "r001,2025-03-07,,Jableh,,SY,,,1,place,unknown,40,at_least,");
	HAS(reports, ",SOHR,Wire (wire.txt),");
	HAS(reports, ",draft,deaths,,");
	HAS(reports, "Baniyas,,SY,,,1,place,unknown,,,Strategic developments,Arrests");
	HAS(reports, "Xalqamiyah"); /* unlisted, kept by name */
	/* The evidence is the sentence's byte range in the file. */
	at = strstr(reports, "wire.txt:");
	assert_non_null(at);
	assert_int_equal(sscanf(at, "wire.txt:%zu-%zu", &start, &end), 2);
	assert_memory_equal(article + start, "BEIRUT, March 8 (Wire) - At least forty", 39);
	assert_memory_equal(article + end - 5, "said.", 5);
	flows = file_text("drafts/flows.csv");
	HAS(flows, "flow_id,date,origin,destination,people,qualifier,source,reported_by,notes,"
		   "evidence,review,quote\n");
	HAS(flows, "f001,,Syria,Akkar,1200,more_than,UNHCR,Wire (wire.txt),");
	json = file_text("drafts/extract.json");
	HAS(json, "\"text\":\"Xalqamiyah\",\"kind\":\"unlisted\"");
	snprintf(input, sizeof input, "\"inputs\": [{\"file\":\"wire.txt\",\"bytes\":%zu,"
		 "\"format\":\"text\",\"sentences\":5}]", sizeof article - 1);
	HAS(json, input);
	free(reports);
	free(flows);
	free(json);
}

/* extract.json is one JSON document: every mention with its answer and
 * the rows it fed, every row and flow. */
static void test_extract__json_lists_mentions_and_rows(void **state)
{
	outcome o;
	json_object *doc, *mentions, *rows, *flows;
	bool jableh = false;

	(void)state;
	write_file("wire-json.txt", article, sizeof article - 1);
	o = run("extract -q --date 2025-03-08 -o json-out wire-json.txt");
	assert_int_equal(o.code, 0);
	done(&o);
	doc = json_object_from_file(test_path("json-out/extract.json"));
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "mentions", &mentions));
	assert_true(json_object_object_get_ex(doc, "rows", &rows));
	assert_true(json_object_object_get_ex(doc, "flows", &flows));
	assert_int_equal(json_object_array_length(flows), 1);
	for (size_t i = 0; i < json_object_array_length(mentions); i++) {
		json_object *m = json_object_array_get_idx(mentions, i), *v, *place, *id, *fed;
		json_object_object_get_ex(m, "text", &v);
		if (strcmp(json_object_get_string(v), "Jableh") != 0)
			continue;
		jableh = true;
		assert_true(json_object_object_get_ex(m, "place", &place));
		assert_true(json_object_object_get_ex(place, "id", &id));
		assert_string_equal(json_object_get_string(id), "169304");
		assert_true(json_object_object_get_ex(m, "rows", &fed));
		assert_string_equal(json_object_get_string(json_object_array_get_idx(fed, 0)),
				    "r001");
	}
	assert_true(jableh);
	assert_true(json_object_array_length(rows) >= 4);
	json_object_put(doc);
}

static void test_extract__stdin_and_html(void **state)
{
	static const char page[] =
		"<html><head><title>40 killed in Latakia</title><script>x='50 killed';</script>"
		"</head><body><p>Twelve people were killed in Jableh&rsquo;s port on Friday.</p>"
		"</body></html>";
	outcome o;
	char *reports;

	(void)state;
	write_file("page.html", page, sizeof page - 1);
	o = run("extract -q --date 2025-03-08 -o html-out - < page.html");
	assert_int_equal(o.code, 0);
	done(&o);
	reports = file_text("html-out/reports.csv");
	HAS(reports, ",Jableh,,SY,,,1,place,unknown,12,exact,");
	HAS(reports, "stdin:");
	LACKS(reports, ",40,");
	LACKS(reports, ",50,");
	free(reports);
}

static void expect_nothing_written(const char *dir)
{
	char path[256];

	snprintf(path, sizeof path, "%s/reports.csv", dir);
	assert_false(exists(path));
	snprintf(path, sizeof path, "%s/flows.csv", dir);
	assert_false(exists(path));
	snprintf(path, sizeof path, "%s/extract.json", dir);
	assert_false(exists(path));
	assert_int_equal(entries_containing(dir, ".tmp"), 0);
}

static void test_extract__binary_and_empty_input_write_nothing(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	outcome o;

	(void)state;
	write_file("image.png", png, sizeof png - 1);
	o = run("extract -o bad image.png");
	assert_int_equal(o.code, 1);
	HAS(o.err, "image.png: byte 0: not UTF-8");
	HAS(o.err, "nothing was written");
	done(&o);
	expect_nothing_written("bad");
	write_file("empty.txt", "", 0);
	o = run("extract -o bad wire.txt empty.txt");
	assert_int_equal(o.code, 1);
	HAS(o.err, "empty.txt: no text to read (the file is empty)");
	done(&o);
	expect_nothing_written("bad");
	o = run("extract -o bad missing.txt");
	assert_int_equal(o.code, 1);
	HAS(o.err, "missing.txt: cannot be read");
	done(&o);
	o = run("extract --date 8/3/2025 wire.txt");
	assert_int_equal(o.code, 1);
	HAS(o.err, "--date '8/3/2025'");
	done(&o);
}

/* The drafts read as any reports file: render draws them, export writes
 * their layers. */
static void test_extract__drafts_feed_render_and_export(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("wire-run.txt", article, sizeof article - 1);
	o = run("extract -q --date 2025-03-08 -o run-drafts wire-run.txt");
	assert_int_equal(o.code, 0);
	done(&o);
	o = run("render -q --dpi 72 -r run-drafts/reports.csv --flows run-drafts/flows.csv "
		"-o drafts.pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	text = pdf_text("drafts.pdf");
	HAS(text, "Jableh");
	HAS(text, "40+");
	HAS(text, "Xalqamiyah"); /* not on the map, by name */
	free(text);
	o = run("export -q -r run-drafts/reports.csv --flows run-drafts/flows.csv -o layers "
		"-f GeoJSON");
	assert_int_equal(o.code, 0);
	done(&o);
	text = file_text("layers/geojson/reports.geojson");
	HAS(text, "\"report_id\": \"r001\"");
	HAS(text, "\"place_name\": \"Jablah\"");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract__writes_drafts_with_evidence),
		cmocka_unit_test(test_extract__json_lists_mentions_and_rows),
		cmocka_unit_test(test_extract__stdin_and_html),
		cmocka_unit_test(test_extract__binary_and_empty_input_write_nothing),
		cmocka_unit_test(test_extract__drafts_feed_render_and_export),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
