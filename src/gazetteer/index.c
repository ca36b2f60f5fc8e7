/* The name index: every name of every place under its folded form and its
 * loose key, plus a symmetric-delete index over the keys so that fuzzy
 * look-ups touch a few dozen buckets instead of every name. */
#include "gazetteer_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eventmap/text.h"
#include "../text/wordlist.h"
#include "../util/array.h"

/* Keys longer than this get no fuzzy entries: a long name that is only a
 * few letters off is found by its words, and the delete count grows with
 * the square of the length. */
#define FUZZY_KEY_MAX 32
#define FUZZY_CANDIDATES_MAX 1024
#define FOLD_BUFFER (EM_TEXT_NAME_MAX * 4 + 1)

/* ---- strings -> postings ----------------------------------------------- */

/* A string just added: no posting, and the high word empty too. */
#define NO_POSTINGS UINT64_MAX
#define LOW_WORD ((uint64_t)UINT32_MAX)

static uint32_t first_posting(const name_map *map, uint32_t entry)
{
	return (uint32_t)(map->strings.entries[entry].value & LOW_WORD);
}

/* The index's own word kept with a string (the folded map: its key). */
static uint32_t high_word(const name_map *map, uint32_t entry)
{
	return (uint32_t)(map->strings.entries[entry].value >> 32);
}

static void set_high_word(name_map *map, uint32_t entry, uint32_t word)
{
	uint64_t *value = &map->strings.entries[entry].value;

	*value = (*value & LOW_WORD) | (uint64_t)word << 32;
}

static const char *string_of(const name_map *map, uint32_t entry, size_t *len)
{
	return em__keymap_key(&map->strings, entry, len);
}

static uint32_t find_string(const name_map *map, const char *s, size_t len)
{
	return em__keymap_find(&map->strings, s, len, em__keymap_hash(s, len));
}

static void name_map_free(name_map *map)
{
	em__keymap_clear(&map->strings);
	free(map->postings);
	memset(map, 0, sizeof(*map));
}

/* Adds (place, kind) under the string (hash: em__keymap_hash of it).  A
 * place already at the head of the string's list keeps the better (lower)
 * kind.  The string's entry, or EM_KEYMAP_NONE when out of memory. */
static uint32_t name_map_add(name_map *map, const char *s, size_t len, uint64_t hash,
			     uint32_t place, uint8_t kind)
{
	bool added;
	uint32_t entry = em__keymap_add(&map->strings, s, len, hash, &added);
	uint64_t *value;
	posting *p;

	if (entry == EM_KEYMAP_NONE)
		return EM_KEYMAP_NONE;
	value = &map->strings.entries[entry].value;
	if (added)
		*value = NO_POSTINGS;
	if (first_posting(map, entry) != POSTING_NONE) {
		p = &map->postings[first_posting(map, entry)];
		if (p->place == place) {
			if (kind < p->kind)
				p->kind = kind;
			return entry;
		}
	}
	if (map->postings_count >= POSTING_NONE ||
	    (map->postings_count == map->postings_cap &&
	     !EM_ARRAY_RESERVE(map->postings, map->postings_cap, map->postings_count + 1)))
		return EM_KEYMAP_NONE;
	p = &map->postings[map->postings_count];
	p->place = place;
	p->kind = kind;
	p->next = first_posting(map, entry);
	*value = (*value & ~LOW_WORD) | map->postings_count++;
	return entry;
}

/* ---- building the index ------------------------------------------------- */

void em__gazetteer_index_free(em_gazetteer *gz)
{
	name_map_free(&gz->folded);
	name_map_free(&gz->keys);
	name_map_free(&gz->seats);
	free(gz->fuzzy);
	free(gz->fuzzy_buckets);
	free(gz->seat_places);
	gz->seat_places = NULL;
	gz->seat_count = 0;
	gz->fuzzy = NULL;
	gz->fuzzy_buckets = NULL;
	gz->fuzzy_count = 0;
	gz->fuzzy_bits = 0;
	__atomic_store_n(&gz->fuzzy_ready, 0, __ATOMIC_RELEASE);
	gz->finished = false;
}

static bool is_seat(const em_place *p)
{
	return strcmp(p->feature_code, "PPLA") == 0 || strcmp(p->feature_code, "PPLC") == 0 ||
	       strcmp(p->feature_code, "ADM1") == 0;
}

static em_status index_name(em_gazetteer *gz, uint32_t place, const char *name, size_t len,
			    em_name_kind kind, bool seat)
{
	char folded[FOLD_BUFFER], key[FOLD_BUFFER];
	size_t folded_len, key_len;
	uint32_t folded_entry = EM_KEYMAP_NONE, key_entry = EM_KEYMAP_NONE;
	uint64_t key_hash;

	/* A name the folds refuse (absurdly long) is simply not indexed. */
	if (em_text_fold_both(folded, sizeof(folded), &folded_len, key, sizeof(key), &key_len, name,
			      len) != EM_OK)
		return EM_OK;
	if (folded_len > 0 &&
	    (folded_entry = name_map_add(&gz->folded, folded, folded_len,
					 em__keymap_hash(folded, folded_len), place,
					 (uint8_t)kind)) == EM_KEYMAP_NONE)
		return EM_ERR_NOMEM;
	key_hash = em__keymap_hash(key, key_len);
	if (key_len > 0 &&
	    (key_entry = name_map_add(&gz->keys, key, key_len, key_hash, place, (uint8_t)kind)) ==
		    EM_KEYMAP_NONE)
		return EM_ERR_NOMEM;
	if (seat && key_len > 0 &&
	    name_map_add(&gz->seats, key, key_len, key_hash, place, 0) == EM_KEYMAP_NONE)
		return EM_ERR_NOMEM;
	/* A folded name has one key: found by its folded form, a name's key
	 * needs no folding again. */
	if (folded_entry != EM_KEYMAP_NONE)
		set_high_word(&gz->folded, folded_entry, key_entry);
	return EM_OK;
}

static em_status index_place(em_gazetteer *gz, uint32_t index)
{
	const em_place *p = &gz->places[index];
	bool seat = is_seat(p);
	const char *alt = p->alternatenames;
	em_status status;

	if (seat)
		gz->seat_places[gz->seat_count++] = index;

	status = index_name(gz, index, p->name, strlen(p->name), EM_NAME_PRIMARY, seat);
	if (status == EM_OK && strcmp(p->asciiname, p->name) != 0)
		status = index_name(gz, index, p->asciiname, strlen(p->asciiname),
				    EM_NAME_PRIMARY, seat);
	while (status == EM_OK && *alt) {
		const char *comma = strchr(alt, ',');
		size_t len = comma ? (size_t)(comma - alt) : strlen(alt);

		if (len > 0)
			status = index_name(gz, index, alt, len, EM_NAME_ALTERNATE, seat);
		alt += len + (comma ? 1 : 0);
	}
	return status;
}

static bool fuzzy_indexable(const char *key, size_t len)
{
	bool ascii = true;

	if (len > FUZZY_KEY_MAX)
		return false;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)key[i] < 0x80;
	return ascii || em_text_has_arabic(key, len);
}

static size_t deletes_count(size_t len)
{
	return 1 + len + (len * (len - 1)) / 2;
}

/* Calls emit(hash) for the key and every variant with one or two bytes
 * deleted.  Shared by the index build and the query so both sides agree. */
typedef void (*variant_fn)(void *ctx, uint64_t hash);

static void for_each_variant(const char *key, size_t len, int max_deletes, variant_fn emit,
			     void *ctx)
{
	char buf[FUZZY_KEY_MAX + EM_GAZETTEER_FUZZY_MAX + 1];

	emit(ctx, em__keymap_hash(key, len));
	if (max_deletes < 1)
		return;
	for (size_t i = 0; i < len; i++) {
		memcpy(buf, key, i);
		memcpy(buf + i, key + i + 1, len - i - 1);
		emit(ctx, em__keymap_hash(buf, len - 1));
		if (max_deletes < 2)
			continue;
		for (size_t j = i; j + 1 < len; j++) {
			/* buf without position j (of len - 1 bytes) */
			char two[FUZZY_KEY_MAX + EM_GAZETTEER_FUZZY_MAX + 1];
			memcpy(two, buf, j);
			memcpy(two + j, buf + j + 1, len - 2 - j);
			emit(ctx, em__keymap_hash(two, len - 2));
		}
	}
}

typedef struct build_ctx {
	uint64_t *hashes;
	uint32_t *keys;
	size_t count;
	uint32_t key;
} build_ctx;

static void collect_variant(void *ctx, uint64_t hash)
{
	build_ctx *b = ctx;

	b->hashes[b->count] = hash;
	b->keys[b->count] = b->key;
	b->count++;
}

/* How many variants the fuzzy index holds: every indexable key's. */
static size_t fuzzy_variant_count(const em_gazetteer *gz)
{
	size_t total = 0, len;

	for (size_t e = 0; e < em__keymap_count(&gz->keys.strings); e++) {
		const char *key = string_of(&gz->keys, (uint32_t)e, &len);
		if (fuzzy_indexable(key, len))
			total += deletes_count(len);
	}
	return total;
}

/* Every indexable key's variants, as (hash, key entry) pairs. */
static void collect_variants(const em_gazetteer *gz, build_ctx *b)
{
	size_t len;

	for (size_t e = 0; e < em__keymap_count(&gz->keys.strings); e++) {
		const char *key = string_of(&gz->keys, (uint32_t)e, &len);
		if (!fuzzy_indexable(key, len))
			continue;
		b->key = (uint32_t)e;
		for_each_variant(key, len, EM_GAZETTEER_FUZZY_MAX, collect_variant, b);
	}
}

/* Counting sort of the variants by the hash's top bits into gz->fuzzy, so
 * that a bucket is one range of it; starts holds 2^bits + 1 zeroes. */
static void fill_buckets(em_gazetteer *gz, const build_ctx *b, uint32_t *starts, unsigned bits)
{
	size_t buckets = (size_t)1 << bits;

	for (size_t i = 0; i < b->count; i++)
		starts[(b->hashes[i] >> (64 - bits)) + 1]++;
	for (size_t i = 1; i <= buckets; i++)
		starts[i] += starts[i - 1];
	memcpy(gz->fuzzy_buckets, starts, (buckets + 1) * sizeof(*starts));
	for (size_t i = 0; i < b->count; i++) {
		size_t bucket = b->hashes[i] >> (64 - bits);
		fuzzy_entry *f = &gz->fuzzy[starts[bucket]++];
		f->check = (uint32_t)b->hashes[i];
		f->key = b->keys[i];
	}
	gz->fuzzy_count = b->count;
	gz->fuzzy_bits = bits;
}

static em_status build_fuzzy(em_gazetteer *gz)
{
	size_t total = fuzzy_variant_count(gz), buckets;
	build_ctx b = {0};
	uint32_t *starts;
	unsigned bits = 4;
	em_status status = EM_ERR_NOMEM;

	if (total == 0)
		return EM_OK;
	if (total >= UINT32_MAX)
		return EM_ERR_LIMIT;
	while (((size_t)1 << bits) < total && bits < 30)
		bits++;
	buckets = (size_t)1 << bits;
	b.hashes = malloc(total * sizeof(*b.hashes));
	b.keys = malloc(total * sizeof(*b.keys));
	starts = calloc(buckets + 1, sizeof(*starts));
	gz->fuzzy = malloc(total * sizeof(*gz->fuzzy));
	gz->fuzzy_buckets = malloc((buckets + 1) * sizeof(*gz->fuzzy_buckets));
	if (b.hashes != NULL && b.keys != NULL && starts != NULL && gz->fuzzy != NULL &&
	    gz->fuzzy_buckets != NULL) {
		collect_variants(gz, &b);
		fill_buckets(gz, &b, starts, bits);
		status = EM_OK;
	} else {
		free(gz->fuzzy);
		free(gz->fuzzy_buckets);
		gz->fuzzy = NULL;
		gz->fuzzy_buckets = NULL;
	}
	free(b.hashes);
	free(b.keys);
	free(starts);
	return status;
}

/* The folded map's high word holds the key's entry (EM_KEYMAP_NONE for
 * none), and in its top bit whether the key reaches places the folded
 * form does not (only then is the key worth looking up for a name already
 * found as written). */
#define KEY_REACHES_MORE 0x80000000u

static bool in_postings(const name_map *map, uint32_t entry, uint32_t place)
{
	for (uint32_t p = first_posting(map, entry); p != POSTING_NONE; p = map->postings[p].next)
		if (map->postings[p].place == place)
			return true;
	return false;
}

/* Marks the folded forms whose key reaches other places too. */
static void mark_keys_reaching_more(em_gazetteer *gz)
{
	for (size_t e = 0; e < em__keymap_count(&gz->folded.strings); e++) {
		uint32_t key = high_word(&gz->folded, (uint32_t)e);
		if (key == EM_KEYMAP_NONE)
			continue;
		for (uint32_t p = first_posting(&gz->keys, key); p != POSTING_NONE;
		     p = gz->keys.postings[p].next)
			if (!in_postings(&gz->folded, (uint32_t)e, gz->keys.postings[p].place)) {
				set_high_word(&gz->folded, (uint32_t)e, key | KEY_REACHES_MORE);
				break;
			}
	}
}

em_status em_gazetteer_finish(em_gazetteer *gazetteer, em_error *err)
{
	em_status status = EM_OK;

	if (gazetteer == NULL)
		return em_error_set(err, EM_ERR_INVALID, "gazetteer: invalid arguments");
	em__gazetteer_index_free(gazetteer);
	gazetteer->seat_places = malloc((gazetteer->count + 1) * sizeof(uint32_t));
	if (gazetteer->seat_places == NULL)
		status = EM_ERR_NOMEM;
	for (size_t i = 0; i < gazetteer->count && status == EM_OK; i++)
		status = index_place(gazetteer, (uint32_t)i);
	if (status == EM_OK) {
		mark_keys_reaching_more(gazetteer);
		status = em__gazetteer_name_arabic(gazetteer);
	}
	if (status != EM_OK) {
		em__gazetteer_index_free(gazetteer);
		return em_error_set(err, status, "gazetteer: cannot build the name index: %s",
				    em_status_name(status));
	}
	gazetteer->finished = true;
	return EM_OK;
}

/* ---- look-ups --------------------------------------------------------- */

static size_t collect_postings(const name_map *map, uint32_t entry, em_name_hit *hits,
			       size_t max_hits, size_t found, int distance)
{
	size_t matched_len;
	const char *matched = string_of(map, entry, &matched_len);

	for (uint32_t p = first_posting(map, entry); p != POSTING_NONE; p = map->postings[p].next) {
		const posting *post = &map->postings[p];
		size_t k;

		/* A place reached twice keeps its closest, best-kind hit. */
		for (k = 0; k < found && k < max_hits; k++) {
			if (hits[k].place == post->place) {
				if (distance < hits[k].distance ||
				    (distance == hits[k].distance && post->kind < hits[k].kind)) {
					hits[k].distance = distance;
					hits[k].kind = post->kind;
					hits[k].matched = matched;
					hits[k].matched_len = matched_len;
				}
				break;
			}
		}
		if (k < found && k < max_hits)
			continue;
		if (found < max_hits) {
			hits[found].place = post->place;
			hits[found].kind = post->kind;
			hits[found].distance = distance;
			hits[found].matched = matched;
			hits[found].matched_len = matched_len;
		}
		found++;
	}
	return found;
}

static size_t find_exact(const em_gazetteer *gz, const name_map *map, const char *s, size_t len,
			 em_name_hit *hits, size_t max_hits)
{
	uint32_t entry;

	if (gz == NULL || !gz->finished || s == NULL)
		return 0;
	entry = find_string(map, s, len);
	if (entry == EM_KEYMAP_NONE)
		return 0;
	return collect_postings(map, entry, hits, max_hits, 0, 0);
}

size_t em_gazetteer_find_folded(em_name_hit *hits, size_t max_hits,
				const em_gazetteer *gazetteer, const char *folded, size_t len)
{
	return find_exact(gazetteer, gazetteer ? &gazetteer->folded : NULL, folded, len, hits,
			  max_hits);
}

size_t em_gazetteer_find_key_of(em_name_hit *hits, size_t max_hits,
				const em_gazetteer *gazetteer, const char *folded, size_t len)
{
	uint32_t entry, key;

	if (gazetteer == NULL || !gazetteer->finished || folded == NULL)
		return 0;
	entry = find_string(&gazetteer->folded, folded, len);
	if (entry == EM_KEYMAP_NONE ||
	    (key = high_word(&gazetteer->folded, entry)) == EM_KEYMAP_NONE ||
	    !(key & KEY_REACHES_MORE))
		return 0;
	return collect_postings(&gazetteer->keys, key & ~KEY_REACHES_MORE, hits, max_hits, 0, 0);
}

size_t em_gazetteer_find_key(em_name_hit *hits, size_t max_hits, const em_gazetteer *gazetteer,
			     const char *key, size_t len)
{
	return find_exact(gazetteer, gazetteer ? &gazetteer->keys : NULL, key, len, hits,
			  max_hits);
}

#define FUZZY_HITS_MAX 1024

typedef struct query_ctx {
	const em_gazetteer *gz;
	uint32_t candidates[FUZZY_CANDIDATES_MAX];
	size_t count;
	em_name_hit hits[FUZZY_HITS_MAX];
} query_ctx;

static void probe_variant(void *ctx, uint64_t hash)
{
	query_ctx *q = ctx;
	const em_gazetteer *gz = q->gz;
	size_t bucket = hash >> (64 - gz->fuzzy_bits);

	for (uint32_t i = gz->fuzzy_buckets[bucket]; i < gz->fuzzy_buckets[bucket + 1]; i++) {
		size_t k;

		if (gz->fuzzy[i].check != (uint32_t)hash)
			continue;
		for (k = 0; k < q->count; k++)
			if (q->candidates[k] == gz->fuzzy[i].key)
				break;
		if (k == q->count && q->count < FUZZY_CANDIDATES_MAX)
			q->candidates[q->count++] = gz->fuzzy[i].key;
	}
}

static int compare_hits(const void *a, const void *b)
{
	const em_name_hit *x = a, *y = b;

	if (x->distance != y->distance)
		return x->distance - y->distance;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->place < y->place ? -1 : x->place > y->place;
}

em_status em_gazetteer_prepare_fuzzy(const em_gazetteer *gazetteer, em_error *err)
{
	/* Logically const: the index is a cache of what is loaded. */
	em_gazetteer *gz = (em_gazetteer *)gazetteer;
	em_status status = EM_OK;

	if (gz == NULL || !gz->finished)
		return em_error_set(err, EM_ERR_INVALID, "gazetteer: not finished");
	if (__atomic_load_n(&gz->fuzzy_ready, __ATOMIC_ACQUIRE))
		return EM_OK;
	pthread_mutex_lock(&gz->fuzzy_lock);
	if (!__atomic_load_n(&gz->fuzzy_ready, __ATOMIC_ACQUIRE)) {
		status = build_fuzzy(gz);
		if (status == EM_OK)
			__atomic_store_n(&gz->fuzzy_ready, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&gz->fuzzy_lock);
	if (status != EM_OK)
		return em_error_set(err, status, "gazetteer: cannot build the fuzzy index: %s",
				    em_status_name(status));
	return EM_OK;
}

size_t em_gazetteer_find_fuzzy(em_name_hit *hits, size_t max_hits,
			       const em_gazetteer *gazetteer, const char *key, size_t len,
			       int max_distance)
{
	query_ctx *q;
	size_t found = 0;

	if (gazetteer == NULL || !gazetteer->finished || key == NULL || len == 0 ||
	    len > FUZZY_KEY_MAX + EM_GAZETTEER_FUZZY_MAX ||
	    em_gazetteer_prepare_fuzzy(gazetteer, NULL) != EM_OK || gazetteer->fuzzy == NULL)
		return 0;
	if (max_distance > EM_GAZETTEER_FUZZY_MAX)
		max_distance = EM_GAZETTEER_FUZZY_MAX;
	if (max_distance < 0)
		max_distance = 0;
	q = malloc(sizeof(*q));
	if (q == NULL)
		return 0;
	q->gz = gazetteer;
	q->count = 0;
	for_each_variant(key, len, max_distance, probe_variant, q);
	/* Every match first, each place once at its closest; then the
	 * closest max_hits, so a small buffer gets the best, not the first. */
	for (size_t c = 0; c < q->count; c++) {
		uint32_t entry = q->candidates[c];
		size_t entry_len;
		const char *entry_key = string_of(&gazetteer->keys, entry, &entry_len);
		int d = em_text_distance(key, len, entry_key, entry_len, max_distance);

		if (d <= max_distance)
			found = collect_postings(&gazetteer->keys, entry, q->hits, FUZZY_HITS_MAX,
						 found, d);
	}
	if (found > FUZZY_HITS_MAX)
		found = FUZZY_HITS_MAX;
	qsort(q->hits, found, sizeof(*q->hits), compare_hits);
	memcpy(hits, q->hits, (found < max_hits ? found : max_hits) * sizeof(*hits));
	free(q);
	return found;
}

/* Words that say "first-order division" and nothing about which one, so
 * "Tartous Governorate" names the same division as "Tartus". */
static const char *const division_words[] = {
	"governorate", "governorat", "gouvernorat", "province", "muhafazat", "mohafazat",
	"muhafazah", "district", "region", "wilayat", "qada", "caza"};

static em__wordlist division_keys;
static pthread_once_t division_once = PTHREAD_ONCE_INIT;

static void fold_division_words(void)
{
	em__wordlist_fold(&division_keys, EM__WORDLIST_ALL(division_words), EM_TEXT_KEY);
}

static bool is_division_word(const char *word, size_t len)
{
	pthread_once(&division_once, fold_division_words);
	return em__wordlist_find(&division_keys, word, len) >= 0;
}

static size_t strip_division_words(char *key, size_t len)
{
	size_t read = 0, n = 0;

	while (read < len) {
		const char *space = memchr(key + read, ' ', len - read);
		size_t wl = space ? (size_t)(space - (key + read)) : len - read;

		if (!is_division_word(key + read, wl)) {
			if (n > 0)
				key[n++] = ' ';
			memmove(key + n, key + read, wl);
			n += wl;
		}
		read += wl + 1;
	}
	key[n] = '\0';
	return n;
}

static bool code_matches(const char *country, const char *admin1, const char *hint)
{
	size_t clen = strlen(country);

	if (admin1[0] == '\0')
		return false;
	if (strcasecmp(hint, admin1) == 0)
		return true;
	return clen > 0 && strncasecmp(hint, country, clen) == 0 && hint[clen] == '.' &&
	       strcasecmp(hint + clen + 1, admin1) == 0;
}

bool em_gazetteer_admin1_matches(const em_gazetteer *gazetteer, const char *country,
				 const char *admin1, const char *hint)
{
	char key[FOLD_BUFFER];
	size_t key_len;
	uint32_t entry;

	if (hint == NULL || hint[0] == '\0')
		return true;
	if (gazetteer == NULL || !gazetteer->finished || country == NULL || admin1 == NULL)
		return false;
	if (code_matches(country, admin1, hint))
		return true;
	if (em_text_fold(key, sizeof(key), &key_len, hint, strlen(hint), EM_TEXT_KEY) != EM_OK)
		return false;
	key_len = strip_division_words(key, key_len);
	entry = find_string(&gazetteer->seats, key, key_len);
	if (entry == EM_KEYMAP_NONE)
		return false;
	for (uint32_t p = first_posting(&gazetteer->seats, entry); p != POSTING_NONE;
	     p = gazetteer->seats.postings[p].next) {
		const em_place *seat = &gazetteer->places[gazetteer->seats.postings[p].place];
		if (strcmp(seat->country, country) == 0 && strcmp(seat->admin1, admin1) == 0)
			return true;
	}
	return false;
}

const char *em_gazetteer_admin1_name(const em_gazetteer *gazetteer, const char *country,
				     const char *admin1)
{
	const char *best = NULL;

	if (gazetteer == NULL || country == NULL || admin1 == NULL || admin1[0] == '\0')
		return NULL;
	for (size_t i = 0; i < gazetteer->seat_count; i++) {
		const em_place *p = &gazetteer->places[gazetteer->seat_places[i]];
		if (strcmp(p->country, country) != 0 || strcmp(p->admin1, admin1) != 0)
			continue;
		/* A division's own row names it better than its seat does. */
		if (strcmp(p->feature_code, "ADM1") == 0)
			return p->asciiname;
		if (best == NULL)
			best = p->asciiname;
	}
	return best;
}
