"""Split a text into sentences and clauses, as character offsets."""

from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence.
_NO_BREAK = {
    "u.s", "u.k", "e.u", "dr", "mr", "mrs", "ms", "prof", "inc", "co", "corp", "ltd", "llc",
    "no", "nos", "vs", "e.g", "i.e", "st", "approx", "ph.d", "m.d", "sr", "jr", "fig", "al",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "sen",
    "rep", "gov", "gen", "dept", "est", "plc", "s.a", "a.g", "n.v", "b.v", "u.s.a", "mfg",
}
_BREAK = re.compile(r"[.!?]{1,5}[\"')\]]{0,3}(?=\s+[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-*\u2022])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.+$")
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|while|whereas|but)\s+(?!the\s+(?:treatment|prevention)\b)"
    r"|,\s+(?=(?:marking|following|after\s+which|which\s+follows)\b)"
    r"|\s+(?=following\s+(?:its|the|a|an)\s+\w+\s+approval\b)"
    r"|,?\s+and\s+(?=(?:is|are|will|expects?|plans?|anticipates?)\s)"
    r"|,\s+(?=which\s)",
    re.I,
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, blank ones dropped."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        if m.group(0).startswith((".",)):
            word = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.end())
            if word and word.group(1).lower().rstrip(".") in _NO_BREAK:
                continue
        bounds.extend(_split_lines(text, start, m.end()))
        start = m.end()
    bounds.extend(_split_lines(text, start, len(text)))
    return bounds


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a chunk at single line breaks too, unless the line is a wrapped long line."""
    pieces: list[tuple[int, int]] = []
    line_start = start
    for m in re.finditer(r"\n", text[start:end]):
        cut = start + m.start()
        line = text[line_start:cut]
        following = text[cut + 1:end].lstrip()
        wrapped = len(line) > 60 and not line.rstrip().endswith((".", "!", "?", ":")) \
            and following[:1].islower()
        if not wrapped:
            pieces.append((line_start, cut))
            line_start = cut + 1
    pieces.append((line_start, end))
    return [_trim(text, s, e) for s, e in pieces if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one sentence into clauses at '; ', ', and ', ', marking' and similar joints."""
    clauses = []
    cursor = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > cursor:
            clauses.append((cursor, m.start()))
        cursor = m.end()
    clauses.append((cursor, end))
    return [c for c in clauses if c[1] > c[0]]
