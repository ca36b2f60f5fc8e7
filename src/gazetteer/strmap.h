/* A string -> postings map for the name index: open addressing over
 * distinct strings, each with a singly linked list of (place, kind)
 * postings.  Strings live in one growable arena addressed by offset. */
#ifndef EM_GAZETTEER_STRMAP_H
#define EM_GAZETTEER_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STRMAP_NONE UINT32_MAX

typedef struct strmap_posting {
	uint32_t place;
	uint32_t next; /* STRMAP_NONE ends the list */
	uint8_t kind;
} strmap_posting;

typedef struct strmap_entry {
	uint64_t hash;
	uint32_t offset; /* into the arena */
	uint32_t len;
	uint32_t head;   /* first posting */
	uint32_t aux;    /* the owner's: the folded map keeps the key's entry here */
} strmap_entry;

typedef struct strmap {
	char *arena;
	size_t arena_len, arena_cap;
	strmap_entry *entries;
	size_t count, entries_cap;
	strmap_posting *postings;
	size_t postings_count, postings_cap;
	uint32_t *slots; /* entry index + 1, 0 = empty */
	size_t slots_mask;
} strmap;

uint64_t em__strmap_hash(const char *s, size_t len);

void em__strmap_free(strmap *map);

/* Adds (place, kind) under the string.  A place already at the head of the
 * string's list keeps the better (lower) kind.  The string's entry index,
 * or STRMAP_NONE when out of memory. */
uint32_t em__strmap_add(strmap *map, const char *s, size_t len, uint32_t place, uint8_t kind);

/* The entry index of the string, or STRMAP_NONE. */
uint32_t em__strmap_find(const strmap *map, const char *s, size_t len, uint64_t hash);

static inline const char *em__strmap_string(const strmap *map, uint32_t entry)
{
	return map->arena + map->entries[entry].offset;
}

#endif
