/* `eventmap geocode`: resolve place names given as arguments or one per
 * line in a file, and print how each was resolved as TSV or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eventmap/text.h"

static const cli_command command = {
	"geocode", CLI_GEOCODE,
	"usage: eventmap geocode [options] NAME...\n"
	"       eventmap geocode [options] -i FILE\n"
	"\n"
	"Resolve reported place names against the gazetteer.\n"
	"\n",
	"\n"
	"The names of one call are one context: a place far from the places the\n"
	"other names found (another country more than 150 km away, or more than\n"
	"500 km) is placed only with --country or --admin1.\n"
	"\n"
	"Exit status: 0 every name resolved, 3 some ambiguous or unresolved,\n"
	"1 usage, input or I/O error.\n",
	true};

typedef struct geocode_args {
	const char *input;
	const char *output;
	const char *countries; /* -c as given: every name's hint */
	const char *admin1;    /* -a likewise */
	char **names;          /* the names given as arguments */
	int name_count;
	bool json;
	em_geocode_options options;
	cli_gazetteer_options gazetteers;
} geocode_args;

/* --region W,S,E,N in degrees, or none. */
static bool parse_region(em_geocode_options *options, const char *text)
{
	double w, s, e, n;
	char extra;

	if (strcmp(text, "none") == 0) {
		options->has_region = false;
		return true;
	}
	if (sscanf(text, "%lf,%lf,%lf,%lf%c", &w, &s, &e, &n, &extra) != 4 || w >= e || s >= n ||
	    w < -180 || e > 180 || s < -90 || n > 90) {
		cli_error("geocode", "--region '%s': give WEST,SOUTH,EAST,NORTH in degrees, "
			  "or none", text);
		return false;
	}
	options->has_region = true;
	options->region_west = w;
	options->region_south = s;
	options->region_east = e;
	options->region_north = n;
	return true;
}

/* --country and --near, which the geocoder checks itself. */
static bool set_checked(em_status (*set)(em_geocode_options *, const char *, em_error *),
			em_geocode_options *options, const char *value, const char *option)
{
	em_error err;

	em_error_clear(&err);
	if (set(options, value, &err) == EM_OK)
		return true;
	cli_error("geocode", "%s: %s", option, err.message);
	return false;
}

/* -c: checked here, applied per name by em_geocode_list. */
static bool parse_countries(geocode_args *a, const char *list)
{
	if (!set_checked(em_geocode_options_set_countries, &a->options, list, "--country"))
		return false;
	a->options.country_count = 0;
	a->countries = list;
	return true;
}

static bool parse_format(geocode_args *a, const char *format)
{
	if (strcmp(format, "json") != 0 && strcmp(format, "tsv") != 0) {
		cli_error("geocode", "--format '%s': use tsv or json", format);
		return false;
	}
	a->json = strcmp(format, "json") == 0;
	return true;
}

/* The options of geocode alone. */
static int take(void *args, cli_option_id id, const char *arg)
{
	geocode_args *a = args;
	bool ok = true;

	switch (id) {
	case CLI_OPT_INPUT: a->input = arg; break;
	case CLI_OPT_OUTPUT_FILE: a->output = arg; break;
	case CLI_OPT_GEOCODE_FORMAT: ok = parse_format(a, arg); break;
	case CLI_OPT_COUNTRY: ok = parse_countries(a, arg); break;
	case CLI_OPT_ADMIN1: a->admin1 = arg; break;
	case CLI_OPT_NEAR:
		ok = set_checked(em_geocode_options_set_near, &a->options, arg, "--near");
		break;
	case CLI_OPT_REGION: ok = parse_region(&a->options, arg); break;
	case CLI_OPT_MIN_SCORE:
		ok = cli_parse_number(&a->options.min_score, arg, 0, 1, "geocode", "--min-score");
		break;
	default: return 0;
	}
	return ok ? 1 : -1;
}

/* The defaults, then the options given, and the names or -i FILE. */
static int parse_args(geocode_args *a, int argc, char **argv)
{
	const cli_parse_targets targets = {NULL, &a->gazetteers, NULL, take, a};
	int rc;

	memset(a, 0, sizeof(*a));
	em_geocode_options_init(&a->options);
	rc = cli_parse(&command, argc, argv, &targets);
	if (rc != CLI_EXIT_OK)
		return rc;
	a->names = argv + optind;
	a->name_count = argc - optind;
	if ((a->input == NULL) == (a->name_count == 0)) {
		cli_error("geocode", a->input ? "give names or -i FILE, not both"
					      : "no names: give NAME... or -i FILE");
		cli_print_help(stderr, &command);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

/* The names given as arguments, each checked as a line of a file would be. */
static bool argument_names(char *const *names, int count, cli_geocoded **items,
			   size_t *item_count)
{
	size_t cap = 0;

	for (int i = 0; i < count; i++) {
		size_t len = strlen(names[i]);
		if (!cli_check_name("geocode", names[i], len, "argument", (unsigned long)i + 1) ||
		    !cli_push_name(items, item_count, &cap, names[i], len))
			return false;
		if (cli_blank(names[i], len)) {
			cli_error("geocode", "argument %d: name is empty", i + 1);
			return false;
		}
	}
	return true;
}

/* Geocodes the names as one list, with the hints given, and writes them.
 * The results borrow from the gazetteer: afterwards only their statuses
 * are read. */
static em_status geocode_names(const geocode_args *a, cli_geocoded *items, size_t count,
			       em_error *err)
{
	const em_geocode_query **list = malloc((count ? count : 1) * sizeof(*list));
	em_gazetteer *gz = NULL;
	em_status status;

	if (list == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < count; i++) {
		items[i].country = a->countries;
		items[i].admin1 = a->admin1;
		list[i] = &items[i];
	}
	status = cli_load_gazetteer(&gz, &a->gazetteers, err);
	if (status == EM_OK)
		status = em_geocode_list(items, count, gz, &a->options, "this list", err);
	if (status == EM_OK)
		status = cli_write_geocode(a->output, a->json, gz, list, count, err);
	em_gazetteer_destroy(gz);
	free(list);
	return status;
}

/* The names resolved and written; an exit code that says whether every
 * name was placed. */
static int geocode(const geocode_args *a)
{
	cli_geocoded *items = NULL;
	size_t count = 0, resolved, ambiguous, unresolved;
	em_error err;
	int rc = CLI_EXIT_ERROR;

	em_error_clear(&err);
	if (a->input != NULL ? !cli_read_names("geocode", a->input, &items, &count)
			     : !argument_names(a->names, a->name_count, &items, &count))
		goto done;
	if (geocode_names(a, items, count, &err) != EM_OK) {
		cli_error("geocode", "%s", err.message);
		goto done;
	}
	cli_geocode_counts(items, count, &resolved, &ambiguous, &unresolved);
	rc = (ambiguous + unresolved) > 0 ? CLI_EXIT_UNRESOLVED : CLI_EXIT_OK;
done:
	cli_free_names(items, count);
	return rc;
}

int cli_cmd_geocode(int argc, char **argv)
{
	geocode_args a;
	int rc = parse_args(&a, argc, argv);

	return rc == CLI_EXIT_OK ? geocode(&a) : cli_parse_exit(rc);
}
