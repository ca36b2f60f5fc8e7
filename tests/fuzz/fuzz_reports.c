/* libFuzzer target for the reports and flows readers: the input is written
 * to a temporary .csv file (the readers take a path and go through GDAL's
 * CSV driver) and read as a reports file and, into a second dataset, as a
 * flows file.  Then it is streamed (read, placed against the default
 * gazetteer and handed on row by row) with a small id budget, so that the
 * ids spill to disk: the stream must accept and refuse exactly what the
 * in-memory read does, with the same message and the same rows. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventmap/dataset.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_reports(const em_dataset *dataset, em_status status, const em_error *err)
{
	if (status != EM_OK) {
		/* Nothing from a bad file is kept, and the message says why. */
		FUZZ_CHECK(err->status == status && err->message[0] != '\0');
		FUZZ_CHECK(em_dataset_report_count(dataset) == 0);
		return;
	}
	for (size_t i = 0; i < em_dataset_report_count(dataset); i++) {
		const em_report *r = em_dataset_report(dataset, i);
		FUZZ_CHECK(r != NULL && r->report_id != NULL && r->location != NULL);
		FUZZ_CHECK(r->fatalities >= 0 && r->fatalities <= EM_DATASET_COUNT_MAX);
		FUZZ_CHECK(r->date_end >= r->date);
		FUZZ_CHECK((unsigned)r->category < EM_CATEGORY_COUNT);
		FUZZ_CHECK(r->geo_precision >= 1 && r->geo_precision <= 3);
	}
}

static void check_flows(const em_dataset *dataset, em_status status, const em_error *err)
{
	if (status != EM_OK) {
		FUZZ_CHECK(err->status == status && err->message[0] != '\0');
		FUZZ_CHECK(em_dataset_flow_count(dataset) == 0);
		return;
	}
	for (size_t i = 0; i < em_dataset_flow_count(dataset); i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		FUZZ_CHECK(f != NULL && f->flow_id != NULL && f->origin != NULL &&
			   f->destination != NULL);
		FUZZ_CHECK(!f->has_people ||
			   (f->people >= 0 && f->people <= EM_DATASET_COUNT_MAX));
	}
}

typedef struct streamed {
	size_t rows;
	const em_dataset *kept;
} streamed;

static em_status take(void *context, const em_report *report, em_error *err)
{
	streamed *s = context;
	const em_report *k = em_dataset_report(s->kept, s->rows++);

	(void)err;
	FUZZ_CHECK((unsigned)report->where.state <= EM_STATE_NOT_MAPPED);
	if (em_dataset_report_count(s->kept) == 0)
		return EM_OK; /* the file is refused: rows before the bad one still pass */
	FUZZ_CHECK(k != NULL && strcmp(k->report_id, report->report_id) == 0);
	FUZZ_CHECK(k->line == report->line && k->fatalities == report->fatalities);
	return EM_OK;
}

/* The stream against the in-memory read of the same file. */
static void check_stream(const char *path, const em_dataset *kept, em_status kept_status,
			 const char *kept_message)
{
	em_dataset *ds = NULL;
	em_error err;
	em_status status;
	streamed s = {0, kept};
	em_dataset_tally tally;

	if (em_dataset_create(&ds) != EM_OK)
		return;
	em_dataset_set_id_budget(ds, 256);
	em_error_clear(&err);
	status = em_dataset_stream_reports(ds, path, fuzz_default_gazetteer(), NULL, take, &s, &err);
	FUZZ_CHECK(status == kept_status);
	if (status != EM_OK) {
		FUZZ_CHECK(strcmp(err.message, kept_message) == 0);
	} else {
		em_dataset_tally_get(&tally, ds);
		FUZZ_CHECK(s.rows == em_dataset_report_count(kept) && tally.reports == s.rows);
		FUZZ_CHECK(tally.mapped + tally.approximate + tally.not_mapped == tally.reports);
	}
	em_dataset_destroy(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	em_dataset *reports = NULL, *flows = NULL;
	em_error err;
	em_status status;

	if (!fuzz_write_temp(path, sizeof(path), ".csv", data, size))
		return 0;
	if (em_dataset_create(&reports) == EM_OK) {
		em_dataset_set_id_budget(reports, 256);
		em_error_clear(&err);
		status = em_dataset_read_reports(reports, path, &err);
		check_reports(reports, status, &err);
		check_stream(path, reports, status, err.message);
	}
	if (em_dataset_create(&flows) == EM_OK) {
		em_error_clear(&err);
		status = em_dataset_read_flows(flows, path, &err);
		check_flows(flows, status, &err);
	}
	em_dataset_destroy(flows);
	em_dataset_destroy(reports);
	unlink(path);
	return 0;
}
