/* Who a sentence says said it: "according to X", "as per X", "X said"
 * (reported, indicated, told...), with an organisation's name shortened
 * to how it is known (SOHR, SNHR, UNHCR, SANA) and a person named with
 * what the text calls them ("Ali Sheha (resident)").  "The monitor", "a
 * war monitoring group", "the Observatory" stand for the one monitoring
 * group the file names, when it names only one. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract_internal.h"

#define PHRASE_MAX 8

typedef struct span {
	uint32_t from, to; /* tokens [from, to) */
} span;

static const char *span_text(em_extract *ex, span s)
{
	const em__token *a = &ex->tokens[s.from], *b = &ex->tokens[s.to - 1];

	return em__pool_strndup(&ex->pool, ex->text + a->start, b->start + b->len - a->start);
}

/* The longest known name inside the span, or NULL. */
static const char *alias_in(em_extract *ex, span s, bool *monitor)
{
	for (uint32_t a = s.from; a < s.to; a++)
		for (uint32_t b = s.to; b > a; b--) {
			const em__token *x = &ex->tokens[a], *y = &ex->tokens[b - 1];
			const char *name = em__extract_source_alias(ex->text + x->start,
								    y->start + y->len - x->start,
								    monitor);
			if (name)
				return name;
		}
	return NULL;
}

static bool is_punct(const em_extract *ex, const em__token *t, char c)
{
	return t->kind == TOK_PUNCT && ex->text[t->start] == c;
}

/* Generic words for a monitoring group: "the monitor", "the group". */
static bool generic_monitor(const em_extract *ex, span s)
{
	for (uint32_t i = s.from; i < s.to; i++)
		if (ex->tokens[i].bits & L_MONITOR)
			return true;
	return false;
}

static void add_source(em_extract *ex, em__sentence *st, span s, uint32_t at, const char *how)
{
	bool monitor = false;
	const char *name;
	size_t k = st->source_count;

	if (s.to <= s.from || k >= 3)
		return;
	if (s.to == s.from + 1 && (ex->tokens[s.from].bits & L_STOP) &&
	    !(ex->tokens[s.from].flags & TF_UPPER))
		return; /* "he said", "they said": nobody named */
	name = alias_in(ex, s, &monitor);
	st->source_generic[k] = false;
	if (name) {
		if (monitor && !ex->monitor)
			ex->monitor = name;
		else if (monitor && strcmp(ex->monitor, name) != 0)
			ex->monitor_many = true;
	} else {
		name = span_text(ex, s);
		st->source_generic[k] = generic_monitor(ex, s);
	}
	if (!name)
		return;
	st->source[k] = name;
	st->source_why[k] = em__extract_strf(ex, "%s \"%s\"", how, span_text(ex, s));
	st->source_at[k] = at;
	st->source_count++;
}

/* The noun phrase after "according to": up to a comma, a preposition of
 * time or place, or PHRASE_MAX words. */
static span phrase_after(const em_extract *ex, uint32_t i, uint32_t end)
{
	span s = {i, i};

	while (s.to < end && s.to - i < PHRASE_MAX) {
		const em__token *t = &ex->tokens[s.to];
		if (t->kind == TOK_PUNCT && !is_punct(ex, t, '(') && !is_punct(ex, t, ')') &&
		    !is_punct(ex, t, '-'))
			break;
		if (s.to > i && (em__tok_is(ex, t, "on") || em__tok_is(ex, t, "in") ||
				 em__tok_is(ex, t, "at") || em__tok_is(ex, t, "that") ||
				 em__tok_is(ex, t, "who") || (t->bits & L_WEEKDAY)))
			break;
		s.to++;
	}
	return s;
}

/* "has", "now", "also": words between a subject and its verb. */
static bool is_auxiliary(const em_extract *ex, const em__token *t)
{
	static const char *const words[] = {"has", "have", "had", "also", "later", "now", "earlier",
					    "previously", "still", "again", "separately", "had"};

	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (em__tok_is(ex, t, words[k]))
			return true;
	return false;
}

/* The subject before a verb at v: a capitalised name (with for, of, the,
 * al inside, an abbreviation in brackets after), or a few lower-case words
 * back to their article ("the monitor", "a resident"). */
static span subject_before(const em_extract *ex, uint32_t v, uint32_t first)
{
	span s = {v, v};
	uint32_t i = v;

	while (i > first + 1 && is_auxiliary(ex, &ex->tokens[i - 1]))
		s.to = --i;
	if (i > first + 2 && is_punct(ex, &ex->tokens[i - 1], ')') &&
	    is_punct(ex, &ex->tokens[i - 3], '('))
		return (span){i - 2, i - 1};
	while (i > first && (ex->tokens[i - 1].flags & TF_CAP || (i - 1 > first &&
	       (ex->tokens[i - 1].bits & L_CONNECT) && ex->tokens[i - 2].flags & TF_CAP)))
		i--;
	if (i < s.to && i > first + 1 && ex->tokens[i - 2].kind == TOK_WORD &&
	    !(ex->tokens[i - 2].flags & TF_CAP) &&
	    (em__tok_is(ex, &ex->tokens[i - 1], "in") || em__tok_is(ex, &ex->tokens[i - 1], "from") ||
	     em__tok_is(ex, &ex->tokens[i - 1], "at")))
		i--; /* "a doctor in Jableh": the speaker is the noun before */
	else if (i < s.to) {
		s.from = i;
		return s;
	}
	while (i > first && s.to - i < 5 && ex->tokens[i - 1].kind == TOK_WORD &&
	       !(ex->tokens[i - 1].bits & (L_SAY | L_DEATH))) {
		i--;
		if (em__tok_is(ex, &ex->tokens[i], "the") || em__tok_is(ex, &ex->tokens[i], "a") ||
		    em__tok_is(ex, &ex->tokens[i], "an"))
			break;
	}
	s.from = i;
	return s;
}

/* "Ali Sheha, a resident who fled Baniyas, reported": the name at the
 * start and the appositive's noun. */
static bool appositive(em_extract *ex, em__sentence *st, uint32_t v)
{
	uint32_t first = st->tok, k = first;
	span name;

	while (k < v && ex->tokens[k].flags & TF_CAP)
		k++;
	if (k == first || k + 2 >= v || !is_punct(ex, &ex->tokens[k], ',') ||
	    !is_punct(ex, &ex->tokens[v - 1], ',') ||
	    !(em__tok_is(ex, &ex->tokens[k + 1], "a") || em__tok_is(ex, &ex->tokens[k + 1], "an")))
		return false;
	name = (span){first, k};
	const em__token *noun = &ex->tokens[k + 2];
	const char *who = em__extract_strf(ex, "%s (%.*s)", span_text(ex, name), (int)noun->len,
					   ex->text + noun->start);
	if (who && st->source_count < 3) {
		size_t n = st->source_count++;
		st->source[n] = who;
		st->source_why[n] = em__extract_strf(ex, "the speaker named at the start: \"%s\"",
						     who);
		st->source_at[n] = v;
		st->source_generic[n] = false;
	}
	return true;
}

static void sentence_sources(em_extract *ex, em__sentence *st)
{
	uint32_t first = st->tok, end = st->tok + st->ntok;

	st->source_count = 0;
	for (uint32_t i = first; i < end; i++) {
		const em__token *t = &ex->tokens[i];
		if (em__tok_is(ex, t, "according") && i + 1 < end &&
		    em__tok_is(ex, &ex->tokens[i + 1], "to")) {
			add_source(ex, st, phrase_after(ex, i + 2, end), i, "according to");
		} else if (em__tok_is(ex, t, "per") && i + 1 < end &&
			   ex->tokens[i + 1].kind == TOK_WORD) {
			add_source(ex, st, phrase_after(ex, i + 1, end), i, "per");
		} else if ((t->bits & L_SAY) && t->kind == TOK_WORD && i > first &&
			   !(ex->tokens[i - 1].bits & (L_DEATH | L_WOUND | L_DETAIN)) &&
			   !em__tok_is(ex, &ex->tokens[i - 1], "were") &&
			   !em__tok_is(ex, &ex->tokens[i - 1], "was") &&
			   !em__tok_is(ex, &ex->tokens[i - 1], "been")) {
			if (!appositive(ex, st, i))
				add_source(ex, st, subject_before(ex, i, first), i, "said by");
		}
	}
}

/* Generic references ("the monitor") become the file's one monitor. */
static void resolve_generic(em_extract *ex, em__sentence *st)
{
	for (size_t k = 0; k < st->source_count; k++) {
		if (!st->source_generic[k] || !ex->monitor || ex->monitor_many)
			continue;
		st->source_why[k] = em__extract_strf(ex, "%s, taken as %s, the one monitoring group "
						     "the text names", st->source_why[k],
						     ex->monitor);
		st->source[k] = ex->monitor;
	}
}

/* The monitoring groups the sentence names anywhere ("The Syrian
 * Observatory for Human Rights counted..."): the file's one monitor. */
static void note_monitors(em_extract *ex, const em__sentence *st)
{
	uint32_t end = st->tok + st->ntok;

	for (uint32_t i = st->tok; i < end; i++) {
		uint32_t k = i;
		bool monitor = false;
		const char *name;
		if (!(ex->tokens[i].flags & TF_CAP))
			continue;
		while (k < end && (ex->tokens[k].flags & TF_CAP || ((ex->tokens[k].bits & L_CONNECT) &&
			k + 1 < end && ex->tokens[k + 1].flags & TF_CAP)))
			k++;
		name = alias_in(ex, (span){i, k}, &monitor);
		if (name && monitor && !ex->monitor)
			ex->monitor = name;
		else if (name && monitor && strcmp(ex->monitor, name) != 0)
			ex->monitor_many = true;
		i = k;
	}
}

em_status em__extract_sources(em_extract *ex)
{
	for (size_t s = 0; s < ex->sent_count; s++) {
		note_monitors(ex, &ex->sents[s]);
		sentence_sources(ex, &ex->sents[s]);
	}
	for (size_t s = 0; s < ex->sent_count; s++)
		resolve_generic(ex, &ex->sents[s]);
	return EM_OK;
}
