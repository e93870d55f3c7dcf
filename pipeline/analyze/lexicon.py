"""Word lists the rule-based components share.

They are data, not logic: a researcher can extend most of them from presswatch.cfg (the
`extra_*` settings of presswatch_quotes) without touching code. Verbs are lemmas, nouns are
lower-case lemmas.
"""

from __future__ import annotations

# Verbs that report speech or writing whatever their subject is ("the report says that …" is
# still reported speech). Chanting, shouting and chiding frame quotations too ("protesters
# chanted “…”": PolNeAR dev +2 matched / +2 predicted, train-191 +4/+6, held-out +3/+4).
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add write tweet post blog state explain announce claim insist argue warn conclude
    comment remark reply respond answer acknowledge admit concede confirm deny declare emphasize
    emphasise stress testify urge promise pledge vow caution assert allege contend maintain
    reiterate complain recall ask disclose reveal proclaim boast lament joke quip mention counter
    retort inform advise recommend propose threaten demand predict chant shout yell scream chide
    """.split()
)

# Verbs that report speech only when a speaker does them: "he notes that …" is speech,
# "the data suggests that …" is not. Their subject must look like a speaker.
WEAK_SPEECH_VERBS: frozenset[str] = frozenset(
    "suggest note report observe outline point hint signal indicate describe".split()
)

# Speech verbs whose reported content can be an infinitive ("warned users not to …",
# "promised to fix …") rather than a that-clause.
DIRECTIVE_VERBS: frozenset[str] = frozenset(
    """
    warn urge promise pledge vow threaten advise ask tell caution encourage demand recommend
    """.split()
)

# Lemmas the small model gets wrong for cue verbs, and the lemma meant: it lemmatizes "hopes",
# "hoped" and "hoping" as "hop" (only "hope" keeps its lemma). The belief reader takes the
# wrong lemma when the word is a form of the right one (beliefs.py); kinds read the right one.
LEMMA_FIXES: dict[str, str] = {"hop": "hope"}
# Titles in front of a surname: "Prof. Green" is a surname mention of Matthew Green.
PERSON_TITLES: frozenset[str] = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sen sen. senator rep rep. gov gov.
    governor pres pres. president judge justice sir dame lord lady rev rev. father
    """.split()
)

# Common nouns that can be the speaker of reported speech.
PERSON_NOUNS: frozenset[str] = frozenset(
    """
    person people man woman expert analyst official officer critic researcher scientist professor
    academic lawyer attorney advocate activist executive chief founder engineer developer
    cryptographer economist regulator lawmaker legislator senator politician minister spokesperson
    spokesman spokeswoman spokespeople representative source insider employee worker user
    customer consumer witness author reporter journalist editor commentator observer director
    manager president chairman chairwoman ceo cto cso adviser advisor consultant investor
    """.split()
)

# Nouns that stand for an organisation's voice: "a spokesperson", "the company said …". The
# organisation behind them is looked for in the sentence and the lines before.
ORGANIZATION_VOICE_NOUNS: frozenset[str] = frozenset(
    """
    spokesperson spokesman spokeswoman spokespeople representative company firm statement
    organisation organization group agency department ministry government platform newspaper
    paper outlet publication broadcaster network
    """.split()
)

# Verbs whose object is who was spoken to ("told Reuters", "assured voters"), never what was
# said. Readers that need more add to this core ("warn", "advise", "brief", "ask", "urge").
ADDRESSEE_VERBS: frozenset[str] = frozenset({"tell", "inform", "assure", "remind"})

# Tags of a finite verb with a tense of its own ("said", "says", "say"), not an infinitive or
# a participle.
FINITE_TAGS: frozenset[str] = frozenset({"VBD", "VBZ", "VBP"})

# Documents that "say" things: reported speech, but with no person behind it.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """
    report statement letter filing complaint lawsuit memo post blog release paper study survey
    document announcement notice
    """.split()
)

# Pronouns that can point back to a speaker, and which entity labels each may point to.
PRONOUN_LABELS: dict[str, frozenset[str]] = {
    "he": frozenset({"PERSON"}),
    "she": frozenset({"PERSON"}),
    # "they" is a group: an organisation, not one person (singular "they" is rare in news
    # copy, and a plural noun in between takes it: see pronouns.py).
    "they": frozenset({"ORG"}),
    "it": frozenset({"ORG"}),
}

# NER labels that name a value rather than a thing: never linked, never listed as entities.
VALUE_LABELS: frozenset[str] = frozenset(
    "DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split()
)

# Knowledge-base types → spaCy entity labels.
KB_TYPE_LABELS: dict[str, str] = {
    "person": "PERSON",
    "organization": "ORG",
    "organisation": "ORG",
    # Kinds of organisation (dataset_schema.json allows them): still ORG to the NER.
    "company": "ORG",
    "regulator": "ORG",
    "court": "ORG",
    "product": "PRODUCT",
    "place": "GPE",
}

# Nouns that name what a person is or does: a description holding one is a role ("a professor
# at Stanford", "finance director"), one without is not ("a resident of the west side" is).
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    professor lecturer researcher scientist cryptographer economist analyst expert academic
    fellow scholar director executive chief officer ceo cto cso cfo coo president chairman
    chairwoman chair founder cofounder co-founder developer engineer evangelist programmer
    designer architect head manager lead leader partner principal consultant adviser advisor
    columnist editor reporter journalist correspondent writer author commentator blogger
    spokesperson spokesman spokeswoman representative official regulator commissioner minister
    secretary senator lawmaker legislator mayor councillor councilor governor judge lawyer
    attorney counsel advocate activist organizer campaigner critic student teacher dean
    investor owner administrator librarian nurse doctor physician clerk worker staffer aide
    strategist specialist technologist entrepreneur vp svp evp
    """.split()
)
