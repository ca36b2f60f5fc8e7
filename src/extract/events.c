/* Events without figures and flights.  A sentence with an event word
 * (clashes, shelling, a protest, a deployment, a funeral) gives one row
 * per place it names, by ACLED type, unless a figure of the sentence
 * already stands for it; with no place, one row for the region when the
 * sentence gives a day or a source.  "Fled to X", "sought refuge at X",
 * "crossed into X" give a flow to X, from the place after "from" (or the
 * country the text is about), with the count of the sentence's
 * displacement figure; a flight to a country only is an event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/text.h"
#include "extract_internal.h"

static bool sentence_has_figure(const em_extract *ex, uint32_t s)
{
	for (size_t i = 0; i < ex->figure_count; i++)
		if (ex->figures[i].sent == s)
			return true;
	return false;
}

/* An event word the sentence reports, not one it talks about ("condemned
 * the killings", "an inquiry into the attack", "wrote about the clashes"). */
static bool reported(const em_extract *ex, uint32_t k, uint32_t first)
{
	static const char *const words[] = {"condemned", "condemning", "condemn", "condemns",
					    "about", "against", "into", "over", "investigate",
					    "investigating", "denounced", "denouncing", "mourned",
					    "blamed", "after", "since", "following", "amid"};

	for (uint32_t back = 1; back <= 3 && k >= first + back; back++) {
		const em__token *t = &ex->tokens[k - back];
		for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
			if (em__tok_is(ex, t, words[w]))
				return false;
		if (!(em__tok_is(ex, t, "the") || em__tok_is(ex, t, "these") ||
		      em__tok_is(ex, t, "recent") || em__tok_is(ex, t, "sectarian") ||
		      em__tok_is(ex, t, "mass") || em__tok_is(ex, t, "revenge")))
			break;
	}
	return true;
}

/* The ACLED type the sentence's own words give, or -1: an explosion or a
 * change of territory wherever it is said, else the first event word (an
 * attack on the security forces being an armed clash). */
int em__extract_sentence_event(const em_extract *ex, uint32_t s)
{
	const em__sentence *st = &ex->sents[s];
	int first = -1, specific = -1;
	bool security = false;

	for (uint32_t k = st->tok; k < st->tok + st->ntok; k++) {
		const em__token *t = &ex->tokens[k];
		security |= (t->bits & L_SEC) != 0 || em__tok_is(ex, t, "patrol") ||
			    em__tok_is(ex, t, "checkpoint");
		if (!(t->bits & L_EVENT) || t->event < 0 || !reported(ex, k, st->tok))
			continue;
		if (first < 0)
			first = t->event;
		if (t->event <= EV_SPECIFIC_LAST && (specific < 0 || t->event < specific))
			specific = t->event;
	}
	if (specific >= 0)
		return specific;
	return first == EV_ATTACK && security ? EV_ARMED_CLASH : first;
}

static em_status event_row(em_extract *ex, uint32_t s, int event, int mention)
{
	em_extract_row *row = em__extract_new_row(ex, s, false, false);
	const em__sentence *st = &ex->sents[s];

	if (!row)
		return EM_ERR_NOMEM;
	row->kind = EM_FIGURE_EVENT;
	em__extract_event_type(event, &row->event_type, &row->sub_event_type);
	row->summary = em__extract_strf(ex, "%s", row->sub_event_type);
	if (st->source_count > 0) {
		row->source = st->source[0];
		row->notes = em__extract_strf(ex, "Draft read from the text. Event: %s, from the "
					      "sentence's words. Source: %s. ", row->sub_event_type,
					      st->source_why[0]);
	} else {
		row->notes = em__extract_strf(ex, "Draft read from the text. Event: %s, from the "
					      "sentence's words. Source: the sentence names nobody. ",
					      row->sub_event_type);
	}
	em__extract_set_dates(ex, row, st, false);
	em__extract_set_place(ex, row, mention, s);
	return EM_OK;
}

static bool mention_seen(const em_extract *ex, size_t from, size_t m)
{
	for (size_t k = from; k < m; k++)
		if (ex->mentions[k].sent == ex->mentions[m].sent &&
		    em__extract_usable(ex, &ex->mentions[k]) &&
		    ex->mentions[k].query == ex->mentions[m].query && ex->mentions[m].query >= 0)
			return true;
	return false;
}

/* How far token k is from the nearest event word of sentence s. */
static uint32_t event_gap(const em_extract *ex, uint32_t s, uint32_t k)
{
	const em__sentence *st = &ex->sents[s];
	uint32_t best = UINT32_MAX;

	for (uint32_t j = st->tok; j < st->tok + st->ntok; j++)
		if ((ex->tokens[j].bits & L_EVENT) && reported(ex, j, st->tok)) {
			uint32_t gap = 0;
			for (uint32_t w = j < k ? j : k; w < (j < k ? k : j); w++)
				gap += ex->tokens[w].kind == TOK_WORD; /* words between */
			best = gap < best ? gap : best;
		}
	return best;
}

/* Only separators (a comma, "and", "or") between tokens a and b. */
static bool listed(const em_extract *ex, uint32_t a, uint32_t b)
{
	for (uint32_t k = a; k < b; k++) {
		const em__token *t = &ex->tokens[k];
		if (!(em__tok_is(ex, t, "and") || em__tok_is(ex, t, "or") ||
		      (t->kind == TOK_PUNCT && ex->text[t->start] == ',')))
			return false;
	}
	return true;
}

/* A place this many words from an event word is where it happened; up to
 * EVENT_FAR when "near", "around" or "outside" says so, and always after
 * "the town of". */
#define EVENT_NEAR 8
#define EVENT_FAR 14

/* The event rows of sentence s: one per place near the event word (or in
 * a list that starts near it); the region when there is none. */
static em_status sentence_events(em_extract *ex, uint32_t s, int event, size_t m)
{
	uint32_t list_end = 0;
	size_t from = m, places = 0;
	em_status status = EM_OK;

	for (; m < ex->mention_count && ex->mentions[m].sent == s && status == EM_OK; m++) {
		const em__mention *mm = &ex->mentions[m];
		uint32_t gap = event_gap(ex, s, mm->tok);
		bool near = gap <= EVENT_NEAR || mm->trigger || (list_end && listed(ex, list_end, mm->tok)) ||
			    (gap <= EVENT_FAR && mm->tok > ex->sents[s].tok &&
			     (em__tok_is(ex, &ex->tokens[mm->tok - 1], "near") ||
			      em__tok_is(ex, &ex->tokens[mm->tok - 1], "around") ||
			      em__tok_is(ex, &ex->tokens[mm->tok - 1], "outside")));
		if (!em__extract_usable(ex, mm) || !near || em__extract_secondary(ex, m)) {
			list_end = 0;
			continue;
		}
		list_end = mm->tok + mm->ntok;
		if (mention_seen(ex, from, m))
			continue;
		status = event_row(ex, s, event, (int)m);
		places++;
	}
	if (status == EM_OK && places == 0 &&
	    (ex->sents[s].date.has || ex->sents[s].source_count > 0))
		status = event_row(ex, s, event, -1);
	return status;
}

em_status em__extract_events(em_extract *ex, em_error *err)
{
	size_t m = 0;

	for (uint32_t s = 0; s < ex->sent_count; s++) {
		int event = em__extract_sentence_event(ex, s);
		em_status status;
		while (m < ex->mention_count && ex->mentions[m].sent < s)
			m++;
		if (event < 0 || sentence_has_figure(ex, s))
			continue;
		status = sentence_events(ex, s, event, m);
		if (status != EM_OK)
			return em_error_set(err, status, "out of memory");
	}
	return EM_OK;
}

/* The word of a flight at k: fled, refuge, crossed into, and "heading"
 * after one of them. */
static bool flight_word(const em_extract *ex, uint32_t k, uint32_t end)
{
	const em__token *t = &ex->tokens[k];

	if (em__tok_is(ex, t, "crossed") || em__tok_is(ex, t, "crossing"))
		return k + 1 < end && em__tok_is(ex, &ex->tokens[k + 1], "into");
	if (em__tok_is(ex, t, "heading") || em__tok_is(ex, t, "headed")) {
		/* "crossed into Lebanon, most of them heading for Fadous" */
		for (uint32_t j = k; j-- > 0 && j + 12 > k;)
			if (ex->tokens[j].bits & L_DISPLACE || em__tok_is(ex, &ex->tokens[j], "crossed"))
				return true;
		return false;
	}
	return (t->bits & L_DISPLACE) && !em__tok_is(ex, t, "displaced");
}

/* The end of a flight from k: the first place after a "to", "towards",
 * "into", "at" or "in" within a few words; a country only when no place
 * follows.  Mention index, or -1. */
static int flight_end(const em_extract *ex, uint32_t s, uint32_t k, size_t m0)
{
	uint32_t end = ex->sents[s].tok + ex->sents[s].ntok, to = 0;
	int country = -1;

	for (uint32_t j = k + 1; j < end && j < k + 6 && !to; j++)
		if ((ex->tokens[j].bits & L_TOWARD) && ex->tokens[j].kind == TOK_WORD)
			to = j;
	if (!to)
		return -1;
	for (size_t m = m0; m < ex->mention_count && ex->mentions[m].sent == s; m++) {
		const em__mention *mm = &ex->mentions[m];
		if (mm->tok <= to || mm->tok > to + 12)
			continue;
		if (em__extract_usable(ex, mm))
			return (int)m;
		if (mm->kind == EM_MENTION_COUNTRY && country < 0 &&
		    !(ex->tokens[mm->tok].bits & L_STOP) && mm->tok + 1 < end &&
		    !(ex->tokens[mm->tok + 1].kind == TOK_WORD && !(ex->tokens[mm->tok + 1].flags & TF_CAP)
		      && !(ex->tokens[mm->tok].flags & TF_POSS)))
			country = (int)m;
	}
	return country;
}

static const char *mention_name(em_extract *ex, int m);

/* "no one fled", "did not flee": a flight that did not happen. */
static bool negated(const em_extract *ex, uint32_t k, uint32_t first)
{
	static const char *const words[] = {"no", "not", "never", "nobody", "none", "didn't"};

	for (uint32_t back = 1; back <= 3 && k >= first + back; back++)
		for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
			if (em__tok_is(ex, &ex->tokens[k - back], words[w]))
				return true;
	return false;
}

#define FLIGHT_WORDS 14

/* The place the figure's people fled to: the first flight after it in its
 * sentence, within a few words (mention index), or -1. */
int em__extract_flight_for(const em_extract *ex, const em__figure *f)
{
	uint32_t first = ex->sents[f->sent].tok, end = first + ex->sents[f->sent].ntok;

	for (uint32_t k = f->tok + 1; k < end && k <= f->tok + FLIGHT_WORDS; k++) {
		int dest;
		if (!flight_word(ex, k, end) || negated(ex, k, first))
			continue;
		dest = flight_end(ex, f->sent, k, em__extract_first_mention(ex, f->sent));
		return dest >= 0 && ex->mentions[dest].kind != EM_MENTION_COUNTRY ? dest : -1;
	}
	return -1;
}

/* The count of the flight at k: the displaced figure just before it. */
static const em__figure *count_before(const em_extract *ex, uint32_t s, uint32_t k)
{
	const em__figure *best = NULL;

	for (size_t i = 0; i < ex->figure_count; i++) {
		const em__figure *f = &ex->figures[i];
		if (f->sent != s || f->kind != EM_FIGURE_DISPLACED || f->tok >= k ||
		    k - f->tok > FLIGHT_WORDS || f->families)
			continue; /* families are not a count of people */
		if (!best || f->tok > best->tok)
			best = f;
	}
	for (uint32_t j = best ? best->tok + 1 : k; j < k; j++)
		if (flight_word(ex, j, k + 1))
			return NULL; /* another flight's count */
	return best;
}

/* "Syrians", "Sudanese": a people, not a country's name. */
static bool demonym(const em_extract *ex, const em__mention *m)
{
	const char *name = em__extract_country(m->country)->name;
	size_t len = m->end - m->start;

	return !(strlen(name) == len && strncasecmp(name, ex->text + m->start, len) == 0);
}

/* Where the people of the flight at k came from: the place after "from"
 * in the words since from_tok; else what they are called ("Syrians");
 * else, for a crossing, unspecified; else the country the text is about. */
static const char *origin_of(em_extract *ex, uint32_t s, uint32_t k, uint32_t from_tok,
			     int dest, const char **why)
{
	size_t m0 = em__extract_first_mention(ex, s);
	const em__country *c = em__extract_country(ex->main_country);

	int people = -1;

	for (size_t m = m0; m < ex->mention_count && ex->mentions[m].sent == s; m++) {
		const em__mention *mm = &ex->mentions[m];
		if (mm->tok == k + 1 && (int)m != dest && em__extract_usable(ex, mm)) {
			*why = "the place fled"; /* "fled Aleppo for Idlib" */
			return mention_name(ex, (int)m);
		}
		if (mm->tok < from_tok || mm->tok > (uint32_t)ex->mentions[dest].tok || (int)m == dest)
			continue;
		if (mm->tok > ex->sents[s].tok && em__tok_is(ex, &ex->tokens[mm->tok - 1], "from") &&
		    (em__extract_usable(ex, mm) || mm->kind == EM_MENTION_COUNTRY)) {
			*why = "after \"from\"";
			return mention_name(ex, (int)m);
		}
		if (mm->kind == EM_MENTION_COUNTRY && mm->tok < k && !(ex->tokens[mm->tok].flags & TF_POSS) &&
		    demonym(ex, mm))
			people = (int)m; /* the nearest before the flight */
	}
	if (people >= 0) {
		*why = "what the text calls the people who fled";
		return mention_name(ex, people);
	}
	if (em__tok_is(ex, &ex->tokens[k], "crossed") || em__tok_is(ex, &ex->tokens[k], "crossing")) {
		*why = "not given";
		return "unspecified";
	}
	*why = "not given: the country the text is about";
	return c ? c->name : "unspecified";
}

static const char *mention_name(em_extract *ex, int m)
{
	const em__mention *mm = &ex->mentions[m];

	if (mm->kind == EM_MENTION_COUNTRY)
		return em__extract_country(mm->country)->name;
	return em__pool_strndup(&ex->pool, ex->text + mm->start, mm->end - mm->start);
}

/* A flight at k of sentence s to mention dest, with its count (or none). */
typedef struct flight {
	uint32_t s, k, from_tok;
	int dest;
	const em__figure *count;
} flight;

static em_status flow_row(em_extract *ex, const flight *fl)
{
	em_extract_row *row = em__extract_new_row(ex, fl->s, true, false);
	const em__sentence *st = &ex->sents[fl->s];
	const em__mention *d = &ex->mentions[fl->dest];
	const char *why = "";

	if (!row)
		return EM_ERR_NOMEM;
	row->destination = mention_name(ex, fl->dest);
	row->origin = origin_of(ex, fl->s, fl->k, fl->from_tok, fl->dest, &why);
	row->place_id = d->query >= 0 && ex->queries[d->query].result.place
			? ex->queries[d->query].result.place->id : "";
	row->kind = EM_FIGURE_DISPLACED;
	if (fl->count) {
		row->has_figure = true;
		row->figure = fl->count->value;
		row->qualifier = fl->count->qualifier;
		row->source = fl->count->source;
	} else if (st->source_count > 0) {
		row->source = st->source[0];
	}
	row->notes = em__extract_strf(ex, "Draft read from the text. Flight to \"%s\"; origin %s "
				      "(%s); %s. ", row->destination, row->origin, why, fl->count ?
				      "count from the figure just before" : "no count given");
	if (st->date.has) {
		row->has_date = true;
		row->date = row->date_end = st->date.first;
	}
	em__strbuf_add_unique(&ex->mentions[fl->dest].rows, row->id, strlen(row->id), " ");
	return EM_OK;
}

/* A flight also stands as an event where the people went, unless a
 * figure of the dead, wounded or detained of the sentence already does. */
static em_status flight_event(em_extract *ex, const flight *fl)
{
	static const char *const words[] = {"", "At least ", "More than ", "About ", "Up to "};
	const em__figure *f = fl->count;
	char count[32];
	em_extract_row *row;

	for (size_t i = 0; i < ex->figure_count; i++)
		if (ex->figures[i].sent == fl->s && ex->figures[i].kind != EM_FIGURE_DISPLACED)
			return EM_OK;
	if (event_row(ex, fl->s, EV_OTHER, fl->dest) != EM_OK)
		return EM_ERR_NOMEM;
	row = &ex->rows[ex->row_count - 1];
	if (f) {
		em_text_format_count(count, sizeof count, f->value);
		row->summary = em__extract_strf(ex, "%s%s people fled to %s",
						words[f->qualifier % 5], count, row->location);
		row->source = f->source;
	} else {
		row->summary = em__extract_strf(ex, "People fled to %s", row->location);
	}
	return EM_OK;
}

/* Where the clause of token k starts, from `from` on: after a ';', or a
 * comma before "and", "while", "but". */
static uint32_t clause_start(const em_extract *ex, uint32_t from, uint32_t k)
{
	uint32_t start = from;

	for (uint32_t j = from; j + 1 < k; j++) {
		const em__token *t = &ex->tokens[j];
		if (t->kind != TOK_PUNCT)
			continue;
		if (ex->text[t->start] == ';' ||
		    (ex->text[t->start] == ',' && (em__tok_is(ex, t + 1, "and") ||
						   em__tok_is(ex, t + 1, "while") ||
						   em__tok_is(ex, t + 1, "but"))))
			start = j + 1;
	}
	return start;
}

/* The flights of sentence s, each to its own place, in order. */
static em_status sentence_flights(em_extract *ex, uint32_t s)
{
	uint32_t first = ex->sents[s].tok, end = first + ex->sents[s].ntok, from_tok = first;
	size_t m0 = em__extract_first_mention(ex, s);
	int last_dest = -1;
	em_status status = EM_OK;

	for (uint32_t k = first; k < end && status == EM_OK; k++) {
		flight fl = {s, k, from_tok, -1, NULL};
		if (!flight_word(ex, k, end) || negated(ex, k, first) ||
		    (fl.dest = flight_end(ex, s, k, m0)) < 0 || fl.dest == last_dest)
			continue;
		fl.count = count_before(ex, s, k);
		fl.from_tok = clause_start(ex, from_tok, k);
		if (fl.count && fl.count->tok > fl.from_tok)
			fl.from_tok = fl.count->tok;
		last_dest = fl.dest;
		from_tok = ex->mentions[fl.dest].tok + ex->mentions[fl.dest].ntok;
		if (ex->mentions[fl.dest].kind == EM_MENTION_COUNTRY) {
			if (!fl.count && !sentence_has_figure(ex, s))
				status = event_row(ex, s, EV_OTHER, -1);
			continue;
		}
		status = flow_row(ex, &fl);
		if (status == EM_OK)
			status = flight_event(ex, &fl);
	}
	return status;
}

em_status em__extract_flows(em_extract *ex, em_error *err)
{
	for (uint32_t s = 0; s < ex->sent_count; s++)
		if (sentence_flights(ex, s) != EM_OK)
			return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	return EM_OK;
}
