/* `eventmap extract`: article text or HTML -> draft reports.csv, flows.csv
 * and extract.json, each row with the sentence it rests on. */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "extract_output.h"

static const cli_command command = {
	"extract", CLI_EXTRACT,
	"usage: eventmap extract [options] FILE...\n"
	"\n"
	"Read news articles (plain text or HTML, '-' for standard input) and\n"
	"write draft rows for a person to review: every figure of dead, wounded,\n"
	"detained and displaced with its qualifier, category, place, day and\n"
	"source; every event without a figure by ACLED type; every flight to a\n"
	"named place.  Each row gives the sentence it rests on and its byte range\n"
	"(evidence); extract.json lists every place named, how it was geocoded\n"
	"and the rows it fed.\n"
	"\n",
	"\n"
	"The places an article names decide each other; a name they do not decide\n"
	"stays ambiguous and is not placed.  The drafts read as any reports file:\n"
	"  eventmap run -r DIR/reports.csv --flows DIR/flows.csv\n"
	"after review (rows without a day need one first).\n"
	"\n"
	"Exit status: 0 drafts written, 1 usage, input or I/O error (nothing\n"
	"written).\n",
	true};

typedef struct extract_args {
	const char *output;
	bool html, quiet;
	em_extract_options options;
	cli_gazetteer_options gazetteers;
} extract_args;

static int take(void *p, cli_option_id id, const char *arg)
{
	extract_args *a = p;

	switch (id) {
	case CLI_OPT_EXTRACT_OUTPUT: a->output = arg; return 1;
	case CLI_OPT_OUTLET: a->options.outlet = arg; return 1;
	case CLI_OPT_HTML: a->html = true; return 1;
	case CLI_OPT_QUIET: a->quiet = true; return 1;
	case CLI_OPT_PUBLISHED:
		if (em_date_parse(&a->options.date, arg)) {
			a->options.has_date = true;
			return 1;
		}
		cli_error("extract", "--date '%s': give the publication date as YYYY-MM-DD", arg);
		return -1;
	default: return 0;
	}
}

static em_extract_format format_of(const extract_args *a, const char *path)
{
	size_t n = strlen(path);

	if (a->html || (n > 5 && strcasecmp(path + n - 5, ".html") == 0) ||
	    (n > 4 && strcasecmp(path + n - 4, ".htm") == 0))
		return EM_EXTRACT_HTML;
	return EM_EXTRACT_AUTO;
}

/* Reads one file through the extractor, writing as it drains. */
static em_status read_file(em_extract *ex, const extract_args *a, const char *path,
			   cli_extract_out *out, const em_gazetteer *gz, em_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *in = is_stdin ? stdin : fopen(path, "rb");
	char buf[65536];
	size_t n;
	em_status status;

	if (!in)
		return em_error_set(err, EM_ERR_IO, "%s: cannot be read (%s)", path, strerror(errno));
	status = em_extract_begin(ex, is_stdin ? "stdin" : path, format_of(a, path), err);
	while (status == EM_OK && (n = fread(buf, 1, sizeof buf, in)) > 0) {
		status = em_extract_feed(ex, buf, n, err);
		cli_extract_out_write(out, ex, gz);
		em_extract_drain(ex);
	}
	if (status == EM_OK && ferror(in))
		status = em_error_set(err, EM_ERR_IO, "%s: read error (%s)", path, strerror(errno));
	if (status == EM_OK)
		status = em_extract_end(ex, err);
	cli_extract_out_write(out, ex, gz);
	em_extract_drain(ex);
	if (!is_stdin)
		fclose(in);
	return status;
}

static void add_input(json_object *inputs, const em_extract *ex, const char *path)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "file", json_object_new_string(strcmp(path, "-") ? path
										: "stdin"));
	json_object_object_add(o, "bytes", json_object_new_int64((int64_t)em_extract_bytes(ex)));
	json_object_object_add(o, "format", json_object_new_string(em_extract_is_html(ex) ? "html"
											  : "text"));
	json_object_object_add(o, "sentences",
			       json_object_new_int64((int64_t)em_extract_sentences(ex)));
	json_object_array_add(inputs, o);
}

static void print_summary(const cli_extract_out *out, const char *dir, bool dated)
{
	fprintf(stderr, "extract: %zu report rows, %zu flows -> %s/reports.csv, %s/flows.csv\n",
		out->report_count, out->flow_count, dir, dir);
	fprintf(stderr, "extract: %zu places named: %zu placed, %zu ambiguous, %zu not in the "
		"gazetteer, %zu unlisted (marked as places by the text); %zu country words "
		"-> %s/extract.json\n", out->status_count[0] + out->status_count[1] +
		out->status_count[2] + out->unlisted, out->status_count[0], out->status_count[1],
		out->status_count[2], out->unlisted, out->countries, dir);
	if (out->undated)
		fprintf(stderr, "extract: %zu rows have no day%s: fill event_date before mapping "
			"them\n", out->undated, dated ? "" : " (give --date to read weekdays)");
}

static int extract_files(extract_args *a, char **files, int count)
{
	em_gazetteer *gz = NULL;
	em_extract *ex = NULL;
	cli_extract_out out = {0};
	json_object *inputs = json_object_new_array();
	em_error err;
	em_status status;

	em_error_clear(&err);
	status = cli_load_gazetteer(&gz, &a->gazetteers, &err);
	if (status == EM_OK)
		status = em_extract_create(&ex, gz, &a->options, &err);
	if (status == EM_OK)
		status = cli_extract_out_open(&out, a->output, &err);
	for (int i = 0; i < count && status == EM_OK; i++) {
		status = read_file(ex, a, files[i], &out, gz, &err);
		add_input(inputs, ex, files[i]);
	}
	if (status == EM_OK)
		status = cli_extract_out_commit(&out, json_object_to_json_string_ext(
			inputs, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), &err);
	if (status == EM_OK && !a->quiet)
		print_summary(&out, a->output, a->options.has_date);
	if (status != EM_OK)
		cli_error("extract", "%s; nothing was written", err.message);
	cli_extract_out_close(&out);
	json_object_put(inputs);
	em_extract_destroy(ex);
	em_gazetteer_destroy(gz);
	return status == EM_OK ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

int cli_cmd_extract(int argc, char **argv)
{
	extract_args a = {.output = "output/extract"};
	cli_parse_targets targets = {NULL, &a.gazetteers, NULL, take, &a};
	int rc;

	em_geocode_options_init(&a.options.geocode);
	rc = cli_parse(&command, argc, argv, &targets);
	if (rc != CLI_EXIT_OK)
		return cli_parse_exit(rc);
	if (optind >= argc) {
		cli_error("extract", "no input: give one or more files ('-' for standard input)");
		cli_print_help(stderr, &command);
		return CLI_EXIT_ERROR;
	}
	return extract_files(&a, argv + optind, argc - optind);
}
