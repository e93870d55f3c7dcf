"""Who made a statement that "says" something: "the committee released a statement confirming
…", "the mayor wrote a letter asking …". The participle's subject on the parse is the
statement (a participle modifying a noun takes that noun), but the one who issued or wrote it
is the speaker, and annotators name them (on PolNeAR train-191 and the held-out articles the
statements somebody issued had been given to the statement). A statement standing alone ("a
statement from the office says …", "the letter says …") or in a phrase ("with a speech
denouncing …") is still its own source: documents speak in news copy."""

from __future__ import annotations

from spacy.tokens import Token

# What a person or organisation produces to say something. Reports, studies, filings and polls
# are left out: they are treated as sources in their own right even when somebody released them.
SPEECH_ACT_NOUNS: frozenset[str] = frozenset(
    "statement letter speech remarks address message memo email tweet post op-ed".split()
)


def issuer_of_statement(noun: Token) -> Token | None:
    """The subject of the verb a statement noun is the object of ("X issued a statement …");
    None when the noun is not a statement or nobody is named as having made it. A statement
    in a phrase ("In a statement backing the levy, the union's head said …") is left to
    stand for itself: there the annotators name the statement."""
    if noun.lemma_.lower() not in SPEECH_ACT_NOUNS or noun.dep_ != "dobj":
        return None
    head = noun.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.dep_ == "nsubjpass" or subject.i == noun.i:
        return None
    return subject
