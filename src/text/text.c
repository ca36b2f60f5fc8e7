/* Text folds for place names.  utf8proc does the Unicode work (compatibility
 * decomposition, case folding, mark stripping); this file adds what no
 * library knows: how reporters transliterate Arabic place names into Latin
 * script, and which Arabic letter variants a reader treats as one. */
#include "eventmap/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* Decomposition can grow a string (one ligature becomes up to 18 code
 * points), so the working buffer is that much larger than the input. */
#define CODEPOINTS_MAX (EM_TEXT_NAME_MAX * 18)
#define TOKENS_MAX 64

typedef struct token {
	size_t start; /* index into the code point buffer */
	size_t len;
} token;

void em_text_format_count(char *out, size_t size, long long count)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%lld", count < 0 ? -count : count);
	size_t at = 0;

	if (count < 0 && at + 1 < size)
		out[at++] = '-';
	for (int i = 0; i < n && at + 1 < size; i++) {
		out[at++] = digits[i];
		if ((n - i - 1) % 3 == 0 && i < n - 1 && at + 1 < size)
			out[at++] = ',';
	}
	out[size > 0 ? (at < size ? at : size - 1) : 0] = '\0';
}

bool em_text_valid_utf8(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		uint32_t cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= need)
			return false;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += need + 1;
	}
	return true;
}

bool em_text_has_arabic(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;

	/* U+0600..U+06FF and U+0750..U+077F start with lead bytes D8..DD. */
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 0xD8 && s[i] <= 0xDD)
			return true;
	return false;
}

static bool is_arabic(int32_t cp)
{
	return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F);
}

/* Apostrophes and the half-rings used for ayn and hamza join the letters
 * around them ("Ma'arrat" ~ "Maarrat") instead of splitting a word. */
static bool is_joiner(int32_t cp)
{
	switch (cp) {
	case '\'': case '`': case 0x00B4: case 0x02BB: case 0x02BC:
	case 0x02BE: case 0x02BF: case 0x2018: case 0x2019: case 0x02B9:
	case 0x0640: /* Arabic tatweel */
		return true;
	}
	return false;
}

static bool is_word(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80) /* the common case, without a table look-up */
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	cat = utf8proc_category(cp);

	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Letters that survive NFKD and case folding but that a Latin-script reader
 * takes for a plain letter. */
static int32_t plain_latin(int32_t cp)
{
	switch (cp) {
	case 0x0131: return 'i'; /* dotless i */
	case 0x0142: return 'l'; /* l with stroke */
	case 0x0111: return 'd'; /* d with stroke */
	case 0x0127: return 'h'; /* h with stroke */
	case 0x00F8: return 'o'; /* o with stroke */
	case 0x0259: return 'a'; /* schwa */
	case 0x00E6: return 'a'; /* ae */
	case 0x0153: return 'o'; /* oe */
	case 0x00F0: return 'd'; /* eth */
	case 0x00FE: return 't'; /* thorn */
	}
	return cp;
}

/* One spelling for the Arabic letters that writers use interchangeably;
 * hamza seats are already gone through decomposition and mark stripping. */
static int32_t plain_arabic(int32_t cp)
{
	switch (cp) {
	case 0x0671: return 0x0627; /* alef wasla */
	case 0x0629: return 0x0647; /* ta marbuta -> ha */
	case 0x0649: return 0x064A; /* alef maqsura -> ya */
	case 0x06CC: return 0x064A; /* Farsi yeh */
	case 0x06D2: return 0x064A; /* yeh barree */
	case 0x06A9: return 0x0643; /* keheh -> kaf */
	case 0x06C1: return 0x0647; /* heh goal */
	case 0x06D5: return 0x0647; /* ae */
	}
	return cp;
}

/* What decode does after the compatibility decomposition and case fold. */
typedef enum decoding {
	DECODE_COMPOSED,   /* composed again: EM_TEXT_FOLDED */
	DECODE_UNMARKED,   /* marks stripped: EM_TEXT_KEY */
	DECODE_DECOMPOSED  /* left decomposed, marks kept */
} decoding;

static bool is_ascii(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)text[i] >= 0x80)
			return false;
	return true;
}

/* Composes decomposed code points again: what the folded form keeps. */
static em_status compose(int32_t *cps, size_t *count)
{
	utf8proc_ssize_t n = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)*count,
						      UTF8PROC_STABLE | UTF8PROC_COMPOSE);

	if (n < 0)
		return EM_ERR_INVALID;
	*count = (size_t)n;
	return EM_OK;
}

static em_status decode(int32_t *cps, size_t *out_count, const char *text,
			size_t len, decoding how)
{
	utf8proc_ssize_t n;
	int options;

	if (is_ascii(text, len)) {
		/* Fast path: ASCII needs no normalisation, only case folding. */
		for (size_t i = 0; i < len; i++) {
			int32_t c = (unsigned char)text[i];
			cps[i] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
		}
		*out_count = len;
		return EM_OK;
	}
	options = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE;
	if (how == DECODE_UNMARKED)
		options |= UTF8PROC_STRIPMARK;
	n = utf8proc_decompose((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
			       cps, CODEPOINTS_MAX, options);
	if (n < 0)
		return EM_ERR_INVALID;
	if (n > CODEPOINTS_MAX)
		return EM_ERR_LIMIT;
	*out_count = (size_t)n;
	return how == DECODE_COMPOSED ? compose(cps, out_count) : EM_OK;
}

/* Splits the code points into words.  FOLDED keeps every character but
 * collapses white space; KEY keeps letters and digits only. */
static size_t tokenize(token *tokens, int32_t *cps, size_t count, em_text_form form)
{
	size_t ntokens = 0, w = 0;
	bool in_token = false;

	for (size_t i = 0; i < count; i++) {
		int32_t cp = cps[i];
		bool word;

		if (form == EM_TEXT_KEY) {
			if (is_joiner(cp))
				continue;
			word = is_word(cp);
			cp = is_arabic(cp) ? plain_arabic(cp) : plain_latin(cp);
		} else if (cp < 0x80) {
			word = cp > ' ' && cp != 0x7F;
		} else {
			utf8proc_category_t cat = utf8proc_category(cp);
			word = !(cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_CC);
		}
		if (!word) {
			in_token = false;
			continue;
		}
		if (!in_token) {
			/* Past TOKENS_MAX words the rest joins the last word. */
			if (ntokens < TOKENS_MAX) {
				tokens[ntokens].start = w;
				tokens[ntokens].len = 0;
				ntokens++;
			}
			in_token = true;
		}
		cps[w++] = cp;
		tokens[ntokens - 1].len = w - tokens[ntokens - 1].start;
	}
	return ntokens;
}

/* The Arabic article as reporters write it before a name (al-, el-, ad-,
 * ash-...), in lower case ASCII. */
static bool ascii_article(const char *ascii)
{
	static const char *const articles[] = {
		"al", "el", "ad", "ed", "as", "es", "ash", "esh", "at", "et",
		"ar", "er", "az", "ez", "an", "en", "ech", "ej", "adh", "ath",
		"aj", "ak", "l", "il", NULL};

	for (size_t i = 0; articles[i] != NULL; i++)
		if (strcmp(ascii, articles[i]) == 0)
			return true;
	return false;
}

static bool is_article(const int32_t *cps, size_t len)
{
	char ascii[4];

	if (len == 0 || len > 3)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (cps[i] < 'a' || cps[i] > 'z')
			return false;
		ascii[i] = (char)cps[i];
	}
	ascii[len] = '\0';
	return ascii_article(ascii);
}

bool em_text_is_article(const char *word, size_t len)
{
	char ascii[4];

	if (word == NULL || len == 0 || len > 3)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = word[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c < 'a' || c > 'z')
			return false;
		ascii[i] = c;
	}
	ascii[len] = '\0';
	return ascii_article(ascii);
}

size_t em_text_words(em_text_word *out, size_t max, const char *text, size_t len)
{
	size_t count = 0, at = 0;
	bool in_word = false;

	while (at < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + at,
						      (utf8proc_ssize_t)(len - at), &cp);
		bool word;

		if (n <= 0)
			break;
		word = is_word(cp) || (in_word && is_joiner(cp)) ||
		       utf8proc_category(cp) == UTF8PROC_CATEGORY_MN;
		if (!word) {
			in_word = false;
		} else {
			if (!in_word) {
				if (count < max) {
					out[count].start = at;
					out[count].len = 0;
					out[count].letters = 0;
				}
				count++;
				in_word = true;
			}
			if (count <= max) {
				out[count - 1].len = at + (size_t)n - out[count - 1].start;
				if (is_word(cp))
					out[count - 1].letters++;
			}
		}
		at += (size_t)n;
	}
	return count;
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'i' || c == 'u';
}

/* The digraphs that transliterations spell one sound with (kh, ou, ee...),
 * folded to one letter; 0 when c and next are not such a pair.  A switch,
 * not a table scan: this runs for every letter of every indexed name. */
static char fold_pair(char c, char next)
{
	switch (c) {
	case 'k': return next == 'h' ? 'h' : 0;
	case 'g': return next == 'h' ? 'g' : 0;
	case 'd': return next == 'h' ? 'd' : next == 'j' ? 'j' : 0;
	case 't': return next == 'h' ? 't' : 0;
	case 's': return next == 'h' ? 's' : 0;
	case 'c': return next == 'h' ? 's' : next == 'k' ? 'k' : 0;
	case 'z': return next == 'h' ? 'z' : 0;
	case 'p': return next == 'h' ? 'f' : 0;
	case 'q': return next == 'u' ? 'k' : 0;
	case 'o': return (next == 'u' || next == 'o') ? 'u' : 0;
	case 'e': return (next == 'e' || next == 'i' || next == 'y') ? 'i' : 0;
	case 'i': return next == 'e' ? 'i' : 0;
	case 'a': return (next == 'i' || next == 'y') ? 'i' : (next == 'w' || next == 'u') ? 'u' : 0;
	}
	return 0;
}

/* Transliteration folds on one ASCII word.  Both the gazetteer and the
 * query go through the same folds, so the rules need to be consistent,
 * not linguistically exact. */
static size_t fold_latin_word(char *out, const int32_t *cps, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = (char)cps[i];
		char mapped = i + 1 < len ? fold_pair(c, (char)cps[i + 1]) : 0;

		if (mapped)
			i++;
		else {
			switch (c) {
			case 'q': case 'c': mapped = 'k'; break;
			case 'e': mapped = 'a'; break;
			case 'o': case 'w': mapped = 'u'; break;
			case 'y': mapped = 'i'; break;
			default: mapped = c;
			}
		}
		if (n > 0 && out[n - 1] == mapped)
			continue; /* doubled letters: Lattakia ~ Latakia */
		out[n++] = mapped;
	}
	/* Endings: -eh, -ah, -a, -iya, -iyah, -ieh, -e all end as the stem. */
	if (n > 3 && out[n - 1] == 'h' && is_vowel(out[n - 2]))
		n--;
	while (n > 3 && is_vowel(out[n - 1]))
		n--;
	return n;
}

static bool ascii_word(const int32_t *cps, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (cps[i] >= 0x80)
			return false;
	return true;
}

static size_t put_utf8(char *out, size_t at, size_t out_size, int32_t cp, bool *overflow)
{
	utf8proc_uint8_t buf[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);

	if (at + (size_t)n + 1 > out_size) {
		*overflow = true;
		return at;
	}
	memcpy(out + at, buf, (size_t)n);
	return at + (size_t)n;
}

static size_t write_key(char *out, size_t out_size, const int32_t *cps,
			const token *tokens, size_t ntokens, bool *overflow)
{
	size_t at = 0;
	bool first = true;

	for (size_t t = 0; t < ntokens; t++) {
		const int32_t *word = cps + tokens[t].start;
		size_t len = tokens[t].len;
		char latin[EM_TEXT_NAME_MAX * 4];

		/* An article is dropped when a word follows it. */
		if (t + 1 < ntokens && is_article(word, len))
			continue;
		/* Arabic article ال glued to a longer word. */
		if (len > 3 && word[0] == 0x0627 && word[1] == 0x0644) {
			word += 2;
			len -= 2;
		}
		if (!first)
			at = put_utf8(out, at, out_size, ' ', overflow);
		first = false;
		if (ascii_word(word, len)) {
			size_t n = fold_latin_word(latin, word, len);
			for (size_t i = 0; i < n; i++)
				at = put_utf8(out, at, out_size, latin[i], overflow);
		} else {
			for (size_t i = 0; i < len; i++)
				at = put_utf8(out, at, out_size, word[i], overflow);
		}
	}
	return at;
}

static size_t write_folded(char *out, size_t out_size, const int32_t *cps,
			   const token *tokens, size_t ntokens, bool *overflow)
{
	size_t at = 0;

	for (size_t t = 0; t < ntokens; t++) {
		if (t > 0)
			at = put_utf8(out, at, out_size, ' ', overflow);
		for (size_t i = 0; i < tokens[t].len; i++)
			at = put_utf8(out, at, out_size, cps[tokens[t].start + i], overflow);
	}
	return at;
}

/* The last step of every fold: the code points split into words and
 * written in the form into out (NUL-terminated), their length in *out_len
 * when out_len is not NULL; "" and EM_ERR_LIMIT when they do not fit. */
static em_status write_form(char *out, size_t out_size, size_t *out_len, int32_t *cps,
			    size_t count, em_text_form form)
{
	token tokens[TOKENS_MAX];
	size_t ntokens = tokenize(tokens, cps, count, form), written;
	bool overflow = false;

	if (form == EM_TEXT_KEY)
		written = write_key(out, out_size, cps, tokens, ntokens, &overflow);
	else
		written = write_folded(out, out_size, cps, tokens, ntokens, &overflow);
	if (overflow) {
		out[0] = '\0';
		return EM_ERR_LIMIT;
	}
	out[written] = '\0';
	if (out_len)
		*out_len = written;
	return EM_OK;
}

/* What the folds accept: valid UTF-8 of EM_TEXT_NAME_MAX bytes at most. */
static em_status check_name(const char *text, size_t len)
{
	if (len > EM_TEXT_NAME_MAX)
		return EM_ERR_LIMIT;
	return em_text_valid_utf8(text, len) ? EM_OK : EM_ERR_INVALID;
}

em_status em_text_fold(char *out, size_t out_size, size_t *out_len,
		       const char *text, size_t len, em_text_form form)
{
	int32_t cps[CODEPOINTS_MAX];
	size_t count = 0;
	em_status status;

	if (out == NULL || out_size == 0 || (text == NULL && len > 0))
		return EM_ERR_INVALID;
	out[0] = '\0';
	if (out_len)
		*out_len = 0;
	status = check_name(text, len);
	if (status == EM_OK)
		status = decode(cps, &count, text, len,
				form == EM_TEXT_KEY ? DECODE_UNMARKED : DECODE_COMPOSED);
	if (status != EM_OK)
		return status;
	return write_form(out, out_size, out_len, cps, count, form);
}

static bool is_mark(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x300)
		return false;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	       cat == UTF8PROC_CATEGORY_ME;
}

/* The code points without their marks, into out; how many are left. */
static size_t drop_marks(int32_t *out, const int32_t *cps, size_t count)
{
	size_t kept = 0;

	for (size_t i = 0; i < count; i++)
		if (!is_mark(cps[i]))
			out[kept++] = cps[i];
	return kept;
}

em_status em_text_fold_both(char *folded, size_t folded_size, size_t *folded_len, char *key,
			    size_t key_size, size_t *key_len, const char *text, size_t len)
{
	int32_t cps[CODEPOINTS_MAX], marks_off[CODEPOINTS_MAX];
	size_t count = 0;
	em_status status;

	if (folded == NULL || key == NULL || folded_size == 0 || key_size == 0 ||
	    (text == NULL && len > 0))
		return EM_ERR_INVALID;
	folded[0] = key[0] = '\0';
	*folded_len = *key_len = 0;
	status = check_name(text, len);
	if (status != EM_OK)
		return status;
	if (is_ascii(text, len)) {
		status = em_text_fold(folded, folded_size, folded_len, text, len, EM_TEXT_FOLDED);
		if (status == EM_OK)
			status = em_text_fold(key, key_size, key_len, text, len, EM_TEXT_KEY);
		return status;
	}
	/* One decomposition serves both: the key drops the marks of the
	 * decomposed form, the folded form composes it again. */
	status = decode(cps, &count, text, len, DECODE_DECOMPOSED);
	if (status == EM_OK)
		status = write_form(key, key_size, key_len, marks_off,
				    drop_marks(marks_off, cps, count), EM_TEXT_KEY);
	if (status == EM_OK)
		status = compose(cps, &count);
	if (status == EM_OK)
		status = write_form(folded, folded_size, folded_len, cps, count, EM_TEXT_FOLDED);
	return status;
}

int em_text_distance(const char *a, size_t a_len, const char *b, size_t b_len,
		     int max_distance)
{
	/* Three rolling rows of the optimal-string-alignment matrix. */
	int rows[3][EM_TEXT_NAME_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (a_len > EM_TEXT_NAME_MAX || b_len > EM_TEXT_NAME_MAX)
		return max_distance + 1;
	if ((a_len > b_len ? a_len - b_len : b_len - a_len) > (size_t)max_distance)
		return max_distance + 1;
	for (size_t j = 0; j <= b_len; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= a_len; i++) {
		int row_min;
		int *tmp;

		cur[0] = (int)i;
		row_min = cur[0];
		for (size_t j = 1; j <= b_len; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
			if (best < row_min)
				row_min = best;
		}
		if (row_min > max_distance)
			return max_distance + 1;
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[b_len] > max_distance ? max_distance + 1 : prev[b_len];
}
