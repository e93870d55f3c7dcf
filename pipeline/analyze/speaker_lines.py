"""Lines that open with their speaker's name and a colon: transcripts ("PENCE: Well, look, …")
and the headline convention of political news ("Paul Ryan: FBI Decision … ‘Defies
Explanation’", "Poll: Clinton and Sanders in dead heat"). The words after the colon, to the
end of the line, are the named speaker's (or the poll's, the report's); no verb says so.

Pure: reads a parsed Doc and its TokenIndex, returns (content offsets, speaker head) pairs.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .framing import TokenIndex
from .lexicon import DOCUMENT_NOUNS, PERSON_NOUNS
from .spans import word_count

# A label of one to five capitalised words, a colon, then the rest of the line.
# Transcripts printed as one long quotation open each paragraph with a quotation mark
# ('"PENCE: Well, look, …').
_LABELLED_LINE = re.compile(
    r"^[\"“‘]?(?P<label>[A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,4}):[ \t]+(?P<content>\S.*?)[ \t]*$"
)
# Labels of page furniture and news formats, not of a speaker ("The Latest: …", "Breaking: …",
# "Contributing: …", "UPDATE: …", "Photo: …").
_NOT_SPEAKER_LABELS = frozenset(
    """
    the latest breaking update updated correction clarification editor's note note watch
    read more related contributing photo photos video source sources credit wow just in
    exclusive opinion analysis commentary live fact check paid look listen boom
    """.split()
)
# A list after the label ("Iowa: Tim Albrecht, Brad Anderson, Rob Barron, …" in a survey's
# roster of respondents) names people; it is nobody's words.
_LIST_ITEM = re.compile(r"^\s*\S+(?:\s+\S+){0,3}\s*$")
_MIN_LIST_ITEMS = 3
# Common nouns that stand for a voice in such a label ("Poll:", "Insiders:", "Historians:").
_VOICE_LABEL_NOUNS = PERSON_NOUNS | DOCUMENT_NOUNS | {"poll", "insider", "historian"}
_SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_INTERVIEW_LABELS = frozenset({"Q", "A"})
_MIN_CONTENT_WORDS = 4


def labelled_lines(
    doc: Doc, index: TokenIndex
) -> list[tuple[tuple[int, int], Token, tuple[int, int]]]:
    """(content offsets, speaker head token, label offsets) for every line "Speaker: words …"
    whose label names a person or organisation (by the entity recogniser), is a transcript's
    capitalised name ("WALLACE"), or is a voice noun ("Poll", "Insiders"). The content keeps its own
    quotation marks and drops a final full stop. In a transcript (two turns or more under
    capitalised names) a turn runs on over the paragraphs after it, up to the next turn."""
    text = index.text
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    turns: list[tuple[int, tuple[int, int], Token, bool]] = []
    labels: dict[int, tuple[int, int]] = {}
    matches = [_LABELLED_LINE.match(line) for _, line in lines]
    # An interview printed as questions and answers ("Q: How did things go?" / "A: …"): the
    # labels are the speakers (on PolNeAR train 53 of 65 such lines are annotated so)
    interview = {m.group("label") for m in matches if m is not None} >= _INTERVIEW_LABELS
    for number, (line_start, line) in enumerate(lines):
        match = matches[number]
        if match is None:
            continue
        label = match.group("label")
        if label in _INTERVIEW_LABELS and not interview:
            continue
        if label.lower() in _NOT_SPEAKER_LABELS or label.split()[0].lower() in _NOT_SPEAKER_LABELS:
            continue
        start, end = line_start + match.start("content"), _trimmed_end(text, line_start, line)
        if word_count(text[start:end]) < _MIN_CONTENT_WORDS:
            continue  # "Cruz: Just hang on." in a list of what each candidate needs
        if _is_list(text[start:end]):
            continue
        if label in _INTERVIEW_LABELS:
            head = index.at(line_start + match.start("label"))
        else:
            head = _label_speaker(doc, line_start, line_start + match.end("label"), label)
        if head is not None:
            transcript_name = label.isupper() and head.text.isupper()
            turns.append((number, (start, end), head, transcript_name))
            labels[number] = (line_start + match.start("label"), line_start + match.end("label"))
    if sum(named for *_, named in turns) >= 2:
        turns = _run_on(turns, lines, text)
    return [(bounds, head, labels[number]) for number, bounds, head, _ in turns]


def _trimmed_end(text: str, line_start: int, line: str) -> int:
    end = line_start + len(line.rstrip())
    while end > line_start and text[end - 1] in ".;,":
        end -= 1
    return end


_MAX_RUN_ON_PARAGRAPHS = 3


def _run_on(
    turns: list[tuple[int, tuple[int, int], Token, bool]], lines: list[tuple[int, str]], text: str
) -> list[tuple[int, tuple[int, int], Token, bool]]:
    """A transcript turn takes the paragraphs after it that open with no name, until the next
    turn, a stage direction ("(CROSSTALK)", "[Applause]") or three paragraphs; the last turn
    takes none (what follows a transcript is usually the reporter again)."""
    extended = []
    for (number, (start, end), head, named), following in zip(turns, [*turns[1:], None]):
        if named and following is not None:
            paragraphs = 0
            for line_start, line in lines[number + 1 : following[0]]:
                body = line.strip().lstrip('"“‘')
                if not body:
                    continue
                if body[0] in "([" or paragraphs == _MAX_RUN_ON_PARAGRAPHS:
                    break
                end = _trimmed_end(text, line_start, line)
                paragraphs += 1
        extended.append((number, (start, end), head, named))
    return extended


def _is_list(content: str) -> bool:
    items = content.split(",")
    return len(items) >= _MIN_LIST_ITEMS and all(_LIST_ITEM.match(item) for item in items)


def _label_speaker(doc: Doc, start: int, end: int, label: str) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    named = [e for e in span.ents if e.label_ in _SPEAKER_LABELS]
    if named:
        return named[-1].root
    if any(e.label_ in ("DATE", "TIME") for e in span.ents):
        return None  # "Tuesday’s Morning Email:"
    last = span[-1]
    if _named_elsewhere(doc, label):
        return last  # "Okafor: Regulators need to …": the model misses a name opening a line
    if label.isupper() and len(label) > 1 and len(span) <= 2:
        return last  # a transcript's speaker, "PENCE:"
    if last.lemma_.lower() in _VOICE_LABEL_NOUNS:
        return last
    return None


def _named_elsewhere(doc: Doc, label: str) -> bool:
    """The label is a person's or an organisation's name as the entity recogniser finds it
    elsewhere in the article, whole or as its last words ("Okafor" for "Rep. Adaeze
    Okafor"): at a line's start before a colon the small model often misses the name."""
    return any(
        entity.label_ in _SPEAKER_LABELS
        and (entity.text == label or entity.text.endswith(" " + label))
        for entity in doc.ents
    )
