/* Chunked string storage for datasets: strings are appended to the current
 * chunk and never moved, so pointers stay valid until the pool is cleared. */
#include "pool.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN 65536

struct em_pool_chunk {
	em_pool_chunk *next;
	size_t used, size;
	char data[];
};

const char *em__pool_strndup(em_pool *pool, const char *s, size_t len)
{
	em_pool_chunk *chunk = pool->head;
	char *copy;

	if (chunk == NULL || chunk->size - chunk->used < len + 1) {
		size_t size = len + 1 > CHUNK_MIN ? len + 1 : CHUNK_MIN;
		chunk = malloc(sizeof(*chunk) + size);
		if (chunk == NULL)
			return NULL;
		chunk->used = 0;
		chunk->size = size;
		chunk->next = pool->head;
		pool->head = chunk;
	}
	copy = chunk->data + chunk->used;
	if (len > 0)
		memcpy(copy, s, len);
	copy[len] = '\0';
	chunk->used += len + 1;
	return copy;
}

const char *em__pool_strdup(em_pool *pool, const char *s)
{
	return em__pool_strndup(pool, s ? s : "", s ? strlen(s) : 0);
}

void em__pool_clear(em_pool *pool)
{
	em_pool_chunk *chunk = pool->head;

	while (chunk != NULL) {
		em_pool_chunk *next = chunk->next;
		free(chunk);
		chunk = next;
	}
	pool->head = NULL;
}

void em__pool_reset(em_pool *pool)
{
	em_pool_chunk *keep = pool->head;

	if (keep == NULL)
		return;
	pool->head = keep->next;
	em__pool_clear(pool);
	if (keep->size > CHUNK_MIN) {
		free(keep); /* one huge string: not worth keeping */
		return;
	}
	keep->used = 0;
	keep->next = NULL;
	pool->head = keep;
}
