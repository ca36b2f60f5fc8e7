/* Internals of the extractor: the text of one block, its tokens and
 * sentences, the lexicon, and the passes over them. */
#ifndef EM_EXTRACT_INTERNAL_H
#define EM_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "eventmap/extract.h"
#include "../util/keymap.h"
#include "../util/pool.h"
#include "../util/strbuf.h"

/* ---- Lexicon: what a word can be (bits), looked up lower-cased ---- */
enum {
	L_STOP = 1u << 0,      /* capitalised, but never a place */
	L_NUMWORD = 1u << 1,   /* value: the number */
	L_VAGUE = 1u << 2,     /* dozens, hundreds: value the lower bound */
	L_MORE = 1u << 3,      /* more (than), over, exceeding */
	L_LEAST = 1u << 4,     /* least (at least), fewer (no fewer than) */
	L_ABOUT = 1u << 5,     /* about, around, some, nearly, almost */
	L_DEATH = 1u << 6,     /* killed, dead, deaths, fatalities */
	L_TOLL = 1u << 7,      /* toll, tally */
	L_WOUND = 1u << 8,
	L_DETAIN = 1u << 9,
	L_DISPLACE = 1u << 10, /* fled, displaced, refuge */
	L_KILLVERB = 1u << 11, /* killing, claimed: the figure follows */
	L_REACH = 1u << 12,    /* crossed, reached, includes: the toll's figure follows */
	L_INCLUDE = 1u << 13,  /* included, including, among */
	L_CIV = 1u << 14,
	L_SEC = 1u << 15,
	L_FIGHTER = 1u << 16,
	L_COUNTNOUN = 1u << 17, /* people, individuals, members */
	L_UNIT = 1u << 18,     /* percent, years, km: not a count of people */
	L_MONTH = 1u << 19,    /* value 1..12 */
	L_WEEKDAY = 1u << 20,  /* value 0 (Sunday)..6 */
	L_DAYPART = 1u << 21,  /* morning, night */
	L_RELDAY = 1u << 22,   /* value: days from the publication date + 8 */
	L_COUNTRY = 1u << 23,  /* value: index in the country table */
	L_TITLE = 1u << 24,    /* president, spokesman: a person follows */
	L_SAY = 1u << 25,      /* said, reported: a source comes before */
	L_TRIGGER = 1u << 26,  /* village, town: "the village of X" */
	L_REGION = 1u << 27,   /* province, governorate */
	L_EVENT = 1u << 28,    /* value: index in the event table */
	L_CONNECT = 1u << 29,  /* for, of: inside an organisation's name */
	L_TOWARD = 1u << 30,   /* to, towards, into, at, in: a flight's end */
	L_MONITOR = 1u << 31   /* monitor, observatory, group: "the monitor said" */
};

typedef struct em__lexeme {
	uint32_t bits;
	int32_t value;
	int32_t event;         /* event table index, or -1 */
} em__lexeme;

/* ---- Tokens and sentences of a block ---- */
enum { TOK_WORD = 0, TOK_NUMBER, TOK_PUNCT };
enum { TF_CAP = 1, TF_POSS = 2, TF_ARABIC = 4, TF_UPPER = 8 };

typedef struct em__token {
	uint32_t start, len;   /* bytes in the block; a possessive 's is not in len */
	uint8_t kind, flags;
	uint32_t bits;         /* lexicon bits (0 for unknown words) */
	int32_t value, event;
	double number;         /* TOK_NUMBER: its value */
	uint32_t full;         /* bytes including a possessive */
} em__token;

typedef struct em__date_ref {
	bool has;
	em_date first, last;
	bool toll;             /* "as of", "so far", "up to": the end of a period */
	const char *reason;    /* pool string */
} em__date_ref;

typedef struct em__sentence {
	uint32_t start, end;   /* bytes in the block */
	uint32_t tok, ntok;
	uint32_t para;
	em__date_ref date;
	/* Who the sentence says said it: up to SOURCES_MAX, where each stands. */
	uint8_t source_count;
	const char *source[3];     /* pool strings */
	const char *source_why[3];
	uint32_t source_at[3];     /* token index in the block */
	bool source_generic[3];    /* "the monitor": the file's one monitor stands for it */
} em__sentence;

/* A mention as found in the block, before geocoding. */
typedef struct em__mention {
	uint32_t sent, tok, ntok;
	uint32_t start, end;   /* bytes in the block */
	em_mention_kind kind;
	int country;           /* country table index, or -1 */
	int hint;              /* a country the sentence ties it to ("Lebanon's"), or -1 */
	bool region;
	bool trigger;          /* "the village of X" */
	bool marked;           /* the text marks it as a place (a preposition, a region word) */
	int query;             /* index in the block's geocoding queries, or -1 */
	em_strbuf rows;
} em__mention;

typedef struct em__country {
	const char *code, *name;
} em__country;

/* A figure as found, before rows are made. */
typedef struct em__figure {
	uint32_t sent, tok;
	em_figure_kind kind;
	long long value;
	em_qualifier qualifier;
	em_category category;
	bool vague;            /* dozens, hundreds */
	bool families;         /* "2,500 families": not a count of people */
	bool include;          /* introduced by "including", "this number included" */
	bool toll;             /* a toll: "the death toll", "as of" */
	int mention;           /* its place (block mention index), or -1 */
	const char *source, *source_why;
	int parent;            /* the total it is part of (figure index), or -1 */
	int repeat;            /* the same figure given before (figure index), or -1 */
	bool total, recategorised;
	int row;               /* the row made of it, or -1 */
} em__figure;

struct em_extract {
	const em_gazetteer *gazetteer;
	em_extract_options options;
	char *outlet;
	em_keymap lexicon;     /* value: index in lexemes */
	em__lexeme *lexemes;
	size_t lexeme_count, lexeme_cap;

	/* The file being read. */
	char *label;
	em_extract_format format;
	bool html, format_known;
	int html_state;
	char html_tag[16];
	size_t html_tag_len;
	bool html_closing, html_space, html_name_done;
	char html_quote;
	char html_entity[12];
	size_t html_entity_len, html_entity_at, html_entity_char;
	char html_skip[16];     /* "script": skipped until its end tag */
	size_t html_skip_match;
	size_t in_bytes, in_chars;   /* read so far */
	int utf8_need;              /* continuation bytes still expected */
	size_t utf8_at;
	unsigned char utf8_lead;   /* the byte that began it */
	bool any_text;
	size_t sentences;

	/* Text not yet extracted, with the input position of each byte. */
	char *text;
	uint32_t *at_byte, *at_char;  /* relative to base_byte, base_char */
	size_t text_len, text_cap;
	size_t base_byte, base_char;

	/* The block being extracted. */
	em__token *tokens;
	size_t token_count, token_cap;
	em__sentence *sents;
	size_t sent_count, sent_cap;
	em__mention *mentions;
	size_t mention_count, mention_cap;
	em__figure *figures;
	size_t figure_count, figure_cap;
	em_geocode_query *queries;  /* the block's names, geocoded as one list */
	size_t query_count, query_cap;
	em_keymap persons;          /* surnames seen in this file */
	em_keymap lookups;          /* span -> found in the gazetteer (1) or not (2) */
	const char *monitor;        /* the one monitoring group the file names */
	bool monitor_many;
	em_date last_date;          /* for "the next day" */
	bool has_last_date;
	em_date window_first;       /* earliest day the file names */
	bool has_window;
	int main_country;           /* country table index, or -1 */
	char covered[512];          /* "SY LB IL ...": the countries the gazetteer has places in */

	/* What is handed out. */
	em_pool pool;
	em_extract_row *rows;
	size_t row_count, row_cap;
	em_extract_mention *out_mentions;
	size_t out_mention_count, out_mention_cap;
	unsigned next_r, next_e, next_f;
};

/* Indexes of the event table (lexicon.c) the passes name. */
enum { EV_SPECIFIC_LAST = 4, EV_ARMED_CLASH = 5, EV_ATTACK = 6, EV_OTHER = 12 };

/* lexicon.c */
em_status em__extract_lexicon_build(em_extract *ex);
const em__lexeme *em__extract_lexeme(const em_extract *ex, const char *word, size_t len);
const em__country *em__extract_country(int index);
size_t em__extract_country_count(void);
void em__extract_event_type(int event, const char **type, const char **sub);
const char *em__extract_source_alias(const char *text, size_t len, bool *monitor);

/* stream.c: the input, decoded into ex->text */
em_status em__extract_push(em_extract *ex, const char *bytes, size_t len, em_error *err);
em_status em__extract_finish(em_extract *ex, em_error *err);

/* tokens.c */
em_status em__extract_tokenize(em_extract *ex, size_t len);
/* The token is this word, without regard to case (inline, so that the
 * length of a literal is known where it is called). */
static inline bool em__tok_is(const em_extract *ex, const em__token *t, const char *word)
{
	size_t n = strlen(word);

	return t->len == n && strncasecmp(ex->text + t->start, word, n) == 0;
}
const char *em__tok_text(const em_extract *ex, const em__token *t, size_t *len);

/* places.c */
em_status em__extract_places(em_extract *ex, em_error *err);
void em__extract_keep_named(em_extract *ex);
bool em__extract_covered(const em_extract *ex, int country);

/* dates.c */
em_status em__extract_dates(em_extract *ex);
uint32_t em__extract_dateline(const em_extract *ex, uint32_t s);
void em__extract_format_day(char *out, size_t size, em_date date);

/* figures.c */
em_status em__extract_sources(em_extract *ex);
em_status em__extract_figures(em_extract *ex);
void em__extract_totals(em_extract *ex);

/* rows.c */
em_status em__extract_rows(em_extract *ex, em_error *err);
em_status em__extract_events(em_extract *ex, em_error *err);
em_status em__extract_flows(em_extract *ex, em_error *err);
em_extract_row *em__extract_new_row(em_extract *ex, uint32_t sent, bool flow, bool deaths);
int em__extract_place_of(const em_extract *ex, uint32_t sent, uint32_t tok);
void em__extract_set_place(em_extract *ex, em_extract_row *row, int mention, uint32_t sent);
const char *em__extract_strf(em_extract *ex, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

void em__extract_set_dates(em_extract *ex, em_extract_row *row, const em__sentence *st, bool toll);
bool em__extract_usable(const em_extract *ex, const em__mention *m);
bool em__extract_secondary(const em_extract *ex, size_t m);
size_t em__extract_first_mention(const em_extract *ex, uint32_t s);
int em__extract_sentence_event(const em_extract *ex, uint32_t s);
int em__extract_flight_for(const em_extract *ex, const em__figure *f);

/* extract.c */
em_status em__extract_block(em_extract *ex, size_t len, em_error *err);

#endif
