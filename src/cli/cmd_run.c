/* `eventmap run`: the main job, on the default dataset or the user's.  It
 * places every report once, writes the GIS layers, the geocoding record
 * and the posters from that one placement, and says where each output went
 * and what was mapped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/summary.h"
#include "eventmap/atomic.h"
#include "eventmap/layers.h"
#include "eventmap/render.h"
#include "eventmap/web.h"

static const cli_command command = {
	"run", CLI_RUN,
	"usage: eventmap run [options]\n"
	"\n"
	"Run the main job on the default dataset (Syria's coast, March 2025), or\n"
	"on the reports given, and write everything under DIR.\n"
	"\n",
	"\n"
	"Writes DIR/eventmap.gpkg (layers with QGIS styles), DIR/geojson/*.geojson,\n"
	"DIR/geocode.tsv (every place name, how it was resolved) and the poster\n"
	"DIR/poster.png and DIR/poster.pdf (A3 landscape, 300 dpi), and DIR/days/:\n"
	"one poster per day (PNG and PDF, same scale) and overview.png, .pdf,\n"
	"and DIR/web/: the interactive map (index.html; see eventmap web).\n"
	"Exit status: 0 outputs written, 1 usage, input or I/O error.\n",
	false};

typedef struct run_args {
	const char *dir;
	cli_dataset_options data;
	cli_gazetteer_options gazetteers;
	cli_poster_args poster; /* the title and focus country; the rest as by default */
} run_args;

/* The options of run alone. */
static int take(void *args, cli_option_id id, const char *arg)
{
	run_args *a = args;

	if (id != CLI_OPT_OUTPUT_DIR)
		return 0;
	a->dir = arg;
	return 1;
}

/* The defaults, then the options given. */
static int parse_args(run_args *a, int argc, char **argv)
{
	const cli_parse_targets targets = {&a->data, &a->gazetteers, &a->poster, take, a};
	int rc;

	memset(a, 0, sizeof(*a));
	a->dir = "output";
	cli_poster_args_init(&a->poster);
	rc = cli_parse(&command, argc, argv, &targets);
	return rc == CLI_EXIT_OK ? cli_poster_finish(&a->poster, &a->data, "run") : rc;
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

/* Whether the data can be drawn on the basemap: checked before anything
 * is written, so that a run either writes every output or none. */
static em_status check_posters(const cli_poster_inputs *in, em_error *err)
{
	em_bbox extent;
	long long scale_max;
	em_status status = em_render_fit(&extent, &scale_max, in->dataset, NULL, err);

	if (status == EM_ERR_NOTFOUND) {
		em_error_clear(err); /* nothing placed: the posters say so */
		return EM_OK;
	}
	if (status == EM_OK)
		status = em_render_check_places(in->basemap, in->dataset, NULL, err);
	if (status == EM_OK)
		status = em_render_check_coverage(in->basemap, &extent, err);
	return status;
}

/* The whole-period poster, PNG and PDF from one layout, then one per day
 * and the overview. */
static em_status write_posters(const char *dir, const em_poster_options *options,
			       const cli_poster_inputs *in, bool quiet, em_error *err)
{
	cli_batch_options batch;
	char png[4096], pdf[4096];
	const char *paths[2] = {png, pdf};
	em_status status;

	snprintf(png, sizeof(png), "%s/poster.png", dir);
	snprintf(pdf, sizeof(pdf), "%s/poster.pdf", dir);
	status = em_render_posters(paths, 2, in->dataset, in->basemap, &in->style, options, NULL,
				   err);
	if (status == EM_OK) {
		cli_batch_options_init(&batch);
		batch.directory = dir;
		batch.quiet = quiet;
		batch.poster = *options;
		if (cli_batch(&batch, in->dataset, in->basemap, &in->style, err) != CLI_EXIT_OK)
			status = em_error_set(err, EM_ERR_IO,
					      "some day posters could not be written");
	}
	return status;
}

/* Every output under dir, from the one placement of the dataset. */
static em_status write_outputs(const run_args *a, const cli_poster_inputs *in, em_error *err)
{
	em_layers_options layers;
	em_summary *summary = NULL;
	char styles[4096], basemap[4096];
	em_status status = em_atomic_make_directories(a->dir, err);

	if (status != EM_OK)
		return status;
	em_atomic_sweep(a->dir);
	memset(&layers, 0, sizeof(layers));
	layers.styles_dir = cli_data_path(styles, sizeof(styles), "styles");
	layers.basemap = a->poster.basemap ? a->poster.basemap
						  : cli_data_path(basemap, sizeof(basemap),
								  CLI_DEFAULT_BASEMAP);
	layers.title = a->poster.poster.title;
	status = em_summary_create(&summary, in->dataset, NULL, err);
	if (status == EM_OK)
		status = em_layers_write(a->dir, in->dataset, summary, &layers, err);
	if (status == EM_OK)
		status = write_geocode_record(a->dir, in->gazetteer, in->dataset, err);
	if (status == EM_OK)
		status = write_posters(a->dir, &a->poster.poster, in, a->data.quiet, err);
	if (status == EM_OK)
		status = cli_write_web(a->dir, &a->poster, in, NULL, err);
	em_summary_destroy(summary);
	return status;
}

static void print_outputs(const char *dir, const em_dataset *ds)
{
	cli_print_counts(ds);
	printf("%s/eventmap.gpkg          layers reports, places, flows, not_mapped "
	       "(QGIS styles included)\n", dir);
	printf("%s/geojson/*.geojson      the same layers, RFC 7946\n", dir);
	printf("%s/geocode.tsv            every place name and how it was resolved\n", dir);
	printf("%s/poster.png, poster.pdf the whole period, A3 landscape, 300 dpi\n", dir);
	printf("%s/days/                  one poster per day and overview.png, .pdf\n", dir);
	printf("%s/web/index.html         the interactive map, a folder that works offline\n", dir);
}

/* Every output, from the one placement of the dataset, once the posters
 * are known to fit the basemap; then where each went. */
static int write_all(const void *args, const cli_poster_inputs *in, em_error *err)
{
	const run_args *a = args;

	if (check_posters(in, err) != EM_OK || write_outputs(a, in, err) != EM_OK)
		return CLI_EXIT_ERROR;
	if (!a->data.quiet)
		print_outputs(a->dir, in->dataset);
	return CLI_EXIT_OK;
}

int cli_cmd_run(int argc, char **argv)
{
	run_args a;
	int rc = parse_args(&a, argc, argv);

	if (rc != CLI_EXIT_OK)
		return cli_parse_exit(rc);
	return cli_poster_command("run", &a.poster, &a.gazetteers, &a.data, write_all, &a);
}
