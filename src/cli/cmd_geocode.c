/* `eventmap geocode`: resolve place names given as arguments or one per
 * line in a file, and print how each was resolved as TSV or JSON. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/text.h"

static const char usage[] =
	"usage: eventmap geocode [options] NAME...\n"
	"       eventmap geocode [options] -i FILE\n"
	"\n"
	"Resolve reported place names against the gazetteer.\n"
	"\n"
	"  -i, --input FILE         read names from FILE, one per line ('-' for stdin)\n"
	"  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
	"  -f, --format tsv|json    output format (default tsv; also --formats)\n"
	"  -c, --country CC[,CC]    only places in these countries (ISO codes: SY,LB)\n"
	"  -a, --admin1 NAME|CODE   prefer/limit to this governorate or province\n"
	"      --near LAT,LON[,KM]  the names are near this point: places within KM\n"
	"                           (default 150) are close, places beyond it far\n"
	"      --region W,S,E,N     where the names are when nothing else says (default\n"
	"                           the Levant: 32,29,43,38.5); 'none' for anywhere\n"
	CLI_GAZETTEER_USAGE
	"      --no-default-gazetteer  load only the files given\n"
	"      --min-score X        weakest fuzzy score still placed (default 0.75)\n"
	"  -h, --help               show this help\n"
	"\n"
	"The names of one call are one context: a place far from the places the\n"
	"other names found (another country more than 150 km away, or more than\n"
	"500 km) is placed only with --country or --admin1.\n"
	"\n"
	"Exit status: 0 every name resolved, 3 some ambiguous or unresolved,\n"
	"1 usage, input or I/O error.\n";

enum { OPT_REGION = 256, OPT_NEAR, OPT_NO_DEFAULT, OPT_MIN_SCORE };

typedef struct geocode_args {
	const char *input;
	const char *output;
	const char *countries; /* -c as given: every name's hint */
	const char *admin1;    /* -a likewise */
	bool json;
	em_geocode_options options;
	cli_gazetteer_options gazetteers;
} geocode_args;

static bool parse_region(em_geocode_options *options, const char *text)
{
	double w, s, e, n;
	char extra;

	if (strcmp(text, "none") == 0) {
		options->has_region = false;
		return true;
	}
	if (sscanf(text, "%lf,%lf,%lf,%lf%c", &w, &s, &e, &n, &extra) != 4 || w >= e || s >= n ||
	    w < -180 || e > 180 || s < -90 || n > 90)
		return false;
	options->has_region = true;
	options->region_west = w;
	options->region_south = s;
	options->region_east = e;
	options->region_north = n;
	return true;
}

static int parse_args(geocode_args *args, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"input", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'},
		{"formats", required_argument, NULL, 'f'},
		{"country", required_argument, NULL, 'c'},
		{"admin1", required_argument, NULL, 'a'},
		{"region", required_argument, NULL, OPT_REGION},
		{"near", required_argument, NULL, OPT_NEAR},
		{"no-default-gazetteer", no_argument, NULL, OPT_NO_DEFAULT},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		CLI_GAZETTEER_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	em_error err;
	int c;
	char *end;

	em_error_clear(&err);
	while ((c = getopt_long(argc, argv, "i:o:f:c:a:g:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': args->input = optarg; break;
		case 'o': args->output = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") != 0 && strcmp(optarg, "tsv") != 0) {
				cli_error("geocode", "--format '%s': use tsv or json", optarg);
				return CLI_EXIT_ERROR;
			}
			args->json = strcmp(optarg, "json") == 0;
			break;
		case 'c':
			/* Checked here, applied per name by em_geocode_list. */
			if (em_geocode_options_set_countries(&args->options, optarg, &err) != EM_OK) {
				cli_error("geocode", "--country: %s", err.message);
				return CLI_EXIT_ERROR;
			}
			args->options.country_count = 0;
			args->countries = optarg;
			break;
		case 'a': args->admin1 = optarg; break;
		case OPT_NEAR:
			if (em_geocode_options_set_near(&args->options, optarg, &err) != EM_OK) {
				cli_error("geocode", "--near: %s", err.message);
				return CLI_EXIT_ERROR;
			}
			break;
		case OPT_REGION:
			if (!parse_region(&args->options, optarg)) {
				cli_error("geocode", "--region '%s': give WEST,SOUTH,EAST,NORTH in "
					  "degrees, or none", optarg);
				return CLI_EXIT_ERROR;
			}
			break;
		case 'g': case CLI_OPT_OVERRIDE: case CLI_OPT_PLACES:
			if (!cli_gazetteer_option(&args->gazetteers, c, optarg, "geocode"))
				return CLI_EXIT_ERROR;
			break;
		case OPT_NO_DEFAULT: args->gazetteers.no_default = true; break;
		case OPT_MIN_SCORE:
			args->options.min_score = strtod(optarg, &end);
			if (*end != '\0' || end == optarg || args->options.min_score < 0 ||
			    args->options.min_score > 1) {
				cli_error("geocode", "--min-score '%s': give a number from 0 to 1", optarg);
				return CLI_EXIT_ERROR;
			}
			break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return CLI_EXIT_ERROR;
		}
	}
	if ((args->input == NULL) == (optind >= argc)) {
		cli_error("geocode", args->input ? "give names or -i FILE, not both"
						 : "no names: give NAME... or -i FILE");
		fputs(usage, stderr);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

int cmd_geocode(int argc, char **argv)
{
	geocode_args args;
	cli_geocoded *items = NULL;
	const em_geocode_query **list = NULL;
	size_t count = 0, cap = 0, resolved, ambiguous, unresolved;
	em_gazetteer *gz = NULL;
	em_error err;
	int rc;

	memset(&args, 0, sizeof(args));
	em_geocode_options_init(&args.options);
	em_error_clear(&err);
	rc = parse_args(&args, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (args.input != NULL) {
		if (!cli_read_names("geocode", args.input, &items, &count)) {
			rc = CLI_EXIT_ERROR;
			goto done;
		}
	} else {
		for (int i = optind; i < argc; i++) {
			size_t len = strlen(argv[i]);
			if (!cli_check_name("geocode", argv[i], len, "argument",
					    (unsigned long)(i - optind + 1)) ||
			    !cli_push_name(&items, &count, &cap, argv[i], len)) {
				rc = CLI_EXIT_ERROR;
				goto done;
			}
			if (cli_blank(argv[i], len)) {
				cli_error("geocode", "argument %d: name is empty", i - optind + 1);
				rc = CLI_EXIT_ERROR;
				goto done;
			}
		}
	}
	list = malloc((count ? count : 1) * sizeof(*list));
	if (list == NULL) {
		cli_error("geocode", "out of memory");
		rc = CLI_EXIT_ERROR;
		goto done;
	}
	for (size_t i = 0; i < count; i++) {
		items[i].country = args.countries;
		items[i].admin1 = args.admin1;
		list[i] = &items[i];
	}
	if (cli_load_gazetteer(&gz, &args.gazetteers, &err) != EM_OK ||
	    em_geocode_list(items, count, gz, &args.options, "this list", &err) != EM_OK ||
	    cli_write_geocode(args.output, args.json, gz, list, count, &err) != EM_OK) {
		cli_error("geocode", "%s", err.message);
		rc = CLI_EXIT_ERROR;
		goto done;
	}
	cli_geocode_counts(items, count, &resolved, &ambiguous, &unresolved);
	rc = (ambiguous + unresolved) > 0 ? CLI_EXIT_UNRESOLVED : CLI_EXIT_OK;
done:
	free(list);
	em_gazetteer_destroy(gz);
	cli_free_names(items, count);
	return rc;
}
