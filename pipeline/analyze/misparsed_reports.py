"""Reports the small model parses as something else, read as the reports they are: a report
after its clause hung on that clause's verb ("The vote will slip, an aide told reporters." as a
conjunct), a contracted "has" read as "is" ("She's said she plans to …" as a passive), a group
subject read as a modifier ("…, many argue, …"), a trailing cue's subject read as an object of
the clause before it, and a report without "that" read as a participle. Pure functions on the
parse, for the speech-verb reader (attribution.py)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import ADDRESSEE_VERBS, SPEECH_VERBS
from .speakers import is_plausible_speaker

SUBJECT_DEPS = ("nsubj", "nsubjpass")


# Verbs whose object is the one spoken to, not what was said.
_TOLD_VERBS = ADDRESSEE_VERBS | {"advise", "warn", "brief"}


def trails_its_clause(verb: Token) -> bool:
    """ "The vote will slip, the clerk's deputy, Ann Roe, told reporters." / "Costs will rise,
    the statistics agency said on Monday -- …": a report after the clause it reports, which
    the small model hangs on that clause's verb as a conjunct or an adverbial clause instead of
    making it the root. It has a subject of its own right after a comma, and nothing joins it
    to the clause before ("and she said", "as he said", "while officials said" are other
    readings). Its object, if any, is who was told ("the numbers said everything" says a thing),
    and its subject is one that can speak, as for a weak verb ("their eyes said plenty")."""
    if verb.dep_ not in ("conj", "advcl") or verb.head.i > verb.i:
        return False
    if verb.lemma_.lower() not in _TOLD_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    subject = subject or stolen_subject(verb)
    if subject is None or not is_plausible_speaker(subject, weak_verb=True):
        return False
    first = subject.left_edge.i
    if first == 0 or verb.doc[first - 1].text != ",":
        return False
    return not any(c.dep_ in ("cc", "mark") or c.tag_ in ("WRB", "WDT") for c in verb.lefts)


# Verbs whose passive takes a clause too: "she's told (that) she can stay" is said to her.
_SPOKEN_TO = ADDRESSEE_VERBS | {"ask", "advise", "warn", "urge"}


def contracted_perfect(verb: Token) -> bool:
    """ "She's said she plans to run", "X, who's claimed since May that …": the small model reads
    "'s" as "is" and makes a passive, but a passive "say" takes no clause of its own after it
    ("he's said to be", "it's said that" name nobody), so with one it is "has"."""
    aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return (
        aux is not None
        and aux.lower_ in ("'s", "’s")
        and verb.tag_ in ("VBN", "VBD")
        and verb.lemma_.lower() not in _SPOKEN_TO
        and subject is not None
        and subject.lower_ not in ("it", "this", "that")
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


# Words that can be a whole subject for people, which the small model tends to hang on a
# following verb as a modifier ("many" as amod of "argue").
_GROUP_WORDS = frozenset("some others many most several few both all".split())


def modifier_subject(verb: Token) -> Token | None:
    """ "That plan, many argue, would fail": the small model makes "many" a modifier of the
    verb right after it, leaving the verb no subject; a group word read as an adjective or a
    noun right before a finite verb that has no subject is its subject."""
    if verb.i == 0 or any(c.dep_ in SUBJECT_DEPS or c.tag_ == "TO" for c in verb.children):
        return None  # "are most likely to say": an infinitive has no subject of its own
    before = verb.doc[verb.i - 1]
    if before.head.i != verb.i or before.dep_ not in ("amod", "npadvmod", "nummod"):
        return None  # an adverb ("most", "all") says how, not who
    return before if before.lower_ in _GROUP_WORDS else None


# How the parse hangs a trailing cue's subject on the clause before: as its verb's object (not
# as a member of a list, or an apposition to the object of "according to").
_STOLEN_AS = frozenset({"dobj", "npadvmod"})


def stolen_subject(verb: Token) -> Token | None:
    """ "Costs will rise sharply, papers lodged with the court revealed." / "The plant will
    close, a company spokesman, Ed Park, said on Monday": a trailing cue whose subject the small
    model hung on the clause before it (an object of that clause's verb), leaving the cue a
    root or a conjunct with no subject; or, after a phrase that opens the sentence, an
    apposition to that phrase's object ("In addition to Roe, three senators, Ng and Li, have
    said"). The noun phrase set off by a comma that runs up to the verb is its subject, when it
    can speak (any noun for a strong verb, as for any subject)."""
    if verb.dep_ not in ("ROOT", "conj") or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    doc, last = verb.doc, verb.i - 1
    while last > 0 and doc[last].head.i == verb.i and doc[last].dep_ in ("aux", "advmod"):
        last -= 1  # "…, three senators have said", "…, officials also said"
    if last > 0 and doc[last].text == ",":
        last -= 1  # the comma closing an apposition: "a spokesman, Ed Park, said"
    if last <= verb.sent.start:
        return None
    phrase = doc[last]
    # up to the noun the phrase hangs from ("papers lodged with the court"), the first one after a
    # comma
    while not _after_a_comma(phrase):
        if not phrase.head.i < phrase.head.right_edge.i == last or phrase.head.i == phrase.i:
            return None
        phrase = phrase.head
    while phrase.head.i < phrase.i and phrase.head.right_edge.i == last:
        if not _after_a_comma(phrase.head):
            break
        phrase = phrase.head  # "three senators, Al Ng and Bo Li,": the list's head noun
    if phrase.dep_ == "appos" and _after_a_comma(phrase.head):
        phrase = phrase.head  # "a spokesman, Ed Park,": the whole apposition speaks
    if phrase.head.i > phrase.i or phrase.left_edge.i <= verb.sent.start:
        return None
    if not (phrase.dep_ in _STOLEN_AS and phrase.head.pos_ in ("VERB", "AUX")) and not (
        _fronted_apposition(phrase, verb)
    ):
        return None  # "hostility, slurs, shouting or violence": a list, not a speaker
    weak = verb.lemma_.lower() not in SPEECH_VERBS
    return phrase if is_plausible_speaker(phrase, weak_verb=weak) else None


def _fronted_apposition(phrase: Token, verb: Token) -> bool:
    """ "In addition to Ms. Roe, two council members, Al Ng and Bo Li, have said …": the subject
    read as an apposition to the object of a phrase that opens the sentence and hangs on the
    cue itself."""
    if phrase.dep_ != "appos" or phrase.head.dep_ != "pobj":
        return False
    opener = phrase.head.head
    while opener.head.i != verb.i:  # "In addition to": prepositions and their objects
        if opener.dep_ not in ("prep", "pobj") or opener.head.i == opener.i:
            return False
        opener = opener.head
    return opener.dep_ == "prep" and opener.left_edge.i == verb.sent.start


def _after_a_comma(phrase: Token) -> bool:
    first = phrase.left_edge.i
    return phrase.pos_ in ("NOUN", "PROPN") and first > 0 and phrase.doc[first - 1].text == ","


def finite_reading(verb: Token) -> Token | None:
    """ "Two papers reported on Monday the council had met": with no "that", the small
    model reads "reported" as a participle of "papers" ("papers reported on Monday", like
    "papers based in Ohio") and gives the clause's verb two subjects. A speech participle
    whose noun is the subject of a verb that has a second subject after the participle is the
    finite verb, and that verb's clause from its second subject is what was reported.
    Returns that clause's verb."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or noun.dep_ not in SUBJECT_DEPS:
        return None
    clause = noun.head
    second = [
        c for c in clause.children if c.dep_ in SUBJECT_DEPS and verb.right_edge.i < c.i < clause.i
    ]
    if not second or second[0].left_edge.i != verb.right_edge.i + 1:
        return None
    return clause
