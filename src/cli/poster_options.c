/* The options that say what a poster draws, the same in `render` and
 * `batch`: texts, page, style, labels, days and which events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "eventmap/style.h"

void cli_poster_args_init(cli_poster_args *a)
{
	memset(a, 0, sizeof(*a));
	em_poster_options_init(&a->poster);
	a->style = "print";
	a->page = "A3";
}

/* "Battles,protests" or "Strategic developments": names or keys of ACLED
 * event types, comma-separated. */
static bool parse_kinds(const char *list, unsigned *out, const char *command)
{
	char copy[512], *save = NULL;

	*out = 0;
	if (strlen(list) >= sizeof(copy)) {
		cli_error(command, "--event-type: the list is too long");
		return false;
	}
	snprintf(copy, sizeof(copy), "%s", list);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int found = -1;
		while (*t == ' ')
			t++;
		for (int k = 0; k < EM_EVENT_KIND_COUNT && found < 0; k++)
			if (strcasecmp(t, em_event_kind_name((em_event_kind)k)) == 0 ||
			    strcasecmp(t, em_event_kind_key((em_event_kind)k)) == 0)
				found = k;
		if (found < 0 && strcasecmp(t, "Explosions") == 0)
			found = EM_EVENT_EXPLOSIONS;
		if (found < 0) {
			cli_error(command, "--event-type '%s': use ACLED's types (Battles, Violence "
				  "against civilians, Explosions/Remote violence, Protests, Riots, "
				  "Strategic developments) or 'other', comma-separated", t);
			return false;
		}
		*out |= 1u << found;
	}
	return *out != 0;
}

static bool parse_categories(const char *list, unsigned *out, const char *command)
{
	char copy[256], *save = NULL;

	*out = 0;
	if (strlen(list) >= sizeof(copy)) {
		cli_error(command, "--category: the list is too long");
		return false;
	}
	snprintf(copy, sizeof(copy), "%s", list);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int found = -1;
		while (*t == ' ')
			t++;
		for (int k = 0; k < EM_CATEGORY_COUNT && found < 0; k++)
			if (strcasecmp(t, em_category_name((em_category)k)) == 0)
				found = k;
		if (found < 0) {
			cli_error(command, "--category '%s': use civilians, security_forces, "
				  "pro_assad_fighters or unknown, comma-separated", t);
			return false;
		}
		*out |= 1u << found;
	}
	return *out != 0;
}

int cli_poster_option(cli_poster_args *a, int c, const char *arg, const char *command)
{
	char *end;

	switch (c) {
	case 's': a->style = arg; return 1;
	case 'p': a->page = arg; return 1;
	case CLI_OPT_LANDSCAPE: a->portrait = false; return 1;
	case CLI_OPT_PORTRAIT: a->portrait = true; return 1;
	case CLI_OPT_TITLE: a->poster.title = arg; return 1;
	case CLI_OPT_SUBTITLE: a->poster.subtitle = arg; return 1;
	case CLI_OPT_CREDIT: a->poster.credit = arg; return 1;
	case CLI_OPT_LABELS: a->labels = arg; return 1;
	case CLI_OPT_CRS: a->poster.crs = arg; return 1;
	case CLI_OPT_BASEMAP: a->basemap = arg; return 1;
	case CLI_OPT_FROM: a->from = arg; return 1;
	case CLI_OPT_TO: a->to = arg; return 1;
	case CLI_OPT_EVENT_TYPE: a->event_types = arg; return 1;
	case CLI_OPT_CATEGORY: a->categories = arg; return 1;
	case CLI_OPT_DPI:
		a->poster.dpi = strtod(arg, &end);
		if (*end != '\0' || a->poster.dpi < 72 || a->poster.dpi > 1200) {
			cli_error(command, "--dpi '%s': give a number from 72 to 1200", arg);
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}

static bool parse_day(const char *command, const char *option, const char *text, em_date *out)
{
	if (em_date_parse(out, text))
		return true;
	cli_error(command, "%s '%s': give a date as YYYY-MM-DD", option, text);
	return false;
}

static bool parse_labels(cli_poster_args *a, const char *command)
{
	if (a->labels == NULL || strcmp(a->labels, "en") == 0)
		a->poster.labels = EM_LABELS_EN;
	else if (strcmp(a->labels, "ar") == 0)
		a->poster.labels = EM_LABELS_AR;
	else if (strcmp(a->labels, "both") == 0)
		a->poster.labels = EM_LABELS_BOTH;
	else {
		cli_error(command, "--labels '%s': use en, ar or both", a->labels);
		return false;
	}
	return true;
}

int cli_poster_finish(cli_poster_args *a, const char *command)
{
	em_filter *f = &a->poster.filter;
	em_error err;

	em_error_clear(&err);
	if (em_page_parse(&a->poster.page, a->page, a->portrait, &err) != EM_OK) {
		cli_error(command, "--page: %s", err.message);
		return CLI_EXIT_ERROR;
	}
	if (a->from != NULL && !(f->has_from = parse_day(command, "--from", a->from, &f->from)))
		return CLI_EXIT_ERROR;
	if (a->to != NULL && !(f->has_to = parse_day(command, "--to", a->to, &f->to)))
		return CLI_EXIT_ERROR;
	if (f->has_from && f->has_to && f->to < f->from) {
		cli_error(command, "--to is before --from");
		return CLI_EXIT_ERROR;
	}
	if (a->event_types != NULL && !parse_kinds(a->event_types, &f->event_kinds, command))
		return CLI_EXIT_ERROR;
	if (a->categories != NULL && !parse_categories(a->categories, &f->categories, command))
		return CLI_EXIT_ERROR;
	return parse_labels(a, command) ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

em_status cli_poster_load(const cli_poster_args *a, em_style *style, em_basemap **basemap,
			  em_error *err)
{
	char styles[4096], path[4096];
	em_status status = em_style_load(style, a->style,
					 cli_data_path(styles, sizeof(styles), "styles"), err);

	if (status == EM_OK)
		status = em_basemap_create(basemap, a->basemap != NULL
							  ? a->basemap
							  : cli_data_path(path, sizeof(path),
									  CLI_DEFAULT_BASEMAP),
					 err);
	return status;
}
