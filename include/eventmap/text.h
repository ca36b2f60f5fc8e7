/* eventmap — text: UTF-8 validation and the folds that make place names
 * comparable across spellings.
 *
 * Two forms are produced from a name:
 *   EM_TEXT_FOLDED  compatibility-normalised, case-folded, whitespace
 *                   collapsed; letters and marks kept.  "Ţarţūs" and
 *                   "ţarţūs" share it, "Tartus" does not.
 *   EM_TEXT_KEY     the loose matching key: diacritics, apostrophes and
 *                   article prefixes (al-, el-, ad-, as-, ash-, ...) removed,
 *                   transliteration variants folded (ou~u, ee~i, q~k, kh~h,
 *                   dj~j, doubled letters, -eh/-ah/-iya/-iyah/-ieh endings),
 *                   Arabic script normalised (hamza seats, ta marbuta, alef
 *                   maqsura, tatweel, harakat, the article ال).
 * Both are pure functions of the input and need no set-up. */
#ifndef EVENTMAP_TEXT_H
#define EVENTMAP_TEXT_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum em_text_form {
	EM_TEXT_FOLDED = 1,
	EM_TEXT_KEY = 2
} em_text_form;

/* Longest name, in bytes, the folds accept.  Longer names fail with
 * EM_ERR_LIMIT rather than being silently cut. */
#define EM_TEXT_NAME_MAX 1024

/* True when the len bytes at text are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF).  NUL bytes count as invalid. */
EM_EXTERN bool em_text_valid_utf8(const char *text, size_t len);

/* Writes the chosen form of the len bytes at text into out (capacity
 * out_size, always NUL-terminated on success) and its length into
 * *out_len when out_len is not NULL.
 * Errors: EM_ERR_INVALID for malformed UTF-8, EM_ERR_LIMIT when len exceeds
 * EM_TEXT_NAME_MAX or the result does not fit out_size.  A name that folds
 * to nothing (only punctuation) succeeds with an empty result. */
EM_EXTERN em_status em_text_fold(char *out, size_t out_size, size_t *out_len,
				 const char *text, size_t len, em_text_form form);

/* Both forms at once, from one decomposition: what indexing a name needs.
 * Errors as em_text_fold's. */
EM_EXTERN em_status em_text_fold_both(char *folded, size_t folded_size, size_t *folded_len,
				      char *key, size_t key_size, size_t *key_len,
				      const char *text, size_t len);

/* Optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions) between two byte strings, or max_distance + 1 as soon as
 * it is known to exceed max_distance.  Strings longer than EM_TEXT_NAME_MAX
 * give max_distance + 1. */
EM_EXTERN int em_text_distance(const char *a, size_t a_len, const char *b, size_t b_len,
			       int max_distance);

/* True when the len bytes at word are an Arabic article as written in
 * Latin script ("al", "El", "ash", "ad"...), which EM_TEXT_KEY drops
 * before a name. */
EM_EXTERN bool em_text_is_article(const char *word, size_t len);

/* A word of a name: its bytes in the original text and its letters. */
typedef struct em_text_word {
	size_t start, len; /* byte span in the text */
	size_t letters;    /* letters and digits, not marks or apostrophes */
} em_text_word;

/* Splits valid UTF-8 into the words EM_TEXT_KEY sees (letters and digits;
 * apostrophes and ayn signs inside a word join it).  Writes up to max and
 * returns how many there are. */
EM_EXTERN size_t em_text_words(em_text_word *out, size_t max, const char *text, size_t len);

/* Consonant skeletons of names in Latin script, for telling spellings of
 * one name from different names: lower case, marks dropped, vowels and the
 * weak w and y dropped, q and c as k, doubled letters once, a leading
 * article word skipped (reported in *article). */
typedef enum em_text_skeleton_form {
	EM_SKELETON_LOOSE = 0,  /* digraphs (sh, kh, gh, th, dh, zh) as their first letter */
	EM_SKELETON_STRICT,     /* digraphs kept apart from single letters (sh is not s),
				   ch as sh, dj as j, a final h after a vowel dropped */
	EM_SKELETON_MARKED,     /* LOOSE, but the letters BGN marks emphatics with
				   (ţ ş ḑ ẓ ḩ) kept as they are */
	EM_SKELETON_VOWELS,     /* LOOSE with the vowels, folded to a, i, u */
	EM_SKELETON_SPELLING    /* how a name is spelt, up to transliteration habits:
				   STRICT with the vowels (a, i, u), words' ending
				   vowels and -ah/-eh dropped */
} em_text_skeleton_form;

/* Writes the skeleton of the len bytes at text (NUL-terminated, at most
 * size - 1 bytes).  false when the text is not Latin script or the
 * skeleton does not fit. */
EM_EXTERN bool em_text_skeleton(char *out, size_t size, size_t *out_len, bool *article,
				const char *text, size_t len, em_text_skeleton_form form);

/* True when the string holds a letter from the Arabic blocks. */
EM_EXTERN bool em_text_has_arabic(const char *text, size_t len);

/* 1234567 -> "1,234,567". */
EM_EXTERN void em_text_format_count(char *out, size_t size, long long count);

#ifdef __cplusplus
}
#endif

#endif
