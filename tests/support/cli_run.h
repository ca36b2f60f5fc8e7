/* Running the eventmap binary from a test as a user would: in a temporary
 * directory, through the shell, with stdout, stderr and the exit code
 * kept; and checks of the files it writes (PNG signature and size, SVG
 * root, PDF text through pdftotext).  Header-only: each test executable
 * compiles its own copy; include it after <cmocka.h>. */
#ifndef EM_TESTS_CLI_RUN_H
#define EM_TESTS_CLI_RUN_H

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tempdir.h"

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

/* Runs `eventmap ARGS` through the shell, so ARGS is shell syntax.  With
 * EM_WRAPPER set (a command line such as "valgrind -q --error-exitcode=99"),
 * eventmap runs under it: under ctest's memcheck_test_* only the test
 * program is checked, since valgrind does not follow it through the shell. */
__attribute__((format(printf, 1, 2))) static inline outcome run(const char *format, ...)
{
	char args[4096], command[8192], out_path[512], err_path[512];
	const char *wrapper = getenv("EM_WRAPPER");
	outcome o;
	va_list ap;
	int status;

	va_start(ap, format);
	vsnprintf(args, sizeof(args), format, ap);
	va_end(ap);
	snprintf(out_path, sizeof(out_path), "%s/stdout", tmpdir);
	snprintf(err_path, sizeof(err_path), "%s/stderr", tmpdir);
	snprintf(command, sizeof(command), "cd '%s' && %s '%s' </dev/null %s >'%s' 2>'%s'", tmpdir,
		 wrapper ? wrapper : "", EM_BINARY, args, out_path, err_path);
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
	return em_test_make_dir(tmpdir, sizeof(tmpdir), "cli");
}

static inline int remove_tmpdir(void **state)
{
	(void)state;
	return em_test_remove_dir(tmpdir);
}

/* ---- What the outputs hold ------------------------------------------------
 * Each check fails with what it found: a missing file, a file of another
 * kind, a missing tool, never a silent pass. */

/* tmpdir/relative, in one of a few rotating buffers. */
static inline const char *test_path(const char *relative)
{
	static char paths[4][768];
	static int next;

	next = (next + 1) % 4;
	snprintf(paths[next], sizeof(paths[next]), "%s/%s", tmpdir, relative);
	return paths[next];
}

static inline bool exists(const char *relative)
{
	struct stat st;

	return stat(test_path(relative), &st) == 0;
}

/* Runs a shell command that must succeed; a tool that is not installed
 * (the shell's 127) is named as such. */
static inline void run_tool(const char *tool, const char *command)
{
	int status = system(command);

	if (status == -1 || !WIFEXITED(status))
		fail_msg("%s did not run (status %d): %s", tool, status, command);
	if (WEXITSTATUS(status) == 127)
		fail_msg("%s is not installed, so this cannot be checked: %s", tool, command);
	if (WEXITSTATUS(status) != 0)
		fail_msg("%s failed (exit %d): %s", tool, WEXITSTATUS(status), command);
}

/* The text of a PDF in the test directory as pdftotext reads it, every run
 * of spaces and line breaks made one space.  pdftotext's own status is
 * checked: a PDF it cannot open, or no pdftotext, fails the test. */
static inline char *pdf_text(const char *relative)
{
	char command[2048], txt[800];
	char *text, *to;

	snprintf(txt, sizeof(txt), "%s.txt", test_path(relative));
	snprintf(command, sizeof(command), "pdftotext -enc UTF-8 '%s' '%s'", test_path(relative),
		 txt);
	run_tool("pdftotext (poppler-utils)", command);
	text = slurp(txt);
	if (text == NULL)
		fail_msg("pdftotext wrote no %s", txt);
	to = text;
	for (const char *from = text; *from; from++) {
		if (*from == '\n' || *from == ' ') {
			if (to == text || to[-1] != ' ')
				*to++ = ' ';
		} else {
			*to++ = *from;
		}
	}
	*to = '\0';
	return text;
}

#define HAS(text, what) do { \
	if (strstr((text), (what)) == NULL) \
		fail_msg("'%s' is not on the page: %.600s", (what), (text)); \
} while (0)
#define LACKS(text, what) do { \
	if (strstr((text), (what)) != NULL) \
		fail_msg("'%s' should not be on the page", (what)); \
} while (0)

/* A PNG file: the signature, the pixel size in its IHDR chunk, and the
 * IEND chunk at the end (a file cut short has none). */
static inline void assert_png(const char *relative, unsigned width, unsigned height)
{
	static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
					       0xAE, 0x42, 0x60, 0x82};
	unsigned char head[24], tail[12];
	unsigned w, h;
	FILE *f = fopen(test_path(relative), "rb");

	if (f == NULL)
		fail_msg("%s was not written", relative);
	if (fread(head, 1, sizeof(head), f) != sizeof(head) || fseek(f, -12, SEEK_END) != 0 ||
	    fread(tail, 1, sizeof(tail), f) != sizeof(tail)) {
		fclose(f);
		fail_msg("%s is too short to be a PNG", relative);
	}
	fclose(f);
	if (memcmp(tail, iend, sizeof(iend)) != 0)
		fail_msg("%s does not end with IEND: cut short?", relative);
	if (memcmp(head, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(head + 12, "IHDR", 4) != 0)
		fail_msg("%s is not a PNG file", relative);
	w = (unsigned)head[16] << 24 | (unsigned)head[17] << 16 | (unsigned)head[18] << 8 |
	    head[19];
	h = (unsigned)head[20] << 24 | (unsigned)head[21] << 16 | (unsigned)head[22] << 8 |
	    head[23];
	if (w != width || h != height)
		fail_msg("%s is %u x %u pixels, expected %u x %u", relative, w, h, width, height);
}

/* An SVG file: an XML declaration, then the root element, <svg> in the SVG
 * namespace, width and height in points within 0.01 of those given, and the
 * closing tag at the end. */
static inline void assert_svg(const char *relative, double width_pt, double height_pt)
{
	char *text = slurp(test_path(relative));
	const char *root, *attr, *end;
	double w = 0, h = 0;

	if (text == NULL)
		fail_msg("%s was not written", relative);
	root = strstr(text, "<svg");
	if (strncmp(text, "<?xml", 5) != 0 || root == NULL)
		fail_msg("%s does not start as an SVG document: %.80s", relative, text);
	for (const char *p = text + 5; p < root; p++)
		if (*p == '<' && p[1] != '?' && p[1] != '!')
			fail_msg("%s: the root element is not <svg>", relative);
	end = strchr(root, '>');
	if (end == NULL || strstr(root, "xmlns=\"http://www.w3.org/2000/svg\"") == NULL ||
	    strstr(root, "xmlns=\"http://www.w3.org/2000/svg\"") > end)
		fail_msg("%s: <svg> lacks the SVG namespace", relative);
	attr = strstr(root, " width=\"");
	if (attr != NULL && attr < end)
		w = strtod(attr + 8, NULL);
	attr = strstr(root, " height=\"");
	if (attr != NULL && attr < end)
		h = strtod(attr + 9, NULL);
	if (w - width_pt > 0.01 || width_pt - w > 0.01 || h - height_pt > 0.01 ||
	    height_pt - h > 0.01)
		fail_msg("%s is %g x %g pt, expected %g x %g", relative, w, h, width_pt, height_pt);
	end = text + strlen(text);
	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (end - text < 6 || strncmp(end - 6, "</svg>", 6) != 0)
		fail_msg("%s does not end with </svg>: cut short?", relative);
	free(text);
}

/* How many entries of the directory tmpdir/relative have `part` in their
 * name; the directory must exist. */
static inline size_t entries_containing(const char *relative, const char *part)
{
	DIR *dir = opendir(test_path(relative));
	struct dirent *entry;
	size_t n = 0;

	if (dir == NULL)
		fail_msg("%s is not a directory", relative);
	while ((entry = readdir(dir)) != NULL)
		n += strstr(entry->d_name, part) != NULL;
	closedir(dir);
	return n;
}

/* Both files of tmpdir were written and hold the same bytes. */
static inline void assert_same_file(const char *a, const char *b)
{
	char *x = slurp(test_path(a)), *y = slurp(test_path(b));
	struct stat sa, sb;

	if (x == NULL || y == NULL)
		fail_msg("%s or %s was not written", a, b);
	if (stat(test_path(a), &sa) != 0 || stat(test_path(b), &sb) != 0 ||
	    sa.st_size != sb.st_size || memcmp(x, y, (size_t)sa.st_size) != 0)
		fail_msg("%s and %s differ", a, b);
	free(x);
	free(y);
}

#endif
