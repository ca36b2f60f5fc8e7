/* The one table of options: for each option of each command its names,
 * argument, help and the commands that take it.  A command's getopt_long
 * arrays and the option lines of its --help are built from it, so an
 * option is declared once and reads the same in every command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct option_spec {
	const char *name;  /* the long name */
	char letter;       /* the short name, or 0 */
	const char *arg;   /* the argument's name in the help; NULL: none */
	const char *alias; /* another long name for it, or NULL */
	unsigned commands; /* CLI_RUN | CLI_BATCH | ... */
	const char *help;  /* lines split at '\n'; NULL: told on the next option's line */
} option_spec;

#define EVERY_COMMAND \
	(CLI_RUN | CLI_BATCH | CLI_EXPORT | CLI_GEOCODE | CLI_RENDER | CLI_EXTRACT | CLI_WEB)
#define READS_DATASET (CLI_RUN | CLI_BATCH | CLI_EXPORT | CLI_RENDER | CLI_WEB)
#define DRAWS_POSTERS (CLI_BATCH | CLI_RENDER)
#define DRAWS_MAPS (DRAWS_POSTERS | CLI_WEB)
#define WRITES_DIR (CLI_RUN | CLI_BATCH | CLI_EXPORT | CLI_WEB)

static const option_spec options[CLI_OPT_COUNT] = {
	[CLI_OPT_INPUT] = {"input", 'i', "FILE", NULL, CLI_GEOCODE,
		"read names from FILE, one per line ('-' for stdin)"},
	[CLI_OPT_OUTPUT_DIR] = {"output", 'o', "DIR", NULL, WRITES_DIR,
		"output directory (default: output)"},
	[CLI_OPT_OUTPUT_FILE] = {"output", 'o', "FILE", NULL, CLI_GEOCODE,
		"write to FILE (atomically) instead of stdout"},
	[CLI_OPT_OUTPUT_POSTER] = {"output", 'o', "FILE", NULL, CLI_RENDER,
		"the poster; the format follows the extension;\n"
		"repeat for several formats of the same poster"},
	[CLI_OPT_EXTRACT_OUTPUT] = {"output", 'o', "DIR", NULL, CLI_EXTRACT,
		"where the drafts go (default: output/extract):\n"
		"reports.csv, flows.csv, extract.json"},
	[CLI_OPT_PUBLISHED] = {"date", 0, "YYYY-MM-DD", NULL, CLI_EXTRACT,
		"when the articles were published: weekdays and\n"
		"\"the next day\" are read against it (without it they\n"
		"stay undated)"},
	[CLI_OPT_OUTLET] = {"outlet", 0, "NAME", NULL, CLI_EXTRACT,
		"who published them: reported_by is \"NAME (FILE)\""},
	[CLI_OPT_HTML] = {"html", 0, NULL, NULL, CLI_EXTRACT,
		"read the input as HTML (default: HTML when it starts\n"
		"with '<' or the file name ends in .html or .htm)"},
	[CLI_OPT_REPORTS] = {"reports", 'r', "FILE", NULL, READS_DATASET,
		"reports CSV (default: the default dataset), or a\n"
		"PostgreSQL table or query: 'PG:CONNECTION tables=NAME'\n"
		"or 'PG:CONNECTION sql=QUERY'"},
	[CLI_OPT_FLOWS] = {"flows", 0, "FILE", NULL, READS_DATASET,
		"displacement CSV (or PG:..., as for --reports)"},
	[CLI_OPT_DAY] = {"day", 0, "YYYY-MM-DD", NULL, CLI_RENDER,
		"only what was reported for this day"},
	[CLI_OPT_PER_DAY] = {"per-day", 0, NULL, NULL, CLI_BATCH,
		"one poster per day (the default)"},
	[CLI_OPT_WEEKLY] = {"weekly", 0, NULL, NULL, CLI_BATCH,
		"one poster per week instead"},
	[CLI_OPT_CUMULATIVE] = {"cumulative", 0, NULL, NULL, CLI_BATCH,
		"also \"through day N\" posters: days/through-YYYY-MM-DD"},
	[CLI_OPT_GEOCODE_FORMAT] = {"format", 'f', "tsv|json", "formats", CLI_GEOCODE,
		"output format (default tsv; also --formats)"},
	[CLI_OPT_LAYER_FORMATS] = {"format", 'f', "LIST", "formats", CLI_EXPORT,
		"OGR drivers, comma-separated (default GPKG,GeoJSON;\n"
		"also --formats):\n"
		"GPKG -> DIR/eventmap.gpkg (with QGIS styles),\n"
		"GeoJSON -> DIR/geojson/<layer>.geojson (RFC 7946),\n"
		"FlatGeobuf, KML, CSV, ... any OGR driver by name"},
	[CLI_OPT_POSTER_FORMATS] = {"format", 'f', "LIST", "formats", CLI_BATCH,
		"png, pdf, svg, comma-separated (default png,pdf);\n"
		"also --formats"},
	[CLI_OPT_CONNECTION] = {"connection", 0, "STR", NULL, CLI_EXPORT,
		"database connection for --format PostgreSQL\n"
		"(for example \"PG:dbname=news host=localhost\")"},
	[CLI_OPT_COUNTRY] = {"country", 'c', "CC[,CC]", NULL, CLI_GEOCODE,
		"only places in these countries (ISO codes: SY,LB)"},
	[CLI_OPT_ADMIN1] = {"admin1", 'a', "NAME|CODE", NULL, CLI_GEOCODE,
		"prefer/limit to this governorate or province"},
	[CLI_OPT_NEAR] = {"near", 0, "LAT,LON[,KM]", NULL, CLI_GEOCODE,
		"the names are near this point: places within KM\n"
		"(default 150) are close, places beyond it far"},
	[CLI_OPT_REGION] = {"region", 0, "W,S,E,N", NULL, CLI_GEOCODE,
		"where the names are when nothing else says (default\n"
		"the Levant: 32,29,43,38.5); 'none' for anywhere"},
	[CLI_OPT_STYLE] = {"style", 's', "NAME|FILE", NULL, DRAWS_MAPS,
		"print (default), dark, mono, or a style file"},
	[CLI_OPT_PAGE] = {"page", 'p', "PRESET", NULL, DRAWS_POSTERS,
		"A4, A3 (default), A2, social-square (1080x1080 px),\n"
		"social-wide (1600x900 px) or WxHmm"},
	[CLI_OPT_LANDSCAPE] = {"landscape", 0, NULL, NULL, DRAWS_POSTERS, NULL},
	[CLI_OPT_PORTRAIT] = {"portrait", 0, NULL, NULL, DRAWS_POSTERS,
		"page orientation (default landscape)"},
	[CLI_OPT_DPI] = {"dpi", 0, "N", NULL, DRAWS_POSTERS,
		"PNG resolution (default 300; 72 to 1200)"},
	[CLI_OPT_TITLE] = {"title", 0, "TEXT", NULL, CLI_RUN | DRAWS_MAPS,
		"the title (default: the dataset's, or a generic one)"},
	[CLI_OPT_SUBTITLE] = {"subtitle", 0, "TEXT", NULL, DRAWS_MAPS,
		"the line under it (default: the days and what is shown)"},
	[CLI_OPT_CREDIT] = {"credit", 0, "TEXT", NULL, DRAWS_MAPS,
		"a line of your own at the head of the credits"},
	[CLI_OPT_LABELS] = {"labels", 0, "en|ar|both", NULL, DRAWS_MAPS,
		"place-name language (default en)"},
	[CLI_OPT_CRS] = {"crs", 0, "PROJ", NULL, DRAWS_POSTERS,
		"map projection (default: transverse Mercator centred\n"
		"on the data), e.g. EPSG:32637"},
	[CLI_OPT_BASEMAP] = {"basemap", 0, "FILE", NULL, DRAWS_MAPS,
		"an OGR source with the basemap's layer names"},
	[CLI_OPT_FOCUS_COUNTRY] = {"focus-country", 0, "CODE", NULL, CLI_RUN | DRAWS_MAPS,
		"the country drawn lighter on the map and the\n"
		"locator: an ISO code (SY, LB...), or none (default:\n"
		"the country most mapped places lie in)"},
	[CLI_OPT_FROM] = {"from", 0, "DATE", NULL, DRAWS_MAPS, NULL},
	[CLI_OPT_TO] = {"to", 0, "DATE", NULL, DRAWS_MAPS,
		"only what was reported for these days (a report\n"
		"spanning them counts, marked with its days)"},
	[CLI_OPT_EVENT_TYPE] = {"event-type", 0, "LIST", NULL, DRAWS_MAPS,
		"only these ACLED event types, comma-separated\n"
		"(Battles, Protests, 'Strategic developments'...)"},
	[CLI_OPT_CATEGORY] = {"category", 0, "LIST", NULL, DRAWS_MAPS,
		"only these categories (civilians, security_forces,\n"
		"pro_assad_fighters, unknown); with either option,\n"
		"displacement arrows are left out"},
	[CLI_OPT_SHARD] = {"shard", 0, "I/N", NULL, CLI_BATCH,
		"draw only share I of N of the posters (the series\n"
		"and its frame are the same in every share), no\n"
		"overview: the shares together equal one run"},
	[CLI_OPT_OVERVIEW_ONLY] = {"overview-only", 0, NULL, NULL, CLI_BATCH,
		"draw only the overview, after the shares, and check\n"
		"that every poster of the series is there"},
	[CLI_OPT_SLURM] = {"slurm", 0, "N", NULL, CLI_BATCH,
		"write DIR/slurm/: a Slurm job array of N shares of\n"
		"this command, the overview after them, submit.sh"},
	[CLI_OPT_BY] = {"by", 0, "GROUP", NULL, CLI_BATCH,
		"admin1 or country: a series per first-order\n"
		"division or country of the places, each on its own\n"
		"extent, in DIR/days/GROUP/ (SY-Latakia, LB...)"},
	[CLI_OPT_JOBS] = {"jobs", 'j', "N", NULL, CLI_BATCH,
		"posters drawn at once (default: the processors)"},
	[CLI_OPT_GAZETTEER] = {"gazetteer", 'g', "FILE", NULL, EVERY_COMMAND,
		"also load this GeoNames-format file (repeatable)"},
	[CLI_OPT_OVERRIDE] = {"override", 0, "FILE", NULL, EVERY_COMMAND,
		"pin names with a GeoNames-format file (repeatable)"},
	[CLI_OPT_PLACES] = {"places", 0, "FILE", NULL, EVERY_COMMAND,
		"add places from a CSV (name, lat, lon, country, ...);\n"
		"its rows win like overrides (repeatable)"},
	[CLI_OPT_NO_DEFAULT] = {"no-default-gazetteer", 0, NULL, NULL, CLI_GEOCODE,
		"load only the files given"},
	[CLI_OPT_MIN_SCORE] = {"min-score", 0, "X", NULL, CLI_GEOCODE,
		"weakest fuzzy score still placed (default 0.75)"},
	[CLI_OPT_STRICT] = {"strict", 0, NULL, NULL, CLI_EXPORT,
		"treat warnings (unplaced or approximate places) as\n"
		"errors: write nothing and exit 1"},
	[CLI_OPT_QUIET] = {"quiet", 'q', NULL, NULL, READS_DATASET | CLI_EXTRACT,
		"print nothing but errors"},
	[CLI_OPT_HELP] = {"help", 'h', NULL, NULL, EVERY_COMMAND,
		"show this help"},
};

/* ---- help ----------------------------------------------------------------- */

/* Where the help of an option starts, after "  -o, --output DIR". */
#define HELP_COLUMN 27

static bool takes(const cli_command *command, int id)
{
	return (options[id].commands & command->bit) != 0;
}

/* Appends an option's names to label: "-o, --output DIR", "    --flows FILE",
 * or after another option's names ", --portrait". */
static void append_names(char *label, size_t size, const option_spec *o)
{
	size_t len = strlen(label);
	char letter[8] = "    ";

	if (o->letter != 0)
		snprintf(letter, sizeof(letter), "-%c, ", o->letter);
	snprintf(label + len, size - len, "%s%s--%s%s%s", len > 0 ? ", " : "",
		 len > 0 ? "" : letter, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
}

/* One option's lines: its names (with those of the options told on its
 * line), then its help from HELP_COLUMN, each further line indented so. */
static void print_option(FILE *out, const char *label, const char *help)
{
	int width = fprintf(out, "  %s", label);
	const char *end;

	fprintf(out, "%*s", HELP_COLUMN - width >= 2 ? HELP_COLUMN - width : 2, "");
	while ((end = strchr(help, '\n')) != NULL) {
		fprintf(out, "%.*s\n%*s", (int)(end - help), help, HELP_COLUMN, "");
		help = end + 1;
	}
	fprintf(out, "%s\n", help);
}

void cli_print_help(FILE *out, const cli_command *command)
{
	char label[128] = "";

	fputs(command->head, out);
	for (int id = 0; id < CLI_OPT_COUNT; id++) {
		if (!takes(command, id))
			continue;
		append_names(label, sizeof(label), &options[id]);
		if (options[id].help == NULL)
			continue;
		print_option(out, label, options[id].help);
		label[0] = '\0';
	}
	fputs(command->tail, out);
}

/* ---- parsing ---------------------------------------------------------------- */

/* getopt_long's value for a long option: above every short one. */
#define LONG_VALUE 256

typedef struct getopt_tables {
	struct option longs[2 * CLI_OPT_COUNT + 1];
	char shorts[2 * CLI_OPT_COUNT + 1];
} getopt_tables;

static void add_long(getopt_tables *g, size_t *n, const char *name, const option_spec *o,
		     int id)
{
	g->longs[*n].name = name;
	g->longs[*n].has_arg = o->arg != NULL ? required_argument : no_argument;
	g->longs[*n].flag = NULL;
	g->longs[*n].val = LONG_VALUE + id;
	(*n)++;
}

/* The command's options as getopt_long takes them. */
static void build_tables(getopt_tables *g, const cli_command *command)
{
	size_t n = 0, s = 0;

	for (int id = 0; id < CLI_OPT_COUNT; id++) {
		const option_spec *o = &options[id];
		if (!takes(command, id))
			continue;
		add_long(g, &n, o->name, o, id);
		if (o->alias != NULL)
			add_long(g, &n, o->alias, o, id);
		if (o->letter != 0) {
			g->shorts[s++] = o->letter;
			if (o->arg != NULL)
				g->shorts[s++] = ':';
		}
	}
	memset(&g->longs[n], 0, sizeof(g->longs[n]));
	g->shorts[s] = '\0';
}

/* The option getopt_long returned: an id, or -1 for one it did not know. */
static int option_of(const cli_command *command, int value)
{
	if (value >= LONG_VALUE)
		return value - LONG_VALUE;
	for (int id = 0; id < CLI_OPT_COUNT; id++)
		if (takes(command, id) && options[id].letter == value)
			return id;
	return -1;
}

/* -r, --flows, --strict, -q. */
static int dataset_option(cli_dataset_options *data, cli_option_id id, const char *arg)
{
	switch (id) {
	case CLI_OPT_REPORTS: data->reports = arg; return 1;
	case CLI_OPT_FLOWS: data->flows = arg; return 1;
	case CLI_OPT_STRICT: data->strict = true; return 1;
	case CLI_OPT_QUIET: data->quiet = true; return 1;
	default: return 0;
	}
}

/* -g, --override, --places (each repeatable), --no-default-gazetteer. */
static int gazetteer_option(cli_gazetteer_options *g, cli_option_id id, const char *file,
			    const char *command)
{
	bool ok;

	switch (id) {
	case CLI_OPT_GAZETTEER:
		ok = cli_add_file(g->files, &g->file_count, file, command, "--gazetteer");
		break;
	case CLI_OPT_OVERRIDE:
		ok = cli_add_file(g->overrides, &g->override_count, file, command, "--override");
		break;
	case CLI_OPT_PLACES:
		ok = cli_add_file(g->places, &g->places_count, file, command, "--places");
		break;
	case CLI_OPT_NO_DEFAULT: ok = g->no_default = true; break;
	default: return 0;
	}
	return ok ? 1 : -1;
}

/* Hands the option to the first target that takes it: false after a message. */
static bool hand_over(const cli_parse_targets *t, cli_option_id id, const char *arg,
		 const char *command)
{
	int taken = 0;

	if (t->data != NULL)
		taken = dataset_option(t->data, id, arg);
	if (taken == 0 && t->gazetteers != NULL)
		taken = gazetteer_option(t->gazetteers, id, arg, command);
	if (taken == 0 && t->poster != NULL)
		taken = cli_poster_option(t->poster, id, arg, command);
	if (taken == 0 && t->take != NULL)
		taken = t->take(t->args, id, arg);
	if (taken == 0)
		cli_error(command, "--%s: not handled by this command", options[id].name);
	return taken > 0;
}

int cli_parse(const cli_command *command, int argc, char **argv, const cli_parse_targets *targets)
{
	getopt_tables g;
	int value, id;

	build_tables(&g, command);
	while ((value = getopt_long(argc, argv, g.shorts, g.longs, NULL)) != -1) {
		id = option_of(command, value);
		if (id == CLI_OPT_HELP) {
			cli_print_help(stdout, command);
			return CLI_PARSE_HELP;
		}
		if (id < 0) {
			cli_print_help(stderr, command);
			return CLI_EXIT_ERROR;
		}
		if (!hand_over(targets, (cli_option_id)id, optarg, command->name))
			return CLI_EXIT_ERROR;
	}
	if (!command->operands && optind < argc) {
		cli_error(command->name, "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

int cli_parse_exit(int rc)
{
	return rc == CLI_PARSE_HELP ? CLI_EXIT_OK : rc;
}

bool cli_parse_number(double *out, const char *text, double min, double max,
		      const char *command, const char *option)
{
	char *end;
	double value = strtod(text, &end);

	if (end == text || *end != '\0' || !(value >= min && value <= max)) {
		cli_error(command, "%s '%s': give a number from %g to %g", option, text, min, max);
		return false;
	}
	*out = value;
	return true;
}
