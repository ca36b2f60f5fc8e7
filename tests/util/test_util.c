/* Tests of src/util, the pieces every module stands on: the key map, the
 * string pool, the array helper, atomic output files and directories, the
 * error context's first-error-wins rule, and GDAL's message turned into an
 * error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>
#include <cpl_error.h>

#include "eventmap/atomic.h"
#include "eventmap/error.h"
#include "../../src/util/array.h"
#include "../../src/util/gdal_support.h"
#include "../../src/util/keymap.h"
#include "../../src/util/pool.h"
#include "../support/tempdir.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	return em_test_make_dir(dir, sizeof(dir), "util");
}

static int remove_dir(void **state)
{
	(void)state;
	return em_test_remove_dir(dir);
}

/* dir/name, in one of a few rotating buffers. */
static const char *in_dir(const char *name)
{
	static char paths[4][256];
	static int next;

	next = (next + 1) % 4;
	snprintf(paths[next], sizeof(paths[next]), "%s/%s", dir, name);
	return paths[next];
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static bool is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long size;

	if (f == NULL)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)size + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	return text;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* How many entries the directory at path holds, "." and ".." aside. */
static size_t entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		fail_msg("cannot open the directory %s: %s", path, strerror(errno));
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* ---- the key map --------------------------------------------------------- */

static void test_keymap__keys_values_and_order(void **state)
{
	em_keymap map;
	char key[32];
	bool added;
	uint64_t *v;
	size_t len;
	double point[2] = {35.5, -0.0};

	(void)state;
	memset(&map, 0, sizeof(map));
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof(key), "key %d", i);
		v = em__keymap_get(&map, key, (size_t)n, true, &added);
		assert_non_null(v);
		assert_true(added);
		*v = (uint64_t)i * 3;
	}
	assert_int_equal(em__keymap_count(&map), 100000);
	for (int i = 0; i < 100000; i += 997) {
		int n = snprintf(key, sizeof(key), "key %d", i);
		v = em__keymap_get(&map, key, (size_t)n, false, NULL);
		assert_non_null(v);
		assert_int_equal(*v, (uint64_t)i * 3);
		assert_memory_equal(em__keymap_key(&map, (size_t)i, &len), key, (size_t)n);
		assert_int_equal(len, (size_t)n);
	}
	assert_null(em__keymap_get(&map, "key 100000", 10, false, NULL));
	/* Binary keys with NULs, and the empty key. */
	assert_non_null(em__keymap_get(&map, point, sizeof(point), true, &added));
	assert_true(added);
	assert_non_null(em__keymap_get(&map, point, sizeof(point), true, &added));
	assert_false(added);
	assert_non_null(em__keymap_get(&map, "", 0, true, &added));
	assert_true(added);
	assert_non_null(em__keymap_get(&map, "", 0, false, NULL));
	assert_true(em__keymap_bytes(&map) > 100000 * 16);
	em__keymap_clear(&map);
	assert_int_equal(em__keymap_count(&map), 0);
	assert_null(em__keymap_get(&map, "key 1", 5, false, NULL));
}

static void test_keymap__existing_key_keeps_its_value_and_place(void **state)
{
	em_keymap map;
	bool added = true;
	uint64_t *v;
	size_t len;

	(void)state;
	memset(&map, 0, sizeof(map));
	*em__keymap_get(&map, "Latakia", 7, true, NULL) = 7;
	*em__keymap_get(&map, "Jableh", 6, true, NULL) = 6;
	/* Adding a key that is there finds it: same value, not added, no new entry. */
	v = em__keymap_get(&map, "Latakia", 7, true, &added);
	assert_non_null(v);
	assert_false(added);
	assert_int_equal(*v, 7);
	assert_int_equal(em__keymap_count(&map), 2);
	/* A prefix is another key. */
	assert_null(em__keymap_get(&map, "Lat", 3, false, NULL));
	/* Absent and not added: *added says so. */
	added = true;
	assert_null(em__keymap_get(&map, "Tartus", 6, false, &added));
	assert_false(added);
	assert_memory_equal(em__keymap_key(&map, 1, &len), "Jableh", 6);
	assert_int_equal(len, 6);
	/* Cleared, the map is reusable. */
	em__keymap_clear(&map);
	assert_int_equal(em__keymap_bytes(&map), 0);
	assert_non_null(em__keymap_get(&map, "Tartus", 6, true, &added));
	assert_true(added);
	assert_int_equal(em__keymap_count(&map), 1);
	em__keymap_clear(&map);
}

/* The index interface the gazetteer's name index uses: a hash computed
 * once, entries found and added by index, indexes that never move. */
static void test_keymap__indexes_and_hashes(void **state)
{
	em_keymap map;
	uint64_t h = em__keymap_hash("Baniyas", 7);
	uint32_t first, again, other;
	bool added = false;

	(void)state;
	memset(&map, 0, sizeof(map));
	assert_int_equal(h, em__keymap_hash("Baniyas", 7));
	assert_int_not_equal(h, em__keymap_hash("Banias", 6));
	assert_int_equal(em__keymap_find(&map, "Baniyas", 7, h), EM_KEYMAP_NONE);
	first = em__keymap_add(&map, "Baniyas", 7, h, &added);
	assert_int_equal(first, 0);
	assert_true(added);
	other = em__keymap_add(&map, "Banias", 6, em__keymap_hash("Banias", 6), &added);
	assert_int_equal(other, 1);
	assert_true(added);
	/* Many more keys: the map grows and rehashes, the indexes stay. */
	for (int i = 0; i < 5000; i++) {
		char key[16];
		int n = snprintf(key, sizeof(key), "k%d", i);
		uint64_t hash = em__keymap_hash(key, (size_t)n);
		assert_int_equal(em__keymap_add(&map, key, (size_t)n, hash, NULL), (uint32_t)i + 2);
	}
	again = em__keymap_add(&map, "Baniyas", 7, h, &added);
	assert_int_equal(again, first);
	assert_false(added);
	assert_int_equal(em__keymap_find(&map, "Baniyas", 7, h), first);
	assert_int_equal(em__keymap_find(&map, "Banias", 6, em__keymap_hash("Banias", 6)), other);
	/* The value by key, for a map that is only read. */
	*em__keymap_get(&map, "Banias", 6, false, NULL) = 42;
	assert_non_null(em__keymap_value(&map, "Banias", 6));
	assert_int_equal(*em__keymap_value(&map, "Banias", 6), 42);
	assert_null(em__keymap_value(&map, "Tartus", 6));
	em__keymap_clear(&map);
	assert_int_equal(em__keymap_find(&map, "Baniyas", 7, h), EM_KEYMAP_NONE);
}

/* ---- the string pool ----------------------------------------------------- */

static void test_pool__copies_that_stay(void **state)
{
	em_pool pool = {NULL};
	const char *copies[5000];
	char text[32];
	const char *part, *empty;

	(void)state;
	/* Enough strings for several chunks: every pointer stays valid. */
	for (int i = 0; i < 5000; i++) {
		snprintf(text, sizeof(text), "place number %d", i);
		copies[i] = em__pool_strdup(&pool, text);
		assert_non_null(copies[i]);
		assert_ptr_not_equal(copies[i], text);
	}
	for (int i = 0; i < 5000; i += 7) {
		snprintf(text, sizeof(text), "place number %d", i);
		assert_string_equal(copies[i], text);
	}
	/* strndup copies len bytes and terminates them. */
	part = em__pool_strndup(&pool, "Baniyas, Tartus", 7);
	assert_string_equal(part, "Baniyas");
	/* NULL and the empty string both give "". */
	empty = em__pool_strdup(&pool, NULL);
	assert_non_null(empty);
	assert_string_equal(empty, "");
	assert_string_equal(em__pool_strndup(&pool, "", 0), "");
	em__pool_clear(&pool);
	assert_null(pool.head);
	/* Cleared, the pool is reusable. */
	assert_string_equal(em__pool_strdup(&pool, "again"), "again");
	em__pool_clear(&pool);
}

static void test_pool__huge_string_and_reset(void **state)
{
	em_pool pool = {NULL};
	size_t big = 200000;
	char *huge = malloc(big + 1);
	const char *first, *again, *copy;

	(void)state;
	assert_non_null(huge);
	memset(huge, 'q', big);
	huge[big] = '\0';
	/* Longer than a chunk: it gets one of its own. */
	copy = em__pool_strdup(&pool, huge);
	assert_non_null(copy);
	assert_int_equal(strlen(copy), big);
	assert_memory_equal(copy, huge, big);
	free(huge);
	/* A reset after one huge string keeps nothing; the pool still works. */
	em__pool_reset(&pool);
	assert_null(pool.head);
	/* A reset scratch pool reuses its chunk: the next string lands where
	 * the first one was. */
	first = em__pool_strdup(&pool, "row one");
	assert_non_null(em__pool_strdup(&pool, "row one, second field"));
	em__pool_reset(&pool);
	assert_non_null(pool.head);
	again = em__pool_strdup(&pool, "row two");
	assert_ptr_equal(again, first);
	assert_string_equal(again, "row two");
	em__pool_reset(&pool);
	em__pool_clear(&pool);
	em__pool_reset(&pool); /* an empty pool: nothing to do */
	assert_null(pool.head);
}

/* ---- the array helper ---------------------------------------------------- */

static void test_array__grows_by_doubling_and_keeps_items(void **state)
{
	int *items = NULL;
	size_t cap = 0;

	(void)state;
	assert_true(EM_ARRAY_RESERVE(items, cap, 1));
	assert_non_null(items);
	assert_int_equal(cap, 16);
	for (int i = 0; i < 16; i++)
		items[i] = i * i;
	/* Enough room already: nothing moves. */
	{
		int *before = items;
		assert_true(EM_ARRAY_RESERVE(items, cap, 16));
		assert_ptr_equal(items, before);
		assert_int_equal(cap, 16);
	}
	assert_true(EM_ARRAY_RESERVE(items, cap, 17));
	assert_int_equal(cap, 32);
	assert_true(EM_ARRAY_RESERVE(items, cap, 100));
	assert_int_equal(cap, 128);
	for (int i = 0; i < 16; i++)
		assert_int_equal(items[i], i * i);
	items[127] = 1; /* the whole capacity is there (valgrind would say otherwise) */
	free(items);
}

static void test_array__overflow_is_refused_and_changes_nothing(void **state)
{
	double *items = NULL;
	size_t cap = 0;
	double *before;

	(void)state;
	assert_true(EM_ARRAY_RESERVE(items, cap, 3));
	items[0] = 35.5;
	before = items;
	/* More items than a size_t can count once doubled. */
	assert_false(EM_ARRAY_RESERVE(items, cap, SIZE_MAX));
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 16);
	assert_false(EM_ARRAY_RESERVE(items, cap, SIZE_MAX / 2 + 2));
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 16);
	/* A count that fits but whose bytes do not. */
	assert_false(EM_ARRAY_RESERVE(items, cap, SIZE_MAX / sizeof(double) + 1));
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 16);
	assert_false(em__array_reserve(&items, &cap, ((size_t)1 << 40), (size_t)1 << 30));
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 16);
	assert_true(items[0] == 35.5);
	free(items);
}

/* ---- atomic files -------------------------------------------------------- */

static void test_atomic__commit_publishes(void **state)
{
	const char *path = in_dir("published.txt");
	em_atomic_file *file = NULL;
	em_error err;
	char *text, temp[512];

	(void)state;
	em_error_clear(&err);
	write_text(path, "the previous version\n");
	assert_int_equal(em_atomic_file_create(&file, path, &err), EM_OK);
	assert_non_null(file);
	snprintf(temp, sizeof(temp), "%s", em_atomic_file_temp_path(file));
	/* Beside the destination, under another name. */
	assert_int_equal(strncmp(temp, path, strlen(path)), 0);
	assert_non_null(strstr(temp, ".tmp-"));
	assert_true(exists(temp));
	fputs("the new version\n", em_atomic_file_stream(file));
	/* Until the commit, a reader sees the previous file. */
	text = slurp(path);
	assert_string_equal(text, "the previous version\n");
	free(text);
	if (em_atomic_file_commit(file, &err) != EM_OK)
		fail_msg("%s", err.message);
	text = slurp(path);
	assert_string_equal(text, "the new version\n");
	free(text);
	assert_false(exists(temp));
	em_atomic_file_destroy(file); /* committed: destroy removes nothing */
	assert_true(exists(path));
	em_atomic_file_destroy(NULL);
}

static void test_atomic__destroy_without_commit_leaves_nothing(void **state)
{
	const char *fresh = in_dir("never.txt"), *kept = in_dir("kept.txt");
	em_atomic_file *file = NULL;
	em_error err;
	char temp[512], *text;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_atomic_file_create(&file, fresh, &err), EM_OK);
	snprintf(temp, sizeof(temp), "%s", em_atomic_file_temp_path(file));
	fputs("half a file", em_atomic_file_stream(file));
	em_atomic_file_destroy(file);
	assert_false(exists(fresh));
	assert_false(exists(temp));
	/* Over an existing file: the file stays as it was. */
	write_text(kept, "whole\n");
	assert_int_equal(em_atomic_file_create(&file, kept, &err), EM_OK);
	snprintf(temp, sizeof(temp), "%s", em_atomic_file_temp_path(file));
	fputs("half", em_atomic_file_stream(file));
	em_atomic_file_destroy(file);
	assert_false(exists(temp));
	text = slurp(kept);
	assert_string_equal(text, "whole\n");
	free(text);
}

static void test_atomic__errors_name_the_path(void **state)
{
	static char sentinel;
	const char *nowhere = in_dir("no/such/dir/out.png");
	const char *blocked = in_dir("commit-fails/blocked.txt");
	em_atomic_file *file = (em_atomic_file *)(void *)&sentinel;
	em_error err;
	char command[512];

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_atomic_file_create(&file, nowhere, &err), EM_ERR_IO);
	assert_null(file);
	assert_non_null(strstr(err.message, nowhere));
	assert_non_null(strstr(err.message, "cannot create"));
	em_error_clear(&err);
	assert_int_equal(em_atomic_file_create(&file, "", &err), EM_ERR_INVALID);
	assert_null(file);
	/* The destination is a directory with something in it: the rename
	 * fails, the commit says so, the directory is left as it was and the
	 * temporary file goes with destroy. */
	snprintf(command, sizeof(command), "mkdir -p '%s/inside'", blocked);
	assert_int_equal(system(command), 0);
	em_error_clear(&err);
	assert_int_equal(em_atomic_file_create(&file, blocked, &err), EM_OK);
	fputs("text", em_atomic_file_stream(file));
	assert_int_equal(em_atomic_file_commit(file, &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, blocked));
	assert_non_null(strstr(err.message, "cannot replace"));
	em_atomic_file_destroy(file);
	assert_true(is_directory(blocked));
	assert_int_equal(entries(in_dir("commit-fails")), 1);
}

static void test_atomic__make_directories(void **state)
{
	const char *deep = in_dir("a/b/c/d");
	const char *file = in_dir("plain");
	const char *through = in_dir("plain/sub");
	em_error err;

	(void)state;
	em_error_clear(&err);
	if (em_atomic_make_directories(deep, &err) != EM_OK)
		fail_msg("%s", err.message);
	assert_true(is_directory(deep));
	/* Again: what exists is fine. */
	assert_int_equal(em_atomic_make_directories(deep, &err), EM_OK);
	/* A trailing slash is fine too. */
	{
		char slash[300];
		snprintf(slash, sizeof(slash), "%s/e/", deep);
		assert_int_equal(em_atomic_make_directories(slash, &err), EM_OK);
		assert_true(is_directory(slash));
	}
	/* Through a regular file: EM_ERR_IO naming what could not be made. */
	write_text(file, "not a directory\n");
	assert_int_equal(em_atomic_make_directories(through, &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, through));
	assert_non_null(strstr(err.message, "cannot create"));
	em_error_clear(&err);
	assert_int_equal(em_atomic_make_directories("", &err), EM_ERR_INVALID);
}

/* A process id that was in use a moment ago and is gone now. */
static long gone_pid(void)
{
	pid_t child = fork();

	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, NULL, 0), child);
	return (long)child;
}

static void test_atomic__sweep_removes_what_gone_writers_left(void **state)
{
	char sub[128], dead_file[256], dead_dir[256], live[256], name[256], command[1024];
	long dead = gone_pid();
	em_error err;

	(void)state;
	em_error_clear(&err);
	snprintf(sub, sizeof(sub), "%s/sweep", dir);
	assert_int_equal(em_atomic_make_directories(sub, &err), EM_OK);
	/* A file and a directory a killed writer left ... */
	snprintf(dead_file, sizeof(dead_file), "%s/poster.png.tmp-%ld-AbC123", sub, dead);
	write_text(dead_file, "half a poster");
	snprintf(dead_dir, sizeof(dead_dir), "%s/.eventmap.tmp-%ld-XyZ789", sub, dead);
	snprintf(command, sizeof(command), "mkdir -p '%s/geojson' && echo x > '%s/geojson/a'",
		 dead_dir, dead_dir);
	assert_int_equal(system(command), 0);
	/* ... a file of this process, which is running ... */
	snprintf(live, sizeof(live), "%s/poster.pdf.tmp-%ld-QwE456", sub, (long)getpid());
	write_text(live, "being written");
	/* ... and files that only look alike. */
	snprintf(name, sizeof(name), "%s/notes.tmp-%ld-toolongsuffix", sub, dead);
	write_text(name, "not ours");
	snprintf(name, sizeof(name), "%s/poster.png", sub);
	write_text(name, "a whole poster");
	em_atomic_sweep(sub);
	assert_false(exists(dead_file));
	assert_false(exists(dead_dir));
	assert_true(exists(live));
	assert_true(exists(name));
	snprintf(name, sizeof(name), "%s/notes.tmp-%ld-toolongsuffix", sub, dead);
	assert_true(exists(name));
	assert_int_equal(entries(sub), 3);
	/* A directory that is not there: nothing happens. */
	em_atomic_sweep(in_dir("no-such-directory"));
}

/* ---- the error context --------------------------------------------------- */

static void test_error__first_error_wins(void **state)
{
	em_error err;
	char long_name[2 * EM_ERROR_MESSAGE_MAX];

	(void)state;
	em_error_clear(&err);
	assert_int_equal(err.status, EM_OK);
	assert_string_equal(err.message, "");
	assert_int_equal(em_error_set(&err, EM_ERR_INVALID, "reports.csv:%d: bad", 7),
			 EM_ERR_INVALID);
	assert_int_equal(err.status, EM_ERR_INVALID);
	assert_string_equal(err.message, "reports.csv:7: bad");
	/* A later failure returns its own status but keeps the first message. */
	assert_int_equal(em_error_set(&err, EM_ERR_IO, "later symptom"), EM_ERR_IO);
	assert_int_equal(err.status, EM_ERR_INVALID);
	assert_string_equal(err.message, "reports.csv:7: bad");
	/* No context: the status all the same. */
	assert_int_equal(em_error_set(NULL, EM_ERR_NOMEM, "out of memory"), EM_ERR_NOMEM);
	em_error_clear(NULL);
	/* A message longer than the buffer is cut, terminated. */
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	em_error_clear(&err);
	em_error_set(&err, EM_ERR_LIMIT, "%s", long_name);
	assert_int_equal(strlen(err.message), EM_ERROR_MESSAGE_MAX - 1);
	assert_string_equal(em_status_name(EM_ERR_LIMIT), "limit exceeded");
	assert_string_equal(em_status_name(EM_OK), "ok");
}

static void test_error__copy(void **state)
{
	em_error from, to;

	(void)state;
	em_error_clear(&from);
	em_error_clear(&to);
	/* Nothing to hand over: EM_OK, and to stays clear. */
	assert_int_equal(em_error_copy(&to, &from), EM_OK);
	assert_int_equal(to.status, EM_OK);
	assert_string_equal(to.message, "");
	em_error_set(&from, EM_ERR_IO, "layers: write failed");
	assert_int_equal(em_error_copy(&to, &from), EM_ERR_IO);
	assert_int_equal(to.status, EM_ERR_IO);
	assert_string_equal(to.message, "layers: write failed");
	/* to already holds an error: it keeps it, and from's status is returned. */
	em_error_clear(&from);
	em_error_set(&from, EM_ERR_NOMEM, "summary: out of memory");
	assert_int_equal(em_error_copy(&to, &from), EM_ERR_NOMEM);
	assert_int_equal(to.status, EM_ERR_IO);
	assert_string_equal(to.message, "layers: write failed");
	/* To NULL: only the status. */
	assert_int_equal(em_error_copy(NULL, &from), EM_ERR_NOMEM);
	/* A message with a % in it is copied as it is, not as a format. */
	em_error_clear(&from);
	em_error_clear(&to);
	em_error_set(&from, EM_ERR_INVALID, "%s", "50%s of %d rows");
	assert_int_equal(em_error_copy(&to, &from), EM_ERR_INVALID);
	assert_string_equal(to.message, "50%s of %d rows");
}

/* ---- GDAL's message in an error ------------------------------------------ */

static void test_gdal_error__names_target_and_gdal_message(void **state)
{
	em_error err;

	(void)state;
	em__gdal_register();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	/* GDAL said nothing: target and what, no dangling colon. */
	CPLErrorReset();
	em_error_clear(&err);
	assert_int_equal(em__gdal_error(&err, "out/eventmap.gpkg", "cannot create layer 'places'"),
			 EM_ERR_IO);
	assert_int_equal(err.status, EM_ERR_IO);
	assert_string_equal(err.message, "out/eventmap.gpkg: cannot create layer 'places'");
	/* GDAL's last message follows. */
	CPLError(CE_Failure, CPLE_AppDefined, "disk quota exceeded");
	em_error_clear(&err);
	assert_int_equal(em__gdal_error(&err, "out/eventmap.gpkg", "cannot write"), EM_ERR_IO);
	assert_string_equal(err.message, "out/eventmap.gpkg: cannot write: disk quota exceeded");
	/* Like every error, the first wins. */
	assert_int_equal(em__gdal_error(&err, "other.gpkg", "later"), EM_ERR_IO);
	assert_string_equal(err.message, "out/eventmap.gpkg: cannot write: disk quota exceeded");
	assert_int_equal(em__gdal_error(NULL, "other.gpkg", "no context"), EM_ERR_IO);
	CPLErrorReset();
	CPLPopErrorHandler();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keymap__keys_values_and_order),
		cmocka_unit_test(test_keymap__existing_key_keeps_its_value_and_place),
		cmocka_unit_test(test_keymap__indexes_and_hashes),
		cmocka_unit_test(test_pool__copies_that_stay),
		cmocka_unit_test(test_pool__huge_string_and_reset),
		cmocka_unit_test(test_array__grows_by_doubling_and_keeps_items),
		cmocka_unit_test(test_array__overflow_is_refused_and_changes_nothing),
		cmocka_unit_test(test_atomic__commit_publishes),
		cmocka_unit_test(test_atomic__destroy_without_commit_leaves_nothing),
		cmocka_unit_test(test_atomic__errors_name_the_path),
		cmocka_unit_test(test_atomic__make_directories),
		cmocka_unit_test(test_atomic__sweep_removes_what_gone_writers_left),
		cmocka_unit_test(test_error__first_error_wins),
		cmocka_unit_test(test_error__copy),
		cmocka_unit_test(test_gdal_error__names_target_and_gdal_message),
	};
	return cmocka_run_group_tests_name("util", tests, make_dir, remove_dir);
}
