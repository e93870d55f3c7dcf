"""Custom attributes the presswatch components write. Registered once, on import of the package.

Values are plain JSON-ready data (see spans.py) so a Doc can be serialised with its results.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def register_extensions() -> None:
    """Defaults are None, never a shared mutable list."""
    for name in ("entity_id", "canonical_name"):
        # entity_id: knowledge-base id or "auto:<label>:<slug>"; canonical_name: the KB name,
        # or the longest name of the entity in the document.
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Token.has_extension("antecedent"):
        Token.set_extension("antecedent", default=None)  # EntityRef a pronoun refers to
    for name in ("quotes", "person_roles", "claims", "stances"):
        # quotes: list[QuoteRecord]; person_roles: list[PersonRole]; claims: list[ClaimRecord];
        # stances: list[StanceRecord]
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("quote_marks"):
        # list[QuoteMarks] of the Doc's text, found once (quote_marks.doc_quote_marks)
        Doc.set_extension("quote_marks", default=None)
    if not Doc.has_extension("attribution_candidates"):
        # the attribution tagger's contents the learned gate judged: offsets, features and
        # probability of each (attribution_gate.py; what `train-attribution-gate` learns from)
        Doc.set_extension("attribution_candidates", default=None)
