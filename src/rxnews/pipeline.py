"""Build the spaCy pipeline (a blank English tokenizer plus matchers) from the patterns.

This is the only module that touches spaCy objects: it turns a text into plain
`Match` tuples (label, character offsets, pattern entry) for the extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .chunks import chunk_spans
from .patterns import UNMATCHED_LABELS, PatternEntry
from .text import Coverage

if TYPE_CHECKING:
    from spacy.language import Language

# Split hyphens, slashes, brackets and trade marks everywhere, so that lexicon
# phrases are found inside "PD-L1/4-1BB", "TrkB-activating" or "Velesin(TM)".
EXTRA_INFIXES = [r"[-/()\[\]\u2122\u00ae\u00a9+:;,]", r"(?<=[0-9])\.(?=[A-Za-z])"]


MAX_TOKEN_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_RUN + 1},}}")


def break_long_runs(text: str, limit: int = MAX_TOKEN_RUN) -> str:
    """Put a space every `limit` characters into runs without white space, same length.

    spaCy's tokenizer is quadratic on long runs of punctuation ("((((..."); no pattern
    is that long, so cutting such runs changes no match and keeps offsets.
    """
    def cut(m: re.Match[str]) -> str:
        return "".join(ch if (i + 1) % limit else " " for i, ch in enumerate(m.group(0)))

    return _LONG_RUN.sub(cut, text)


@dataclass(frozen=True)
class Match:
    """A pattern match as character offsets into the text."""

    label: str
    start: int
    end: int
    entry: PatternEntry


def make_nlp() -> Language:
    """Return a blank English pipeline whose tokenizer splits at hyphens and slashes."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    infixes = list(nlp.Defaults.infixes) + EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


class PatternMatcher:
    """Find every phrase and token pattern of a pattern set in texts."""

    def __init__(self, entries: list[PatternEntry]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = make_nlp()
        vocab = self.nlp.vocab
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._folded = PhraseMatcher(vocab, attr="LOWER")
        self._tokens = Matcher(vocab)
        self._entries: dict[int, PatternEntry] = {}
        phrases = [e for e in entries
                   if isinstance(e.pattern, str) and e.label not in UNMATCHED_LABELS]
        docs = self.nlp.tokenizer.pipe(
            e.pattern if e.case_sensitive else e.pattern.lower() for e in phrases
        )
        for entry, doc in zip(phrases, docs, strict=True):
            key = vocab.strings.add(entry.id)
            self._entries[key] = entry
            (self._exact if entry.case_sensitive else self._folded).add(entry.id, [doc])
        for entry in entries:
            if not isinstance(entry.pattern, str):
                key = vocab.strings.add(entry.id)
                self._entries[key] = entry
                self._tokens.add(entry.id, [entry.pattern])

    def __call__(self, text: str) -> list[Match]:
        """Return all matches in `text` (already character-normalised), in text order.

        A text longer than `nlp.max_length` is matched in paragraph chunks
        (`chunk_spans`); offsets always refer to the whole text.
        """
        text = break_long_runs(text)
        found = []
        for offset, chunk_end in chunk_spans(text, self.nlp.max_length):
            doc = self.nlp.make_doc(text[offset:chunk_end])
            for matcher in (self._exact, self._folded, self._tokens):
                for key, start, end in matcher(doc):
                    entry = self._entries[key]
                    span = doc[start:end]
                    found.append(Match(entry.label, offset + span.start_char, offset + span.end_char,
                                       entry))
        found.sort(key=lambda m: (m.start, -m.end))
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
