/* eventmap — extract: article text -> draft rows a person reviews.
 *
 * Reads plain text or HTML as a stream and finds, sentence by sentence:
 * the places it names (every gazetteer name in any spelling the geocoder
 * accepts, Latin or Arabic script, judged together as one context; country
 * and nationality words as countries; a place the text marks as one, "the
 * village of X", that the gazetteer lacks, as unlisted), the figures
 * (dead, wounded, detained, displaced) with their qualifier, category,
 * place and source, events without figures by ACLED type, the dates
 * (weekdays and relative days read against the publication date, with the
 * reasoning), and flights to a named place.  A total and its breakdown are
 * marked as such, so they are never added up.
 *
 * Every row carries the byte range of the sentence it rests on.  Nothing
 * is guessed: a name the context does not decide stays ambiguous, a day
 * that cannot be read stays undated, a figure nobody is said to have given
 * is "unattributed".
 *
 * Memory is bounded: the stream is read in blocks that end at a paragraph
 * (at most EM_EXTRACT_BLOCK_MAX bytes of text); the places of one block
 * decide each other; the rows and mentions of each block are handed out
 * and then forgotten (em_extract_drain). */
#ifndef EVENTMAP_EXTRACT_H
#define EVENTMAP_EXTRACT_H

#include "eventmap/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "eventmap/dataset.h"
#include "eventmap/error.h"
#include "eventmap/gazetteer.h"
#include "eventmap/geocode.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EM_EXTRACT_BLOCK_MAX (512u * 1024u)

typedef enum em_extract_format {
	EM_EXTRACT_AUTO = 0, /* HTML when the text starts with '<' or holds <html, <body or <p> */
	EM_EXTRACT_TEXT,
	EM_EXTRACT_HTML
} em_extract_format;

typedef struct em_extract_options {
	bool has_date;          /* the publication date: weekdays and "the next
				   day" are read against it */
	em_date date;
	const char *outlet;     /* reported_by: "OUTLET (FILE)"; NULL: the file name */
	em_geocode_options geocode; /* the region of interest and any hints */
} em_extract_options;

typedef enum em_mention_kind {
	EM_MENTION_PLACE = 0,   /* a gazetteer name: see result */
	EM_MENTION_COUNTRY,     /* a country or nationality word: see country */
	EM_MENTION_UNLISTED     /* marked as a place by the text, not in the gazetteer */
} em_mention_kind;

typedef struct em_extract_mention {
	const char *file;
	size_t start, end;           /* bytes in the input file (end exclusive) */
	size_t char_start, char_end; /* the same in characters */
	const char *text;            /* as written (after HTML decoding) */
	em_mention_kind kind;
	const char *country;         /* countries: ISO code; places: the place's */
	bool region;                 /* followed by "province", "governorate"... */
	em_geocode_result result;    /* places: the geocoder's answer in this text's context */
	const char *rows;            /* ids of the rows it fed, space-separated, or "" */
} em_extract_mention;

typedef enum em_figure_kind {
	EM_FIGURE_EVENT = 0,    /* no figure */
	EM_FIGURE_DEATHS,
	EM_FIGURE_WOUNDED,
	EM_FIGURE_DETAINED,
	EM_FIGURE_DISPLACED
} em_figure_kind;

typedef enum em_figure_role {
	EM_ROLE_NONE = 0,
	EM_ROLE_TOTAL,          /* its parts follow it in part_of */
	EM_ROLE_PART            /* part of the total in part_of: never added to it */
} em_figure_role;

/* A draft report or flow.  Strings are never NULL. */
typedef struct em_extract_row {
	char id[16];            /* r001 (deaths), e001 (other reports), f001 (flows) */
	bool flow;
	em_figure_kind kind;
	bool has_figure;
	long long figure;
	em_qualifier qualifier;
	em_category category;
	em_figure_role role;
	const char *part_of;    /* the total's id, or "" */
	bool has_date;          /* false: undated */
	em_date date, date_end;
	const char *location;   /* reports: as written, or the region */
	const char *admin1, *country;
	const char *place_id;   /* the gazetteer id it resolved to, or "" */
	em_scope scope;
	int precision;          /* 1 town, 3 region */
	const char *event_type, *sub_event_type;
	const char *origin, *destination; /* flows */
	const char *source;
	const char *reported_by;
	const char *notes;      /* how each field was read */
	const char *summary;
	const char *file;
	size_t start, end;      /* the sentence, bytes in the input file */
	size_t char_start, char_end;
	const char *quote;      /* the sentence */
} em_extract_row;

typedef struct em_extract em_extract;

/* gazetteer must be finished and outlive the extractor; options is copied
 * (outlet too). */
EM_EXTERN em_status em_extract_create(em_extract **out, const em_gazetteer *gazetteer,
				      const em_extract_options *options, em_error *err);
EM_EXTERN void em_extract_destroy(em_extract *extract);

/* Starts a file: label names it in evidence and messages.  Row ids go on
 * from the previous file. */
EM_EXTERN em_status em_extract_begin(em_extract *extract, const char *label,
				     em_extract_format format, em_error *err);

/* Reads the next len bytes of the file; whole blocks are extracted as they
 * fill.  EM_ERR_INVALID, naming the file and byte offset, for input that
 * is not UTF-8 text (a NUL byte, a malformed sequence). */
EM_EXTERN em_status em_extract_feed(em_extract *extract, const char *bytes, size_t len,
				    em_error *err);

/* Ends the file: extracts what is left.  EM_ERR_INVALID for a file with
 * no text at all. */
EM_EXTERN em_status em_extract_end(em_extract *extract, em_error *err);

/* What the blocks read since the last drain found. */
EM_EXTERN size_t em_extract_row_count(const em_extract *extract);
EM_EXTERN const em_extract_row *em_extract_row_at(const em_extract *extract, size_t index);
EM_EXTERN size_t em_extract_mention_count(const em_extract *extract);
EM_EXTERN const em_extract_mention *em_extract_mention_at(const em_extract *extract,
							  size_t index);
/* Forgets them (the numbering and the dates read so far stay). */
EM_EXTERN void em_extract_drain(em_extract *extract);

/* Bytes and sentences read from the current file so far. */
EM_EXTERN size_t em_extract_bytes(const em_extract *extract);
EM_EXTERN size_t em_extract_sentences(const em_extract *extract);
/* True when the current file is read as HTML. */
EM_EXTERN bool em_extract_is_html(const em_extract *extract);

/* "deaths", "wounded", "detained", "displaced", "event". */
EM_EXTERN const char *em_figure_kind_name(em_figure_kind kind);
/* "place", "country", "unlisted". */
EM_EXTERN const char *em_mention_kind_name(em_mention_kind kind);

#ifdef __cplusplus
}
#endif

#endif
