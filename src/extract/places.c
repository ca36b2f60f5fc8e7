/* The places a block names.  A run of capitalised words (with al-, el-
 * inside) is a candidate as a whole: "Hayat Tahrir al-Sham" is not split
 * into villages.  Country and nationality words are countries.  A run
 * after a title ("President ...") or before "said" is a person, and so is
 * a later lone surname of that person.  What is left is looked up in the
 * gazetteer as written, folded and by key (the spellings the geocoder
 * matches without guessing: Tartous, Banias, Khmeimim); runs of Arabic
 * words are tried three, two and one words long, with a clinging و ب ل ف
 * taken off.  A run the text marks as a place ("the village of X") that
 * the gazetteer lacks is unlisted.  Then every name of the block is
 * geocoded in one list, so that they decide each other. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eventmap/text.h"
#include "../util/array.h"
#include "extract_internal.h"

static em__mention *new_mention(em_extract *ex, uint32_t sent, uint32_t tok, uint32_t ntok,
				em_mention_kind kind)
{
	em__mention *m;
	const em__token *a = &ex->tokens[tok], *b = &ex->tokens[tok + ntok - 1];

	if (!EM_ARRAY_RESERVE(ex->mentions, ex->mention_cap, ex->mention_count + 1))
		return NULL;
	m = &ex->mentions[ex->mention_count++];
	memset(m, 0, sizeof *m);
	m->sent = sent;
	m->tok = tok;
	m->ntok = ntok;
	m->start = a->start;
	m->end = b->start + b->len;
	m->kind = kind;
	m->country = m->hint = m->query = -1;
	return m;
}

/* Whether the len bytes at s are a name of the gazetteer as written,
 * folded or by key; remembered per file. */
static bool in_gazetteer(em_extract *ex, const char *s, size_t len)
{
	char form[EM_TEXT_NAME_MAX + 1];
	size_t n;
	em_name_hit hit;
	bool added, found = false;
	uint64_t *seen;

	if (len == 0 || len > 200)
		return false;
	seen = em__keymap_get(&ex->lookups, s, len, true, &added);
	if (seen && !added)
		return *seen == 1;
	if (em_text_fold(form, sizeof form, &n, s, len, EM_TEXT_FOLDED) == EM_OK && n > 0)
		found = em_gazetteer_find_folded(&hit, 1, ex->gazetteer, form, n) > 0;
	if (!found && em_text_fold(form, sizeof form, &n, s, len, EM_TEXT_KEY) == EM_OK && n > 0)
		found = em_gazetteer_find_key(&hit, 1, ex->gazetteer, form, n) > 0;
	if (seen)
		*seen = found ? 1 : 2;
	return found;
}

/* A word's lower-cased letters without a leading al-/el-: the key under
 * which a person's surname is remembered. */
static size_t surname_key(char *out, size_t size, const char *w, size_t len)
{
	size_t n = 0;

	if (len > 3 && (w[2] == '-' || w[2] == ' ') && em_text_is_article(w, 2)) {
		w += 3;
		len -= 3;
	}
	for (size_t i = 0; i < len && n + 1 < size; i++)
		out[n++] = (char)tolower((unsigned char)w[i]);
	return n;
}

static void learn_person(em_extract *ex, uint32_t tok, uint32_t ntok)
{
	for (uint32_t i = tok + (ntok > 1 ? 1 : 0); i < tok + ntok; i++) {
		char key[64];
		bool added;
		size_t n = surname_key(key, sizeof key, ex->text + ex->tokens[i].start,
				       ex->tokens[i].len);
		if (n >= 3)
			em__keymap_get(&ex->persons, key, n, true, &added);
	}
}

static bool is_person_name(const em_extract *ex, const em__token *t)
{
	char key[64];
	size_t n = surname_key(key, sizeof key, ex->text + t->start, t->len);

	return n >= 3 && em__keymap_value(&ex->persons, key, n) != NULL;
}

/* The country a word stands for: the word itself, or its first part
 * ("Britain-based", "UK-based"), or -1. */
static int country_of(const em_extract *ex, const em__token *t)
{
	const char *w = ex->text + t->start;
	const char *dash;

	if (t->flags & TF_ARABIC)
		return -1;
	if (t->bits & L_COUNTRY)
		return (t->len == 2 && !(t->flags & TF_UPPER)) ? -1 : t->value;
	dash = memchr(w, '-', t->len);
	if (dash && (t->flags & TF_CAP)) {
		const em__lexeme *lx = em__extract_lexeme(ex, w, (size_t)(dash - w));
		if (lx && (lx->bits & L_COUNTRY))
			return lx->value;
	}
	return -1;
}

static bool capitalised(const em__token *t)
{
	return t->kind == TOK_WORD && (t->flags & TF_CAP) && !(t->flags & TF_ARABIC);
}

/* "al-Assad", "el-Bayda": an article joined to a capitalised name. */
static bool article_joined(const em_extract *ex, const em__token *t)
{
	const char *w = ex->text + t->start;
	const char *dash = t->kind == TOK_WORD ? memchr(w, '-', t->len < 5 ? t->len : 5) : NULL;

	return dash && (size_t)(dash - w) + 1 < t->len && dash[1] >= 'A' && dash[1] <= 'Z' &&
	       em_text_is_article(w, (size_t)(dash - w));
}

static bool name_word(const em_extract *ex, const em__token *t)
{
	return capitalised(t) || article_joined(ex, t);
}

/* Where the capitalised run starting at i ends (exclusive), within the
 * sentence's tokens [i, end): capitalised words, an article word between
 * two of them, and nothing after a possessive. */
static uint32_t run_end(const em_extract *ex, uint32_t i, uint32_t end)
{
	uint32_t k = i + 1;

	while (k < end && !(ex->tokens[k - 1].flags & TF_POSS)) {
		const em__token *t = &ex->tokens[k];
		if (name_word(ex, t)) {
			k++;
			continue;
		}
		if (t->kind == TOK_WORD && k + 1 < end && capitalised(&ex->tokens[k + 1]) &&
		    em_text_is_article(ex->text + t->start, t->len)) {
			k += 2;
			continue;
		}
		break;
	}
	return k;
}

/* The text marks tokens [i, ...) as a place: "the village of X", "in X"
 * (a preposition before), "X province" (a region word after). */
static bool marked_trigger(const em_extract *ex, uint32_t i, uint32_t first)
{
	return i >= first + 2 && em__tok_is(ex, &ex->tokens[i - 1], "of") &&
	       (ex->tokens[i - 2].bits & L_TRIGGER);
}

static bool marked_place(const em_extract *ex, uint32_t i, uint32_t k, uint32_t first,
			 uint32_t end)
{
	static const char *const preps[] = {"in", "near", "at", "from", "to", "towards", "into",
					     "around", "outside", "of"};

	if (marked_trigger(ex, i, first))
		return true;
	if (k < end && (ex->tokens[k].bits & L_REGION))
		return true;
	for (size_t p = 0; i > first && p < sizeof preps / sizeof preps[0]; p++)
		if (em__tok_is(ex, &ex->tokens[i - 1], preps[p]))
			return true;
	return false;
}

/* A region word follows: "Tartus governorate", "Latakia and Tartous provinces". */
static bool region_follows(const em_extract *ex, uint32_t k, uint32_t end)
{
	if (k < end && (ex->tokens[k].bits & L_REGION))
		return true;
	return k + 2 < end && em__tok_is(ex, &ex->tokens[k], "and") &&
	       capitalised(&ex->tokens[k + 1]) && (ex->tokens[k + 2].bits & L_REGION);
}

/* The country the sentence ties a place to: "Lebanon's Akkar", "northern
 * Lebanon's Akkar", "Akkar in Lebanon", "Akkar, Lebanon". */
static int country_hint(const em_extract *ex, uint32_t i, uint32_t k, uint32_t first,
			uint32_t end)
{
	for (uint32_t back = 1; back <= 2 && i >= first + back; back++) {
		const em__token *t = &ex->tokens[i - back];
		if ((t->flags & TF_POSS) && country_of(ex, t) >= 0)
			return country_of(ex, t);
		if (t->kind != TOK_WORD || capitalised(t))
			break;
	}
	if (k + 1 < end && (em__tok_is(ex, &ex->tokens[k], "in") ||
			    (ex->tokens[k].kind == TOK_PUNCT && ex->text[ex->tokens[k].start] == ',')))
		return country_of(ex, &ex->tokens[k + 1]);
	return -1;
}

static bool stripped(const em_extract *ex, const em__token *t)
{
	return (t->bits & (L_STOP | L_TITLE)) || country_of(ex, t) >= 0 || (t->flags & TF_UPPER &&
	       em__extract_source_alias(ex->text + t->start, t->len, NULL));
}

/* A person: after a title, before "said" (unless a preposition makes it
 * where the speaker is: "a doctor in Jableh said"), or a surname already
 * seen; "the Tartousi family" is a family. */
static bool is_person(const em_extract *ex, uint32_t i, uint32_t k, uint32_t first,
		      uint32_t end, bool titled)
{
	static const char *const preps[] = {"in", "of", "from", "at", "near", "outside"};
	bool located = false;

	for (size_t p = 0; i > first && p < sizeof preps / sizeof preps[0]; p++)
		located |= em__tok_is(ex, &ex->tokens[i - 1], preps[p]);
	if (titled || (k < end && (ex->tokens[k].bits & L_SAY) && !located))
		return true;
	if (k < end && (em__tok_is(ex, &ex->tokens[k], "family") ||
			em__tok_is(ex, &ex->tokens[k], "clan") || em__tok_is(ex, &ex->tokens[k], "tribe")))
		return true;
	return k - i == 1 && is_person_name(ex, &ex->tokens[i]);
}

static em_status add_countries(em_extract *ex, uint32_t s, uint32_t i, uint32_t k)
{
	for (uint32_t j = i; j < k; j++) {
		int c = country_of(ex, &ex->tokens[j]);
		em__mention *m;
		if (c < 0)
			continue;
		m = new_mention(ex, s, j, 1, EM_MENTION_COUNTRY);
		if (!m)
			return EM_ERR_NOMEM;
		m->country = c;
		if (memchr(ex->text + m->start, '-', m->end - m->start))
			m->end = m->start + (uint32_t)strcspn(ex->text + m->start, "-");
	}
	return EM_OK;
}

/* The capitalised run [i, k) of sentence s, whose tokens are [first, end). */
static em_status take_run(em_extract *ex, uint32_t s, uint32_t i, uint32_t k, uint32_t first,
			  uint32_t end)
{
	bool titled = false, region = false, found, trigger;
	const char *name;
	size_t len;
	em__mention *m;

	if (add_countries(ex, s, i, k) != EM_OK)
		return EM_ERR_NOMEM;
	for (; i < k && stripped(ex, &ex->tokens[i]); i++)
		titled |= (ex->tokens[i].bits & L_TITLE) != 0;
	for (; k > i + 1 && (ex->tokens[k - 1].bits & (L_REGION | L_TRIGGER)); k--)
		region = true;
	if (i >= k)
		return EM_OK;
	if (is_person(ex, i, k, first, end, titled)) {
		learn_person(ex, i, k - i);
		return EM_OK;
	}
	name = ex->text + ex->tokens[i].start;
	len = ex->tokens[k - 1].start + ex->tokens[k - 1].len - ex->tokens[i].start;
	if (em__extract_source_alias(name, len, NULL))
		return EM_OK;
	found = in_gazetteer(ex, name, len);
	trigger = marked_trigger(ex, i, first);
	if (!found && !trigger) {
		if (k - i >= 2)
			learn_person(ex, i, k - i);
		return EM_OK;
	}
	m = new_mention(ex, s, i, k - i, found ? EM_MENTION_PLACE : EM_MENTION_UNLISTED);
	if (!m)
		return EM_ERR_NOMEM;
	m->region = region || region_follows(ex, k, end);
	m->trigger = trigger;
	m->marked = marked_place(ex, i, k, first, end);
	m->hint = country_hint(ex, i, k, first, end);
	return EM_OK;
}

/* The Arabic letter a name may carry in front ("and", "in", "to", "so"). */
static bool clinging_letter(const char *w, size_t len)
{
	const unsigned char *u = (const unsigned char *)w;

	return len > 6 && ((u[0] == 0xD9 && (u[1] == 0x88 || u[1] == 0x84 || u[1] == 0x81)) ||
			   (u[0] == 0xD8 && u[1] == 0xA8));
}

/* Arabic words from i: the longest name of three, two or one words. */
static em_status take_arabic(em_extract *ex, uint32_t s, uint32_t *i, uint32_t end)
{
	uint32_t run = 0;

	while (*i + run < end && run < 3 && (ex->tokens[*i + run].flags & TF_ARABIC))
		run++;
	for (uint32_t n = run; n >= 1; n--) {
		const em__token *a = &ex->tokens[*i], *b = &ex->tokens[*i + n - 1];
		const char *name = ex->text + a->start;
		size_t len = b->start + b->len - a->start;
		size_t skip = 0;
		if (!in_gazetteer(ex, name, len)) {
			if (!clinging_letter(name, a->len) || !in_gazetteer(ex, name + 2, len - 2))
				continue;
			skip = 2;
		}
		em__mention *m = new_mention(ex, s, *i, n, EM_MENTION_PLACE);
		if (!m)
			return EM_ERR_NOMEM;
		m->start += (uint32_t)skip;
		m->marked = true; /* Arabic script in an English text is a name */
		*i += n;
		return EM_OK;
	}
	(*i)++;
	return EM_OK;
}

static em_status find_mentions(em_extract *ex)
{
	for (uint32_t s = 0; s < ex->sent_count; s++) {
		uint32_t first = ex->sents[s].tok, end = first + ex->sents[s].ntok;
		for (uint32_t i = first + em__extract_dateline(ex, s); i < end;) {
			const em__token *t = &ex->tokens[i];
			em_status status = EM_OK;
			if (t->kind == TOK_WORD && (t->flags & TF_ARABIC)) {
				status = take_arabic(ex, s, &i, end);
			} else if (name_word(ex, t)) {
				uint32_t k = run_end(ex, i, end);
				status = take_run(ex, s, i, k, first, end);
				i = k;
			} else {
				i++;
			}
			if (status != EM_OK)
				return status;
		}
	}
	return EM_OK;
}

/* The query of a mention: one per name and country hint. */
static em_status query_of(em_extract *ex, em__mention *m, em_keymap *seen)
{
	char key[EM_TEXT_NAME_MAX + 8];
	size_t len = m->end - m->start;
	const em__country *hint = em__extract_country(m->hint);
	uint64_t *slot;
	bool added;

	if (len > EM_TEXT_NAME_MAX)
		return EM_OK;
	memcpy(key, ex->text + m->start, len);
	key[len] = 0;
	snprintf(key + len + 1, 3, "%s", hint ? hint->code : "");
	slot = em__keymap_get(seen, key, len + 1 + (hint ? 2 : 0), true, &added);
	if (!slot)
		return EM_ERR_NOMEM;
	if (added) {
		em_geocode_query *q;
		if (!EM_ARRAY_RESERVE(ex->queries, ex->query_cap, ex->query_count + 1))
			return EM_ERR_NOMEM;
		q = &ex->queries[ex->query_count];
		memset(q, 0, sizeof *q);
		q->name = em__pool_strndup(&ex->pool, key, len);
		q->country = hint ? hint->code : "";
		q->admin1 = "";
		if (!q->name)
			return EM_ERR_NOMEM;
		*slot = ex->query_count++;
	}
	m->query = (int)*slot;
	return EM_OK;
}

/* "SY,LB": the countries the block's country words name, or "". */
static void block_countries(const em_extract *ex, char *out, size_t size)
{
	size_t n = 0, codes = 0;

	out[0] = 0;
	for (size_t i = 0; i < ex->mention_count && n + 3 < size &&
			   codes < EM_GEOCODE_COUNTRIES_MAX; i++) {
		const em__country *c = em__extract_country(ex->mentions[i].country);
		if (ex->mentions[i].kind != EM_MENTION_COUNTRY || !c || strstr(out, c->code))
			continue;
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", c->code);
		codes++;
	}
}

/* A name the context left ambiguous, that the text marks as a place, is
 * tried again in the countries the text names. */
static em_status retry_in_countries(em_extract *ex, em_error *err)
{
	char countries[256];
	em_geocode_query *again;
	em_status status;
	bool any = false;

	block_countries(ex, countries, sizeof countries);
	if (!countries[0] || ex->query_count == 0)
		return EM_OK;
	again = malloc(ex->query_count * sizeof *again);
	if (!again)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	memcpy(again, ex->queries, ex->query_count * sizeof *again);
	for (size_t m = 0; m < ex->mention_count; m++) {
		em_geocode_query *q = ex->mentions[m].query >= 0 ? &again[ex->mentions[m].query] : NULL;
		if (q && ex->mentions[m].marked && !q->country[0] &&
		    q->result.status == EM_GEOCODE_AMBIGUOUS) {
			q->country = countries;
			any = true;
		}
	}
	status = any ? em_geocode_list(again, ex->query_count, ex->gazetteer,
				       &ex->options.geocode, "this text", err) : EM_OK;
	for (size_t q = 0; any && status == EM_OK && q < ex->query_count; q++) {
		em_geocode_result *r = &again[q].result;
		char reason[EM_GEOCODE_REASON_MAX + 320];
		if (again[q].country != countries || r->status != EM_GEOCODE_RESOLVED)
			continue;
		snprintf(reason, sizeof reason, "in %.255s, which the text names: %.319s", countries,
			 r->reason);
		snprintf(r->reason, sizeof r->reason, "%.*s", (int)sizeof r->reason - 1, reason);
		ex->queries[q].result = *r;
	}
	free(again);
	return status;
}

/* Whether a country code is in a list of codes ("SY,LB" or "SY LB "). */
static bool listed_code(const char *list, const char *code)
{
	for (const char *c = list; (c = strstr(c, code)) != NULL; c++)
		if ((c == list || c[-1] == ',' || c[-1] == ' ') &&
		    (c[2] == 0 || c[2] == ',' || c[2] == ' '))
			return true;
	return false;
}

/* Whether the gazetteer has places in this country (table index). */
bool em__extract_covered(const em_extract *ex, int country)
{
	const em__country *c = em__extract_country(country);

	return c && listed_code(ex->covered, c->code);
}

/* A spelling variant (not one of a place's own names) is weak evidence.
 * It is left ambiguous when it lies in a country the text does not name
 * while the text names some, or when the text is about a country the
 * gazetteer has no places in (a Sudanese town matched in Libya). */
void em__extract_keep_named(em_extract *ex)
{
	char named[256];
	const em__country *main = em__extract_country(ex->main_country);
	bool elsewhere = main && !listed_code(ex->covered, main->code);

	block_countries(ex, named, sizeof named);
	for (size_t q = 0; q < ex->query_count; q++) {
		em_geocode_result *r = &ex->queries[q].result;
		char reason[EM_GEOCODE_REASON_MAX + 320];
		if (r->status != EM_GEOCODE_RESOLVED || !r->place ||
		    (r->method != EM_METHOD_NORMALIZED && r->method != EM_METHOD_FUZZY) ||
		    (!elsewhere && (!named[0] || listed_code(named, r->place->country))))
			continue;
		snprintf(reason, sizeof reason, "%.200s (%s), a spelling variant, is in a country the "
			 "text does not name (it names %.255s)", r->place->name, r->place->country,
			 named[0] ? named : "none");
		snprintf(r->reason, sizeof r->reason, "%.*s", (int)sizeof r->reason - 1, reason);
		if (r->candidate_count < EM_GEOCODE_CANDIDATES_MAX)
			r->candidates[r->candidate_count++] = (em_geocode_candidate){
				r->place, r->method, r->score, -1};
		r->status = EM_GEOCODE_AMBIGUOUS;
		r->far = true;
		r->place = NULL;
		r->basis = EM_BASIS_NONE;
		r->precision = 0;
	}
}

em_status em__extract_places(em_extract *ex, em_error *err)
{
	em_keymap seen = {0};
	em_status status;

	ex->mention_count = ex->query_count = 0;
	status = find_mentions(ex);
	for (size_t m = 0; m < ex->mention_count && status == EM_OK; m++)
		if (ex->mentions[m].kind == EM_MENTION_PLACE)
			status = query_of(ex, &ex->mentions[m], &seen);
	em__keymap_clear(&seen);
	if (status != EM_OK)
		return em_error_set(err, status, "%s: out of memory", ex->label);
	if (ex->query_count > 0)
		status = em_geocode_list(ex->queries, ex->query_count, ex->gazetteer,
					 &ex->options.geocode, "this text", err);
	if (status == EM_OK)
		status = retry_in_countries(ex, err);
	return status;
}
