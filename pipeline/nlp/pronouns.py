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

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .lexicon import PRONOUN_LABELS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .quote_marks import find_quote_marks
from .spans import EntityRef

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class Mention:
    entity: EntityRef
    label: str
    token: int  # token index of the mention's head
    sentence: int
    weight: float


def sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def most_salient(
    mentions: list[Mention], before_token: int, sentence: int, labels: frozenset[str],
    window_sentences: int, decay: float,
) -> Mention | None:
    """The entity with the highest salience score before `before_token`, as its latest mention."""
    scores: dict[str, float] = defaultdict(float)
    latest: dict[str, Mention] = {}
    for mention in mentions:
        distance = sentence - mention.sentence
        if (mention.token >= before_token or distance > window_sentences
                or mention.label not in labels):
            continue
        scores[mention.entity["id"]] += mention.weight * decay**distance
        latest[mention.entity["id"]] = mention
    if not scores:
        return None
    # Ties go to the most recent mention, so the outcome never depends on dict order.
    best = max(scores, key=lambda i: (round(scores[i], 9), latest[i].token))
    return latest[best]


def _is_speech_head(token: Token) -> bool:
    return token.head.lemma_ in SPEECH_VERBS or token.head.lemma_ in WEAK_SPEECH_VERBS


class PronounResolver:
    def __init__(
        self, nlp: Language, name: str, window_sentences: int, decay: float,
        subject_weight: float, quoted_weight: float,
    ) -> None:
        self.name = name
        self.window_sentences = window_sentences
        self.decay = decay
        self.subject_weight = subject_weight
        self.quoted_weight = quoted_weight

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quote_marks(doc.text)

        def quoted(token: Token) -> bool:
            return any(q.contains(token.idx) for q in quotes)

        sentences = sentence_index(doc)
        mentions: list[Mention] = []
        for ent in doc.ents:
            if ent._.entity_id is None:
                continue
            head = ent.root
            weight = self.subject_weight if head.dep_ in _SUBJECT_DEPS else 1.0
            if quoted(head):
                weight *= self.quoted_weight
            ref: EntityRef = {"id": ent._.entity_id, "name": ent._.canonical_name}
            mentions.append(Mention(ref, ent.label_, head.i, sentences[head.i], weight))
        mentions.sort(key=lambda m: m.token)
        for token in doc:
            labels = PRONOUN_LABELS.get(token.lower_)
            if labels is None or token.dep_ not in _SUBJECT_DEPS or quoted(token):
                continue
            if token.lower_ == "it" and not _is_speech_head(token):
                continue
            found = most_salient(mentions, token.i, sentences[token.i], labels,
                                 self.window_sentences, self.decay)
            if found is None:
                continue
            token._.antecedent = dict(found.entity)
            mentions.append(Mention(found.entity, found.label, token.i, sentences[token.i],
                                    self.subject_weight))
            mentions.sort(key=lambda m: m.token)
        return doc


@Language.factory(
    "presswatch_pronouns",
    default_config={
        "window_sentences": 10, "decay": 0.6, "subject_weight": 3.0, "quoted_weight": 0.3,
    },
)
def make_pronoun_resolver(
    nlp: Language, name: str, window_sentences: int, decay: float, subject_weight: float,
    quoted_weight: float,
) -> PronounResolver:
    return PronounResolver(nlp, name, window_sentences, decay, subject_weight, quoted_weight)
