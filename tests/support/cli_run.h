/* Running the eventmap binary from a test as a user would: in a temporary
 * directory, through the shell, with stdout, stderr and the exit code
 * kept.  Header-only: each test executable compiles its own copy; include
 * it after <cmocka.h>. */
#ifndef EM_TESTS_CLI_RUN_H
#define EM_TESTS_CLI_RUN_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char tmpdir[256];

typedef struct outcome {
	int code;
	char *out;
	char *err;
} outcome;

static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long size;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc(1, (size_t)size + 1);
	if (text != NULL && fread(text, 1, (size_t)size, f) != (size_t)size) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/* Runs `eventmap ARGS` through the shell, so ARGS is shell syntax. */
__attribute__((format(printf, 1, 2))) static inline outcome run(const char *format, ...)
{
	char args[4096], command[8192], out_path[512], err_path[512];
	outcome o;
	va_list ap;
	int status;

	va_start(ap, format);
	vsnprintf(args, sizeof(args), format, ap);
	va_end(ap);
	snprintf(out_path, sizeof(out_path), "%s/stdout", tmpdir);
	snprintf(err_path, sizeof(err_path), "%s/stderr", tmpdir);
	snprintf(command, sizeof(command), "cd '%s' && '%s' </dev/null %s >'%s' 2>'%s'", tmpdir,
		 EM_BINARY, args, out_path, err_path);
	status = system(command);
	o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	o.out = slurp(out_path);
	o.err = slurp(err_path);
	assert_non_null(o.out);
	assert_non_null(o.err);
	return o;
}

static inline void done(outcome *o)
{
	free(o->out);
	free(o->err);
}

static inline void write_file(const char *name, const char *text, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static inline int make_tmpdir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/eventmap-cli-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int remove_tmpdir(void **state)
{
	char command[512];

	(void)state;
	snprintf(command, sizeof(command), "rm -rf '%s'", tmpdir);
	return system(command) == 0 ? 0 : -1;
}

#endif
