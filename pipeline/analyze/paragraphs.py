"""presswatch_paragraph_breaks: a line break always ends a sentence.

Extracted article text keeps one paragraph, headline or caption per line, often without final
punctuation ("… WhatsApp: report"). The statistical parser joins such lines into one sentence,
which breaks quote attribution; fixing the boundaries before the parser runs prevents that (the
parser keeps sentence starts that are already set).
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("presswatch_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    # Line breaks live in whitespace tokens ("\n\n"); look only at those (no Token per word).
    spaces: list[int] = (
        [int(i) for i in numpy.nonzero(doc.to_array("IS_SPACE"))[0]] if len(doc) else []
    )
    for i in spaces:
        if i + 1 < len(doc) and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc
