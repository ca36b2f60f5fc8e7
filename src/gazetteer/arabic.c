/* A place's own name in Arabic script, for labels.  GeoNames' alternate
 * names carry no language and mix scripts: the first in Arabic script is
 * often a variant, a Persian or Urdu spelling, an administrative form or
 * another feature (برج صافيتا, the tower of Safita).  The name is chosen
 * among the alternates written wholly in Arabic letters by agreement with
 * the place's names in Latin script, compared as consonant skeletons; a
 * small cited table (geodata/arabic-names.tsv) corrects what GeoNames
 * lacks.  No candidate that agrees: no Arabic name, and posters fall back
 * to the Latin one. */
#include "gazetteer_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "eventmap/text.h"
#include "../util/array.h"

#define SKELETON_MAX 96
#define CANDIDATES_MAX 16
#define LATIN_MAX 48

/* Latin letters for Arabic ones, two forms: folded (the skeleton compares
 * these, emphatics as plain letters) and BGN's (ţ for ط, ş for ص...), for
 * telling طرابلس from ترابلس when GeoNames gives Ţarābulus.  Weak letters
 * (alef, waw, ya, hamza, ayn) are vowels to a transliteration: none. */
typedef enum form {
	FORM_SKELETON, /* consonants, emphatics plain */
	FORM_BGN,      /* consonants, emphatics marked as BGN marks them */
	FORM_VOWELS    /* consonants and the long vowels */
} form;

static const char *arabic_letter(int32_t cp, form f)
{
	bool bgn = f == FORM_BGN;

	if (f == FORM_VOWELS)
		switch (cp) {
		case 0x0627: case 0x0622: case 0x0649: return "a";
		case 0x0648: return "u";
		case 0x064A: return "i";
		default: break;
		}
	switch (cp) {
	case 0x0628: return "b";
	case 0x062A: return "t";
	case 0x062B: return "th";
	case 0x062C: return "j";
	case 0x062D: return bgn ? "\xE1\xB8\xA9" : "h"; /* ḩ */
	case 0x062E: return "kh";
	case 0x062F: return "d";
	case 0x0630: return "dh";
	case 0x0631: return "r";
	case 0x0632: return "z";
	case 0x0633: return "s";
	case 0x0634: return "sh";
	case 0x0635: return bgn ? "\xC5\x9F" : "s";     /* ş */
	case 0x0636: return bgn ? "\xE1\xB8\x91" : "d"; /* ḑ */
	case 0x0637: return bgn ? "\xC5\xA3" : "t";     /* ţ */
	case 0x0638: return bgn ? "\xE1\xBA\x93" : "z"; /* ẓ */
	case 0x063A: return "gh";
	case 0x0641: return "f";
	case 0x0642: return "q";
	case 0x0643: return "k";
	case 0x0644: return "l";
	case 0x0645: return "m";
	case 0x0646: return "n";
	case 0x0647: case 0x0629: return "h";
	default: return ""; /* alef, waw, ya, hamza, ayn, alef maqsura */
	}
}

/* Letters Arabic writes names with; harakat, shadda, superscript alef and
 * tatweel are dropped, anything else (Persian, Urdu or Kurdish letters,
 * Latin, digits) makes the string no Arabic name. */
static bool arabic_name_letter(int32_t cp, bool *keep)
{
	*keep = true;
	if ((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) || cp == ' ')
		return true;
	*keep = false;
	return (cp >= 0x064B && cp <= 0x0652) || cp == 0x0670 || cp == 0x0640 || cp == 0x0671;
}

/* Normalises a candidate into out (harakat dropped, wasla as alef); false
 * when it is not wholly Arabic letters. */
static bool normalise_arabic(const char *s, size_t len, char *out, size_t size, size_t *out_len)
{
	size_t at = 0, n = 0;

	while (at < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + at,
						      (utf8proc_ssize_t)(len - at), &cp);
		utf8proc_uint8_t buf[4];
		bool keep;

		if (k <= 0 || !arabic_name_letter(cp, &keep))
			return false;
		at += (size_t)k;
		if (cp == 0x0671) {
			cp = 0x0627;
			keep = true;
		}
		if (!keep || (cp == ' ' && (n == 0 || out[n - 1] == ' ')))
			continue;
		k = utf8proc_encode_char(cp, buf);
		if (n + (size_t)k + 1 > size)
			return false;
		memcpy(out + n, buf, (size_t)k);
		n += (size_t)k;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	*out_len = n;
	return n > 0;
}

/* Administrative and descriptive forms: "محافظة طرطوس" names the
 * governorate, "مدينة طرطوس" describes the city. */
static bool administrative(const char *s)
{
	static const char *const prefixes[] = {
		"\xd9\x85\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8\xd8\xa9 ", /* محافظة */
		"\xd9\x85\xd9\x86\xd8\xb7\xd9\x82\xd8\xa9 ",         /* منطقة */
		"\xd9\x86\xd8\xa7\xd8\xad\xd9\x8a\xd8\xa9 ",         /* ناحية */
		"\xd9\x82\xd8\xb6\xd8\xa7\xd8\xa1 ",                 /* قضاء */
		"\xd9\x85\xd8\xaf\xd9\x8a\xd8\xb1\xd9\x8a\xd8\xa9 ", /* مديرية */
		"\xd9\x88\xd9\x84\xd8\xa7\xd9\x8a\xd8\xa9 ",         /* ولاية */
		"\xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a\xd8\xa9 ",         /* بلدية */
		"\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9 ",         /* مدينة */
		"\xd9\x82\xd8\xb1\xd9\x8a\xd8\xa9 ",                 /* قرية */
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

static bool latin_skeleton(const char *s, size_t len, form f, char *out, size_t *out_len,
			   bool *article)
{
	static const em_text_skeleton_form forms[] = {
		[FORM_SKELETON] = EM_SKELETON_LOOSE, [FORM_BGN] = EM_SKELETON_MARKED,
		[FORM_VOWELS] = EM_SKELETON_VOWELS};

	return em_text_skeleton(out, SKELETON_MAX, out_len, article, s, len, forms[f]);
}

/* The same skeleton for a normalised Arabic name, through its letters. */
static void arabic_skeleton(const char *s, size_t len, form f, char *out, size_t *out_len,
			    bool *article)
{
	char latin[SKELETON_MAX * 4];
	size_t n = 0, at = 0;

	*article = len > 4 && memcmp(s, "\xd8\xa7\xd9\x84", 4) == 0; /* ال */
	if (*article)
		at = 4;
	while (at < len && n + 8 < sizeof(latin)) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + at,
						      (utf8proc_ssize_t)(len - at), &cp);
		const char *l;

		if (k <= 0)
			break;
		at += (size_t)k;
		l = cp == ' ' ? " " : arabic_letter(cp, f);
		memcpy(latin + n, l, strlen(l));
		n += strlen(l);
	}
	latin[n] = '\0';
	if (!latin_skeleton(latin, n, f, out, out_len, &(bool){false}))
		*out_len = 0;
}

typedef struct latin_name {
	char skeleton[SKELETON_MAX], bgn[SKELETON_MAX], vowels[SKELETON_MAX];
	size_t skeleton_len, bgn_len, vowels_len;
	bool article;
	size_t words;    /* after the article */
	bool primary;    /* the place's name or ASCII name */
	bool marked;     /* written with BGN's marks: the closest to the Arabic */
} latin_name;

typedef struct candidate {
	const char *text;     /* normalised, in the scratch buffer */
	size_t len;
	char skeleton[SKELETON_MAX], bgn[SKELETON_MAX], vowels[SKELETON_MAX];
	size_t skeleton_len, bgn_len, vowels_len;
	bool article;
	int order;
} candidate;

static size_t words(const char *s, size_t len)
{
	size_t n = len > 0;

	for (size_t i = 0; i < len; i++)
		n += s[i] == ' ' || s[i] == '-';
	return n;
}


/* ḩ ţ ş ḑ ẓ ā ī ū and the half rings ‘ ’ ʿ ʾ: one pass over the bytes. */
static bool has_bgn_marks(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char a = s[i], b = s[i + 1];
		if ((a == 0xC4 && (b == 0x81 || b == 0xAB)) ||
		    (a == 0xC5 && (b == 0xA3 || b == 0x9F || b == 0xAB)) ||
		    (a == 0xCA && (b == 0xBF || b == 0xBE)))
			return true;
		if (i + 2 < len &&
		    ((a == 0xE1 && b == 0xB8 && (s[i + 2] == 0xA9 || s[i + 2] == 0x91)) ||
		     (a == 0xE1 && b == 0xBA && s[i + 2] == 0x93) ||
		     (a == 0xE2 && b == 0x80 && (s[i + 2] == 0x98 || s[i + 2] == 0x99))))
			return true;
	}
	return false;
}

static void add_latin(latin_name *list, size_t *count, const char *s, size_t len, bool primary)
{
	latin_name *l = &list[*count];

	if (*count >= LATIN_MAX || len == 0 || len >= SKELETON_MAX * 2)
		return;
	if (!latin_skeleton(s, len, FORM_SKELETON, l->skeleton, &l->skeleton_len, &l->article) ||
	    l->skeleton_len == 0)
		return;
	l->words = words(s, len) - (l->article ? 1 : 0);
	l->primary = primary;
	l->marked = has_bgn_marks(s, len);
	/* The finer forms are compared only for these. */
	l->bgn_len = l->vowels_len = 0;
	if (l->marked)
		latin_skeleton(s, len, FORM_BGN, l->bgn, &l->bgn_len, &(bool){false});
	if (primary)
		latin_skeleton(s, len, FORM_VOWELS, l->vowels, &l->vowels_len, &(bool){false});
	(*count)++;
}

/* Distances past this all mean "another word". */
#define DISTANCE_CAP 8

static int distance(const char *a, size_t an, const char *b, size_t bn)
{
	return em_text_distance(a, an, b, bn, DISTANCE_CAP);
}

/* How well a candidate agrees with the place's Latin names: the closest
 * primary name, the closest of all, whether the names that spell the same
 * word mostly carry an article, and the closest name written with BGN's
 * marks.  Lower is better throughout. */
typedef struct agreement {
	int primary, any, article_disagrees, words_disagree, bgn, vowels;
} agreement;

static agreement agree(const candidate *c, const latin_name *latin, size_t count)
{
	agreement a = {DISTANCE_CAP + 1, DISTANCE_CAP + 1, 0, 0, DISTANCE_CAP + 1,
		       DISTANCE_CAP + 1};
	/* Votes on the article: the place's own name decides when it spells
	 * the same word; else names written with BGN's marks, the closest to
	 * the Arabic, outvote the rest. */
	int primary[2] = {0, 0}, marked[2] = {0, 0}, plain[2] = {0, 0};

	for (size_t i = 0; i < count; i++) {
		int d = distance(c->skeleton, c->skeleton_len, latin[i].skeleton,
				 latin[i].skeleton_len);
		if (latin[i].primary && d < a.primary) {
			a.primary = d;
			a.words_disagree = words(c->text, c->len) != latin[i].words;
		}
		if (d < a.any)
			a.any = d;
		if (latin[i].primary && d == 0)
			primary[latin[i].article]++;
		else if (d <= 1)
			(latin[i].marked ? marked : plain)[latin[i].article]++;
		if (latin[i].marked) {
			int b = distance(c->bgn, c->bgn_len, latin[i].bgn, latin[i].bgn_len);
			if (b < a.bgn)
				a.bgn = b;
		}
		/* The long vowels, against the place's own name. */
		if (latin[i].primary) {
			int v = distance(c->vowels, c->vowels_len, latin[i].vowels, latin[i].vowels_len);
			if (v < a.vowels)
				a.vowels = v;
		}
	}
	if (primary[0] != primary[1])
		a.article_disagrees = c->article != (primary[1] > primary[0]);
	else if (marked[0] != marked[1])
		a.article_disagrees = c->article != (marked[1] > marked[0]);
	else if (plain[0] != plain[1])
		a.article_disagrees = c->article != (plain[1] > plain[0]);
	return a;
}

static bool better(const agreement *x, const candidate *cx, const agreement *y,
		   const candidate *cy)
{
	if (x->primary != y->primary)
		return x->primary < y->primary;
	if (x->article_disagrees != y->article_disagrees)
		return x->article_disagrees < y->article_disagrees;
	if (x->words_disagree != y->words_disagree)
		return x->words_disagree < y->words_disagree;
	if (x->bgn != y->bgn)
		return x->bgn < y->bgn;
	if (x->vowels != y->vowels)
		return x->vowels < y->vowels;
	if (x->any != y->any)
		return x->any < y->any;
	return cx->order < cy->order;
}

/* True when the place's name or ASCII name agrees with the candidate as
 * well as any name could: the same consonants. */
static bool agrees_quickly(const em_place *p, const candidate *c)
{
	const char *names[2] = {p->name, p->asciiname};
	char skeleton[SKELETON_MAX];
	size_t len;
	bool article;

	for (int i = 0; i < 2; i++)
		if (latin_skeleton(names[i], strlen(names[i]), FORM_SKELETON, skeleton, &len,
				   &article) &&
		    len == c->skeleton_len && memcmp(skeleton, c->skeleton, len) == 0)
			return true;
	return false;
}

/* Fills in a candidate's skeletons; false when it has no consonants. */
static bool describe_candidate(candidate *c)
{
	arabic_skeleton(c->text, c->len, FORM_SKELETON, c->skeleton, &c->skeleton_len, &c->article);
	if (c->skeleton_len == 0)
		return false;
	arabic_skeleton(c->text, c->len, FORM_BGN, c->bgn, &c->bgn_len, &(bool){false});
	arabic_skeleton(c->text, c->len, FORM_VOWELS, c->vowels, &c->vowels_len, &(bool){false});
	return true;
}

static bool already_a_candidate(const candidate *cands, size_t count, const char *text)
{
	for (size_t k = 0; k < count; k++)
		if (strcmp(cands[k].text, text) == 0)
			return true;
	return false;
}

/* The place's alternate names written wholly in Arabic letters, each
 * once, normalised into scratch, administrative forms left out. */
static size_t arabic_candidates(const em_place *p, char *scratch, size_t scratch_size,
				candidate *cands)
{
	size_t count = 0, used = 0;

	for (const char *alt = p->alternatenames; alt != NULL && *alt;) {
		const char *comma = strchr(alt, ',');
		size_t len = comma ? (size_t)(comma - alt) : strlen(alt);
		candidate *c = &cands[count];

		if (len > 0 && count < CANDIDATES_MAX && em_text_has_arabic(alt, len) &&
		    normalise_arabic(alt, len, scratch + used, scratch_size - used, &c->len) &&
		    !administrative(scratch + used) &&
		    !already_a_candidate(cands, count, scratch + used)) {
			c->text = scratch + used;
			if (describe_candidate(c)) {
				c->order = (int)count++;
				used += c->len + 1;
			}
		}
		alt = comma ? comma + 1 : NULL;
	}
	return count;
}

/* The place's names in Latin script, its name and ASCII name first. */
static size_t latin_names(const em_place *p, latin_name *latin)
{
	size_t count = 0;

	add_latin(latin, &count, p->name, strlen(p->name), true);
	add_latin(latin, &count, p->asciiname, strlen(p->asciiname), true);
	for (const char *alt = p->alternatenames; alt != NULL && *alt;) {
		const char *comma = strchr(alt, ',');
		size_t len = comma ? (size_t)(comma - alt) : strlen(alt);

		if (len > 0 && !em_text_has_arabic(alt, len))
			add_latin(latin, &count, alt, len, false);
		alt = comma ? comma + 1 : NULL;
	}
	return count;
}

/* The candidate that agrees best with the Latin names; NULL when none
 * spells the place's name. */
static const candidate *best_candidate(const candidate *cands, size_t count,
				       const latin_name *latin, size_t latin_count)
{
	agreement best_agreement = {0};
	const candidate *best = NULL;

	for (size_t i = 0; i < count; i++) {
		agreement a = agree(&cands[i], latin, latin_count);

		/* It must spell the place's name: within a third of its
		 * consonants of some Latin name. */
		if ((size_t)a.any * 3 > cands[i].skeleton_len)
			continue;
		if (best == NULL || better(&a, &cands[i], &best_agreement, best)) {
			best = &cands[i];
			best_agreement = a;
		}
	}
	return best;
}

/* Writes the chosen name into out; "" when none agrees. */
static void choose(const em_place *p, char *out, size_t out_size)
{
	char scratch[8192];
	candidate cands[CANDIDATES_MAX];
	latin_name latin[LATIN_MAX];
	size_t count = arabic_candidates(p, scratch, sizeof(scratch), cands);
	const candidate *best = NULL;

	out[0] = '\0';
	if (count == 1 && agrees_quickly(p, &cands[0]))
		/* One candidate that spells one of the place's own names: it
		 * is the name, without looking at dozens of others. */
		best = &cands[0];
	else if (count > 0)
		/* Only then the Latin names, which most places have dozens of. */
		best = best_candidate(cands, count, latin, latin_names(p, latin));
	if (best != NULL && best->len < out_size)
		memcpy(out, best->text, best->len + 1);
}

/* ---- the corrections table ------------------------------------------ */

em_status em__gazetteer_add_name_ar(em_gazetteer *gz, const char *id, const char *name,
				    size_t len)
{
	bool added = false;
	uint64_t *slot = em__keymap_get(&gz->names_ar, id, strlen(id), true, &added);
	char *copy = strndup(name, len);

	if (slot == NULL || copy == NULL) {
		free(copy);
		return EM_ERR_NOMEM;
	}
	if (!added) { /* a later row for the same place wins */
		free(gz->names_ar_text[*slot - 1]);
		gz->names_ar_text[*slot - 1] = copy;
		return EM_OK;
	}
	if (!EM_ARRAY_RESERVE(gz->names_ar_text, gz->names_ar_cap, gz->names_ar_count + 1)) {
		free(copy);
		return EM_ERR_NOMEM;
	}
	gz->names_ar_text[gz->names_ar_count++] = copy;
	*slot = gz->names_ar_count;
	return EM_OK;
}

const char *em__gazetteer_find_name_ar(const em_gazetteer *gz, const em_place *place)
{
	const uint64_t *slot;

	if (gz->names_ar_count == 0 || place->role != EM_GAZETTEER_PLACES)
		return NULL;
	slot = em__keymap_value(&gz->names_ar, place->id, strlen(place->id));
	return slot ? gz->names_ar_text[*slot - 1] : NULL;
}

void em__gazetteer_names_ar_free(em_gazetteer *gz)
{
	for (size_t i = 0; i < gz->names_ar_count; i++)
		free(gz->names_ar_text[i]);
	free(gz->names_ar_text);
	em__keymap_clear(&gz->names_ar);
}


/* One line of the corrections table (NUL-terminated, line breaks off). */
static em_status add_name_ar_line(em_gazetteer *gz, char *line, size_t len, const char *path,
				  unsigned long number, em_error *err)
{
	char *tab, *name, *end;
	size_t name_len;
	em_status status;

	if (len == 0 || line[0] == '#' || (number <= 5 && strncmp(line, "geonameid\t", 10) == 0))
		return EM_OK;
	tab = strchr(line, '\t');
	if (tab == NULL || tab == line)
		return em_error_set(err, EM_ERR_INVALID,
				    "%s:%lu: give geonameid, a tab, then the Arabic name", path, number);
	*tab = '\0';
	name = tab + 1;
	end = strchr(name, '\t');
	name_len = end ? (size_t)(end - name) : strlen(name);
	if (!em_text_valid_utf8(name, name_len) || !em_text_has_arabic(name, name_len))
		return em_error_set(err, EM_ERR_INVALID,
				    "%s:%lu: column 2 (name_ar): is not a name in Arabic script",
				    path, number);
	status = em__gazetteer_add_name_ar(gz, line, name, name_len);
	if (status != EM_OK)
		em_error_set(err, status, "out of memory");
	return status;
}

em_status em_gazetteer_load_names_ar(em_gazetteer *gazetteer, const char *path, em_error *err)
{
	char *data = NULL;
	size_t len = 0, at = 0;
	unsigned long number = 0;
	em_status status;

	if (gazetteer == NULL || path == NULL)
		return em_error_set(err, EM_ERR_INVALID, "gazetteer: invalid arguments");
	status = em__gazetteer_read_file(path, &data, &len, err);
	while (status == EM_OK && at < len) {
		char *line = data + at, *newline = memchr(line, '\n', len - at);
		size_t line_len = newline ? (size_t)(newline - line) : len - at;

		at += line_len + (newline ? 1 : 0);
		line[line_len] = '\0';
		while (line_len > 0 && line[line_len - 1] == '\r')
			line[--line_len] = '\0';
		status = add_name_ar_line(gazetteer, line, line_len, path, ++number, err);
	}
	free(data);
	return status;
}

/* The Arabic name a place takes at finish, into chosen: its correction,
 * else the choice among its names.  false when it keeps the one it has
 * (given with the place, or chosen at an earlier finish). */
static bool new_name_ar(const em_gazetteer *gz, const em_place *p, char *chosen, size_t size)
{
	const char *fixed = em__gazetteer_find_name_ar(gz, p);

	if (p->name_ar != NULL && p->name_ar[0] != '\0' && fixed == NULL)
		return false;
	if (fixed != NULL)
		snprintf(chosen, size, "%s", fixed);
	else
		choose(p, chosen, size);
	return true;
}

/* Every place's Arabic-script name, for labels, in one buffer: a name given
 * with the place (--places) stays, a correction wins, else the choice. */
em_status em__gazetteer_name_arabic(em_gazetteer *gz)
{
	char chosen[1024];
	size_t *offsets = malloc((gz->count + 1) * sizeof(*offsets));
	char *pool = NULL;
	size_t pool_len = 1, pool_cap = 0; /* offset 0 is "": no name */
	bool ok = offsets != NULL && EM_ARRAY_RESERVE(pool, pool_cap, pool_len);

	if (ok)
		pool[0] = '\0';
	for (size_t i = 0; ok && i < gz->count; i++) {
		size_t len;

		offsets[i] = SIZE_MAX;
		if (!new_name_ar(gz, &gz->places[i], chosen, sizeof(chosen)))
			continue;
		len = strlen(chosen);
		offsets[i] = 0;
		if (len == 0)
			continue;
		ok = EM_ARRAY_RESERVE(pool, pool_cap, pool_len + len + 1);
		if (ok) {
			memcpy(pool + pool_len, chosen, len + 1);
			offsets[i] = pool_len;
			pool_len += len + 1;
		}
	}
	if (!ok || !em__gazetteer_keep_buffer(gz, pool)) {
		free(offsets);
		free(pool);
		return EM_ERR_NOMEM;
	}
	for (size_t i = 0; i < gz->count; i++)
		if (offsets[i] != SIZE_MAX)
			gz->places[i].name_ar = pool + offsets[i];
	free(offsets);
	return EM_OK;
}
