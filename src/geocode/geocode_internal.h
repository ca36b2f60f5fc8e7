/* The geocoder's private pieces, shared by its files: the words of names
 * (words.c), the context of names read together (context.c) and the
 * decision between candidates with its reason (decide.c). */
#ifndef EM_GEOCODE_INTERNAL_H
#define EM_GEOCODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eventmap/geocode.h"
#include "eventmap/text.h"

#define FOLD_BUFFER (EM_TEXT_NAME_MAX * 4 + 1)
/* A fuzzy match that changes a consonant is placed only in a name whose
 * distinctive key is at least this long. */
#define EM__CONSONANT_EDIT_LENGTH 12
#define HITS_MAX 64

/* ---- words.c ---------------------------------------------------------- */

/* The meaning of a generic word that is part of names (Ain "spring", Tell
 * "hill"), given the word as written; NULL when the word is not one. */
const char *em__generic_word(const char *word, size_t len);

/* The same for a word in EM_TEXT_KEY form (where spellings have merged:
 * "Daraa" has the key of "Der", so this errs towards generic). */
const char *em__generic_gloss(const char *key_word, size_t len);

/* The precision a match found only by dropping this descriptive word
 * ("village" 1, "outskirts" 2, "countryside" 3) can claim at best, given
 * the word's EM_TEXT_FOLDED form; -1 when it is not such a word. */
int em__descriptor_precision(const char *folded_word, size_t len);

/* A name's folded form without its descriptive words, and the worst
 * precision they imply (0 when none were dropped). */
size_t em__strip_descriptors(char *out, const char *folded, size_t len, int *precision);

/* The name's words as written: the letters of its distinctive words
 * (neither articles nor generic words), and, when it is a single generic
 * word (with or without an article), that word's meaning in *bare (else
 * NULL). */
void em__name_words(const char *name, size_t len, size_t *distinctive, const char **bare);

/* The meaning of the name when, in its EM_TEXT_FOLDED form, it is a single
 * generic word with or without an article ("tell", "al-ain"); else NULL.
 * The quick check every look-up makes. */
const char *em__bare_generic(const char *folded, size_t len);

/* A key's words: the generic ones (sorted, joined) and the distinctive
 * rest (in order).  Fuzzy keys are short; longer ones are not split. */
#define EM__SPLIT_MAX 128
typedef struct em__key_split {
	bool valid;
	char generic[EM__SPLIT_MAX + 16], distinct[EM__SPLIT_MAX];
	size_t generic_len, distinct_len;
} em__key_split;

void em__split_key(em__key_split *out, const char *key, size_t len);

/* Compares a query's split key with a key for a fuzzy match: false when
 * their generic words differ (the edits touch a generic word, not the
 * name) or nothing distinctive is left; otherwise *distance is the edit
 * distance of the distinctive words, vowel edits counting half
 * (transliterations disagree on vowels, not on consonants), and *length
 * their length in the query, and *consonants the edit distance of their
 * consonants alone.  raw is the plain edit distance of the whole keys,
 * when known (1 takes a short cut). */
bool em__distinctive_distance(const em__key_split *query, const char *key, size_t key_len,
			      int raw, double *distance, size_t *length, int *consonants);

/* ---- context.c -------------------------------------------------------- */

enum { TIER_CLOSE = 0, TIER_NEAR = 1, TIER_FAR = 2 };

/* Where the context stands on a place: its tier, the distance to the
 * nearest place of the context (negative when it has none), and what that
 * is measured against, for reasons. */
typedef struct em__nearness {
	int tier;
	double km;
	enum { NEAR_REGION, NEAR_POINT, NEAR_CONTEXT, NEAR_NOTHING } against;
} em__nearness;

/* name_hash: the query's, so that its own finds are not its context;
 * have_context: em__context_usable() for it. */
em__nearness em__context_judge(const em_geocode_options *options, uint64_t name_hash,
			       bool have_context, const em_place *place);

/* The context's label ("this file"), or "the other names". */
const char *em__context_label(const em_geocode_context *context);

/* Whether the context has places for this query (other than its own). */
bool em__context_usable(const em_geocode_context *context, uint64_t name_hash);

uint64_t em__name_hash(const char *folded, size_t len);

double em__distance_km(double lat1, double lon1, double lat2, double lon2);

/* ---- decide.c --------------------------------------------------------- */

typedef struct em__candidate {
	uint32_t place;
	em_geocode_method method;
	double score;
	em__nearness near;
	bool curated;
	double importance;
} em__candidate;

typedef struct em__search {
	/* Zeroed at the start of every look-up: */
	const em_gazetteer *gz;
	const em_geocode_options *opt;
	const char *query;          /* as given, for reasons */
	size_t query_len;
	uint64_t name_hash;
	bool have_context;          /* the context has places for this name */
	bool hinted;                /* a country or admin1 hint was given */
	size_t count;               /* in found */
	size_t excluded_count;
	bool excluded_named;        /* some were matched by name, not by a close spelling */
	size_t weak_count;
	int precision_floor;        /* from dropped descriptive words */
	bool nearer_only;           /* looking past far places: only nearer ones count */
	bool words_known;           /* short_name has been worked out */
	bool short_name;            /* 5 distinctive letters or fewer: no fuzzy
				       placement, spelling folds checked */
	size_t query_skeleton_len;
	bool vowels_known;          /* query_vowels has been worked out */
	size_t query_vowels_len;
	const char *split_of;       /* the key query_split was made from */
	/* Filled as far as the counts say (not zeroed: kilobytes a look-up): */
	em__candidate found[HITS_MAX];
	em__candidate excluded[EM_GEOCODE_SUGGESTIONS_MAX]; /* matched, hints exclude */
	em__candidate weak[EM_GEOCODE_SUGGESTIONS_MAX];     /* fuzzy, not placeable */
	char query_skeleton[96];    /* its strict skeleton, when short and Latin */
	char query_vowels[96];      /* its skeleton with vowels, when Latin */
	em__key_split query_split;  /* its key's words, for fuzzy matches */
} em__search;

/* Chooses among s->found (not empty) and fills out, reason included. */
void em__decide(em_geocode_result *out, em__search *s);

/* Unresolved: the suggestions, nearest and closest in spelling first. */
void em__suggest(em_geocode_result *out, em__search *s);

#endif
