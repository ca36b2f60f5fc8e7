/* libFuzzer target for the files a user adds to the gazetteer: the input
 * is written to a temporary file and read both as a places CSV (through
 * GDAL's CSV driver) and as an Arabic names table.  A refused file leaves
 * the gazetteer as it was; an accepted one gives places that are
 * overrides with coordinates in range, and names that are Arabic. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventmap/gazetteer.h"
#include "eventmap/text.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char one_place[] =
	"1\tLatakia\tLatakia\t\xd8\xa7\xd9\x84\xd9\x84\xd8\xa7\xd8\xb0\xd9\x82\xd9\x8a\xd8\xa9\t"
	"35.53\t35.79\tP\tPPLA\tSY\t\t02\t\t\t\t340181\t\t\t\t\n";

static void places(const char *path)
{
	em_gazetteer *gz = NULL;
	em_error err;
	em_status status;
	size_t before;

	em_error_clear(&err);
	FUZZ_CHECK(em_gazetteer_create(&gz) == EM_OK);
	FUZZ_CHECK(em_gazetteer_load_buffer(gz, "one", one_place, sizeof(one_place) - 1,
					    EM_GAZETTEER_PLACES, &err) == EM_OK);
	before = em_gazetteer_count(gz);
	status = em_gazetteer_load_places(gz, path, &err);
	if (status != EM_OK) {
		FUZZ_CHECK(err.status == status && err.message[0] != '\0');
		FUZZ_CHECK(em_gazetteer_count(gz) == before);
	} else {
		FUZZ_CHECK(em_gazetteer_count(gz) > before);
		for (size_t i = before; i < em_gazetteer_count(gz); i++) {
			const em_place *p = em_gazetteer_place(gz, i);
			FUZZ_CHECK(p->role == EM_GAZETTEER_OVERRIDES);
			FUZZ_CHECK(p->lat >= -90 && p->lat <= 90 && p->lon >= -180 && p->lon <= 180);
			FUZZ_CHECK(p->precision >= 1 && p->precision <= 3);
			FUZZ_CHECK(p->name[0] != '\0');
		}
	}
	FUZZ_CHECK(em_gazetteer_finish(gz, &err) == EM_OK);
	em_gazetteer_destroy(gz);
}

static void names_ar(const char *path)
{
	em_gazetteer *gz = NULL;
	em_error err;
	em_status status;
	const char *name;

	em_error_clear(&err);
	FUZZ_CHECK(em_gazetteer_create(&gz) == EM_OK);
	FUZZ_CHECK(em_gazetteer_load_buffer(gz, "one", one_place, sizeof(one_place) - 1,
					    EM_GAZETTEER_PLACES, &err) == EM_OK);
	status = em_gazetteer_load_names_ar(gz, path, &err);
	if (status != EM_OK)
		FUZZ_CHECK(err.status == status && err.message[0] != '\0');
	FUZZ_CHECK(em_gazetteer_finish(gz, &err) == EM_OK);
	/* Whatever the table said, the place's Arabic name is Arabic or none. */
	name = em_gazetteer_place(gz, 0)->name_ar;
	FUZZ_CHECK(name != NULL);
	FUZZ_CHECK(name[0] == '\0' || em_text_has_arabic(name, strlen(name)));
	em_gazetteer_destroy(gz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];

	if (!fuzz_write_temp(path, sizeof(path), ".csv", data, size))
		return 0;
	places(path);
	names_ar(path);
	unlink(path);
	return 0;
}
