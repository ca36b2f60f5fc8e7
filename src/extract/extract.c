/* The extractor: its life, a file's beginning and end, and the passes over
 * each block (tokens, places, dates, sources, figures, totals, rows,
 * events, flows), whose rows and mentions wait to be drained. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/array.h"
#include "extract_internal.h"

/* The countries the gazetteer has places in, as "SY LB IL ...". */
static void covered_countries(em_extract *ex)
{
	size_t n = 0, count = em_gazetteer_count(ex->gazetteer);

	for (size_t i = 0; i < count && n + 4 < sizeof ex->covered; i++) {
		const em_place *p = em_gazetteer_place(ex->gazetteer, i);
		if (strlen(p->country) == 2 && !strstr(ex->covered, p->country))
			n += (size_t)snprintf(ex->covered + n, sizeof ex->covered - n, "%s ", p->country);
	}
}

em_status em_extract_create(em_extract **out, const em_gazetteer *gazetteer,
			    const em_extract_options *options, em_error *err)
{
	em_extract *ex;

	*out = NULL;
	if (!gazetteer || !em_gazetteer_is_finished(gazetteer))
		return em_error_set(err, EM_ERR_INVALID, "extract: the gazetteer is not finished");
	ex = calloc(1, sizeof *ex);
	if (!ex)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	ex->gazetteer = gazetteer;
	if (options)
		ex->options = *options;
	else
		em_geocode_options_init(&ex->options.geocode);
	ex->options.outlet = NULL;
	ex->main_country = -1;
	if ((options && options->outlet && options->outlet[0] &&
	     !(ex->outlet = strdup(options->outlet))) || em__extract_lexicon_build(ex) != EM_OK) {
		em_extract_destroy(ex);
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	}
	covered_countries(ex);
	*out = ex;
	return EM_OK;
}

static void forget_mentions(em_extract *ex)
{
	for (size_t i = 0; i < ex->mention_count; i++)
		em__strbuf_free(&ex->mentions[i].rows);
	ex->mention_count = 0;
}

void em_extract_destroy(em_extract *ex)
{
	if (!ex)
		return;
	forget_mentions(ex);
	em__keymap_clear(&ex->lexicon);
	em__keymap_clear(&ex->persons);
	em__keymap_clear(&ex->lookups);
	em__pool_clear(&ex->pool);
	free(ex->lexemes);
	free(ex->outlet);
	free(ex->label);
	free(ex->text);
	free(ex->at_byte);
	free(ex->at_char);
	free(ex->tokens);
	free(ex->sents);
	free(ex->mentions);
	free(ex->figures);
	free(ex->queries);
	free(ex->rows);
	free(ex->out_mentions);
	free(ex);
}

em_status em_extract_begin(em_extract *ex, const char *label, em_extract_format format,
			   em_error *err)
{
	char *copy = strdup(label ? label : "-");

	if (!copy)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	free(ex->label);
	ex->label = copy;
	ex->format = format;
	ex->format_known = format != EM_EXTRACT_AUTO;
	ex->html = format == EM_EXTRACT_HTML;
	ex->html_state = 0;
	ex->html_space = true;
	ex->in_bytes = ex->in_chars = ex->text_len = 0;
	ex->utf8_need = 0;
	ex->any_text = false;
	ex->sentences = 0;
	ex->monitor = NULL;
	ex->monitor_many = ex->has_last_date = ex->has_window = false;
	ex->main_country = -1;
	em__keymap_clear(&ex->persons);
	em__keymap_clear(&ex->lookups);
	return EM_OK;
}

em_status em_extract_feed(em_extract *ex, const char *bytes, size_t len, em_error *err)
{
	return em__extract_push(ex, bytes, len, err);
}

em_status em_extract_end(em_extract *ex, em_error *err)
{
	return em__extract_finish(ex, err);
}

/* "Ukraine" rather than "Ukrainian": the country named, which counts more
 * for what the text is about than an adjective ("Russian drones"). */
static bool names_country(const em_extract *ex, const em__mention *m)
{
	const char *name = em__extract_country(m->country)->name;
	size_t len = m->end - m->start;

	return strlen(name) == len && strncasecmp(name, ex->text + m->start, len) == 0;
}

/* The country the block is most about: its country words (a country's
 * name counting twice) and the
 * countries of the places that resolved; kept from the blocks before when
 * this one names none. */
static void main_country(em_extract *ex)
{
	size_t count = em__extract_country_count();
	unsigned votes[128] = {0};
	int best = -1;

	for (size_t m = 0; m < ex->mention_count; m++) {
		const em__mention *mm = &ex->mentions[m];
		int c = mm->country;
		const em_geocode_result *r = mm->query >= 0 ? &ex->queries[mm->query].result : NULL;
		for (size_t k = 0; c < 0 && r && r->place && k < count && k < 128; k++)
			if (strcmp(em__extract_country((int)k)->code, r->place->country) == 0)
				c = (int)k;
		if (c >= 0 && c < 128)
			votes[c] += mm->kind == EM_MENTION_COUNTRY && names_country(ex, mm) ? 2 : 1;
	}
	for (size_t k = 0; k < count && k < 128; k++)
		if (votes[k] && (best < 0 || votes[k] > votes[best]))
			best = (int)k;
	if (best >= 0)
		ex->main_country = best;
}

static em_status publish_mention(em_extract *ex, em__mention *m)
{
	em_extract_mention *out;
	const em__country *c = em__extract_country(m->country);

	if (!EM_ARRAY_RESERVE(ex->out_mentions, ex->out_mention_cap, ex->out_mention_count + 1))
		return EM_ERR_NOMEM;
	out = &ex->out_mentions[ex->out_mention_count++];
	memset(out, 0, sizeof *out);
	out->file = ex->label;
	out->start = ex->base_byte + ex->at_byte[m->start];
	out->end = ex->base_byte + ex->at_byte[m->end - 1] + 1;
	out->char_start = ex->base_char + ex->at_char[m->start];
	out->char_end = ex->base_char + ex->at_char[m->end - 1] + 1;
	out->text = em__pool_strndup(&ex->pool, ex->text + m->start, m->end - m->start);
	out->kind = m->kind;
	out->region = m->region;
	out->rows = em__pool_strdup(&ex->pool, m->rows.text ? m->rows.text : "");
	out->country = c ? c->code : "";
	out->result.status = EM_GEOCODE_UNRESOLVED;
	if (m->kind == EM_MENTION_COUNTRY)
		snprintf(out->result.reason, sizeof out->result.reason, "a country or nationality "
			 "word: read as the country, never as a town");
	else
		snprintf(out->result.reason, sizeof out->result.reason, "too long to be a name");
	if (m->query >= 0) {
		out->result = ex->queries[m->query].result;
		if (out->result.place)
			out->country = out->result.place->country;
	} else if (m->kind == EM_MENTION_UNLISTED) {
		out->result.status = EM_GEOCODE_UNRESOLVED;
		snprintf(out->result.reason, sizeof out->result.reason, "not in the gazetteer; the "
			 "text calls it a place (\"%.*s of ...\")", (int)ex->tokens[m->tok - 2].len,
			 ex->text + ex->tokens[m->tok - 2].start);
	}
	return out->text && out->rows ? EM_OK : EM_ERR_NOMEM;
}

/* The names looked up are remembered up to this size, then forgotten. */
#define LOOKUPS_MAX (16u << 20)

em_status em__extract_block(em_extract *ex, size_t len, em_error *err)
{
	em_status status = em__extract_tokenize(ex, len);

	if (status != EM_OK)
		return em_error_set(err, status, "%s: out of memory", ex->label);
	ex->sentences += ex->sent_count;
	forget_mentions(ex);
	if (em__keymap_bytes(&ex->lookups) > LOOKUPS_MAX)
		em__keymap_clear(&ex->lookups);
	status = em__extract_places(ex, err);
	if (status != EM_OK)
		return status;
	main_country(ex);
	em__extract_keep_named(ex);
	if (em__extract_dates(ex) != EM_OK || em__extract_sources(ex) != EM_OK ||
	    em__extract_figures(ex) != EM_OK)
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", ex->label);
	em__extract_totals(ex);
	status = em__extract_rows(ex, err);
	if (status == EM_OK)
		status = em__extract_events(ex, err);
	if (status == EM_OK)
		status = em__extract_flows(ex, err);
	for (size_t m = 0; m < ex->mention_count && status == EM_OK; m++)
		if (publish_mention(ex, &ex->mentions[m]) != EM_OK)
			status = em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", ex->label);
	forget_mentions(ex);
	return status;
}

size_t em_extract_row_count(const em_extract *ex)
{
	return ex->row_count;
}

const em_extract_row *em_extract_row_at(const em_extract *ex, size_t index)
{
	return index < ex->row_count ? &ex->rows[index] : NULL;
}

size_t em_extract_mention_count(const em_extract *ex)
{
	return ex->out_mention_count;
}

const em_extract_mention *em_extract_mention_at(const em_extract *ex, size_t index)
{
	return index < ex->out_mention_count ? &ex->out_mentions[index] : NULL;
}

void em_extract_drain(em_extract *ex)
{
	ex->row_count = ex->out_mention_count = 0;
	em__pool_clear(&ex->pool);
}

size_t em_extract_bytes(const em_extract *ex)
{
	return ex->in_bytes;
}

size_t em_extract_sentences(const em_extract *ex)
{
	return ex->sentences;
}

bool em_extract_is_html(const em_extract *ex)
{
	return ex->html;
}

const char *em_figure_kind_name(em_figure_kind kind)
{
	static const char *const names[] = {"event", "deaths", "wounded", "detained", "displaced"};

	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "event";
}

const char *em_mention_kind_name(em_mention_kind kind)
{
	static const char *const names[] = {"place", "country", "unlisted"};

	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "place";
}
