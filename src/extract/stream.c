/* The input as a stream: checked to be UTF-8 text, HTML decoded to text
 * (tags dropped, script and style skipped, entities decoded, block
 * elements as paragraph breaks), every byte of text remembering where in
 * the file it came from, and cut into blocks that end at a paragraph. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/array.h"
#include "extract_internal.h"

enum { H_TEXT = 0, H_TAG, H_ENTITY, H_COMMENT, H_SKIP, H_SKIP_END };

static em_status grow(em_extract *ex);

/* Appends one byte of text that came from input byte src (character chr). */
static inline em_status put(em_extract *ex, char c, size_t src, size_t chr)
{
	if (ex->text_len == 0) {
		ex->base_byte = src;
		ex->base_char = chr;
	}
	if (src - ex->base_byte > UINT32_MAX || chr - ex->base_char > UINT32_MAX)
		return EM_ERR_LIMIT;
	if (ex->text_len + 1 >= ex->text_cap && grow(ex) != EM_OK)
		return EM_ERR_NOMEM;
	ex->text[ex->text_len] = c;
	ex->at_byte[ex->text_len] = (uint32_t)(src - ex->base_byte);
	ex->at_char[ex->text_len] = (uint32_t)(chr - ex->base_char);
	ex->text_len++;
	ex->any_text |= c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '\v';
	return EM_OK;
}

/* Doubles the room for text and its positions. */
static em_status grow(em_extract *ex)
{
	size_t cap = ex->text_cap ? ex->text_cap * 2 : 65536;
	char *text = realloc(ex->text, cap);
	uint32_t *at;

	if (!text)
		return EM_ERR_NOMEM;
	ex->text = text;
	at = realloc(ex->at_byte, cap * sizeof *at);
	if (!at)
		return EM_ERR_NOMEM;
	ex->at_byte = at;
	at = realloc(ex->at_char, cap * sizeof *at);
	if (!at)
		return EM_ERR_NOMEM;
	ex->at_char = at;
	ex->text_cap = cap;
	return EM_OK;
}

static em_status put_string(em_extract *ex, const char *s, size_t src, size_t chr)
{
	em_status status = EM_OK;

	for (; *s && status == EM_OK; s++)
		status = put(ex, *s, src, chr);
	return status;
}

/* A paragraph break, once. */
static em_status put_break(em_extract *ex, size_t src, size_t chr)
{
	if (ex->text_len == 0 || ex->text[ex->text_len - 1] == '\n')
		return EM_OK;
	ex->html_space = true;
	return put_string(ex, "\n\n", src, chr);
}

static void utf8_encode(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = 0;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		out[2] = 0;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		out[3] = 0;
	} else {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		out[4] = 0;
	}
}

static const struct {
	const char *name;
	unsigned long cp;
} named[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
	{"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C},
	{"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"eacute", 0xE9},
	{"copy", 0xA9}, {"shy", 0xAD}, {"middot", 0xB7}, {"uuml", 0xFC}, {"eacute", 0xE9},
};

/* The entity in ex->html_entity (without & and ;), as UTF-8, or false. */
static bool entity_decode(const em_extract *ex, char *out)
{
	const char *e = ex->html_entity;
	unsigned long cp = 0;
	char *end;

	if (e[0] == '#') {
		cp = (e[1] == 'x' || e[1] == 'X') ? strtoul(e + 2, &end, 16) : strtoul(e + 1, &end, 10);
		if (*end || end == e + 1 || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
			return false;
		utf8_encode(out, cp == 0xA0 ? ' ' : cp);
		return true;
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(named[i].name, e) == 0) {
			utf8_encode(out, named[i].cp);
			return true;
		}
	return false;
}

static bool is_block_tag(const char *tag)
{
	static const char *const tags[] = {
		"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr",
		"td", "th", "table", "title", "article", "section", "header", "footer",
		"blockquote", "figcaption", "figure", "aside", "nav", "main", "body", "hr",
		"dd", "dt", "pre", "caption"};

	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strcmp(tags[i], tag) == 0)
			return true;
	return false;
}

/* A tag has ended at input byte src. */
static em_status end_tag(em_extract *ex, size_t src, size_t chr)
{
	static const char *const skipped[] = {"script", "style", "noscript", "template", "svg",
					      "title", "nav", "footer", "aside", "form", "button",
					      "select", "iframe"};

	ex->html_tag[ex->html_tag_len] = 0;
	ex->html_state = H_TEXT;
	if (!ex->html_closing)
		for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
			if (strcmp(skipped[i], ex->html_tag) == 0) {
				snprintf(ex->html_skip, sizeof ex->html_skip, "</%s", skipped[i]);
				ex->html_skip_match = 0;
				ex->html_state = H_SKIP;
				return EM_OK;
			}
	if (is_block_tag(ex->html_tag))
		return put_break(ex, src, chr);
	if (strcmp(ex->html_tag, "br") == 0 && !ex->html_space) {
		ex->html_space = true; /* a line break inside a paragraph */
		return put(ex, ' ', src, chr);
	}
	return EM_OK;
}

static em_status html_text(em_extract *ex, char c, size_t src, size_t chr)
{
	if (c == '<') {
		ex->html_state = H_TAG;
		ex->html_tag_len = 0;
		ex->html_closing = false;
		ex->html_name_done = false;
		ex->html_quote = 0;
		return EM_OK;
	}
	if (c == '&') {
		ex->html_state = H_ENTITY;
		ex->html_entity_len = 0;
		ex->html_entity_at = src;
		ex->html_entity_char = chr;
		return EM_OK;
	}
	if (isspace((unsigned char)c)) {
		if (ex->html_space)
			return EM_OK;
		ex->html_space = true;
		return put(ex, ' ', src, chr);
	}
	ex->html_space = false;
	return put(ex, c, src, chr);
}

static em_status html_entity(em_extract *ex, char c, size_t src, size_t chr)
{
	char decoded[8];
	em_status status;

	if (c == ';' && ex->html_entity_len > 0) {
		ex->html_entity[ex->html_entity_len] = 0;
		ex->html_state = H_TEXT;
		if (entity_decode(ex, decoded)) {
			ex->html_space = decoded[0] == ' ';
			return put_string(ex, decoded, ex->html_entity_at, ex->html_entity_char);
		}
	} else if ((isalnum((unsigned char)c) || c == '#') &&
		   ex->html_entity_len + 1 < sizeof ex->html_entity) {
		ex->html_entity[ex->html_entity_len++] = c;
		return EM_OK;
	}
	/* Not an entity: the text as written. */
	ex->html_state = H_TEXT;
	ex->html_space = false;
	status = put(ex, '&', ex->html_entity_at, ex->html_entity_char);
	for (size_t i = 0; i < ex->html_entity_len && status == EM_OK; i++)
		status = put(ex, ex->html_entity[i], ex->html_entity_at + 1 + i,
			     ex->html_entity_char + 1 + i);
	if (status == EM_OK && c == ';')
		return put(ex, c, src, chr);
	return status == EM_OK ? html_text(ex, c, src, chr) : status;
}

static em_status html_tag(em_extract *ex, char c, size_t src, size_t chr)
{
	bool name_char = isalnum((unsigned char)c) || (c == '!' && ex->html_tag_len == 0) ||
			 (c == '-' && ex->html_tag_len > 0 && ex->html_tag[0] == '!');

	if (ex->html_quote) {
		if (c == ex->html_quote)
			ex->html_quote = 0;
		return EM_OK;
	}
	if (c == '>')
		return end_tag(ex, src, chr);
	if (!ex->html_name_done && ex->html_tag_len == 0 && c == '/' && !ex->html_closing) {
		ex->html_closing = true;
		return EM_OK;
	}
	if (!ex->html_name_done && name_char) {
		if (ex->html_tag_len + 1 < sizeof ex->html_tag)
			ex->html_tag[ex->html_tag_len++] = (char)tolower((unsigned char)c);
		if (ex->html_tag_len == 3 && memcmp(ex->html_tag, "!--", 3) == 0) {
			ex->html_state = H_COMMENT;
			ex->html_skip_match = 0;
		}
		return EM_OK;
	}
	ex->html_name_done = true;
	if (c == '"' || c == '\'')
		ex->html_quote = c;
	return EM_OK;
}

/* Inside a comment or a skipped element. */
static void html_skip(em_extract *ex, char c)
{
	if (ex->html_state == H_COMMENT) {
		if (c == '-')
			ex->html_skip_match++;
		else if (c == '>' && ex->html_skip_match >= 2)
			ex->html_state = H_TEXT;
		else
			ex->html_skip_match = 0;
		return;
	}
	if (ex->html_state == H_SKIP_END) {
		if (c == '>')
			ex->html_state = H_TEXT;
		return;
	}
	if (tolower((unsigned char)c) == ex->html_skip[ex->html_skip_match]) {
		if (ex->html_skip[++ex->html_skip_match] == 0)
			ex->html_state = H_SKIP_END;
	} else {
		ex->html_skip_match = c == '<' ? 1 : 0;
	}
}

static em_status html_byte(em_extract *ex, char c, size_t src, size_t chr)
{
	switch (ex->html_state) {
	case H_TEXT:
		return html_text(ex, c, src, chr);
	case H_ENTITY:
		return html_entity(ex, c, src, chr);
	case H_TAG:
		return html_tag(ex, c, src, chr);
	default:
		html_skip(ex, c);
		return EM_OK;
	}
}

/* Checks one input byte as UTF-8; false at the first byte that cannot be
 * text (a NUL, a malformed sequence). */
static bool utf8_ok(em_extract *ex, unsigned char c)
{
	if (ex->utf8_need > 0) {
		if ((c & 0xC0) != 0x80)
			return false;
		ex->utf8_need--;
		return true;
	}
	if (c == 0)
		return false;
	if (c < 0x80)
		return true;
	ex->utf8_lead = c;
	if (c >= 0xC2 && c <= 0xDF)
		ex->utf8_need = 1;
	else if (c >= 0xE0 && c <= 0xEF)
		ex->utf8_need = 2;
	else if (c >= 0xF0 && c <= 0xF4)
		ex->utf8_need = 3;
	else
		return false;
	ex->utf8_at = ex->in_bytes;
	return true;
}

static em_status not_text(const em_extract *ex, unsigned char c, em_error *err)
{
	if (c == 0)
		return em_error_set(err, EM_ERR_INVALID, "%s: byte %zu: a NUL byte: this is not "
				    "text (a binary file?); give plain text or HTML in UTF-8",
				    ex->label, ex->in_bytes);
	return em_error_set(err, EM_ERR_INVALID, "%s: byte %zu: not UTF-8 (byte 0x%02X); "
			    "convert the file to UTF-8 first (iconv -f WINDOWS-1256 -t UTF-8, "
			    "say)", ex->label, ex->utf8_need ? ex->utf8_at : ex->in_bytes,
			    ex->utf8_need ? ex->utf8_lead : c);
}

/* Decides text or HTML at the first byte that is not space or a BOM. */
static void detect(em_extract *ex, unsigned char c)
{
	if (ex->format_known || isspace(c) || c == 0xEF || c == 0xBB || c == 0xBF)
		return;
	ex->format_known = true;
	ex->html = ex->format == EM_EXTRACT_HTML || (ex->format == EM_EXTRACT_AUTO && c == '<');
}

/* Where to end a full block: after the last paragraph break in its second
 * half, else after the last sentence's end, else at a space. */
static size_t block_cut(const em_extract *ex)
{
	size_t limit = ex->text_len < EM_EXTRACT_BLOCK_MAX ? ex->text_len : EM_EXTRACT_BLOCK_MAX;
	const char *t = ex->text;

	for (size_t i = limit; i > limit / 2; i--)
		if (t[i - 1] == '\n' && i >= 2 && t[i - 2] == '\n')
			return i;
	for (size_t i = limit; i > limit / 2; i--)
		if (t[i - 1] == '\n' || (t[i - 1] == ' ' && i >= 2 && t[i - 2] == '.'))
			return i;
	for (size_t i = limit; i > limit / 2; i--)
		if (t[i - 1] == ' ')
			return i;
	return limit;
}

/* Extracts the first len bytes of the text and keeps the rest. */
static em_status flush(em_extract *ex, size_t len, em_error *err)
{
	em_status status = em__extract_block(ex, len, err);
	size_t rest = ex->text_len - len;

	if (status != EM_OK)
		return status;
	if (rest > 0) {
		uint32_t byte0 = ex->at_byte[len], char0 = ex->at_char[len];
		memmove(ex->text, ex->text + len, rest);
		for (size_t i = 0; i < rest; i++) {
			ex->at_byte[i] = ex->at_byte[len + i] - byte0;
			ex->at_char[i] = ex->at_char[len + i] - char0;
		}
		ex->base_byte += byte0;
		ex->base_char += char0;
	}
	ex->text_len = rest;
	return EM_OK;
}

static em_status push_byte(em_extract *ex, char c, em_error *err)
{
	unsigned char u = (unsigned char)c;
	em_status status = EM_OK;

	if (!utf8_ok(ex, u))
		return not_text(ex, u, err);
	detect(ex, u);
	if ((u & 0xC0) != 0x80)
		ex->in_chars++;
	if (ex->html)
		status = html_byte(ex, c, ex->in_bytes, ex->in_chars - 1);
	else if (c != '\r' && ex->format_known)
		status = put(ex, c, ex->in_bytes, ex->in_chars - 1);
	if (status == EM_ERR_LIMIT)
		status = flush(ex, ex->text_len, err);
	if (status == EM_ERR_NOMEM)
		return em_error_set(err, status, "%s: out of memory", ex->label);
	ex->in_bytes++;
	return status;
}

em_status em__extract_push(em_extract *ex, const char *bytes, size_t len, em_error *err)
{
	for (size_t i = 0; i < len; i++) {
		em_status status = push_byte(ex, bytes[i], err);
		if (status != EM_OK)
			return status;
		if (ex->text_len >= EM_EXTRACT_BLOCK_MAX) {
			status = flush(ex, block_cut(ex), err);
			if (status != EM_OK)
				return status;
		}
	}
	return EM_OK;
}

/* The end of the file: what is left is the last block. */
em_status em__extract_finish(em_extract *ex, em_error *err)
{
	if (ex->utf8_need > 0)
		return em_error_set(err, EM_ERR_INVALID, "%s: byte %zu: not UTF-8 (the file ends "
				    "inside a character)", ex->label, ex->utf8_at);
	if (!ex->any_text)
		return em_error_set(err, EM_ERR_INVALID, "%s: no text to read (%s)", ex->label,
				    ex->in_bytes == 0 ? "the file is empty"
						      : "only spaces and markup");
	return ex->text_len > 0 ? flush(ex, ex->text_len, err) : EM_OK;
}
