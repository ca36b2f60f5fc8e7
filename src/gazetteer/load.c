/* Reading GeoNames-format files.  The whole file is read into memory and
 * split in place, so a place's strings point into the kept buffer and a
 * country dump loads without a copy per field.  A bad line rejects the
 * whole file: a gazetteer is either loaded as written or not at all. */
#include "gazetteer_internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/text.h"
#include "../util/array.h"

#define COLUMNS_GEONAMES 19
#define COLUMNS_SUPPLEMENT 21
/* A file larger than this is refused rather than exhausting memory:
 * GeoNames' whole-world dump is about 1.6 GB. */
#define FILE_MAX ((size_t)4 << 30)
#define READ_BLOCK 65536
#define READ_FIRST ((size_t)1 << 20)

static const char *const column_names[COLUMNS_SUPPLEMENT] = {
	"geonameid", "name", "asciiname", "alternatenames", "latitude",
	"longitude", "feature class", "feature code", "country code", "cc2",
	"admin1 code", "admin2 code", "admin3 code", "admin4 code", "population",
	"elevation", "dem", "timezone", "modification date", "source", "precision"};

em_status em_gazetteer_create(em_gazetteer **out)
{
	if (out == NULL)
		return EM_ERR_INVALID;
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return EM_ERR_NOMEM;
	pthread_mutex_init(&(*out)->fuzzy_lock, NULL);
	return EM_OK;
}

void em_gazetteer_destroy(em_gazetteer *gazetteer)
{
	if (gazetteer == NULL)
		return;
	em__gazetteer_index_free(gazetteer);
	em__gazetteer_names_ar_free(gazetteer);
	for (size_t i = 0; i < gazetteer->buffers_count; i++)
		free(gazetteer->buffers[i]);
	free(gazetteer->buffers);
	free(gazetteer->places);
	pthread_mutex_destroy(&gazetteer->fuzzy_lock);
	free(gazetteer);
}

bool em_gazetteer_is_finished(const em_gazetteer *gazetteer)
{
	return gazetteer != NULL && gazetteer->finished;
}

size_t em_gazetteer_count(const em_gazetteer *gazetteer)
{
	return gazetteer ? gazetteer->count : 0;
}

const em_place *em_gazetteer_place(const em_gazetteer *gazetteer, size_t index)
{
	if (gazetteer == NULL || index >= gazetteer->count)
		return NULL;
	return &gazetteer->places[index];
}

bool em__gazetteer_keep_buffer(em_gazetteer *gz, char *buffer)
{
	if (!EM_ARRAY_RESERVE(gz->buffers, gz->buffers_cap, gz->buffers_count + 1))
		return false;
	gz->buffers[gz->buffers_count++] = buffer;
	return true;
}

static em_status bad(em_error *err, const char *label, unsigned long line, int column,
		     const char *value, const char *problem)
{
	if (column < 0)
		return em_error_set(err, EM_ERR_INVALID, "%s:%lu: %s", label, line, problem);
	return em_error_set(err, EM_ERR_INVALID, "%s:%lu: column %d (%s): '%.60s' %s",
			    label, line, column + 1, column_names[column], value, problem);
}

static bool parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (*s == '\0')
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno != 0 || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool parse_count(const char *s, long long *out)
{
	char *end;
	long long v;

	if (*s == '\0') {
		*out = 0;
		return true;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0)
		return false;
	*out = v;
	return true;
}

static bool copy_code(char *dst, size_t dst_size, const char *src)
{
	size_t len = strlen(src);

	if (len >= dst_size)
		return false;
	memcpy(dst, src, len + 1);
	return true;
}

/* Default precision when a file does not give one: towns and spots are
 * places, areas and terrain are regions. */
static int precision_for_class(char feature_class)
{
	switch (feature_class) {
	case 'A': case 'L': case 'T': case 'H': case 'U': case 'V':
		return 3;
	}
	return 1;
}

static em_status parse_fields(em_place *place, char **f, int ncols, const char *label,
			      unsigned long line, em_error *err)
{
	if (f[0][0] == '\0')
		return bad(err, label, line, 0, f[0], "is empty: every place needs an id");
	if (f[1][0] == '\0')
		return bad(err, label, line, 1, f[1], "is empty: every place needs a name");
	if (!parse_double(f[4], -90.0, 90.0, &place->lat))
		return bad(err, label, line, 4, f[4], "is not a latitude between -90 and 90");
	if (!parse_double(f[5], -180.0, 180.0, &place->lon))
		return bad(err, label, line, 5, f[5], "is not a longitude between -180 and 180");
	if (strlen(f[6]) > 1)
		return bad(err, label, line, 6, f[6], "is not a one-letter GeoNames feature class");
	if (!copy_code(place->feature_code, sizeof(place->feature_code), f[7]))
		return bad(err, label, line, 7, f[7], "is too long for a feature code");
	if (!copy_code(place->country, sizeof(place->country), f[8]) ||
	    (f[8][0] != '\0' && strlen(f[8]) != 2))
		return bad(err, label, line, 8, f[8], "is not a two-letter country code");
	if (!copy_code(place->admin1, sizeof(place->admin1), f[10]))
		return bad(err, label, line, 10, f[10], "is too long for an admin1 code");
	if (!parse_count(f[14], &place->population))
		return bad(err, label, line, 14, f[14], "is not a whole number of people");
	place->id = f[0];
	place->name = f[1];
	place->asciiname = f[2][0] ? f[2] : f[1];
	place->alternatenames = f[3];
	place->name_ar = "";
	place->feature_class = f[6][0];
	place->precision = precision_for_class(place->feature_class);
	place->source = "GeoNames";
	if (ncols == COLUMNS_SUPPLEMENT) {
		if (f[19][0] == '\0')
			return bad(err, label, line, 19, f[19],
				   "is empty: a supplement row must cite its source");
		if (!(f[20][0] >= '1' && f[20][0] <= '3' && f[20][1] == '\0'))
			return bad(err, label, line, 20, f[20],
				   "is not a precision of 1 (town), 2 (near) or 3 (region)");
		place->source = f[19];
		place->precision = f[20][0] - '0';
	}
	return EM_OK;
}

em_status em__gazetteer_add_place(em_gazetteer *gz, em_place **out, em_error *err)
{
	if (gz->count >= UINT32_MAX - 1)
		return em_error_set(err, EM_ERR_LIMIT, "gazetteer: more than %u places",
				    UINT32_MAX - 1);
	if (!EM_ARRAY_RESERVE(gz->places, gz->places_cap, gz->count + 1))
		return em_error_set(err, EM_ERR_NOMEM, "gazetteer: out of memory");
	*out = &gz->places[gz->count++];
	memset(*out, 0, sizeof(**out));
	return EM_OK;
}

/* Splits one line (already NUL-terminated) into tab-separated fields. */
static int split_tabs(char *line, char **fields, int max)
{
	int n = 0;

	fields[n++] = line;
	for (char *p = line; *p; p++) {
		if (*p == '\t') {
			*p = '\0';
			if (n == max)
				return max + 1;
			fields[n++] = p + 1;
		}
	}
	return n;
}

static em_status parse_line(em_gazetteer *gz, char *text, size_t len, const char *label,
			    unsigned long line, em_gazetteer_role role, em_error *err)
{
	char *fields[COLUMNS_SUPPLEMENT];
	em_place *place = NULL;
	int ncols;
	em_status status;

	if (!em_text_valid_utf8(text, len))
		return bad(err, label, line, -1, NULL, "is not valid UTF-8");
	ncols = split_tabs(text, fields, COLUMNS_SUPPLEMENT);
	if (ncols != COLUMNS_GEONAMES && ncols != COLUMNS_SUPPLEMENT) {
		char problem[160];
		snprintf(problem, sizeof(problem),
			 "has %s%d tab-separated columns; a GeoNames line has 19, a "
			 "supplement line 21 (19 + source + precision)",
			 ncols > COLUMNS_SUPPLEMENT ? "more than " : "",
			 ncols > COLUMNS_SUPPLEMENT ? COLUMNS_SUPPLEMENT : ncols);
		return bad(err, label, line, -1, NULL, problem);
	}
	status = em__gazetteer_add_place(gz, &place, err);
	if (status != EM_OK)
		return status;
	status = parse_fields(place, fields, ncols, label, line, err);
	if (status != EM_OK)
		return status;
	place->file = label;
	place->line = line;
	place->role = role;
	return EM_OK;
}

/* Parses `data` (owned by the gazetteer from here on, NUL-terminated). */
static em_status parse_buffer(em_gazetteer *gz, char *data, size_t len, const char *label,
			      em_gazetteer_role role, em_error *err)
{
	size_t first_place = gz->count, pos = 0;
	unsigned long line = 0;
	em_status status = EM_OK;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte-order mark from a spreadsheet */
	while (pos < len) {
		char *start = data + pos;
		char *end = memchr(start, '\n', len - pos);
		size_t line_len = end ? (size_t)(end - start) : len - pos;

		line++;
		pos += line_len + (end ? 1 : 0);
		if (memchr(start, '\0', line_len) != NULL) {
			status = bad(err, label, line, -1, NULL,
				     "holds a NUL byte: this is not a text file");
			break;
		}
		start[line_len] = '\0';
		if (line_len > 0 && start[line_len - 1] == '\r')
			start[--line_len] = '\0';
		if (line_len == 0 || start[0] == '#' || strncmp(start, "geonameid\t", 10) == 0)
			continue;
		status = parse_line(gz, start, line_len, label, line, role, err);
		if (status != EM_OK)
			break;
	}
	if (status == EM_OK && gz->count == first_place)
		status = em_error_set(err, EM_ERR_INVALID, "%s: holds no places", label);
	if (status != EM_OK)
		gz->count = first_place; /* nothing from a bad file is kept */
	else
		gz->finished = false;
	return status;
}

static em_status load_owned(em_gazetteer *gz, const char *label, char *data, size_t len,
			    em_gazetteer_role role, em_error *err)
{
	size_t label_len = strlen(label);
	char *label_copy = malloc(label_len + 1);
	em_status status;

	if (label_copy == NULL) {
		free(data);
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", label);
	}
	memcpy(label_copy, label, label_len + 1);
	if (!em__gazetteer_keep_buffer(gz, label_copy)) {
		free(label_copy);
		free(data);
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", label);
	}
	if (!em__gazetteer_keep_buffer(gz, data)) {
		free(data);
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", label);
	}
	status = parse_buffer(gz, data, len, label_copy, role, err);
	if (status != EM_OK) {
		/* The buffers go too: no place points into them any more. */
		free(gz->buffers[--gz->buffers_count]);
		free(gz->buffers[--gz->buffers_count]);
	}
	return status;
}

em_status em_gazetteer_load_buffer(em_gazetteer *gazetteer, const char *label,
				   const char *data, size_t len,
				   em_gazetteer_role role, em_error *err)
{
	char *copy;

	if (gazetteer == NULL || label == NULL || (data == NULL && len > 0))
		return em_error_set(err, EM_ERR_INVALID, "gazetteer: invalid arguments");
	copy = malloc(len + 1);
	if (copy == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", label);
	if (len > 0)
		memcpy(copy, data, len);
	copy[len] = '\0';
	return load_owned(gazetteer, label, copy, len, role, err);
}

/* Reads the rest of an open file into a NUL-terminated heap buffer. */
static em_status read_all(FILE *file, const char *path, char **out, size_t *out_len,
			  em_error *err)
{
	char *data = NULL;
	size_t len = 0, cap = 0, got;

	do {
		/* Room for one more block and the NUL; at first for most files
		 * whole, so that they are read in one go. */
		size_t need = len + READ_BLOCK + 1;

		if (need > FILE_MAX) {
			free(data);
			return em_error_set(err, EM_ERR_LIMIT, "%s: larger than %zu bytes", path,
					    FILE_MAX);
		}
		if (!EM_ARRAY_RESERVE(data, cap, need > READ_FIRST ? need : READ_FIRST)) {
			free(data);
			return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", path);
		}
		got = fread(data + len, 1, cap - len - 1, file);
		len += got;
	} while (got > 0);
	if (ferror(file)) {
		free(data);
		return em_error_set(err, EM_ERR_IO, "%s: read error: %s", path, strerror(errno));
	}
	data[len] = '\0';
	*out = data;
	*out_len = len;
	return EM_OK;
}

em_status em__gazetteer_read_file(const char *path, char **out, size_t *len, em_error *err)
{
	FILE *file = fopen(path, "rb");
	em_status status;

	if (file == NULL)
		return em_error_set(err, EM_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	status = read_all(file, path, out, len, err);
	fclose(file);
	return status;
}

em_status em_gazetteer_load(em_gazetteer *gazetteer, const char *path,
			    em_gazetteer_role role, em_error *err)
{
	char *data;
	size_t len;
	em_status status;

	if (gazetteer == NULL || path == NULL)
		return em_error_set(err, EM_ERR_INVALID, "gazetteer: invalid arguments");
	status = em__gazetteer_read_file(path, &data, &len, err);
	if (status != EM_OK)
		return status;
	return load_owned(gazetteer, path, data, len, role, err);
}
