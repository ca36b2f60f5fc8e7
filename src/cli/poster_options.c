/* The options that say what a poster draws, the same in `render`, `batch`
 * and (the title and focus country) `run`: texts, page, style, labels,
 * days and which events; and loading what a poster is drawn from. */
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

/* A comma-separated list of names, each one bit of a set. */
typedef struct name_list {
	const char *option;            /* "--event-type" */
	size_t size;                   /* the longest list taken, plus one */
	int (*find)(const char *name); /* its bit, or -1 */
	const char *expected;          /* what to give instead of a name not found */
} name_list;

/* Sets the bit of each name of text in *out; false, with a message, for a
 * name not found or a list too long, and (as before, without one) for a
 * list of no names (","). */
static bool parse_names(const name_list *list, const char *text, unsigned *out,
			const char *command)
{
	char copy[512], *save = NULL;

	*out = 0;
	if (strlen(text) >= list->size || strlen(text) >= sizeof(copy)) {
		cli_error(command, "%s: the list is too long", list->option);
		return false;
	}
	snprintf(copy, sizeof(copy), "%s", text);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int found;
		while (*t == ' ')
			t++;
		found = list->find(t);
		if (found < 0) {
			cli_error(command, "%s '%s': use %s, comma-separated", list->option, t,
				  list->expected);
			return false;
		}
		*out |= 1u << found;
	}
	return *out != 0;
}

/* An ACLED event type by name or key ("Battles", "protests"). */
static int find_kind(const char *name)
{
	for (int k = 0; k < EM_EVENT_KIND_COUNT; k++)
		if (strcasecmp(name, em_event_kind_name((em_event_kind)k)) == 0 ||
		    strcasecmp(name, em_event_kind_key((em_event_kind)k)) == 0)
			return k;
	return strcasecmp(name, "Explosions") == 0 ? EM_EVENT_EXPLOSIONS : -1;
}

static int find_category(const char *name)
{
	for (int k = 0; k < EM_CATEGORY_COUNT; k++)
		if (strcasecmp(name, em_category_name((em_category)k)) == 0)
			return k;
	return -1;
}

static const name_list event_types = {
	"--event-type", 512, find_kind,
	"ACLED's types (Battles, Violence against civilians, Explosions/Remote violence, "
	"Protests, Riots, Strategic developments) or 'other'"};
static const name_list categories = {
	"--category", 256, find_category,
	"civilians, security_forces, pro_assad_fighters or unknown"};

/* --focus-country: a two-letter ISO code, upper-cased, or none. */
static bool parse_focus_country(cli_poster_args *a, const char *code, const char *command)
{
	bool letters = strlen(code) == 2;

	if (strcmp(code, "none") == 0) {
		a->poster.focus_country = "";
		return true;
	}
	for (int i = 0; letters && i < 2; i++) {
		char c = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
		letters = c >= 'A' && c <= 'Z';
		a->focus_country[i] = c;
	}
	if (!letters) {
		cli_error(command, "--focus-country '%s': give a two-letter ISO country code "
			  "(SY, LB...) or none", code);
		return false;
	}
	a->focus_country[2] = '\0';
	a->poster.focus_country = a->focus_country;
	return true;
}

int cli_poster_option(cli_poster_args *a, cli_option_id id, const char *arg,
		      const char *command)
{
	switch (id) {
	case CLI_OPT_STYLE: a->style = arg; return 1;
	case CLI_OPT_PAGE: a->page = arg; return 1;
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
	case CLI_OPT_FOCUS_COUNTRY: return parse_focus_country(a, arg, command) ? 1 : -1;
	case CLI_OPT_DPI:
		return cli_parse_number(&a->poster.dpi, arg, 72, 1200, command, "--dpi") ? 1 : -1;
	default: return 0;
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

int cli_poster_finish(cli_poster_args *a, const cli_dataset_options *data, const char *command)
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
	if (a->event_types != NULL &&
	    !parse_names(&event_types, a->event_types, &f->event_kinds, command))
		return CLI_EXIT_ERROR;
	if (a->categories != NULL &&
	    !parse_names(&categories, a->categories, &f->categories, command))
		return CLI_EXIT_ERROR;
	/* The default dataset has its own title; the user's, the generic one. */
	if (a->poster.title == NULL && data->reports == NULL)
		a->poster.title = CLI_DEFAULT_TITLE;
	return parse_labels(a, command) ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

/* The style and basemap the options name, the gazetteers, and the dataset
 * placed with them. */
static em_status load_inputs(cli_poster_inputs *in, const cli_poster_args *a,
			     const cli_gazetteer_options *gazetteers,
			     const cli_dataset_options *data, const char *command, em_error *err)
{
	char styles[4096], path[4096];
	em_status status;

	memset(in, 0, sizeof(*in));
	status = em_style_load(&in->style, a->style,
			       cli_data_path(styles, sizeof(styles), "styles"), err);
	if (status == EM_OK && !a->basemap_unread)
		status = em_basemap_create(&in->basemap, a->basemap != NULL
							 ? a->basemap
							 : cli_data_path(path, sizeof(path),
									 CLI_DEFAULT_BASEMAP),
					   err);
	if (status == EM_OK)
		status = cli_load_gazetteer(&in->gazetteer, gazetteers, err);
	if (status == EM_OK)
		status = cli_load_dataset(&in->dataset, in->gazetteer, data, command, err);
	return status;
}

static void free_inputs(cli_poster_inputs *in)
{
	em_dataset_destroy(in->dataset);
	em_gazetteer_destroy(in->gazetteer);
	em_basemap_destroy(in->basemap);
}

int cli_poster_command(const char *command, const cli_poster_args *poster,
		       const cli_gazetteer_options *gazetteers, const cli_dataset_options *data,
		       cli_poster_work work, const void *args)
{
	cli_poster_inputs in;
	em_error err;
	int rc = CLI_EXIT_ERROR;

	em_error_clear(&err);
	if (load_inputs(&in, poster, gazetteers, data, command, &err) == EM_OK)
		rc = work(args, &in, &err);
	if (rc == CLI_EXIT_ERROR)
		cli_error(command, "%s", err.message);
	free_inputs(&in);
	return rc;
}
