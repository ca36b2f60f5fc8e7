/* The web writer's JSON: a string is safe inside a page's script whatever
 * it holds (markup, quotes, control characters, line separators, bytes
 * that are not UTF-8), and numbers are short and finite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/web/web_internal.h"

static char *written(void (*fn)(FILE *, const char *), const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	fn(out, text);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void check_string(const char *text, const char *want)
{
	char *got = written(em__json_string, text);

	assert_string_equal(got, want);
	free(got);
}

static void test_json__strings_are_safe_in_a_script(void **state)
{
	(void)state;
	check_string("plain", "\"plain\"");
	check_string("</script><b>&amp;", "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\"");
	check_string("\"quoted\" \\ back", "\"\\\"quoted\\\" \\\\ back\"");
	check_string("a\nb\tc\rd\x01" "e\x7f", "\"a\\nb\\tc\\rd\\u0001e\\u007f\"");
	check_string("line\xE2\x80\xA8para\xE2\x80\xA9", "\"line\\u2028para\\u2029\"");
	check_string("\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3",
		     "\"\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3\"");
	check_string("\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\"");
	/* Not UTF-8: a stray continuation byte, a cut sequence, an overlong
	 * '/', a surrogate, Latin-1. */
	check_string("a\x80" "b", "\"a\\ufffdb\"");
	check_string("\xE2\x80", "\"\\ufffd\\ufffd\"");
	check_string("\xC0\xAF", "\"\\ufffd\\ufffd\"");
	check_string("\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	check_string("caf\xE9", "\"caf\\ufffd\"");
	check_string(NULL, "\"\"");
}

static void test_json__numbers_and_colours(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(out);
	em__json_number(out, 35.18188, 5);
	fputc(' ', out);
	em__json_number(out, 36.0, 4);
	fputc(' ', out);
	em__json_number(out, -0.00001, 4);
	fputc(' ', out);
	em__json_number(out, 1.0 / 0.0, 4);
	fputc(' ', out);
	em__json_color(out, (em_color){1, 0.5, 0, 1});
	fputc(' ', out);
	em__json_color(out, (em_color){0, 0, 0, 0.5});
	assert_int_equal(fclose(out), 0);
	assert_string_equal(buf, "35.18188 36 0 null \"#ff8000\" \"rgba(0,0,0,0.5)\"");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__strings_are_safe_in_a_script),
		cmocka_unit_test(test_json__numbers_and_colours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
