/* The day each sentence speaks of.  Dates as written ("7 March", "March
 * 7, 2025", "2025-03-07", "between 1 and 4 May") are read as they are,
 * the year from the publication date when none is given; weekdays
 * ("on Friday", "Saturday morning", "last Friday") are the latest such
 * day on or before the publication date; "the following Monday" and "the
 * next day" count from the last day the text named; "today" and
 * "yesterday" from the publication date.  "From Thursday to Monday" is a
 * span, and "as of Sunday" the end of one.  Every reading is written down;
 * without a publication date a weekday stays unread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

static int weekday(em_date d)
{
	return (int)(((d % 7) + 11) % 7);
}

static const char *const day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					"Thursday", "Friday", "Saturday"};
static const char *const month_names[] = {"January", "February", "March", "April", "May",
					  "June", "July", "August", "September", "October",
					  "November", "December"};

void em__extract_format_day(char *out, size_t size, em_date date)
{
	int y, m, d;

	em_date_split(date, &y, &m, &d);
	snprintf(out, size, "%s %d %s %d", day_names[weekday(date)], d,
		 month_names[(m - 1) % 12], y);
}

static bool make_date(em_date *out, int y, int m, int d)
{
	char text[16];

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
	return em_date_parse(out, text);
}

typedef struct reader {
	em_extract *ex;
	const em__token *t;  /* the sentence's tokens */
	uint32_t n, i;
	em__date_ref *ref;
} reader;

static bool word_at(const reader *r, uint32_t i, uint32_t bits)
{
	return i < r->n && r->t[i].kind == TOK_WORD && (r->t[i].bits & bits) &&
	       ((r->t[i].flags & TF_CAP) || !(bits & (L_MONTH | L_WEEKDAY)));
}

static bool is_at(const reader *r, uint32_t i, const char *word)
{
	return i < r->n && em__tok_is(r->ex, &r->t[i], word);
}

static int day_number(const reader *r, uint32_t i)
{
	if (i >= r->n || r->t[i].kind != TOK_NUMBER || r->t[i].len > 2)
		return 0;
	return r->t[i].number >= 1 && r->t[i].number <= 31 ? (int)r->t[i].number : 0;
}

static int year_number(const reader *r, uint32_t i)
{
	if (i >= r->n || r->t[i].kind != TOK_NUMBER || r->t[i].len != 4)
		return 0;
	return (int)r->t[i].number;
}

static void set(reader *r, em_date first, em_date last, const char *reason)
{
	r->ref->has = true;
	r->ref->first = first < last ? first : last;
	r->ref->last = first < last ? last : first;
	r->ref->reason = reason;
	r->ex->last_date = r->ref->last;
	r->ex->has_last_date = true;
	if (!r->ex->has_window || r->ref->first < r->ex->window_first)
		r->ex->window_first = r->ref->first;
	r->ex->has_window = true;
}

/* A year for a day and month given without one: the publication year, or
 * the year before when that would fall after publication. */
static bool year_for(const reader *r, int m, int d, em_date *out)
{
	int y, pm, pd;

	if (!r->ex->options.has_date)
		return false;
	em_date_split(r->ex->options.date, &y, &pm, &pd);
	if (!make_date(out, y, m, d))
		return false;
	return *out <= r->ex->options.date || make_date(out, y - 1, m, d);
}

static const char *describe(em_extract *ex, const char *what, em_date first, em_date last)
{
	char a[48], b[48];

	em__extract_format_day(a, sizeof a, first);
	if (first == last)
		return em__extract_strf(ex, "%s: %s", what, a);
	em__extract_format_day(b, sizeof b, last);
	return em__extract_strf(ex, "%s: %s to %s", what, a, b);
}

/* "7 March [2025]", "March 7[, 2025]", "1 and 4 May", "1-4 May"; at i. */
static bool explicit_date(reader *r, uint32_t i)
{
	int d = day_number(r, i), d0 = 0, m = 0, y = 0;
	uint32_t after = i;
	em_date first, last;

	if (d && word_at(r, i + 1, L_MONTH)) {
		m = r->t[i + 1].value;
		after = i + 2;
		if (i >= 2 && day_number(r, i - 2) && (is_at(r, i - 1, "and") || is_at(r, i - 1, "to") ||
						      r->t[i - 1].kind == TOK_PUNCT))
			d0 = day_number(r, i - 2);
	} else if (word_at(r, i, L_MONTH) && day_number(r, i + 1)) {
		m = r->t[i].value;
		d = day_number(r, i + 1);
		after = i + 2;
		if (after < r->n && r->t[after].kind == TOK_PUNCT && year_number(r, after + 1))
			after++;
	} else {
		return false;
	}
	y = year_number(r, after);
	if (y ? !make_date(&last, y, m, d) : !year_for(r, m, d, &last)) {
		r->ref->reason = em__extract_strf(r->ex, "a day of the month is given without "
						  "the year and there is no publication date");
		return true;
	}
	first = last;
	if (d0 && d0 < d)
		first = last - (d - d0);
	set(r, first, last, describe(r->ex, y ? "as written" : "as written, in the publication "
				     "year", first, last));
	return true;
}

/* 2025-03-07 at i. */
static bool iso_date(reader *r, uint32_t i)
{
	int y = year_number(r, i);
	em_date d;

	if (!y || i + 4 >= r->n || r->t[i + 2].kind != TOK_NUMBER || r->t[i + 4].kind != TOK_NUMBER ||
	    r->ex->text[r->t[i + 1].start] != '-' || r->ex->text[r->t[i + 3].start] != '-' ||
	    !make_date(&d, y, (int)r->t[i + 2].number, (int)r->t[i + 4].number))
		return false;
	set(r, d, d, describe(r->ex, "as written", d, d));
	return true;
}

/* The latest day of this weekday on or before pub (before it, for "last"). */
static em_date latest(em_date pub, int day, bool strictly)
{
	em_date d = pub - (strictly ? 1 : 0);

	while (weekday(d) != day)
		d--;
	return d;
}

static em_date next_after(em_date from, int day)
{
	em_date d = from + 1;

	while (weekday(d) != day)
		d++;
	return d;
}

/* A weekday at i, with "following"/"next"/"last" before it, and a second
 * one after "to", "until" or "and" making a span. */
static bool weekday_date(reader *r, uint32_t i)
{
	em_extract *ex = r->ex;
	bool following = i > 0 && (is_at(r, i - 1, "following") || is_at(r, i - 1, "next"));
	bool last_word = i > 0 && is_at(r, i - 1, "last");
	char pub[48];
	em_date first, end;

	if (!word_at(r, i, L_WEEKDAY))
		return false;
	if (following && ex->has_last_date) {
		first = next_after(ex->last_date, r->t[i].value);
		set(r, first, first, describe(ex, "the day after the last day the text named",
					      first, first));
		return true;
	}
	if (!ex->options.has_date) {
		r->ref->reason = em__extract_strf(ex, "%s: no publication date (--date) to read it "
						  "against", day_names[r->t[i].value]);
		ex->has_last_date = false; /* "the next day" after it cannot be read either */
		return true;
	}
	em__extract_format_day(pub, sizeof pub, ex->options.date);
	first = end = latest(ex->options.date, r->t[i].value, last_word);
	if ((is_at(r, i + 1, "to") || is_at(r, i + 1, "until") || is_at(r, i + 1, "and") ||
	     is_at(r, i + 1, "through")) && word_at(r, i + 2, L_WEEKDAY)) {
		end = latest(ex->options.date, r->t[i + 2].value, false);
		if (end < first)
			first -= 7;
	}
	set(r, first, end, describe(ex, em__extract_strf(ex, "%s read against the publication "
							 "date, %s", day_names[r->t[i].value],
							 pub), first, end));
	return true;
}

/* today, yesterday; the next day, the following day, the day before. */
static bool relative_date(reader *r, uint32_t i)
{
	em_extract *ex = r->ex;
	em_date d;

	if (word_at(r, i, L_RELDAY) && ex->options.has_date && !(r->t[i].bits & L_DAYPART)) {
		d = ex->options.date + (r->t[i].value - 8);
		set(r, d, d, describe(ex, em__extract_strf(ex, "\"%.*s\" from the publication date",
							   (int)r->t[i].len, ex->text + r->t[i].start),
				      d, d));
		return true;
	}
	if (is_at(r, i, "later") && i >= 2 && is_at(r, i - 1, "days") && ex->has_last_date &&
	    r->t[i - 2].value > 0 && r->t[i - 2].value < 31 &&
	    (r->t[i - 2].bits & L_NUMWORD || r->t[i - 2].kind == TOK_NUMBER)) {
		int n = r->t[i - 2].kind == TOK_NUMBER ? (int)r->t[i - 2].number : r->t[i - 2].value;
		d = ex->last_date + n; /* "two days later" */
		set(r, d, d, describe(ex, "counted from the last day the text named", d, d));
		return true;
	}
	if (!is_at(r, i, "day") || i < 1 || !ex->has_last_date)
		return false;
	if (is_at(r, i - 1, "next") || is_at(r, i - 1, "following") ||
	    (is_at(r, i + 1, "later") && (is_at(r, i - 1, "a") || is_at(r, i - 1, "one"))))
		d = ex->last_date + 1;
	else if (is_at(r, i + 1, "before") || is_at(r, i - 1, "previous"))
		d = ex->last_date - 1;
	else if (is_at(r, i - 1, "same"))
		d = ex->last_date;
	else
		return false;
	set(r, d, d, describe(ex, "counted from the last day the text named", d, d));
	return true;
}

/* "as of", "so far", "up to", "until", "by": the day ends a period. */
static bool toll_before(const reader *r, uint32_t i)
{
	for (uint32_t back = 1; back <= 3 && i >= back; back++)
		if (is_at(r, i - back, "until") || is_at(r, i - back, "by") ||
		    (is_at(r, i - back, "of") && i >= back + 1 && is_at(r, i - back - 1, "as")) ||
		    (is_at(r, i - back, "to") && i >= back + 1 && is_at(r, i - back - 1, "up")))
			return true;
	return false;
}

/* "BEIRUT, March 8 (Reuters) -": a dateline says where and when the text
 * was filed, not where or when anything happened.  The tokens it takes at
 * the start of sentence s, or 0. */
uint32_t em__extract_dateline(const em_extract *ex, uint32_t s)
{
	const em__token *t = &ex->tokens[ex->sents[s].tok];
	uint32_t n = ex->sents[s].ntok;

	if (n < 4 || !(t[0].flags & TF_UPPER))
		return 0;
	for (uint32_t i = 1; i < n && i < 10; i++) {
		const char *c = ex->text + t[i].start;
		if (t[i].kind == TOK_PUNCT && (c[0] == '-' || memcmp(c, "\xE2\x80\x93", 3) == 0 ||
					       memcmp(c, "\xE2\x80\x94", 3) == 0))
			return i + 1;
	}
	return 0;
}

/* "since Thursday": from that day to the publication date. */
static void since(reader *r, uint32_t i)
{
	em_extract *ex = r->ex;

	for (uint32_t back = 1; back <= 2 && i >= back; back++)
		if (is_at(r, i - back, "since") && ex->options.has_date &&
		    r->ref->last < ex->options.date) {
			r->ref->last = ex->options.date;
			r->ref->reason = em__extract_strf(ex, "%s; since then, to the publication date",
							  r->ref->reason);
			return;
		}
}

/* "the monitor said on Saturday": the day something was said, which ends
 * what it counted. */
static bool said_on(const reader *r, uint32_t i)
{
	for (uint32_t back = 1; back <= 3 && i >= back; back++) {
		if (r->t[i - back].bits & L_SAY)
			return true;
		if (!(is_at(r, i - back, "on") || is_at(r, i - back, "early") ||
		      is_at(r, i - back, "late") || is_at(r, i - back, "last")))
			return false;
	}
	return false;
}

static void sentence_date(em_extract *ex, em__sentence *st)
{
	reader r = {ex, &ex->tokens[st->tok], st->ntok, 0, &st->date};

	memset(&st->date, 0, sizeof st->date);
	for (uint32_t i = em__extract_dateline(ex, (uint32_t)(st - ex->sents)); i < r.n && !st->date.has;
	     i++) {
		const char *unread = st->date.reason;
		if (explicit_date(&r, i) || iso_date(&r, i) || weekday_date(&r, i) ||
		    relative_date(&r, i)) {
			if (st->date.has) {
				st->date.toll = toll_before(&r, i) || said_on(&r, i);
				since(&r, i);
			}
			else if (unread)
				st->date.reason = unread;
		}
	}
}

em_status em__extract_dates(em_extract *ex)
{
	for (size_t s = 0; s < ex->sent_count; s++)
		sentence_date(ex, &ex->sents[s]);
	return EM_OK;
}
