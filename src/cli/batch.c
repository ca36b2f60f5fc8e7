/* Posters for a series of days: one per day that has reports (and, on
 * request, "through day N" posters), all with the same extent and circle
 * scale, rendered by a pool of threads, then the overview sheet.  A day
 * that fails is reported with its day; the others still complete. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "eventmap/atomic.h"

#define DAYS_MAX 366

typedef struct batch_job {
	em_date day;
	bool cumulative;
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

static void run_job(batch_state *b, batch_job *job)
{
	em_poster_options o = b->poster;
	em_summary *summary = NULL;

	o.filter.has_to = true;
	o.filter.to = job->day;
	o.filter.has_from = !job->cumulative;
	o.filter.from = job->day;
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
	char date[16];

	em_date_format(date, sizeof(date), job->day);
	job->path_count = 0;
	for (int f = 0; f < 3; f++) {
		if (!wanted[f])
			continue;
		snprintf(job->paths[job->path_count], sizeof(job->paths[0]), "%s/days/%s%s.%s", dir,
			 job->cumulative ? "through-" : "", date, exts[f]);
		job->path_list[job->path_count] = job->paths[job->path_count];
		job->path_count++;
	}
}

/* The series' shared extent and scale: the whole dataset's area, and the
 * largest figure of any one poster, so no day's circles are clipped. */
static em_status series_frame(batch_state *b, em_bbox *extent, em_error *err)
{
	long long scale = 0, day_scale;
	em_bbox day_box;
	em_status status = em_render_fit(b->dataset, NULL, extent, &day_scale, err);

	for (size_t i = 0; i < b->job_count && status == EM_OK; i++) {
		em_filter f = b->poster.filter;
		f.has_from = !b->jobs[i].cumulative;
		f.has_to = true;
		f.from = f.to = b->jobs[i].day;
		em_error quiet;
		em_error_clear(&quiet);
		if (em_render_fit(b->dataset, &f, &day_box, &day_scale, &quiet) == EM_OK &&
		    day_scale > scale)
			scale = day_scale;
	}
	b->poster.scale_max = scale > 0 ? scale : 1;
	return status;
}

int cli_batch(const cli_batch_options *options, const em_dataset *dataset,
	      const em_basemap *basemap, const em_style *style, em_error *err)
{
	batch_state b;
	em_date days[DAYS_MAX];
	size_t day_count = em_dataset_days(dataset, days, DAYS_MAX), failed = 0;
	em_bbox extent;
	pthread_t threads[64];
	size_t workers, started = 0;
	char note[256], dir[4000], overview[2][4096];
	const char *overview_paths[2] = {overview[0], overview[1]};
	em_status status;

	if (day_count > DAYS_MAX)
		day_count = DAYS_MAX;
	memset(&b, 0, sizeof(b));
	b.options = options;
	b.dataset = dataset;
	b.basemap = basemap;
	b.style = style;
	b.poster = options->poster;
	b.progress = !options->quiet && isatty(STDERR_FILENO);
	b.jobs = calloc(day_count * 2 + 1, sizeof(*b.jobs));
	if (b.jobs == NULL) {
		em_error_set(err, EM_ERR_NOMEM, "out of memory");
		return CLI_EXIT_ERROR;
	}
	snprintf(dir, sizeof(dir), "%.3990s/days", options->directory);
	if (em_make_directories(dir, err) != EM_OK) {
		free(b.jobs);
		return CLI_EXIT_ERROR;
	}
	em_atomic_sweep(dir);
	for (size_t i = 0; i < day_count; i++) {
		for (int c = 0; c < (options->cumulative ? 2 : 1); c++) {
			batch_job *job = &b.jobs[b.job_count++];
			job->day = days[i];
			job->cumulative = c == 1;
			job_paths(job, options->directory, options);
		}
	}
	status = series_frame(&b, &extent, err);
	if (status != EM_OK) {
		free(b.jobs);
		return CLI_EXIT_ERROR;
	}
	b.poster.extent = &extent;
	snprintf(note, sizeof(note),
		 "Same extent and circle scale on every poster of this series: the largest figure "
		 "of any day (%lld) sets the full-size circle.", b.poster.scale_max);
	b.poster.series_note = note;
	pthread_mutex_init(&b.lock, NULL);
	workers = options->jobs < 1 ? 1 : (size_t)options->jobs;
	/* --jobs 1 means one thread: each poster's formats one after another. */
	b.poster.one_thread = workers == 1;
	if (workers > 64)
		workers = 64;
	if (b.progress)
		show_progress(&b);
	for (size_t i = 1; i < workers && i < b.job_count; i++)
		if (pthread_create(&threads[started], NULL, worker, &b) == 0)
			started++;
	worker(&b);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&b.lock);
	/* The overview sheet, once every day is done. */
	snprintf(overview[0], sizeof(overview[0]), "%s/overview.png", dir);
	snprintf(overview[1], sizeof(overview[1]), "%s/overview.pdf", dir);
	status = em_render_overview(overview_paths, 2, dataset, basemap, style, &b.poster, days,
				    day_count, false, err);
	if (!options->quiet) {
		printf("%-12s %-8s %-7s %s\n", "day", "poster", "places", "files");
		for (size_t i = 0; i < b.job_count; i++) {
			char date[16];
			em_date_format(date, sizeof(date), b.jobs[i].day);
			printf("%-12s %-8s ", date, b.jobs[i].cumulative ? "through" : "day");
			if (b.jobs[i].status == EM_OK) {
				printf("%-7zu", b.jobs[i].places);
				for (size_t k = 0; k < b.jobs[i].path_count; k++)
					printf(" %s", b.jobs[i].paths[k]);
				printf("\n");
			} else {
				printf("FAILED  %s\n", b.jobs[i].err.message);
			}
		}
		if (status == EM_OK)
			printf("%-12s %-8s %-7s %s %s\n", "all days", "overview", "", overview[0],
			       overview[1]);
	}
	for (size_t i = 0; i < b.job_count; i++) {
		if (b.jobs[i].status != EM_OK) {
			char date[16];
			em_date_format(date, sizeof(date), b.jobs[i].day);
			cli_error("batch", "%s: %s", date, b.jobs[i].err.message);
			failed++;
		}
	}
	if (status != EM_OK) {
		cli_error("batch", "overview: %s", err->message);
		failed++;
	}
	free(b.jobs);
	return failed > 0 ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
}
