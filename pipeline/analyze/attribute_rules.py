"""The base model's attribute ruler, compiled into array lookups: the same annotations, faster.

en_core_web_sm maps fine-grained tags to POS and morphology with an AttributeRuler of ~180
one-token patterns (TAG, LOWER, DEP, IS_SPACE tested with =, IN, NOT_IN or REGEX; a few
two-token LOWER pairs). spaCy runs them through its general Matcher, which re-evaluates every
set predicate at every token: on news text that is ~11% of the whole model's time, more than
all presswatch components together.

Every pattern here is a conjunction of equality, set-membership and regex tests on attributes
the tokens already carry, so each pattern's matches are a boolean mask over the doc's attribute
array (over the tokens of a few docs at once: the masks' cost is mostly per call). The
ruler's rule of precedence is kept: its matches are applied in the order the
patterns were added, a later pattern overwriting an attribute an earlier one set, on the token
at the pattern's `index`; the attributes are set with spaCy's own set_token_attrs, as the
ruler does. Patterns outside that subset (quantifiers, other operators or attributes,
upper-case LOWER values) make `compile_attribute_rules` return None: the original ruler stays.
Switched by `compiled_attribute_ruler` in presswatch.cfg; tests compare both token by token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.util import minibatch

# Token attributes a compiled pattern may test, and their column in the doc array.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "POS": POS, "IS_SPACE": IS_SPACE}
_ATTR_IDS = list(_COLUMNS.values())
_COLUMN_OF = {name: position for position, name in enumerate(_COLUMNS)}
_NO_VALUES = numpy.empty(0, dtype=numpy.uint64)
RULED_TOGETHER = 16  # docs whose tokens the rules run over at once (CompiledAttributeRuler.pipe)


@dataclass(frozen=True)
class _Test:
    column: int
    values: numpy.ndarray  # attribute values (string ids, or 0/1 for IS_SPACE) for IN / NOT_IN
    negate: bool = False  # NOT_IN
    regex: re.Pattern | None = None  # REGEX: searched in the attribute's string

    def mask(self, columns: numpy.ndarray, strings) -> numpy.ndarray:
        values = columns[:, self.column]
        if self.regex is not None:
            distinct = numpy.unique(values)
            found = [value for value in distinct.tolist() if self.regex.search(strings[value])]
            return numpy.isin(values, numpy.array(found, dtype=numpy.uint64))
        inside = (
            values == self.values[0] if len(self.values) == 1 else numpy.isin(values, self.values)
        )
        return ~inside if self.negate else inside


@dataclass(frozen=True)
class _Pattern:
    tests: tuple[tuple[_Test, ...], ...]  # one tuple of tests per token of the pattern
    target: int  # which token of a match receives the attributes (index, made non-negative)


@dataclass(frozen=True)
class _Rule:
    patterns: tuple[_Pattern, ...]
    attrs: dict[Any, Any]  # normalised as AttributeRuler.add normalises them


def _token_tests(token: Mapping[str, Any]) -> tuple[_Test, ...] | None:
    """The Matcher's tests of one pattern token, or None if one is outside the compiled subset."""
    tests = []
    for name, wanted in token.items():
        if name not in _COLUMNS:
            return None
        column = _COLUMN_OF[name]
        operator, values = "IN", [wanted]
        if isinstance(wanted, dict):
            if len(wanted) != 1 or next(iter(wanted)) not in ("IN", "NOT_IN", "REGEX"):
                return None
            operator, values = next(iter(wanted.items()))
            if operator != "REGEX":
                values = list(values)
        if operator == "REGEX":
            if name == "IS_SPACE" or not isinstance(values, str):
                return None
            tests.append(_Test(column, _NO_VALUES, regex=re.compile(values)))
            continue
        if name == "IS_SPACE":
            if not all(isinstance(v, bool) for v in values):
                return None
            ids = [int(v) for v in values]
        else:
            if not all(isinstance(v, str) for v in values):
                return None
            if name == "LOWER" and any(v != v.lower() for v in values):
                return None  # the Matcher compares the value as written: keep it to the Matcher
            ids = [get_string_id(v) for v in values]  # as the Matcher: symbols by their id
        tests.append(
            _Test(column, numpy.array(ids, dtype=numpy.uint64), negate=operator == "NOT_IN")
        )
    return tuple(tests)


def compile_attribute_rules(vocab, patterns: Iterable[Mapping[str, Any]]) -> list[_Rule] | None:
    """AttributeRuler.patterns as compiled rules, or None if one falls outside the subset."""
    rules = []
    for entry in patterns:
        compiled = []
        for pattern in entry["patterns"]:
            if not isinstance(pattern, Sequence) or not pattern:
                return None
            tests = tuple(_token_tests(token) for token in pattern)
            if any(t is None for t in tests):
                return None
            index = entry.get("index", 0)
            target = index if index >= 0 else len(pattern) + index
            if not 0 <= target < len(pattern):
                return None
            compiled.append(_Pattern(tests, target))  # type: ignore[arg-type]
        attrs = normalize_token_attrs(vocab, dict(entry["attrs"]))
        if not all(isinstance(v, int) and 0 <= v < 2**64 for v in attrs.values()):
            return None  # an extension attribute ("_"): assigned_attrs keeps ids in an array
        rules.append(_Rule(tuple(compiled), attrs))
    return rules


def _mask(columns: numpy.ndarray, tests: Sequence[_Test], strings) -> numpy.ndarray:
    mask = numpy.ones(len(columns), dtype=bool)
    for test in tests:
        mask &= test.mask(columns, strings)
    return mask


def _matched_tokens(
    columns: numpy.ndarray, pattern: _Pattern, strings, doc_of: numpy.ndarray
) -> numpy.ndarray:
    """Indices of the tokens that receive the attributes of `pattern`'s matches. `columns`
    may hold several docs one after the other (`doc_of`: each row's doc): a match of more
    than one token must lie inside one doc."""
    length, count = len(pattern.tests), len(columns)
    if count < length:
        return numpy.empty(0, dtype=numpy.intp)
    starts = numpy.ones(count - length + 1, dtype=bool)
    for offset, tests in enumerate(pattern.tests):
        starts &= _mask(columns[offset : count - length + 1 + offset], tests, strings)
    if length > 1:
        starts &= doc_of[: count - length + 1] == doc_of[length - 1 :]
    return numpy.flatnonzero(starts) + pattern.target


def assigned_attrs(
    rules: Sequence[_Rule], columns: numpy.ndarray, strings, doc_of: numpy.ndarray | None = None
) -> Iterator[tuple[int, dict]]:
    """(token index, attributes to set) for every token some rule matches, later rules
    winning, in token order. `doc_of`: which doc each row of `columns` belongs to, when it
    holds several (one doc if None).

    The attributes a token gets are, for each attribute, the value of the last matching rule
    that sets it (applying the rules' dicts one after the other, as the ruler does, gives the
    same). So each attribute's last rule is found for every token at once, rule by rule, and
    the tokens are grouped by those last rules: one dict per distinct combination, with no
    Python step per token and rule.
    """
    count = len(columns)
    if doc_of is None:
        doc_of = numpy.zeros(count, dtype=numpy.intp)
    names = list(dict.fromkeys(name for rule in rules for name in rule.attrs))
    position = {name: column for column, name in enumerate(names)}
    last_rule = numpy.full((count, len(names)), -1, dtype=numpy.int64)  # -1: no rule sets it
    for number, rule in enumerate(rules):
        tokens = [_matched_tokens(columns, pattern, strings, doc_of) for pattern in rule.patterns]
        matched = tokens[0] if len(tokens) == 1 else numpy.concatenate(tokens)
        for name in rule.attrs:
            last_rule[matched, position[name]] = number
    touched = numpy.flatnonzero((last_rule >= 0).any(axis=1))
    if not len(touched):
        return
    keys = _row_keys(last_rule[touched] + 1, len(rules) + 1)
    _, firsts, group_of = numpy.unique(keys, axis=0, return_index=True, return_inverse=True)
    group_attrs = [
        {
            name: rules[n].attrs[name]
            for name, n in zip(names, last_rule[touched[first]].tolist())
            if n >= 0
        }
        for first in firsts.tolist()
    ]
    for token, group in zip(touched.tolist(), group_of.reshape(-1).tolist()):
        yield token, group_attrs[group]


def _row_keys(rows: numpy.ndarray, base: int) -> numpy.ndarray:
    """One integer per row of small non-negative integers (< base), equal only for equal rows
    (the rows themselves when they do not fit in 63 bits: numpy.unique sorts those too, only
    slower)."""
    if base ** rows.shape[1] >= 2**63:
        return rows
    powers = base ** numpy.arange(rows.shape[1], dtype=numpy.int64)
    return rows @ powers


class CompiledAttributeRuler:
    """Drop-in for the model's `attribute_ruler` component (see the module docstring)."""

    def __init__(self, rules: list[_Rule]):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        # The rules cost a few hundred array operations per call whatever the length: run them
        # over a few docs' tokens at once (the docs' annotations do not depend on each other).
        for batch in minibatch(docs, max(batch_size, RULED_TOGETHER)):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: Sequence[Doc]) -> None:
        docs = [doc for doc in docs if len(doc)]
        if not docs:
            return
        columns = numpy.concatenate([doc.to_array(_ATTR_IDS) for doc in docs])
        lengths = [len(doc) for doc in docs]
        doc_of = numpy.repeat(numpy.arange(len(docs)), lengths)
        firsts = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]]).tolist()
        strings = docs[0].vocab.strings
        for index, attrs in assigned_attrs(self.rules, columns, strings, doc_of):
            number = int(doc_of[index])
            set_token_attrs(docs[number][index - firsts[number]], attrs)


@Language.factory("presswatch_compiled_attribute_ruler")
def make_compiled_attribute_ruler(nlp: Language, name: str) -> CompiledAttributeRuler:
    return CompiledAttributeRuler([])


def compile_model_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's AttributeRuler `name` by its compiled form; False if kept as is."""
    if name not in nlp.pipe_names:
        return False
    rules = compile_attribute_rules(nlp.vocab, nlp.get_pipe(name).patterns)
    if rules is None:
        return False
    nlp.replace_pipe(name, "presswatch_compiled_attribute_ruler")
    nlp.get_pipe(name).rules = rules
    return True
