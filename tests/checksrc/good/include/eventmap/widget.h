/* A public header that follows every rule.  Comments may name GDAL,
 * OGRLayerH, cairo_t, PangoLayout, PJ and json_object freely. */
#ifndef EVENTMAP_WIDGET_H
#define EVENTMAP_WIDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum em_status {
	EM_OK = 0,
	EM_ERR = -1
} em_status;

typedef int em_count;

typedef struct em_widget em_widget;

typedef struct em_widget_options {
	const char *label;      /* "{ not a brace }" */
	em_count size;
	void (*callback)(void *context, int value); /* a member, not a function */
} em_widget_options;

typedef em_status (*em_widget_sink)(void *context, const em_widget *widget);

#define EM_WIDGET_MAX 16
#define EM_WIDGET_LABEL(w) ((w)->label)

EM_EXTERN em_status em_widget_create(em_widget **out,
				     const em_widget_options *options);
EM_EXTERN void em_widget_destroy(em_widget *widget);
EM_EXTERN const char *em_status_name(em_status status);
EM_EXTERN em_count em_count_add(em_count a, em_count b);
EM_EXTERN em_status em_widget_fail(em_widget *widget, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
EM_EXTERN void (*em_widget_handler(int kind))(int value);

static inline bool em_widget_options_empty(const em_widget_options *options)
{
	return options->label == NULL && options->size == 0;
}

#ifdef __cplusplus
}
#endif

#endif
