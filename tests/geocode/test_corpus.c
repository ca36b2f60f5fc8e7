/* The collisions corpus (tests/geocode/corpus/collisions.tsv): names of
 * Syrian and Lebanese places whose stripped, misspelt, transliterated or
 * alternate forms meet towns elsewhere, each geocoded in its context (the
 * coast's places, Lebanon's, or alone) with the answer it must get.  Every
 * row is checked and every failure printed before the test fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"
#include "../support/default_data.h"

/* The places a context names, as a reports file would. */
static const char *const coast[] = {"Latakia", "Tartus", "Jableh", "Baniyas", "Qardaha",
				    "Hmeimim", NULL};
static const char *const lebanon[] = {"Tripoli", "Halba", "Beirut", "Zahle", "Sidon", NULL};

static em_geocode_result geocode_in(const char *context, const char *name, const char *country)
{
	const char *const *others = strcmp(context, "coast") == 0     ? coast
				    : strcmp(context, "lebanon") == 0 ? lebanon
								      : NULL;
	em_geocode_query q[8];
	size_t n = 0;
	em_error err;

	memset(q, 0, sizeof(q));
	for (size_t i = 0; others != NULL && others[i] != NULL; i++)
		q[n++].name = others[i];
	q[n].name = name;
	q[n].country = country;
	n++;
	em_error_clear(&err);
	assert_int_equal(em_geocode_list(q, n, em_test_levant(), NULL, "this file", &err), EM_OK);
	return q[n - 1].result;
}

/* Checks one row; false (with a line on stderr) when the answer is not
 * the expected one. */
static bool check(char **f, unsigned long line)
{
	const char *name = f[0], *context = f[1], *hint = f[2], *expect = f[3], *id = f[4],
		   *country = f[5];
	em_geocode_result r = geocode_in(context, name, hint[0] ? hint : NULL);
	const char *got = em_geocode_status_name(r.status);
	bool ok = true;

	if (strcmp(expect, "resolved") == 0)
		ok = r.status == EM_GEOCODE_RESOLVED && strcmp(r.place->id, id) == 0;
	else if (strcmp(expect, "notplaced") == 0)
		ok = r.status != EM_GEOCODE_RESOLVED;
	else if (strcmp(expect, "ambiguous") == 0 || strcmp(expect, "unresolved") == 0)
		ok = strcmp(got, expect) == 0;
	else
		fail_msg("collisions.tsv:%lu: expect '%s' is not a value the corpus uses", line,
			 expect);
	/* "!TR": whatever the answer, never placed in that country. */
	if (country[0] == '!' && r.status == EM_GEOCODE_RESOLVED &&
	    strcmp(r.place->country, country + 1) == 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "collisions.tsv:%lu: %s (%s%s%s): expected %s %s, got %s %s %s: %s\n",
			line, name, context, hint[0] ? ", hint " : "", hint, expect, id, got,
			r.place ? r.place->name : "", r.place ? r.place->country : "", r.reason);
	return ok;
}

static void test_corpus__collisions(void **state)
{
	FILE *in = fopen(EM_SOURCE_DIR "/tests/geocode/corpus/collisions.tsv", "r");
	char buffer[2048];
	unsigned long line = 0;
	size_t rows = 0, wrong = 0, contexts[3] = {0};

	(void)state;
	assert_non_null(in);
	while (fgets(buffer, sizeof(buffer), in) != NULL) {
		char *f[7] = {0}, *p = buffer;
		line++;
		if (line == 1 || buffer[0] == '#' || buffer[0] == '\n')
			continue;
		buffer[strcspn(buffer, "\n")] = '\0';
		for (int k = 0; k < 7 && p != NULL; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = '\0';
		}
		if (f[6] == NULL)
			fail_msg("collisions.tsv:%lu: fewer than 7 columns", line);
		rows++;
		contexts[strcmp(f[1], "coast") == 0 ? 0 : strcmp(f[1], "lebanon") == 0 ? 1 : 2]++;
		wrong += !check(f, line);
	}
	fclose(in);
	fprintf(stderr, "collisions: %zu rows (%zu coast, %zu lebanon, %zu alone), %zu wrong\n",
		rows, contexts[0], contexts[1], contexts[2], wrong);
	assert_true(rows >= 60);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus__collisions),
	};
	return cmocka_run_group_tests_name("corpus", tests, em_test_load_levant,
					   em_test_free_levant);
}
