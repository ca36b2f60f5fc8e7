/* The name index's hash map.  Open addressing with linear probing keeps a
 * look-up to one or two cache lines, which is what makes a million exact
 * look-ups a second possible. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

uint64_t em__strmap_hash(const char *s, size_t len)
{
	/* FNV-1a, then a final mix so the low bits index slots well. */
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

void em__strmap_free(strmap *map)
{
	if (map == NULL)
		return;
	free(map->arena);
	free(map->entries);
	free(map->postings);
	free(map->slots);
	memset(map, 0, sizeof(*map));
}

static bool grow(void **buffer, size_t *cap, size_t need, size_t item)
{
	size_t new_cap;
	void *grown;

	if (need <= *cap)
		return true;
	new_cap = *cap ? *cap : 64;
	while (new_cap < need)
		new_cap *= 2;
	grown = realloc(*buffer, new_cap * item);
	if (grown == NULL)
		return false;
	*buffer = grown;
	*cap = new_cap;
	return true;
}

static bool rehash(strmap *map)
{
	size_t size = map->slots_mask ? (map->slots_mask + 1) * 2 : 1024;
	uint32_t *slots = calloc(size, sizeof(*slots));

	if (slots == NULL)
		return false;
	for (size_t e = 0; e < map->count; e++) {
		size_t s = map->entries[e].hash & (size - 1);
		while (slots[s] != 0)
			s = (s + 1) & (size - 1);
		slots[s] = (uint32_t)e + 1;
	}
	free(map->slots);
	map->slots = slots;
	map->slots_mask = size - 1;
	return true;
}

uint32_t em__strmap_find(const strmap *map, const char *s, size_t len, uint64_t hash)
{
	size_t slot;

	if (map->slots == NULL)
		return STRMAP_NONE;
	slot = hash & map->slots_mask;
	while (map->slots[slot] != 0) {
		const strmap_entry *e = &map->entries[map->slots[slot] - 1];
		if (e->hash == hash && e->len == len &&
		    memcmp(map->arena + e->offset, s, len) == 0)
			return map->slots[slot] - 1;
		slot = (slot + 1) & map->slots_mask;
	}
	return STRMAP_NONE;
}

static uint32_t insert_entry(strmap *map, const char *s, size_t len, uint64_t hash)
{
	strmap_entry *e;
	size_t slot;

	if ((map->count + 1) * 2 > map->slots_mask + 1 && !rehash(map))
		return STRMAP_NONE;
	if (!grow((void **)&map->entries, &map->entries_cap, map->count + 1, sizeof(*map->entries)) ||
	    !grow((void **)&map->arena, &map->arena_cap, map->arena_len + len + 1, 1))
		return STRMAP_NONE;
	e = &map->entries[map->count];
	e->hash = hash;
	e->offset = (uint32_t)map->arena_len;
	e->len = (uint32_t)len;
	e->head = STRMAP_NONE;
	e->aux = STRMAP_NONE;
	memcpy(map->arena + map->arena_len, s, len);
	map->arena[map->arena_len + len] = '\0';
	map->arena_len += len + 1;
	slot = hash & map->slots_mask;
	while (map->slots[slot] != 0)
		slot = (slot + 1) & map->slots_mask;
	map->slots[slot] = (uint32_t)map->count + 1;
	return (uint32_t)map->count++;
}

uint32_t em__strmap_add(strmap *map, const char *s, size_t len, uint32_t place, uint8_t kind)
{
	uint64_t hash = em__strmap_hash(s, len);
	uint32_t entry = em__strmap_find(map, s, len, hash);
	strmap_posting *p;

	if (len >= UINT32_MAX || map->arena_len + len + 1 >= UINT32_MAX)
		return STRMAP_NONE;
	if (entry == STRMAP_NONE) {
		entry = insert_entry(map, s, len, hash);
		if (entry == STRMAP_NONE)
			return STRMAP_NONE;
	}
	if (map->entries[entry].head != STRMAP_NONE) {
		p = &map->postings[map->entries[entry].head];
		if (p->place == place) {
			if (kind < p->kind)
				p->kind = kind;
			return entry;
		}
	}
	if (!grow((void **)&map->postings, &map->postings_cap, map->postings_count + 1,
		  sizeof(*map->postings)))
		return STRMAP_NONE;
	p = &map->postings[map->postings_count];
	p->place = place;
	p->kind = kind;
	p->next = map->entries[entry].head;
	map->entries[entry].head = (uint32_t)map->postings_count++;
	return entry;
}
