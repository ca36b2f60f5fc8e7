/* data/data.js: the dataset as the page shows it.  Everything the page
 * prints as a figure or a date span comes from here, made by the same
 * functions as the posters' words; the page only draws and lays out. */
#include "web_internal.h"
#include "../render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *em__web_place_key(const em_report *rep, char *buf, size_t size)
{
	if (rep->where.place_id[0] != '\0')
		return rep->where.place_id;
	snprintf(buf, size, "given:%.5f,%.5f", rep->where.lat, rep->where.lon);
	return buf;
}

/* The index (+ 1) in the page's places of where a report is drawn; 0. */
static size_t report_place(const em_web_data *d, const em_report *rep)
{
	char buf[64];
	const char *key;
	const uint64_t *at;

	if (rep->scope != EM_SCOPE_PLACE || rep->where.state == EM_STATE_NOT_MAPPED)
		return 0;
	key = em__web_place_key(rep, buf, sizeof(buf));
	at = em__keymap_value(&d->place_index, key, strlen(key));
	return at != NULL ? (size_t)*at : 0;
}

static void write_date_value(FILE *out, em_date date)
{
	char text[16];

	em_date_format(text, sizeof(text), date);
	em__json_string(out, text);
}

static void write_date(FILE *out, bool *first, const char *key, em_date date)
{
	em__json_key(out, first, key);
	write_date_value(out, date);
}

/* reported_by without its " (file)". */
static void write_outlet(FILE *out, bool *first, const char *reported_by)
{
	const char *paren = strstr(reported_by, " (");
	char text[EM_DATASET_NAME_MAX * 4];

	snprintf(text, sizeof(text), "%.*s",
		 (int)(paren ? (size_t)(paren - reported_by) : strlen(reported_by)), reported_by);
	em__json_key_string(out, first, "outlet", text);
}

static void write_report(FILE *out, const em_web_data *d, const em_report *rep)
{
	em_range one = {true, rep->fatalities, rep->fatalities, rep->qualifier, rep->qualifier};
	size_t place = report_place(d, rep);
	char figure[64] = "";
	bool first = true;

	if (em_report_has_deaths(rep))
		em_range_format(figure, sizeof(figure), &one);
	fputc('{', out);
	em__json_key_string(out, &first, "id", rep->report_id);
	write_date(out, &first, "date", rep->date);
	write_date(out, &first, "date_end", rep->date_end);
	em__json_key(out, &first, "place");
	if (place > 0)
		fprintf(out, "%zu", place - 1);
	else
		fputs("null", out);
	em__json_key_string(out, &first, "location", rep->location);
	em__json_key_string(out, &first, "scope", em_scope_name(rep->scope));
	em__json_key_string(out, &first, "category", em_category_name(rep->category));
	em__json_key(out, &first, "fatalities");
	if (em_report_has_deaths(rep))
		fprintf(out, "%lld", rep->fatalities);
	else
		fputs("null", out);
	em__json_key_string(out, &first, "qualifier", em_qualifier_name(rep->qualifier));
	em__json_key_string(out, &first, "figure", figure);
	/* A 0 given is news: nobody was reported killed (ACLED's way). */
	em__json_key_bool(out, &first, "no_deaths", rep->has_fatalities && rep->fatalities == 0);
	em__json_key_string(out, &first, "event_type", rep->event_type);
	em__json_key_string(out, &first, "sub_event_type", rep->sub_event_type);
	em__json_key_string(out, &first, "kind",
			    em_event_kind_key(em_event_kind_of(rep->event_type)));
	em__json_key_string(out, &first, "source", rep->source);
	write_outlet(out, &first, rep->reported_by);
	em__json_key_string(out, &first, "summary", rep->summary);
	em__json_key_string(out, &first, "notes", rep->notes);
	em__json_key_string(out, &first, "evidence", rep->evidence);
	em__json_key_string(out, &first, "state", em_state_name(rep->where.state));
	em__json_key(out, &first, "why");
	if (rep->where.state == EM_STATE_NOT_MAPPED)
		em__json_string(out, em__unmapped_reason(&rep->where));
	else
		fputs("null", out);
	fputc('}', out);
}

static void write_point(FILE *out, bool *first, const char *key, const em_location *at)
{
	em__json_key(out, first, key);
	if (at->state == EM_STATE_NOT_MAPPED) {
		fputs("null", out);
		return;
	}
	fputc('[', out);
	em__json_number(out, at->lat, 5);
	fputc(',', out);
	em__json_number(out, at->lon, 5);
	fputc(']', out);
}

static void write_flow(FILE *out, const em_flow *f)
{
	em_range one = {true, f->people, f->people, f->qualifier, f->qualifier};
	const em_location *bad = em__flow_unplaced_end(f);
	char figure[64] = "uncounted";
	bool first = true;

	if (f->has_people)
		em_range_format(figure, sizeof(figure), &one);
	fputc('{', out);
	em__json_key_string(out, &first, "id", f->flow_id);
	em__json_key(out, &first, "date");
	if (f->has_date)
		write_date_value(out, f->date);
	else
		fputs("null", out);
	em__json_key_string(out, &first, "origin", f->origin);
	em__json_key_string(out, &first, "destination", f->destination);
	em__json_key(out, &first, "people");
	if (f->has_people)
		fprintf(out, "%lld", f->people);
	else
		fputs("null", out);
	em__json_key_string(out, &first, "qualifier", em_qualifier_name(f->qualifier));
	em__json_key_string(out, &first, "figure", figure);
	em__json_key_string(out, &first, "source", f->source);
	write_outlet(out, &first, f->reported_by);
	em__json_key_string(out, &first, "notes", f->notes);
	em__json_key_string(out, &first, "evidence", f->evidence);
	em__json_key_string(out, &first, "state", bad ? "not_mapped" : "mapped");
	em__json_key(out, &first, "why");
	if (bad != NULL)
		em__json_string(out, em__unmapped_reason(bad));
	else
		fputs("null", out);
	write_point(out, &first, "from", &f->from);
	write_point(out, &first, "to", &f->to);
	em__json_key_bool(out, &first, "approximate", f->from.precision > 1 || f->to.precision > 1);
	fputc('}', out);
}

/* The page's colours, by the names style.css and app.js use. */
static void write_style(FILE *out, const em_style *s)
{
	const struct {
		const char *key;
		em_color color;
	} colors[] = {
		{"page", s->page}, {"band", s->title_band}, {"band_text", s->title_text},
		{"band_sub", s->subtitle_text}, {"panel", s->panel}, {"panel_border", s->panel_border},
		{"heading", s->heading}, {"text", s->text}, {"muted", s->muted_text},
		{"sea", s->sea}, {"focus_land", s->focus_land}, {"neighbour_land", s->neighbour_land},
		{"coast", s->coast}, {"border", s->border}, {"lake", s->lake}, {"river", s->river},
		{"frame", s->frame}, {"sea_label", s->sea_label}, {"country_label", s->country_label},
		{"town", s->town_dot}, {"town_label", s->town_label}, {"label", s->label},
		{"halo", s->label_halo}, {"civilians", s->category[0]},
		{"security_forces", s->category[1]}, {"pro_assad_fighters", s->category[2]},
		{"unknown", s->category[3]}, {"mixed", s->category[4]}, {"outline", s->marker_outline},
		{"ink", s->event_ink}, {"arrow", s->arrow}, {"arrow_uncounted", s->arrow_uncounted},
	};
	bool first = true;

	em__json_key(out, &(bool){false}, "style");
	fputc('{', out);
	for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++) {
		em__json_key(out, &first, colors[i].key);
		em__json_color(out, colors[i].color);
	}
	fputc('}', out);
}

/* The words for categories and event kinds, by key. */
static void write_words(FILE *out)
{
	bool first = true;

	em__json_key(out, &(bool){false}, "category_words");
	fputc('{', out);
	for (int k = 0; k < EM_CATEGORY_COUNT; k++)
		em__json_key_string(out, &first, em_category_name((em_category)k),
				    em_category_words[k]);
	em__json_key_string(out, &first, "mixed", em_category_words[EM_CATEGORY_COUNT]);
	fputc('}', out);
	first = true;
	em__json_key(out, &(bool){false}, "kind_words");
	fputc('{', out);
	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++)
		em__json_key_string(out, &first, em_event_kind_key((em_event_kind)k),
				    em_event_kind_name((em_event_kind)k));
	fputc('}', out);
}

/* "A, B, C" as a JSON array of its items. */
static void write_list(FILE *out, const char *key, const em_strbuf *joined)
{
	const char *at = joined->text ? joined->text : "";
	char item[EM_DATASET_NAME_MAX * 4];

	em__json_key(out, &(bool){false}, key);
	fputc('[', out);
	for (bool first = true; *at != '\0'; first = false) {
		const char *end = strstr(at, ", ");
		size_t n = end ? (size_t)(end - at) : strlen(at);
		snprintf(item, sizeof(item), "%.*s", (int)n, at);
		fputs(first ? "" : ",", out);
		em__json_string(out, item);
		at += n + (end ? 2 : 0);
	}
	fputc(']', out);
}

static em_status write_credits(FILE *out, const em_web_data *d, em_error *err)
{
	em_strbuf sources = {0}, outlets = {0};
	bool ok = em__collect_sources(&sources, &outlets, d->dataset, &d->base);

	if (ok) {
		write_list(out, "sources", &sources);
		write_list(out, "outlets", &outlets);
	}
	em__strbuf_free(&sources);
	em__strbuf_free(&outlets);
	return ok ? EM_OK : em_error_set(err, EM_ERR_NOMEM, "out of memory");
}

static void write_places(FILE *out, const em_web_data *d)
{
	const bool arabic = d->options->poster.labels == EM_LABELS_AR;

	em__json_key(out, &(bool){false}, "places");
	fputc('[', out);
	for (size_t i = 0; i < d->place_count; i++) {
		const em_place_total *p = d->places[i];
		char own[EM_DATASET_NAME_MAX * 2];
		bool first = true;
		fputs(i ? ",{" : "{", out);
		em__json_key_string(out, &first, "id", p->place_id);
		em__json_key_string(out, &first, "name",
				    em__reader_name(p->name, p->gazetteer_name, arabic, own,
						    sizeof(own)));
		em__json_key_string(out, &first, "name_ar", p->name_ar);
		em__json_key(out, &first, "lat");
		em__json_number(out, p->lat, 5);
		em__json_key(out, &first, "lon");
		em__json_number(out, p->lon, 5);
		fputc('}', out);
	}
	fputc(']', out);
}

static void write_rows(FILE *out, const em_web_data *d)
{
	size_t n = 0;

	em__json_key(out, &(bool){false}, "reports");
	fputc('[', out);
	for (size_t i = 0; i < em_dataset_report_count(d->dataset); i++) {
		if (d->report_index[i] == 0)
			continue;
		fputs(n++ ? "," : "", out);
		write_report(out, d, em_dataset_report(d->dataset, i));
	}
	fputs("]", out);
	n = 0;
	em__json_key(out, &(bool){false}, "flows");
	fputc('[', out);
	for (size_t i = 0; i < em_dataset_flow_count(d->dataset); i++) {
		if (d->flow_index[i] == 0)
			continue;
		fputs(n++ ? "," : "", out);
		write_flow(out, em_dataset_flow(d->dataset, i));
	}
	fputc(']', out);
}

static void write_bounds(FILE *out, const char *key, const em_bbox *b)
{
	em__json_key(out, &(bool){false}, key);
	fputs("[[", out);
	em__json_number(out, b->south, 4);
	fputc(',', out);
	em__json_number(out, b->west, 4);
	fputs("],[", out);
	em__json_number(out, b->north, 4);
	fputc(',', out);
	em__json_number(out, b->east, 4);
	fputs("]]", out);
}

/* What the options left out, in words, or "": "Only 9-10 Mar 2025; only
 * Protests. 4 of the dataset's 25 reports." */
static void selection(char *out, size_t size, const em_web_data *d)
{
	const em_filter *f = &d->base;
	size_t at = 0, total = em_dataset_report_count(d->dataset);
	char days[96];

	out[0] = '\0';
	if (!f->has_from && !f->has_to && !em_filter_narrows(f))
		return;
	if (f->has_from || f->has_to) {
		em__date_span_year(days, sizeof(days), f->has_from ? f->from : d->days[0],
				   f->has_to ? f->to : d->days[d->day_count - 1]);
		at += (size_t)snprintf(out + at, size - at, "Only %s", days);
	}
	for (int k = 0; k < EM_EVENT_KIND_COUNT && at < size; k++)
		if (f->event_kinds & (1u << k))
			at += (size_t)snprintf(out + at, size - at, "%s%s", at ? ", " : "Only ",
					       em_event_kind_name((em_event_kind)k));
	for (int k = 0; k < EM_CATEGORY_COUNT && at < size; k++)
		if (f->categories & (1u << k))
			at += (size_t)snprintf(out + at, size - at, "%s%s", at ? ", " : "Only ",
					       em_category_words[k]);
	if (at < size)
		snprintf(out + at, size - at, ": %zu of the dataset's %zu reports.", d->report_count,
			 total);
}

static void write_head(FILE *out, const em_web_data *d)
{
	char only[512];

	const em_poster_options *o = &d->options->poster;
	static const char *const languages[] = {"en", "ar", "both"};
	bool first = true;

	fputc('{', out);
	em__json_key_int(out, &first, "format", EM_WEB_FORMAT);
	em__json_key_string(out, &first, "generator",
			    d->options->generator ? d->options->generator : "eventmap");
	em__json_key_string(out, &first, "title", d->title);
	em__json_key_string(out, &first, "subtitle", d->subtitle);
	em__json_key_string(out, &first, "credit", o->credit ? o->credit : "");
	selection(only, sizeof(only), d);
	em__json_key_string(out, &first, "selection", only);
	em__json_key_string(out, &first, "labels", languages[o->labels]);
	em__json_key(out, &first, "days");
	fputc('[', out);
	for (size_t i = 0; i < d->day_count; i++) {
		fputs(i ? "," : "", out);
		write_date_value(out, d->days[i]);
	}
	fputc(']', out);
	write_bounds(out, "bounds", &d->bounds);
	write_bounds(out, "max_bounds", &d->coverage);
	em__json_key_string(out, &first, "focus_country", d->focus_country);
	em__json_key(out, &first, "scale");
	/* As on the posters: the largest figure, and at least the floor. */
	fprintf(out, "{\"deaths_max\":%lld,\"people_max\":%lld}",
		d->deaths_max > EM_RENDER_SCALE_FLOOR ? d->deaths_max : EM_RENDER_SCALE_FLOOR,
		d->people_max);
}

em_status em__web_write_data(FILE *out, em_web_data *d, em_web_report *report, em_error *err)
{
	char *views = NULL;
	size_t views_len = 0;
	FILE *buffer = open_memstream(&views, &views_len);
	em_status status;

	if (buffer == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	/* The views first, into memory: the scale over all of them heads the file. */
	status = em__web_write_views(buffer, d, err);
	if (fclose(buffer) != 0 && status == EM_OK)
		status = em_error_set(err, EM_ERR_NOMEM, "out of memory");
	if (status == EM_OK) {
		write_head(out, d);
		write_style(out, d->style);
		write_words(out);
		status = write_credits(out, d, err);
	}
	if (status == EM_OK) {
		write_places(out, d);
		write_rows(out, d);
		fputs(",\"views\":", out);
		fwrite(views, 1, views_len, out);
		fputc('}', out);
		if (report != NULL) {
			report->day_count = d->day_count;
			report->place_count = d->place_count;
		}
	}
	free(views);
	return status;
}
