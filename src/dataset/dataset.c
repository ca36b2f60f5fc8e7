/* The dataset: owns every row's strings and the warnings that resolving
 * them produced. */
#include "dataset_internal.h"
#include "../util/array.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

em_status em_dataset_create(em_dataset **out)
{
	if (out == NULL)
		return EM_ERR_INVALID;
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return EM_ERR_NOMEM;
	(*out)->id_budget = EM_DATASET_ID_BUDGET;
	return EM_OK;
}

void em_dataset_set_id_budget(em_dataset *dataset, size_t bytes)
{
	if (dataset != NULL)
		dataset->id_budget = bytes;
}

void em_dataset_destroy(em_dataset *dataset)
{
	if (dataset == NULL)
		return;
	for (size_t i = 0; i < dataset->warning_count; i++)
		free(dataset->warnings[i]);
	free(dataset->warnings);
	free(dataset->names);
	free(dataset->reports);
	free(dataset->flows);
	em__pool_clear(&dataset->strings);
	free(dataset);
}

em_status em_dataset_subset(em_dataset **out, const em_dataset *parent,
			     em_report_keep keep_report, em_flow_keep keep_flow, void *data,
			     em_error *err)
{
	em_dataset *ds;

	*out = NULL;
	if (parent == NULL)
		return em_error_set(err, EM_ERR_INVALID, "subset: no dataset");
	if (em_dataset_create(&ds) != EM_OK)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	ds->reports = malloc((parent->report_count + 1) * sizeof(*ds->reports));
	ds->flows = malloc((parent->flow_count + 1) * sizeof(*ds->flows));
	if (ds->reports == NULL || ds->flows == NULL) {
		em_dataset_destroy(ds);
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < parent->report_count && keep_report != NULL; i++)
		if (keep_report(i, &parent->reports[i], data))
			ds->reports[ds->report_count++] = parent->reports[i];
	for (size_t i = 0; i < parent->flow_count && keep_flow != NULL; i++)
		if (keep_flow(i, &parent->flows[i], data))
			ds->flows[ds->flow_count++] = parent->flows[i];
	ds->reports_cap = parent->report_count + 1;
	ds->flows_cap = parent->flow_count + 1;
	ds->reports_path = parent->reports_path;
	ds->flows_path = parent->flows_path;
	*out = ds;
	return EM_OK;
}

size_t em_dataset_report_count(const em_dataset *dataset)
{
	return dataset ? dataset->report_count : 0;
}

const em_report *em_dataset_report(const em_dataset *dataset, size_t index)
{
	return (dataset && index < dataset->report_count) ? &dataset->reports[index] : NULL;
}

size_t em_dataset_flow_count(const em_dataset *dataset)
{
	return dataset ? dataset->flow_count : 0;
}

const em_flow *em_dataset_flow(const em_dataset *dataset, size_t index)
{
	return (dataset && index < dataset->flow_count) ? &dataset->flows[index] : NULL;
}

const char *em_dataset_reports_path(const em_dataset *dataset)
{
	return (dataset && dataset->reports_path) ? dataset->reports_path : "";
}

const char *em_dataset_flows_path(const em_dataset *dataset)
{
	return (dataset && dataset->flows_path) ? dataset->flows_path : "";
}

size_t em_dataset_name_count(const em_dataset *dataset)
{
	return dataset ? dataset->name_count : 0;
}

const em_geocode_query *em_dataset_name(const em_dataset *dataset, size_t index)
{
	return (dataset && index < dataset->name_count) ? &dataset->names[index] : NULL;
}

size_t em_dataset_warning_count(const em_dataset *dataset)
{
	return dataset ? dataset->warning_count : 0;
}

const char *em_dataset_warning(const em_dataset *dataset, size_t index)
{
	return (dataset && index < dataset->warning_count) ? dataset->warnings[index] : NULL;
}

bool em__dataset_warn(em_dataset *dataset, const char *format, ...)
{
	char text[1024];
	va_list args;
	char *copy;

	dataset->tally.warnings++;
	if (dataset->warning_count >= EM_DATASET_WARNINGS_KEPT)
		return true; /* counted, not kept: a million unknown names are a count */
	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	if (!EM_ARRAY_RESERVE(dataset->warnings, dataset->warnings_cap, dataset->warning_count + 1))
		return false;
	copy = strdup(text);
	if (copy == NULL)
		return false;
	dataset->warnings[dataset->warning_count++] = copy;
	return true;
}

void em__dataset_reset_tally(em_dataset *dataset)
{
	size_t flows = dataset->tally.flows;

	for (size_t i = 0; i < dataset->warning_count; i++)
		free(dataset->warnings[i]);
	dataset->warning_count = 0;
	dataset->name_count = 0; /* their strings stay in the pool until destroy */
	memset(&dataset->tally, 0, sizeof(dataset->tally));
	dataset->tally.flows = flows;
}

void em_dataset_tally_get(em_dataset_tally *out, const em_dataset *dataset)
{
	if (dataset == NULL) {
		memset(out, 0, sizeof(*out));
		return;
	}
	*out = dataset->tally;
	out->flows = dataset->flow_count;
}

void em_dataset_counts(const em_dataset *dataset, size_t *mapped, size_t *approximate,
		       size_t *not_mapped)
{
	em_dataset_tally tally;

	em_dataset_tally_get(&tally, dataset);
	*mapped = tally.mapped;
	*approximate = tally.approximate;
	*not_mapped = tally.not_mapped;
}

typedef struct day_span {
	em_date first, last;
} day_span;

static int compare_spans(const void *a, const void *b)
{
	const day_span *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

size_t em_dataset_days(em_date *out, size_t max, const em_dataset *dataset)
{
	day_span *spans;
	size_t n = 0, days = 0;
	em_date next = 0;

	if (dataset == NULL || dataset->report_count + dataset->flow_count == 0)
		return 0;
	spans = malloc((dataset->report_count + dataset->flow_count) * sizeof(*spans));
	if (spans == NULL)
		return 0;
	for (size_t i = 0; i < dataset->report_count; i++) {
		spans[n].first = dataset->reports[i].date;
		spans[n++].last = dataset->reports[i].date_end;
	}
	for (size_t i = 0; i < dataset->flow_count; i++) {
		if (!dataset->flows[i].has_date)
			continue;
		spans[n].first = spans[n].last = dataset->flows[i].date;
		n++;
	}
	qsort(spans, n, sizeof(*spans), compare_spans);
	/* Each day once: spans sorted by their first day, each counted from
	 * the day after the last one counted. */
	for (size_t i = 0; i < n; i++) {
		em_date from = (days > 0 && next > spans[i].first) ? next : spans[i].first;
		for (em_date d = from; d <= spans[i].last; d++, days++)
			if (days < max)
				out[days] = d;
		if (days > 0 && spans[i].last + 1 > next)
			next = spans[i].last + 1;
	}
	free(spans);
	return days;
}
