/* Tests of the style table and the style files: styles/print.ini spells
 * out exactly the compiled defaults (every key the table knows, with its
 * default value, and no other), dark.ini and mono.ini use only known keys,
 * every key is read into a field of its own and checked, errors name the
 * file, line and key, and a partial file keeps the defaults it does not
 * set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "eventmap/style.h"

#define STYLES EM_SOURCE_DIR "/styles"
#define MAX_ENTRIES 256
#define MESSAGE_SIZE (EM_ERROR_MESSAGE_MAX + 8) /* a message, its path written as FILE */

/* One "key = value" line of a style file, read here without the library
 * so that the test does not trust the parser it checks. */
typedef struct entry {
	char group[64], key[64], value[128];
	int line;
} entry;

typedef struct ini {
	char path[256];
	entry entries[MAX_ENTRIES];
	size_t count;
} ini;

static char *strip(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static void read_ini(ini *out, const char *name)
{
	char buf[512], group[64] = "";
	int line = 0;
	FILE *f;

	snprintf(out->path, sizeof(out->path), "%s/%s.ini", STYLES, name);
	out->count = 0;
	f = fopen(out->path, "r");
	if (f == NULL)
		fail_msg("cannot open %s", out->path);
	while (fgets(buf, sizeof(buf), f) != NULL) {
		char *s = strip(buf), *eq;
		entry *e;

		line++;
		if (s[0] == '\0' || s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '[') {
			snprintf(group, sizeof(group), "%.*s", (int)strcspn(s + 1, "]"), s + 1);
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL || out->count == MAX_ENTRIES)
			fail_msg("%s:%d: not a key = value line", out->path, line);
		*eq = '\0';
		e = &out->entries[out->count++];
		snprintf(e->group, sizeof(e->group), "%s", group);
		snprintf(e->key, sizeof(e->key), "%s", strip(s));
		snprintf(e->value, sizeof(e->value), "%s", strip(eq + 1));
		e->line = line;
	}
	fclose(f);
}

static const entry *ini_find(const ini *f, const char *group, const char *key)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->entries[i].group, group) == 0 && strcmp(f->entries[i].key, key) == 0)
			return &f->entries[i];
	return NULL;
}

static size_t key_count(void)
{
	em_style_key k;
	size_t n = 0;

	while (em_style_key_at(n, &k))
		n++;
	return n;
}

static bool known(const char *group, const char *key)
{
	em_style_key k;

	for (size_t i = 0; em_style_key_at(i, &k); i++)
		if (strcmp(k.group, group) == 0 && strcmp(k.key, key) == 0)
			return true;
	return false;
}

/* Every key of `f` is one the table knows, and given once. */
static void check_known_keys(const ini *f)
{
	for (size_t i = 0; i < f->count; i++) {
		const entry *e = &f->entries[i];
		if (!known(e->group, e->key))
			fail_msg("%s:%d: key '%s' in [%s] is not in the style table", f->path,
				 e->line, e->key, e->group);
		if (ini_find(f, e->group, e->key) != e)
			fail_msg("%s:%d: key '%s' in [%s] is given twice", f->path, e->line,
				 e->key, e->group);
	}
}

static const char *write_style(const char *text)
{
	static char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/eventmap-test-style-%d.ini", (int)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loads `text` as a style file: the status, and the message in `message`
 * with the temporary file's path written as FILE. */
static em_status load_text(const char *text, em_style *s, char *message, size_t size)
{
	const char *path = write_style(text);
	em_error err;
	em_status status;
	const char *at;

	em_error_clear(&err);
	status = em_style_load(s, path, NULL, &err);
	unlink(path);
	at = strstr(err.message, path);
	if (at == NULL)
		snprintf(message, size, "%s", err.message);
	else
		snprintf(message, size, "%.*sFILE%s", (int)(at - err.message), err.message,
			 at + strlen(path));
	return status;
}

static void expect_error(const char *text, const char *expected)
{
	char message[MESSAGE_SIZE];
	em_style s;

	assert_int_equal(load_text(text, &s, message, sizeof(message)), EM_ERR_INVALID);
	assert_string_equal(message, expected);
}

static void test_style__print_ini_is_the_defaults(void **state)
{
	static ini print;
	em_style defaults, loaded;
	em_style_key k;
	em_error err;

	(void)state;
	read_ini(&print, "print");
	assert_true(key_count() > 0);
	for (size_t i = 0; em_style_key_at(i, &k); i++) {
		const entry *e = ini_find(&print, k.group, k.key);
		if (e == NULL)
			fail_msg("%s lacks key '%s' in [%s] (default %s)", print.path, k.key,
				 k.group, k.default_value);
		if (strcmp(e->value, k.default_value) != 0)
			fail_msg("%s:%d: key '%s' in [%s] is '%s'; the compiled default is '%s'",
				 print.path, e->line, k.key, k.group, e->value, k.default_value);
	}
	check_known_keys(&print);
	assert_int_equal(print.count, key_count());
	/* And the library reads the file to the very bytes of the defaults. */
	em_style_defaults(&defaults);
	em_error_clear(&err);
	if (em_style_load(&loaded, "print", STYLES, &err) != EM_OK)
		fail_msg("%s", err.message);
	assert_string_equal(loaded.name, "print");
	assert_memory_equal(&loaded, &defaults, sizeof(defaults));
}

static void test_style__dark_and_mono_use_known_keys(void **state)
{
	static const char *const names[] = {"dark", "mono"};
	static ini file;
	em_style s;
	em_error err;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		read_ini(&file, names[i]);
		assert_true(file.count > 0);
		check_known_keys(&file);
		em_error_clear(&err);
		if (em_style_load(&s, names[i], STYLES, &err) != EM_OK)
			fail_msg("%s", err.message);
		assert_string_equal(s.name, names[i]);
	}
}

static void test_style__table_keys_unique(void **state)
{
	em_style_key a, b;

	(void)state;
	for (size_t i = 0; em_style_key_at(i, &a); i++)
		for (size_t j = i + 1; em_style_key_at(j, &b); j++)
			if (strcmp(a.group, b.group) == 0 && strcmp(a.key, b.key) == 0)
				fail_msg("key '%s' in [%s] is in the table twice", a.key, a.group);
	assert_false(em_style_key_at(key_count(), &a));
	assert_false(em_style_key_at((size_t)-1, &a));
}

/* A valid value other than the default, by the kind the default shows. */
static void other_value(const em_style_key *k, char *out, size_t size)
{
	if (k->default_value[0] == '#')
		snprintf(out, size, "#010203");
	else if (k->max > k->min)
		snprintf(out, size, "%g", k->max);
	else if (strcmp(k->default_value, "sqrt") == 0)
		snprintf(out, size, "flannery");
	else
		snprintf(out, size, "DejaVu Serif");
}

/* Every key sets a field of its own: a value other than the default
 * changes the style, and no two keys change the same first byte. */
static void test_style__each_key_sets_its_own_field(void **state)
{
	size_t first[MAX_ENTRIES];
	char text[256], value[64], message[MESSAGE_SIZE];
	em_style defaults, s;
	em_style_key k;

	(void)state;
	em_style_defaults(&defaults);
	assert_true(key_count() <= MAX_ENTRIES);
	for (size_t i = 0; em_style_key_at(i, &k); i++) {
		const unsigned char *a = (const unsigned char *)&defaults, *b;
		size_t at = offsetof(em_style, name) + sizeof(defaults.name);
		other_value(&k, value, sizeof(value));
		assert_string_not_equal(value, k.default_value);
		snprintf(text, sizeof(text), "[%s]\n%s = %s\n", k.group, k.key, value);
		if (load_text(text, &s, message, sizeof(message)) != EM_OK)
			fail_msg("%s = %s: %s", k.key, value, message);
		b = (const unsigned char *)&s;
		while (at < sizeof(s) && a[at] == b[at])
			at++;
		if (at == sizeof(s))
			fail_msg("key '%s' in [%s] = %s changed nothing", k.key, k.group, value);
		first[i] = at;
		for (size_t j = 0; j < i; j++)
			if (first[j] == at)
				fail_msg("key '%s' in [%s] sets the field of an earlier key", k.key,
					 k.group);
	}
}

/* Every key refuses an empty value, with the file, line and key named; a
 * number out of its range names the range. */
static void test_style__each_key_checked(void **state)
{
	char text[256], expected[512], message[MESSAGE_SIZE];
	em_style s;
	em_style_key k;

	(void)state;
	for (size_t i = 0; em_style_key_at(i, &k); i++) {
		snprintf(text, sizeof(text), "[%s]\n%s =\n", k.group, k.key);
		assert_int_equal(load_text(text, &s, message, sizeof(message)), EM_ERR_INVALID);
		snprintf(expected, sizeof(expected), "FILE:2: key '%s' in [%s]: '' is ", k.key,
			 k.group);
		if (strncmp(message, expected, strlen(expected)) != 0)
			fail_msg("'%s' does not start with '%s'", message, expected);
		if (!(k.max > k.min))
			continue;
		snprintf(text, sizeof(text), "[%s]\n\n%s = %g\n", k.group, k.key, k.max * 2 + 1);
		snprintf(expected, sizeof(expected),
			 "FILE:3: key '%s' in [%s]: '%g' is out of range (%g to %g)", k.key,
			 k.group, k.max * 2 + 1, k.min, k.max);
		expect_error(text, expected);
	}
}

static void test_style__unknown_key(void **state)
{
	(void)state;
	expect_error("# mine\n[map]\nsea = #ffffff\nsee = #ffffff\n",
		     "FILE:4: key 'see' in [map] is not a style setting "
		     "(see styles/print.ini for the keys)");
	expect_error("[sea]\ncolour = #ffffff\n",
		     "FILE:2: key 'colour' in [sea] is not a style setting "
		     "(see styles/print.ini for the keys)");
}

static void test_style__bad_colour(void **state)
{
	(void)state;
	expect_error("[map]\n# comment\nsea = blue-ish\n",
		     "FILE:3: key 'sea' in [map]: 'blue-ish' is not a colour "
		     "(write #RRGGBB or #RRGGBBAA)");
	expect_error("[page]\nbackground = #112233 not a colour\n",
		     "FILE:2: key 'background' in [page]: '#112233 not a colour' is not a colour "
		     "(write #RRGGBB or #RRGGBBAA)");
	expect_error("[inset]\nbox = #12345\n",
		     "FILE:2: key 'box' in [inset]: '#12345' is not a colour "
		     "(write #RRGGBB or #RRGGBBAA)");
}

static void test_style__size_out_of_range(void **state)
{
	(void)state;
	expect_error("[arrows]\n# far too wide\nmax_width_mm = 900\n",
		     "FILE:3: key 'max_width_mm' in [arrows]: '900' is out of range (0.2 to 50)");
	expect_error("[markers]\nmin_radius_mm = 0.19\n",
		     "FILE:2: key 'min_radius_mm' in [markers]: '0.19' is out of range "
		     "(0.2 to 50)");
	expect_error("[markers]\nmax_radius_mm = huge\n",
		     "FILE:2: key 'max_radius_mm' in [markers]: 'huge' is not a number");
	expect_error("[page]\nmargin_mm = nan\n",
		     "FILE:2: key 'margin_mm' in [page]: 'nan' is not a number");
}

static void test_style__other_errors(void **state)
{
	char message[MESSAGE_SIZE];
	em_style s;
	em_error err;

	(void)state;
	expect_error("[markers]\nscaling = cubic\n",
		     "FILE:2: key 'scaling' in [markers]: 'cubic' is not a scaling: use sqrt or "
		     "flannery");
	expect_error("[page]\nfont =\n",
		     "FILE:2: key 'font' in [page]: '' is not a font family name");
	/* Unknown keys are reported before bad values, and values in the order
	 * of print.ini. */
	expect_error("[map]\nsea = nope\n[page]\nbogus = 1\n",
		     "FILE:4: key 'bogus' in [page] is not a style setting "
		     "(see styles/print.ini for the keys)");
	expect_error("[map]\ncoast_mm = x\nsea = nope\n",
		     "FILE:3: key 'sea' in [map]: 'nope' is not a colour "
		     "(write #RRGGBB or #RRGGBBAA)");
	assert_int_equal(load_text("[map]\nthis line is wrong\n", &s, message, sizeof(message)),
			 EM_ERR_INVALID);
	assert_int_equal(strncmp(message, "FILE:2: ", 8), 0);
	em_error_clear(&err);
	assert_int_equal(em_style_load(&s, "nosuchstyle", STYLES, &err), EM_ERR_IO);
	assert_non_null(strstr(err.message, "style 'nosuchstyle': "));
}

static void test_style__partial_keeps_defaults(void **state)
{
	char message[MESSAGE_SIZE];
	em_style expected, s;

	(void)state;
	em_style_defaults(&expected);
	assert_int_equal(load_text("# two keys only\n[map]\nsea = #000000\n\n[markers]\n"
				   "scaling = flannery\nmax_radius_mm = 20\n",
				   &s, message, sizeof(message)),
			 EM_OK);
	expected.sea = (em_color){0, 0, 0, 1};
	expected.scaling = EM_SCALING_FLANNERY;
	expected.marker_max_mm = 20;
	snprintf(expected.name, sizeof(expected.name), "eventmap-test-style-%d", (int)getpid());
	assert_string_equal(s.name, expected.name);
	assert_memory_equal(&s, &expected, sizeof(s));
	/* An empty file is the defaults, under its own name. */
	assert_int_equal(load_text("# nothing\n", &s, message, sizeof(message)), EM_OK);
	em_style_defaults(&expected);
	snprintf(expected.name, sizeof(expected.name), "%s", s.name);
	assert_memory_equal(&s, &expected, sizeof(s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_style__print_ini_is_the_defaults),
		cmocka_unit_test(test_style__dark_and_mono_use_known_keys),
		cmocka_unit_test(test_style__table_keys_unique),
		cmocka_unit_test(test_style__each_key_sets_its_own_field),
		cmocka_unit_test(test_style__each_key_checked),
		cmocka_unit_test(test_style__unknown_key),
		cmocka_unit_test(test_style__bad_colour),
		cmocka_unit_test(test_style__size_out_of_range),
		cmocka_unit_test(test_style__other_errors),
		cmocka_unit_test(test_style__partial_keeps_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
