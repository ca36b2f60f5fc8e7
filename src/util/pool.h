/* A string pool: copies that live as long as the pool, freed all at once.
 * Datasets hold many short strings; one allocation per string would cost
 * more than the strings. */
#ifndef EM_UTIL_POOL_H
#define EM_UTIL_POOL_H

#include <stddef.h>

typedef struct em_pool_chunk em_pool_chunk;

typedef struct em_pool {
	em_pool_chunk *head;
} em_pool;

/* A NUL-terminated copy of len bytes at s, or NULL when out of memory. */
const char *em__pool_strndup(em_pool *pool, const char *s, size_t len);
const char *em__pool_strdup(em_pool *pool, const char *s);

/* Forgets every string but keeps one chunk for the next: a scratch pool
 * reset once a row costs no allocation. */
void em__pool_reset(em_pool *pool);

/* Frees every string; the pool is empty and reusable afterwards. */
void em__pool_clear(em_pool *pool);

#endif
