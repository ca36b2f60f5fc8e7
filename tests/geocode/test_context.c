/* Tests of placement in context on the real default gazetteer: names read
 * together decide each other, a place far from the others needs a hint,
 * generic words are never dropped nor resolved alone, short names are
 * never placed by a close spelling, and every answer says why.  The names
 * are the classes that placed reports in the wrong country. */
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
#include "eventmap/geocode.h"
#include "../support/default_data.h"
#include "eventmap/dataset.h"

#define AL_HAFFAH "173856"
#define HAIFA "294801"
#define SAMSUN "740264"
#define TRIPOLI_LB "266826"
#define TRIPOLI_LY "2210247"
#define LATAKIA "173576"
#define AL_BAYDA "89055"
#define TALL_KALAKH "163533"

static em_geocode_result alone(const char *name, const char *countries)
{
	em_geocode_options options;
	em_geocode_result r;
	em_error err;

	em_geocode_options_init(&options);
	em_error_clear(&err);
	if (countries != NULL)
		assert_int_equal(em_geocode_options_set_countries(&options, countries, &err), EM_OK);
	if (em_geocode_name(&r, em_test_levant(), name, strlen(name), &options, &err) != EM_OK)
		fail_msg("'%s': %s", name, err.message);
	assert_true(r.reason[0] != '\0'); /* every answer says why */
	return r;
}

/* Geocodes names as one list; returns the answer for the last one. */
static em_geocode_result in_list(const char *const *names, size_t count)
{
	em_geocode_query *q = calloc(count, sizeof(*q));
	em_geocode_result last;
	em_error err;

	assert_non_null(q);
	for (size_t i = 0; i < count; i++)
		q[i].name = names[i];
	em_error_clear(&err);
	assert_int_equal(em_geocode_list(q, count, em_test_levant(), NULL, "this list", &err), EM_OK);
	for (size_t i = 0; i < count; i++)
		assert_true(q[i].result.reason[0] != '\0');
	last = q[count - 1].result;
	free(q);
	return last;
}

static bool lists(const em_geocode_result *r, const char *id)
{
	for (size_t i = 0; i < r->candidate_count; i++)
		if (strcmp(r->candidates[i].place->id, id) == 0)
			return true;
	return false;
}

static const char *const coast[] = {"Latakia", "Jableh", "Qardaha", "Tartus", "Baniyas"};
#define COAST_COUNT 5

static em_geocode_result on_the_coast(const char *name)
{
	const char *names[COAST_COUNT + 1];

	memcpy(names, coast, sizeof(coast));
	names[COAST_COUNT] = name;
	return in_list(names, COAST_COUNT + 1);
}

static void test_generic__ain_shams_is_not_samsun(void **state)
{
	static const char *const spellings[] = {"Ain Shams", "Ayn Shams", "\u2018Ayn Shams",
						"Shams", "Al-Shams"};
	(void)state;
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		em_geocode_result r = alone(spellings[i], NULL);
		if (r.status == EM_GEOCODE_RESOLVED)
			fail_msg("'%s' placed at %s (%s)", spellings[i], r.place->name,
				 r.place->country);
		r = on_the_coast(spellings[i]);
		assert_int_not_equal(r.status, EM_GEOCODE_RESOLVED);
		/* With Samsun as a candidate, the reason gives the distance. */
		if (lists(&r, SAMSUN))
			assert_non_null(strstr(r.reason, "km from the other places of this list"));
	}
	/* Not even a hint makes "Shams" Samsun's "Sams": sh is not s in a
	 * name this short.  It is offered, no more. */
	{
		em_geocode_result r = alone("Shams", "TR");
		bool offered = false;
		assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
		for (size_t i = 0; i < r.suggestion_count; i++)
			offered |= strcmp(r.suggestions[i].place->id, SAMSUN) == 0;
		assert_true(offered);
	}
}

static void test_generic__bare_word_never_resolves(void **state)
{
	static const char *const bare[] = {"Tell", "Tall", "Deir", "Dayr", "Kafr", "Ain", "Ayn",
					   "al-Ain", "Jisr", "Khirbet", "Burj", "Qalaat", "Wadi",
					   "Jabal", "Jebel", "\xd8\xaa\xd9\x84" /* تل */};
	(void)state;
	for (size_t i = 0; i < sizeof(bare) / sizeof(bare[0]); i++) {
		em_geocode_result r = alone(bare[i], NULL);
		if (r.status != EM_GEOCODE_UNRESOLVED)
			fail_msg("'%s' is %s", bare[i], em_geocode_status_name(r.status));
		assert_non_null(strstr(r.reason, "generic word"));
		r = on_the_coast(bare[i]);
		assert_int_equal(r.status, EM_GEOCODE_UNRESOLVED);
	}
}

static void test_generic__part_of_a_name_is_kept(void **state)
{
	em_geocode_result r;

	(void)state;
	/* The generic word is part of the name, spelt either way. */
	r = on_the_coast("Tell Kalakh");
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_string_equal(r.place->id, TALL_KALAKH);
	r = on_the_coast("Tall Kalakh");
	assert_string_equal(r.place->id, TALL_KALAKH);
	/* Dropping the generic word is not allowed to make a match. */
	r = on_the_coast("Kalakh");
	assert_int_not_equal(r.status, EM_GEOCODE_RESOLVED);
}

static void test_short__never_fuzzy_placed(void **state)
{
	static const char *const typos[] = {"Homz", "Hamma", "Idleb", "Daraya", "Hamah"};
	em_geocode_options options;
	em_error err;

	(void)state;
	em_geocode_options_init(&options);
	options.min_score = 0.0; /* even when every fuzzy score is enough */
	em_error_clear(&err);
	for (size_t i = 0; i < sizeof(typos) / sizeof(typos[0]); i++) {
		em_geocode_result r;
		assert_int_equal(em_geocode_name(&r, em_test_levant(), typos[i], strlen(typos[i]), &options,
						 &err), EM_OK);
		if (r.status == EM_GEOCODE_RESOLVED && r.method == EM_METHOD_FUZZY)
			fail_msg("'%s' fuzzy-placed at %s", typos[i], r.place->name);
	}
	/* A one-letter change in a four-letter word meets another town:
	 * "Susa" is not "Musa". */
	{
		em_geocode_result r;
		const char *name = "Kafr Susa";
		assert_int_equal(em_geocode_name(&r, em_test_levant(), name, strlen(name), &options, &err),
				 EM_OK);
		assert_false(r.status == EM_GEOCODE_RESOLVED && r.method == EM_METHOD_FUZZY);
	}
}

static void test_haffa__ambiguous_alone_decided_by_the_coast(void **state)
{
	static const char *const spellings[] = {"Haffa", "Al-Haffa", "Al Haffah", "El Haffe"};

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		em_geocode_result r = alone(spellings[i], NULL);
		/* Alone, both are plausible: Haifa is not preferred for its size. */
		if (r.status == EM_GEOCODE_RESOLVED)
			assert_string_not_equal(r.place->id, HAIFA);
		r = on_the_coast(spellings[i]);
		assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
		assert_string_equal(r.place->id, AL_HAFFAH);
		assert_int_equal(r.basis == EM_BASIS_CONTEXT || r.basis == EM_BASIS_ONLY, true);
	}
	{
		em_geocode_result r = alone("Haffa", NULL);
		assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
		assert_true(lists(&r, AL_HAFFAH) && lists(&r, HAIFA));
		r = on_the_coast("Haffa");
		assert_non_null(strstr(r.reason, "Haifa (IL) is"));
		assert_non_null(strstr(r.reason, "km from the other places of this list"));
		/* A hint decides it too. */
		r = alone("Haffa", "SY");
		assert_string_equal(r.place->id, AL_HAFFAH);
		r = alone("Haffa", "IL");
		assert_string_equal(r.place->id, HAIFA);
	}
}

static void test_far__libya_and_jordan_need_a_hint(void **state)
{
	em_geocode_result r;

	(void)state;
	/* Outside the region of interest, alone: not placed, and Libya's Al
	 * Bayda is among what it could be. */
	r = alone("Bayda", NULL);
	assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
	assert_true(lists(&r, AL_BAYDA));
	assert_non_null(strstr(r.reason, "Al Bay"));
	assert_non_null(strstr(r.reason, "outside the region of interest"));
	r = on_the_coast("Bayda");
	assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
	assert_non_null(strstr(r.reason, "(LY) is"));
	r = alone("Bayda", "LY");
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
	assert_string_equal(r.place->country, "LY");
	/* Jordan's Al 'Arid is 400 km from the coast's places. */
	r = on_the_coast("Arida");
	assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
	assert_true(r.far);
	r = alone("Arida", "JO");
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED);
}

static void test_tripoli__region_context_and_hint(void **state)
{
	static const char *const libya[] = {"Benghazi", "Misratah", "Tripoli"};
	em_geocode_result r;

	(void)state;
	r = on_the_coast("Tripoli");
	assert_string_equal(r.place->id, TRIPOLI_LB);
	r = alone("Tripoli", "LY");
	assert_string_equal(r.place->id, TRIPOLI_LY);
	/* Named with Libyan towns, found though outside the region of
	 * interest, Tripoli is Libya's. */
	r = in_list(libya, 3);
	assert_string_equal(r.place->id, TRIPOLI_LY);
}

static void test_near__a_point_given(void **state)
{
	em_geocode_options options;
	em_geocode_result r;
	em_error err;

	(void)state;
	em_geocode_options_init(&options);
	em_error_clear(&err);
	assert_int_equal(em_geocode_options_set_near(&options, "35.55,35.85", &err), EM_OK);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), "Haffa", 5, &options, &err), EM_OK);
	assert_string_equal(r.place->id, AL_HAFFAH);
	assert_non_null(strstr(r.reason, "from the point given"));
	/* Tartus is 80 km from that point: beyond a 40 km radius, far. */
	assert_int_equal(em_geocode_options_set_near(&options, "35.55,35.85,40", &err), EM_OK);
	assert_int_equal(em_geocode_name(&r, em_test_levant(), "Tartus", 6, &options, &err), EM_OK);
	assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
	assert_true(r.far);
	assert_int_equal(em_geocode_options_set_near(&options, "95,35", &err), EM_ERR_INVALID);
	assert_int_equal(em_geocode_options_set_near(&options, "35,35,-4", &err), EM_ERR_INVALID);
	assert_int_equal(em_geocode_options_set_near(&options, "35;35", &err), EM_ERR_INVALID);
}

static void test_context__outliers_and_own_finds(void **state)
{
	em_geocode_context *context = NULL;
	em_geocode_result r;

	(void)state;
	assert_int_equal(em_geocode_context_create(&context, "this file"), EM_OK);
	/* Two coastal places and one far away (Al 'Arid, found alone). */
	r = alone("Latakia", NULL);
	assert_int_equal(em_geocode_context_add_result(context, "Latakia", 7, &r), EM_OK);
	r = alone("Jableh", NULL);
	assert_int_equal(em_geocode_context_add_result(context, "Jableh", 6, &r), EM_OK);
	r = alone("Arida", NULL);
	assert_int_equal(r.status, EM_GEOCODE_RESOLVED); /* alone it is Jordan's */
	assert_int_equal(em_geocode_context_add_result(context, "Arida", 5, &r), EM_OK);
	/* A place chosen by a preference, not found, does not count. */
	r = alone("Baniyas", NULL);
	assert_int_equal(r.basis, EM_BASIS_IMPORTANCE);
	assert_int_equal(em_geocode_context_add_result(context, "Baniyas", 7, &r), EM_OK);
	assert_int_equal(em_geocode_context_finish(context), EM_OK);
	assert_int_equal(em_geocode_context_count(context), 2); /* the outlier is out */
	assert_int_equal(em_geocode_context_add_point(context, 35, 36, "SY"), EM_ERR_INVALID);
	{
		em_geocode_options options;
		em_error err;
		em_geocode_options_init(&options);
		options.context = context;
		em_error_clear(&err);
		assert_int_equal(em_geocode_name(&r, em_test_levant(), "Arida", 5, &options, &err), EM_OK);
		assert_int_equal(r.status, EM_GEOCODE_AMBIGUOUS);
		assert_non_null(strstr(r.reason, "of this file"));
		assert_int_equal(em_geocode_name(&r, em_test_levant(), "Latakia", 7, &options, &err), EM_OK);
		assert_string_equal(r.place->id, LATAKIA);
	}
	em_geocode_context_destroy(context);
}

static void test_context__bounded(void **state)
{
	em_geocode_context *context = NULL;

	(void)state;
	assert_int_equal(em_geocode_context_create(&context, NULL), EM_OK);
	/* A point every ~3 km over a large area: far more than it keeps. */
	for (int i = 0; i < 200; i++)
		for (int k = 0; k < 200; k++)
			assert_int_equal(em_geocode_context_add_point(context, 30.0 + i * 0.03,
								      35.0 + k * 0.03, "SY"),
					 EM_OK);
	assert_int_equal(em_geocode_context_finish(context), EM_OK);
	assert_int_equal(em_geocode_context_count(context), EM_GEOCODE_CONTEXT_MAX);
	em_geocode_context_destroy(context);
}

static void test_list__unusable_names_are_answers(void **state)
{
	em_geocode_query q[3];
	em_error err;

	(void)state;
	memset(q, 0, sizeof(q));
	q[0].name = "Latakia";
	q[1].name = "Lat\xC3" "akia";
	q[2].name = "Tripoli";
	q[2].country = "Libya";
	em_error_clear(&err);
	assert_int_equal(em_geocode_list(q, 3, em_test_levant(), NULL, "this list", &err), EM_OK);
	assert_int_equal(q[0].result.status, EM_GEOCODE_RESOLVED);
	assert_int_equal(q[1].status, EM_ERR_INVALID);
	assert_non_null(strstr(q[1].error, "UTF-8"));
	assert_int_equal(q[1].result.status, EM_GEOCODE_UNRESOLVED);
	assert_int_equal(q[2].status, EM_ERR_INVALID);
	assert_non_null(strstr(q[2].error, "two-letter"));
}

/* The Tripoli row of a file with no other hints: the library's one answer
 * is the row's, wherever it is read. */
static void test_dataset__one_answer_per_row(void **state)
{
	static const char rows[] =
		"report_id,event_date,location,country,fatalities,source\n"
		"r1,2025-03-07,Tripoli,LY,3,A\n"
		"r2,2025-03-07,Tripoli,,4,A\n"
		"r3,2025-03-07,Latakia,,5,A\n"
		"r4,2025-03-07,Haffa,,1,A\n";
	char path[] = "/tmp/eventmap-context-XXXXXX";
	int fd = mkstemp(path);
	em_dataset *ds = NULL;
	em_error err;
	size_t names;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, rows, sizeof(rows) - 1), (long)sizeof(rows) - 1);
	close(fd);
	em_error_clear(&err);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_read_reports(ds, path, &err), EM_OK);
	assert_int_equal(em_dataset_resolve(ds, em_test_levant(), NULL, &err), EM_OK);
	assert_string_equal(em_dataset_report(ds, 0)->where.place_id, TRIPOLI_LY);
	assert_string_equal(em_dataset_report(ds, 1)->where.place_id, TRIPOLI_LB);
	assert_string_equal(em_dataset_report(ds, 3)->where.place_id, AL_HAFFAH);
	names = em_dataset_name_count(ds);
	assert_int_equal(names, 4);
	/* The names record: the same answers, with the row's hints. */
	assert_string_equal(em_dataset_name(ds, 0)->name, "Tripoli");
	assert_string_equal(em_dataset_name(ds, 0)->country, "LY");
	assert_string_equal(em_dataset_name(ds, 0)->result.place->id, TRIPOLI_LY);
	assert_string_equal(em_dataset_name(ds, 1)->country, "");
	assert_string_equal(em_dataset_name(ds, 1)->result.place->id, TRIPOLI_LB);
	assert_string_equal(em_dataset_name(ds, 3)->result.place->id, AL_HAFFAH);
	em_dataset_destroy(ds);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generic__ain_shams_is_not_samsun),
		cmocka_unit_test(test_generic__bare_word_never_resolves),
		cmocka_unit_test(test_generic__part_of_a_name_is_kept),
		cmocka_unit_test(test_short__never_fuzzy_placed),
		cmocka_unit_test(test_haffa__ambiguous_alone_decided_by_the_coast),
		cmocka_unit_test(test_far__libya_and_jordan_need_a_hint),
		cmocka_unit_test(test_tripoli__region_context_and_hint),
		cmocka_unit_test(test_near__a_point_given),
		cmocka_unit_test(test_context__outliers_and_own_finds),
		cmocka_unit_test(test_context__bounded),
		cmocka_unit_test(test_list__unusable_names_are_answers),
		cmocka_unit_test(test_dataset__one_answer_per_row),
	};
	return cmocka_run_group_tests_name("context", tests, em_test_load_levant,
					   em_test_free_levant);
}
