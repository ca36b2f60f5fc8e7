/* The Arabic names posters print: for every town of a cited table
 * (tests/geocode/arabic-names.tsv, 75 towns of Syria and Lebanon), the
 * default gazetteer's name_ar is the town's own Arabic name; and the
 * classes of wrong names GeoNames offers are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eventmap/gazetteer.h"
#include "eventmap/text.h"

static em_gazetteer *load(const char *extra, bool corrections)
{
	em_gazetteer *gz = NULL;
	em_error err;

	em_error_clear(&err);
	assert_int_equal(em_gazetteer_create(&gz), EM_OK);
	assert_int_equal(em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
					   EM_GAZETTEER_PLACES, &err), EM_OK);
	assert_int_equal(em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/supplement.tsv",
					   EM_GAZETTEER_PLACES, &err), EM_OK);
	if (extra != NULL)
		assert_int_equal(em_gazetteer_load_buffer(gz, "extra", extra, strlen(extra),
							  EM_GAZETTEER_PLACES, &err), EM_OK);
	if (corrections &&
	    em_gazetteer_load_names_ar(gz, EM_SOURCE_DIR "/geodata/arabic-names.tsv", &err) != EM_OK)
		fail_msg("%s", err.message);
	assert_int_equal(em_gazetteer_finish(gz, &err), EM_OK);
	return gz;
}

static const em_place *by_id(const em_gazetteer *gz, const char *id)
{
	for (size_t i = 0; i < em_gazetteer_count(gz); i++)
		if (strcmp(em_gazetteer_place(gz, i)->id, id) == 0)
			return em_gazetteer_place(gz, i);
	return NULL;
}

static void test_names_ar__cited_table(void **state)
{
	em_gazetteer *gz;
	FILE *in;
	char line[4096];
	size_t rows = 0, wrong = 0;

	(void)state;
	gz = load(NULL, true);
	in = fopen(EM_SOURCE_DIR "/tests/geocode/arabic-names.tsv", "r");
	assert_non_null(in);
	while (fgets(line, sizeof(line), in) != NULL) {
		char *fields[5] = {0};
		char *p = line;
		const em_place *place;

		if (strncmp(line, "geonameid\t", 10) == 0 || line[0] == '#')
			continue;
		for (int f = 0; f < 5 && p != NULL; f++) {
			fields[f] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = '\0';
		}
		assert_non_null(fields[4]); /* every row cites its source */
		assert_true(strlen(fields[4]) > 10);
		place = by_id(gz, fields[0]);
		if (place == NULL)
			fail_msg("%s (%s) is not in the gazetteer", fields[1], fields[0]);
		rows++;
		if (strcmp(place->name_ar, fields[3]) != 0) {
			fprintf(stderr, "%s %s (%s): name_ar '%s', expected '%s'\n", fields[0],
				fields[1], fields[2], place->name_ar, fields[3]);
			wrong++;
		}
	}
	fclose(in);
	em_gazetteer_destroy(gz);
	assert_true(rows >= 40);
	assert_int_equal(wrong, 0);
}

/* What GeoNames offers that is not a place's own Arabic name. */
static const char wrong_names[] =
	/* Latin letters with an Urdu letter, a Persian spelling, the tower of
	 * Safita, the governorate: none is the town's name. */
	"1\tQaryat Test\tQaryat Test\tqrytہ,\xd9\x82\xd8\xb1\xdb\x8c\xd8\xaa\xd9\x87\t35.0\t36.0\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\n"
	"2\tBurj Only\tBurj Only\t\xd8\xa8\xd8\xb1\xd8\xac \xd8\xb5\xd8\xa7\xd9\x81\xd9\x8a\xd8\xaa\xd8\xa7\t35.0\t36.0\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\n"
	"3\tHimsa\tHimsa\t\xd9\x85\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8\xd8\xa9 \xd8\xad\xd9\x85\xd8\xb5,\xd8\xad\xd9\x85\xd8\xb5\t35.0\t36.0\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\n";

static void test_names_ar__refuses_other_scripts_features_and_forms(void **state)
{
	em_gazetteer *gz;

	(void)state;
	gz = load(wrong_names, false);
	/* Only a Persian spelling: no Arabic name at all. */
	assert_string_equal(by_id(gz, "1")->name_ar, "");
	/* Only another feature's name: none either. */
	assert_string_equal(by_id(gz, "2")->name_ar, "");
	/* The administrative form is passed over for the name. */
	assert_string_equal(by_id(gz, "3")->name_ar, "\xd8\xad\xd9\x85\xd8\xb5");
	em_gazetteer_destroy(gz);
}

static void test_names_ar__bad_table(void **state)
{
	em_gazetteer *gz = NULL;
	em_error err;
	FILE *f = fopen("bad-names-ar.tsv", "w");

	(void)state;
	assert_non_null(f);
	fputs("# comment\ngeonameid\tname_ar\tsource\n173576\tLatakia\tsomewhere\n", f);
	fclose(f);
	em_error_clear(&err);
	assert_int_equal(em_gazetteer_create(&gz), EM_OK);
	assert_int_equal(em_gazetteer_load_names_ar(gz, "bad-names-ar.tsv", &err), EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "bad-names-ar.tsv:3: column 2 (name_ar)"));
	em_error_clear(&err);
	assert_int_equal(em_gazetteer_load_names_ar(gz, "missing.tsv", &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, "missing.tsv"));
	em_gazetteer_destroy(gz);
	remove("bad-names-ar.tsv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_ar__cited_table),
		cmocka_unit_test(test_names_ar__refuses_other_scripts_features_and_forms),
		cmocka_unit_test(test_names_ar__bad_table),
	};
	return cmocka_run_group_tests_name("names_ar", tests, NULL, NULL);
}
