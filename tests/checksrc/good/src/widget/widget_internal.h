/* Shared between the files of the library: em__ names. */
#ifndef EM_WIDGET_INTERNAL_H
#define EM_WIDGET_INTERNAL_H

#include "eventmap/widget.h"

struct em_widget {
	em_widget_options options;
	int value;
};

int em__widget_scale(const em_widget *widget, int factor);

static inline int helper_double(int value)
{
	return 2 * value;
}

#endif
