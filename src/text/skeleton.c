/* Consonant skeletons of names in Latin script (see em_text_skeleton in
 * text.h): what tells two spellings of one name from two names, where the
 * key's looser folds cannot. */
#include "eventmap/text.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* When the word at s[at] is an article followed by another word, the
 * position after it; else at.  *article says whether one was skipped. */
static size_t skip_article(const char *s, size_t len, size_t at, bool *article)
{
	size_t w = at;

	*article = false;
	while (w < len && s[w] != ' ' && s[w] != '-')
		w++;
	if (w < len && em_text_is_article(s + at, w - at)) {
		*article = true;
		return w + 1;
	}
	return at;
}

static bool latin_letter(int32_t cp)
{
	return cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2018 && cp <= 0x201B) ||
	       cp == 0x02BB || cp == 0x02BC || cp == 0x02BE || cp == 0x02BF;
}

static bool bgn_emphatic(int32_t cp)
{
	switch (cp) {
	case 0x1E29: case 0x015F: case 0x1E11: case 0x0163: case 0x1E93:
	case 0x1E28: case 0x015E: case 0x1E10: case 0x0162: case 0x1E92:
		return true;
	}
	return false;
}

static bool keeps_vowels(em_text_skeleton_form form)
{
	return form == EM_SKELETON_VOWELS || form == EM_SKELETON_SPELLING;
}

static bool keeps_digraphs(em_text_skeleton_form form)
{
	return form == EM_SKELETON_STRICT || form == EM_SKELETON_SPELLING;
}

/* The skeleton letter for c after prev; 0 to drop it.  Digraphs replace
 * their first letter (strict: with a capital, so sh is not s). */
static char skeleton_letter(char c, char prev, em_text_skeleton_form form, bool *replace)
{
	*replace = false;
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w':
		if (!keeps_vowels(form))
			return 0;
		return (c == 'e' || c == 'y') ? 'i' : (c == 'o' || c == 'w') ? 'u' : c;
	case 'q': case 'c': return 'k';
	case 'j':
		*replace = keeps_digraphs(form) && prev == 'd'; /* dj */
		return 'j';
	case 'h':
		if (prev == 'k' || prev == 'g' || prev == 't' || prev == 'd' || prev == 's' ||
		    prev == 'z') {
			if (!keeps_digraphs(form))
				return 0;
			*replace = true;
			return (char)(prev == 'k' ? 'K' : prev - 32); /* ch (k after c) is sh */
		}
		return 'h';
	}
	return c;
}

/* The spelling form drops a word's ending vowels: -a, -e, -iya. */
static size_t drop_ending(const char *out, size_t n, size_t word_start)
{
	while (n > word_start + 1 && (out[n - 1] == 'a' || out[n - 1] == 'i' || out[n - 1] == 'u'))
		n--;
	return n;
}

/* A skeleton being written: out[0..n), the current word from word_start. */
typedef struct skeleton {
	char *out;
	size_t size, n, word_start;
	char prev, last; /* the last letter written, the last letter read */
	em_text_skeleton_form form;
} skeleton;

/* A letter BGN marks an emphatic with, kept as it is (in lower case);
 * false when it does not fit. */
static bool put_emphatic(skeleton *sk, int32_t cp)
{
	utf8proc_uint8_t *at = (utf8proc_uint8_t *)sk->out + sk->n;

	if (sk->n + 5 > sk->size)
		return false;
	sk->n += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), at);
	sk->prev = sk->last = 0;
	return true;
}

/* Past something that is no letter, which at a space or hyphen ends a
 * word: the spelling form drops the word's ending vowels, and an article
 * inside the name (Ayn at-Tinah) goes too, its letter changing with the
 * next word's.  Where reading goes on. */
static size_t end_word(skeleton *sk, int32_t cp, const char *text, size_t len, size_t at)
{
	bool inner;

	sk->last = 0;
	if (cp != ' ' && cp != '-')
		return at;
	if (sk->form == EM_SKELETON_SPELLING) {
		sk->n = drop_ending(sk->out, sk->n, sk->word_start);
		sk->prev = sk->n > 0 ? sk->out[sk->n - 1] : 0;
		sk->word_start = sk->n;
	}
	return skip_article(text, len, at, &inner);
}

/* -ah, -eh: in the forms that keep digraphs, an h after a vowel is an
 * ending, not a letter, unless a letter follows (text[at] on). */
static bool ending_h(const skeleton *sk, char read, const char *text, size_t len, size_t at)
{
	if (!keeps_digraphs(sk->form) || read != 'h' || sk->last == 0 ||
	    strchr("aeiouy", sk->last) == NULL)
		return false;
	while (at < len && (text[at] == '\'' || text[at] == '`'))
		at++;
	return at >= len || text[at] == ' ' || text[at] == '-';
}

/* Writes what a letter read is in the skeleton; false when it does not
 * fit.  Digraphs only of letters next to each other: "dh" in Ladhiqiyah,
 * not the d and h of Qardaha. */
static bool put_letter(skeleton *sk, char read)
{
	bool replace;
	char c = skeleton_letter(read, sk->last == 'c' ? 'k' : sk->last, sk->form, &replace);

	if (keeps_digraphs(sk->form) && replace && sk->last == 'c' && c == 'K')
		c = 'S'; /* French ch is sh */
	sk->last = read;
	if (c == 0)
		return true;
	if (replace && sk->n > 0) {
		sk->out[sk->n - 1] = c;
		sk->prev = c;
		return true;
	}
	if (c == sk->prev)
		return true;
	if (sk->n + 2 > sk->size)
		return false;
	sk->out[sk->n++] = c;
	sk->prev = c;
	return true;
}

bool em_text_skeleton(char *out, size_t size, size_t *out_len, bool *article, const char *text,
		      size_t len, em_text_skeleton_form form)
{
	skeleton sk = {out, size, 0, 0, 0, 0, form};
	size_t at;

	if (out == NULL || size == 0 || text == NULL)
		return false;
	at = skip_article(text, len, 0, article);
	while (at < len) {
		utf8proc_int32_t cp, base[4];
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + at,
						      (utf8proc_ssize_t)(len - at), &cp);

		if (k <= 0 || !latin_letter(cp))
			return false;
		at += (size_t)k;
		if (form == EM_SKELETON_MARKED && bgn_emphatic(cp)) {
			if (!put_emphatic(&sk, cp))
				return false;
			continue;
		}
		if (utf8proc_decompose_char(cp, base, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
							   UTF8PROC_CASEFOLD, NULL) < 1)
			return false;
		if (base[0] < 'a' || base[0] > 'z')
			at = end_word(&sk, cp, text, len, at);
		else if (ending_h(&sk, (char)base[0], text, len, at))
			sk.last = 0;
		else if (!put_letter(&sk, (char)base[0]))
			return false;
	}
	if (form == EM_SKELETON_SPELLING)
		sk.n = drop_ending(out, sk.n, sk.word_start);
	out[sk.n] = '\0';
	*out_len = sk.n;
	return true;
}
