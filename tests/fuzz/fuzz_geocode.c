/* libFuzzer target for the geocoder: the input is a place name looked up in
 * the real default gazetteer (GeoNames extract and supplement, loaded once
 * on the first call), with no hints and with the country hint "SY". */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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
	return 0;
}
