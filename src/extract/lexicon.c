/* The extractor's lexicon: each English word it reads for what it can be
 * (a number, a qualifier, a word for the dead, a country...), the ACLED
 * event types its event words stand for, the countries, and the short
 * names of sources reporters cite.  Words are kept lower-cased in one hash
 * map; a word may belong to several classes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/array.h"
#include "extract_internal.h"

typedef struct entry {
	uint32_t bits;
	int32_t value;
	const char *words; /* space-separated */
} entry;

static const entry entries[] = {
	{L_STOP, 0, "the a an in on at of for by with from to and but or as it its he she they we i "
		    "his her their this that these those there here what who why how when where "
		    "which while after before during since until meanwhile however although also "
		    "some many most more other others several all both each every no not one "
		    "early late later last next new old western eastern northern southern central "
		    "government president minister ministry army forces security police source "
		    "photo video footage reports report state news agency international national "
		    "islam islamic islamist muslim muslims sunni shia shiite alawite alawites "
		    "christian christians druze kurdish kurds arab arabs arabic god lord "
		    "call power impact shorts leave comment unlock editor digest source sources "
		    "recent developments community response victims who what triggered outbreak "
		    "reaction addressing efforts organizations organisations footage eyewitness "
		    "residents resident rights human watch observatory network campaign council "
		    "office committee court parliament republic union nations united general "
		    "defence defense interior foreign health education justice public popular "
		    "democratic revolutionary liberation front party movement brigade brigades "
		    "division battalion regiment corps guard guards command authority authorities "
		    "interim transitional former ousted deposed regime mr mrs ms dr sir lady "
		    "monday tuesday wednesday thursday friday saturday sunday january february "
		    "march april may june july august september october november december "
		    "today yesterday tomorrow breaking update updated live exclusive analysis "
		    "opinion editorial read more share follow subscribe advertisement related "
		    "home homes world middle east politics war conflict crisis violence killings "
		    "massacre massacres clashes attack attacks protest protests mass key many "
		    "points latest live statement press release contact privacy cookies menu "
		    "search login sign subscribe newsletter donate about us terms copyright "
		    "family families clan tribe"},
	{L_MORE, 0, "more over exceeding exceeded exceeds crossed surpassed passed topped above "
		    "upwards excess"},
	{L_LEAST, 0, "least fewer minimum"},
	{L_ABOUT, 0, "about around some approximately roughly nearly almost close estimated "
		     "circa approx approximate an_estimated"},
	{L_DEATH, 0, "killed dead deaths death died dies fatalities fatality perished slain "
		     "executed lives murdered massacred"},
	{L_TOLL, 0, "toll tally"},
	{L_WOUND, 0, "wounded injured injuries injuring wounding hurt"},
	{L_DETAIN, 0, "detained arrested abducted kidnapped detainees detaining arresting detention "
		      "detentions arrest arrests abduction "
		      "imprisoned captured rounded"},
	{L_DISPLACE, 0, "fled flee fleeing displaced refuge shelter sheltering sheltered escaped "
			"escaping uprooted"},
	{L_KILLVERB, 0, "killing killed claimed claiming left leaving executing executed "
			"massacring"},
	{L_REACH, 0, "crossed reached reaching exceeded surpassed passed topped rose risen "
		     "climbed stood stands stand hit includes included including include "
		     "reach rise climb"},
	{L_INCLUDE, 0, "included including includes include among"},
	{L_CIV, 0, "civilians civilian residents villagers women children families "
		   "worshippers farmers students journalists medics doctors nurses "
		   "boys girls infants elderly unarmed"},
	{L_SEC, 0, "security soldiers soldier police policemen troops personnel officers "
		   "army servicemen guards conscripts gendarmes officer"},
	{L_FIGHTER, 0, "fighters fighter militants militant gunmen gunman insurgents insurgent "
		       "loyalists loyalist rebels rebel militiamen militia militias jihadists "
		       "combatants armed remnants"},
	{L_COUNTNOUN, 0, "people persons individuals members civilians residents villagers "
			 "women children men soldiers fighters militants gunmen police "
			 "policemen troops personnel officers syrians lebanese refugees "
			 "families others victims detainees bodies boys girls infants "
			 "insurgents rebels loyalists protesters demonstrators"},
	{L_UNIT, 0, "percent per cent years year months month days day hours hour km "
		    "kilometres kilometers kilometre kilometer miles mile metres meters times "
		    "minutes weeks week decades decade centuries pm am dollars pounds euros "
		    "massacres attacks villages towns homes houses buildings vehicles tanks "
		    "rockets missiles strikes incidents sites billion"},
	{L_DAYPART, 0, "morning afternoon evening night overnight dawn noon midnight"},
	{L_TITLE, 0, "president leader minister spokesman spokeswoman spokesperson envoy mr mrs "
		     "ms dr general gen colonel col commander chief head legislator "
		     "lawmaker mp prime king prince imam lieutenant major captain sergeant "
		     "brigadier governor mayor ambassador secretary director founder activist "
		     "journalist correspondent reporter researcher analyst deputy judge "
		     "patriarch bishop cleric professor"},
	{L_SAY, 0, "said says say reported reports indicated indicates indicate stated states "
		   "told announced announces added confirmed confirms documented documents "
		   "recorded records estimated estimates specified specifies wrote tweeted "
		   "posted noted warned claimed revealed"},
	{L_TRIGGER, 0, "village villages town towns city cities hamlet neighbourhood "
		       "neighborhood suburb camp municipality quarter district"},
	{L_REGION, 0, "province provinces governorate governorates region countryside "
		      "district districts mohafazat"},
	{L_CONNECT, 0, "for of the de al el bin ibn and"},
	{L_TOWARD, 0, "to towards toward into at in for"},
	{L_MONITOR, 0, "monitor observatory group monitoring"},
};

typedef struct valued {
	const char *word;
	int32_t value;
} valued;

static const valued numbers[] = {
	{"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
	{"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11},
	{"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
	{"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
	{"forty", 40}, {"fourty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70},
	{"eighty", 80}, {"ninety", 90}, {"hundred", 100}, {"thousand", 1000},
	{"million", 1000000}, {"dozen", 12},
};

/* ACLED's convention for vague counts: the figure it codes for them. */
static const valued vague[] = {
	{"dozens", 12}, {"scores", 20}, {"hundreds", 100}, {"thousands", 1000},
	{"tens", 10},
};

static const valued months[] = {
	{"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"april", 4},
	{"apr", 4}, {"may", 5}, {"june", 6}, {"july", 7}, {"august", 8}, {"aug", 8},
	{"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10}, {"oct", 10},
	{"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
};

static const valued weekdays[] = {
	{"sunday", 0}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4},
	{"friday", 5}, {"saturday", 6},
};

/* Days relative to the publication date, plus 8. */
static const valued relative[] = {
	{"today", 8}, {"yesterday", 7}, {"tonight", 8}, {"overnight", 8},
};

static const em__country countries[] = {
	{"SY", "Syria"}, {"LB", "Lebanon"}, {"IL", "Israel"}, {"TR", "Turkey"}, {"IQ", "Iraq"},
	{"IR", "Iran"}, {"JO", "Jordan"}, {"EG", "Egypt"}, {"SA", "Saudi Arabia"},
	{"RU", "Russia"}, {"GB", "Britain"}, {"FR", "France"}, {"US", "United States"},
	{"DE", "Germany"}, {"PS", "Palestine"}, {"CY", "Cyprus"}, {"QA", "Qatar"},
	{"AE", "United Arab Emirates"}, {"UA", "Ukraine"}, {"CN", "China"}, {"YE", "Yemen"},
	{"LY", "Libya"}, {"AF", "Afghanistan"}, {"KW", "Kuwait"}, {"SD", "Sudan"},
	{"SS", "South Sudan"}, {"TD", "Chad"}, {"GR", "Greece"}, {"TN", "Tunisia"},
	{"MM", "Myanmar"}, {"SO", "Somalia"}, {"ET", "Ethiopia"}, {"ER", "Eritrea"},
	{"DZ", "Algeria"}, {"MA", "Morocco"}, {"ML", "Mali"}, {"NE", "Niger"}, {"NG", "Nigeria"},
	{"BF", "Burkina Faso"}, {"CD", "Congo"}, {"CF", "Central African Republic"},
	{"KE", "Kenya"}, {"PK", "Pakistan"}, {"IN", "India"}, {"BD", "Bangladesh"},
	{"OM", "Oman"}, {"BH", "Bahrain"}, {"AM", "Armenia"}, {"AZ", "Azerbaijan"},
	{"GE", "Georgia"}, {"IT", "Italy"}, {"ES", "Spain"}, {"NL", "Netherlands"},
	{"BE", "Belgium"}, {"SE", "Sweden"}, {"NO", "Norway"}, {"DK", "Denmark"},
	{"AT", "Austria"}, {"CH", "Switzerland"}, {"PL", "Poland"}, {"CA", "Canada"},
	{"AU", "Australia"}, {"JP", "Japan"}, {"KR", "Korea"}, {"BR", "Brazil"},
	{"MX", "Mexico"}, {"VE", "Venezuela"}, {"CO", "Colombia"}, {"HT", "Haiti"},
	{"BY", "Belarus"}, {"KZ", "Kazakhstan"}, {"MR", "Mauritania"}, {"SN", "Senegal"},
	{"MZ", "Mozambique"}, {"CM", "Cameroon"}, {"UG", "Uganda"}, {"RW", "Rwanda"},
	{"BI", "Burundi"}, {"ZA", "South Africa"}, {"HU", "Hungary"}, {"RO", "Romania"},
	{"BG", "Bulgaria"}, {"RS", "Serbia"}, {"MT", "Malta"}, {"IE", "Ireland"},
};

/* Country words: index into countries. */
static const valued country_words[] = {
	{"syria", 0}, {"syrian", 0}, {"syrians", 0}, {"lebanon", 1}, {"lebanese", 1},
	{"israel", 2}, {"israeli", 2}, {"israelis", 2}, {"turkey", 3}, {"turkish", 3},
	{"türkiye", 3}, {"turks", 3}, {"iraq", 4}, {"iraqi", 4}, {"iraqis", 4}, {"iran", 5},
	{"iranian", 5}, {"iranians", 5}, {"jordan", 6}, {"jordanian", 6}, {"jordanians", 6},
	{"egypt", 7}, {"egyptian", 7}, {"egyptians", 7}, {"saudi", 8}, {"arabia", 8},
	{"saudis", 8}, {"russia", 9}, {"russian", 9}, {"russians", 9}, {"britain", 10},
	{"british", 10}, {"uk", 10}, {"england", 10}, {"france", 11}, {"french", 11},
	{"america", 12}, {"american", 12}, {"americans", 12}, {"usa", 12}, {"germany", 13},
	{"german", 13}, {"palestine", 14}, {"palestinian", 14}, {"palestinians", 14},
	{"cyprus", 15}, {"cypriot", 15}, {"qatar", 16}, {"qatari", 16}, {"uae", 17},
	{"emirati", 17}, {"emirates", 17}, {"ukraine", 18}, {"ukrainian", 18}, {"ukrainians", 18},
	{"china", 19}, {"chinese", 19}, {"yemen", 20}, {"yemeni", 20}, {"libya", 21},
	{"libyan", 21}, {"afghanistan", 22}, {"afghan", 22}, {"kuwait", 23}, {"kuwaiti", 23},
	{"sudan", 24}, {"sudanese", 24}, {"chad", 26}, {"chadian", 26}, {"greece", 27},
	{"greek", 27}, {"tunisia", 28}, {"tunisian", 28}, {"myanmar", 29}, {"burmese", 29},
	{"somalia", 30}, {"somali", 30}, {"ethiopia", 31}, {"ethiopian", 31}, {"eritrea", 32},
	{"eritrean", 32}, {"algeria", 33}, {"algerian", 33}, {"morocco", 34}, {"moroccan", 34},
	{"mali", 35}, {"malian", 35}, {"niger", 36}, {"nigeria", 37}, {"nigerian", 37},
	{"congo", 39}, {"congolese", 39}, {"kenya", 41}, {"kenyan", 41}, {"pakistan", 42},
	{"pakistani", 42}, {"india", 43}, {"indian", 43}, {"bangladesh", 44}, {"oman", 45},
	{"omani", 45}, {"bahrain", 46}, {"armenia", 47}, {"armenian", 47}, {"azerbaijan", 48},
	{"georgia", 49}, {"italy", 50}, {"italian", 50}, {"spain", 51}, {"spanish", 51},
	{"netherlands", 52}, {"dutch", 52}, {"belgium", 53}, {"sweden", 54}, {"swedish", 54},
	{"norway", 55}, {"denmark", 56}, {"danish", 56}, {"austria", 57}, {"switzerland", 58},
	{"swiss", 58}, {"poland", 59}, {"polish", 59}, {"canada", 60}, {"canadian", 60},
	{"australia", 61}, {"japan", 62}, {"japanese", 62}, {"korea", 63}, {"brazil", 64},
	{"mexico", 65}, {"venezuela", 66}, {"colombia", 67}, {"haiti", 68}, {"belarus", 69},
	{"kazakhstan", 70}, {"mauritania", 71}, {"senegal", 72}, {"mozambique", 73},
	{"cameroon", 74}, {"uganda", 75}, {"rwanda", 76}, {"burundi", 77}, {"hungary", 79},
	{"romania", 80}, {"bulgaria", 81}, {"serbia", 82}, {"malta", 83}, {"ireland", 84},
	{"irish", 84},
};

typedef struct event_type {
	const char *type, *sub, *words;
} event_type;

/* In order of precedence: the first type a sentence has words of wins.
 * EV_ARMED_CLASH, EV_ATTACK and EV_OTHER (extract_internal.h) index it. */
static const event_type events[] = {
	{"Explosions/Remote violence", "Air/drone strike",
	 "airstrike airstrikes air-strike air-strikes bombardment bombing bombed warplanes "
	 "drone drones"},
	{"Explosions/Remote violence", "Shelling/artillery/missile attack",
	 "shelling shelled artillery mortar mortars rocket missile"},
	{"Explosions/Remote violence", "Remote explosive/landmine/IED",
	 "explosion explosions exploded blast landmine landmines ied car-bomb bomb bombs"},
	{"Battles", "Government regains territory",
	 "regained recaptured retook regain recapture retake"},
	{"Battles", "Non-state actor overtakes territory", "seized seize captured overran stormed"},
	{"Battles", "Armed clash",
	 "clashes clash clashed clashing fighting fought battle battles ambush ambushed "
	 "firefight gunfight repelled skirmishes confrontations"},
	{"Violence against civilians", "Attack",
	 "massacre massacres executions killings assassinated assassination onslaught attack "
	 "attacks attacked assault"},
	{"Riots", "Violent demonstration", "riot riots rioters rioting"},
	{"Protests", "Peaceful protest",
	 "protest protests protested protesters protestors demonstrators demonstration "
	 "demonstrations rally rallied sit-in chanted chanting demonstrated demonstrating"},
	{"Strategic developments", "Arrests", "arrested detained arrests detain arrest raids"},
	{"Strategic developments", "Looting/property destruction",
	 "looted looting ablaze torched burned burnt"},
	{"Strategic developments", "Change to group/activity",
	 "deployed deploying deployment deploy reinforcements curfew"},
	{"Strategic developments", "Other",
	 "funeral funerals burial burials buried outage outages shortages"},
};

typedef struct alias {
	const char *text; /* lower case */
	const char *name;
	bool monitor;     /* counts the dead: "the monitor" may stand for it */
} alias;

static const alias aliases[] = {
	{"syrian observatory for human rights", "SOHR", true}, {"sohr", "SOHR", true},
	{"observatory", "SOHR", true}, {"syrian observatory", "SOHR", true},
	{"syrian network for human rights", "SNHR", true}, {"snhr", "SNHR", true},
	{"un refugee agency", "UNHCR", false}, {"unhcr", "UNHCR", false},
	{"united nations refugee agency", "UNHCR", false},
	{"un high commissioner for refugees", "UNHCR", false},
	{"sana", "SANA", false}, {"state news agency", "SANA", false},
	{"syrian arab news agency", "SANA", false}, {"reuters", "Reuters", false},
	{"afp", "AFP", false}, {"agence france-presse", "AFP", false},
	{"associated press", "AP", false}, {"ocha", "OCHA", false},
	{"human rights watch", "HRW", true}, {"hrw", "HRW", true},
	{"amnesty international", "Amnesty International", true},
	{"amnesty", "Amnesty International", true}, {"white helmets", "White Helmets", true},
	{"syria civil defence", "White Helmets", true}, {"acled", "ACLED", true},
	{"syrian arab red crescent", "SARC", false}, {"sarc", "SARC", false},
	{"world health organization", "WHO", false}, {"iom", "IOM", false},
	{"international organization for migration", "IOM", false},
	{"lebanese red cross", "Lebanese Red Cross", false},
};

static em_status add(em_extract *ex, const char *word, size_t len, uint32_t bits, int32_t value,
		     int32_t event)
{
	char low[48];
	uint64_t *slot;
	bool added;

	if (len >= sizeof low)
		return EM_ERR_LIMIT;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)word[i]);
	slot = em__keymap_get(&ex->lexicon, low, len, true, &added);
	if (!slot)
		return EM_ERR_NOMEM;
	if (added) {
		if (!EM_ARRAY_RESERVE(ex->lexemes, ex->lexeme_cap, ex->lexeme_count + 1))
			return EM_ERR_NOMEM;
		*slot = ex->lexeme_count;
		ex->lexemes[ex->lexeme_count++] = (em__lexeme){0, 0, -1};
	}
	em__lexeme *lx = &ex->lexemes[*slot];
	lx->bits |= bits;
	if (value && !(bits & L_STOP))
		lx->value = value;
	if (event >= 0 && lx->event < 0)
		lx->event = event;
	return EM_OK;
}

/* Adds every space-separated word of words. */
static em_status add_words(em_extract *ex, const char *words, uint32_t bits, int32_t value,
			   int32_t event)
{
	for (const char *p = words; *p;) {
		size_t n = strcspn(p, " ");
		char word[48];

		if (n > 0 && n < sizeof word) {
			memcpy(word, p, n);
			for (size_t i = 0; i < n; i++)
				if (word[i] == '_')
					word[i] = ' ';
			em_status s = add(ex, word, n, bits, value, event);
			if (s != EM_OK)
				return s;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	return EM_OK;
}

static em_status add_valued(em_extract *ex, const valued *list, size_t count, uint32_t bits)
{
	for (size_t i = 0; i < count; i++) {
		em_status s = add(ex, list[i].word, strlen(list[i].word), bits, list[i].value, -1);
		if (s != EM_OK)
			return s;
	}
	return EM_OK;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

em_status em__extract_lexicon_build(em_extract *ex)
{
	em_status s = EM_OK;

	for (size_t i = 0; i < COUNT(entries) && s == EM_OK; i++)
		s = add_words(ex, entries[i].words, entries[i].bits, entries[i].value, -1);
	for (size_t i = 0; i < COUNT(events) && s == EM_OK; i++)
		s = add_words(ex, events[i].words, L_EVENT, 0, (int32_t)i);
	if (s == EM_OK)
		s = add_valued(ex, numbers, COUNT(numbers), L_NUMWORD);
	if (s == EM_OK)
		s = add_valued(ex, vague, COUNT(vague), L_VAGUE);
	if (s == EM_OK)
		s = add_valued(ex, months, COUNT(months), L_MONTH);
	if (s == EM_OK)
		s = add_valued(ex, weekdays, COUNT(weekdays), L_WEEKDAY);
	if (s == EM_OK)
		s = add_valued(ex, relative, COUNT(relative), L_RELDAY);
	if (s == EM_OK)
		s = add_valued(ex, country_words, COUNT(country_words), L_COUNTRY);
	return s;
}

const em__lexeme *em__extract_lexeme(const em_extract *ex, const char *word, size_t len)
{
	char low[48];
	const uint64_t *index;

	if (len == 0 || len >= sizeof low)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];
		if (c >= 0x80 && !(c == 0xC3 && i + 1 < len))
			return NULL; /* only ASCII words, and ü (türkiye) */
		low[i] = (char)tolower(c);
	}
	index = em__keymap_value(&ex->lexicon, low, len);
	return index ? &ex->lexemes[*index] : NULL;
}

const em__country *em__extract_country(int index)
{
	return index >= 0 && (size_t)index < COUNT(countries) ? &countries[index] : NULL;
}

size_t em__extract_country_count(void)
{
	return COUNT(countries);
}

void em__extract_event_type(int event, const char **type, const char **sub)
{
	if (event < 0 || (size_t)event >= COUNT(events)) {
		*type = *sub = "";
		return;
	}
	*type = events[event].type;
	*sub = events[event].sub;
}

/* The short name of a source written as text (an organisation's name or
 * abbreviation, compared without regard to case and a leading "the"), or
 * NULL. */
const char *em__extract_source_alias(const char *text, size_t len, bool *monitor)
{
	if (len > 4 && strncasecmp(text, "the ", 4) == 0) {
		text += 4;
		len -= 4;
	}
	for (size_t i = 0; i < COUNT(aliases); i++)
		if (strlen(aliases[i].text) == len && strncasecmp(aliases[i].text, text, len) == 0) {
			if (monitor)
				*monitor = aliases[i].monitor;
			return aliases[i].name;
		}
	return NULL;
}
