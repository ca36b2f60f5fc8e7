/* eventmap — mapview: the main map's extent and projection (PROJ), and the
 * transforms between the ground and the page.  By default a local
 * transverse Mercator centred on the data, so scale and north are true at
 * the map's centre; any PROJ string or EPSG code may replace it. */
#ifndef EVENTMAP_MAPVIEW_H
#define EVENTMAP_MAPVIEW_H

#include "eventmap/export.h"

#include <stdbool.h>

#include "eventmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_bbox {
	double west, south, east, north; /* degrees */
} em_bbox;

typedef struct em_mapview em_mapview;

/* Fits `data` (lon/lat) into a frame of width x height mm, with `margin`
 * (a fraction of the extent) around it and at least `min_extent_km` across,
 * widened to the frame's proportions.  crs: NULL for the automatic
 * transverse Mercator.  EM_ERR_INVALID when PROJ refuses the CRS (its
 * message in err). */
EM_EXTERN em_status em_mapview_create(em_mapview **out, const em_bbox *data, double width_mm,
			    double height_mm, double margin, double min_extent_km,
			    const char *crs, em_error *err);
EM_EXTERN void em_mapview_destroy(em_mapview *view);

/* Page position in mm from the frame's top-left corner; false when the
 * point cannot be projected. */
EM_EXTERN bool em_mapview_to_page(double *x_mm, double *y_mm, const em_mapview *view, double lon, double lat);

/* The frame's extent in lon/lat (for clipping the basemap). */
EM_EXTERN void em_mapview_bounds(em_bbox *out, const em_mapview *view);

/* Page millimetres per ground kilometre, measured along the ellipsoid at
 * the frame's centre. */
EM_EXTERN double em_mapview_mm_per_km(const em_mapview *view);

/* A scale bar of round length (1, 2, 5 x 10^n km) at most max_mm long. */
EM_EXTERN void em_mapview_scale_bar(double *km, double *mm, const em_mapview *view, double max_mm);

/* The angle (radians, counter-clockwise from page up) of true north at the
 * frame's centre. */
EM_EXTERN double em_mapview_north(const em_mapview *view);

/* "Transverse Mercator centred on 35.20° N 36.00° E (WGS 84)" or the CRS
 * name PROJ gives. */
EM_EXTERN const char *em_mapview_description(const em_mapview *view);

#ifdef __cplusplus
}
#endif

#endif
