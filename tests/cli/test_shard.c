/* `eventmap batch` in shares, as a cluster runs it: --shard I/N draws only
 * its posters, the shares and --overview-only together equal one run byte
 * for byte, a missing share is named; --slurm writes the scripts that do
 * this and draws nothing; bad values are refused. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../support/cli_run.h"

#define QUICK "-q -p A4 --dpi 72 -f png,pdf"

static const char *const days[] = {"2025-03-06", "2025-03-07", "2025-03-08",
				   "2025-03-09", "2025-03-10", "2025-03-11"};

static void test_shard__shares_equal_one_run(void **state)
{
	char a[128], b[128];
	outcome o;

	(void)state;
	o = run("batch " QUICK " -o whole");
	assert_int_equal(o.code, 0);
	done(&o);
	for (int i = 1; i <= 4; i++) {
		o = run("batch " QUICK " -o shares --shard %d/4", i);
		assert_int_equal(o.code, 0);
		done(&o);
		/* Share i drew the posters i, i + 4, ... of the series, no overview. */
		for (int d = 0; d < 6; d++) {
			snprintf(a, sizeof(a), "shares/days/%s.png", days[d]);
			assert_int_equal(exists(a), d % 4 < i);
		}
		assert_false(exists("shares/days/overview.png"));
	}
	o = run("batch " QUICK " -o shares --overview-only");
	assert_int_equal(o.code, 0);
	done(&o);
	for (int d = 0; d < 7; d++) {
		for (int f = 0; f < 2; f++) {
			snprintf(a, sizeof(a), "whole/days/%s.%s", d < 6 ? days[d] : "overview",
				 f ? "pdf" : "png");
			snprintf(b, sizeof(b), "shares/days/%s.%s", d < 6 ? days[d] : "overview",
				 f ? "pdf" : "png");
			assert_same_file(a, b);
		}
	}
	assert_int_equal(entries_containing("shares/days", ".png"), 7);
	assert_int_equal(entries_containing("shares/days", ".pdf"), 7);
}

/* The overview step names a share that did not run, and still draws. */
static void test_shard__missing_share_is_named(void **state)
{
	outcome o;

	(void)state;
	o = run("batch " QUICK " -o partial --shard 1/2");
	assert_int_equal(o.code, 0);
	done(&o);
	o = run("batch " QUICK " -o partial --overview-only");
	assert_int_equal(o.code, 4);
	HAS(o.err, "2025-03-07: partial/days/2025-03-07.png is missing: its share has not run "
		   "or failed");
	LACKS(o.err, "2025-03-06:");
	done(&o);
	assert_true(exists("partial/days/overview.png"));
}

static void test_shard__slurm_writes_scripts(void **state)
{
	char *shards, *overview, *submit;
	outcome o;
	struct stat st;

	(void)state;
	o = run("batch -o cluster --slurm 3 -j 2 --title \"It's the coast\"");
	assert_int_equal(o.code, 0);
	HAS(o.out, "cluster/slurm/: 3 shares of 6 posters (a job array), then the overview.");
	HAS(o.out, "submit.sh");
	done(&o);
	shards = slurp(test_path("cluster/slurm/eventmap-shards.sbatch"));
	overview = slurp(test_path("cluster/slurm/eventmap-overview.sbatch"));
	submit = slurp(test_path("cluster/slurm/submit.sh"));
	assert_non_null(shards);
	assert_non_null(overview);
	assert_non_null(submit);
	HAS(shards, "#!/bin/sh\n#SBATCH --job-name=eventmap-shards\n#SBATCH --cpus-per-task=2\n"
		    "#SBATCH --array=1-3\n");
	HAS(shards, " batch '-o' 'cluster' '-j' '2' '--title' 'It'\\''s the coast' --jobs "
		    "\"${SLURM_CPUS_PER_TASK:-1}\" --shard \"$SLURM_ARRAY_TASK_ID/3\"\n");
	LACKS(shards, "'--slurm'");
	LACKS(shards, "'3'");
	HAS(shards, "export EVENTMAP_DATA\n");
	HAS(overview, " --overview-only\n");
	LACKS(overview, "--array");
	HAS(submit, "--dependency=afterok:\"$array\"");
	assert_int_equal(stat(test_path("cluster/slurm/submit.sh"), &st), 0);
	assert_true(st.st_mode & S_IXUSR);
	assert_false(exists("cluster/days/2025-03-06.png")); /* --slurm draws nothing */
	for (int i = 0; i < 3; i++) {
		char command[512];
		snprintf(command, sizeof(command), "sh -n '%s'",
			 test_path(i == 0 ? "cluster/slurm/eventmap-shards.sbatch"
				   : i == 1 ? "cluster/slurm/eventmap-overview.sbatch"
					    : "cluster/slurm/submit.sh"));
		run_tool("sh -n", command);
	}
	free(shards);
	free(overview);
	free(submit);
}

/* More days than one sheet can show: every day's poster, no overview, and
 * the table says why; not a failure. */
static void test_batch__too_many_days_for_an_overview(void **state)
{
	char csv[8192];
	size_t at;
	outcome o;

	(void)state;
	at = (size_t)snprintf(csv, sizeof(csv), "report_id,event_date,location,latitude,longitude,"
			      "fatalities,source\n");
	for (int d = 0; d < 63; d++)
		at += (size_t)snprintf(csv + at, sizeof(csv) - at,
				       "r%d,2025-%02d-%02d,Jableh,35.36,35.93,%d,SOHR\n", d,
				       d < 31 ? 1 : d < 62 ? 3 : 4, d < 31 ? d + 1 : d < 62 ? d - 30 : 1,
				       d % 5 + 1); /* January, March and 1 April */
	write_file("two-months.csv", csv, at);
	o = run("batch -r two-months.csv -p A4 -f pdf -o long");
	assert_int_equal(o.code, 0);
	HAS(o.out, "no overview: 63 days are too many for one sheet (62 at most); batch --weekly "
		   "draws an overview of the weeks");
	done(&o);
	assert_int_equal(entries_containing("long/days", ".pdf"), 63);
	assert_false(exists("long/days/overview.pdf"));
}

static void test_shard__bad_values(void **state)
{
	static const char *const bad[] = {"--shard 0/3", "--shard 4/3", "--shard 1", "--shard x/y",
					  "--shard 1/3x", "--slurm 0", "--slurm many",
					  "--shard 1/2 --overview-only", "--slurm 2 --shard 1/2"};
	outcome o;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = run("batch -o refused %s", bad[i]);
		if (o.code != 1 || strstr(o.err, "eventmap batch: ") == NULL)
			fail_msg("'%s' gave exit %d: %s", bad[i], o.code, o.err);
		done(&o);
	}
	assert_false(exists("refused"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shard__shares_equal_one_run),
		cmocka_unit_test(test_shard__missing_share_is_named),
		cmocka_unit_test(test_shard__slurm_writes_scripts),
		cmocka_unit_test(test_batch__too_many_days_for_an_overview),
		cmocka_unit_test(test_shard__bad_values),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
