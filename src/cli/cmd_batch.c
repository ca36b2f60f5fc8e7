/* `eventmap batch`: one poster per day of the violence, all on the same
 * extent and circle scale, and an overview sheet of the days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const cli_command command = {
	"batch", CLI_BATCH,
	"usage: eventmap batch [options]\n"
	"\n"
	"One poster per day the reports cover (a report over several days appears on\n"
	"each of them, marked with its days), with the same extent and circle scale,\n"
	"in DIR/days/YYYY-MM-DD.<format>, and an overview sheet of all days in\n"
	"DIR/days/overview.<format>.  With --weekly, one poster per week (Monday to\n"
	"Sunday) in DIR/weeks/YYYY-Www.<format> and an overview of the weeks.  With\n"
	"--by, one such series per first-order division or country, in\n"
	"DIR/days/GROUP/.\n"
	"\n",
	"\n"
	"Days with nothing reported (of the event types or categories asked for) get\n"
	"no poster; the table says which.  At most 366 posters a series: narrow a long\n"
	"dataset with --from/--to or draw --weekly.  On a cluster: --slurm N writes\n"
	"the scripts, whose jobs run --shard I/N and then --overview-only.\n"
	"Exit status: 0 every poster written, 4 some failed (named on stderr; the\n"
	"others were written), 1 usage, input or I/O error.\n",
	false};

typedef struct batch_args {
	cli_batch_options batch;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	cli_poster_args poster;
} batch_args;

bool cli_parse_formats(const char *list, bool *png, bool *pdf, bool *svg)
{
	char copy[64], *save = NULL;

	if (strlen(list) >= sizeof(copy))
		return false;
	snprintf(copy, sizeof(copy), "%s", list);
	*png = *pdf = *svg = false;
	for (char *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		if (strcasecmp(f, "png") == 0)
			*png = true;
		else if (strcasecmp(f, "pdf") == 0)
			*pdf = true;
		else if (strcasecmp(f, "svg") == 0)
			*svg = true;
		else
			return false;
	}
	return *png || *pdf || *svg;
}

/* --jobs N: a whole number of posters from 1 to CLI_JOBS_MAX. */
static bool parse_jobs(cli_batch_options *batch, const char *text)
{
	char *end;
	long jobs = strtol(text, &end, 10);

	if (end == text || *end != '\0' || jobs < 1 || jobs > CLI_JOBS_MAX) {
		cli_error("batch", "--jobs '%s': give a number from 1 to %d", text, CLI_JOBS_MAX);
		return false;
	}
	batch->jobs = (int)jobs;
	return true;
}

/* "I/N": 1 <= I <= N <= 10000. */
static bool parse_shard(cli_batch_options *batch, const char *text)
{
	unsigned i, n;
	char end;

	if (sscanf(text, "%u/%u%c", &i, &n, &end) != 2 || i < 1 || i > n || n > 10000) {
		cli_error("batch", "--shard '%s': give I/N, the share I of N (1 <= I <= N <= "
			  "10000)", text);
		return false;
	}
	batch->shard = i;
	batch->shards = n;
	return true;
}

static bool parse_slurm(cli_batch_options *batch, const char *text)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (end == text || *end != '\0' || n < 1 || n > 10000) {
		cli_error("batch", "--slurm '%s': give the number of shares, 1 to 10000", text);
		return false;
	}
	batch->slurm_tasks = (unsigned)n;
	return true;
}

static bool parse_by(cli_batch_options *batch, const char *text)
{
	if (strcasecmp(text, "admin1") == 0)
		batch->by = CLI_BY_ADMIN1;
	else if (strcasecmp(text, "country") == 0)
		batch->by = CLI_BY_COUNTRY;
	else
		cli_error("batch", "--by '%s': give admin1 or country", text);
	return batch->by != CLI_BY_NONE;
}

/* The options of batch alone. */
static int take(void *args, cli_option_id id, const char *arg)
{
	cli_batch_options *b = &((batch_args *)args)->batch;
	bool ok = true;

	switch (id) {
	case CLI_OPT_OUTPUT_DIR: b->directory = arg; break;
	case CLI_OPT_PER_DAY: b->weekly = false; break;
	case CLI_OPT_WEEKLY: b->weekly = true; break;
	case CLI_OPT_CUMULATIVE: b->cumulative = true; break;
	case CLI_OPT_JOBS: ok = parse_jobs(b, arg); break;
	case CLI_OPT_SHARD: ok = parse_shard(b, arg); break;
	case CLI_OPT_OVERVIEW_ONLY: b->overview_only = true; break;
	case CLI_OPT_SLURM: ok = parse_slurm(b, arg); break;
	case CLI_OPT_BY: ok = parse_by(b, arg); break;
	case CLI_OPT_POSTER_FORMATS:
		ok = cli_parse_formats(arg, &b->png, &b->pdf, &b->svg);
		if (!ok)
			cli_error("batch", "--format '%s': give png, pdf and/or svg, "
				  "comma-separated", arg);
		break;
	default: return 0;
	}
	return ok ? 1 : -1;
}

/* The defaults, then the options given. */
static int parse_args(batch_args *a, int argc, char **argv)
{
	const cli_parse_targets targets = {&a->data, &a->gazetteers, &a->poster, take, a};
	int rc;

	memset(a, 0, sizeof(*a));
	cli_batch_options_init(&a->batch);
	cli_poster_args_init(&a->poster);
	rc = cli_parse(&command, argc, argv, &targets);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (a->batch.weekly && a->batch.cumulative) {
		cli_error("batch", "--cumulative goes with day posters, not --weekly");
		return CLI_EXIT_ERROR;
	}
	if ((a->batch.shards > 0) + a->batch.overview_only + (a->batch.slurm_tasks > 0) > 1) {
		cli_error("batch", "give one of --shard, --overview-only and --slurm");
		return CLI_EXIT_ERROR;
	}
	a->batch.argc = argc;
	a->batch.argv = argv;
	rc = cli_poster_finish(&a->poster, &a->data, "batch");
	a->batch.quiet = a->data.quiet;
	a->batch.poster = a->poster.poster;
	return rc;
}

/* The posters of the series and the overview. */
static int draw_series(const void *args, const cli_poster_inputs *in, em_error *err)
{
	const batch_args *a = args;
	cli_batch_options batch = a->batch;

	batch.gazetteer = in->gazetteer;
	return cli_batch(&batch, in->dataset, in->basemap, &in->style, err);
}

int cli_cmd_batch(int argc, char **argv)
{
	batch_args a;
	int rc = parse_args(&a, argc, argv);

	if (rc != CLI_EXIT_OK)
		return cli_parse_exit(rc);
	return cli_poster_command("batch", &a.poster, &a.gazetteers, &a.data, draw_series, &a);
}
