#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool em__array_reserve(void *array, size_t *cap, size_t need, size_t size)
{
	void *items, *grown;
	size_t new_cap;

	if (need <= *cap)
		return true;
	new_cap = *cap ? *cap : 16;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2)
			return false;
		new_cap *= 2;
	}
	if (size != 0 && new_cap > SIZE_MAX / size)
		return false;
	/* The pointer is read and written as bytes: any T * has the layout of
	 * a void * here, and memcpy keeps the compiler's aliasing rules. */
	memcpy(&items, array, sizeof(items));
	grown = realloc(items, new_cap * size);
	if (grown == NULL)
		return false;
	memcpy(array, &grown, sizeof(grown));
	*cap = new_cap;
	return true;
}
