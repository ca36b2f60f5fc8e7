/* `eventmap run`: the main job on the default dataset.  It places every
 * report, writes the GIS layers and the geocoding record under the output
 * directory, and says where each output went and what was mapped. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "cli.h"
#include "eventmap/aggregate.h"
#include "eventmap/atomic.h"
#include "eventmap/layers.h"
#include "eventmap/render.h"

static const char usage[] =
	"usage: eventmap run [options]\n"
	"\n"
	"Run the main job on the default dataset (Syria's coast, March 2025) and\n"
	"write everything under DIR.\n"
	"\n"
	"  -o, --output DIR       output directory (default: output)\n"
	CLI_GAZETTEER_USAGE
	"  -q, --quiet            print nothing but errors\n"
	"  -h, --help             show this help\n"
	"\n"
	"Writes DIR/eventmap.gpkg (layers with QGIS styles), DIR/geojson/*.geojson,\n"
	"DIR/geocode.tsv (every place name, how it was resolved) and the poster\n"
	"DIR/poster.png and DIR/poster.pdf (A3 landscape, 300 dpi), and DIR/days/:\n"
	"one poster per day (PNG and PDF, same scale) and overview.png, .pdf.\n"
	"Exit status: 0 outputs written, 1 usage, input or I/O error.\n";


static int parse_args(int argc, char **argv, const char **dir, bool *quiet,
		      cli_gazetteer_options *gazetteers)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, "o:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': *dir = optarg; break;
		case 'g': case CLI_OPT_OVERRIDE: case CLI_OPT_PLACES:
			if (!cli_gazetteer_option(gazetteers, c, optarg, "run"))
				return CLI_EXIT_ERROR;
			break;
		case 'q': *quiet = true; break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return CLI_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cli_error("run", "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

/* geocode.tsv: every name of the dataset with the one answer the layers
 * and posters use. */
static em_status write_geocode_record(const char *dir, const em_gazetteer *gz,
				      const em_dataset *ds, em_error *err)
{
	size_t count = em_dataset_name_count(ds);
	const em_geocode_query **list = malloc((count ? count : 1) * sizeof(*list));
	char path[4096];
	em_status status;

	if (list == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < count; i++)
		list[i] = em_dataset_name(ds, i);
	snprintf(path, sizeof(path), "%s/geocode.tsv", dir);
	status = cli_write_geocode(path, false, gz, list, count, err);
	free(list);
	return status;
}

/* The whole-period poster, PNG and PDF from one layout, then one per day
 * and the overview. */
static em_status write_posters(const char *dir, const em_dataset *ds, bool quiet, em_error *err)
{
	em_basemap *basemap = NULL;
	cli_batch_options batch;
	long processors = sysconf(_SC_NPROCESSORS_ONLN);
	em_style style;
	em_poster_options options;
	char png[4096], pdf[4096], path[4096];
	const char *paths[2] = {png, pdf};
	em_status status;

	snprintf(png, sizeof(png), "%s/poster.png", dir);
	snprintf(pdf, sizeof(pdf), "%s/poster.pdf", dir);
	em_poster_options_init(&options);
	options.title = CLI_DEFAULT_TITLE;
	status = em_style_load(&style, "print", cli_data_path(path, sizeof(path), "styles"), err);
	if (status == EM_OK)
		status = em_basemap_load(&basemap, cli_data_path(path, sizeof(path), CLI_DEFAULT_BASEMAP),
					 err);
	if (status == EM_OK)
		status = em_render_posters(paths, 2, ds, basemap, &style, &options, NULL, err);
	if (status == EM_OK) {
		memset(&batch, 0, sizeof(batch));
		batch.directory = dir;
		batch.png = batch.pdf = true;
		batch.jobs = processors > 0 ? (int)processors : 1;
		batch.quiet = quiet;
		batch.poster = options;
		if (cli_batch(&batch, ds, basemap, &style, err) != CLI_EXIT_OK)
			status = em_error_set(err, EM_ERR_IO, "some day posters could not be written");
	}
	em_basemap_destroy(basemap);
	return status;
}

int cmd_run(int argc, char **argv)
{
	cli_gazetteer_options gazetteers;
	cli_dataset_options data;
	em_layers_options layers;
	const char *dir = "output";
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_summary *summary = NULL;
	em_error err;
	char styles[4096];
	int rc;

	memset(&gazetteers, 0, sizeof(gazetteers));
	memset(&data, 0, sizeof(data));
	memset(&layers, 0, sizeof(layers));
	em_error_clear(&err);
	rc = parse_args(argc, argv, &dir, &data.quiet, &gazetteers);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	rc = CLI_EXIT_ERROR;
	if (em_make_directories(dir, &err) != EM_OK) {
		cli_error("run", "%s", err.message);
		return rc;
	}
	em_atomic_sweep(dir);
	layers.styles_dir = cli_data_path(styles, sizeof(styles), "styles");
	if (cli_load_gazetteer(&gz, &gazetteers, &err) != EM_OK ||
	    cli_load_dataset(&ds, gz, &data, "run", &err) != EM_OK ||
	    em_summary_create(&summary, ds, NULL, &err) != EM_OK ||
	    em_layers_write(dir, ds, summary, &layers, &err) != EM_OK ||
	    write_geocode_record(dir, gz, ds, &err) != EM_OK ||
	    write_posters(dir, ds, data.quiet, &err) != EM_OK) {
		cli_error("run", "%s", err.message);
		goto done;
	}
	if (!data.quiet) {
		cli_print_counts(ds);
		printf("%s/eventmap.gpkg          layers reports, places, flows, not_mapped "
		       "(QGIS styles included)\n", dir);
		printf("%s/geojson/*.geojson      the same layers, RFC 7946\n", dir);
		printf("%s/geocode.tsv            every place name and how it was resolved\n", dir);
		printf("%s/poster.png, poster.pdf the whole period, A3 landscape, 300 dpi\n", dir);
		printf("%s/days/                  one poster per day and overview.png, .pdf\n", dir);
	}
	rc = CLI_EXIT_OK;
done:
	em_summary_destroy(summary);
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	return rc;
}
