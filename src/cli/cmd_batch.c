/* `eventmap batch`: one poster per day of the violence, all on the same
 * extent and circle scale, and an overview sheet of the days. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: eventmap batch [options]\n"
	"\n"
	"One poster per day that has reports, with the same extent and circle scale,\n"
	"in DIR/days/YYYY-MM-DD.<format>, and an overview sheet of all days in\n"
	"DIR/days/overview.png and .pdf.\n"
	"\n"
	"  -o, --output DIR         output directory (default: output)\n"
	"  -r, --reports FILE       reports CSV (default: the default dataset)\n"
	"      --flows FILE         displacement CSV\n"
	"  -s, --style NAME|FILE    print (default), dark, mono, or a style file\n"
	"      --per-day            one poster per day (the default)\n"
	"      --cumulative         also \"through day N\" posters: days/through-YYYY-MM-DD\n"
	"  -f, --formats LIST       png,pdf,svg (default png,pdf)\n"
	"  -p, --page PRESET        as for render (default A3)\n"
	"      --portrait           portrait pages\n"
	"      --dpi N              PNG resolution (default 300)\n"
	"  -j, --jobs N             posters drawn at once (default: the processors)\n"
	"      --basemap FILE       an OGR source with the basemap's layer names\n"
	CLI_GAZETTEER_USAGE
	"  -q, --quiet              no progress and no table\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit status: 0 every poster written, 4 some failed (named on stderr; the\n"
	"others were written), 1 usage, input or I/O error.\n";

enum { OPT_FLOWS = 256, OPT_PER_DAY, OPT_CUMULATIVE, OPT_PORTRAIT, OPT_DPI, OPT_BASEMAP };

typedef struct batch_args {
	cli_batch_options batch;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	const char *style, *page, *basemap;
	bool portrait;
} batch_args;

static bool parse_formats(cli_batch_options *b, const char *list)
{
	char copy[64], *save = NULL;

	if (strlen(list) >= sizeof(copy))
		return false;
	snprintf(copy, sizeof(copy), "%s", list);
	b->png = b->pdf = b->svg = false;
	for (char *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		if (strcmp(f, "png") == 0)
			b->png = true;
		else if (strcmp(f, "pdf") == 0)
			b->pdf = true;
		else if (strcmp(f, "svg") == 0)
			b->svg = true;
		else
			return false;
	}
	return b->png || b->pdf || b->svg;
}

static int parse_args(batch_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'}, {"reports", required_argument, NULL, 'r'},
		{"flows", required_argument, NULL, OPT_FLOWS}, {"style", required_argument, NULL, 's'},
		{"per-day", no_argument, NULL, OPT_PER_DAY},
		{"cumulative", no_argument, NULL, OPT_CUMULATIVE},
		{"formats", required_argument, NULL, 'f'}, {"page", required_argument, NULL, 'p'},
		{"portrait", no_argument, NULL, OPT_PORTRAIT}, {"dpi", required_argument, NULL, OPT_DPI},
		{"jobs", required_argument, NULL, 'j'}, {"basemap", required_argument, NULL, OPT_BASEMAP},
{"quiet", no_argument, NULL, 'q'},
		CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "o:r:s:f:p:j:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': a->batch.directory = optarg; break;
		case 'r': a->data.reports = optarg; break;
		case OPT_FLOWS: a->data.flows = optarg; break;
		case 's': a->style = optarg; break;
		case OPT_PER_DAY: break;
		case OPT_CUMULATIVE: a->batch.cumulative = true; break;
		case 'f':
			if (!parse_formats(&a->batch, optarg)) {
				cli_error("batch", "--formats '%s': give png, pdf and/or svg, "
					  "comma-separated", optarg);
				return CLI_EXIT_ERROR;
			}
			break;
		case 'p': a->page = optarg; break;
		case OPT_PORTRAIT: a->portrait = true; break;
		case OPT_DPI:
			a->batch.poster.dpi = strtod(optarg, &end);
			if (*end != '\0' || a->batch.poster.dpi < 72 || a->batch.poster.dpi > 1200) {
				cli_error("batch", "--dpi '%s': give a number from 72 to 1200", optarg);
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
		case OPT_BASEMAP: a->basemap = optarg; break;
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
	return CLI_EXIT_OK;
}

int cmd_batch(int argc, char **argv)
{
	batch_args a;
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_basemap *basemap = NULL;
	em_style style;
	em_error err;
	char styles[4096], basemap_path[4096];
	long processors = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	memset(&a, 0, sizeof(a));
	em_poster_options_init(&a.batch.poster);
	a.batch.directory = "output";
	a.batch.png = a.batch.pdf = true;
	a.batch.jobs = processors > 0 ? (int)processors : 1;
	a.style = "print";
	a.page = "A3";
	em_error_clear(&err);
	rc = parse_args(&a, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (em_page_parse(&a.batch.poster.page, a.page, a.portrait, &err) != EM_OK) {
		cli_error("batch", "%s", err.message);
		return CLI_EXIT_ERROR;
	}
	if (a.data.reports == NULL)
		a.batch.poster.title = CLI_DEFAULT_TITLE;
	if (a.basemap == NULL)
		a.basemap = cli_data_path(basemap_path, sizeof(basemap_path), CLI_DEFAULT_BASEMAP);
	rc = CLI_EXIT_ERROR;
	if (em_style_load(&style, a.style, cli_data_path(styles, sizeof(styles), "styles"), &err) ||
	    em_basemap_load(&basemap, a.basemap, &err) ||
	    cli_load_gazetteer(&gz, &a.gazetteers, &err) ||
	    cli_load_dataset(&ds, gz, &a.data, "batch", &err)) {
		cli_error("batch", "%s", err.message);
		goto done;
	}
	rc = cli_batch(&a.batch, ds, basemap, &style, &err);
done:
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	em_basemap_destroy(basemap);
	return rc;
}
