"""Word lists for presswatch_stances: cues of a favourable or unfavourable view of a plan.

Lower-case; multi-word entries are matched as phrases on the lower-cased text. Weights are per
occurrence. Reporters' characterisations ("he largely supported the move") are scored through
STANCE_VERBS/STANCE_ADJECTIVES on the parse, quoted words through the phrase lists.
"""

from __future__ import annotations

# Quoted or reported words that favour the plan.
POSITIVE_PHRASES: dict[str, float] = {
    "good thing": 1.0, "optimistic": 1.0, "hopeful": 1.0, "welcome": 1.0, "genuine win": 1.5,
    "win for": 1.0, "benefit": 0.5, "upgrade": 0.5, "upgraded": 0.5, "change for the better": 1.0,
    "improvement": 0.5, "worth having": 1.0, "support": 1.0, "supportive": 1.0,
    "in favour": 1.0, "in favor": 1.0, "largest roll-out of strong encryption": 1.0,
    "coherent plan": 0.5, "obvious commercial sense": 0.5, "tidy housekeeping": 0.5,
    "safer": 0.5, "praise": 1.0, "applaud": 1.0, "good news": 1.0,
}

# Quoted or reported words that oppose the plan or express fear about it.
NEGATIVE_PHRASES: dict[str, float] = {
    "bad": 0.5, "fear": 0.5, "worried": 1.0, "worry": 1.0, "concern": 0.5, "concerns": 0.5,
    "alarm": 1.0, "alarming": 1.0, "risk": 0.5, "harm": 1.0, "harming": 1.0, "downgrade": 1.0,
    "downgraded": 1.0, "relinquishing": 1.0, "erase": 1.0, "never trusted": 1.5,
    "wouldn’t bet": 1.5, "wouldn't bet": 1.5, "not a binding commitment": 1.5, "got half": 1.0,
    "harder to take apart": 1.0, "scrambling an egg": 1.0, "weaken": 1.0, "monopoly": 1.0,
    "surveillance": 0.5, "moving important conversations off": 1.5, "off those services": 1.0,
    "unconvinced": 1.0, "manoeuvre": 1.0, "maneuver": 1.0, "dangerous": 1.0, "threat": 1.0,
    "not the same thing as a privacy guarantee": 0.5, "joining the data": 1.0,
    "can’t disconnect": 1.0, "can't disconnect": 1.0, "detailed map of people’s lives": 1.0,
    "caution": 0.5, "sceptical": 1.0, "skeptical": 1.0, "critical": 0.5,
    "hurt everyone": 1.0, "stop guessing": 0.5,
}

# Explicitly undecided language: weight added to both sides, which pulls towards "mixed".
UNDECIDED_PHRASES: dict[str, float] = {
    "too soon to say": 0.75, "too early to say": 0.75, "too early to tell": 0.75,
    "depends on": 0.75, "good or bad": 0.75, "either way": 0.5, "remains to be seen": 0.75,
    "on balance": 0.25, "cuts both ways": 0.75,
}

# Verbs and nouns a reporter uses to characterise somebody's position ("supported the move",
# "tweeted his support of the initiative", "criticised the plan"): weight when the person is
# the subject or possessor.
STANCE_VERBS: dict[str, float] = {
    "support": 2.5, "back": 2.0, "welcome": 2.5, "praise": 2.5, "applaud": 2.5, "endorse": 2.5,
    "favour": 2.0, "favor": 2.0, "oppose": -2.5, "criticize": -2.5, "criticise": -2.5,
    "condemn": -2.5, "reject": -2.5, "attack": -2.0, "slam": -2.5, "doubt": -1.5,
    "question": -1.0, "warn": -1.0, "fear": -1.5, "worry": -1.5,
}
STANCE_ADJECTIVES: dict[str, float] = {
    "optimistic": 2.0, "hopeful": 2.0, "supportive": 2.5, "enthusiastic": 2.0,
    "sceptical": -2.0, "skeptical": -2.0, "critical": -1.5, "unconvinced": -2.0,
    "concerned": -1.5, "worried": -1.5, "alarmed": -2.0, "wary": -1.5,
}

# A subject that plans or runs the target owns it: "Facebook is planning to integrate …".
PROPONENT_VERBS: frozenset[str] = frozenset(
    "plan intend want work aim seek pursue push drive announce".split()
)
PROPONENT_WEIGHT = 2.0

# Words that say a sentence is about the target, in addition to dataset.yml's stance_target
# label and aliases.
TARGET_WORDS: frozenset[str] = frozenset(
    """
    integration integrate integrating integrated merge merger merging merged plan plans move
    initiative unify unifying unification combine combining stitch knit pivot back end back ends
    """.split()
)

NEGATORS: frozenset[str] = frozenset({"not", "n't", "n’t", "never", "no", "nothing", "nobody"})
