"""How a quotation is framed in its sentence: the cue before or after it, whether it stands
alone, or a dash attribution line ("… — Matthew Green, on Twitter")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy
from spacy.tokens import Doc, Token

from .attribution import Vocabulary, inverted_subject, is_speech_verb, subject_of
from .lexicon import ADDRESSEE_VERBS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .pronouns import sentence_index
from .quote_marks import QuoteMarks
from .spans import doc_text, word_count

_SENTENCE_END = {".", "!", "?"}
_NOT_A_FRAME_START = {"CCONJ", "ADP", "SCONJ"}  # "“safe technology,” and former CTO … tweeted"
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)\]]*\s*$")


class TokenIndex:
    """The Doc's text (built once: Doc.text is rebuilt on every access) and, per token, its
    sentence and line numbers, with lookup of the token at a character offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        idx = doc.to_array("IDX") if len(doc) else numpy.zeros(0, dtype="int64")
        self.starts = [int(i) for i in idx]
        self.sentence = sentence_index(doc)
        line_breaks = numpy.array(
            [i for i, char in enumerate(self.text) if char == "\n"], dtype="int64"
        )
        # bisect_right(line_breaks, idx - 1) for every token at once
        self.line = [int(n) for n in numpy.searchsorted(line_breaks, idx - 1, side="right")]

    def at(self, offset: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _frame_tokens(index: TokenIndex, first: int, last: int, line: int) -> list[Token]:
    return [t for t in index.doc[first : last + 1] if not t.is_space and index.line[t.i] == line]


def trailer_cue(
    doc: Doc,
    q: QuoteMarks,
    nxt: QuoteMarks | None,
    index: TokenIndex,
    vocab: Vocabulary,
    max_words_to_cue: int,
) -> tuple[Token, Token | None] | None:
    """'“…,” Stamos later told Reuters.': a speech verb early in what follows the quotation."""
    if q.close is None or index.text[q.open + 1 : q.close].rstrip().endswith("."):
        return None  # the quotation ended its own sentence
    words: list[Token] = []
    for token in doc[index.at(q.close).i + 1 :]:
        if "\n" in token.text or (nxt is not None and token.idx >= nxt.open):
            break
        if token.text in _SENTENCE_END:
            break
        if not (token.is_space or token.is_punct):
            words.append(token)
    if not words or words[0].pos_ in _NOT_A_FRAME_START:
        return None
    # "Alex Stamos, Facebook’s former security chief …, told Reuters": words inside an
    # apposition or relative clause do not count towards the distance to the cue.
    in_trailer = {w.i for w in words}
    words = [
        w for w in words if _hung_on_speaker(w, vocab) or not _inside_noun_modifier(w, in_trailer)
    ]
    for n, word in enumerate(words[:max_words_to_cue]):
        if _hung_on_speaker(word, vocab):
            return word, word.head
        if is_speech_verb(word, vocab) or _goes_on_speaking(word):
            subject = subject_of(word)
            if subject is not None and subject in words:
                return word, subject
            if word.lemma_.lower() in ADDRESSEE_VERBS:
                return word, next((w for w in words[:n] if w.pos_ in _SPEAKER_POS), None)
            return word, inverted_subject(word, words[-1].i + 1)
        if word.pos_ == "VERB":
            return None
    return None


def _hung_on_speaker(word: Token, vocab: Vocabulary) -> bool:
    """'“…!” the party's nominee, Ada Moss, tweeted Sunday.': after a quotation that
    ends its own sentence, the small model can make the speaker the root and the speech verb
    a participle modifying it; the noun is then who spoke ("a slogan tweeted by fans", with
    an agent, is a passive and no speaker)."""
    return (
        word.dep_ == "acl"
        and not any(c.dep_ == "agent" for c in word.children)
        and word.tag_ in {"VBD", "VBN"}
        and word.head.dep_ == "ROOT"
        and word.head.pos_ in {"NOUN", "PROPN"}
        and word.head.i < word.i
        and is_speech_verb(word, vocab)
    )


def _goes_on_speaking(word: Token) -> bool:
    """'“I've studied this closely,” she continued, “and …”': "continue" with nothing of its
    own to continue is the speaker going on (PolNeAR annotates it as a cue)."""
    return word.lemma_.lower() == "continue" and not any(
        c.dep_ in {"dobj", "xcomp", "ccomp", "prep", "attr"} and c.i > word.i for c in word.children
    )


# ADDRESSEE_VERBS: the noun after them is who was told, never an inverted speaker: in '“…,”
# Ruiz, 49, told Channel 4.' the parse may hang "Ruiz" off the verb as no subject at all, and
# the speaker is then the name before the verb, not "Channel 4".
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON"})


_NOUN_MODIFIER_DEPS = {"appos", "relcl", "acl"}


def _inside_noun_modifier(token: Token, nouns: set[int]) -> bool:
    """Is the token inside an apposition or relative clause of one of `nouns`, or a phrase
    set off after it by a comma ("Ruiz, of the Open Markets Institute, said")?"""
    node = token
    while node.head.i != node.i:
        if node.head.i in nouns and (
            node.dep_ in _NOUN_MODIFIER_DEPS
            or (node.dep_ == "prep" and node.i > 0 and node.nbor(-1).text == ",")
            or (node.dep_ in {"conj", "cc"} and node.head.pos_ in {"PROPN", "NOUN"})
        ):
            return True
        node = node.head
    return False


def lead_cue(
    doc: Doc,
    q: QuoteMarks,
    prev: QuoteMarks | None,
    index: TokenIndex,
    vocab: Vocabulary,
    max_words_to_cue: int,
) -> tuple[Token, Token | None] | None:
    """'X said: “…”' or the middle of a split quote '“…,” X said, “…”'."""
    open_token = index.at(q.open)
    if open_token.i == 0:
        return None
    start = doc[open_token.i - 1].sent.start
    if prev is not None and prev.line == q.line:
        start = max(start, index.at(prev.end - 1).i + 1)
    lead = _frame_tokens(index, start, open_token.i - 1, q.line)
    if not lead or not (lead[-1].text in (":", ",") or is_speech_verb(lead[-1], vocab)):
        return None
    words = [t for t in lead if not t.is_punct]
    for word in reversed(words[-max_words_to_cue:]):
        if is_speech_verb(word, vocab):
            subject = subject_of(word)
            if subject is None or subject not in lead:
                subject = inverted_subject(word, open_token.i)
            return word, subject
    return None


# Verbs that put words in a named speaker's mouth: 'X called the charges "a witch hunt"'.
NAMING_VERBS = frozenset({"call", "describe", "label", "dub", "brand", "term", "deride"})


def naming_cue(doc: Doc, q: QuoteMarks, index: TokenIndex) -> tuple[Token, Token | None] | None:
    """'Trump … called the indictment “election interference.”': the quotation is the speaker's
    own words when it hangs off a naming verb whose subject is a person (or a pronoun)."""
    if q.close is None:
        return None
    inside = index.at(q.content_start)
    node = inside
    for _ in range(6):
        if not q.contains(node.idx) or node.head.i == node.i:
            break
        node = node.head
    for _ in range(2):  # 'called the plan “a disaster”': the quotation hangs off the object
        if node.pos_ == "VERB" or node.head.i == node.i:
            break
        node = node.head
    if q.contains(node.idx) or node.lemma_.lower() not in NAMING_VERBS or node.pos_ != "VERB":
        return None
    subject = subject_of(node)
    if subject is None or not (
        subject.ent_type_ in ("PERSON", "ORG")
        or subject.pos_ == "PROPN"
        or subject.lower_ in ("he", "she", "they")
    ):
        return None
    return node, subject


def is_whole_sentence(
    text: str, q: QuoteMarks, prev: QuoteMarks | None, nxt: QuoteMarks | None
) -> bool:
    """Nothing but the quotation in its sentence: no words before it since the last sentence
    end, and after it only punctuation or the start of a new sentence. A word or two without
    sentence punctuation (“a” “b”) is a list of terms, not a sentence."""
    inner = text[q.content_start : q.content_end].rstrip()
    if word_count(inner) < 3 and inner[-1:] not in ".!?…":
        return False
    line_start = text.rfind("\n", 0, q.open) + 1
    before_from = prev.end if prev is not None and prev.line == q.line else line_start
    before = text[before_from : q.open]
    if before.strip() and not _ENDS_SENTENCE.search(before):
        return False
    line_end = text.find("\n", q.end)
    after_to = (
        nxt.open
        if nxt is not None and nxt.line == q.line
        else (len(text) if line_end == -1 else line_end)
    )
    after = text[q.end : after_to].lstrip(" \t,;:—–-")
    return not after.strip() or (after[:1].isupper() and inner[-1:] in ".!?…:")


_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)\]]*\s+[\"“‘(]?[A-Z]")


def holds_sentences(text: str, q: QuoteMarks) -> bool:
    """A quotation of two sentences or more ("… Nobody asked for it. It is a fee” for
    the biggest apps): somebody's words even when the reporter's words run on after it,
    where a title or a scare quote never holds a sentence end. It opens with a capital: marks
    paired across two quotations enclose the reporter's words between them ('” after the
    vote. The board “'), which start lower case."""
    if not text[q.content_start : q.content_start + 1].isupper():
        return False
    return _SENTENCE_BREAK.search(text, q.content_start, q.content_end) is not None


# Em dash, en dash, and the horizontal bar some sites sign reader comments with ("…” ― Name").
_DASH_SIGNATURE = re.compile(r"^(?P<body>.*\S)\s*[—–―]\s*(?P<tail>[^—–―]+?)\s*$")
# Pairs of marks that enclose a signed paragraph; a closing mark also opens one where a
# site's typography slipped ("”Mr. Trump embodies …”").
_ENCLOSING_MARKS = ("“", "”"), ("”", "”"), ('"', '"'), ("«", "»")
_MAX_SIGNATURE_WORDS = 10
_MIN_SIGNED_WORDS = 4


def dash_attributions(doc: Doc, index: TokenIndex) -> list[tuple[tuple[int, int], Token]]:
    """Paragraphs signed with a dash and a person's name, as block quotes and epigraphs are:
    "… off those services. — Matthew Green, on Twitter". Returns (content offsets, head token
    of the person) pairs. The signature must start with a PERSON entity and hold no verb."""
    text = index.text
    people = {ent.start_char: ent for ent in doc.ents if ent.label_ == "PERSON"}
    found = []
    offset = 0
    for line in text.split("\n"):
        match = _DASH_SIGNATURE.match(line)
        line_start, offset = offset, offset + len(line) + 1
        if match is None:
            continue
        person = people.get(line_start + match.start("tail"))
        tail = doc.char_span(
            line_start + match.start("tail"),
            line_start + match.end("tail"),
            alignment_mode="expand",
        )
        if person is None or tail is None:
            continue
        words = [t for t in tail if not (t.is_punct or t.is_space)]
        if len(words) > _MAX_SIGNATURE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in words):
            continue
        start, end = line_start + match.start("body"), line_start + match.end("body")
        while end > start and text[end - 1] in ",;: \t":
            end -= 1
        for opening, closing in _ENCLOSING_MARKS:
            if text[start] == opening and text[end - 1] == closing and end - start > 2:
                start, end = start + 1, end - 1
        if word_count(text[start:end]) >= _MIN_SIGNED_WORDS:
            found.append(((start, end), person.root))
    return found


def colon_lead_ins(
    index: TokenIndex, marks: list[QuoteMarks], cue_tokens: set[int]
) -> list[tuple[int, Token]]:
    """Press statements introduced by a line that names their author and ends in a colon,
    with no speech verb of its own: "The following can be attributed to Charlotte Slaiman,
    Competition Policy Director at Public Knowledge:" or "Statement from the company:". The
    quotation right after it, and those continuing it, are that person's (or organisation's)
    words. Returns (offset of the colon, speaker token) per lead-in."""
    doc, text = index.doc, index.text
    found = []
    for q in marks:
        before = text[: q.open].rstrip()
        if not before.endswith(":"):
            continue
        colon = index.at(len(before) - 1)
        first = index.doc[colon.i].sent.start
        if index.sentence[colon.i] == index.sentence[index.at(q.open).i]:
            first = max(first, _line_start(index, colon.i))
        if any(first <= i <= colon.i for i in cue_tokens):
            continue  # "X said in a statement:" — the verb's own rule has it
        entities = [e for e in doc.ents if first <= e.start and e.end <= colon.i]
        people = [e for e in entities if e.label_ == "PERSON"]
        orgs = [e for e in entities if e.label_ == "ORG"]
        chosen = people or orgs
        if chosen:
            found.append((colon.idx, chosen[0].root))
    return found


def _line_start(index: TokenIndex, i: int) -> int:
    line = index.line[i]
    while i > 0 and index.line[i - 1] == line:
        i -= 1
    return i


_SENTENCE_CLOSE = ".!?;…"
# A content's last phrase that only names the channel: "… in its blog", "… in an interview
# with CNN", "… in a tweet" (quote_details reads the medium from it; it is not what was said)
_TRAILING_MEDIUM = re.compile(
    r"[\s,]+(?:in|on|during|via)\s+(?:(?:a|an|the|its|his|her|their|our)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:blog(?:\s+post)?|statement|interview|tweet|op-ed|column|"
    r"newsletter|podcast)"
    r"(?:\s+with\s+[^,;.]{1,40})?[\s.]*$",
    re.IGNORECASE,
)


def without_trailing_medium(text: str, bounds: tuple[int, int]) -> tuple[int, int]:
    """The content without a last phrase that names where it was said ('the update as a
    “privacy upgrade” in its blog' ends at the quotation mark)."""
    start, end = bounds
    found = _TRAILING_MEDIUM.search(text, start, end)
    if found is None or found.start() - start < 8:
        return bounds
    return start, found.start()


_SPEECH_LEMMAS = SPEECH_VERBS | WEAK_SPEECH_VERBS


def run_to_sentence_end(
    doc: Doc,
    bounds: tuple[int, int],
    cue: Token,
    cue_indices: set[int],
    uncued: Sequence[tuple[int, int]] = (),
) -> tuple[int, int]:
    """A reported clause after its cue runs to the end of the sentence: the parse often cuts
    it at a colon or a comma before what the speaker also said ("… scrambling an egg: once
    the services share identities, …", "… is worth having, provided the metadata … stays
    apart"). Not over another attribution, spoken or denied ("…, and Kim did not say
    otherwise"), or a quotation with a cue of its own: that is a quote of its own. `uncued`
    are the (open, end) offsets of quotations nobody is said to have said: one of those after
    the clause is the speaker's words going on ("argued that …, “because …”"). `cue_indices`
    are the token indices of every cue found."""
    start, end = bounds
    if cue.idx >= start:
        return bounds
    text = doc_text(doc)  # doc.text would rebuild the text for every quote
    sentence_end = cue.sent.end_char
    # only a quotation that closes inside the sentence goes on the clause: one the parse hung
    # on the sentence by its opening mark ("… resorts. ''I assume …''") is the next sentence's
    uncued = [(o, e) for o, e in uncued if e <= sentence_end]
    while sentence_end > end and (
        text[sentence_end - 1].isspace() or text[sentence_end - 1] in _SENTENCE_CLOSE
    ):
        sentence_end -= 1
    if sentence_end <= end:
        return bounds
    tail = doc.char_span(end, sentence_end, alignment_mode="expand")
    if tail is None or any(
        t.i in cue_indices
        or t.lemma_.lower() in _SPEECH_LEMMAS
        or ((t.is_quote or t.text in '“”"') and not any(o <= t.idx < e for o, e in uncued))
        for t in tail
    ):
        return bounds
    return start, sentence_end
