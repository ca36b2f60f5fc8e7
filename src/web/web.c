/* eventmap web: the folder DIR/web/, built beside it and swapped in
 * whole.  index.html, app.js and style.css are the page, copied as they
 * are; lib/ holds Leaflet and its licence; data/ what eventmap writes. */
#define _GNU_SOURCE /* renameat2 */
#include "web_internal.h"
#include "../render/render_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eventmap/atomic.h"

void em_web_options_init(em_web_options *options)
{
	memset(options, 0, sizeof(*options));
	em_poster_options_init(&options->poster);
}

/* The page's files: where each comes from (relative to page_dir or
 * library_dir) and where it goes. */
typedef struct static_file {
	bool library;
	const char *from, *to;
} static_file;

static const static_file static_files[] = {
	{false, "index.html", "index.html"},
	{false, "app.js", "app.js"},
	{false, "style.css", "style.css"},
	{true, "dist/leaflet.js", "lib/leaflet.js"},
	{true, "dist/leaflet.css", "lib/leaflet.css"},
	{true, "LICENSE", "lib/LICENSE-leaflet.txt"},
};

static em_status copy_file(const char *from, const char *to, size_t *bytes, em_error *err)
{
	FILE *in = fopen(from, "rb"), *out;
	char buf[65536];
	size_t n;
	bool failed = false;

	if (in == NULL)
		return em_error_set(err, EM_ERR_IO, "%s: cannot be read: %s (the page's files are "
				    "installed with eventmap)", from, strerror(errno));
	out = fopen(to, "wb");
	if (out == NULL) {
		fclose(in);
		return em_error_set(err, EM_ERR_IO, "%s: cannot be written: %s", to,
				    strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		failed |= fwrite(buf, 1, n, out) != n;
		*bytes += n;
	}
	failed |= ferror(in) != 0;
	fclose(in);
	if (fclose(out) != 0 || failed)
		return em_error_set(err, EM_ERR_IO, "%s: cannot be written: %s", to,
				    strerror(errno ? errno : EIO));
	return EM_OK;
}

static em_status copy_static(const char *temp, const em_web_options *o, size_t *bytes,
			     em_error *err)
{
	char from[4096], to[4096];
	em_status status = EM_OK;

	for (size_t i = 0; status == EM_OK && i < sizeof(static_files) / sizeof(static_files[0]);
	     i++) {
		const static_file *f = &static_files[i];
		snprintf(from, sizeof(from), "%s/%s", f->library ? o->library_dir : o->page_dir,
			 f->from);
		snprintf(to, sizeof(to), "%s/%s", temp, f->to);
		status = copy_file(from, to, bytes, err);
	}
	return status;
}

/* The days with a view: those the dataset covers, within the options'
 * days, that hold anything of the kinds asked for (batch's rule). */
static em_status plan_days(em_web_data *d, em_error *err)
{
	size_t covered = em_dataset_days(NULL, 0, d->dataset);
	em_date *all = malloc((covered + 1) * sizeof(*all));

	d->days = malloc((covered + 1) * sizeof(*d->days));
	if (all == NULL || d->days == NULL) {
		free(all);
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	}
	em_dataset_days(all, covered, d->dataset);
	for (size_t i = 0; i < covered; i++) {
		em_filter f = d->base;
		bool any = false;
		if ((f.has_from && all[i] < f.from) || (f.has_to && all[i] > f.to))
			continue;
		f.has_from = f.has_to = true;
		f.from = f.to = all[i];
		for (size_t k = 0; !any && k < em_dataset_report_count(d->dataset); k++)
			any = em_filter_keeps(&f, em_dataset_report(d->dataset, k));
		for (size_t k = 0; !any && k < em_dataset_flow_count(d->dataset); k++)
			any = em_filter_keeps_flow(&f, em_dataset_flow(d->dataset, k));
		if (any)
			d->days[d->day_count++] = all[i];
	}
	free(all);
	if (d->day_count == 0)
		return em_error_set(err, EM_ERR_NOTFOUND, "nothing reported%s: no page to write",
				    em_filter_narrows(&d->base)
					    ? " of the event types or categories asked for"
					    : " for these days");
	if (d->day_count > EM_WEB_DAYS_MAX)
		return em_error_set(err, EM_ERR_LIMIT, "the reports cover %zu days; a page holds "
				    "at most %d: narrow them with --from and --to", d->day_count,
				    EM_WEB_DAYS_MAX);
	return EM_OK;
}

static void widen(em_bbox *b, double lat, double lon)
{
	if (b->west > b->east) {
		*b = (em_bbox){lon, lat, lon, lat};
		return;
	}
	b->west = lon < b->west ? lon : b->west;
	b->east = lon > b->east ? lon : b->east;
	b->south = lat < b->south ? lat : b->south;
	b->north = lat > b->north ? lat : b->north;
}

/* What the page shows first: every place and arrow end. */
static void frame(em_web_data *d)
{
	d->bounds = (em_bbox){1, 1, -1, -1};
	for (size_t i = 0; i < d->place_count; i++)
		widen(&d->bounds, d->places[i]->lat, d->places[i]->lon);
	for (size_t i = 0; i < em_dataset_flow_count(d->dataset); i++) {
		const em_flow *f = em_dataset_flow(d->dataset, i);
		if (d->flow_index[i] == 0 || em__flow_unplaced_end(f) != NULL)
			continue;
		widen(&d->bounds, f->from.lat, f->from.lon);
		widen(&d->bounds, f->to.lat, f->to.lon);
	}
}

/* The indexes of what the page holds: the reports and flows the options
 * keep, the places of all its days. */
static em_status index_data(em_web_data *d, em_error *err)
{
	size_t reports = em_dataset_report_count(d->dataset);
	size_t flows = em_dataset_flow_count(d->dataset);
	em_status status = em_summary_create(&d->all, d->dataset, &d->base, err);

	if (status != EM_OK)
		return status;
	d->report_index = calloc(reports + 1, sizeof(size_t));
	d->flow_index = calloc(flows + 1, sizeof(size_t));
	d->places = calloc(d->all->place_count + 1, sizeof(*d->places));
	if (d->report_index == NULL || d->flow_index == NULL || d->places == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < reports; i++)
		if (em_filter_keeps(&d->base, em_dataset_report(d->dataset, i)))
			d->report_index[i] = ++d->report_count;
	for (size_t i = 0; i < flows; i++)
		if (em_filter_keeps_flow(&d->base, em_dataset_flow(d->dataset, i)))
			d->flow_index[i] = ++d->flow_count;
	for (size_t i = 0; i < d->all->place_count; i++) {
		const em_place_total *p = &d->all->places[i];
		uint64_t *at = em__keymap_get(&d->place_index, p->place_id, strlen(p->place_id),
					      true, NULL);
		if (at == NULL)
			return em_error_set(err, EM_ERR_NOMEM, "out of memory");
		d->places[d->place_count++] = p;
		*at = d->place_count;
	}
	frame(d);
	return plan_days(d, err);
}

static void free_data(em_web_data *d)
{
	em_summary_destroy(d->all);
	em__keymap_clear(&d->place_index);
	free(d->places);
	free(d->report_index);
	free(d->flow_index);
	free(d->days);
}

typedef struct js_job {
	em_web_data *data;
	const char *basemap;
	em_web_report *report;
} js_job;

static em_status basemap_js(FILE *out, js_job *job, em_error *err)
{
	em_web_data *d = job->data;
	em_status status = em__web_write_basemap(out, job->basemap, &d->coverage, err);
	em_bbox b = d->bounds;

	/* The reader may pan over the basemap and around every place. */
	if (b.west <= b.east) {
		widen(&d->coverage, b.south, b.west);
		widen(&d->coverage, b.north, b.east);
	}
	d->coverage.west -= 0.5;
	d->coverage.south -= 0.5;
	d->coverage.east += 0.5;
	d->coverage.north += 0.5;
	if (b.west > b.east)
		d->bounds = d->coverage; /* nothing placed: the whole basemap */
	return status;
}

static em_status data_js(FILE *out, js_job *job, em_error *err)
{
	return em__web_write_data(out, job->data, job->report, err);
}

/* "window.NAME = JSON.parse('...');": the JSON the function writes, as a
 * JavaScript string (browsers read a large object faster through
 * JSON.parse than as a literal).  Only backslashes, quotes and line ends
 * need escaping: the JSON holds no '<' and no raw U+2028 (json.c). */
static void write_js_string(FILE *out, const char *json, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (json[i]) {
		case '\\': fputs("\\\\", out); break;
		case '\'': fputs("\\'", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		default: fputc(json[i], out);
		}
	}
}

static em_status write_js(const char *path, const char *name,
			  em_status (*fn)(FILE *, js_job *, em_error *), js_job *job, size_t *bytes,
			  em_error *err)
{
	char *json = NULL;
	size_t len = 0;
	FILE *buffer = open_memstream(&json, &len), *out;
	em_status status;
	long size;

	if (buffer == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	status = fn(buffer, job, err);
	if (fclose(buffer) != 0 && status == EM_OK)
		status = em_error_set(err, EM_ERR_NOMEM, "out of memory");
	out = status == EM_OK ? fopen(path, "wb") : NULL;
	if (status == EM_OK && out == NULL)
		status = em_error_set(err, EM_ERR_IO, "%s: cannot be written: %s", path,
				      strerror(errno));
	if (out != NULL) {
		fprintf(out, "window.%s = JSON.parse('", name);
		write_js_string(out, json, len);
		fputs("');\n", out);
		size = ftell(out);
		if (ferror(out))
			status = em_error_set(err, EM_ERR_IO, "%s: cannot be written: %s", path,
					      strerror(errno ? errno : EIO));
		if (fclose(out) != 0 && status == EM_OK)
			status = em_error_set(err, EM_ERR_IO, "%s: cannot be written: %s", path,
					      strerror(errno));
		*bytes += size > 0 ? (size_t)size : 0;
	}
	free(json);
	return status;
}

/* Puts the folder built at temp in place of final, in one step when the
 * file system can exchange the two; the previous folder is removed. */
static em_status swap_in(const char *temp, const char *final, const char *dir, em_error *err)
{
	char old[4096];
	struct stat st;

	if (stat(final, &st) != 0) {
		if (rename(temp, final) == 0)
			return EM_OK;
	} else if (renameat2(AT_FDCWD, temp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
		em_atomic_remove_tree(temp); /* now the previous folder */
		return EM_OK;
	} else if (em_atomic_temp_dir(old, sizeof(old), dir, err) == EM_OK) {
		if (rename(final, old) == 0 && rename(temp, final) == 0) {
			em_atomic_remove_tree(old);
			return EM_OK;
		}
		em_atomic_remove_tree(old);
	}
	return em_error_set(err, EM_ERR_IO, "%s: cannot be put in place: %s", final,
			    strerror(errno));
}

static em_status check_target(const char *final, const em_web_options *o, const char *basemap,
			      em_error *err)
{
	struct stat st;

	if (o->page_dir == NULL || o->library_dir == NULL || basemap == NULL)
		return em_error_set(err, EM_ERR_INVALID, "the page's folder, Leaflet's folder and "
				    "the basemap are required");
	if (lstat(final, &st) == 0 && !S_ISDIR(st.st_mode))
		return em_error_set(err, EM_ERR_INVALID, "%s: is not a folder; eventmap web "
				    "writes a folder of that name", final);
	return EM_OK;
}

/* The folder's content at temp. */
static em_status build(const char *temp, js_job *job, em_error *err)
{
	char path[4096];
	size_t bytes = 0;
	em_status status = EM_OK;
	mode_t mask = umask(0);

	/* A private temporary folder becomes a page anyone may read. */
	umask(mask);
	if (chmod(temp, 0777 & ~mask) != 0)
		status = em_error_set(err, EM_ERR_IO, "%s: %s", temp, strerror(errno));
	for (int i = 0; status == EM_OK && i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", temp, i ? "data" : "lib");
		if (mkdir(path, 0755) != 0)
			status = em_error_set(err, EM_ERR_IO, "%s: cannot be made: %s", path,
					      strerror(errno));
	}
	if (status == EM_OK)
		status = copy_static(temp, job->data->options, &bytes, err);
	snprintf(path, sizeof(path), "%s/data/basemap.js", temp);
	if (status == EM_OK)
		status = write_js(path, "EVENTMAP_BASEMAP", basemap_js, job, &bytes, err);
	snprintf(path, sizeof(path), "%s/data/data.js", temp);
	if (status == EM_OK)
		status = write_js(path, "EVENTMAP", data_js, job, &bytes, err);
	if (job->report != NULL)
		job->report->bytes = bytes;
	return status;
}

em_status em_web_write(const char *dir, const em_dataset *dataset, const char *basemap,
		       const em_style *style, const em_web_options *options,
		       em_web_report *report, em_error *err)
{
	em_web_data d = {.dataset = dataset, .options = options, .style = style,
			 .base = options->poster.filter};
	em_poster_options texts = options->poster;
	js_job job = {&d, basemap, report};
	char final[4096], temp[4096] = "";
	em_bbox land;
	em_status status;

	if (report != NULL)
		memset(report, 0, sizeof(*report));
	snprintf(final, sizeof(final), "%s/web", dir);
	status = check_target(final, options, basemap, err);
	if (status == EM_OK)
		status = em__web_check_basemap(basemap, &land, err);
	/* As for the posters: a place beyond the basemap would be drawn on
	 * nothing, under a map of somewhere else. */
	if (status == EM_OK)
		status = em__check_places_within(&land, dataset, &d.base, err);
	if (status == EM_OK)
		status = index_data(&d, err);
	if (status == EM_OK && !em__focus_country(d.focus_country, sizeof(d.focus_country),
						   dataset, &options->poster))
		status = em_error_set(err, EM_ERR_NOMEM, "out of memory");
	em__poster_texts(&texts, dataset, d.subtitle_text, sizeof(d.subtitle_text));
	d.title = texts.title;
	d.subtitle = texts.subtitle;
	if (status == EM_OK)
		status = em_atomic_make_directories(dir, err);
	if (status == EM_OK)
		status = em_atomic_temp_dir(temp, sizeof(temp), dir, err);
	if (status == EM_OK)
		status = build(temp, &job, err);
	if (status == EM_OK)
		status = swap_in(temp, final, dir, err);
	if (status != EM_OK && temp[0] != '\0')
		em_atomic_remove_tree(temp);
	if (status == EM_OK && report != NULL) {
		report->report_count = d.report_count;
		report->flow_count = d.flow_count;
	}
	free_data(&d);
	return status;
}
