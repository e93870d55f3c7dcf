"""The base model's attribute ruler, compiled into array lookups: the same annotations, faster.

en_core_web_sm maps fine-grained tags to POS and morphology with an AttributeRuler of ~180
one-token patterns (TAG, LOWER, DEP, IS_SPACE tested with =, IN, NOT_IN or REGEX; a few
two-token LOWER pairs). spaCy runs them through its general Matcher, which re-evaluates every
set predicate at every token: on news text that is ~11% of the whole model's time, more than
all presswatch components together.

Every pattern here is a conjunction of equality, set-membership and regex tests on attributes
the tokens already carry, so each pattern's matches are a boolean mask over the doc's attribute
array. The ruler's rule of precedence is kept: its matches are applied in the order the
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

# Token attributes a compiled pattern may test, and their column in the doc array.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "POS": POS, "IS_SPACE": IS_SPACE}
_ATTR_IDS = list(_COLUMNS.values())
_COLUMN_OF = {name: position for position, name in enumerate(_COLUMNS)}
_NO_VALUES = numpy.empty(0, dtype=numpy.uint64)


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
        rules.append(_Rule(tuple(compiled), normalize_token_attrs(vocab, dict(entry["attrs"]))))
    return rules


def _mask(columns: numpy.ndarray, tests: Sequence[_Test], strings) -> numpy.ndarray:
    mask = numpy.ones(len(columns), dtype=bool)
    for test in tests:
        mask &= test.mask(columns, strings)
    return mask


def _matched_tokens(columns: numpy.ndarray, pattern: _Pattern, strings) -> numpy.ndarray:
    """Indices of the tokens that receive the attributes of `pattern`'s matches."""
    length, count = len(pattern.tests), len(columns)
    if count < length:
        return numpy.empty(0, dtype=numpy.intp)
    starts = numpy.ones(count - length + 1, dtype=bool)
    for offset, tests in enumerate(pattern.tests):
        starts &= _mask(columns[offset : count - length + 1 + offset], tests, strings)
    return numpy.flatnonzero(starts) + pattern.target


def assigned_attrs(
    rules: Sequence[_Rule], columns: numpy.ndarray, strings
) -> Iterator[tuple[int, dict]]:
    """(token index, attributes to set) for every token some rule matches, later rules winning."""
    matched: dict[int, list[int]] = {}
    for number, rule in enumerate(rules):
        for pattern in rule.patterns:
            for token in _matched_tokens(columns, pattern, strings).tolist():
                rules_of_token = matched.setdefault(token, [])
                if not rules_of_token or rules_of_token[-1] != number:
                    rules_of_token.append(number)
    merged: dict[tuple[int, ...], dict] = {}  # the same rule sequence recurs for most tokens
    for token in sorted(matched):
        key = tuple(matched[token])
        if key not in merged:
            attrs: dict = {}
            for number in key:
                attrs.update(rules[number].attrs)
            merged[key] = attrs
        yield token, merged[key]


class CompiledAttributeRuler:
    """Drop-in for the model's `attribute_ruler` component (see the module docstring)."""

    def __init__(self, rules: list[_Rule]):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            columns = doc.to_array(_ATTR_IDS)
            for index, attrs in assigned_attrs(self.rules, columns, doc.vocab.strings):
                set_token_attrs(doc[index], attrs)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


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
