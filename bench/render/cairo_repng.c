/* bench_cairo_repng: reads a PNG with cairo_image_surface_create_from_png and
 * writes the same pixels back with cairo_surface_write_to_png, so that
 * bench/render can compare eventmap's PNG size with what Cairo's default
 * writer makes of the same poster.  Prints both sizes in bytes. */
#include <cairo.h>
#include <stdio.h>
#include <sys/stat.h>

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int main(int argc, char **argv)
{
	cairo_surface_t *surface;
	cairo_status_t status;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s IN.png OUT.png\n", argv[0]);
		return 1;
	}
	surface = cairo_image_surface_create_from_png(argv[1]);
	status = cairo_surface_status(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bench_cairo_repng: %s: %s\n", argv[1], cairo_status_to_string(status));
		goto done;
	}
	status = cairo_surface_write_to_png(surface, argv[2]);
	if (status != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bench_cairo_repng: %s: %s\n", argv[2], cairo_status_to_string(status));
		goto done;
	}
	printf("%lld %lld\n", file_size(argv[1]), file_size(argv[2]));
	rc = 0;
done:
	cairo_surface_destroy(surface);
	return rc;
}
