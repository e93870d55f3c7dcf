"""Quotes from the attribution tagger's spans (attribution_tagger.py), with presswatch's own
speaker logic, added to the rules' quotes by presswatch_quotes.

The tagger finds far more attributions than the rules (partial quotes inside reported clauses,
"called X “…”", beliefs, transcripts), but its own Source spans pick the wrong speaker often;
the rules are right about speakers. So for each CONTENT span the tagger marks that no rule quote
already holds:
1. its cue is the tagger's CUE span nearest to it in the same paragraph;
2. its speaker is the cue verb's subject on the parse (or the speaker after an inverted verb,
   or X in "according to X") — the same functions the rules use — else the tagger's SOURCE span
   nearest the cue in that sentence;
3. the speaker entity comes from the rules' resolution (entity, pronoun antecedent, "the
   minister", "a spokesperson" speaking for an organisation).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .attribution import (
    SpeechEvent,
    is_actual_speech,
    speaker_entity,
    speaker_record,
)
from .attribution_gate import Gate, Speaker, candidate_features, has_finite_verb
from .attribution_kinds import APPEARANCE_LEMMAS, ATTRIBUTING_LEMMAS, BELIEF_LEMMAS, kind_of
from .attribution_tagger import SPANS_KEY
from .beliefs import AS_BELIEF_VERBS
from .framing import TokenIndex, run_to_sentence_end
from .lexicon import ADDRESSEE_VERBS
from .reported_clause_checks import reads_as_statement
from .spans import CharSpan, QuoteRecord, char_span, word_count
from .speakers import is_plausible_speaker, named_speaker
from .tagged_holding import (
    QUOTE_MARKS,
    clause_before_quotation,
    held_by,
    held_from_inside,
    overlap_chars,
    trim_bounds,
    widened_rule_quote,
    without_dangling_conjunction,
)
from .tagged_speakers import can_be_source, cue_speaker

# Which tagged contents become quotes:
#   quoted       those holding a quotation of 3+ words, with any cue the tagger marks (on
#                PolNeAR it adds the quotations the rules miss and almost nothing else)
#   clauses      those too that are a clause with a finite verb, cued by an
#                attributing verb that is not a belief, with a speaker (_reported_clause)
#   attributing  any content whose cue is an attributing verb (ATTRIBUTING_LEMMAS)
#   all          any content with any tagged cue (most recall, least precision)
#   gated        those the learned gate admits (attribution_gate.py), and those holding a
#                quotation of 3+ words: the default (more recall and speaker accuracy than
#                "clauses" on PolNeAR dev, README "Attribution on real reporting")
TAGGED_CONTENT_MODES = ("quoted", "clauses", "attributing", "all", "gated")
_MAX_TOKENS_TO_CUE = 12
_MAX_TOKENS_CUE_TO_SOURCE = 12


def _gap(a: Span, b: Span) -> int:
    """Tokens between two spans (0 when adjacent)."""
    return b.start - a.end if a.end <= b.start else a.start - b.end


def _nearest(
    spans: Sequence[Span], anchor: Span, index: TokenIndex, limit: int, same_sentence: bool
) -> Span | None:
    line = index.line[anchor.start]
    sentence = index.sentence[anchor.start]
    best, best_gap = None, limit + 1
    for span in spans:
        if index.line[span.start] != line or overlap_chars(
            (span.start, span.end), (anchor.start, anchor.end)
        ):
            continue
        if same_sentence and index.sentence[span.start] != sentence:
            continue
        gap = _gap(span, anchor)
        if gap < best_gap:
            best, best_gap = span, gap
    return best


def governing_verb(content: Span) -> Span | None:
    """The verb outside a content whose object or complement the content is, as a one-token
    cue: the tagger sometimes marks what was done or said ("tweets shaming [former Miss
    Universe Alicia Machado]", "criticizing [Trump for taking …]") but not the verb."""
    root = content.root
    head = root.head
    if head is root or content.start <= head.i < content.end:
        return None
    if head.pos_ != "VERB" or root.dep_ not in ("dobj", "ccomp", "xcomp", "attr", "oprd"):
        return None
    return content.doc[head.i : head.i + 1]


def verb_above(content: Span) -> Span | None:
    """The nearest verb above a content in its sentence, as a one-token cue: the tagger marks
    the content but no cue when the cue is further up the parse ("raised concerns that …",
    "put out a note assuring staff that …"). The gate judges the pair like any
    other (on PolNeAR dev +7 matched of +11 predicted, train +5/+10, held-out +3/+8;
    attributing verbs only: dev +2/+3)."""
    sentence = content.root.sent
    for token in content.root.ancestors:
        if not sentence.start <= token.i < sentence.end:
            break
        if token.pos_ == "VERB":
            return content.doc[token.i : token.i + 1]
    return None


def is_addressee(content: Span) -> bool:
    """The content is only who was told ('told the morning show “Rise and Shine”'), the
    object of "tell" and its kin with no verb of its own, which is never what was said ("told
    residents to boil their water" is)."""
    root = content.root
    return (
        root.dep_ in ("dobj", "dative")
        and root.head.lemma_.lower() in ADDRESSEE_VERBS
        and not any(t.pos_ in ("VERB", "AUX") for t in content)
    )


def is_attributing_cue(cue: Span) -> bool:
    """ "according to X", or a verb that attributes, said as a real act ("did not say" and
    "would ask" are not)."""
    for token in cue:
        if token.lower_ == "according":
            return True
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in ATTRIBUTING_LEMMAS:
            return is_actual_speech(token) or token.lemma_.lower() in BELIEF_LEMMAS
    return False


def is_unrealised_speech(cue: Span) -> bool:
    """A cue that reports speech which did not happen (yet): "is expected to say", "did not
    say", "would ask". What was not said is nobody's quote, whatever the gate thinks."""
    return any(
        t.pos_ in ("VERB", "AUX")
        and t.lemma_.lower() in ATTRIBUTING_LEMMAS
        and t.lemma_.lower() not in BELIEF_LEMMAS
        and not is_actual_speech(t)
        for t in cue
    )


_QUOTATION = re.compile(r"(?:''|[\"“«„])(.*?)(?:''|[\"”»]|$)")
# In "quoted" mode a tagged content needs a quotation of at least this many words: shorter ones
# are mostly scare quotes and labels ("the “safe technology” label"), which are not anyone's
# words (PolNeAR held-out train: F1 0.556 with 1, 0.544 with 3; the bundled gold and the
# behaviour tests say a scare quote is not a quote).
_MIN_QUOTED_WORDS = 3


def _reported_clause(
    doc: Doc, bounds: tuple[int, int], cue: Span, speaker: CharSpan | None
) -> bool:
    """What "clauses" takes without a quotation: a clause with a finite verb, said or written
    by somebody named (an attributing cue with a speaker). Beliefs are left to the rules: the
    tagger's were right half the time on PolNeAR, and a thought is not something said."""
    if speaker is None or not is_attributing_cue(cue):
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in BELIEF_LEMMAS for t in cue):
        return False
    return has_finite_verb(doc.char_span(*bounds, alignment_mode="expand"))


def _sentence_tokens(index: TokenIndex, i: int) -> int:
    """Tokens in the sentence of token i (sentence numbers run in order along the Doc)."""
    number = index.sentence[i]
    return bisect.bisect_right(index.sentence, number) - bisect.bisect_left(index.sentence, number)


def _quoted_words(words: str) -> int:
    """Words inside quotation marks (“…”, "…", «…», ''…'') in a content."""
    return sum(word_count(inside) for inside in _QUOTATION.findall(words))


def merged_contents(
    contents: Sequence[Span], others: Sequence[Span], index: TokenIndex, max_gap: int
) -> list[tuple[int, int]]:
    """Token ranges of the tagger's contents, with pieces split by a few untagged tokens joined
    again (the tagger decides token by token and sometimes drops a word inside a content),
    unless a cue or source lies between or a line ends between them."""
    tagged = {i for span in others for i in range(span.start, span.end)}
    ranges: list[tuple[int, int]] = []
    for span in sorted(contents, key=lambda s: s.start):
        if ranges:
            start, end = ranges[-1]
            between = range(end, span.start)
            if (
                len(between) <= max_gap
                and not any(i in tagged for i in between)
                and index.line[start] == index.line[span.start]
            ):
                ranges[-1] = (start, span.end)
                continue
        ranges.append((span.start, span.end))
    return ranges


def tagged_records(
    doc: Doc,
    rule_records: Sequence[QuoteRecord],
    events: list[SpeechEvent],
    index: TokenIndex,
    org_window_sentences: int,
    min_words: int,
    max_gap: int = 2,
    mode: str = "quoted",
    gate: Gate | None = None,
    candidates: list[dict] | None = None,
    clause_threshold: float | None = None,
    belief_threshold: float | None = None,
) -> list[QuoteRecord]:
    """Quote records for the tagger's contents that no rule quote holds (the rules' own quotes
    are kept as they are: their speakers are better). `mode` (TAGGED_CONTENT_MODES) says which;
    "gated" needs `gate`; with `clause_threshold`, a content the gate scores between it and
    the gate's threshold is taken when it reads as a statement (reported_clause_checks.py);
    with `belief_threshold`, one scored between it and the gate's threshold is taken when its
    cue makes it a belief ("hopes to …": kind belief, which the journalists' views leave out).
    With `candidates`, every content the gate judged is appended to it
    (offsets, features, probability): what the gate is trained on."""
    if mode == "gated" and gate is None:
        raise ValueError('tagged_contents = "gated" needs a gate (attribution_gate.load_gate)')
    if SPANS_KEY not in doc.spans:
        return []
    spans = list(doc.spans[SPANS_KEY])
    cues = [s for s in spans if s.label_ == "CUE"]
    sources = [s for s in spans if s.label_ == "SOURCE"]
    taken = [(r["content"]["start"], r["content"]["end"]) for r in rule_records]
    records: list[QuoteRecord] = []
    contents = [s for s in spans if s.label_ == "CONTENT"]
    cue_indices = {i for c in cues for i in range(c.start, c.end)}
    cue_indices |= {e.cue_token.i for e in events}
    for first, last in merged_contents(contents, cues + sources, index, max_gap):
        content = doc[first:last]
        bounds = trim_bounds(content)
        if bounds is None or word_count(index.text[slice(*bounds)]) < min_words:
            continue
        if held_by(bounds, taken) or held_from_inside(
            bounds, (first, last), taken, rule_records, index
        ):
            if widened_rule_quote(bounds, (first, last), rule_records, taken, index):
                continue
            clause = clause_before_quotation(doc, bounds, taken)
            if clause is None:
                continue
            content, bounds = clause
            if word_count(index.text[slice(*bounds)]) < min_words or held_by(bounds, taken):
                continue
        if is_addressee(content):
            continue
        cue = _nearest(cues, content, index, _MAX_TOKENS_TO_CUE, same_sentence=False)
        if cue is None:
            cue = governing_verb(content) or verb_above(content)
        if cue is None:
            continue  # no cue at all: most such contents were the tagger's slips
        attributing = is_attributing_cue(cue)
        if mode == "attributing" and not attributing:
            continue
        head = cue_speaker(cue, content)
        if (
            head is not None
            and head.left_edge.i <= content.start
            and content.end - 1 <= head.right_edge.i
        ):
            continue  # inside the speaker's own description ("X, researching “safe tech,” said")
        if not can_be_source(head):
            source = _nearest(sources, cue, index, _MAX_TOKENS_CUE_TO_SOURCE, same_sentence=False)
            head = source.root if source is not None else None
        if not can_be_source(head):
            head = None  # no speaker rather than a verb or "which" in the speaker column
        speaker: CharSpan | None = None
        entity = None
        if head is not None:
            head = named_speaker(head)
            speaker = speaker_record(head)
            entity = speaker_entity(head, events, org_window_sentences)
        words = index.text[slice(*bounds)]
        quoted = any(ch in QUOTE_MARKS for ch in words)
        quoted_words = _quoted_words(words)
        if mode == "gated":
            if is_unrealised_speech(cue):
                continue
            found = Speaker(head, entity is not None)
            span = doc.char_span(*bounds, alignment_mode="expand")
            features = candidate_features(
                span,
                words,
                _sentence_tokens(index, span.start) if span is not None else 0,
                cue,
                attributing,
                quoted_words,
                found,
            )
            probability = gate.probability(features)
            if candidates is not None:
                candidates.append(
                    {"start": bounds[0], "end": bounds[1], "features": features, "p": probability}
                )
            if (
                probability < gate.threshold
                and not (
                    belief_threshold is not None
                    and probability >= belief_threshold
                    and _a_held_belief(cue, head)
                )
                and quoted_words < _MIN_QUOTED_WORDS  # taken as "quoted" takes it
                and not (
                    clause_threshold is not None
                    and probability >= clause_threshold
                    and span is not None
                    and reads_as_statement(
                        span,
                        cue,
                        head,
                        index,
                        named=entity is not None,
                        attributing=attributing,
                    )
                )
            ):
                continue
        if mode == "quoted" and quoted_words < _MIN_QUOTED_WORDS:
            continue  # no quotation, or a scare quote: 'described it as a “privacy upgrade”'
        if mode == "clauses" and quoted_words < _MIN_QUOTED_WORDS:
            if not _reported_clause(doc, bounds, cue, speaker):
                continue  # 'told the court a single sentence': a thing, not a statement
        longer = run_to_sentence_end(doc, bounds, cue.root, cue_indices)
        if longer != bounds and not any(overlap_chars(longer, t) > 0 for t in taken):
            bounds = longer  # the tagger, like the parse, stops at a comma or a colon
        bounds = without_dangling_conjunction(index.text, bounds)
        words = index.text[slice(*bounds)]
        whole = words[0] in QUOTE_MARKS and words.rstrip(".,;:!?")[-1:] in QUOTE_MARKS
        records.append(
            {
                "speaker": speaker,
                "speaker_entity": entity,
                "cue": char_span(index.text, cue.start_char, cue.end_char)
                if cue is not None
                else None,
                "content": char_span(index.text, *bounds),
                "type": "direct" if whole else "mixed" if quoted else "indirect",
                "medium": "spoken",
                "confidence": 0.0,
            }
        )
        taken.append(bounds)
    return records


# "Regulators need to look at the whole pipe": what somebody needs is mostly the writer's
# prescription, not a view the subject holds (PolNeAR: 11 "need" cues in 354 articles, where
# "need to" is common), so the belief tier leaves it to the rules.
_NECESSITY_LEMMAS = frozenset({"need"})


def _a_held_belief(cue: Span, head: Token | None) -> bool:
    """The quote will be of kind belief (its cue's first verb, the lemma quotes.py's
    cue_lemma reads: "believe" in "does not believe") and passes the belief rules' own checks
    (beliefs.py): the verb states it ("does not believe" states none), and seeing something as
    something needs a speaker that can hold a view ("the plan sees …" is nobody's). Not a
    seeming ("seems", "appears"): nobody holds it, and the speakers the tagger's path gave
    such contents were all wrong on dev. Not a need (_NECESSITY_LEMMAS)."""
    verb = next((t for t in cue if t.pos_ == "VERB"), None)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    if kind_of(lemma) != "belief" or lemma in APPEARANCE_LEMMAS or not is_actual_speech(verb):
        return False
    if lemma in _NECESSITY_LEMMAS:
        return False
    if lemma in AS_BELIEF_VERBS:
        return head is not None and is_plausible_speaker(head, weak_verb=True)
    return True
