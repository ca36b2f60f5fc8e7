/* libFuzzer target for the gazetteer reader: the input is a GeoNames-format
 * file, loaded as places and again as overrides, indexed, then searched for
 * names taken from its own first line so that look-ups hit real entries.
 * Besides memory errors it checks the documented contracts of the API. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"
#include "eventmap/text.h"
#include "fuzz_util.h"

#define LOOKUPS_MAX 6
/* Room for a few hits only, so that look-ups with more matches than room
 * are common. */
#define FEW_HITS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef size_t (*find_fn)(em_name_hit *hits, size_t max_hits, const em_gazetteer *gz,
			  const char *text, size_t len);

static size_t find_fuzzy(em_name_hit *hits, size_t max_hits, const em_gazetteer *gz,
			 const char *text, size_t len)
{
	return em_gazetteer_find_fuzzy(hits, max_hits, gz, text, len, EM_GAZETTEER_FUZZY_MAX);
}

/* An index look-up counts every matching place once, whatever the room
 * for hits, and the hits it has room for are the closest ones. */
static void check_find(const em_gazetteer *gz, find_fn find, const char *text, size_t len)
{
	size_t places = em_gazetteer_count(gz), all_count, few_count;
	em_name_hit few[FEW_HITS];
	em_name_hit *all = malloc((places + 1) * sizeof(*all));

	if (all == NULL)
		return;
	all_count = find(all, places + 1, gz, text, len);
	few_count = find(few, FEW_HITS, gz, text, len);
	FUZZ_CHECK(all_count <= places);
	FUZZ_CHECK(few_count == all_count);
	for (size_t i = 0; i + 1 < all_count; i++)
		FUZZ_CHECK(all[i].distance <= all[i + 1].distance);
	for (size_t i = 0; i < few_count && i < FEW_HITS; i++)
		FUZZ_CHECK(few[i].distance == all[i].distance && few[i].place < places);
	free(all);
}

static void check_index(const em_gazetteer *gz, const char *name, size_t len)
{
	char folded[4 * EM_TEXT_NAME_MAX], key[4 * EM_TEXT_NAME_MAX];
	size_t folded_len, key_len;

	if (em_text_fold(folded, sizeof(folded), &folded_len, name, len, EM_TEXT_FOLDED) ==
	    EM_OK)
		check_find(gz, em_gazetteer_find_folded, folded, folded_len);
	if (em_text_fold(key, sizeof(key), &key_len, name, len, EM_TEXT_KEY) == EM_OK) {
		check_find(gz, em_gazetteer_find_key, key, key_len);
		check_find(gz, find_fuzzy, key, key_len);
	}
}

static void check_result(const em_gazetteer *gz, em_status status,
			 const em_geocode_result *result, const em_error *err)
{
	if (status != EM_OK) {
		FUZZ_CHECK(err->status == status && err->message[0] != '\0');
		return;
	}
	FUZZ_CHECK(result->candidate_count <= EM_GEOCODE_CANDIDATES_MAX);
	FUZZ_CHECK(result->suggestion_count <= EM_GEOCODE_SUGGESTIONS_MAX);
	if (result->status == EM_GEOCODE_RESOLVED) {
		FUZZ_CHECK(result->place != NULL);
		FUZZ_CHECK(result->place >= em_gazetteer_place(gz, 0) &&
			   result->place <= em_gazetteer_place(gz, em_gazetteer_count(gz) - 1));
	} else {
		FUZZ_CHECK(result->place == NULL);
	}
}

static void look_up(const em_gazetteer *gz, const char *name, size_t len)
{
	em_geocode_options options;
	em_geocode_result result;
	em_error err;
	em_status status;
	char *hint;

	em_error_clear(&err);
	status = em_geocode_name(&result, gz, name, len, NULL, &err);
	check_result(gz, status, &result, &err);

	/* Again with hints: the country filter, and the name itself as the
	 * first-order division (the admin1 filter and the seat look-ups). */
	hint = malloc(len + 1); /* admin1 is a C string; name is not */
	if (hint == NULL)
		return;
	memcpy(hint, name, len);
	hint[len] = '\0';
	em_geocode_options_init(&options);
	options.admin1 = hint;
	em_error_clear(&err);
	if (em_geocode_options_set_countries(&options, "SY,LB", &err) == EM_OK) {
		em_error_clear(&err);
		status = em_geocode_name(&result, gz, name, len, &options, &err);
		check_result(gz, status, &result, &err);
	}
	free(hint);
	check_index(gz, name, len);
}

/* Names from the first line: its tab- and comma-separated pieces, so the
 * name, asciiname and alternatenames of a GeoNames row. */
static void look_up_first_line(const em_gazetteer *gz, const char *text, size_t size)
{
	const char *end = memchr(text, '\n', size);
	size_t line_len = end ? (size_t)(end - text) : size;
	size_t start = 0;
	int lookups = 0;

	for (size_t i = 0; i <= line_len && lookups < LOOKUPS_MAX; i++) {
		if (i < line_len && text[i] != '\t' && text[i] != ',')
			continue;
		if (i > start) {
			look_up(gz, text + start, i - start);
			lookups++;
		}
		start = i + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	em_gazetteer *gz = NULL;
	em_error err;
	em_status places, overrides, finished;

	if (em_gazetteer_create(&gz) != EM_OK)
		return 0;
	em_error_clear(&err);
	places = em_gazetteer_load_buffer(gz, "fuzz.txt", text, size, EM_GAZETTEER_PLACES, &err);
	FUZZ_CHECK(places == EM_OK || (err.status == places && err.message[0] != '\0'));
	em_error_clear(&err);
	overrides = em_gazetteer_load_buffer(gz, "pins.txt", text, size, EM_GAZETTEER_OVERRIDES,
					     &err);
	/* Loading is a pure function of the bytes: the same file loads the
	 * same way twice. */
	FUZZ_CHECK(overrides == places);
	em_error_clear(&err);
	finished = em_gazetteer_finish(gz, &err);
	FUZZ_CHECK(finished == EM_OK || err.status == finished);
	if (finished == EM_OK) {
		FUZZ_CHECK(em_gazetteer_is_finished(gz));
		FUZZ_CHECK((em_gazetteer_count(gz) > 0) == (places == EM_OK));
		if (size > 0)
			look_up_first_line(gz, text, size);
		if (em_gazetteer_count(gz) > 0) {
			const em_place *first = em_gazetteer_place(gz, 0);
			(void)em_gazetteer_admin1_name(gz, first->country, first->admin1);
			(void)em_gazetteer_admin1_matches(gz, first->country, first->admin1,
							  first->name);
		}
	}
	em_gazetteer_destroy(gz);
	return 0;
}
