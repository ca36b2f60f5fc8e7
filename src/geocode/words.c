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

#include "../text/wordlist.h"

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
_Static_assert(GENERIC_COUNT <= EM__WORDLIST_MAX, "the generic words fit a word list");

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

/* The lists folded once: the spellings as listed (the Latin ones are
 * their own folded form, which every look-up asks for), their keys, and
 * the descriptive words. */
static em__wordlist generic_spellings, generic_keys, descriptor_words;
static bool generic_arabic[GENERIC_COUNT];
static pthread_once_t generic_once = PTHREAD_ONCE_INIT;

/* The plain lower-case letter of U+0000..U+024F (Latin with its marks),
 * or 0 for what is not a letter. */
static char latin_base[0x250];

static void fold_latin_bases(void)
{
	for (int32_t cp = 0; cp < 0x250; cp++) {
		utf8proc_int32_t base[4];
		if (utf8proc_decompose_char(cp, base, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
							 UTF8PROC_CASEFOLD, NULL) >= 1 &&
		    base[0] >= 'a' && base[0] <= 'z')
			latin_base[cp] = (char)base[0];
	}
}

static void fold_generics(void)
{
	fold_latin_bases();
	em__wordlist_fold(&generic_spellings, EM__WORDLIST_COLUMN(generics, spelling),
			  EM_TEXT_FOLDED);
	em__wordlist_fold(&generic_keys, EM__WORDLIST_COLUMN(generics, spelling), EM_TEXT_KEY);
	em__wordlist_fold(&descriptor_words, EM__WORDLIST_COLUMN(descriptors, word),
			  EM_TEXT_FOLDED);
	for (size_t i = 0; i < GENERIC_COUNT; i++)
		generic_arabic[i] = em_text_has_arabic(generics[i].spelling,
						       strlen(generics[i].spelling));
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
		/* ASCII and Latin letters with marks, the common case, by table */
		unsigned char c = (unsigned char)word[at];
		char base;
		if (c < 0x80) {
			base = latin_base[c];
			at++;
		} else if (c >= 0xC2 && c <= 0xC9 && at + 1 < len &&
			   (((c & 0x1F) << 6) | ((unsigned char)word[at + 1] & 0x3F)) < 0x250) {
			base = latin_base[((c & 0x1F) << 6) | ((unsigned char)word[at + 1] & 0x3F)];
			at += 2;
		} else {
			break;
		}
		if (base == 0)
			continue;
		if (n + 2 > size)
			return false;
		out[n++] = base;
	}
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
	unsigned char lead = len > 0 ? (unsigned char)word[0] : 0;
	char plain[64];
	size_t plain_len;
	int found;

	/* Generic words are written in Latin letters (with marks, or an ayn
	 * sign first) or in Arabic: a Greek, Cyrillic or Hebrew word is none. */
	if (!(lead < 0x80 || (lead >= 0xC3 && lead <= 0xC9) || (lead >= 0xD8 && lead <= 0xDB) ||
	      lead == 0xE1 || lead == 0xE2 || lead == 0xCA))
		return NULL;
	/* In plain ASCII none has more than 7 letters and an apostrophe. */
	if (lead < 0x80 && len > 8) {
		bool ascii = true;
		for (size_t i = 0; i < len && ascii; i++)
			ascii = (unsigned char)word[i] < 0x80;
		if (ascii)
			return NULL;
	}
	pthread_once(&generic_once, fold_generics);
	/* No generic word is longer than 16 bytes, however written, nor
	 * (in Latin letters) than 7 letters. */
	if (len > 16 || !plain_word(word, len, plain, sizeof(plain), &plain_len) ||
	    plain_len == 0 || plain_len > 16)
		return NULL;
	/* A word in Arabic script by its key, which only an Arabic spelling's
	 * key can be; a Latin one by its plain letters. */
	if (em_text_has_arabic(word, len)) {
		found = em__wordlist_find(&generic_keys, plain, plain_len);
		return found >= 0 && generic_arabic[found] ? generics[found].gloss : NULL;
	}
	found = em__wordlist_find(&generic_spellings, plain, plain_len);
	return found >= 0 ? generics[found].gloss : NULL;
}

const char *em__generic_gloss(const char *key_word, size_t len)
{
	int i;

	pthread_once(&generic_once, fold_generics);
	if (len == 0 || len > 16)
		return NULL;
	i = em__wordlist_find(&generic_keys, key_word, len);
	return i >= 0 ? generics[i].gloss : NULL;
}


int em__descriptor_precision(const char *folded_word, size_t len)
{
	int i;

	pthread_once(&generic_once, fold_generics);
	i = em__wordlist_find(&descriptor_words, folded_word, len);
	return i >= 0 ? descriptors[i].precision : -1;
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

const char *em__bare_generic(const char *folded, size_t len)
{
	const char *split;
	size_t first;

	/* No generic word, with its article, is longer than this. */
	if (len > 24)
		return NULL;
	split = memchr(folded, ' ', len);
	if (split == NULL)
		split = memchr(folded, '-', len);
	if (split == NULL)
		return em__generic_word(folded, len);
	first = (size_t)(split - folded);
	if (!em_text_is_article(folded, first) || memchr(split + 1, ' ', len - first - 1) != NULL ||
	    memchr(split + 1, '-', len - first - 1) != NULL)
		return NULL;
	return em__generic_word(split + 1, len - first - 1);
}

void em__name_words(const char *name, size_t len, size_t *distinctive, const char **bare)
{
	em_text_word words[32];
	size_t count = em_text_words(words, 32, name, len), named = 0;
	const char *gloss = NULL;

	*distinctive = 0;
	if (count > 32)
		count = 32;
	for (size_t i = 0; i < count; i++) {
		const char *word = name + words[i].start, *g;
		size_t n = words[i].letters;

		if (em_text_is_article(word, words[i].len))
			continue;
		named++;
		if ((g = em__generic_word(word, words[i].len)) != NULL) {
			gloss = g;
			continue;
		}
		/* The Arabic article is written joined to the name. */
		if (words[i].len > 4 && memcmp(word, "\xd8\xa7\xd9\x84", 4) == 0 && n > 2)
			n -= 2;
		*distinctive += n;
	}
	*bare = named == 1 && *distinctive == 0 ? gloss : NULL;
}

void em__split_key(em__key_split *out, const char *key, size_t len)
{
	const char *words[16];
	size_t lens[16], count = 0;

	out->generic_len = out->distinct_len = 0;
	out->valid = len < EM__SPLIT_MAX;
	if (!out->valid)
		return;
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
		if (out->distinct_len > 0)
			out->distinct[out->distinct_len++] = ' ';
		memcpy(out->distinct + out->distinct_len, word, wl);
		out->distinct_len += wl;
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
		memcpy(out->generic + out->generic_len, words[i], lens[i]);
		out->generic_len += lens[i];
		out->generic[out->generic_len++] = ' ';
	}
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'i' || c == 'u';
}

/* Optimal string alignment distance in half edits, where an edit that
 * only touches vowels costs one half and any other a whole edit.  Fuzzy
 * hits are at most two edits apart, so only a band of the matrix around
 * its diagonal is worked out (cells beyond it count as unreachable). */
#define BAND 3
#define FAR_AWAY 1000

static int weighted_distance(const char *a, size_t n, const char *b, size_t m)
{
	int rows[3][EM__SPLIT_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (n > EM__SPLIT_MAX || m > EM__SPLIT_MAX || (n > m ? n - m : m - n) > BAND)
		return 2 * (int)(n > m ? n : m);
	prev[0] = 0;
	for (size_t j = 1; j <= m; j++)
		prev[j] = j <= BAND ? prev[j - 1] + (is_vowel(b[j - 1]) ? 1 : 2) : FAR_AWAY;
	for (size_t i = 1; i <= n; i++) {
		int del = is_vowel(a[i - 1]) ? 1 : 2;
		size_t lo = i > BAND ? i - BAND : 1, hi = i + BAND < m ? i + BAND : m;
		int *tmp;

		cur[0] = i <= BAND ? prev[0] + del : FAR_AWAY;
		if (lo > 1)
			cur[lo - 1] = FAR_AWAY;
		for (size_t j = lo; j <= hi; j++) {
			int ins = is_vowel(b[j - 1]) ? 1 : 2;
			int sub = a[i - 1] == b[j - 1] ? 0
				  : (is_vowel(a[i - 1]) && is_vowel(b[j - 1])) ? 1 : 2;
			int best = prev[j - 1] + sub;
			if (prev[j] + del < best)
				best = prev[j] + del;
			if (cur[j - 1] + ins < best)
				best = cur[j - 1] + ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 2 < best)
				best = prev2[j - 2] + 2;
			cur[j] = best;
		}
		if (hi < m)
			cur[hi + 1] = FAR_AWAY;
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[m];
}

/* One edit apart (as the index says): what it costs in half edits, found
 * by trimming the common prefix and suffix.  -1 when the strings are not
 * one edit apart in the simple ways this checks. */
static int one_edit(const char *a, size_t n, const char *b, size_t m)
{
	size_t head = 0, tail = 0;

	while (head < n && head < m && a[head] == b[head])
		head++;
	while (tail < n - head && tail < m - head && a[n - 1 - tail] == b[m - 1 - tail])
		tail++;
	n -= head + tail;
	m -= head + tail;
	a += head;
	b += head;
	if (n == 1 && m == 1)
		return is_vowel(a[0]) && is_vowel(b[0]) ? 1 : 2;
	if (n + m == 1)
		return is_vowel(n ? a[0] : b[0]) ? 1 : 2;
	if (n == 2 && m == 2 && a[0] == b[1] && a[1] == b[0])
		return 2; /* a transposition */
	return -1;
}

/* The edit distance of two keys' consonants (vowels a, i, u dropped), up
 * to 3. */
static int consonant_distance(const char *a, size_t n, const char *b, size_t m)
{
	char ca[EM__SPLIT_MAX], cb[EM__SPLIT_MAX];
	size_t cn = 0, cm = 0;

	for (size_t i = 0; i < n && cn < sizeof(ca); i++)
		if (!is_vowel(a[i]))
			ca[cn++] = a[i];
	for (size_t i = 0; i < m && cm < sizeof(cb); i++)
		if (!is_vowel(b[i]))
			cb[cm++] = b[i];
	return em_text_distance(ca, cn, cb, cm, 2);
}

bool em__distinctive_distance(const em__key_split *query, const char *key, size_t key_len,
			      int raw, double *distance, size_t *length, int *consonants)
{
	em__key_split other;

	if (!query->valid || query->distinct_len == 0)
		return false;
	if (query->generic_len == 0 && memchr(key, ' ', key_len) == NULL) {
		/* One word against one word, the common case: no split. */
		int half = -1;
		if (key_len <= 16 && em__generic_gloss(key, key_len) != NULL)
			return false;
		if (raw == 1)
			half = one_edit(query->distinct, query->distinct_len, key, key_len);
		if (half < 0)
			half = weighted_distance(query->distinct, query->distinct_len, key, key_len);
		*distance = half / 2.0;
		*length = query->distinct_len;
		*consonants = half <= 1 ? 0 : consonant_distance(query->distinct, query->distinct_len,
								 key, key_len);
		return true;
	}
	em__split_key(&other, key, key_len);
	if (!other.valid || other.distinct_len == 0 || other.generic_len != query->generic_len ||
	    memcmp(other.generic, query->generic, query->generic_len) != 0)
		return false;
	*distance = weighted_distance(query->distinct, query->distinct_len, other.distinct,
				      other.distinct_len) / 2.0;
	*length = query->distinct_len;
	*consonants = consonant_distance(query->distinct, query->distinct_len, other.distinct,
					 other.distinct_len);
	return true;
}
