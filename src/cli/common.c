/* Pieces every sub-command shares: where the data lives, loading the
 * gazetteers named by options, reading lists of names, loading the
 * dataset and printing what placing it came to. */
#include "cli.h"

#include "eventmap/atomic.h"
#include "eventmap/text.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Set by CMakeLists.txt: the source tree, the build directory, the install
 * data directory, and the data directory relative to the installed
 * binary's directory. */
#ifndef EM_DATA_DIR
#define EM_DATA_DIR "."
#endif
#ifndef EM_BUILD_DIR
#define EM_BUILD_DIR EM_DATA_DIR
#endif
#ifndef EM_INSTALL_DATA_DIR
#define EM_INSTALL_DATA_DIR "/usr/local/share/eventmap"
#endif
#ifndef EM_EXE_TO_DATA
#define EM_EXE_TO_DATA "../share/eventmap"
#endif

#define DEFAULT_GAZETTEER "geodata/geonames-levant.txt"
#define DEFAULT_SUPPLEMENT "geodata/supplement.tsv"
#define DEFAULT_NAMES_AR "geodata/arabic-names.tsv"

void cli_error(const char *command, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "eventmap%s%s: ", command ? " " : "", command ? command : "");
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
}

static const char *found_data_dir;
static pthread_once_t found_data_dir_once = PTHREAD_ONCE_INIT;

/* Whether dir holds eventmap's data (its gazetteer). */
static bool holds_data(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s/%s", dir, DEFAULT_GAZETTEER);

	return n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool same_directory(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Kept for the whole run. */
static void use_data_dir(const char *dir)
{
	char *kept = realpath(dir, NULL);

	if (kept == NULL)
		kept = strdup(dir);
	found_data_dir = kept != NULL ? kept : EM_DATA_DIR;
}

/* The first of: ../share/eventmap beside the running binary (wherever the
 * prefix was installed or moved to); the source tree for a binary still
 * in its build directory (never an older installed copy); the install
 * data directory compiled in; the source tree. */
static void find_data_dir(void)
{
	char exe[PATH_MAX], candidate[PATH_MAX + sizeof(EM_EXE_TO_DATA) + 1];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (len > 0 && (size_t)len < sizeof(exe) - 1) {
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			slash[slash == exe ? 1 : 0] = '\0';
			snprintf(candidate, sizeof(candidate), "%s/%s", exe, EM_EXE_TO_DATA);
			if (holds_data(candidate)) {
				use_data_dir(candidate);
				return;
			}
			if (same_directory(exe, EM_BUILD_DIR) && holds_data(EM_DATA_DIR)) {
				use_data_dir(EM_DATA_DIR);
				return;
			}
		}
	}
	use_data_dir(holds_data(EM_INSTALL_DATA_DIR) ? EM_INSTALL_DATA_DIR : EM_DATA_DIR);
}

const char *cli_data_dir(void)
{
	const char *env = getenv("EVENTMAP_DATA");

	if (env != NULL && env[0] != '\0')
		return env;
	pthread_once(&found_data_dir_once, find_data_dir);
	return found_data_dir;
}

const char *cli_data_path(char *buf, size_t size, const char *relative)
{
	snprintf(buf, size, "%s/%s", cli_data_dir(), relative);
	return buf;
}

bool cli_add_file(const char **list, size_t *count, const char *file, const char *command,
		  const char *option)
{
	if (*count >= CLI_FILES_MAX) {
		cli_error(command, "%s given more than %d times", option, CLI_FILES_MAX);
		return false;
	}
	list[(*count)++] = file;
	return true;
}

em_status cli_load_gazetteer(em_gazetteer **out, const cli_gazetteer_options *options,
			     em_error *err)
{
	em_gazetteer *gz = NULL;
	em_status status;
	char path[4096];

	*out = NULL;
	status = em_gazetteer_create(&gz);
	if (status != EM_OK)
		return em_error_set(err, status, "out of memory");
	if (!options->no_default) {
		status = em_gazetteer_load(gz, cli_data_path(path, sizeof(path), DEFAULT_GAZETTEER),
					   EM_GAZETTEER_PLACES, err);
		if (status == EM_OK)
			status = em_gazetteer_load(
				gz, cli_data_path(path, sizeof(path), DEFAULT_SUPPLEMENT),
				EM_GAZETTEER_PLACES, err);
		if (status == EM_OK)
			status = em_gazetteer_load_names_ar(
				gz, cli_data_path(path, sizeof(path), DEFAULT_NAMES_AR), err);
	}
	for (size_t i = 0; status == EM_OK && i < options->file_count; i++)
		status = em_gazetteer_load(gz, options->files[i], EM_GAZETTEER_PLACES, err);
	for (size_t i = 0; status == EM_OK && i < options->override_count; i++)
		status = em_gazetteer_load(gz, options->overrides[i], EM_GAZETTEER_OVERRIDES, err);
	for (size_t i = 0; status == EM_OK && i < options->places_count; i++)
		status = em_gazetteer_load_places(gz, options->places[i], err);
	if (status == EM_OK && em_gazetteer_count(gz) == 0)
		status = em_error_set(err, EM_ERR_INVALID,
				      "no gazetteer: give --gazetteer FILE with --no-default-gazetteer");
	if (status == EM_OK)
		status = em_gazetteer_finish(gz, err);
	if (status != EM_OK) {
		em_gazetteer_destroy(gz);
		return status;
	}
	*out = gz;
	return EM_OK;
}

void cli_geocode_counts(const em_geocode_query *items, size_t count, size_t *resolved,
			size_t *ambiguous, size_t *unresolved)
{
	*resolved = *ambiguous = *unresolved = 0;
	for (size_t i = 0; i < count; i++) {
		switch (items[i].result.status) {
		case EM_GEOCODE_RESOLVED: (*resolved)++; break;
		case EM_GEOCODE_AMBIGUOUS: (*ambiguous)++; break;
		default: (*unresolved)++; break;
		}
	}
}

void cli_free_names(cli_geocoded *items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free((char *)items[i].name);
	free(items);
}

bool cli_check_name(const char *command, const char *name, size_t len, const char *where, unsigned long line)
{
	if (len > EM_TEXT_NAME_MAX) {
		cli_error(command, "%s:%lu: name of %zu bytes is longer than the %d allowed",
			  where, line, len, EM_TEXT_NAME_MAX);
		return false;
	}
	if (!em_text_valid_utf8(name, len)) {
		cli_error(command, "%s:%lu: name is not valid UTF-8", where, line);
		return false;
	}
	return true;
}

bool cli_push_name(cli_geocoded **items, size_t *count, size_t *cap, const char *name, size_t len)
{
	if (*count == *cap) {
		size_t new_cap = *cap ? *cap * 2 : 64;
		cli_geocoded *grown = realloc(*items, new_cap * sizeof(*grown));
		if (grown == NULL)
			return false;
		*items = grown;
		*cap = new_cap;
	}
	memset(&(*items)[*count], 0, sizeof(**items));
	(*items)[*count].name = strndup(name, len);
	if ((*items)[*count].name == NULL)
		return false;
	(*count)++;
	return true;
}

bool cli_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Reads names, one per line; blank lines are skipped.  Every line is
 * checked before any is geocoded, so a bad file produces no output. */
bool cli_read_names(const char *command, const char *path, cli_geocoded **items, size_t *count)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	const char *where = strcmp(path, "-") == 0 ? "standard input" : path;
	char *line = NULL;
	size_t line_cap = 0, cap = 0;
	unsigned long number = 0;
	ssize_t got;
	bool ok = true;

	if (in == NULL) {
		cli_error(command, "%s: cannot open: %s", path, strerror(errno));
		return false;
	}
	while (ok && (got = getline(&line, &line_cap, in)) >= 0) {
		size_t len = (size_t)got;
		number++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (number == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			memmove(line, line + 3, len - 3);
			len -= 3;
		}
		if (memchr(line, '\0', len) != NULL) {
			cli_error(command, "%s:%lu: holds a NUL byte: not a text file", where, number);
			ok = false;
		} else if (!cli_blank(line, len)) {
			ok = cli_check_name(command, line, len, where, number);
			if (ok && !cli_push_name(items, count, &cap, line, len)) {
				cli_error(command, "out of memory");
				ok = false;
			}
		}
	}
	if (ok && ferror(in)) {
		cli_error(command, "%s: read error", where);
		ok = false;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return ok;
}

/* The default dataset's files unless --reports is given. */
static void dataset_paths(const cli_dataset_options *options, char *reports, char *flows,
			  size_t size, const char **reports_path, const char **flows_path)
{
	*reports_path = options->reports;
	*flows_path = options->flows;
	if (*reports_path == NULL) {
		*reports_path = cli_data_path(reports, size, CLI_DEFAULT_REPORTS);
		if (*flows_path == NULL)
			*flows_path = cli_data_path(flows, size, CLI_DEFAULT_FLOWS);
	}
}

/* Prints the warnings (a long list is cut: the layers list every row not
 * placed); with strict, any warning fails. */
static em_status print_warnings(const em_dataset *ds, const cli_dataset_options *options,
				const char *command, em_error *err)
{
	em_dataset_tally tally;
	size_t kept = em_dataset_warning_count(ds);
	bool show = options->strict || !options->quiet;
	const char *kind = options->strict ? "error" : "warning";

	em_dataset_tally_get(&tally, ds);
	for (size_t i = 0; show && i < kept; i++)
		fprintf(stderr, "eventmap %s: %s: %s\n", command, kind, em_dataset_warning(ds, i));
	if (show && tally.warnings > kept)
		fprintf(stderr, "eventmap %s: %s: ... and %zu more like these (the not_mapped layer "
			"lists every row)\n", command, kind, tally.warnings - kept);
	if (options->strict && tally.warnings > 0)
		return em_error_set(err, EM_ERR_INVALID,
				    "--strict: %zu warning%s above; nothing was written",
				    tally.warnings, tally.warnings == 1 ? "" : "s");
	return EM_OK;
}

/* Reads and places the dataset: kept whole, or (with a sink) the flows
 * first and then the reports streamed past. */
static em_status load(em_dataset **out, const em_gazetteer *gazetteer,
		      const cli_dataset_options *options, const char *command,
		      em_report_sink sink, void *context, em_error *err)
{
	em_dataset *ds = NULL;
	em_geocode_options geocode;
	char reports[4096], flows[4096];
	const char *reports_path, *flows_path;
	em_status status;

	*out = NULL;
	dataset_paths(options, reports, flows, sizeof(reports), &reports_path, &flows_path);
	em_geocode_options_init(&geocode);
	status = em_dataset_create(&ds);
	if (status != EM_OK)
		return em_error_set(err, status, "out of memory");
	if (sink == NULL)
		status = em_dataset_read_reports(ds, reports_path, err);
	if (status == EM_OK && flows_path != NULL)
		status = em_dataset_read_flows(ds, flows_path, err);
	if (status == EM_OK)
		status = sink == NULL ? em_dataset_resolve(ds, gazetteer, &geocode, err)
				      : em_dataset_stream_reports(ds, reports_path, gazetteer,
								  &geocode, sink, context, err);
	if (status == EM_OK)
		status = print_warnings(ds, options, command, err);
	if (status != EM_OK) {
		em_dataset_destroy(ds);
		return status;
	}
	*out = ds;
	return EM_OK;
}

em_status cli_load_dataset(em_dataset **out, const em_gazetteer *gazetteer,
			   const cli_dataset_options *options, const char *command,
			   em_error *err)
{
	return load(out, gazetteer, options, command, NULL, NULL, err);
}

em_status cli_stream_dataset(em_dataset **out, const em_gazetteer *gazetteer,
			     const cli_dataset_options *options, const char *command,
			     em_report_sink sink, void *context, em_error *err)
{
	return load(out, gazetteer, options, command, sink, context, err);
}

void cli_print_counts(const em_dataset *dataset)
{
	em_dataset_tally t;

	em_dataset_tally_get(&t, dataset);
	printf("%zu reports (%zu with deaths, %zu events without): %zu mapped, %zu "
	       "approximate, %zu not mapped (%zu region-wide totals for the headline, %zu "
	       "region-wide events for the chronology, %zu at places that could not be "
	       "placed); %zu flows\n",
	       t.reports, t.reports - t.events, t.events, t.mapped, t.approximate, t.not_mapped,
	       t.regions - t.region_events, t.region_events, t.not_mapped - t.regions, t.flows);
}

void cli_sweep_beside(const char *file)
{
	char dir[4096];
	const char *slash = strrchr(file, '/');

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - file), file);
	em_atomic_sweep(dir[0] ? dir : "/");
}
