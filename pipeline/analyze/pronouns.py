"""presswatch_pronouns: resolves subject pronouns (he, she, they; "it" only as the subject of a
speech verb) to the most salient compatible entity mentioned before them.

No neural coreference model is available offline, so this is the classic salience heuristic:
every earlier mention of an entity within `window_sentences` scores
`role weight × decay ** (sentences between)`; subjects weigh more than other mentions, mentions
inside quotations less (they are the speaker's words, not the narrative). A resolved pronoun
counts as a subject mention of its antecedent, so "Green warned … He suggests … he adds …"
stays with Green. The result is stored on Token._.antecedent as {"id", "name"}.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .lexicon import PRONOUN_LABELS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .quote_marks import QuoteMarks, doc_quote_marks
from .spans import EntityRef, doc_text, token_indices

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_SUBJECT_PHRASE_LINKS = {"conj", "appos", "compound"}
_OTHER_GENDER = {"he": "she", "she": "he"}


@dataclass(frozen=True)
class Mention:
    entity: EntityRef
    label: str
    token: int  # token index of the mention's head
    sentence: int
    weight: float


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token, from the sentence-start array (no Span per sentence)."""
    if len(doc) == 0:
        return []
    starts = doc.to_array("SENT_START") == 1
    starts[0] = True
    return [int(n) for n in numpy.cumsum(starts) - 1]


def quote_lookup(quotes: Sequence[QuoteMarks]) -> Callable[[int], bool]:
    """Whether a character offset is inside one of `quotes`, by bisection instead of a pass
    over every quotation for every mention and pronoun: the quotations opened at or before
    the offset hold it if the furthest end among them is past it."""
    ordered = sorted(quotes, key=lambda q: q.open)
    opens = [q.open for q in ordered]
    furthest = list(accumulate((q.end for q in ordered), max))

    def inside(offset: int) -> bool:
        before = bisect_right(opens, offset)
        return before > 0 and furthest[before - 1] > offset

    return inside


def most_salient(
    mentions: list[Mention],
    before_token: int,
    sentence: int,
    labels: frozenset[str],
    window_sentences: int,
    decay: float,
) -> Mention | None:
    """The entity with the highest salience score before `before_token`, as its latest mention."""
    scores: dict[str, float] = defaultdict(float)
    latest: dict[str, Mention] = {}
    for mention in mentions:
        distance = sentence - mention.sentence
        if (
            mention.token >= before_token
            or distance > window_sentences
            or mention.label not in labels
        ):
            continue
        scores[mention.entity["id"]] += mention.weight * decay**distance
        latest[mention.entity["id"]] = mention
    if not scores:
        return None
    # Ties go to the most recent mention, so the outcome never depends on dict order.
    best = max(scores, key=lambda i: (round(scores[i], 9), latest[i].token))
    return latest[best]


def latest_plural_subject(doc: Doc, pronoun: Token, sentences: list[int]) -> int:
    """Token index of the last plural common-noun subject in the pronoun's sentence or the one
    before it (-1 if none)."""
    first = pronoun.i
    while first > 0 and sentences[first - 1] >= sentences[pronoun.i] - 1:
        first -= 1
    for token in reversed(doc[first : pronoun.i]):
        if token.dep_ in _SUBJECT_DEPS and token.tag_ == "NNS":
            return token.i
    return -1


def in_subject_phrase(token: Token) -> bool:
    """Is the token the subject, or a name inside the subject phrase? On "Tech evangelist,
    software developer and startup founder Alec Muffett tweeted …" the small model hangs the
    name off the descriptions (conj/appos/compound) and only "evangelist" is the nsubj."""
    node = token
    for _ in range(4):
        if node.dep_ in _SUBJECT_DEPS:
            return True
        if node.dep_ not in _SUBJECT_PHRASE_LINKS or node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_speech_head(token: Token) -> bool:
    return token.head.lemma_ in SPEECH_VERBS or token.head.lemma_ in WEAK_SPEECH_VERBS


# The class is the factory: spaCy reads the settings from __init__'s signature.
@Language.factory(
    "presswatch_pronouns",
    default_config={
        "window_sentences": 10,
        "decay": 0.6,
        "subject_weight": 3.0,
        "quoted_weight": 0.3,
    },
)
class PronounResolver:
    def __init__(
        self,
        nlp: Language,
        name: str,
        window_sentences: int,
        decay: float,
        subject_weight: float,
        quoted_weight: float,
    ) -> None:
        self.name = name
        self.window_sentences = window_sentences
        self.decay = decay
        self.subject_weight = subject_weight
        self.quoted_weight = quoted_weight

    def __call__(self, doc: Doc) -> Doc:
        inside_quote = quote_lookup(doc_quote_marks(doc, doc_text(doc)))

        def quoted(token: Token) -> bool:
            return inside_quote(token.idx)

        sentences = sentence_index(doc)
        mentions: list[Mention] = []
        for ent in doc.ents:
            if ent._.entity_id is None:
                continue
            head = ent.root
            weight = self.subject_weight if in_subject_phrase(head) else 1.0
            if quoted(head):
                weight *= self.quoted_weight
            ref: EntityRef = {"id": ent._.entity_id, "name": ent._.canonical_name}
            mentions.append(Mention(ref, ent.label_, head.i, sentences[head.i], weight))
        mentions.sort(key=lambda m: m.token)
        gender: dict[str, str] = {}  # entity id -> "he" or "she", from pronouns resolved so far
        for token in (doc[i] for i in token_indices(doc, "LOWER", PRONOUN_LABELS)):
            labels = PRONOUN_LABELS.get(token.lower_)
            if labels is None or token.dep_ not in _SUBJECT_DEPS or quoted(token):
                continue
            if token.lower_ == "it" and not _is_speech_head(token):
                continue
            # Agreement: a person already called "she" is not a later "he", and vice versa.
            other = _OTHER_GENDER.get(token.lower_)
            candidates = [
                m for m in mentions if other is None or gender.get(m.entity["id"]) != other
            ]
            if token.lower_ == "they":
                # "Officials said …, though they cautioned …": a plural noun subject since the
                # last organisation is what "they" means, and it is no entity.
                plural = latest_plural_subject(doc, token, sentences)
                candidates = [m for m in candidates if m.token > plural]
            found = most_salient(
                candidates, token.i, sentences[token.i], labels, self.window_sentences, self.decay
            )
            if found is None:
                continue
            if token.lower_ in _OTHER_GENDER:
                gender.setdefault(found.entity["id"], token.lower_)
            token._.antecedent = dict(found.entity)
            mentions.append(
                Mention(found.entity, found.label, token.i, sentences[token.i], self.subject_weight)
            )
            mentions.sort(key=lambda m: m.token)
        return doc
