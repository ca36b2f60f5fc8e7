/* What `eventmap extract` writes: DIR/reports.csv and DIR/flows.csv in
 * the project's own columns plus review, figure_kind, part_of and quote;
 * DIR/extract.json with every mention, its geocoding and the rows it fed,
 * and every row with how it was read.  All three are written as the
 * blocks are read and appear together at the end, or not at all. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "eventmap/atomic.h"
#include "extract_output.h"

static const char *const report_header =
	"report_id,event_date,event_date_end,location,admin1,country,latitude,longitude,"
	"geo_precision,scope,category,fatalities,qualifier,event_type,sub_event_type,actor1,"
	"actor2,source,reported_by,notes,summary,evidence,review,figure_kind,part_of,quote\n";
static const char *const flow_header =
	"flow_id,date,origin,destination,people,qualifier,source,reported_by,notes,evidence,"
	"review,quote\n";

/* One CSV field (RFC 4180), then sep. */
static void field(FILE *out, const char *s, char sep)
{
	if (strpbrk(s, ",\"\n\r") || (s[0] == ' ') || (s[0] && s[strlen(s) - 1] == ' ')) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(sep, out);
}

static void day(char *out, size_t size, bool has, em_date d)
{
	out[0] = 0;
	if (has)
		em_date_format(out, size, d);
}

static void report_line(FILE *out, const em_extract_row *r)
{
	char date[16], end[16], precision[8], deaths[32], evidence[4200];
	bool dead = r->kind == EM_FIGURE_DEATHS;

	day(date, sizeof date, r->has_date, r->date);
	day(end, sizeof end, r->has_date && r->date_end != r->date, r->date_end);
	snprintf(precision, sizeof precision, "%d", r->precision);
	snprintf(deaths, sizeof deaths, "%lld", r->figure);
	snprintf(evidence, sizeof evidence, "%s:%zu-%zu", r->file, r->start, r->end);
	field(out, r->id, ',');
	field(out, date, ',');
	field(out, end, ',');
	field(out, r->location, ',');
	field(out, r->admin1, ',');
	field(out, r->country, ',');
	field(out, "", ',');
	field(out, "", ',');
	field(out, precision, ',');
	field(out, em_scope_name(r->scope), ',');
	field(out, em_category_name(r->category), ',');
	field(out, dead ? deaths : "", ',');
	field(out, dead ? em_qualifier_name(r->qualifier) : "", ',');
	field(out, r->event_type, ',');
	field(out, r->sub_event_type, ',');
	field(out, "", ',');
	field(out, "", ',');
	field(out, r->source, ',');
	field(out, r->reported_by, ',');
	field(out, r->notes, ',');
	field(out, r->summary, ',');
	field(out, evidence, ',');
	field(out, "draft", ',');
	field(out, em_figure_kind_name(r->kind), ',');
	field(out, r->part_of, ',');
	field(out, r->quote, '\n');
}

static void flow_line(FILE *out, const em_extract_row *r)
{
	char date[16], people[32], evidence[4200];

	day(date, sizeof date, r->has_date, r->date);
	snprintf(people, sizeof people, "%lld", r->figure);
	snprintf(evidence, sizeof evidence, "%s:%zu-%zu", r->file, r->start, r->end);
	field(out, r->id, ',');
	field(out, date, ',');
	field(out, r->origin, ',');
	field(out, r->destination, ',');
	field(out, r->has_figure ? people : "", ',');
	field(out, r->has_figure ? em_qualifier_name(r->qualifier) : "", ',');
	field(out, r->source, ',');
	field(out, r->reported_by, ',');
	field(out, r->notes, ',');
	field(out, evidence, ',');
	field(out, "draft", ',');
	field(out, r->quote, '\n');
}

static json_object *str(const char *s)
{
	return s && s[0] ? json_object_new_string(s) : NULL;
}

static json_object *span(size_t a, size_t b)
{
	json_object *o = json_object_new_array();

	json_object_array_add(o, json_object_new_int64((int64_t)a));
	json_object_array_add(o, json_object_new_int64((int64_t)b));
	return o;
}

/* Where a row or flow rests: its file, the sentence's byte and character
 * range, the notes and the sentence. */
static json_object *add_evidence(json_object *o, const em_extract_row *r)
{
	json_object_object_add(o, "file", json_object_new_string(r->file));
	json_object_object_add(o, "bytes", span(r->start, r->end));
	json_object_object_add(o, "chars", span(r->char_start, r->char_end));
	json_object_object_add(o, "notes", str(r->notes));
	json_object_object_add(o, "quote", json_object_new_string(r->quote));
	return o;
}

static json_object *flow_json(const em_extract_row *r)
{
	json_object *o = json_object_new_object();
	char date[16];

	day(date, sizeof date, r->has_date, r->date);
	json_object_object_add(o, "id", json_object_new_string(r->id));
	json_object_object_add(o, "origin", str(r->origin));
	json_object_object_add(o, "destination", str(r->destination));
	json_object_object_add(o, "destination_id", str(r->place_id));
	json_object_object_add(o, "people", r->has_figure ? json_object_new_int64(r->figure) : NULL);
	json_object_object_add(o, "qualifier", r->has_figure ?
			       json_object_new_string(em_qualifier_name(r->qualifier)) : NULL);
	json_object_object_add(o, "source", str(r->source));
	json_object_object_add(o, "date", str(date));
	return add_evidence(o, r);
}

static json_object *row_json(const em_extract_row *r)
{
	json_object *o = json_object_new_object();
	char date[16], end[16];

	day(date, sizeof date, r->has_date, r->date);
	day(end, sizeof end, r->has_date, r->date_end);
	json_object_object_add(o, "id", json_object_new_string(r->id));
	json_object_object_add(o, "kind", json_object_new_string(em_figure_kind_name(r->kind)));
	json_object_object_add(o, "figure", r->has_figure ? json_object_new_int64(r->figure) : NULL);
	json_object_object_add(o, "qualifier", r->has_figure ?
			       json_object_new_string(em_qualifier_name(r->qualifier)) : NULL);
	json_object_object_add(o, "category", json_object_new_string(em_category_name(r->category)));
	json_object_object_add(o, "source", str(r->source));
	json_object_object_add(o, "location", str(r->location));
	json_object_object_add(o, "place_id", str(r->place_id));
	json_object_object_add(o, "scope", str(em_scope_name(r->scope)));
	json_object_object_add(o, "event_type", str(r->event_type));
	json_object_object_add(o, "date", str(date));
	json_object_object_add(o, "date_end", str(end));
	json_object_object_add(o, "role", str(r->role == EM_ROLE_TOTAL ? "total" :
					      r->role == EM_ROLE_PART ? "part" : ""));
	json_object_object_add(o, "part_of", str(r->part_of));
	return add_evidence(o, r);
}

/* The geocoder's answer for a mention: status, method, reason, the place
 * and the candidates, as `eventmap geocode -f json` gives them. */
static void add_geocode(json_object *o, const em_gazetteer *gz, const em_extract_mention *m)
{
	static const char *const keys[] = {"method", "score", "precision", "candidates",
					   "suggestions"};
	em_geocode_query q;
	json_object *g, *v, *place = NULL;
	const em_place *p = m->result.place;

	memset(&q, 0, sizeof q);
	q.name = m->text;
	q.result = m->result;
	g = cli_geocode_result_json(gz, &q);
	json_object_object_add(o, "status",
			       json_object_new_string(em_geocode_status_name(m->result.status)));
	json_object_object_add(o, "reason", json_object_new_string(m->result.reason));
	if (p) {
		place = json_object_new_object();
		json_object_object_add(place, "id", json_object_new_string(p->id));
		json_object_object_add(place, "name", json_object_new_string(p->name));
		json_object_object_add(place, "name_ar", str(p->name_ar));
		json_object_object_add(place, "country", str(p->country));
		json_object_object_add(place, "lat", json_object_new_double(p->lat));
		json_object_object_add(place, "lon", json_object_new_double(p->lon));
	}
	json_object_object_add(o, "place", place);
	for (size_t k = 0; g && k < sizeof keys / sizeof keys[0]; k++)
		if (json_object_object_get_ex(g, keys[k], &v))
			json_object_object_add(o, keys[k], json_object_get(v));
	json_object_put(g);
}

static json_object *mention_json(const em_gazetteer *gz, const em_extract_mention *m)
{
	json_object *o = json_object_new_object();
	json_object *rows = json_object_new_array();

	json_object_object_add(o, "file", json_object_new_string(m->file));
	json_object_object_add(o, "start", json_object_new_int64((int64_t)m->start));
	json_object_object_add(o, "end", json_object_new_int64((int64_t)m->end));
	json_object_object_add(o, "chars", span(m->char_start, m->char_end));
	json_object_object_add(o, "text", json_object_new_string(m->text));
	json_object_object_add(o, "kind", json_object_new_string(em_mention_kind_name(m->kind)));
	json_object_object_add(o, "country", str(m->country));
	json_object_object_add(o, "region", json_object_new_boolean(m->region));
	if (m->kind != EM_MENTION_COUNTRY)
		add_geocode(o, gz, m);
	for (const char *p = m->rows; *p;) {
		size_t n = strcspn(p, " ");
		json_object_array_add(rows, json_object_new_string_len(p, (int)n));
		p += n + (p[n] == ' ');
	}
	json_object_object_add(o, "rows", rows);
	return o;
}

static void put_json(FILE *out, json_object *o, bool *first)
{
	fputs(*first ? "\n    " : ",\n    ", out);
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					     JSON_C_TO_STRING_NOSLASHESCAPE), out);
	json_object_put(o);
	*first = false;
}

/* Each of the three files can be replaced: none is a directory or
 * anything else but a file, so that they are written together or not. */
static em_status check_targets(const char *dir, em_error *err)
{
	static const char *const names[] = {"reports.csv", "flows.csv", "extract.json"};
	char path[4096];
	struct stat st;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			return em_error_set(err, EM_ERR_IO, "%s: is not a file (a directory?); "
					    "it cannot be replaced", path);
	}
	return EM_OK;
}

em_status cli_extract_out_open(cli_extract_out *out, const char *dir, em_error *err)
{
	char path[4096];
	em_status status;

	memset(out, 0, sizeof *out);
	out->first_mention = out->first_row = out->first_flow = true;
	status = em_atomic_make_directories(dir, err);
	if (status == EM_OK)
		status = check_targets(dir, err);
	snprintf(path, sizeof path, "%s/reports.csv", dir);
	if (status == EM_OK)
		status = em_atomic_file_create(&out->reports, path, err);
	snprintf(path, sizeof path, "%s/flows.csv", dir);
	if (status == EM_OK)
		status = em_atomic_file_create(&out->flows, path, err);
	snprintf(path, sizeof path, "%s/extract.json", dir);
	if (status == EM_OK)
		status = em_atomic_file_create(&out->json, path, err);
	if (status == EM_OK && (!(out->rows = tmpfile()) || !(out->flow_json = tmpfile())))
		status = em_error_set(err, EM_ERR_IO, "a temporary file: cannot be created");
	if (status != EM_OK)
		return status;
	fputs(report_header, em_atomic_file_stream(out->reports));
	fputs(flow_header, em_atomic_file_stream(out->flows));
	fputs("{\n  \"mentions\": [", em_atomic_file_stream(out->json));
	return EM_OK;
}

static void count_mention(cli_extract_out *out, const em_extract_mention *m)
{
	out->mention_count++;
	if (m->kind == EM_MENTION_COUNTRY)
		out->countries++;
	else if (m->kind == EM_MENTION_UNLISTED)
		out->unlisted++;
	else if ((unsigned)m->result.status < 3)
		out->status_count[m->result.status]++;
}

void cli_extract_out_write(cli_extract_out *out, const em_extract *extract,
			   const em_gazetteer *gazetteer)
{
	FILE *json = em_atomic_file_stream(out->json);

	for (size_t i = 0; i < em_extract_row_count(extract); i++) {
		const em_extract_row *r = em_extract_row_at(extract, i);
		if (r->flow) {
			flow_line(em_atomic_file_stream(out->flows), r);
			put_json(out->flow_json, flow_json(r), &out->first_flow);
			out->flow_count++;
		} else {
			report_line(em_atomic_file_stream(out->reports), r);
			put_json(out->rows, row_json(r), &out->first_row);
			out->report_count++;
			out->undated += !r->has_date;
		}
	}
	for (size_t i = 0; i < em_extract_mention_count(extract); i++) {
		const em_extract_mention *m = em_extract_mention_at(extract, i);
		put_json(json, mention_json(gazetteer, m), &out->first_mention);
		count_mention(out, m);
	}
}

/* Appends a temporary file's array items and closes the array. */
static bool append(FILE *json, FILE *from, bool empty)
{
	char buf[65536];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		fwrite(buf, 1, n, json);
	fputs(empty ? "]" : "\n  ]", json);
	return !ferror(from);
}

em_status cli_extract_out_commit(cli_extract_out *out, const char *inputs, em_error *err)
{
	FILE *json = em_atomic_file_stream(out->json);
	em_status status;
	bool ok;

	fputs(out->first_mention ? "],\n  \"rows\": [" : "\n  ],\n  \"rows\": [", json);
	ok = append(json, out->rows, out->first_row);
	fputs(",\n  \"flows\": [", json);
	ok = ok && append(json, out->flow_json, out->first_flow);
	fprintf(json, ",\n  \"inputs\": %s\n}\n", inputs);
	if (!ok)
		return em_error_set(err, EM_ERR_IO, "a temporary file: cannot be read back");
	status = em_atomic_file_commit(out->reports, err);
	if (status == EM_OK)
		status = em_atomic_file_commit(out->flows, err);
	if (status == EM_OK)
		status = em_atomic_file_commit(out->json, err);
	return status;
}

void cli_extract_out_close(cli_extract_out *out)
{
	em_atomic_file_destroy(out->reports);
	em_atomic_file_destroy(out->flows);
	em_atomic_file_destroy(out->json);
	if (out->rows)
		fclose(out->rows);
	if (out->flow_json)
		fclose(out->flow_json);
	memset(out, 0, sizeof *out);
}
