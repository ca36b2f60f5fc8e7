/* The library's one map from byte strings to 64-bit values: the sets and
 * counters the reader and resolver keep while rows stream past (report
 * ids, names already geocoded or warned about, region names, mapped
 * points), and under the gazetteer's name index (string -> its postings).
 * Keys are copied into one arena addressed by offset; entries keep the
 * order they were added in, so a walk over them is deterministic, and an
 * entry's index never changes until the map is cleared. */
#ifndef EM_UTIL_KEYMAP_H
#define EM_UTIL_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No entry: what the index-returning functions give for "absent". */
#define EM_KEYMAP_NONE UINT32_MAX

typedef struct em_keymap_entry {
	uint64_t hash;   /* em__keymap_hash of the key: compared first, and kept for rehashing */
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

/* The hash the map files a key under: a caller that looks the same bytes
 * up in several maps, or keeps hashes of its own (the gazetteer's fuzzy
 * index), computes it once. */
uint64_t em__keymap_hash(const void *key, size_t len);

/* The index of the entry whose key is these bytes (hash is
 * em__keymap_hash of them), or EM_KEYMAP_NONE. */
uint32_t em__keymap_find(const em_keymap *map, const void *key, size_t len, uint64_t hash);

/* The same, adding the key with value 0 when it is absent (then *added,
 * if given, is set).  EM_KEYMAP_NONE when out of memory or when the map
 * would pass 4 GiB of keys or 2^31 entries (a limit, not a crash). */
uint32_t em__keymap_add(em_keymap *map, const void *key, size_t len, uint64_t hash, bool *added);

/* The value stored under the key.  When the key is absent and `add` is
 * true it is added with value 0 and *added (if given) is set; when absent
 * and `add` is false, NULL.  NULL also when out of memory or past the
 * limits above. */
uint64_t *em__keymap_get(em_keymap *map, const void *key, size_t len, bool add, bool *added);

/* The value stored under the key, or NULL: the look-up of a map that is
 * only read. */
const uint64_t *em__keymap_value(const em_keymap *map, const void *key, size_t len);

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
