"""Realistic synthetic news articles for the scale benchmarks, as HTML pages in a WARC.

Length follows the shape of real news: log-normal around ~700 words, clipped to 300–2,000.
Each article has a headline, a byline, a date, paragraphs of 2–4 sentences, and direct quotes
from named (fictional) commentators at roughly one quote per 120 words, attributed the ways
newspapers do ("…," said Name. / Name, a role at Org, said: "…"), with the topic words of the
fb-messaging-integration dataset so the crawl's relevance filter keeps the pages. Everything
is seeded: the same --seed gives the same pages. All people, places and outlets are invented.

Independent articles are as unlike each other as independent reports of one story: they share
few 5-word runs, so the syndication pass (MinHash + LSH over 5-word shingles) finds few candidate
pairs among them, as it does on real coverage, and the benchmarks do not over-state its cost.
For that, a sentence is put together from a large vocabulary (subjects, verbs, objects,
modifiers, numbers, dates) with at most a few fixed words between the slots, and each article
has its own particulars — commentators, a town, local bodies and firms — that recur through it as
a real story's do. No page copies another: benchmarks that need syndicated copies make them
(benchmarks/derived_memory.py).

    .venv/bin/python benchmarks/synthetic.py 1000 /tmp/bench/synthetic.warc.gz
"""

from __future__ import annotations

import argparse
import html
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from presswatch.store.archive import record_id, write_request, write_response

# --- invented names: parts combined, so an article's cast and town are rarely another's ---------
FIRST = ("Maren Tobias Ines Kofi Lena Rafael Yuki Aurelie Dmitri Osman Clara Henrik Nadia Samir Greta "
         "Jonas Leila Marek Ondine Bram Celeste Dario Elif Fintan Gwen Hamid Ilse Joaquin Kasia Lorcan "
         "Mireille Nuno Orla Pavel Quentin Rosalind Stellan Tamsin Ugo Vesna Wendell Ximena Yannick "
         "Zofia Anouk Bertil Cosima Desmond Emeric Fenna Gideon Halima Ivo Jolene Kristof Lucja Mattias "
         "Noor Odile Piet").split()
SURNAME_HEAD = ("Ash Brann Corr Dunn Ell Farr Gall Hask Ivel Kest Lorr Mabb Nett Orr Pell Quill Rusk Sell "
                "Tarr Ulv Vell Wend Yarr Zell Bex Cald Dorr Emm Fenn Grell").split()
SURNAME_TAIL = ("acott agh ington worth ley holt vale berg more ridge stone mere ford wick by ard ow en "
                "ette ane").split()
PLACE_HEAD = ("Kel Dun Mar Tor Bal Ast Wyn Cor Fel Hal Lind Mor Nar Ost Pen Ros Sal Tav Ven Yel Zan "
              "Brae Carr Drum Gar Hob Ist Jor Quen Thal").split()
PLACE_TAIL = "haven mere bury field stead wick port mouth dale holm brook cross minster gate hythe lowe".split()
BODY_KIND = ("data protection office, consumer council, competition board, digital affairs committee, "
             "trading standards office, privacy commissioner, telecoms regulator, city council, "
             "chamber of commerce, schools board, police service, hospital trust, bar association, "
             "small business federation, press council, ombudsman, transport authority, library service").split(", ")
INSTITUTE = ("University, Institute of Technology, School of Law, Policy Institute, Centre for Digital Rights, "
             "Privacy Lab, Consumer Alliance, Competition Forum, Research Group, Data Trust, Business School, "
             "Internet Society, College, Security Institute, Media Observatory").split(", ")
FIRM = ("Partners, Analytics, Advisory, Research, Strategy, Economics, Legal, Insights, Digital, Labs").split(", ")
ROLES = ("a privacy researcher, an antitrust lawyer, a senior analyst, a former competition official, "
         "a professor of computer science, a cryptographer, the policy director, a fellow, a spokesperson, "
         "the head of research, an economist, a security engineer, a professor of law, a consumer advocate, "
         "the chief executive, a digital rights campaigner, a lecturer in media studies, a partner, "
         "an associate professor, the founder, a data protection lawyer, a researcher, a former engineer, "
         "a board member, the general counsel, a visiting scholar, the research director").split(", ")

# --- the topic: the dataset's keywords and knowledge-base names --------------------------------------
PRODUCTS = ["WhatsApp", "Messenger", "Instagram"]
COMPANY = ["Facebook", "the company", "the social network", "Facebook's engineers", "Facebook executives"]
REGULATORS = ("the FTC, the Federal Trade Commission, the European Commission, regulators, antitrust enforcers, "
              "privacy regulators, data protection authorities, lawmakers, competition officials").split(", ")
TOPIC_OBJECTS = ("end-to-end encryption, the messaging integration, interoperability, data sharing, user data, "
                 "metadata, phone numbers, targeted advertising, the antitrust case, the merged inbox, "
                 "the integration, cross-app messaging, encrypted backups, personal data, the merger of the "
                 "messaging services, account identifiers, the shared back end, privacy controls").split(", ")
PRODUCT_PARTS = ("inbox, encryption keys, contact sync, backup system, group chats, business accounts, "
                 "message requests, login flow, ad tools, privacy settings, payment feature, search tool, "
                 "spam filters, status updates, voice calls, sticker store, safety notices, data policy").split(", ")

# --- the open vocabulary --------------------------------------------------------------------------
ADJ = ("new, revised, encrypted, unencrypted, optional, mandatory, shared, separate, unified, cross-app, "
       "default, internal, leaked, draft, delayed, cheaper, slower, stricter, looser, older, larger, "
       "smaller, temporary, permanent, voluntary, public, regional, national, local, experimental, disputed, "
       "long-awaited, sudden, costly, modest, ambitious, complex, simpler, hidden, technical, legal, "
       "commercial, promised, rejected, overdue, second, final, quarterly, confidential, redacted").split(", ")
THING_SG = ("backup system, login flow, privacy policy, contact list, chat archive, rollout, audit, "
            "complaint, proposal, review, settlement, lawsuit, timetable, pilot, roadmap, consultation, "
            "filing, hearing, budget, report, survey, appeal, deadline, warning, exemption, fine, contract, "
            "feature, key server, spam filter, payment service, support page, design, compromise, standard, "
            "opt-out, consent screen, verification step, data map, transition plan, memo, licence, code of "
            "practice, impact assessment, test run, software update, job advert, press release, briefing").split(", ")
THING_PL = ("messages, contact lists, identifiers, backups, group chats, ads, safeguards, encryption keys, "
            "profiles, accounts, chat logs, complaints, reports, settings, notifications, payments, voice "
            "calls, photos, usage figures, rules, fines, filings, documents, emails, screenshots, app updates, "
            "features, terms of service, login records, support tickets, audit trails, consent forms, "
            "delivery receipts, location tags, read receipts, subpoenas, court papers, slide decks").split(", ")
GROUPS = ("users, teenagers, small businesses, advertisers, journalists, activists, engineers, parents, "
          "shareholders, rival apps, judges, moderators, developers, data brokers, newsrooms, schools, "
          "clinics, shop owners, pensioners, students, charities, union members, volunteers, landlords, "
          "taxi drivers, farmers, nurses, lawyers, customers, subscribers, researchers, council officials").split(", ")
QUANTIFIERS = ["many", "some", "most", "few", "several", "younger", "older", "smaller", "rural", "urban", "", ""]
KINDS = ["younger", "older", "rural", "urban", "local", "independent", "first-time", "", "", ""]  # after "percent of"
# Verbs done to things (a policy, a feature, a filing) and verbs done to parties (a regulator, a firm).
THING_VERBS = ("expand limit delay review question defend rewrite/rewrote pause approve block test audit "
               "publish withdraw share merge encrypt store delete collect restrict challenge welcome fund "
               "cancel/cancelled announce postpone simplify/simplified copy/copied weaken strengthen explain "
               "track label/labelled scan/scanned disclose flag/flagged hide/hid reopen settle document "
               "measure estimate promote resist adopt reject support examine extend shorten redesign monitor "
               "overhaul drop/dropped map/mapped log/logged chart rebuild/rebuilt "
               "leak archive compare translate price").split()
PARTY_VERBS = ("criticise question challenge support welcome fund investigate ignore warn consult brief "
               "lobby/lobbied sue fine contact thank accuse invite rebuke reassure court pressure overrule").split()
MODALS = ("could, would, might, will, may, should, must, cannot, did not, would not, could soon, may never, "
          "will still, should not, might yet, will probably, could eventually").split(", ")
ADVERBS = ("quietly, quickly, already, briefly, partly, openly, publicly, privately, formally, repeatedly, "
           "sharply, narrowly, largely, reluctantly, abruptly, gradually, finally, once").split(", ")
REPORT = ("said, argued, warned, noted, wrote, acknowledged, insisted, conceded, claimed, estimated, "
          "predicted, suggested, told the Ledger, reported, complained, explained").split(", ")
FOUND = ["found", "showed", "suggested", "estimated", "said"]  # "…, a survey by X found"
PLACE_KIND = ("small town, coastal town, former mill town, hillside town, commuter town, university city, "
              "market town, harbour city, riverside district, border county, island community, farming valley, "
              "fishing port, new town, spa town, cathedral city, mining town, lakeside resort, "
              "railway town").split(", ")
CONJ = ("while, although, after, because, before, even as, since, but, and, just as, until, whereas").split(", ")
OPENERS = ("However, Meanwhile, Still, By contrast, At the same time, For now, Separately, In practice, "
           "Even so, Privately, Publicly, On paper, In theory, For months, Until recently, Elsewhere, "
           "In a statement, In response, Behind the scenes, Crucially, Notably").split(", ")
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
UNITS = ["days", "weeks", "months", "years"]
PREDICATES = ("a real test, bad news, a step forward, a step backwards, a warning sign, good news, an open "
              "question, a gamble, long overdue, a distraction, a big deal, not enough, the wrong priority, "
              "a sensible start, hard to reverse, a costly mistake, exactly the problem, "
              "a fair compromise").split(", ")
FRAMES = ["I think", "I suspect", "My worry is that", "The risk is that", "The point is that", "Frankly,",
          "To be honest,", "I doubt that", "We expect that", "Nobody believes that", "What worries me is that",
          "The honest answer is that", "It is possible that", "In my experience,", "Our view is that"]
QUOTE_SUBJECTS = ["we", "I", "nobody", "people", "our members", "anyone", "everyone", "they", "you", "this", "that"]
HEAD_NOUNS = ("merger plan, encryption change, inbox overhaul, data-sharing rules, backup update, ad plan, "
              "integration, privacy shift, chat merger, login change, business tools, safety push").split(", ")
HEAD_VERBS = "faces draws prompts meets wins revives sparks tests splits deepens invites survives".split()
HEAD_OBJECTS = ("scrutiny, questions, pushback, criticism, cautious praise, a legal challenge, a new inquiry, "
                "calls for delay, a complaint, doubts, a boycott threat, a review, support, a rethink").split(", ")


@dataclass
class _Story:
    """One article's particulars, which recur through it as a real story's do."""

    people: list[tuple[str, str, str]]  # (name, role, organisation)
    places: list[str]
    bodies: list[str]  # local public bodies: "the Kelhaven consumer council"
    firms: list[str]


def _name(rng: random.Random, heads: list[str], tails: list[str]) -> str:
    return rng.choice(heads) + rng.choice(tails)


def _story(rng: random.Random) -> _Story:
    places = [_name(rng, PLACE_HEAD, PLACE_TAIL) for _ in range(rng.randint(1, 3))]
    people = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.6:
            org = f"{rng.choice(places + [_name(rng, PLACE_HEAD, PLACE_TAIL)])} {rng.choice(INSTITUTE)}"
        else:
            org = f"{_name(rng, SURNAME_HEAD, SURNAME_TAIL)} {rng.choice(FIRM)}"
        people.append((f"{rng.choice(FIRST)} {_name(rng, SURNAME_HEAD, SURNAME_TAIL)}", rng.choice(ROLES), org))
    bodies = [f"the {rng.choice(places)} {rng.choice(BODY_KIND)}" for _ in range(rng.randint(1, 3))]
    firms = [f"{_name(rng, SURNAME_HEAD, SURNAME_TAIL)} {rng.choice(FIRM)}" for _ in range(rng.randint(0, 2))]
    return _Story(people, places, bodies, firms)


# --- phrases ----------------------------------------------------------------------------------------

def _a(word: str) -> str:
    vowel = word[0].lower() in "aeiou" and not word.lower().startswith(("uni", "use", "one"))
    return ("an " if vowel else "a ") + word


def _verb(rng: random.Random, verbs: list[str]) -> tuple[str, str]:
    """(base, past) of a verb: "rewrite/rewrote" spells out a form the -ed rule gets wrong."""
    base, _, past = rng.choice(verbs).partition("/")
    if not past:
        past = base + ("d" if base.endswith("e") else "ed")
    return base, past


def _verb_phrase(rng: random.Random, verbs: list[str]) -> str:
    base, past = _verb(rng, verbs)
    if rng.random() < 0.55:
        return f"{rng.choice(ADVERBS)} {past}" if rng.random() < 0.2 else past
    return f"{rng.choice(MODALS)} {base}"


def _thing(rng: random.Random) -> str:
    adjective = f"{rng.choice(ADJ)} " if rng.random() < 0.6 else ""
    if rng.random() < 0.5:
        determiner = rng.choice(["the", "its", "a", "their", "this", "one"])
        phrase = f"{adjective}{rng.choice(THING_SG)}"
        return _a(phrase) if determiner == "a" else f"{determiner} {phrase}"
    determiner = rng.choice(["the", "its", "their", "more", "fewer", "those", ""])
    return f"{determiner} {adjective}{rng.choice(THING_PL)}".strip()


def _group(rng: random.Random, story: _Story, words: list[str] = QUANTIFIERS) -> str:
    where = f" in {rng.choice(story.places)}" if rng.random() < 0.3 else ""
    return f"{rng.choice(words)} {rng.choice(GROUPS)}{where}".strip()


def _weighted(rng: random.Random, *options: tuple[float, Callable[[], str]]) -> str:
    """One of the options, chosen by weight (a fraction; the last takes what is left); only it is built."""
    roll = rng.random()
    for weight, make in options:  # noqa: B007 - the chosen one is built after the loop
        roll -= weight
        if roll < 0:
            break
    return make()


def _party(rng: random.Random, story: _Story) -> str:
    """Someone who acts, speaks or is acted on: a topic company or regulator, or one of the story's own."""
    return _weighted(rng, (0.35, lambda: rng.choice(COMPANY + REGULATORS)),
                     (0.4, lambda: rng.choice(story.bodies + story.firms)), (0.25, lambda: _group(rng, story)))


def _subject(rng: random.Random, story: _Story, people: bool = True) -> str:
    """`people=False` in a quote: the speaker would be naming themselves."""
    return _weighted(rng, (0.15, lambda: rng.choice(PRODUCTS)), (0.45, lambda: _party(rng, story)),
                     (0.1 if people else 0, lambda: rng.choice(story.people)[0].split()[-1]),
                     (1, lambda: _thing(rng)))


def _object(rng: random.Random) -> str:
    return _weighted(rng, (0.2, lambda: rng.choice(TOPIC_OBJECTS)),
                     (0.18, lambda: f"{rng.choice(PRODUCTS)}'s {rng.choice(PRODUCT_PARTS)}"),
                     (1, lambda: _thing(rng)))


def _predicate(rng: random.Random, story: _Story) -> str:
    """Verb and object that go together: things are rewritten and delayed, parties are sued and consulted."""
    if rng.random() < 0.75:
        return f"{_verb_phrase(rng, THING_VERBS)} {_object(rng)}"
    return f"{_verb_phrase(rng, PARTY_VERBS)} {_party(rng, story)}"


def _number(rng: random.Random) -> str:
    return f"{int(math.exp(rng.uniform(math.log(3), math.log(90000)))):,}"


def _time(rng: random.Random) -> str:
    unit, month = rng.choice(UNITS), rng.choice(MONTHS)
    return rng.choice([  # a list of lambdas: only the chosen form draws its random parts
        lambda: f"on {rng.choice(WEEKDAYS)}", lambda: f"in {month}", lambda: f"last {unit[:-1]}",
        lambda: f"since {rng.randint(2012, 2025)}", lambda: f"by {month} {rng.randint(2019, 2027)}",
        lambda: f"earlier this {rng.choice(UNITS[1:])[:-1]}", lambda: f"within {rng.randint(2, 18)} {unit}",
        lambda: f"{rng.randint(2, 11)} {unit} ago", lambda: f"on {rng.randint(1, 28)} {month}",
        lambda: f"before the {rng.choice(['first', 'second', 'third', 'fourth'])} quarter",
        lambda: f"in late {month}",
    ])()


def _quantity(rng: random.Random, story: _Story) -> str:
    group = _group(rng, story, KINDS)
    return rng.choice([
        lambda: f"{rng.randint(2, 97)} percent of {group}", lambda: f"about {_number(rng)} {group}",
        lambda: f"nearly {rng.randint(2, 9)} in 10 {group}", lambda: f"more than {_number(rng)} {group}",
        lambda: f"{rng.randint(2, 40)} million {rng.choice(GROUPS)}", lambda: f"fewer than {_number(rng)} {group}",
    ])()


def _source(rng: random.Random, story: _Story) -> str:
    org, surname = rng.choice(story.people)[2], rng.choice(story.people)[0].split()[-1]
    body = rng.choice(story.bodies)
    return rng.choice([
        lambda: f"{rng.choice(['a', 'one', 'the latest', 'an annual'])} survey by {org}",
        lambda: f"{rng.choice(['new', 'unpublished', 'official', rng.choice(MONTHS)])} figures from {body}",
        lambda: f"{_a(rng.choice(['recent', 'public', 'sealed', 'late']))} filing with {body}",
        lambda: f"people {rng.choice(['familiar with', 'briefed on', 'involved in'])} {_thing(rng)}",
        lambda: f"{_a(rng.choice(MONTHS))} {rng.choice(['report', 'study', 'letter', 'memo'])} by {org}",
        lambda: f"{rng.choice(['documents', 'emails', 'slides', 'notes'])} "
                f"{rng.choice(['seen', 'obtained'])} by the Ledger",
        lambda: f"{surname}'s {rng.choice(['estimate', 'count', 'reading', 'own figures'])}",
        lambda: f"{_a(rng.choice(['internal', 'draft', 'leaked']))} {rng.choice(THING_SG)}",
    ])()


def _tail(rng: random.Random, story: _Story) -> str:
    return _weighted(rng, (0.35, lambda: " " + _time(rng)), (0.15, lambda: f" in {rng.choice(story.places)}"),
                     (0.12, lambda: f", according to {_source(rng, story)}"),
                     (0.1, lambda: f" for {_group(rng, story)}"), (1, lambda: ""))


def _clause(rng: random.Random, story: _Story, people: bool = True) -> str:
    return f"{_subject(rng, story, people)} {_predicate(rng, story)}"


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


# Shapes 2, 8 and 9 report what someone said ("X said that …"): at half the weight of the others,
# so indirect quotes run at about the rate of the direct ones, not above it.
SHAPE_WEIGHTS = [2, 2, 1, 2, 2, 2, 2, 2, 1, 1, 2, 2]


def _sentence(rng: random.Random, story: _Story) -> str:
    """A narrative sentence: one of a dozen shapes, every slot drawn from the open vocabulary."""
    shape, c = rng.choices(range(12), SHAPE_WEIGHTS)[0], rng.choice
    if shape == 0:
        text = f"{c(OPENERS)}, {_clause(rng, story)}{_tail(rng, story)}"
    elif shape == 1:
        text = f"{_clause(rng, story)}{_tail(rng, story)}, {c(CONJ)} {_clause(rng, story)}"
    elif shape == 2:
        text = f"{_party(rng, story)} {c(REPORT)} that {_clause(rng, story)}{_tail(rng, story)}"
    elif shape == 3:
        text = f"{_quantity(rng, story)} {_predicate(rng, story)} {_time(rng)}, {_source(rng, story)} {c(FOUND)}"
    elif shape == 4:
        text = (f"it {c(['remained', 'was', 'is still', 'seemed'])} "
                f"{c(['unclear', 'not clear', 'uncertain', 'too early to say', 'hard to tell', 'an open question'])} "
                f"{c(['whether', 'how', 'when', 'how far'])} {_subject(rng, story)} {c(MODALS[:5])} "
                f"{_verb(rng, THING_VERBS)[0]} {_object(rng)}")
    elif shape == 5:
        preposition = c(["under", "with", "without", "despite", "after", "beyond"])
        text = f"{preposition} {_object(rng)}, {_clause(rng, story)}"
    elif shape == 6:
        text = (f"{c(story.places)}, {_a(c(PLACE_KIND))} of {_number(rng)} people, "
                f"{_predicate(rng, story)} {_time(rng)}")
    elif shape == 7:
        text = f"{_clause(rng, story)}; {_clause(rng, story)}{_tail(rng, story)}"
    elif shape == 8:
        text = (f"{_thing(rng)} {c(MODALS)} {_verb(rng, THING_VERBS)[0]} {_object(rng)} "
                f"for {_group(rng, story)}, {_party(rng, story)} {c(REPORT)}")
    elif shape == 9:
        text = (f"asked about {_object(rng)}, {c(story.people)[0].split()[-1]} "
                f"{c(['said', 'replied', 'answered', 'noted'])} that {_clause(rng, story, people=False)}")
    elif shape == 10:
        text = (f"{rng.randint(2, 97)} percent of {_group(rng, story, KINDS)} {_predicate(rng, story)} "
                f"{_time(rng)}, {c(['up', 'down'])} from {rng.randint(2, 97)} percent {_time(rng)}")
    else:
        text = f"{_clause(rng, story)}{_tail(rng, story)}"
    return _capital(text) + "."


def _spoken(rng: random.Random, story: _Story) -> str:
    """One sentence of direct speech, in the speaker's own voice."""
    shape, c = rng.randrange(6), rng.choice
    if shape == 0:
        text = f"{c(QUOTE_SUBJECTS)} {_predicate(rng, story)}{_tail(rng, story)}"
    elif shape == 1:
        text = f"{c(FRAMES)} {_clause(rng, story, people=False)}"
    elif shape == 2:
        text = (f"{c(['this', 'that', 'the whole thing', _thing(rng)])} {c(['is', 'was', 'would be'])} "
                f"{c(PREDICATES)} for {_group(rng, story)}")
    elif shape == 3:
        text = (f"if {_clause(rng, story, people=False)}, {c(QUOTE_SUBJECTS)} would "
                f"{_verb(rng, THING_VERBS)[0]} {_object(rng)}")
    elif shape == 4:
        text = (f"there is {c(['no', 'every', 'little', 'a good'])} reason {_party(rng, story)} should "
                f"{_verb(rng, THING_VERBS)[0]} {_object(rng)}")
    else:
        text = f"{_group(rng, story)} {c(['deserve', 'want', 'need', 'expect', 'fear'])} {_object(rng)}"
    return _capital(text)


def _quote(rng: random.Random, story: _Story, first_use: set[str]) -> str:
    """A paragraph with one direct quote, attributed as newspapers do (full name and role first)."""
    name, role, org = rng.choice(story.people)
    said = ". ".join(_spoken(rng, story) for _ in range(rng.randint(1, 3)))
    surname = name.split()[-1]
    if name not in first_use:
        first_use.add(name)
        return rng.choice([
            lambda: f'{name}, {role} at {org}, said: "{said}."', lambda: f'"{said}," said {name}, {role} at {org}.',
            lambda: f'"{said}," {name}, {role} at {org}, {rng.choice(["said", "told the Ledger", "wrote"])}.',
        ])()
    verb = rng.choice(["said", "argued", "warned", "noted", "added", "told the Ledger"])
    return rng.choice([
        lambda: f'"{said}," {surname} {verb}.', lambda: f'"{said}," said {surname}.',
        lambda: f'{surname} added: "{said}."', lambda: f'"{said}," {surname} said. "{_spoken(rng, story)}."',
    ])()


def _headline(rng: random.Random, story: _Story) -> str:
    """Always names one of the apps: the relevance filter counts a title match double."""
    product, thing, c = rng.choice(PRODUCTS), rng.choice(HEAD_NOUNS), rng.choice
    return rng.choice([
        lambda: f"{product} {thing} {c(HEAD_VERBS)} {c(HEAD_OBJECTS)}",
        lambda: f"{product} {thing} {c(HEAD_VERBS)} {c(HEAD_OBJECTS)} in {story.places[0]}",
        lambda: f"{_capital(story.bodies[0])} {c(['questions', 'backs', 'studies', 'challenges'])} {product} {thing}",
        lambda: f"{_capital(c(GROUPS))} {c(['weigh', 'fear', 'welcome', 'question'])} {product} {thing}",
    ])()


def article(rng: random.Random, number: int) -> tuple[str, str]:
    """(title, HTML page) of article `number`."""
    words = int(min(2000, max(300, math.exp(rng.gauss(math.log(700), 0.45)))))
    story = _story(rng)
    title = _headline(rng, story)
    paragraphs, count, first_use = [], 0, set()
    while count < words:
        if rng.random() < 0.32:  # ~1 quote per 120 words (a narrative paragraph is ~60 words, a quote ~40)
            text = _quote(rng, story, first_use)
        else:
            text = " ".join(_sentence(rng, story) for _ in range(rng.randint(2, 4)))
        paragraphs.append(text)
        count += len(text.split())
    day = 1 + number % 28
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="article:published_time" content="2026-03-{day:02d}T08:00:00Z">'
            f'<meta name="author" content="Harbour Ledger staff"></head><body><article>'
            f'<h1>{html.escape(title)}</h1><p class="byline">By Harbour Ledger staff</p>{body}</article></body></html>')
    return title, page


def write_archive(count: int, out: Path, seed: int = 7, host: str = "harbour-ledger.example") -> list[str]:
    """A WARC of `count` synthetic article pages (request + response records); returns their URLs."""
    rng = random.Random(seed)
    urls = []
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as stream:
        for number in range(count):
            url = f"https://{host}/news/{number:06d}.html"
            _title, page = article(rng, number)
            date = f"2026-03-{1 + number % 28:02d}T09:00:00Z"
            write_request(stream, url, [("User-Agent", "presswatch-benchmark")], date, concurrent_to=record_id(url, date))
            write_response(stream, url, 200, [("Content-Type", "text/html; charset=utf-8")], page.encode("utf-8"), date)
            urls.append(url)
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    urls = write_archive(args.count, args.out, args.seed)
    print(f"{len(urls)} synthetic article pages → {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
