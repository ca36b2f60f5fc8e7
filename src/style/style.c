/* Poster styles: GLib's GKeyFile parses the file; a table maps each
 * [group] key to a field of em_style with its type and range, so adding a
 * style setting is one line.  GKeyFile does not report line numbers, so a
 * small scan of the raw text finds the line of a bad key or a bad line. */
#include "eventmap/style.h"

#include <glib.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum kind { K_COLOR, K_NUMBER, K_FONT, K_SCALING } kind;

typedef struct setting {
	const char *group, *key;
	kind type;
	size_t offset;
	double min, max;
} setting;

#define C(g, k, f) {g, k, K_COLOR, offsetof(em_style, f), 0, 0}
#define N(g, k, f, lo, hi) {g, k, K_NUMBER, offsetof(em_style, f), lo, hi}

static const setting settings[] = {
	C("page", "background", page), N("page", "margin_mm", margin_mm, 0, 100),
	N("page", "gutter_mm", gutter_mm, 0, 50),
	{"page", "font", K_FONT, offsetof(em_style, font), 0, 0},
	C("title", "band", title_band), C("title", "text", title_text),
	C("title", "subtitle", subtitle_text), N("title", "size_pt", title_pt, 4, 200),
	N("title", "subtitle_pt", subtitle_pt, 3, 100),
	C("panel", "background", panel), C("panel", "border", panel_border),
	C("panel", "heading", heading), C("panel", "text", text), C("panel", "muted", muted_text),
	N("panel", "heading_pt", heading_pt, 3, 100), N("panel", "text_pt", text_pt, 3, 100),
	N("panel", "small_pt", small_pt, 3, 100), N("panel", "credit_pt", credit_pt, 3, 100),
	N("panel", "padding_mm", panel_padding_mm, 0, 50),
	C("map", "sea", sea), C("map", "land", land), C("map", "focus_land", focus_land),
	C("map", "neighbour_land", neighbour_land), C("map", "coast", coast),
	C("map", "border", border), C("map", "lake", lake), C("map", "river", river),
	C("map", "frame", frame), C("map", "sea_label", sea_label),
	C("map", "country_label", country_label), N("map", "coast_mm", coast_mm, 0, 5),
	N("map", "border_mm", border_mm, 0, 5), N("map", "river_mm", river_mm, 0, 5),
	N("map", "frame_mm", frame_mm, 0, 5), N("map", "country_pt", country_pt, 3, 100),
	C("towns", "dot", town_dot), C("towns", "label", town_label),
	N("towns", "dot_mm", town_dot_mm, 0, 10), N("towns", "size_pt", town_pt, 3, 100),
	C("markers", "civilians", category[0]), C("markers", "security_forces", category[1]),
	C("markers", "pro_assad_fighters", category[2]), C("markers", "unknown", category[3]),
	C("markers", "mixed", category[4]), C("markers", "outline", marker_outline),
	N("markers", "opacity", marker_opacity, 0, 1),
	N("markers", "range_opacity", range_opacity, 0, 1),
	N("markers", "outline_mm", marker_outline_mm, 0, 5),
	N("markers", "max_radius_mm", marker_max_mm, 1, 100),
	N("markers", "min_radius_mm", marker_min_mm, 0.2, 50),
	{"markers", "scaling", K_SCALING, offsetof(em_style, scaling), 0, 0},
	C("labels", "color", label), C("labels", "halo", label_halo),
	N("labels", "size_pt", label_pt, 3, 100), N("labels", "halo_mm", label_halo_mm, 0, 5),
	C("events", "ink", event_ink), N("events", "size_mm", event_mm, 0.5, 20),
	C("arrows", "color", arrow), C("arrows", "uncounted", arrow_uncounted),
	N("arrows", "max_width_mm", arrow_max_mm, 0.2, 50),
	N("arrows", "min_width_mm", arrow_min_mm, 0.1, 20),
	C("inset", "land", inset_land), C("inset", "focus", inset_focus), C("inset", "box", inset_box),
};

static em_color rgb(unsigned hex)
{
	em_color c = {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0,
		      1.0};
	return c;
}

void em_style_defaults(em_style *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "print");
	snprintf(s->font, sizeof(s->font), "Noto Sans");
	s->page = rgb(0xf6f4ef);
	s->panel = rgb(0xffffff);
	s->panel_border = rgb(0xd9d6cf);
	s->heading = rgb(0x1f2a36);
	s->text = rgb(0x2b2b2b);
	s->muted_text = rgb(0x6b6b6b);
	s->title_band = rgb(0x1f2a36);
	s->title_text = rgb(0xffffff);
	s->subtitle_text = rgb(0xd0d6de);
	s->title_pt = 30;
	s->subtitle_pt = 12.5;
	s->heading_pt = 13.5;
	s->text_pt = 10;
	s->small_pt = 8.2;
	s->credit_pt = 7;
	s->margin_mm = 12;
	s->gutter_mm = 7;
	s->panel_padding_mm = 5;
	s->sea = rgb(0xcfe1ee);
	s->land = rgb(0xe7e3da);
	s->focus_land = rgb(0xfbfaf5);
	s->neighbour_land = rgb(0xe3ded3);
	s->coast = rgb(0x6f8fa8);
	s->border = rgb(0x8a7f70);
	s->lake = rgb(0xcfe1ee);
	s->river = rgb(0xa9c5da);
	s->frame = rgb(0x1f2a36);
	s->sea_label = rgb(0x5d7f99);
	s->country_label = rgb(0xa39a8c);
	s->coast_mm = 0.25;
	s->border_mm = 0.45;
	s->river_mm = 0.3;
	s->frame_mm = 0.5;
	s->country_pt = 13;
	s->town_dot = rgb(0x3a3a3a);
	s->town_label = rgb(0x4a4a4a);
	s->town_dot_mm = 0.7;
	s->town_pt = 8.5;
	/* Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
	s->category[0] = rgb(0xd55e00);
	s->category[1] = rgb(0x0072b2);
	s->category[2] = rgb(0xe69f00);
	s->category[3] = rgb(0x7f7f7f);
	s->category[4] = rgb(0xcc79a7);
	s->marker_opacity = 0.85;
	s->range_opacity = 0.35;
	s->marker_outline = rgb(0xffffff);
	s->marker_outline_mm = 0.35;
	s->marker_max_mm = 11;
	s->marker_min_mm = 1.4;
	s->scaling = EM_SCALING_SQRT;
	s->label = rgb(0x1a1a1a);
	s->label_halo = rgb(0xffffff);
	s->label_pt = 10.5;
	s->label_halo_mm = 0.7;
	s->event_ink = rgb(0x262626);
	s->event_mm = 2.9;
	s->arrow = rgb(0x1f3a5f);
	s->arrow_uncounted = rgb(0x7d8fa3);
	s->arrow_max_mm = 4.5;
	s->arrow_min_mm = 0.9;
	s->inset_land = rgb(0xe3ded3);
	s->inset_focus = rgb(0xf5deb3);
	s->inset_box = rgb(0xc0392b);
}

static bool parse_color(const char *text, em_color *out)
{
	unsigned v[4] = {0, 0, 0, 255};
	size_t len;

	while (*text == ' ')
		text++;
	len = strcspn(text, " ");
	if (text[0] != '#' || (len != 7 && len != 9) || text[len + strspn(text + len, " ")] != '\0')
		return false;
	for (size_t i = 1; i < len; i++)
		if (!g_ascii_isxdigit(text[i]))
			return false;
	for (size_t i = 0; i < (len - 1) / 2; i++)
		v[i] = (unsigned)(g_ascii_xdigit_value(text[1 + 2 * i]) * 16 +
				  g_ascii_xdigit_value(text[2 + 2 * i]));
	out->r = v[0] / 255.0;
	out->g = v[1] / 255.0;
	out->b = v[2] / 255.0;
	out->a = v[3] / 255.0;
	return true;
}

/* The line where `group`/`key` is set, or where the first line GKeyFile
 * cannot read is, for messages. */
static int line_of(const char *text, const char *group, const char *key)
{
	char current[128] = "";
	int line = 1;

	for (const char *p = text; *p; line++) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *copy = g_strndup(p, len);
		char *s = g_strstrip(copy);

		if (s[0] == '[') {
			snprintf(current, sizeof(current), "%.*s", (int)strcspn(s + 1, "]"), s + 1);
		} else if (group != NULL && strcmp(current, group) == 0 &&
			   strncmp(s, key, strlen(key)) == 0) {
			const char *after = s + strlen(key);
			while (*after == ' ')
				after++;
			if (*after == '=') {
				g_free(copy);
				return line;
			}
		} else if (group == NULL && s[0] != '\0' && s[0] != '#' && s[0] != ';' &&
			   strchr(s, '=') == NULL) {
			g_free(copy);
			return line;
		}
		g_free(copy);
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static em_status apply(em_style *s, GKeyFile *file, const char *text, const char *path,
		       const setting *set, em_error *err)
{
	char *value = g_key_file_get_value(file, set->group, set->key, NULL);
	char *field = (char *)s + set->offset;
	const char *problem = NULL;
	char why[96], *end;
	double number;
	em_status status = EM_OK;

	if (value == NULL)
		return EM_OK; /* not given: the default stands */
	g_strstrip(value);
	switch (set->type) {
	case K_COLOR:
		if (!parse_color(value, (em_color *)(void *)field))
			problem = "is not a colour (write #RRGGBB or #RRGGBBAA)";
		break;
	case K_NUMBER:
		number = g_ascii_strtod(value, &end);
		if (end == value || *end != '\0' || !isfinite(number))
			problem = "is not a number";
		else if (number < set->min || number > set->max) {
			snprintf(why, sizeof(why), "is out of range (%g to %g)", set->min, set->max);
			problem = why;
		}
		else
			*(double *)(void *)field = number;
		break;
	case K_FONT:
		if (value[0] == '\0' || strlen(value) >= sizeof(s->font))
			problem = "is not a font family name";
		else
			snprintf(field, sizeof(s->font), "%s", value);
		break;
	case K_SCALING:
		if (strcmp(value, "sqrt") == 0)
			s->scaling = EM_SCALING_SQRT;
		else if (strcmp(value, "flannery") == 0)
			s->scaling = EM_SCALING_FLANNERY;
		else
			problem = "is not a scaling: use sqrt or flannery";
		break;
	}
	if (problem != NULL)
		status = em_error_set(err, EM_ERR_INVALID, "%s:%d: key '%s' in [%s]: '%s' %s", path,
				      line_of(text, set->group, set->key), set->key, set->group,
				      value, problem);
	g_free(value);
	return status;
}

/* A key the table does not know is a typo worth an error, not silence. */
static em_status check_unknown(GKeyFile *file, const char *text, const char *path, em_error *err)
{
	gchar **groups = g_key_file_get_groups(file, NULL);
	em_status status = EM_OK;

	for (size_t g = 0; groups[g] && status == EM_OK; g++) {
		gchar **keys = g_key_file_get_keys(file, groups[g], NULL, NULL);
		for (size_t k = 0; keys && keys[k] && status == EM_OK; k++) {
			bool known = false;
			for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]) && !known; i++)
				known = strcmp(settings[i].group, groups[g]) == 0 &&
					strcmp(settings[i].key, keys[k]) == 0;
			if (!known)
				status = em_error_set(err, EM_ERR_INVALID,
						      "%s:%d: key '%s' in [%s] is not a style setting "
						      "(see styles/print.ini for the keys)",
						      path, line_of(text, groups[g], keys[k]), keys[k],
						      groups[g]);
		}
		g_strfreev(keys);
	}
	g_strfreev(groups);
	return status;
}

static char *resolve_path(const char *name_or_path, const char *styles_dir)
{
	if (strchr(name_or_path, '/') != NULL || g_str_has_suffix(name_or_path, ".ini") ||
	    styles_dir == NULL)
		return g_strdup(name_or_path);
	return g_strdup_printf("%s/%s.ini", styles_dir, name_or_path);
}

em_status em_style_load(em_style *out, const char *name_or_path, const char *styles_dir,
			em_error *err)
{
	char *path = resolve_path(name_or_path, styles_dir);
	char *text = NULL, *base;
	gsize len = 0;
	GKeyFile *file = g_key_file_new();
	GError *gerr = NULL;
	em_status status = EM_OK;

	em_style_defaults(out);
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		status = em_error_set(err, EM_ERR_IO, "style '%s': %s", name_or_path, gerr->message);
		goto done;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL) || memchr(text, '\0', len) != NULL) {
		status = em_error_set(err, EM_ERR_INVALID, "%s: not a UTF-8 text file", path);
		goto done;
	}
	if (!g_key_file_load_from_data(file, text, len, G_KEY_FILE_NONE, &gerr)) {
		status = em_error_set(err, EM_ERR_INVALID, "%s:%d: %s", path,
				      line_of(text, NULL, NULL), gerr->message);
		goto done;
	}
	status = check_unknown(file, text, path, err);
	for (size_t i = 0; status == EM_OK && i < sizeof(settings) / sizeof(settings[0]); i++)
		status = apply(out, file, text, path, &settings[i], err);
	base = g_path_get_basename(path);
	if (g_str_has_suffix(base, ".ini"))
		base[strlen(base) - 4] = '\0';
	snprintf(out->name, sizeof(out->name), "%s", base);
	g_free(base);
done:
	if (gerr != NULL)
		g_error_free(gerr);
	g_key_file_free(file);
	g_free(text);
	g_free(path);
	return status;
}
