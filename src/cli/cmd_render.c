/* `eventmap render`: one poster (PNG, PDF or SVG) of the dataset, for the
 * whole period, one day or a span of days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/summary.h"
#include "eventmap/basemap.h"
#include "eventmap/render.h"
#include "eventmap/style.h"

static const cli_command command = {
	"render", CLI_RENDER,
	"usage: eventmap render [options] -o FILE.png|FILE.pdf|FILE.svg\n"
	"\n"
	"Draw a poster of the reports: map, death circles with the range across\n"
	"sources, event symbols, displacement arrows, headline totals, chronology,\n"
	"legend, locator, credits.\n"
	"\n",
	"\n"
	"A day or span with nothing reported still gets its poster, which says so;\n"
	"a warning on stderr says so too.\n"
	"Exit status: 0 written, 1 usage, input or I/O error.\n",
	false};

typedef struct render_args {
	const char *outputs[CLI_FILES_MAX];
	size_t output_count;
	const char *day;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	cli_poster_args poster;
} render_args;

/* The options of render alone. */
static int take(void *args, cli_option_id id, const char *arg)
{
	render_args *a = args;

	switch (id) {
	case CLI_OPT_OUTPUT_POSTER:
		return cli_add_file(a->outputs, &a->output_count, arg, "render", "-o") ? 1 : -1;
	case CLI_OPT_DAY: a->day = arg; return 1;
	default: return 0;
	}
}

/* The defaults, then the options given, checked together. */
static int parse_args(render_args *a, int argc, char **argv)
{
	const cli_parse_targets targets = {&a->data, &a->gazetteers, &a->poster, take, a};
	int rc;

	memset(a, 0, sizeof(*a));
	cli_poster_args_init(&a->poster);
	rc = cli_parse(&command, argc, argv, &targets);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (a->output_count == 0) {
		cli_error("render", "no output: give -o FILE.png, FILE.pdf or FILE.svg");
		return CLI_EXIT_ERROR;
	}
	if (a->day != NULL && (a->poster.from != NULL || a->poster.to != NULL)) {
		cli_error("render", "give --day or --from/--to, not both");
		return CLI_EXIT_ERROR;
	}
	if (a->day != NULL) {
		em_date day;
		if (!em_date_parse(&day, a->day)) {
			cli_error("render", "--day '%s': give a date as YYYY-MM-DD", a->day);
			return CLI_EXIT_ERROR;
		}
		a->poster.from = a->poster.to = a->day;
	}
	return cli_poster_finish(&a->poster, &a->data, "render");
}

/* A poster of nothing is still written; stderr says so too. */
static void warn_empty(const render_args *a, const em_dataset *ds)
{
	const char *from = a->poster.from, *to = a->poster.to;
	bool span = to != NULL && from != NULL && strcmp(to, from) != 0;

	fprintf(stderr, "eventmap render: warning: nothing%s in %s was reported for %s%s%s; "
		"the poster says so\n",
		em_filter_narrows(&a->poster.poster.filter)
			? " of the event types or categories asked for" : "",
		em_dataset_reports_path(ds), from ? from : "these days", span ? " to " : "",
		span ? to : "");
}

/* The poster in each format asked for, and what was written said. */
static int draw_poster(const void *args, const cli_poster_inputs *in, em_error *err)
{
	const render_args *a = args;
	em_render_report report;

	if (em_render_posters(a->outputs, a->output_count, in->dataset, in->basemap, &in->style,
			      &a->poster.poster, &report, err) != EM_OK)
		return CLI_EXIT_ERROR;
	if (report.empty)
		warn_empty(a, in->dataset);
	for (size_t i = 0; i < a->output_count && !a->data.quiet; i++)
		printf("%s: %s poster, style %s\n", a->outputs[i], a->poster.poster.page.name,
		       in->style.name);
	return CLI_EXIT_OK;
}

int cli_cmd_render(int argc, char **argv)
{
	render_args a;
	int rc = parse_args(&a, argc, argv);

	if (rc != CLI_EXIT_OK)
		return cli_parse_exit(rc);
	for (size_t i = 0; i < a.output_count; i++)
		cli_sweep_beside(a.outputs[i]);
	return cli_poster_command("render", &a.poster, &a.gazetteers, &a.data, draw_poster, &a);
}
