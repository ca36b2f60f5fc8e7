/* `eventmap batch --by admin1|country`: a series per first-order division
 * or country in DIR/days/GROUP/, each on its own extent with its own
 * places only, titled with its group and saying what it leaves out; rows
 * with no country placed by where their coordinates lie; shares equal one
 * run; what cannot be grouped is counted, never silently lost. */
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

#define QUICK "-q -p A4 --dpi 72"

static void test_by__admin1_series_of_the_default_dataset(void **state)
{
	char *tartus, *latakia;
	outcome o;

	(void)state;
	o = run("batch -p A4 -f pdf -o groups --by admin1");
	assert_int_equal(o.code, 0);
	HAS(o.out, "LB-Akkar: Akkar, Lebanon, 1 report, 1 flow\n");
	HAS(o.out, "SY-Latakia: Latakia, Syria, 15 reports, 2 flows\n");
	HAS(o.out, "SY-Tartus: Tartus, Syria, 6 reports, 0 flows\n");
	HAS(o.out, "groups/days/SY-Tartus/2025-03-07.pdf");
	/* The coast-wide totals belong to no one division: said, not lost. */
	HAS(o.out, "26 reports and 1 flow placed in no first-order division: on none of these "
		   "series");
	done(&o);
	assert_int_equal(entries_containing("groups/days/SY-Tartus", ".pdf"), 6);
	assert_int_equal(entries_containing("groups/days/SY-Latakia", ".pdf"), 7);
	assert_int_equal(entries_containing("groups/days/LB-Akkar", ".pdf"), 7);
	assert_false(exists("groups/days/2025-03-07.pdf"));
	tartus = pdf_text("groups/days/SY-Tartus/2025-03-07.pdf");
	latakia = pdf_text("groups/days/SY-Latakia/2025-03-07.pdf");
	HAS(tartus, "Violence on Syria\xE2\x80\x99s coast, March 2025: Tartus, Syria");
	HAS(tartus, "Baniyas \xC2\xB7 20");
	LACKS(tartus, "Qardaha");
	LACKS(tartus, "Latakia \xC2\xB7");
	/* No "no total" that a coast-wide total contradicts. */
	HAS(tartus, "No source gave a total for Tartus, Syria alone");
	HAS(tartus, "totals for wider areas are not on this series.");
	LACKS(tartus, "No source gave a region-wide total");
	HAS(tartus, "Only what was placed in Tartus, Syria: 6 of the dataset");
	HAS(latakia, "March 2025: Latakia, Syria");
	free(latakia);
	/* A flow from a region in no group to Hmeimim, drawn in Latakia's series. */
	latakia = pdf_text("groups/days/SY-Latakia/2025-03-08.pdf");
	HAS(latakia, "People displaced (arrow width)");
	HAS(latakia, "coast to Khmeimim");
	free(latakia);
	latakia = pdf_text("groups/days/SY-Latakia/2025-03-07.pdf");
	LACKS(latakia, "Baniyas \xC2\xB7"); /* a town of the basemap, no report */
	HAS(latakia, "Khmeimim");
	free(tartus);
	free(latakia);
}

/* A file of the user's own: no country column, coordinates in Syria and
 * Lebanon, a name the gazetteer lacks. */
static void test_by__country_from_coordinates(void **state)
{
	static const char csv[] =
		"report_id,event_date,location,latitude,longitude,fatalities,source\n"
		"n1,2025-04-02,Tyre,33.2705,35.2038,3,NNA\n"
		"n2,2025-04-02,Homs,34.7324,36.7137,5,SOHR\n"
		"n3,2025-04-03,Qusayr,34.5088,36.5797,2,SOHR\n"
		"n4,2025-04-03,Wadi Khaledd,,,1,NNA\n"
		"n5,2025-04-03,Hermel,34.3947,36.3847,4,NNA\n";
	char *lb, *sy;
	outcome o;

	(void)state;
	write_file("no-country.csv", csv, sizeof(csv) - 1);
	o = run("batch -p A4 -f pdf -r no-country.csv -o own --by country");
	assert_int_equal(o.code, 0);
	HAS(o.out, "LB: Lebanon, 2 reports, 0 flows\n");
	HAS(o.out, "SY: Syria, 2 reports, 0 flows\n");
	HAS(o.out, "1 report and 0 flows placed in no country: on none of these series");
	done(&o);
	lb = pdf_text("own/days/LB/2025-04-03.pdf");
	sy = pdf_text("own/days/SY/2025-04-03.pdf");
	HAS(lb, "Hermel \xC2\xB7 4");
	LACKS(lb, "Qusayr");
	HAS(sy, "Qusayr \xC2\xB7 2");
	LACKS(sy, "Hermel \xC2\xB7");
	/* Nothing drawn that a group's days do not hold. */
	assert_false(exists("own/days/SY/2025-04-04.pdf"));
	free(lb);
	free(sy);
}

/* On a cluster: each group's series shared out, then the overviews. */
static void test_by__shares_equal_one_run(void **state)
{
	static const char *const files[] = {"SY-Tartus/2025-03-06.png", "SY-Tartus/2025-03-10.png",
					    "SY-Tartus/overview.png", "LB-Akkar/2025-03-11.png",
					    "SY-Latakia/overview.png"};
	char a[128], b[128];
	outcome o;

	(void)state;
	o = run("batch " QUICK " -f png -o whole --by admin1");
	assert_int_equal(o.code, 0);
	done(&o);
	for (int i = 1; i <= 2; i++) {
		o = run("batch " QUICK " -f png -o shares --by admin1 --shard %d/2", i);
		assert_int_equal(o.code, 0);
		done(&o);
	}
	assert_false(exists("shares/days/SY-Tartus/overview.png"));
	o = run("batch " QUICK " -f png -o shares --by admin1 --overview-only");
	assert_int_equal(o.code, 0);
	done(&o);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(a, sizeof(a), "whole/days/%s", files[i]);
		snprintf(b, sizeof(b), "shares/days/%s", files[i]);
		assert_same_file(a, b);
	}
}

static void test_by__refused(void **state)
{
	static const char csv[] = "report_id,event_date,location,fatalities,source\n"
				  "u1,2025-04-02,Wadi Khaledd,1,NNA\n";
	outcome o;

	(void)state;
	o = run("batch -o refused --by region");
	assert_int_equal(o.code, 1);
	HAS(o.err, "eventmap batch: --by 'region': give admin1 or country");
	done(&o);
	write_file("nowhere.csv", csv, sizeof(csv) - 1);
	o = run("batch -o refused -r nowhere.csv --by admin1");
	assert_int_equal(o.code, 1);
	HAS(o.err, "--by admin1: no report or flow is placed in any first-order division");
	done(&o);
	assert_false(exists("refused/days"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by__admin1_series_of_the_default_dataset),
		cmocka_unit_test(test_by__country_from_coordinates),
		cmocka_unit_test(test_by__shares_equal_one_run),
		cmocka_unit_test(test_by__refused),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
