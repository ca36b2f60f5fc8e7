#!/usr/bin/env python3
"""bench/extract/gen.py: synthetic English news text for `eventmap extract`.

Usage: gen.py [--seed N] [--html] [--gazetteer FILE] [-o FILE] MB

Writes at least MB x 1,000,000 bytes (MB may be a fraction), ending on a
whole article, to FILE or standard output.  The same seed, MB and gazetteer
give the same bytes on every machine (Python 3.7 or later, stdlib only).

Text: articles one after another, each a headline line, often a byline or
dateline line, then paragraphs one per line (now and then a short
subheading line); a blank line between articles.  About 40 % of the
articles report violence (casualty figures with qualifiers, in digits or
words, attributions, weekdays and dates, places), about 10 % displacement
(flows of people between places), the rest are ordinary news (economy,
weather, culture, sport, health, ...) with numbers, people, organisations
and countries but no casualty figures and no places (save the traps of
real text: a club named Jableh SC, first names such as Omar, Rami and
Rania that are places of the gazetteer too); even the conflict articles
are mostly background prose.  Place names come from the
gazetteer (geodata/geonames-levant.txt): Syria's and Lebanon's places,
weighted by population, as GeoNames' `name` (column 2) or one of its
Latin-script or Arabic-script `alternatenames` (column 4), and a few
capitals of the neighbours for diplomacy.  Half the articles use curly
quotes and apostrophes.  All sentences are built from this file's own
templates.

--html wraps the same kind of articles in one HTML page: <head> with a
<script> and a <style> block, a <nav>, each article in <article> with a
JSON-LD <script> repeating its headline, <p>, <a>, <em>, <strong>,
<figure>, entities (&amp; &rsquo; &#8217; &nbsp; &mdash; numeric Arabic
letters), comments, and an ad <script> every few articles.
"""

import argparse
import datetime
import math
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_GAZETTEER = os.path.normpath(os.path.join(HERE, "..", "..", "geodata", "geonames-levant.txt"))

# Markers around place names while an article is built (stripped at the
# end; HTML turns some of them into links).
PL0, PL1 = "\x01", "\x02"

# --------------------------------------------------------------------------
# Gazetteer


def _is_arabic_name(s):
    # Arabic letters and marks only (no Persian, Urdu or Kurdish letters).
    return all(c == " " or "\u0621" <= c <= "\u0652" for c in s) and any(c != " " for c in s)


def _is_latin_name(s):
    if len(s) < 3 or len(s) > 40 or not s[0].isupper() or s.isupper() or "  " in s or s.count(" ") > 3:
        return False
    for c in s:
        if c in " -'\u2019":
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


class Place:
    __slots__ = ("name", "latin", "arabic", "lat", "lon", "cc", "pop", "near")

    def __init__(self, name, latin, arabic, lat, lon, cc, pop):
        self.name, self.latin, self.arabic = name, latin, arabic
        self.lat, self.lon, self.cc, self.pop = lat, lon, cc, pop
        self.near = []


def load_gazetteer(path):
    local, foreign = [], []
    try:
        f = open(path, encoding="utf-8")
    except OSError as e:
        sys.exit("gen.py: %s: %s (give --gazetteer FILE)" % (path, e.strerror))
    with f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if len(col) < 15 or col[6] != "P":
                continue
            cc = col[8]
            pop = int(col[14] or 0)
            if cc in ("SY", "LB"):
                alts = [a for a in col[3].split(",") if a]
                latin = [a for a in alts if a != col[1] and _is_latin_name(a)]
                arabic = [a for a in alts if _is_arabic_name(a)]
                local.append(Place(col[1], latin, arabic, float(col[4]), float(col[5]), cc, pop))
            elif cc in ("TR", "IQ", "JO", "EG", "CY", "IL") and (col[7] == "PPLC" or pop >= 1500000):
                foreign.append(Place(col[1], [], [], float(col[4]), float(col[5]), cc, pop))
    if not local:
        sys.exit("gen.py: no Syrian or Lebanese places in %s" % path)
    for p in local:
        d = []
        for q in local:
            if q is p:
                continue
            km = 111.0 * math.hypot(q.lat - p.lat, (q.lon - p.lon) * math.cos(math.radians(p.lat)))
            if km < 60:
                d.append((km, q.name, q))
        d.sort(key=lambda t: (t[0], t[1]))
        p.near = [t[2] for t in d[:8]]
    return local, foreign


# --------------------------------------------------------------------------
# Word pools (all written for this generator)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

COUNTRIES = ["Syria", "Lebanon", "Turkey", "Iraq", "Jordan", "Israel", "Iran", "Russia",
             "the United States", "France", "Germany", "Qatar", "Saudi Arabia", "Egypt",
             "the United Kingdom", "Cyprus", "the United Arab Emirates"]
DEMONYMS = ["Syrian", "Lebanese", "Turkish", "Iraqi", "Jordanian", "Israeli", "Iranian",
            "Russian", "American", "French", "German", "Qatari", "Saudi", "Egyptian",
            "British", "European"]

FIRST = ["Ahmad", "Mohammed", "Omar", "Khaled", "Rami", "Hassan", "Ali", "Youssef", "Samir",
         "Nour", "Lina", "Rania", "Maya", "Fatima", "Hiba", "Zeina", "Layla", "Mona", "Rasha",
         "Tarek", "Bassam", "Walid", "Ziad", "Karim", "Nabil", "Fadi", "Hadi", "Ghassan",
         "Jamil", "Imad", "Suha", "Dima", "Wafaa", "Majd", "Bilal", "Hussam", "Nadia", "Salma",
         "Sarah", "David", "Claire", "Thomas", "Anna", "Martin", "Julia", "Peter", "Elena",
         "Marco", "Helen", "James", "Laura", "Daniel", "Sophie", "Jonas", "Ingrid", "Pablo"]
LAST = ["Haddad", "Khoury", "Nasser", "Saleh", "Hamdan", "Darwish", "Abboud", "Mansour",
        "Issa", "Younes", "Ibrahim", "Suleiman", "al-Hassan", "al-Ali", "Khalil", "Qassem",
        "Rahal", "Barakat", "Sabbagh", "Jaber", "Aziz", "Fares", "Hijazi", "Mahmoud", "Shami",
        "Deeb", "Makhlouf", "Antoun", "Zein", "Obeid", "Sarkis", "Chamoun", "Halabi",
        "Miller", "Dupont", "Schneider", "Rossi", "Fischer", "Bennett", "Clarke", "Moreau",
        "Novak", "Larsen", "Walsh", "Hughes", "Keller", "Varga", "Okafor", "Lindqvist"]

CASUALTY_SOURCES = [
    "the Syrian Observatory for Human Rights", "the Syrian Network for Human Rights",
    "the UN Office for the Coordination of Humanitarian Affairs", "the World Health Organization",
    "the Syrian Arab Red Crescent", "the Lebanese Red Cross", "the civil defence service",
    "the International Committee of the Red Cross", "Human Rights Watch", "Amnesty International",
    "the state news agency SANA", "Lebanon's National News Agency", "the health ministry",
    "the interior ministry", "the defence ministry", "a local monitoring group",
    "Medecins Sans Frontieres", "the UN human rights office", "a Britain-based war monitor",
    "hospital officials", "security sources", "the provincial governor's office"]
SHORT_SOURCES = ["the monitor", "the group", "the ministry", "the agency", "officials",
                 "medics", "rescuers", "activists", "the statement"]
FLOW_SOURCES = ["the UN refugee agency", "UNHCR", "the International Organization for Migration",
                "the Lebanese Red Cross", "Lebanon's disaster management unit",
                "the Norwegian Refugee Council", "a local relief committee", "the World Food Programme",
                "municipal officials", "the UN children's agency"]
PLAIN_ORGS = ["the World Bank", "the International Monetary Fund", "the European Union", "UNICEF",
              "the World Food Programme", "the chamber of commerce", "the football federation",
              "the national museum", "the central bank", "the education ministry",
              "the ministry of agriculture", "the ministry of electricity", "the farmers' union",
              "the teachers' syndicate", "the engineers' association", "the statistics office",
              "the national theatre", "the meteorological department", "the ports authority",
              "the tourism board", "a Gulf investment fund", "the antiquities department"]
OUTLETS = ["Levant Wire", "Coastal Chronicle", "The Eastern Mediterranean Post", "Cedar Daily",
           "Orontes Review", "Meridian News Service", "Harbour Gazette", "The Morning Ledger"]

CONFLICT_ROLES = ["a resident of {P}", "a nurse at the main hospital in {P}", "a farmer from {P}",
                  "a shopkeeper in {P}", "the head of the municipal council in {P}",
                  "a teacher who fled {P}", "a volunteer with a relief group in {P}",
                  "a spokesman for {O}", "a researcher with {O}", "a doctor in {P}",
                  "an official in {P}", "a father of four from {P}"]
PLAIN_ROLES = ["a teacher", "an economist at a university in the capital", "the festival's director",
               "the team's coach", "a pharmacist", "a taxi driver", "a retired engineer",
               "a baker", "a student of architecture", "the museum's curator", "a fisherman",
               "a software developer", "the head of the traders' association", "a midwife",
               "a civil servant", "an olive farmer", "a mother of three", "a hotel manager"]

VICTIMS = ["people", "civilians", "fighters", "soldiers", "members of the security forces",
           "gunmen", "children", "women", "men", "residents", "members of one family",
           "police officers", "militants", "farmers", "medics", "aid workers", "villagers",
           "members of the government forces", "worshippers", "passengers"]
DIED = ["were killed", "died", "were shot dead", "lost their lives", "were killed",
        "were found dead", "were executed", "were killed", "have been killed", "died"]
HURT = ["were wounded", "were injured", "were hurt", "were wounded", "suffered injuries"]
EVENTS = ["clashes", "heavy clashes", "shelling", "an air strike", "a drone strike", "an ambush",
          "a car bomb", "an explosion", "a raid", "an attack on a checkpoint", "artillery fire",
          "a landmine blast", "gunfire", "sectarian attacks", "reprisal killings",
          "fighting between rival factions", "a security operation", "an attack on a bus",
          "a mortar attack", "an exchange of fire"]
NONFATAL_EVENTS = ["a protest", "a sit-in", "a curfew", "a wave of arrests", "a funeral procession",
                   "a march", "a strike by shopkeepers", "road closures", "a security sweep"]
QUALIFIERS = ["at least", "at least", "more than", "over", "nearly", "almost", "about",
              "around", "roughly", "some", "up to", "as many as", "an estimated", "no fewer than",
              "fewer than", "", "", ""]
VAGUE = ["dozens of", "scores of", "hundreds of", "a number of", "several", "a handful of",
         "many", "two dozen", "a dozen", "thousands of"]
WHEN_PART = ["", " night", " morning", " afternoon", " evening"]
WHEN_PRE = ["on", "on", "on", "late on", "early on", "overnight into"]

QUOTES_CONFLICT = [
    "We heard shooting all night and did not dare to open the door",
    "Nobody came to help us until the morning",
    "The hospital is full and we are running out of blood bags",
    "We buried them in the garden because the road to the cemetery was closed",
    "Every family here has lost someone",
    "We just want to know who did this and why",
    "My brother went out to buy bread and never came back",
    "There is no water, no electricity and no one to ask",
    "The army told us to stay indoors, so we stayed indoors for three days",
    "We are afraid to speak, but we are more afraid of staying silent",
    "Those responsible will be held to account",
    "The situation is now under control",
    "We call on everyone to show restraint",
]
QUOTES_PLAIN = [
    "It has been a difficult year, but people keep coming back",
    "We are doing our best with what we have",
    "Prices change from one week to the next and nobody can plan",
    "The young players showed real character in the second half",
    "This is the first time many of these pieces have been seen in public",
    "If the rain holds off, it should be a good season",
    "The children need stability more than anything else",
    "We have waited a long time for this and we will not waste it",
    "Nobody expected the response to be this strong",
    "It is slow work, but every month it gets a little better",
    "We need reliable electricity before we can talk about growth",
    "People are tired, but they still come out on a Friday evening",
]

# Ordinary prose: subject + verb phrase + object + tail, and topic templates.
G_SUBJ = ["Local officials", "Community leaders", "Aid groups", "Many residents", "Business owners",
          "Religious figures", "Teachers and doctors", "Young people", "Ministers in the new government",
          "Regional governments", "Lawmakers", "Civil society groups", "Former officials",
          "Economists", "Engineers", "Farmers", "Diplomats", "Students", "Women's groups",
          "Landlords", "Municipal workers", "Returning families", "Donor countries", "Lawyers",
          "Small traders", "Hospital administrators", "Transport companies", "Critics",
          "Supporters of the plan", "Opposition figures"]
G_VERB = ["have long argued for", "are pressing for", "remain sceptical of", "have quietly welcomed",
          "are divided over", "have called for", "are preparing for", "warn against",
          "have spent months debating", "are still waiting for", "have pinned their hopes on",
          "privately question", "say they were not consulted about", "have begun lobbying for",
          "are counting on", "openly doubt", "have grown frustrated with", "broadly support",
          "have drawn up proposals for", "see little urgency in"]
G_OBJ = ["a broader political settlement", "reforms to the civil service",
         "the return of displaced families", "new investment in roads and power lines",
         "clearer rules on property rights", "the reopening of border crossings",
         "more transparent budgets", "a national dialogue", "compensation for damaged homes",
         "the reconstruction of schools", "a new electoral law", "the lifting of sanctions",
         "a census of the population", "cheaper loans for small businesses",
         "a reform of the courts", "better pay for teachers", "the privatisation of the ports",
         "a plan to rebuild the water network", "tighter controls on rents",
         "an independent anti-corruption body", "a return to regular exams",
         "the digitisation of land registries", "a free trade agreement",
         "subsidies for farmers", "the restoration of public parks"]
G_TAIL = ["", "", " this year", " in the months ahead", ", officials acknowledge",
          " despite the obvious risks", ", though progress has been slow", " before the summer",
          " after years of neglect", ", according to people familiar with the talks",
          " as the budget deadline approaches", ", at least in principle",
          " while the details are worked out", " for reasons that are not hard to see",
          ", a shift from their position last year"]
G_SETTING = ["In the old quarter", "In many neighbourhoods", "At the weekly market", "Across the region",
             "In smaller towns", "On the university campus", "In the villages", "Along the seafront",
             "In private", "Behind closed doors", "In the cafes", "At public meetings", "Online",
             "In the ministries", "Among older residents", "In the camps", "Further inland"]
G_THAT = ["the changes had come too late for many families", "the mood was cautiously optimistic",
          "the market had never been so quiet", "the first months would be the hardest",
          "there was still no sign of the promised funds", "the plan was sound but the timing was poor",
          "people had learned to rely on each other rather than on institutions",
          "the biggest problem was the lack of trained staff", "things were better than a year ago",
          "nobody had explained how the scheme would be paid for", "the young were leaving faster than ever",
          "it was too early to judge", "the decision had been taken without consultation",
          "demand had surprised everyone", "the real test would come in the summer"]
G_PLAIN = [
    "The process is likely to take longer than anyone has admitted in public.",
    "Much depends on whether the money promised at last year's conference actually arrives.",
    "Few expect quick results, and many say they have heard such promises before.",
    "The debate has exposed old divisions that had been papered over for years.",
    "In the meantime, daily life goes on, shaped by long queues and short tempers.",
    "It is a pattern that has repeated itself several times in the past decade.",
    "Officials insist that the timetable is realistic, but the budget says otherwise.",
    "The outcome could shape the country's relations with its neighbours for years to come.",
    "For now, the focus is on getting through the winter.",
    "Not everyone is convinced that the changes go far enough.",
    "There is, however, one point on which almost everyone agrees.",
    "The details are expected to be published after the holiday.",
    "Similar schemes elsewhere have had mixed results.",
    "The question is no longer whether to act, but how quickly.",
    "Critics point out that the same plan was announced, and shelved, twice before.",
    "The mood in the streets is cautious rather than hopeful.",
    "A lot will depend on the weather, and on the price of fuel.",
    "It remains unclear who will pay for it.",
]
G_BACKGROUND = [
    "The violence has raised fears of a return to the cycle of reprisals that marked the worst years of the war.",
    "Analysts say the new authorities face a difficult balance between restoring order and winning the trust of communities that feel exposed.",
    "For many families, the immediate concern is finding enough food, water and fuel to get through the week.",
    "Diplomats have urged all sides to exercise restraint and to allow aid to reach those in need.",
    "The roads leading out of the area were largely empty by evening, residents said.",
    "Communications were patchy, and much of the information came from relatives abroad.",
    "Rights groups have called for an independent investigation into the killings.",
    "The authorities have announced a committee to look into the events, but have given no timetable.",
    "It was not immediately clear how many of the dead were civilians.",
    "The figures could not be independently verified.",
    "Checkpoints have been set up on the main roads, and travel between towns is restricted.",
    "Schools and government offices remained closed, and most shops kept their shutters down.",
    "Funerals were held quietly, often at night, witnesses said.",
    "The region had been relatively calm for several months before the latest outbreak.",
    "Aid agencies said they had been unable to reach some of the worst-affected villages.",
    "Mobile phone footage shared online appeared to show burned-out cars and damaged shopfronts.",
    "The government blamed armed groups loyal to the former regime for starting the fighting.",
    "Local leaders have tried to mediate, with limited success.",
    "Many of those who fled left with little more than the clothes they were wearing.",
    "No group has claimed responsibility for the attack.",
]

TOPICS = {
    "economy": [
        "Shoppers say the price of {staple} has {moved} by {pct} percent since {period}.",
        "The central bank kept its main rate unchanged at {rate} percent, citing {reason}.",
        "Economists expect {sector} to recover slowly {timeframe}, although much depends on {dependency}.",
        "Imports of {goods} fell by {pct} percent in the {ordinal} quarter compared with a year earlier, {porg} said.",
        "A kilogram of {staple} now costs about {price} pounds, up from {price2} a year ago.",
        "The government has promised to {policy}, but few details have been published.",
        "{person}, who runs a {shop} near the old market, said business was {state}.",
        "Fuel shortages have led to long queues at petrol stations, with some drivers waiting {hours} hours.",
        "The currency traded at around {fx} to the dollar on the parallel market on {weekday}.",
        "{econ_org} estimates that the economy shrank by {pct} percent over the past decade.",
        "Remittances from relatives abroad remain a lifeline for many households.",
        "Exports to {country} rose for the {ordinal} month in a row, helped by {reason}.",
    ],
    "weather": [
        "Forecasters expect {weather} over the weekend, with temperatures {dir} to {temp} degrees.",
        "Heavy rain flooded several roads on {weekday}, and schools in some districts closed early.",
        "The meteorological department warned of {hazard} in mountain areas above {alt} metres.",
        "Farmers welcomed the rain after {weeks} weeks of dry weather.",
        "Strong winds brought down trees and power lines, leaving some neighbourhoods without electricity for {hours} hours.",
        "The coming week should be milder, with clear skies and light winds along the coast.",
        "Snow closed the mountain pass for a second day, and drivers were advised to use the longer route.",
        "Reservoir levels are {pct} percent lower than at the same time last year.",
    ],
    "culture": [
        "The festival, now in its {ordinal} year, features {n} films from {n_small} countries.",
        "{person}'s new novel follows {protagonist} who {plot}.",
        "The exhibition brings together {n} works by {artists}, many of them shown for the first time.",
        "Organisers said about {big} people attended the opening night, more than twice as many as last year.",
        "Tickets cost {price} pounds and are available from the box office.",
        "The orchestra's programme includes {composer}, a rare choice for a {adj_event} concert.",
        "The restored cinema, closed for more than {years} years, reopened with a screening of a silent classic.",
        "Critics have praised the production for its {quality} and its {quality2}.",
        "The book fair runs until {weekday} and has drawn publishers from {country} and {country2}.",
    ],
    "sport": [
        "{team} beat {team2} {score} on {weekday} to move {n_small} points clear at the top of the table.",
        "The striker, who injured his ankle in training, is expected to miss {n_small} matches.",
        "A crowd of more than {big} watched the derby, the largest attendance of the season.",
        "The coach said his players had been dead on their feet after three games in eight days.",
        "The federation has set a deadline of {month} {day} for clubs to submit their licensing documents.",
        "{person} scored twice in the second half as {team} came from behind to win.",
        "The national team will play friendlies against {country} and {country2} in {month}.",
        "The basketball league resumes on {weekday} after a two-week break.",
        "{team2} have now gone {n_small} games without a win, and pressure on the coach is growing.",
    ],
    "health": [
        "Doctors recommend {advice}.",
        "The vaccination campaign aims to reach {big} children under five by the end of {month}, the health ministry said.",
        "Cases of {disease} have {moved_simple} in recent weeks, according to {health_org}.",
        "The new clinic will offer free check-ups on {weekday}s and {weekday2}s.",
        "Pharmacists report shortages of {medicine}, which is mostly imported.",
        "A study of {n} patients found that {finding}.",
        "The hospital has added {n_small} beds to its paediatric ward.",
    ],
    "education": [
        "More than {big} students sat the secondary school exams this year, the education ministry said.",
        "Teachers have called for {demand}.",
        "The university plans to open {n_small} new faculties, including one for {subject}.",
        "Many schools still run two shifts a day because of a shortage of classrooms.",
        "The scholarship programme, funded by {porg}, will send {n} students abroad.",
        "Parents say the cost of books and uniforms has {moved} by {pct} percent.",
    ],
    "heritage": [
        "The restoration of the {monument}, damaged by the earthquake of 2023, is expected to take {n_small} years.",
        "Archaeologists have uncovered {find} dating back to the {era} period.",
        "The museum's collection of {collection} has been catalogued for the first time.",
        "Volunteers have cleared rubble from the old souk, one stone at a time.",
        "The site attracted about {big} visitors last year, according to {porg}.",
        "Conservators are working to stabilise the walls before the winter rains.",
    ],
    "technology": [
        "Internet outages lasting up to {hours} hours a day have frustrated {people_plain}.",
        "A group of young developers has built an app that {app}.",
        "The telecoms operator says it will extend its 4G network to {pct} percent of the population by {year_next}.",
        "Solar panels have become a common sight on rooftops as families look for alternatives to the grid.",
        "Online payment services remain rare, and most transactions are still made in cash.",
    ],
    "transport": [
        "The ferry service, suspended since {year_past}, is due to resume in {month}.",
        "Work on the coastal highway has fallen behind schedule, {porg} said.",
        "The railway line will carry freight at first, with passenger trains to follow in {year_next}.",
        "Bus fares rose by {pct} percent on {weekday}, the second increase this year.",
        "The airport handled about {big} passengers last month.",
    ],
}
FILL = {
    "staple": ["bread", "rice", "sugar", "cooking oil", "lentils", "eggs", "chicken", "tomatoes",
               "olive oil", "flour", "tea", "coffee", "milk", "cheese", "cooking gas", "potatoes"],
    "moved": ["risen", "climbed", "jumped", "fallen", "dropped", "increased"],
    "moved_simple": ["risen", "fallen", "increased", "declined", "doubled"],
    "period": ["the start of the year", "last summer", "the autumn", "the new year",
               "the holiday season", "January", "last spring"],
    "reason": ["uncertainty over the exchange rate", "weak demand", "lower transport costs",
               "the end of the drought", "a surge in tourism", "new trade rules",
               "the opening of a new port terminal", "stable fuel prices"],
    "sector": ["tourism", "manufacturing", "the construction sector", "agriculture", "the banking sector",
               "retail", "the textile industry", "shipping", "the olive oil trade", "pharmaceuticals"],
    "timeframe": ["next year", "over the next two years", "by the end of the decade", "in the second half of the year"],
    "dependency": ["the lifting of sanctions", "the price of fuel", "the weather", "foreign investment",
                   "the reopening of trade routes", "political stability"],
    "goods": ["machinery", "medicines", "cars", "wheat", "electronics", "building materials", "textiles", "fertiliser"],
    "policy": ["cut red tape for exporters", "raise public sector wages", "simplify the tax code",
               "reform fuel subsidies", "rebuild the power grid", "attract foreign banks"],
    "shop": ["bakery", "pharmacy", "clothes shop", "hardware store", "cafe", "grocery", "barber's shop",
             "bookshop", "sweet shop", "mobile phone shop"],
    "state": ["slow but steady", "better than last year", "the worst he could remember",
              "picking up again", "unpredictable", "surprisingly good"],
    "weather": ["rain and thunderstorms", "clear skies", "strong winds", "fog in the mornings",
                "a cold spell", "a heatwave", "light snow in the mountains", "dust storms"],
    "dir": ["rising", "falling", "climbing", "dropping"],
    "hazard": ["snow and ice", "flash floods", "landslides", "thick fog", "gale-force winds"],
    "protagonist": ["a young doctor", "two sisters", "a retired ship's captain", "an orphaned boy",
                    "a widowed baker", "a family of musicians", "a stubborn old watchmaker"],
    "plot": ["returns home after twenty years abroad", "tries to save a failing family business",
             "searches for a lost brother", "falls in love during a long winter",
             "inherits a house full of secrets", "sets out to walk the length of the coast"],
    "artists": ["young painters", "three generations of photographers", "local sculptors",
                "women artists", "self-taught illustrators", "calligraphers"],
    "composer": ["Beethoven's seventh symphony", "a new piece by a young composer",
                 "songs from the 1960s", "Arabic classical music", "a programme of Baroque works"],
    "adj_event": ["charity", "summer", "student", "late-night", "festival", "New Year"],
    "quality": ["humour", "pace", "staging", "restraint", "music", "costumes"],
    "team": ["Tishreen", "Al-Wahda", "Al-Ittihad", "Al-Karamah", "Al-Jaish", "Hutteen", "Nejmeh",
             "Al-Ansar", "Al-Ahed", "Safa", "Al-Fotuwa", "Jableh SC"],
    "score": ["1-0", "2-1", "3-1", "2-0", "3-2", "4-1", "1-0", "2-2 on aggregate"],
    "advice": ["drinking plenty of water during the hot months", "regular exercise and a balanced diet",
               "keeping children's vaccinations up to date", "washing fruit and vegetables carefully",
               "limiting screen time before bed", "checking blood pressure once a year after forty"],
    "disease": ["seasonal flu", "measles", "hepatitis A", "diarrhoeal illness", "bronchitis", "chickenpox"],
    "medicine": ["insulin", "antibiotics", "cancer drugs", "blood pressure medication", "baby formula"],
    "finding": ["most had not seen a doctor in over a year", "early treatment halved recovery times",
                "diet mattered more than expected", "few had access to mental health care"],
    "demand": ["higher salaries", "smaller classes", "new textbooks", "heating in classrooms",
               "a return to the old curriculum", "better training"],
    "subject": ["computer science", "marine biology", "nursing", "renewable energy", "archaeology"],
    "monument": ["citadel", "old mosque", "Roman theatre", "medieval bridge", "Ottoman bathhouse",
                 "cathedral", "caravanserai", "lighthouse"],
    "find": ["a mosaic floor", "a hoard of coins", "the foundations of a temple", "a necropolis",
             "clay tablets", "a Byzantine wine press"],
    "era": ["Roman", "Byzantine", "Bronze Age", "Hellenistic", "Phoenician", "Abbasid"],
    "collection": ["textiles", "manuscripts", "coins", "glassware", "ceramics", "photographs"],
    "people_plain": ["students", "small businesses", "freelancers", "families with relatives abroad", "banks"],
    "app": ["tracks bread prices across neighbourhoods", "connects farmers with buyers",
            "maps which pharmacies have insulin in stock", "helps students share textbooks",
            "shows when the electricity is due to come on"],
}


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def number_words(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000 and n % 100 == 0:
        return ONES[n // 100] + " hundred"
    return "{:,}".format(n)


# --------------------------------------------------------------------------
# Article builder


class Gen:
    def __init__(self, rng, places, foreign):
        self.rng = rng
        self.places = places
        self.foreign = foreign
        total, cum = 0.0, []
        for p in places:
            total += math.sqrt(p.pop + 3000)
            cum.append(total)
        self.cum = cum
        self.lebanon = [p for p in places if p.cc == "LB"]
        self.syria = [p for p in places if p.cc == "SY"]
        self.day0 = datetime.date(2024, 12, 1)

    # -- small pieces

    def ch(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def place(self):
        return self.rng.choices(self.places, cum_weights=self.cum)[0]

    def person(self):
        return self.ch(FIRST) + " " + self.ch(LAST)

    def count(self, big=False):
        r = self.rng.random()
        if big:
            return int(math.exp(self.rng.uniform(math.log(50), math.log(60000))))
        if r < 0.55:
            return self.rng.randint(2, 12)
        if r < 0.85:
            return self.rng.randint(13, 80)
        if r < 0.97:
            return self.rng.randint(81, 600)
        return self.rng.randint(601, 2500)

    def num(self, n, start=False):
        """n as a writer would put it: words for small numbers, digits otherwise."""
        r = self.rng.random()
        if start and n < 100:
            return cap(number_words(n))
        if n < 10 and r < 0.85:
            return number_words(n)
        if n < 100 and r < 0.12:
            return number_words(n)
        if n >= 1000000:
            return "%.1f million" % (n / 1e6)
        if n >= 1000 and n % 1000 == 0 and r < 0.5:
            return number_words(n // 1000) + " thousand" if n < 20000 else "{:,}".format(n)
        return "{:,}".format(n)

    def qnum(self, n, start=False):
        """A figure with its qualifier, or a vague quantity now and then."""
        r = self.rng.random()
        if r < 0.08:
            v = self.ch(VAGUE)
            return cap(v) if start else v
        q = self.ch(QUALIFIERS)
        if not q:
            return self.num(n, start)
        s = q + " " + self.num(n)
        return cap(s) if start else s

    # -- places within an article: one spelling each, Arabic in brackets at first mention

    def pname(self, art, p, bare=False):
        form = art["forms"].get(id(p))
        if form is None:
            r = self.rng.random()
            ascii_alts = [a for a in p.latin if a.isascii()]
            if r < 0.06 and p.arabic:
                form = [self.ch(p.arabic), None]
            elif r < 0.31 and ascii_alts:
                form = [self.ch(ascii_alts), self.ch(p.arabic) if p.arabic and self.rng.random() < 0.3 else None]
            elif r < 0.39 and p.latin:
                form = [self.ch(p.latin), None]
            else:
                form = [p.name, self.ch(p.arabic) if p.arabic and self.rng.random() < 0.15 else None]
            art["forms"][id(p)] = form
        s = PL0 + form[0] + PL1
        if form[1] and not bare:
            s += " (" + PL0 + form[1] + PL1 + ")"
            form[1] = None
        return s

    def in_place(self, art, p):
        r = self.rng.random()
        n = self.pname(art, p)
        if r < 0.35:
            return "in " + n
        if r < 0.50:
            return "in the town of " + n
        if r < 0.60:
            return "in the coastal city of " + n if p.lon < 36.1 else "in the city of " + n
        if r < 0.70:
            return "near " + n
        if r < 0.78:
            return "in the village of " + n
        if r < 0.86:
            return "on the outskirts of " + n
        if r < 0.93:
            return "in " + n + "'s countryside"
        return "in and around " + n

    def when(self, art):
        k = self.rng.randint(0, 3)
        d = art["date"] - datetime.timedelta(days=k)
        r = self.rng.random()
        wd = WEEKDAYS[d.weekday()]
        if r < 0.55:
            pre = self.ch(WHEN_PRE)
            return pre + " " + wd + ("" if pre == "overnight into" else self.ch(WHEN_PART))
        if r < 0.70:
            return "on %s %d" % (MONTHS[d.month - 1], d.day) if art["us"] else "on %d %s" % (d.day, MONTHS[d.month - 1])
        if r < 0.80:
            return "on %s, %s %d" % (wd, MONTHS[d.month - 1], d.day)
        if r < 0.88:
            return "on " + wd
        if r < 0.94:
            return "this week"
        return "since " + wd

    def attribution(self, art):
        r = self.rng.random()
        src = self.ch(CASUALTY_SOURCES)
        if r < 0.40:
            return "according to " + src
        if r < 0.65:
            return src + " said"
        if r < 0.75:
            return "%s said on %s" % (src, WEEKDAYS[art["date"].weekday()])
        if r < 0.85:
            return "%s, a spokesperson for %s, told %s" % (self.person(), src, self.ch(OUTLETS))
        if r < 0.93:
            return self.ch(SHORT_SOURCES) + " said"
        return "%s reported, citing %s" % (self.ch(["state media", "local media", "activists"]), self.ch(["medical sources", "residents", "a security official"]))

    def quote(self, art, text, who, role):
        lq, rq = art["quotes"]
        r = self.rng.random()
        if r < 0.6:
            return "%s%s,%s said %s, %s." % (lq, text, rq, who, role)
        if r < 0.85:
            return "%s%s,%s %s, %s, told %s." % (lq, text, rq, who, role, self.ch(OUTLETS))
        return "%s, %s, said: %s%s.%s" % (who, role, lq, text, rq)

    # -- sentences

    def casualty_sentence(self, art):
        p = self.ch(art["cast"])
        n = self.count()
        t = self.rng.randrange(12)
        ev = self.ch(EVENTS)
        if t == 0:
            return "%s %s %s in %s %s %s, %s." % (self.qnum(n, True), self.ch(VICTIMS), self.ch(DIED), ev,
                                                 self.in_place(art, p), self.when(art), self.attribution(art))
        if t == 1:
            return "%s %s %s killed %s %s and wounded %s others, %s." % (
                cap(ev), self.in_place(art, p), self.when(art), self.qnum(n), self.ch(VICTIMS),
                self.num(self.rng.randint(max(2, n // 2), 3 * n + 2)), self.attribution(art))
        if t == 2:
            return "The death toll from %s %s rose to %s %s, %s." % (
                ev, self.in_place(art, p), self.qnum(n + self.count()), self.when(art), self.attribution(art))
        if t == 3:
            return "According to %s, %s %s %s %s %s." % (self.ch(CASUALTY_SOURCES), self.qnum(n), self.ch(VICTIMS),
                                           self.ch(DIED), self.in_place(art, p), self.when(art))
        if t == 4:
            d = art["date"] - datetime.timedelta(days=self.rng.randint(2, 9))
            since = "%s %d" % (MONTHS[d.month - 1], d.day) if art["us"] else "%d %s" % (d.day, MONTHS[d.month - 1])
            return "%s said it had documented %s deaths in %s since %s, among them %s children." % (
                cap(self.ch(CASUALTY_SOURCES)), self.qnum(n * 3 + 5), self.pname(art, p), since,
                self.num(max(2, n // 4)))
        if t == 5:
            return "Medics at the hospital %s said they had received %s bodies and treated %s wounded." % (
                self.in_place(art, p), self.num(n), self.qnum(self.count()))
        if t == 6:
            return "%s, %s, said %s people had been killed in the village alone." % (
                self.person(), self.role(art, p), self.qnum(n))
        if t == 7:
            return "Among the dead were %s children and %s women, %s." % (
                self.num(max(2, n // 3)), self.num(max(2, n // 5)), self.attribution(art))
        if t == 8:
            return "%s %s %s in %s near %s, the %s ministry said %s." % (
                self.qnum(n, True), self.ch(["members of the security forces", "soldiers", "police officers"]),
                self.ch(DIED), self.ch(["an ambush", "an attack", "a roadside bomb"]), self.pname(art, p),
                self.ch(["interior", "defence"]), self.when(art))
        if t == 9:
            return "%s %s %s and %s %s %s %s %s." % (
                self.qnum(n, True), self.ch(VICTIMS), self.ch(DIED), self.num(self.rng.randint(max(2, n // 2), 3 * n + 2)),
                self.ch(["others", "more"]), self.ch(HURT), self.in_place(art, p), self.when(art))
        if t == 10:
            return "In %s, %s %s were reported dead after %s, while %s %s." % (
                self.pname(art, p), self.qnum(n), self.ch(VICTIMS), ev, self.qnum(self.count()),
                self.ch(HURT))
        return "No casualties were reported in %s %s, but %s %s." % (
            self.ch(NONFATAL_EVENTS), self.in_place(art, p), self.qnum(self.count()),
            self.ch(["people were detained", "shops were damaged", "cars were set on fire",
                     "families left their homes"]))

    def role(self, art, p):
        return self.ch(CONFLICT_ROLES).replace("{P}", self.pname(art, p)).replace("{O}", self.ch(CASUALTY_SOURCES))

    def other(self, art, p):
        """Another place of the article's cast than p, or a neighbour of p."""
        rest = [q for q in art["cast"] if q is not p] or p.near
        return self.ch(rest) if rest else p

    def event_sentence(self, art):
        p = self.ch(art["cast"])
        t = self.rng.randrange(6)
        if t == 0:
            return "Security forces imposed %s %s %s after %s." % (
                self.ch(["a curfew", "a night-time curfew", "road closures"]), self.in_place(art, p),
                self.when(art), self.ch(EVENTS))
        if t == 1:
            return "Hundreds of people joined %s %s %s to demand %s." % (
                self.ch(["a protest", "a march", "a sit-in"]), self.in_place(art, p), self.when(art),
                self.ch(["justice for the victims", "the release of detainees", "the withdrawal of armed groups",
                         "an end to the killings"]))
        if t == 2:
            return "Reinforcements were sent to %s and %s %s, %s." % (
                self.pname(art, p), self.pname(art, self.other(art, p)), self.when(art), self.attribution(art))
        if t == 3:
            return "Witnesses described %s %s that lasted several hours." % (self.ch(EVENTS), self.in_place(art, p))
        if t == 4:
            return "The road between %s and %s was closed %s." % (
                self.pname(art, p), self.pname(art, self.other(art, p)), self.when(art))
        return "%s condemned the %s %s and called for %s." % (
            cap(self.ch(["the foreign ministry of " + self.ch(COUNTRIES), "the UN envoy", "the Arab League",
                         self.ch(DEMONYMS) + " officials", "the European Union"])),
            self.ch(["violence", "killings", "attack", "clashes"]), self.in_place(art, p),
            self.ch(["calm", "an investigation", "dialogue", "the protection of civilians"]))

    def flow_sentence(self, art):
        src = self.ch(art["cast"])
        dst = self.ch(self.lebanon) if self.rng.random() < 0.5 else self.ch(src.near or self.syria)
        n = self.count(big=True)
        t = self.rng.randrange(7)
        if t == 0:
            return "%s people have fled %s for %s %s, %s." % (
                self.qnum(n, True), self.pname(art, src), self.pname(art, dst), self.when(art), self.ch(FLOW_SOURCES) + " said")
        if t == 1:
            return "%s Syrians crossed into Lebanon %s, %s said, most of them heading for %s." % (
                self.qnum(n, True), self.when(art), self.ch(FLOW_SOURCES), self.pname(art, dst))
        if t == 2:
            return "%s said %s families had arrived in %s from %s, most of them women and children." % (
                cap(self.ch(FLOW_SOURCES)), self.qnum(max(1, n // 5)), self.pname(art, dst), self.pname(art, src))
        if t == 3:
            return "Some %s residents were displaced from villages around %s to %s." % (
                self.num(n), self.pname(art, src), self.pname(art, dst))
        if t == 4:
            return "In %s, %s new arrivals were registered %s, %s." % (
                self.pname(art, dst), self.qnum(n), self.when(art), "according to " + self.ch(FLOW_SOURCES))
        if t == 5:
            return "About %s people have returned to their homes in %s since the fighting eased." % (
                self.num(n), self.pname(art, src))
        return "Shelters in %s are already full, and %s people are sleeping in schools and mosques, %s." % (
            self.pname(art, dst), self.qnum(n), self.ch(FLOW_SOURCES) + " said")

    def plain_sentence(self, art, topic):
        r = self.rng.random()
        x = None
        if r < 0.35:
            pass
        elif r < 0.45:
            x = self.pick(art, G_PLAIN)
        elif r < 0.52:
            x = self.pick(art, QUOTES_PLAIN)
            x = x and self.quote(art, x, self.person(), self.ch(PLAIN_ROLES))
        else:
            x = self.pick(art, TOPICS[topic])
            x = x and self.fill(art, x)
        return x or self.generic()

    _slot = re.compile(r"\{(\w+)\}")

    def fill(self, art, template):
        last_price = [0]

        def one(m):
            k = m.group(1)
            if k in FILL:
                return self.ch(FILL[k])
            if k == "pct":
                return str(self.rng.randint(2, 65))
            if k == "rate":
                return "%d.%d" % (self.rng.randint(2, 40), self.rng.randint(0, 9))
            if k == "price":
                last_price[0] = self.rng.randint(5, 900) * 100
                return "{:,}".format(last_price[0])
            if k == "price2":
                return "{:,}".format(max(100, int(last_price[0] * self.rng.uniform(0.3, 0.9)) // 100 * 100))
            if k == "fx":
                return "{:,}".format(self.rng.randint(90, 160) * 100)
            if k in ("hours", "weeks", "n_small"):
                return self.num(self.rng.randint(2, 12))
            if k in ("n", "n2"):
                return self.num(self.rng.randint(3, 140))
            if k == "big":
                return self.num(self.rng.randint(8, 900) * 50)
            if k == "ordinal":
                return self.ch(["second", "third", "fourth", "fifth", "tenth", "twelfth", "first"])
            if k in ("weekday", "weekday2"):
                return self.ch(WEEKDAYS)
            if k == "month":
                return self.ch(MONTHS)
            if k == "day":
                return str(self.rng.randint(1, 28))
            if k == "year_past":
                return str(self.rng.randint(2011, 2023))
            if k == "year_next":
                return str(self.rng.randint(2026, 2030))
            if k == "years":
                return self.num(self.rng.randint(5, 30))
            if k == "temp":
                return str(self.rng.randint(-3, 41))
            if k == "alt":
                return "{:,}".format(self.rng.randint(8, 20) * 100)
            if k in ("country", "country2"):
                return self.ch(COUNTRIES)
            if k == "porg":
                return self.ch(PLAIN_ORGS)
            if k == "health_org":
                return self.ch(["the health ministry", "the World Health Organization", "UNICEF",
                                "doctors at the children's hospital", "the medical syndicate"])
            if k == "econ_org":
                return self.ch(["The World Bank", "The International Monetary Fund", "The statistics office",
                                "The central bank", "A study by two university economists"])
            if k == "person":
                return self.person()
            if k in ("team", "team2"):
                return self.ch(FILL["team"])
            if k == "quality2":
                return self.ch([q for q in FILL["quality"] if q not in m.string])
            return m.group(0)
        return self._slot.sub(one, template)

    # -- paragraphs and articles

    def pick(self, art, pool):
        """An item of pool (sentence or template) the article has not used yet, or None."""
        for _ in range(4):
            x = self.ch(pool)
            if x not in art["used"]:
                art["used"].add(x)
                return x
        return None

    def generic(self):
        r = self.rng.random()
        if r < 0.55:
            return self.ch(G_SUBJ) + " " + self.ch(G_VERB) + " " + self.ch(G_OBJ) + self.ch(G_TAIL) + "."
        if r < 0.80:
            return "%s, %s %s %s%s." % (self.ch(G_SETTING), self.ch(G_SUBJ).lower(), self.ch(G_VERB),
                                        self.ch(G_OBJ), self.ch(G_TAIL))
        return "%s, %s, said %s." % (self.person(), self.ch(PLAIN_ROLES), self.ch(G_THAT))

    def background(self, art):
        s = []
        for _ in range(self.rng.randint(1, 4)):
            r = self.rng.random()
            if r < 0.45:
                x = self.pick(art, G_BACKGROUND)
            elif r < 0.85:
                x = None
            else:
                x = self.pick(art, TOPICS["economy"])
                x = x and self.fill(art, x)
            s.append(x or self.generic())
        return " ".join(s)

    def plain_paragraph(self, art, topic):
        return " ".join(self.plain_sentence(art, topic) for _ in range(self.rng.randint(1, 4)))

    def headline(self, art, kind):
        p = art["cast"][0] if art["cast"] else None
        if kind == "conflict":
            n = self.count()
            t = self.rng.randrange(6)
            if t == 0:
                return "%s killed in %s in %s" % (cap(self.qnum(n)), self.ch(EVENTS), self.pname(art, p, True))
            if t == 1:
                return "Death toll in %s clashes rises to %s" % (self.pname(art, p, True), self.num(n + 20))
            if t == 2:
                return "%s reports %s dead on %s" % (cap(self.ch(CASUALTY_SOURCES)), self.num(n), WEEKDAYS[art["date"].weekday()])
            if t == 3:
                return "Fear and anger in %s after a night of violence" % self.pname(art, p, True)
            if t == 4:
                return "Curfew imposed in %s as fighting spreads" % self.pname(art, p, True)
            return "What we know about the killings in %s" % self.pname(art, p, True)
        if kind == "flow":
            t = self.rng.randrange(4)
            if t == 0:
                return "Thousands flee %s as fighting spreads" % self.pname(art, p, True)
            if t == 1:
                return "Families from %s find shelter across the border" % self.pname(art, p, True)
            if t == 2:
                return "Aid groups struggle to keep up with new arrivals in Lebanon"
            return "UN warns of growing displacement from %s" % self.pname(art, p, True)
        return self.ch({
            "economy": ["Bread prices climb for a third month", "Central bank holds rates steady",
                        "Traders count the cost of fuel shortages", "Small businesses look for a way back"],
            "weather": ["Storm brings rain, snow and power cuts", "Weekend forecast: clear skies, cold nights",
                        "Farmers welcome the first rain of the season"],
            "culture": ["Film festival opens with record crowds", "A novel of exile and return",
                        "Old cinema reopens its doors", "Exhibition brings hidden works to light"],
            "sport": ["Late goal keeps title race alive", "Derby ends in stalemate",
                      "Coach under pressure after another defeat", "Federation sets licensing deadline"],
            "health": ["Vaccination drive targets children under five", "Pharmacies run short of insulin",
                       "New clinic offers free check-ups"],
            "education": ["Exam season begins for secondary students", "Teachers press for higher pay",
                          "University to open new faculties"],
            "heritage": ["Restoring the citadel, stone by stone", "Mosaic floor found under old market",
                         "Museum catalogues its collection for the first time"],
            "technology": ["Young developers build apps for hard times", "Outages test patience of online workers"],
            "transport": ["Ferry service to resume after long pause", "Coastal highway falls behind schedule"],
        }[kind])

    def article(self):
        rng = self.rng
        date = self.day0 + datetime.timedelta(days=rng.randint(0, 210))
        curly = rng.random() < 0.5
        art = {"date": date, "forms": {}, "us": rng.random() < 0.5, "used": set(),
               "quotes": ("\u201c", "\u201d") if curly else ('"', '"')}
        r = rng.random()
        kind = "conflict" if r < 0.40 else "flow" if r < 0.50 else self.ch(sorted(TOPICS))
        if kind in ("conflict", "flow"):
            focus = self.place()
            cast = [focus] + focus.near[: rng.randint(0, 4)]
            art["cast"] = cast
        else:
            art["cast"] = []
        lines = [self.headline(art, kind)]
        r = rng.random()
        outlet = self.ch(OUTLETS)
        if r < 0.30:
            lines.append("By %s, %s" % (self.person(), outlet))
        elif r < 0.55 and art["cast"]:
            p = art["cast"][0]
            lines.append("%s, %s (%s) \u2014" % (self.pname(art, p, True).upper(),
                                                 "Syria" if p.cc == "SY" else "Lebanon", outlet))
        elif r < 0.75:
            lines.append("%s %d %s %d, %02d:%02d" % (WEEKDAYS[date.weekday()], date.day, MONTHS[date.month - 1],
                                                   date.year, rng.randint(6, 23), rng.randint(0, 59)))
        paras = []
        if kind == "conflict":
            paras.append(self.casualty_sentence(art) + (" " + self.event_sentence(art) if rng.random() < 0.4 else ""))
            for _ in range(rng.randint(5, 16)):
                r = rng.random()
                if r < 0.22:
                    paras.append(self.casualty_sentence(art) + (" " + (self.pick(art, G_BACKGROUND) or self.generic())
                                                                  if rng.random() < 0.5 else ""))
                elif r < 0.35:
                    paras.append(self.event_sentence(art))
                elif r < 0.45:
                    p = self.ch(art["cast"])
                    paras.append(self.quote(art, self.pick(art, QUOTES_CONFLICT) or self.ch(QUOTES_CONFLICT), self.person(), self.role(art, p)))
                elif r < 0.50:
                    paras.append(self.flow_sentence(art))
                elif r < 0.53 and self.foreign:
                    paras.append("Officials from %s and %s are due to meet in %s%s to discuss the situation." % (
                        self.ch(COUNTRIES), self.ch(COUNTRIES), self.pname(art, self.ch(self.foreign)),
                        " on " + self.ch(WEEKDAYS) if rng.random() < 0.5 else ""))
                else:
                    paras.append(self.background(art))
        elif kind == "flow":
            paras.append(self.flow_sentence(art))
            for _ in range(rng.randint(4, 12)):
                r = rng.random()
                if r < 0.30:
                    paras.append(self.flow_sentence(art))
                elif r < 0.40:
                    paras.append(self.casualty_sentence(art))
                elif r < 0.50:
                    p = self.ch(art["cast"])
                    paras.append(self.quote(art, self.pick(art, QUOTES_CONFLICT) or self.ch(QUOTES_CONFLICT), self.person(), self.role(art, p)))
                else:
                    paras.append(self.background(art))
        else:
            n = rng.randint(4, 14) if rng.random() < 0.85 else rng.randint(20, 40)
            for _ in range(n):
                paras.append(self.plain_paragraph(art, kind))
        # a subheading now and then
        if len(paras) > 6 and rng.random() < 0.4:
            at = rng.randint(3, len(paras) - 2)
            paras.insert(at, self.ch(["A long night", "Calls for calm", "What happens next", "Counting the cost",
                                      "Looking for answers", "A fragile balance", "Life goes on", "Waiting"]))
        if curly:
            lines = [curl(x) for x in lines]
            paras = [curl(x) for x in paras]
        return kind, date, lines, paras


_PLACE_RE = re.compile("(" + PL0 + "[^" + PL1 + "]*" + PL1 + ")")


def curl(s):
    """Curly apostrophes outside place names (straight quotes are already chosen per article)."""
    if "'" not in s:
        return s
    parts = _PLACE_RE.split(s)
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("'", "\u2019")
    return "".join(parts)


STRIP = {ord(PL0): None, ord(PL1): None}


def as_text(lines, paras):
    return ("\n".join(lines) + "\n" + "\n".join(paras) + "\n").translate(STRIP)


# --------------------------------------------------------------------------
# HTML

HTML_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Middle East &amp; North Africa &ndash; Latest news | {outlet}</title>
<link rel="stylesheet" href="/static/css/site.3f9a1c.css">
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}}
  var cfg = {{section: "middle-east", tags: ["syria", "lebanon"], paywall: false}};
  if (document.cookie.indexOf("consent=1") < 0 && cfg.paywall !== true) {{
    document.write('<div class="consent">We use cookies<\\/div>');
  }}
  for (var i = 0; i < 3 && i <= cfg.tags.length; i++) {{ gtag("event", "tag", cfg.tags[i]); }}
</script>
<style>
  body {{ font-family: Georgia, serif; margin: 0 auto; max-width: 46em; }}
  article > h2 {{ font-size: 1.6em; }}
  .byline, time {{ color: #666; }}
  a[href^="/topics/"]::after {{ content: " \\203A"; }}
</style>
</head>
<body class="section-mena">
<header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/world/middle-east">Middle East</a></li><li><a href="/topics/syria">Syria</a></li><li><a href="/topics/lebanon">Lebanon</a></li><li><a href="/business">Business &amp; Economy</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<noscript><p>Please enable JavaScript for the best experience.</p></noscript>
<main id="content">
"""

HTML_TAIL = """</main>
<footer><p>&copy; 2025 {outlet}. All rights reserved. <a href="/terms?lang=en&amp;v=2">Terms</a> &middot; <a href="/privacy">Privacy</a></p></footer>
<script src="/static/js/site.min.js" async></script>
</body>
</html>
"""

AD_SCRIPT = """<div class="ad" id="ad-{n}"><!-- ad slot {n} -->
<script>
  googletag.cmd.push(function() {{ googletag.display("ad-{n}"); if (window.innerWidth < 720 && {n} > 2) {{ return; }} }});
</script>
</div>
"""


def _html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if c.isascii() and (c.isalnum() or c in " -")).strip().lower()
    return re.sub(r"[ -]+", "-", s) or "place"


class Html:
    def __init__(self, rng):
        self.rng = rng

    def inline(self, s, style):
        """Escape, entities in the page's style, links on some place names."""
        rng = self.rng
        s = _html_escape(s)
        if style == 0:
            s = s.replace("\u2019", "&rsquo;").replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;")
        elif style == 1:
            s = s.replace("\u2019", "&#8217;").replace("\u201c", "&#8220;").replace("\u201d", "&#8221;")
        s = s.replace("\u2014", "&mdash;")

        def place(m):
            name = m.group(1)
            if name and "\u0621" <= name[0] <= "\u0652":
                if rng.random() < 0.25:
                    return "".join("&#%d;" % ord(c) if c != " " else " " for c in name)
                return name
            r = rng.random()
            if r < 0.35:
                return '<a href="/topics/%s">%s</a>' % (_slug(name), name)
            if r < 0.42:
                return "<strong>%s</strong>" % name
            return name
        s = re.sub(PL0 + "([^" + PL1 + "]*)" + PL1, place, s)
        if rng.random() < 0.3:
            s = re.sub(r"(\d) (people|civilians|children|families|soldiers|residents)", r"\1&nbsp;\2", s, count=1)
        if rng.random() < 0.1:
            s = s.replace(" according to ", " <em>according to</em> ", 1)
        return s

    def article(self, n, kind, date, lines, paras, outlet):
        rng = self.rng
        style = rng.randrange(3)
        head = self.inline(lines[0], style)
        plain_head = lines[0].translate(STRIP).replace("\\", "\\\\").replace('"', '\\"')
        out = ['<article id="a%d" class="story story-%s">' % (n, kind)]
        out.append('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                   '"headline": "%s", "datePublished": "%sT%02d:%02d:00+02:00", "publisher": {"@type": "Organization", '
                   '"name": "%s"}}</script>' % (plain_head, date.isoformat(), rng.randint(6, 23), rng.randint(0, 59), outlet))
        out.append("<h2>%s</h2>" % head)
        for extra in lines[1:]:
            out.append('<p class="byline">%s</p>' % self.inline(extra, style))
        out.append('<time datetime="%s">%d %s %d</time>' % (date.isoformat(), date.day, MONTHS[date.month - 1], date.year))
        out.append('<div class="article-body">')
        for i, p in enumerate(paras):
            if i == 1 and rng.random() < 0.3:
                out.append('<figure><img src="/img/%d.jpg" alt="Photo" width="800" height="450" loading="lazy">'
                           "<figcaption>%s Photo: %s</figcaption></figure>" % (
                               rng.randint(10000, 99999), self.inline(self.caption(p), style), outlet))
            if len(p) < 40 and not p.endswith("."):
                out.append("<h3>%s</h3>" % self.inline(p, style))
            else:
                out.append("<p>%s</p>" % self.inline(p, style))
        out.append("</div><!-- /.article-body -->")
        if rng.random() < 0.5:
            out.append('<aside class="related"><h4>Related</h4><ul><li><a href="/news/%d">Read more &raquo;</a></li>'
                       '<li><a href="/news/%d?ref=related&amp;pos=2">Analysis &amp; opinion</a></li></ul></aside>' % (
                           rng.randint(100000, 999999), rng.randint(100000, 999999)))
        out.append("</article>")
        return "\n".join(out) + "\n"

    @staticmethod
    def caption(p):
        m = re.search(PL0 + "[^" + PL1 + "]*" + PL1, p)
        return ("A street in %s." % m.group(0)) if m else "A view of the old town."


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description="Synthetic English news text for bench/extract.")
    ap.add_argument("mb", type=float, help="megabytes to write (1 MB = 1,000,000 bytes; ends on a whole article)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--html", action="store_true", help="one HTML page instead of plain text")
    ap.add_argument("--gazetteer", default=DEFAULT_GAZETTEER, help="GeoNames file (default: geodata/geonames-levant.txt)")
    ap.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    a = ap.parse_args()
    if a.mb <= 0:
        ap.error("MB must be more than 0")
    target = int(a.mb * 1000000)
    places, foreign = load_gazetteer(a.gazetteer)
    rng = random.Random(a.seed)
    gen = Gen(rng, places, foreign)
    out = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    written = 0
    chunk = []
    chunk_bytes = 0

    def emit(s):
        nonlocal written, chunk_bytes
        b = s.encode("utf-8")
        chunk.append(b)
        chunk_bytes += len(b)
        written += len(b)
        if chunk_bytes >= 1 << 20:
            out.write(b"".join(chunk))
            chunk.clear()
            chunk_bytes = 0

    if a.html:
        html = Html(random.Random(a.seed * 7919 + 1))
        outlet = OUTLETS[a.seed % len(OUTLETS)]
        tail = HTML_TAIL.format(outlet=outlet)
        emit(HTML_HEAD.format(outlet=outlet))
        n = 0
        while written + len(tail) < target:
            n += 1
            kind, date, lines, paras = gen.article()
            emit(html.article(n, kind, date, lines, paras, outlet))
            if n % 5 == 0:
                emit(AD_SCRIPT.format(n=n // 5))
        emit(tail)
    else:
        first = True
        while written < target:
            kind, date, lines, paras = gen.article()
            emit(("" if first else "\n") + as_text(lines, paras))
            first = False
    out.write(b"".join(chunk))
    out.flush()
    if out is not sys.stdout.buffer:
        out.close()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(0)
