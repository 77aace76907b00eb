"""Cut long texts into pieces spaCy accepts (`nlp.max_length`), at paragraph breaks first."""

from __future__ import annotations


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Return (start, end) pieces of `text`, each at most `limit` characters, covering it in order.

    A piece ends after the last blank line that fits, else after the last line break,
    else after the last space, else at the limit. Patterns never span a blank line, so
    matching the pieces one by one finds what matching the whole text would.
    """
    if limit < 1:
        raise ValueError(f"chunk limit must be positive, got {limit}")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, end: int) -> int:
    """The best place to end a piece that starts at `start` and may reach `end` (> start)."""
    blank = text.rfind("\n\n", start, end)
    if blank > start:
        return blank + 2
    for sep in ("\n", " "):
        at = text.rfind(sep, start, end)
        if at >= start:
            return at + 1
    return end
