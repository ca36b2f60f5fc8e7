/* Tests of reading reports as a stream: every row placed exactly as the
 * in-memory read places it, duplicates found even when the ids have moved
 * out of memory, lines right after multi-line records, the warning list
 * and the geocoder's cache bounded without losing anything.  (The key map
 * under them is tested with the rest of src/util in tests/util.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eventmap/summary.h"
#include "eventmap/gazetteer.h"
#include "eventmap/dataset.h"
#include "../support/tempdir.h"

#define HEADER "report_id,event_date,location,category,fatalities,qualifier,source\n"
#define DEFAULT_REPORTS EM_SOURCE_DIR "/geodata/syria-coast-2025-03/reports.csv"
#define DEFAULT_FLOWS EM_SOURCE_DIR "/geodata/syria-coast-2025-03/flows.csv"

static char dir[64];
static em_gazetteer *gz;

static int set_up(void **state)
{
	em_error err;

	(void)state;
	em_error_clear(&err);
	if (em_test_make_dir(dir, sizeof(dir), "stream") != 0 || em_gazetteer_create(&gz) != EM_OK)
		return -1;
	if (em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
			      EM_GAZETTEER_PLACES, &err) != EM_OK ||
	    em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/supplement.tsv", EM_GAZETTEER_PLACES,
			      &err) != EM_OK ||
	    em_gazetteer_finish(gz, &err) != EM_OK)
		return -1;
	return 0;
}

static int tear_down(void **state)
{
	(void)state;
	em_gazetteer_destroy(gz);
	return em_test_remove_dir(dir);
}

/* Writes a file from a generator of rows; returns its path. */
static const char *write_rows(const char *name, size_t rows,
			      void (*row)(FILE *f, size_t i, void *ctx), void *ctx)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(HEADER, f);
	for (size_t i = 1; i <= rows; i++)
		row(f, i, ctx);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* What the sink saw, row by row. */
typedef struct seen {
	size_t count;
	size_t cap;
	em_report *rows;            /* shallow copies: strings not kept */
	char (*ids)[32];
	size_t fail_at;             /* refuse this row (1-based); 0 never */
	em_summary_builder *summary;
} seen;

static em_status take(void *context, const em_report *report, em_error *err)
{
	seen *s = context;

	if (s->fail_at != 0 && s->count + 1 == s->fail_at)
		return em_error_set(err, EM_ERR_IO, "the sink is full at row %lu", report->row);
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = realloc(s->rows, s->cap * sizeof(*s->rows));
		s->ids = realloc(s->ids, s->cap * sizeof(*s->ids));
		assert_non_null(s->rows);
		assert_non_null(s->ids);
	}
	s->rows[s->count] = *report;
	snprintf(s->ids[s->count], sizeof(s->ids[0]), "%s", report->report_id);
	s->count++;
	return s->summary ? em_summary_builder_add(s->summary, report, err) : EM_OK;
}

static void seen_free(seen *s)
{
	free(s->rows);
	free(s->ids);
}

static void test_stream__places_like_the_in_memory_read(void **state)
{
	em_dataset *kept = NULL, *streamed = NULL;
	em_summary *a = NULL, *b = NULL;
	em_dataset_tally ta, tb;
	em_error err;
	seen s;

	(void)state;
	em_error_clear(&err);
	memset(&s, 0, sizeof(s));
	assert_int_equal(em_dataset_create(&kept), EM_OK);
	assert_int_equal(em_dataset_read_reports(kept, DEFAULT_REPORTS, &err), EM_OK);
	assert_int_equal(em_dataset_read_flows(kept, DEFAULT_FLOWS, &err), EM_OK);
	assert_int_equal(em_dataset_resolve(kept, gz, NULL, &err), EM_OK);
	assert_int_equal(em_summary_create(&a, kept, NULL, &err), EM_OK);

	assert_int_equal(em_dataset_create(&streamed), EM_OK);
	assert_int_equal(em_dataset_read_flows(streamed, DEFAULT_FLOWS, &err), EM_OK);
	assert_int_equal(em_summary_builder_create(&s.summary, NULL, &err), EM_OK);
	if (em_dataset_stream_reports(streamed, DEFAULT_REPORTS, gz, NULL, take, &s, &err) != EM_OK)
		fail_msg("%s", err.message);
	assert_int_equal(em_summary_builder_finish(&b, s.summary, &err), EM_OK);

	/* Same rows in the same order, each in the same place and state. */
	assert_int_equal(em_dataset_report_count(streamed), 0);
	assert_int_equal(s.count, em_dataset_report_count(kept));
	for (size_t i = 0; i < s.count; i++) {
		const em_report *k = em_dataset_report(kept, i);
		assert_string_equal(s.ids[i], k->report_id);
		assert_int_equal(s.rows[i].where.state, k->where.state);
		assert_true(s.rows[i].where.lat == k->where.lat);
		assert_true(s.rows[i].where.lon == k->where.lon);
		assert_string_equal(s.rows[i].where.reason, k->where.reason);
		assert_int_equal(s.rows[i].line, k->line);
	}
	/* Flows drawn from the same points: the region point is the same
	 * median whether rows are kept or counted. */
	assert_int_equal(em_dataset_flow_count(streamed), em_dataset_flow_count(kept));
	for (size_t i = 0; i < em_dataset_flow_count(kept); i++) {
		const em_flow *x = em_dataset_flow(kept, i), *y = em_dataset_flow(streamed, i);
		assert_int_equal(x->from.state, y->from.state);
		assert_true(x->from.lat == y->from.lat && x->from.lon == y->from.lon);
		assert_true(x->to.lat == y->to.lat && x->to.lon == y->to.lon);
	}
	em_dataset_tally_get(&ta, kept);
	em_dataset_tally_get(&tb, streamed);
	assert_memory_equal(&ta, &tb, sizeof(ta));
	{
		size_t regions = 0, events = 0;
		for (size_t i = 0; i < em_dataset_report_count(kept); i++) {
			regions += em_dataset_report(kept, i)->scope == EM_SCOPE_REGION;
			events += !em_report_has_deaths(em_dataset_report(kept, i));
		}
		assert_int_equal(ta.reports, em_dataset_report_count(kept));
		assert_int_equal(ta.regions, regions);
		assert_int_equal(ta.events, events);
		assert_true(ta.reports > 18 && events > 0 && ta.flows == 4);
	}
	assert_int_equal(em_dataset_warning_count(streamed), em_dataset_warning_count(kept));
	for (size_t i = 0; i < em_dataset_warning_count(kept); i++)
		assert_string_equal(em_dataset_warning(streamed, i), em_dataset_warning(kept, i));
	/* The summary built row by row is the summary, and owns its strings:
	 * it outlives the datasets. */
	em_dataset_destroy(kept);
	em_dataset_destroy(streamed);
	assert_int_equal(a->place_count, b->place_count);
	assert_int_equal(a->headline_count, b->headline_count);
	for (size_t i = 0; i < a->place_count; i++) {
		assert_string_equal(a->places[i].label, b->places[i].label);
		assert_string_equal(a->places[i].name, b->places[i].name);
		assert_string_equal(a->places[i].sources, b->places[i].sources);
	}
	for (size_t i = 0; i < a->headline_count; i++)
		assert_string_equal(a->headline[i].source, b->headline[i].source);
	em_summary_destroy(a);
	em_summary_destroy(b);
	em_summary_builder_destroy(s.summary);
	seen_free(&s);
}

static void unique_row(FILE *f, size_t i, void *ctx)
{
	const size_t *dup = ctx; /* {row that repeats, row it repeats, ...} 0-ended */

	for (size_t k = 0; dup != NULL && dup[k] != 0; k += 2) {
		if (i == dup[k]) {
			fprintf(f, "id-%zu,2025-03-07,Latakia,civilians,1,exact,SOHR\n", dup[k + 1]);
			return;
		}
	}
	fprintf(f, "id-%zu,2025-03-07,Latakia,civilians,1,exact,SOHR\n", i);
}

/* Reads path both ways with an id budget; returns the error message ("" for none). */
static void read_both(const char *path, size_t budget, char *message, size_t size)
{
	for (int mode = 0; mode < 2; mode++) {
		em_dataset *ds = NULL;
		em_error err;
		seen s;
		em_status status;

		em_error_clear(&err);
		memset(&s, 0, sizeof(s));
		assert_int_equal(em_dataset_create(&ds), EM_OK);
		em_dataset_set_id_budget(ds, budget);
		status = mode == 0 ? em_dataset_read_reports(ds, path, &err)
				   : em_dataset_stream_reports(ds, path, gz, NULL, take, &s, &err);
		if (mode == 0)
			snprintf(message, size, "%s", status == EM_OK ? "" : err.message);
		else
			assert_string_equal(status == EM_OK ? "" : err.message, message);
		em_dataset_destroy(ds);
		seen_free(&s);
	}
}

static void test_ids__duplicates_found_beyond_the_budget(void **state)
{
	/* 4,000 ids with a budget of 4 KiB: they move out of memory in
	 * sorted runs many times over, and the merge still finds the one
	 * duplicate, naming both lines. */
	static const size_t one[] = {3500, 10, 0};
	static const size_t two[] = {3900, 20, 2500, 30, 0};
	char message[1024];

	(void)state;
	read_both(write_rows("unique.csv", 4000, unique_row, NULL), 4096, message,
		  sizeof(message));
	assert_string_equal(message, "");
	read_both(write_rows("dup.csv", 4000, unique_row, (void *)one), 4096, message,
		  sizeof(message));
	assert_non_null(strstr(message, "dup.csv:3501: column 'report_id': 'id-10' is a duplicate: "
				      "the same id is on line 11"));
	/* Two duplicates: the one met first in the file is named. */
	read_both(write_rows("dup2.csv", 4000, unique_row, (void *)two), 4096, message,
		  sizeof(message));
	assert_non_null(strstr(message, "dup2.csv:2501: column 'report_id': 'id-30' is a duplicate: "
				      "the same id is on line 31"));
	/* No budget: everything in memory, the same answer. */
	read_both(write_rows("dup3.csv", 4000, unique_row, (void *)one), 0, message,
		  sizeof(message));
	assert_non_null(strstr(message, "dup3.csv:3501: column 'report_id': 'id-10' is a duplicate"));
}

static void test_ids__nowhere_to_spill_is_an_error(void **state)
{
	const char *path = write_rows("spill.csv", 2000, unique_row, NULL);
	char *saved = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	em_dataset *ds = NULL;
	em_error err;
	seen s;

	(void)state;
	em_error_clear(&err);
	memset(&s, 0, sizeof(s));
	setenv("TMPDIR", "/nonexistent-eventmap-tmp", 1);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	em_dataset_set_id_budget(ds, 4096);
	assert_int_equal(em_dataset_stream_reports(ds, path, gz, NULL, take, &s, &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, "/nonexistent-eventmap-tmp/eventmap-ids-"));
	assert_non_null(strstr(err.message, "set TMPDIR to a directory with room"));
	assert_non_null(strstr(err.message, "No such file or directory"));
	em_dataset_destroy(ds);
	seen_free(&s);
	if (saved != NULL)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}

static void test_lines__after_multi_line_records_and_blank_lines(void **state)
{
	static const char text[] =
		HEADER
		"r1,2025-03-07,Latakia,civilians,1,exact,\"SOHR\nsecond line\nthird\"\n"
		"\n"
		"r2,2025-03-07,Jableh,civilians,2,exact,SNHR\n"
		"r3,2025-03-07,Jableh,civilians,3,exact,SNHR\n"
		"r4,2025-03-07,Jableh,civilians,x,exact,SNHR\n";
	char path[256];
	FILE *f;
	em_dataset *ds = NULL;
	em_error err;
	seen s;

	(void)state;
	em_error_clear(&err);
	memset(&s, 0, sizeof(s));
	snprintf(path, sizeof(path), "%s/lines.csv", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_stream_reports(ds, path, gz, NULL, take, &s, &err),
			 EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "lines.csv:8: column 'fatalities': 'x'"));
	assert_int_equal(s.count, 3);
	assert_int_equal(s.rows[0].line, 2);
	assert_int_equal(s.rows[1].line, 6);
	assert_int_equal(s.rows[2].line, 7);
	em_dataset_destroy(ds);
	seen_free(&s);
}

static void unknown_then_known(FILE *f, size_t i, void *ctx)
{
	size_t unknown = *(const size_t *)ctx;

	if (i <= unknown)
		fprintf(f, "r%zu,2025-03-07,Qaryat Zz%zu,civilians,1,exact,SOHR\n", i, i);
	else
		fprintf(f, "r%zu,2025-03-07,%s,civilians,1,exact,SOHR\n", i,
			i % 2 ? "Latakia" : "Qaryat Zz1");
}

static void test_bounds__warnings_and_cache(void **state)
{
	/* More distinct unknown names than the cache holds (16,384): the
	 * cache is emptied and refilled, names are still placed right, the
	 * warnings kept stop at the limit and the tally counts them all. */
	size_t unknown = 17000, known = 100;
	const char *path = write_rows("many.csv", unknown + known, unknown_then_known, &unknown);
	em_dataset *ds = NULL;
	em_dataset_tally t;
	em_error err;
	seen s;

	(void)state;
	em_error_clear(&err);
	memset(&s, 0, sizeof(s));
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	if (em_dataset_stream_reports(ds, path, gz, NULL, take, &s, &err) != EM_OK)
		fail_msg("%s", err.message);
	em_dataset_tally_get(&t, ds);
	assert_int_equal(t.reports, unknown + known);
	assert_int_equal(t.mapped, known / 2);
	assert_int_equal(t.not_mapped, unknown + known / 2);
	assert_int_equal(t.warnings, unknown);
	assert_int_equal(em_dataset_warning_count(ds), EM_DATASET_WARNINGS_KEPT);
	assert_non_null(strstr(em_dataset_warning(ds, 0), "many.csv:2: location 'Qaryat Zz1'"));
	for (size_t i = unknown; i < s.count; i++)
		assert_int_equal(s.rows[i].where.state,
				 (i + 1) % 2 ? EM_STATE_MAPPED : EM_STATE_NOT_MAPPED);
	em_dataset_destroy(ds);
	seen_free(&s);
}

static void test_sink__refusal_stops_the_stream(void **state)
{
	em_dataset *ds = NULL;
	em_error err;
	seen s;

	(void)state;
	em_error_clear(&err);
	memset(&s, 0, sizeof(s));
	s.fail_at = 5;
	assert_int_equal(em_dataset_create(&ds), EM_OK);
	assert_int_equal(em_dataset_stream_reports(ds, DEFAULT_REPORTS, gz, NULL, take, &s, &err),
			 EM_ERR_IO);
	assert_string_equal(err.message, "the sink is full at row 5");
	assert_int_equal(s.count, 4);
	/* A dataset streams once. */
	assert_int_equal(em_dataset_stream_reports(ds, DEFAULT_REPORTS, gz, NULL, take, &s, &err),
			 EM_ERR_INVALID);
	assert_int_equal(em_dataset_resolve(ds, gz, NULL, &err), EM_ERR_INVALID);
	em_dataset_destroy(ds);
	seen_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream__places_like_the_in_memory_read),
		cmocka_unit_test(test_ids__duplicates_found_beyond_the_budget),
		cmocka_unit_test(test_ids__nowhere_to_spill_is_an_error),
		cmocka_unit_test(test_lines__after_multi_line_records_and_blank_lines),
		cmocka_unit_test(test_bounds__warnings_and_cache),
		cmocka_unit_test(test_sink__refusal_stops_the_stream),
	};

	return cmocka_run_group_tests(tests, set_up, tear_down);
}
