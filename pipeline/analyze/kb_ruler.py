"""presswatch_kb_ruler: finds the knowledge base's names in the text and lets them overrule the
statistical NER.

The small English model tags "Instagram" and "Messenger" as PERSON and misses "Facebook" at the
start of a sentence; the dataset's own names are better evidence than the model. Only anchored
names (full names, organisations, products) become patterns: surnames such as "Green" are left
to presswatch_entity_linker, which links them only next to the full name.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .knowledge_base import KnowledgeBase

# Tokens an NER span may carry around a KB name without naming something bigger.
_TRIVIAL_EDGE_LOWER = {"the", "'s", "’s", "'", "’"}
_JOINERS = {"'s", "’s", ","}


class KnowledgeBaseRuler:
    def __init__(self, nlp: Language, name: str, overwrite_ents: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.knowledge_base = KnowledgeBase()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

    def set_knowledge_base(self, knowledge_base: KnowledgeBase) -> None:
        self.knowledge_base = knowledge_base
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for alias, entity_id in sorted(knowledge_base.anchored_aliases.items()):
            self.matcher.add(entity_id, [self.nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        kb_spans = []
        for match_id, start, end in self.matcher(doc):
            entity = self.knowledge_base.get(self.nlp.vocab.strings[match_id])
            if entity is not None:
                kb_spans.append(Span(doc, start, end, label=entity.label, kb_id=entity.id))
        kb_spans = filter_spans(kb_spans)
        doc.ents = merge_entities(doc.ents, kb_spans, self.overwrite_ents)
        return doc


def _joined_names(ner_span: Span, kb_span: Span) -> bool:
    """ "Apple’s Giannandrea", "Apple, Sweeney": the NER ran a KB name and the next name
    together over a possessive or a comma; that is two names, not one bigger one."""
    after = kb_span.end
    return after < ner_span.end - 1 and ner_span.doc[after].text in _JOINERS


def _tail_name(ner_span: Span, kb_span: Span) -> Span | None:
    """The name after the joiner, as a span of its own with the NER's label."""
    start = kb_span.end + 1
    rest = ner_span.doc[start : ner_span.end]
    if not len(rest) or not all(t.pos_ == "PROPN" for t in rest):
        return None
    return Span(ner_span.doc, start, ner_span.end, label=ner_span.label_)


def _names_something_bigger(ner_span: Span, kb_span: Span) -> bool:
    """True when the NER span strictly contains the KB name plus real words, with the same
    label ("Stanford Internet Observatory" around "Stanford"), so the NER span should win."""
    if ner_span.label_ != kb_span.label_ or _joined_names(ner_span, kb_span):
        return False
    extra = [t for t in ner_span if t.i < kb_span.start or t.i >= kb_span.end]
    return any(t.lower_ not in _TRIVIAL_EDGE_LOWER and not t.is_punct for t in extra)


def merge_entities(
    ner_spans: Iterable[Span], kb_spans: list[Span], overwrite_ents: bool
) -> list[Span]:
    """NER spans that overlap a KB match are dropped (the KB match replaces them), unless
    overwrite_ents is off or the NER span names something bigger that contains the KB name."""
    kept_kb = list(kb_spans)
    kept_ner = []
    for ner_span in ner_spans:
        overlapping = [s for s in kept_kb if s.start < ner_span.end and ner_span.start < s.end]
        if not overlapping:
            kept_ner.append(ner_span)
            continue
        contains_all = all(ner_span.start <= s.start and s.end <= ner_span.end for s in overlapping)
        if not overwrite_ents or (
            contains_all and all(_names_something_bigger(ner_span, s) for s in overlapping)
        ):
            kept_ner.append(ner_span)
            kept_kb = [s for s in kept_kb if s not in overlapping]
        elif len(overlapping) == 1 and _joined_names(ner_span, overlapping[0]):
            tail = _tail_name(ner_span, overlapping[0])
            if tail is not None and not any(
                s.start < tail.end and tail.start < s.end for s in kept_kb
            ):
                kept_ner.append(tail)
    return sorted([*kept_ner, *kept_kb], key=lambda s: (s.start, s.end))


@Language.factory(
    "presswatch_kb_ruler",
    default_config={"overwrite_ents": True},
)
def make_kb_ruler(nlp: Language, name: str, overwrite_ents: bool) -> KnowledgeBaseRuler:
    return KnowledgeBaseRuler(nlp, name, overwrite_ents)
