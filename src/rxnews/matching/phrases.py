"""Find phrases in a list of words: a word trie walked from every position.

This gives the matches spaCy's `PhraseMatcher` gives on a `Doc` of the same words,
without building the `Doc` (and, when lenient, reads "orphan-drug" as "orphan drug"
and passes over an abbreviation in parentheses inside a phrase). For a gazetteer of
some 16,000 phrases that matters: building the `Doc` (a vocabulary lookup per word)
costs more than the whole lookup here, and building the phrase `Doc`s at start-up
cost a third of a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K")


class PhraseTable(Generic[K]):
    """Phrases (sequences of words) with keys, found in a word list in one pass.

    A trie node is a pair: the nodes of the words that can follow, and the keys of
    the phrases that end there.
    """

    def __init__(self, lenient: bool = False) -> None:
        self._root: dict[str, tuple[dict, list[K]]] = {}
        # Lenient: a hyphen between two words of letters is read as a space, in phrases and
        # texts alike ("orphan-drug designations" matches "orphan drug designations", "top line"
        # "top-line"), and an abbreviation in parentheses inside a phrase of the text is passed
        # over ("gastroesophageal junction (GEJ) cancer", "hormone receptor (HR)-positive").
        self.lenient = lenient

    def add(self, key: K, words: Sequence[str]) -> None:
        """Add the phrase `words` under `key`; adding a phrase to a key twice is a no-op."""
        if not words or "" in words:
            raise ValueError(f"a phrase is one or more non-empty words, got {list(words)!r}")
        if self.lenient and "-" in words:
            words = [w for i, w in enumerate(words) if not _joining_hyphen(words, i)]
        children = self._root
        for word in words:
            children, keys = children.setdefault(word, ({}, []))
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
        first = self._root.get
        size = len(words)
        lenient = self.lenient
        found: list[tuple[K, int, int]] = []
        for start in range(size) if at is None else at:
            node = first(words[start])
            end = start + 1
            while node is not None:
                children, keys = node
                for key in keys:
                    found.append((key, start, end))
                if end == size or not children:
                    break
                if lenient:
                    if words[end] == "-" and _joining_hyphen(words, end):
                        end += 1  # "orphan-drug": read as "orphan drug", as the phrase was added
                    elif words[end] == "(" and "(" not in children and _abbreviation_at(words, end):
                        end += 3  # "junction (GEJ) cancer"
                        if end == size:
                            break
                        if words[end] == "-" and words[end + 1:end + 2] != ["-"]:
                            end += 1  # "(HR)-positive"
                node = children.get(words[end])
                end += 1
        return found


def _abbreviation_at(words: Sequence[str], i: int) -> bool:
    """Whether words[i:i + 3] is "(", a short word of letters and digits, ")"."""
    return (i + 3 < len(words) and words[i + 2] == ")" and 2 <= len(words[i + 1]) <= 8
            and words[i + 1].isalnum())


def _joining_hyphen(words: Sequence[str], i: int) -> bool:
    """Whether words[i] is a hyphen that joins two words of letters ("orphan-drug")."""
    return (words[i] == "-" and 0 < i < len(words) - 1 and words[i - 1].isalpha()
            and words[i + 1].isalpha())
