/* The command-line tool's shared pieces: exit codes, locating the data
 * directory, loading gazetteers from options, and writing geocoding
 * results.  Only src/cli prints or chooses an exit code. */
#ifndef EM_CLI_H
#define EM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "eventmap/error.h"
#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"
#include "eventmap/dataset.h"
#include "eventmap/basemap.h"
#include "eventmap/render.h"
#include "eventmap/style.h"

enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_ERROR = 1,      /* usage, input or I/O error */
	CLI_EXIT_UNRESOLVED = 3, /* ran, but some names were not placed */
	CLI_EXIT_PARTIAL = 4     /* batch: some posters failed, the others were written */
};

#define CLI_FILES_MAX 32

typedef struct cli_gazetteer_options {
	const char *files[CLI_FILES_MAX];
	size_t file_count;
	const char *overrides[CLI_FILES_MAX];
	size_t override_count;
	const char *places[CLI_FILES_MAX];
	size_t places_count;
	bool no_default;
} cli_gazetteer_options;

/* The options that choose the gazetteer, the same in every command that
 * places names: -g FILE, --override FILE, --places FILE. */
enum { CLI_OPT_OVERRIDE = 1000, CLI_OPT_PLACES };
#define CLI_GAZETTEER_LONGOPTS                                                   \
	{"gazetteer", required_argument, NULL, 'g'},                             \
	{"override", required_argument, NULL, CLI_OPT_OVERRIDE},                 \
	{"places", required_argument, NULL, CLI_OPT_PLACES}
#define CLI_GAZETTEER_USAGE                                                                \
	"  -g, --gazetteer FILE     also load this GeoNames-format file (repeatable)\n"      \
	"      --override FILE      pin names with a GeoNames-format file (repeatable)\n"    \
	"      --places FILE        add places from a CSV (name, lat, lon, country, ...);\n" \
	"                           its rows win like overrides (repeatable)\n"

/* The options that say what a poster draws, the same in render and batch. */
enum {
	CLI_OPT_LANDSCAPE = 1100, CLI_OPT_PORTRAIT, CLI_OPT_TITLE, CLI_OPT_SUBTITLE,
	CLI_OPT_CREDIT, CLI_OPT_LABELS, CLI_OPT_CRS, CLI_OPT_BASEMAP, CLI_OPT_FROM, CLI_OPT_TO,
	CLI_OPT_EVENT_TYPE, CLI_OPT_CATEGORY, CLI_OPT_DPI
};
#define CLI_POSTER_LONGOPTS                                                      \
	{"style", required_argument, NULL, 's'},                                 \
	{"page", required_argument, NULL, 'p'},                                  \
	{"landscape", no_argument, NULL, CLI_OPT_LANDSCAPE},                     \
	{"portrait", no_argument, NULL, CLI_OPT_PORTRAIT},                       \
	{"dpi", required_argument, NULL, CLI_OPT_DPI},                           \
	{"title", required_argument, NULL, CLI_OPT_TITLE},                       \
	{"subtitle", required_argument, NULL, CLI_OPT_SUBTITLE},                 \
	{"credit", required_argument, NULL, CLI_OPT_CREDIT},                     \
	{"labels", required_argument, NULL, CLI_OPT_LABELS},                     \
	{"crs", required_argument, NULL, CLI_OPT_CRS},                           \
	{"basemap", required_argument, NULL, CLI_OPT_BASEMAP},                   \
	{"from", required_argument, NULL, CLI_OPT_FROM},                         \
	{"to", required_argument, NULL, CLI_OPT_TO},                             \
	{"event-type", required_argument, NULL, CLI_OPT_EVENT_TYPE},             \
	{"category", required_argument, NULL, CLI_OPT_CATEGORY}
#define CLI_POSTER_USAGE                                                                     \
	"  -s, --style NAME|FILE    print (default), dark, mono, or a style file\n"              \
	"  -p, --page PRESET        A4, A3 (default), A2, social-square (1080x1080 px),\n"       \
	"                           social-wide (1600x900 px) or WxHmm\n"                        \
	"      --landscape, --portrait  page orientation (default landscape)\n"                  \
	"      --dpi N              PNG resolution (default 300; 72 to 1200)\n"                  \
	"      --title TEXT         the title (default: the dataset's, or a generic one)\n"      \
	"      --subtitle TEXT      the line under it (default: the days and what is shown)\n"  \
	"      --credit TEXT        a line of your own at the head of the credits\n"             \
	"      --labels en|ar|both  place-name language (default en)\n"                          \
	"      --crs PROJ           map projection (default: transverse Mercator centred\n"      \
	"                           on the data), e.g. EPSG:32637\n"                             \
	"      --basemap FILE       an OGR source with the basemap's layer names\n"              \
	"      --from DATE, --to DATE  only what was reported for these days (a report\n"       \
	"                           spanning them counts, marked with its days)\n"              \
	"      --event-type LIST    only these ACLED event types, comma-separated\n"             \
	"                           (Battles, Protests, 'Strategic developments'...)\n"         \
	"      --category LIST      only these categories (civilians, security_forces,\n"       \
	"                           pro_assad_fighters, unknown); with either option,\n"        \
	"                           displacement arrows are left out\n"

typedef struct cli_poster_args {
	const char *style, *page, *labels, *basemap, *from, *to, *event_types, *categories;
	bool portrait;
	em_poster_options poster;
} cli_poster_args;

void cli_poster_args_init(cli_poster_args *args);
/* Takes one of CLI_POSTER_LONGOPTS: 1 taken, 0 not one of them, -1 a bad
 * value (with a message). */
int cli_poster_option(cli_poster_args *args, int c, const char *arg, const char *command);
/* Checks and converts what was given; an exit code. */
int cli_poster_finish(cli_poster_args *args, const char *command);
/* The style and basemap the options name. */
em_status cli_poster_load(const cli_poster_args *args, em_style *style, em_basemap **basemap,
			  em_error *err);

/* Takes one of those options (c is 'g', CLI_OPT_OVERRIDE or
 * CLI_OPT_PLACES); false, with a message, when a list is full. */
bool cli_gazetteer_option(cli_gazetteer_options *options, int c, const char *file,
			  const char *command);

/* A name to geocode; the CLI owns `name` (cli_free_names frees it). */
typedef em_geocode_query cli_geocoded;

/* Prints "eventmap CMD: message" to stderr. */
void cli_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The directory holding geodata/: $EVENTMAP_DATA, else the build's. */
const char *cli_data_dir(void);

/* Joins the data directory and a relative path into buf. */
const char *cli_data_path(char *buf, size_t size, const char *relative);

/* Adds a file to a repeatable option's list; false (with a message) when full. */
bool cli_add_file(const char **list, size_t *count, const char *file, const char *command,
		  const char *option);


/* Loads the default gazetteer and its Arabic names (unless no_default),
 * extra files, overrides and places, and builds the index. */
em_status cli_load_gazetteer(em_gazetteer **out, const cli_gazetteer_options *options,
			     em_error *err);

void cli_write_geocode_tsv(FILE *out, const em_gazetteer *gazetteer,
			   const em_geocode_query *const *items, size_t count);
em_status cli_write_geocode_json(FILE *out, const em_gazetteer *gazetteer,
				 const em_geocode_query *const *items, size_t count,
				 em_error *err);

/* Writes with the chosen format to path ("-" for stdout), atomically. */
em_status cli_write_geocode(const char *path, bool json, const em_gazetteer *gazetteer,
			    const em_geocode_query *const *items, size_t count, em_error *err);

/* Counts per status. */
void cli_geocode_counts(const em_geocode_query *items, size_t count, size_t *resolved,
			size_t *ambiguous, size_t *unresolved);

/* Name lists: checks (length, UTF-8) name the file and line. */
bool cli_check_name(const char *command, const char *name, size_t len, const char *where,
		    unsigned long line);
bool cli_push_name(cli_geocoded **items, size_t *count, size_t *cap, const char *name,
		   size_t len);
bool cli_blank(const char *s, size_t len);
/* Reads one name per line (blank lines skipped; "-" is stdin).  Every line
 * is checked before any is used, so a bad file yields no output. */
bool cli_read_names(const char *command, const char *path, cli_geocoded **items,
		    size_t *count);
void cli_free_names(cli_geocoded *items, size_t count);

/* The default dataset's files under the data directory. */
#define CLI_DEFAULT_REPORTS "geodata/syria-coast-2025-03/reports.csv"
#define CLI_DEFAULT_FLOWS "geodata/syria-coast-2025-03/flows.csv"
#define CLI_DEFAULT_BASEMAP "geodata/basemap-levant.gpkg"
#define CLI_DEFAULT_TITLE "Violence on Syria\xE2\x80\x99s coast, March 2025"

typedef struct cli_dataset_options {
	const char *reports; /* NULL: the default dataset (with its flows) */
	const char *flows;
	bool strict;         /* warnings are errors */
	bool quiet;
} cli_dataset_options;

/* Reads and resolves the dataset, prints its warnings to stderr; with
 * strict, any warning fails (EM_ERR_INVALID). */
em_status cli_load_dataset(em_dataset **out, const em_gazetteer *gazetteer,
			   const cli_dataset_options *options, const char *command,
			   em_error *err);

/* The same for reports that stream past: the flows are read first, then
 * every report is read, placed and handed to sink, then the warnings are
 * printed as above.  On an error the sink's consumer keeps nothing. */
em_status cli_stream_dataset(em_dataset **out, const em_gazetteer *gazetteer,
			     const cli_dataset_options *options, const char *command,
			     em_report_sink sink, void *context, em_error *err);

/* Prints "N reports: X mapped, Y approximate, Z not mapped". */
void cli_print_counts(const em_dataset *dataset);


typedef struct cli_batch_options {
	const char *directory;  /* posters go to DIR/days/ (DIR/weeks/ weekly) */
	bool png, pdf, svg;
	bool cumulative;
	bool weekly;            /* one poster per week, Monday to Sunday */
	int jobs;
	bool quiet;
	em_poster_options poster; /* page, dpi, labels, texts, days and kinds */
} cli_batch_options;

/* The formats option, "png,pdf,svg": false for anything else. */
bool cli_parse_formats(const char *list, bool *png, bool *pdf, bool *svg);

/* One poster per day (and per "through" day), or per week, then the
 * overview; prints progress on a terminal and a table.  Returns an exit
 * code. */
int cli_batch(const cli_batch_options *options, const em_dataset *dataset,
	      const em_basemap *basemap, const em_style *style, em_error *err);

/* Removes what killed writers left beside this output file. */
void cli_sweep_beside(const char *file);

int cmd_batch(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_geocode(int argc, char **argv);
int cmd_run(int argc, char **argv);

#endif
