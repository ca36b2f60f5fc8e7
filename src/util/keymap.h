/* A map from byte strings to 64-bit values, for the sets and counters the
 * reader and resolver keep while rows stream past: report ids, names
 * already geocoded or warned about, region names, mapped points.  Keys are
 * copied into one arena addressed by offset; entries keep the order they
 * were added in, so a walk over them is deterministic. */
#ifndef EM_UTIL_KEYMAP_H
#define EM_UTIL_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct em_keymap_entry {
	uint32_t offset; /* into the arena */
	uint32_t len;
	uint64_t value;
} em_keymap_entry;

typedef struct em_keymap {
	char *arena;
	size_t arena_len, arena_cap;
	em_keymap_entry *entries;
	size_t count, entries_cap;
	uint32_t *slots; /* entry index + 1; 0 is empty */
	size_t slots_mask;
} em_keymap;

/* The value stored under the key.  When the key is absent and `add` is
 * true it is added with value 0 and *added (if given) is set; when absent
 * and `add` is false, NULL.  NULL also when out of memory or when the map
 * would pass 4 GiB of keys or 2^31 entries (a limit, not a crash). */
uint64_t *em__keymap_get(em_keymap *map, const void *key, size_t len, bool add, bool *added);

static inline size_t em__keymap_count(const em_keymap *map)
{
	return map->count;
}

/* The i-th key added (its bytes are not NUL-terminated). */
static inline const char *em__keymap_key(const em_keymap *map, size_t i, size_t *len)
{
	*len = map->entries[i].len;
	return map->arena + map->entries[i].offset;
}

/* Removes every key and frees the memory; the map is empty and reusable. */
void em__keymap_clear(em_keymap *map);

/* Bytes the map holds, for callers that bound it. */
size_t em__keymap_bytes(const em_keymap *map);

#endif
