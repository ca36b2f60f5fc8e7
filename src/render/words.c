/* The words a poster and a web page share (words.h). */
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void em__headline_parts(char *out, size_t size, const em_source_total *h)
{
	size_t at = 0;
	char range[64];

	out[0] = '\0';
	for (int k = 0; k < EM_CATEGORY_UNKNOWN; k++) {
		if (!h->by_category[k].present)
			continue;
		em_range_format(range, sizeof(range), &h->by_category[k]);
		at += (size_t)snprintf(out + at, size > at ? size - at : 0, "%s%s %s",
				       at ? " \xC2\xB7 " : "", range, em_category_words[k]);
	}
}

bool em__headline_regions_differ(const em_summary *summary)
{
	for (size_t i = 1; i < summary->headline_count; i++)
		if (strcasecmp(summary->headline[i].region ? summary->headline[i].region : "",
			       summary->headline[0].region ? summary->headline[0].region : "") != 0)
			return true;
	return false;
}

void em__headline_who(char *out, size_t size, const em_source_total *h, bool regions)
{
	if (regions && h->region != NULL)
		snprintf(out, size, "%s \xC2\xB7 %s", h->source, h->region);
	else
		snprintf(out, size, "%s", h->source);
}

void em__date_span_year(char *out, size_t size, em_date from, em_date to)
{
	int y0, m0, d0, y1, m1, d1;

	em_date_split(from, &y0, &m0, &d0);
	em_date_split(to, &y1, &m1, &d1);
	em_date_span_short(out, size, from, to);
	if (y0 == y1)
		snprintf(out + strlen(out), size - strlen(out), " %d", y0);
}

const char *em__unmapped_reason(const em_location *where)
{
	switch (where->why) {
	case EM_WHY_AMBIGUOUS: return "the name fits several places";
	case EM_WHY_FAR: return "the only places of that name are far from the others reported";
	case EM_WHY_UNKNOWN: return "no sourced position for this place";
	case EM_WHY_UNUSABLE: return "the name cannot be read as a place name";
	case EM_WHY_NO_REGION_POINT: return "a region, and no place of it is on the map";
	case EM_WHY_REGION_TOTAL: return "a region-wide total";
	case EM_WHY_NONE: break;
	}
	return "not placed";
}

bool em__unmapped_report_line(em_strbuf *line, const em_report *rep)
{
	em_range range = {true, rep->fatalities, rep->fatalities, rep->qualifier, rep->qualifier};
	char number[64];

	em_range_format(number, sizeof(number), &range);
	if (em_report_has_deaths(rep))
		return em__strbuf_printf(line, "%s: %s %s (%s). Not placed: %s.", rep->location,
					 number, em_category_words[rep->category], rep->source,
					 em__unmapped_reason(&rep->where));
	return em__strbuf_printf(line, "%s: %s (%s). Not placed: %s.", rep->location,
				 rep->summary[0] ? rep->summary : rep->event_type, rep->source,
				 em__unmapped_reason(&rep->where));
}

const em_location *em__flow_unplaced_end(const em_flow *flow)
{
	if (flow->from.state == EM_STATE_NOT_MAPPED)
		return &flow->from;
	return flow->to.state == EM_STATE_NOT_MAPPED ? &flow->to : NULL;
}

bool em__unmapped_flow_line(em_strbuf *line, const em_flow *flow)
{
	const em_location *bad = em__flow_unplaced_end(flow);
	char number[64] = "uncounted";

	if (flow->has_people) {
		em_range range = {true, flow->people, flow->people, flow->qualifier, flow->qualifier};
		em_range_format(number, sizeof(number), &range);
	}
	return em__strbuf_printf(line, "%s people to %s (%s). Not drawn: %s.", number,
				 flow->destination, flow->source,
				 bad ? em__unmapped_reason(bad) : "not placed");
}

static bool same_end(const em_location *a, const em_location *b)
{
	return fabs(a->lat - b->lat) < 1e-6 && fabs(a->lon - b->lon) < 1e-6;
}

bool em__flows_share_ends(const em_flow *a, const em_flow *b)
{
	return same_end(&a->from, &b->from) && same_end(&a->to, &b->to);
}

bool em__flow_label(em_strbuf *out, const em_flow *f, const char *origin,
		    const char *destination, const char *sources)
{
	char number[48], from[EM_DATASET_NAME_MAX + 8];
	em_range range = {true, f->people, f->people, f->qualifier, f->qualifier};

	/* An arrow from a region is not from the point it starts at: say so
	 * ("the Syrian coast"; a one-word name, a country, as it is). */
	if (f->from.precision >= 3)
		snprintf(from, sizeof(from), "%s%s", strchr(f->origin, ' ') &&
			 strncasecmp(f->origin, "the ", 4) != 0 ? "the " : "", f->origin);
	else
		snprintf(from, sizeof(from), "%s", origin ? origin : f->origin);
	if (destination == NULL)
		destination = f->destination;
	if (!f->has_people)
		return em__strbuf_printf(out, "People from %s to %s, not counted \xC2\xB7 %s", from,
					 destination, sources);
	em_range_format(number, sizeof(number), &range);
	return em__strbuf_printf(out, "%s from %s to %s \xC2\xB7 %s", number, from, destination,
				 sources);
}

bool em__arabic_script(const char *text)
{
	while (*text == ' ')
		text++;
	return (unsigned char)text[0] >= 0xD8 && (unsigned char)text[0] <= 0xDB;
}

void em__display_name(const char *ascii, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = ascii; *p && n + 4 < size; p++) {
		if (*p == '`' || *p == '\'') {
			memcpy(out + n, *p == '`' ? "\xE2\x80\x98" : "\xE2\x80\x99", 3);
			n += 3;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

const char *em__reader_name(const char *reported, const char *gazetteer_name, bool arabic_labels,
			    char *buf, size_t size)
{
	if (!arabic_labels && em__arabic_script(reported) && gazetteer_name[0] != '\0' &&
	    !em__arabic_script(gazetteer_name)) {
		em__display_name(gazetteer_name, buf, size);
		return buf;
	}
	return reported;
}

bool em__collect_sources(em_strbuf *sources, em_strbuf *outlets, const em_dataset *ds,
			 const em_filter *filter)
{
	size_t reports = em_dataset_report_count(ds);
	bool ok = true;

	for (size_t i = 0; i < reports + em_dataset_flow_count(ds); i++) {
		const em_report *rep = i < reports ? em_dataset_report(ds, i) : NULL;
		const em_flow *f = rep == NULL ? em_dataset_flow(ds, i - reports) : NULL;
		const char *source = rep ? rep->source : f->source;
		const char *outlet = rep ? rep->reported_by : f->reported_by;
		const char *paren = strstr(outlet, " (");
		if (rep ? !em_filter_keeps(filter, rep) : !em_filter_keeps_flow(filter, f))
			continue; /* the sources of what is shown */
		ok &= em__strbuf_add_unique(sources, source, strlen(source), ", ");
		ok &= em__strbuf_add_unique(outlets, outlet,
					    paren ? (size_t)(paren - outlet) : strlen(outlet), ", ");
	}
	return ok;
}
