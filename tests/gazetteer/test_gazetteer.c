/* Tests of the gazetteer: reading GeoNames and supplement lines, refusing
 * bad files whole with the file, line and column named, and the name
 * index's exact, key and fuzzy look-ups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "eventmap/gazetteer.h"
#include "eventmap/text.h"

/* Two coastal towns in GeoNames' 19 columns, one supplement row. */
static const char good[] =
	"171830\tB\xC4\x81niy\xC4\x81s\tBaniyas\tBanias,Baniyas,\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3\t35.18188\t35.94871\tP\tPPLA2\tSY\t\t14\t\t\t\t39066\t\t9\tAsia/Damascus\t2023-01-01\n"
	"163345\t\xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s\tTartus\tTartous,Tartus\t34.88902\t35.88659\tP\tPPLA\tSY\t\t14\t\t\t\t89457\t\t1\tAsia/Damascus\t2023-01-01\n"
	"# a comment line\n"
	"\n"
	"em:1\tHmeimim Air Base\tHmeimim Air Base\tKhmeimim\t35.407\t35.944\tS\tAIRB\tSY\t\t02\t\t\t\t0\t\t\t\t2025-03-07\tNatural Earth airports\t1\n";

typedef struct fixture {
	em_gazetteer *gz;
	em_error err;
} fixture;

static int setup(void **state)
{
	static fixture f;

	memset(&f, 0, sizeof(f));
	assert_int_equal(em_gazetteer_create(&f.gz), EM_OK);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	em_gazetteer_destroy(f->gz);
	return 0;
}

static em_status load(fixture *f, const char *text)
{
	em_error_clear(&f->err);
	return em_gazetteer_load_buffer(f->gz, "test.txt", text, strlen(text),
					EM_GAZETTEER_PLACES, &f->err);
}

static void assert_rejected(fixture *f, const char *text, const char *expected)
{
	size_t before = em_gazetteer_count(f->gz);

	assert_int_equal(load(f, text), EM_ERR_INVALID);
	if (strstr(f->err.message, expected) == NULL)
		fail_msg("message '%s' lacks '%s'", f->err.message, expected);
	assert_int_equal(em_gazetteer_count(f->gz), before);
}

static void test_load__geonames_and_supplement(void **state)
{
	fixture *f = *state;
	const em_place *p;

	assert_int_equal(load(f, good), EM_OK);
	assert_int_equal(em_gazetteer_count(f->gz), 3);
	p = em_gazetteer_place(f->gz, 0);
	assert_string_equal(p->id, "171830");
	assert_string_equal(p->asciiname, "Baniyas");
	assert_string_equal(p->country, "SY");
	assert_string_equal(p->admin1, "14");
	assert_int_equal(p->population, 39066);
	assert_int_equal(p->precision, 1);
	assert_string_equal(p->source, "GeoNames");
	assert_int_equal(p->line, 1);
	assert_true(p->lat > 35.18 && p->lat < 35.19);
	p = em_gazetteer_place(f->gz, 2);
	assert_string_equal(p->source, "Natural Earth airports");
	assert_int_equal(p->feature_class, 'S');
	assert_int_equal(p->line, 5);
	assert_null(em_gazetteer_place(f->gz, 3));
}

static void test_load__bad_lines_name_file_line_column(void **state)
{
	fixture *f = *state;

	assert_int_equal(load(f, good), EM_OK);
	assert_rejected(f, "1\tA\tA\t\t91\t35\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\n",
			"test.txt:1: column 5 (latitude): '91' is not a latitude");
	assert_rejected(f, "# ok\n1\tA\tA\t\t35\teast\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\n",
			"test.txt:2: column 6 (longitude)");
	assert_rejected(f, "1\tA\tA\t35\t35\n", "test.txt:1: has 5 tab-separated columns");
	assert_rejected(f, "1\t\tA\t\t35\t35\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\n",
			"column 2 (name)");
	assert_rejected(f, "1\tA\tA\t\t35\t35\tP\tPPL\tSYR\t\t01\t\t\t\t0\t\t\t\t\n",
			"column 9 (country code)");
	assert_rejected(f, "1\tA\tA\t\t35\t35\tP\tPPL\tSY\t\t01\t\t\t\t-5\t\t\t\t\n",
			"column 15 (population)");
	assert_rejected(f, "1\tA\tA\t\t35\t35\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\tcite\t4\n",
			"column 21 (precision)");
	assert_rejected(f, "1\tA\tA\t\t35\t35\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\t\t1\n",
			"column 20 (source)");
	assert_rejected(f, "1\tA\xC3(\tA\t\t35\t35\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\n",
			"test.txt:1: is not valid UTF-8");
	/* The first good lines of a bad file are not kept either. */
	assert_rejected(f, "2\tB\tB\t\t35\t35\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t\t\t\nbroken\n",
			"test.txt:2:");
	assert_int_equal(em_gazetteer_count(f->gz), 3);
}

static void test_load__empty_and_binary_files(void **state)
{
	fixture *f = *state;
	static const char binary[] = "1\tA\0B\t";

	assert_rejected(f, "", "test.txt: holds no places");
	assert_rejected(f, "# only comments\n\n", "holds no places");
	em_error_clear(&f->err);
	assert_int_equal(em_gazetteer_load_buffer(f->gz, "bin.dat", binary, sizeof(binary) - 1,
						  EM_GAZETTEER_PLACES, &f->err),
			 EM_ERR_INVALID);
	assert_non_null(strstr(f->err.message, "bin.dat:1: holds a NUL byte"));
}

static void test_load__missing_file_is_io_error(void **state)
{
	fixture *f = *state;

	em_error_clear(&f->err);
	assert_int_equal(em_gazetteer_load(f->gz, "/nonexistent/SY.txt", EM_GAZETTEER_PLACES,
					   &f->err),
			 EM_ERR_IO);
	assert_non_null(strstr(f->err.message, "/nonexistent/SY.txt: cannot open"));
}

static void test_load__crlf_bom_and_header(void **state)
{
	fixture *f = *state;
	const char text[] = "\xEF\xBB\xBFgeonameid\tname\r\n"
			    "7\tQadmus\tQadmus\t\t35.1\t36.16\tP\tPPLA3\tSY\t\t14\t\t\t\t\t\t\t\t\r\n";

	assert_int_equal(load(f, text), EM_OK);
	assert_int_equal(em_gazetteer_count(f->gz), 1);
	assert_string_equal(em_gazetteer_place(f->gz, 0)->feature_code, "PPLA3");
	assert_int_equal(em_gazetteer_place(f->gz, 0)->population, 0);
}

static size_t find(fixture *f, const char *name, em_text_form form, em_name_hit *hits)
{
	char text[EM_TEXT_NAME_MAX * 4 + 1];
	size_t len;

	assert_int_equal(em_text_fold(text, sizeof(text), &len, name, strlen(name), form), EM_OK);
	if (form == EM_TEXT_FOLDED)
		return em_gazetteer_find_folded(hits, 8, f->gz, text, len);
	return em_gazetteer_find_key(hits, 8, f->gz, text, len);
}

static void test_index__exact_alternate_and_key(void **state)
{
	fixture *f = *state;
	em_name_hit hits[8];

	assert_int_equal(load(f, good), EM_OK);
	/* Not finished: nothing is found yet. */
	assert_int_equal(find(f, "Baniyas", EM_TEXT_FOLDED, hits), 0);
	assert_false(em_gazetteer_is_finished(f->gz));
	assert_int_equal(em_gazetteer_finish(f->gz, &f->err), EM_OK);
	assert_int_equal(find(f, "BANIYAS", EM_TEXT_FOLDED, hits), 1);
	assert_int_equal(hits[0].place, 0);
	assert_int_equal(hits[0].kind, EM_NAME_PRIMARY);
	assert_int_equal(find(f, "tartous", EM_TEXT_FOLDED, hits), 1);
	assert_int_equal(hits[0].kind, EM_NAME_ALTERNATE);
	assert_int_equal(find(f, "Tartouss", EM_TEXT_FOLDED, hits), 0);
	assert_int_equal(find(f, "Tartouss", EM_TEXT_KEY, hits), 1);
	assert_int_equal(hits[0].place, 1);
	assert_int_equal(find(f, "\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3", EM_TEXT_FOLDED,
			      hits), 1);
}

static void test_index__fuzzy(void **state)
{
	fixture *f = *state;
	em_name_hit hits[8];
	char key[64];
	size_t len, n;

	assert_int_equal(load(f, good), EM_OK);
	assert_int_equal(em_gazetteer_finish(f->gz, &f->err), EM_OK);
	assert_int_equal(em_text_fold(key, sizeof(key), &len, "Baniays", 7, EM_TEXT_KEY), EM_OK);
	n = em_gazetteer_find_fuzzy(hits, 8, f->gz, key, len, 2);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].place, 0);
	assert_int_equal(hits[0].distance, 1);
	assert_int_equal(em_text_fold(key, sizeof(key), &len, "Hmeimiim Air Bose", 17, EM_TEXT_KEY),
			 EM_OK);
	n = em_gazetteer_find_fuzzy(hits, 8, f->gz, key, len, 2);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].place, 2);
	/* Too far from everything. */
	assert_int_equal(em_gazetteer_find_fuzzy(hits, 8, f->gz, "zzzzzz", 6, 2), 0);
}

static void test_index__admin1_hints(void **state)
{
	fixture *f = *state;

	assert_int_equal(load(f, good), EM_OK);
	assert_int_equal(em_gazetteer_finish(f->gz, &f->err), EM_OK);
	/* Tartus (PPLA) is the seat of SY.14. */
	assert_true(em_gazetteer_admin1_matches(f->gz, "SY", "14", "Tartus"));
	assert_true(em_gazetteer_admin1_matches(f->gz, "SY", "14", "Tartous Governorate"));
	assert_true(em_gazetteer_admin1_matches(f->gz, "SY", "14", "14"));
	assert_true(em_gazetteer_admin1_matches(f->gz, "SY", "14", "sy.14"));
	assert_true(em_gazetteer_admin1_matches(f->gz, "SY", "14", NULL));
	assert_false(em_gazetteer_admin1_matches(f->gz, "SY", "02", "Tartus"));
	assert_false(em_gazetteer_admin1_matches(f->gz, "LB", "14", "Tartus"));
	assert_false(em_gazetteer_admin1_matches(f->gz, "SY", "14", "Latakia"));
	assert_string_equal(em_gazetteer_admin1_name(f->gz, "SY", "14"), "Tartus");
	assert_null(em_gazetteer_admin1_name(f->gz, "SY", "99"));
}

static void test_index__reload_needs_finish(void **state)
{
	fixture *f = *state;
	em_name_hit hits[8];

	assert_int_equal(load(f, good), EM_OK);
	assert_int_equal(em_gazetteer_finish(f->gz, &f->err), EM_OK);
	assert_int_equal(load(f, "9\tQadmus\tQadmus\t\t35.1\t36.16\tP\tPPL\tSY\t\t14\t\t\t\t\t\t\t\t\n"),
			 EM_OK);
	assert_false(em_gazetteer_is_finished(f->gz));
	assert_int_equal(em_gazetteer_finish(f->gz, &f->err), EM_OK);
	assert_int_equal(find(f, "Qadmus", EM_TEXT_FOLDED, hits), 1);
	assert_int_equal(find(f, "Baniyas", EM_TEXT_FOLDED, hits), 1);
}

static void test_load__default_files(void **state)
{
	fixture *f = *state;

	em_error_clear(&f->err);
	assert_int_equal(em_gazetteer_load(f->gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
					   EM_GAZETTEER_PLACES, &f->err), EM_OK);
	assert_int_equal(em_gazetteer_load(f->gz, EM_SOURCE_DIR "/geodata/supplement.tsv",
					   EM_GAZETTEER_PLACES, &f->err), EM_OK);
	assert_true(em_gazetteer_count(f->gz) > 4000);
	assert_int_equal(em_gazetteer_finish(f->gz, &f->err), EM_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load__geonames_and_supplement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__bad_lines_name_file_line_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__empty_and_binary_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__missing_file_is_io_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__crlf_bom_and_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index__exact_alternate_and_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index__fuzzy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index__admin1_hints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index__reload_needs_finish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load__default_files, setup, teardown),
	};
	return cmocka_run_group_tests_name("gazetteer", tests, NULL, NULL);
}
