/* The default dataset, placed with the default gazetteer: the fixture the
 * layers and render tests share.  Header-only, so each test executable
 * compiles its own copy without a support library. */
#ifndef EM_TESTS_DEFAULT_DATA_H
#define EM_TESTS_DEFAULT_DATA_H

#include "eventmap/gazetteer.h"
#include "eventmap/reports.h"

/* Loads geonames-levant.txt and supplement.tsv, reads the default reports
 * and flows and resolves them.  On failure err says why; what was made is
 * in *gz and *ds for the caller to destroy either way. */
static inline em_status load_default_data(em_gazetteer **gz, em_dataset **ds, em_error *err)
{
	em_status status = em_gazetteer_create(gz);

	if (status == EM_OK)
		status = em_gazetteer_load(*gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
					   EM_GAZETTEER_PLACES, err);
	if (status == EM_OK)
		status = em_gazetteer_load(*gz, EM_SOURCE_DIR "/geodata/supplement.tsv",
					   EM_GAZETTEER_PLACES, err);
	if (status == EM_OK)
		status = em_gazetteer_finish(*gz, err);
	if (status == EM_OK)
		status = em_dataset_create(ds);
	if (status == EM_OK)
		status = em_dataset_read_reports(
			*ds, EM_SOURCE_DIR "/geodata/syria-coast-2025-03/reports.csv", err);
	if (status == EM_OK)
		status = em_dataset_read_flows(
			*ds, EM_SOURCE_DIR "/geodata/syria-coast-2025-03/flows.csv", err);
	if (status == EM_OK)
		status = em_dataset_resolve(*ds, *gz, NULL, err);
	return status;
}

#endif
