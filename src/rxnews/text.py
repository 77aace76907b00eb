"""Character-level text helpers shared by the extractors and the evaluation.

The extractors match on a *normalised* copy of the input in which typographic
variants (curly quotes, non-breaking hyphens, odd spaces) are replaced one
character for one character. Because the copy has the same length as the input,
every offset found on it slices the original text exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import compress, count
from typing import Any

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff", " "),
    "\uff08": "(",
    "\uff09": ")",
    "\uff0c": ",",
    "\uff1a": ":",
    "\u2044": "/",
    "\uff0f": "/",
}
_MAPPED = re.compile("[" + "".join(re.escape(ch) for ch in _CHAR_MAP) + "]")

_BRITISH = [
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"oesophag"), "esophag"),
    (re.compile(r"oestr"), "estr"),
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aem"), "em"),
    (re.compile(r"leukaem"), "leukem"),
    (re.compile(r"paediatr"), "pediatr"),
    (re.compile(r"licence"), "license"),
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise\b"), "ize"),
]
_TRADEMARKS = re.compile(r"[\u2122\u00ae\u00a9\u2120]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_chars(text: str) -> str:
    """Return `text` with typographic variants mapped to ASCII, same length."""
    if text.isascii():
        return text
    # A scan for the few mapped characters is much faster than `str.translate` with a dict.
    return _MAPPED.sub(lambda m: _CHAR_MAP[m.group()], text)


@lru_cache(maxsize=1 << 16)  # the same names come back in text after text
def fold_key(text: str) -> str:
    """Return a comparison key folding case, punctuation, spaces, marks and British spelling."""
    text = unicodedata.normalize("NFKD", _TRADEMARKS.sub("", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = normalize_chars(text).lower().replace("'s ", " ").replace("'s", "")
    for pattern, replacement in _BRITISH:
        text = pattern.sub(replacement, text)
    return _NON_WORD.sub("", text)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping and touching (start, end) spans; return them in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class Coverage:
    """The characters of a text covered by a growing set of non-empty spans.

    Adding or testing a span costs its length, so checking every candidate of a
    text against all spans taken so far stays linear (testing against a list of spans
    made texts with thousands of mentions quadratic).
    """

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = (), *, base: int = 0) -> None:
        self._base = base  # offsets below `base` are never covered (a window of a text)
        self._marks = bytearray(max(0, size - base))
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Mark text[start:end] as covered."""
        start = max(start - self._base, 0)
        end = min(end - self._base, len(self._marks))
        if end > start:
            self._marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any character of text[start:end] is covered."""
        return self._marks.find(1, max(start - self._base, 0), max(end - self._base, 0)) >= 0


class WordMemo(dict):
    """A function of a word, remembered: tokens are looked up in C instead of tested one by one.

    A release has some 900 tokens, and almost all are words seen before ("the",
    "cancer", "FDA"), so per-token tests (`where`) and conversions (`of`) of a whole
    token list cost a dictionary lookup per token. The memo is emptied when it holds
    `limit` words, so memory stays flat over any batch.
    """

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[str], Any], limit: int = 1 << 16) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, word: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.compute(word)
        return value

    def of(self, words: Iterable[str]) -> list[Any]:
        """The value of each word."""
        return list(map(self.__getitem__, words))

    def where(self, words: Iterable[str]) -> list[int]:
        """The positions of the words whose value is true."""
        return list(compress(count(), map(self.__getitem__, words)))
