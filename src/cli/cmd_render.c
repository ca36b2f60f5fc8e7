/* `eventmap render`: one poster (PNG, PDF or SVG) of the dataset, for the
 * whole period, one day or a span of days. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/basemap.h"
#include "eventmap/render.h"
#include "eventmap/style.h"

static const char usage[] =
	"usage: eventmap render [options] -o FILE.png|FILE.pdf|FILE.svg\n"
	"\n"
	"Draw a poster of the reports: map, markers with ranges across sources,\n"
	"displacement arrows, headline totals, legend, locator, credits.\n"
	"\n"
	"  -o, --output FILE        the poster; the format follows the extension;\n"
	"                           repeat for several formats of the same poster\n"
	"  -r, --reports FILE       reports CSV (default: the default dataset)\n"
	"      --flows FILE         displacement CSV\n"
	"  -s, --style NAME|FILE    print (default), dark, mono, or a style file\n"
	"      --day YYYY-MM-DD     only reports of this day\n"
	"      --from DATE, --to DATE  only reports in this span\n"
	"  -p, --page PRESET        A4, A3 (default), A2, social-square (1080x1080 px),\n"
	"                           social-wide (1600x900 px) or WxHmm\n"
	"      --landscape, --portrait  page orientation (default landscape)\n"
	"      --dpi N              PNG resolution (default 300; 72 to 1200)\n"
	"      --labels en|ar|both  label language (default en)\n"
	"      --crs PROJ           map projection (default: transverse Mercator\n"
	"                           centred on the data), e.g. EPSG:32637\n"
	"      --title TEXT         the poster's title\n"
	"      --basemap FILE       an OGR source with the basemap's layer names\n"
	CLI_GAZETTEER_USAGE
	"  -q, --quiet              print nothing but errors\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit status: 0 written, 1 usage, input or I/O error.\n";

enum {
	OPT_FLOWS = 256, OPT_DAY, OPT_FROM, OPT_TO, OPT_LANDSCAPE, OPT_PORTRAIT, OPT_DPI,
	OPT_LABELS, OPT_CRS, OPT_TITLE, OPT_BASEMAP
};

typedef struct render_args {
	const char *outputs[8];
	size_t output_count;
	const char *style, *page, *basemap, *day, *from, *to, *labels;
	bool portrait;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	em_poster_options poster;
} render_args;

static bool parse_day(const char *option, const char *text, em_date *out)
{
	if (em_date_parse(out, text))
		return true;
	cli_error("render", "%s '%s': give a date as YYYY-MM-DD", option, text);
	return false;
}

static int finish_args(render_args *a)
{
	em_error err;
	em_filter *f = &a->poster.filter;

	em_error_clear(&err);
	if (a->output_count == 0) {
		cli_error("render", "no output: give -o FILE.png, FILE.pdf or FILE.svg");
		return CLI_EXIT_ERROR;
	}
	if (em_page_parse(&a->poster.page, a->page, a->portrait, &err) != EM_OK) {
		cli_error("render", "%s", err.message);
		return CLI_EXIT_ERROR;
	}
	if (a->day != NULL && (a->from != NULL || a->to != NULL)) {
		cli_error("render", "give --day or --from/--to, not both");
		return CLI_EXIT_ERROR;
	}
	if (a->day != NULL) {
		if (!parse_day("--day", a->day, &f->from))
			return CLI_EXIT_ERROR;
		f->to = f->from;
		f->has_from = f->has_to = true;
	}
	if (a->from != NULL && !(f->has_from = parse_day("--from", a->from, &f->from)))
		return CLI_EXIT_ERROR;
	if (a->to != NULL && !(f->has_to = parse_day("--to", a->to, &f->to)))
		return CLI_EXIT_ERROR;
	if (f->has_from && f->has_to && f->to < f->from) {
		cli_error("render", "--to is before --from");
		return CLI_EXIT_ERROR;
	}
	if (a->labels != NULL) {
		if (strcmp(a->labels, "en") == 0)
			a->poster.labels = EM_LABELS_EN;
		else if (strcmp(a->labels, "ar") == 0)
			a->poster.labels = EM_LABELS_AR;
		else if (strcmp(a->labels, "both") == 0)
			a->poster.labels = EM_LABELS_BOTH;
		else {
			cli_error("render", "--labels '%s': use en, ar or both", a->labels);
			return CLI_EXIT_ERROR;
		}
	}
	return CLI_EXIT_OK;
}

static int parse_args(render_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'}, {"reports", required_argument, NULL, 'r'},
		{"flows", required_argument, NULL, OPT_FLOWS}, {"style", required_argument, NULL, 's'},
		{"day", required_argument, NULL, OPT_DAY}, {"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO}, {"page", required_argument, NULL, 'p'},
		{"landscape", no_argument, NULL, OPT_LANDSCAPE},
		{"portrait", no_argument, NULL, OPT_PORTRAIT},
		{"dpi", required_argument, NULL, OPT_DPI}, {"labels", required_argument, NULL, OPT_LABELS},
		{"crs", required_argument, NULL, OPT_CRS}, {"title", required_argument, NULL, OPT_TITLE},
		{"basemap", required_argument, NULL, OPT_BASEMAP},
		{"quiet", no_argument, NULL, 'q'}, CLI_GAZETTEER_LONGOPTS, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "o:r:s:p:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!cli_add_file(a->outputs, &a->output_count, optarg, "render", "-o"))
				return CLI_EXIT_ERROR;
			break;
		case 'r': a->data.reports = optarg; break;
		case OPT_FLOWS: a->data.flows = optarg; break;
		case 's': a->style = optarg; break;
		case OPT_DAY: a->day = optarg; break;
		case OPT_FROM: a->from = optarg; break;
		case OPT_TO: a->to = optarg; break;
		case 'p': a->page = optarg; break;
		case OPT_LANDSCAPE: a->portrait = false; break;
		case OPT_PORTRAIT: a->portrait = true; break;
		case OPT_DPI:
			a->poster.dpi = strtod(optarg, &end);
			if (*end != '\0' || a->poster.dpi < 72 || a->poster.dpi > 1200) {
				cli_error("render", "--dpi '%s': give a number from 72 to 1200", optarg);
				return CLI_EXIT_ERROR;
			}
			break;
		case OPT_LABELS: a->labels = optarg; break;
		case OPT_CRS: a->poster.crs = optarg; break;
		case OPT_TITLE: a->poster.title = optarg; break;
		case OPT_BASEMAP: a->basemap = optarg; break;
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
	em_error err;
	char styles[4096], basemap_path[4096];
	int rc;

	memset(&a, 0, sizeof(a));
	em_poster_options_init(&a.poster);
	a.style = "print";
	a.page = "A3";
	em_error_clear(&err);
	rc = parse_args(&a, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (a.poster.title == NULL && a.data.reports == NULL)
		a.poster.title = CLI_DEFAULT_TITLE;
	if (a.basemap == NULL)
		a.basemap = cli_data_path(basemap_path, sizeof(basemap_path), CLI_DEFAULT_BASEMAP);
	rc = CLI_EXIT_ERROR;
	for (size_t i = 0; i < a.output_count; i++)
		cli_sweep_beside(a.outputs[i]);
	if (em_style_load(&style, a.style, cli_data_path(styles, sizeof(styles), "styles"), &err) ||
	    em_basemap_load(&basemap, a.basemap, &err) ||
	    cli_load_gazetteer(&gz, &a.gazetteers, &err) ||
	    cli_load_dataset(&ds, gz, &a.data, "render", &err) ||
	    em_render_posters(a.outputs, a.output_count, ds, basemap, &style, &a.poster, NULL,
			      &err)) {
		cli_error("render", "%s", err.message);
		goto done;
	}
	for (size_t i = 0; i < a.output_count && !a.data.quiet; i++)
		printf("%s: %s poster, style %s\n", a.outputs[i], a.poster.page.name, style.name);
	rc = CLI_EXIT_OK;
done:
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	em_basemap_destroy(basemap);
	return rc;
}
