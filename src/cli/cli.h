/* The command-line tool's shared pieces: exit codes, locating the data
 * directory, loading gazetteers and the dataset, writing geocoding
 * results, the one table of options, the poster options and the batch.
 * Only src/cli prints or chooses an exit code. */
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

/* One geocoding answer as a JSON object (json-c), or NULL when out of memory. */
struct json_object;
struct json_object *cli_geocode_result_json(const em_gazetteer *gazetteer,
					    const em_geocode_query *item);

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

/* ---- options (options.c) --------------------------------------------- */

/* The commands, as bits of the set of commands an option serves. */
enum {
	CLI_RUN = 1u << 0,
	CLI_BATCH = 1u << 1,
	CLI_EXPORT = 1u << 2,
	CLI_GEOCODE = 1u << 3,
	CLI_RENDER = 1u << 4,
	CLI_EXTRACT = 1u << 5,
	CLI_WEB = 1u << 6
};

/* Every option of every command, in the order --help lists them.  Each is
 * declared once in options.c (names, argument, help, commands); options
 * of one name that mean different things (-o DIR, -o FILE) are different
 * options. */
typedef enum cli_option_id {
	CLI_OPT_INPUT,          /* geocode -i FILE */
	CLI_OPT_OUTPUT_DIR,     /* -o DIR: run, export, batch */
	CLI_OPT_OUTPUT_FILE,    /* geocode -o FILE */
	CLI_OPT_OUTPUT_POSTER,  /* render -o FILE, repeatable */
	CLI_OPT_EXTRACT_OUTPUT, /* extract -o DIR */
	CLI_OPT_PUBLISHED,      /* extract --date */
	CLI_OPT_OUTLET,
	CLI_OPT_HTML,
	CLI_OPT_REPORTS,        /* from here to CLI_OPT_FLOWS: cli_dataset_options */
	CLI_OPT_FLOWS,
	CLI_OPT_DAY,            /* render */
	CLI_OPT_PER_DAY,        /* batch */
	CLI_OPT_WEEKLY,
	CLI_OPT_CUMULATIVE,
	CLI_OPT_GEOCODE_FORMAT, /* -f tsv|json */
	CLI_OPT_LAYER_FORMATS,  /* -f LIST of OGR drivers */
	CLI_OPT_POSTER_FORMATS, /* -f png,pdf,svg */
	CLI_OPT_CONNECTION,     /* export */
	CLI_OPT_COUNTRY,        /* geocode */
	CLI_OPT_ADMIN1,
	CLI_OPT_NEAR,
	CLI_OPT_REGION,
	CLI_OPT_STYLE,          /* from here to CLI_OPT_CATEGORY: cli_poster_args */
	CLI_OPT_PAGE,
	CLI_OPT_LANDSCAPE,
	CLI_OPT_PORTRAIT,
	CLI_OPT_DPI,
	CLI_OPT_TITLE,
	CLI_OPT_SUBTITLE,
	CLI_OPT_CREDIT,
	CLI_OPT_LABELS,
	CLI_OPT_CRS,
	CLI_OPT_BASEMAP,
	CLI_OPT_FOCUS_COUNTRY,
	CLI_OPT_FROM,
	CLI_OPT_TO,
	CLI_OPT_EVENT_TYPE,
	CLI_OPT_CATEGORY,
	CLI_OPT_JOBS,           /* batch */
	CLI_OPT_SHARD,
	CLI_OPT_OVERVIEW_ONLY,
	CLI_OPT_SLURM,
	CLI_OPT_BY,
	CLI_OPT_GAZETTEER,      /* from here to CLI_OPT_NO_DEFAULT: cli_gazetteer_options */
	CLI_OPT_OVERRIDE,
	CLI_OPT_PLACES,
	CLI_OPT_NO_DEFAULT,
	CLI_OPT_MIN_SCORE,      /* geocode */
	CLI_OPT_STRICT,         /* cli_dataset_options */
	CLI_OPT_QUIET,          /* cli_dataset_options */
	CLI_OPT_HELP,
	CLI_OPT_COUNT
} cli_option_id;

/* A command as its --help shows it around its option lines. */
typedef struct cli_command {
	const char *name;  /* "render", for messages */
	unsigned bit;      /* CLI_RENDER */
	const char *head;  /* the usage lines and what it does, up to the options */
	const char *tail;  /* after the options: notes and the exit status */
	bool operands;     /* arguments follow the options (geocode's names) */
} cli_command;

typedef struct cli_poster_args cli_poster_args;

/* Where cli_parse puts each option: those of the shared groups into their
 * holders (NULL for a command without them), the command's own through
 * take.  Every taker returns 1 (taken), 0 (not its option) or -1 (a bad
 * value, with a message). */
typedef struct cli_parse_targets {
	cli_dataset_options *data;         /* -r, --flows, --strict, -q */
	cli_gazetteer_options *gazetteers; /* -g, --override, --places, --no-default-gazetteer */
	cli_poster_args *poster;           /* what a poster draws */
	int (*take)(void *args, cli_option_id id, const char *arg);
	void *args;
} cli_parse_targets;

/* What cli_parse returns when --help was asked for (and printed). */
#define CLI_PARSE_HELP (-1)

/* Reads the options of argv that the command takes into targets; -h
 * prints the help on stdout.  CLI_EXIT_OK (the operands, for a command
 * that takes them, from optind), CLI_PARSE_HELP, or CLI_EXIT_ERROR after
 * a message or the help on stderr. */
int cli_parse(const cli_command *command, int argc, char **argv, const cli_parse_targets *targets);

/* The command's --help: its head, a line for each option it takes, its tail. */
void cli_print_help(FILE *out, const cli_command *command);

/* The exit code of a command whose parse returned rc (not CLI_EXIT_OK):
 * CLI_EXIT_OK after --help. */
int cli_parse_exit(int rc);

/* A number from min to max, all of text; false, with a message naming the
 * option, the value and the range, for anything else. */
bool cli_parse_number(double *out, const char *text, double min, double max,
		      const char *command, const char *option);

/* ---- posters (poster_options.c) ----------------------------------------- */

struct cli_poster_args {
	const char *style, *page, *labels, *basemap, *from, *to, *event_types, *categories;
	bool portrait;
	char focus_country[3]; /* --focus-country, upper-cased */
	bool basemap_unread;   /* the command reads the basemap itself (web) */
	em_poster_options poster;
};

void cli_poster_args_init(cli_poster_args *args);
/* Takes one of the options from CLI_OPT_STYLE to CLI_OPT_CATEGORY: 1 taken,
 * 0 not one of them, -1 a bad value (with a message). */
int cli_poster_option(cli_poster_args *args, cli_option_id id, const char *arg,
		      const char *command);
/* Checks and converts what was given; the title defaults to the default
 * dataset's when data reads it.  An exit code. */
int cli_poster_finish(cli_poster_args *args, const cli_dataset_options *data,
		      const char *command);

/* What a poster is drawn from: the style and basemap the options name, the
 * gazetteers and the dataset placed with them. */
typedef struct cli_poster_inputs {
	em_style style;
	em_basemap *basemap;       /* NULL with basemap_unread */
	em_gazetteer *gazetteer;
	em_dataset *dataset;
} cli_poster_inputs;

/* What a command does with its inputs: an exit code, and with
 * CLI_EXIT_ERROR the reason in err. */
typedef int (*cli_poster_work)(const void *args, const cli_poster_inputs *inputs,
			       em_error *err);

/* A command that draws posters (run, render, batch): loads its inputs as
 * the options say, hands them to work, prints the error when it fails
 * and frees them.  The exit code. */
int cli_poster_command(const char *command, const cli_poster_args *poster,
		       const cli_gazetteer_options *gazetteers, const cli_dataset_options *data,
		       cli_poster_work work, const void *args);

/* ---- batch (batch.c) ---------------------------------------------------- */

/* The largest --jobs: every poster drawn at once holds its page's pixels. */
#define CLI_JOBS_MAX 64

/* batch --by: one series per group of places. */
typedef enum cli_by { CLI_BY_NONE, CLI_BY_ADMIN1, CLI_BY_COUNTRY } cli_by;

typedef struct cli_batch_options {
	const char *directory;  /* posters go to DIR/days/ (DIR/weeks/ weekly) */
	cli_by by;              /* ... DIR/days/GROUP/ with --by */
	const em_gazetteer *gazetteer; /* names the divisions of --by admin1 */
	bool png, pdf, svg;
	bool cumulative;
	bool weekly;            /* one poster per week, Monday to Sunday */
	int jobs;               /* posters drawn at once: one thread each */
	/* --shard I/N: only the posters whose place in the series is I
	 * modulo N (1-based), and no overview; 0/0: every poster. */
	unsigned shard, shards;
	bool overview_only;     /* only the overview, once every shard is done */
	unsigned slurm_tasks;   /* --slurm N: write Slurm scripts for N shards */
	int argc;               /* the command line, for the Slurm scripts */
	char **argv;
	bool quiet;
	em_poster_options poster; /* page, dpi, labels, texts, days and kinds */
} cli_batch_options;

/* The defaults: DIR output, PNG and PDF, one job per processor (however
 * many: the pool has a thread per job). */
void cli_batch_options_init(cli_batch_options *options);

/* The formats option, "png,pdf,svg": false for anything else. */
bool cli_parse_formats(const char *list, bool *png, bool *pdf, bool *svg);

/* One poster per day (and per "through" day), or per week, then the
 * overview; prints progress on a terminal and a table.  Returns an exit
 * code. */
int cli_batch(const cli_batch_options *options, const em_dataset *dataset,
	      const em_basemap *basemap, const em_style *style, em_error *err);

/* groups.c: the groups of --by, found once for a dataset. */
typedef struct cli_group {
	char key[128];          /* its directory: "SY", "SY-Latakia" */
	char name[160];         /* on its posters: "Syria", "Latakia, Syria" */
	size_t reports, flows;  /* of the dataset's, in this group */
	long index;
} cli_group;
typedef struct cli_groups cli_groups;

em_status cli_groups_find(cli_groups **out, const em_dataset *dataset, cli_by by,
			  const em_gazetteer *gazetteer, const em_basemap *basemap, em_error *err);
size_t cli_groups_count(const cli_groups *groups);
/* In the order of their keys. */
const cli_group *cli_groups_get(const cli_groups *groups, size_t index);
/* The reports and flows (neither end) in no group. */
void cli_groups_outside(const cli_groups *groups, const em_dataset *dataset, size_t *reports,
			size_t *flows);
/* The dataset of group number index (its strings are dataset's). */
em_status cli_groups_subset(em_dataset **out, cli_groups *groups, size_t index,
			    const em_dataset *dataset, em_error *err);
void cli_groups_destroy(cli_groups *groups);

/* slurm.c: DIR/slurm/: a job array of `tasks` shards of this batch (its
 * own command line with --shard), the overview step after them and
 * submit.sh; prints how to submit.  An exit code. */
int cli_slurm_write(const cli_batch_options *options, size_t posters, em_error *err);

/* Removes what killed writers left beside this output file. */
void cli_sweep_beside(const char *file);

/* The commands: argv[0] is the command's name; an exit code. */
int cli_cmd_batch(int argc, char **argv);
int cli_cmd_export(int argc, char **argv);
int cli_cmd_render(int argc, char **argv);
int cli_cmd_geocode(int argc, char **argv);
int cli_cmd_run(int argc, char **argv);
int cli_cmd_extract(int argc, char **argv);
int cli_cmd_web(int argc, char **argv);

/* ---- web (cmd_web.c) ----------------------------------------------------- */

/* DIR/web/ from what the poster options say (title, labels, days, kinds,
 * style, basemap), with the page and Leaflet from the data directory. */
struct em_web_report;
em_status cli_write_web(const char *dir, const cli_poster_args *poster,
			const cli_poster_inputs *in, struct em_web_report *report, em_error *err);

#endif
