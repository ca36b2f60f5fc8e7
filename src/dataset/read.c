/* Reading reports and flows through GDAL's CSV driver.  Columns are found by
 * name (ours, or ACLED's), every value is checked, and the first bad value
 * stops the read with the file, line, column and what to do about it. */
#include "dataset_internal.h"
#include "../util/array.h"
#include "../util/gdal_support.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#define ALIASES 3

typedef struct column {
	const char *names[ALIASES]; /* ours first, then ACLED's */
	bool required;
} column;

enum {
	R_ID, R_DATE, R_DATE_END, R_LOCATION, R_ADMIN1, R_COUNTRY, R_LAT, R_LON, R_PRECISION,
	R_SCOPE, R_CATEGORY, R_FATALITIES, R_QUALIFIER, R_EVENT_TYPE, R_SUB_EVENT_TYPE,
	R_ACTOR1, R_ACTOR2, R_SOURCE, R_REPORTED_BY, R_NOTES, R_CIVILIAN_TARGETING, R_SUMMARY,
	R_EVIDENCE, R_COLUMNS
};

static const column report_columns[R_COLUMNS] = {
	[R_ID] = {{"report_id", "event_id_cnty", "id"}, true},
	[R_DATE] = {{"event_date", NULL, NULL}, true},
	[R_DATE_END] = {{"event_date_end", NULL, NULL}, false},
	[R_LOCATION] = {{"location", NULL, NULL}, true},
	[R_ADMIN1] = {{"admin1", NULL, NULL}, false},
	[R_COUNTRY] = {{"country", NULL, NULL}, false},
	[R_LAT] = {{"latitude", "lat", NULL}, false},
	[R_LON] = {{"longitude", "lon", NULL}, false},
	[R_PRECISION] = {{"geo_precision", NULL, NULL}, false},
	[R_SCOPE] = {{"scope", NULL, NULL}, false},
	[R_CATEGORY] = {{"category", NULL, NULL}, false},
	[R_FATALITIES] = {{"fatalities", NULL, NULL}, false}, /* or event_type: see below */
	[R_QUALIFIER] = {{"qualifier", NULL, NULL}, false},
	[R_EVENT_TYPE] = {{"event_type", NULL, NULL}, false},
	[R_SUB_EVENT_TYPE] = {{"sub_event_type", NULL, NULL}, false},
	[R_ACTOR1] = {{"actor1", NULL, NULL}, false},
	[R_ACTOR2] = {{"actor2", NULL, NULL}, false},
	[R_SOURCE] = {{"source", NULL, NULL}, true},
	[R_REPORTED_BY] = {{"reported_by", NULL, NULL}, false},
	[R_NOTES] = {{"notes", NULL, NULL}, false},
	[R_CIVILIAN_TARGETING] = {{"civilian_targeting", NULL, NULL}, false},
	[R_SUMMARY] = {{"summary", NULL, NULL}, false},
	[R_EVIDENCE] = {{"evidence", NULL, NULL}, false},
};

enum {
	F_ID, F_DATE, F_ORIGIN, F_DESTINATION, F_PEOPLE, F_QUALIFIER, F_SOURCE,
	F_REPORTED_BY, F_NOTES, F_EVIDENCE, F_COLUMNS
};

static const column flow_columns[F_COLUMNS] = {
	[F_ID] = {{"flow_id", "id", NULL}, true},
	[F_DATE] = {{"date", "event_date", NULL}, false},
	[F_ORIGIN] = {{"origin", NULL, NULL}, true},
	[F_DESTINATION] = {{"destination", NULL, NULL}, true},
	[F_PEOPLE] = {{"people", NULL, NULL}, false},
	[F_QUALIFIER] = {{"qualifier", NULL, NULL}, false},
	[F_SOURCE] = {{"source", NULL, NULL}, true},
	[F_REPORTED_BY] = {{"reported_by", NULL, NULL}, false},
	[F_NOTES] = {{"notes", NULL, NULL}, false},
	[F_EVIDENCE] = {{"evidence", NULL, NULL}, false},
};

/* One row being read: where it is, and its values by column. */
typedef struct row {
	const char *path;
	const column *columns;
	const int *index;          /* column -> OGR field, -1 when absent */
	OGRFeatureH feature;
	unsigned long number;      /* 1 = first data row */
	unsigned long line;        /* its line in the file */
	em_dataset *dataset;
	em_pool *pool;             /* where the row's strings are kept */
	em_error *err;
	bool acled;                /* an ACLED export: each row its own event */
	bool database;             /* rows of a query: named by their key */
} row;

static const char *value(const row *r, int col)
{
	const char *text;

	static _Thread_local char typed[R_COLUMNS][48];

	if (r->index[col] < 0 || !OGR_F_IsFieldSetAndNotNull(r->feature, r->index[col]))
		return "";
	/* A database's values are typed: dates as ISO dates (not OGR's
	 * 2025/03/07), numbers copied per column (OGR's text of a number
	 * lasts only until the next field is read). */
	if (r->database && (text = em__source_typed(r->feature, r->index[col], typed[col],
						    sizeof(typed[col]))) != NULL)
		return text;
	text = OGR_F_GetFieldAsString(r->feature, r->index[col]);
	while (*text == ' ' || *text == '\t')
		text++;
	return text;
}

/* "reports.csv:12" for a file's row; a database's row by its key:
 * "PG:dbname=news tables=reports: row report_id 'r012'". */
static const char *where(const row *r, char *buf, size_t size)
{
	if (r->database)
		snprintf(buf, size, "%s: row %s '%.80s'", r->path, r->columns[0].names[0],
			 value(r, 0));
	else
		snprintf(buf, size, "%s:%lu", r->path, r->line);
	return buf;
}

static em_status bad(const row *r, int col, const char *problem)
{
	char at[1200];

	return em_error_set(r->err, EM_ERR_INVALID, "%s: column '%s': '%.80s' %s",
			    where(r, at, sizeof(at)), r->columns[col].names[0], value(r, col),
			    problem);
}

static const char *keep(const row *r, int col)
{
	const char *text = value(r, col);
	size_t len = strlen(text);

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	return em__pool_strndup(r->pool, text, len);
}

static bool parse_count(const char *text, long long *out)
{
	char *end;
	long long v;

	if (*text == '\0')
		return false;
	errno = 0;
	v = strtoll(text, &end, 10);
	while (*end == ' ')
		end++;
	if (*end != '\0' || errno == ERANGE)
		return false;
	*out = v;
	return true;
}

static em_status read_count(const row *r, int col, long long *out)
{
	const char *text = value(r, col);

	if (*text == '\0')
		return bad(r, col, "is empty: give a whole number, 0 or more");
	if (!parse_count(text, out)) {
		if (errno == ERANGE)
			return bad(r, col, "is too large");
		return bad(r, col, "is not a whole number (write 1000, not '1,000' or 'about 1000'; "
			   "use the qualifier column for 'about')");
	}
	if (*out < 0)
		return bad(r, col, "is negative: give a whole number, 0 or more");
	if (*out > EM_DATASET_COUNT_MAX)
		return bad(r, col, "is larger than 100,000,000: check the figure");
	return EM_OK;
}

static em_status read_choice(const row *r, int col, const char *const *choices, int count,
			     int fallback, int *out)
{
	const char *text = value(r, col);
	char problem[256];
	size_t at = 0;

	if (*text == '\0') {
		*out = fallback;
		return EM_OK;
	}
	for (int i = 0; i < count; i++) {
		if (strcasecmp(text, choices[i]) == 0) {
			*out = i;
			return EM_OK;
		}
	}
	at += (size_t)snprintf(problem, sizeof(problem), "is not one of:");
	for (int i = 0; i < count && at < sizeof(problem); i++)
		at += (size_t)snprintf(problem + at, sizeof(problem) - at, " %s", choices[i]);
	return bad(r, col, problem);
}

static em_status read_date(const row *r, int col, bool required, em_date *out, bool *present)
{
	const char *text = value(r, col);

	*present = *text != '\0';
	if (!*present)
		return required ? bad(r, col, "is empty: give the date as YYYY-MM-DD") : EM_OK;
	if (!em_date_parse(out, text))
		return bad(r, col, "is not a date: write YYYY-MM-DD (2025-03-07) or 7 March 2025");
	return EM_OK;
}

static em_status read_required_text(const row *r, int col, const char *what, const char **out)
{
	if (*value(r, col) == '\0')
		return bad(r, col, what);
	*out = keep(r, col);
	return *out ? EM_OK : em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
}

/* A place name longer than EM_DATASET_NAME_MAX is a broken file, not a
 * name: it is refused with its length, quoted only in part. */
static em_status read_place_name(const row *r, int col, const char *what, const char **out)
{
	const char *text = value(r, col);
	size_t len = strlen(text), cut = 40;
	char at[1200];

	if (len > EM_DATASET_NAME_MAX) {
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
		return em_error_set(r->err, EM_ERR_INVALID,
				    "%s: column '%s': '%.*s\xE2\x80\xA6' is %zu bytes long, more "
				    "than the %d a place name may have: is a quote or separator "
				    "missing?", where(r, at, sizeof(at)), r->columns[col].names[0], (int)cut,
				    text, len, EM_DATASET_NAME_MAX);
	}
	return read_required_text(r, col, what, out);
}

/* Country hints are ISO codes; ACLED writes country names. */
static const char *country_code(const char *text)
{
	static const char *const names[][2] = {
		{"syria", "SY"}, {"lebanon", "LB"}, {"turkey", "TR"}, {"turkiye", "TR"},
		{"iraq", "IQ"}, {"jordan", "JO"}, {"israel", "IL"}, {"palestine", "PS"},
		{"cyprus", "CY"}, {"egypt", "EG"}, {"libya", "LY"}};

	if (strlen(text) == 2 && isalpha((unsigned char)text[0]) && isalpha((unsigned char)text[1]))
		return NULL; /* already a code: kept as written, upper-cased below */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(text, names[i][0]) == 0)
			return names[i][1];
	return "";
}

static em_status read_country(const row *r, const char **out)
{
	const char *text = value(r, R_COUNTRY);
	const char *code = country_code(text);
	char upper[3];

	if (*text == '\0') {
		*out = "";
		return EM_OK;
	}
	if (code == NULL) {
		upper[0] = (char)toupper((unsigned char)text[0]);
		upper[1] = (char)toupper((unsigned char)text[1]);
		upper[2] = '\0';
		code = upper;
	} else if (*code == '\0') {
		return bad(r, R_COUNTRY, "is not a two-letter ISO code (SY, LB) or a country "
			   "name eventmap knows");
	}
	*out = em__pool_strdup(r->pool, code);
	return *out ? EM_OK : em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
}

static em_status read_coordinate(const row *r, int col, double limit, double *out)
{
	const char *text = value(r, col);
	char *end;

	errno = 0;
	*out = strtod(text, &end);
	while (*end == ' ')
		end++;
	if (*end != '\0' || errno != 0 || !isfinite(*out))
		return bad(r, col, "is not a number in decimal degrees");
	if (fabs(*out) > limit)
		return bad(r, col, limit < 100 ? "is out of range: a latitude is between -90 and 90"
					     : "is out of range: a longitude is between -180 and 180");
	return EM_OK;
}

static em_status read_coordinates(const row *r, em_report *rep)
{
	bool has_lat = *value(r, R_LAT) != '\0', has_lon = *value(r, R_LON) != '\0';
	em_status status;

	rep->has_coordinates = has_lat && has_lon;
	if (has_lat != has_lon)
		return bad(r, has_lat ? R_LON : R_LAT,
			   "is empty while the other coordinate is given: give both or neither");
	if (!rep->has_coordinates)
		return EM_OK;
	status = read_coordinate(r, R_LAT, 90.0, &rep->latitude);
	if (status == EM_OK)
		status = read_coordinate(r, R_LON, 180.0, &rep->longitude);
	return status;
}

static em_status read_precision(const row *r, int *out)
{
	const char *text = value(r, R_PRECISION);

	if (*text == '\0') {
		*out = 1;
		return EM_OK;
	}
	if (!(text[0] >= '1' && text[0] <= '3' && text[1] == '\0'))
		return bad(r, R_PRECISION, "is not 1 (town), 2 (near or part of) or 3 (region)");
	*out = text[0] - '0';
	return EM_OK;
}

/* ACLED has no category column: civilian targeting says civilians. */
static em_category category_from_acled(const row *r)
{
	if (*value(r, R_CIVILIAN_TARGETING) != '\0' ||
	    strcasecmp(value(r, R_EVENT_TYPE), "Violence against civilians") == 0)
		return EM_CATEGORY_CIVILIANS;
	return EM_CATEGORY_UNKNOWN;
}

/* A figure, or none: a row without one is an event and must say what
 * happened (event_type).  0 is an event in which nobody died, as in ACLED. */
static em_status read_fatalities(const row *r, em_report *rep)
{
	rep->has_fatalities = *value(r, R_FATALITIES) != '\0';
	if (rep->has_fatalities)
		return read_count(r, R_FATALITIES, &rep->fatalities);
	if (*value(r, R_EVENT_TYPE) == '\0')
		return bad(r, r->index[R_FATALITIES] >= 0 ? R_FATALITIES : R_EVENT_TYPE,
			   "is empty: give the number of deaths (0 for none), or, for an event "
			   "reported without a figure, leave fatalities empty and give its "
			   "event_type");
	return EM_OK;
}

static const char *const category_choices[] = {"civilians", "security_forces",
						"pro_assad_fighters", "unknown"};
static const char *const qualifier_choices[] = {"exact", "at_least", "more_than", "about",
						"up_to"};
static const char *const scope_choices[] = {"place", "region"};

static em_status read_report_values(const row *r, em_report *rep)
{
	em_status status;
	bool present;
	int choice = 0;

	status = read_required_text(r, R_ID, "is empty: every row needs its own report_id",
				    &rep->report_id);
	if (status == EM_OK)
		status = read_date(r, R_DATE, true, &rep->date, &present);
	rep->date_end = rep->date;
	if (status == EM_OK)
		status = read_date(r, R_DATE_END, false, &rep->date_end, &present);
	if (status == EM_OK && rep->date_end < rep->date)
		status = bad(r, R_DATE_END, "is before event_date");
	if (status == EM_OK)
		status = read_place_name(r, R_LOCATION,
					    "is empty: name the place as reported (or the region "
					    "for a region-wide total)", &rep->location);
	if (status == EM_OK)
		status = read_country(r, &rep->country);
	if (status == EM_OK)
		status = read_coordinates(r, rep);
	if (status == EM_OK)
		status = read_precision(r, &rep->geo_precision);
	if (status == EM_OK && (status = read_choice(r, R_SCOPE, scope_choices, 2, 0, &choice)) == EM_OK)
		rep->scope = (em_scope)choice;
	if (status == EM_OK &&
	    (status = read_choice(r, R_CATEGORY, category_choices, EM_CATEGORY_COUNT,
				  (int)category_from_acled(r), &choice)) == EM_OK)
		rep->category = (em_category)choice;
	if (status == EM_OK)
		status = read_fatalities(r, rep);
	if (status == EM_OK &&
	    (status = read_choice(r, R_QUALIFIER, qualifier_choices, 5, 0, &choice)) == EM_OK)
		rep->qualifier = (em_qualifier)choice;
	if (status == EM_OK && !rep->has_fatalities && *value(r, R_QUALIFIER) != '\0')
		status = bad(r, R_QUALIFIER, "qualifies no figure: fatalities is empty (give the "
			     "figure, or leave the qualifier empty for an event)");
	if (status == EM_OK)
		status = read_required_text(r, R_SOURCE, "is empty: every row needs its source "
					    "(SOHR, SNHR, UNHCR, SANA...)", &rep->source);
	return status;
}

static em_status read_report(const row *r, em_report *rep)
{
	em_status status;

	memset(rep, 0, sizeof(*rep));
	rep->row = r->number;
	rep->line = r->line;
	status = read_report_values(r, rep);
	if (status != EM_OK)
		return status;
	rep->admin1 = keep(r, R_ADMIN1);
	rep->event_type = keep(r, R_EVENT_TYPE);
	rep->sub_event_type = keep(r, R_SUB_EVENT_TYPE);
	rep->actor1 = keep(r, R_ACTOR1);
	rep->actor2 = keep(r, R_ACTOR2);
	rep->reported_by = keep(r, R_REPORTED_BY);
	rep->notes = keep(r, R_NOTES);
	rep->distinct = r->acled;
	rep->summary = keep(r, R_SUMMARY);
	rep->evidence = keep(r, R_EVIDENCE);
	if (!rep->admin1 || !rep->event_type || !rep->sub_event_type || !rep->actor1 ||
	    !rep->actor2 || !rep->reported_by || !rep->notes || !rep->summary || !rep->evidence)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	return EM_OK;
}

static em_status read_flow(const row *r, em_flow *flow)
{
	em_status status;
	int choice = 0; /* set by read_choice on success; 0 keeps -O3 from warning */

	memset(flow, 0, sizeof(*flow));
	flow->row = r->number;
	flow->line = r->line;
	status = read_required_text(r, F_ID, "is empty: every row needs its own flow_id",
				    &flow->flow_id);
	if (status == EM_OK)
		status = read_date(r, F_DATE, false, &flow->date, &flow->has_date);
	if (status == EM_OK)
		status = read_place_name(r, F_ORIGIN, "is empty: where did people leave from?",
					    &flow->origin);
	if (status == EM_OK)
		status = read_place_name(r, F_DESTINATION, "is empty: where did people go?",
					    &flow->destination);
	if (status == EM_OK && strcasecmp(flow->origin, flow->destination) == 0)
		status = bad(r, F_DESTINATION, "is the origin too: a flow goes from one place to "
			     "another");
	flow->has_people = *value(r, F_PEOPLE) != '\0';
	if (status == EM_OK && flow->has_people)
		status = read_count(r, F_PEOPLE, &flow->people);
	if (status == EM_OK &&
	    (status = read_choice(r, F_QUALIFIER, qualifier_choices, 5, 0, &choice)) == EM_OK)
		flow->qualifier = (em_qualifier)choice;
	if (status == EM_OK)
		status = read_required_text(r, F_SOURCE, "is empty: every figure needs its source",
					    &flow->source);
	if (status != EM_OK)
		return status;
	flow->reported_by = keep(r, F_REPORTED_BY);
	flow->notes = keep(r, F_NOTES);
	flow->evidence = keep(r, F_EVIDENCE);
	if (!flow->reported_by || !flow->notes || !flow->evidence)
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	return EM_OK;
}

/* Finds each column by name, case-insensitively; a required one missing
 * is an error that lists what the file has. */
static em_status map_columns(OGRFeatureDefnH defn, const char *path, const column *columns,
			     int count, int *index, em_error *err)
{
	int fields = OGR_FD_GetFieldCount(defn);

	for (int c = 0; c < count; c++) {
		index[c] = -1;
		for (int a = 0; a < ALIASES && columns[c].names[a] && index[c] < 0; a++)
			for (int f = 0; f < fields && index[c] < 0; f++)
				if (strcasecmp(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, f)),
					       columns[c].names[a]) == 0)
					index[c] = f;
		if (index[c] < 0 && columns[c].required)
			return em_error_set(err, EM_ERR_INVALID,
					    "%s: required column '%s' is missing (the header has %d "
					    "columns; names are matched without regard to case)",
					    path, columns[c].names[0], fields);
	}
	return EM_OK;
}

/* The columns of the layer; a file of reports needs its figures or, for
 * events without figures, their type. */
static em_status find_columns(OGRLayerH layer, const char *path, const column *columns, int count,
			      int *index, em_error *err)
{
	em_status status = map_columns(OGR_L_GetLayerDefn(layer), path, columns, count, index, err);

	if (status == EM_OK && columns == report_columns && index[R_FATALITIES] < 0 &&
	    index[R_EVENT_TYPE] < 0)
		status = em_error_set(err, EM_ERR_INVALID,
				      "%s: required column 'fatalities' is missing (a file of events "
				      "without figures needs an 'event_type' column instead)", path);
	return status;
}

/* ACLED names its id column event_id_cnty: its rows are distinct events,
 * each with the deaths ACLED counted for it once. */
static bool is_acled(OGRLayerH layer, const column *columns, const int *index)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);

	return columns == report_columns && index[R_ID] >= 0 &&
	       strcasecmp(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, index[R_ID])),
			  "event_id_cnty") == 0;
}

typedef em_status (*row_fn)(row *r, void *ctx);

/* Calls fn for every row of the layer, numbered from 1, with its line. */
static em_status each_row(OGRLayerH layer, row *r, em_line_map *lines, row_fn fn, void *ctx)
{
	unsigned long number = 0;
	em_status status = EM_OK;

	OGR_L_ResetReading(layer);
	while (status == EM_OK && (r->feature = OGR_L_GetNextFeature(layer)) != NULL) {
		r->number = ++number;
		/* GDAL and the pre-check agree on records; if not, the line is
		 * the best guess rather than nothing. */
		r->line = r->database ? number : em__line_map_find(lines, number);
		status = fn(r, ctx);
		OGR_F_Destroy(r->feature);
	}
	return status;
}

/* Checks the file (or opens the database), and calls fn for every row;
 * messages name the source as label. */
static em_status read_rows(em_dataset *dataset, em_pool *pool, const char *path,
			   const column *columns, int count, row_fn fn, void *ctx, em_error *err)
{
	em_source source = {0};
	int index[R_COLUMNS];
	em_line_map lines;
	char label[1024];
	row r;
	em_status status = EM_OK;

	em__gdal_register();
	em__source_label(label, sizeof(label), path);
	memset(&lines, 0, sizeof(lines));
	if (!em__source_is_database(path))
		status = em__reports_precheck(path, &lines, err);
	if (status != EM_OK)
		return status;
	CPLErrorReset();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	status = em__source_open(&source, path, label, err);
	if (status == EM_OK)
		status = find_columns(source.layer, label, columns, count, index, err);
	if (status == EM_OK) {
		r = (row){.path = label, .columns = columns, .index = index, .dataset = dataset,
			  .pool = pool, .err = err, .database = source.database,
			  .acled = is_acled(source.layer, columns, index)};
		status = each_row(source.layer, &r, &lines, fn, ctx);
	}
	em__source_close(&source);
	CPLPopErrorHandler();
	em__line_map_free(&lines);
	return status;
}

/* Report and flow ids must be unique within their file. */
static em_status check_unique(row *r, em_idcheck *ids, const char *id, int col)
{
	unsigned long first;
	em_status status = em__idcheck_add(ids, id, r->line, &first, r->path, r->err);

	if (status == EM_OK && first != 0) {
		char problem[96];
		snprintf(problem, sizeof(problem), "is a duplicate: the same id is %s %lu",
			 r->database ? "in row" : "on line", first);
		return bad(r, col, problem);
	}
	return status;
}

/* After the last row: a duplicate among ids moved out of memory. */
static em_status finish_unique(em_idcheck *ids, const char *path, const column *id_column,
			       em_status status, em_error *err)
{
	em_idcheck_duplicate dup;

	if (status == EM_OK)
		status = em__idcheck_finish(ids, &dup, err);
	if (status == EM_OK && dup.found && em__source_is_database(path))
		status = em_error_set(err, EM_ERR_INVALID, "%s: %s '%.80s' is in two rows (%lu and "
				      "%lu of the result): ids must be unique", path,
				      id_column->names[0], dup.id, dup.first_line, dup.line);
	else if (status == EM_OK && dup.found)
		status = em_error_set(err, EM_ERR_INVALID,
				      "%s:%lu: column '%s': '%.80s' is a duplicate: the same id is "
				      "on line %lu", path, dup.line, id_column->names[0], dup.id,
				      dup.first_line);
	em__idcheck_free(ids);
	return status;
}

typedef struct report_ctx {
	em_idcheck ids;
	/* Streaming: */
	em_pool scratch;
	em_resolver *resolver;
	em_report_sink sink;
	void *sink_context;
} report_ctx;

static em_status add_report(row *r, void *ctx)
{
	report_ctx *c = ctx;
	em_dataset *ds = r->dataset;
	em_status status;

	if (!EM_ARRAY_RESERVE(ds->reports, ds->reports_cap, ds->report_count + 1))
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	status = read_report(r, &ds->reports[ds->report_count]);
	if (status == EM_OK)
		status = check_unique(r, &c->ids, ds->reports[ds->report_count].report_id, R_ID);
	if (status == EM_OK)
		ds->report_count++;
	return status;
}

typedef struct flow_ctx {
	em_idcheck ids;
} flow_ctx;

static em_status add_flow(row *r, void *ctx)
{
	flow_ctx *c = ctx;
	em_dataset *ds = r->dataset;
	em_status status;

	if (!EM_ARRAY_RESERVE(ds->flows, ds->flows_cap, ds->flow_count + 1))
		return em_error_set(r->err, EM_ERR_NOMEM, "out of memory");
	status = read_flow(r, &ds->flows[ds->flow_count]);
	if (status == EM_OK)
		status = check_unique(r, &c->ids, ds->flows[ds->flow_count].flow_id, F_ID);
	if (status == EM_OK)
		ds->flow_count++;
	return status;
}

em_status em_dataset_read_reports(em_dataset *dataset, const char *path, em_error *err)
{
	report_ctx ctx;
	em_status status;
	char label[1024];

	if (path != NULL)
		em__source_label(label, sizeof(label), path);
	if (dataset == NULL || path == NULL)
		return em_error_set(err, EM_ERR_INVALID, "reports: invalid arguments");
	if (dataset->reports_path != NULL)
		return em_error_set(err, EM_ERR_INVALID, "%s: a dataset reads one reports file", label);
	memset(&ctx, 0, sizeof(ctx));
	em__idcheck_init(&ctx.ids, dataset->id_budget);
	status = read_rows(dataset, &dataset->strings, path, report_columns, R_COLUMNS, add_report,
			   &ctx, err);
	status = finish_unique(&ctx.ids, label, &report_columns[R_ID], status, err);
	if (status == EM_OK && dataset->report_count == 0)
		status = em_error_set(err, EM_ERR_INVALID, "%s: holds no reports, only a header", label);
	if (status != EM_OK) {
		dataset->report_count = 0; /* nothing from a bad file is kept */
		return status;
	}
	dataset->reports_path = em__pool_strdup(&dataset->strings, label);
	return dataset->reports_path ? EM_OK : em_error_set(err, EM_ERR_NOMEM, "out of memory");
}

em_status em_dataset_read_flows(em_dataset *dataset, const char *path, em_error *err)
{
	flow_ctx ctx;
	em_status status;
	char label[1024];

	if (path != NULL)
		em__source_label(label, sizeof(label), path);
	if (dataset == NULL || path == NULL)
		return em_error_set(err, EM_ERR_INVALID, "flows: invalid arguments");
	if (dataset->flows_path != NULL)
		return em_error_set(err, EM_ERR_INVALID, "%s: a dataset reads one flows file", label);
	memset(&ctx, 0, sizeof(ctx));
	em__idcheck_init(&ctx.ids, dataset->id_budget);
	status = read_rows(dataset, &dataset->strings, path, flow_columns, F_COLUMNS, add_flow, &ctx,
			   err);
	status = finish_unique(&ctx.ids, label, &flow_columns[F_ID], status, err);
	if (status != EM_OK) {
		dataset->flow_count = 0;
		return status;
	}
	dataset->tally.flows = dataset->flow_count;
	dataset->flows_path = em__pool_strdup(&dataset->strings, label);
	return dataset->flows_path ? EM_OK : em_error_set(err, EM_ERR_NOMEM, "out of memory");
}

/* Streaming, first pass: each row's place tells the context, and the
 * row is forgotten.  A bad row ends the pass (its error is kept aside):
 * the second pass meets it, after any earlier error, and names it. */
static em_status learn_report(row *r, void *ctx)
{
	report_ctx *c = ctx;
	em_report rep;
	em_status status;

	em__pool_reset(&c->scratch);
	status = read_report(r, &rep);
	if (status != EM_OK)
		return status;
	return em__resolver_learn_report(c->resolver, &rep);
}

/* Streaming, second pass: each row is read into the scratch pool, placed,
 * handed on and forgotten. */
static em_status stream_report(row *r, void *ctx)
{
	report_ctx *c = ctx;
	em_report rep;
	em_status status;

	em__pool_reset(&c->scratch);
	status = read_report(r, &rep);
	if (status == EM_OK)
		status = check_unique(r, &c->ids, rep.report_id, R_ID);
	if (status == EM_OK)
		status = em__resolver_report(c->resolver, &rep);
	if (status == EM_OK)
		status = c->sink(c->sink_context, &rep, r->err);
	return status;
}

em_status em_dataset_stream_reports(em_dataset *dataset, const char *path,
				    const em_gazetteer *gazetteer,
				    const em_geocode_options *options, em_report_sink sink,
				    void *context, em_error *err)
{
	report_ctx ctx;
	em_status status;
	char label[1024];

	if (path != NULL)
		em__source_label(label, sizeof(label), path);
	if (dataset == NULL || path == NULL || gazetteer == NULL || sink == NULL)
		return em_error_set(err, EM_ERR_INVALID, "reports: invalid arguments");
	if (dataset->reports_path != NULL)
		return em_error_set(err, EM_ERR_INVALID, "%s: a dataset reads one reports file", label);
	dataset->reports_path = em__pool_strdup(&dataset->strings, label);
	if (dataset->reports_path == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	em__dataset_reset_tally(dataset);
	dataset->streamed = true;
	memset(&ctx, 0, sizeof(ctx));
	em__idcheck_init(&ctx.ids, dataset->id_budget);
	ctx.sink = sink;
	ctx.sink_context = context;
	status = em__resolver_create(&ctx.resolver, dataset, gazetteer, options, err);
	if (status == EM_OK)
		status = em__resolver_learn_flows(ctx.resolver);
	if (status == EM_OK) {
		em_error quiet;
		em_error_clear(&quiet);
		status = read_rows(dataset, &ctx.scratch, path, report_columns, R_COLUMNS,
				   learn_report, &ctx, &quiet);
		if (status == EM_ERR_NOMEM)
			status = em_error_set(err, status, "%s", quiet.message);
		else
			status = EM_OK; /* what the first pass met, the second names */
	}
	if (status == EM_OK)
		status = em__resolver_begin(ctx.resolver);
	if (status == EM_OK)
		status = read_rows(dataset, &ctx.scratch, path, report_columns, R_COLUMNS,
				   stream_report, &ctx, err);
	status = finish_unique(&ctx.ids, label, &report_columns[R_ID], status, err);
	em__pool_clear(&ctx.scratch);
	if (status == EM_OK && dataset->tally.reports == 0)
		status = em_error_set(err, EM_ERR_INVALID, "%s: holds no reports, only a header", label);
	if (status == EM_OK)
		status = em__resolver_flows(ctx.resolver);
	em__resolver_destroy(ctx.resolver);
	return status;
}
