/* bench_blank_page: the floor for bench/render.  Writes a blank (white) A3
 * landscape page at 300 dpi, 4961 x 3508 pixels, with Cairo's own PNG writer
 * and prints the file's size, so that a whole-process time and peak memory
 * of "just encode an A3 page" sit next to eventmap's in the same run. */
#include <cairo.h>
#include <stdio.h>
#include <sys/stat.h>

/* A3 is 420 x 297 mm; at 300 dpi that is 4960.6 x 3507.9 pixels, rounded up
 * as eventmap does.  RGB24 like eventmap's opaque page: Cairo writes it as
 * 8-bit RGB without alpha. */
enum { PAGE_WIDTH_PX = 4961, PAGE_HEIGHT_PX = 3508 };

int main(int argc, char **argv)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	cairo_status_t status;
	struct stat st;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUT.png\n", argv[0]);
		return 1;
	}
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_WIDTH_PX, PAGE_HEIGHT_PX);
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	status = cairo_status(cr);
	if (status != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bench_blank_page: drawing: %s\n", cairo_status_to_string(status));
		goto done;
	}
	status = cairo_surface_write_to_png(surface, argv[1]);
	if (status != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bench_blank_page: %s: %s\n", argv[1], cairo_status_to_string(status));
		goto done;
	}
	if (stat(argv[1], &st) != 0) {
		perror(argv[1]);
		goto done;
	}
	printf("%s: %d x %d px, %lld bytes\n", argv[1], PAGE_WIDTH_PX, PAGE_HEIGHT_PX,
	       (long long)st.st_size);
	rc = 0;
done:
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	return rc;
}
