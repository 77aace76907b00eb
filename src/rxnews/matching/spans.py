"""Character spans: merging them, and a growing set of covered characters."""

from __future__ import annotations

from collections.abc import Iterable


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
