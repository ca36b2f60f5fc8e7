/* eventmap — gazetteer: places read from GeoNames-format files and the
 * index of their names.
 *
 * A file holds GeoNames' 19 tab-separated columns (geonameid, name,
 * asciiname, alternatenames, latitude, longitude, feature class, feature
 * code, country code, cc2, admin1 ... modification date), optionally
 * followed by two more: `source` (a citation) and `precision` (1 town,
 * 2 near, 3 region: ACLED's geo_precision).  Lines starting with '#' and a
 * header line starting with "geonameid" are skipped.  A full GeoNames
 * country dump (SY.txt) loads as it is.
 *
 * Life cycle: create, load one or more files, finish (builds the name
 * index), then look up; lookups are read-only and safe from many threads.
 * Loading after finish is allowed and needs another finish. */
#ifndef EVENTMAP_GAZETTEER_H
#define EVENTMAP_GAZETTEER_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eventmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_gazetteer em_gazetteer;

/* What a file is to the geocoder. */
typedef enum em_gazetteer_role {
	EM_GAZETTEER_PLACES = 0,   /* ordinary places: GeoNames or the supplement */
	EM_GAZETTEER_OVERRIDES = 1 /* user pins: a name here wins over every other match */
} em_gazetteer_role;

/* One place.  Strings are UTF-8 and borrowed from the gazetteer. */
typedef struct em_place {
	const char *id;             /* geonameid or the supplement's own id */
	const char *name;
	const char *asciiname;
	const char *alternatenames; /* comma-separated, as in the file */
	const char *name_ar;        /* its own name in Arabic script, or "" when no
				       trustworthy one is known (set by
				       em_gazetteer_finish: see em_gazetteer_load_names_ar) */
	double lat;
	double lon;
	char feature_class;         /* 'P' populated place, 'A' area, 'S' spot... or 0 */
	char feature_code[12];
	char country[4];            /* ISO 3166 alpha-2, or "" */
	char admin1[24];            /* GeoNames admin1 code, or "" */
	long long population;
	int precision;              /* 1 town, 2 near/part of, 3 region */
	const char *source;         /* citation; "GeoNames" for plain rows */
	const char *file;           /* the file it was read from */
	unsigned long line;         /* its line in that file */
	em_gazetteer_role role;
} em_place;

/* How a name reached a place. */
typedef enum em_name_kind {
	EM_NAME_PRIMARY = 0,   /* `name` or `asciiname` */
	EM_NAME_ALTERNATE = 1  /* one of `alternatenames` */
} em_name_kind;

typedef struct em_name_hit {
	uint32_t place;    /* index for em_gazetteer_place() */
	em_name_kind kind; /* the best kind this place matched with */
	int distance;      /* edit distance of the keys (fuzzy lookups only) */
	const char *matched;   /* the indexed form that matched (not NUL-terminated), */
	size_t matched_len;    /* borrowed from the gazetteer */
} em_name_hit;

/* Fuzzy look-ups reach this edit distance at most. */
#define EM_GAZETTEER_FUZZY_MAX 2

EM_EXTERN em_status em_gazetteer_create(em_gazetteer **out);
EM_EXTERN void em_gazetteer_destroy(em_gazetteer *gazetteer);

/* Reads a file.  On any bad line nothing from this file is kept and err
 * names the file, line, column and the problem (EM_ERR_INVALID); an
 * unreadable file gives EM_ERR_IO. */
EM_EXTERN em_status em_gazetteer_load(em_gazetteer *gazetteer, const char *path,
				      em_gazetteer_role role, em_error *err);

/* The same from memory; `label` stands for the file name in messages.
 * The bytes are copied. */
EM_EXTERN em_status em_gazetteer_load_buffer(em_gazetteer *gazetteer, const char *label,
					     const char *data, size_t len,
					     em_gazetteer_role role, em_error *err);

/* Reads a places file: CSV with columns name, lat, lon (required) and
 * country, admin1, alternate_names (comma- or semicolon-separated),
 * name_ar, precision (1-3, default 1), source, id (optional; names are
 * matched without regard to case; latitude/longitude work too).  Its rows
 * win over every other match, as overrides do.  On any bad row nothing
 * from the file is kept and err names the file, line, column and value. */
EM_EXTERN em_status em_gazetteer_load_places(em_gazetteer *gazetteer, const char *path,
					     em_error *err);

/* Reads a table of Arabic names that correct GeoNames (geodata/
 * arabic-names.tsv): tab-separated geonameid, name_ar, then any columns
 * (source, note); '#' lines and a header are skipped.  Applied at finish
 * to the places of that id (not to overrides).  Without a correction, a
 * place's name_ar is chosen among its alternate names written wholly in
 * Arabic letters (no Persian or Urdu letters, no administrative forms such
 * as محافظة ...) as the one whose consonants agree with its Latin names; none
 * that agrees gives "".  EM_ERR_IO or EM_ERR_INVALID naming file and line. */
EM_EXTERN em_status em_gazetteer_load_names_ar(em_gazetteer *gazetteer, const char *path,
					       em_error *err);

/* Builds the name index over everything loaded so far. */
EM_EXTERN em_status em_gazetteer_finish(em_gazetteer *gazetteer, em_error *err);

/* True once em_gazetteer_finish() has indexed everything loaded. */
EM_EXTERN bool em_gazetteer_is_finished(const em_gazetteer *gazetteer);

EM_EXTERN size_t em_gazetteer_count(const em_gazetteer *gazetteer);

/* Borrowed; NULL when index is out of range. */
EM_EXTERN const em_place *em_gazetteer_place(const em_gazetteer *gazetteer, size_t index);

/* Places one of whose names has this EM_TEXT_FOLDED form.  Writes up to
 * max_hits hits and returns how many places matched in all (which may be
 * more than max_hits).  0 before em_gazetteer_finish(). */
EM_EXTERN size_t em_gazetteer_find_folded(em_name_hit *hits, size_t max_hits,
					  const em_gazetteer *gazetteer, const char *folded,
					  size_t len);

/* Places whose EM_TEXT_KEY form is that of an indexed name with this
 * EM_TEXT_FOLDED form: the key look-up of a name already found as
 * written, without folding it again.  0 when the folded form is not
 * indexed. */
EM_EXTERN size_t em_gazetteer_find_key_of(em_name_hit *hits, size_t max_hits,
					  const em_gazetteer *gazetteer, const char *folded,
					  size_t len);

/* The same for the EM_TEXT_KEY form. */
EM_EXTERN size_t em_gazetteer_find_key(em_name_hit *hits, size_t max_hits,
				       const em_gazetteer *gazetteer, const char *key, size_t len);

/* Builds the fuzzy index now; otherwise the first fuzzy look-up builds it
 * (once, safely from any thread).  Exact and key look-ups never need it. */
EM_EXTERN em_status em_gazetteer_prepare_fuzzy(const em_gazetteer *gazetteer, em_error *err);

/* Places whose key is within max_distance (at most EM_GAZETTEER_FUZZY_MAX)
 * edits of key, closest first; hits carry the distance. */
EM_EXTERN size_t em_gazetteer_find_fuzzy(em_name_hit *hits, size_t max_hits,
					 const em_gazetteer *gazetteer, const char *key,
					 size_t len, int max_distance);

/* True when `hint` names the first-order division (country, admin1): its
 * code ("14", "SY.14") or a name of its seat ("Tartus", "Tartous
 * Governorate").  The seats are the PPLA/PPLC places of the gazetteer and
 * ADM1 rows of the supplement. */
EM_EXTERN bool em_gazetteer_admin1_matches(const em_gazetteer *gazetteer, const char *country,
					   const char *admin1, const char *hint);

/* The display name of a first-order division (its seat's name), or NULL. */
EM_EXTERN const char *em_gazetteer_admin1_name(const em_gazetteer *gazetteer, const char *country,
					       const char *admin1);

#ifdef __cplusplus
}
#endif

#endif
