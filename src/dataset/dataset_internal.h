/* The reports module's private state and the steps shared by its files. */
#ifndef EM_DATASET_INTERNAL_H
#define EM_DATASET_INTERNAL_H

#include <stdio.h>
#include <sys/types.h>

#include "eventmap/dataset.h"
#include "../util/keymap.h"
#include "../util/pool.h"

struct em_dataset {
	em_pool strings;
	em_report *reports;
	size_t report_count, reports_cap;
	em_flow *flows;
	size_t flow_count, flows_cap;
	em_geocode_query *names;    /* every name as geocoded (kept datasets) */
	size_t name_count, names_cap;
	char **warnings;            /* the first EM_DATASET_WARNINGS_KEPT */
	size_t warning_count, warnings_cap;
	em_dataset_tally tally;
	size_t id_budget;           /* bytes of ids kept in memory */
	bool streamed;              /* reports went to a sink, not kept */
	const char *reports_path;
	const char *flows_path;
};

/* Places rows one at a time, remembering what flows need afterwards (the
 * region names and the mapped points) in memory bounded by the distinct
 * names and points, not the rows.  A dataset that is not streamed also
 * keeps every name as geocoded (dataset->names). */
typedef struct em_resolver em_resolver;

em_status em__resolver_create(em_resolver **out, em_dataset *dataset,
			     const em_gazetteer *gazetteer, const em_geocode_options *options,
			     em_error *err);
/* The first pass: every report, then the flows, tell the resolver where
 * the context is; begin ends it. */
em_status em__resolver_learn_report(em_resolver *resolver, const em_report *report);
em_status em__resolver_learn_flows(em_resolver *resolver);
em_status em__resolver_begin(em_resolver *resolver);
/* The second pass: places one report, counts it in the dataset's tally
 * and warns about its name if need be. */
em_status em__resolver_report(em_resolver *resolver, em_report *report);
/* Places every flow of the dataset. */
em_status em__resolver_flows(em_resolver *resolver);
void em__resolver_destroy(em_resolver *resolver);

/* Forgets the warnings and the tally of reports (before placing again). */
void em__dataset_reset_tally(em_dataset *dataset);

/* The duplicate-id check (idcheck.c): ids in a hash set up to `budget`
 * bytes, then in sorted runs in an unlinked temporary file, merged at the
 * end.  0 is no budget: everything stays in memory. */
typedef struct em_idcheck {
	em_keymap set;
	size_t budget;
	FILE *spill;
	char spill_path[512];       /* for messages: it is unlinked at once */
	off_t *runs;                /* run i is bytes runs[i] .. runs[i + 1] */
	size_t run_count, runs_cap;
} em_idcheck;

typedef struct em_idcheck_duplicate {
	bool found;
	char id[128];
	unsigned long first_line, line;
} em_idcheck_duplicate;

void em__idcheck_init(em_idcheck *check, size_t budget);
/* *first is the line the id was first seen on when it is already in the
 * set (a duplicate found at once), else 0. */
em_status em__idcheck_add(em_idcheck *check, const char *id, unsigned long line,
			 unsigned long *first, const char *path, em_error *err);
/* Merges the runs, if any: dup->found for a duplicate across them. */
em_status em__idcheck_finish(em_idcheck *check, em_idcheck_duplicate *dup, em_error *err);
void em__idcheck_free(em_idcheck *check);

/* Where each data record starts: record r (1 = the first after the
 * header) starts on line breaks[i].line + (r - breaks[i].record) for the
 * last i with breaks[i].record <= r.  A breakpoint is kept only where a
 * record spans lines or blank lines are skipped, so a plain file of any
 * length needs one. */
typedef struct em_line_break {
	unsigned long record, line;
} em_line_break;

typedef struct em_line_map {
	em_line_break *breaks;
	size_t count, cap;
	size_t cursor;              /* for look-ups in increasing order */
	unsigned long total;        /* data records in the file */
} em_line_map;

unsigned long em__line_map_find(em_line_map *map, unsigned long record);
void em__line_map_free(em_line_map *map);

/* Checks the raw file (UTF-8, binary data, quotes, field counts), counts
 * its data records and maps them to their lines. */
em_status em__reports_precheck(const char *path, em_line_map *out, em_error *err);

/* source.c: where rows come from, a CSV file or a PostgreSQL table or
 * query ("PG:... tables=NAME", "PG:... sql=QUERY"). */
typedef struct em_source {
	void *ds;                /* GDALDatasetH */
	void *layer;             /* OGRLayerH */
	bool sql;                /* a result set, released on close */
	bool database;
} em_source;

bool em__source_is_database(const char *path);
/* The path for messages (a connection string without its password). */
void em__source_label(char *out, size_t size, const char *path);
em_status em__source_open(em_source *source, const char *path, const char *label,
			  em_error *err);
void em__source_close(em_source *source);
/* A typed field's (an OGRFeatureH's) text in buf: dates as YYYY-MM-DD;
 * NULL for a text field. */
const char *em__source_typed(void *feature, int field, char *buf, size_t size);

/* Appends a formatted warning; false when out of memory. */
bool em__dataset_warn(em_dataset *dataset, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

#endif
