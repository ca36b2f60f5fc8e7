/* Places a user adds: a CSV (read through GDAL's CSV driver) with a name
 * and coordinates per row, and optionally country, admin1, alternate
 * names, the Arabic name, precision and source.  Its rows win over the
 * gazetteer as overrides do, so a village the gazetteer lacks, or one it
 * places wrongly, is placed from the user's own sourced position. */
#include "gazetteer_internal.h"
#include "../util/gdal_support.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include "eventmap/text.h"

enum { P_ID, P_NAME, P_LAT, P_LON, P_COUNTRY, P_ADMIN1, P_ALTERNATES, P_NAME_AR, P_PRECISION,
       P_SOURCE, P_COLUMNS };

static const char *const column_names[P_COLUMNS][3] = {
	[P_ID] = {"id", "geonameid", NULL},
	[P_NAME] = {"name", NULL, NULL},
	[P_LAT] = {"lat", "latitude", NULL},
	[P_LON] = {"lon", "longitude", NULL},
	[P_COUNTRY] = {"country", "country_code", NULL},
	[P_ADMIN1] = {"admin1", NULL, NULL},
	[P_ALTERNATES] = {"alternate_names", "alternatenames", "alternates"},
	[P_NAME_AR] = {"name_ar", NULL, NULL},
	[P_PRECISION] = {"precision", "geo_precision", NULL},
	[P_SOURCE] = {"source", NULL, NULL},
};

typedef struct reader {
	em_gazetteer *gz;
	const char *path;
	OGRFeatureH feature;
	int index[P_COLUMNS];
	unsigned long line;
	em_error *err;
} reader;

static const char *value(const reader *r, int col)
{
	if (r->index[col] < 0 || !OGR_F_IsFieldSetAndNotNull(r->feature, r->index[col]))
		return "";
	return OGR_F_GetFieldAsString(r->feature, r->index[col]);
}

static em_status bad(const reader *r, int col, const char *problem)
{
	return em_error_set(r->err, EM_ERR_INVALID, "%s:%lu: column '%s': '%.60s' %s", r->path,
			    r->line, column_names[col][0], value(r, col), problem);
}

/* A copy the gazetteer keeps. */
static const char *keep(reader *r, const char *text)
{
	char *copy = strdup(text);

	if (copy == NULL || !em__gazetteer_keep_buffer(r->gz, copy)) {
		free(copy);
		return NULL;
	}
	return copy;
}

static bool parse_degrees(const char *text, double limit, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(text, &end);
	return *text != '\0' && *end == '\0' && errno == 0 && isfinite(*out) && fabs(*out) <= limit;
}

static em_status read_strings(reader *r, em_place *p)
{
	const char *name = value(r, P_NAME), *name_ar = value(r, P_NAME_AR);
	const char *alternates = value(r, P_ALTERNATES), *source = value(r, P_SOURCE);
	char id[64];

	if (*name == '\0')
		return bad(r, P_NAME, "is empty: every place needs a name");
	if (strlen(name) > 256)
		return bad(r, P_NAME, "is longer than 256 bytes: not a place name");
	if (*name_ar != '\0' && !em_text_has_arabic(name_ar, strlen(name_ar)))
		return bad(r, P_NAME_AR, "is not a name in Arabic script");
	snprintf(id, sizeof(id), "places:%lu", r->line);
	p->id = keep(r, *value(r, P_ID) ? value(r, P_ID) : id);
	p->name = p->asciiname = keep(r, name);
	/* The alternates are comma-separated, as in GeoNames; a spreadsheet
	 * may separate them with semicolons. */
	p->alternatenames = keep(r, alternates);
	if (p->alternatenames != NULL)
		for (char *c = (char *)p->alternatenames; *c; c++)
			if (*c == ';')
				*c = ',';
	p->name_ar = keep(r, name_ar);
	p->source = keep(r, *source ? source : r->path);
	if (!p->id || !p->name || !p->alternatenames || !p->name_ar || !p->source)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	return EM_OK;
}

static em_status read_place(reader *r)
{
	const char *text;
	em_place *p;
	em_status status = em__gazetteer_add_place(r->gz, &p, r->err);

	if (status != EM_OK)
		return status;
	if (!parse_degrees(value(r, P_LAT), 90.0, &p->lat))
		return bad(r, P_LAT, "is not a latitude in degrees between -90 and 90");
	if (!parse_degrees(value(r, P_LON), 180.0, &p->lon))
		return bad(r, P_LON, "is not a longitude in degrees between -180 and 180");
	text = value(r, P_COUNTRY);
	if (*text != '\0' && (strlen(text) != 2 || !((text[0] | 32) >= 'a' && (text[0] | 32) <= 'z') ||
			      !((text[1] | 32) >= 'a' && (text[1] | 32) <= 'z')))
		return bad(r, P_COUNTRY, "is not a two-letter ISO code (SY, LB)");
	if (*text != '\0') {
		p->country[0] = (char)(text[0] & ~32);
		p->country[1] = (char)(text[1] & ~32);
	}
	text = value(r, P_ADMIN1);
	if (strlen(text) >= sizeof(p->admin1))
		return bad(r, P_ADMIN1, "is too long: give the governorate's code or short name");
	memcpy(p->admin1, text, strlen(text) + 1);
	text = value(r, P_PRECISION);
	p->precision = 1;
	if (*text != '\0') {
		if (!(text[0] >= '1' && text[0] <= '3' && text[1] == '\0'))
			return bad(r, P_PRECISION, "is not 1 (town), 2 (near) or 3 (region)");
		p->precision = text[0] - '0';
	}
	p->feature_class = 'P';
	snprintf(p->feature_code, sizeof(p->feature_code), "PPL");
	p->file = r->path;
	p->line = r->line;
	p->role = EM_GAZETTEER_OVERRIDES;
	return read_strings(r, p);
}

static em_status map_columns(reader *r, OGRFeatureDefnH defn)
{
	int fields = OGR_FD_GetFieldCount(defn);

	for (int c = 0; c < P_COLUMNS; c++) {
		r->index[c] = -1;
		for (int a = 0; a < 3 && column_names[c][a] && r->index[c] < 0; a++)
			for (int f = 0; f < fields && r->index[c] < 0; f++)
				if (strcasecmp(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, f)),
					       column_names[c][a]) == 0)
					r->index[c] = f;
	}
	for (int c = P_NAME; c <= P_LON; c++)
		if (r->index[c] < 0)
			return em_error_set(r->err, EM_ERR_INVALID,
					    "%s: required column '%s' is missing (a places file has "
					    "name, lat, lon and optionally country, admin1, "
					    "alternate_names, name_ar, precision, source)",
					    r->path, column_names[c][0]);
	return EM_OK;
}

/* Reads every row of the layer as a place. */
static em_status read_places(reader *r, OGRLayerH layer)
{
	em_status status;

	/* The file's name as the places cite it, kept with them. */
	r->path = keep(r, r->path);
	if (r->path == NULL)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	status = map_columns(r, OGR_L_GetLayerDefn(layer));
	OGR_L_ResetReading(layer);
	while (status == EM_OK && (r->feature = OGR_L_GetNextFeature(layer)) != NULL) {
		/* The CSV driver numbers records from 1; the header is line 1. */
		r->line = (unsigned long)OGR_F_GetFID(r->feature) + 1;
		status = read_place(r);
		OGR_F_Destroy(r->feature);
	}
	return status;
}

em_status em_gazetteer_load_places(em_gazetteer *gazetteer, const char *path, em_error *err)
{
	reader r = {.gz = gazetteer, .path = path, .err = err};
	size_t first_place, first_buffer;
	GDALDatasetH ds = NULL;
	em_status status;

	if (gazetteer == NULL || path == NULL)
		return em_error_set(err, EM_ERR_INVALID, "places: invalid arguments");
	first_place = gazetteer->count;
	first_buffer = gazetteer->buffers_count;
	em__gdal_register();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	status = em__gdal_open_csv(&ds, path, EM_ERR_IO, err);
	if (status == EM_OK)
		status = read_places(&r, GDALDatasetGetLayer(ds, 0));
	if (status == EM_OK && gazetteer->count == first_place)
		status = em_error_set(err, EM_ERR_INVALID, "%s: holds no places, only a header", path);
	if (ds != NULL)
		GDALClose(ds);
	CPLPopErrorHandler();
	if (status != EM_OK) {
		/* Nothing from a bad file is kept. */
		gazetteer->count = first_place;
		while (gazetteer->buffers_count > first_buffer)
			free(gazetteer->buffers[--gazetteer->buffers_count]);
	} else {
		gazetteer->finished = false;
	}
	return status;
}
