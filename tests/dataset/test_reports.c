/* Tests of reading reports and flows: every kind of bad input gets an
 * error naming the file, line, column and problem; an ACLED export reads
 * as it is; text is kept verbatim; every row ends in one state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eventmap/gazetteer.h"
#include "eventmap/dataset.h"
#include "../support/tempdir.h"

#define HEADER "report_id,event_date,location,category,fatalities,qualifier,source\n"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	return em_test_make_dir(dir, sizeof(dir), "reports");
}

static int remove_dir(void **state)
{
	(void)state;
	return em_test_remove_dir(dir);
}

static const char *write_file(const char *name, const char *text, size_t len)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

static void expect_error(const char *text, size_t len, const char *expected)
{
	em_dataset *ds = NULL;
	em_error err;
	const char *path = write_file("bad.csv", text, len);

	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_not_equal(em_dataset_read_reports(ds, path, &err), EM_OK);
	if (strstr(err.message, expected) == NULL)
		fail_msg("message '%s' lacks '%s'", err.message, expected);
	assert_non_null(strstr(err.message, "bad.csv"));
	assert_int_equal(em_dataset_report_count(ds), 0);
	em_dataset_destroy(ds);
}

#define EXPECT(text, expected) expect_error(text, sizeof(text) - 1, expected)

static void test_bad__each_kind(void **state)
{
	(void)state;
	EXPECT("report_id,event_date,location,source\nr1,2025-03-07,Baniyas,SOHR\n",
	       "required column 'fatalities' is missing");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,children,5,exact,SOHR\n",
	       "bad.csv:2: column 'category': 'children' is not one of: civilians");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,-3,exact,SOHR\n",
	       "bad.csv:2: column 'fatalities': '-3' is negative");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,dozens,exact,SOHR\n",
	       "column 'fatalities': 'dozens' is not a whole number");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,99999999999999999999,exact,SOHR\n",
	       "column 'fatalities': '99999999999999999999' is too large");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,200000000,exact,SOHR\n",
	       "is larger than 100,000,000");
	EXPECT(HEADER "r1,2025-02-30,Baniyas,civilians,5,exact,SOHR\n",
	       "column 'event_date': '2025-02-30' is not a date");
	EXPECT("report_id,event_date,location,latitude,longitude,fatalities,source\n"
	       "r1,2025-03-07,Baniyas,95,35,5,SOHR\n",
	       "column 'latitude': '95' is out of range");
	EXPECT("report_id,event_date,location,latitude,longitude,fatalities,source\n"
	       "r1,2025-03-07,Baniyas,35,,5,SOHR\n",
	       "column 'longitude': '' is empty while the other coordinate is given");
	EXPECT(HEADER "r1,2025-03-07,,civilians,5,exact,SOHR\n",
	       "bad.csv:2: column 'location': '' is empty");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,5,exact,SOHR\n"
		      "r2,2025-03-07,Jableh,civilians,5,exact,SOHR\n"
		      "r1,2025-03-08,Jableh,civilians,5,exact,SOHR\n",
	       "bad.csv:4: column 'report_id': 'r1' is a duplicate: the same id is on line 2");
	EXPECT(HEADER "r1,2025-03-07,Ban\xC3(yas,civilians,5,exact,SOHR\n",
	       "bad.csv: line 2: not valid UTF-8");
	EXPECT(HEADER "r1,2025-03-07,\"Baniyas,civilians,5,exact,SOHR\n"
		      "r2,2025-03-07,Jableh,civilians,5,exact,SOHR\n",
	       "line 2: a quoted value opens here and never closes");
	EXPECT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary data: this is not a CSV text file");
	EXPECT("", "the file is empty");
	EXPECT(HEADER, "holds no reports, only a header");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,5,exact\n",
	       "bad.csv: line 2: 6 fields, but the header has 7");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,5,roughly,SOHR\n",
	       "column 'qualifier': 'roughly' is not one of");
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,5,exact,\n",
	       "column 'source': '' is empty: every row needs its source");
	/* No figure is an event only when the row says what happened. */
	EXPECT(HEADER "r1,2025-03-07,Baniyas,civilians,,,SOHR\n",
	       "bad.csv:2: column 'fatalities': '' is empty: give the number of deaths (0 for "
	       "none), or, for an event reported without a figure, leave fatalities empty and "
	       "give its event_type");
	EXPECT("report_id,event_date,location,fatalities,qualifier,event_type,source\n"
	       "r1,2025-03-07,Baniyas,,about,Battles,SOHR\n",
	       "bad.csv:2: column 'qualifier': 'about' qualifies no figure: fatalities is empty");
	EXPECT("report_id,event_date,location,source\nr1,2025-03-07,Baniyas,SOHR\n",
	       "needs an 'event_type' column instead");
	EXPECT("just some words\nand more words\n", "does not look like a CSV file");
}

static void test_bad__missing_file(void **state)
{
	em_dataset *ds = NULL;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_read_reports(ds, "/nonexistent/reports.csv", &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, "/nonexistent/reports.csv: cannot open"));
	em_dataset_destroy(ds);
}

static em_dataset *read_ok(const char *name, const char *text)
{
	em_dataset *ds = NULL;
	em_error err;

	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	if (em_dataset_read_reports(ds, write_file(name, text, strlen(text)), &err) != EM_OK)
		fail_msg("%s", err.message);
	return ds;
}

static void test_read__verbatim_text(void **state)
{
	static const char text[] =
		"report_id,event_date,location,fatalities,source,notes\n"
		"r1,2025-03-07,Baniyas,5,SOHR,\"=HYPERLINK(\"\"http://x\"\")\"\n"
		"r2,2025-03-07,Baniyas,5,SOHR,\"'); DROP TABLE reports;--\"\n"
		"r3,2025-03-07,Baniyas,5,SOHR,\"<script>alert(1)</script>, \"\"quoted\"\"\"\n"
		"r4,2025-03-07,Baniyas,5,SOHR,\"two\nlines\"\n"
		"r5,2025-03-07,Baniyas,5,SOHR,\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3\n";
	em_dataset *ds = read_ok("verbatim.csv", text);

	(void)state;
	assert_int_equal(em_dataset_report_count(ds), 5);
	assert_string_equal(em_dataset_report(ds, 0)->notes, "=HYPERLINK(\"http://x\")");
	assert_string_equal(em_dataset_report(ds, 1)->notes, "'); DROP TABLE reports;--");
	assert_string_equal(em_dataset_report(ds, 2)->notes,
			    "<script>alert(1)</script>, \"quoted\"");
	assert_string_equal(em_dataset_report(ds, 3)->notes, "two\nlines");
	/* The row after a two-line value knows its line. */
	assert_int_equal(em_dataset_report(ds, 4)->line, 7);
	assert_int_equal(em_dataset_report(ds, 4)->category, EM_CATEGORY_UNKNOWN);
	em_dataset_destroy(ds);
}

static void test_read__acled_export(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBF" "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
		"sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,"
		"civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,"
		"longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\r\n"
		"SYR1001,07 March 2025,2025,1,Political violence,Violence against civilians,Attack,"
		"Unidentified Armed Group (Syria),,3,Civilians (Syria),,7,37,Civilian targeting,760,"
		"Middle East,Syria,Lattakia,Jablah,Jablah,Jableh,35.3621,35.9276,1,SOHR,National,"
		"\"On 7 March 2025, gunmen killed civilians.\",12,,1741600000\r\n"
		"SYR1002,2025-03-08,2025,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,760,"
		"Middle East,Syria,Tartous,Banyas,Banyas,Baniyas,35.1819,35.9487,2,SNHR,National,"
		"Clashes.,4,,1741600000\r\n";
	em_dataset *ds = read_ok("acled.csv", text);
	const em_report *r;
	em_date date;

	(void)state;
	assert_int_equal(em_dataset_report_count(ds), 2);
	r = em_dataset_report(ds, 0);
	assert_string_equal(r->report_id, "SYR1001");
	assert_true(em_date_parse(&date, "2025-03-07"));
	assert_int_equal(r->date, date);
	assert_string_equal(r->country, "SY");
	assert_true(r->has_coordinates);
	assert_true(r->latitude > 35.36 && r->latitude < 35.37);
	assert_int_equal(r->category, EM_CATEGORY_CIVILIANS);
	assert_int_equal(r->fatalities, 12);
	assert_string_equal(r->source, "SOHR");
	assert_string_equal(r->notes, "On 7 March 2025, gunmen killed civilians.");
	r = em_dataset_report(ds, 1);
	assert_int_equal(r->category, EM_CATEGORY_UNKNOWN);
	assert_int_equal(r->geo_precision, 2);
	em_dataset_destroy(ds);
}

static void test_read__events_without_figures(void **state)
{
	static const char text[] =
		"report_id,event_date,location,event_type,sub_event_type,source,summary,evidence\n"
		"e1,2025-03-06,Qardaha,Battles,Non-state actor overtakes territory,Agency,"
		"Pro-Assad fighters take the town,seeds/a.txt:10-80\n"
		"e2,2025-03-11,Latakia,Protests,Peaceful protest,Agency,,\n";
	static const char figures[] = HEADER "r1,2025-03-07,Baniyas,civilians,0,exact,SOHR\n";
	em_dataset *ds = read_ok("events.csv", text);
	const em_report *r;

	(void)state;
	assert_int_equal(em_dataset_report_count(ds), 2);
	r = em_dataset_report(ds, 0);
	assert_false(r->has_fatalities);
	assert_false(em_report_has_deaths(r));
	assert_string_equal(r->summary, "Pro-Assad fighters take the town");
	assert_string_equal(r->evidence, "seeds/a.txt:10-80");
	assert_int_equal(em_event_kind_of(r->event_type), EM_EVENT_BATTLES);
	r = em_dataset_report(ds, 1);
	assert_string_equal(r->summary, "");
	assert_int_equal(em_event_kind_of(r->event_type), EM_EVENT_PROTESTS);
	em_dataset_destroy(ds);
	/* 0 is a figure: nobody died; an event, not a death. */
	ds = read_ok("zero.csv", figures);
	r = em_dataset_report(ds, 0);
	assert_true(r->has_fatalities);
	assert_int_equal(r->fatalities, 0);
	assert_false(em_report_has_deaths(r));
	em_dataset_destroy(ds);
}

static void test_days__every_day_a_report_covers(void **state)
{
	static const char text[] =
		"report_id,event_date,event_date_end,location,fatalities,source\n"
		"a,2025-06-12,2025-06-14,Baniyas,3,SOHR\n"
		"b,2025-06-13,,Jableh,2,SOHR\n"
		"c,2025-06-20,,Jableh,2,SOHR\n"
		"d,2025-06-10,2025-06-12,Jableh,2,SOHR\n";
	em_dataset *ds = read_ok("days.csv", text);
	em_date days[8], first;
	static const int want[] = {10, 11, 12, 13, 14, 20};

	(void)state;
	assert_true(em_date_parse(&first, "2025-06-01"));
	assert_int_equal(em_dataset_days(days, 8, ds), 6);
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(days[i], first + want[i] - 1);
	/* A short buffer still learns how many there are. */
	assert_int_equal(em_dataset_days(days, 2, ds), 6);
	assert_int_equal(days[1], first + 10);
	em_dataset_destroy(ds);
}

static void test_dates__formats(void **state)
{
	em_date a, b;
	char text[16];

	(void)state;
	assert_true(em_date_parse(&a, "2025-03-06"));
	assert_true(em_date_parse(&b, "6 March 2025"));
	assert_int_equal(a, b);
	assert_true(em_date_parse(&b, "06-Mar-2025"));
	assert_int_equal(a, b);
	assert_true(em_date_parse(&b, "2024-02-29"));
	assert_false(em_date_parse(&b, "2025-02-29"));
	assert_false(em_date_parse(&b, "2025-13-01"));
	assert_false(em_date_parse(&b, "2025-3-6"));
	assert_false(em_date_parse(&b, "Thursday"));
	assert_false(em_date_parse(&b, "6 Marchember 2025"));
	em_date_format(text, sizeof(text), a + 5);
	assert_string_equal(text, "2025-03-11");
	assert_int_equal(a, 20153);
}

static void test_resolve__every_row_one_state(void **state)
{
	static const char text[] =
		"report_id,event_date,location,scope,fatalities,source,latitude,longitude,geo_precision\n"
		"r1,2025-03-07,Baniyas,place,5,SOHR,,,\n"
		"r2,2025-03-07,Tuwaym,place,13,residents,,,\n"
		"r3,2025-03-07,Syrian coast,region,1000,SOHR,,,\n"
		"r4,2025-03-07,somewhere near Jableh,place,3,SNHR,35.3,35.95,2\n"
		"r5,2025-03-07,Latakia countryside,place,7,SNHR,,,\n"
		"r6,2025-03-07,--,place,1,SNHR,,,\n";
	em_dataset *ds = read_ok("states.csv", text);
	em_gazetteer *gz = NULL;
	em_error err;
	size_t mapped, approximate, not_mapped;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_gazetteer_create(&gz), EM_OK);
	assert_int_equal(em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
					   EM_GAZETTEER_PLACES, &err), EM_OK);
	assert_int_equal(em_gazetteer_finish(gz, &err), EM_OK);
	assert_int_equal(em_dataset_resolve(ds, gz, NULL, &err), EM_OK);
	em_dataset_counts(ds, &mapped, &approximate, &not_mapped);
	assert_int_equal(mapped + approximate + not_mapped, em_dataset_report_count(ds));
	assert_int_equal(mapped, 1);
	assert_int_equal(approximate, 2);
	assert_int_equal(not_mapped, 3);
	assert_int_equal(em_dataset_report(ds, 0)->where.state, EM_STATE_MAPPED);
	assert_string_equal(em_dataset_report(ds, 0)->where.place_id, "171830");
	assert_non_null(strstr(em_dataset_report(ds, 1)->where.reason, "not in the gazetteer"));
	assert_non_null(strstr(em_dataset_report(ds, 2)->where.reason, "region-wide total"));
	assert_string_equal(em_dataset_report(ds, 3)->where.method, "given");
	assert_int_equal(em_dataset_report(ds, 4)->where.precision, 3);
	assert_non_null(strstr(em_dataset_report(ds, 5)->where.reason, "no letters"));
	/* Tuwaym, Latakia countryside, "--": warnings naming file and line. */
	assert_int_equal(em_dataset_warning_count(ds), 3);
	assert_non_null(strstr(em_dataset_warning(ds, 0), "states.csv:3: location 'Tuwaym'"));
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
}

static void test_flows__read_and_bad(void **state)
{
	static const char good[] =
		"flow_id,date,origin,destination,people,qualifier,source\n"
		"f1,2025-03-09,Tartus,Akkar,6000,more_than,UNHCR\n"
		"f2,,Latakia,Hmeimim,,,residents\n";
	static const char bad[] =
		"flow_id,date,origin,destination,people,qualifier,source\n"
		"f1,2025-03-09,Tartus,,6000,more_than,UNHCR\n";
	static const char same[] = "flow_id,origin,destination,source\nf1,Latakia,latakia,UNHCR\n";
	em_dataset *ds = NULL;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_read_flows(ds, write_file("flows.csv", good, strlen(good)),
					       &err), EM_OK);
	assert_int_equal(em_dataset_flow_count(ds), 2);
	assert_true(em_dataset_flow(ds, 0)->has_people);
	assert_int_equal(em_dataset_flow(ds, 0)->qualifier, EM_QUALIFIER_MORE_THAN);
	assert_false(em_dataset_flow(ds, 1)->has_people);
	assert_false(em_dataset_flow(ds, 1)->has_date);
	em_dataset_destroy(ds);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_read_flows(ds, write_file("flows.csv", bad, strlen(bad)), &err),
			 EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "flows.csv:2: column 'destination': '' is empty"));
	em_dataset_destroy(ds);
	/* A flow goes somewhere else. */
	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_read_flows(ds, write_file("same.csv", same, strlen(same)), &err),
			 EM_ERR_INVALID);
	if (strstr(err.message, "same.csv:2: column 'destination': 'latakia' is the origin too") ==
	    NULL)
		fail_msg("%s", err.message);
	em_dataset_destroy(ds);
}

static void test_default_dataset__reads(void **state)
{
	em_dataset *ds = NULL;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_read_reports(ds, EM_SOURCE_DIR
						 "/geodata/syria-coast-2025-03/reports.csv", &err),
			 EM_OK);
	assert_int_equal(em_dataset_read_flows(ds, EM_SOURCE_DIR
					       "/geodata/syria-coast-2025-03/flows.csv", &err),
			 EM_OK);
	assert_true(em_dataset_report_count(ds) >= 15);
	assert_true(em_dataset_flow_count(ds) >= 1);
	em_dataset_destroy(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad__each_kind),
		cmocka_unit_test(test_bad__missing_file),
		cmocka_unit_test(test_read__verbatim_text),
		cmocka_unit_test(test_read__events_without_figures),
		cmocka_unit_test(test_read__acled_export),
		cmocka_unit_test(test_days__every_day_a_report_covers),
		cmocka_unit_test(test_dates__formats),
		cmocka_unit_test(test_resolve__every_row_one_state),
		cmocka_unit_test(test_flows__read_and_bad),
		cmocka_unit_test(test_default_dataset__reads),
	};
	return cmocka_run_group_tests_name("reports", tests, make_dir, remove_dir);
}
