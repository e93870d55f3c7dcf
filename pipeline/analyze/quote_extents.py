"""Where a quote's words begin and end when a quotation is only part of them: a naming verb's
object goes with the name it is given, a quotation closing a clause the reporter began starts
at that clause, and one opening the reported clause runs on with it (used by quotes.py)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .framing import TokenIndex, run_to_sentence_end
from .quote_marks import QuoteMarks
from .spans import word_count


@dataclass
class Quotation:
    """A quotation of the text and what the words around it make of it."""

    marks: QuoteMarks
    cue: Token | None = None
    speaker: Token | None = None
    absorbed: bool = False  # part of a mixed quote
    naming: bool = False  # framed by a naming verb: 'called the plan “a disaster”'


def lead_in_start(index: TokenIndex, qt: Quotation, prev: QuoteMarks | None) -> int | None:
    """Where the speaker's words begin when a quotation closes a clause the reporter began:
    'Clinton, though, would have to "go more to center," Cuban said.' The cue comes after the
    quotation (a trailer), and the sentence has words of its own before the opening mark; they
    report the same statement, so the quote starts at the sentence's first word (or after an
    earlier quotation in that sentence). None for a quotation that opens its sentence."""
    q = qt.marks
    if qt.cue is None or qt.cue.idx < q.end or q.close is None:
        return None
    first = index.at(q.open)
    sentence = index.sentence[first.i]
    start = first.i
    while start > 0 and index.sentence[start - 1] == sentence and index.line[start - 1] == q.line:
        start -= 1
    if prev is not None and prev.line == q.line:
        while start < first.i and index.doc[start].idx < prev.end:
            start += 1
    clause = _clause_start(index.at(q.content_start), qt.cue)
    if clause is not None:
        start = max(start, clause)
    words = [t for t in index.doc[start : first.i] if not (t.is_punct or t.is_space)]
    if not words:
        return None
    return words[0].idx


# Titles of shows, books and campaigns run to a few words ("Weekend Ledger", "A Long Road").
_TITLE_WORDS = 5


def is_fronted_title(index: TokenIndex, qt: Quotation, lead_in: int) -> bool:
    """A short quotation, and no verb from the lead-in's start to its close: a title in a
    phrase put before the clause ('On Sunday’s “Weekend Ledger,” the senator told the host …',
    'In his memoir, “A Long Road,” he described …'), not words anybody said. (On PolNeAR
    train and dev, 8 of the 10 such lead-ins were no attribution; the two that were had longer
    quotations or a question's topic.)"""
    if word_count(index.text[qt.marks.content_start : qt.marks.content_end]) > _TITLE_WORDS:
        return False
    first = index.at(lead_in).i
    last = index.at(qt.marks.end - 1).i
    return not any(t.pos_ in ("VERB", "AUX") for t in index.doc[first : last + 1])


def trail_end(
    doc: Doc, index: TokenIndex, qt: Quotation, cue_indices: set[int], uncued: list
) -> int | None:
    """Where the speaker's statement ends when a quotation after its cue is only the start of
    the reported clause: 'he said "zero" voters would follow Graham', 'Obama said "it gets
    me mad" every time he thinks about …'. The clause runs on from the closing mark with a
    word (not a comma or a full stop) to the end of the sentence, over no other cue or
    quotation (framing.run_to_sentence_end). None when the quotation ends its clause."""
    q = qt.marks
    if qt.cue is None or qt.naming or qt.cue.idx > q.open or q.close is None:
        return None
    window = index.text[q.end : q.end + 2]
    after = window.lstrip()
    if not after or not after[0].isalnum():
        return None
    # the words after the mark go on the quotation's clause ('"zero" voters would follow'),
    # not a second act of the speaker's ('She said “yes” and left')
    node = index.at(q.end + len(window) - len(after))
    while node.head.i not in (qt.cue.i, node.i) and not q.open <= node.idx < q.end:
        node = node.head
    first_quoted = index.at(q.content_start)
    if not q.open <= node.idx < q.end and not (
        node.head.i == qt.cue.i
        and node.dep_ in _COMPLEMENT_DEPS
        and node.left_edge.i <= first_quoted.i <= node.right_edge.i
    ):
        return None
    _, end = run_to_sentence_end(doc, (q.open, q.end), qt.cue, cue_indices, uncued)
    return end if end > q.end else None


_COMPLEMENT_DEPS = frozenset({"ccomp", "dobj", "xcomp"})


# A clause of its own inside the sentence: reported ("critics who say he should …"), or a
# relative or adverbial clause.
_CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "parataxis", "csubj"})


def _clause_start(inside: Token, cue: Token) -> int | None:
    """The first token of the smallest clause below the cue that holds the quotation: the
    speaker's words are that clause, not the whole sentence ('Obama rebuked critics who say he
    should condemn terrorists as "radical Islamists," …': the words are 'he should condemn …').
    None when the quotation hangs from the cue (or the sentence's root) directly."""
    for token in inside.ancestors:
        if token == cue:
            return None
        if token.dep_ in _CLAUSE_DEPS and token.pos_ in ("VERB", "AUX"):
            return token.left_edge.i
    return None


# What follows a naming verb but is not part of what was named: "called X “Y”, and said …".
_NOT_NAMED = frozenset({"punct", "cc", "conj", "advcl", "ccomp", "parataxis", "mark"})


def named_thing(index: TokenIndex, qt: Quotation) -> tuple[int, int] | None:
    """The thing named and its name, as one content: 'called the political system “rotten to
    the core”', 'called Fields “totally delusional” for the accusation'. A naming verb's words
    are the name together with what it is given to (the annotators' content is the object and
    the quotation); None when nothing stands between the verb and the quotation."""
    cue, q = qt.cue, qt.marks
    if cue is None or q.close is None or cue.idx > q.open:
        return None
    named = [c for c in cue.children if c.i > cue.i and c.dep_ not in _NOT_NAMED]
    if not named:
        return None
    first = min(c.left_edge for c in named)
    last = max(c.right_edge for c in named)
    if first.idx >= q.open:
        return None  # 'called it “a disaster”' has "it"; 'called “…”' has nothing before
    end = max(q.end, last.idx + len(last.text))
    while end > q.end and not index.text[end - 1].isalnum():
        end -= 1  # trailing punctuation after the verb's last word
    return first.idx, end
