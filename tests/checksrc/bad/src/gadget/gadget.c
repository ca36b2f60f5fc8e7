/* A source file that breaks each rule on functions and lines once. */
#include <stdlib.h>

#include "eventmap/gadget.h"

struct em_gadget {
	int value;
};

static int
too_long(const em_gadget *gadget, /* checksrc-expect: function-size{'too_long' is 11 lines (max 10)} */
	 int factor)
{
	int sum = 0;

	for (int i = 0; i < factor; i++)
		sum += gadget->value;
	if (sum < 0)
		sum = 0;
	sum *= 2;
	sum += 1;
	return sum;
}

const char *
gadget_name(const em_gadget *gadget, /* checksrc-expect: internal-symbol{'gadget_name'} */
	    int which)
{
	return gadget && which ? "gadget" : "";
}

int gadget_helper(int value) /* checksrc-expect: internal-symbol{'gadget_helper'} */
{
	return value + (int)gadget_name(NULL, 0)[0];
}

int em__gadget_shared(int value)
{
	return value - 1;
}

em_gadget *em_gadget_create(void)
{
	em_gadget *gadget = calloc(1, sizeof(*gadget));

	return gadget;
}

void em_gadget_destroy(em_gadget *gadget)
{
	int unused = 0; /* checksrc-expect: trailing-space */  
  	free(gadget); /* checksrc-expect: indent-mix{space before tab} */
	        (void)unused; /* checksrc-expect: indent-mix{8 or more spaces} */
	(void)gadget; /* checksrc-expect: line-length{111 columns} ......................................... */
}
