/* Tests of eventmap extract's rules on the real default gazetteer, one
 * rule per case, each on sentences written for it: numbers in words and
 * vague counts, qualifiers, categories, attribution, days read against
 * the publication date, country words, people's names, places the
 * gazetteer lacks, totals and their breakdowns, events, flights, HTML,
 * byte offsets across blocks, and input that is not text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eventmap/extract.h"
#include "../support/default_data.h"

#define LATAKIA "173576"
#define JABLEH "169304"
#define BANIYAS "171830"
#define AKKAR "eventmap:akkar-governorate"
#define HMEIMIM "eventmap:hmeimim-air-base"

/* Extracts text (published on date, "" for none) and keeps everything
 * found: the extractor is the caller's to destroy. */
static em_extract *extract_as(const char *text, const char *date, em_extract_format format)
{
	em_extract_options options = {0};
	em_extract *ex = NULL;
	em_error err;

	em_error_clear(&err);
	em_geocode_options_init(&options.geocode);
	options.outlet = "Test Wire";
	if (date[0])
		assert_true(em_date_parse(&options.date, date)), options.has_date = true;
	assert_int_equal(em_extract_create(&ex, em_test_levant(), &options, &err), EM_OK);
	assert_int_equal(em_extract_begin(ex, "article.txt", format, &err), EM_OK);
	assert_int_equal(em_extract_feed(ex, text, strlen(text), &err), EM_OK);
	if (em_extract_end(ex, &err) != EM_OK)
		fail_msg("%s", err.message);
	return ex;
}

static em_extract *extract(const char *text, const char *date)
{
	return extract_as(text, date, EM_EXTRACT_AUTO);
}

/* The only row of a kind, failing when there are none or several. */
static const em_extract_row *only(const em_extract *ex, em_figure_kind kind, bool flow)
{
	const em_extract_row *found = NULL;

	for (size_t i = 0; i < em_extract_row_count(ex); i++) {
		const em_extract_row *r = em_extract_row_at(ex, i);
		if (r->kind == kind && r->flow == flow) {
			if (found)
				fail_msg("two %s rows: %s and %s", em_figure_kind_name(kind), found->id,
					 r->id);
			found = r;
		}
	}
	if (!found)
		fail_msg("no %s row", em_figure_kind_name(kind));
	return found;
}

static size_t count_kind(const em_extract *ex, em_figure_kind kind, bool flow)
{
	size_t n = 0;

	for (size_t i = 0; i < em_extract_row_count(ex); i++)
		n += em_extract_row_at(ex, i)->kind == kind && em_extract_row_at(ex, i)->flow == flow;
	return n;
}

static const em_extract_row *row_with_figure(const em_extract *ex, long long figure)
{
	for (size_t i = 0; i < em_extract_row_count(ex); i++)
		if (em_extract_row_at(ex, i)->has_figure && em_extract_row_at(ex, i)->figure == figure)
			return em_extract_row_at(ex, i);
	fail_msg("no row with the figure %lld", figure);
	return NULL;
}

static const em_extract_mention *mention(const em_extract *ex, const char *text)
{
	for (size_t i = 0; i < em_extract_mention_count(ex); i++)
		if (strcmp(em_extract_mention_at(ex, i)->text, text) == 0)
			return em_extract_mention_at(ex, i);
	return NULL;
}

static void assert_day(const em_extract_row *r, const char *first, const char *last)
{
	char a[16], b[16];

	assert_true(r->has_date);
	em_date_format(a, sizeof a, r->date);
	em_date_format(b, sizeof b, r->date_end);
	assert_string_equal(a, first);
	assert_string_equal(b, last);
}

static void test_numbers__words_and_vague_counts(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("Forty people were killed in Jableh. Twenty-five were wounded in Latakia. "
		     "Two hundred and fifty people were detained in Baniyas. Dozens of people "
		     "were killed in Qardaha. One of the deadliest days in years.", "");
	assert_int_equal(row_with_figure(ex, 40)->kind, EM_FIGURE_DEATHS);
	assert_int_equal(row_with_figure(ex, 25)->kind, EM_FIGURE_WOUNDED);
	assert_int_equal(row_with_figure(ex, 250)->kind, EM_FIGURE_DETAINED);
	/* ACLED's convention: "dozens" is at least 12. */
	assert_int_equal(row_with_figure(ex, 12)->qualifier, EM_QUALIFIER_AT_LEAST);
	assert_int_equal(em_extract_row_count(ex), 4); /* "One of the deadliest" is no figure */
	em_extract_destroy(ex);
}

static void test_numbers__not_counts_of_people(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("The conflict began 14 years ago and 10 percent of Latakia was hit. "
		     "The clashes of 2011 killed none in Jableh. Between 1 and 4 May, shelling "
		     "hit Baniyas around 30 times.", "2025-05-06");
	assert_int_equal(count_kind(ex, EM_FIGURE_DEATHS, false), 0);
	assert_int_equal(count_kind(ex, EM_FIGURE_DETAINED, false), 0);
	em_extract_destroy(ex);
}

static void test_qualifiers(void **state)
{
	static const struct {
		const char *text;
		long long figure;
		em_qualifier qualifier;
	} cases[] = {
		{"More than 600 people were killed in Latakia.", 600, EM_QUALIFIER_MORE_THAN},
		{"At least 383 people were killed in Latakia.", 383, EM_QUALIFIER_AT_LEAST},
		{"About 750 civilians were killed in Latakia.", 750, EM_QUALIFIER_ABOUT},
		{"Almost 750 civilians were killed in Latakia.", 750, EM_QUALIFIER_ABOUT},
		{"Nearly thirty people were killed in Latakia.", 30, EM_QUALIFIER_ABOUT},
		{"The toll in Latakia has crossed 600.", 600, EM_QUALIFIER_MORE_THAN},
		{"Up to 40 people were killed in Latakia.", 40, EM_QUALIFIER_UP_TO},
		{"No fewer than 12 people were killed in Latakia.", 12, EM_QUALIFIER_AT_LEAST},
		{"Twenty people were killed in Latakia.", 20, EM_QUALIFIER_EXACT},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		em_extract *ex = extract(cases[i].text, "");
		const em_extract_row *r = only(ex, EM_FIGURE_DEATHS, false);
		assert_int_equal(r->figure, cases[i].figure);
		if (r->qualifier != cases[i].qualifier)
			fail_msg("\"%s\": qualifier %s", cases[i].text, em_qualifier_name(r->qualifier));
		em_extract_destroy(ex);
	}
}

static void test_categories(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("The toll in Latakia includes 125 members of the security forces and 148 "
		     "militants loyal to Bashar al-Assad, while 745 civilians were killed.", "");
	assert_int_equal(row_with_figure(ex, 125)->category, EM_CATEGORY_SECURITY_FORCES);
	assert_int_equal(row_with_figure(ex, 148)->category, EM_CATEGORY_PRO_ASSAD_FIGHTERS);
	assert_int_equal(row_with_figure(ex, 745)->category, EM_CATEGORY_CIVILIANS);
	em_extract_destroy(ex);
}

static void test_attribution(void **state)
{
	static const struct {
		const char *text, *source;
	} cases[] = {
		{"Twenty people were killed in Latakia, according to the Syrian Observatory for "
		 "Human Rights.", "SOHR"},
		{"The SNHR said 383 people were killed in Latakia.", "SNHR"},
		{"Over 6,000 Syrians have fled to Akkar, the UN refugee agency reported.", "UNHCR"},
		{"Ali Sheha, a resident who fled Baniyas, reported that 20 people were killed.",
		 "Ali Sheha (resident)"},
		{"Twenty people were killed in Latakia.", "unattributed"},
		{"The Syrian Observatory for Human Rights counted the dead. The monitor said 40 "
		 "people were killed in Jableh.", "SOHR"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		em_extract *ex = extract(cases[i].text, "");
		const em_extract_row *r = em_extract_row_at(ex, 0);
		assert_non_null(r);
		if (strcmp(r->source, cases[i].source) != 0)
			fail_msg("\"%s\": source \"%s\", not \"%s\"", cases[i].text, r->source,
				 cases[i].source);
		em_extract_destroy(ex);
	}
}

static void test_dates__weekdays_against_the_publication_date(void **state)
{
	em_extract *ex;

	(void)state;
	/* Published Saturday 8 March 2025. */
	ex = extract("Forty people were killed in Jableh on Friday. Twelve were wounded in "
		     "Latakia the next day. Thirty were detained in Baniyas on Saturday morning. "
		     "From Thursday to Monday, 779 people were killed in Qardaha, the SNHR said.",
		     "2025-03-08");
	assert_day(row_with_figure(ex, 40), "2025-03-07", "2025-03-07");
	assert_day(row_with_figure(ex, 12), "2025-03-08", "2025-03-08");
	assert_day(row_with_figure(ex, 30), "2025-03-08", "2025-03-08");
	assert_day(row_with_figure(ex, 779), "2025-02-27", "2025-03-03"); /* the Monday before */
	assert_non_null(strstr(row_with_figure(ex, 40)->notes, "Friday read against the "
								"publication date"));
	em_extract_destroy(ex);
	/* Tuesday 11 March: Thursday to Monday is 6 to 10 March. */
	ex = extract("From Thursday to Monday, 779 people were killed in Qardaha.", "2025-03-11");
	assert_day(row_with_figure(ex, 779), "2025-03-06", "2025-03-10");
	em_extract_destroy(ex);
}

static void test_dates__written_and_undated(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("Between 1 and 4 May, 87 people were killed in Jableh. On 3 May, 17 men "
		     "were detained in Baniyas.", "2025-05-06");
	assert_day(row_with_figure(ex, 87), "2025-05-01", "2025-05-04");
	assert_day(row_with_figure(ex, 17), "2025-05-03", "2025-05-03");
	em_extract_destroy(ex);
	/* No publication date: a weekday cannot be read, and the row says so. */
	ex = extract("Forty people were killed in Jableh on Friday.", "");
	assert_false(only(ex, EM_FIGURE_DEATHS, false)->has_date);
	assert_non_null(strstr(only(ex, EM_FIGURE_DEATHS, false)->notes, "no publication date"));
	em_extract_destroy(ex);
}

static void test_places__country_words_are_countries(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("The Britain-based monitor said Russian, Lebanese and Turkish officials met "
		     "in Syria. Syrian forces entered Latakia. Jordan and Iraq closed borders.",
		     "");
	for (size_t i = 0; i < em_extract_mention_count(ex); i++) {
		const em_extract_mention *m = em_extract_mention_at(ex, i);
		if (strcmp(m->text, "Latakia") == 0)
			assert_int_equal(m->kind, EM_MENTION_PLACE);
		else if (m->kind != EM_MENTION_COUNTRY)
			fail_msg("\"%s\" read as a %s", m->text, em_mention_kind_name(m->kind));
	}
	assert_string_equal(mention(ex, "Britain")->country, "GB");
	assert_string_equal(mention(ex, "Jordan")->country, "JO");
	assert_string_equal(mention(ex, "Syria")->country, "SY");
	em_extract_destroy(ex);
}

static void test_places__people_are_not_places(void **state)
{
	em_extract *ex;

	(void)state;
	/* Kassab is a village near Latakia, and here a doctor. */
	ex = extract("\"We have no beds,\" said Nabil Kassab, a doctor in Latakia. Kassab said "
		     "60 people were wounded. President Ahmed al-Sharaa spoke in Damascus; "
		     "Sharaa said calm would return.", "");
	assert_null(mention(ex, "Kassab"));
	assert_null(mention(ex, "Nabil Kassab"));
	assert_null(mention(ex, "Sharaa"));
	assert_string_equal(mention(ex, "Latakia")->result.place->id, LATAKIA);
	em_extract_destroy(ex);
}

static void test_places__unlisted_village(void **state)
{
	em_extract *ex;
	const em_extract_mention *m;

	(void)state;
	ex = extract("In the central village of Tuwaym, a mass burial was held for 13 victims "
		     "killed in revenge attacks.", "");
	m = mention(ex, "Tuwaym");
	assert_non_null(m);
	assert_int_equal(m->kind, EM_MENTION_UNLISTED);
	assert_int_equal(m->result.status, EM_GEOCODE_UNRESOLVED);
	assert_null(m->result.place);
	/* The row keeps the name; nothing is guessed for it. */
	assert_string_equal(row_with_figure(ex, 13)->location, "Tuwaym");
	assert_string_equal(row_with_figure(ex, 13)->place_id, "");
	assert_string_equal(m->rows, row_with_figure(ex, 13)->id);
	em_extract_destroy(ex);
}

static void test_places__spellings_and_context(void **state)
{
	em_extract *ex;

	(void)state;
	/* Banias is also a site in the Golan: the coast decides. */
	ex = extract("Forces deployed in Latakia, Banias, Tartous and Jableh.", "2025-03-10");
	assert_string_equal(mention(ex, "Banias")->result.place->id, BANIYAS);
	assert_string_equal(mention(ex, "Jableh")->result.place->id, JABLEH);
	assert_int_equal(count_kind(ex, EM_FIGURE_EVENT, false), 4); /* one per place */
	em_extract_destroy(ex);
	ex = extract("Clashes broke out in جبلة and اللاذقية on Friday.", "2025-03-08");
	assert_string_equal(mention(ex, "جبلة")->result.place->id, JABLEH);
	assert_string_equal(mention(ex, "اللاذقية")->result.place->id, LATAKIA);
	em_extract_destroy(ex);
}

static void test_totals__breakdown_never_added(void **state)
{
	em_extract *ex;
	const em_extract_row *total;

	(void)state;
	ex = extract("Clashes on the coast have killed over 1,000 people, the SOHR said. The SOHR "
		     "said 745 civilians were killed. The death toll also includes 125 members of "
		     "the security forces and 148 militants loyal to Assad.", "");
	total = row_with_figure(ex, 1000);
	assert_int_equal(total->role, EM_ROLE_TOTAL);
	assert_int_equal(total->category, EM_CATEGORY_UNKNOWN);
	for (long long part = 0; part < 3; part++) {
		const em_extract_row *r = row_with_figure(ex, (long long[]){745, 125, 148}[part]);
		assert_int_equal(r->role, EM_ROLE_PART);
		assert_string_equal(r->part_of, total->id);
	}
	em_extract_destroy(ex);
}

static void test_totals__nested_and_included(void **state)
{
	em_extract *ex;

	(void)state;
	/* 779 = 383 + 396, and 383 = 172 + 211 ("This number included"). */
	ex = extract("Approximately 779 individuals were reported killed, according to the SNHR. "
		     "The SNHR indicated that at least 383 fatalities occurred at the hands of "
		     "pro-Assad forces. This number included 172 members of the General Security "
		     "Forces and 211 civilians. Government forces accounted for at least 396 deaths, "
		     "as per the SNHR.", "");
	assert_string_equal(row_with_figure(ex, 383)->part_of, row_with_figure(ex, 779)->id);
	assert_string_equal(row_with_figure(ex, 396)->part_of, row_with_figure(ex, 779)->id);
	assert_string_equal(row_with_figure(ex, 172)->part_of, row_with_figure(ex, 383)->id);
	assert_string_equal(row_with_figure(ex, 211)->part_of, row_with_figure(ex, 383)->id);
	assert_string_equal(row_with_figure(ex, 779)->part_of, "");
	em_extract_destroy(ex);
}

static void test_totals__separate_places_are_no_breakdown(void **state)
{
	em_extract *ex;

	(void)state;
	/* 12 = 5 + 7, but in other towns: three figures, none part of another. */
	ex = extract("Twelve people were killed in Latakia. Five people were killed in Jableh. "
		     "Seven people were killed in Baniyas.", "");
	for (size_t i = 0; i < em_extract_row_count(ex); i++) {
		assert_int_equal(em_extract_row_at(ex, i)->role, EM_ROLE_NONE);
		assert_string_equal(em_extract_row_at(ex, i)->part_of, "");
	}
	assert_int_equal(count_kind(ex, EM_FIGURE_DEATHS, false), 3);
	em_extract_destroy(ex);
}

static void test_events__types_and_places(void **state)
{
	static const struct {
		const char *text, *type, *sub;
	} cases[] = {
		{"Gunmen clashed with security forces in Jableh on Friday.", "Battles", "Armed clash"},
		{"Government forces shelled villages near Jableh on Friday.",
		 "Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"Demonstrators protested in Latakia on Tuesday.", "Protests", "Peaceful protest"},
		{"The army deployed reinforcements to Latakia on Monday.", "Strategic developments",
		 "Change to group/activity"},
		{"A funeral was held in Jableh on Sunday.", "Strategic developments", "Other"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		em_extract *ex = extract(cases[i].text, "2025-03-11");
		const em_extract_row *r = only(ex, EM_FIGURE_EVENT, false);
		assert_string_equal(r->event_type, cases[i].type);
		assert_string_equal(r->sub_event_type, cases[i].sub);
		assert_int_equal(r->scope, EM_SCOPE_PLACE);
		assert_false(r->has_figure);
		em_extract_destroy(ex);
	}
}

static void test_events__a_place_merely_named_is_not_the_place(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("The escalating clashes have posed a major challenge facing the new "
		     "government in Damascus, the monitor said.", "");
	assert_int_equal(only(ex, EM_FIGURE_EVENT, false)->scope, EM_SCOPE_REGION);
	em_extract_destroy(ex);
}

static void test_flows(void **state)
{
	em_extract *ex;
	const em_extract_row *f;

	(void)state;
	ex = extract("The UN refugee agency reported that over 6,000 Syrians have fled to northern "
		     "Lebanon's Akkar province. Residents said many fled towards the Russian "
		     "military base of Hmeimim. Thousands fled from Syria to Lebanon.", "");
	assert_int_equal(count_kind(ex, EM_FIGURE_DISPLACED, true), 2);
	f = row_with_figure(ex, 6000);
	assert_true(f->flow);
	assert_string_equal(f->destination, "Akkar");
	assert_string_equal(f->place_id, AKKAR);
	assert_string_equal(f->source, "UNHCR");
	assert_int_equal(f->qualifier, EM_QUALIFIER_MORE_THAN);
	for (size_t i = 0; i < em_extract_row_count(ex); i++) {
		const em_extract_row *r = em_extract_row_at(ex, i);
		if (r->flow && r != f) {
			assert_string_equal(r->place_id, HMEIMIM);
			assert_false(r->has_figure); /* "many" is not counted */
		}
		/* A flight to a country only is not an arrow. */
		assert_false(r->flow && strcmp(r->destination, "Lebanon") == 0);
	}
	em_extract_destroy(ex);
}

static void test_html__text_only_and_offsets_in_the_file(void **state)
{
	static const char page[] =
		"<!DOCTYPE html><html><head><title>99 killed in Latakia</title>"
		"<script>var s = '<p>40 people were killed in Latakia</p>';</script>"
		"<style>p { color: red }</style></head><body>"
		"<p>Forty people were killed in Jableh&rsquo;s old town&nbsp;on Friday, the "
		"monitor&#8217;s staff said.</p><!-- 77 killed in Baniyas -->"
		"<p>A &quot;funeral&quot; was held.</p></body></html>";
	em_extract *ex;
	const em_extract_row *r;

	(void)state;
	ex = extract_as(page, "2025-03-08", EM_EXTRACT_AUTO);
	assert_true(em_extract_is_html(ex));
	assert_int_equal(count_kind(ex, EM_FIGURE_DEATHS, false), 1);
	r = only(ex, EM_FIGURE_DEATHS, false);
	assert_int_equal(r->figure, 40);
	assert_string_equal(r->place_id, JABLEH);
	/* The evidence is the sentence as the file has it, markup and all. */
	assert_memory_equal(page + r->start, "Forty people", 12);
	assert_memory_equal(page + r->end - 5, "said.", 5);
	assert_non_null(strstr(r->quote, "Jableh\xE2\x80\x99s old town on Friday"));
	assert_null(mention(ex, "Latakia"));
	assert_null(mention(ex, "Baniyas"));
	em_extract_destroy(ex);
}

static void test_offsets__characters_and_bytes(void **state)
{
	em_extract *ex;
	const em_extract_mention *m;

	(void)state;
	ex = extract("Clashes in جبلة on Friday killed 12 people.", "2025-03-08");
	m = mention(ex, "جبلة");
	assert_non_null(m);
	assert_int_equal(m->start, 11);
	assert_int_equal(m->end, 19);
	assert_int_equal(m->char_start, 11);
	assert_int_equal(m->char_end, 15);
	em_extract_destroy(ex);
}

/* A long text read in small pieces, across many blocks: every row's byte
 * range is its sentence in the text, and each figure comes back once. */
static void test_stream__blocks_and_drains(void **state)
{
	enum { PARAGRAPHS = 25000 };
	size_t cap = (size_t)PARAGRAPHS * 80, len = 0, rows = 0, mentions = 0;
	char *text = malloc(cap);
	em_extract_options options = {0};
	em_extract *ex = NULL;
	em_error err;

	(void)state;
	assert_non_null(text);
	for (int i = 1; i <= PARAGRAPHS; i++)
		len += (size_t)snprintf(text + len, cap - len, "On Friday, %d people were killed "
					"in Jableh.\n\n", i + 3000);
	assert_true(len > 2 * EM_EXTRACT_BLOCK_MAX);
	em_error_clear(&err);
	em_geocode_options_init(&options.geocode);
	assert_int_equal(em_extract_create(&ex, em_test_levant(), &options, &err), EM_OK);
	assert_int_equal(em_extract_begin(ex, "long.txt", EM_EXTRACT_TEXT, &err), EM_OK);
	for (size_t at = 0;; at += 4093) {
		size_t n = at >= len ? 0 : len - at < 4093 ? len - at : 4093;
		if (n > 0)
			assert_int_equal(em_extract_feed(ex, text + at, n, &err), EM_OK);
		else
			assert_int_equal(em_extract_end(ex, &err), EM_OK);
		for (size_t i = 0; i < em_extract_row_count(ex); i++) {
			const em_extract_row *r = em_extract_row_at(ex, i);
			char want[64];
			snprintf(want, sizeof want, "On Friday, %lld people were killed in Jableh.",
				 r->figure);
			assert_int_equal(r->end - r->start, strlen(want));
			assert_memory_equal(text + r->start, want, strlen(want));
			assert_int_equal(r->figure, (long long)rows + 3001); /* not 1900-2100: years */
			rows++;
		}
		mentions += em_extract_mention_count(ex);
		em_extract_drain(ex);
		if (n == 0)
			break;
	}
	assert_int_equal(rows, PARAGRAPHS);
	assert_int_equal(mentions, PARAGRAPHS);
	em_extract_destroy(ex);
	free(text);
}

static void expect_refused(const char *bytes, size_t len, const char *needle)
{
	em_extract_options options = {0};
	em_extract *ex = NULL;
	em_error err;
	em_status status;

	em_error_clear(&err);
	em_geocode_options_init(&options.geocode);
	assert_int_equal(em_extract_create(&ex, em_test_levant(), &options, &err), EM_OK);
	assert_int_equal(em_extract_begin(ex, "input.bin", EM_EXTRACT_AUTO, &err), EM_OK);
	status = em_extract_feed(ex, bytes, len, &err);
	if (status == EM_OK)
		status = em_extract_end(ex, &err);
	assert_int_equal(status, EM_ERR_INVALID);
	if (!strstr(err.message, needle))
		fail_msg("\"%s\" does not say \"%s\"", err.message, needle);
	assert_non_null(strstr(err.message, "input.bin"));
	em_extract_destroy(ex);
}

static void test_input__not_text_is_refused(void **state)
{
	(void)state;
	expect_refused("Forty\0 people", 13, "byte 5: a NUL byte");
	expect_refused("Forty \xff people", 13, "byte 6: not UTF-8");
	expect_refused("Forty \xd8", 7, "ends inside a character");
	expect_refused("", 0, "the file is empty");
	expect_refused("  \n\n\t ", 6, "no text to read");
	expect_refused("<html><body><p></p><script>x = 1;</script></body></html>", 56,
		       "only spaces and markup");
}

/* ---- What a new user's own articles showed ---- */

static const em_extract_row *row_at(const em_extract *ex, const char *location, em_figure_kind kind)
{
	for (size_t i = 0; i < em_extract_row_count(ex); i++) {
		const em_extract_row *r = em_extract_row_at(ex, i);
		if (r->kind == kind && !r->flow && strcmp(r->location, location) == 0)
			return r;
	}
	fail_msg("no %s row at %s", em_figure_kind_name(kind), location);
	return NULL;
}

static void test_trial__speakers_somewhere_are_places(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("Residents of Baniyas said 30 people were killed on Friday. A doctor in Jableh "
		     "said 12 people had been wounded.", "2025-03-10");
	assert_string_equal(row_at(ex, "Baniyas", EM_FIGURE_DEATHS)->place_id, BANIYAS);
	assert_string_equal(row_at(ex, "Jableh", EM_FIGURE_WOUNDED)->source, "A doctor in Jableh");
	em_extract_destroy(ex);
}

static void test_trial__killed_and_wounded_in_one_sentence(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("In Aleppo, a car bomb exploded near a checkpoint, killing four members of the "
		     "security forces and wounding 15 civilians, according to SANA. Elsewhere a strike "
		     "killed 34 people, including two children, and wounded 117, officials said.", "");
	assert_int_equal(row_with_figure(ex, 4)->kind, EM_FIGURE_DEATHS);
	assert_int_equal(row_with_figure(ex, 4)->category, EM_CATEGORY_SECURITY_FORCES);
	assert_int_equal(row_with_figure(ex, 15)->kind, EM_FIGURE_WOUNDED);
	assert_int_equal(row_with_figure(ex, 15)->category, EM_CATEGORY_CIVILIANS);
	assert_int_equal(row_with_figure(ex, 2)->kind, EM_FIGURE_DEATHS);
	assert_string_equal(row_with_figure(ex, 2)->part_of, row_with_figure(ex, 34)->id);
	assert_int_equal(row_with_figure(ex, 117)->kind, EM_FIGURE_WOUNDED);
	em_extract_destroy(ex);
}

static void test_trial__each_figure_its_own_place(void **state)
{
	em_extract *ex;

	(void)state;
	ex = extract("Gunmen killed 5 people in Jableh and 3 in Baniyas on Friday. Airstrikes killed "
		     "9 civilians in the town of Sarmin in Idlib province. A drone strike near an "
		     "unnamed village killed two people, while another strike in Latakia wounded eight.",
		     "2025-03-10");
	assert_string_equal(row_with_figure(ex, 5)->place_id, JABLEH);
	assert_string_equal(row_with_figure(ex, 3)->place_id, BANIYAS);
	assert_string_equal(row_with_figure(ex, 8)->place_id, LATAKIA); /* "wounded eight" */
	assert_int_equal(row_with_figure(ex, 9)->scope, EM_SCOPE_PLACE);
	assert_string_equal(row_with_figure(ex, 9)->location, "Sarmin");
	/* The two dead are in the other clause: not at Latakia. */
	assert_int_equal(row_with_figure(ex, 2)->scope, EM_SCOPE_REGION);
	em_extract_destroy(ex);
}

static void test_trial__flights_counted_and_refused(void **state)
{
	em_extract *ex;
	const em_extract_row *f;

	(void)state;
	ex = extract("At least 350 families were displaced from Baniyas to the mountains, and more "
		     "than 1,200 people fled to Tripoli in northern Lebanon. No one fled to Latakia, the "
		     "governor said. Thousands of Syrians fleeing violence crossed into the Akkar "
		     "region.", "");
	f = row_with_figure(ex, 1200);
	assert_true(f->flow);
	assert_string_equal(f->destination, "Tripoli");
	assert_int_equal(f->qualifier, EM_QUALIFIER_MORE_THAN);
	assert_string_not_equal(f->origin, "Baniyas");
	assert_false(row_with_figure(ex, 350)->flow); /* families: not people */
	assert_string_equal(row_with_figure(ex, 1000)->origin, "Syria");
	for (size_t i = 0; i < em_extract_row_count(ex); i++)
		assert_false(em_extract_row_at(ex, i)->flow &&
			     strcmp(em_extract_row_at(ex, i)->destination, "Latakia") == 0);
	em_extract_destroy(ex);
}

static void test_trial__elsewhere_is_not_placed_here(void **state)
{
	em_extract *ex;

	(void)state;
	/* Sudan: the gazetteer has no places there; Adre is not Idri in Libya. */
	ex = extract("PORT SUDAN, Sudan (Reuters) - Thousands more crossed into Chad, arriving in "
		     "Adre, the IOM said. Saudi Arabia condemned the killings.", "");
	assert_null(mention(ex, "Adre")->result.place);
	assert_null(mention(ex, "PORT SUDAN"));
	assert_int_equal(mention(ex, "Arabia")->kind, EM_MENTION_COUNTRY);
	assert_int_equal(mention(ex, "Chad")->kind, EM_MENTION_COUNTRY);
	em_extract_destroy(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers__words_and_vague_counts),
		cmocka_unit_test(test_numbers__not_counts_of_people),
		cmocka_unit_test(test_qualifiers),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_attribution),
		cmocka_unit_test(test_dates__weekdays_against_the_publication_date),
		cmocka_unit_test(test_dates__written_and_undated),
		cmocka_unit_test(test_places__country_words_are_countries),
		cmocka_unit_test(test_places__people_are_not_places),
		cmocka_unit_test(test_places__unlisted_village),
		cmocka_unit_test(test_places__spellings_and_context),
		cmocka_unit_test(test_totals__breakdown_never_added),
		cmocka_unit_test(test_totals__nested_and_included),
		cmocka_unit_test(test_totals__separate_places_are_no_breakdown),
		cmocka_unit_test(test_events__types_and_places),
		cmocka_unit_test(test_events__a_place_merely_named_is_not_the_place),
		cmocka_unit_test(test_flows),
		cmocka_unit_test(test_html__text_only_and_offsets_in_the_file),
		cmocka_unit_test(test_offsets__characters_and_bytes),
		cmocka_unit_test(test_stream__blocks_and_drains),
		cmocka_unit_test(test_input__not_text_is_refused),
		cmocka_unit_test(test_trial__speakers_somewhere_are_places),
		cmocka_unit_test(test_trial__killed_and_wounded_in_one_sentence),
		cmocka_unit_test(test_trial__each_figure_its_own_place),
		cmocka_unit_test(test_trial__flights_counted_and_refused),
		cmocka_unit_test(test_trial__elsewhere_is_not_placed_here),
	};

	return cmocka_run_group_tests(tests, em_test_load_levant, em_test_free_levant);
}
