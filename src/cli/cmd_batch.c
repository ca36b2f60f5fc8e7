/* `eventmap batch`: one poster per day of the violence, all on the same
 * extent and circle scale, and an overview sheet of the days. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: eventmap batch [options]\n"
	"\n"
	"One poster per day the reports cover (a report over several days appears on\n"
	"each of them, marked with its days), with the same extent and circle scale,\n"
	"in DIR/days/YYYY-MM-DD.<format>, and an overview sheet of all days in\n"
	"DIR/days/overview.<format>.  With --weekly, one poster per week (Monday to\n"
	"Sunday) in DIR/weeks/YYYY-Www.<format> and an overview of the weeks.\n"
	"\n"
	"  -o, --output DIR         output directory (default: output)\n"
	"  -r, --reports FILE       reports CSV (default: the default dataset)\n"
	"      --flows FILE         displacement CSV\n"
	"      --per-day            one poster per day (the default)\n"
	"      --weekly             one poster per week instead\n"
	"      --cumulative         also \"through day N\" posters: days/through-YYYY-MM-DD\n"
	"  -f, --format LIST        png, pdf, svg, comma-separated (default png,pdf);\n"
	"                           also --formats\n"
	CLI_POSTER_USAGE
	"  -j, --jobs N             posters drawn at once (default: the processors)\n"
	CLI_GAZETTEER_USAGE
	"  -q, --quiet              no progress and no table\n"
	"  -h, --help               show this help\n"
	"\n"
	"Days with nothing reported (of the event types or categories asked for) get\n"
	"no poster; the table says which.  At most 366 posters at once: narrow a long\n"
	"dataset with --from/--to or draw --weekly.\n"
	"Exit status: 0 every poster written, 4 some failed (named on stderr; the\n"
	"others were written), 1 usage, input or I/O error.\n";

enum { OPT_FLOWS = 256, OPT_PER_DAY, OPT_WEEKLY, OPT_CUMULATIVE };

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

static int parse_args(batch_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'}, {"reports", required_argument, NULL, 'r'},
		{"flows", required_argument, NULL, OPT_FLOWS},
		{"per-day", no_argument, NULL, OPT_PER_DAY}, {"weekly", no_argument, NULL, OPT_WEEKLY},
		{"cumulative", no_argument, NULL, OPT_CUMULATIVE},
		{"format", required_argument, NULL, 'f'}, {"formats", required_argument, NULL, 'f'},
		CLI_POSTER_LONGOPTS, {"jobs", required_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'}, CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	char *end;
	int c, taken;

	while ((c = getopt_long(argc, argv, "o:r:s:f:p:j:g:qh", longopts, NULL)) != -1) {
		if ((taken = cli_poster_option(&a->poster, c, optarg, "batch")) != 0) {
			if (taken < 0)
				return CLI_EXIT_ERROR;
			continue;
		}
		switch (c) {
		case 'o': a->batch.directory = optarg; break;
		case 'r': a->data.reports = optarg; break;
		case OPT_FLOWS: a->data.flows = optarg; break;
		case OPT_PER_DAY: a->batch.weekly = false; break;
		case OPT_WEEKLY: a->batch.weekly = true; break;
		case OPT_CUMULATIVE: a->batch.cumulative = true; break;
		case 'f':
			if (!cli_parse_formats(optarg, &a->batch.png, &a->batch.pdf, &a->batch.svg)) {
				cli_error("batch", "--format '%s': give png, pdf and/or svg, "
					  "comma-separated", optarg);
				return CLI_EXIT_ERROR;
			}
			break;
		case 'j':
			a->batch.jobs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || a->batch.jobs < 1 || a->batch.jobs > 64) {
				cli_error("batch", "--jobs '%s': give a number from 1 to 64", optarg);
				return CLI_EXIT_ERROR;
			}
			break;
		case 'g': case CLI_OPT_OVERRIDE: case CLI_OPT_PLACES:
			if (!cli_gazetteer_option(&a->gazetteers, c, optarg, "batch"))
				return CLI_EXIT_ERROR;
			break;
		case 'q': a->batch.quiet = a->data.quiet = true; break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return CLI_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cli_error("batch", "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_ERROR;
	}
	if (a->batch.weekly && a->batch.cumulative) {
		cli_error("batch", "--cumulative goes with day posters, not --weekly");
		return CLI_EXIT_ERROR;
	}
	return cli_poster_finish(&a->poster, "batch");
}

int cmd_batch(int argc, char **argv)
{
	batch_args a;
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_basemap *basemap = NULL;
	em_style style;
	em_error err;
	long processors = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	memset(&a, 0, sizeof(a));
	cli_poster_args_init(&a.poster);
	a.batch.directory = "output";
	a.batch.png = a.batch.pdf = true;
	a.batch.jobs = processors > 0 ? (int)processors : 1;
	em_error_clear(&err);
	rc = parse_args(&a, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (a.poster.poster.title == NULL && a.data.reports == NULL)
		a.poster.poster.title = CLI_DEFAULT_TITLE;
	a.batch.poster = a.poster.poster;
	rc = CLI_EXIT_ERROR;
	if (cli_poster_load(&a.poster, &style, &basemap, &err) ||
	    cli_load_gazetteer(&gz, &a.gazetteers, &err) ||
	    cli_load_dataset(&ds, gz, &a.data, "batch", &err)) {
		cli_error("batch", "%s", err.message);
		goto done;
	}
	rc = cli_batch(&a.batch, ds, basemap, &style, &err);
	if (rc == CLI_EXIT_ERROR)
		cli_error("batch", "%s", err.message);
done:
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	em_basemap_destroy(basemap);
	return rc;
}
