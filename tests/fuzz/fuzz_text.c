/* libFuzzer target for the text folds: both forms of the input into a
 * generous buffer and into buffers of exactly the needed size (so that
 * AddressSanitizer sees a write one byte too far), UTF-8 validation, and
 * the edit distance between the input's two halves. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/text.h"
#include "fuzz_util.h"

/* NFKC can grow a character eighteen-fold (U+FDFA, and in UTF-8 bytes
 * less than that): room enough for any name. */
#define GROWTH_MAX 18

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fold(const char *text, size_t size, em_text_form form, bool valid)
{
	size_t generous = size * GROWTH_MAX + 64, out_len = (size_t)-1, again_len = (size_t)-1;
	char *out = malloc(generous);
	char *exact = NULL;
	em_status status;

	if (out == NULL)
		return;
	status = em_text_fold(out, generous, &out_len, text, size, form);
	if (size > EM_TEXT_NAME_MAX) {
		FUZZ_CHECK(status == EM_ERR_LIMIT || status == EM_ERR_INVALID);
		goto done;
	}
	if (!valid) {
		FUZZ_CHECK(status == EM_ERR_INVALID);
		goto done;
	}
	/* A valid name may still fail with EM_ERR_LIMIT: decomposition can
	 * outgrow the fold's working buffer (U+FDFA is 3 bytes, 18 code
	 * points), whatever room the caller gives. */
	FUZZ_CHECK(status == EM_OK || status == EM_ERR_LIMIT);
	if (status != EM_OK)
		goto done;
	FUZZ_CHECK(out_len < generous && out[out_len] == '\0' && strlen(out) == out_len);
	FUZZ_CHECK(em_text_valid_utf8(out, out_len));

	/* Just enough room: the same result.  One byte less: EM_ERR_LIMIT,
	 * with nothing written past the end. */
	exact = malloc(out_len + 1);
	if (exact == NULL)
		goto done;
	FUZZ_CHECK(em_text_fold(exact, out_len + 1, &again_len, text, size, form) == EM_OK);
	FUZZ_CHECK(again_len == out_len && memcmp(exact, out, out_len + 1) == 0);
	free(exact);
	exact = out_len > 0 ? malloc(out_len) : NULL;
	if (exact != NULL)
		FUZZ_CHECK(em_text_fold(exact, out_len, NULL, text, size, form) == EM_ERR_LIMIT);
done:
	free(exact);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t half = size / 2;
	bool valid = em_text_valid_utf8(text, size);
	int distance, reverse;

	fold(text, size, EM_TEXT_FOLDED, valid);
	fold(text, size, EM_TEXT_KEY, valid);
	(void)em_text_has_arabic(text, size);

	distance = em_text_distance(text, half, text + half, size - half, 2);
	reverse = em_text_distance(text + half, size - half, text, half, 2);
	FUZZ_CHECK(distance >= 0 && distance <= 3 && distance == reverse);
	/* Quadratic with no early way out: short names only, to keep the
	 * executions per second up. */
	if (half <= 64)
		FUZZ_CHECK(em_text_distance(text, half, text, half, 2) == 0);
	return 0;
}
