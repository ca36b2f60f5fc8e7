/* `eventmap batch --slurm N`: the series as a Slurm job array.  Each of N
 * tasks runs this same command with --shard I/N (the plan, extent and
 * scale are computed alike in every task, so the shares together equal
 * one run), and a last job, once all of them succeeded, runs it with
 * --overview-only.  Every node must see the working directory, the data
 * and the binary at the same paths (a shared file system). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "eventmap/atomic.h"

/* A word for sh, in single quotes. */
static void quoted(FILE *out, const char *word)
{
	fputc('\'', out);
	for (const char *c = word; *c; c++) {
		if (*c == '\'')
			fputs("'\\''", out);
		else
			fputc(*c, out);
	}
	fputc('\'', out);
}

/* The command line as given, without --slurm N. */
static void batch_args(FILE *out, const cli_batch_options *o)
{
	for (int i = 1; i < o->argc; i++) {
		if (strcmp(o->argv[i], "--slurm") == 0) {
			i++;
			continue;
		}
		if (strncmp(o->argv[i], "--slurm=", 8) == 0)
			continue;
		fputc(' ', out);
		quoted(out, o->argv[i]);
	}
}

typedef struct slurm_paths {
	char dir[PATH_MAX], cwd[PATH_MAX], exe[PATH_MAX], data[PATH_MAX];
} slurm_paths;

/* The #SBATCH lines (sbatch reads them up to the first command, without
 * the shell's quoting: no paths there, submit.sh gives the logs'), then
 * the command line up to its last options. */
static void script_head(FILE *out, const slurm_paths *p, const cli_batch_options *o,
			const char *name, unsigned array)
{
	fprintf(out, "#!/bin/sh\n#SBATCH --job-name=%s\n#SBATCH --cpus-per-task=%d\n", name,
		o->jobs);
	if (array > 0)
		fprintf(out, "#SBATCH --array=1-%u\n", array);
	fputs("# Written by eventmap batch --slurm: the working directory, the data and\n"
	      "# the binary must be at these paths on every node (a shared file system).\n"
	      "set -eu\ncd ", out);
	quoted(out, p->cwd);
	fputs("\nEVENTMAP_DATA=", out);
	quoted(out, p->data);
	fputs("\nexport EVENTMAP_DATA\nexec ", out);
	quoted(out, p->exe);
	fputs(" batch", out);
	batch_args(out, o);
}

static const char submit[] =
	"#!/bin/sh\n"
	"# Submits the shares of the batch as a job array, then the overview once\n"
	"# every share has succeeded.  Prints the two job ids.\n"
	"set -eu\n"
	"here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
	"mkdir -p \"$here/logs\"\n"
	"array=$(sbatch --parsable --output=\"$here/logs/shard-%A_%a.out\" "
	"\"$here/eventmap-shards.sbatch\")\n"
	"array=${array%%;*}\n"
	"last=$(sbatch --parsable --output=\"$here/logs/overview-%j.out\" "
	"--dependency=afterok:\"$array\" --kill-on-invalid-dep=yes "
	"\"$here/eventmap-overview.sbatch\")\n"
	"echo \"shares: job array $array; overview: job ${last%%;*} (after the shares)\"\n";

static em_status write_script(const char *path, const slurm_paths *p,
			      const cli_batch_options *o, int which, em_error *err)
{
	em_atomic_file *file = NULL;
	em_status status = em_atomic_file_create(&file, path, err);
	mode_t mask = umask(0);
	FILE *out;

	umask(mask);
	if (status != EM_OK)
		return status;
	out = em_atomic_file_stream(file);
	if (which == 0) {
		script_head(out, p, o, "eventmap-shards", o->slurm_tasks);
		fprintf(out, " --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --shard "
			"\"$SLURM_ARRAY_TASK_ID/%u\"\n", o->slurm_tasks);
	} else if (which == 1) {
		script_head(out, p, o, "eventmap-overview", 0);
		fputs(" --overview-only\n", out);
	} else {
		fputs(submit, out);
	}
	if (chmod(em_atomic_file_temp_path(file), 0777 & ~mask) != 0)
		status = em_error_set(err, EM_ERR_IO, "%s: %s", path, strerror(errno));
	if (status == EM_OK)
		status = em_atomic_file_commit(file, err);
	em_atomic_file_destroy(file);
	return status;
}

/* Absolute paths the nodes can use: the output directory, where the
 * command was given, the binary and its data. */
static em_status find_paths(slurm_paths *p, const cli_batch_options *o, em_error *err)
{
	ssize_t n = readlink("/proc/self/exe", p->exe, sizeof(p->exe) - 1);
	char dir[PATH_MAX + 8];

	if (n <= 0 || (size_t)n >= sizeof(p->exe) - 1 || getcwd(p->cwd, sizeof(p->cwd)) == NULL ||
	    realpath(cli_data_dir(), p->data) == NULL || realpath(o->directory, dir) == NULL)
		return em_error_set(err, EM_ERR_IO, "cannot find the absolute paths the Slurm "
				    "scripts need: %s", strerror(errno));
	p->exe[n] = '\0';
	snprintf(p->dir, sizeof(p->dir), "%.*s/slurm", (int)(sizeof(p->dir) - 8), dir);
	return EM_OK;
}

int cli_slurm_write(const cli_batch_options *o, size_t posters, em_error *err)
{
	static const char *const names[3] = {"eventmap-shards.sbatch", "eventmap-overview.sbatch",
					     "submit.sh"};
	slurm_paths p;
	char path[PATH_MAX + 64];
	em_status status = find_paths(&p, o, err);

	if (status == EM_OK) {
		snprintf(path, sizeof(path), "%s/logs", p.dir);
		status = em_atomic_make_directories(path, err);
	}
	for (int i = 0; status == EM_OK && i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", p.dir, names[i]);
		status = write_script(path, &p, o, i, err);
	}
	if (status != EM_OK)
		return CLI_EXIT_ERROR;
	if (!o->quiet)
		printf("%s/: %u shares of %zu posters (a job array), then the overview.\n"
		       "Submit from a node that runs sbatch: sh %s/submit.sh\n",
		       p.dir, o->slurm_tasks, posters, p.dir);
	return CLI_EXIT_OK;
}
