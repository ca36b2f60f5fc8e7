/* Text through Pango (shaping, bidi, Arabic joining) on the Cairo page.
 * Sizes are given in points and laid out in millimetres; hinting is off so
 * that a label measures the same in a PNG at any DPI and in the PDF. */
#include "render_internal.h"

#include <stdio.h>

#include <math.h>

void em__set_color(cairo_t *cr, em_color c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

void em__set_color_alpha(cairo_t *cr, em_color c, double alpha)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * alpha);
}

PangoLayout *em__text_layout(rctx *r, const char *text, double pt, bool bold, bool italic,
			    double width_mm)
{
	PangoLayout *layout = pango_cairo_create_layout(r->cr);
	PangoFontDescription *font = pango_font_description_from_string(r->style->font);
	cairo_font_options_t *options = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(layout), options);
	/* Page units are millimetres: rounding glyph positions to whole units
	 * would space letters by up to half a millimetre. */
	pango_context_set_round_glyph_positions(pango_layout_get_context(layout), FALSE);
	cairo_font_options_destroy(options);
	pango_font_description_set_absolute_size(font, pt * r->text_scale * MM_PER_PT * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(font, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	if (width_mm > 0) {
		pango_layout_set_width(layout, (int)(width_mm * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	/* Pages read left to right: an Arabic name stays right to left within
	 * its run, but does not turn a line with Latin text and figures
	 * around ("بانياس · 15; 40+ (30 Mar – 2 Apr)"). */
	pango_context_set_base_dir(pango_layout_get_context(layout), PANGO_DIRECTION_LTR);
	pango_layout_context_changed(layout);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_text(layout, text, -1);
	return layout;
}

void em__text_size(PangoLayout *layout, double *width_mm, double *height_mm)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	*width_mm = (double)logical.width / PANGO_SCALE;
	*height_mm = (double)logical.height / PANGO_SCALE;
}

void em__draw_layout(rctx *r, PangoLayout *layout, double x, double y, em_color color)
{
	cairo_move_to(r->cr, x, y);
	em__set_color(r->cr, color);
	pango_cairo_show_layout(r->cr, layout);
}

void em__draw_layout_halo(rctx *r, PangoLayout *layout, double x, double y, em_color color,
			 em_color halo, double halo_mm)
{
	cairo_t *cr = r->cr;

	cairo_save(cr);
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, layout);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, 2 * halo_mm * r->text_scale);
	em__set_color(cr, halo);
	cairo_stroke(cr);
	cairo_restore(cr);
	em__draw_layout(r, layout, x, y, color);
}

void em__draw_leader(rctx *r, const em_box *box, double x, double y, em_color color)
{
	double bx = fmax(box->x, fmin(x, box->x + box->width));
	double by = fmax(box->y, fmin(y, box->y + box->height));

	cairo_new_path(r->cr);
	cairo_move_to(r->cr, bx, by);
	cairo_line_to(r->cr, x, y);
	em__set_color(r->cr, color);
	cairo_set_line_width(r->cr, 0.25 * r->text_scale);
	cairo_stroke(r->cr);
}

void em__date_words(char *out, size_t size, em_date day, bool weekday, bool year)
{
	static const char *const weekdays[] = {"Thursday", "Friday", "Saturday", "Sunday",
					       "Monday", "Tuesday", "Wednesday"};
	static const char *const months[] = {"January", "February", "March", "April", "May",
					     "June", "July", "August", "September",
					     "October", "November", "December"};
	char tail[16] = "";
	int y, m, d;

	em_date_split(day, &y, &m, &d);
	if (year)
		snprintf(tail, sizeof(tail), " %d", y);
	/* 1970-01-01 was a Thursday. */
	snprintf(out, size, "%s%s%d %s%s", weekday ? weekdays[((day % 7) + 7) % 7] : "",
		 weekday ? " " : "", d, months[m - 1], tail);
}
