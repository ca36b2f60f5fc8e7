/* Draft rows from what a block's passes found: one per figure (a figure
 * given again adds its sentence to the first), per event and place, and
 * per flight to a named place.  Each row says in `notes` how each of its
 * fields was read. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eventmap/text.h"
#include "../util/array.h"
#include "extract_internal.h"

const char *em__extract_strf(em_extract *ex, const char *format, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, format);
	n = vsnprintf(buf, sizeof buf, format, ap);
	va_end(ap);
	if (n < 0)
		return "";
	return em__pool_strndup(&ex->pool, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* A mention that may stand for where something happened: a place that
 * resolved, an ambiguous one the text marks as a place (the row keeps the
 * name, unplaced), or an unlisted one. */
bool em__extract_usable(const em_extract *ex, const em__mention *m)
{
	if (m->kind == EM_MENTION_UNLISTED)
		return true;
	if (m->kind != EM_MENTION_PLACE || m->query < 0)
		return false;
	return ex->queries[m->query].result.status == EM_GEOCODE_RESOLVED ||
	       (m->marked && ex->queries[m->query].result.status == EM_GEOCODE_AMBIGUOUS);
}

/* The first mention of sentence s (mentions are in sentence order). */
size_t em__extract_first_mention(const em_extract *ex, uint32_t s)
{
	size_t lo = 0, hi = ex->mention_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ex->mentions[mid].sent < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool same_mention(const em_extract *ex, const em__mention *a, const em__mention *b)
{
	if (a->query >= 0 || b->query >= 0)
		return a->query == b->query;
	return a->end - a->start == b->end - b->start &&
	       memcmp(ex->text + a->start, ex->text + b->start, a->end - a->start) == 0;
}

/* The place of a figure at token tok of sentence s: the one place the
 * sentence names (mention index), -2 when it names several, -1 none. */
/* "west of Dreikish", "north of X": a place named to say where another is. */
static bool reference_point(const em_extract *ex, const em__mention *m)
{
	static const char *const directions[] = {"west", "east", "north", "south", "northwest",
						  "northeast", "southwest", "southeast", "outskirts"};
	const em__token *t = &ex->tokens[m->tok];

	if (m->tok < ex->sents[m->sent].tok + 2 || !em__tok_is(ex, t - 1, "of"))
		return false;
	for (size_t k = 0; k < sizeof directions / sizeof directions[0]; k++)
		if (em__tok_is(ex, t - 2, directions[k]))
			return !em__tok_is(ex, t - 2, "outskirts");
	return false;
}

/* "Sarmin in Idlib province", "Kafr Nabl in the Idlib countryside": the
 * second names where the first is. */
static bool container(const em_extract *ex, size_t m)
{
	const em__mention *mm = &ex->mentions[m];
	uint32_t k = mm->tok;

	if (m == 0 || ex->mentions[m - 1].sent != mm->sent || k < 2)
		return false;
	if (em__tok_is(ex, &ex->tokens[k - 1], "the"))
		k--;
	return em__tok_is(ex, &ex->tokens[k - 1], "in") &&
	       ex->mentions[m - 1].tok + ex->mentions[m - 1].ntok == k - 1;
}

/* A place named only to say where another is. */
bool em__extract_secondary(const em_extract *ex, size_t m)
{
	return reference_point(ex, &ex->mentions[m]) || container(ex, m);
}

/* The clause of token tok: between ';' and "while", "whereas", "but". */
static void clause_of(const em_extract *ex, uint32_t s, uint32_t tok, uint32_t *a, uint32_t *b)
{
	static const char *const words[] = {"while", "whereas", "but", "although", "meanwhile"};
	uint32_t first = ex->sents[s].tok, end = first + ex->sents[s].ntok;

	*a = first;
	*b = end;
	for (uint32_t k = first; k < end; k++) {
		const em__token *t = &ex->tokens[k];
		bool cut = t->kind == TOK_PUNCT && ex->text[t->start] == ';';
		for (size_t w = 0; !cut && w < sizeof words / sizeof words[0]; w++)
			cut = em__tok_is(ex, t, words[w]);
		if (cut && k <= tok)
			*a = k + 1;
		else if (cut && k > tok) {
			*b = k;
			break;
		}
	}
}

/* Places named one after another ("Latakia, Banias and Jableh"). */
static bool in_list(const em_extract *ex, const em__mention *a, const em__mention *b)
{
	for (uint32_t k = a->tok + a->ntok; k < b->tok; k++) {
		const em__token *t = &ex->tokens[k];
		if (!(em__tok_is(ex, t, "and") || em__tok_is(ex, t, "or") ||
		      (t->kind == TOK_PUNCT && ex->text[t->start] == ',')))
			return false;
	}
	return true;
}

/* The place of a figure at token tok of sentence s: a place of its clause
 * (one the text marks, "the village of X", first), not one named only to
 * say where another is ("west of Dreikish", "in Idlib province" after a
 * town); of several, the first after the figure, else the last before;
 * places in a list are a region (-2); -1 when its clause names none. */
int em__extract_place_of(const em_extract *ex, uint32_t s, uint32_t tok)
{
	uint32_t a, b;
	int after = -1, before = -1, marked = -1;

	clause_of(ex, s, tok, &a, &b);
	for (size_t m = em__extract_first_mention(ex, s);
	     m < ex->mention_count && ex->mentions[m].sent == s; m++) {
		const em__mention *mm = &ex->mentions[m];
		if (mm->tok < a || mm->tok >= b || !em__extract_usable(ex, mm) ||
		    em__extract_secondary(ex, m))
			continue;
		if (mm->trigger && marked < 0)
			marked = (int)m;
		if (mm->tok > tok && after < 0)
			after = (int)m;
		else if (mm->tok < tok)
			before = (int)m;
	}
	if (marked >= 0)
		return marked;
	if (after >= 0 && after + 1 < (int)ex->mention_count &&
	    ex->mentions[after + 1].sent == s && ex->mentions[after + 1].tok < b &&
	    em__extract_usable(ex, &ex->mentions[after + 1]) &&
	    !same_mention(ex, &ex->mentions[after], &ex->mentions[after + 1]) &&
	    in_list(ex, &ex->mentions[after], &ex->mentions[after + 1]))
		return -2;
	return after >= 0 ? after : before;
}

static const char *mention_text(em_extract *ex, const em__mention *m)
{
	return em__pool_strndup(&ex->pool, ex->text + m->start, m->end - m->start);
}

/* The region word after a mention ("governorate"), or NULL. */
static const em__token *region_word(const em_extract *ex, const em__mention *m)
{
	uint32_t end = ex->sents[m->sent].tok + ex->sents[m->sent].ntok, k = m->tok + m->ntok;

	if (k < end && (ex->tokens[k].bits & L_REGION))
		return &ex->tokens[k];
	if (k + 2 < end && em__tok_is(ex, &ex->tokens[k], "and") &&
	    (ex->tokens[k + 2].bits & L_REGION) && ex->tokens[k + 2].len > 0 &&
	    ex->text[ex->tokens[k + 2].start + ex->tokens[k + 2].len - 1] == 's')
		return &ex->tokens[k + 2]; /* "Latakia and Tartous provinces" */
	return NULL;
}

/* "Latakia and Tartous": the places sentence s names, joined. */
static const char *places_of(em_extract *ex, uint32_t s, const char **country)
{
	em_strbuf names = {0};
	const char *out;

	*country = "";
	for (size_t m = em__extract_first_mention(ex, s);
	     m < ex->mention_count && ex->mentions[m].sent == s; m++) {
		const em__mention *mm = &ex->mentions[m];
		const em_geocode_result *r = mm->query >= 0 ? &ex->queries[mm->query].result : NULL;
		if (!em__extract_usable(ex, mm))
			continue;
		em__strbuf_add_unique(&names, ex->text + mm->start, mm->end - mm->start, " and ");
		if (r && r->place && !**country)
			*country = r->place->country;
	}
	out = em__pool_strdup(&ex->pool, names.text ? names.text : "");
	em__strbuf_free(&names);
	return out ? out : "";
}

static const char *main_country_name(const em_extract *ex, const char **code)
{
	const em__country *c = em__extract_country(ex->main_country);

	*code = c ? c->code : "";
	return c ? c->name : "unspecified";
}

static void set_region(em_extract *ex, em_extract_row *row, const char *location,
		       const char *country, const char *why)
{
	row->scope = EM_SCOPE_REGION;
	row->precision = 3;
	row->location = location;
	row->country = country;
	row->notes = em__extract_strf(ex, "%sPlace: %s.", row->notes, why);
}

void em__extract_set_place(em_extract *ex, em_extract_row *row, int mention, uint32_t sent)
{
	const char *code, *name;

	if (mention == -2) {
		name = places_of(ex, sent, &code);
		set_region(ex, row, name, code, "the sentence names several places; recorded as "
			   "a region");
		return;
	}
	if (mention < 0) {
		name = main_country_name(ex, &code);
		set_region(ex, row, name, code, "the sentence names no place; recorded as a region, "
			   "the country the text is about");
		return;
	}
	em__mention *m = &ex->mentions[mention];
	const em_geocode_result *r = m->query >= 0 ? &ex->queries[m->query].result : NULL;
	const em__token *word = region_word(ex, m);
	const em__country *hint = em__extract_country(m->hint);

	row->location = mention_text(ex, m);
	row->country = r && r->place ? r->place->country : hint ? hint->code : "";
	if (!row->country[0] && em__extract_covered(ex, ex->main_country))
		main_country_name(ex, &row->country); /* an ambiguous name: where the text is */
	row->place_id = r && r->place ? r->place->id : "";
	row->scope = EM_SCOPE_PLACE;
	row->precision = 1;
	if (word) {
		row->location = em__extract_strf(ex, "%s %.*s", row->location, (int)word->len,
						 ex->text + word->start);
		row->admin1 = r && r->place ? em_gazetteer_admin1_name(ex->gazetteer,
									 r->place->country,
									 r->place->admin1) : NULL;
		if (!row->admin1)
			row->admin1 = "";
		row->scope = EM_SCOPE_REGION;
		row->precision = 3;
	}
	row->notes = em__extract_strf(ex, "%sPlace: \"%s\", %s.", row->notes, row->location,
				      m->kind == EM_MENTION_UNLISTED ? "not in the gazetteer; the "
				      "text calls it a place" : r ? r->reason : "");
	em__strbuf_add_unique(&m->rows, row->id, strlen(row->id), " ");
}

/* The sentence, its spaces run together: the row's quote. */
static const char *quote_of(em_extract *ex, const em__sentence *st)
{
	char *q = malloc(st->end - st->start + 1);
	size_t n = 0;
	const char *out;

	if (!q)
		return "";
	for (uint32_t i = st->start; i < st->end; i++) {
		char c = ex->text[i] == '\n' || ex->text[i] == '\t' ? ' ' : ex->text[i];
		if (c != ' ' || (n > 0 && q[n - 1] != ' '))
			q[n++] = c;
	}
	out = em__pool_strndup(&ex->pool, q, n);
	free(q);
	return out ? out : "";
}

em_extract_row *em__extract_new_row(em_extract *ex, uint32_t sent, bool flow, bool deaths)
{
	const em__sentence *st = &ex->sents[sent];
	em_extract_row *row;

	if (!EM_ARRAY_RESERVE(ex->rows, ex->row_cap, ex->row_count + 1))
		return NULL;
	row = &ex->rows[ex->row_count++];
	memset(row, 0, sizeof *row);
	snprintf(row->id, sizeof row->id, "%c%03u", flow ? 'f' : deaths ? 'r' : 'e',
		 flow ? ++ex->next_f : deaths ? ++ex->next_r : ++ex->next_e);
	row->flow = flow;
	row->part_of = row->location = row->admin1 = row->country = row->place_id = "";
	row->event_type = row->sub_event_type = row->origin = row->destination = "";
	row->source = "unattributed";
	row->category = EM_CATEGORY_UNKNOWN;
	row->notes = row->summary = "";
	row->file = ex->label;
	row->reported_by = ex->outlet ? em__extract_strf(ex, "%s (%s)", ex->outlet, ex->label)
				      : ex->label;
	row->start = ex->base_byte + ex->at_byte[st->start];
	row->end = ex->base_byte + ex->at_byte[st->end - 1] + 1;
	row->char_start = ex->base_char + ex->at_char[st->start];
	row->char_end = ex->base_char + ex->at_char[st->end - 1] + 1;
	row->quote = quote_of(ex, st);
	return row;
}

/* Dates: the sentence's, or the period up to it for a toll, or the text's
 * span (the first day it names to the publication date) when it gives
 * none; undated when there is nothing to read. */
void em__extract_set_dates(em_extract *ex, em_extract_row *row, const em__sentence *st, bool toll)
{
	char a[48];

	if (st->date.has) {
		row->has_date = true;
		row->date = st->date.first;
		row->date_end = st->date.last;
		if (toll && ex->has_window && ex->window_first < row->date) {
			row->date = ex->window_first;
			row->notes = em__extract_strf(ex, "%sDate: a toll up to the day named (%s); "
						      "from the first day the text names. ",
						      row->notes, st->date.reason);
			return;
		}
		row->notes = em__extract_strf(ex, "%sDate: %s. ", row->notes, st->date.reason);
		return;
	}
	if (!ex->options.has_date) {
		row->notes = em__extract_strf(ex, "%sDate: undated (%s). ", row->notes,
					      st->date.reason ? st->date.reason
							      : "no day in the sentence and no "
								"publication date");
		return;
	}
	row->has_date = true;
	row->date_end = ex->options.date;
	row->date = ex->has_window && ex->window_first < row->date_end ? ex->window_first
								       : row->date_end;
	em__extract_format_day(a, sizeof a, row->date);
	if (row->date == row->date_end)
		row->notes = em__extract_strf(ex, "%sDate: no day in the sentence or before it; the "
					      "publication date, %s. ", row->notes, a);
	else
		row->notes = em__extract_strf(ex, "%sDate: no day in the sentence; the text's span, "
					      "from %s to the publication date. ", row->notes, a);
}

static const char *const kind_words[] = {"", "killed", "wounded", "detained", "displaced"};
static const char *const category_words[] = {"civilians", "security-force members",
					     "pro-Assad fighters", ""};

static const char *summary_of(em_extract *ex, const em__figure *f)
{
	static const char *const qualifiers[] = {"", "At least ", "More than ", "About ",
						 "Up to "};
	char count[32];

	const char *who = f->families ? "families" : category_words[f->category][0]
		? category_words[f->category] : "people";
	const em__token *t = &ex->tokens[f->tok];
	char vague[32];

	em_text_format_count(count, sizeof count, f->value);
	if (f->vague) {
		snprintf(vague, sizeof vague, "%.*s", (int)t->len, ex->text + t->start);
		vague[0] = (char)toupper((unsigned char)vague[0]);
		return em__extract_strf(ex, "%s of %s %s", vague, who, kind_words[f->kind]);
	}
	if (!f->families && !category_words[f->category][0])
		who = "";
	return em__extract_strf(ex, "%s%s %s%s%s", qualifiers[f->qualifier], count, who,
				who[0] ? " " : "", kind_words[f->kind]);
}

/* Violence of ACLED's kinds (not a strategic development). */
static bool violent(const char *type)
{
	return strcmp(type, "Battles") == 0 || strcmp(type, "Violence against civilians") == 0 ||
	       strcmp(type, "Explosions/Remote violence") == 0 || strcmp(type, "Riots") == 0;
}

/* The row's ACLED type: the sentence's words, for the dead and wounded only
 * a type of violence; else by the figure: civilians attacked, the armed
 * in battle, the detained arrested, the rest "Other". */
static void set_type(em_extract *ex, em_extract_row *row, uint32_t s, const em__figure *f)
{
	bool hurt = f && (f->kind == EM_FIGURE_DEATHS || f->kind == EM_FIGURE_WOUNDED);
	int event = em__extract_sentence_event(ex, s);
	const char *type = "", *sub = "";

	em__extract_event_type(event, &type, &sub);
	if (event >= 0 && (!hurt || violent(type))) {
		row->event_type = type;
		row->sub_event_type = sub;
		row->notes = em__extract_strf(ex, "%sType: from the sentence's words. ", row->notes);
		return;
	}
	if (hurt && f->category == EM_CATEGORY_CIVILIANS) {
		row->event_type = "Violence against civilians";
		row->sub_event_type = "Attack";
	} else if (hurt && f->category != EM_CATEGORY_UNKNOWN) {
		row->event_type = "Battles";
		row->sub_event_type = "Armed clash";
	} else if (f && f->kind == EM_FIGURE_DETAINED) {
		row->event_type = "Strategic developments";
		row->sub_event_type = "Arrests";
	} else if (!f || f->kind != EM_FIGURE_DEATHS) {
		row->event_type = "Strategic developments";
		row->sub_event_type = "Other";
	}
	if (row->event_type[0])
		row->notes = em__extract_strf(ex, "%sType: from the figure's category. ", row->notes);
}

static em_status figure_row(em_extract *ex, em__figure *f)
{
	em_extract_row *row;

	if (f->repeat >= 0 && ex->figures[f->repeat].row >= 0) {
		em_extract_row *first = &ex->rows[ex->figures[f->repeat].row];
		const em__sentence *st = &ex->sents[f->sent];
		first->notes = em__extract_strf(ex, "%sGiven again at bytes %zu-%zu. ", first->notes,
						ex->base_byte + ex->at_byte[st->start],
						ex->base_byte + ex->at_byte[st->end - 1] + 1);
		f->row = ex->figures[f->repeat].row;
		return EM_OK;
	}
	if (f->kind == EM_FIGURE_DISPLACED && !f->families && em__extract_flight_for(ex, f) >= 0)
		return EM_OK; /* the flow and its event hold it */
	row = em__extract_new_row(ex, f->sent, false, f->kind == EM_FIGURE_DEATHS);
	if (!row)
		return EM_ERR_NOMEM;
	f->row = (int)(row - ex->rows);
	row->kind = f->kind;
	row->has_figure = true;
	row->figure = f->value;
	row->qualifier = f->qualifier;
	row->category = f->category;
	row->source = f->source;
	row->summary = summary_of(ex, f);
	row->notes = em__extract_strf(ex, "Draft read from the text. Figure: \"%.*s\"%s. "
				      "Source: %s. ", (int)ex->tokens[f->tok].len,
				      ex->text + ex->tokens[f->tok].start,
				      f->vague ? ", a vague count, recorded as ACLED codes it" : "",
				      f->source_why);
	em__extract_set_dates(ex, row, &ex->sents[f->sent], f->toll);
	set_type(ex, row, f->sent, f);
	em__extract_set_place(ex, row, f->mention, f->sent);
	return EM_OK;
}

/* Totals and parts, named in both rows. */
static void mark_roles(em_extract *ex)
{
	for (size_t i = 0; i < ex->figure_count; i++) {
		const em__figure *f = &ex->figures[i];
		em_extract_row *row, *total;
		if (f->parent < 0 || f->repeat >= 0 || f->row < 0 || ex->figures[f->parent].row < 0)
			continue;
		row = &ex->rows[f->row];
		total = &ex->rows[ex->figures[f->parent].row];
		row->role = EM_ROLE_PART;
		row->part_of = em__pool_strdup(&ex->pool, total->id);
		row->notes = em__extract_strf(ex, "%sPart of the total in %s: never add it to it. ",
					      row->notes, total->id);
		if (total->role != EM_ROLE_TOTAL)
			total->notes = em__extract_strf(ex, "%sA total: its breakdown follows in rows "
							"whose part_of is %s; never add them to it. %s",
							total->notes, total->id,
							ex->figures[f->parent].recategorised
							? "Its category is recorded as unknown: the "
							  "text gives its breakdown across "
							  "categories. " : "");
		total->role = EM_ROLE_TOTAL;
		total->category = ex->figures[f->parent].category;
		if (!ex->sents[f->sent].date.has && total->has_date) {
			row->date = total->date;
			row->date_end = total->date_end;
			row->notes = em__extract_strf(ex, "%sIts days are its total's. ", row->notes);
		}
		if (row->scope == EM_SCOPE_REGION && f->mention < 0 && total->scope == EM_SCOPE_PLACE) {
			row->location = total->location;
			row->country = total->country;
			row->place_id = total->place_id;
			row->scope = total->scope;
			row->precision = total->precision;
			row->notes = em__extract_strf(ex, "%sIts place is its total's. ", row->notes);
		}
		if (strcmp(row->source, "unattributed") == 0 && strcmp(total->source, "unattributed")) {
			row->source = total->source;
			row->notes = em__extract_strf(ex, "%sIts source is its total's. ", row->notes);
		}
	}
}

em_status em__extract_rows(em_extract *ex, em_error *err)
{
	for (size_t i = 0; i < ex->figure_count; i++)
		if (figure_row(ex, &ex->figures[i]) != EM_OK)
			return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	mark_roles(ex);
	return EM_OK;
}
