/* The object of data/basemap.js: the basemap's layers as GeoJSON for the page, read
 * from the same OGR source as the posters' basemap.  Lines and areas are
 * simplified to about 100 m (0.001 degrees: under 2 px at the page's
 * closest zoom) and every coordinate has 4 decimals (about 10 m), which
 * takes the default basemap from 2.9 MB to under 0.5 MB. */
#include "web_internal.h"
#include "../util/gdal_support.h"
#include "../render/words.h"

#include <cpl_conv.h>
#include <ogr_api.h>
#include <string.h>

#define TOLERANCE 0.001

typedef struct layer_spec {
	const char *name;
	bool required;
	bool simplify;
	const char *fields[5]; /* those written when the layer has them */
} layer_spec;

static const layer_spec layers[] = {
	{"countries", true, true, {"iso"}},
	{"lakes", false, true, {NULL}},
	{"rivers", false, true, {"level"}},
	{"coastline", true, true, {NULL}},
	{"borders", true, true, {NULL}},
	{"towns", false, false, {"geonameid", "name", "name_ar", "population"}},
	{"country_labels", false, false, {"iso", "name", "name_ar", "view"}},
	{"sea_labels", false, false, {"name", "name_ar", "view"}},
};

/* GeoNames' ASCII names with typographic apostrophes, as the posters
 * print them ("Ma‘arratmisrin"). */
static void write_text(FILE *out, bool *first, const char *key, const char *text)
{
	char shown[1024];

	if (strcmp(key, "name") != 0 || strlen(text) >= sizeof(shown) / 3) {
		em__json_key_string(out, first, key, text);
		return;
	}
	em__display_name(text, shown, sizeof(shown));
	em__json_key_string(out, first, key, shown);
}

static void write_properties(FILE *out, OGRFeatureH feature, const layer_spec *spec)
{
	OGRFeatureDefnH defn = OGR_F_GetDefnRef(feature);
	bool first = true;

	fputc('{', out);
	for (size_t k = 0; k < sizeof(spec->fields) / sizeof(spec->fields[0]) && spec->fields[k];
	     k++) {
		int i = OGR_FD_GetFieldIndex(defn, spec->fields[k]);
		OGRFieldType type;
		if (i < 0 || !OGR_F_IsFieldSetAndNotNull(feature, i))
			continue;
		type = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
		if (type == OFTInteger || type == OFTInteger64)
			em__json_key_int(out, &first, spec->fields[k],
					 (long long)OGR_F_GetFieldAsInteger64(feature, i));
		else
			write_text(out, &first, spec->fields[k], OGR_F_GetFieldAsString(feature, i));
	}
	fputc('}', out);
}

/* One feature, or nothing for one without a geometry. */
static bool write_feature(FILE *out, OGRFeatureH feature, const layer_spec *spec, bool first)
{
	char precision[] = "COORDINATE_PRECISION=4";
	char *json_options[] = {precision, NULL};
	OGRGeometryH geometry = OGR_F_GetGeometryRef(feature), simple = NULL;
	char *json;

	if (geometry == NULL || OGR_G_IsEmpty(geometry))
		return false;
	if (spec->simplify) {
		CPLPushErrorHandler(CPLQuietErrorHandler);
		simple = OGR_G_Simplify(geometry, TOLERANCE);
		CPLPopErrorHandler();
		if (simple != NULL && !OGR_G_IsEmpty(simple))
			geometry = simple;
	}
	json = OGR_G_ExportToJsonEx(geometry, json_options);
	if (json != NULL) {
		fputs(first ? "" : ",", out);
		fputs("{\"type\":\"Feature\",\"properties\":", out);
		write_properties(out, feature, spec);
		fprintf(out, ",\"geometry\":%s}", json);
	}
	CPLFree(json);
	OGR_G_DestroyGeometry(simple);
	return json != NULL;
}

static void widen(em_bbox *bounds, OGRLayerH layer)
{
	OGREnvelope env;

	if (OGR_L_GetExtent(layer, &env, 1) != OGRERR_NONE)
		return;
	if (bounds->west > bounds->east) {
		*bounds = (em_bbox){env.MinX, env.MinY, env.MaxX, env.MaxY};
		return;
	}
	bounds->west = env.MinX < bounds->west ? env.MinX : bounds->west;
	bounds->south = env.MinY < bounds->south ? env.MinY : bounds->south;
	bounds->east = env.MaxX > bounds->east ? env.MaxX : bounds->east;
	bounds->north = env.MaxY > bounds->north ? env.MaxY : bounds->north;
}

/* One layer as a FeatureCollection (open_basemap checked the required
 * layers are there; an optional one missing is empty). */
static void write_layer(FILE *out, GDALDatasetH source, const layer_spec *spec, em_bbox *bounds)
{
	OGRLayerH layer = GDALDatasetGetLayerByName(source, spec->name);
	OGRFeatureH feature;
	bool first = true;

	em__json_string(out, spec->name);
	fputs(":{\"type\":\"FeatureCollection\",\"features\":[", out);
	if (layer != NULL) {
		if (strcmp(spec->name, "countries") == 0)
			widen(bounds, layer);
		OGR_L_ResetReading(layer);
		while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
			if (write_feature(out, feature, spec, first))
				first = false;
			OGR_F_Destroy(feature);
		}
	}
	fputs("]}", out);
}

static em_status open_basemap(GDALDatasetH *out, const char *path, em_error *err)
{
	em__gdal_register();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	*out = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	CPLPopErrorHandler();
	if (*out == NULL)
		return em__gdal_error(err, path, "cannot be opened as a basemap");
	for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
		if (layers[i].required && GDALDatasetGetLayerByName(*out, layers[i].name) == NULL) {
			GDALClose(*out);
			*out = NULL;
			return em_error_set(err, EM_ERR_INVALID, "%s: the basemap has no layer '%s'",
					    path, layers[i].name);
		}
	}
	return EM_OK;
}

em_status em__web_check_basemap(const char *path, em_bbox *coverage, em_error *err)
{
	GDALDatasetH source;
	em_status status = open_basemap(&source, path, err);
	OGRLayerH land;

	*coverage = (em_bbox){1, 1, -1, -1};
	if (source == NULL)
		return status;
	/* The posters' coverage: the land layer's extent, else the countries'. */
	land = GDALDatasetGetLayerByName(source, "land");
	widen(coverage, land ? land : GDALDatasetGetLayerByName(source, "countries"));
	GDALClose(source);
	return status;
}

em_status em__web_write_basemap(FILE *out, const char *path, em_bbox *bounds, em_error *err)
{
	GDALDatasetH source;
	em_status status;

	*bounds = (em_bbox){1, 1, -1, -1};
	status = open_basemap(&source, path, err);
	if (status != EM_OK)
		return status;
	fputc('{', out);
	for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
		if (i > 0)
			fputc(',', out);
		write_layer(out, source, &layers[i], bounds);
	}
	fputc('}', out);
	GDALClose(source);
	return EM_OK;
}
