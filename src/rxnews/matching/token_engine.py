"""Token patterns matched on rxnews's own tokens, without spaCy, where their form allows.

The shipped token patterns use a small part of spaCy's pattern language: literal
text (`ORTH`, `TEXT`, `LOWER`, with `IN` and `NOT_IN`), a few word-shape flags and
the counting operators. `compile_pattern` turns such a pattern into a
`CompiledPattern`, which finds exactly the matches spaCy's `Matcher` finds on a
`Doc` of the same words (every (start, end) the pattern can span;
`tests/matching/test_token_engine.py` checks this against spaCy on random
patterns and words). Importing and building spaCy costs half a second, more than a
hundred releases' extraction, so a run whose patterns all compile never needs it.
Any other pattern (other attributes, `!`, regular expressions, comparisons) gives
None and runs with spaCy's `Matcher`, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .tokens import WordMemo


def is_punct(word: str) -> bool:
    """spaCy's `IS_PUNCT`: every character is punctuation (Unicode category P*)."""
    return all(unicodedata.category(char).startswith("P") for char in word)


def _same(word: str) -> str:
    return word


# Attribute: (spaCy's lexical getter, the type of a value).
_ATTRS: dict[str, tuple[Callable[[str], Any], type]] = {
    "ORTH": (_same, str), "TEXT": (_same, str), "LOWER": (str.lower, str),
    "IS_PUNCT": (is_punct, bool), "IS_TITLE": (str.istitle, bool), "IS_DIGIT": (str.isdigit, bool),
    "IS_ALPHA": (str.isalpha, bool), "IS_LOWER": (str.islower, bool), "IS_UPPER": (str.isupper, bool),
    "LENGTH": (len, int),
}
_COUNT = re.compile(r"\{(\d+)\}|\{(\d*),(\d*)\}")
_OPS: dict[str, tuple[int, int | None]] = {"": (1, 1), "?": (0, 1), "*": (0, None), "+": (1, None)}
MEMO_WORDS = 1 << 14  # words whose test result each token spec remembers


def repeats(op: Any) -> tuple[int, int | None] | None:
    """How many tokens an operator lets a spec match, (least, most or None); None if unsupported."""
    if not isinstance(op, str):
        return None
    if op in _OPS:
        return _OPS[op]
    found = _COUNT.fullmatch(op)
    if not found:
        return None
    exact, low, high = found.groups()
    if exact is not None:
        return int(exact), int(exact)
    if not low and not high:
        return None
    return int(low or 0), int(high) if high else None


def _value_test(get: Callable[[str], Any], kind: type, value: Any) -> Callable[[str], bool] | None:
    """The test of one attribute's value: equal, or `IN` / `NOT_IN` a list; None if unsupported."""
    def fits(v: Any) -> bool:
        return type(v) is kind  # bool is not an int here: spaCy would not compare them so

    if fits(value):
        return lambda word: get(word) == value
    if not isinstance(value, dict) or not value or not set(value) <= {"IN", "NOT_IN"}:
        return None
    if not all(isinstance(v, list) and all(map(fits, v)) for v in value.values()):
        return None
    inside = frozenset(value.get("IN", ()))
    outside = frozenset(value.get("NOT_IN", ()))
    if "IN" in value and "NOT_IN" in value:
        return lambda word: (got := get(word)) in inside and got not in outside
    if "IN" in value:
        return lambda word: get(word) in inside
    return lambda word: get(word) not in outside


def token_test(spec: dict) -> Callable[[str], bool] | None:
    """Whether a word fits a token spec (its operator aside); None if the spec is unsupported."""
    tests = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key not in _ATTRS:
            return None
        test = _value_test(*_ATTRS[key], value)
        if test is None:
            return None
        tests.append(test)
    if not tests:
        return lambda word: True
    if len(tests) == 1:
        return tests[0]
    return lambda word: all(test(word) for test in tests)


class CompiledPattern:
    """A token pattern as steps (a remembered word test, least and most repeats)."""

    __slots__ = ("steps",)

    def __init__(self, steps: list[tuple[WordMemo, int, int | None]]) -> None:
        self.steps = steps

    def ends(self, words: list[str], start: int, stop: int) -> set[int]:
        """Every end of a match from token `start`, not beyond `stop` (the pattern may match nothing)."""
        at = {start}  # where the steps so far can have stopped
        for fits, least, most in self.steps:
            after = set()
            for pos in at:
                if least == 0:
                    after.add(pos)
                count = 0
                while pos < stop and (most is None or count < most) and fits[words[pos]]:
                    pos += 1
                    count += 1
                    if count >= least:
                        after.add(pos)
            if not after:
                return after
            at = after
        return at

    def matches(self, words: list[str], first: int, last: int) -> list[tuple[int, int]]:
        """The (start, end) token spans of every match inside words[first:last], in order."""
        found: list = []
        fits = self.steps[0][0] if self.steps[0][1] else None  # a first step that must match
        for start in range(first, last):
            if fits is not None and not fits[words[start]]:
                continue
            found.extend((start, end) for end in sorted(self.ends(words, start, last)) if end > start)
        return found


def compile_pattern(pattern: list[dict]) -> CompiledPattern | None:
    """The pattern as a `CompiledPattern`, or None where it uses what this module does not do."""
    steps = []
    for spec in pattern:
        counts = repeats(spec.get("OP", ""))
        test = token_test(spec)
        if counts is None or test is None:
            return None
        steps.append((WordMemo(test, MEMO_WORDS), *counts))
    return CompiledPattern(steps) if steps else None
