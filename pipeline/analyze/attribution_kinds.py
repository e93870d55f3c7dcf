"""The kind of an attribution, read from its cue (pure).

- belief: what someone thinks, feels, wants or intends ("believes", "hopes", "plans", "fears")
  — not something they said; the "who said what" views leave it out by default;
- according-to: "according to X" (a source, often a document or a poll, vouches for it);
- writing: published or written words (wrote, tweeted, posted, published, reported, a
  statement, a blog post or an op-ed);
- speech: everything else (said, told, added, argued, called, "PENCE: …").
"""

from __future__ import annotations

from .lexicon import LEMMA_FIXES, SPEECH_VERBS, WEAK_SPEECH_VERBS

KINDS = ("speech", "writing", "belief", "according-to")

# ("conclude" is not here: it is a speech verb in lexicon.py, and "concluded" tells what was said.)
BELIEF_LEMMAS = frozenset(
    {
        "believe",
        "think",
        "hope",
        "want",
        "fear",
        "expect",
        "plan",
        "feel",
        "know",
        "worry",
        "intend",
        "wish",
        "doubt",
        "suspect",
        "assume",
        "consider",
        "see",
        "view",
        "understand",
        "realize",
        "realise",
        "imagine",
        "anticipate",
        "aim",
        "seek",
        "desire",
        "prefer",
        "like",
        "love",
        "hate",
        "dislike",
        "trust",
        "suppose",
        "figure",
        "guess",
        "reckon",
        "regard",
        "favor",
        "favour",
        "oppose",
        "support",
        "dread",
        "envision",
        "remember",
        "forget",
        "recognize",
        "recognise",
        "agree",
        "disagree",
        "care",
        "mean",
        "try",
        "need",
        "decide",
        "determine",
        "prepare",
        "concern",
        "convince",
        "persuade",
        "wonder",
    }
)
WRITING_LEMMAS = frozenset(
    {
        "write",
        "tweet",
        "retweet",
        "post",
        "publish",
        "email",
        "e-mail",
        "blog",
        "report",
        "pen",
        "print",
        "text",
        "sign",
        "file",
        "release",
        "caption",
        "read",
        "headline",
    }
)
WRITTEN_MEDIA = frozenset({"tweet", "blog", "op-ed", "statement"})
# How something seems ("the plan appears to be stalled", beliefs.appearance_events): a
# judgement nobody is said to hold, kept with the beliefs, apart from what was said.
APPEARANCE_LEMMAS = frozenset({"seem", "appear"})


# Cues a tagged content is accepted with: the rules' speech verbs, belief and writing verbs, and
# the commonest other cue verbs of news attribution. The tagger also marks words such as
# "approved", "covers" or "about" as cues; a quote needs a verb that attributes.
ATTRIBUTING_LEMMAS = (
    SPEECH_VERBS
    | WEAK_SPEECH_VERBS
    | BELIEF_LEMMAS
    | WRITING_LEMMAS
    | frozenset(
        """call accuse criticize criticise praise dismiss question
                      defend denounce attack blame characterize label brand cite quote describe
                      show find suggest charge dub term insist tout""".split()
    )
)


def kind_of(cue_lemma: str | None, medium: str | None = None) -> str:
    """Kind from the cue's lemma ("according to" as two words) and, for speech verbs, the
    medium found around it (quote_details.py): "said in a statement" is writing."""
    lemma = (cue_lemma or "").lower().strip()
    lemma = LEMMA_FIXES.get(lemma, lemma)
    if lemma.startswith("accord"):
        return "according-to"
    if lemma in BELIEF_LEMMAS or lemma in APPEARANCE_LEMMAS:
        return "belief"
    if lemma in WRITING_LEMMAS or medium in WRITTEN_MEDIA:
        return "writing"
    return "speech"
