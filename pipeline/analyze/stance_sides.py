"""Which side of the stance target a stretch of text is about, and what a speaker's words say
about it (used by presswatch_stances).

A *side mention* is a token that stands for the target (+1) or for the other side (-1):
- the target's label, aliases ("the deal", also "this deal") and generic target words: +1;
- its actors (dataset.yml stance_target.actors: the party whose conduct or measure it is), by
  name or by a pronoun resolved to them: +1;
- steps against the target (stance_lexicon.COUNTER_NOUNS: lawsuit, ruling, fine, regulator …)
  and knowledge-base regulators and courts: -1 when the target is a party's conduct
  (stance_target.kind: conduct, the default); when the target is itself a measure (a law, a
  lawsuit: kind: measure) its instruments are its own side, +1, and regulators are nobody's.

A hit of argument language (harm, benefit, a verb taking sides) is tied to a side through the
parse — the subject of the harming verb, the possessor or "of"-phrase of the harmful noun, the
object of the verb taking sides — and only failing that through the nearest side mention in the
same sentence or the sentence before, at half weight. Pure functions over a parsed Doc.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .spans import token_forms
from .stance_lexicon import (
    ALIAS_DETERMINERS,
    ATTITUDE_VERBS,
    COUNTER_NOUNS,
    DEFINITE_COUNTER_NOUNS,
    NAMING_VERBS,
    NEGATIVE,
    NEGATORS,
    POSITIVE,
    UNDECIDED,
    VERDICTS,
)

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# "the DMA is essential to break …": the complement of a predicate adjective is the subject's
_INHERITS_SUBJECT = {"xcomp", "conj", "advcl", "acl", "acomp"}
# "With the DMA, the EU is putting an end to …": the instrument acts with the one acting
_INSTRUMENT_PREPOSITIONS = {"with", "through", "via", "by"}
_PREDICATIVE = {"acomp", "attr", "oprd"}
_NOT_GOVERNED = {"conj", "cc", "advcl", "punct", "npadvmod", "parataxis", "mark"}
FALLBACK_WEIGHT = 0.5  # tied through the nearest mention in the same sentence
PREVIOUS_WEIGHT = 0.25  # … or in a sentence before
NEGATED_WEIGHT = 0.75
COUNTER_KINDS = {"regulator", "court"}


def _phrase_index(weights: Mapping[str, float]) -> dict[str, list[tuple[tuple[str, ...], float]]]:
    index: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for phrase, weight in weights.items():
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, weight))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest first
    return index


_VALENCE = _phrase_index({**{p: -w for p, w in NEGATIVE.items()}, **POSITIVE})
_UNDECIDED = _phrase_index(UNDECIDED)
_VERDICTS = _phrase_index(VERDICTS)
_ATTITUDE = _phrase_index(ATTITUDE_VERBS)


def match_phrases(
    span: Span, index: Mapping[str, list[tuple[tuple[str, ...], float]]]
) -> list[tuple[int, int, float]]:
    """(start, end, weight) of the lexicon phrases in the span, by lemma or word form, longest
    first, not overlapping."""
    found: list[tuple[int, int, float]] = []
    forms = token_forms(span.doc)  # once per Doc, not per span nor per lexicon entry tried
    i, stop = span.start, span.end
    while i < stop:
        lemma, lower = forms[i]
        if lemma not in index and lower not in index:
            i += 1  # no phrase starts here (most words)
            continue
        entries = [e for form in set(forms[i]) for e in index.get(form, [])]
        hit = None
        for words, weight in sorted(entries, key=lambda e: -len(e[0])):
            end = i + len(words)
            if end <= stop and all(w in forms[j] for w, j in zip(words, range(i, end))):
                hit = (i, end, weight)
                break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


@dataclass(frozen=True)
class SideModel:
    """How to tell the sides apart in one dataset (built once per stance target)."""

    target: re.Pattern[str]
    actors: frozenset[str]
    counter_entities: frozenset[str]
    counter_sign: int  # sign of COUNTER_NOUNS: -1 for conduct targets, +1 for measures


def target_pattern(label: str, aliases: Iterable[str]) -> re.Pattern[str]:
    """The target's aliases from dataset.yml (the label is a description, not matched): "the
    deal" also as "deal", "this deal", "its deal"; a plural -s allowed. Nothing about any one
    story is built in: the words that name a target belong to its dataset."""
    phrases = set()
    for alias in aliases:
        words = alias.split()
        if not words:
            continue
        if words[0].lower() == "the" and len(words) > 1:
            rest = re.escape(" ".join(words[1:]))
            phrases.add(f"(?:(?:{'|'.join(ALIAS_DETERMINERS)}) )?{rest}")
        else:
            phrases.add(re.escape(alias))
    if not phrases:
        return re.compile(r"(?!x)x")  # matches nothing
    alternatives = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})s?(?!\w)", re.IGNORECASE)


def side_model(stance_target: Mapping[str, object], kinds: Mapping[str, str]) -> SideModel:
    """kinds: knowledge-base id -> dataset.yml type."""
    aliases = [str(a) for a in stance_target.get("aliases") or []]  # type: ignore[union-attr]
    actors = frozenset(str(a) for a in stance_target.get("actors") or [])  # type: ignore[union-attr]
    measure = stance_target.get("kind") == "measure"
    counter = (
        frozenset()
        if measure
        else frozenset(i for i, kind in kinds.items() if kind in COUNTER_KINDS and i not in actors)
    )
    return SideModel(
        target_pattern(str(stance_target.get("label") or ""), aliases),
        actors,
        counter,
        1 if measure else -1,
    )


def side_candidates(doc: Doc, index: Mapping[int, str]) -> list[int]:
    """The token indices side_mentions can find a mention at besides the target pattern's, in
    order: the entity tokens of `index` and the words whose lemma is a counter noun. Every other
    word is passed over, so a caller asking for many spans of one Doc computes them once."""
    forms = token_forms(doc)
    counters = [i for i, (lemma, _lower) in enumerate(forms) if lemma in COUNTER_NOUNS]
    return sorted({*index, *counters})


def side_mentions(
    doc: Doc,
    text: str,
    model: SideModel,
    index: Mapping[int, str],
    span: Span,
    candidates: Sequence[int] | None = None,
) -> dict[int, int]:
    """token index -> side (+1/-1) of the side mentions in the span. `candidates`: the Doc's
    side_candidates, when the caller keeps them (the same mentions, found sooner)."""
    mentions: dict[int, int] = {}
    offset = span.start_char
    for match in model.target.finditer(text[span.start_char : span.end_char]):
        token = doc.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
        if token is not None:
            mentions[token.root.i] = 1
    forms = token_forms(doc)
    if candidates is None:
        positions: Iterable[int] = range(span.start, span.end)
    else:
        positions = candidates[
            bisect.bisect_left(candidates, span.start) : bisect.bisect_left(candidates, span.end)
        ]
    for i in positions:
        entity = index.get(i)
        if entity in model.actors:
            mentions[i] = 1
        elif entity in model.counter_entities:
            mentions[i] = -1
        elif forms[i][0] not in COUNTER_NOUNS:
            continue  # (most words: no Token object made for them)
        elif (
            (token := doc[i]).pos_ == "NOUN"
            and token.lemma_.lower() in COUNTER_NOUNS
            and (
                token.lemma_.lower() not in DEFINITE_COUNTER_NOUNS
                or (
                    token.tag_ in ("NN", "NNS")  # "the decision", "the Commission's decisions"
                    and any(
                        c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those")
                        for c in token.children
                    )
                )
            )
        ):
            mentions.setdefault(token.i, model.counter_sign)
    return mentions


def subject_of(verb: Token) -> Token | None:
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                return node.head  # "Lina Khan, who sought to block the merger"
            return subjects[0]
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head  # "the Commission unfairly targeting Apple"
        if node.dep_ not in _INHERITS_SUBJECT or node.head.i == node.i:
            return None
        node = node.head
    return None


def _mention_within(root: Token, mentions: Mapping[int, int], skip: set[int]) -> Token | None:
    """The side mention in root's subtree nearest to root (tokens in skip left out)."""
    best = None
    for token in root.subtree:
        if token.i in mentions and token.i not in skip:
            distance = abs(token.i - root.i)
            if best is None or distance < best[0]:
                best = (distance, token)
    return best[1] if best else None


def _side_within(root: Token, mentions: Mapping[int, int], skip: set[int]) -> int | None:
    token = _mention_within(root, mentions, skip)
    return mentions[token.i] if token is not None else None


def _nearest(anchor: int, mentions: Mapping[int, int], skip: set[int]) -> int | None:
    candidates = [
        (abs(i - anchor) + (0 if i < anchor else 0.5), side)
        for i, side in mentions.items()
        if i not in skip
    ]
    return min(candidates)[1] if candidates else None


def _head_of(doc: Doc, start: int, end: int) -> Token:
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token
    return doc[start]


def negated(doc: Doc, start: int, head: Token) -> bool:
    if any(c.dep_ == "neg" for c in head.children):
        return True
    if head.dep_ in _PREDICATIVE | {"xcomp"} and any(c.dep_ == "neg" for c in head.head.children):
        return True
    before = doc[max(start - 3, head.sent.start) : start]
    return any(t.lower_ in NEGATORS for t in before)


def _definite(anchor: Token | None) -> bool:
    """A noun anchor the parse names ("Civil Society has had it wrong"): the words are about it,
    so a side mentioned elsewhere in the sentence must not stand in for it. Pronouns and missing
    anchors leave the sentence (and the one before) to say what the words are about."""
    return (
        anchor is not None
        and anchor.pos_ in ("NOUN", "PROPN")
        and anchor.lower_ not in ("thing", "one", "move", "step")
    )


def _against_harm(
    head: Token, attitudes: Mapping[int, float], mentions: Mapping[int, int], own: set[int]
) -> tuple[int, float] | None:
    """A word inside the object of a verb taking sides: "the DMA puts an end to the market
    dominance of big platforms" — acting against a harm is for the one acting, acting for a
    good thing too. Returns the sign to apply and the side of the one acting."""
    node = head
    for _ in range(6):
        if node.head.i == node.i or node.dep_ in SUBJECT_DEPS:
            return None
        acted_on, node = node, node.head
        if node.i in attitudes:
            actor = subject_of(node)
            side = _side_within(actor, mentions, own) if actor is not None else None
            for prep in node.children if side is None else ():
                if prep.dep_ == "prep" and prep.lower_ in _INSTRUMENT_PREPOSITIONS:
                    side = _side_within(prep, mentions, own)
                    if side is not None:
                        break
            if side is None:  # the one acting, by the nearest mention outside what is acted on
                # ("With the DMA, the EU is putting an end to …": the DMA is the one acting)
                side = _nearest(node.i, mentions, own | {t.i for t in acted_on.subtree})
                factor = FALLBACK_WEIGHT
            else:
                factor = 1.0
            if side is None:
                return None
            return (-side if attitudes[node.i] < 0 else side), factor
    return None


def valence_about(
    doc: Doc,
    start: int,
    end: int,
    mentions: Mapping[int, int],
    previous: Mapping[int, int],
    attitudes: Mapping[int, float] | None = None,
) -> tuple[int, float] | None:
    """(side, weight factor) of what the argument word at doc[start:end] is said about."""
    head = _head_of(doc, start, end)
    own = set(range(start, end))
    anchor: Token | None = None
    if head.pos_ == "ADV" and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # "the order unlawfully interferes": said of the verb's subject
    if head.dep_ in _PREDICATIVE | {"xcomp", "ccomp"} and head.head.lemma_.lower() in NAMING_VERBS:
        named = [c for c in head.head.children if c.dep_ == "dobj"]
        if named and (side := _side_within(named[0], mentions, own)) is not None:
            return side, 1.0
    if head.pos_ in ("VERB", "AUX"):
        anchor = subject_of(head)
        agent = [c for c in head.children if c.dep_ == "agent"]
        if agent and (side := _side_within(agent[0], mentions, own)) is not None:
            return side, 1.0
    elif head.dep_ in _PREDICATIVE or (head.pos_ == "ADJ" and head.dep_ == "ROOT"):
        anchor = subject_of(head.head if head.dep_ in _PREDICATIVE else head)
    else:
        noun = head if head.pos_ in ("NOUN", "PROPN") or head.head.i == head.i else head.head
        side = _side_within(noun, mentions, own)
        if side is None and noun.dep_ == "appos":  # "DMA rules, a tax on firms": said of them
            side = _side_within(noun.head, mentions, own | {t.i for t in noun.subtree})
        if side is not None:
            return side, 1.0
        composite = _against_harm(noun, attitudes or {}, mentions, own)
        if composite is not None:
            return composite
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        anchor = subject_of(governor) if noun.dep_ in ("attr", "dobj") else None
    if anchor is not None:
        side = _side_within(anchor, mentions, own)
        if side is not None:
            return side, 1.0
        if _definite(anchor):
            return None
    side = _nearest(head.i, mentions, own)
    if side is not None:
        return side, FALLBACK_WEIGHT
    side = _nearest(head.i, previous, own) if previous else None
    return (side, PREVIOUS_WEIGHT) if side is not None else None


def hypothetical(token: Token) -> bool:
    """Inside a condition or a counterfactual ("if …", "unless …", "as if …"): no view stated."""
    node = token
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def conditional(token: Token) -> bool:
    """In a main clause that carries a condition: "If the result is X, that is a win"."""
    node = token
    for _ in range(8):
        if any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _governed_by(head: Token, others: set[int]) -> bool:
    """Is this word the object of another argument word ("deny … the benefits")?"""
    node = head if head.pos_ in ("NOUN", "PROPN") or head.head.i == head.i else head.head
    governor = node.head.head if node.dep_ == "pobj" else node.head
    return node.dep_ in ("dobj", "pobj", "dative") and governor.i in others


def valence_score(
    span: Span,
    mentions: Mapping[int, int],
    previous: Mapping[int, int],
    loose: bool = True,
    actor_voice: bool = False,
) -> tuple[float, float]:
    """(for, against) weight of the argument words in the span toward the target. loose=False
    keeps only the words the parse ties to a side (no nearest-mention fallback). actor_voice:
    the words are the target's own party's, so praise of a step by the other side ("a tough
    but fair decision", "a pragmatic path") says the step went their way: for the target."""
    doc = span.doc
    pos = neg = 0.0
    for _start, _end, weight in match_phrases(span, _UNDECIDED):
        pos, neg = pos + weight, neg + weight
    if mentions or previous:
        for start, _end, weight in match_phrases(span, _VERDICTS):
            if conditional(doc[start]):
                pos, neg = pos + abs(weight) / 2, neg + abs(weight) / 2
            elif weight > 0:
                pos += weight
            else:
                neg -= weight
    hits = match_phrases(span, _VALENCE)
    hit_tokens = {i for start, end, _ in hits for i in range(start, end)}
    attitudes = {doc[start].i: weight for start, end, weight in match_phrases(span, _ATTITUDE)}
    for start, end, weight in hits:
        head = _head_of(doc, start, end)
        if hypothetical(head) or _governed_by(head, hit_tokens - set(range(start, end))):
            continue  # "if …", "as if …"; "deny consumers the benefits": the outer word counts
        about = valence_about(doc, start, end, mentions, previous, attitudes)
        if about is None:
            continue
        side, factor = about
        if factor < 1.0 and not loose:
            continue
        signed = weight * side * factor
        if actor_voice and weight > 0 and side < 0:
            signed = abs(signed)
        if conditional(head):  # "If the result is …, that is a win": a view on a condition
            pos, neg = pos + abs(signed) / 2, neg + abs(signed) / 2
            continue
        if negated(doc, start, _head_of(doc, start, end)):
            signed = -signed * NEGATED_WEIGHT
        pos, neg = (pos + signed, neg) if signed > 0 else (pos, neg - signed)
    return pos, neg
