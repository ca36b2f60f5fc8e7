/* The chronology: what happened, day by day, as the reader follows the
 * story.  One line per report at a place and per region-wide event (the
 * region-wide death totals are the headline's): its days, the symbol it has
 * on the map, the place, what happened and who said so.  Events that differ
 * only in their place ("reinforcements sent to Latakia, Banias, Tartous")
 * share a line.  When the lines do not fit the room given, the least
 * telling go first (region-wide, then long spans) and the panel says how
 * many it left out: it never runs off the page. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLACES_TEXT 256

typedef struct entry {
	const em_report *first;     /* the first report of the line */
	char places[PLACES_TEXT];
	size_t place_count;
	bool deaths, region, spanning;
	double height;              /* measured */
	bool kept;
	size_t order;
} entry;

static bool in_chronology(const rctx *r, const em_report *rep)
{
	if (!em_filter_keeps(&r->options->filter, rep))
		return false;
	/* Region-wide figures are the headline's. */
	return rep->scope == EM_SCOPE_PLACE || !em_report_has_deaths(rep);
}

bool em__chronology_any(const rctx *r)
{
	for (size_t i = 0; i < em_dataset_report_count(r->dataset); i++)
		if (in_chronology(r, em_dataset_report(r->dataset, i)))
			return true;
	return false;
}

static const char *what(const em_report *rep)
{
	if (rep->summary[0] != '\0')
		return rep->summary;
	if (rep->sub_event_type[0] != '\0')
		return rep->sub_event_type;
	if (rep->event_type[0] != '\0')
		return rep->event_type;
	return em_report_has_deaths(rep) ? "" : "Event reported";
}

/* Who said so: the source, or the outlet when the outlet itself said it. */
/* Who said so: the source, or for an unattributed report the outlet. */
static void who(const em_report *rep, const char **out, size_t *len)
{
	const char *paren = strstr(rep->reported_by, " (");

	if (strcmp(rep->source, "unattributed") != 0 || rep->reported_by[0] == '\0') {
		*out = rep->source;
		*len = strlen(rep->source);
	} else {
		*out = rep->reported_by;
		*len = paren ? (size_t)(paren - rep->reported_by) : strlen(rep->reported_by);
	}
}

static void place_of(const em_report *rep, char *out, size_t size)
{
	bool near = rep->scope == EM_SCOPE_PLACE && rep->geo_precision == 2;

	snprintf(out, size, "%s%s", near ? "near " : "", rep->location);
}

static bool same_line(const em_report *a, const em_report *b)
{
	const char *wa, *wb;
	size_t la, lb;

	if (em_report_has_deaths(a) || em_report_has_deaths(b) || a->date != b->date ||
	    a->date_end != b->date_end || a->scope != b->scope ||
	    em_event_kind_of(a->event_type) != em_event_kind_of(b->event_type) ||
	    strcmp(what(a), what(b)) != 0 || strcmp(a->reported_by, b->reported_by) != 0)
		return false;
	who(a, &wa, &la);
	who(b, &wb, &lb);
	return la == lb && memcmp(wa, wb, la) == 0;
}

static void add_place(entry *e, const em_report *rep)
{
	char place[PLACES_TEXT];
	size_t at = strlen(e->places);

	place_of(rep, place, sizeof(place));
	if (strstr(e->places, place) != NULL)
		return;
	snprintf(e->places + at, sizeof(e->places) - at, "%s%s", at ? ", " : "", place);
	e->place_count++;
}

static entry *collect(const rctx *r, size_t *count)
{
	size_t n = em_dataset_report_count(r->dataset), used = 0;
	entry *list = calloc(n + 1, sizeof(*list));

	for (size_t i = 0; list != NULL && i < n; i++) {
		const em_report *rep = em_dataset_report(r->dataset, i);
		size_t k;
		if (!in_chronology(r, rep))
			continue;
		for (k = 0; k < used && !same_line(list[k].first, rep); k++)
			;
		if (k == used) {
			list[used].first = rep;
			list[used].deaths = em_report_has_deaths(rep);
			list[used].region = rep->scope == EM_SCOPE_REGION;
			list[used].spanning = em_filter_spans(&r->options->filter, rep->date,
							      rep->date_end);
			list[used].order = used;
			used++;
		}
		add_place(&list[k], rep);
	}
	*count = used;
	return list;
}

static int by_date(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->first->date != y->first->date)
		return x->first->date < y->first->date ? -1 : 1;
	if (x->first->date_end != y->first->date_end)
		return x->first->date_end < y->first->date_end ? -1 : 1;
	if (x->region != y->region)
		return x->region ? 1 : -1;
	return (x->order > y->order) - (x->order < y->order);
}

/* How much a line tells: deaths at a place most, the more the deaths the
 * more, then events of one day, then those spread over many days or the
 * whole region. */
static double weight(const entry *e)
{
	double span = (double)(e->first->date_end - e->first->date);
	double deaths = e->deaths ? 3 + log10(1 + (double)e->first->fatalities) : 2;

	return deaths - fmin(span, 10) / 5.0 - (e->region ? 0.5 : 0);
}

static PangoLayout *line_layout(rctx *r, const entry *e, double width)
{
	const em_style *s = r->style;
	char figure[64] = "";
	const char *source;
	size_t place_len, source_len;
	em_strbuf text = {0};
	PangoAttrList *attrs = pango_attr_list_new();
	PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	PangoAttribute *muted = pango_attr_foreground_new(
		(guint16)(s->muted_text.r * 65535), (guint16)(s->muted_text.g * 65535),
		(guint16)(s->muted_text.b * 65535));
	PangoLayout *layout;

	who(e->first, &source, &source_len);
	if (e->deaths) {
		em_range range = {true, e->first->fatalities, e->first->fatalities,
				  e->first->qualifier, e->first->qualifier};
		em_range_format(figure, sizeof(figure), &range);
		strncat(figure, what(e->first)[0] ? " dead \xC2\xB7 " : " dead",
			sizeof(figure) - strlen(figure) - 1);
	}
	/* A left-to-right mark after the places keeps an Arabic name first. */
	em__strbuf_printf(&text, "%s\xE2\x80\x8E  %s%s  %.*s", e->places, figure, what(e->first),
			  (int)source_len, source);
	place_len = strlen(e->places);
	layout = em__text_layout(r, em__strbuf_text(&text), s->small_pt, false, false, width);
	bold->start_index = 0;
	bold->end_index = (guint)place_len;
	pango_attr_list_insert(attrs, bold);
	muted->start_index = (guint)(text.len >= source_len ? text.len - source_len : 0);
	muted->end_index = (guint)text.len;
	em__strbuf_free(&text);
	pango_attr_list_insert(attrs, muted);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	return layout;
}

typedef struct columns {
	double date, symbol, text, gap;
} columns;

static void draw_entry(em_cursor *c, const entry *e, const columns *col)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	char days[48];
	PangoLayout *date, *line;
	double w, h, dh, size = em__event_size(r) * 0.8;
	double sx = c->x + col->date + col->gap + size / 2;

	em_date_span_short(days, sizeof(days), e->first->date, e->first->date_end);
	date = em__text_layout(r, days, s->small_pt, true, e->spanning, 0);
	line = line_layout(r, e, col->text);
	em__text_size(date, &w, &dh);
	em__text_size(line, &w, &h);
	if (!c->dry) {
		em__draw_layout(r, date, c->x, c->y, e->spanning ? s->muted_text : s->text);
		em__draw_layout(r, line, c->x + col->date + col->symbol + 2 * col->gap, c->y, s->text);
		if (e->deaths) {
			cairo_new_path(r->cr);
			cairo_arc(r->cr, sx, c->y + dh / 2, size * 0.42, 0, 2 * M_PI);
			em__set_color_alpha(r->cr, s->category[e->first->category], s->marker_opacity);
			cairo_fill(r->cr);
		} else if (!e->region) {
			em__draw_event_symbol(r, em_event_kind_of(e->first->event_type), sx,
					     c->y + dh / 2, size, e->spanning);
		}
	}
	g_object_unref(date);
	g_object_unref(line);
	c->y += fmax(h, dh) + 0.9 * r->text_scale;
}

static columns measure_columns(rctx *r, const entry *list, size_t count, double width)
{
	columns col = {0, em__event_size(r) * 0.8, 0, 1.6 * r->text_scale};

	for (size_t i = 0; i < count; i++) {
		char days[48];
		PangoLayout *l;
		double w, h;
		em_date_span_short(days, sizeof(days), list[i].first->date, list[i].first->date_end);
		l = em__text_layout(r, days, r->style->small_pt, true, false, 0);
		em__text_size(l, &w, &h);
		col.date = fmax(col.date, w);
		g_object_unref(l);
	}
	col.date = fmin(col.date, width * 0.3);
	col.text = width - col.date - col.symbol - 2 * col.gap;
	return col;
}

/* Lines the chronology weighs at most: beyond them the least telling go
 * at once, so that a year of reports costs no more than a week's. */
#define WEIGHED_MAX 400

static int by_weight(const void *a, const void *b)
{
	double x = weight(*(entry *const *)a), y = weight(*(entry *const *)b);

	return (x < y) - (x > y);
}

/* The line to leave out next: the least telling, where the only line
 * dated to just that day counts for more (every day keeps a line of its
 * own while it can); among equals, the later. */
static bool one_day(const entry *e)
{
	return e->first->date == e->first->date_end;
}

static entry *least(entry **kept, size_t count, const size_t *per_day, em_date first_day)
{
	entry *worst = NULL;
	double worst_score = 0;

	for (size_t i = 0; i < count; i++) {
		entry *e = kept[i];
		double score;
		if (!e->kept)
			continue;
		score = weight(e) + (one_day(e) && per_day[e->first->date - first_day] == 1 ? 3 : 0);
		if (worst == NULL || score < worst_score ||
		    (score == worst_score && e->order > worst->order)) {
			worst = e;
			worst_score = score;
		}
	}
	return worst;
}

/* Keeps the most telling lines that fit in `room`, leaving space for the
 * "and N more" line when any is left out; returns how many are kept. */
static size_t fit(entry *list, size_t count, double room, double more_line)
{
	double used = 0;
	size_t kept = count, weighed = count < WEIGHED_MAX ? count : WEIGHED_MAX, days;
	entry **order = malloc((count + 1) * sizeof(*order));
	size_t *per_day;
	em_date first_day = count ? list[0].first->date : 0, last_day = first_day;

	for (size_t i = 0; i < count; i++) {
		list[i].kept = true;
		used += list[i].height;
		order[i] = &list[i];
		if (list[i].first->date > last_day)
			last_day = list[i].first->date;
	}
	days = (size_t)(last_day - first_day) + 1;
	per_day = order != NULL ? calloc(days, sizeof(*per_day)) : NULL;
	if (used <= room || per_day == NULL) {
		free(order);
		free(per_day);
		return count;
	}
	/* The most telling WEIGHED_MAX are weighed one by one. */
	qsort(order, count, sizeof(*order), by_weight);
	for (size_t i = weighed; i < count; i++) {
		order[i]->kept = false;
		used -= order[i]->height;
		kept--;
	}
	for (size_t i = 0; i < weighed; i++)
		if (one_day(order[i]))
			per_day[order[i]->first->date - first_day]++;
	while (kept > 0 && used + more_line > room) {
		entry *e = least(order, weighed, per_day, first_day);
		e->kept = false;
		used -= e->height;
		if (one_day(e))
			per_day[e->first->date - first_day]--;
		kept--;
	}
	free(order);
	free(per_day);
	return kept;
}

void em__chronology_content(em_cursor *c, double height)
{
	rctx *r = c->r;
	const em_style *s = r->style;
	const em_filter *f = &r->options->filter;
	bool one_day = f->has_from && f->has_to && f->from == f->to;
	double top = c->y, more_h;
	size_t count = 0, kept;
	entry *list = collect(r, &count);
	columns col;
	char more[160];
	em_cursor probe;

	if (list == NULL)
		return;
	qsort(list, count, sizeof(*list), by_date);
	em__text_block(c, one_day ? "What was reported for this day" : "What was reported, day by day",
		      s->heading_pt, true, false, s->heading);
	em__gap(c, 0.8);
	em__text_block(c, one_day ? "Lines dated over several days, in grey, include this one."
				 : "Days as the sources give them; region-wide events name the area.",
		      s->small_pt, false, true, s->muted_text);
	em__gap(c, 1.8);
	col = measure_columns(r, list, count, c->width);
	probe = *c;
	probe.dry = true;
	for (size_t i = 0; i < count; i++) {
		double y0 = probe.y;
		draw_entry(&probe, &list[i], &col);
		list[i].height = probe.y - y0;
	}
	snprintf(more, sizeof(more), "and %zu more, in the reports layer", count);
	probe.y = 0;
	more_h = em__text_block(&probe, more, s->small_pt, false, true, s->muted_text) +
		 0.5 * r->text_scale;
	kept = fit(list, count, height - (c->y - top), more_h);
	for (size_t i = 0; i < count; i++)
		if (list[i].kept)
			draw_entry(c, &list[i], &col);
	if (kept < count) {
		snprintf(more, sizeof(more), "and %zu more, in the reports layer", count - kept);
		em__gap(c, 0.5);
		em__text_block(c, more, s->small_pt, false, true, s->muted_text);
	}
	if (r->report != NULL && !c->dry) {
		r->report->chronology_entries = kept;
		r->report->chronology_left_out = count - kept;
	}
	free(list);
}
