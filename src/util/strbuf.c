#include "strbuf.h"

#include "array.h"

#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool em__strbuf_append(em_strbuf *buf, const char *s, size_t len)
{
	if (buf->failed || !EM_ARRAY_RESERVE(buf->text, buf->cap, buf->len + len + 1)) {
		buf->failed = true;
		return false;
	}
	memcpy(buf->text + buf->len, s, len);
	buf->len += len;
	buf->text[buf->len] = '\0';
	return true;
}

bool em__strbuf_add_unique(em_strbuf *buf, const char *item, size_t len, const char *separator)
{
	char first;

	if (len == 0)
		return true;
	/* strstr needs a NUL-terminated needle: look for the item's bytes by
	 * its first byte and compare the rest. */
	first = item[0];
	for (const char *at = buf->text; at != NULL && (at = strchr(at, first)) != NULL; at++) {
		size_t sep = strlen(separator);
		bool starts = at == buf->text ||
			      ((size_t)(at - buf->text) >= sep &&
			       memcmp(at - sep, separator, sep) == 0);
		if (starts && strncmp(at, item, len) == 0 &&
		    (at[len] == '\0' || strncmp(at + len, separator, sep) == 0))
			return true;
	}
	if (buf->len > 0 && !em__strbuf_append(buf, separator, strlen(separator)))
		return false;
	return em__strbuf_append(buf, item, len);
}

bool em__strbuf_printf(em_strbuf *buf, const char *format, ...)
{
	va_list args;
	int n;

	va_start(args, format);
	n = vsnprintf(NULL, 0, format, args);
	va_end(args);
	if (buf->failed || n < 0 || !EM_ARRAY_RESERVE(buf->text, buf->cap, buf->len + (size_t)n + 1)) {
		buf->failed = true;
		return false;
	}
	va_start(args, format);
	vsnprintf(buf->text + buf->len, (size_t)n + 1, format, args);
	va_end(args);
	buf->len += (size_t)n;
	return true;
}

const char *em__strbuf_text(const em_strbuf *buf)
{
	return buf->text != NULL ? buf->text : "";
}

void em__strbuf_free(em_strbuf *buf)
{
	free(buf->text);
	memset(buf, 0, sizeof(*buf));
}
