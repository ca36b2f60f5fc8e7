/* The reports module's private state and the steps shared by its files. */
#ifndef EM_REPORTS_INTERNAL_H
#define EM_REPORTS_INTERNAL_H

#include "eventmap/reports.h"
#include "../util/pool.h"

struct em_dataset {
	em_pool strings;
	em_report *reports;
	size_t report_count, reports_cap;
	em_flow *flows;
	size_t flow_count, flows_cap;
	char **warnings;            /* the first EM_DATASET_WARNINGS_KEPT */
	size_t warning_count, warnings_cap;
	em_dataset_tally tally;
	bool streamed;              /* reports went to a sink, not kept */
	const char *reports_path;
	const char *flows_path;
};

/* Places rows one at a time, remembering what flows need afterwards (the
 * region names and the mapped points) in memory bounded by the distinct
 * names and points, not the rows. */
typedef struct em_resolver em_resolver;

em_status em_resolver_create(em_resolver **out, em_dataset *dataset,
			     const em_gazetteer *gazetteer, const em_geocode_options *options,
			     em_error *err);
/* Places one report, counts it in the dataset's tally and warns about its
 * name if need be. */
em_status em_resolver_report(em_resolver *resolver, em_report *report);
/* Places every flow of the dataset. */
em_status em_resolver_flows(em_resolver *resolver);
void em_resolver_destroy(em_resolver *resolver);

/* Forgets the warnings and the tally of reports (before placing again). */
void em_dataset_reset_tally(em_dataset *dataset);

/* Checks the raw file (UTF-8, binary data, quotes, field counts), counts
 * its data records and gives the line each starts on (*out_lines is the
 * caller's to free). */
em_status em_reports_precheck(const char *path, unsigned long *out_records,
			      unsigned long **out_lines, em_error *err);

/* Appends a formatted warning; false when out of memory. */
bool em_dataset_warn(em_dataset *dataset, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif
