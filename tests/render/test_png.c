/* The PNG writer: a page drawn and compressed in strips, on several
 * threads or one, is the page drawn whole (to the last level of anti-
 * aliasing where a strip edge enters a coordinate's rounding), in a file any
 * PNG reader takes (its CRCs and Adler-32 checked by libpng through
 * Cairo), with the same bytes whatever the number of threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "../../src/render/render_internal.h"

#define DPI 150.0

static const double page_w = 420, page_h = 297;

/* Lines of every width the style allows crossing the strips' edges (rows
 * 256, 512, ...), a clip, text and filled shapes, on a page colour. */
static cairo_surface_t *test_page(void)
{
	cairo_rectangle_t extents = {0, 0, page_w, page_h};
	cairo_surface_t *page = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents);
	cairo_t *cr = cairo_create(page);
	double px = 25.4 / DPI;

	cairo_set_source_rgb(cr, 0.96, 0.95, 0.93);
	cairo_paint(cr);
	for (int edge = 256; edge < 1754; edge += 256) {
		for (int k = 0; k < 12; k++) {
			double width = 0.1 + k * 0.44; /* 0.1 to 4.94 mm */
			double y = edge * px + (k % 5 - 2) * width / 2;
			cairo_rectangle(cr, 10 + k * 33, y, 30, 40);
			cairo_set_line_width(cr, width);
			cairo_set_source_rgb(cr, 0.12, 0.16, 0.21);
			cairo_stroke(cr);
		}
		cairo_save(cr);
		cairo_rectangle(cr, 5, edge * px - 3, 410, 6);
		cairo_clip(cr);
		cairo_move_to(cr, 5, edge * px + 1.3);
		cairo_line_to(cr, 415, edge * px + 1.3);
		cairo_set_line_width(cr, 0.5);
		cairo_set_source_rgb(cr, 0.8, 0.3, 0.1);
		cairo_stroke(cr);
		cairo_restore(cr);
		cairo_arc(cr, 200, edge * px, 7, 0, 6.3);
		cairo_set_source_rgba(cr, 0.9, 0.4, 0.1, 0.7);
		cairo_fill(cr);
		cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
		cairo_set_font_size(cr, 6);
		cairo_move_to(cr, 250, edge * px + 2);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_show_text(cr, "Baniyas \xC2\xB7 Jableh Il|l");
	}
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	return page;
}

static cairo_surface_t *whole(cairo_surface_t *page, int width, int height)
{
	cairo_surface_t *image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	cairo_t *cr = cairo_create(image);

	cairo_scale(cr, DPI / 25.4, DPI / 25.4);
	cairo_set_source_surface(cr, page, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(image);
	return image;
}

static double channel_difference(uint32_t a, uint32_t b)
{
	double worst = 0;

	for (int shift = 0; shift < 24; shift += 8)
		worst = fmax(worst, fabs((double)((a >> shift) & 0xFF) - (double)((b >> shift) & 0xFF)));
	return worst;
}

static char *write_to(const char *name, cairo_surface_t *page, int width, int height,
		      bool one_thread, size_t *size)
{
	char path[256];
	FILE *out;
	em_error err;
	char *bytes;
	long n;

	snprintf(path, sizeof(path), "%s/test_png_%d_%s.png", P_tmpdir, (int)getpid(), name);
	out = fopen(path, "w+b");
	assert_non_null(out);
	em_error_clear(&err);
	assert_int_equal(em__png_write(out, path, page, NULL, width, height, DPI / 25.4, DPI,
				       one_thread, &err),
			 EM_OK);
	n = ftell(out);
	assert_true(n > 0);
	bytes = malloc((size_t)n);
	assert_non_null(bytes);
	rewind(out);
	assert_int_equal(fread(bytes, 1, (size_t)n, out), (size_t)n);
	fclose(out);
	*size = (size_t)n;
	/* Read back by libpng, through Cairo. */
	{
		cairo_surface_t *read = cairo_image_surface_create_from_png(path);
		cairo_surface_t *drawn = whole(page, width, height);
		int rs = cairo_image_surface_get_stride(read), ds = cairo_image_surface_get_stride(drawn);
		const unsigned char *r = cairo_image_surface_get_data(read);
		const unsigned char *d = cairo_image_surface_get_data(drawn);
		double worst = 0;

		assert_int_equal(cairo_surface_status(read), CAIRO_STATUS_SUCCESS);
		assert_int_equal(cairo_image_surface_get_width(read), width);
		assert_int_equal(cairo_image_surface_get_height(read), height);
		for (int y = 0; y < height; y++) {
			const uint32_t *a = (const uint32_t *)(const void *)(r + (size_t)y * rs);
			const uint32_t *b = (const uint32_t *)(const void *)(d + (size_t)y * ds);
			for (int x = 0; x < width; x++)
				worst = fmax(worst, channel_difference(a[x], b[x]));
		}
		/* Nothing missing or moved: a coordinate's last bit of rounding
		 * may differ where a strip's offset enters it (a level or four
		 * of anti-aliasing); a line lost at a strip's edge differs by
		 * hundreds. */
		assert_true(worst <= 8);
		cairo_surface_destroy(read);
		cairo_surface_destroy(drawn);
	}
	unlink(path);
	return bytes;
}

static void test_png__strips_equal_the_page_drawn_whole(void **state)
{
	cairo_surface_t *page = test_page();
	int width = (int)(page_w / 25.4 * DPI + 0.5), height = (int)(page_h / 25.4 * DPI + 0.5);
	size_t one_size, many_size;
	char *one, *many;

	(void)state;
	one = write_to("one", page, width, height, true, &one_size);
	many = write_to("many", page, width, height, false, &many_size);
	/* The same bytes on one thread as on several. */
	assert_int_equal(one_size, many_size);
	assert_memory_equal(one, many, one_size);
	/* 8-bit RGB, and the resolution in pixels a metre. */
	assert_memory_equal(one + 12, "IHDR", 4);
	assert_int_equal((unsigned char)one[24], 8);
	assert_int_equal((unsigned char)one[25], 2);
	assert_memory_equal(one + 37, "pHYs", 4);
	assert_int_equal(((unsigned char)one[41] << 24) | ((unsigned char)one[42] << 16) |
				 ((unsigned char)one[43] << 8) | (unsigned char)one[44],
			 5906);
	assert_memory_equal(one + one_size - 8, "IEND", 4);
	free(one);
	free(many);
	cairo_surface_destroy(page);
}

/* A page shorter than a strip, and one row. */
static void test_png__small_pages(void **state)
{
	cairo_surface_t *page = test_page();
	size_t size;

	(void)state;
	free(write_to("short", page, 300, 100, false, &size));
	free(write_to("row", page, 50, 1, false, &size));
	cairo_surface_destroy(page);
}

/* A disk that is full: the error names the file and the cause. */
static void test_png__write_error_named(void **state)
{
	cairo_surface_t *page = test_page();
	FILE *out = fopen("/dev/full", "wb");
	em_error err;

	(void)state;
	if (out == NULL) {
		cairo_surface_destroy(page);
		skip();
	}
	setvbuf(out, NULL, _IONBF, 0);
	em_error_clear(&err);
	assert_int_equal(em__png_write(out, "poster.png", page, NULL, 400, 300, DPI / 25.4, DPI,
				       false, &err),
			 EM_ERR_IO);
	assert_non_null(strstr(err.message, "poster.png: cannot write the PNG: No space"));
	fclose(out);
	cairo_surface_destroy(page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png__strips_equal_the_page_drawn_whole),
		cmocka_unit_test(test_png__small_pages),
		cmocka_unit_test(test_png__write_error_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
