"""Tokenise texts and match the patterns on them with spaCy's PhraseMatcher and Matcher.

This is the only module that touches spaCy objects: it turns a text into plain
`Match` tuples (label, character offsets, pattern entry) for the extractors.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import product
from math import prod
from typing import TYPE_CHECKING

from .chunks import chunk_spans
from .patterns import UNMATCHED_LABELS, PatternEntry
from .text import Coverage

if TYPE_CHECKING:
    from spacy.vocab import Vocab

# One token per run of word characters and per other character, so hyphens,
# slashes, brackets and trade marks always split ("PD-L1/4-1BB", "TrkB-activating",
# "Velesin(TM)"). Web and e-mail addresses stay whole so that no name is found
# inside them, and a blank line is a token of its own so that no phrase spans
# two paragraphs. One regular expression over the text is linear and about five
# times faster than spaCy's rule-based tokenizer.
TOKEN = re.compile(  # every repeat is bounded, so no input makes it backtrack far
    r"(?:https?://|www\.)[^\s<>\"]{1,2000}"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}"
    r"|(?:[A-Za-z0-9-]{1,63}\.){1,6}(?:com|org|net|gov|edu|io|cn|jp|kr|de|uk|eu|ch|fr|bio|health)\b"
    r"(?:/[^\s<>\"]{0,2000})?"
    r"|\n[^\S\n]*\n\s*"
    r"|\w+"
    r"|[^\w\s]"
)
PARAGRAPH = "\n\n"
MAX_LENGTH = 1_000_000  # characters per spaCy Doc, as spaCy's own `nlp.max_length`


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """Split `text` into token strings and their start offsets (blank lines become "\\n\\n")."""
    words: list[str] = []
    starts: list[int] = []
    for m in TOKEN.finditer(text):
        word = m.group()
        words.append(PARAGRAPH if word[0] == "\n" else word)
        starts.append(m.start())
    return words, starts


@dataclass(frozen=True)
class Match:
    """A pattern match as character offsets into the text."""

    label: str
    start: int
    end: int
    entry: PatternEntry


def make_vocab(token_patterns: list[list[dict]] = ()) -> Vocab:
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


LITERAL_ATTRS = {"ORTH": True, "TEXT": True, "LOWER": False}  # attribute: case-sensitive?
MAX_LITERAL_PHRASES = 64


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
        if not values or not all(isinstance(v, str) and tokenize(v)[0] == [v] for v in values):
            return None
        case_sensitive = LITERAL_ATTRS[attr]
        modes.add(case_sensitive)
        alternatives.append(values if case_sensitive else [v.lower() for v in values])
    if len(modes) != 1 or prod(len(a) for a in alternatives) > MAX_LITERAL_PHRASES:
        return None
    return modes.pop(), [list(words) for words in product(*alternatives)]


def _has_all(present: set[str], required: list[frozenset[str]]) -> bool:
    """Whether `present` holds a word of each of the `required` word sets."""
    return all(not present.isdisjoint(words) for words in required)


def required_words(pattern: list[dict]) -> list[frozenset[str]]:
    """Per required token of a token pattern, the lowercase words it can match.

    Tokens without a literal ORTH, TEXT or LOWER value (or with an optional
    operator) constrain nothing and are left out.
    """
    required = []
    for spec in pattern:
        op = str(spec.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith(("{0", "{,")):  # may match no token
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            if isinstance(value, str):
                required.append(frozenset({value.lower()}))
                break
            if isinstance(value, dict) and "IN" in value:
                required.append(frozenset(str(v).lower() for v in value["IN"]))
                break
    return required


class PatternMatcher:
    """Find every phrase and token pattern of a pattern set in texts."""

    def __init__(self, entries: list[PatternEntry]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self._doc = Doc
        self.max_length = MAX_LENGTH
        self.vocab = vocab = make_vocab([e.pattern for e in entries if not isinstance(e.pattern, str)])
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._folded = PhraseMatcher(vocab, attr="LOWER")
        self._tokens: list[tuple[list[frozenset[str]], Matcher]] = []
        self._entries: dict[int, PatternEntry] = {}
        for entry in entries:
            if entry.label in UNMATCHED_LABELS:
                continue
            key = vocab.strings.add(entry.id)
            self._entries[key] = entry
            if isinstance(entry.pattern, str):
                text = entry.pattern if entry.case_sensitive else entry.pattern.lower()
                phrases = (entry.case_sensitive, [tokenize(text)[0]])
            else:  # a token pattern of literal words is matched as the phrases it spells
                phrases = literal_phrases(entry.pattern)
            if phrases:
                case_sensitive, phrase_words = phrases
                (self._exact if case_sensitive else self._folded).add(
                    entry.id, [Doc(vocab, words=words) for words in phrase_words])
            else:
                matcher = Matcher(vocab)
                matcher.add(entry.id, [entry.pattern])
                # The smallest word sets first: they are the likeliest to rule a sentence out.
                self._tokens.append((sorted(required_words(entry.pattern), key=len), matcher))

    def __call__(self, text: str, sentences: list[tuple[int, int]] | None = None,
                 tokens: tuple[list[str], list[int]] | None = None) -> list[Match]:
        """Return all matches in `text` (already character-normalised), in text order.

        Token patterns run only inside the `sentences` (character spans; default:
        the whole text) that contain a word for each of their required tokens.
        `tokens` is `tokenize(text)` when the caller has it already. A text longer
        than `max_length` characters is matched in paragraph chunks (`chunk_spans`),
        so no spaCy Doc grows without bound; offsets always refer to the whole text.
        """
        words, starts = tokens or tokenize(text)
        ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
        lowers = [w.lower() for w in words] if self._tokens else []
        found: list[Match] = []
        for lo, hi in chunk_spans(text, self.max_length):
            first, last = bisect_left(starts, lo), bisect_left(starts, hi)
            if first == last:
                continue
            doc = self._doc(self.vocab, words=words[first:last])
            for matcher in (self._exact, self._folded):
                for key, start, end in matcher(doc):
                    entry = self._entries[key]
                    found.append(Match(entry.label, starts[first + start], ends[first + end - 1], entry))
            if self._tokens:
                inside = [(max(a, lo), min(b, hi)) for a, b in sentences or [(lo, hi)] if a < hi and b > lo]
                found.extend(self._match_tokens(doc, first, lowers, starts, ends, inside))
        found.sort(key=lambda m: (m.start, -m.end))
        return found

    def _match_tokens(self, doc, offset: int, lowers: list[str], starts: list[int], ends: list[int],
                      sentences: list[tuple[int, int]]) -> list[Match]:
        """Token-pattern matches in `sentences`; `doc` holds the tokens from index `offset` on."""
        found: list[Match] = []
        in_doc = set(lowers[offset:offset + len(doc)])
        active = [(required, matcher) for required, matcher in self._tokens if _has_all(in_doc, required)]
        if not active:
            return found
        for lo, hi in sentences:
            first, last = bisect_left(starts, lo), bisect_left(starts, hi)
            if first == last:
                continue
            present = set(lowers[first:last])
            for required, matcher in active:
                if _has_all(present, required):
                    for key, start, end in matcher(doc[first - offset:last - offset]):
                        entry = self._entries[key]
                        found.append(Match(entry.label, starts[first + start], ends[first + end - 1],
                                           entry))
        return found


def longest_matches(matches: list[Match], keep_all: frozenset[str] = frozenset({"CUE"})
                    ) -> list[Match]:
    """Keep the longest of overlapping matches of one label (first wins on ties).

    Labels in `keep_all` (event cues) keep every match: overlapping cues all count.
    """
    kept: list[Match] = [m for m in matches if m.label in keep_all]
    by_label: dict[str, list[Match]] = {}
    for match in matches:
        if match.label not in keep_all:
            by_label.setdefault(match.label, []).append(match)
    for group in by_label.values():
        taken = Coverage(max(m.end for m in group))
        for match in sorted(group, key=lambda m: (-(m.end - m.start), m.start)):
            if not taken.overlaps(match.start, match.end):
                taken.add(match.start, match.end)
                kept.append(match)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
