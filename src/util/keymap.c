/* Open addressing with linear probing over an insertion-ordered entry
 * array; see keymap.h.  A look-up touches a slot, an entry (whose hash is
 * compared before its key) and the key's bytes: one or two cache lines,
 * which is what makes a million of the gazetteer's exact look-ups a
 * second possible. */
#include "keymap.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

#define ENTRIES_MAX ((size_t)1 << 31)
#define ARENA_MAX ((size_t)UINT32_MAX)
#define SLOTS_MIN 64

uint64_t em__keymap_hash(const void *key, size_t len)
{
	/* FNV-1a, then a final mix so that the low bits index slots well. */
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static bool grow_slots(em_keymap *map)
{
	size_t size = map->slots_mask ? (map->slots_mask + 1) * 2 : SLOTS_MIN;
	uint32_t *slots = calloc(size, sizeof(*slots));

	if (slots == NULL)
		return false;
	for (size_t i = 0; i < map->count; i++) {
		size_t s = map->entries[i].hash & (size - 1);
		while (slots[s] != 0)
			s = (s + 1) & (size - 1);
		slots[s] = (uint32_t)(i + 1);
	}
	free(map->slots);
	map->slots = slots;
	map->slots_mask = size - 1;
	return true;
}

/* Room for one more entry of len bytes, the slots at most half full. */
static bool reserve(em_keymap *map, size_t len)
{
	if (map->count + 1 >= ENTRIES_MAX || len > ARENA_MAX - map->arena_len)
		return false;
	/* The caps are checked here first: the gazetteer's index adds
	 * tens of thousands of names, most without growing anything. */
	if (map->count + 1 > map->entries_cap &&
	    !EM_ARRAY_RESERVE(map->entries, map->entries_cap, map->count + 1))
		return false;
	if (map->arena_len + len > map->arena_cap &&
	    !EM_ARRAY_RESERVE(map->arena, map->arena_cap, map->arena_len + len))
		return false;
	return (map->count + 1) * 2 <= map->slots_mask + 1 || grow_slots(map);
}

uint32_t em__keymap_find(const em_keymap *map, const void *key, size_t len, uint64_t hash)
{
	if (map->slots == NULL)
		return EM_KEYMAP_NONE;
	for (size_t s = hash & map->slots_mask; map->slots[s] != 0; s = (s + 1) & map->slots_mask) {
		const em_keymap_entry *e = &map->entries[map->slots[s] - 1];

		if (e->hash == hash && e->len == len &&
		    (len == 0 || memcmp(map->arena + e->offset, key, len) == 0))
			return map->slots[s] - 1;
	}
	return EM_KEYMAP_NONE;
}

uint32_t em__keymap_add(em_keymap *map, const void *key, size_t len, uint64_t hash, bool *added)
{
	uint32_t index = em__keymap_find(map, key, len, hash);
	em_keymap_entry *e;
	size_t s;

	if (added != NULL)
		*added = false;
	if (index != EM_KEYMAP_NONE)
		return index;
	if (!reserve(map, len))
		return EM_KEYMAP_NONE;
	/* reserve() may have rehashed: the free slot is found now. */
	for (s = hash & map->slots_mask; map->slots[s] != 0; s = (s + 1) & map->slots_mask)
		;
	index = (uint32_t)map->count;
	e = &map->entries[index];
	e->hash = hash;
	e->offset = (uint32_t)map->arena_len;
	e->len = (uint32_t)len;
	e->value = 0;
	if (len > 0)
		memcpy(map->arena + map->arena_len, key, len);
	map->arena_len += len;
	map->slots[s] = index + 1;
	map->count++;
	if (added != NULL)
		*added = true;
	return index;
}

uint64_t *em__keymap_get(em_keymap *map, const void *key, size_t len, bool add, bool *added)
{
	uint64_t hash = em__keymap_hash(key, len);
	uint32_t index;

	if (add) {
		index = em__keymap_add(map, key, len, hash, added);
	} else {
		index = em__keymap_find(map, key, len, hash);
		if (added != NULL)
			*added = false;
	}
	return index == EM_KEYMAP_NONE ? NULL : &map->entries[index].value;
}

const uint64_t *em__keymap_value(const em_keymap *map, const void *key, size_t len)
{
	uint32_t index = em__keymap_find(map, key, len, em__keymap_hash(key, len));

	return index == EM_KEYMAP_NONE ? NULL : &map->entries[index].value;
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
