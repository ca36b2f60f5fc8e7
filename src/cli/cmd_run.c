/* `eventmap run`: the main job, on the default dataset or the user's.  It
 * places every report once, writes the GIS layers, the geocoding record
 * and the posters from that one placement, and says where each output went
 * and what was mapped. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "cli.h"
#include "eventmap/summary.h"
#include "eventmap/atomic.h"
#include "eventmap/layers.h"
#include "eventmap/render.h"

static const char usage[] =
	"usage: eventmap run [options]\n"
	"\n"
	"Run the main job on the default dataset (Syria's coast, March 2025), or\n"
	"on the reports given, and write everything under DIR.\n"
	"\n"
	"  -o, --output DIR         output directory (default: output)\n"
	"  -r, --reports FILE       reports CSV (default: the default dataset, with its\n"
	"                           flows)\n"
	"      --flows FILE         displacement CSV\n"
	"      --title TEXT         the posters' title\n"
	CLI_GAZETTEER_USAGE
	"  -q, --quiet              print nothing but errors\n"
	"  -h, --help               show this help\n"
	"\n"
	"Writes DIR/eventmap.gpkg (layers with QGIS styles), DIR/geojson/*.geojson,\n"
	"DIR/geocode.tsv (every place name, how it was resolved) and the poster\n"
	"DIR/poster.png and DIR/poster.pdf (A3 landscape, 300 dpi), and DIR/days/:\n"
	"one poster per day (PNG and PDF, same scale) and overview.png, .pdf.\n"
	"Exit status: 0 outputs written, 1 usage, input or I/O error.\n";


enum { OPT_FLOWS = 256, OPT_TITLE };

typedef struct run_args {
	const char *dir;
	const char *title;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
} run_args;

static int parse_args(int argc, char **argv, run_args *a)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"reports", required_argument, NULL, 'r'},
		{"flows", required_argument, NULL, OPT_FLOWS},
		{"title", required_argument, NULL, OPT_TITLE},
		{"quiet", no_argument, NULL, 'q'},
		CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, "o:r:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': a->dir = optarg; break;
		case 'r': a->data.reports = optarg; break;
		case OPT_FLOWS: a->data.flows = optarg; break;
		case OPT_TITLE: a->title = optarg; break;
		case 'g': case CLI_OPT_OVERRIDE: case CLI_OPT_PLACES:
			if (!cli_gazetteer_option(&a->gazetteers, c, optarg, "run"))
				return CLI_EXIT_ERROR;
			break;
		case 'q': a->data.quiet = true; break;
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
/* The style and basemap, and whether the data can be drawn on it: checked
 * before anything is written, so that a run either writes every output or
 * none. */
static em_status prepare_posters(const em_dataset *ds, em_style *style, em_basemap **basemap,
				 em_error *err)
{
	char path[4096];
	em_bbox extent;
	long long scale_max;
	em_status status;

	status = em_style_load(style, "print", cli_data_path(path, sizeof(path), "styles"), err);
	if (status == EM_OK)
		status = em_basemap_create(basemap, cli_data_path(path, sizeof(path), CLI_DEFAULT_BASEMAP),
					 err);
	if (status == EM_OK)
		status = em_render_fit(&extent, &scale_max, ds, NULL, err);
	if (status == EM_ERR_NOTFOUND) {
		em_error_clear(err); /* nothing placed: the posters say so */
		return EM_OK;
	}
	if (status == EM_OK)
		status = em_render_check_places(*basemap, ds, NULL, err);
	if (status == EM_OK)
		status = em_render_check_coverage(*basemap, &extent, err);
	return status;
}

/* The whole-period poster, PNG and PDF from one layout, then one per day
 * and the overview. */
static em_status write_posters(const char *dir, const char *title, const em_dataset *ds,
			       const em_style *style, const em_basemap *basemap, bool quiet,
			       em_error *err)
{
	cli_batch_options batch;
	long processors = sysconf(_SC_NPROCESSORS_ONLN);
	em_poster_options options;
	char png[4096], pdf[4096];
	const char *paths[2] = {png, pdf};
	em_status status;

	snprintf(png, sizeof(png), "%s/poster.png", dir);
	snprintf(pdf, sizeof(pdf), "%s/poster.pdf", dir);
	em_poster_options_init(&options);
	if (title != NULL)
		options.title = title;
	status = em_render_posters(paths, 2, ds, basemap, style, &options, NULL, err);
	if (status == EM_OK) {
		memset(&batch, 0, sizeof(batch));
		batch.directory = dir;
		batch.png = batch.pdf = true;
		batch.jobs = processors > 0 ? (int)processors : 1;
		batch.quiet = quiet;
		batch.poster = options;
		if (cli_batch(&batch, ds, basemap, style, err) != CLI_EXIT_OK)
			status = em_error_set(err, EM_ERR_IO, "some day posters could not be written");
	}
	return status;
}

int cmd_run(int argc, char **argv)
{
	run_args a;
	em_layers_options layers;
	em_gazetteer *gz = NULL;
	em_dataset *ds = NULL;
	em_summary *summary = NULL;
	em_basemap *basemap = NULL;
	em_style style;
	em_error err;
	char styles[4096];
	const char *dir;
	int rc;

	memset(&a, 0, sizeof(a));
	memset(&layers, 0, sizeof(layers));
	a.dir = "output";
	em_error_clear(&err);
	rc = parse_args(argc, argv, &a);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	dir = a.dir;
	/* The default dataset has its own title; the user's, the generic one. */
	if (a.title == NULL && a.data.reports == NULL)
		a.title = CLI_DEFAULT_TITLE;
	rc = CLI_EXIT_ERROR;
	layers.styles_dir = cli_data_path(styles, sizeof(styles), "styles");
	if (cli_load_gazetteer(&gz, &a.gazetteers, &err) != EM_OK ||
	    cli_load_dataset(&ds, gz, &a.data, "run", &err) != EM_OK ||
	    prepare_posters(ds, &style, &basemap, &err) != EM_OK) {
		cli_error("run", "%s", err.message);
		goto done;
	}
	if (em_atomic_make_directories(dir, &err) != EM_OK) {
		cli_error("run", "%s", err.message);
		goto done;
	}
	em_atomic_sweep(dir);
	if (em_summary_create(&summary, ds, NULL, &err) != EM_OK ||
	    em_layers_write(dir, ds, summary, &layers, &err) != EM_OK ||
	    write_geocode_record(dir, gz, ds, &err) != EM_OK ||
	    write_posters(dir, a.title, ds, &style, basemap, a.data.quiet, &err) != EM_OK) {
		cli_error("run", "%s", err.message);
		goto done;
	}
	if (!a.data.quiet) {
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
	em_basemap_destroy(basemap);
	em_summary_destroy(summary);
	em_dataset_destroy(ds);
	em_gazetteer_destroy(gz);
	return rc;
}
