/* Geocoding results as TSV (for spreadsheets and `geocode.tsv`) and as a
 * JSON array (json-c) with a fixed set of keys, so scripts can rely on
 * them. */
#include "cli.h"

#include <json-c/json.h>
#include <string.h>

#include "eventmap/atomic.h"

static const char *admin1_label(const em_gazetteer *gz, const em_place *p)
{
	const char *name = em_gazetteer_admin1_name(gz, p->country, p->admin1);

	return name != NULL ? name : p->admin1;
}

/* TSV fields never hold a tab or a line break. */
static void put_field(FILE *out, const char *text)
{
	for (const char *p = text; p && *p; p++)
		fputc((*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p, out);
}

static void put_candidates(FILE *out, const em_gazetteer *gz, const em_geocode_candidate *list,
			   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const em_place *p = list[i].place;
		if (i > 0)
			fputs("; ", out);
		put_field(out, p->name);
		fprintf(out, " (%s", p->country);
		if (p->admin1[0]) {
			fputs(", ", out);
			put_field(out, admin1_label(gz, p));
		}
		fprintf(out, ", %.5f %.5f, id ", p->lat, p->lon);
		put_field(out, p->id);
		if (list[i].distance_km >= 0)
			fprintf(out, ", %.0f km", list[i].distance_km);
		fputc(')', out);
	}
}

/* "country=LY; admin1=Tartus", or "" without hints. */
static void hints_text(char *out, size_t size, const em_geocode_query *q)
{
	bool country = q->country != NULL && q->country[0] != '\0';
	bool admin1 = q->admin1 != NULL && q->admin1[0] != '\0';

	snprintf(out, size, "%s%s%s%s%s", country ? "country=" : "", country ? q->country : "",
		 country && admin1 ? "; " : "", admin1 ? "admin1=" : "", admin1 ? q->admin1 : "");
}

void cli_write_geocode_tsv(FILE *out, const em_gazetteer *gazetteer,
			   const em_geocode_query *const *items, size_t count)
{
	char hints[256];

	fputs("query\thints\tstatus\tlat\tlon\tname\tname_ar\tid\tcountry\tadmin1\tmethod\tscore\t"
	      "precision\treason\tcandidates\tsuggestions\n",
	      out);
	for (size_t i = 0; i < count; i++) {
		const em_geocode_result *r = &items[i]->result;
		const em_place *p = r->place;

		put_field(out, items[i]->name);
		fputc('\t', out);
		hints_text(hints, sizeof(hints), items[i]);
		put_field(out, hints);
		fprintf(out, "\t%s\t", em_geocode_status_name(r->status));
		if (p != NULL) {
			fprintf(out, "%.5f\t%.5f\t", p->lat, p->lon);
			put_field(out, p->name);
			fputc('\t', out);
			put_field(out, p->name_ar);
			fputc('\t', out);
			put_field(out, p->id);
			fprintf(out, "\t%s\t", p->country);
			put_field(out, admin1_label(gazetteer, p));
			fprintf(out, "\t%s\t%.2f\t%d\t", em_geocode_method_name(r->method),
				r->score, r->precision);
		} else {
			fprintf(out, "\t\t\t\t\t\t\t%s\t%.2f\t\t",
				em_geocode_method_name(r->method), r->score);
		}
		put_field(out, r->reason);
		fputc('\t', out);
		put_candidates(out, gazetteer, r->candidates, r->candidate_count);
		fputc('\t', out);
		put_candidates(out, gazetteer, r->suggestions, r->suggestion_count);
		fputc('\n', out);
	}
}

static json_object *fixed(double value, int decimals)
{
	char text[64];

	snprintf(text, sizeof(text), "%.*f", decimals, value);
	return json_object_new_double_s(value, text);
}

static json_object *string_or_null(const char *s)
{
	return (s != NULL && s[0] != '\0') ? json_object_new_string(s) : NULL;
}

static json_object *candidate_list(const em_gazetteer *gz, const em_geocode_candidate *list,
				   size_t n)
{
	json_object *array = json_object_new_array();

	for (size_t i = 0; i < n && array != NULL; i++) {
		const em_place *p = list[i].place;
		json_object *o = json_object_new_object();
		if (o == NULL)
			break;
		json_object_object_add(o, "name", json_object_new_string(p->name));
		json_object_object_add(o, "id", json_object_new_string(p->id));
		json_object_object_add(o, "country", string_or_null(p->country));
		json_object_object_add(o, "admin1", string_or_null(admin1_label(gz, p)));
		json_object_object_add(o, "lat", fixed(p->lat, 5));
		json_object_object_add(o, "lon", fixed(p->lon, 5));
		json_object_object_add(o, "method",
				       string_or_null(em_geocode_method_name(list[i].method)));
		json_object_object_add(o, "score", fixed(list[i].score, 2));
		json_object_object_add(o, "distance_km", list[i].distance_km >= 0
							 ? fixed(list[i].distance_km, 0) : NULL);
		json_object_array_add(array, o);
	}
	return array;
}

json_object *cli_geocode_result_json(const em_gazetteer *gz, const em_geocode_query *item)
{
	const em_geocode_result *r = &item->result;
	const em_place *p = r->place;
	json_object *o = json_object_new_object();
	char hints[256];

	if (o == NULL)
		return NULL;
	hints_text(hints, sizeof(hints), item);
	json_object_object_add(o, "query", json_object_new_string(item->name));
	json_object_object_add(o, "hints", string_or_null(hints));
	json_object_object_add(o, "status",
			       json_object_new_string(em_geocode_status_name(r->status)));
	json_object_object_add(o, "lat", p ? fixed(p->lat, 5) : NULL);
	json_object_object_add(o, "lon", p ? fixed(p->lon, 5) : NULL);
	json_object_object_add(o, "name", p ? json_object_new_string(p->name) : NULL);
	json_object_object_add(o, "name_ar", p ? string_or_null(p->name_ar) : NULL);
	json_object_object_add(o, "id", p ? json_object_new_string(p->id) : NULL);
	json_object_object_add(o, "country", p ? string_or_null(p->country) : NULL);
	json_object_object_add(o, "admin1", p ? string_or_null(admin1_label(gz, p)) : NULL);
	json_object_object_add(o, "method", string_or_null(em_geocode_method_name(r->method)));
	json_object_object_add(o, "score", fixed(r->score, 2));
	json_object_object_add(o, "precision", p ? json_object_new_int(r->precision) : NULL);
	json_object_object_add(o, "reason", json_object_new_string(r->reason));
	json_object_object_add(o, "candidates",
			       candidate_list(gz, r->candidates, r->candidate_count));
	json_object_object_add(o, "suggestions",
			       candidate_list(gz, r->suggestions, r->suggestion_count));
	return o;
}

em_status cli_write_geocode_json(FILE *out, const em_gazetteer *gazetteer,
				 const em_geocode_query *const *items, size_t count, em_error *err)
{
	json_object *array = json_object_new_array();
	const char *text;

	if (array == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < count; i++) {
		json_object *o = cli_geocode_result_json(gazetteer, items[i]);
		if (o == NULL) {
			json_object_put(array);
			return em_error_set(err, EM_ERR_NOMEM, "out of memory");
		}
		json_object_array_add(array, o);
	}
	text = json_object_to_json_string_ext(array, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_SPACED |
							     JSON_C_TO_STRING_NOSLASHESCAPE);
	fputs(text, out);
	fputc('\n', out);
	json_object_put(array);
	return EM_OK;
}

em_status cli_write_geocode(const char *path, bool json, const em_gazetteer *gazetteer,
			    const em_geocode_query *const *items, size_t count, em_error *err)
{
	em_atomic_file *file = NULL;
	em_status status;
	FILE *out = stdout;

	if (path != NULL && strcmp(path, "-") != 0) {
		cli_sweep_beside(path);
		status = em_atomic_file_create(&file, path, err);
		if (status != EM_OK)
			return status;
		out = em_atomic_file_stream(file);
	}
	if (json)
		status = cli_write_geocode_json(out, gazetteer, items, count, err);
	else {
		cli_write_geocode_tsv(out, gazetteer, items, count);
		status = EM_OK;
	}
	if (status == EM_OK && file != NULL)
		status = em_atomic_file_commit(file, err);
	else if (status == EM_OK && (fflush(stdout) != 0 || ferror(stdout)))
		status = em_error_set(err, EM_ERR_IO, "standard output: write failed");
	em_atomic_file_destroy(file);
	return status;
}
