/* Poster styles: GLib's GKeyFile parses the file; one table gives each
 * [group] key its field of em_style, its type, its built-in default (the
 * print style, as a style file writes it) and its range, and everything
 * else reads that table: em_style_defaults, the parser's lookup and checks,
 * and em_style_key_at.  Adding a style setting is one line here, and the
 * same line in styles/print.ini, which spells the defaults out for users
 * to copy (tests/style checks that the two agree).  GKeyFile does not
 * report line numbers, so a small scan of the raw text finds the line of a
 * bad key or a bad line. */
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
	const char *value; /* the print default, as styles/print.ini writes it */
	double min, max;   /* K_NUMBER: the values allowed */
} setting;

#define C(g, k, f, v) {g, k, K_COLOR, offsetof(em_style, f), v, 0, 0}
#define N(g, k, f, v, lo, hi) {g, k, K_NUMBER, offsetof(em_style, f), v, lo, hi}

/* In the order of styles/print.ini, which is also the order the values of
 * a file are checked in (the first bad one is the one reported). */
static const setting settings[] = {
	C("page", "background", page, "#f6f4ef"),
	N("page", "margin_mm", margin_mm, "12", 0, 100),
	N("page", "gutter_mm", gutter_mm, "7", 0, 50),
	{"page", "font", K_FONT, offsetof(em_style, font), "Noto Sans", 0, 0},
	C("title", "band", title_band, "#1f2a36"),
	C("title", "text", title_text, "#ffffff"),
	C("title", "subtitle", subtitle_text, "#d0d6de"),
	N("title", "size_pt", title_pt, "30", 4, 200),
	N("title", "subtitle_pt", subtitle_pt, "12.5", 3, 100),
	C("panel", "background", panel, "#ffffff"),
	C("panel", "border", panel_border, "#d9d6cf"),
	C("panel", "heading", heading, "#1f2a36"),
	C("panel", "text", text, "#2b2b2b"),
	C("panel", "muted", muted_text, "#6b6b6b"),
	N("panel", "heading_pt", heading_pt, "13.5", 3, 100),
	N("panel", "text_pt", text_pt, "10", 3, 100),
	N("panel", "small_pt", small_pt, "8.2", 3, 100),
	N("panel", "credit_pt", credit_pt, "7", 3, 100),
	N("panel", "padding_mm", panel_padding_mm, "5", 0, 50),
	C("map", "sea", sea, "#cfe1ee"),
	C("map", "land", land, "#e7e3da"),
	C("map", "focus_land", focus_land, "#fbfaf5"),
	C("map", "neighbour_land", neighbour_land, "#e3ded3"),
	C("map", "coast", coast, "#6f8fa8"),
	C("map", "border", border, "#8a7f70"),
	C("map", "lake", lake, "#cfe1ee"),
	C("map", "river", river, "#a9c5da"),
	C("map", "frame", frame, "#1f2a36"),
	C("map", "sea_label", sea_label, "#5d7f99"),
	C("map", "country_label", country_label, "#a39a8c"),
	N("map", "coast_mm", coast_mm, "0.25", 0, 5),
	N("map", "border_mm", border_mm, "0.45", 0, 5),
	N("map", "river_mm", river_mm, "0.3", 0, 5),
	N("map", "frame_mm", frame_mm, "0.5", 0, 5),
	N("map", "country_pt", country_pt, "13", 3, 100),
	C("towns", "dot", town_dot, "#3a3a3a"),
	C("towns", "label", town_label, "#4a4a4a"),
	N("towns", "dot_mm", town_dot_mm, "0.7", 0, 10),
	N("towns", "size_pt", town_pt, "8.5", 3, 100),
	/* Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
	C("markers", "civilians", category[0], "#d55e00"),
	C("markers", "security_forces", category[1], "#0072b2"),
	C("markers", "pro_assad_fighters", category[2], "#e69f00"),
	C("markers", "unknown", category[3], "#7f7f7f"),
	C("markers", "mixed", category[4], "#cc79a7"),
	C("markers", "outline", marker_outline, "#ffffff"),
	N("markers", "opacity", marker_opacity, "0.85", 0, 1),
	N("markers", "range_opacity", range_opacity, "0.35", 0, 1),
	N("markers", "outline_mm", marker_outline_mm, "0.35", 0, 5),
	N("markers", "max_radius_mm", marker_max_mm, "11", 1, 100),
	N("markers", "min_radius_mm", marker_min_mm, "1.4", 0.2, 50),
	{"markers", "scaling", K_SCALING, offsetof(em_style, scaling), "sqrt", 0, 0},
	C("labels", "color", label, "#1a1a1a"),
	C("labels", "halo", label_halo, "#ffffff"),
	N("labels", "size_pt", label_pt, "10.5", 3, 100),
	N("labels", "halo_mm", label_halo_mm, "0.7", 0, 5),
	C("events", "ink", event_ink, "#262626"),
	N("events", "size_mm", event_mm, "2.9", 0.5, 20),
	C("arrows", "color", arrow, "#1f3a5f"),
	C("arrows", "uncounted", arrow_uncounted, "#7d8fa3"),
	N("arrows", "max_width_mm", arrow_max_mm, "4.5", 0.2, 50),
	N("arrows", "min_width_mm", arrow_min_mm, "0.9", 0.1, 20),
	C("inset", "land", inset_land, "#e3ded3"),
	C("inset", "focus", inset_focus, "#f5deb3"),
	C("inset", "box", inset_box, "#c0392b"),
};

#define N_SETTINGS (sizeof(settings) / sizeof(settings[0]))
#define WHY_SIZE 96 /* "is out of range (a to b)" */

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

/* Sets the field `set` names from `value`: NULL, or what is wrong with
 * the value (written into why[] when it names the range). */
static const char *store(em_style *s, const setting *set, const char *value, char why[WHY_SIZE])
{
	char *field = (char *)s + set->offset, *end;
	double number;

	switch (set->type) {
	case K_COLOR:
		if (!parse_color(value, (em_color *)(void *)field))
			return "is not a colour (write #RRGGBB or #RRGGBBAA)";
		return NULL;
	case K_NUMBER:
		number = g_ascii_strtod(value, &end);
		if (end == value || *end != '\0' || !isfinite(number))
			return "is not a number";
		if (number < set->min || number > set->max) {
			snprintf(why, WHY_SIZE, "is out of range (%g to %g)", set->min, set->max);
			return why;
		}
		*(double *)(void *)field = number;
		return NULL;
	case K_FONT:
		if (value[0] == '\0' || strlen(value) >= sizeof(s->font))
			return "is not a font family name";
		snprintf(field, sizeof(s->font), "%s", value);
		return NULL;
	case K_SCALING:
		if (strcmp(value, "sqrt") == 0)
			s->scaling = EM_SCALING_SQRT;
		else if (strcmp(value, "flannery") == 0)
			s->scaling = EM_SCALING_FLANNERY;
		else
			return "is not a scaling: use sqrt or flannery";
		return NULL;
	}
	return NULL;
}

void em_style_defaults(em_style *s)
{
	char why[WHY_SIZE];

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "print");
	/* Each default is read as a style file's value would be; every one is
	 * valid (tests/style loads them all from styles/print.ini). */
	for (size_t i = 0; i < N_SETTINGS; i++)
		(void)store(s, &settings[i], settings[i].value, why);
}

bool em_style_key_at(size_t index, em_style_key *out)
{
	if (index >= N_SETTINGS)
		return false;
	out->group = settings[index].group;
	out->key = settings[index].key;
	out->default_value = settings[index].value;
	out->min = settings[index].min;
	out->max = settings[index].max;
	return true;
}

static const setting *find(const char *group, const char *key)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (strcmp(settings[i].group, group) == 0 && strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

static em_status apply(em_style *s, GKeyFile *file, const char *text, const char *path,
		       const setting *set, em_error *err)
{
	char *value = g_key_file_get_value(file, set->group, set->key, NULL);
	const char *problem;
	char why[WHY_SIZE];
	em_status status = EM_OK;

	if (value == NULL)
		return EM_OK; /* not given: the default stands */
	problem = store(s, set, g_strstrip(value), why);
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
		size_t k = 0;

		while (keys && keys[k] && find(groups[g], keys[k]) != NULL)
			k++;
		if (keys && keys[k])
			status = em_error_set(err, EM_ERR_INVALID,
					      "%s:%d: key '%s' in [%s] is not a style setting "
					      "(see styles/print.ini for the keys)",
					      path, line_of(text, groups[g], keys[k]), keys[k],
					      groups[g]);
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
		status = em_error_set(err, EM_ERR_IO, "style '%s': %s", name_or_path,
				      gerr->message);
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
	for (size_t i = 0; status == EM_OK && i < N_SETTINGS; i++)
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
