/* `eventmap export`: the dataset as GIS layers (GeoPackage with QGIS
 * styles, GeoJSON, or any OGR driver), after placing every row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/summary.h"
#include "eventmap/layers.h"

static const cli_command command = {
	"export", CLI_EXPORT,
	"usage: eventmap export [options]\n"
	"\n"
	"Write the reports, places, flows and not-mapped rows as GIS layers.\n"
	"\n",
	"\n"
	"Exit status: 0 written, 1 usage, input or I/O error.\n",
	false};

typedef struct export_args {
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	em_layers_options layers;
	const char *directory;
} export_args;

/* The options of export alone. */
static int take(void *args, cli_option_id id, const char *arg)
{
	export_args *a = args;

	switch (id) {
	case CLI_OPT_OUTPUT_DIR: a->directory = arg; return 1;
	case CLI_OPT_LAYER_FORMATS: a->layers.formats = arg; return 1;
	case CLI_OPT_CONNECTION: a->layers.connection = arg; return 1;
	default: return 0;
	}
}

/* The defaults, then the options given. */
static int parse_args(export_args *a, int argc, char **argv)
{
	const cli_parse_targets targets = {&a->data, &a->gazetteers, NULL, take, a};

	memset(a, 0, sizeof(*a));
	a->directory = "output";
	return cli_parse(&command, argc, argv, &targets);
}

/* Each report goes to the layers and the summary as it is read: the rows
 * are never all in memory. */
typedef struct export_stream {
	em_layers_writer *layers;
	em_summary_builder *summary;
} export_stream;

static em_status take_report(void *context, const em_report *report, em_error *err)
{
	export_stream *s = context;
	em_status status = em_layers_writer_add(s->layers, report, err);

	return status == EM_OK ? em_summary_builder_add(s->summary, report, err) : status;
}

/* Reads, places and writes every report as it goes, then the places and
 * flows, and publishes the layers. */
static em_status export_layers(const export_args *a, const em_gazetteer *gz, em_dataset **ds,
			       em_error *err)
{
	export_stream stream = {NULL, NULL};
	em_summary *summary = NULL;
	em_status status = em_summary_builder_create(&stream.summary, NULL, err);

	if (status == EM_OK)
		status = em_layers_writer_create(&stream.layers, a->directory, &a->layers, err);
	if (status == EM_OK)
		status = cli_stream_dataset(ds, gz, &a->data, "export", take_report, &stream, err);
	if (status == EM_OK)
		status = em_summary_builder_finish(&summary, stream.summary, err);
	if (status == EM_OK)
		status = em_layers_writer_commit(stream.layers, *ds, summary, err);
	em_layers_writer_destroy(stream.layers);
	em_summary_builder_destroy(stream.summary);
	em_summary_destroy(summary);
	return status;
}

/* The layers written, and what they hold said; an exit code. */
static int export(export_args *a)
{
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_error err;
	char styles[4096], basemap[4096];
	int rc = CLI_EXIT_OK;

	em_error_clear(&err);
	a->layers.styles_dir = cli_data_path(styles, sizeof(styles), "styles");
	a->layers.basemap = cli_data_path(basemap, sizeof(basemap), CLI_DEFAULT_BASEMAP);
	a->layers.title = a->data.reports == NULL ? CLI_DEFAULT_TITLE : NULL;
	if (cli_load_gazetteer(&gz, &a->gazetteers, &err) != EM_OK ||
	    export_layers(a, gz, &ds, &err) != EM_OK) {
		cli_error("export", "%s", err.message);
		rc = CLI_EXIT_ERROR;
	} else if (!a->data.quiet) {
		cli_print_counts(ds);
		printf("layers written to %s (%s)\n",
		       a->layers.connection ? a->layers.connection : a->directory,
		       a->layers.formats ? a->layers.formats : "GPKG,GeoJSON");
	}
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	return rc;
}

int cli_cmd_export(int argc, char **argv)
{
	export_args a;
	int rc = parse_args(&a, argc, argv);

	return rc == CLI_EXIT_OK ? export(&a) : cli_parse_exit(rc);
}
