/* Growing arrays: the one way the library makes room for one more item. */
#ifndef EM_UTIL_ARRAY_H
#define EM_UTIL_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Makes room for `need` items of `size` bytes in the array that
 * *(T **)array points to, doubling the capacity *cap (from 16) as often as
 * needed.  false when out of memory or when the bytes would overflow; the
 * array and *cap are then unchanged. */
bool em__array_reserve(void *array, size_t *cap, size_t need, size_t size);

/* EM_ARRAY_RESERVE(list, cap, count + 1) */
#define EM_ARRAY_RESERVE(items, cap, need) \
	em__array_reserve(&(items), &(cap), (need), sizeof(*(items)))

#endif
