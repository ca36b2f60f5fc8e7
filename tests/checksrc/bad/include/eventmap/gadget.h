/* A public header that breaks each header rule once. */
/* The include guard is not EVENTMAP_*_H. */
#ifndef GADGET_H
#define GADGET_H /* checksrc-expect: prefix-macro{'GADGET_H'} */

#include <stddef.h>

#include <ogr_api.h> /* checksrc-expect: third-party{<ogr_api.h>} */
#include "cairo/cairo.h" /* checksrc-expect: third-party{<cairo/cairo.h>} */

#include "eventmap/export.h"

typedef struct em_gadget em_gadget;

typedef struct gadget_state { /* checksrc-expect: prefix-type{'gadget_state'} */
	int value;
} gadget_state;

typedef int gadget_count; /* checksrc-expect: prefix-type{'gadget_count'} */
typedef void (*gadget_cb)(int value); /* checksrc-expect: prefix-type{'gadget_cb'} */
struct gadget_tag; /* checksrc-expect: prefix-type{'gadget_tag'} */

#define GADGET_MAX 4 /* checksrc-expect: prefix-macro{'GADGET_MAX'} */
#define EM_GADGET_MIN 1
#define EM_GADGET_LAYER(g) ((OGRLayerH)(g)) /* checksrc-expect: third-party{'OGRLayerH'} */

EM_EXTERN em_gadget *em_gadget_create(void);
EM_EXTERN void em_widget_poke(em_gadget *gadget); /* checksrc-expect: prefix-function{'em_widget_poke'} */
void em_gadget_destroy(em_gadget *gadget); /* checksrc-expect: export-macro{'em_gadget_destroy'} */
EM_EXTERN void em_gadget_layer(em_gadget *gadget,
			       OGRLayerH layer); /* checksrc-expect: third-party{'OGRLayerH'} */
EM_EXTERN void em_gadget_draw(em_gadget *gadget, cairo_t *cr); /* checksrc-expect: third-party{'cairo_t'} */
EM_EXTERN PJ *em_gadget_proj(const em_gadget *gadget); /* checksrc-expect: third-party{'PJ'} */
EM_EXTERN struct json_object *em_gadget_json(const em_gadget *gadget); /* checksrc-expect: third-party */
int em_gadget_log(em_gadget *gadget, const char *format, ...) /* checksrc-expect: export-macro */
	__attribute__((format(printf, 2, 3)));
EM_EXTERN int
gadget_count_all(const em_gadget *gadget); /* checksrc-expect: prefix-function{'gadget_count_all'} */

static inline int em_state_value(const gadget_state *state) /* checksrc-expect: prefix-function */
{
	return state->value;
}

#endif
