/* Macros only: exempt from the function prefix rule. */
#ifndef EVENTMAP_COMMON_H
#define EVENTMAP_COMMON_H

#define EM_MIN(a, b) ((a) < (b) ? (a) : (b))
#define EM_DRIVER_NAME "GDAL's OGRLayer and cairo_t in a string are fine"

#endif
