/* `eventmap web` as a user runs it: every file of the folder, data.js read
 * back as JSON (the views per day, the posters' words, the shared scale),
 * data the default case was not written for (an ACLED export of other
 * places and days, a day filter), text full of markup kept as text and
 * never as markup in the file, and refusals that change nothing. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "../support/cli_run.h"

#define ACLED EM_SOURCE_DIR "/tests/web/acled-lebanon.csv"
#define HOSTILE EM_SOURCE_DIR "/tests/web/hostile-reports.csv"

/* The JSON inside "window.NAME = JSON.parse('...');\n", unescaped in
 * place; fails unless the file is exactly that. */
static char *js_json(char *js, const char *name, const char *relative)
{
	char head[64];
	size_t n = (size_t)snprintf(head, sizeof(head), "window.%s = JSON.parse('", name);
	size_t len = strlen(js);
	char *from, *to;

	if (strncmp(js, head, n) != 0 || len < n + 4 || strcmp(js + len - 4, "');\n") != 0)
		fail_msg("%s is not \"%s...');\"", relative, head);
	js[len - 4] = '\0';
	for (from = to = js + n; *from; from++) {
		if (*from == '\'')
			fail_msg("%s: an unescaped quote in the string", relative);
		if (*from == '\\') {
			from++;
			*to++ = *from == 'n' ? '\n' : *from == 'r' ? '\r' : *from;
			continue;
		}
		*to++ = *from;
	}
	*to = '\0';
	return js + n;
}

/* data.js of DIR/web as JSON, and the file's text in *text when asked. */
static json_object *read_data(const char *dir, char **text)
{
	char relative[256];
	char *js, *copy;
	json_object *data;

	snprintf(relative, sizeof(relative), "%s/web/data/data.js", dir);
	js = slurp(test_path(relative));
	if (js == NULL)
		fail_msg("%s was not written", relative);
	copy = strdup(js);
	assert_non_null(copy);
	data = json_tokener_parse(js_json(copy, "EVENTMAP", relative));
	free(copy);
	if (data == NULL)
		fail_msg("%s is not JSON inside JSON.parse('...')", relative);
	if (text != NULL)
		*text = js;
	else
		free(js);
	return data;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("no \"%s\" in %s", key, json_object_to_json_string(o));
	return v;
}

static const char *str(json_object *o, const char *key)
{
	return json_object_get_string(get(o, key));
}

/* The view's place whose page place is named `name`, or NULL. */
static json_object *view_place(json_object *data, const char *view, const char *name)
{
	json_object *places = get(get(get(data, "views"), view), "places");

	for (size_t i = 0; i < json_object_array_length(places); i++) {
		json_object *p = json_object_array_get_idx(places, i);
		json_object *at = json_object_array_get_idx(get(data, "places"),
							    (size_t)json_object_get_int(get(p, "place")));
		if (strcmp(str(at, "name"), name) == 0)
			return p;
	}
	return NULL;
}

static size_t count(json_object *data, const char *view, const char *key)
{
	return json_object_array_length(get(get(get(data, "views"), view), key));
}

static void test_web__default_dataset(void **state)
{
	static const char *const files[] = {"index.html", "app.js", "style.css", "data/data.js",
					    "data/basemap.js", "lib/leaflet.js", "lib/leaflet.css",
					    "lib/LICENSE-leaflet.txt"};
	char path[128], *text, *basemap;
	json_object *data, *baniyas, *headline;
	outcome o;
	struct stat st;

	(void)state;
	o = run("web -o site");
	assert_int_equal(o.code, 0);
	HAS(o.out, "site/web/index.html: 49 reports, 4 flows, 9 places, 6 days");
	done(&o);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "site/web/%s", files[i]);
		if (stat(test_path(path), &st) != 0 || st.st_size == 0)
			fail_msg("%s missing or empty", path);
	}
	assert_int_equal(stat(test_path("site/web"), &st), 0);
	assert_int_equal(st.st_mode & 0555, 0555); /* readable by a web server */
	data = read_data("site", &text);
	assert_int_equal(json_object_get_int(get(data, "format")), 1);
	assert_string_equal(str(data, "title"), "Violence on Syria\xE2\x80\x99s coast, March 2025");
	assert_string_equal(json_object_to_json_string_ext(get(data, "days"), JSON_C_TO_STRING_PLAIN),
			    "[\"2025-03-06\",\"2025-03-07\",\"2025-03-08\",\"2025-03-09\","
			    "\"2025-03-10\",\"2025-03-11\"]");
	assert_int_equal(json_object_get_int(get(get(data, "scale"), "deaths_max")), 20);
	assert_int_equal(json_object_get_int(get(get(data, "scale"), "people_max")), 6000);
	assert_string_equal(str(data, "focus_country"), "SY");
	/* Per day as batch draws it: Baniyas' 20 spans 6-8 March. */
	baniyas = view_place(data, "all", "Baniyas");
	assert_non_null(baniyas);
	assert_string_equal(str(baniyas, "display"), "20");
	baniyas = view_place(data, "2025-03-07", "Baniyas");
	assert_non_null(baniyas);
	assert_string_equal(str(baniyas, "display"), "20 (6\xE2\x80\x93" "8 Mar)");
	assert_null(view_place(data, "2025-03-11", "Baniyas"));
	assert_int_equal(count(data, "all", "places"), 9);
	assert_int_equal(count(data, "all", "arrows"), 2);
	assert_int_equal(count(data, "2025-03-08", "arrows"), 1);
	assert_int_equal(count(data, "2025-03-11", "places"), 2);
	headline = get(get(get(data, "views"), "all"), "headline");
	assert_string_equal(str(json_object_array_get_idx(headline, 0), "source"), "SOHR");
	assert_string_equal(str(json_object_array_get_idx(headline, 0), "display"),
			    "1,018\xE2\x80\x93" "1,025");
	assert_string_equal(str(json_object_array_get_idx(headline, 1), "display"), "~779");
	HAS(json_object_to_json_string(get(get(get(data, "views"), "all"), "not_mapped")),
	    "Tuwaym: 13+ civilians");
	HAS(text, "\"label\":\"6,000+ from the Syrian coast to Akkar \xC2\xB7 UNHCR\"");
	LACKS(text, "<");
	json_object_put(data);
	free(text);
	basemap = slurp(test_path("site/web/data/basemap.js"));
	assert_non_null(basemap);
	HAS(basemap, "window.EVENTMAP_BASEMAP = JSON.parse('{\"countries\":{\"type\":"
		     "\"FeatureCollection\"");
	LACKS(basemap, "<");
	HAS(basemap, "\"iso\":\"SY\"");
	HAS(basemap, "\"name\":\"Ma\xE2\x80\x98" "arratmisrin\""); /* as the posters print it */
	free(basemap);
	assert_int_equal(entries_containing("site", ".tmp-"), 0);
}

/* An ACLED export of Lebanon: its own days and country; events nobody
 * died in are events (no figure, no death category), never "0". */
static void test_web__acled_export(void **state)
{
	json_object *data, *tyre, *baalbek, *reports;
	outcome o;

	(void)state;
	o = run("web -q -r " ACLED " -o acled");
	assert_int_equal(o.code, 0);
	done(&o);
	data = read_data("acled", NULL);
	assert_string_equal(json_object_to_json_string_ext(get(data, "days"), JSON_C_TO_STRING_PLAIN),
			    "[\"2024-11-12\",\"2024-11-13\"]");
	assert_string_equal(str(data, "focus_country"), "LB");
	assert_string_equal(str(data, "title"), "Reported deaths, events and displacement");
	tyre = view_place(data, "all", "Tyre");
	assert_non_null(tyre);
	assert_string_equal(str(tyre, "display"), "");
	assert_string_equal(str(tyre, "category"), "none");
	assert_true(json_object_is_type(get(tyre, "deaths"), json_type_null));
	HAS(json_object_to_json_string(get(tyre, "kinds")), "explosions");
	baalbek = view_place(data, "2024-11-13", "Baalbek");
	assert_non_null(baalbek);
	assert_string_equal(str(baalbek, "display"), "11");
	assert_null(view_place(data, "2024-11-13", "Beirut"));
	reports = get(data, "reports");
	assert_int_equal(json_object_array_length(reports), 4);
	assert_true(json_object_is_type(get(json_object_array_get_idx(reports, 1), "fatalities"),
					json_type_null));
	assert_string_equal(str(json_object_array_get_idx(reports, 1), "kind"), "protests");
	json_object_put(data);
}

/* --from/--to: only those days, and the views say what spans beyond. */
static void test_web__days_asked_for(void **state)
{
	json_object *data;
	outcome o;

	(void)state;
	o = run("web -q --from 2025-03-09 --to 2025-03-10 -o days");
	assert_int_equal(o.code, 0);
	done(&o);
	data = read_data("days", NULL);
	assert_string_equal(json_object_to_json_string_ext(get(data, "days"), JSON_C_TO_STRING_PLAIN),
			    "[\"2025-03-09\",\"2025-03-10\"]");
	assert_int_equal(json_object_object_length(get(data, "views")), 3);
	HAS(str(data, "subtitle"), "9\xE2\x80\x93" "10 March 2025");
	assert_null(view_place(data, "all", "Al-Janoudiya")); /* 6-8 March only */
	json_object_put(data);
}

/* Markup in every text field stays text: escaped in the file (no '<' at
 * all, so no "</script>"), and read back as written. */
static void test_web__hostile_text_is_data(void **state)
{
	json_object *data, *reports;
	char *text;
	outcome o;

	(void)state;
	o = run("web -q -r " HOSTILE " --title '</script><img src=x onerror=alert(4)>' -o hostile");
	assert_int_equal(o.code, 0);
	done(&o);
	data = read_data("hostile", &text);
	LACKS(text, "<");
	LACKS(text, ">");
	LACKS(text, "\xE2\x80\xA8"); /* U+2028 escaped */
	HAS(text, "\\\\u2028"); /* \u2028 inside the JavaScript string */
	assert_string_equal(str(data, "title"), "</script><img src=x onerror=alert(4)>");
	reports = get(data, "reports");
	assert_string_equal(str(json_object_array_get_idx(reports, 0), "source"),
			    "<img src=x onerror=alert(1)> \"quotes\" <img src=x "
			    "onerror=\"window.__pwned=1\">");
	assert_string_equal(str(json_object_array_get_idx(reports, 1), "location"),
			    "<b>Nowhere</b>");
	HAS(json_object_to_json_string(get(get(get(data, "views"), "all"), "not_mapped")),
	    "Nowhere");
	json_object_put(data);
	free(text);
}

/* Totals one source gave for different regions are shown apart, each
 * naming its region, on the page and on the poster; none stands for the
 * whole area. */
static void test_web__totals_of_regions_named(void **state)
{
	static const char regions[] =
		"report_id,event_date,location,latitude,longitude,scope,category,fatalities,"
		"qualifier,source\n"
		"a,2025-03-03,Latakia governorate,,,region,civilians,90,about,SOHR\n"
		"b,2025-03-03,Tartus governorate,,,region,civilians,30,exact,SOHR\n"
		"c,2025-03-03,Jableh,35.36,35.93,place,civilians,4,exact,SANA\n";
	json_object *data, *headline;
	char *text;
	outcome o;

	(void)state;
	write_file("regions.csv", regions, sizeof(regions) - 1);
	o = run("web -q -r regions.csv -o regions");
	assert_int_equal(o.code, 0);
	done(&o);
	data = read_data("regions", NULL);
	headline = get(get(get(data, "views"), "2025-03-03"), "headline");
	assert_int_equal(json_object_array_length(headline), 2);
	assert_string_equal(str(json_object_array_get_idx(headline, 0), "region"),
			    "Latakia governorate");
	assert_string_equal(str(json_object_array_get_idx(headline, 0), "display"), "~90");
	assert_string_equal(str(json_object_array_get_idx(headline, 1), "region"),
			    "Tartus governorate");
	assert_string_equal(str(json_object_array_get_idx(headline, 1), "display"), "30");
	json_object_put(data);
	o = run("render -q -r regions.csv -p A4 --dpi 72 -o regions.pdf");
	assert_int_equal(o.code, 0);
	done(&o);
	text = pdf_text("regions.pdf");
	HAS(text, "Deaths reported for whole regions");
	HAS(text, "SOHR \xC2\xB7 Latakia governorate ~90");
	HAS(text, "SOHR \xC2\xB7 Tartus governorate 30");
	LACKS(text, "across the whole area");
	free(text);
}

/* A file in the folder's place, a bad reports file: refused, nothing
 * changed; a second page replaces the first whole. */
static void test_web__refusals_change_nothing(void **state)
{
	json_object *data;
	char *before, *after;
	outcome o;

	(void)state;
	assert_int_equal(mkdir(test_path("blocked"), 0755), 0);
	write_file("blocked/web", "keep", 4);
	o = run("web -o blocked");
	assert_int_equal(o.code, 1);
	HAS(o.err, "blocked/web: is not a folder");
	done(&o);
	before = slurp(test_path("blocked/web"));
	assert_string_equal(before, "keep");
	free(before);
	assert_int_equal(entries_containing("blocked", ".tmp-"), 0);

	/* A basemap that is not one: refused before anything is made. */
	o = run("web -o nothing --basemap missing.gpkg");
	assert_int_equal(o.code, 1);
	HAS(o.err, "missing.gpkg: cannot be opened as a basemap");
	done(&o);
	assert_false(exists("nothing"));

	o = run("web -q -o again --title First");
	assert_int_equal(o.code, 0);
	done(&o);
	before = slurp(test_path("again/web/data/data.js"));
	write_file("bad.csv", "report_id,event_date,location,fatalities\nr1,2025-02-30,Jableh,3\n",
		   64);
	o = run("web -o again -r bad.csv");
	assert_int_equal(o.code, 1);
	HAS(o.err, "bad.csv");
	done(&o);
	after = slurp(test_path("again/web/data/data.js"));
	assert_non_null(after);
	assert_string_equal(before, after);
	free(before);
	free(after);

	o = run("web -q -o again --title Second --labels both");
	assert_int_equal(o.code, 0);
	done(&o);
	data = read_data("again", NULL);
	assert_string_equal(str(data, "title"), "Second");
	assert_string_equal(str(data, "labels"), "both");
	json_object_put(data);
	assert_int_equal(entries_containing("again", ".tmp-"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_web__default_dataset),
		cmocka_unit_test(test_web__acled_export),
		cmocka_unit_test(test_web__days_asked_for),
		cmocka_unit_test(test_web__hostile_text_is_data),
		cmocka_unit_test(test_web__totals_of_regions_named),
		cmocka_unit_test(test_web__refusals_change_nothing),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
