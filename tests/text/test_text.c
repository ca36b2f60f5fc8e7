/* Tests of the text folds: the equivalences a reader of Syrian place names
 * takes for granted, the ones that must stay distinct, and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "eventmap/text.h"

static const char *fold(const char *text, em_text_form form)
{
	static char out[EM_TEXT_NAME_MAX * 4 + 1];
	size_t len = 0;

	assert_int_equal(em_text_fold(out, sizeof(out), &len, text, strlen(text), form), EM_OK);
	assert_int_equal(len, strlen(out));
	return out;
}

static void assert_same_key(const char *a, const char *b)
{
	char first[EM_TEXT_NAME_MAX * 4 + 1];

	strcpy(first, fold(a, EM_TEXT_KEY));
	if (strcmp(first, fold(b, EM_TEXT_KEY)) != 0)
		fail_msg("'%s' -> '%s' but '%s' -> '%s'", a, first, b, fold(b, EM_TEXT_KEY));
}

static void assert_different_key(const char *a, const char *b)
{
	char first[EM_TEXT_NAME_MAX * 4 + 1];

	strcpy(first, fold(a, EM_TEXT_KEY));
	if (strcmp(first, fold(b, EM_TEXT_KEY)) == 0)
		fail_msg("'%s' and '%s' both fold to '%s'", a, b, first);
}

static void test_folded__case_and_space(void **state)
{
	(void)state;
	assert_string_equal(fold("  LATAKIA  ", EM_TEXT_FOLDED), "latakia");
	assert_string_equal(fold("Jisr\t ash   Shughur", EM_TEXT_FOLDED), "jisr ash shughur");
	/* Diacritics are kept in the folded form, composed. */
	assert_string_equal(fold("\xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s", EM_TEXT_FOLDED),
			    "\xC5\xA3" "ar\xC5\xA3\xC5\xAB" "s");
	assert_string_equal(fold("T\xC3\x89L", EM_TEXT_FOLDED), "t\xC3\xA9l");
}

static void test_key__diacritics(void **state)
{
	(void)state;
	assert_same_key("\xC5\xA2" "ar\xC5\xA3\xC5\xAB" "s", "Tartus");      /* Ţarţūs */
	assert_same_key("B\xC4\x81" "niy\xC4\x81" "s", "Baniyas");           /* Bāniyās */
	assert_same_key("Al Qard\xC4\x81\xE1\xB8\xA9" "ah", "Qardaha");      /* Al Qardāḩah */
	assert_same_key("Lattaqui\xC3\xA9", "Latakia");                      /* French */
}

static void test_key__articles(void **state)
{
	(void)state;
	assert_same_key("Al-Janoudiya", "Janoudiya");
	assert_same_key("El Qadmus", "Qadmus");
	assert_same_key("ad-Dana", "Dana");
	assert_same_key("as-Suwayda", "Suwayda");
	assert_same_key("Jisr ash-Shughur", "Jisr al Shughur");
	/* A lone word that looks like an article is still a name. */
	assert_string_not_equal(fold("Al", EM_TEXT_KEY), "");
}

static void test_key__transliteration(void **state)
{
	(void)state;
	assert_same_key("Tartous", "Tartus");               /* ou ~ u */
	assert_same_key("Qadmous", "Kadmus");               /* q ~ k */
	assert_same_key("Khmeimim", "Hmeimim");             /* kh ~ h */
	assert_same_key("Djeble", "Jableh");                /* dj ~ j, endings */
	assert_same_key("Lattakia", "Latakia");             /* doubled letters */
	assert_same_key("Banias", "Baniyas");               /* iy ~ i */
	assert_same_key("Tuwaym", "Tuwaim");
	assert_same_key("Beit Yashout", "Bayt Yashut");     /* ei ~ ay, ou ~ u */
}

static void test_key__endings(void **state)
{
	(void)state;
	assert_same_key("Jableh", "Jablah");
	assert_same_key("Jabla", "Jableh");
	assert_same_key("Janoudiya", "Janudiyah");
	assert_same_key("Janoudieh", "Janoudiyah");
	assert_same_key("Latakieh", "Latakia");
	assert_same_key("Qardahah", "Qardaha");
}

static void test_key__distinct_places_stay_distinct(void **state)
{
	(void)state;
	assert_different_key("Halba", "Halab");
	assert_different_key("Tartus", "Tarsus");
	assert_different_key("Homs", "Hama");
	assert_different_key("Jableh", "Jbeil");
}

static void test_key__arabic(void **state)
{
	(void)state;
	/* Hamza seats, ta marbuta, alef maqsura, harakat and tatweel fold. */
	assert_same_key("\xD8\xA7\xD9\x84\xD9\x84\xD8\xA7\xD8\xB0\xD9\x82\xD9\x8A\xD8\xA9",
			"\xD9\x84\xD8\xA7\xD8\xB0\xD9\x82\xD9\x8A\xD9\x87"); /* اللاذقية ~ لاذقيه */
	assert_same_key("\xD8\xA3\xD9\x83\xD8\xB1\xD8\xA7\xD8\xAF", "\xD8\xA7\xD9\x83\xD8\xB1\xD8\xA7\xD8\xAF");
	assert_same_key("\xD8\xAC\xD9\x8E\xD8\xA8\xD9\x92\xD9\x84\xD9\x8E\xD8\xA9",
			"\xD8\xAC\xD8\xA8\xD9\x84\xD8\xA9"); /* جَبْلَة ~ جبلة */
	assert_same_key("\xD8\xB7\xD8\xB1\xD9\x80\xD8\xB7\xD9\x88\xD8\xB3",
			"\xD8\xB7\xD8\xB1\xD8\xB7\xD9\x88\xD8\xB3"); /* tatweel */
	assert_true(em_text_has_arabic("\xD8\xB7", 2));
	assert_false(em_text_has_arabic("Tartus", 6));
}

static void test_utf8__validity(void **state)
{
	(void)state;
	assert_true(em_text_valid_utf8("", 0));
	assert_true(em_text_valid_utf8("Ba\xC3\xB1" "as", 6));
	assert_true(em_text_valid_utf8("\xF0\x9F\x98\x80", 4));
	assert_false(em_text_valid_utf8("\xC3", 1));              /* truncated */
	assert_false(em_text_valid_utf8("\xC0\xAF", 2));          /* overlong */
	assert_false(em_text_valid_utf8("\xE0\x80\xAF", 3));      /* overlong */
	assert_false(em_text_valid_utf8("\xED\xA0\x80", 3));      /* surrogate */
	assert_false(em_text_valid_utf8("\xF4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(em_text_valid_utf8("\xFF", 1));
	assert_false(em_text_valid_utf8("a\0b", 3));              /* NUL */
}

static void test_fold__bad_input(void **state)
{
	char out[64], big[EM_TEXT_NAME_MAX + 2];
	size_t len = 99;

	(void)state;
	assert_int_equal(em_text_fold(out, sizeof(out), &len, "\xC3(", 2, EM_TEXT_KEY),
			 EM_ERR_INVALID);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	memset(big, 'a', sizeof(big));
	assert_int_equal(em_text_fold(out, sizeof(out), NULL, big, sizeof(big), EM_TEXT_KEY),
			 EM_ERR_LIMIT);
	/* Fits the input limit, not the output buffer. */
	assert_int_equal(em_text_fold(out, 4, NULL, "Latakia", 7, EM_TEXT_FOLDED), EM_ERR_LIMIT);
	/* Only punctuation: an empty but valid result (len and out set again,
	 * not left from the call above). */
	len = 99;
	strcpy(out, "stale");
	assert_int_equal(em_text_fold(out, sizeof(out), &len, " - ' ", 5, EM_TEXT_KEY), EM_OK);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	len = 99;
	strcpy(out, "stale");
	assert_int_equal(em_text_fold(out, sizeof(out), &len, "", 0, EM_TEXT_FOLDED), EM_OK);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
}

static void test_fold__huge_name_of_many_words(void **state)
{
	char name[EM_TEXT_NAME_MAX], out[EM_TEXT_NAME_MAX * 4 + 1];
	size_t len;

	(void)state;
	for (size_t i = 0; i < sizeof(name); i++)
		name[i] = (i % 2) ? ' ' : 'a' + (char)(i % 26);
	assert_int_equal(em_text_fold(out, sizeof(out), &len, name, sizeof(name), EM_TEXT_KEY),
			 EM_OK);
	assert_true(len > 0);
	assert_int_equal(em_text_fold(out, sizeof(out), &len, name, sizeof(name), EM_TEXT_FOLDED),
			 EM_OK);
}

/* Every name of the default gazetteer: the two forms at once are the
 * two forms one by one, byte for byte. */
static void test_fold__both_forms_at_once(void **state)
{
	FILE *in = fopen(EM_SOURCE_DIR "/geodata/geonames-levant.txt", "r");
	char line[65536];
	size_t names = 0;

	(void)state;
	assert_non_null(in);
	while (fgets(line, sizeof(line), in) != NULL) {
		char *fields[4] = {0}, *p = line;
		for (int f = 0; f < 4 && p; f++) {
			fields[f] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		for (char *alt = fields[3]; alt && *alt;) {
			char *comma = strchr(alt, ',');
			size_t len = comma ? (size_t)(comma - alt) : strlen(alt);
			char f1[4200], k1[4200], f2[4200], k2[4200];
			size_t f1_len, k1_len, f2_len, k2_len;
			em_status a = em_text_fold(f1, sizeof(f1), &f1_len, alt, len, EM_TEXT_FOLDED);
			em_status b = em_text_fold(k1, sizeof(k1), &k1_len, alt, len, EM_TEXT_KEY);
			em_status c = em_text_fold_both(f2, sizeof(f2), &f2_len, k2, sizeof(k2), &k2_len,
							alt, len);
			assert_int_equal(c, a != EM_OK ? a : b);
			if (c == EM_OK) {
				assert_string_equal(f1, f2);
				assert_string_equal(k1, k2);
				names++;
			}
			alt = comma ? comma + 1 : NULL;
		}
	}
	fclose(in);
	assert_true(names > 30000);
}

static void test_distance__edits(void **state)
{
	(void)state;
	assert_int_equal(em_text_distance("latak", 5, "latak", 5, 2), 0);
	assert_int_equal(em_text_distance("tartus", 6, "tarsus", 6, 2), 1);
	assert_int_equal(em_text_distance("banias", 6, "baneas", 6, 2), 1);
	assert_int_equal(em_text_distance("jablah", 6, "jabalh", 6, 2), 1); /* transposition */
	assert_int_equal(em_text_distance("kadmus", 6, "kdmus", 5, 2), 1);
	assert_int_equal(em_text_distance("hmimim", 6, "humimim", 7, 2), 1);
	assert_int_equal(em_text_distance("abc", 3, "xyz", 3, 2), 3);        /* capped */
	assert_int_equal(em_text_distance("a", 1, "abcdef", 6, 2), 3);       /* length gap */
	assert_int_equal(em_text_distance("", 0, "ab", 2, 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folded__case_and_space),
		cmocka_unit_test(test_key__diacritics),
		cmocka_unit_test(test_key__articles),
		cmocka_unit_test(test_key__transliteration),
		cmocka_unit_test(test_key__endings),
		cmocka_unit_test(test_key__distinct_places_stay_distinct),
		cmocka_unit_test(test_key__arabic),
		cmocka_unit_test(test_utf8__validity),
		cmocka_unit_test(test_fold__bad_input),
		cmocka_unit_test(test_fold__huge_name_of_many_words),
		cmocka_unit_test(test_fold__both_forms_at_once),
		cmocka_unit_test(test_distance__edits),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
