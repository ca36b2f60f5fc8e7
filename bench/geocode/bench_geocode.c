/* bench_geocode: how many reported names a second the geocoder resolves on
 * one core, how long the gazetteer takes to load, and what its index costs
 * in memory.  The queries are drawn from the gazetteer itself with a fixed
 * seed, so every run on every machine measures the same work. */
#define _GNU_SOURCE /* sched_setaffinity() and the CPU_* macros */

#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "eventmap/error.h"
#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"
#include "spelling.h"

#ifndef EM_SOURCE_DIR
#define EM_SOURCE_DIR "."
#endif

#define GAZETTEER_FILE "geodata/geonames-levant.txt"
#define SUPPLEMENT_FILE "geodata/supplement.tsv"
#define LOAD_RUNS 11
#define QUERY_RUNS 5
#define SEED 0x5eedc0de2025ULL
/* Distinct generated names per category; a stream repeats them the way a
 * news dataset repeats its places. */
#define GENERATED_NAMES 50000
#define ARENA_BLOCK 65536
/* Goals from the benchmark's issue. */
#define GOAL_EXACT_PER_S 1000000.0
#define GOAL_FUZZY_PER_S 100000.0
#define GOAL_LOAD_MS 50.0

enum category { CAT_EXACT, CAT_VARIANT, CAT_FUZZY, CAT_MIX, CAT_COUNT };

static const char *const category_names[CAT_COUNT] = {"exact", "variant", "fuzzy", "mix"};
/* Look-ups per measurement; --quick divides by ten. */
static const size_t category_lookups[CAT_COUNT] = {1000000, 500000, 200000, 1000000};
/* The mix, in percent: exact, variant, misspelt. */
static const unsigned mix_percent[3] = {60, 25, 15};

static const char usage[] =
	"usage: bench_geocode [--quick] [--alone] [--dump FILE] [DATA_DIR]\n"
	"\n"
	"Measure gazetteer load time, geocoding throughput and memory.  DATA_DIR\n"
	"holds " GAZETTEER_FILE " and " SUPPLEMENT_FILE "\n"
	"(default: the source tree, " EM_SOURCE_DIR ").\n"
	"\n"
	"  -q, --quick       ten times fewer look-ups, for a smoke test\n"
	"  -a, --alone       judge every name alone (the region of interest only), not\n"
	"                    in the coast's context\n"
	"  -d, --dump FILE   write every distinct query with its answer (query, status,\n"
	"                    place id), for comparing what two versions do\n"
	"  -h, --help        show this help\n";

typedef struct arena_block {
	struct arena_block *next;
	size_t used;
	char data[];
} arena_block;

typedef struct query {
	const char *text; /* borrowed from the gazetteer or the pool's arena */
	size_t len;
	uint32_t source;  /* the place whose name it is, or was made from */
} query;

/* Every query string: [0, exact_end) names as written in the gazetteer,
 * [exact_end, variant_end) variants, [variant_end, count) misspellings. */
typedef struct query_pool {
	query *items;
	size_t count, cap;
	size_t exact_end, variant_end;
	arena_block *arena;
} query_pool;

typedef struct tally {
	size_t status[3]; /* by em_geocode_status */
	size_t elsewhere; /* resolved, but not to a place with its source's id */
	size_t errors;    /* em_geocode_name() refused the name */
} tally;

typedef struct measurement {
	size_t names;
	double names_per_s; /* median of QUERY_RUNS */
	double ns_per_name;
	tally outcome;
} measurement;

typedef struct report {
	bool pinned;
	size_t places;
	size_t pool_exact, pool_variant, pool_misspelt;
	double parse_ms, finish_ms, total_ms; /* medians of LOAD_RUNS */
	double fuzzy_ms;                      /* the fuzzy index, built on first use */
	long rss_before_kib, rss_loaded_kib;
	long peak_loaded_kib, peak_lookups_kib, peak_kib; /* after loading, look-ups, reloads */
	size_t context_places;                /* kept in the look-ups' context */
	measurement lookups[CAT_COUNT];
} report;

static bool alone; /* --alone: no context */

/* ---- clocks, memory, CPU ---------------------------------------------- */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts values in place. */
static uint64_t median_u64(uint64_t *values, size_t count)
{
	qsort(values, count, sizeof(*values), compare_u64);
	return values[count / 2];
}

/* Resident set size now, in KiB, or -1 where /proc is not available. */
static long rss_kib(void)
{
	FILE *status = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (status == NULL)
		return -1;
	while (fgets(line, sizeof(line), status) != NULL)
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(status);
	return kib;
}

/* The largest resident set so far, in KiB (Linux reports ru_maxrss so). */
static long peak_rss_kib(void)
{
	struct rusage usage_now;

	if (getrusage(RUSAGE_SELF, &usage_now) != 0)
		return -1;
	return usage_now.ru_maxrss;
}

/* One core, so that the scheduler moving the process does not show up as
 * noise.  Not being allowed to is not an error. */
static bool pin_to_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0;
}

/* ---- the gazetteer ---------------------------------------------------- */

static const char *data_path(char *buf, size_t size, const char *dir, const char *file)
{
	snprintf(buf, size, "%s/%s", dir, file);
	return buf;
}

/* Loads both files and builds the index, timing the two steps apart. */
static em_status load_gazetteer(em_gazetteer **out, const char *data_dir, uint64_t *parse_ns,
				uint64_t *finish_ns, em_error *err)
{
	char path[PATH_MAX];
	em_gazetteer *gz = NULL;
	uint64_t start, parsed;
	em_status status;

	*out = NULL;
	start = now_ns();
	status = em_gazetteer_create(&gz);
	if (status == EM_OK)
		status = em_gazetteer_load(gz, data_path(path, sizeof(path), data_dir, GAZETTEER_FILE),
					   EM_GAZETTEER_PLACES, err);
	if (status == EM_OK)
		status = em_gazetteer_load(gz, data_path(path, sizeof(path), data_dir, SUPPLEMENT_FILE),
					   EM_GAZETTEER_PLACES, err);
	parsed = now_ns();
	if (status == EM_OK)
		status = em_gazetteer_finish(gz, err);
	if (status != EM_OK) {
		em_gazetteer_destroy(gz);
		return em_error_set(err, status, "cannot load the gazetteer from %s", data_dir);
	}
	*parse_ns = parsed - start;
	*finish_ns = now_ns() - parsed;
	*out = gz;
	return EM_OK;
}

/* Medians of LOAD_RUNS loads into fresh gazetteers (files in the page cache). */
static em_status time_loads(report *out, const char *data_dir, em_error *err)
{
	uint64_t parse[LOAD_RUNS], finish[LOAD_RUNS], total[LOAD_RUNS], fuzzy[LOAD_RUNS];

	for (size_t run = 0; run < LOAD_RUNS; run++) {
		em_gazetteer *gz;
		em_status status = load_gazetteer(&gz, data_dir, &parse[run], &finish[run], err);
		uint64_t start;

		if (status != EM_OK)
			return status;
		total[run] = parse[run] + finish[run];
		start = now_ns();
		status = em_gazetteer_prepare_fuzzy(gz, err);
		fuzzy[run] = now_ns() - start;
		em_gazetteer_destroy(gz);
		if (status != EM_OK)
			return status;
	}
	out->fuzzy_ms = (double)median_u64(fuzzy, LOAD_RUNS) / 1e6;
	out->parse_ms = (double)median_u64(parse, LOAD_RUNS) / 1e6;
	out->finish_ms = (double)median_u64(finish, LOAD_RUNS) / 1e6;
	out->total_ms = (double)median_u64(total, LOAD_RUNS) / 1e6;
	return EM_OK;
}

/* ---- the query pool --------------------------------------------------- */

static const char *arena_copy(arena_block **head, const char *text, size_t len)
{
	arena_block *block = *head;
	char *copy;

	if (block == NULL || ARENA_BLOCK - block->used < len + 1) {
		block = malloc(sizeof(*block) + ARENA_BLOCK);
		if (block == NULL)
			return NULL;
		block->next = *head;
		block->used = 0;
		*head = block;
	}
	copy = block->data + block->used;
	memcpy(copy, text, len);
	copy[len] = '\0';
	block->used += len + 1;
	return copy;
}

static void pool_free(query_pool *pool)
{
	while (pool->arena != NULL) {
		arena_block *next = pool->arena->next;
		free(pool->arena);
		pool->arena = next;
	}
	free(pool->items);
	memset(pool, 0, sizeof(*pool));
}

static bool pool_add(query_pool *pool, const char *text, size_t len, uint32_t source)
{
	if (pool->count == pool->cap) {
		size_t cap = pool->cap ? pool->cap * 2 : 4096;
		query *grown = realloc(pool->items, cap * sizeof(*grown));
		if (grown == NULL)
			return false;
		pool->items = grown;
		pool->cap = cap;
	}
	pool->items[pool->count].text = text;
	pool->items[pool->count].len = len;
	pool->items[pool->count].source = source;
	pool->count++;
	return true;
}

/* Every name of every place as written: name, asciiname when it differs,
 * and each alternate name.  The strings stay the gazetteer's. */
static bool collect_names(query_pool *pool, const em_gazetteer *gz)
{
	for (size_t i = 0; i < em_gazetteer_count(gz); i++) {
		const em_place *p = em_gazetteer_place(gz, i);
		const char *alt = p->alternatenames;

		if (!pool_add(pool, p->name, strlen(p->name), (uint32_t)i))
			return false;
		if (strcmp(p->asciiname, p->name) != 0 &&
		    !pool_add(pool, p->asciiname, strlen(p->asciiname), (uint32_t)i))
			return false;
		while (*alt) {
			const char *comma = strchr(alt, ',');
			size_t len = comma ? (size_t)(comma - alt) : strlen(alt);

			if (len > 0 && !pool_add(pool, alt, len, (uint32_t)i))
				return false;
			alt += len + (comma ? 1 : 0);
		}
	}
	return true;
}

/* Appends GENERATED_NAMES variants (or misspellings) of the pool's ASCII
 * names, chosen at random. */
static em_status add_generated(query_pool *pool, enum category category, rng *r,
			       em_error *err)
{
	char buf[SPELLING_OUT_MAX];
	size_t made = 0, attempts = 0;
	size_t min_len = category == CAT_FUZZY ? SPELLING_MISSPELT_MIN : 1;

	while (made < GENERATED_NAMES) {
		const query *src = &pool->items[rng_below(r, pool->exact_end)];
		const char *copy;
		size_t len = 0;

		if (++attempts > (size_t)GENERATED_NAMES * 100)
			return em_error_set(err, EM_ERR_INVALID,
					    "the gazetteer has too few ASCII names to vary");
		if (src->len < min_len || src->len > SPELLING_SOURCE_MAX ||
		    !spelling_is_ascii(src->text, src->len))
			continue;
		if (category == CAT_FUZZY)
			len = spelling_mistake(buf, src->text, src->len, r);
		else
			len = spelling_variant(buf, src->text, src->len, r);
		if (len == 0)
			continue;
		copy = arena_copy(&pool->arena, buf, len);
		if (copy == NULL || !pool_add(pool, copy, len, src->source))
			return em_error_set(err, EM_ERR_NOMEM, "out of memory for the query pool");
		made++;
	}
	return EM_OK;
}

static em_status build_pool(query_pool *pool, const em_gazetteer *gz, em_error *err)
{
	rng r = {SEED};
	em_status status;

	if (!collect_names(pool, gz))
		return em_error_set(err, EM_ERR_NOMEM, "out of memory for the query pool");
	if (pool->count == 0)
		return em_error_set(err, EM_ERR_INVALID, "the gazetteer holds no names");
	pool->exact_end = pool->count;
	status = add_generated(pool, CAT_VARIANT, &r, err);
	pool->variant_end = pool->count;
	if (status == EM_OK)
		status = add_generated(pool, CAT_FUZZY, &r, err);
	return status;
}

/* ---- measuring -------------------------------------------------------- */

/* count indices into the pool, drawn from the category's part of it. */
static uint32_t *make_stream(const query_pool *pool, enum category category, size_t count,
			     rng *r)
{
	const size_t starts[3] = {0, pool->exact_end, pool->variant_end};
	const size_t ends[3] = {pool->exact_end, pool->variant_end, pool->count};
	uint32_t *stream = malloc(count * sizeof(*stream));

	for (size_t i = 0; stream != NULL && i < count; i++) {
		size_t part = (size_t)category;

		if (category == CAT_MIX) {
			size_t roll = rng_below(r, 100);
			part = roll < mix_percent[0] ? 0 : roll < mix_percent[0] + mix_percent[1] ? 1 : 2;
		}
		stream[i] = (uint32_t)(starts[part] + rng_below(r, ends[part] - starts[part]));
	}
	return stream;
}

/* Geocodes the stream once; the elapsed time in nanoseconds. */
static uint64_t geocode_stream(tally *out, const em_gazetteer *gz,
			       const em_geocode_options *options, const query_pool *pool,
			       const uint32_t *stream, size_t count)
{
	em_geocode_result result;
	uint64_t start;

	memset(out, 0, sizeof(*out));
	start = now_ns();
	for (size_t i = 0; i < count; i++) {
		const query *q = &pool->items[stream[i]];

		if (em_geocode_name(&result, gz, q->text, q->len, options, NULL) != EM_OK)
			out->errors++;
		else
			out->status[result.status]++;
	}
	return now_ns() - start;
}

/* The context every look-up is judged in: the places of the default
 * dataset's area, as a reports file of Syria's coast names them, so that
 * the context checks (distance to the nearest place of the context for
 * every candidate) are on. */
static const char *const context_names[] = {"Latakia", "Tartus", "Jableh", "Baniyas",
					    "Qardaha", "Hmeimim"};
#define CONTEXT_NAMES (sizeof(context_names) / sizeof(context_names[0]))

static em_status make_context(em_geocode_context **out, const em_gazetteer *gz, em_error *err)
{
	em_status status = em_geocode_context_create(out, "this file");

	for (size_t i = 0; i < CONTEXT_NAMES && status == EM_OK; i++) {
		em_geocode_result result;
		status = em_geocode_name(&result, gz, context_names[i], strlen(context_names[i]),
					 NULL, err);
		if (status == EM_OK)
			status = em_geocode_context_add_result(*out, context_names[i],
							       strlen(context_names[i]), &result);
	}
	if (status == EM_OK)
		status = em_geocode_context_finish(*out);
	return status == EM_OK ? EM_OK : em_error_set(err, status, "cannot build the context");
}

static em_status measure(measurement *out, const em_gazetteer *gz,
			 const em_geocode_context *context, const query_pool *pool,
			 enum category category, size_t count, em_error *err)
{
	em_geocode_options options;
	uint64_t elapsed[QUERY_RUNS], median;
	rng r = {SEED + 1 + (uint64_t)category};
	uint32_t *stream = make_stream(pool, category, count, &r);

	if (stream == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory for %zu queries", count);
	em_geocode_options_init(&options);
	options.context = context;
	for (size_t run = 0; run < QUERY_RUNS; run++)
		elapsed[run] = geocode_stream(&out->outcome, gz, &options, pool, stream, count);
	/* Untimed: how many were placed at another place than the one whose
	 * name the query is, or was made from. */
	for (size_t i = 0; i < count; i++) {
		const query *q = &pool->items[stream[i]];
		em_geocode_result result;
		if (em_geocode_name(&result, gz, q->text, q->len, &options, NULL) == EM_OK &&
		    result.status == EM_GEOCODE_RESOLVED &&
		    strcmp(result.place->id, em_gazetteer_place(gz, q->source)->id) != 0)
			out->outcome.elsewhere++;
	}
	median = median_u64(elapsed, QUERY_RUNS);
	out->names = count;
	out->names_per_s = median > 0 ? (double)count * 1e9 / (double)median : 0.0;
	out->ns_per_name = (double)median / (double)count;
	free(stream);
	return EM_OK;
}

/* ---- the report ------------------------------------------------------- */

/* 1234567.8 -> "1,234,568". */
static const char *grouped(char *buf, size_t size, double value)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%.0f", value);
	size_t at = 0;

	for (int i = 0; i < n && at + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[at++] = ',';
		buf[at++] = digits[i];
	}
	buf[at] = '\0';
	return buf;
}

static double mib(long kib)
{
	return kib < 0 ? -1.0 : (double)kib / 1024.0;
}

static const char *verdict(bool met)
{
	return met ? "met" : "MISSED";
}

static void print_lookup(const measurement *m, enum category category)
{
	char names[32], rate[32], goal[40] = "";

	if (category == CAT_EXACT)
		snprintf(goal, sizeof(goal), ">= 1,000,000/s %s",
			 verdict(m->names_per_s >= GOAL_EXACT_PER_S));
	else if (category == CAT_FUZZY)
		snprintf(goal, sizeof(goal), ">= 100,000/s %s",
			 verdict(m->names_per_s >= GOAL_FUZZY_PER_S));
	printf("  %-8s %10s %11s %8.0f %9zu %9zu %9zu %10zu%s%s\n", category_names[category],
	       grouped(names, sizeof(names), (double)m->names),
	       grouped(rate, sizeof(rate), m->names_per_s), m->ns_per_name,
	       m->outcome.status[EM_GEOCODE_RESOLVED], m->outcome.elsewhere,
	       m->outcome.status[EM_GEOCODE_AMBIGUOUS], m->outcome.status[EM_GEOCODE_UNRESOLVED],
	       goal[0] ? "  " : "", goal);
	if (m->outcome.errors > 0)
		printf("  %-8s %zu names refused by em_geocode_name()\n", "", m->outcome.errors);
}

static void print_report(const report *rep, const char *data_dir, bool quick)
{
	printf("eventmap geocoder benchmark%s\n", quick ? " (--quick: 1/10 of the look-ups)" : "");
	printf("  data        %s/{%s,%s}\n", data_dir, GAZETTEER_FILE, SUPPLEMENT_FILE);
	printf("  gazetteer   %zu places\n", rep->places);
	printf("  queries     %zu names as written, %zu variants, %zu misspellings "
	       "(seed %#llx)\n", rep->pool_exact, rep->pool_variant, rep->pool_misspelt,
	       (unsigned long long)SEED);
	printf("  cpu         %s\n\n", rep->pinned ? "pinned to CPU 0" : "not pinned");

	printf("load, files in the page cache (median of %d)      ms\n", LOAD_RUNS);
	printf("  parse files                        %10.2f\n", rep->parse_ms);
	printf("  finish (index build)               %10.2f\n", rep->finish_ms);
	printf("  total                              %10.2f  < 50 ms %s\n", rep->total_ms,
	       verdict(rep->total_ms < GOAL_LOAD_MS));
	printf("  fuzzy index (on first fuzzy use)   %10.2f\n\n", rep->fuzzy_ms);

	if (alone)
		printf("look-ups, one thread, default options, each name alone (median of %d)\n",
		       QUERY_RUNS);
	else
		printf("look-ups, one thread, default options in a context of %zu places of "
		       "Syria's coast\n(median of %d)\n", rep->context_places, QUERY_RUNS);
	printf("  %-8s %10s %11s %8s %9s %9s %9s %10s  %s\n", "category", "names", "names/s",
	       "ns/name", "resolved", "elsewhere", "ambiguous", "unresolved", "goal");
	for (int c = 0; c < CAT_COUNT; c++)
		print_lookup(&rep->lookups[c], (enum category)c);

	printf("\nmemory                                    MiB\n");
	printf("  RSS before loading                 %10.1f\n", mib(rep->rss_before_kib));
	printf("  RSS after loading (VmRSS)          %10.1f\n", mib(rep->rss_loaded_kib));
	printf("  gazetteer and index                %10.1f\n",
	       mib(rep->rss_loaded_kib - rep->rss_before_kib));
	printf("  peak after loading (ru_maxrss)     %10.1f\n", mib(rep->peak_loaded_kib));
	printf("  peak after look-ups (ru_maxrss)    %10.1f\n", mib(rep->peak_lookups_kib));
	printf("  peak after %d reloads (ru_maxrss)  %10.1f\n", LOAD_RUNS, mib(rep->peak_kib));
}

/* ---- main ------------------------------------------------------------- */

/* 0 to run, 1 for a usage error, -1 after --help. */
static int parse_args(const char **data_dir, bool *quick, const char **dump, int argc,
		      char **argv)
{
	static const struct option longopts[] = {
		{"quick", no_argument, NULL, 'q'},
		{"alone", no_argument, NULL, 'a'},
		{"dump", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int c;

	*data_dir = EM_SOURCE_DIR;
	*quick = false;
	*dump = NULL;
	while ((c = getopt_long(argc, argv, "qad:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': *quick = true; break;
		case 'a': alone = true; break;
		case 'd': *dump = optarg; break;
		case 'h': fputs(usage, stdout); return -1;
		default: fputs(usage, stderr); return 1;
		}
	}
	if (argc - optind > 1) {
		fputs(usage, stderr);
		return 1;
	}
	if (optind < argc)
		*data_dir = argv[optind];
	return 0;
}

/* Every distinct name of the pool with its answer in the context, one per
 * line (query, status, place id): for comparing what two versions do. */
static em_status dump_outcomes(const char *path, const em_gazetteer *gz,
			       const em_geocode_context *context, const query_pool *pool,
			       em_error *err)
{
	em_geocode_options options;
	FILE *out = fopen(path, "w");

	if (out == NULL)
		return em_error_set(err, EM_ERR_IO, "%s: cannot write", path);
	em_geocode_options_init(&options);
	options.context = context;
	for (size_t i = 0; i < pool->count; i++) {
		const query *q = &pool->items[i];
		em_geocode_result result;
		if (em_geocode_name(&result, gz, q->text, q->len, &options, NULL) != EM_OK)
			continue;
		fprintf(out, "%.*s\t%s\t%s\t%s\n", (int)q->len, q->text,
			em_geocode_status_name(result.status), result.place ? result.place->id : "",
			em_gazetteer_place(gz, q->source)->id);
	}
	return fclose(out) == 0 ? EM_OK : em_error_set(err, EM_ERR_IO, "%s: write failed", path);
}

static em_status run(report *rep, const char *data_dir, bool quick, const char *dump,
		     em_error *err)
{
	em_geocode_context *context = NULL;
	em_gazetteer *gz = NULL;
	query_pool pool = {0};
	uint64_t parse_ns, finish_ns;
	em_status status;

	rep->pinned = pin_to_cpu0();
	rep->rss_before_kib = rss_kib();
	status = load_gazetteer(&gz, data_dir, &parse_ns, &finish_ns, err);
	if (status != EM_OK)
		goto done;
	rep->rss_loaded_kib = rss_kib();
	rep->peak_loaded_kib = peak_rss_kib();
	rep->places = em_gazetteer_count(gz);
	status = build_pool(&pool, gz, err);
	if (status != EM_OK)
		goto done;
	rep->pool_exact = pool.exact_end;
	rep->pool_variant = pool.variant_end - pool.exact_end;
	rep->pool_misspelt = pool.count - pool.variant_end;
	if (!alone) {
		status = make_context(&context, gz, err);
		rep->context_places = em_geocode_context_count(context);
	}
	for (int c = 0; c < CAT_COUNT && status == EM_OK; c++)
		status = measure(&rep->lookups[c], gz, context, &pool, (enum category)c,
				 category_lookups[c] / (quick ? 10 : 1), err);
	if (status == EM_OK && dump != NULL)
		status = dump_outcomes(dump, gz, context, &pool, err);
	if (status != EM_OK)
		goto done;
	rep->peak_lookups_kib = peak_rss_kib();
	/* Reloads last, with the kept gazetteer and the queries gone, so that
	 * the peak is that of one load or of the look-ups, not of both. */
	pool_free(&pool);
	em_gazetteer_destroy(gz);
	gz = NULL;
	status = time_loads(rep, data_dir, err);
	rep->peak_kib = peak_rss_kib();
done:
	em_geocode_context_destroy(context);
	pool_free(&pool);
	em_gazetteer_destroy(gz);
	return status;
}

int main(int argc, char **argv)
{
	const char *data_dir, *dump;
	bool quick;
	report rep;
	em_error err;
	int rc = parse_args(&data_dir, &quick, &dump, argc, argv);

	if (rc != 0)
		return rc < 0 ? 0 : rc;
	memset(&rep, 0, sizeof(rep));
	em_error_clear(&err);
	if (run(&rep, data_dir, quick, dump, &err) != EM_OK) {
		fprintf(stderr, "bench_geocode: %s\n", err.message);
		return 1;
	}
	print_report(&rep, data_dir, quick);
	return 0;
}
