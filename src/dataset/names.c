/* Dates and the names of the data model's enums, as they are written in
 * reports files and layers. */
#include "eventmap/dataset.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const category_names[] = {"civilians", "security_forces",
					     "pro_assad_fighters", "unknown"};
static const char *const qualifier_names[] = {"exact", "at_least", "more_than", "about",
					      "up_to"};

const char *em_category_name(em_category category)
{
	return category < EM_CATEGORY_COUNT ? category_names[category] : "unknown";
}

const char *em_qualifier_name(em_qualifier qualifier)
{
	return qualifier <= EM_QUALIFIER_UP_TO ? qualifier_names[qualifier] : "exact";
}

const char *em_scope_name(em_scope scope)
{
	return scope == EM_SCOPE_REGION ? "region" : "place";
}

static const char *const event_kind_names[] = {
	"Battles", "Violence against civilians", "Explosions/Remote violence", "Protests",
	"Riots", "Strategic developments", "Other event"};

em_event_kind em_event_kind_of(const char *event_type)
{
	if (event_type == NULL)
		return EM_EVENT_OTHER;
	for (int k = 0; k < EM_EVENT_OTHER; k++)
		if (strcasecmp(event_type, event_kind_names[k]) == 0)
			return (em_event_kind)k;
	/* ACLED wrote "Remote violence" before 2019. */
	if (strcasecmp(event_type, "Explosions") == 0 || strcasecmp(event_type, "Remote violence") == 0)
		return EM_EVENT_EXPLOSIONS;
	return EM_EVENT_OTHER;
}

const char *em_event_kind_key(em_event_kind kind)
{
	static const char *const keys[] = {"battles", "violence_against_civilians", "explosions",
					   "protests", "riots", "strategic_developments", "other"};

	return kind < EM_EVENT_KIND_COUNT ? keys[kind] : keys[EM_EVENT_OTHER];
}

const char *em_event_kind_name(em_event_kind kind)
{
	return kind < EM_EVENT_KIND_COUNT ? event_kind_names[kind] : event_kind_names[EM_EVENT_OTHER];
}

const char *em_state_name(em_state state)
{
	switch (state) {
	case EM_STATE_MAPPED: return "mapped";
	case EM_STATE_APPROXIMATE: return "approximate";
	case EM_STATE_NOT_MAPPED: break;
	}
	return "not_mapped";
}

/* Howard Hinnant's days-from-civil: exact for the proleptic Gregorian
 * calendar, no tables, no time zones. */
static em_date days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void em_date_split(em_date date, int *year, int *month, int *day)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = mp + (mp < 10 ? 3 : -9);
	*year = yoe + era * 400 + (*month <= 2);
}

void em_date_format(char *out, size_t size, em_date date)
{
	int y, m, d;

	em_date_split(date, &y, &m, &d);
	snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

void em_date_span_short(char *out, size_t size, em_date first, em_date last)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y0, m0, d0, y1, m1, d1;

	em_date_split(first, &y0, &m0, &d0);
	em_date_split(last, &y1, &m1, &d1);
	if (first == last)
		snprintf(out, size, "%d %s", d0, months[m0 - 1]);
	else if (y0 != y1)
		snprintf(out, size, "%d %s %d \xE2\x80\x93 %d %s %d", d0, months[m0 - 1], y0, d1,
			 months[m1 - 1], y1);
	else if (m0 == m1)
		snprintf(out, size, "%d\xE2\x80\x93%d %s", d0, d1, months[m0 - 1]);
	else
		snprintf(out, size, "%d %s \xE2\x80\x93 %d %s", d0, months[m0 - 1], d1,
			 months[m1 - 1]);
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static int month_from_name(const char *name, size_t len)
{
	static const char *const months[] = {"january", "february", "march", "april",
					     "may", "june", "july", "august",
					     "september", "october", "november", "december"};

	if (len < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (len <= strlen(months[i]) && strncasecmp(name, months[i], len) == 0)
			return i + 1;
	return 0;
}

static bool make_date(em_date *out, int y, int m, int d)
{
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

bool em_date_parse(em_date *out, const char *text)
{
	int y, m, d, used = 0;
	char month[16];

	if (text == NULL)
		return false;
	while (isspace((unsigned char)*text))
		text++;
	/* 2025-03-07 */
	if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10 &&
	    text[used] == '\0')
		return make_date(out, y, m, d);
	/* 7 March 2025, 07-Mar-2025 */
	used = 0;
	if ((sscanf(text, "%2d %15[A-Za-z] %4d%n", &d, month, &y, &used) == 3 ||
	     sscanf(text, "%2d-%15[A-Za-z]-%4d%n", &d, month, &y, &used) == 3) &&
	    text[used] == '\0') {
		m = month_from_name(month, strlen(month));
		return m > 0 && make_date(out, y, m, d);
	}
	return false;
}
