/* Tests of the poster: page presets, page size in pixels, places landing on their pixels,
 * labels that overlap nothing, the legend, PDF text with every label,
 * source and credit, each style, Arabic labels, byte-identical repeats and
 * a golden image compared within a tolerance (EM_UPDATE_GOLDEN=1 rewrites
 * it on purpose, and then fails so that such a run never passes for a
 * comparison). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cmocka.h>

#include "eventmap/render.h"
#include "../support/default_data.h"
#include "../support/tempdir.h"

#define GOLDEN EM_SOURCE_DIR "/tests/golden/poster-a4-72dpi.png"

typedef struct world {
	em_gazetteer *gz;
	em_dataset *ds;
	em_basemap *basemap;
	em_style style;
	char dir[64];
} world;

static world w;

static int setup(void **state)
{
	em_error err;

	(void)state;
	em_error_clear(&err);
	if (em_test_make_dir(w.dir, sizeof(w.dir), "render") != 0 || load_default_data(&w.gz, &w.ds, &err) != EM_OK ||
	    em_basemap_create(&w.basemap, EM_SOURCE_DIR "/geodata/basemap-levant.gpkg", &err) != EM_OK ||
	    em_style_load(&w.style, "print", EM_SOURCE_DIR "/styles", &err) != EM_OK) {
		fprintf(stderr, "setup: %s\n", err.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	em_basemap_destroy(w.basemap);
	em_dataset_destroy(w.ds);
	em_gazetteer_destroy(w.gz);
	return em_test_remove_dir(w.dir);
}

static const char *out(const char *name)
{
	static char path[4][128];
	static int next;

	next = (next + 1) % 4;
	snprintf(path[next], sizeof(path[next]), "%s/%s", w.dir, name);
	return path[next];
}

static void render(const char *path, const char *page, bool portrait, double dpi,
		   em_label_language labels, const em_style *style, em_render_report *report)
{
	em_poster_options o;
	em_error err;

	em_poster_options_init(&o);
	em_error_clear(&err);
	assert_int_equal(em_page_parse(&o.page, page, portrait, &err), EM_OK);
	o.dpi = dpi;
	o.labels = labels;
	o.title = "Violence on Syria's coast, March 2025";
	if (em_render_poster(path, w.ds, w.basemap, style ? style : &w.style, &o, report, &err) !=
	    EM_OK)
		fail_msg("%s", err.message);
}

static em_render_report report;

static void test_page__presets(void **state)
{
	em_page p;
	em_error err;

	(void)state;
	em_error_clear(&err);
	assert_int_equal(em_page_parse(&p, "A3", false, &err), EM_OK);
	assert_true(p.width_mm == 420 && p.height_mm == 297);
	/* A3 at 300 dpi is 4961 x 3508 pixels. */
	assert_int_equal((int)lround(p.width_mm / 25.4 * 300), 4961);
	assert_int_equal((int)lround(p.height_mm / 25.4 * 300), 3508);
	assert_int_equal(em_page_parse(&p, "a4", true, &err), EM_OK);
	assert_true(p.width_mm == 210 && p.height_mm == 297);
	assert_int_equal(em_page_parse(&p, "social-square", false, &err), EM_OK);
	assert_int_equal((int)lround(p.width_mm / 25.4 * p.pixel_dpi), 1080);
	assert_int_equal(em_page_parse(&p, "social-wide", false, &err), EM_OK);
	assert_int_equal((int)lround(p.height_mm / 25.4 * p.pixel_dpi), 900);
	assert_int_equal(em_page_parse(&p, "300x200mm", false, &err), EM_OK);
	assert_true(p.width_mm == 300 && p.height_mm == 200);
	assert_int_equal(em_page_parse(&p, "A9", false, &err), EM_ERR_INVALID);
	assert_non_null(strstr(err.message, "page size 'A9'"));
}

static void test_png__size_and_places_on_their_pixels(void **state)
{
	cairo_surface_t *png;
	const unsigned char *data;
	int stride;
	size_t circles = 0;

	(void)state;
	render(out("a4.png"), "A4", false, 150, EM_LABELS_EN, NULL, &report);
	/* A4 landscape at 150 dpi. */
	assert_int_equal(report.pixel_width, (int)lround(297 / 25.4 * 150));
	assert_int_equal(report.pixel_height, (int)lround(210 / 25.4 * 150));
	png = cairo_image_surface_create_from_png(out("a4.png"));
	assert_int_equal(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
	/* The file itself, not only the report, has that size. */
	assert_int_equal(cairo_image_surface_get_width(png), report.pixel_width);
	assert_int_equal(cairo_image_surface_get_height(png), report.pixel_height);
	data = cairo_image_surface_get_data(png);
	stride = cairo_image_surface_get_stride(png);
	for (size_t i = 0; i < report.marker_count; i++) {
		const em_placed_marker *m = &report.markers[i];
		if (!m->deaths)
			continue;
		circles++;
		/* Half a radius from the centre, the marker's colour shows. */
		int px = (int)lround((m->x + m->radius * 0.5) / 25.4 * 150);
		int py = (int)lround(m->y / 25.4 * 150);
		uint32_t pixel = *(const uint32_t *)(const void *)(data + py * stride + px * 4);
		int red = (pixel >> 16) & 0xff, blue = pixel & 0xff;
		assert_true(m->x > report.map_frame.x && m->x < report.map_frame.x + report.map_frame.width);
		if (strcmp(m->place_id, "171830") == 0)
			assert_true(red > 180 && blue < 120); /* civilians: vermillion */
		else
			assert_true(blue > 150 && red < 100); /* security forces: blue */
	}
	cairo_surface_destroy(png);
	/* Baniyas and Al-Janoudiya have deaths; every other place, events. */
	assert_int_equal(circles, 2);
}

static bool overlap(const em_box *a, const em_box *b)
{
	return a->x < b->x + b->width - 1e-6 && b->x < a->x + a->width - 1e-6 &&
	       a->y < b->y + b->height - 1e-6 && b->y < a->y + a->height - 1e-6;
}

static void test_labels__no_overlaps(void **state)
{
	static const char *const pages[] = {"A3", "A4", "A2", "social-square", "social-wide"};

	(void)state;
	for (size_t p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
		render(out("labels.pdf"), pages[p], p == 1, 72, EM_LABELS_EN, NULL, &report);
		if (report.labels_overlapping != 0)
			fail_msg("%s: %zu labels could not be placed free", pages[p],
				 report.labels_overlapping);
		assert_true(report.label_count >= 4);
		for (size_t i = 0; i < report.label_count; i++) {
			const em_box *a = &report.labels[i];
			for (size_t k = i + 1; k < report.label_count; k++)
				if (overlap(a, &report.labels[k]))
					fail_msg("%s: labels %zu and %zu overlap", pages[p], i, k);
			for (size_t m = 0; m < report.marker_count; m++) {
				const em_placed_marker *c = &report.markers[m];
				double nx = fmax(a->x, fmin(c->x, a->x + a->width));
				double ny = fmax(a->y, fmin(c->y, a->y + a->height));
				if (hypot(nx - c->x, ny - c->y) < c->radius - 1e-6)
					fail_msg("%s: label %zu covers a marker", pages[p], i);
				if (c->symbols.width > 0 && overlap(a, &c->symbols))
					fail_msg("%s: label %zu covers the event symbols of %s",
						 pages[p], i, c->name);
			}
			/* Inside the map frame. */
			assert_true(a->x >= report.map_frame.x &&
				    a->x + a->width <= report.map_frame.x + report.map_frame.width);
		}
	}
}

static void test_legend__rounded_values_and_scale_bar(void **state)
{
	(void)state;
	render(out("legend.pdf"), "A3", false, 72, EM_LABELS_EN, NULL, &report);
	/* The largest figure is 20: circles for 20, 5 and 1. */
	assert_int_equal(report.legend_values[0], 20);
	assert_int_equal(report.legend_values[1], 5);
	assert_int_equal(report.legend_values[2], 1);
	assert_true(report.scale_km >= 5 && report.scale_mm > 10);
	assert_true(report.scale_mm <= report.map_frame.width * 0.28 + 1e-9);
}

/* A poster whose largest figure is 4 still draws a full-size circle for
 * ten: four deaths are not drawn as a great disc. */
static void test_legend__small_figures_keep_small_circles(void **state)
{
	em_poster_options o;
	em_error err;

	(void)state;
	em_poster_options_init(&o);
	em_error_clear(&err);
	o.dpi = 72;
	o.filter.categories = 1u << EM_CATEGORY_SECURITY_FORCES; /* Al-Janoudiya's 4 */
	if (em_render_poster(out("small.pdf"), w.ds, w.basemap, &w.style, &o, &report, &err) !=
	    EM_OK)
		fail_msg("%s", err.message);
	assert_int_equal(report.legend_values[0], EM_RENDER_SCALE_FLOOR);
	for (size_t i = 0; i < report.marker_count; i++)
		if (report.markers[i].deaths)
			assert_true(report.markers[i].radius < 0.7 * w.style.marker_max_mm);
}

static char *pdf_text(const char *pdf)
{
	char command[512], *text = calloc(1, 65536);
	FILE *p;
	size_t n;

	snprintf(command, sizeof(command), "pdftotext -enc UTF-8 '%s' -", pdf);
	p = popen(command, "r");
	assert_non_null(p);
	n = fread(text, 1, 65535, p);
	text[n] = '\0';
	assert_int_equal(pclose(p), 0);
	return text;
}

static void test_pdf__text_sources_and_credits(void **state)
{
	static const char *const wanted[] = {
		"Violence on Syria", "Baniyas", "Al-Janoudiya", "SOHR", "SNHR", "UNHCR", "Reuters",
		"GeoNames", "CC BY 4.0", "GSHHG", "LGPL-3.0", "Tuwaym", "Akkar", "Not on the map",
		"Legend", "km"};
	char *text;
	FILE *f;
	char head[2048] = "";

	(void)state;
	render(out("poster.pdf"), "A3", false, 72, EM_LABELS_EN, NULL, &report);
	text = pdf_text(out("poster.pdf"));
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		if (strstr(text, wanted[i]) == NULL)
			fail_msg("the PDF text lacks '%s'", wanted[i]);
	free(text);
	/* Metadata: title and creator, as a PDF reader shows them. */
	snprintf(head, sizeof(head), "pdfinfo -enc UTF-8 '%s'", out("poster.pdf"));
	f = popen(head, "r");
	assert_non_null(f);
	text = calloc(1, 8192);
	assert_non_null(text);
	text[fread(text, 1, 8191, f)] = '\0';
	if (pclose(f) != 0)
		fail_msg("pdfinfo (poppler-utils) cannot read %s, or is not installed",
			 out("poster.pdf"));
	if (strstr(text, "\nCreator: ") == NULL ||
	    strstr(strstr(text, "\nCreator: "), "eventmap") == NULL)
		fail_msg("the PDF's creator is not eventmap: %s", text);
	if (strstr(text, "Title: ") == NULL ||
	    strstr(strstr(text, "Title: "), "Violence on Syria") == NULL)
		fail_msg("the PDF's title is not the poster's: %s", text);
	free(text);
}

static void test_styles__each_renders(void **state)
{
	static const char *const names[] = {"print", "dark", "mono"};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		em_style s;
		em_error err;
		em_error_clear(&err);
		assert_int_equal(em_style_load(&s, names[i], EM_SOURCE_DIR "/styles", &err), EM_OK);
		render(out("style.png"), "A4", false, 60, EM_LABELS_EN, &s, &report);
		assert_int_equal(report.labels_overlapping, 0);
	}
}

static void test_arabic__labels_shaped(void **state)
{
	char *text;

	(void)state;
	render(out("ar.pdf"), "A3", false, 72, EM_LABELS_AR, NULL, &report);
	text = pdf_text(out("ar.pdf"));
	/* بانياس, extracted from shaped glyphs back to its letters. */
	assert_non_null(strstr(text, "\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7\xD8\xB3"));
	free(text);
	render(out("both.png"), "A4", false, 72, EM_LABELS_BOTH, NULL, &report);
	assert_int_equal(report.labels_overlapping, 0);
}

static void assert_same_file(const char *a, const char *b)
{
	char command[512];

	snprintf(command, sizeof(command), "cmp -s '%s' '%s'", a, b);
	if (system(command) != 0)
		fail_msg("%s and %s differ", a, b);
}

static void test_determinism__same_bytes(void **state)
{
	(void)state;
	render(out("one.png"), "A4", false, 100, EM_LABELS_EN, NULL, NULL);
	render(out("two.png"), "A4", false, 100, EM_LABELS_EN, NULL, NULL);
	assert_same_file(out("one.png"), out("two.png"));
	render(out("one.pdf"), "A4", false, 100, EM_LABELS_EN, NULL, NULL);
	sleep(1); /* a clock in the PDF would show now */
	render(out("two.pdf"), "A4", false, 100, EM_LABELS_EN, NULL, NULL);
	assert_same_file(out("one.pdf"), out("two.pdf"));
}

static void test_golden__within_tolerance(void **state)
{
	cairo_surface_t *got, *want;
	const unsigned char *a, *b;
	size_t differing = 0, total;
	double sum = 0;
	int width, height;

	(void)state;
	render(out("golden.png"), "A4", false, 72, EM_LABELS_EN, NULL, NULL);
	if (getenv("EM_UPDATE_GOLDEN") != NULL && getenv("EM_UPDATE_GOLDEN")[0] != '\0') {
		/* Rewriting is not testing: comparing the new image with itself
		 * would pass whatever it shows. */
		char command[512];
		snprintf(command, sizeof(command), "cp '%s' '%s'", out("golden.png"), GOLDEN);
		if (system(command) != 0)
			fail_msg("EM_UPDATE_GOLDEN is set, but %s could not be rewritten", GOLDEN);
		fail_msg("EM_UPDATE_GOLDEN is set: %s was rewritten from this build and not compared; "
			 "look at it, then run again without EM_UPDATE_GOLDEN", GOLDEN);
	}
	got = cairo_image_surface_create_from_png(out("golden.png"));
	want = cairo_image_surface_create_from_png(GOLDEN);
	assert_int_equal(cairo_surface_status(got), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_surface_status(want), CAIRO_STATUS_SUCCESS);
	width = cairo_image_surface_get_width(got);
	height = cairo_image_surface_get_height(got);
	assert_int_equal(width, cairo_image_surface_get_width(want));
	assert_int_equal(height, cairo_image_surface_get_height(want));
	a = cairo_image_surface_get_data(got);
	b = cairo_image_surface_get_data(want);
	total = (size_t)width * (size_t)height;
	for (int y = 0; y < height; y++) {
		for (int x = 0; x < width; x++) {
			const unsigned char *p = a + y * cairo_image_surface_get_stride(got) + 4 * x;
			const unsigned char *q = b + y * cairo_image_surface_get_stride(want) + 4 * x;
			int d = abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]);
			sum += d;
			differing += d > 60;
		}
	}
	cairo_surface_destroy(got);
	cairo_surface_destroy(want);
	/* Anti-aliasing may move; the picture may not. */
	if (differing > total / 200 || sum / (double)total > 2.0)
		fail_msg("%zu of %zu pixels differ, mean difference %.2f: look at %s against %s",
			 differing, total, sum / (double)total, out("golden.png"), GOLDEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page__presets),
		cmocka_unit_test(test_png__size_and_places_on_their_pixels),
		cmocka_unit_test(test_labels__no_overlaps),
		cmocka_unit_test(test_legend__rounded_values_and_scale_bar),
		cmocka_unit_test(test_legend__small_figures_keep_small_circles),
		cmocka_unit_test(test_pdf__text_sources_and_credits),
		cmocka_unit_test(test_styles__each_renders),
		cmocka_unit_test(test_arabic__labels_shaped),
		cmocka_unit_test(test_determinism__same_bytes),
		cmocka_unit_test(test_golden__within_tolerance),
	};
	return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
