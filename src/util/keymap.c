/* Open addressing over an insertion-ordered entry array; see keymap.h. */
#include "keymap.h"

#include <stdlib.h>
#include <string.h>

#define ENTRIES_MAX ((size_t)1 << 31)
#define ARENA_MAX ((size_t)UINT32_MAX)

static uint64_t hash_bytes(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	/* FNV's low bits are weak; mix them before masking. */
	h ^= h >> 32;
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

static bool grow_slots(em_keymap *map)
{
	size_t size = map->slots_mask ? (map->slots_mask + 1) * 2 : 64;
	uint32_t *slots = calloc(size, sizeof(*slots));

	if (slots == NULL)
		return false;
	for (size_t i = 0; i < map->count; i++) {
		const em_keymap_entry *e = &map->entries[i];
		size_t s = hash_bytes(map->arena + e->offset, e->len) & (size - 1);
		while (slots[s] != 0)
			s = (s + 1) & (size - 1);
		slots[s] = (uint32_t)(i + 1);
	}
	free(map->slots);
	map->slots = slots;
	map->slots_mask = size - 1;
	return true;
}

static bool reserve(em_keymap *map, size_t len)
{
	if (map->count + 1 >= ENTRIES_MAX || map->arena_len + len > ARENA_MAX)
		return false;
	if (map->count == map->entries_cap) {
		size_t cap = map->entries_cap ? map->entries_cap * 2 : 32;
		em_keymap_entry *grown = realloc(map->entries, cap * sizeof(*grown));
		if (grown == NULL)
			return false;
		map->entries = grown;
		map->entries_cap = cap;
	}
	if (map->arena_len + len > map->arena_cap) {
		size_t cap = map->arena_cap ? map->arena_cap * 2 : 1024;
		char *grown;
		while (cap < map->arena_len + len)
			cap *= 2;
		if (cap > ARENA_MAX)
			cap = ARENA_MAX;
		grown = realloc(map->arena, cap);
		if (grown == NULL)
			return false;
		map->arena = grown;
		map->arena_cap = cap;
	}
	return (map->count + 1) * 2 <= map->slots_mask + 1 || grow_slots(map);
}

uint64_t *em__keymap_get(em_keymap *map, const void *key, size_t len, bool add, bool *added)
{
	uint64_t h = hash_bytes(key, len);
	size_t s;
	em_keymap_entry *e;

	if (added != NULL)
		*added = false;
	if (map->slots != NULL) {
		for (s = h & map->slots_mask; map->slots[s] != 0; s = (s + 1) & map->slots_mask) {
			e = &map->entries[map->slots[s] - 1];
			if (e->len == len && memcmp(map->arena + e->offset, key, len) == 0)
				return &e->value;
		}
	}
	if (!add || !reserve(map, len))
		return NULL;
	/* reserve() may have rehashed: find the free slot again. */
	for (s = h & map->slots_mask; map->slots[s] != 0; s = (s + 1) & map->slots_mask)
		;
	e = &map->entries[map->count];
	e->offset = (uint32_t)map->arena_len;
	e->len = (uint32_t)len;
	e->value = 0;
	if (len > 0)
		memcpy(map->arena + map->arena_len, key, len);
	map->arena_len += len;
	map->slots[s] = (uint32_t)(++map->count);
	if (added != NULL)
		*added = true;
	return &e->value;
}

void em__keymap_clear(em_keymap *map)
{
	free(map->arena);
	free(map->entries);
	free(map->slots);
	memset(map, 0, sizeof(*map));
}

size_t em__keymap_bytes(const em_keymap *map)
{
	return map->arena_cap + map->entries_cap * sizeof(em_keymap_entry) +
	       (map->slots ? (map->slots_mask + 1) * sizeof(uint32_t) : 0);
}
