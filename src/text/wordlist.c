/* Folded word lists: see wordlist.h. */
#include "wordlist.h"

#include <string.h>

#include "../util/keymap.h"

#define SLOTS (EM__WORDLIST_MAX * 2)

static size_t home_slot(const char *folded, size_t len)
{
	return em__keymap_hash(folded, len) & (SLOTS - 1);
}

bool em__wordlist_fold(em__wordlist *list, const char *const *first, size_t stride, size_t count,
		       em_text_form form)
{
	memset(list, 0, sizeof(*list));
	if (count > EM__WORDLIST_MAX)
		return false;
	for (size_t i = 0; i < count; i++) {
		const char *const *word = (const void *)((const char *)first + i * stride);
		size_t len, s;

		if (em_text_fold(list->words[i], EM__WORDLIST_BYTES, &len, *word, strlen(*word),
				 form) != EM_OK || len == 0)
			continue;
		list->lengths[i] = (uint8_t)len;
		/* Linear probing keeps the first of equal words nearest home:
		 * a look-up finds it before the later ones. */
		s = home_slot(list->words[i], len);
		while (list->slots[s] != 0)
			s = (s + 1) & (SLOTS - 1);
		list->slots[s] = (int16_t)(i + 1);
	}
	list->count = count;
	return true;
}

int em__wordlist_find(const em__wordlist *list, const char *folded, size_t len)
{
	if (len == 0 || len >= EM__WORDLIST_BYTES)
		return -1;
	for (size_t s = home_slot(folded, len); list->slots[s] != 0; s = (s + 1) & (SLOTS - 1)) {
		int i = list->slots[s] - 1;

		if (list->lengths[i] == len && memcmp(list->words[i], folded, len) == 0)
			return i;
	}
	return -1;
}
