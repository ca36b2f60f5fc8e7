/* Posters for a series of periods: one per day the reports cover (and, on
 * request, "through day N" posters), or one per week, all with the same
 * extent and circle scale, rendered by a pool of threads, then the
 * overview sheet.  A period that fails is reported with its dates; the
 * others still complete. */
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "eventmap/atomic.h"

/* Posters of one run at most: beyond it, say how to narrow, never cut. */
#define PERIODS_MAX 366

/* Maps on one overview sheet at most: more would be too small to read (a
 * year of days is drawn, the overview is not, and the table says so). */
#define OVERVIEW_MAX 62

typedef struct batch_job {
	em_date first, last;        /* the poster's days */
	bool cumulative;            /* everything up to `last` */
	char name[48];              /* "2025-03-07", "through-2025-03-07", "2025-W10" */
	char paths[3][4096];
	const char *path_list[3];
	size_t path_count;
	em_status status;
	em_error err;
	size_t places;
} batch_job;

typedef struct batch_state {
	const cli_batch_options *options;
	const em_dataset *dataset;
	const em_basemap *basemap;
	const em_style *style;
	em_poster_options poster;
	batch_job *jobs;
	size_t job_count, next, done;
	pthread_mutex_t lock;
	bool progress;
	size_t overview_periods;    /* > OVERVIEW_MAX: no overview was drawn */
} batch_state;

static void show_progress(batch_state *b)
{
	int width = 30, filled = (int)(width * b->done / (b->job_count ? b->job_count : 1));

	fprintf(stderr, "\r[%.*s%*s] %zu/%zu posters", filled, "##############################",
		width - filled, "", b->done, b->job_count);
	if (b->done == b->job_count)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The filter of a job: its days, within the days and kinds asked for. */
static em_filter job_filter(const batch_state *b, const batch_job *job)
{
	em_filter f = b->poster.filter;

	if (!job->cumulative && (!f.has_from || f.from < job->first)) {
		f.from = job->first;
		f.has_from = true;
	}
	if (!f.has_to || f.to > job->last) {
		f.to = job->last;
		f.has_to = true;
	}
	return f;
}

static void run_job(batch_state *b, batch_job *job)
{
	em_poster_options o = b->poster;
	em_summary *summary = NULL;

	o.filter = job_filter(b, job);
	em_error_clear(&job->err);
	job->status = em_render_posters(job->path_list, job->path_count, b->dataset, b->basemap,
					b->style, &o, NULL, &job->err);
	if (job->status == EM_OK &&
	    em_summary_create(&summary, b->dataset, &o.filter, &job->err) == EM_OK)
		job->places = summary->place_count;
	em_summary_destroy(summary);
}

static void *worker(void *arg)
{
	batch_state *b = arg;

	for (;;) {
		size_t i;
		pthread_mutex_lock(&b->lock);
		i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->job_count)
			return NULL;
		run_job(b, &b->jobs[i]);
		pthread_mutex_lock(&b->lock);
		b->done++;
		if (b->progress)
			show_progress(b);
		pthread_mutex_unlock(&b->lock);
	}
}

/* Paths come only from validated dates and a fixed set of extensions. */
static void job_paths(batch_job *job, const char *dir, const cli_batch_options *o)
{
	static const char *const exts[3] = {"png", "pdf", "svg"};
	const bool wanted[3] = {o->png, o->pdf, o->svg};

	job->path_count = 0;
	for (int f = 0; f < 3; f++) {
		if (!wanted[f])
			continue;
		snprintf(job->paths[job->path_count], sizeof(job->paths[0]), "%.4000s/%s.%s", dir,
			 job->name, exts[f]);
		job->path_list[job->path_count] = job->paths[job->path_count];
		job->path_count++;
	}
}

/* Whether anything the posters would show falls in [first, last]. */
static bool holds_anything(const em_dataset *ds, const em_filter *base, em_date first,
			   em_date last)
{
	em_filter f = *base;

	f.has_from = f.has_to = true;
	f.from = first;
	f.to = last;
	for (size_t i = 0; i < em_dataset_report_count(ds); i++)
		if (em_filter_keeps(&f, em_dataset_report(ds, i)))
			return true;
	for (size_t i = 0; i < em_dataset_flow_count(ds); i++)
		if (em_filter_keeps_flow(&f, em_dataset_flow(ds, i)))
			return true;
	return false;
}

/* The Monday of a day's week and its ISO week name ("2025-W10"). */
static em_date week_of(em_date day, char *name, size_t size)
{
	em_date monday = day - (em_date)((((day + 3) % 7) + 7) % 7); /* 1970-01-01 was a Thursday */
	em_date thursday = monday + 3, jan1;
	int y, m, d;
	char text[16];

	em_date_split(thursday, &y, &m, &d);
	snprintf(text, sizeof(text), "%04d-01-01", y);
	em_date_parse(&jan1, text);
	snprintf(name, size, "%04d-W%02d", y, (int)((thursday - jan1) / 7) + 1);
	return monday;
}

/* The periods of the series: the days the dataset covers, within the days
 * asked for, that hold anything of the kinds asked for; or their weeks. */
static em_status plan(batch_state *b, const char *dir, em_date *days, size_t covered,
		      size_t *skipped, em_error *err)
{
	const cli_batch_options *o = b->options;
	const em_filter *f = &b->poster.filter;
	size_t wanted = 0;

	*skipped = 0;
	for (size_t i = 0; i < covered; i++) {
		em_date day = days[i], first = day, last = day;
		char name[32];
		if ((f->has_from && day < f->from) || (f->has_to && day > f->to))
			continue;
		if (o->weekly) {
			first = week_of(day, name, sizeof(name));
			last = first + 6;
			if (b->job_count > 0 && b->jobs[b->job_count - 1].first == first)
				continue;
		} else {
			em_date_format(name, sizeof(name), day);
		}
		if (!holds_anything(b->dataset, f, first, last)) {
			(*skipped)++;
			continue;
		}
		wanted += o->cumulative ? 2 : 1;
		if (wanted > PERIODS_MAX)
			return em_error_set(
				err, EM_ERR_INVALID,
				"the reports cover more than %d %s to draw: narrow them with "
				"--from/--to%s", PERIODS_MAX / (o->cumulative ? 2 : 1),
				o->weekly ? "weeks" : "days",
				o->weekly ? "" : ", or draw one poster a week with --weekly");
		for (int c = 0; c < (o->cumulative ? 2 : 1); c++) {
			batch_job *job = &b->jobs[b->job_count++];
			job->first = first;
			job->last = last;
			job->cumulative = c == 1;
			snprintf(job->name, sizeof(job->name), "%s%s", c == 1 ? "through-" : "",
				 name);
			job_paths(job, dir, o);
		}
	}
	return EM_OK;
}

/* The series' shared extent and scale: the whole dataset's area, and the
 * largest figure of any one poster, so no poster's circles are clipped. */
static em_status series_frame(batch_state *b, em_bbox *extent, em_error *err)
{
	em_filter *filters = calloc(b->job_count + 1, sizeof(*filters));
	em_status status;

	if (filters == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < b->job_count; i++)
		filters[i] = job_filter(b, &b->jobs[i]);
	status = em_render_series_frame(extent, &b->poster.scale_max, b->dataset, filters,
					b->job_count, err);
	free(filters);
	return status;
}

/* The posters drawn by this thread and, for --jobs N, N - 1 more (no more
 * than the posters need), with the array of threads sized to match. */
static void run_pool(batch_state *b)
{
	size_t workers = b->options->jobs < 1 ? 1 : (size_t)b->options->jobs, started = 0;
	size_t posters = b->job_count > 0 ? b->job_count : 1;
	size_t extra = (workers < posters ? workers : posters) - 1;
	pthread_t *threads = extra > 0 ? calloc(extra, sizeof(*threads)) : NULL;

	pthread_mutex_init(&b->lock, NULL);
	/* While posters are drawn at once, each poster's formats are written
	 * one after another: the workers fill the processors, and cairo's
	 * PDFs came out differently from run to run when both were threaded.
	 * The overview, drawn alone afterwards, writes its formats at once
	 * unless --jobs 1 asked for one thread. */
	b->poster.one_thread = true;
	if (b->progress)
		show_progress(b);
	/* Without memory for the array, this thread draws every poster. */
	for (size_t i = 0; threads != NULL && i < extra; i++)
		if (pthread_create(&threads[started], NULL, worker, b) == 0)
			started++;
	worker(b);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	pthread_mutex_destroy(&b->lock);
	b->poster.one_thread = workers == 1;
}

/* The overview sheet in the formats asked for, once every poster is done. */
static em_status overview(batch_state *b, const char *dir, char paths[][4096], size_t *count,
			  em_error *err)
{
	static const char *const exts[3] = {"png", "pdf", "svg"};
	const bool wanted[3] = {b->options->png, b->options->pdf, b->options->svg};
	const char *list[3];
	em_date starts[PERIODS_MAX];
	size_t n = 0;

	*count = 0;
	for (int f = 0; f < 3; f++) {
		if (!wanted[f])
			continue;
		snprintf(paths[*count], 4096, "%s/overview.%s", dir, exts[f]);
		list[*count] = paths[*count];
		(*count)++;
	}
	for (size_t i = 0; i < b->job_count; i++)
		if (!b->jobs[i].cumulative)
			starts[n++] = b->jobs[i].first;
	b->overview_periods = n;
	if (n == 0 || n > OVERVIEW_MAX) {
		*count = 0; /* none; print_table says why */
		return EM_OK;
	}
	return em_render_overview(list, *count, b->dataset, b->basemap, b->style, &b->poster,
				  starts, n, b->options->weekly ? 7 : 1, false, err);
}

static void print_table(const batch_state *b, size_t skipped, em_status overview_status,
			char paths[][4096], size_t path_count)
{
	printf("%-18s %-8s %-7s %s\n", b->options->weekly ? "week" : "day", "poster", "places",
	       "files");
	for (size_t i = 0; i < b->job_count; i++) {
		const batch_job *job = &b->jobs[i];
		printf("%-18s %-8s ", job->name, job->cumulative ? "through" : "poster");
		if (job->status != EM_OK) {
			printf("FAILED  %s\n", job->err.message);
			continue;
		}
		printf("%-7zu", job->places);
		for (size_t k = 0; k < job->path_count; k++)
			printf(" %s", job->paths[k]);
		printf("\n");
	}
	if (overview_status == EM_OK && path_count > 0) {
		printf("%-18s %-8s %-7s", "all", "overview", "");
		for (size_t k = 0; k < path_count; k++)
			printf(" %s", paths[k]);
		printf("\n");
	}
	if (b->overview_periods > OVERVIEW_MAX)
		printf("no overview: %zu %s are too many for one sheet (%d at most)%s\n",
		       b->overview_periods, b->options->weekly ? "weeks" : "days", OVERVIEW_MAX,
		       b->options->weekly ? "" : "; batch --weekly draws an overview of the weeks");
	if (skipped > 0)
		printf("%zu %s with nothing reported of the kinds asked for: no poster\n", skipped,
		       b->options->weekly ? "days" : (skipped == 1 ? "day" : "days"));
}

/* The series, checked and framed before anything is written: its
 * periods, that there are some, that they can be drawn on the basemap,
 * their directory and their shared extent and scale. */
static em_status plan_series(batch_state *b, const char *dir, em_bbox *extent, size_t *skipped,
			     em_error *err)
{
	size_t covered = em_dataset_days(NULL, 0, b->dataset);
	em_date *days = malloc((covered + 1) * sizeof(*days));
	em_status status;

	if (days == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	em_dataset_days(days, covered, b->dataset);
	status = plan(b, dir, days, covered, skipped, err);
	free(days);
	if (status == EM_OK && b->job_count == 0)
		status = em_error_set(err, EM_ERR_NOTFOUND, "nothing reported%s: no poster to draw",
				      em_filter_narrows(&b->poster.filter)
					      ? " of the event types or categories asked for"
					      : " for these days");
	if (status == EM_OK)
		status = em_render_check_places(b->basemap, b->dataset, &b->poster.filter, err);
	if (status == EM_OK)
		status = em_atomic_make_directories(dir, err);
	if (status == EM_OK)
		status = series_frame(b, extent, err);
	return status;
}

/* Names every poster that failed, and the overview if it did; the exit
 * code: nothing written at all is a failure, not a partial success. */
static int report_failures(const batch_state *b, em_status overview_status, em_error *err)
{
	size_t failed = 0;

	for (size_t i = 0; i < b->job_count; i++) {
		if (b->jobs[i].status != EM_OK) {
			cli_error("batch", "%s: %s", b->jobs[i].name, b->jobs[i].err.message);
			failed++;
		}
	}
	if (overview_status != EM_OK) {
		cli_error("batch", "overview: %s", err->message);
		failed++;
	}
	if (failed == 0)
		return CLI_EXIT_OK;
	if (failed < b->job_count)
		return CLI_EXIT_PARTIAL;
	em_error_set(err, EM_ERR_IO, "no poster could be written");
	return CLI_EXIT_ERROR;
}

/* With --overview-only: every poster of the series must be there (the
 * shares wrote them); each missing one is a failure named by its day. */
static void check_written(batch_state *b)
{
	struct stat st;

	for (size_t i = 0; i < b->job_count; i++) {
		batch_job *job = &b->jobs[i];
		for (size_t k = 0; k < job->path_count && job->status == EM_OK; k++)
			if (stat(job->paths[k], &st) != 0 || st.st_size == 0)
				job->status = em_error_set(&job->err, EM_ERR_NOTFOUND,
							   "%s is missing: its share has not run or "
							   "failed", job->paths[k]);
	}
}

/* This run's part of the series: every poster and the overview; a share's
 * posters (--shard) and no overview; or (--overview-only) the check that
 * the posters are there, and the overview. */
static em_status draw_share(batch_state *b, const char *dir, char paths[][4096], size_t *count,
			    em_error *err)
{
	const cli_batch_options *o = b->options;
	size_t kept = 0;

	*count = 0;
	if (o->overview_only) {
		check_written(b);
		b->poster.one_thread = o->jobs == 1;
		return overview(b, dir, paths, count, err);
	}
	if (o->shards > 0) {
		for (size_t i = 0; i < b->job_count; i++) {
			batch_job *job = &b->jobs[kept];
			if (i % o->shards != o->shard - 1)
				continue;
			*job = b->jobs[i];
			for (size_t k = 0; k < job->path_count; k++)
				job->path_list[k] = job->paths[k]; /* its own, not the slot's it left */
			kept++;
		}
		b->job_count = kept;
	}
	run_pool(b);
	return o->shards > 0 ? EM_OK : overview(b, dir, paths, count, err);
}

void cli_batch_options_init(cli_batch_options *options)
{
	long processors = sysconf(_SC_NPROCESSORS_ONLN);

	memset(options, 0, sizeof(*options));
	options->directory = "output";
	options->png = options->pdf = true;
	options->jobs = processors > 0 ? (int)processors : 1;
	em_poster_options_init(&options->poster);
}

/* One series (the whole dataset's, or a group's) in dir: planned,
 * checked, drawn (or, for --slurm, only counted in *posters); an exit
 * code. */
static int batch_series(const cli_batch_options *options, const em_dataset *dataset,
			const em_basemap *basemap, const em_style *style, const char *dir,
			const char *scope, size_t *posters, em_error *err)
{
	batch_state b = {.options = options, .dataset = dataset, .basemap = basemap,
			 .style = style, .poster = options->poster};
	em_bbox extent;
	char note[512], overview_paths[3][4096];
	size_t overview_count = 0, skipped = 0;
	em_status overview_status;
	int rc = CLI_EXIT_ERROR;

	*posters = 0;
	b.progress = !options->quiet && isatty(STDERR_FILENO);
	b.jobs = calloc(2 * PERIODS_MAX + 2, sizeof(*b.jobs));
	if (b.jobs == NULL) {
		em_error_set(err, EM_ERR_NOMEM, "out of memory");
		return CLI_EXIT_ERROR;
	}
	if (plan_series(&b, dir, &extent, &skipped, err) == EM_OK) {
		*posters = b.job_count;
		if (options->slurm_tasks > 0) {
			free(b.jobs);
			return CLI_EXIT_OK;
		}
		/* A share's temporary files are another node's: never swept. */
		if (options->shards == 0)
			em_atomic_sweep(dir);
		b.poster.extent = &extent;
		snprintf(note, sizeof(note), "%s%sSame extent and circle scale on every poster of "
			 "this series: the largest figure of any %s (%lld) sets the full-size circle.",
			 scope ? scope : "", scope ? " " : "", options->weekly ? "week" : "day",
			 b.poster.scale_max);
		b.poster.series_note = note;
		overview_status = draw_share(&b, dir, overview_paths, &overview_count, err);
		if (!options->quiet)
			print_table(&b, skipped, overview_status, overview_paths, overview_count);
		rc = report_failures(&b, overview_status, err);
	}
	free(b.jobs);
	return rc;
}

/* Group number i's series, titled with its name, saying what it leaves
 * out; adds its posters to *posters.  An exit code (failures printed). */
static int batch_group(const cli_batch_options *options, cli_groups *groups, size_t i,
		       const em_dataset *dataset, const em_basemap *basemap,
		       const em_style *style, const char *dir, bool wider_left_out,
		       size_t *posters)
{
	const cli_group *g = cli_groups_get(groups, i);
	cli_batch_options o = *options;
	em_dataset *part = NULL;
	char title[480], scope[512], no_total[320], group_dir[4096];
	size_t drawn = 0;
	em_error group_err;
	int rc;

	em_error_clear(&group_err);
	snprintf(group_dir, sizeof(group_dir), "%.3900s/%s", dir, g->key);
	snprintf(title, sizeof(title), "%.300s: %s",
		 o.poster.title ? o.poster.title : "Reported deaths, events and displacement",
		 g->name);
	o.poster.title = title;
	/* The dataset's totals for wider areas are in no group. */
	if (wider_left_out) {
		snprintf(no_total, sizeof(no_total), "No source gave a total for %s alone for "
			 "these days; totals for wider areas are not on this series.", g->name);
		o.poster.no_total_note = no_total;
	}
	snprintf(scope, sizeof(scope), "Only what was placed in %s: %zu of the dataset's %zu "
		 "reports, and displacement to or from it; reports for wider areas are not on "
		 "this series.", g->name, g->reports, em_dataset_report_count(dataset));
	if (!options->quiet && options->slurm_tasks == 0)
		printf("%s%s: %s, %zu report%s, %zu flow%s\n", i ? "\n" : "", g->key, g->name,
		       g->reports, g->reports == 1 ? "" : "s", g->flows, g->flows == 1 ? "" : "s");
	rc = cli_groups_subset(&part, groups, i, dataset, &group_err) == EM_OK
		     ? batch_series(&o, part, basemap, style, group_dir, scope, &drawn, &group_err)
		     : CLI_EXIT_ERROR;
	em_dataset_destroy(part);
	*posters += drawn;
	if (rc == CLI_EXIT_ERROR)
		cli_error("batch", "%s: %s", g->key, group_err.message);
	return rc;
}

/* --by: a series per group in DIR/days/GROUP/, each on its own extent,
 * titled with the group's name and saying what it leaves out. */
static int batch_groups(const cli_batch_options *options, const em_dataset *dataset,
			const em_basemap *basemap, const em_style *style, const char *dir,
			size_t *posters, em_error *err)
{
	cli_groups *groups = NULL;
	size_t failed = 0, count, outside_reports, outside_flows;
	int rc;

	*posters = 0;
	if (cli_groups_find(&groups, dataset, options->by, options->gazetteer, basemap, err) !=
	    EM_OK)
		return CLI_EXIT_ERROR;
	count = cli_groups_count(groups);
	cli_groups_outside(groups, dataset, &outside_reports, &outside_flows);
	if (count == 0) {
		cli_groups_destroy(groups);
		em_error_set(err, EM_ERR_NOTFOUND, "--by %s: no report or flow is placed in any %s%s",
			     options->by == CLI_BY_ADMIN1 ? "admin1" : "country",
			     options->by == CLI_BY_ADMIN1 ? "first-order division" : "country",
			     options->by == CLI_BY_ADMIN1 ? " (a row with coordinates needs its "
							    "admin1 column)" : "");
		return CLI_EXIT_ERROR;
	}
	for (size_t i = 0; i < count; i++) {
		rc = batch_group(options, groups, i, dataset, basemap, style, dir,
				 outside_reports > 0, posters);
		failed += rc != CLI_EXIT_OK;
	}
	if (!options->quiet && options->slurm_tasks == 0 && outside_reports + outside_flows > 0)
		printf("\n%zu report%s and %zu flow%s placed in no %s: on none of these "
		       "series\n", outside_reports, outside_reports == 1 ? "" : "s", outside_flows,
		       outside_flows == 1 ? "" : "s",
		       options->by == CLI_BY_ADMIN1 ? "first-order division" : "country");
	cli_groups_destroy(groups);
	if (failed == 0)
		return CLI_EXIT_OK;
	if (failed < count)
		return CLI_EXIT_PARTIAL;
	em_error_set(err, EM_ERR_IO, "no group's series could be drawn");
	return CLI_EXIT_ERROR;
}

int cli_batch(const cli_batch_options *options, const em_dataset *dataset,
	      const em_basemap *basemap, const em_style *style, em_error *err)
{
	char dir[4000];
	size_t posters = 0;
	int rc;

	snprintf(dir, sizeof(dir), "%.3990s/%s", options->directory,
		 options->weekly ? "weeks" : "days");
	if (options->by != CLI_BY_NONE)
		rc = batch_groups(options, dataset, basemap, style, dir, &posters, err);
	else
		rc = batch_series(options, dataset, basemap, style, dir, NULL, &posters, err);
	if (options->slurm_tasks > 0 && rc == CLI_EXIT_OK)
		return cli_slurm_write(options, posters, err);
	return rc;
}
