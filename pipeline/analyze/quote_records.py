"""Quote records and the passes over them (used by quotes.py): a record's fields, a reported
clause widened over the quotations it touches or cut before the same speaker's next report, the
cue's lemma, and reports nested inside another of the same speaker's."""

from __future__ import annotations

from collections.abc import Callable
from itertools import takewhile

from spacy.tokens import Doc, Token

from .attribution import SUBJECT_DEPS, SpeechEvent
from .framing import TokenIndex
from .quote_marks import QuoteMarks
from .spans import CharSpan, EntityRef, QuoteRecord, QuoteType, char_span, speaker_key


def extend_over_quotes(bounds: tuple[int, int], marks: list[QuoteMarks]) -> tuple[int, int]:
    start, end = bounds
    for q in marks:
        if q.open < end and start < q.end:
            start, end = min(start, q.open), max(end, q.end)
    return start, end


def without_nested_reports(
    doc: Doc, event: SpeechEvent, events: list[SpeechEvent]
) -> tuple[int, int] | None:
    """ "warned users not to … — stating that it could be bad": the same speaker's second report
    is a quote of its own, so the first one's content stops before it."""
    start, end = event.content or (0, 0)
    for other in events:
        verb = other.cue_token
        if other is event or other.speaker is None or other.speaker != event.speaker:
            continue
        if verb.dep_ == "xcomp" and verb.head.i == event.cue_token.i:
            continue  # 'called on leaders to add penalties': the act asked for, not a report
        if start < verb.idx < end:
            cut = verb.left_edge.i - 1
            if cut >= 0 and not (doc[cut].is_punct or doc[cut].is_space):
                # "declined to threaten Moscow or declare it responsible", "to stop attacking
                # Machado": an act inside what was said, not a second report set off from it
                continue
            while cut >= 0 and doc[cut].idx >= start and (doc[cut].is_punct or doc[cut].is_space):
                cut -= 1
            if cut < 0 or doc[cut].idx < start:
                return None
            end = min(end, doc[cut].idx + len(doc[cut].text))
    return start, end


def cue_lemma(index: TokenIndex, cue: CharSpan | None) -> str | None:
    """ "told" → tell, "according to" → according, "said in a statement" → say."""
    if cue is None:
        return None
    tokens = list(takewhile(lambda t: t.idx < cue["end"], index.doc[index.at(cue["start"]).i :]))
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    return (verbs[0] if verbs else tokens[0]).lemma_.lower() if tokens else None


# How a speaker's second report hangs on the first one's clause: "…, encouraging his
# supporters to …", "… and warned against …", "…; they only learned on Friday …". (Not a
# relative clause: "the cuts, which she said would hurt …" stays one quote.)
_SECOND_REPORT_DEPS = frozenset({"conj", "advcl", "parataxis"})


def cut_before_second_reports(index: TokenIndex, records: list[QuoteRecord]) -> None:
    """ "He would order a review of the defences and warned against hackers from abroad": a
    reported clause that runs on over the same speaker's next report stops before it, so the
    next report is a quote of its own instead of a piece nested in the first (in place)."""
    doc = index.doc
    for outer in records:
        if outer["type"] == "direct" or outer["speaker"] is None:
            continue
        start, end = outer["content"]["start"], outer["content"]["end"]
        for inner in records:
            cue, speaker = inner["cue"], inner["speaker"]
            if inner is outer or cue is None:
                continue
            if not (start < cue["start"] < end and cue["start"] < inner["content"]["start"]):
                continue
            # "X said he would …, warning that …": the participle's subject is the "he" inside
            # X's words, X again
            spoken_inside = speaker is not None and start <= speaker["start"] < end
            if speaker_key(inner) != speaker_key(outer) and not spoken_inside:
                continue
            verb = index.at(cue["start"])
            if verb.dep_ not in _SECOND_REPORT_DEPS or verb.head.i == verb.i:
                continue
            cut = verb.left_edge.i - 1
            while cut >= 0 and doc[cut].idx > start and _is_joint(doc[cut]):
                cut -= 1
            if not any(t.text in (",", ";") for t in doc[cut + 1 : verb.left_edge.i]):
                continue  # "… spoke to him and asked him to …": one report of two acts
            if cut < 0 or doc[cut].idx <= start:
                continue
            end = min(end, doc[cut].idx + len(doc[cut].text))
            if spoken_inside and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                # the participle borrowed its subject from inside the words: the first speaker
                inner["speaker"] = outer["speaker"]
                inner["speaker_entity"] = outer["speaker_entity"]
        if end < outer["content"]["end"]:
            outer["content"] = char_span(index.text, start, end)


def _is_joint(token: Token) -> bool:
    return token.is_punct or token.is_space or token.dep_ in ("cc", "advmod", "preconj")


def without_nested(records: list[QuoteRecord]) -> list[QuoteRecord]:
    """ "she was “troubled” by the cuts, which she said would hurt …": the inner report is part of
    the outer quote by the same speaker, not a second quote."""
    kept = []
    for r in records:
        c = r["content"]
        inside = any(
            o is not r
            and speaker_key(o) == speaker_key(r)
            and o["type"] != "direct"
            and o["content"]["start"] <= c["start"]
            and c["end"] <= o["content"]["end"]
            and (o["content"]["start"], o["content"]["end"]) != (c["start"], c["end"])
            for o in records
        )
        if not inside:
            kept.append(r)
    return kept


def new_record(
    speaker: CharSpan | None,
    entity: EntityRef | None,
    cue: CharSpan | None,
    content: CharSpan,
    quote_type: QuoteType,
) -> QuoteRecord:
    return {
        "speaker": speaker,
        "speaker_entity": entity,
        "cue": cue,
        "content": content,
        "type": quote_type,
        "medium": "spoken",
        "confidence": 0.0,
        "kind": "speech",
    }


def clause_event_records(
    text: str,
    events: list[SpeechEvent],
    records: list[QuoteRecord],
    marks: list[QuoteMarks],
    describe_speaker: Callable[[Token | None], tuple[CharSpan | None, EntityRef | None]],
) -> list[QuoteRecord]:
    """Indirect quotes for events whose clause the parse states (beliefs, seemings, questions),
    where no quote and no quotation is: they never take a quotation's cue or a later
    quotation's speaker, which belong to what was said."""
    taken = [(r["content"]["start"], r["content"]["end"]) for r in records]
    taken += [(m.open, m.end) for m in marks]
    found = []
    for event in events:
        start, end = event.content or (0, 0)
        if start == end or any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        speaker, entity = describe_speaker(event.speaker)
        content = char_span(text, start, end)
        found.append(new_record(speaker, entity, event.cue, content, "indirect"))
        taken.append((start, end))
    return found
