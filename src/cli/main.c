/* The eventmap launcher: one table of sub-commands drives dispatch and the
 * top-level help, so they cannot drift apart. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef EM_VERSION
#define EM_VERSION "0.0.0"
#endif

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{"run", cli_cmd_run, "the main job on the default dataset, outputs under output/"},
	{"batch", cli_cmd_batch, "one poster per day, same scale, and an overview sheet"},
	{"export", cli_cmd_export,
	 "write the dataset as GIS layers (GeoPackage, GeoJSON, any OGR driver)"},
	{"geocode", cli_cmd_geocode, "resolve place names against the gazetteer"},
	{"render", cli_cmd_render, "draw a poster: PNG, PDF or SVG"},
	{"extract", cli_cmd_extract, "draft reports and flows from article text or HTML"},
	{"web", cli_cmd_web, "an interactive map: a folder that works offline"},
};

static void print_usage(FILE *out)
{
	fputs("usage: eventmap [--version] [--help] COMMAND [options]\n\n"
	      "Turn news reports of violence into maps and GIS layers.\n\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'eventmap COMMAND --help' for a command's options.\n", out);
}

int main(int argc, char **argv)
{
	const char *name;

	if (argc < 2) {
		print_usage(stderr);
		return CLI_EXIT_ERROR;
	}
	name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("eventmap %s\n", EM_VERSION);
		return CLI_EXIT_OK;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		if (argc > 2 && strcmp(name, "help") == 0) {
			char help[] = "--help";
			char *args[] = {argv[2], help, NULL};
			for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
				if (strcmp(argv[2], commands[i].name) == 0)
					return commands[i].run(2, args);
			cli_error(NULL, "no command '%s'", argv[2]);
			return CLI_EXIT_ERROR;
		}
		print_usage(stdout);
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	cli_error(NULL, "'%s' is not a command", name);
	print_usage(stderr);
	return CLI_EXIT_ERROR;
}
