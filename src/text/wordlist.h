/* Short fixed lists of words, each folded once into one form and then
 * found by that form: the generic and the descriptive words of place
 * names (geocode/words.c), the words that say "first-order division"
 * (gazetteer/index.c).  A list lives in static storage and allocates
 * nothing; it is filled once (under the caller's pthread_once) and only
 * read afterwards, from any thread. */
#ifndef EM_TEXT_WORDLIST_H
#define EM_TEXT_WORDLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eventmap/text.h"

#define EM__WORDLIST_MAX 128  /* words in a list */
#define EM__WORDLIST_BYTES 32 /* a folded word, its NUL included */

typedef struct em__wordlist {
	size_t count;
	char words[EM__WORDLIST_MAX][EM__WORDLIST_BYTES];
	uint8_t lengths[EM__WORDLIST_MAX];   /* 0: the word did not fold, and is never found */
	int16_t slots[EM__WORDLIST_MAX * 2]; /* word index + 1 by folded form; 0 is empty */
} em__wordlist;

/* Folds `count` words into `form`.  Word i is the string that the pointer
 * at `(const char *)first + i * stride` points to, so that a column of a
 * table of structs is a list as well as an array of strings is (see
 * EM__WORDLIST_COLUMN).  false, and an empty list, when count exceeds
 * EM__WORDLIST_MAX. */
bool em__wordlist_fold(em__wordlist *list, const char *const *first, size_t stride, size_t count,
		       em_text_form form);

/* first, stride and count for em__wordlist_fold: every string of an array
 * of strings, or the `field` of every row of an array of structs. */
#define EM__WORDLIST_ALL(strings) \
	&(strings)[0], sizeof((strings)[0]), sizeof(strings) / sizeof((strings)[0])
#define EM__WORDLIST_COLUMN(table, field) \
	&(table)[0].field, sizeof((table)[0]), sizeof(table) / sizeof((table)[0])

/* The index of the first word of the list whose folded form is the len
 * bytes at folded, or -1. */
int em__wordlist_find(const em__wordlist *list, const char *folded, size_t len);

#endif
