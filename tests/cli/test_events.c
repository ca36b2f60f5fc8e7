/* Events on the posters, as a user meets them: an ACLED file's 0-fatality
 * rows are event symbols, never deaths; a report over several days shows on
 * each of them, marked; a day with nothing says so; flow labels name both
 * ends; render and batch take the same options; the ten places of the
 * default dataset are all on the outputs or listed with their reason.  The
 * page text is read back from the PDFs with pdftotext (pdf_text, in
 * tests/support/cli_run.h). */
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

#include "../support/cli_run.h"

#define QUICK "-q --dpi 72"

/* ACLED's way: a protest and a looting with 0 deaths, a clash with 3. */
static const char acled[] =
	"event_id_cnty,event_date,year,event_type,sub_event_type,actor1,location,latitude,"
	"longitude,geo_precision,source,notes,fatalities,country\n"
	"SYR1,12 June 2025,2025,Protests,Peaceful protest,Protesters (Syria),Latakia,35.5317,"
	"35.7901,1,SANA,Protest in the city.,0,Syria\n"
	"SYR2,12 June 2025,2025,Strategic developments,Looting/property destruction,Unknown,"
	"Latakia,35.5317,35.7901,1,SOHR,Shops looted.,0,Syria\n"
	"SYR3,13 June 2025,2025,Battles,Armed clash,Unknown,Jableh,35.3621,35.9276,1,SOHR,"
	"Clash.,3,Syria\n";

static void test_acled__poster_shows_zero_fatalities_as_events(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("acled.csv", acled, sizeof(acled) - 1);
	o = run("render " QUICK " -r acled.csv -o acled.pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	text = pdf_text("acled.pdf");
	HAS(text, "Latakia");
	LACKS(text, "Latakia \xC2\xB7 0");
	LACKS(text, "0 dead");
	HAS(text, "Jableh \xC2\xB7 3");
	/* The legend explains the events' symbols and only those. */
	HAS(text, "Events reported without a death toll");
	HAS(text, "Protests");
	HAS(text, "Strategic developments");
	LACKS(text, "Explosions");
	LACKS(text, "Riots");
	/* The chronology tells both days, in ACLED's words where no summary is given. */
	HAS(text, "Peaceful protest");
	HAS(text, "Looting/property destruction");
	HAS(text, "Jableh 3 dead \xC2\xB7 Armed clash");
	free(text);
}

/* In the layers: figures 0, kinds by type, no death range at Latakia. */
static void test_acled__layers_show_zero_fatalities_as_events(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("acled-layers.csv", acled, sizeof(acled) - 1);
	o = run("export -q -r acled-layers.csv -o layers -f GeoJSON");
	assert_int_equal(o.code, 0);
	done(&o);
	{
		char path[512];
		snprintf(path, sizeof(path), "%s/layers/geojson/places.geojson", tmpdir);
		text = slurp(path);
		assert_non_null(text);
		HAS(text, "\"event_types\": \"Protests; Strategic developments\"");
		HAS(text, "\"category\": \"none\"");
		free(text);
	}
}

/* A regional total and a place's figure over 12 to 14 June, and a day
 * with nothing (15 June) between them and the last report. */
static const char spans[] =
	"report_id,event_date,event_date_end,location,country,scope,category,fatalities,"
	"qualifier,event_type,source,summary\n"
	"a,2025-06-12,2025-06-14,Syrian coast,SY,region,unknown,300,more_than,,Monitor,Toll\n"
	"b,2025-06-12,2025-06-14,Baniyas,SY,place,civilians,20,exact,,Monitor,Killed\n"
	"c,2025-06-13,,Jableh,SY,place,unknown,,,Protests,Agency,Protest held\n"
	"d,2025-06-16,,Jableh,SY,place,unknown,,,Protests,Agency,Second protest\n";

/* Events that differ only by place share a chronology line; events of
 * different types never do. */
static void test_chronology__lines_by_type(void **state)
{
	static const char text[] =
		"report_id,event_date,location,country,event_type,source,summary\n"
		"a,2025-05-31,Tripoli,LB,Riots,Agency,Roads blocked\n"
		"b,2025-05-31,Beirut,LB,Protests,Agency,Roads blocked\n"
		"c,2025-05-31,Sidon,LB,Protests,Agency,Roads blocked\n";
	outcome o;
	char *page;

	(void)state;
	write_file("lines.csv", text, sizeof(text) - 1);
	o = run("render " QUICK " -r lines.csv -o lines.pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	page = pdf_text("lines.pdf");
	HAS(page, "Beirut, Sidon Roads blocked");
	HAS(page, "Tripoli Roads blocked");
	LACKS(page, "Tripoli, Beirut");
	free(page);
}

static void test_span__on_every_day_it_covers(void **state)
{
	outcome o;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("batch -q --dpi 72 -f pdf -r spans.csv -o spans");
	assert_int_equal(o.code, 0);
	done(&o);
	for (int day = 12; day <= 14; day++) {
		char name[64], *text;
		snprintf(name, sizeof(name), "spans/days/2025-06-%02d.pdf", day);
		text = pdf_text(name);
		/* The place's figure, marked with its days. */
		HAS(text, "Baniyas \xC2\xB7 20 (12\xE2\x80\x93" "14 Jun)");
		/* The regional total covers the day: no "no totals". */
		HAS(text, "Monitor 300+");
		HAS(text, "for periods that include these days");
		LACKS(text, "No source gave a region-wide total");
		free(text);
	}
	/* Nothing covers 15 June: no poster; 16 June has its own. */
	assert_false(exists("spans/days/2025-06-15.pdf"));
	assert_true(exists("spans/days/2025-06-16.pdf"));
	/* -f pdf: only PDF, the overview too. */
	assert_true(exists("spans/days/overview.pdf"));
	assert_false(exists("spans/days/overview.png"));
	assert_false(exists("spans/days/2025-06-12.png"));
}

static void test_day__with_nothing_says_so(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("render " QUICK " -r spans.csv --day 2025-06-15 -o empty.pdf");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.err, "warning: nothing in spans.csv was reported for 2025-06-15"));
	done(&o);
	text = pdf_text("empty.pdf");
	HAS(text, "Nothing was reported for Sunday 15 June 2025 in this dataset");
	free(text);
}

/* A kind filter that keeps nothing says what was asked for. */
static void test_filter__keeping_nothing_says_so(void **state)
{
	outcome o;
	char *text;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("render " QUICK " -r spans.csv --event-type Riots -o riots.pdf");
	assert_int_equal(o.code, 0);
	assert_non_null(strstr(o.err, "warning: nothing"));
	done(&o);
	text = pdf_text("riots.pdf");
	HAS(text, "Nothing of the event types or categories asked for was reported");
	free(text);
}

static void test_flows__labels_name_both_ends(void **state)
{
	static const char reports[] =
		"report_id,event_date,location,country,fatalities,source\n"
		"r1,2025-03-08,Tartus,SY,5,SOHR\n";
	static const char flows[] =
		"flow_id,date,origin,destination,people,qualifier,source\n"
		"f1,2025-03-08,Tartus,Tripoli,1500,about,UNHCR\n";
	outcome o;
	char *text, *first;

	(void)state;
	write_file("r.csv", reports, sizeof(reports) - 1);
	write_file("f.csv", flows, sizeof(flows) - 1);
	o = run("render " QUICK " -r r.csv --flows f.csv -o flow.pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	text = pdf_text("flow.pdf");
	HAS(text, "~1,500 from Tartus to Tripoli");
	/* The destination is named at the arrowhead too. */
	first = strstr(text, "Tripoli");
	assert_non_null(first);
	assert_non_null(strstr(first + 1, "Tripoli"));
	free(text);
}

static void test_options__render_and_batch_agree(void **state)
{
	static const char *const commands[] = {"render -o agree.pdf", "batch -f pdf -o agree"};
	outcome o;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	for (size_t i = 0; i < 2; i++) {
		char *text;
		o = run("%s -q -r spans.csv --title 'Coast watch' --subtitle 'Twelve to fourteen' "
			"--credit 'Graphic: The Desk' --labels both --style mono --page A4 --portrait "
			"--dpi 72 --from 2025-06-13 --to 2025-06-13 --event-type Protests,battles "
			"--category unknown --crs EPSG:32637", commands[i]);
		if (o.code != 0)
			fail_msg("%s: exit %d: %s", commands[i], o.code, o.err);
		done(&o);
		text = pdf_text(i == 0 ? "agree.pdf" : "agree/days/2025-06-13.pdf");
		HAS(text, "Coast watch");
		HAS(text, "Twelve to fourteen");
		HAS(text, "Graphic: The Desk. Figures as reported");
		HAS(text, "Protest held");
		/* Only unknown-category protests and battles: Baniyas's civilians go. */
		LACKS(text, "Baniyas \xC2\xB7");
		LACKS(text, "Killed");
		free(text);
	}
}

/* One name for the formats option, the other an alias: batch. */
static void test_options__batch_format_and_formats(void **state)
{
	outcome o;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("batch -q --dpi 72 --format png -r spans.csv -o fmt1");
	assert_int_equal(o.code, 0);
	done(&o);
	o = run("batch -q --dpi 72 --formats png -r spans.csv -o fmt2");
	assert_int_equal(o.code, 0);
	done(&o);
	assert_true(exists("fmt1/days/overview.png"));
	assert_false(exists("fmt1/days/overview.pdf"));
	assert_true(exists("fmt2/days/2025-06-12.png"));
	assert_false(exists("fmt2/days/2025-06-12.pdf"));
}

/* The alias in export too. */
static void test_options__export_formats(void **state)
{
	outcome o;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("export -q --formats GeoJSON -r spans.csv -o fmt3");
	assert_int_equal(o.code, 0);
	done(&o);
	assert_true(exists("fmt3/geojson/reports.geojson"));
	assert_false(exists("fmt3/eventmap.gpkg"));
}

static void test_options__unknown_event_type_refused(void **state)
{
	outcome o;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("render -q --event-type Ambush -r spans.csv -o ambush.pdf");
	assert_int_equal(o.code, 1);
	assert_non_null(strstr(o.err, "--event-type 'Ambush': use ACLED's types"));
	done(&o);
	assert_false(exists("ambush.pdf"));
}

static void test_batch__weekly_posters(void **state)
{
	outcome o;

	(void)state;
	write_file("spans.csv", spans, sizeof(spans) - 1);
	o = run("batch -q --weekly -f png --dpi 72 -r spans.csv -o weekly");
	assert_int_equal(o.code, 0);
	done(&o);
	assert_true(exists("weekly/weeks/2025-W24.png"));
	assert_true(exists("weekly/weeks/2025-W25.png"));
	assert_true(exists("weekly/weeks/overview.png"));
	assert_false(exists("weekly/days"));
}

/* The ten places the project exists for, as the default dataset spells them. */
static void test_default__every_place_on_the_map_or_listed(void **state)
{
	static const char *const on_map[] = {"Latakia", "Tartous", "Baniyas", "Jableh",
					     "Qardaha", "Qadmus", "Al-Janoudiya", "Khmeimim",
					     "Akkar"};
	outcome o;
	char *text, path[512], command[1024];

	(void)state;
	o = run("run -q -o default");
	assert_int_equal(o.code, 0);
	done(&o);
	text = pdf_text("default/poster.pdf");
	for (size_t i = 0; i < sizeof(on_map) / sizeof(on_map[0]); i++)
		HAS(text, on_map[i]);
	/* Tuwaym is not in the gazetteer: listed with its reason. */
	HAS(text, "Tuwaym: 13+ civilians (unattributed). Not placed: no sourced position");
	HAS(text, "What was reported, day by day");
	free(text);
	/* The places layer holds the nine, by their gazetteer names (ogrinfo's
	 * own status checked: no pipe hides it). */
	snprintf(path, sizeof(path), "%s/default/places.txt", tmpdir);
	snprintf(command, sizeof(command),
		 "ogrinfo -ro -q -al -geom=NO '%s/default/eventmap.gpkg' places > '%s'", tmpdir, path);
	run_tool("ogrinfo (gdal-bin)", command);
	text = slurp(path);
	assert_non_null(text);
	/* Only the name field's lines count. */
	{
		char *names = calloc(1, strlen(text) + 1);
		assert_non_null(names);
		for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n"))
			if (strstr(line, " name (String) = ") != NULL) {
				strcat(names, line);
				strcat(names, "\n");
			}
		free(text);
		text = names;
	}
	if (text[0] == '\0')
		fail_msg("ogrinfo lists no place names in %s", path);
	for (size_t i = 0; i < sizeof(on_map) / sizeof(on_map[0]); i++)
		if (strstr(text, on_map[i]) == NULL && !(strcmp(on_map[i], "Baniyas") == 0 &&
							 strstr(text, "Banias") != NULL) &&
		    !(strcmp(on_map[i], "Khmeimim") == 0 && strstr(text, "Hmeimim") != NULL))
			fail_msg("%s is not in the places layer", on_map[i]);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acled__poster_shows_zero_fatalities_as_events),
		cmocka_unit_test(test_acled__layers_show_zero_fatalities_as_events),
		cmocka_unit_test(test_chronology__lines_by_type),
		cmocka_unit_test(test_span__on_every_day_it_covers),
		cmocka_unit_test(test_day__with_nothing_says_so),
		cmocka_unit_test(test_filter__keeping_nothing_says_so),
		cmocka_unit_test(test_flows__labels_name_both_ends),
		cmocka_unit_test(test_options__render_and_batch_agree),
		cmocka_unit_test(test_options__batch_format_and_formats),
		cmocka_unit_test(test_options__export_formats),
		cmocka_unit_test(test_options__unknown_event_type_refused),
		cmocka_unit_test(test_batch__weekly_posters),
		cmocka_unit_test(test_default__every_place_on_the_map_or_listed),
	};
	return cmocka_run_group_tests_name("events", tests, make_tmpdir, remove_tmpdir);
}
