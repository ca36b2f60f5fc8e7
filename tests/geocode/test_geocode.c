/* Tests of the geocoder on the real default gazetteer: every spelling the
 * articles use and the ones a reader would type, disambiguation with and
 * without hints, and the honest outcomes (ambiguous, unresolved). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"
#include "../support/default_data.h"
#include "eventmap/text.h"

#define LATAKIA "173576"
#define TARTUS "163345"
#define BANIYAS "171830"
#define JABLEH "169304"
#define QARDAHA "173364"
#define QADMUS "173389"
#define JANOUDIYA "173715"
#define HMEIMIM "eventmap:hmeimim-air-base"
#define AKKAR "eventmap:akkar-governorate"
#define BANIAS_GOLAN "eventmap:banias-golan"
#define TRIPOLI_LB "266826"
#define TRIPOLI_LY "2210247"

static em_geocode_result geocode_with(const em_gazetteer *gz, const char *name,
				      const em_geocode_options *options)
{
	em_geocode_result r;
	em_error err;

	em_error_clear(&err);
	if (em_geocode_name(&r, gz, name, strlen(name), options, &err) != EM_OK)
		fail_msg("'%s': %s", name, err.message);
	return r;
}

static void assert_resolves(const char *name, const char *id, const em_geocode_options *options)
{
	em_geocode_result r = geocode_with(em_test_levant(), name, options);

	if (r.status != EM_GEOCODE_RESOLVED)
		fail_msg("'%s' is %s, expected resolved to %s", name,
			 em_geocode_status_name(r.status), id);
	if (strcmp(r.place->id, id) != 0)
		fail_msg("'%s' resolved to %s (%s), expected %s", name, r.place->id, r.place->name, id);
	assert_true(r.score > 0.0 && r.score <= 1.0);
	assert_true(r.precision >= 1 && r.precision <= 3);
}

static void assert_all_resolve(const char *const *names, const char *id)
{
	for (size_t i = 0; names[i] != NULL; i++)
		assert_resolves(names[i], id, NULL);
}

static void test_articles__every_spelling(void **state)
{
	static const char *const latakia[] = {"Latakia", NULL};
	static const char *const tartus[] = {"Tartus", "Tartous", NULL};
	static const char *const baniyas[] = {"Baniyas", "Banias", NULL};
	static const char *const hmeimim[] = {"Hmeimim", "Khmeimim", NULL};

	(void)state;
	assert_all_resolve(latakia, LATAKIA);
	assert_all_resolve(tartus, TARTUS);
	assert_all_resolve(baniyas, BANIYAS);
	assert_resolves("Jableh", JABLEH, NULL);
	assert_resolves("Qardaha", QARDAHA, NULL);
	assert_resolves("Qadmus", QADMUS, NULL);
	assert_resolves("Al-Janoudiya", JANOUDIYA, NULL);
	assert_all_resolve(hmeimim, HMEIMIM);
	assert_resolves("Akkar", AKKAR, NULL);
}

static void test_readers__transliterations(void **state)
{
	/* Formal, French and loose spellings a reader would type. */
	static const char *const latakia[] = {
		"Al L\xC4\x81" "dhiq\xC4\xAB" "yah", "Lattaqui\xC3\xA9", "Lattakia", "Lattakieh",
		"Latakiyah", "LATAKIA", "latakia", NULL};
	static const char *const tartus[] = {"Tartouss", "Tartoos", "\xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s",
					     "TARTOUS", NULL};
	static const char *const baniyas[] = {"B\xC3\xA2" "ni\xC3\xA2" "s", "Baniyas", "Banyas", NULL};
	static const char *const jableh[] = {"Jablah", "Jabla", "Jebleh", "Djeble", "Djebl\xC3\xA9",
					     "Jeble", NULL};
	static const char *const qardaha[] = {"Al Qardahah", "Kardaha", "Qerdaha", "Qurdaha",
					      "Al-Qardaha", "Qardahha", NULL};
	static const char *const qadmus[] = {"Al Qadm\xC5\xAB" "s", "Kadmous", "El Qadmous",
					     "Qadmouss", NULL};
	static const char *const janoudiya[] = {"Janudiyah", "Al Janudiyah", "El Janoudiye",
						"Jnoudiye", "Al-Janoudiyeh", "ej-Janoudiya", NULL};
	static const char *const hmeimim[] = {"Hmeimim air base", "Khmeimim Air Base",
					      "Humaymim", NULL};
	static const char *const akkar[] = {"Aakkar", "\xE2\x80\x98" "Akk\xC4\x81" "r", NULL};

	(void)state;
	assert_all_resolve(latakia, LATAKIA);
	assert_all_resolve(tartus, TARTUS);
	assert_all_resolve(baniyas, BANIYAS);
	assert_all_resolve(jableh, JABLEH);
	assert_all_resolve(qardaha, QARDAHA);
	assert_all_resolve(qadmus, QADMUS);
	assert_all_resolve(janoudiya, JANOUDIYA);
	assert_all_resolve(hmeimim, HMEIMIM);
	assert_all_resolve(akkar, AKKAR);
}

static void test_readers__arabic_script(void **state)
{
	(void)state;
	assert_resolves("\xD8\xA7\xD9\x84\xD9\x84\xD8\xA7\xD8\xB0\xD9\x82\xD9\x8A\xD8\xA9", LATAKIA, NULL);
	assert_resolves("\xD8\xB7\xD8\xB1\xD8\xB7\xD9\x88\xD8\xB3", TARTUS, NULL);
	assert_resolves("\xD8\xAC\xD8\xA8\xD9\x84\xD8\xA9", JABLEH, NULL);
	assert_resolves("\xD8\xAC\xD9\x8E\xD8\xA8\xD9\x92\xD9\x84\xD9\x8E\xD8\xA9", JABLEH, NULL);
	assert_resolves("\xD8\xA7\xD9\x84\xD9\x82\xD8\xB1\xD8\xAF\xD8\xA7\xD8\xAD\xD8\xA9", QARDAHA, NULL);
	assert_resolves("\xD8\xA7\xD9\x84\xD9\x82\xD8\xAF\xD9\x85\xD9\x88\xD8\xB3", QADMUS, NULL);
	assert_resolves("\xD8\xA7\xD9\x84\xD8\xAC\xD8\xA7\xD9\x86\xD9\x88\xD8\xAF\xD9\x8A\xD8\xA9", JANOUDIYA, NULL);
	assert_resolves("\xD8\xAD\xD9\x85\xD9\x8A\xD9\x85\xD9\x8A\xD9\x85", HMEIMIM, NULL);
	assert_resolves("\xD8\xB9\xD9\x83\xD8\xA7\xD8\xB1", AKKAR, NULL);
	assert_resolves("\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3", BANIYAS, NULL);
}

static void test_methods__each_stage(void **state)
{
	em_geocode_result r;

	(void)state;
	r = geocode_with(em_test_levant(), "Latakia", NULL);
	assert_int_equal(r.method, EM_METHOD_EXACT);
	assert_true(r.score == 1.0);
	r = geocode_with(em_test_levant(), "Tartous", NULL);
	assert_int_equal(r.method, EM_METHOD_ALTERNATE);
	r = geocode_with(em_test_levant(), "Lattakieh", NULL);
	assert_int_equal(r.method, EM_METHOD_NORMALIZED);
	assert_true(r.score < 0.95);
	/* One letter off in a long name: placed, but scored lower. */
	r = geocode_with(em_test_levant(), "Jisr ash Shighur", NULL);
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_int_equal(r.method, EM_METHOD_FUZZY);
	assert_string_equal(r.place->id, "169023");
	assert_true(r.score >= 0.75 && r.score < 0.85);
}

static bool lists_place(const em_geocode_result *r, const char *id)
{
	for (size_t i = 0; i < r->candidate_count; i++)
		if (strcmp(r->candidates[i].place->id, id) == 0)
			return true;
	for (size_t i = 0; i < r->suggestion_count; i++)
		if (strcmp(r->suggestions[i].place->id, id) == 0)
			return true;
	return false;
}

static void test_fuzzy__weak_match_is_not_placed(void **state)
{
	em_geocode_result r;

	(void)state;
	/* A transposition: close to Baniyas, to the Golan's Banias and to
	 * Binnish alike, so alone it is not placed, but Baniyas is offered. */
	r = geocode_with(em_test_levant(), "Baniays", NULL);
	assert_int_not_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_null(r.place);
	assert_true(lists_place(&r, BANIYAS));
}

static void test_unresolved__tuwaym(void **state)
{
	em_geocode_result r;

	(void)state;
	r = geocode_with(em_test_levant(), "Tuwaym", NULL);
	assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
	assert_null(r.place);
	assert_int_equal(r.precision, 0);
	assert_true(r.score == 0.0);
	assert_true(r.suggestion_count > 0);
	r = geocode_with(em_test_levant(), "Xqzvbnm", NULL);
	assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
	assert_int_equal(r.suggestion_count, 0);
}

static void test_disambiguation__two_baniyas(void **state)
{
	em_geocode_options options;
	em_geocode_result r;
	em_error err;

	(void)state;
	/* No hint: the coastal town, with the Golan site listed as passed over. */
	r = geocode_with(em_test_levant(), "Baniyas", NULL);
	assert_string_equal(r.place->id, BANIYAS);
	assert_true(r.candidate_count >= 1);
	assert_string_equal(r.candidates[0].place->id, BANIAS_GOLAN);
	assert_true(r.score < 1.0);
	em_geocode_options_init(&options);
	options.admin1 = "Quneitra";
	assert_resolves("Baniyas", BANIAS_GOLAN, &options);
	assert_resolves("Banias", BANIAS_GOLAN, &options);
	options.admin1 = "Tartous Governorate";
	assert_resolves("Banias", BANIYAS, &options);
	options.admin1 = NULL;
	em_error_clear(&err);
	assert_int_equal(em_geocode_options_set_countries(&options, "LB", &err), EM_OK);
	r = geocode_with(em_test_levant(), "Baniyas", &options);
	assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
	assert_true(r.suggestion_count >= 1); /* it exists, elsewhere */
}

static void test_disambiguation__two_tripolis(void **state)
{
	em_geocode_options options;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_resolves("Tripoli", TRIPOLI_LB, NULL);
	em_geocode_options_init(&options);
	assert_int_equal(em_geocode_options_set_countries(&options, "ly", &err), EM_OK);
	assert_resolves("Tripoli", TRIPOLI_LY, &options);
	assert_int_equal(em_geocode_options_set_countries(&options, "SY,LB", &err), EM_OK);
	assert_resolves("Tripoli", TRIPOLI_LB, &options);
	/* Without a region of interest, the capital of Libya is the likelier. */
	em_geocode_options_init(&options);
	options.has_region = false;
	assert_resolves("Tripoli", TRIPOLI_LY, &options);
}

static void test_precision__generic_words(void **state)
{
	em_geocode_result r;

	(void)state;
	r = geocode_with(em_test_levant(), "Latakia countryside", NULL);
	assert_string_equal(r.place->id, LATAKIA);
	assert_int_equal(r.precision, 3);
	r = geocode_with(em_test_levant(), "outskirts of Jableh", NULL);
	assert_string_equal(r.place->id, JABLEH);
	assert_int_equal(r.precision, 2);
	r = geocode_with(em_test_levant(), "Akkar", NULL);
	assert_int_equal(r.precision, 3);
}

/* Two villages of one name and equal standing: only a hint or the other
 * places of the dataset can decide. */
static const char twins[] =
	"1\tAyn al Bayda\tAyn al Bayda\t\t35.60\t36.00\tP\tPPL\tSY\t\t02\t\t\t\t0\t\t\t\t\n"
	"2\tAyn al Bayda\tAyn al Bayda\t\t33.00\t36.50\tP\tPPL\tSY\t\t13\t\t\t\t0\t\t\t\t\n"
	"3\tLatakia\tLatakia\t\t35.53\t35.79\tP\tPPLA\tSY\t\t02\t\t\t\t340181\t\t\t\t\n";

static void test_disambiguation__ambiguous_twins(void **state)
{
	em_gazetteer *gz = NULL;
	em_geocode_options options;
	em_geocode_result r;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_gazetteer_create(&gz), EM_OK);
	assert_int_equal(em_gazetteer_load_buffer(gz, "twins", twins, strlen(twins),
						  EM_GAZETTEER_PLACES, &err), EM_OK);
	assert_int_equal(em_gazetteer_finish(gz, &err), EM_OK);
	r = geocode_with(gz, "Ain el Baida", NULL);
	assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
	assert_null(r.place);
	assert_int_equal(r.candidate_count, 2);
	em_geocode_options_init(&options);
	options.admin1 = "Latakia";
	r = geocode_with(gz, "Ain el Baida", &options);
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_string_equal(r.place->id, "1");
	em_geocode_options_init(&options);
	options.has_near = true;
	options.near_lat = 33.1;
	options.near_lon = 36.4;
	r = geocode_with(gz, "Ain el Baida", &options);
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_string_equal(r.place->id, "2");
	em_gazetteer_destroy(gz);
}

static void test_overrides__win(void **state)
{
	static const char pin[] =
		"pin:1\tTuwaym\tTuwaym\t\t35.0\t36.5\tP\tPPL\tSY\t\t\t\t\t\t0\t\t\t\t\tnewsroom map desk\t2\n";
	em_gazetteer *gz = NULL;
	em_geocode_result r;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_gazetteer_create(&gz), EM_OK);
	assert_int_equal(em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
					   EM_GAZETTEER_PLACES, &err), EM_OK);
	assert_int_equal(em_gazetteer_load_buffer(gz, "pins", pin, strlen(pin),
						  EM_GAZETTEER_OVERRIDES, &err), EM_OK);
	assert_int_equal(em_gazetteer_finish(gz, &err), EM_OK);
	r = geocode_with(gz, "Tuwaym", NULL);
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_int_equal(r.method, EM_METHOD_OVERRIDE);
	assert_int_equal(r.precision, 2);
	assert_string_equal(r.place->source, "newsroom map desk");
	r = geocode_with(gz, "Tuwaim", NULL);
	assert_int_equal(r.method, EM_METHOD_OVERRIDE);
	em_gazetteer_destroy(gz);
}

static void test_bad_names__errors(void **state)
{
	em_geocode_result r;
	em_error err;
	char huge[EM_TEXT_NAME_MAX + 10];
	em_gazetteer *unfinished = NULL;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), "", 0, NULL, &err), EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "empty"));
	em_error_clear(&err);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), "  --  ", 6, NULL, &err), EM_ERR_INVALID);
	em_error_clear(&err);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), "Lat\xC3" "akia", 8, NULL, &err),
			 EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "UTF-8"));
	memset(huge, 'a', sizeof(huge));
	em_error_clear(&err);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), huge, sizeof(huge), NULL, &err), EM_ERR_LIMIT);
	assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
	/* The largest allowed name is answered, not refused. */
	em_error_clear(&err);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), huge, EM_TEXT_NAME_MAX, NULL, &err), EM_OK);
	assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
	assert_int_equal(em_gazetteer_create(&unfinished), EM_OK);
	em_error_clear(&err);
	assert_int_equal(em_geocode_name(&r, unfinished, "Latakia", 7, NULL, &err), EM_ERR_INVALID);
	em_gazetteer_destroy(unfinished);
}

static void test_options__countries(void **state)
{
	em_geocode_options options;
	em_error err;

	(void)state;
	em_geocode_options_init(&options);
	em_error_clear(&err);
	assert_int_equal(em_geocode_options_set_countries(&options, "sy, lb", &err), EM_OK);
	assert_int_equal(options.country_count, 2);
	assert_string_equal(options.countries[1], "LB");
	assert_int_equal(em_geocode_options_set_countries(&options, "Syria", &err), EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "'Syria'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_articles__every_spelling),
		cmocka_unit_test(test_readers__transliterations),
		cmocka_unit_test(test_readers__arabic_script),
		cmocka_unit_test(test_methods__each_stage),
		cmocka_unit_test(test_fuzzy__weak_match_is_not_placed),
		cmocka_unit_test(test_unresolved__tuwaym),
		cmocka_unit_test(test_disambiguation__two_baniyas),
		cmocka_unit_test(test_disambiguation__two_tripolis),
		cmocka_unit_test(test_precision__generic_words),
		cmocka_unit_test(test_disambiguation__ambiguous_twins),
		cmocka_unit_test(test_overrides__win),
		cmocka_unit_test(test_bad_names__errors),
		cmocka_unit_test(test_options__countries),
	};
	return cmocka_run_group_tests_name("geocode", tests, em_test_load_levant,
					   em_test_free_levant);
}
