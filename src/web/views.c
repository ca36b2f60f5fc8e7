/* The page's views: one for all its days and one per day, each what a
 * poster of those days shows (em_summary_create with the same filter):
 * places with their figures in the posters' words, the arrows as
 * arrows.c merges and labels them, the headline per source and what is
 * not on the map.  One scale serves every view: the largest figure. */
#include "web_internal.h"
#include "../render/render_internal.h"
#include "../util/array.h"

#include <stdlib.h>
#include <string.h>

/* The reports each place of a view counts, in file order: place i's are
 * list[start[i]] to list[start[i + 1] - 1] (page report indices). */
typedef struct place_reports {
	size_t *start, *list;
} place_reports;

/* The summary's index of the place a report counts at, or SIZE_MAX. */
static size_t counted_at(const em_keymap *index, const em_filter *f, const em_report *rep)
{
	char buf[64];
	const char *key;
	const uint64_t *at;

	if (rep->scope != EM_SCOPE_PLACE || rep->where.state == EM_STATE_NOT_MAPPED ||
	    !em_filter_keeps(f, rep))
		return SIZE_MAX;
	key = em__web_place_key(rep, buf, sizeof(buf));
	at = em__keymap_value(index, key, strlen(key));
	return at != NULL ? (size_t)*at : SIZE_MAX;
}

static bool list_reports(place_reports *out, const em_web_data *d, const em_summary *sum,
			 const em_filter *f)
{
	em_keymap index = {0};
	size_t n = em_dataset_report_count(d->dataset), *fill;
	bool ok = true;

	out->start = calloc(sum->place_count + 1, sizeof(size_t));
	out->list = malloc((n ? n : 1) * sizeof(size_t));
	fill = calloc(sum->place_count + 1, sizeof(size_t));
	ok = out->start && out->list && fill;
	for (size_t i = 0; ok && i < sum->place_count; i++) {
		uint64_t *at = em__keymap_get(&index, sum->places[i].place_id,
					      strlen(sum->places[i].place_id), true, NULL);
		ok = at != NULL;
		if (ok)
			*at = i;
	}
	for (int pass = 0; ok && pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			size_t p = counted_at(&index, f, em_dataset_report(d->dataset, i));
			if (p == SIZE_MAX || d->report_index[i] == 0)
				continue;
			if (pass == 0)
				out->start[p + 1]++;
			else
				out->list[out->start[p] + fill[p]++] = d->report_index[i] - 1;
		}
		for (size_t i = 0; pass == 0 && i < sum->place_count; i++)
			out->start[i + 1] += out->start[i];
	}
	free(fill);
	em__keymap_clear(&index);
	return ok;
}

static size_t page_place(const em_web_data *d, const char *place_id)
{
	const uint64_t *at = em__keymap_value(&d->place_index, place_id, strlen(place_id));

	return at != NULL ? (size_t)*at : 0;
}

static void write_range(FILE *out, bool *first, const char *key, const em_range *r,
			const char *days)
{
	char text[64];

	em__json_key(out, first, key);
	if (!r->present) {
		fputs("null", out);
		return;
	}
	em_range_format(text, sizeof(text), r);
	fprintf(out, "{\"min\":%lld,\"max\":%lld,\"text\":", r->min, r->max);
	em__json_string(out, text);
	if (days != NULL) {
		fputs(",\"days\":", out);
		em__json_string(out, days);
	}
	fputc('}', out);
}

static void write_kinds(FILE *out, bool *first, const char *key, unsigned kinds)
{
	bool one = true;

	em__json_key(out, first, key);
	fputc('[', out);
	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++) {
		if (!(kinds & (1u << k)))
			continue;
		fputs(one ? "" : ",", out);
		em__json_string(out, em_event_kind_key((em_event_kind)k));
		one = false;
	}
	fputc(']', out);
}

static void write_place(FILE *out, em_web_data *d, const em_place_total *p,
			const size_t *reports, size_t count)
{
	char days[64] = "";
	bool first = true;

	if (p->spanning.present)
		em_date_span_short(days, sizeof(days), p->spanning_first, p->spanning_last);
	em__json_key_int(out, &first, "place", (long long)page_place(d, p->place_id) - 1);
	em__json_key_bool(out, &first, "approximate", p->precision > 1);
	em__json_key_string(out, &first, "category",
			    !em_place_total_has_deaths(p) ? "none"
			    : p->category == EM_CATEGORY_MIXED ? "mixed"
							       : em_category_name(p->category));
	write_range(out, &first, "deaths", &p->total, NULL);
	write_range(out, &first, "spanning", &p->spanning, days);
	em__json_key_string(out, &first, "display", p->display);
	write_kinds(out, &first, "kinds", p->event_kinds);
	write_kinds(out, &first, "spanning_kinds", p->spanning_kinds & ~p->event_kinds);
	em__json_key_string(out, &first, "event_days", p->event_days);
	em__json_key(out, &first, "reports");
	fputc('[', out);
	for (size_t i = 0; i < count; i++)
		fprintf(out, i ? ",%zu" : "%zu", reports[i]);
	fputc(']', out);
	if (em_place_total_deaths_max(p) > d->deaths_max)
		d->deaths_max = em_place_total_deaths_max(p);
}

static bool write_places(FILE *out, em_web_data *d, const em_summary *sum, const em_filter *f)
{
	place_reports lists = {0};
	bool ok = list_reports(&lists, d, sum, f);

	fputs("\"places\":[", out);
	for (size_t i = 0, n = 0; ok && i < sum->place_count; i++) {
		if (page_place(d, sum->places[i].place_id) == 0)
			continue; /* not on the page: cannot happen, the page's days hold the view's */
		fputs(n++ ? ",{" : "{", out);
		write_place(out, d, &sum->places[i], lists.list + lists.start[i],
			    lists.start[i + 1] - lists.start[i]);
		fputc('}', out);
	}
	fputc(']', out);
	free(lists.start);
	free(lists.list);
	return ok;
}

/* Flows with the same two ends: one arrow, as wide as its largest
 * counted figure, naming every source (arrows.c). */
typedef struct web_arrow {
	size_t first;
	long best;
	bool approximate;
	em_strbuf sources, flows;
} web_arrow;

/* The name the page gives the place drawn at a flow's end, or NULL. */
static const char *end_name(const em_web_data *d, const em_summary *sum, const em_location *end,
			    char *buf, size_t size)
{
	for (size_t i = 0; i < sum->place_count; i++) {
		const em_place_total *p = &sum->places[i];
		if ((end->place_id[0] != '\0' && strcmp(p->place_id, end->place_id) == 0) ||
		    (end->place_id[0] == '\0' && p->lat == end->lat && p->lon == end->lon)) {
			size_t k = page_place(d, p->place_id);
			const em_place_total *at = k > 0 ? d->places[k - 1] : p;
			return em__reader_name(at->name, at->gazetteer_name,
					       d->options->poster.labels == EM_LABELS_AR, buf, size);
		}
	}
	return NULL;
}

static bool collect_arrows(web_arrow **arrows, size_t *count, const em_web_data *d,
			   const em_filter *f)
{
	size_t cap = 0;
	char number[32];

	for (size_t i = 0; i < em_dataset_flow_count(d->dataset); i++) {
		const em_flow *fl = em_dataset_flow(d->dataset, i);
		size_t k;
		if (em__flow_unplaced_end(fl) != NULL || !em_filter_keeps_flow(f, fl) ||
		    d->flow_index[i] == 0)
			continue;
		for (k = 0; k < *count; k++)
			if (em__flows_share_ends(em_dataset_flow(d->dataset, (*arrows)[k].first), fl))
				break;
		if (k == *count) {
			if (!EM_ARRAY_RESERVE(*arrows, cap, *count + 1))
				return false;
			memset(&(*arrows)[k], 0, sizeof(web_arrow));
			(*arrows)[k].first = i;
			(*arrows)[k].best = -1;
			(*count)++;
		}
		web_arrow *a = &(*arrows)[k];
		snprintf(number, sizeof(number), "%zu", d->flow_index[i] - 1);
		if (!em__strbuf_add_unique(&a->sources, fl->source, strlen(fl->source), ", ") ||
		    !em__strbuf_add_unique(&a->flows, number, strlen(number), ","))
			return false;
		if (fl->has_people && (a->best < 0 ||
				       fl->people > em_dataset_flow(d->dataset, (size_t)a->best)->people))
			a->best = (long)i;
		a->approximate |= fl->from.precision > 1 || fl->to.precision > 1;
	}
	return true;
}

static bool write_arrow(FILE *out, em_web_data *d, const em_summary *sum, const web_arrow *a)
{
	const em_flow *f = em_dataset_flow(d->dataset, a->best >= 0 ? (size_t)a->best : a->first);
	char from[EM_DATASET_NAME_MAX * 2], to[EM_DATASET_NAME_MAX * 2];
	em_strbuf label = {0};
	bool first = true, ok;

	ok = em__flow_label(&label, f, end_name(d, sum, &f->from, from, sizeof(from)),
			    end_name(d, sum, &f->to, to, sizeof(to)), em__strbuf_text(&a->sources));
	fprintf(out, "{\"from\":[%.5f,%.5f],\"to\":[%.5f,%.5f]", f->from.lat, f->from.lon,
		f->to.lat, f->to.lon);
	first = false;
	em__json_key(out, &first, "people");
	if (a->best >= 0)
		fprintf(out, "%lld", f->people);
	else
		fputs("null", out);
	fprintf(out, ",\"flows\":[%s]", em__strbuf_text(&a->flows));
	em__json_key_bool(out, &first, "approximate", a->approximate);
	em__json_key_string(out, &first, "label", em__strbuf_text(&label));
	fputc('}', out);
	if (a->best >= 0 && f->people > d->people_max)
		d->people_max = f->people;
	ok &= !label.failed;
	em__strbuf_free(&label);
	return ok;
}

static bool write_arrows(FILE *out, em_web_data *d, const em_summary *sum, const em_filter *f)
{
	web_arrow *arrows = NULL;
	size_t count = 0;
	bool ok = collect_arrows(&arrows, &count, d, f);

	fputs(",\"arrows\":[", out);
	for (size_t k = 0; ok && k < count; k++) {
		fputs(k ? "," : "", out);
		ok = write_arrow(out, d, sum, &arrows[k]) && !arrows[k].sources.failed &&
		     !arrows[k].flows.failed;
	}
	fputc(']', out);
	for (size_t k = 0; k < count; k++) {
		em__strbuf_free(&arrows[k].sources);
		em__strbuf_free(&arrows[k].flows);
	}
	free(arrows);
	return ok;
}

static void write_headline(FILE *out, const em_summary *sum)
{
	bool regions = em__headline_regions_differ(sum);

	fputs(",\"headline\":[", out);
	for (size_t i = 0; i < sum->headline_count; i++) {
		const em_source_total *h = &sum->headline[i];
		char total[64], parts[512], days[96];
		bool first = true;
		em_range_format(total, sizeof(total), &h->total);
		em__headline_parts(parts, sizeof(parts), h);
		em__date_span_year(days, sizeof(days), h->first_date, h->last_date);
		fputs(i ? ",{" : "{", out);
		em__json_key_string(out, &first, "source", h->source);
		em__json_key_string(out, &first, "region", regions && h->region ? h->region : "");
		em__json_key_string(out, &first, "display", total);
		em__json_key_string(out, &first, "parts", parts);
		em__json_key_string(out, &first, "days", days);
		em__json_key_bool(out, &first, "spanning", h->spanning);
		fputc('}', out);
	}
	fputc(']', out);
}

/* What these days hold that is not on the map, each with why. */
static bool write_not_mapped(FILE *out, const em_web_data *d, const em_filter *f)
{
	const em_dataset *ds = d->dataset;
	size_t reports = em_dataset_report_count(ds), n = 0;
	bool ok = true;

	fputs(",\"not_mapped\":[", out);
	for (size_t i = 0; ok && i < reports + em_dataset_flow_count(ds); i++) {
		const em_report *rep = i < reports ? em_dataset_report(ds, i) : NULL;
		const em_flow *fl = rep ? NULL : em_dataset_flow(ds, i - reports);
		em_strbuf line = {0};
		if (rep ? rep->scope != EM_SCOPE_PLACE || rep->where.state != EM_STATE_NOT_MAPPED ||
				  !em_filter_keeps(f, rep)
			: em__flow_unplaced_end(fl) == NULL || !em_filter_keeps_flow(f, fl))
			continue;
		ok = rep ? em__unmapped_report_line(&line, rep) : em__unmapped_flow_line(&line, fl);
		fputs(n++ ? "," : "", out);
		em__json_string(out, em__strbuf_text(&line));
		em__strbuf_free(&line);
	}
	fputc(']', out);
	return ok;
}

static em_status write_view(FILE *out, em_web_data *d, const em_summary *sum, const em_filter *f,
			    em_error *err)
{
	bool ok;

	fputc('{', out);
	ok = write_places(out, d, sum, f) && write_arrows(out, d, sum, f);
	write_headline(out, sum);
	ok = ok && write_not_mapped(out, d, f);
	fprintf(out, ",\"report_count\":%zu,\"event_count\":%zu}", sum->report_count,
		sum->event_count);
	return ok ? EM_OK : em_error_set(err, EM_ERR_NOMEM, "out of memory");
}

em_status em__web_write_views(FILE *out, em_web_data *d, em_error *err)
{
	em_status status;

	d->deaths_max = d->people_max = 0;
	fputs("{\"all\":", out);
	status = write_view(out, d, d->all, &d->base, err);
	for (size_t i = 0; status == EM_OK && i < d->day_count; i++) {
		em_filter f = d->base;
		em_summary *sum = NULL;
		char day[16];
		f.has_from = f.has_to = true;
		f.from = f.to = d->days[i];
		status = em_summary_create(&sum, d->dataset, &f, err);
		em_date_format(day, sizeof(day), d->days[i]);
		fputc(',', out);
		em__json_string(out, day);
		fputc(':', out);
		if (status == EM_OK)
			status = write_view(out, d, sum, &f, err);
		em_summary_destroy(sum);
	}
	fputc('}', out);
	return status;
}
