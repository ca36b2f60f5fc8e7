/* JSON text that is also safe as a JavaScript expression in a page. */
#include "web_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* The length of the UTF-8 sequence at s (1 to 4), or 0 when it is not one. */
static size_t utf8_length(const unsigned char *s)
{
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
		 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;

	if (n == 0 || (n == 2 && s[0] < 0xC2) || (n == 4 && s[0] > 0xF4))
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
	    (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
		return 0; /* overlong, a surrogate, or beyond U+10FFFF */
	return n;
}

void em__json_string(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");

	fputc('"', out);
	while (*s) {
		size_t n = utf8_length(s);
		if (n == 0) {
			fputs("\\ufffd", out);
			s++;
		} else if (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9)) {
			fputs(s[2] == 0xA8 ? "\\u2028" : "\\u2029", out);
			s += 3;
		} else if (n > 1) {
			fwrite(s, 1, n, out);
			s += n;
		} else {
			switch (*s) {
			case '"': fputs("\\\"", out); break;
			case '\\': fputs("\\\\", out); break;
			case '\n': fputs("\\n", out); break;
			case '\t': fputs("\\t", out); break;
			case '\r': fputs("\\r", out); break;
			case '<': case '>': case '&': fprintf(out, "\\u%04x", *s); break;
			default:
				if (*s < 0x20 || *s == 0x7F)
					fprintf(out, "\\u%04x", *s);
				else
					fputc(*s, out);
			}
			s++;
		}
	}
	fputc('"', out);
}

void em__json_key(FILE *out, bool *first, const char *key)
{
	if (!*first)
		fputc(',', out);
	*first = false;
	em__json_string(out, key);
	fputc(':', out);
}

void em__json_key_string(FILE *out, bool *first, const char *key, const char *text)
{
	em__json_key(out, first, key);
	em__json_string(out, text);
}

void em__json_key_int(FILE *out, bool *first, const char *key, long long value)
{
	em__json_key(out, first, key);
	fprintf(out, "%lld", value);
}

void em__json_key_bool(FILE *out, bool *first, const char *key, bool value)
{
	em__json_key(out, first, key);
	fputs(value ? "true" : "false", out);
}

void em__json_number(FILE *out, double value, int decimals)
{
	char text[64];
	char *end;

	if (!isfinite(value)) {
		fputs("null", out);
		return;
	}
	snprintf(text, sizeof(text), "%.*f", decimals, value);
	if (strchr(text, '.') != NULL) {
		end = text + strlen(text) - 1;
		while (*end == '0')
			*end-- = '\0';
		if (*end == '.')
			*end = '\0';
	}
	fputs(strcmp(text, "-0") == 0 ? "0" : text, out);
}

void em__json_color(FILE *out, em_color c)
{
	int r = (int)lround(c.r * 255), g = (int)lround(c.g * 255), b = (int)lround(c.b * 255);

	if (c.a >= 0.999)
		fprintf(out, "\"#%02x%02x%02x\"", r, g, b);
	else
		fprintf(out, "\"rgba(%d,%d,%d,%.3g)\"", r, g, b, c.a);
}
