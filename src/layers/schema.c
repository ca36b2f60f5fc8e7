/* The layers' fields and how rows of the data model fill them.  Each schema
 * is one table, and each row is written in the table's order through a
 * cursor, so a field cannot be added in one place and forgotten in the
 * other without the count check failing. */
#include "layers_internal.h"
#include "../util/gdal_support.h"
#include "../util/strbuf.h"

#include <stdio.h>
#include <string.h>

#include <cpl_error.h>

typedef struct field {
	const char *name;
	OGRFieldType type;
	OGRFieldSubType subtype;
} field;

#define STR(n) {n, OFTString, OFSTNone}
#define INT(n) {n, OFTInteger, OFSTNone}
#define I64(n) {n, OFTInteger64, OFSTNone}
#define REAL(n) {n, OFTReal, OFSTNone}
#define DATE(n) {n, OFTDate, OFSTNone}

static const field report_fields[] = {
	STR("report_id"), DATE("event_date"), DATE("event_date_end"), STR("location"),
	STR("admin1"), STR("country"), INT("geo_precision"), STR("scope"), STR("category"),
	I64("fatalities"), STR("qualifier"), STR("event_type"), STR("sub_event_type"),
	STR("actor1"), STR("actor2"), STR("source"), STR("reported_by"), STR("notes"),
	STR("summary"), STR("evidence"), STR("event_kind"), STR("state"), STR("place_id"),
	STR("place_name"), STR("place_name_ar"),
	STR("geocode_method"), REAL("geocode_score"), REAL("latitude"), REAL("longitude"),
	STR("reason"),
};
/* reports and not_mapped share the fields; `reason` says how the row was
 * placed, or why it was not. */
#define REPORT_FIELDS (sizeof(report_fields) / sizeof(report_fields[0]))
#define NOT_MAPPED_FIELDS REPORT_FIELDS

static const field place_fields[] = {
	STR("place_id"), STR("name"), STR("gazetteer_name"), STR("name_ar"), STR("country"),
	STR("admin1"), INT("precision"), INT("approximate"), STR("method"), REAL("score"),
	I64("fatalities_min"), I64("fatalities_max"), STR("display"), STR("sources"),
	INT("report_count"), DATE("first_date"), DATE("last_date"),
	I64("civilians_min"), I64("civilians_max"), I64("security_forces_min"),
	I64("security_forces_max"), I64("pro_assad_fighters_min"), I64("pro_assad_fighters_max"),
	I64("unknown_min"), I64("unknown_max"), STR("category"), STR("label"),
	INT("event_count"), STR("event_types"),
};

static const field flow_fields[] = {
	STR("flow_id"), DATE("date"), STR("origin"), STR("destination"), I64("people"),
	STR("qualifier"), STR("display"), STR("source"), STR("reported_by"), STR("notes"),
	STR("evidence"), STR("label"), INT("origin_precision"), INT("destination_precision"), STR("state"),
	STR("reason"),
};

const char *const em_layer_names[LAYER_COUNT] = {"reports", "places", "flows", "not_mapped"};

static const field *schema(layer_kind kind, size_t *count)
{
	switch (kind) {
	case LAYER_REPORTS: *count = REPORT_FIELDS; return report_fields;
	case LAYER_NOT_MAPPED: *count = NOT_MAPPED_FIELDS; return report_fields;
	case LAYER_PLACES: *count = sizeof(place_fields) / sizeof(place_fields[0]); return place_fields;
	default: *count = sizeof(flow_fields) / sizeof(flow_fields[0]); return flow_fields;
	}
}

OGRwkbGeometryType em__layers_geometry(layer_kind kind)
{
	switch (kind) {
	case LAYER_FLOWS: return wkbLineString;
	case LAYER_NOT_MAPPED: return wkbNone;
	default: return wkbPoint;
	}
}

em_status em__layers_define(OGRLayerH layer, layer_kind kind, em_error *err)
{
	size_t count;
	const field *fields = schema(kind, &count);

	for (size_t i = 0; i < count; i++) {
		OGRFieldDefnH defn = OGR_Fld_Create(fields[i].name, fields[i].type);
		OGRErr e;

		OGR_Fld_SetSubType(defn, fields[i].subtype);
		e = OGR_L_CreateField(layer, defn, TRUE);
		OGR_Fld_Destroy(defn);
		if (e != OGRERR_NONE)
			return em__gdal_error(err, em_layer_names[kind], "cannot create a field");
	}
	return EM_OK;
}

/* Fills a feature's fields in schema order. */
typedef struct cursor {
	OGRFeatureH feature;
	int index;
} cursor;

static void put_str(cursor *c, const char *value)
{
	if (value != NULL && value[0] != '\0')
		OGR_F_SetFieldString(c->feature, c->index, value);
	else
		OGR_F_SetFieldNull(c->feature, c->index);
	c->index++;
}

static void put_int(cursor *c, long long value)
{
	OGR_F_SetFieldInteger64(c->feature, c->index++, value);
}

static void put_real(cursor *c, double value)
{
	OGR_F_SetFieldDouble(c->feature, c->index++, value);
}

static void put_null(cursor *c)
{
	OGR_F_SetFieldNull(c->feature, c->index++);
}

static void put_date(cursor *c, em_date date)
{
	int y, m, d;

	em_date_split(date, &y, &m, &d);
	OGR_F_SetFieldDateTime(c->feature, c->index++, y, m, d, 0, 0, 0, 0);
}

static void put_range(cursor *c, const em_range *range)
{
	if (range->present) {
		put_int(c, range->min);
		put_int(c, range->max);
	} else {
		put_null(c);
		put_null(c);
	}
}

static void put_report(cursor *c, const em_report *rep)
{
	const em_location *w = &rep->where;
	bool placed = w->state != EM_STATE_NOT_MAPPED;

	put_str(c, rep->report_id);
	put_date(c, rep->date);
	put_date(c, rep->date_end);
	put_str(c, rep->location);
	put_str(c, rep->admin1);
	put_str(c, rep->country);
	put_int(c, rep->geo_precision);
	put_str(c, em_scope_name(rep->scope));
	put_str(c, em_category_name(rep->category));
	/* No figure given is not 0 given: an event, with fatalities NULL. */
	if (rep->has_fatalities) {
		put_int(c, rep->fatalities);
		put_str(c, em_qualifier_name(rep->qualifier));
	} else {
		put_null(c);
		put_null(c);
	}
	put_str(c, rep->event_type);
	put_str(c, rep->sub_event_type);
	put_str(c, rep->actor1);
	put_str(c, rep->actor2);
	put_str(c, rep->source);
	put_str(c, rep->reported_by);
	put_str(c, rep->notes);
	put_str(c, rep->summary);
	put_str(c, rep->evidence);
	put_str(c, em_event_kind_key(em_event_kind_of(rep->event_type)));
	put_str(c, em_state_name(w->state));
	put_str(c, w->place_id);
	put_str(c, w->place_name);
	put_str(c, w->place_name_ar);
	put_str(c, w->method);
	if (placed) {
		put_real(c, w->score);
		put_real(c, w->lat);
		put_real(c, w->lon);
	} else {
		put_null(c);
		put_null(c);
		put_null(c);
	}
	put_str(c, w->reason);
}

/* "Battles; Strategic developments": the kinds reported at a place. */
static void put_event_types(cursor *c, unsigned kinds)
{
	char text[256] = "";
	size_t at = 0;

	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++)
		if (kinds & (1u << k))
			at += (size_t)snprintf(text + at, sizeof(text) - at, "%s%s", at ? "; " : "",
					       em_event_kind_name((em_event_kind)k));
	put_str(c, text);
}

static void put_place(cursor *c, const em_place_total *p)
{
	put_str(c, p->place_id);
	put_str(c, p->name);
	put_str(c, p->gazetteer_name);
	put_str(c, p->name_ar);
	put_str(c, p->country);
	put_str(c, p->admin1);
	put_int(c, p->precision);
	put_int(c, p->precision > 1);
	put_str(c, p->method);
	put_real(c, p->score);
	put_range(c, &p->total);
	put_str(c, p->display);
	put_str(c, p->sources);
	put_int(c, (long long)p->report_count);
	put_date(c, p->first_date);
	put_date(c, p->last_date);
	for (int k = 0; k < EM_CATEGORY_COUNT; k++)
		put_range(c, &p->by_category[k]);
	if (!em_place_total_has_deaths(p))
		put_str(c, "none"); /* events only: no circle */
	else
		put_str(c, p->category == EM_CATEGORY_MIXED ? "mixed" : em_category_name(p->category));
	put_str(c, p->label);
	put_int(c, (long long)p->event_count);
	put_event_types(c, p->event_kinds | p->spanning_kinds);
}

static void flow_display(const em_flow *flow, char *display, size_t size)
{
	em_range range = {0};

	if (!flow->has_people) {
		snprintf(display, size, "uncounted");
		return;
	}
	range.present = true;
	range.min = range.max = flow->people;
	range.min_qualifier = range.max_qualifier = flow->qualifier;
	em_range_format(display, size, &range);
}

static void put_flow(cursor *c, const em_flow *flow)
{
	char display[64];
	em_strbuf label = {0};
	bool drawn = flow->from.state != EM_STATE_NOT_MAPPED && flow->to.state != EM_STATE_NOT_MAPPED;

	flow_display(flow, display, sizeof(display));
	em__strbuf_printf(&label, "%s from %s to %s \xC2\xB7 %s",
			  flow->has_people ? display : "People", flow->origin, flow->destination,
			  flow->source);
	put_str(c, flow->flow_id);
	if (flow->has_date)
		put_date(c, flow->date);
	else
		put_null(c);
	put_str(c, flow->origin);
	put_str(c, flow->destination);
	if (flow->has_people)
		put_int(c, flow->people);
	else
		put_null(c);
	put_str(c, em_qualifier_name(flow->qualifier));
	put_str(c, display);
	put_str(c, flow->source);
	put_str(c, flow->reported_by);
	put_str(c, flow->notes);
	put_str(c, flow->evidence);
	put_str(c, em__strbuf_text(&label));
	em__strbuf_free(&label);
	put_int(c, flow->from.precision);
	put_int(c, flow->to.precision);
	put_str(c, drawn ? "mapped" : "not_mapped");
	put_str(c, drawn ? "" : (flow->from.state == EM_STATE_NOT_MAPPED ? flow->from.reason
									 : flow->to.reason));
}

static OGRGeometryH point(double lat, double lon)
{
	OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);

	OGR_G_SetPoint_2D(g, 0, lon, lat);
	return g;
}

static em_status emit(OGRLayerH layer, layer_kind kind, OGRFeatureH feature, OGRGeometryH geom,
		      int filled, em_error *err)
{
	size_t expected;
	OGRErr e;

	schema(kind, &expected);
	if ((size_t)filled != expected) {
		OGR_G_DestroyGeometry(geom);
		OGR_F_Destroy(feature);
		return em_error_set(err, EM_ERR_INVALID, "layer '%s': %d values for %zu fields",
				    em_layer_names[kind], filled, expected);
	}
	if (geom != NULL)
		OGR_F_SetGeometryDirectly(feature, geom);
	e = OGR_L_CreateFeature(layer, feature);
	OGR_F_Destroy(feature);
	if (e != OGRERR_NONE)
		return em__gdal_error(err, em_layer_names[kind], "cannot write a feature");
	return EM_OK;
}

em_status em__layers_put_report(OGRLayerH layer, layer_kind kind, const em_report *rep,
			      em_error *err)
{
	bool placed = rep->where.state != EM_STATE_NOT_MAPPED;
	cursor c;

	c.feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
	c.index = 0;
	put_report(&c, rep);
	return emit(layer, kind, c.feature, placed ? point(rep->where.lat, rep->where.lon) : NULL,
		    c.index, err);
}

static em_status fill_places(OGRLayerH layer, const em_summary *summary, em_error *err)
{
	em_status status = EM_OK;

	for (size_t i = 0; i < summary->place_count && status == EM_OK; i++) {
		const em_place_total *p = &summary->places[i];
		cursor c = {OGR_F_Create(OGR_L_GetLayerDefn(layer)), 0};

		put_place(&c, p);
		status = emit(layer, LAYER_PLACES, c.feature, point(p->lat, p->lon), c.index, err);
	}
	return status;
}

static em_status fill_flows(OGRLayerH layer, const em_dataset *dataset, em_error *err)
{
	em_status status = EM_OK;

	for (size_t i = 0; i < em_dataset_flow_count(dataset) && status == EM_OK; i++) {
		const em_flow *flow = em_dataset_flow(dataset, i);
		cursor c = {OGR_F_Create(OGR_L_GetLayerDefn(layer)), 0};
		OGRGeometryH line = NULL;

		if (flow->from.state != EM_STATE_NOT_MAPPED && flow->to.state != EM_STATE_NOT_MAPPED) {
			line = OGR_G_CreateGeometry(wkbLineString);
			OGR_G_AddPoint_2D(line, flow->from.lon, flow->from.lat);
			OGR_G_AddPoint_2D(line, flow->to.lon, flow->to.lat);
		}
		put_flow(&c, flow);
		status = emit(layer, LAYER_FLOWS, c.feature, line, c.index, err);
	}
	return status;
}

em_status em__layers_fill(OGRLayerH layer, layer_kind kind, const em_dataset *dataset,
			 const em_summary *summary, em_error *err)
{
	if (kind == LAYER_PLACES)
		return fill_places(layer, summary, err);
	return fill_flows(layer, dataset, err);
}
