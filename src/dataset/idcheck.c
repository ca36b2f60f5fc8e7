/* The duplicate-id check in bounded memory: ids are kept in a hash set
 * until it holds `budget` bytes; then the set is written, sorted, as a run
 * to a temporary file and emptied.  A duplicate within the set is found at
 * once; one across runs when the runs are merged at the end. */
#include "dataset_internal.h"
#include "../util/array.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads one run back through its own buffer with pread: the runs share
 * one file and one offset would not do. */
typedef struct run_reader {
	int fd;
	off_t next, end;            /* the run's unread bytes in the file */
	char buffer[65536];
	size_t at, filled;
	char *id;
	size_t len, cap;
	uint64_t line;
	bool live;
} run_reader;

void em__idcheck_init(em_idcheck *check, size_t budget)
{
	memset(check, 0, sizeof(*check));
	check->budget = budget;
}

void em__idcheck_free(em_idcheck *check)
{
	em__keymap_clear(&check->set);
	if (check->spill != NULL)
		fclose(check->spill);
	free(check->runs);
	memset(check, 0, sizeof(*check));
}

static int compare_keys(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

typedef struct record {
	const char *id;
	size_t len;
	uint64_t line;
} record;

static int compare_records(const void *x, const void *y)
{
	const record *a = x, *b = y;

	return compare_keys(a->id, a->len, b->id, b->len);
}

static em_status spill_failed(em_error *err, const char *path)
{
	return em_error_set(err, EM_ERR_IO,
			    "%s: cannot keep the ids for the duplicate check in this temporary "
			    "file (set TMPDIR to a directory with room): %s",
			    path, strerror(errno));
}

/* The temporary file the runs go to, unlinked at once: gone with the
 * process, whatever happens. */
static em_status open_spill(em_idcheck *check, em_error *err)
{
	const char *dir = getenv("TMPDIR");
	char *name = check->spill_path;
	int fd;

	snprintf(name, sizeof(check->spill_path), "%s/eventmap-ids-XXXXXX",
		 dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	fd = mkstemp(name);
	if (fd < 0)
		return spill_failed(err, name);
	unlink(name);
	check->spill = fdopen(fd, "w+b");
	if (check->spill == NULL) {
		close(fd);
		return spill_failed(err, name);
	}
	return EM_OK;
}

/* Writes the records, in their order, at the end of the spill file. */
static bool write_records(FILE *spill, const record *records, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t len32 = (uint32_t)records[i].len;
		if (fwrite(&len32, sizeof(len32), 1, spill) != 1 ||
		    (len32 > 0 && fwrite(records[i].id, len32, 1, spill) != 1) ||
		    fwrite(&records[i].line, sizeof(records[i].line), 1, spill) != 1)
			return false;
	}
	return fflush(spill) == 0;
}

/* Writes the set, sorted, as one more run, and empties it. */
static em_status spill(em_idcheck *check, em_error *err)
{
	size_t n = em__keymap_count(&check->set);
	record *records;
	bool written;

	if (check->spill == NULL) {
		em_status status = open_spill(check, err);
		if (status != EM_OK)
			return status;
	}
	/* runs[i] .. runs[i + 1] is run i: the first starts at 0. */
	if (!EM_ARRAY_RESERVE(check->runs, check->runs_cap, check->run_count + 2))
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	check->runs[0] = 0;
	records = malloc((n + 1) * sizeof(*records));
	if (records == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		records[i].id = em__keymap_key(&check->set, i, &records[i].len);
		records[i].line = check->set.entries[i].value;
	}
	qsort(records, n, sizeof(*records), compare_records);
	written = write_records(check->spill, records, n);
	free(records);
	if (!written)
		return spill_failed(err, check->spill_path);
	check->runs[++check->run_count] = ftello(check->spill);
	em__keymap_clear(&check->set);
	return EM_OK;
}

em_status em__idcheck_add(em_idcheck *check, const char *id, unsigned long line,
			 unsigned long *first, const char *path, em_error *err)
{
	bool added;
	uint64_t *value;

	*first = 0;
	if (check->budget > 0 && em__keymap_bytes(&check->set) > check->budget) {
		em_status status = spill(check, err);
		if (status != EM_OK)
			return status;
	}
	value = em__keymap_get(&check->set, id, strlen(id), true, &added);
	if (value == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "%s:%lu: out of memory keeping the ids", path,
				    line);
	if (!added)
		*first = (unsigned long)*value;
	else
		*value = line;
	return EM_OK;
}

static bool run_read(run_reader *r, void *out, size_t size)
{
	char *to = out;

	while (size > 0) {
		size_t n;
		if (r->at == r->filled) {
			size_t want = sizeof(r->buffer);
			ssize_t got;
			if ((off_t)want > r->end - r->next)
				want = (size_t)(r->end - r->next);
			if (want == 0)
				return false;
			got = pread(r->fd, r->buffer, want, r->next);
			if (got <= 0)
				return false;
			r->next += got;
			r->at = 0;
			r->filled = (size_t)got;
		}
		n = r->filled - r->at < size ? r->filled - r->at : size;
		memcpy(to, r->buffer + r->at, n);
		r->at += n;
		to += n;
		size -= n;
	}
	return true;
}

/* The run's next record; false on a read error (live is false at its end). */
static bool run_next(run_reader *r)
{
	uint32_t len;

	r->live = false;
	if (r->at == r->filled && r->next >= r->end)
		return true;
	if (!run_read(r, &len, sizeof(len)))
		return false;
	if (!EM_ARRAY_RESERVE(r->id, r->cap, (size_t)len + 1))
		return false;
	if (!run_read(r, r->id, len) || !run_read(r, &r->line, sizeof(r->line)))
		return false;
	r->id[len] = '\0';
	r->len = len;
	r->live = true;
	return true;
}

/* Notes the same id on two lines, keeping the pair whose later line comes
 * first in the file: the one a reader would hit first. */
static void note_duplicate(em_idcheck_duplicate *dup, const run_reader *a, const run_reader *b)
{
	uint64_t first = a->line < b->line ? a->line : b->line;
	uint64_t second = a->line < b->line ? b->line : a->line;

	if (dup->found && second >= dup->line)
		return;
	dup->found = true;
	dup->first_line = (unsigned long)first;
	dup->line = (unsigned long)second;
	snprintf(dup->id, sizeof(dup->id), "%s", a->id);
}

em_status em__idcheck_finish(em_idcheck *check, em_idcheck_duplicate *dup, em_error *err)
{
	run_reader *readers;
	size_t k;
	em_status status = EM_OK;

	memset(dup, 0, sizeof(*dup));
	if (check->run_count == 0)
		return EM_OK; /* everything was in memory, and checked there */
	status = spill(check, err);
	if (status != EM_OK)
		return status;
	k = check->run_count;
	readers = calloc(k, sizeof(*readers));
	if (readers == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < k && status == EM_OK; i++) {
		readers[i].fd = fileno(check->spill);
		readers[i].next = check->runs[i];
		readers[i].end = check->runs[i + 1];
		if (!run_next(&readers[i]))
			status = spill_failed(err, check->spill_path);
	}
	/* A k-way merge: the runs are few (one per budget's worth of ids). */
	while (status == EM_OK) {
		run_reader *low = NULL;
		for (size_t i = 0; i < k; i++)
			if (readers[i].live &&
			    (low == NULL ||
			     compare_keys(readers[i].id, readers[i].len, low->id, low->len) < 0))
				low = &readers[i];
		if (low == NULL)
			break;
		for (size_t i = 0; i < k; i++)
			if (&readers[i] != low && readers[i].live &&
			    compare_keys(readers[i].id, readers[i].len, low->id, low->len) == 0)
				note_duplicate(dup, low, &readers[i]);
		if (!run_next(low))
			status = spill_failed(err, check->spill_path);
	}
	for (size_t i = 0; i < k; i++)
		free(readers[i].id);
	free(readers);
	return status;
}
