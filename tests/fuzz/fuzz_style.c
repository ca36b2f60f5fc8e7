/* libFuzzer target for the style reader: the input is written to a
 * temporary .ini file and loaded with em_style_load.  A style that loads
 * must hold only values a renderer can use. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventmap/style.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static void check_color(const em_color *c)
{
	FUZZ_CHECK(c->r >= 0 && c->r <= 1 && c->g >= 0 && c->g <= 1 && c->b >= 0 && c->b <= 1 &&
	      c->a >= 0 && c->a <= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	em_style style;
	em_error err;
	em_status status;

	if (!fuzz_write_temp(path, sizeof(path), ".ini", data, size))
		return 0;
	em_error_clear(&err);
	status = em_style_load(&style, path, NULL, &err);
	unlink(path);
	if (status != EM_OK) {
		FUZZ_CHECK(status == EM_ERR_INVALID && err.status == status && err.message[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(memchr(style.name, '\0', sizeof(style.name)) != NULL);
	FUZZ_CHECK(style.font[0] != '\0' && memchr(style.font, '\0', sizeof(style.font)) != NULL);
	check_color(&style.page);
	check_color(&style.sea);
	check_color(&style.label);
	for (size_t i = 0; i < sizeof(style.category) / sizeof(style.category[0]); i++)
		check_color(&style.category[i]);
	FUZZ_CHECK(isfinite(style.margin_mm) && isfinite(style.title_pt) &&
	      isfinite(style.marker_max_mm) && isfinite(style.marker_opacity));
	return 0;
}
