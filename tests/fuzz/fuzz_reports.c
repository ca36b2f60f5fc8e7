/* libFuzzer target for the reports and flows readers: the input is written
 * to a temporary .csv file (the readers take a path and go through GDAL's
 * CSV driver) and read as a reports file and, into a second dataset, as a
 * flows file.  No gazetteer: reading alone is the parser under test. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "eventmap/reports.h"
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
		FUZZ_CHECK(r->fatalities >= 0 && r->fatalities <= EM_REPORTS_COUNT_MAX);
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
			   (f->people >= 0 && f->people <= EM_REPORTS_COUNT_MAX));
	}
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
		em_error_clear(&err);
		status = em_dataset_read_reports(reports, path, &err);
		check_reports(reports, status, &err);
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
