/* `eventmap render`: one poster (PNG, PDF or SVG) of the dataset, for the
 * whole period, one day or a span of days. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/summary.h"
#include "eventmap/basemap.h"
#include "eventmap/render.h"
#include "eventmap/style.h"

static const char usage[] =
	"usage: eventmap render [options] -o FILE.png|FILE.pdf|FILE.svg\n"
	"\n"
	"Draw a poster of the reports: map, death circles with the range across\n"
	"sources, event symbols, displacement arrows, headline totals, chronology,\n"
	"legend, locator, credits.\n"
	"\n"
	"  -o, --output FILE        the poster; the format follows the extension;\n"
	"                           repeat for several formats of the same poster\n"
	"  -r, --reports FILE       reports CSV (default: the default dataset)\n"
	"      --flows FILE         displacement CSV\n"
	"      --day YYYY-MM-DD     only what was reported for this day\n"
	CLI_POSTER_USAGE
	CLI_GAZETTEER_USAGE
	"  -q, --quiet              print nothing but errors\n"
	"  -h, --help               show this help\n"
	"\n"
	"A day or span with nothing reported still gets its poster, which says so;\n"
	"a warning on stderr says so too.\n"
	"Exit status: 0 written, 1 usage, input or I/O error.\n";

enum { OPT_FLOWS = 256, OPT_DAY };

typedef struct render_args {
	const char *outputs[8];
	size_t output_count;
	const char *day;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	cli_poster_args poster;
} render_args;

static int finish_args(render_args *a)
{
	if (a->output_count == 0) {
		cli_error("render", "no output: give -o FILE.png, FILE.pdf or FILE.svg");
		return CLI_EXIT_ERROR;
	}
	if (a->day != NULL && (a->poster.from != NULL || a->poster.to != NULL)) {
		cli_error("render", "give --day or --from/--to, not both");
		return CLI_EXIT_ERROR;
	}
	if (a->day != NULL)
		a->poster.from = a->poster.to = a->day;
	return cli_poster_finish(&a->poster, "render");
}

static int parse_args(render_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'}, {"reports", required_argument, NULL, 'r'},
		{"flows", required_argument, NULL, OPT_FLOWS}, {"day", required_argument, NULL, OPT_DAY},
		CLI_POSTER_LONGOPTS, {"quiet", no_argument, NULL, 'q'}, CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c, taken;

	while ((c = getopt_long(argc, argv, "o:r:s:p:g:qh", longopts, NULL)) != -1) {
		if ((taken = cli_poster_option(&a->poster, c, optarg, "render")) != 0) {
			if (taken < 0)
				return CLI_EXIT_ERROR;
			continue;
		}
		switch (c) {
		case 'o':
			if (!cli_add_file(a->outputs, &a->output_count, optarg, "render", "-o"))
				return CLI_EXIT_ERROR;
			break;
		case 'r': a->data.reports = optarg; break;
		case OPT_FLOWS: a->data.flows = optarg; break;
		case OPT_DAY: a->day = optarg; break;
		case 'g': case CLI_OPT_OVERRIDE: case CLI_OPT_PLACES:
			if (!cli_gazetteer_option(&a->gazetteers, c, optarg, "render"))
				return CLI_EXIT_ERROR;
			break;
		case 'q': a->data.quiet = true; break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return CLI_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cli_error("render", "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_ERROR;
	}
	return finish_args(a);
}

int cmd_render(int argc, char **argv)
{
	render_args a;
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_basemap *basemap = NULL;
	em_style style;
	em_render_report report;
	em_error err;
	int rc;

	memset(&a, 0, sizeof(a));
	cli_poster_args_init(&a.poster);
	em_error_clear(&err);
	rc = parse_args(&a, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (a.poster.poster.title == NULL && a.data.reports == NULL)
		a.poster.poster.title = CLI_DEFAULT_TITLE;
	rc = CLI_EXIT_ERROR;
	for (size_t i = 0; i < a.output_count; i++)
		cli_sweep_beside(a.outputs[i]);
	if (cli_poster_load(&a.poster, &style, &basemap, &err) ||
	    cli_load_gazetteer(&gz, &a.gazetteers, &err) ||
	    cli_load_dataset(&ds, gz, &a.data, "render", &err) ||
	    em_render_posters(a.outputs, a.output_count, ds, basemap, &style, &a.poster.poster,
			      &report, &err)) {
		cli_error("render", "%s", err.message);
		goto done;
	}
	if (report.empty)
		fprintf(stderr, "eventmap render: warning: nothing%s in %s was reported for %s%s%s; "
			"the poster says so\n",
			em_filter_narrows(&a.poster.poster.filter)
				? " of the event types or categories asked for" : "",
			em_dataset_reports_path(ds),
			a.poster.from ? a.poster.from : "these days",
			a.poster.to && a.poster.from && strcmp(a.poster.to, a.poster.from) != 0
				? " to " : "",
			a.poster.to && a.poster.from && strcmp(a.poster.to, a.poster.from) != 0
				? a.poster.to : "");
	for (size_t i = 0; i < a.output_count && !a.data.quiet; i++)
		printf("%s: %s poster, style %s\n", a.outputs[i], a.poster.poster.page.name,
		       style.name);
	rc = CLI_EXIT_OK;
done:
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	em_basemap_destroy(basemap);
	return rc;
}
