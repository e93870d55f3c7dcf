"""Argument language for presswatch_stances: what counts as saying something is harmful or
beneficial, and which verbs take a side for or against what they govern.

Entries are lower-case lemma sequences ("crush" matches crushed, crushing; "at the expense of"
is four lemmas), matched on the parse, never on one article's phrasing: each is general
argumentation language of reporting on competition, regulation and platforms. Weights are per
occurrence. Whether a hit speaks for or against the stance target is decided by what it is said
about (stance_sides.py), not by the word alone: "Facebook crushed rivals" opposes Facebook's
deals, "the lawsuit would hurt consumers" defends them.
"""

from __future__ import annotations

# Said of something, these call it harmful, unlawful, unfair or dishonest (negative) ...
NEGATIVE: dict[str, float] = {
    # harm to competition, consumers, users
    "harm": 1.0,
    "hurt": 1.0,
    "damage": 1.0,
    "stifle": 1.0,
    "crush": 1.0,
    "snuff out": 1.0,
    "quash": 1.0,
    "squash": 1.0,
    "smother": 1.0,
    "kill": 0.5,
    "neutralize": 1.0,
    "neutralise": 1.0,
    "eliminate": 0.5,
    "entrench": 1.0,
    "impede": 1.0,
    "hinder": 0.5,
    "suppress": 1.0,
    "undermine": 1.0,
    "discourage": 1.0,
    "deprive": 1.0,
    "deny": 0.5,
    "rob": 1.0,
    "wreak havoc": 1.0,
    "abuse": 1.0,
    "exploit": 0.5,
    "bully": 1.0,
    "at the expense of": 1.0,
    "lock up": 1.0,
    "lock in": 1.0,
    "prison": 1.0,
    "trap": 1.0,
    "less innovation": 1.0,
    "less choice": 1.0,
    "fewer choice": 1.0,
    "lessen": 1.0,
    "threat": 0.5,
    "threaten": 1.0,
    "danger": 1.0,
    "dangerous": 1.0,
    "risk": 0.5,
    "compromise": 1.0,
    "expose": 0.5,
    "malware": 0.5,
    "scam": 0.5,
    "less secure": 1.0,
    "worse": 1.0,
    "inferior": 1.0,
    "bad for": 1.0,
    "bad": 0.5,
    "dark day": 1.0,
    "disadvantage": 1.0,
    "handicap": 1.0,
    "punish": 1.0,
    "tariff": 1.0,
    "tax": 0.5,
    "tax on": 1.0,  # "a tax on American firms": a burden laid on somebody
    "junk fee": 1.0,
    "too steep": 1.0,
    "excessive": 1.0,
    "restrictive": 1.0,
    "friction": 0.5,
    "barrier": 0.5,
    "hostile": 1.0,
    "complacent": 1.0,
    "surveillance": 0.5,
    "stand in the way": 1.0,
    "ignore": 0.5,
    "market dominance": 1.0,
    "dominance": 0.5,
    "under attack": 1.0,
    # unlawful, anticompetitive, monopoly
    "illegal": 1.0,
    "illegally": 1.0,
    "unlawful": 1.0,
    "unlawfully": 1.0,
    "anticompetitive": 1.0,
    "anti - competitive": 1.0,
    "monopolist": 1.0,
    "monopolize": 1.0,
    "monopolise": 1.0,
    "monopoly power": 1.0,
    "monopolistic": 1.0,
    "market power": 0.5,
    "monopoly": 0.5,
    "buy - or - bury": 1.0,
    "buy or bury": 1.0,
    "killer acquisition": 1.0,
    "self - dealing": 1.0,
    "violate": 1.0,
    "violation": 1.0,
    "in violation of": 1.0,
    "unfair": 1.0,
    "unfairly": 1.0,
    "steal": 1.0,
    "overreach": 1.0,
    # bad faith, flawed reasoning
    "lie": 1.0,
    "mislead": 1.0,
    "deceive": 1.0,
    "insubordination": 1.0,
    "cover - up": 1.0,
    "not credible": 1.0,
    "broken promise": 1.0,
    "flawed": 1.0,
    "wrong": 1.0,
    "revisionist history": 1.0,
    "do - over": 0.5,
    "chilling": 1.0,
    "inadequate": 1.0,
    "fictitious": 1.0,
    "embarrassment": 1.0,
    "extraordinary": 0.5,
    "alarming": 1.0,
}

# ... and these call it beneficial, lawful, fair or well-founded (positive).
POSITIVE: dict[str, float] = {
    "benefit": 1.0,
    "beneficial": 1.0,
    "good for": 1.0,
    "good": 0.5,
    "better product": 1.0,
    "better experience": 1.0,
    "better option": 1.0,
    "better choice": 1.0,
    "improve": 1.0,
    "improvement": 1.0,
    "upgrade": 0.5,
    "pro - competitive": 1.0,
    "procompetitive": 1.0,
    "more choice": 1.0,
    "more competition": 1.0,
    "more innovation": 1.0,
    "expand competition": 1.0,
    "fair competition": 1.0,
    "fair": 0.5,
    "fairly": 0.5,
    "contestable": 1.0,
    "win": 1.0,
    "victory": 1.0,
    "success": 0.5,
    "successful": 0.5,
    "deliver value": 1.0,
    "most value": 1.0,
    "vibrant": 1.0,
    "safe": 0.5,
    "secure": 0.5,
    "trust": 0.5,
    "love": 0.5,
    "free": 0.5,
    "lawful": 1.0,
    "legal": 0.5,
    "correctly": 1.0,
    "keep promise": 1.5,
    "care about": 1.0,
    "firm but balanced": 1.0,
    "clear and predictable": 1.0,
    "essential": 0.5,
    "pragmatic": 0.5,
    "tough and fair": 1.0,
    "welcome": 1.0,
    "optimistic": 1.0,
    "hopeful": 1.0,
    "safer": 0.5,
    "change for the better": 1.0,
    "encouraging": 1.0,
    "great news": 1.0,
    "square with": 1.0,  # "the suit doesn't square with the facts or the law": negated, flawed
}

# A speaker's bottom line on what they are talking about, whatever the grammatical subject:
# idioms of verdict, distrust and irreversibility ("I wouldn't bet on it", "you can't
# unscramble an egg"). Counted when the speaker's words or the sentences just before them are
# about the target or the other side.
VERDICTS: dict[str, float] = {
    "would not bet": -1.5,
    "wouldn't bet": -1.5,
    "wouldn’t bet": -1.5,
    "never trust": -1.5,
    "not a binding commitment": -1.5,
    "no guarantee": -1.0,
    "scramble an egg": -1.0,
    "unscramble the egg": -1.0,
    "unscramble an egg": -1.0,
    "half the story": -0.5,
    "genuine win": 1.5,
    "good thing": 1.0,
    "step in the right direction": 1.0,
    "long overdue": 1.0,
}

# Explicitly undecided language: weight on both sides, which pulls towards "mixed".
UNDECIDED: dict[str, float] = {
    "too soon to say": 0.75,
    "too early to say": 0.75,
    "too early to tell": 0.75,
    "depend on": 0.75,
    "good or bad": 0.75,
    "either way": 0.5,
    "remain to be see": 0.75,
    "cut both way": 0.75,
    "mixed bag": 1.0,
}

# Verbs (and "X's support/criticism of …" nouns) whose subject takes a side on what they govern:
# + for it, - against it. "The FTC sued to block the deal" (block: - on the deal → oppose);
# "Smith criticised the regulator's decision" (- on a measure against the target → support).
ATTITUDE_VERBS: dict[str, float] = {
    "support": 2.0,
    "back": 1.5,
    "welcome": 2.0,
    "praise": 2.0,
    "applaud": 2.0,
    "endorse": 2.0,
    "favour": 1.5,
    "favor": 1.5,
    "defend": 1.5,
    "approve": 1.5,
    "green light": 1.5,
    "give the green light": 1.5,
    "clear": 1.0,
    "celebrate": 1.5,
    "champion": 1.5,
    "hail": 1.5,
    "embrace": 1.5,
    "oppose": -2.0,
    "blame": -1.5,
    "criticize": -2.0,
    "criticise": -2.0,
    "condemn": -2.0,
    "reject": -1.5,
    "attack": -1.5,
    "slam": -2.0,
    "blast": -2.0,
    "denounce": -2.0,
    "decry": -2.0,
    "hit out at": -2.0,
    "fire back at": -1.5,
    "lambaste": -2.0,
    "deride": -1.5,
    "sue": -1.5,
    "block": -1.5,
    "halt": -1.5,
    "stop": -1.0,
    "challenge": -1.0,
    "contest": -1.5,
    "fight": -1.0,
    "appeal": -1.0,
    "dispute": -1.5,
    "disagree": -1.5,
    "question": -1.0,
    "doubt": -1.5,
    "accuse": -1.5,
    "object": -1.0,
    "protest": -1.5,
    "scrutinise": -1.0,
    "scrutinize": -1.0,
    "investigate": -0.5,
    "probe": -0.5,
    "fine": -1.0,
    "repeal": -1.5,
    "scrap": -1.5,
    "revise": -0.5,
    "break up": -1.5,
    "break": -1.0,  # "break the dominance of …": acting against what it governs
    "unwind": -1.5,
    "undo": -1.5,
    "divest": -1.0,
    "unravel": -1.5,
    "roll back": -1.5,
    "rein in": -1.5,
    "crack down on": -1.5,
    "prohibit": -1.0,
    "ban": -1.5,
    "end": -1.0,
    "put an end to": -1.5,
    "rule out": -1.0,
    "curb": -1.5,
    "tackle": -1.0,
    "warn": -1.0,
    "fear": -1.0,
    "worry": -1.0,
    "target": -0.5,
    "take on": -1.0,
    "rally against": -1.5,
    "downplay": 1.0,
    "sell off": -1.5,
    "spin off": -1.0,
    "cite concern": -1.0,
    "raise concern": -1.0,
    "voice concern": -1.0,
    "express concern": -1.0,
    "defense": 1.0,
    "defence": 1.0,
    "criticism": -1.5,
    "opposition": -1.5,
}

# "The DOJ wants Google to sell off Chrome": the verb taking sides under these is the wish of
# their subject, not of the one who would act.
WISH_VERBS: frozenset[str] = frozenset(
    "want ask urge require force order push press demand call need expect".split()
)

# "X is optimistic / sceptical / disappointed (about …)": the subject's attitude.
ATTITUDE_ADJECTIVES: dict[str, float] = {
    "optimistic": 1.5,
    "hopeful": 1.5,
    "supportive": 2.0,
    "enthusiastic": 1.5,
    "pleased": 1.5,
    "heartened": 1.5,
    "encouraged": 1.5,
    "sceptical": -1.5,
    "skeptical": -1.5,
    "critical": -1.5,
    "unconvinced": -1.5,
    "concerned": -1.0,
    "worried": -1.0,
    "alarmed": -1.5,
    "wary": -1.0,
    "disappointed": -1.5,
    "unhappy": -1.5,
    "frustrated": -1.0,
}

# Nouns naming steps taken against a party's conduct: suits, rulings, fines, regulators. For a
# stance target that is a party's conduct (dataset.yml stance_target.kind: conduct, the default)
# they are the other side; for a target that is itself a measure (kind: measure — a law, a
# lawsuit) they are its own instruments.
COUNTER_NOUNS: frozenset[str] = frozenset(
    """
    lawsuit suit complaint ruling injunction fine penalty probe investigation remedy breakup
    divestiture regulator watchdog prosecutor enforcer plaintiff decision order enforcement
    """.split()
)
# Of those, the ones that name a step against the target only when a particular one is meant
# ("the decision", "the court's order"), not in general ("balancing decisions").
DEFINITE_COUNTER_NOUNS: frozenset[str] = frozenset({"decision", "order"})

# Verbs that name what their object is: in "X called the lawsuit 'deeply flawed'" the words
# are said of the object, not of X.
NAMING_VERBS: frozenset[str] = frozenset(
    {"call", "describe", "label", "brand", "dub", "term", "deem", "consider"}
)

# Verbs of judging and arguing: "Judge Mehta, who ruled that Google violated …" — the subject
# holds what the clause says (read where the quote finder gave the clause to nobody).
JUDGING_VERBS: frozenset[str] = frozenset(
    "rule find conclude determine hold allege contend argue claim assert maintain insist "
    "say".split()
)

# "X's case / defense / argument is that …": the possessor holds the clause.
ARGUMENT_NOUNS: frozenset[str] = frozenset(
    "case argument defense defence position view contention complaint claim point".split()
)

# A subject that plans or runs the target owns it: "Facebook is planning to integrate …".
PROPONENT_VERBS: frozenset[str] = frozenset(
    "plan intend want work aim seek pursue push drive announce".split()
)
PROPONENT_WEIGHT = 2.0

# Determiners an alias "the deal" may also be written with ("this deal", "its deal").
ALIAS_DETERMINERS: tuple[str, ...] = (
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "our",
    "their",
    "his",
    "her",
)

NEGATORS: frozenset[str] = frozenset(
    {"not", "n't", "n’t", "never", "no", "nothing", "nobody", "without"}
)
