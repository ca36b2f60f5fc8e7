/* The gazetteer's private state, shared by its loader and its index. */
#ifndef EM_GAZETTEER_INTERNAL_H
#define EM_GAZETTEER_INTERNAL_H

#include <pthread.h>

#include "eventmap/gazetteer.h"
#include "../util/keymap.h"

/* A place a string of the name index names, and how. */
typedef struct posting {
	uint32_t place;
	uint32_t next; /* POSTING_NONE ends the string's list */
	uint8_t kind;  /* em_name_kind */
} posting;

#define POSTING_NONE UINT32_MAX

/* Strings -> the places they name (index.c): each string once in the
 * keymap, whose value holds the string's first posting in its low 32 bits
 * and a word of the index's own in its high 32 bits. */
typedef struct name_map {
	em_keymap strings;
	posting *postings;
	size_t postings_count, postings_cap;
} name_map;

/* One symmetric-delete entry: a hash of a key with up to two bytes
 * deleted, and the key it came from.  Sorted by bucket for O(1) look-up. */
typedef struct fuzzy_entry {
	uint32_t check; /* the hash's low 32 bits */
	uint32_t key;   /* entry index in the key map */
} fuzzy_entry;

struct em_gazetteer {
	em_place *places;
	size_t count, places_cap;
	char **buffers; /* file contents and labels, owned */
	size_t buffers_count, buffers_cap;
	bool finished;

	name_map folded; /* EM_TEXT_FOLDED form of every name -> places; the
			    high word: the key's entry (see index.c) */
	name_map keys;   /* EM_TEXT_KEY form of every name -> places */
	name_map seats;  /* key of a first-order seat's names -> seat places */
	em_keymap names_ar;  /* geonameid -> index + 1 in names_ar_text (corrections) */
	char **names_ar_text;
	size_t names_ar_count, names_ar_cap;
	uint32_t *seat_places; /* every seat, for code -> name */
	size_t seat_count;

	/* Built on the first fuzzy look-up (or em_gazetteer_prepare_fuzzy):
	 * exact look-ups need not wait for it. */
	pthread_mutex_t fuzzy_lock;
	int fuzzy_ready; /* read and written atomically */
	fuzzy_entry *fuzzy;
	uint32_t *fuzzy_buckets; /* 2^fuzzy_bits + 1 starts into fuzzy */
	unsigned fuzzy_bits;
	size_t fuzzy_count;
};

void em__gazetteer_index_free(em_gazetteer *gazetteer);

/* Arabic names (arabic.c): a correction for a place id, and the choice for
 * every place at finish. */
em_status em__gazetteer_add_name_ar(em_gazetteer *gazetteer, const char *id, const char *name,
				    size_t len);
const char *em__gazetteer_find_name_ar(const em_gazetteer *gazetteer, const em_place *place);
em_status em__gazetteer_name_arabic(em_gazetteer *gazetteer);
void em__gazetteer_names_ar_free(em_gazetteer *gazetteer);

/* The whole file at path in a NUL-terminated heap buffer (*out, the
 * caller's; its length in *len), or an error naming the file. */
em_status em__gazetteer_read_file(const char *path, char **out, size_t *len, em_error *err);

/* Hands a heap buffer to the gazetteer, freed with it; false when out of
 * memory (the caller still owns it). */
bool em__gazetteer_keep_buffer(em_gazetteer *gazetteer, char *buffer);

/* A new place, zeroed, at the end of the list. */
em_status em__gazetteer_add_place(em_gazetteer *gazetteer, em_place **out, em_error *err);

#endif
