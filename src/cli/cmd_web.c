/* `eventmap web`: the interactive map, a folder of static files that
 * opens from disk or any static host and asks nothing of any other
 * server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/web.h"

#ifndef EM_VERSION
#define EM_VERSION "0.0.0"
#endif

static const cli_command command = {
	"web", CLI_WEB,
	"usage: eventmap web [options]\n"
	"\n"
	"Write an interactive map of the reports to DIR/web/: index.html with its\n"
	"script, style, data and basemap beside it.  Open it from disk or put the\n"
	"folder on any static host; it asks no other server for anything.\n"
	"\n",
	"\n"
	"The page has a day slider (play, pause, all days; the keyboard moves it),\n"
	"a list of every report at a place on a click or tap, the headline totals\n"
	"per source, a legend, what is not on the map, a table of all reports and\n"
	"the credits.  Its figures are the posters' own words, per day as batch\n"
	"draws them, on one scale.  The folder is swapped in whole.\n"
	"Exit status: 0 written, 1 usage, input or I/O error.\n",
	false};

typedef struct web_args {
	const char *dir;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	cli_poster_args poster;
} web_args;

static int take(void *args, cli_option_id id, const char *arg)
{
	web_args *a = args;

	if (id != CLI_OPT_OUTPUT_DIR)
		return 0;
	a->dir = arg;
	return 1;
}

static int parse_args(web_args *a, int argc, char **argv)
{
	const cli_parse_targets targets = {&a->data, &a->gazetteers, &a->poster, take, a};
	int rc;

	memset(a, 0, sizeof(*a));
	a->dir = "output";
	cli_poster_args_init(&a->poster);
	rc = cli_parse(&command, argc, argv, &targets);
	return rc == CLI_EXIT_OK ? cli_poster_finish(&a->poster, &a->data, "web") : rc;
}

em_status cli_write_web(const char *dir, const cli_poster_args *poster,
			const cli_poster_inputs *in, em_web_report *report, em_error *err)
{
	em_web_options options;
	char page[4096], library[4096], basemap[4096];

	em_web_options_init(&options);
	options.poster = poster->poster;
	options.page_dir = cli_data_path(page, sizeof(page), "web");
	options.library_dir = cli_data_path(library, sizeof(library), "node_modules/leaflet");
	options.generator = "eventmap " EM_VERSION;
	return em_web_write(dir, in->dataset,
			    poster->basemap ? poster->basemap
					    : cli_data_path(basemap, sizeof(basemap),
							    CLI_DEFAULT_BASEMAP),
			    &in->style, &options, report, err);
}

static int write_page(const void *args, const cli_poster_inputs *in, em_error *err)
{
	const web_args *a = args;
	em_web_report report;

	if (cli_write_web(a->dir, &a->poster, in, &report, err) != EM_OK)
		return CLI_EXIT_ERROR;
	if (!a->data.quiet)
		printf("%s/web/index.html: %zu reports, %zu flows, %zu places, %zu days, "
		       "%.1f MB in all\n", a->dir, report.report_count, report.flow_count,
		       report.place_count, report.day_count, (double)report.bytes / 1e6);
	return CLI_EXIT_OK;
}

int cli_cmd_web(int argc, char **argv)
{
	web_args a;
	int rc = parse_args(&a, argc, argv);

	if (rc != CLI_EXIT_OK)
		return cli_parse_exit(rc);
	a.poster.basemap_unread = true; /* basemap.js is read from the file itself */
	return cli_poster_command("web", &a.poster, &a.gazetteers, &a.data, write_page, &a);
}
