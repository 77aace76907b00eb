"""spaCy token patterns: what a pattern needs to match, where it can match, and which are
only literal words (matched as phrases instead)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from math import prod
from typing import TYPE_CHECKING

from .tokens import phrase_words

if TYPE_CHECKING:
    from spacy.vocab import Vocab


def make_vocab(token_patterns: Sequence[list[dict]] = ()) -> Vocab:
    """Return a vocabulary that computes only the lexical attributes matching needs.

    LOWER (and NORM) always; other attributes (IS_DIGIT, LIKE_NUM, ...) only when a
    token pattern uses them. Creating a word's entry is then several times cheaper,
    which is most of the start-up time and a good share of the time per text.
    """
    from spacy.attrs import IDS, LOWER, NORM
    from spacy.lang.en import English
    from spacy.vocab import Vocab, create_vocab

    english = create_vocab("en", English.Defaults).lex_attr_getters
    wanted = {LOWER, NORM}
    for pattern in token_patterns:
        for spec in pattern:
            wanted.update(IDS[key.upper()] for key in spec if key.upper() in IDS)
    return Vocab(lex_attr_getters={attr: f for attr, f in english.items() if attr in wanted})


# English function words: a poor anchor for a token pattern, since most sentences have them.
# (Only which sentences reach spaCy's Matcher depends on it, not what matches.)
FUNCTION_WORDS = frozenset("""
    a an the and or but nor so yet if then than as at by for from in into of off on onto out over to up
    upon with within without via per about above after against along among around before behind below
    between beyond during except through toward towards under until again once further while because
    i me my we us our you your he him his she her it its they them their this that these those who whom
    whose which what is are was were be been being am do does did done have has had having will would
    shall should can could may might must not no all any both each every few more most other some such
    only own same also just very too here there when where why how""".split())

LITERAL_ATTRS = {"ORTH": True, "TEXT": True, "LOWER": False}  # attribute: case-sensitive?
MAX_LITERAL_PHRASES = 512  # more alternatives than this stay spaCy token patterns


def literal_phrases(pattern: str | list[dict]) -> tuple[bool, list[list[str]]] | None:
    """The phrases a token pattern of only literal words spells, with their case-sensitivity.

    `[{"LOWER": "to"}, {"LOWER": {"IN": ["file", "submit"]}}]` spells "to file" and
    "to submit", case-insensitively. Such patterns are matched by the phrase
    matchers, in one pass over the text, instead of token by token. Patterns with
    operators, other attributes or mixed case rules give None.
    """
    if isinstance(pattern, str) or not pattern:
        return None
    alternatives: list[list[str]] = []
    modes = set()
    for spec in pattern:
        if len(spec) != 1:
            return None
        (attr, value), = spec.items()
        if attr not in LITERAL_ATTRS:
            return None
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            values = value["IN"]
        else:
            return None
        if not values or not all(isinstance(v, str) and phrase_words(v) == [v] for v in values):
            return None
        case_sensitive = LITERAL_ATTRS[attr]
        modes.add(case_sensitive)
        alternatives.append(values if case_sensitive else [v.lower() for v in values])
    if len(modes) != 1 or prod(len(a) for a in alternatives) > MAX_LITERAL_PHRASES:
        return None
    return modes.pop(), [list(words) for words in product(*alternatives)]


def has_all(present: set[str], required: list[frozenset[str]]) -> bool:
    """Whether `present` holds a word of each of the `required` word sets."""
    return all(not present.isdisjoint(words) for words in required)


def required_specs(pattern: list[dict]) -> list[tuple[int, frozenset[str]]]:
    """(index, lowercase words) of the tokens of a pattern that a match must have.

    Tokens without a literal ORTH, TEXT or LOWER value (or with an optional
    operator) constrain nothing and are left out.
    """
    required = []
    for index, spec in enumerate(pattern):
        op = str(spec.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith(("{0", "{,")):  # may match no token
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            if isinstance(value, str):
                required.append((index, frozenset({value.lower()})))
                break
            if isinstance(value, dict) and "IN" in value:
                required.append((index, frozenset(str(v).lower() for v in value["IN"])))
                break
    return required


def max_width(pattern: list[dict]) -> int | None:
    """The most tokens a match of a token pattern (or part of one) can span; None if unbounded."""
    width = 0
    for spec in pattern:
        op = str(spec.get("OP", ""))
        if op in ("", "!", "?"):
            width += 1
        elif op.startswith("{") and op.endswith("}") and not op.rstrip("}").endswith(","):
            width += int(op[1:-1].split(",")[-1])
        else:  # "*", "+", "{n,}"
            return None
    return width


@dataclass(frozen=True)
class TokenPattern:
    """Where a token pattern can match: near an `anchor` word, with all `required` words around."""

    required: list[frozenset[str]]  # a word of each set must be in the match
    anchor: frozenset[str] | None  # a word of it is in every match; None: no word is
    before: int | None  # the most tokens a match has before its anchor word; None: any number
    after: int | None  # ... and after it

    @classmethod
    def from_pattern(cls, pattern: list[dict]) -> TokenPattern:
        """Anchor the pattern at its required token of fewest words, function words last.

        Function words ("to", "the") are in most sentences, so anchoring at them would
        put most of a text through the Matcher.
        """
        specs = required_specs(pattern)
        # The smallest word sets first: they are the likeliest to rule a sentence out.
        required = sorted((words for _, words in specs), key=len)
        if not specs:
            return cls(required, None, None, None)
        index, anchor = min(specs, key=lambda s: (not s[1].isdisjoint(FUNCTION_WORDS), len(s[1])))
        extra = max_width(pattern[index:index + 1])  # a repeated anchor token ("+", "{2,3}")
        if extra is None:
            return cls(required, anchor, None, None)
        before, after = max_width(pattern[:index]), max_width(pattern[index + 1:])
        return cls(required, anchor, None if before is None else before + extra - 1,
                   None if after is None else after + extra - 1)

    def window(self, at: int, first: int, last: int) -> tuple[int, int]:
        """The token range in [first, last) that holds every match through anchor token `at`."""
        return (first if self.before is None else max(first, at - self.before),
                last if self.after is None else min(last, at + self.after + 1))

