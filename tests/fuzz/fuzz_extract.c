/* libFuzzer target for eventmap extract: the input is an article, read as
 * text and as HTML, in two pieces split where its first byte says, with a
 * publication date.  Refused input says why; accepted input gives rows and
 * mentions whose byte ranges lie inside the input (and, for text, are the
 * words they name), whose days run forwards, and whose figures are
 * counts. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/extract.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rows(const em_extract *ex, size_t size)
{
	for (size_t i = 0; i < em_extract_row_count(ex); i++) {
		const em_extract_row *r = em_extract_row_at(ex, i);
		FUZZ_CHECK(r->start < r->end && r->end <= size);
		FUZZ_CHECK(r->char_start < r->char_end && r->char_end <= size);
		FUZZ_CHECK(r->location && r->source && r->notes && r->quote && r->part_of);
		FUZZ_CHECK(!r->has_date || r->date <= r->date_end);
		FUZZ_CHECK(!r->has_figure || (r->figure > 0 && r->figure <= 100000000LL));
		FUZZ_CHECK(r->flow == (r->id[0] == 'f'));
		FUZZ_CHECK(r->role != EM_ROLE_PART || r->part_of[0] != '\0');
	}
}

static void check_mentions(const em_extract *ex, const uint8_t *data, size_t size, bool html)
{
	for (size_t i = 0; i < em_extract_mention_count(ex); i++) {
		const em_extract_mention *m = em_extract_mention_at(ex, i);
		FUZZ_CHECK(m->start < m->end && m->end <= size);
		FUZZ_CHECK(m->text[0] != '\0' && m->rows != NULL);
		if (!html && m->kind != EM_MENTION_COUNTRY)
			FUZZ_CHECK(strlen(m->text) == m->end - m->start &&
				   memcmp(m->text, data + m->start, m->end - m->start) == 0);
		FUZZ_CHECK(m->kind != EM_MENTION_PLACE || m->result.reason[0] != '\0');
		FUZZ_CHECK(m->result.status != EM_GEOCODE_RESOLVED || m->result.place != NULL);
	}
}

static void extract(const uint8_t *data, size_t size, em_extract_format format)
{
	em_extract_options options = {0};
	em_extract *ex = NULL;
	em_error err;
	em_status status;
	size_t split = size ? data[0] % (size + 1) : 0;

	em_error_clear(&err);
	em_geocode_options_init(&options.geocode);
	options.has_date = true;
	FUZZ_CHECK(em_date_parse(&options.date, "2025-03-08"));
	FUZZ_CHECK(em_extract_create(&ex, fuzz_default_gazetteer(), &options, &err) == EM_OK);
	FUZZ_CHECK(em_extract_begin(ex, "fuzz", format, &err) == EM_OK);
	status = em_extract_feed(ex, (const char *)data, split, &err);
	if (status == EM_OK)
		status = em_extract_feed(ex, (const char *)data + split, size - split, &err);
	if (status == EM_OK)
		status = em_extract_end(ex, &err);
	if (status != EM_OK) {
		FUZZ_CHECK(status == EM_ERR_INVALID);
		FUZZ_CHECK(err.status == status && strstr(err.message, "fuzz") != NULL);
	} else {
		check_rows(ex, size);
		check_mentions(ex, data, size, em_extract_is_html(ex));
	}
	em_extract_destroy(ex);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	extract(data, size, EM_EXTRACT_TEXT);
	extract(data, size, EM_EXTRACT_HTML);
	return 0;
}
