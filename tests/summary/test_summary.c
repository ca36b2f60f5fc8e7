/* Tests of aggregation: ranges across sources are never sums, categories
 * of one source add up, region totals form the headline, day filters, and
 * the display strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eventmap/summary.h"
#include "eventmap/text.h"

static em_dataset *dataset_from(const char *text)
{
	char path[] = "/tmp/eventmap-aggregate-XXXXXX.csv";
	int fd = mkstemps(path, 4);
	em_dataset *ds = NULL;
	em_gazetteer *gz = NULL;
	em_error err;
	em_status status;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	status = em_dataset_read_reports(ds, path, &err);
	unlink(path); /* before any failure stops the test */
	if (status != EM_OK)
		fail_msg("%s", err.message);
	/* Coordinates are given: an empty gazetteer is enough. */
	assert_int_equal(em_gazetteer_create(&gz), EM_OK);
	assert_int_equal(em_gazetteer_finish(gz, &err), EM_OK);
	assert_int_equal(em_dataset_resolve(ds, gz, NULL, &err), EM_OK);
	em_gazetteer_destroy(gz);
	return ds;
}

#define HEADER "report_id,event_date,location,latitude,longitude,scope,category,fatalities," \
	       "qualifier,source\n"

static const char coast[] = HEADER
	"a,2025-03-07,Baniyas,35.18,35.95,place,civilians,20,exact,residents\n"
	"b,2025-03-07,Baniyas,35.18,35.95,place,civilians,60,at_least,SOHR\n"
	"c,2025-03-08,Baniyas,35.18,35.95,place,civilians,45,exact,SOHR\n"
	"d,2025-03-08,Baniyas,35.18,35.95,place,security_forces,5,exact,SOHR\n"
	"e,2025-03-08,Jableh,35.36,35.93,place,security_forces,4,exact,SANA\n"
	"f,2025-03-07,Syrian coast,,,region,civilians,745,more_than,SOHR\n"
	"g,2025-03-07,Syrian coast,,,region,civilians,750,about,SOHR\n"
	"h,2025-03-07,Syrian coast,,,region,security_forces,125,exact,SOHR\n"
	"i,2025-03-07,Syrian coast,,,region,unknown,1000,more_than,SOHR\n"
	"j,2025-03-06,Syrian coast,,,region,unknown,779,about,SNHR\n";

static void test_places__ranges_not_sums(void **state)
{
	em_dataset *ds = dataset_from(coast);
	em_summary *s = NULL;
	em_error err;
	const em_place_total *baniyas;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_summary_create(&s, ds, NULL, &err), EM_OK);
	assert_int_equal(s->place_count, 2);
	baniyas = &s->places[0]; /* largest first */
	assert_string_equal(baniyas->name, "Baniyas");
	/* residents 20; SOHR civilians 45-60+ plus 5 security forces = 50-65+. */
	assert_int_equal(baniyas->total.min, 20);
	assert_int_equal(baniyas->total.max, 65);
	assert_int_equal(baniyas->total.max_qualifier, EM_QUALIFIER_AT_LEAST);
	assert_string_equal(baniyas->display, "20\xE2\x80\x93" "65+");
	assert_int_equal(baniyas->by_category[EM_CATEGORY_CIVILIANS].min, 20);
	assert_int_equal(baniyas->by_category[EM_CATEGORY_CIVILIANS].max, 60);
	assert_int_equal(baniyas->category, EM_CATEGORY_MIXED);
	assert_string_equal(baniyas->sources, "residents; SOHR");
	assert_int_equal(baniyas->report_count, 4);
	assert_string_equal(baniyas->label, "Baniyas \xC2\xB7 20\xE2\x80\x93" "65+");
	assert_int_equal(s->places[1].category, EM_CATEGORY_SECURITY_FORCES);
	assert_string_equal(s->places[1].display, "4");
	em_summary_destroy(s);
	em_dataset_destroy(ds);
}

static void test_headline__per_source(void **state)
{
	em_dataset *ds = dataset_from(coast);
	em_summary *s = NULL;
	em_error err;
	char text[64];

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_summary_create(&s, ds, NULL, &err), EM_OK);
	assert_int_equal(s->headline_count, 2);
	assert_string_equal(s->headline[0].source, "SOHR");
	em_range_format(text, sizeof(text), &s->headline[0].by_category[EM_CATEGORY_CIVILIANS]);
	assert_string_equal(text, "745\xE2\x80\x93" "750");
	/* 745-750 + 125 = 870-875, but SOHR's own total says 1,000+. */
	em_range_format(text, sizeof(text), &s->headline[0].total);
	assert_string_equal(text, "1,000+");
	em_range_format(text, sizeof(text), &s->headline[1].total);
	assert_string_equal(text, "~779");
	em_summary_destroy(s);
	em_dataset_destroy(ds);
}

/* One source's totals for two regions are two totals, never the larger
 * of them standing for both; the same region in another case is one. */
static void test_headline__per_region(void **state)
{
	static const char regions[] = HEADER
		"a,2025-03-03,Latakia governorate,,,region,civilians,90,about,SOHR\n"
		"b,2025-03-03,Tartus governorate,,,region,civilians,30,exact,SOHR\n"
		"c,2025-03-04,latakia Governorate,,,region,civilians,95,exact,SOHR\n"
		"d,2025-03-03,Homs governorate,,,region,civilians,12,exact,SNHR\n";
	em_dataset *ds = dataset_from(regions);
	em_summary *s = NULL;
	em_error err;
	char text[64];

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_summary_create(&s, ds, NULL, &err), EM_OK);
	assert_int_equal(s->headline_count, 3);
	assert_string_equal(s->headline[0].source, "SOHR");
	assert_string_equal(s->headline[0].region, "Latakia governorate");
	em_range_format(text, sizeof(text), &s->headline[0].total);
	assert_string_equal(text, "90\xE2\x80\x93" "95"); /* alternatives: a range */
	assert_string_equal(s->headline[1].region, "Tartus governorate");
	em_range_format(text, sizeof(text), &s->headline[1].total);
	assert_string_equal(text, "30");
	assert_string_equal(s->headline[2].source, "SNHR");
	assert_string_equal(s->headline[2].region, "Homs governorate");
	em_summary_destroy(s);
	em_dataset_destroy(ds);
}

static void test_filter__one_day(void **state)
{
	em_dataset *ds = dataset_from(coast);
	em_summary *s = NULL;
	em_filter day = {0};
	em_error err;

	(void)state;
	em_error_clear(&err);
	day.has_from = day.has_to = true;
	assert_true(em_date_parse(&day.from, "2025-03-08"));
	day.to = day.from;
	assert_int_equal(em_summary_create(&s, ds, &day, &err), EM_OK);
	assert_int_equal(s->report_count, 3);
	assert_int_equal(s->headline_count, 0);
	assert_int_equal(s->place_count, 2);
	assert_string_equal(s->places[0].display, "50");
	em_summary_destroy(s);
	em_dataset_destroy(ds);
}

/* ACLED's way: every row has a figure, 0 for an event nobody died in. */
static const char acled[] =
	"event_id_cnty,event_date,event_type,sub_event_type,location,latitude,longitude,"
	"fatalities,source,notes\n"
	"SYR1,2025-06-12,Protests,Peaceful protest,Latakia,35.52,35.79,0,SANA,protest\n"
	"SYR2,2025-06-12,Strategic developments,Looting/property destruction,Latakia,35.52,"
	"35.79,0,SOHR,looting\n"
	"SYR3,2025-06-13,Battles,Armed clash,Jableh,35.36,35.93,3,SOHR,clash\n"
	"SYR4,2025-06-13,Strategic developments,Other,Jableh,35.36,35.93,,SOHR,no figure given\n"
	"SYR5,2025-06-14,Battles,Armed clash,Jableh,35.36,35.93,5,Suwayda 24,another clash\n"
	"SYR6,2025-06-14,Violence against civilians,Attack,Jableh,35.36,35.93,2,SOHR,attack\n";

static void test_events__zero_is_an_event_not_a_death(void **state)
{
	em_dataset *ds = dataset_from(acled);
	em_summary *s = NULL;
	em_error err;
	const em_place_total *latakia, *jableh;

	(void)state;
	em_error_clear(&err);
	assert_false(em_report_has_deaths(em_dataset_report(ds, 0)));
	assert_true(em_dataset_report(ds, 0)->has_fatalities);
	assert_false(em_dataset_report(ds, 3)->has_fatalities);
	assert_int_equal(em_summary_create(&s, ds, NULL, &err), EM_OK);
	assert_int_equal(s->place_count, 2);
	assert_int_equal(s->event_count, 3);
	jableh = &s->places[0]; /* deaths first */
	latakia = &s->places[1];
	assert_string_equal(jableh->name, "Jableh");
	/* ACLED's rows are distinct events: 3 + 5 + 2 dead, whatever the
	 * outlet, not a range of alternatives. */
	assert_true(em_dataset_report(ds, 2)->distinct);
	assert_string_equal(jableh->display, "10");
	assert_int_equal(jableh->by_category[EM_CATEGORY_CIVILIANS].max, 2);
	assert_string_equal(jableh->sources, "SOHR; Suwayda 24");
	assert_int_equal(jableh->event_count, 1);
	/* The clash with deaths is a circle; the other event is a symbol. */
	assert_int_equal(jableh->event_kinds, 1u << EM_EVENT_STRATEGIC);
	assert_string_equal(latakia->name, "Latakia");
	assert_false(em_place_total_has_deaths(latakia));
	assert_string_equal(latakia->display, "");
	assert_string_equal(latakia->label, "Latakia"); /* never "Latakia · 0" */
	assert_int_equal(latakia->event_count, 2);
	assert_int_equal(latakia->report_count, 2);
	assert_int_equal(latakia->event_kinds,
			 (1u << EM_EVENT_PROTESTS) | (1u << EM_EVENT_STRATEGIC));
	assert_int_equal(s->headline_count, 0);
	em_summary_destroy(s);
	em_dataset_destroy(ds);
}

static const char spans[] =
	"report_id,event_date,event_date_end,location,latitude,longitude,scope,category,"
	"fatalities,qualifier,event_type,source\n"
	"a,2025-06-12,2025-06-14,Region,,,region,unknown,300,more_than,,Monitor\n"
	"b,2025-06-12,2025-06-14,Baniyas,35.18,35.95,place,civilians,20,exact,,Monitor\n"
	"c,2025-06-13,,Baniyas,35.18,35.95,place,civilians,5,exact,,Residents\n"
	"d,2025-06-12,2025-06-13,Qardaha,35.45,36.06,place,unknown,,,Battles,Agency\n"
	"e,2025-06-16,,Qardaha,35.45,36.06,place,unknown,,,Protests,Agency\n";

static em_summary *summary_of_days(em_dataset *ds, const char *from, const char *to)
{
	em_filter f = {0};
	em_summary *s = NULL;
	em_error err;

	em_error_clear(&err);
	f.has_from = f.has_to = true;
	assert_true(em_date_parse(&f.from, from));
	assert_true(em_date_parse(&f.to, to));
	if (em_summary_create(&s, ds, &f, &err) != EM_OK)
		fail_msg("%s", err.message);
	return s;
}

static void test_filter__a_span_counts_on_every_day_it_covers(void **state)
{
	em_dataset *ds = dataset_from(spans);
	em_summary *s;

	(void)state;
	for (int day = 12; day <= 14; day++) {
		char date[16];
		snprintf(date, sizeof(date), "2025-06-%02d", day);
		s = summary_of_days(ds, date, date);
		/* The region total covers the day: the headline has it, spanning. */
		assert_int_equal(s->headline_count, 1);
		assert_true(s->headline[0].spanning);
		assert_int_equal(s->headline[0].total.max, 300);
		assert_string_equal(s->places[0].name, "Baniyas");
		assert_true(s->places[0].spanning.present);
		assert_int_equal(s->places[0].spanning.max, 20);
		if (day == 13) {
			/* Dated that day (5) and spanning (20), kept apart. */
			assert_int_equal(s->places[0].total.max, 5);
			assert_string_equal(s->places[0].display, "5; 20 (12\xE2\x80\x93" "14 Jun)");
		} else {
			assert_false(s->places[0].total.present);
			assert_string_equal(s->places[0].label,
					    "Baniyas \xC2\xB7 20 (12\xE2\x80\x93" "14 Jun)");
		}
		if (day <= 13) {
			assert_int_equal(s->place_count, 2);
			assert_int_equal(s->places[1].spanning_kinds, 1u << EM_EVENT_BATTLES);
			assert_int_equal(s->places[1].event_kinds, 0);
		} else {
			assert_int_equal(s->place_count, 1);
		}
		em_summary_destroy(s);
	}
	/* The whole span at once: nothing reaches beyond it. */
	s = summary_of_days(ds, "2025-06-12", "2025-06-14");
	assert_false(s->headline[0].spanning);
	assert_false(s->places[0].spanning.present);
	assert_string_equal(s->places[0].display, "5\xE2\x80\x93" "20");
	em_summary_destroy(s);
	s = summary_of_days(ds, "2025-06-15", "2025-06-15");
	assert_int_equal(s->report_count, 0);
	assert_int_equal(s->headline_count, 0);
	em_summary_destroy(s);
	em_dataset_destroy(ds);
}

static void test_filter__kinds_and_categories(void **state)
{
	em_dataset *ds = dataset_from(spans);
	em_summary *s = NULL;
	em_filter f = {0};
	em_error err;

	(void)state;
	em_error_clear(&err);
	f.event_kinds = 1u << EM_EVENT_PROTESTS;
	assert_int_equal(em_summary_create(&s, ds, &f, &err), EM_OK);
	assert_int_equal(s->report_count, 1);
	assert_string_equal(s->places[0].name, "Qardaha");
	em_summary_destroy(s);
	f.event_kinds = 0;
	f.categories = 1u << EM_CATEGORY_CIVILIANS;
	assert_int_equal(em_summary_create(&s, ds, &f, &err), EM_OK);
	assert_int_equal(s->report_count, 2);
	assert_int_equal(s->place_count, 1);
	assert_int_equal(s->headline_count, 0);
	em_summary_destroy(s);
	assert_int_equal(em_event_kind_of("strategic DEVELOPMENTS"), EM_EVENT_STRATEGIC);
	assert_int_equal(em_event_kind_of("Remote violence"), EM_EVENT_EXPLOSIONS);
	assert_int_equal(em_event_kind_of("Ambush"), EM_EVENT_OTHER);
	assert_int_equal(em_event_kind_of(""), EM_EVENT_OTHER);
	em_dataset_destroy(ds);
}

static void test_format__date_spans(void **state)
{
	em_date a, b;
	char text[64];

	(void)state;
	assert_true(em_date_parse(&a, "2025-03-06"));
	em_date_span_short(text, sizeof(text), a, a);
	assert_string_equal(text, "6 Mar");
	assert_true(em_date_parse(&b, "2025-03-08"));
	em_date_span_short(text, sizeof(text), a, b);
	assert_string_equal(text, "6\xE2\x80\x93" "8 Mar");
	assert_true(em_date_parse(&b, "2025-04-02"));
	em_date_span_short(text, sizeof(text), a, b);
	assert_string_equal(text, "6 Mar \xE2\x80\x93 2 Apr");
	assert_true(em_date_parse(&a, "2024-12-30"));
	em_date_span_short(text, sizeof(text), a, b);
	assert_string_equal(text, "30 Dec 2024 \xE2\x80\x93 2 Apr 2025");
}

static void test_format__counts_and_ranges(void **state)
{
	char text[64];
	em_range r = {true, 7, 7, EM_QUALIFIER_UP_TO, EM_QUALIFIER_UP_TO};

	(void)state;
	em_text_format_count(text, sizeof(text), 0);
	assert_string_equal(text, "0");
	em_text_format_count(text, sizeof(text), 999);
	assert_string_equal(text, "999");
	em_text_format_count(text, sizeof(text), 1000);
	assert_string_equal(text, "1,000");
	em_text_format_count(text, sizeof(text), 1234567);
	assert_string_equal(text, "1,234,567");
	em_range_format(text, sizeof(text), &r);
	assert_string_equal(text, "up to 7");
	r.max = 1000;
	r.min = 745;
	r.min_qualifier = EM_QUALIFIER_MORE_THAN;
	r.max_qualifier = EM_QUALIFIER_MORE_THAN;
	em_range_format(text, sizeof(text), &r);
	assert_string_equal(text, "745\xE2\x80\x93" "1,000+");
	r.present = false;
	em_range_format(text, sizeof(text), &r);
	assert_string_equal(text, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_places__ranges_not_sums),
		cmocka_unit_test(test_headline__per_source),
		cmocka_unit_test(test_headline__per_region),
		cmocka_unit_test(test_filter__one_day),
		cmocka_unit_test(test_events__zero_is_an_event_not_a_death),
		cmocka_unit_test(test_filter__a_span_counts_on_every_day_it_covers),
		cmocka_unit_test(test_filter__kinds_and_categories),
		cmocka_unit_test(test_format__date_spans),
		cmocka_unit_test(test_format__counts_and_ranges),
	};
	return cmocka_run_group_tests_name("aggregate", tests, NULL, NULL);
}
