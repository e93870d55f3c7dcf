"""Trimming a token range to the characters of what was said: no edge spaces or punctuation,
no dangling conjunction, and quotation marks only when their partner is inside. Pure: reads a
parsed Doc. (Moved out of attribution.py, which the verb readers share.)"""

from __future__ import annotations

from spacy.tokens import Doc, Token

_QUOTE_FAMILIES = ('"“”«»„', "'‘’")
_OPENS_AFTER = " \t\n([{—–-"


def _quote_family(text: str) -> str | None:
    return next((f for f in _QUOTE_FAMILIES if len(text) == 1 and text in f), None)


def _closes_at(doc: Doc, token: Token) -> bool:
    return token.whitespace_ != "" or token.i + 1 == len(doc) or doc[token.i + 1].is_punct


def _opens_at(doc: Doc, token: Token) -> bool:
    if token.i == 0:
        return True
    before = doc[token.i - 1]
    return before.whitespace_ != "" or before.text[-1] in _OPENS_AFTER


_TRAILING_CONJUNCTIONS = frozenset({"and", "but", "or", "nor"})


def trim_tokens(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character offsets of tokens first..last without edge spaces and punctuation. Quotation
    marks stay when their partner is inside ("’10 year challenge’ is …") and go when it is not
    (a caption's closing "'"); quote_marks.py restores real quotations around a clause."""
    while first <= last:
        token = doc[first]
        family = _quote_family(token.text) if token.is_quote else None
        if token.is_space or token.is_punct and family is None:
            first += 1
        elif family is not None and not any(
            t.text in family and _closes_at(doc, t) for t in doc[first + 1 : last + 1]
        ):
            first += 1  # an opening mark whose closing mark is outside
        else:
            break
    while last >= first:
        token = doc[last]
        family = _quote_family(token.text) if token.is_quote else None
        if token.is_space or token.is_punct and family is None:
            last -= 1
        elif token.dep_ == "cc" and token.lower_ in _TRAILING_CONJUNCTIONS:
            last -= 1  # "said Clinton is honest and trustworthy, and three-quarters said …"
        elif family is not None and not any(
            t.text in family and (t.i == first or _opens_at(doc, t)) for t in doc[first:last]
        ):
            last -= 1  # a closing mark whose opening mark is outside
        else:
            break
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)
