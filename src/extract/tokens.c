/* A block of text as paragraphs, sentences and tokens: words (with their
 * hyphens and apostrophes, a possessive 's set apart), numbers, and
 * punctuation.  A sentence ends at . ! ? before a capital, a quote, a
 * digit, Arabic or the paragraph's end, except after an abbreviation or
 * an initial.  A line break ends a paragraph unless the text is wrapped
 * (most lines of one length), and a blank line always does. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "../util/array.h"
#include "extract_internal.h"

/* The code point at s[*i] (valid UTF-8), advancing *i. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
	utf8proc_int32_t cp = 0;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
					      (utf8proc_ssize_t)(len - *i), &cp);

	*i += n > 0 ? (size_t)n : 1;
	return n > 0 ? (uint32_t)cp : 0xFFFD;
}

static uint32_t peek_cp(const char *s, size_t len, size_t i)
{
	return i < len ? next_cp(s, len, &i) : 0;
}

static bool is_arabic(uint32_t cp)
{
	return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
	       (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	       (cp >= 0xFE70 && cp <= 0xFEFF);
}

static bool is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return isalpha((int)cp) != 0;
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) || is_arabic(cp);
}

static bool is_joiner(uint32_t cp)
{
	return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BF ||
	       cp == 0x02BE || cp == 0x2010 || cp == 0x2011;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x200B || cp == 0x2009 || cp == 0x202F;
}

static em__token *new_token(em_extract *ex)
{
	if (!EM_ARRAY_RESERVE(ex->tokens, ex->token_cap, ex->token_count + 1))
		return NULL;
	em__token *t = &ex->tokens[ex->token_count++];
	memset(t, 0, sizeof *t);
	t->event = -1;
	return t;
}

/* A word from i: letters, with joiners between letters. */
static size_t scan_word(const char *s, size_t len, size_t i, em__token *t)
{
	size_t start = i, last = i;
	uint32_t first = peek_cp(s, len, i);
	bool upper = true;

	while (i < len) {
		size_t at = i;
		uint32_t cp = next_cp(s, len, &i);
		if (is_letter(cp) || (cp < 0x80 && isdigit((int)cp))) {
			last = i;
			if (cp < 0x80 && islower((int)cp))
				upper = false;
			continue;
		}
		if (is_joiner(cp) && is_letter(peek_cp(s, len, i)))
			continue;
		i = at;
		break;
	}
	t->kind = TOK_WORD;
	t->start = (uint32_t)start;
	t->full = t->len = (uint32_t)(last - start);
	if (is_arabic(first))
		t->flags |= TF_ARABIC;
	else if (utf8proc_category((utf8proc_int32_t)first) == UTF8PROC_CATEGORY_LU)
		t->flags |= TF_CAP | (upper && t->len > 1 ? TF_UPPER : 0);
	/* A possessive: 's or ’s at the end. */
	if (t->len > 3 && (s[last - 1] == 's' || s[last - 1] == 'S')) {
		if (s[last - 2] == '\'') {
			t->len -= 2;
			t->flags |= TF_POSS;
		} else if (t->len > 4 && (unsigned char)s[last - 4] == 0xE2 &&
			   (unsigned char)s[last - 3] == 0x80 && (unsigned char)s[last - 2] == 0x99) {
			t->len -= 4;
			t->flags |= TF_POSS;
		}
	}
	return last;
}

/* A number from i: digits with , or . between digits.  Digits run into
 * letters ("13-year", "2nd") make a word. */
static size_t scan_number(const char *s, size_t len, size_t i, em__token *t)
{
	size_t start = i;
	double value = 0, scale = 0;

	while (i < len) {
		if (isdigit((unsigned char)s[i])) {
			if (scale > 0) {
				value += (s[i] - '0') / scale;
				scale *= 10;
			} else {
				value = value * 10 + (s[i] - '0');
			}
			i++;
		} else if ((s[i] == ',' || s[i] == '.') && i + 1 < len &&
			   isdigit((unsigned char)s[i + 1]) && scale == 0) {
			if (s[i] == '.')
				scale = 10;
			i++;
		} else {
			break;
		}
	}
	t->start = (uint32_t)start;
	t->full = t->len = (uint32_t)(i - start);
	t->number = value;
	t->kind = TOK_NUMBER;
	if (i < len && (isalpha((unsigned char)s[i]) ||
			(s[i] == '-' && i + 1 < len && isalpha((unsigned char)s[i + 1])))) {
		t->kind = TOK_WORD;
		return scan_word(s, len, start, t);
	}
	return i;
}

static bool is_abbreviation(const em_extract *ex, const em__token *t)
{
	static const char *const abbr[] = {
		"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "brig",
		"rep", "sen", "gov", "prof", "jr", "sr", "no", "vs", "etc", "jan", "feb", "aug",
		"sept", "oct", "nov", "dec", "inc", "ltd", "co", "approx", "fig", "p"};
	size_t len;
	const char *w = em__tok_text(ex, t, &len);

	if (t->kind != TOK_WORD)
		return false;
	if (len == 1 && (t->flags & TF_CAP))
		return true; /* an initial */
	for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
		if (strlen(abbr[i]) == len && strncasecmp(abbr[i], w, len) == 0)
			return true;
	return false;
}

/* True when a . ! ? at i (the punctuation token) ends the sentence. */
static bool ends_sentence(const em_extract *ex, size_t i, size_t end, const em__token *prev)
{
	const char *s = ex->text;
	uint32_t cp;

	if (prev && s[i] == '.' && is_abbreviation(ex, prev))
		return false;
	i++;
	while (i < end && (s[i] == '"' || s[i] == ')' || s[i] == '\''))
		i++;
	while (i < end) {
		size_t at = i;
		cp = next_cp(s, end, &i);
		if (cp == 0x201D || cp == 0x2019 || cp == ')' || cp == '"')
			continue;
		if (!is_space(cp)) {
			i = at;
			return false;
		}
		break;
	}
	while (i < end && is_space(peek_cp(s, end, i)))
		next_cp(s, end, &i);
	if (i >= end)
		return true;
	cp = peek_cp(s, end, i);
	return (cp < 0x80 && (isupper((int)cp) || isdigit((int)cp) || cp == '"')) ||
	       cp == 0x201C || cp == 0x2018 || is_arabic(cp) ||
	       utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

/* Wrapped text: at least ten lines, most of them 55 to 80 bytes long. */
static bool is_wrapped(const char *s, size_t len)
{
	size_t lines = 0, even = 0, start = 0;

	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == '\n') {
			size_t n = i - start;
			if (n > 0) {
				lines++;
				even += n >= 55 && n <= 80;
			}
			start = i + 1;
		}
	return lines >= 10 && even * 10 >= lines * 6;
}

/* Sentences are cut at this many tokens, whatever the punctuation. */
#define SENTENCE_TOKENS_MAX 400

static em_status close_sentence(em_extract *ex, size_t *first, uint32_t para)
{
	em__sentence *st;
	const em__token *last;

	if (ex->token_count == *first)
		return EM_OK;
	if (!EM_ARRAY_RESERVE(ex->sents, ex->sent_cap, ex->sent_count + 1))
		return EM_ERR_NOMEM;
	st = &ex->sents[ex->sent_count++];
	memset(st, 0, sizeof *st);
	last = &ex->tokens[ex->token_count - 1];
	st->tok = (uint32_t)*first;
	st->ntok = (uint32_t)(ex->token_count - *first);
	st->start = ex->tokens[*first].start;
	st->end = last->start + last->full;
	st->para = para;
	*first = ex->token_count;
	return EM_OK;
}

static void look_up(const em_extract *ex, em__token *t)
{
	const em__lexeme *lx = em__extract_lexeme(ex, ex->text + t->start, t->len);

	if (lx) {
		t->bits = lx->bits;
		t->value = lx->value;
		t->event = lx->event;
	}
}

static bool is_closing(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == '"' || cp == ')' || cp == '\'' || cp == ']';
}

/* One token from at; returns where the next starts, or 0 when out of memory. */
static size_t scan_token(em_extract *ex, size_t at, size_t len, uint32_t cp, size_t after)
{
	em__token *t = new_token(ex);

	if (!t)
		return 0;
	if (is_letter(cp)) {
		after = scan_word(ex->text, len, at, t);
		look_up(ex, t);
	} else if (cp < 0x80 && isdigit((int)cp)) {
		after = scan_number(ex->text, len, at, t);
		if (t->kind == TOK_WORD)
			look_up(ex, t);
	} else {
		t->kind = TOK_PUNCT;
		t->start = (uint32_t)at;
		t->full = t->len = (uint32_t)(after - at);
	}
	return after;
}

/* Whether the punctuation token just read ends its sentence. */
static bool token_ends(em_extract *ex, size_t first, size_t len)
{
	const em__token *t = &ex->tokens[ex->token_count - 1];
	const char c = ex->text[t->start];
	const em__token *prev = ex->token_count - 1 > first ? t - 1 : NULL;

	if (t->kind != TOK_PUNCT)
		return ex->token_count - first >= SENTENCE_TOKENS_MAX;
	if (c != '.' && c != '!' && c != '?' && !(t->len == 3 && memcmp(ex->text + t->start,
									 "\xE2\x80\xA6", 3) == 0))
		return false;
	return ends_sentence(ex, t->start, len, prev);
}

em_status em__extract_tokenize(em_extract *ex, size_t len)
{
	bool wrapped = is_wrapped(ex->text, len), closed = false;
	size_t first = 0, i = 0;
	uint32_t para = 0;

	ex->token_count = ex->sent_count = 0;
	while (i < len) {
		size_t at = i;
		uint32_t cp = next_cp(ex->text, len, &i);
		if (is_space(cp)) {
			size_t lines = cp == '\n';
			while (i < len && is_space(peek_cp(ex->text, len, i)))
				lines += next_cp(ex->text, len, &i) == '\n';
			if (lines >= 2 || (lines == 1 && !wrapped)) {
				if (close_sentence(ex, &first, para) != EM_OK)
					return EM_ERR_NOMEM;
				para++;
				closed = false;
			}
			continue;
		}
		if (closed && is_closing(cp) && ex->sent_count > 0) {
			ex->sents[ex->sent_count - 1].end = (uint32_t)i; /* a quote closing it */
			continue;
		}
		closed = false;
		i = scan_token(ex, at, len, cp, i);
		if (i == 0)
			return EM_ERR_NOMEM;
		if (token_ends(ex, first, len)) {
			if (close_sentence(ex, &first, para) != EM_OK)
				return EM_ERR_NOMEM;
			closed = true;
		}
	}
	return close_sentence(ex, &first, para);
}

const char *em__tok_text(const em_extract *ex, const em__token *t, size_t *len)
{
	*len = t->len;
	return ex->text + t->start;
}

