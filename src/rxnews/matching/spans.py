"""Character spans: merging them, a growing set of covered characters, and named spans by position."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any


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


Span = tuple[int, int, str]


class NamedSpans:
    """Named spans that answer "which lie inside [start, end]?" in text order (bisected)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]

    @classmethod
    def of(cls, items: Iterable[Any]) -> NamedSpans:
        """The mentions of named items (drugs, agencies, ... of a record), named by their item."""
        return cls([(m.start, m.end, item.name) for item in items for m in item.mentions])

    def inside(self, start: int, end: int) -> list[Span]:
        """The spans inside [start, end], in text order."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return [s for s in self.spans[lo:hi] if s[1] <= end]

    def last_before(self, start: int, end: int) -> Span | None:
        """The last span that starts in [start, end)."""
        i = bisect.bisect_left(self.starts, end) - 1
        return self.spans[i] if i >= 0 and self.spans[i][0] >= start else None
