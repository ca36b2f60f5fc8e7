/* `eventmap run`: the main job on the default dataset.  It resolves every
 * place name the dataset uses and writes what it did under the output
 * directory, then says where each output went. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define DEFAULT_NAMES "geodata/syria-coast-2025-03/places.txt"

static const char usage[] =
	"usage: eventmap run [options]\n"
	"\n"
	"Run the main job on the default dataset (Syria's coast, March 2025) and\n"
	"write its outputs under DIR.\n"
	"\n"
	"  -o, --output DIR       output directory (default: output)\n"
	"  -g, --gazetteer FILE   also load this GeoNames-format file (repeatable)\n"
	"      --override FILE    pin names with a GeoNames-format file (repeatable)\n"
	"  -q, --quiet            print nothing but errors\n"
	"  -h, --help             show this help\n"
	"\n"
	"Writes DIR/geocode.tsv: every place name, how it was resolved, score and\n"
	"precision.  Exit status: 0 outputs written, 1 usage, input or I/O error.\n";

enum { OPT_OVERRIDE = 256 };

static int make_dir(const char *dir)
{
	char path[4096];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return -1;
	memcpy(path, dir, len + 1);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return (mkdir(path, 0755) != 0 && errno != EEXIST) ? -1 : 0;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"gazetteer", required_argument, NULL, 'g'},
		{"override", required_argument, NULL, OPT_OVERRIDE},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	cli_gazetteer_options gazetteers;
	em_geocode_options options;
	const char *dir = "output";
	bool quiet = false;
	cli_geocoded *items = NULL;
	size_t count = 0, resolved, ambiguous, unresolved;
	em_gazetteer *gz = NULL;
	em_error err;
	char names[4096], tsv[4096];
	int c, rc = CLI_EXIT_ERROR;

	memset(&gazetteers, 0, sizeof(gazetteers));
	em_error_clear(&err);
	em_geocode_options_init(&options);
	while ((c = getopt_long(argc, argv, "o:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'g':
			if (!cli_add_file(gazetteers.files, &gazetteers.file_count, optarg, "run",
					  "--gazetteer"))
				return CLI_EXIT_ERROR;
			break;
		case OPT_OVERRIDE:
			if (!cli_add_file(gazetteers.overrides, &gazetteers.override_count, optarg,
					  "run", "--override"))
				return CLI_EXIT_ERROR;
			break;
		case 'q': quiet = true; break;
		case 'h': fputs(usage, stdout); return CLI_EXIT_OK;
		default: fputs(usage, stderr); return CLI_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		cli_error("run", "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_ERROR;
	}
	/* The dataset is about Syria and its neighbour Lebanon. */
	if (em_geocode_options_set_countries(&options, "SY,LB", &err) != EM_OK)
		goto fail;
	if (!cli_read_names("run", cli_data_path(names, sizeof(names), DEFAULT_NAMES), &items,
			    &count))
		goto done;
	if (make_dir(dir) != 0) {
		cli_error("run", "%s: cannot create the output directory: %s", dir, strerror(errno));
		goto done;
	}
	snprintf(tsv, sizeof(tsv), "%s/geocode.tsv", dir);
	if (cli_load_gazetteer(&gz, &gazetteers, &err) != EM_OK ||
	    cli_geocode_all(gz, items, count, &options, &err) != EM_OK ||
	    cli_write_geocode(tsv, false, gz, items, count, &err) != EM_OK)
		goto fail;
	cli_geocode_counts(items, count, &resolved, &ambiguous, &unresolved);
	if (!quiet) {
		printf("%s: %zu place names: %zu resolved, %zu ambiguous, %zu unresolved\n", tsv,
		       count, resolved, ambiguous, unresolved);
		for (size_t i = 0; i < count; i++)
			if (items[i].result.status != EM_GEOCODE_RESOLVED)
				printf("  %s: %s\n", items[i].query,
				       em_geocode_status_name(items[i].result.status));
	}
	rc = CLI_EXIT_OK;
	goto done;
fail:
	cli_error("run", "%s", err.message);
done:
	em_gazetteer_destroy(gz);
	cli_free_names(items, count);
	return rc;
}
