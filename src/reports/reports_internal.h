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
	char **warnings;
	size_t warning_count, warnings_cap;
	const char *reports_path;
	const char *flows_path;
};

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
