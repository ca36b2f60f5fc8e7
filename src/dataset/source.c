/* Where rows come from: a CSV file (GDAL's CSV driver, every value a
 * string as written), or a PostgreSQL database, so that several editors
 * keep one dataset: "PG:<connection> tables=NAME" reads a table or view,
 * "PG:<connection> sql=QUERY" (sql= last: the rest is the query) the rows
 * of a query.  The same columns and checks apply; a bad row is named by
 * its key, not a line. */
#include "dataset_internal.h"
#include "../util/gdal_support.h"

#include <ogr_api.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

bool em__source_is_database(const char *path)
{
	return strncasecmp(path, "PG:", 3) == 0;
}

/* A connection string for messages: password=... left out. */
void em__source_label(char *out, size_t size, const char *path)
{
	const char *password = em__source_is_database(path) ? strstr(path, "password=") : NULL;
	const char *end;

	if (password == NULL) {
		snprintf(out, size, "%s", path);
		return;
	}
	end = strchr(password, ' ');
	snprintf(out, size, "%.*spassword=...%s", (int)(password - path), path, end ? end : "");
}

static em_status open_database(em_source *s, const char *path, const char *label,
			       em_error *err)
{
	static const char *const drivers[] = {"PostgreSQL", NULL};
	char connection[4096];
	const char *sql = strstr(path, " sql=");

	snprintf(connection, sizeof(connection), "%.*s",
		 (int)(sql ? (size_t)(sql - path) : strlen(path)), path);
	s->ds = GDALOpenEx(connection, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
	if (s->ds == NULL)
		return em__gdal_error(err, label, "cannot be opened as a PostgreSQL database");
	if (sql != NULL) {
		CPLErrorReset();
		s->layer = GDALDatasetExecuteSQL(s->ds, sql + 5, NULL, NULL);
		s->sql = s->layer != NULL;
		if (s->layer == NULL)
			return em__gdal_error(err, label, "the query failed");
	} else if (GDALDatasetGetLayerCount(s->ds) == 1) {
		s->layer = GDALDatasetGetLayer(s->ds, 0);
		if (OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(s->layer)) == 0)
			return em_error_set(err, EM_ERR_INVALID, "%s: no table or view '%s' with "
					    "columns in the database", label,
					    OGR_L_GetName(s->layer));
	} else {
		return em_error_set(err, EM_ERR_INVALID, "%s: the database has %d tables: name one "
				    "with tables=NAME, or give a query with sql=QUERY (last)",
				    label, GDALDatasetGetLayerCount(s->ds));
	}
	return EM_OK;
}

em_status em__source_open(em_source *s, const char *path, const char *label, em_error *err)
{
	memset(s, 0, sizeof(*s));
	s->database = em__source_is_database(path);
	if (s->database)
		return open_database(s, path, label, err);
	if (em__gdal_open_csv(&s->ds, path, EM_ERR_INVALID, err) != EM_OK)
		return EM_ERR_INVALID;
	s->layer = GDALDatasetGetLayer(s->ds, 0);
	return EM_OK;
}

void em__source_close(em_source *s)
{
	if (s->sql)
		GDALDatasetReleaseResultSet(s->ds, s->layer);
	if (s->ds != NULL)
		GDALClose(s->ds);
	memset(s, 0, sizeof(*s));
}

/* A typed field's text in buf: a date or date-time as YYYY-MM-DD (OGR
 * writes 2025/03/07), a number as OGR writes it; NULL for a text field
 * (its text stays where it is). */
const char *em__source_typed(void *feature, int field, char *buf, size_t size)
{
	OGRFeatureH f = feature;
	OGRFieldType type = OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_F_GetDefnRef(f), field));
	int y, m, d, h, min, tz;
	float sec;

	if (type == OFTString)
		return NULL;
	if (type != OFTDate && type != OFTDateTime) {
		snprintf(buf, size, "%s", OGR_F_GetFieldAsString(f, field));
		return buf;
	}
	if (!OGR_F_GetFieldAsDateTimeEx(f, field, &y, &m, &d, &h, &min, &sec, &tz))
		return "";
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return buf;
}
