/* `eventmap export`: the dataset as GIS layers (GeoPackage with QGIS
 * styles, GeoJSON, or any OGR driver), after placing every row. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/summary.h"
#include "eventmap/layers.h"

static const char usage[] =
	"usage: eventmap export [options]\n"
	"\n"
	"Write the reports, places, flows and not-mapped rows as GIS layers.\n"
	"\n"
	"  -r, --reports FILE       reports CSV (default: the default dataset)\n"
	"      --flows FILE         displacement CSV (default: the default dataset's,\n"
	"                           when --reports is not given)\n"
	"  -o, --output DIR         output directory (default: output)\n"
	"  -f, --format LIST        OGR drivers, comma-separated (default GPKG,GeoJSON;\n"
	"                           also --formats):\n"
	"                           GPKG -> DIR/eventmap.gpkg (with QGIS styles),\n"
	"                           GeoJSON -> DIR/geojson/<layer>.geojson (RFC 7946),\n"
	"                           FlatGeobuf, KML, CSV, ... any OGR driver by name\n"
	"      --connection STR     database connection for --format PostgreSQL\n"
	"                           (for example \"PG:dbname=news host=localhost\")\n"
	CLI_GAZETTEER_USAGE
	"      --strict             treat warnings (unplaced or approximate places) as\n"
	"                           errors: write nothing and exit 1\n"
	"  -q, --quiet              print nothing but errors\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit status: 0 written, 1 usage, input or I/O error.\n";

enum { OPT_FLOWS = 256, OPT_CONNECTION, OPT_STRICT };

typedef struct export_args {
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	em_layers_options layers;
	const char *directory;
} export_args;

static int parse_args(export_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"reports", required_argument, NULL, 'r'},
		{"flows", required_argument, NULL, OPT_FLOWS},
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'},
		{"formats", required_argument, NULL, 'f'},
		{"connection", required_argument, NULL, OPT_CONNECTION},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"quiet", no_argument, NULL, 'q'},
		CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, "r:o:f:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': a->data.reports = optarg; break;
		case OPT_FLOWS: a->data.flows = optarg; break;
		case 'o': a->directory = optarg; break;
		case 'f': a->layers.formats = optarg; break;
		case OPT_CONNECTION: a->layers.connection = optarg; break;
		case 'g': case CLI_OPT_OVERRIDE: case CLI_OPT_PLACES:
			if (!cli_gazetteer_option(&a->gazetteers, c, optarg, "export"))
				return CLI_EXIT_ERROR;
			break;
		case OPT_STRICT: a->data.strict = true; break;
		case 'q': a->data.quiet = true; break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return CLI_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cli_error("export", "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
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

int cmd_export(int argc, char **argv)
{
	export_args a;
	export_stream stream = {NULL, NULL};
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_summary *summary = NULL;
	em_error err;
	char styles[4096];
	em_status status;
	int rc;

	memset(&a, 0, sizeof(a));
	a.directory = "output";
	em_error_clear(&err);
	rc = parse_args(&a, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	a.layers.styles_dir = cli_data_path(styles, sizeof(styles), "styles");
	status = cli_load_gazetteer(&gz, &a.gazetteers, &err);
	if (status == EM_OK)
		status = em_summary_builder_create(&stream.summary, NULL, &err);
	if (status == EM_OK)
		status = em_layers_writer_create(&stream.layers, a.directory, &a.layers, &err);
	if (status == EM_OK)
		status = cli_stream_dataset(&ds, gz, &a.data, "export", take_report, &stream, &err);
	if (status == EM_OK)
		status = em_summary_builder_finish(&summary, stream.summary, &err);
	if (status == EM_OK)
		status = em_layers_writer_commit(stream.layers, ds, summary, &err);
	em_layers_writer_destroy(stream.layers);
	em_summary_builder_destroy(stream.summary);
	if (status != EM_OK) {
		cli_error("export", "%s", err.message);
		rc = CLI_EXIT_ERROR;
	} else if (!a.data.quiet) {
		cli_print_counts(ds);
		printf("layers written to %s (%s)\n",
		       a.layers.connection ? a.layers.connection : a.directory,
		       a.layers.formats ? a.layers.formats : "GPKG,GeoJSON");
	}
	em_summary_destroy(summary);
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	return rc;
}
