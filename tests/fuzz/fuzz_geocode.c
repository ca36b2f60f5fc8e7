/* libFuzzer target for the geocoder: the input is a place name looked up in
 * the real default gazetteer (GeoNames extract and supplement, loaded once
 * on the first call), with no hints, with the country hint "SY", and in the
 * context of the coast's places; then, split at newlines, as a list. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void geocode(const em_gazetteer *gz, const char *name, size_t len,
		    const em_geocode_options *options)
{
	em_geocode_result result;
	em_error err;
	em_status status;

	em_error_clear(&err);
	status = em_geocode_name(&result, gz, name, len, options, &err);
	if (status != EM_OK) {
		FUZZ_CHECK(status == EM_ERR_INVALID || status == EM_ERR_LIMIT);
		FUZZ_CHECK(err.status == status && err.message[0] != '\0');
		return;
	}
	FUZZ_CHECK(result.candidate_count <= EM_GEOCODE_CANDIDATES_MAX);
	FUZZ_CHECK(result.suggestion_count <= EM_GEOCODE_SUGGESTIONS_MAX);
	FUZZ_CHECK(result.score >= 0.0 && result.score <= 1.0);
	FUZZ_CHECK(result.reason[0] != '\0' &&
		   memchr(result.reason, '\0', sizeof(result.reason)) != NULL);
	FUZZ_CHECK(!result.far || result.status == EM_GEOCODE_AMBIGUOUS);
	if (result.status == EM_GEOCODE_RESOLVED) {
		FUZZ_CHECK(result.place != NULL);
		FUZZ_CHECK(result.precision >= 1 && result.precision <= 3);
		if (options != NULL && options->country_count == 1)
			FUZZ_CHECK(result.place->country[0] == options->countries[0][0] &&
				   result.place->country[1] == options->countries[0][1]);
	} else {
		FUZZ_CHECK(result.place == NULL);
	}
}

/* The coast's places, found once, as a context. */
static const em_geocode_context *coast(const em_gazetteer *gz)
{
	static em_geocode_context *context;
	static const char *const names[] = {"Latakia", "Tartus", "Jableh", "Hmeimim"};

	if (context != NULL)
		return context;
	FUZZ_CHECK(em_geocode_context_create(&context, "this file") == EM_OK);
	for (size_t i = 0; i < 4; i++) {
		em_geocode_result r;
		FUZZ_CHECK(em_geocode_name(&r, gz, names[i], strlen(names[i]), NULL, NULL) == EM_OK);
		FUZZ_CHECK(em_geocode_context_add_result(context, names[i], strlen(names[i]), &r) ==
			   EM_OK);
	}
	FUZZ_CHECK(em_geocode_context_finish(context) == EM_OK);
	return context;
}

/* The input split at newlines, geocoded as one list. */
static void as_list(const em_gazetteer *gz, const uint8_t *data, size_t size)
{
	em_geocode_query queries[8];
	char *copy = malloc(size + 1);
	size_t count = 0;
	em_error err;

	if (copy == NULL)
		return;
	memcpy(copy, data, size);
	copy[size] = '\0';
	memset(queries, 0, sizeof(queries));
	for (char *line = copy; line != NULL && count < 8;) {
		char *next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		queries[count++].name = line;
		line = next;
	}
	em_error_clear(&err);
	FUZZ_CHECK(em_geocode_list(queries, count, gz, NULL, "this list", &err) == EM_OK);
	for (size_t i = 0; i < count; i++) {
		FUZZ_CHECK(queries[i].result.reason[0] != '\0');
		FUZZ_CHECK((queries[i].status == EM_OK) == (queries[i].error[0] == '\0'));
		FUZZ_CHECK(queries[i].result.status != EM_GEOCODE_RESOLVED ||
			   queries[i].result.place != NULL);
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const em_gazetteer *gz = fuzz_default_gazetteer();
	const char *name = (const char *)data;
	em_geocode_options options;
	em_error err;

	geocode(gz, name, size, NULL);
	em_geocode_options_init(&options);
	em_error_clear(&err);
	FUZZ_CHECK(em_geocode_options_set_countries(&options, "SY", &err) == EM_OK);
	geocode(gz, name, size, &options);
	em_geocode_options_init(&options);
	options.context = coast(gz);
	geocode(gz, name, size, &options);
	as_list(gz, data, size);
	return 0;
}
