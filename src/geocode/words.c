/* The words of place names.  Two kinds matter to the geocoder: generic
 * words that are part of a name (Ain "spring", Tell "hill", Kafr
 * "village") and must never be dropped to make a match, since "Ain Shams"
 * without "Ain" is another name; and descriptive words around a name
 * ("village of", "air base", "countryside") that may be dropped at a cost
 * in precision. */
#include "geocode_internal.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/* Spellings of generic words, Latin and Arabic script; their keys are
 * folded once, so "Ayn", "Ein" and "‘Ain" are one word. */
static const struct {
	const char *spelling;
	const char *gloss;
} generics[] = {
	{"ain", "spring"}, {"ayn", "spring"}, {"ein", "spring"}, {"\xd8\xb9\xd9\x8a\xd9\x86", "spring"},
	{"tell", "hill"}, {"tall", "hill"}, {"tel", "hill"}, {"tal", "hill"},
	{"\xd8\xaa\xd9\x84", "hill"},
	{"deir", "monastery"}, {"dayr", "monastery"}, {"dair", "monastery"}, {"der", "monastery"},
	{"\xd8\xaf\xd9\x8a\xd8\xb1", "monastery"},
	{"kafr", "village"}, {"kfar", "village"}, {"kefr", "village"}, {"kafar", "village"},
	{"\xd9\x83\xd9\x81\xd8\xb1", "village"},
	{"jisr", "bridge"}, {"djisr", "bridge"}, {"\xd8\xac\xd8\xb3\xd8\xb1", "bridge"},
	{"khirbet", "ruin"}, {"khirbat", "ruin"}, {"khirba", "ruin"}, {"kherbet", "ruin"},
	{"khurbet", "ruin"}, {"\xd8\xae\xd8\xb1\xd8\xa8\xd8\xa9", "ruin"},
	{"burj", "tower"}, {"borj", "tower"}, {"bourj", "tower"}, {"\xd8\xa8\xd8\xb1\xd8\xac", "tower"},
	{"qala", "castle"}, {"qalaat", "castle"}, {"qalat", "castle"}, {"qalaa", "castle"},
	{"kalaat", "castle"}, {"\xd9\x82\xd9\x84\xd8\xb9\xd8\xa9", "castle"},
	{"wadi", "valley"}, {"wady", "valley"}, {"ouadi", "valley"},
	{"\xd9\x88\xd8\xa7\xd8\xaf\xd9\x8a", "valley"},
	{"jabal", "mountain"}, {"jebel", "mountain"}, {"jbel", "mountain"}, {"djebel", "mountain"},
	{"\xd8\xac\xd8\xa8\xd9\x84", "mountain"},
	{"ras", "headland"}, {"raas", "headland"}, {"\xd8\xb1\xd8\xa3\xd8\xb3", "headland"},
	{"bir", "well"}, {"beer", "well"}, {"\xd8\xa8\xd8\xa6\xd8\xb1", "well"},
	{"beit", "house"}, {"bayt", "house"}, {"bait", "house"}, {"beyt", "house"},
	{"\xd8\xa8\xd9\x8a\xd8\xaa", "house"}, {"dar", "house"}, {"\xd8\xaf\xd8\xa7\xd8\xb1", "house"},
	{"umm", "mother"}, {"um", "mother"}, {"oum", "mother"}, {"\xd8\xa3\xd9\x85", "mother"},
	{"abu", "father"}, {"abou", "father"}, {"\xd8\xa3\xd8\xa8\xd9\x88", "father"},
	{"marj", "meadow"}, {"merj", "meadow"}, {"\xd9\x85\xd8\xb1\xd8\xac", "meadow"},
	{"qasr", "palace"}, {"kasr", "palace"}, {"\xd9\x82\xd8\xb5\xd8\xb1", "palace"},
	{"hosn", "fort"}, {"hisn", "fort"}, {"husn", "fort"}, {"\xd8\xad\xd8\xb5\xd9\x86", "fort"},
	{"mazraa", "farm"}, {"mazraat", "farm"}, {"mazraet", "farm"}, {"mezraa", "farm"},
	{"\xd9\x85\xd8\xb2\xd8\xb1\xd8\xb9\xd8\xa9", "farm"},
	{"sheikh", "elder"}, {"shaykh", "elder"}, {"sheik", "elder"}, {"cheikh", "elder"},
	{"\xd8\xb4\xd9\x8a\xd8\xae", "elder"},
	{"nahr", "river"}, {"nahar", "river"}, {"\xd9\x86\xd9\x87\xd8\xb1", "river"},
	{"bab", "gate"}, {"\xd8\xa8\xd8\xa7\xd8\xa8", "gate"},
	{"hayy", "quarter"}, {"harat", "quarter"}, {"haret", "quarter"},
	{"\xd8\xad\xd9\x8a", "quarter"}, {"\xd8\xad\xd8\xa7\xd8\xb1\xd8\xa9", "quarter"},
	{"ard", "land"}, {"\xd8\xa3\xd8\xb1\xd8\xb6", "land"},
	{"sahl", "plain"}, {"\xd8\xb3\xd9\x87\xd9\x84", "plain"},
};
#define GENERIC_COUNT (sizeof(generics) / sizeof(generics[0]))

/* Words around a name that describe it, in EM_TEXT_FOLDED form, and the
 * precision a match found only by dropping them can claim at best. */
static const struct {
	const char *word;
	int precision;
} descriptors[] = {
	{"of", 0}, {"the", 0}, {"in", 0},
	{"village", 1}, {"town", 1}, {"city", 1}, {"base", 1}, {"airbase", 1},
	{"air", 1}, {"airport", 1}, {"military", 1}, {"camp", 1}, {"port", 1},
	{"neighbourhood", 1}, {"neighborhood", 1}, {"quarter", 1},
	{"area", 2}, {"outskirts", 2}, {"near", 2}, {"around", 2}, {"vicinity", 2},
	{"countryside", 3}, {"rural", 3}, {"province", 3}, {"governorate", 3},
	{"region", 3}, {"coast", 3},
	{"\xd9\x82\xd8\xb1\xd9\x8a\xd8\xa9", 1},         /* village */
	{"\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9", 1}, /* city */
	{"\xd9\x85\xd8\xb7\xd8\xa7\xd8\xb1", 1},         /* airport */
	{"\xd9\x82\xd8\xa7\xd8\xb9\xd8\xaf\xd8\xa9", 1}, /* base */
	{"\xd8\xb1\xd9\x8a\xd9\x81", 3},                 /* countryside */
	{"\xd9\x85\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8\xd8\xa9", 3}, /* governorate */
};
#define DESCRIPTOR_COUNT (sizeof(descriptors) / sizeof(descriptors[0]))

static char generic_keys[GENERIC_COUNT][24];
static size_t generic_key_lengths[GENERIC_COUNT];
static pthread_once_t generic_once = PTHREAD_ONCE_INIT;

static void fold_generics(void)
{
	for (size_t i = 0; i < GENERIC_COUNT; i++)
		if (em_text_fold(generic_keys[i], sizeof(generic_keys[i]), &generic_key_lengths[i],
				 generics[i].spelling, strlen(generics[i].spelling),
				 EM_TEXT_KEY) != EM_OK)
			generic_key_lengths[i] = 0;
}

/* A word as the generic spellings are listed: Latin letters in lower
 * case without marks or apostrophes ("‘Ayn" is "ayn"); a word in Arabic
 * script by its key (hamza seats and ta marbuta folded). */
static bool plain_word(const char *word, size_t len, char *out, size_t size, size_t *out_len)
{
	size_t at = 0, n = 0;

	if (em_text_has_arabic(word, len))
		return em_text_fold(out, size, out_len, word, len, EM_TEXT_KEY) == EM_OK;
	while (at < len) {
		utf8proc_int32_t cp, base[4];
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + at,
						      (utf8proc_ssize_t)(len - at), &cp);
		if (k <= 0 || utf8proc_decompose_char(cp, base, 4, UTF8PROC_DECOMPOSE |
							   UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
						       NULL) < 1)
			return false;
		at += (size_t)k;
		if (base[0] >= 'a' && base[0] <= 'z') {
			if (n + 2 > size)
				return false;
			out[n++] = (char)base[0];
		}
	}
	out[n] = '\0';
	*out_len = n;
	return true;
}

const char *em__generic_word(const char *word, size_t len)
{
	char plain[64];
	size_t plain_len;

	pthread_once(&generic_once, fold_generics);
	if (len >= sizeof(plain) || !plain_word(word, len, plain, sizeof(plain), &plain_len))
		return NULL;
	for (size_t i = 0; i < GENERIC_COUNT; i++) {
		const char *spelling = generics[i].spelling;
		/* Latin spellings as listed; Arabic ones by their keys. */
		if (em_text_has_arabic(spelling, strlen(spelling))
			    ? (generic_key_lengths[i] == plain_len &&
			       memcmp(generic_keys[i], plain, plain_len) == 0)
			    : (strlen(spelling) == plain_len && memcmp(spelling, plain, plain_len) == 0))
			return generics[i].gloss;
	}
	return NULL;
}

const char *em__generic_gloss(const char *key_word, size_t len)
{
	pthread_once(&generic_once, fold_generics);
	for (size_t i = 0; i < GENERIC_COUNT; i++)
		if (generic_key_lengths[i] == len && len > 0 &&
		    memcmp(generic_keys[i], key_word, len) == 0)
			return generics[i].gloss;
	return NULL;
}

int em__descriptor_precision(const char *folded_word, size_t len)
{
	for (size_t i = 0; i < DESCRIPTOR_COUNT; i++)
		if (strlen(descriptors[i].word) == len &&
		    memcmp(descriptors[i].word, folded_word, len) == 0)
			return descriptors[i].precision;
	return -1;
}

/* The length of the space-separated word that starts at s[at]. */
static size_t word_length(const char *s, size_t len, size_t at)
{
	const char *space = memchr(s + at, ' ', len - at);

	return space ? (size_t)(space - (s + at)) : len - at;
}

size_t em__strip_descriptors(char *out, const char *folded, size_t len, int *precision)
{
	size_t n = 0;

	*precision = 0;
	for (size_t at = 0, wl; at < len; at += wl + 1) {
		/* "al-ain" is one folded word: descriptors stand alone. */
		int p;

		wl = word_length(folded, len, at);
		p = em__descriptor_precision(folded + at, wl);
		if (p >= 0) {
			if (p > *precision)
				*precision = p;
			continue;
		}
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, folded + at, wl);
		n += wl;
	}
	out[n] = '\0';
	return n;
}

bool em__bare_generic(const char *name, size_t len, const char **gloss)
{
	em_text_word words[4];
	size_t count = em_text_words(name, len, words, 4), kept = 0, last = 0;

	if (count > 4)
		return false;
	for (size_t i = 0; i < count; i++)
		if (!em_text_is_article(name + words[i].start, words[i].len)) {
			kept++;
			last = i;
		}
	if (kept != 1)
		return false;
	*gloss = em__generic_word(name + words[last].start, words[last].len);
	return *gloss != NULL;
}

size_t em__distinctive_letters(const char *name, size_t len)
{
	em_text_word words[32];
	size_t count = em_text_words(name, len, words, 32), letters = 0;

	if (count > 32)
		count = 32;
	for (size_t i = 0; i < count; i++) {
		const char *word = name + words[i].start;

		size_t n = words[i].letters;

		if (em_text_is_article(word, words[i].len) ||
		    em__generic_word(word, words[i].len) != NULL)
			continue;
		/* The Arabic article is written joined to the name. */
		if (words[i].len > 4 && memcmp(word, "\xd8\xa7\xd9\x84", 4) == 0 && n > 2)
			n -= 2;
		letters += n;
	}
	return letters;
}

/* The key's words split into generic ones (sorted keys joined) and the
 * distinctive rest (in order, joined by spaces). */
static void split_key(const char *key, size_t len, char *generic, size_t *generic_len,
		      char *distinct, size_t *distinct_len)
{
	const char *words[16];
	size_t lens[16], count = 0;

	*generic_len = *distinct_len = 0;
	for (size_t at = 0, wl; at < len; at += wl + 1) {
		const char *word = key + at;

		wl = word_length(key, len, at);
		if (em__generic_gloss(word, wl) != NULL) {
			if (count < 16) {
				words[count] = word;
				lens[count++] = wl;
			}
			continue;
		}
		if (*distinct_len > 0)
			distinct[(*distinct_len)++] = ' ';
		memcpy(distinct + *distinct_len, word, wl);
		*distinct_len += wl;
	}
	/* Insertion sort: a handful of words at most. */
	for (size_t i = 1; i < count; i++)
		for (size_t k = i; k > 0; k--) {
			size_t m = lens[k] < lens[k - 1] ? lens[k] : lens[k - 1];
			int c = memcmp(words[k], words[k - 1], m);
			if (c > 0 || (c == 0 && lens[k] >= lens[k - 1]))
				break;
			const char *w = words[k];
			size_t l = lens[k];
			words[k] = words[k - 1];
			lens[k] = lens[k - 1];
			words[k - 1] = w;
			lens[k - 1] = l;
		}
	for (size_t i = 0; i < count; i++) {
		memcpy(generic + *generic_len, words[i], lens[i]);
		*generic_len += lens[i];
		generic[(*generic_len)++] = ' ';
	}
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'i' || c == 'u';
}

static double min3(double a, double b, double c)
{
	double m = a < b ? a : b;
	return m < c ? m : c;
}

/* Optimal string alignment distance where an edit that only touches
 * vowels costs half. */
static double weighted_distance(const char *a, size_t n, const char *b, size_t m)
{
	double rows[3][72];
	double *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (n > 70 || m > 70)
		return (double)(n > m ? n : m);
	prev[0] = 0.0;
	for (size_t j = 1; j <= m; j++)
		prev[j] = prev[j - 1] + (is_vowel(b[j - 1]) ? 0.5 : 1.0);
	for (size_t i = 1; i <= n; i++) {
		double del = is_vowel(a[i - 1]) ? 0.5 : 1.0;
		double *tmp;

		cur[0] = prev[0] + del;
		for (size_t j = 1; j <= m; j++) {
			double ins = is_vowel(b[j - 1]) ? 0.5 : 1.0;
			double sub = a[i - 1] == b[j - 1] ? 0.0
				     : (is_vowel(a[i - 1]) && is_vowel(b[j - 1])) ? 0.5 : 1.0;
			cur[j] = min3(prev[j] + del, cur[j - 1] + ins, prev[j - 1] + sub);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1.0 < cur[j])
				cur[j] = prev2[j - 2] + 1.0;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[m];
}

bool em__distinctive_distance(const char *query_key, size_t query_len, const char *key,
			      size_t key_len, double *distance, size_t *length)
{
	char qg[FOLD_BUFFER], qd[FOLD_BUFFER], kg[FOLD_BUFFER], kd[FOLD_BUFFER];
	size_t qg_len, qd_len, kg_len, kd_len;

	if (query_len >= FOLD_BUFFER / 2 || key_len >= FOLD_BUFFER / 2)
		return false;
	split_key(query_key, query_len, qg, &qg_len, qd, &qd_len);
	split_key(key, key_len, kg, &kg_len, kd, &kd_len);
	if (qd_len == 0 || kd_len == 0 || qg_len != kg_len || memcmp(qg, kg, qg_len) != 0)
		return false;
	*distance = weighted_distance(qd, qd_len, kd, kd_len);
	*length = qd_len;
	return true;
}
