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
	FUZZ_CHECK(c->r >= 0 && c->r <= 1 && c->g >= 0 && c->g <= 1 && c->b >= 0 &&
		   c->b <= 1 && c->a >= 0 && c->a <= 1);
}

/* Every value of a loaded style is one the style table allows: colours
 * in 0..1, sizes finite and not negative (the table's ranges). */
static void check_style(const em_style *s)
{
	const em_color *colors[] = {
		&s->page, &s->panel, &s->panel_border, &s->heading, &s->text, &s->muted_text,
		&s->title_band, &s->title_text, &s->subtitle_text, &s->sea, &s->land,
		&s->focus_land, &s->neighbour_land, &s->coast, &s->border, &s->lake, &s->river,
		&s->frame, &s->sea_label, &s->country_label, &s->town_dot, &s->town_label,
		&s->category[0], &s->category[1], &s->category[2], &s->category[3],
		&s->category[4], &s->marker_outline, &s->label, &s->label_halo, &s->arrow,
		&s->arrow_uncounted, &s->inset_land, &s->inset_focus, &s->inset_box, &s->event_ink};
	const double numbers[] = {
		s->title_pt, s->subtitle_pt, s->heading_pt, s->text_pt, s->small_pt,
		s->credit_pt, s->margin_mm, s->gutter_mm, s->panel_padding_mm, s->coast_mm,
		s->border_mm, s->river_mm, s->frame_mm, s->town_dot_mm, s->town_pt,
		s->country_pt, s->marker_opacity, s->range_opacity, s->marker_outline_mm,
		s->marker_max_mm, s->marker_min_mm, s->label_pt, s->label_halo_mm,
		s->arrow_max_mm, s->arrow_min_mm, s->event_mm};

	FUZZ_CHECK(memchr(s->name, '\0', sizeof(s->name)) != NULL);
	FUZZ_CHECK(s->font[0] != '\0' && memchr(s->font, '\0', sizeof(s->font)) != NULL);
	FUZZ_CHECK(s->scaling == EM_SCALING_SQRT || s->scaling == EM_SCALING_FLANNERY);
	for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++)
		check_color(colors[i]);
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		FUZZ_CHECK(isfinite(numbers[i]) && numbers[i] >= 0 && numbers[i] <= 200);
	FUZZ_CHECK(s->marker_opacity <= 1 && s->range_opacity <= 1);
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
		FUZZ_CHECK(status == EM_ERR_INVALID && err.status == status &&
			   err.message[0] != '\0');
		return 0;
	}
	check_style(&style);
	return 0;
}
