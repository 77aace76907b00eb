"""Find phrases in a list of words: a word trie walked from every position.

This gives the matches spaCy's `PhraseMatcher` gives on a `Doc` of the same words,
without building the `Doc`. For a gazetteer of some 16,000 phrases that matters:
building the `Doc` (a vocabulary lookup per word) costs more than the whole
lookup here, and building the phrase `Doc`s at start-up cost a third of a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K")
_KEYS = ""  # the key under which a trie node keeps the phrases ending there; never a word


class PhraseTable(Generic[K]):
    """Phrases (sequences of words) with keys, found in a word list in one pass."""

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, key: K, words: Sequence[str]) -> None:
        """Add the phrase `words` under `key`; adding a phrase to a key twice is a no-op."""
        if not words or _KEYS in words:
            raise ValueError(f"a phrase is one or more non-empty words, got {list(words)!r}")
        node = self._root
        for word in words:
            node = node.setdefault(word, {})
        keys = node.setdefault(_KEYS, [])
        if key not in keys:
            keys.append(key)

    def first_words(self) -> set[str]:
        """The words phrases start with."""
        return set(self._root)

    def __call__(self, words: Sequence[str], at: Iterable[int] | None = None
                 ) -> list[tuple[K, int, int]]:
        """Return (key, start, end) word offsets of every phrase occurrence, overlaps included.

        In order of start, then of length, then of `add` calls. `at` limits the starts
        looked at (in increasing order) to positions the caller knows may start a phrase.
        """
        root = self._root
        size = len(words)
        found: list[tuple[K, int, int]] = []
        for start in ([i for i, word in enumerate(words) if word in root] if at is None else at):
            node = root.get(words[start])
            end = start + 1
            while node is not None:
                keys = node.get(_KEYS)
                if keys:
                    found.extend((key, start, end) for key in keys)
                if end == size:
                    break
                node = node.get(words[end])
                end += 1
        return found
