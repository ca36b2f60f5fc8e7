/* Spellings of gazetteer names as reporters write them, for the geocoder
 * benchmark: variants (case, articles, endings, transliteration) and
 * misspellings (one or two slips of the keyboard).  Deterministic for a
 * given generator state, so every run measures the same queries. */
#ifndef BENCH_SPELLING_H
#define BENCH_SPELLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Names longer than this are not varied or misspelt. */
#define SPELLING_SOURCE_MAX 200
/* What an output buffer holds: a source name plus the longest growth. */
#define SPELLING_OUT_MAX (SPELLING_SOURCE_MAX + 16)
/* Only names at least this long are misspelt. */
#define SPELLING_MISSPELT_MIN 6

/* splitmix64: small, fast, and the same sequence on every machine. */
typedef struct rng {
	uint64_t state;
} rng;

static inline uint64_t rng_next(rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number below bound (> 0); the modulo bias is far below what matters here. */
static inline size_t rng_below(rng *r, size_t bound)
{
	return (size_t)(rng_next(r) % bound);
}

bool spelling_is_ascii(const char *text, size_t len);

/* Writes a variant of the ASCII name src (len at most SPELLING_SOURCE_MAX)
 * into out (SPELLING_OUT_MAX bytes; not NUL-terminated) and returns its
 * length, or 0 when no kind of variant changes the name. */
size_t spelling_variant(char *out, const char *src, size_t len, rng *r);

/* The same with one or two edits of a lowercase ASCII letter; 0 when the
 * edits cancel out or the name has no letter. */
size_t spelling_mistake(char *out, const char *src, size_t len, rng *r);

#endif
