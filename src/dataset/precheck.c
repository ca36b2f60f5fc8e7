/* A pass over a CSV file before GDAL reads it, for the faults GDAL's CSV
 * driver forgives silently: binary data, invalid UTF-8, an unbalanced quote
 * that would swallow the rest of the file into one field, and rows with
 * more or fewer fields than the header.  It only counts separators and
 * quotes; the values themselves are read by GDAL. */
#include "dataset_internal.h"
#include "../util/array.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/text.h"

typedef struct scan {
	const char *path;
	char separator;
	bool in_quotes;
	unsigned long quote_line;   /* where the open quote started */
	unsigned long record_line;  /* where the current record started */
	size_t fields;              /* separators seen in this record + 1 */
	size_t header_fields;       /* 0 until the header is complete */
	bool record_blank;          /* nothing but white space so far */
	em_line_map map;
} scan;

static char choose_separator(const char *header, size_t len)
{
	bool comma = memchr(header, ',', len) != NULL;

	if (!comma && memchr(header, ';', len) != NULL)
		return ';';
	if (!comma && memchr(header, '\t', len) != NULL)
		return '\t';
	return ',';
}

/* Counts a data record and maps it to its line: a new breakpoint only
 * where the line is not the one the last breakpoint predicts. */
static em_status map_record(scan *s, em_error *err)
{
	em_line_map *m = &s->map;
	unsigned long record = ++m->total;
	const em_line_break *last = m->count > 0 ? &m->breaks[m->count - 1] : NULL;

	if (last != NULL && last->line + (record - last->record) == s->record_line)
		return EM_OK;
	if (!EM_ARRAY_RESERVE(m->breaks, m->cap, m->count + 1))
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", s->path);
	m->breaks[m->count].record = record;
	m->breaks[m->count].line = s->record_line;
	m->count++;
	return EM_OK;
}

static em_status end_record(scan *s, em_error *err)
{
	if (s->record_blank && s->fields == 1)
		return EM_OK; /* blank lines are skipped, as GDAL does */
	if (s->header_fields == 0) {
		s->header_fields = s->fields;
		return EM_OK;
	}
	if (s->fields != s->header_fields)
		return em_error_set(err, EM_ERR_INVALID,
				    "%s: line %lu: %zu fields, but the header has %zu "
				    "(a missing or extra separator, or a value with '%c' "
				    "that is not quoted)",
				    s->path, s->record_line, s->fields, s->header_fields,
				    s->separator);
	return map_record(s, err);
}

unsigned long em__line_map_find(em_line_map *map, unsigned long record)
{
	const em_line_break *at;

	if (map->count == 0 || record < map->breaks[0].record || record > map->total)
		return record + 1; /* a guess beats nothing: GDAL and the scan disagree */
	if (map->cursor >= map->count || map->breaks[map->cursor].record > record)
		map->cursor = 0;
	while (map->cursor + 1 < map->count && map->breaks[map->cursor + 1].record <= record)
		map->cursor++;
	at = &map->breaks[map->cursor];
	return at->line + (record - at->record);
}

void em__line_map_free(em_line_map *map)
{
	free(map->breaks);
	memset(map, 0, sizeof(*map));
}

static em_status scan_line(scan *s, const char *line, size_t len, unsigned long number,
			   em_error *err)
{
	if (memchr(line, '\0', len) != NULL)
		return em_error_set(err, EM_ERR_INVALID,
				    "%s: line %lu: binary data: this is not a CSV text file", s->path,
				    number);
	if (!em_text_valid_utf8(line, len))
		return em_error_set(err, EM_ERR_INVALID,
				    "%s: line %lu: not valid UTF-8 (save the file as UTF-8 text)",
				    s->path, number);
	if (!s->in_quotes) {
		s->record_line = number;
		s->fields = 1;
		s->record_blank = true;
		if (s->separator == 0)
			s->separator = choose_separator(line, len);
	}
	for (size_t i = 0; i < len; i++) {
		char c = line[i];
		if (c == '"') {
			if (!s->in_quotes)
				s->quote_line = number;
			s->in_quotes = !s->in_quotes;
		} else if (c == s->separator && !s->in_quotes) {
			s->fields++;
		}
		if (c != ' ' && c != '\t' && c != '\r')
			s->record_blank = false;
	}
	if (s->in_quotes)
		return EM_OK; /* a quoted value goes on over the line break */
	return end_record(s, err);
}

/* Text files have no control characters but tab and line breaks; a file
 * whose first block has them is an image, an archive or a spreadsheet. */
static bool looks_binary(FILE *in)
{
	unsigned char block[4096];
	size_t n = fread(block, 1, sizeof(block), in);

	rewind(in);
	for (size_t i = 0; i < n; i++)
		if (block[i] < 0x20 && block[i] != '\t' && block[i] != '\n' && block[i] != '\r' &&
		    block[i] != '\f')
			return true;
	return false;
}

/* Scans every line of the file, a byte-order mark and line breaks off. */
static em_status scan_lines(scan *s, FILE *in, em_error *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long number = 0;
	em_status status = EM_OK;

	while (status == EM_OK && (got = getline(&line, &cap, in)) >= 0) {
		size_t len = (size_t)got;
		const char *start = line;

		number++;
		if (number == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			start += 3;
			len -= 3;
		}
		while (len > 0 && (start[len - 1] == '\n' || start[len - 1] == '\r'))
			len--;
		status = scan_line(s, start, len, number, err);
	}
	if (status == EM_OK && ferror(in))
		status = em_error_set(err, EM_ERR_IO, "%s: read error", s->path);
	free(line);
	return status;
}

/* What only the end of the file tells: a quote left open, no header. */
static em_status end_scan(const scan *s, em_error *err)
{
	if (s->in_quotes)
		return em_error_set(err, EM_ERR_INVALID,
				    "%s: line %lu: a quoted value opens here and never closes "
				    "(unbalanced quote)",
				    s->path, s->quote_line);
	if (s->header_fields == 0)
		return em_error_set(err, EM_ERR_INVALID, "%s: the file is empty: a header row "
				    "and at least one data row are needed", s->path);
	if (s->header_fields < 2)
		return em_error_set(err, EM_ERR_INVALID,
				    "%s: the header has a single column: this does not look like "
				    "a CSV file (values separated by commas)", s->path);
	return EM_OK;
}

em_status em__reports_precheck(const char *path, em_line_map *out, em_error *err)
{
	scan s;
	FILE *in;
	em_status status;

	memset(&s, 0, sizeof(s));
	s.path = path;
	memset(out, 0, sizeof(*out));
	in = fopen(path, "rb");
	if (in == NULL)
		return em_error_set(err, EM_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	if (looks_binary(in)) {
		fclose(in);
		return em_error_set(err, EM_ERR_INVALID,
				    "%s: binary data: this is not a CSV text file (save it as CSV, "
				    "UTF-8)", path);
	}
	status = scan_lines(&s, in, err);
	fclose(in);
	if (status == EM_OK)
		status = end_scan(&s, err);
	if (status != EM_OK) {
		em__line_map_free(&s.map);
		return status;
	}
	*out = s.map;
	return EM_OK;
}
