/* The words a poster and a web page share: a source's headline parts, the
 * days of a total, why a report is not on the map, a flow's label and who
 * is credited.  Both say the same thing because both call these.  No
 * Cairo here: the web writer includes this header alone. */
#ifndef EM_RENDER_WORDS_H
#define EM_RENDER_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/dataset.h"
#include "eventmap/summary.h"
#include "../util/strbuf.h"

/* "civilians", "security forces", ... and "several categories" (legend.c). */
extern const char *const em_category_words[EM_CATEGORY_COUNT + 1];

/* "745–750 civilians · 125 security forces"; "" without categories. */
void em__headline_parts(char *out, size_t size, const em_source_total *h);

/* Whether the headline's totals are for different regions, so that each
 * must say which ("SOHR · Latakia governorate ~90"). */
bool em__headline_regions_differ(const em_summary *summary);

/* "SOHR" or, when regions differ, "SOHR · Latakia governorate". */
void em__headline_who(char *out, size_t size, const em_source_total *h, bool regions);

/* "8 Mar 2025", "6–8 Mar 2025", "28 Feb – 2 Mar 2025". */
void em__date_span_year(char *out, size_t size, em_date from, em_date to);

/* Why a location is not on the map, in a few words. */
const char *em__unmapped_reason(const em_location *where);

/* "Tuwaym: 13+ civilians (SNHR). Not placed: no sourced position for
 * this place."  false when out of memory. */
bool em__unmapped_report_line(em_strbuf *line, const em_report *rep);

/* The flow's end that is not placed, or NULL when both are. */
const em_location *em__flow_unplaced_end(const em_flow *flow);

/* "1,500 people to Tripoli (UNHCR). Not drawn: ..." */
bool em__unmapped_flow_line(em_strbuf *line, const em_flow *flow);

/* Whether two flows share both ends: they are one arrow. */
bool em__flows_share_ends(const em_flow *a, const em_flow *b);

/* "6,000+ from the Syrian coast to Akkar · UNHCR": origin and
 * destination as the map names them (NULL: as the flow does), and every
 * source of the arrow. */
bool em__flow_label(em_strbuf *out, const em_flow *flow, const char *origin,
		    const char *destination, const char *sources);

/* A place's name for a reader of English: an Arabic-script name as
 * reported gives way to the gazetteer's (with typographic apostrophes)
 * unless the labels are Arabic. */
const char *em__reader_name(const char *reported, const char *gazetteer_name, bool arabic_labels,
			    char *buf, size_t size);

/* A GeoNames ASCII name with typographic apostrophes. */
void em__display_name(const char *ascii, char *out, size_t size);

/* Whether a text starts in Arabic script (after spaces). */
bool em__arabic_script(const char *text);

/* Every source and outlet (without " (file)") of the reports and flows
 * the filter keeps, in order, once each, joined by ", ". */
bool em__collect_sources(em_strbuf *sources, em_strbuf *outlets, const em_dataset *dataset,
			 const em_filter *filter);

#endif
