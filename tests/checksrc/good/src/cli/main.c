/* The CLI: main and cli_* functions. */
#include <stdio.h>

#include "eventmap/widget.h"

int cli_run(int argc, char **argv);

static int usage(const char *name)
{
	fprintf(stderr, "usage: %s {run}\n", name);
	return 2;
}

int cli_run(int argc, char **argv)
{
	return argc < 2 ? usage(argv[0]) : 0;
}

int main(int argc, char **argv)
{
	return cli_run(argc, argv);
}
