/* Reading the basemap through OGR into flat arrays: the renderer then
 * projects and draws without touching GDAL, and a poster series reads the
 * file once. */
#include "eventmap/basemap.h"
#include "../util/gdal_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include "../util/pool.h"

static const char *const layer_names[EM_BASEMAP_LAYER_COUNT] = {
	"land", "lakes", "rivers", "coastline", "borders", "countries", "country_labels",
	"sea_labels", "towns", "locator_land", "locator_countries"};

static const bool layer_required[EM_BASEMAP_LAYER_COUNT] = {
	[EM_BASEMAP_LAND] = true, [EM_BASEMAP_COASTLINE] = true, [EM_BASEMAP_BORDERS] = true,
	[EM_BASEMAP_COUNTRIES] = true};

/* Growable arrays for one layer while it is read. */
typedef struct layer_store {
	em_basemap_feature *features;
	size_t count, cap;
	size_t *sizes;
	size_t size_count, size_cap;
	double *coords;
	size_t coord_count, coord_cap; /* doubles */
} layer_store;

struct em_basemap {
	em_bbox coverage;  /* where the land layer says it is complete */
	em_pool strings;
	layer_store stores[EM_BASEMAP_LAYER_COUNT];
	em_basemap_layer layers[EM_BASEMAP_LAYER_COUNT];
};

const char *em_basemap_layer_name(em_basemap_layer_id id)
{
	return id < EM_BASEMAP_LAYER_COUNT ? layer_names[id] : "";
}

static bool reserve(void **buffer, size_t *cap, size_t need, size_t item)
{
	size_t new_cap;
	void *grown;

	if (need <= *cap)
		return true;
	new_cap = *cap ? *cap : 256;
	while (new_cap < need)
		new_cap *= 2;
	grown = realloc(*buffer, new_cap * item);
	if (grown == NULL)
		return false;
	*buffer = grown;
	*cap = new_cap;
	return true;
}

/* Appends every ring or line of a geometry as parts. */
static bool add_parts(layer_store *st, OGRGeometryH g, size_t *parts)
{
	OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
	int n;

	if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbMultiLineString ||
	    type == wkbGeometryCollection || type == wkbMultiPoint) {
		for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
			if (!add_parts(st, OGR_G_GetGeometryRef(g, i), parts))
				return false;
		return true;
	}
	n = OGR_G_GetPointCount(g);
	if (n <= 0)
		return true;
	if (!reserve((void **)&st->sizes, &st->size_cap, st->size_count + 1, sizeof(size_t)) ||
	    !reserve((void **)&st->coords, &st->coord_cap, st->coord_count + 2 * (size_t)n,
		     sizeof(double)))
		return false;
	for (int i = 0; i < n; i++) {
		st->coords[st->coord_count++] = OGR_G_GetX(g, i);
		st->coords[st->coord_count++] = OGR_G_GetY(g, i);
	}
	st->sizes[st->size_count++] = (size_t)n;
	(*parts)++;
	return true;
}

static const char *text_field(em_basemap *bm, OGRFeatureH f, const char *name)
{
	int i = OGR_F_GetFieldIndex(f, name);

	if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i))
		return "";
	return em__pool_strdup(&bm->strings, OGR_F_GetFieldAsString(f, i));
}

static em_status read_feature(em_basemap *bm, layer_store *st, OGRFeatureH f, em_error *err)
{
	OGRGeometryH g = OGR_F_GetGeometryRef(f);
	em_basemap_feature *feat;
	OGREnvelope env;
	int pop;

	if (g == NULL)
		return EM_OK;
	if (!reserve((void **)&st->features, &st->cap, st->count + 1, sizeof(*st->features)))
		return em_error_set(err, EM_ERR_NOMEM, "basemap: out of memory");
	feat = &st->features[st->count];
	memset(feat, 0, sizeof(*feat));
	/* Offsets for now: the arrays may still move. */
	feat->part_sizes = (const size_t *)(uintptr_t)st->size_count;
	feat->coords = (const double *)(uintptr_t)st->coord_count;
	if (!add_parts(st, g, &feat->part_count))
		return em_error_set(err, EM_ERR_NOMEM, "basemap: out of memory");
	OGR_G_GetEnvelope(g, &env);
	feat->bbox.west = env.MinX;
	feat->bbox.east = env.MaxX;
	feat->bbox.south = env.MinY;
	feat->bbox.north = env.MaxY;
	feat->id = text_field(bm, f, "geonameid");
	feat->name = text_field(bm, f, "name");
	feat->name_ar = text_field(bm, f, "name_ar");
	feat->iso = text_field(bm, f, "iso");
	pop = OGR_F_GetFieldIndex(f, "population");
	feat->population = pop >= 0 ? OGR_F_GetFieldAsInteger64(f, pop) : 0;
	if (feat->id == NULL || feat->name == NULL || feat->name_ar == NULL || feat->iso == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "basemap: out of memory");
	st->count++;
	return EM_OK;
}

static void fix_pointers(layer_store *st)
{
	for (size_t i = 0; i < st->count; i++) {
		em_basemap_feature *f = &st->features[i];
		f->part_sizes = st->sizes + (uintptr_t)f->part_sizes;
		f->coords = st->coords + (uintptr_t)f->coords;
	}
}

static em_status read_layer(em_basemap *bm, GDALDatasetH ds, em_basemap_layer_id id,
			    const char *path, em_error *err)
{
	OGRLayerH layer = GDALDatasetGetLayerByName(ds, layer_names[id]);
	layer_store *st = &bm->stores[id];
	OGRFeatureH f;
	em_status status = EM_OK;

	if (layer == NULL) {
		if (layer_required[id])
			return em_error_set(err, EM_ERR_INVALID,
					    "%s: basemap layer '%s' is missing (a basemap needs land, "
					    "coastline, borders and countries)", path, layer_names[id]);
		return EM_OK;
	}
	if (id == EM_BASEMAP_LAND) {
		/* The land layer's extent is the area the basemap covers: its
		 * sea is sea only inside it.  A GeoPackage gives the box it was
		 * cut to. */
		OGREnvelope env;
		if (OGR_L_GetExtent(layer, &env, TRUE) == OGRERR_NONE) {
			bm->coverage.west = env.MinX;
			bm->coverage.east = env.MaxX;
			bm->coverage.south = env.MinY;
			bm->coverage.north = env.MaxY;
		}
	}
	OGR_L_ResetReading(layer);
	while (status == EM_OK && (f = OGR_L_GetNextFeature(layer)) != NULL) {
		status = read_feature(bm, st, f, err);
		OGR_F_Destroy(f);
	}
	fix_pointers(st);
	bm->layers[id].features = st->features;
	bm->layers[id].count = st->count;
	return status;
}

em_status em_basemap_create(em_basemap **out, const char *path, em_error *err)
{
	em_basemap *bm;
	GDALDatasetH ds;
	em_status status = EM_OK;

	*out = NULL;
	em__gdal_register();
	bm = calloc(1, sizeof(*bm));
	if (bm == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	if (ds == NULL) {
		status = em_error_set(err, EM_ERR_IO, "basemap %s: cannot open: %s", path,
				      CPLGetLastErrorMsg()[0] ? CPLGetLastErrorMsg() : "not a vector source");
	}
	for (int id = 0; ds != NULL && id < EM_BASEMAP_LAYER_COUNT && status == EM_OK; id++)
		status = read_layer(bm, ds, (em_basemap_layer_id)id, path, err);
	if (ds != NULL)
		GDALClose(ds);
	CPLPopErrorHandler();
	if (status != EM_OK) {
		em_basemap_destroy(bm);
		return status;
	}
	*out = bm;
	return EM_OK;
}

void em_basemap_destroy(em_basemap *basemap)
{
	if (basemap == NULL)
		return;
	for (int i = 0; i < EM_BASEMAP_LAYER_COUNT; i++) {
		free(basemap->stores[i].features);
		free(basemap->stores[i].sizes);
		free(basemap->stores[i].coords);
	}
	em__pool_clear(&basemap->strings);
	free(basemap);
}

em_bbox em_basemap_coverage(const em_basemap *basemap)
{
	em_bbox none = {0, 0, 0, 0};

	return basemap != NULL ? basemap->coverage : none;
}

const em_basemap_layer *em_basemap_get(const em_basemap *basemap, em_basemap_layer_id id)
{
	static const em_basemap_layer empty = {NULL, 0};

	if (basemap == NULL || id >= EM_BASEMAP_LAYER_COUNT)
		return &empty;
	return &basemap->layers[id];
}
