/* The default gazetteer and the default dataset placed with it: the
 * fixtures the geocode, layers and render tests share.  Header-only, so each test executable
 * compiles its own copy without a support library. */
#ifndef EM_TESTS_DEFAULT_DATA_H
#define EM_TESTS_DEFAULT_DATA_H

#include <stdio.h>

#include "eventmap/gazetteer.h"
#include "eventmap/dataset.h"

/* Loads geonames-levant.txt and supplement.tsv and builds the index.  On
 * failure err says why; *gz is the caller's to destroy either way. */
static inline em_status load_default_gazetteer(em_gazetteer **gz, em_error *err)
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
	return status;
}

/* The default gazetteer, then the default reports and flows read and
 * resolved.  What was made is in *gz and *ds for the caller to destroy
 * either way. */
static inline em_status load_default_data(em_gazetteer **gz, em_dataset **ds, em_error *err)
{
	em_status status = load_default_gazetteer(gz, err);

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

/* The default gazetteer as a cmocka group's fixture, loaded once for the
 * tests of a file: cmocka_run_group_tests(tests, em_test_load_levant,
 * em_test_free_levant), then em_test_levant() in each test. */
static inline em_gazetteer **em_test_levant_slot(void)
{
	static em_gazetteer *gazetteer;

	return &gazetteer;
}

static inline em_gazetteer *em_test_levant(void)
{
	return *em_test_levant_slot();
}

static inline int em_test_load_levant(void **state)
{
	em_error err;

	(void)state;
	em_error_clear(&err);
	if (load_default_gazetteer(em_test_levant_slot(), &err) != EM_OK) {
		fprintf(stderr, "cannot load the default gazetteer: %s\n", err.message);
		return -1;
	}
	return 0;
}

static inline int em_test_free_levant(void **state)
{
	(void)state;
	em_gazetteer_destroy(em_test_levant());
	*em_test_levant_slot() = NULL;
	return 0;
}

#endif
