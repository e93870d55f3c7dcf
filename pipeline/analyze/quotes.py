"""presswatch_quotes: quotations and reported speech with their speakers, on Doc._.quotes.

Three sources, reconciled in `build_quotes`:
1. Quotation marks (quote_marks.py) framed by a speech verb in the same sentence:
   "“…,” a spokesperson told media." / "“…,” wrote Zuckerberg." / "X said: “…”" → direct.
2. Speech verbs on the parse (attribution.py) with a reported clause: "X said that …",
   "X warned users not to …", "According to X, …" → indirect. If the clause holds a quotation,
   the quotation is part of it → mixed.
3. A quotation that is a whole sentence or paragraph with no cue of its own continues the
   latest speaker before it (a previous quotation, or a sentence where someone speaks).
A short quotation inside a sentence that no speech verb governs ("a “long process”" in plain
narrative, a scare-quoted phrase or title) is not a quote.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from .as_reported import as_reported_events, in_poll_events
from .attribution import (
    Vocabulary,
    content_record,
    cue_record,
    find_speech_events,
    speaker_entity,
    speaker_record,
)
from .attribution_gate import GATE_PATH, Gate, load_gate
from .attribution_kinds import kind_of
from .beliefs import appearance_events, belief_events, seen_as_events
from .calls import calling_events
from .evidence_asides import evidence_aside_events
from .framing import (
    TokenIndex,
    colon_lead_ins,
    dash_attributions,
    holds_sentences,
    is_whole_sentence,
    run_to_sentence_end,
    without_trailing_medium,
)
from .lexicon import DOCUMENT_NOUNS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .nominal_reports import nominal_report_events
from .object_reports import names_a_side, object_report_events
from .questions import asked_about_events, question_events, unanswered_events
from .quotation_cues import frame_quotations, neighbours
from .quote_details import add_medium_and_confidence
from .quote_extents import Quotation, is_fronted_title, lead_in_start, named_thing, trail_end
from .quote_marks import doc_quote_marks
from .quote_records import (
    clause_event_records,
    cue_lemma,
    cut_before_second_reports,
    extend_over_quotes,
    new_record,
    without_nested,
    without_nested_reports,
)
from .relative_beliefs import relative_belief_events
from .spans import CharSpan, EntityRef, QuoteRecord, word_count
from .speaker_lines import labelled_lines
from .speakers import named_speaker
from .statements import statement_starts
from .tagged_quotes import TAGGED_CONTENT_MODES, tagged_records


@dataclass(frozen=True)
class Settings:
    vocab: Vocabulary
    max_words_to_cue: int
    continuation_window_sentences: int
    org_window_sentences: int
    keep_unattributed: bool
    min_tagged_words: int = 2
    tagged_contents: str = "gated"
    gate: Gate | None = None
    belief_rules: bool = True
    gate_clause_threshold: float | None = None
    gate_belief_threshold: float | None = None


@dataclass
class _Attribution:
    position: int  # character offset, for "latest speaker before"
    speaker: CharSpan | None
    entity: EntityRef | None


def build_quotes(
    doc: Doc, settings: Settings, candidates: list[dict] | None = None
) -> list[QuoteRecord]:
    index = TokenIndex(doc)
    text = index.text
    marks = doc_quote_marks(doc, text)
    quoted = [False] * len(doc)
    for q in marks:  # tokens whose start falls inside a quotation
        first = bisect.bisect_left(index.starts, q.open)
        last = bisect.bisect_left(index.starts, q.end)
        quoted[first:last] = [True] * (last - first)
    # "As the Post reported, …": the verb has no complement; its content is the clause it
    # modifies (as_reported.py), so its event replaces the rules' empty one. So is a poll's
    # finding: "In a CNN poll, Clinton held a 24-point lead".
    as_reported = as_reported_events(doc, settings.vocab, quoted)
    as_reported += in_poll_events(doc, settings.vocab, quoted)
    reported_cues = {e.cue_token.i for e in as_reported}
    events = [
        e
        for e in find_speech_events(doc, settings.vocab, quoted)
        if not e.quoted and e.cue_token.i not in reported_cues
    ] + as_reported
    # Acts about an object ("called for a pause", "cited concerns") report what somebody did;
    # a quotation after them is not theirs by continuation (history below leaves them out).
    # So are asides that cite records ("…, records show."): records say no quotation.
    acts = calling_events(doc, quoted) + object_report_events(doc, quoted)
    acts += evidence_aside_events(doc, quoted)
    events = sorted([*events, *acts], key=lambda e: e.cue_token.i)
    act_ids = {id(e) for e in acts}
    quotations = [Quotation(q) for q in marks]
    frame_quotations(doc, quotations, index, settings.vocab, settings.max_words_to_cue)

    def describe_speaker(head: Token | None) -> tuple[CharSpan | None, EntityRef | None]:
        if head is None:
            return None, None
        head = named_speaker(head)
        return speaker_record(head), speaker_entity(head, events, settings.org_window_sentences)

    records: list[QuoteRecord] = []
    for bounds, speaker_token in dash_attributions(doc, index):
        # A paragraph signed "— Matthew Green, on Twitter" is his, quotation marks or not.
        for qt in quotations:
            if bounds[0] <= qt.marks.open and qt.marks.end <= bounds[1] + 1:
                qt.absorbed = True
        speaker, entity = describe_speaker(speaker_token)
        records.append(new_record(speaker, entity, None, content_record(text, bounds), "direct"))

    for bounds, speaker_token, label in labelled_lines(doc, index):
        # "PENCE: Well, look, …", "Paul Ryan: FBI Decision … ‘Defies Explanation’": the line
        # after the name is the speaker's, its quotation marks included.
        # (and a quotation that opens the turn's paragraph: '"PENCE: …')
        inside = [qt for qt in quotations if qt.marks.open < bounds[1] and qt.marks.end > bounds[0]]
        for qt in inside:
            qt.absorbed = True
        speaker, entity = describe_speaker(speaker_token)
        if speaker is not None and not (label[0] <= speaker["start"] < speaker["end"] <= label[1]):
            # the recogniser ran a name on past the colon ("WALLACE: Let’s start"): the label
            # is the speaker as written, and no entity is better than that one
            speaker, entity = content_record(text, label), None
        kind = "direct" if speaker_token.text.isupper() else "mixed" if inside else "indirect"
        records.append(new_record(speaker, entity, None, content_record(text, bounds), kind))

    framed_by = {qt.cue.i: qt.marks for qt in quotations if qt.cue is not None}
    cue_indices = {e.cue_token.i for e in events}
    for event in events:
        content = without_nested_reports(doc, event, events) if event.content else None
        if content is None or (
            word_count(text[slice(*content)]) < 2 and not names_a_side(doc, event)
        ):
            continue
        framed = framed_by.get(event.cue_token.i)
        if framed is not None and framed.open < content[1] and content[0] < framed.end:
            continue  # "“…,” Stamos told Reuters": the verb's clause is the quotation it frames
        inside = [
            qt for qt in quotations if qt.marks.open <= content[0] and content[1] <= qt.marks.end
        ]
        if inside:  # the reported clause is the quotation itself: it is the quotation's cue
            if inside[0].cue is None:
                inside[0].cue, inside[0].speaker = event.cue_token, event.speaker
            continue
        bounds = extend_over_quotes(content, marks)
        uncued = [(qt.marks.open, qt.marks.end) for qt in quotations if qt.cue is None]
        bounds = run_to_sentence_end(doc, bounds, event.cue_token, cue_indices, uncued)
        bounds = without_trailing_medium(text, bounds)
        overlapping = [
            qt for qt in quotations if qt.marks.open < bounds[1] and bounds[0] < qt.marks.end
        ]
        for qt in overlapping:
            qt.absorbed = True
        speaker, entity = describe_speaker(event.speaker)
        records.append(
            new_record(
                speaker,
                entity,
                event.cue,
                content_record(text, bounds),
                "mixed" if overlapping else "indirect",
            )
        )

    # what was asked (questions.py) or claimed ('his claim that …', nominal_reports.py), and
    # with belief_rules what is believed or seems (beliefs.py)
    clause_events = question_events(doc, quoted) + unanswered_events(doc, quoted)
    clause_events += asked_about_events(doc, quoted)
    clause_events += nominal_report_events(doc, quoted)
    if settings.belief_rules:
        clause_events = (
            belief_events(doc, quoted)
            + appearance_events(doc, quoted)
            + seen_as_events(doc, quoted)
            + clause_events
        )
    records += clause_event_records(text, clause_events, records, marks, describe_speaker)

    history = [
        _Attribution(event.cue_token.idx, *describe_speaker(event.speaker))
        for event in events
        if event.speaker is not None
        and event.speaker.lemma_.lower() not in DOCUMENT_NOUNS
        and id(event) not in act_ids
    ]
    history += [
        _Attribution(r["content"]["start"], r["speaker"], r["speaker_entity"])
        for r in records
        if r["type"] == "direct" and r["speaker"] is not None
    ]
    history += [
        _Attribution(qt.marks.open, *describe_speaker(qt.speaker))
        for qt in quotations
        if not qt.absorbed and qt.speaker is not None
    ]
    cue_tokens = {e.cue_token.i for e in events} | {q.cue.i for q in quotations if q.cue}
    history += [
        _Attribution(offset, *describe_speaker(token))
        for offset, token in colon_lead_ins(index, marks, cue_tokens)
    ]
    continued: set[int] = set()  # content starts of quotations that continue a speaker
    uncued_marks = [(qt.marks.open, qt.marks.end) for qt in quotations if qt.cue is None]
    for i, qt in enumerate(quotations):
        if qt.absorbed:
            continue
        # sentences inside a quotation the reporter's words run on from ("… It is a fee” for
        # the biggest apps) are the words of a speaker of the same paragraph (PolNeAR
        # train-191 +10 matched / +6 predicted, dev +2/+2, held-out +1/+1; any speaker
        # before it, not only one of its paragraph: dev speaker accuracy 0.922 → 0.917)
        in_a_sentence = False
        if qt.cue is None and not is_whole_sentence(text, qt.marks, *neighbours(marks, i)):
            if not holds_sentences(text, qt.marks):
                continue  # a scare quote or a title, not somebody's words
            in_a_sentence = True
        speaker, entity = describe_speaker(qt.speaker)
        if speaker is None:
            latest = _latest_before(history, qt.marks.open, index, settings)
            if in_a_sentence and (
                latest is None or index.line[index.at(latest.position).i] != qt.marks.line
            ):
                continue
            if latest is not None:
                speaker, entity = latest.speaker, latest.entity
                history.append(_Attribution(qt.marks.open, speaker, entity))
                continued.add(qt.marks.content_start)
            elif qt.cue is None and not settings.keep_unattributed:
                continue
        q = qt.marks
        cue = cue_record(qt.cue) if qt.cue is not None else None
        named = named_thing(index, qt) if qt.naming else None
        if named is not None:  # 'Carson called the political system “rotten to the core.”'
            records.append(new_record(speaker, entity, cue, content_record(text, named), "mixed"))
            continue
        lead_in = lead_in_start(index, qt, marks[i - 1] if i > 0 else None)
        if lead_in is not None and is_fronted_title(index, qt, lead_in):
            continue
        if lead_in is not None:  # 'Clinton would have to "go more to center," Cuban said'
            words = content_record(text, (lead_in, q.end))
            records.append(new_record(speaker, entity, cue, words, "mixed"))
            continue
        trail = trail_end(doc, index, qt, cue_indices, uncued_marks)
        if trail is not None:  # 'Tyler said, "We have three weeks to go" until the caucuses.'
            words = content_record(text, (q.open, trail))
            records.append(new_record(speaker, entity, cue, words, "mixed"))
            continue
        quoted_words = content_record(text, (q.content_start, q.content_end))
        records.append(new_record(speaker, entity, cue, quoted_words, "direct"))
    records += tagged_records(
        doc,
        records,
        events,
        index,
        settings.org_window_sentences,
        settings.min_tagged_words,
        mode=settings.tagged_contents,
        gate=settings.gate,
        candidates=candidates,
        clause_threshold=settings.gate_clause_threshold,
        belief_threshold=settings.gate_belief_threshold,
    )
    if settings.belief_rules:
        # after the learned tagger's: a relative clause inside a clause it reports ("denies
        # that the firm paid consultants whom the senator has known since college") is part
        # of that report
        records += clause_event_records(
            text, relative_belief_events(doc, quoted), records, marks, describe_speaker
        )
    cut_before_second_reports(index, records)
    records = without_nested(records)
    add_medium_and_confidence(text, records, continued)
    for record in records:
        record["kind"] = kind_of(cue_lemma(index, record["cue"]), record["medium"])
    records.sort(key=lambda r: (r["content"]["start"], r["content"]["end"], r["type"]))
    for record, start in zip(records, statement_starts(text, records)):
        record["statement"] = start
    return records


def _latest_before(
    history: list[_Attribution], offset: int, index: TokenIndex, settings: Settings
) -> _Attribution | None:
    earlier = [a for a in history if a.position < offset and a.speaker is not None]
    if not earlier:
        return None
    latest = max(earlier, key=lambda a: a.position)
    distance = index.sentence[index.at(offset).i] - index.sentence[index.at(latest.position).i]
    return latest if distance <= settings.continuation_window_sentences else None


class QuoteExtractor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[dict] = []
        doc._.quotes = build_quotes(doc, self.settings, candidates)
        doc._.attribution_candidates = candidates
        doc._.quote_marks = None  # used up; a Doc's user data should stay serialisable
        return doc


@Language.factory(
    "presswatch_quotes",
    default_config={
        "extra_speech_verbs": [],
        "extra_weak_speech_verbs": [],
        "max_words_to_cue": 6,
        "continuation_window_sentences": 8,
        "org_window_sentences": 4,
        "keep_unattributed": True,
        "min_tagged_words": 2,
        "tagged_contents": "gated",
        "gate_weights": "package",
        "gate_threshold": None,
        "gate_clause_threshold": None,
        "gate_belief_threshold": None,
        "belief_rules": True,
    },
)
def make_quote_extractor(
    nlp: Language,
    name: str,
    extra_speech_verbs: list[str],
    extra_weak_speech_verbs: list[str],
    max_words_to_cue: int,
    continuation_window_sentences: int,
    org_window_sentences: int,
    keep_unattributed: bool,
    min_tagged_words: int,
    tagged_contents: str,
    gate_weights: str,
    gate_threshold: float | None,
    gate_clause_threshold: float | None,
    gate_belief_threshold: float | None,
    belief_rules: bool,
) -> QuoteExtractor:
    if tagged_contents not in TAGGED_CONTENT_MODES:
        raise ValueError(
            f"tagged_contents = {tagged_contents!r} in [components.quotes]: expected "
            f"one of {', '.join(TAGGED_CONTENT_MODES)} (see presswatch.cfg)"
        )
    for setting, value in (
        ("gate_clause_threshold", gate_clause_threshold),
        ("gate_belief_threshold", gate_belief_threshold),
    ):
        if value is not None and not 0.0 <= value <= 1.0:
            raise ValueError(
                f"{setting} = {value!r} in [components.quotes]: expected "
                "a probability between 0 and 1, or null (see presswatch.cfg)"
            )
    vocab = Vocabulary(
        speech_verbs=SPEECH_VERBS | frozenset(extra_speech_verbs),
        weak_speech_verbs=WEAK_SPEECH_VERBS | frozenset(extra_weak_speech_verbs),
    )
    return QuoteExtractor(
        Settings(
            vocab,
            max_words_to_cue,
            continuation_window_sentences,
            org_window_sentences,
            keep_unattributed,
            min_tagged_words,
            tagged_contents,
            _gate(tagged_contents, gate_weights, gate_threshold),
            belief_rules,
            gate_clause_threshold,
            gate_belief_threshold,
        )
    )


def _gate(mode: str, weights: str, threshold: float | None) -> Gate | None:
    """The learned gate for tagged_contents = "gated" ("package": attribution_gate.json)."""
    if mode != "gated":
        return None
    return load_gate(GATE_PATH if weights == "package" else Path(weights), threshold)
