/* A growing string, for lists whose length the data decides (the sources
 * of a place, an arrow or a poster): never cut, or failed for want of
 * memory, which the owner reports. */
#ifndef EM_UTIL_STRBUF_H
#define EM_UTIL_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct em_strbuf {
	char *text;  /* NUL-terminated once anything was added; NULL before */
	size_t len, cap;
	bool failed; /* out of memory: what follows is not added */
} em_strbuf;

/* Appends len bytes of s. */
bool em__strbuf_append(em_strbuf *buf, const char *s, size_t len);

/* Appends `item` (len bytes), after `separator` unless the string is
 * empty, unless it already holds that item whole between separators. */
bool em__strbuf_add_unique(em_strbuf *buf, const char *item, size_t len, const char *separator);

/* Appends a printf-style text. */
bool em__strbuf_printf(em_strbuf *buf, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The text so far: "" when empty. */
const char *em__strbuf_text(const em_strbuf *buf);

/* Frees the text; the buffer is empty and reusable. */
void em__strbuf_free(em_strbuf *buf);

#endif
