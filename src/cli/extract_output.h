/* The files `eventmap extract` writes, filled block by block. */
#ifndef EM_CLI_EXTRACT_OUTPUT_H
#define EM_CLI_EXTRACT_OUTPUT_H

#include <stdio.h>

#include "eventmap/atomic.h"
#include "eventmap/extract.h"
#include "cli.h"

typedef struct cli_extract_out {
	em_atomic_file *reports, *flows, *json;
	FILE *rows, *flow_json;     /* their JSON, appended to extract.json at the end */
	bool first_mention, first_row, first_flow;
	size_t report_count, flow_count, mention_count, undated;
	size_t status_count[3];     /* places: resolved, ambiguous, unresolved */
	size_t unlisted, countries;
} cli_extract_out;

/* Opens DIR/reports.csv, flows.csv and extract.json (temporary until commit). */
em_status cli_extract_out_open(cli_extract_out *out, const char *dir, em_error *err);

/* Writes the rows and mentions the extractor holds. */
void cli_extract_out_write(cli_extract_out *out, const em_extract *extract,
			   const em_gazetteer *gazetteer);

/* Closes extract.json with the inputs read (a JSON array text) and
 * publishes the three files. */
em_status cli_extract_out_commit(cli_extract_out *out, const char *inputs, em_error *err);

/* Removes what was not committed. */
void cli_extract_out_close(cli_extract_out *out);

#endif
