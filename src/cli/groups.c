/* batch --by: the groups of a dataset's places, first-order divisions or
 * countries, each drawn as a series of its own from a subset of the
 * dataset.
 *
 * A report belongs to the group of the place it was mapped to (or, when
 * not placed, of the country and division its row gave); a flow to the
 * groups of both its ends.  A division is named by the gazetteer when the
 * place came from it (GeoNames' admin1 code) and as the row wrote it
 * otherwise (an ACLED export's admin1); a country by the basemap's name
 * for its ISO code.  The directory of a group is made of letters, digits
 * and '-' only: "SY", "SY-Latakia", "LB-Baalbek-Hermel". */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The distinct (country, division) pairs met, each with its group. */
typedef struct pair {
	const char *country, *admin1;
	bool gazetteer;  /* admin1 is the gazetteer's code, not a name */
	long group;      /* -1: in no group */
} pair;

struct cli_groups {
	cli_by by;
	cli_group *groups;
	size_t count;
	pair *pairs;
	size_t pair_count, pair_cap;
	long *of_report;          /* the group of each report, or -1 */
	long (*of_flow)[2];       /* of each flow's ends */
	long current;             /* the group a subset is made for */
};

/* A name as a directory: ASCII letters and digits kept, a run of
 * anything else one '-' ("Baalbek - Hermel" -> "Baalbek-Hermel"); letters
 * beyond ASCII (an Arabic name) kept as the UTF-8 they are. */
static void slug(char *out, size_t size, const char *text)
{
	size_t n = 0;
	bool dash = false;

	for (const unsigned char *p = (const unsigned char *)text; *p && n + 2 < size; p++) {
		if (*p >= 0x80 || isalnum(*p)) {
			if (dash && n > 0)
				out[n++] = '-';
			out[n++] = (char)*p;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
}

static const char *country_name(const em_basemap *basemap, const char *iso)
{
	const em_basemap_layer *labels =
		basemap ? em_basemap_get(basemap, EM_BASEMAP_COUNTRY_LABELS) : NULL;

	for (size_t i = 0; labels != NULL && i < labels->count; i++)
		if (strcmp(labels->features[i].iso, iso) == 0 && labels->features[i].name[0] != '\0')
			return labels->features[i].name;
	return iso;
}

static bool valid_country(const char *iso)
{
	return iso != NULL && isupper((unsigned char)iso[0]) && isupper((unsigned char)iso[1]) &&
	       iso[2] == '\0';
}

/* Whether (lon, lat) lies in the feature's rings (even-odd). */
static bool inside(const em_basemap_feature *f, double lon, double lat)
{
	const double *c = f->coords;
	bool in = false;

	if (lon < f->bbox.west || lon > f->bbox.east || lat < f->bbox.south || lat > f->bbox.north)
		return false;
	for (size_t p = 0; p < f->part_count; p++) {
		size_t n = f->part_sizes[p];
		for (size_t i = 0, j = n - 1; i < n; j = i++) {
			double xi = c[2 * i], yi = c[2 * i + 1], xj = c[2 * j], yj = c[2 * j + 1];
			if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
				in = !in;
		}
		c += 2 * n;
	}
	return in;
}

/* A point mapped without a country (coordinates in a file with no country
 * column): the basemap's country it lies in, or "". */
static const char *country_at(const em_basemap *basemap, const em_location *where)
{
	const em_basemap_layer *countries =
		basemap ? em_basemap_get(basemap, EM_BASEMAP_COUNTRIES) : NULL;

	if (where->state == EM_STATE_NOT_MAPPED || where->precision > 1)
		return "";
	for (size_t i = 0; countries != NULL && i < countries->count; i++)
		if (countries->features[i].iso[0] != '\0' &&
		    inside(&countries->features[i], where->lon, where->lat))
			return countries->features[i].iso;
	return "";
}

/* The key and the name of a location's group; false when it has none. */
static bool group_of(cli_group *g, const em_location *where, cli_by by,
		     const em_gazetteer *gazetteer, const em_basemap *basemap)
{
	const char *division = NULL, *country = where->country;
	char part[80];

	memset(g, 0, sizeof(*g));
	if (by == CLI_BY_COUNTRY && (country == NULL || country[0] == '\0'))
		country = country_at(basemap, where);
	if (!valid_country(country))
		return false;
	if (by == CLI_BY_COUNTRY) {
		snprintf(g->key, sizeof(g->key), "%s", country);
		snprintf(g->name, sizeof(g->name), "%s", country_name(basemap, country));
		return true;
	}
	if (where->admin1 == NULL || where->admin1[0] == '\0')
		return false;
	if (where->place_id != NULL && where->place_id[0] != '\0')
		division = em_gazetteer_admin1_name(gazetteer, where->country, where->admin1);
	if (division == NULL)
		division = where->admin1;
	slug(part, sizeof(part), division);
	if (part[0] == '\0')
		return false;
	snprintf(g->key, sizeof(g->key), "%s-%s", where->country, part);
	snprintf(g->name, sizeof(g->name), "%.80s, %.60s", division,
		 country_name(basemap, where->country));
	return true;
}

static long find_group(cli_groups *gs, const cli_group *g)
{
	cli_group *grown;

	for (size_t i = 0; i < gs->count; i++)
		if (strcmp(gs->groups[i].key, g->key) == 0)
			return (long)i;
	grown = realloc(gs->groups, (gs->count + 1) * sizeof(*gs->groups));
	if (grown == NULL)
		return -2;
	gs->groups = grown;
	gs->groups[gs->count] = *g;
	return (long)gs->count++;
}

/* The group of a location, looked up by its (country, division) pair:
 * the names are worked out once a pair.  -2 when out of memory. */
static long locate(cli_groups *gs, const em_location *where, const em_gazetteer *gazetteer,
		   const em_basemap *basemap)
{
	const char *country = where->country ? where->country : "";
	const char *admin1 = where->admin1 ? where->admin1 : "";
	bool gazetteer_place = where->place_id != NULL && where->place_id[0] != '\0';
	cli_group g;
	long group;

	/* A point without a country is looked up where it lies, each time. */
	if (country[0] == '\0' && gs->by == CLI_BY_COUNTRY)
		return group_of(&g, where, gs->by, gazetteer, basemap) ? find_group(gs, &g) : -1;
	for (size_t i = 0; i < gs->pair_count; i++) {
		const pair *p = &gs->pairs[i];
		if (p->gazetteer == gazetteer_place && strcmp(p->country, country) == 0 &&
		    strcmp(p->admin1, admin1) == 0)
			return p->group;
	}
	group = group_of(&g, where, gs->by, gazetteer, basemap) ? find_group(gs, &g) : -1;
	if (group == -2)
		return -2;
	if (gs->pair_count == gs->pair_cap) {
		size_t cap = gs->pair_cap ? 2 * gs->pair_cap : 64;
		pair *grown = realloc(gs->pairs, cap * sizeof(*grown));
		if (grown == NULL)
			return -2;
		gs->pairs = grown;
		gs->pair_cap = cap;
	}
	gs->pairs[gs->pair_count++] = (pair){country, admin1, gazetteer_place, group};
	return group;
}

static int compare_groups(const void *a, const void *b)
{
	return strcmp(((const cli_group *)a)->key, ((const cli_group *)b)->key);
}

/* The groups in the order of their keys, and what was assigned to them
 * renumbered to match. */
static void sort_groups(cli_groups *gs, size_t reports, size_t flows)
{
	long *to = malloc((gs->count + 1) * sizeof(*to));

	if (to == NULL || gs->count == 0) {
		free(to);
		return; /* in the order found: still each group once */
	}
	for (size_t i = 0; i < gs->count; i++)
		gs->groups[i].index = (long)i;
	qsort(gs->groups, gs->count, sizeof(*gs->groups), compare_groups);
	for (size_t i = 0; i < gs->count; i++) {
		to[gs->groups[i].index] = (long)i;
		gs->groups[i].index = (long)i;
	}
	for (size_t i = 0; i < reports; i++)
		if (gs->of_report[i] >= 0)
			gs->of_report[i] = to[gs->of_report[i]];
	for (size_t i = 0; i < flows; i++)
		for (int end = 0; end < 2; end++)
			if (gs->of_flow[i][end] >= 0)
				gs->of_flow[i][end] = to[gs->of_flow[i][end]];
	free(to);
}

static em_status assign(cli_groups *gs, const em_dataset *dataset, const em_gazetteer *gazetteer,
			const em_basemap *basemap, em_error *err)
{
	size_t reports = em_dataset_report_count(dataset), flows = em_dataset_flow_count(dataset);

	gs->of_report = malloc((reports + 1) * sizeof(*gs->of_report));
	gs->of_flow = malloc((flows + 1) * sizeof(*gs->of_flow));
	if (gs->of_report == NULL || gs->of_flow == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < reports; i++)
		if ((gs->of_report[i] = locate(gs, &em_dataset_report(dataset, i)->where, gazetteer,
					       basemap)) == -2)
			return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < flows; i++) {
		const em_flow *f = em_dataset_flow(dataset, i);
		gs->of_flow[i][0] = locate(gs, &f->from, gazetteer, basemap);
		gs->of_flow[i][1] = locate(gs, &f->to, gazetteer, basemap);
		if (gs->of_flow[i][0] == -2 || gs->of_flow[i][1] == -2)
			return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	}
	return EM_OK;
}

em_status cli_groups_find(cli_groups **out, const em_dataset *dataset, cli_by by,
			  const em_gazetteer *gazetteer, const em_basemap *basemap, em_error *err)
{
	cli_groups *gs = calloc(1, sizeof(*gs));
	em_status status;

	*out = NULL;
	if (gs == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	gs->by = by;
	status = assign(gs, dataset, gazetteer, basemap, err);
	if (status != EM_OK) {
		cli_groups_destroy(gs);
		return status;
	}
	sort_groups(gs, em_dataset_report_count(dataset), em_dataset_flow_count(dataset));
	for (size_t i = 0; i < em_dataset_report_count(dataset); i++)
		if (gs->of_report[i] >= 0)
			gs->groups[gs->of_report[i]].reports++;
	for (size_t i = 0; i < em_dataset_flow_count(dataset); i++) {
		long a = gs->of_flow[i][0], b = gs->of_flow[i][1];
		if (a >= 0)
			gs->groups[a].flows++;
		if (b >= 0 && b != a)
			gs->groups[b].flows++;
	}
	*out = gs;
	return EM_OK;
}

size_t cli_groups_count(const cli_groups *groups)
{
	return groups->count;
}

const cli_group *cli_groups_get(const cli_groups *groups, size_t index)
{
	return &groups->groups[index];
}

void cli_groups_outside(const cli_groups *gs, const em_dataset *dataset, size_t *reports,
			size_t *flows)
{
	*reports = *flows = 0;
	for (size_t i = 0; i < em_dataset_report_count(dataset); i++)
		*reports += gs->of_report[i] < 0;
	for (size_t i = 0; i < em_dataset_flow_count(dataset); i++)
		*flows += gs->of_flow[i][0] < 0 && gs->of_flow[i][1] < 0;
}

static bool keeps_report(size_t index, const em_report *report, void *data)
{
	const cli_groups *gs = data;

	(void)report;
	return gs->of_report[index] == gs->current;
}

static bool keeps_flow(size_t index, const em_flow *flow, void *data)
{
	const cli_groups *gs = data;

	(void)flow;
	return gs->of_flow[index][0] == gs->current || gs->of_flow[index][1] == gs->current;
}

em_status cli_groups_subset(em_dataset **out, cli_groups *groups, size_t index,
			    const em_dataset *dataset, em_error *err)
{
	groups->current = (long)index;
	return em_dataset_subset(out, dataset, keeps_report, keeps_flow, groups, err);
}

void cli_groups_destroy(cli_groups *groups)
{
	if (groups == NULL)
		return;
	free(groups->groups);
	free(groups->pairs);
	free(groups->of_report);
	free(groups->of_flow);
	free(groups);
}
