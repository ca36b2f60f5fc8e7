/* The QGIS project stored in eventmap.gpkg: the layers with their styles,
 * the basemap's layers copied beside them (so the file stands alone), a
 * `days` layer (one feature a day, its extent), and a print layout with an
 * atlas over the days.  QGIS keeps a project in a GeoPackage as a row of
 * `qgis_projects` (name, metadata, content): content is the hex text of a
 * zip holding the .qgs.  The .qgs is styles/qgis/project.qgs with its
 * @NAME@ placeholders filled and each layer's QML spliced into its
 * <maplayer>. */
#include "layers_internal.h"
#include "../util/gdal_support.h"
#include "../util/array.h"
#include "../util/keymap.h"
#include "../util/strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#define PATH_LEN 4096

/* The basemap layers the project draws, as the basemap names them; copied
 * as basemap_<name>. */
static const struct {
	const char *name;
	OGRwkbGeometryType type; /* for an empty table when the basemap lacks it */
} basemap_layers[] = {
	{"countries", wkbMultiPolygon}, {"lakes", wkbMultiPolygon},
	{"rivers", wkbMultiLineString}, {"coastline", wkbMultiLineString},
	{"borders", wkbMultiLineString}, {"towns", wkbPoint},
	{"country_labels", wkbPoint}, {"sea_labels", wkbPoint},
};

#define BASEMAP_COUNT (sizeof basemap_layers / sizeof basemap_layers[0])

/* The tables whose QML the template splices. */
static const char *const styled[] = {
	"basemap_countries", "basemap_lakes", "basemap_rivers", "basemap_coastline",
	"basemap_borders", "basemap_towns", "basemap_country_labels", "basemap_sea_labels",
	"days", "flows", "reports", "places"};

#define STYLED_COUNT (sizeof styled / sizeof styled[0])

typedef struct box {
	double west, south, east, north;
	bool any;
} box;

static void box_add(box *b, double lon, double lat)
{
	if (!b->any) {
		*b = (box){lon, lat, lon, lat, true};
		return;
	}
	b->west = fmin(b->west, lon);
	b->east = fmax(b->east, lon);
	b->south = fmin(b->south, lat);
	b->north = fmax(b->north, lat);
}

/* A margin around the box, and at least half a degree each way. */
static box box_padded(box b)
{
	double cx = (b.west + b.east) / 2, cy = (b.south + b.north) / 2;
	double w = fmax((b.east - b.west) * 1.2, 0.5), h = fmax((b.north - b.south) * 1.2, 0.5);

	return (box){cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, true};
}

static bool placed(const em_location *where)
{
	return where->state != EM_STATE_NOT_MAPPED;
}

static OGRGeometryH box_polygon(box b)
{
	OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
	OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);

	OGR_G_AddPoint_2D(ring, b.west, b.south);
	OGR_G_AddPoint_2D(ring, b.east, b.south);
	OGR_G_AddPoint_2D(ring, b.east, b.north);
	OGR_G_AddPoint_2D(ring, b.west, b.north);
	OGR_G_AddPoint_2D(ring, b.west, b.south);
	OGR_G_AddGeometryDirectly(polygon, ring);
	return polygon;
}

static void day_label(char *out, size_t size, em_date day)
{
	static const char *const weekdays[] = {"Thursday", "Friday", "Saturday", "Sunday",
					       "Monday", "Tuesday", "Wednesday"};
	static const char *const months[] = {"January", "February", "March", "April", "May",
					     "June", "July", "August", "September", "October",
					     "November", "December"};
	int y, m, d;

	em_date_split(day, &y, &m, &d);
	snprintf(out, size, "%s %d %s %d", weekdays[((day % 7) + 7) % 7], d, months[(m - 1) % 12],
		 y);
}

/* ---- The days, gathered as the reports stream past ---- */

typedef struct day_entry {
	em_date day;
	int reports;
	box where; /* the placed reports of the day */
} day_entry;

struct em__layers_days {
	em_keymap index; /* day -> entry */
	day_entry *items;
	size_t count, cap;
	box all;         /* every point the data puts on the map */
	bool failed;
};

static day_entry *day_of(em__layers_days *d, em_date day)
{
	bool added;
	uint64_t *slot = em__keymap_get(&d->index, &day, sizeof day, true, &added);

	if (slot == NULL)
		return NULL;
	if (added) {
		if (!EM_ARRAY_RESERVE(d->items, d->cap, d->count + 1))
			return NULL;
		d->items[d->count] = (day_entry){day, 0, {0, 0, 0, 0, false}};
		*slot = d->count++;
	}
	return &d->items[*slot];
}

/* A report is a day of the atlas on every day of its span, and counts
 * (in the `reports` of the day: the reports the day's map draws) when it is
 * on the map. */
void em__layers_days_add(em__layers_days *d, const em_report *report)
{
	for (em_date day = report->date; day <= report->date_end && !d->failed; day++) {
		day_entry *e = day_of(d, day);
		if (e == NULL) {
			d->failed = true;
			return;
		}
		if (!placed(&report->where))
			continue;
		e->reports++;
		box_add(&e->where, report->where.lon, report->where.lat);
	}
	if (placed(&report->where))
		box_add(&d->all, report->where.lon, report->where.lat);
}

/* The flows' days and ends. */
static void add_flows(em__layers_days *d, const em_dataset *dataset)
{
	for (size_t i = 0; i < em_dataset_flow_count(dataset) && !d->failed; i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		if (f->has_date && day_of(d, f->date) == NULL)
			d->failed = true;
		if (placed(&f->from))
			box_add(&d->all, f->from.lon, f->from.lat);
		if (placed(&f->to))
			box_add(&d->all, f->to.lon, f->to.lat);
	}
}

em_status em__layers_days_create(em__layers_days **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? EM_OK : EM_ERR_NOMEM;
}

void em__layers_days_destroy(em__layers_days *d)
{
	if (d == NULL)
		return;
	em__keymap_clear(&d->index);
	free(d->items);
	free(d);
}

static int compare_days(const void *a, const void *b)
{
	const day_entry *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/* The whole map: every point, padded; the coast when nothing is placed. */
static box data_box(const em__layers_days *d)
{
	return d->all.any ? box_padded(d->all) : (box){35.5, 34.5, 36.5, 35.9, true};
}

static em_status add_day(OGRLayerH layer, const day_entry *e, int page, box all, em_error *err)
{
	OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
	int y, m, d;
	char label[64];
	em_status status = EM_OK;

	em_date_split(e->day, &y, &m, &d);
	day_label(label, sizeof label, e->day);
	OGR_F_SetFieldDateTime(f, 0, y, m, d, 0, 0, 0, 0);
	OGR_F_SetFieldInteger(f, 1, page);
	OGR_F_SetFieldInteger(f, 2, e->reports);
	OGR_F_SetFieldString(f, 3, label);
	OGR_F_SetGeometryDirectly(f, box_polygon(e->where.any ? box_padded(e->where) : all));
	if (OGR_L_CreateFeature(layer, f) != OGRERR_NONE)
		status = em__gdal_error(err, "days", "cannot write a day");
	OGR_F_Destroy(f);
	return status;
}

/* The atlas's coverage: one polygon a day, in order, where that day's
 * reports are. */
static em_status write_days(GDALDatasetH ds, OGRSpatialReferenceH wgs84, em__layers_days *d,
			    em_error *err)
{
	static const struct {
		const char *name;
		OGRFieldType type;
	} fields[] = {{"day", OFTDate}, {"page", OFTInteger}, {"reports", OFTInteger},
		      {"label", OFTString}};
	OGRLayerH layer = GDALDatasetCreateLayer(ds, "days", wgs84, wkbPolygon, NULL);
	em_status status = EM_OK;

	if (d->failed)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	if (layer == NULL)
		return em__gdal_error(err, "days", "cannot create the layer");
	for (size_t k = 0; k < sizeof fields / sizeof fields[0] && status == EM_OK; k++) {
		OGRFieldDefnH field = OGR_Fld_Create(fields[k].name, fields[k].type);
		if (OGR_L_CreateField(layer, field, TRUE) != OGRERR_NONE)
			status = em__gdal_error(err, "days", "cannot create a field");
		OGR_Fld_Destroy(field);
	}
	if (d->count > 0)
		qsort(d->items, d->count, sizeof *d->items, compare_days);
	for (size_t i = 0; i < d->count && status == EM_OK; i++)
		status = add_day(layer, &d->items[i], (int)i + 1, data_box(d), err);
	return status;
}

/* One basemap layer into the GeoPackage, feature by feature in one
 * transaction, stopping at the first that cannot be written (a full disk
 * must not be met once per feature). */
static em_status copy_layer(GDALDatasetH ds, OGRLayerH from, const char *name, em_error *err)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(from);
	OGRLayerH to = GDALDatasetCreateLayer(ds, name, OGR_L_GetSpatialRef(from),
					      OGR_FD_GetGeomType(defn), NULL);
	OGRFeatureH f;
	em_status status = EM_OK;

	if (to == NULL)
		return em__gdal_error(err, name, "cannot create the basemap layer");
	for (int i = 0; i < OGR_FD_GetFieldCount(defn) && status == EM_OK; i++)
		if (OGR_L_CreateField(to, OGR_FD_GetFieldDefn(defn, i), TRUE) != OGRERR_NONE)
			status = em__gdal_error(err, name, "cannot copy a field of the basemap layer");
	if (status == EM_OK && GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE)
		status = em__gdal_error(err, name, "cannot start writing the basemap layer");
	OGR_L_ResetReading(from);
	while (status == EM_OK && (f = OGR_L_GetNextFeature(from)) != NULL) {
		OGRFeatureH g = OGR_F_Create(OGR_L_GetLayerDefn(to));
		if (OGR_F_SetFrom(g, f, TRUE) != OGRERR_NONE || OGR_L_CreateFeature(to, g) != OGRERR_NONE)
			status = em__gdal_error(err, name, "cannot copy the basemap layer");
		OGR_F_Destroy(g);
		OGR_F_Destroy(f);
	}
	if (status == EM_OK && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
		status = em__gdal_error(err, name, "cannot finish the basemap layer");
	else if (status != EM_OK)
		GDALDatasetRollbackTransaction(ds);
	return status;
}

/* The basemap's layers as basemap_<name>, or empty tables of their kind. */
static em_status copy_basemap(GDALDatasetH ds, OGRSpatialReferenceH wgs84, const char *basemap,
			      em_error *err)
{
	GDALDatasetH src = basemap ? GDALOpenEx(basemap, GDAL_OF_VECTOR | GDAL_OF_READONLY,
						  NULL, NULL, NULL) : NULL;
	em_status status = EM_OK;

	for (size_t i = 0; i < BASEMAP_COUNT && status == EM_OK; i++) {
		char name[64];
		OGRLayerH from = src ? GDALDatasetGetLayerByName(src, basemap_layers[i].name) : NULL;
		snprintf(name, sizeof name, "basemap_%s", basemap_layers[i].name);
		CPLErrorReset();
		if (from != NULL)
			status = copy_layer(ds, from, name, err);
		else if (GDALDatasetCreateLayer(ds, name, wgs84, basemap_layers[i].type, NULL) == NULL)
			status = em__gdal_error(err, name, "cannot create the basemap layer");
	}
	if (src)
		GDALClose(src);
	return status;
}

/* XML-escaped; "[%" spaced out, since the layout's labels read what is
 * between [% and %] as a QGIS expression. */
static void put_escaped(em_strbuf *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '[':
			em__strbuf_append(out, s[1] == '%' ? "[ " : "[", s[1] == '%' ? 2 : 1);
			break;
		case '&': em__strbuf_append(out, "&amp;", 5); break;
		case '<': em__strbuf_append(out, "&lt;", 4); break;
		case '>': em__strbuf_append(out, "&gt;", 4); break;
		case '"': em__strbuf_append(out, "&quot;", 6); break;
		case '\'': em__strbuf_append(out, "&apos;", 6); break;
		default: em__strbuf_append(out, s, 1);
		}
}

/* A QML's parts: the attributes of its root <qgis ...> and its children. */
static bool qml_parts(const char *qml, const char **attrs, size_t *attrs_len, const char **body,
		      size_t *body_len)
{
	const char *root = strstr(qml, "<qgis"), *gt, *end = NULL;

	if (root == NULL || (gt = strchr(root, '>')) == NULL)
		return false;
	for (const char *p = strstr(gt, "</qgis>"); p; p = strstr(p + 1, "</qgis>"))
		end = p;
	if (end == NULL)
		return false;
	*attrs = root + 5;
	*attrs_len = (size_t)(gt - *attrs);
	*body = gt + 1;
	*body_len = (size_t)(end - *body);
	return true;
}

typedef struct fill {
	const char *gpkg, *title, *styles_dir;
	char canvas[256], map[256];
	char *qml[STYLED_COUNT];
	em_error *err;
} fill;

/* Web Mercator metres, the project's CRS. */
static void mercator(double lon, double lat, double *x, double *y)
{
	const double r = 6378137.0, rad = M_PI / 180.0;

	*x = r * lon * rad;
	*y = r * log(tan(M_PI / 4 + lat * rad / 2));
}

/* The two extents: the canvas's, and the layout map's at its 200:176. */
static void extents(fill *f, box b)
{
	double x0, y0, x1, y1, w, h;

	mercator(b.west, b.south, &x0, &y0);
	mercator(b.east, b.north, &x1, &y1);
	snprintf(f->canvas, sizeof f->canvas, "<xmin>%.1f</xmin><ymin>%.1f</ymin><xmax>%.1f</xmax>"
		 "<ymax>%.1f</ymax>", x0, y0, x1, y1);
	w = x1 - x0;
	h = y1 - y0;
	if (w / h < 200.0 / 176.0)
		w = h * 200.0 / 176.0;
	else
		h = w * 176.0 / 200.0;
	snprintf(f->map, sizeof f->map, "xmin=\"%.1f\" ymin=\"%.1f\" xmax=\"%.1f\" ymax=\"%.1f\"",
		 (x0 + x1 - w) / 2, (y0 + y1 - h) / 2, (x0 + x1 + w) / 2, (y0 + y1 + h) / 2);
}

static bool is_name(const char *s, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(s, name, len) == 0;
}

/* A table's QML, spliced: its root's attributes or its children. */
static bool put_qml(const fill *f, em_strbuf *out, const char *table, size_t len, bool attrs)
{
	for (size_t i = 0; i < STYLED_COUNT; i++) {
		const char *a, *b;
		size_t a_len, b_len;
		if (!is_name(table, len, styled[i]) || !f->qml[i] ||
		    !qml_parts(f->qml[i], &a, &a_len, &b, &b_len))
			continue;
		while (attrs && a_len > 0 && (a[a_len - 1] == '/' || a[a_len - 1] == ' '))
			a_len--;
		return attrs ? em__strbuf_append(out, a, a_len) : em__strbuf_append(out, b, b_len);
	}
	return false;
}

/* Appends the value of the placeholder name[0..len); false when it is none. */
static bool substitute(const fill *f, em_strbuf *out, const char *name, size_t len)
{
	if (is_name(name, len, "GPKG"))
		put_escaped(out, f->gpkg);
	else if (is_name(name, len, "TITLE"))
		put_escaped(out, f->title);
	else if (is_name(name, len, "CREDIT"))
		put_escaped(out, "Figures as reported, not independently verified. Basemap: Natural "
			    "Earth (public domain); places: GeoNames (CC BY 4.0). Made with eventmap.");
	else if (is_name(name, len, "CANVAS_EXTENT"))
		em__strbuf_append(out, f->canvas, strlen(f->canvas));
	else if (is_name(name, len, "MAP_EXTENT"))
		em__strbuf_append(out, f->map, strlen(f->map));
	else if (is_name(name, len, "LABEL_VIEW"))
		em__strbuf_append(out, "coast", 5);
	else if (len > 9 && memcmp(name, "QMLATTRS_", 9) == 0)
		return put_qml(f, out, name + 9, len - 9, true);
	else if (len > 4 && memcmp(name, "QML_", 4) == 0)
		return put_qml(f, out, name + 4, len - 4, false);
	else
		return false;
	return true;
}

/* One pass, left to right; values are never read again.  An unknown
 * capitalised name is a template that does not fit this writer. */
static char *fill_template(const fill *f, const char *template)
{
	em_strbuf out = {0};

	for (const char *p = template; *p;) {
		const char *q = *p == '@' ? strchr(p + 1, '@') : NULL;
		if (q && q - p < 64 && substitute(f, &out, p + 1, (size_t)(q - p - 1))) {
			p = q + 1;
			continue;
		}
		if (q && p[1] >= 'A' && p[1] <= 'Z' && strspn(p + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
							 "abcdefghijklmnopqrstuvwxyz0123456789_") ==
							 (size_t)(q - p - 1)) {
			em_error_set(f->err, EM_ERR_INVALID, "the QGIS project template has an "
				     "unknown placeholder @%.*s@", (int)(q - p - 1), p + 1);
			em__strbuf_free(&out);
			return NULL;
		}
		em__strbuf_append(&out, p, 1);
		p++;
	}
	if (out.failed) {
		em__strbuf_free(&out);
		em_error_set(f->err, EM_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return out.text;
}

/* The .qgs as a one-member zip (deflated), as malloc'd bytes. */
static GByte *zip_project(const char *xml, size_t len, size_t *zip_len)
{
	static const char mem[] = "/vsimem/eventmap-project.qgz";
	char *options[] = {(char *)"COMPRESSED=YES", NULL};
	void *zip = CPLCreateZip(mem, NULL);
	vsi_l_offset size = 0;
	GByte *copy = NULL, *data;
	bool ok;

	if (zip == NULL)
		return NULL;
	ok = CPLCreateFileInZip(zip, "eventmap.qgs", options) == CE_None &&
	     CPLWriteFileInZip(zip, xml, (int)len) == CE_None && CPLCloseFileInZip(zip) == CE_None;
	ok = CPLCloseZip(zip) == CE_None && ok;
	data = ok ? VSIGetMemFileBuffer(mem, &size, FALSE) : NULL;
	if (data != NULL && (copy = malloc((size_t)size)) != NULL) {
		memcpy(copy, data, (size_t)size);
		*zip_len = (size_t)size;
	}
	VSIUnlink(mem);
	return copy;
}

/* The row of qgis_projects, in the table QGIS makes (no fid, three columns:
 * QGIS saves with a three-value INSERT). */
static em_status store_project(GDALDatasetH ds, const char *xml, em_error *err)
{
	size_t zip_len = 0, sql_len;
	GByte *zip = zip_project(xml, strlen(xml), &zip_len);
	char *hex, *sql, metadata[160];
	time_t now = time(NULL);
	struct tm tm;
	em_status status = EM_OK;

	if (zip == NULL)
		return em__gdal_error(err, "qgis_projects", "cannot zip the project");
	hex = CPLBinaryToHex((int)zip_len, zip);
	gmtime_r(&now, &tm);
	strftime(metadata, sizeof metadata, "{\"last_modified_time\": \"%Y-%m-%dT%H:%M:%S\", "
		 "\"last_modified_user\": \"eventmap\"}", &tm);
	sql_len = strlen(hex) + strlen(metadata) + 128;
	sql = malloc(sql_len);
	if (sql == NULL) {
		free(zip);
		CPLFree(hex);
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	}
	snprintf(sql, sql_len, "INSERT OR REPLACE INTO qgis_projects(name, metadata, content) "
		 "VALUES ('eventmap', '%s', '%s')", metadata, hex);
	CPLErrorReset();
	GDALDatasetExecuteSQL(ds, "CREATE TABLE IF NOT EXISTS qgis_projects"
			      "(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)", NULL, NULL);
	if (CPLGetLastErrorType() == CE_None)
		GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
	if (CPLGetLastErrorType() != CE_None)
		status = em__gdal_error(err, "qgis_projects", "cannot store the QGIS project");
	free(sql);
	CPLFree(hex);
	free(zip);
	return status;
}

/* The QMLs the template splices; false (err set) when one is missing. */
static bool read_qmls(fill *f)
{
	for (size_t i = 0; i < STYLED_COUNT; i++) {
		char path[PATH_LEN];
		snprintf(path, sizeof path, "%s/qgis/%s.qml", f->styles_dir, styled[i]);
		f->qml[i] = em__layers_read_text(path);
		if (f->qml[i] == NULL) {
			em_error_set(f->err, EM_ERR_IO, "%s: cannot read the QGIS style: %s", path,
				     strerror(errno));
			return false;
		}
	}
	return true;
}

em_status em__layers_project(GDALDatasetH ds, OGRSpatialReferenceH wgs84, const char *gpkg,
			     em__layers_days *days, const em_dataset *dataset,
			     const em_layers_options *options, em_error *err)
{
	fill f = {gpkg, options->title && options->title[0] ? options->title : "eventmap",
		  options->styles_dir, "", "", {NULL}, err};
	char path[PATH_LEN], *template = NULL, *xml = NULL;
	em_status status;

	add_flows(days, dataset);
	status = write_days(ds, wgs84, days, err);

	if (status == EM_OK)
		status = copy_basemap(ds, wgs84, options->basemap, err);
	snprintf(path, sizeof path, "%s/qgis/project.qgs", options->styles_dir);
	if (status == EM_OK && (template = em__layers_read_text(path)) == NULL)
		status = em_error_set(err, EM_ERR_IO, "%s: cannot read the QGIS project template: %s",
				      path, strerror(errno));
	if (status == EM_OK && !read_qmls(&f))
		status = err->status;
	extents(&f, data_box(days));
	if (status == EM_OK && (xml = fill_template(&f, template)) == NULL)
		status = err->status;
	if (status == EM_OK)
		status = store_project(ds, xml, err);
	for (size_t i = 0; i < STYLED_COUNT; i++)
		free(f.qml[i]);
	free(template);
	free(xml);
	return status;
}
