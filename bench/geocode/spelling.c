/* How reporters spell a name the gazetteer has: upper or lower case, an
 * article added or dropped, another ending for the ta marbuta, French "ou"
 * for "u", a macron; and how they mistype it.  The geocoder's folds are
 * meant to absorb the first kind and its fuzzy stage the second. */
#include "spelling.h"

#include <string.h>

enum variant_kind {
	VARY_UPPER, VARY_LOWER, VARY_PREFIX_AL, VARY_PREFIX_EL, VARY_DROP_ARTICLE,
	VARY_ENDING, VARY_OU, VARY_DIACRITIC, VARY_KINDS
};

bool spelling_is_ascii(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] >= 0x80)
			return false;
	return true;
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static char upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
}

/* Length of a leading Arabic article with its separator ("Al-", "an "), or 0. */
static size_t article_length(const char *text, size_t len)
{
	static const char *const articles[] = {"al", "el", "ad", "ed", "as", "es", "ash", "esh",
					       "at", "et", "ar", "er", "az", "ez", "an", "en"};

	for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++) {
		size_t n = strlen(articles[i]), k = 0;

		while (k < n && k < len && lower(text[k]) == articles[i][k])
			k++;
		if (k == n && n + 1 < len && (text[n] == '-' || text[n] == ' '))
			return n + 1;
	}
	return 0;
}

static size_t vary_case(char *out, const char *src, size_t len, bool to_upper)
{
	for (size_t i = 0; i < len; i++)
		out[i] = to_upper ? upper(src[i]) : lower(src[i]);
	return len;
}

static size_t vary_prefix(char *out, const char *prefix, const char *src, size_t len)
{
	size_t n = strlen(prefix);

	if (article_length(src, len) > 0)
		return 0;
	memcpy(out, prefix, n);
	memcpy(out + n, src, len);
	return n + len;
}

/* -a ~ -ah ~ -eh ~ -e: the ta marbuta as different writers render it. */
static size_t vary_ending(char *out, const char *src, size_t len)
{
	char last = len > 0 ? lower(src[len - 1]) : 0;
	char before = len > 1 ? lower(src[len - 2]) : 0;

	memcpy(out, src, len);
	if (last == 'h' && before == 'a') {
		out[len - 2] = 'e';
		return len;
	}
	if (last == 'h' && before == 'e') {
		out[len - 2] = 'a';
		return len - 1;
	}
	if (last == 'a' || last == 'e') {
		out[len] = 'h';
		return len + 1;
	}
	return 0;
}

/* French "ou" for English "u" and back: Tartous ~ Tartus. */
static size_t vary_ou(char *out, const char *src, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (src[i] == 'o' && src[i + 1] == 'u') {
			memcpy(out, src, i);
			memcpy(out + i, src + i + 1, len - i - 1);
			return len - 1;
		}
	}
	for (size_t i = 1; i < len; i++) {
		if (src[i] == 'u') {
			memcpy(out, src, i);
			out[i] = 'o';
			memcpy(out + i + 1, src + i, len - i);
			return len + 1;
		}
	}
	return 0;
}

/* 0, 1, 2 for a, i, u; -1 for anything else. */
static int long_vowel(char c)
{
	return c == 'a' ? 0 : c == 'i' ? 1 : c == 'u' ? 2 : -1;
}

/* A long vowel written with a macron, as scholarly transliterations do. */
static size_t vary_diacritic(char *out, const char *src, size_t len, rng *r)
{
	static const char *const macrons[] = {"\xc4\x81", "\xc4\xab", "\xc5\xab"};
	size_t positions = 0, pick;

	for (size_t i = 1; i < len; i++)
		positions += long_vowel(src[i]) >= 0;
	if (positions == 0)
		return 0;
	pick = rng_below(r, positions);
	for (size_t i = 1; i < len; i++) {
		if (long_vowel(src[i]) < 0 || pick-- > 0)
			continue;
		memcpy(out, src, i);
		memcpy(out + i, macrons[long_vowel(src[i])], 2);
		memcpy(out + i + 2, src + i + 1, len - i - 1);
		return len + 1;
	}
	return 0;
}

static size_t apply_variant(enum variant_kind kind, char *out, const char *src, size_t len,
			    rng *r)
{
	size_t article = article_length(src, len);

	switch (kind) {
	case VARY_UPPER: return vary_case(out, src, len, true);
	case VARY_LOWER: return vary_case(out, src, len, false);
	case VARY_PREFIX_AL: return vary_prefix(out, "Al-", src, len);
	case VARY_PREFIX_EL: return vary_prefix(out, "el ", src, len);
	case VARY_DROP_ARTICLE:
		if (article == 0)
			return 0;
		memcpy(out, src + article, len - article);
		return len - article;
	case VARY_ENDING: return vary_ending(out, src, len);
	case VARY_OU: return vary_ou(out, src, len);
	case VARY_DIACRITIC: return vary_diacritic(out, src, len, r);
	case VARY_KINDS: break;
	}
	return 0;
}

size_t spelling_variant(char *out, const char *src, size_t len, rng *r)
{
	size_t first = rng_below(r, VARY_KINDS);

	for (size_t k = 0; k < VARY_KINDS; k++) {
		enum variant_kind kind = (enum variant_kind)((first + k) % VARY_KINDS);
		size_t n = apply_variant(kind, out, src, len, r);

		if (n > 0 && (n != len || memcmp(out, src, len) != 0))
			return n;
	}
	return 0;
}

/* A random position holding an ASCII letter, or len when there is none. */
static size_t letter_position(const char *text, size_t len, rng *r)
{
	size_t letters = 0, pick;

	for (size_t i = 0; i < len; i++)
		letters += is_letter(text[i]);
	if (letters == 0)
		return len;
	pick = rng_below(r, letters);
	for (size_t i = 0; i < len; i++)
		if (is_letter(text[i]) && pick-- == 0)
			return i;
	return len;
}

/* One substitution, deletion, insertion or transposition of a lowercase
 * ASCII letter in buf (which has room for one more byte); the new length. */
static size_t misspell_once(char *buf, size_t len, rng *r)
{
	size_t pos = letter_position(buf, len, r);
	char letter = (char)('a' + rng_below(r, 26));
	unsigned op = (unsigned)rng_below(r, 4);

	if (pos == len)
		return len;
	if (op == 3 && pos + 1 < len && is_letter(buf[pos + 1]) &&
	    lower(buf[pos]) != lower(buf[pos + 1])) {
		char held = buf[pos];
		buf[pos] = buf[pos + 1];
		buf[pos + 1] = held;
		return len;
	}
	if (op == 1 && len > 1) {
		memmove(buf + pos, buf + pos + 1, len - pos - 1);
		return len - 1;
	}
	if (op == 2) {
		memmove(buf + pos + 1, buf + pos, len - pos);
		buf[pos] = letter;
		return len + 1;
	}
	/* Substitution, also for a transposition of two equal letters. */
	if (lower(buf[pos]) == letter)
		letter = letter == 'z' ? 'a' : (char)(letter + 1);
	buf[pos] = letter;
	return len;
}

size_t spelling_mistake(char *out, const char *src, size_t len, rng *r)
{
	size_t n = len, edits = 1 + rng_below(r, 2);

	memcpy(out, src, len);
	for (size_t e = 0; e < edits; e++)
		n = misspell_once(out, n, r);
	return (n != len || memcmp(out, src, len) != 0) ? n : 0;
}
