/* Figures: a number (digits, words such as "forty" or "two hundred", or
 * ACLED's lower bounds for "dozens", "hundreds", "thousands") counting
 * the dead, wounded, detained or displaced.  What it counts is the word
 * for them that follows ("20 people ... were killed"), or the verb before
 * it ("killing more than 1,000", "the death toll ... has crossed 600",
 * "the toll includes 125"), or, in a list, the figure before it ("125
 * members ... and 148 militants").  The words before it give the
 * qualifier, those between it and the word for the dead the category.
 * Then totals and their breakdowns are found so they are never added. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/array.h"
#include "extract_internal.h"

#define KIND_BITS (L_DEATH | L_WOUND | L_DETAIN | L_DISPLACE)
#define RIGHT_WINDOW 20

typedef struct number {
	double value;
	uint32_t ntok;       /* tokens it takes */
	bool vague, words;
} number;

/* A number written in words from i: "forty", "twenty-five", "two hundred
 * and fifty", "a dozen". */
static bool number_words(const em_extract *ex, uint32_t i, uint32_t end, number *out)
{
	double total = 0, part = 0;
	uint32_t k = i;

	while (k < end) {
		const em__token *t = &ex->tokens[k];
		const char *dash = t->kind == TOK_WORD ? memchr(ex->text + t->start, '-', t->len) : NULL;
		if (t->kind == TOK_WORD && (t->bits & L_NUMWORD)) {
			if (t->value == 100)
				part = (part ? part : 1) * 100;
			else if (t->value >= 1000)
				total += (part ? part : 1) * t->value, part = 0;
			else
				part += t->value;
		} else if (dash && (t->flags & TF_ARABIC) == 0) {
			const em__lexeme *a = em__extract_lexeme(ex, ex->text + t->start,
								 (size_t)(dash - (ex->text + t->start)));
			const char *b = dash + 1;
			const em__lexeme *c = em__extract_lexeme(ex, b, t->start + t->len -
								 (uint32_t)(b - ex->text));
			if (!a || !c || !(a->bits & L_NUMWORD) || !(c->bits & L_NUMWORD) ||
			    a->value < 20 || c->value >= 10)
				break;
			part += a->value + c->value;
		} else if (k > i && em__tok_is(ex, t, "and") && k + 1 < end &&
			   (ex->tokens[k + 1].bits & L_NUMWORD) && ex->tokens[k + 1].value < 100) {
			/* "two hundred and fifty" */
		} else {
			break;
		}
		k++;
	}
	if (k == i)
		return false;
	*out = (number){total + part, k - i, false, true};
	return true;
}

static bool read_number(const em_extract *ex, uint32_t i, uint32_t end, number *out)
{
	const em__token *t = &ex->tokens[i];

	if (t->kind == TOK_NUMBER) {
		*out = (number){t->number, 1, false, false};
		if (i + 1 < end && (ex->tokens[i + 1].bits & L_NUMWORD) &&
		    ex->tokens[i + 1].value >= 1000) {
			out->value *= ex->tokens[i + 1].value; /* "1.5 million" */
			out->ntok = 2;
		}
		return true;
	}
	if (t->kind == TOK_WORD && (t->bits & L_VAGUE) && !(t->flags & TF_ARABIC)) {
		*out = (number){t->value, 1, true, false};
		return true;
	}
	if (t->kind == TOK_WORD && em__tok_is(ex, t, "a") && i + 1 < end &&
	    em__tok_is(ex, &ex->tokens[i + 1], "dozen")) {
		*out = (number){12, 2, false, true};
		return true;
	}
	return number_words(ex, i, end, out);
}

static bool is_at(const em_extract *ex, uint32_t i, uint32_t end, const char *word)
{
	return i < end && em__tok_is(ex, &ex->tokens[i], word);
}

/* "nine of them", "20 of whom", "two of the dead": a part of the figure
 * before. */
static bool of_them(const em_extract *ex, uint32_t after, uint32_t end)
{
	if (after + 1 >= end || !em__tok_is(ex, &ex->tokens[after], "of"))
		return false;
	if (em__tok_is(ex, &ex->tokens[after + 1], "them") ||
	    em__tok_is(ex, &ex->tokens[after + 1], "whom"))
		return true;
	return after + 2 < end && em__tok_is(ex, &ex->tokens[after + 1], "the") &&
	       (ex->tokens[after + 2].bits & KIND_BITS);
}

/* Not a count of people: a year, part of a date, a unit after it, or a
 * small number in words that no count noun follows ("one of the"). */
static bool not_a_count(const em_extract *ex, uint32_t i, const number *n, uint32_t first,
			uint32_t end)
{
	uint32_t after = i + n->ntok;
	const em__token *t = &ex->tokens[i];

	if (after < end && (ex->tokens[after].bits & (L_UNIT | L_MONTH)))
		return true;
	if (after < end && ex->tokens[after].kind == TOK_PUNCT &&
	    (ex->text[ex->tokens[after].start] == '%' || ex->text[ex->tokens[after].start] == '-'))
		return true;
	if (i > first && (ex->tokens[i - 1].bits & L_MONTH) && (ex->tokens[i - 1].flags & TF_CAP))
		return true;
	if (t->kind == TOK_NUMBER && t->len == 4 && n->value >= 1900 && n->value <= 2100)
		return true;
	if (n->value <= 0 || n->value > 1e8)
		return true;
	if (i > first && n->value == 1 && em__tok_is(ex, &ex->tokens[i - 1], "no"))
		return true; /* "no one" */
	if (after + 2 < end && (em__tok_is(ex, &ex->tokens[after], "and") ||
				em__tok_is(ex, &ex->tokens[after], "to") ||
				ex->tokens[after].kind == TOK_PUNCT) &&
	    ex->tokens[after + 1].kind == TOK_NUMBER && (ex->tokens[after + 2].bits & L_MONTH))
		return true; /* "1 and 5 May", "1-4 May": days */
	if (n->words && n->value < 10 && !(after < end && (ex->tokens[after].bits &
							   (L_COUNTNOUN | KIND_BITS))) &&
	    !of_them(ex, after, end))
		return true;
	return false;
}

static em_qualifier qualifier_before(const em_extract *ex, uint32_t i, uint32_t first,
				     bool vague)
{
	uint32_t end = i;

	if (vague)
		return EM_QUALIFIER_AT_LEAST;
	if (i >= first + 2 && is_at(ex, i - 1, end, "to") && is_at(ex, i - 2, end, "up"))
		return EM_QUALIFIER_UP_TO;
	if (i >= first + 2 && is_at(ex, i - 1, end, "than") && is_at(ex, i - 2, end, "fewer"))
		return EM_QUALIFIER_AT_LEAST;
	for (uint32_t back = 1; back <= 3 && i >= first + back; back++) {
		const em__token *t = &ex->tokens[i - back];
		if (t->bits & L_LEAST)
			return EM_QUALIFIER_AT_LEAST;
		if (t->bits & L_MORE)
			return EM_QUALIFIER_MORE_THAN;
		if (t->bits & L_ABOUT)
			return EM_QUALIFIER_ABOUT;
		if (!(em__tok_is(ex, t, "than") || em__tok_is(ex, t, "to") || em__tok_is(ex, t, "of") ||
		      em__tok_is(ex, t, "an") || em__tok_is(ex, t, "at") || em__tok_is(ex, t, "the") ||
		      em__tok_is(ex, t, "in")))
			break;
	}
	return EM_QUALIFIER_EXACT;
}

static em_figure_kind kind_of_bits(uint32_t bits)
{
	if (bits & L_DEATH)
		return EM_FIGURE_DEATHS;
	if (bits & L_WOUND)
		return EM_FIGURE_WOUNDED;
	if (bits & L_DETAIN)
		return EM_FIGURE_DETAINED;
	if (bits & L_DISPLACE)
		return EM_FIGURE_DISPLACED;
	return EM_FIGURE_EVENT;
}

/* The word for what is counted, after the number: within the clause. */
static em_figure_kind kind_right(const em_extract *ex, uint32_t after, uint32_t end,
				 uint32_t *word)
{
	for (uint32_t k = after; k < end && k < after + RIGHT_WINDOW; k++) {
		const em__token *t = &ex->tokens[k];
		if (t->kind == TOK_PUNCT && (ex->text[t->start] == ';' || ex->text[t->start] == ':'))
			break;
		if (t->kind == TOK_WORD && (t->bits & KIND_BITS)) {
			*word = k;
			return kind_of_bits(t->bits);
		}
		if (k <= after + 2 && (em__tok_is(ex, t, "killings") || em__tok_is(ex, t, "executions"))) {
			*word = k;
			return EM_FIGURE_DEATHS; /* "803 extrajudicial killings" */
		}
		if ((em__tok_is(ex, t, "crossed") || em__tok_is(ex, t, "crossing")) && k + 1 < end &&
		    em__tok_is(ex, t + 1, "into")) {
			*word = k;
			return EM_FIGURE_DISPLACED; /* "6,000 Syrians crossed into Lebanon" */
		}
	}
	return EM_FIGURE_EVENT;
}

static bool qualifier_word(const em_extract *ex, const em__token *t)
{
	return (t->bits & (L_MORE | L_LEAST | L_ABOUT)) || em__tok_is(ex, t, "than") ||
	       em__tok_is(ex, t, "to") || em__tok_is(ex, t, "at") || em__tok_is(ex, t, "of") ||
	       em__tok_is(ex, t, "an") || em__tok_is(ex, t, "up") || em__tok_is(ex, t, "no");
}

/* The token before the number and its qualifier words. */
static uint32_t before_qualifier(const em_extract *ex, uint32_t i, uint32_t first)
{
	uint32_t j = i;

	while (j > first && i - j < 3 && qualifier_word(ex, &ex->tokens[j - 1]) &&
	       !(ex->tokens[j - 1].bits & L_REACH))
		j--;
	return j;
}

static bool sentence_has(const em_extract *ex, uint32_t first, uint32_t to, uint32_t bits)
{
	for (uint32_t k = first; k < to; k++)
		if (ex->tokens[k].bits & bits)
			return true;
	return false;
}

/* The last figure found before this sentence, in its paragraph, at most
 * two sentences back. */
static const em__figure *figure_before(const em_extract *ex, uint32_t s)
{
	const em__figure *f = ex->figure_count ? &ex->figures[ex->figure_count - 1] : NULL;

	if (!f || f->sent + 2 < s || ex->sents[f->sent].para != ex->sents[s].para)
		return NULL;
	return f;
}

/* A verb of killing, wounding, detaining right before the number and its
 * qualifier: "killed at least 61", "wounded about 35", "detained almost
 * 120", "killing four", "shot dead 14". */
static em_figure_kind kind_verb_before(const em_extract *ex, uint32_t i, uint32_t first)
{
	uint32_t j = before_qualifier(ex, i, first);
	const em__token *t = j > first ? &ex->tokens[j - 1] : NULL;

	bool ed, ing;

	if (t && em__tok_is(ex, t, "dead") && j >= first + 2 &&
	    em__tok_is(ex, &ex->tokens[j - 2], "shot"))
		return EM_FIGURE_DEATHS; /* "shot dead 14 men" */
	if (!t || !(t->bits & (KIND_BITS | L_KILLVERB)) || t->len < 5 || em__tok_is(ex, t, "displaced"))
		return EM_FIGURE_EVENT;
	ed = memcmp(ex->text + t->start + t->len - 2, "ed", 2) == 0;
	ing = memcmp(ex->text + t->start + t->len - 3, "ing", 3) == 0;
	if (!ed && !ing)
		return EM_FIGURE_EVENT;
	if (t->bits & KIND_BITS)
		return kind_of_bits(t->bits);
	return em__tok_is(ex, t, "killing") || em__tok_is(ex, t, "executing") ? EM_FIGURE_DEATHS
									      : EM_FIGURE_EVENT;
}

/* What the words before the number say it counts: "the deaths of 31",
 * "the detention of at least 230", "killing 1,000",
 * "the toll has crossed 600", "the toll includes 125", "a toll of 50",
 * "this number included 172". */
static em_figure_kind kind_left(const em_extract *ex, uint32_t s, uint32_t i, bool *include)
{
	uint32_t first = ex->sents[s].tok, j = before_qualifier(ex, i, first);
	const em__token *t = j > first ? &ex->tokens[j - 1] : NULL;
	const em__figure *prev;

	if (!t)
		return EM_FIGURE_EVENT;
	for (uint32_t k = j; k < i; k++)
		if (em__tok_is(ex, &ex->tokens[k], "of") && (t->bits & (KIND_BITS | L_TOLL)))
			return t->bits & L_TOLL ? EM_FIGURE_DEATHS : kind_of_bits(t->bits);
	if (em__tok_is(ex, t, "killing") && j < i && em__tok_is(ex, &ex->tokens[j], "of"))
		return EM_FIGURE_DEATHS;
	if ((t->bits & L_KILLVERB) && (em__tok_is(ex, t, "killing") || em__tok_is(ex, t, "killed") ||
				       em__tok_is(ex, t, "claimed") || em__tok_is(ex, t, "executing")))
		return EM_FIGURE_DEATHS;
	if (!(t->bits & (L_REACH | L_INCLUDE)) && !(em__tok_is(ex, t, "to") && j >= first + 2 &&
						     (ex->tokens[j - 2].bits & L_REACH)))
		return EM_FIGURE_EVENT;
	*include = (t->bits & L_INCLUDE) != 0;
	if (sentence_has(ex, first, j, L_TOLL | L_DEATH))
		return EM_FIGURE_DEATHS;
	prev = *include ? figure_before(ex, s) : NULL;
	return prev ? prev->kind : EM_FIGURE_EVENT;
}

/* "killed 34 people, including two children": the figure just before in
 * the sentence, which this one is part of. */
static const em__figure *included_in(const em_extract *ex, uint32_t s, uint32_t i)
{
	const em__figure *prev = ex->figure_count ? &ex->figures[ex->figure_count - 1] : NULL;
	uint32_t j = before_qualifier(ex, i, ex->sents[s].tok);

	if (!prev || prev->sent != s || j == ex->sents[s].tok ||
	    !(ex->tokens[j - 1].bits & L_INCLUDE || (em__tok_is(ex, &ex->tokens[j - 1], "them") &&
						      j >= 2 && em__tok_is(ex, &ex->tokens[j - 2],
									   "among"))))
		return NULL;
	return prev;
}

/* "Of those killed, 46 were civilians, 23 ...": a sentence that opens on
 * the dead (wounded...) of a figure before breaks it down. */
static em_figure_kind breakdown_opening(const em_extract *ex, uint32_t s, bool *include)
{
	const em__sentence *st = &ex->sents[s];

	const em__token *t = &ex->tokens[st->tok];
	const em__figure *prev;

	if (st->ntok < 3 || !em__tok_is(ex, t, "of"))
		return EM_FIGURE_EVENT;
	for (uint32_t k = st->tok + 1; k < st->tok + 4 && k < st->tok + st->ntok; k++)
		if (ex->tokens[k].bits & KIND_BITS) {
			*include = true;
			return kind_of_bits(ex->tokens[k].bits);
		}
	/* "Of those, 830 were civilians": of the figure before. */
	if ((em__tok_is(ex, t + 1, "those") || em__tok_is(ex, t + 1, "them") ||
	     em__tok_is(ex, t + 1, "these")) && (prev = figure_before(ex, s)) != NULL) {
		*include = true;
		return prev->kind;
	}
	return EM_FIGURE_EVENT;
}

/* "125 members ... and 148 militants": a list under one verb. */
static const em__figure *coordinated(const em_extract *ex, uint32_t s, uint32_t i)
{
	const em__figure *prev = ex->figure_count ? &ex->figures[ex->figure_count - 1] : NULL;
	uint32_t j = before_qualifier(ex, i, ex->sents[s].tok);

	if (!prev || prev->sent != s || i - prev->tok > 16 || j == ex->sents[s].tok)
		return NULL;
	const em__token *t = &ex->tokens[j - 1];
	if (em__tok_is(ex, t, "and") || (t->kind == TOK_PUNCT && ex->text[t->start] == ','))
		return prev;
	return NULL;
}

static bool mentions_assad(const em_extract *ex, const em__token *t)
{
	for (uint32_t k = 0; k + 5 <= t->len; k++)
		if (strncasecmp(ex->text + t->start + k, "assad", 5) == 0)
			return true;
	return em__tok_is(ex, t, "loyal") || (t->bits & L_FIGHTER && em__tok_is(ex, t, "loyalists"));
}

/* The category the words [from, to) give; to stops at the next number. */
static em_category category_of(const em_extract *ex, uint32_t from, uint32_t to)
{
	bool fighter = false, sec = false, civ = false, assad = false;

	for (uint32_t k = from; k < to; k++) {
		const em__token *t = &ex->tokens[k];
		if (k > from && (t->kind == TOK_NUMBER || (t->bits & (L_NUMWORD | L_VAGUE))))
			break;
		fighter |= (t->bits & L_FIGHTER) != 0;
		sec |= (t->bits & L_SEC) != 0;
		civ |= (t->bits & L_CIV) != 0;
		assad |= mentions_assad(ex, t);
	}
	if (fighter)
		return assad ? EM_CATEGORY_PRO_ASSAD_FIGHTERS : EM_CATEGORY_UNKNOWN;
	if (sec)
		return EM_CATEGORY_SECURITY_FORCES;
	return civ ? EM_CATEGORY_CIVILIANS : EM_CATEGORY_UNKNOWN;
}

static bool is_toll(const em_extract *ex, uint32_t s)
{
	const em__sentence *st = &ex->sents[s];

	if (st->date.toll)
		return true;
	for (uint32_t k = st->tok; k < st->tok + st->ntok; k++)
		if ((ex->tokens[k].bits & L_TOLL) || em__tok_is(ex, &ex->tokens[k], "total") ||
		    (em__tok_is(ex, &ex->tokens[k], "far") && k > st->tok &&
		     em__tok_is(ex, &ex->tokens[k - 1], "so")))
			return true;
	return false;
}

/* A sentence that goes on from the one before: "The death toll also...",
 * "This number...", "Of those...", "They...". */
static bool continues(const em_extract *ex, uint32_t s)
{
	static const char *const openers[] = {"this", "these", "of", "among", "it", "they", "the",
					       "that", "those"};
	const em__sentence *st = &ex->sents[s];
	const em__token *t = &ex->tokens[st->tok];
	bool opener = false;

	for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
		opener |= em__tok_is(ex, t, openers[k]);
	if (!opener)
		return false;
	if (!em__tok_is(ex, t, "the"))
		return true;
	/* "The toll", "The death toll", "The dead": the figure before goes on. */
	for (uint32_t k = st->tok + 1; k < st->tok + 3 && k < st->tok + st->ntok; k++)
		if (ex->tokens[k].bits & (L_TOLL | L_DEATH))
			return true;
	return false;
}

/* Who gave it: the attribution nearest before it in its sentence, else
 * the nearest after; in a sentence with none that goes on from the one
 * before, or for a part, the source of the figure just before in the
 * paragraph. */
static void figure_source(em_extract *ex, em__figure *f)
{
	const em__sentence *st = &ex->sents[f->sent];
	const em__figure *prev;
	int best = -1;

	for (int k = 0; k < st->source_count; k++) {
		bool before = st->source_at[k] < f->tok;
		if (best < 0 || (before && (st->source_at[best] > f->tok ||
					    st->source_at[k] > st->source_at[best])) ||
		    (!before && st->source_at[best] > f->tok && st->source_at[k] < st->source_at[best]))
			best = k;
	}
	if (best >= 0) {
		f->source = st->source[best];
		f->source_why = st->source_why[best];
	} else if ((prev = figure_before(ex, f->sent)) != NULL &&
		   strcmp(prev->source, "unattributed") != 0 &&
		   (prev->sent == f->sent || f->include || continues(ex, f->sent))) {
		f->source = prev->source;
		f->source_why = prev->sent == f->sent ? prev->source_why
			: "named in the sentence before, which this one goes on from";
	} else {
		f->source = "unattributed";
		f->source_why = "the sentence names nobody who gave it";
	}
}

static em_status add_figure(em_extract *ex, const em__figure *f)
{
	if (!EM_ARRAY_RESERVE(ex->figures, ex->figure_cap, ex->figure_count + 1))
		return EM_ERR_NOMEM;
	ex->figures[ex->figure_count++] = *f;
	return EM_OK;
}

/* The figure at token i of sentence s, if the number there counts people. */
static em_status figure_at(em_extract *ex, uint32_t s, uint32_t *i)
{
	uint32_t first = ex->sents[s].tok, end = first + ex->sents[s].ntok, word = 0;
	em__figure f = {.sent = s, .tok = *i, .mention = -1, .row = -1, .parent = -1, .repeat = -1};
	const em__figure *prev;
	number n;

	if (!read_number(ex, *i, end, &n))
		return EM_OK;
	*i += n.ntok - 1;
	f.kind = kind_verb_before(ex, f.tok, first);
	if (f.kind == EM_FIGURE_EVENT ? not_a_count(ex, f.tok, &n, first, end)
				      : n.value <= 0 || n.value > 1e8)
		return EM_OK; /* after "wounded", "three" is a count */
	word = f.tok + n.ntok + 8 < end ? f.tok + n.ntok + 8 : end;
	if (f.kind == EM_FIGURE_EVENT && of_them(ex, f.tok + n.ntok, end) && f.tok + n.ntok + 2 < end &&
	    (ex->tokens[f.tok + n.ntok + 2].bits & KIND_BITS)) {
		f.kind = kind_of_bits(ex->tokens[f.tok + n.ntok + 2].bits); /* "Two of the dead" */
		f.include = figure_before(ex, s) != NULL;
	}
	if (f.kind == EM_FIGURE_EVENT && (prev = included_in(ex, s, f.tok)) != NULL) {
		f.kind = prev->kind; /* "killed 34, including two children" */
		f.include = true;
	}
	if (of_them(ex, f.tok + n.ntok, end) && ex->figure_count &&
	    ex->figures[ex->figure_count - 1].sent + 1 >= s) {
		f.kind = ex->figures[ex->figure_count - 1].kind;
		f.include = true;
	}
	if (f.kind == EM_FIGURE_EVENT)
		f.kind = kind_right(ex, f.tok + n.ntok, end, &word);
	if (f.kind == EM_FIGURE_EVENT) {
		f.kind = kind_left(ex, s, f.tok, &f.include);
		word = f.tok + n.ntok + 8 < end ? f.tok + n.ntok + 8 : end;
	}
	if (f.kind == EM_FIGURE_EVENT)
		f.kind = breakdown_opening(ex, s, &f.include);
	if (f.kind == EM_FIGURE_EVENT && (prev = coordinated(ex, s, f.tok)) != NULL) {
		f.kind = prev->kind;
		f.include = prev->include;
	}
	if (f.kind == EM_FIGURE_EVENT)
		return EM_OK;
	f.value = (long long)llround(n.value);
	f.vague = n.vague;
	f.families = f.tok + n.ntok < end && (em__tok_is(ex, &ex->tokens[f.tok + n.ntok], "families") ||
					      em__tok_is(ex, &ex->tokens[f.tok + n.ntok], "households"));
	f.qualifier = qualifier_before(ex, f.tok, first, n.vague);
	f.category = category_of(ex, f.tok + n.ntok, word + 1 < end ? word + 1 : end);
	if (f.category == EM_CATEGORY_UNKNOWN && word + 1 < end &&
	    em__tok_is(ex, &ex->tokens[word - 1], "the"))
		f.category = category_of(ex, word + 1, word + 8 < end ? word + 8 : end);
	if (f.families)
		f.category = EM_CATEGORY_UNKNOWN; /* a count of families, not of people */
	f.toll = is_toll(ex, s);
	figure_source(ex, &f);
	f.mention = em__extract_place_of(ex, s, f.tok);
	return add_figure(ex, &f);
}

em_status em__extract_figures(em_extract *ex)
{
	ex->figure_count = 0;
	for (uint32_t s = 0; s < ex->sent_count; s++) {
		uint32_t first = ex->sents[s].tok, end = first + ex->sents[s].ntok;
		for (uint32_t i = first; i < end; i++) {
			em_status status = figure_at(ex, s, &i);
			if (status != EM_OK)
				return status;
		}
	}
	return EM_OK;
}

/* ---- Totals and breakdowns ---- */

#define PARTS_MAX 10

static bool sums_to(const em__figure *total, long long sum)
{
	double t = (double)total->value, lo = 0.95 * t, hi = 1.05 * t;

	if (total->qualifier == EM_QUALIFIER_MORE_THAN || total->qualifier == EM_QUALIFIER_AT_LEAST)
		hi = 1.2 * t;
	else if (total->qualifier == EM_QUALIFIER_ABOUT)
		lo = 0.9 * t, hi = 1.1 * t;
	return (double)sum >= lo && (double)sum <= hi;
}

/* Where a figure is, for comparing: -1 for a region (no place, several,
 * a province), else its place's query, else (unlisted) -2 - mention. */
static int place_key(const em_extract *ex, const em__figure *f)
{
	const em__mention *m = f->mention >= 0 ? &ex->mentions[f->mention] : NULL;

	if (!m || m->region)
		return -1;
	return m->query >= 0 ? m->query : -2 - f->mention;
}

static bool same_place(const em_extract *ex, const em__figure *a, const em__figure *b)
{
	return place_key(ex, a) == place_key(ex, b);
}

static bool same_source(const em__figure *total, const em__figure *part)
{
	return strcmp(total->source, part->source) == 0 ||
	       strcmp(total->source, "unattributed") == 0;
}

/* The same figure given again: kind, value, category, source, place. */
static void find_repeats(em_extract *ex)
{
	for (size_t j = 1; j < ex->figure_count; j++)
		for (size_t i = 0; i < j && ex->figures[j].repeat < 0; i++) {
			const em__figure *a = &ex->figures[i], *b = &ex->figures[j];
			if (a->repeat < 0 && a->kind == b->kind && a->value == b->value &&
			    a->category == b->category && strcmp(a->source, b->source) == 0 &&
			    same_place(ex, a, b))
				ex->figures[j].repeat = (int)i;
		}
}

/* "This number included 172 ... and 211 ...": the included figures are
 * parts of the nearest total before them that holds them. */
static void find_included(em_extract *ex)
{
	for (size_t p = 0; p < ex->figure_count; p++) {
		em__figure *f = &ex->figures[p];
		long long sum = 0;
		size_t end = p;
		if (!f->include || f->parent >= 0 || f->repeat >= 0)
			continue;
		while (end < ex->figure_count && ex->figures[end].sent == f->sent &&
		       ex->figures[end].include)
			sum += ex->figures[end++].value;
		for (size_t q = p; q-- > 0;) {
			const em__figure *t = &ex->figures[q];
			bool same = t->sent == f->sent; /* "killed 42, including 11": any category */
			if (t->sent + 3 < f->sent)
				break;
			if (t->kind != f->kind || (!same && t->category != EM_CATEGORY_UNKNOWN) ||
			    t->repeat >= 0 || t->parent >= 0 || (double)t->value < 0.95 * (double)sum)
				continue;
			for (size_t k = p; k < end; k++)
				ex->figures[k].parent = (int)q;
			ex->figures[q].total = true;
			break;
		}
		p = end - 1;
	}
}

/* The figures after total t that may be its parts. */
static size_t part_candidates(const em_extract *ex, size_t t, size_t *out)
{
	const em__figure *total = &ex->figures[t];
	size_t n = 0;

	for (size_t j = t + 1; j < ex->figure_count && n < PARTS_MAX; j++) {
		const em__figure *f = &ex->figures[j];
		if (f->sent > total->sent + 4)
			break;
		if (f->kind != total->kind || f->repeat >= 0 || f->value >= total->value ||
		    (f->parent >= 0 && f->parent != (int)t) || !same_place(ex, total, f) ||
		    !same_source(total, f))
			continue;
		out[n++] = j;
	}
	return n;
}

/* The largest set of candidates (then the closest sum) adding up to it. */
static unsigned best_parts(const em_extract *ex, size_t t, const size_t *cand, size_t n)
{
	unsigned best = 0;
	int best_count = 0;
	long long best_gap = 0;

	for (unsigned mask = 1; mask < (1u << n); mask++) {
		long long sum = 0;
		int count = __builtin_popcount(mask);
		for (size_t k = 0; k < n; k++)
			if (mask & (1u << k))
				sum += ex->figures[cand[k]].value;
		long long gap = llabs(sum - ex->figures[t].value);
		if (count >= 2 && sums_to(&ex->figures[t], sum) &&
		    (count > best_count || (count == best_count && gap < best_gap))) {
			best = mask;
			best_count = count;
			best_gap = gap;
		}
	}
	return best;
}

void em__extract_totals(em_extract *ex)
{
	find_repeats(ex);
	find_included(ex);
	for (size_t t = 0; t < ex->figure_count; t++) {
		em__figure *total = &ex->figures[t];
		size_t cand[PARTS_MAX], n;
		unsigned mask;
		bool mixed = false;
		if (total->kind != EM_FIGURE_DEATHS || total->parent >= 0 || total->repeat >= 0)
			continue;
		n = part_candidates(ex, t, cand);
		mask = n >= 2 ? best_parts(ex, t, cand, n) : 0;
		for (size_t k = 0; k < n; k++) {
			if (!(mask & (1u << k)))
				continue;
			ex->figures[cand[k]].parent = (int)t;
			mixed |= ex->figures[cand[k]].category != total->category;
		}
		if (mask) {
			total->total = true;
			if (mixed && total->category != EM_CATEGORY_UNKNOWN) {
				total->category = EM_CATEGORY_UNKNOWN;
				total->recategorised = true;
			}
		}
	}
}
