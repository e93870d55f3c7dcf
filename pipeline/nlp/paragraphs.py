"""presswatch_paragraph_breaks: a line break always ends a sentence.

Extracted article text keeps one paragraph, headline or caption per line, often without final
punctuation ("… WhatsApp: report"). The statistical parser joins such lines into one sentence,
which breaks quote attribution; fixing the boundaries before the parser runs prevents that (the
parser keeps sentence starts that are already set).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("presswatch_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc
