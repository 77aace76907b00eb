"""Pair long forms with the abbreviations a text defines: "triple-negative breast cancer (TNBC)"."""

from __future__ import annotations

import re

_AFTER = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9\-]{1,11})\s*[),;]")
_WORD = re.compile(r"[A-Za-z0-9]+")


def is_abbreviation_of(short: str, long: str) -> bool:
    """Schwartz-Hearst test: the short form's letters appear in order in the long form,
    its first letter starting a word of the long form."""
    short_chars = [c.lower() for c in short if c.isalnum()]
    if len(short_chars) < 2 or not any(c.isupper() for c in short):
        return False
    long_lower = long.lower()
    s, l_idx = len(short_chars) - 1, len(long_lower) - 1
    while s >= 0:
        char = short_chars[s]
        while l_idx >= 0 and (long_lower[l_idx] != char or
                              (s == 0 and l_idx > 0 and long_lower[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return False
        s -= 1
        l_idx -= 1
    return True


def abbreviation_after(text: str, end: int, long_form: str) -> tuple[int, int] | None:
    """Return the offsets of an abbreviation defined right after a long form, or None."""
    m = _AFTER.match(text, end)
    if not m:
        return None
    short = m.group(1)
    if short.lower() == long_form.lower() or not is_abbreviation_of(short, long_form):
        return None
    return m.start(1), m.end(1)


def find_word(text: str, word: str) -> list[tuple[int, int]]:
    """Return the offsets of every whole-word, case-sensitive occurrence of `word`.

    A whole word has no ASCII letter or digit right before or after it.
    """
    found = []
    if not word:
        return found
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and _is_alnum(text[start - 1])) and not (end < len(text) and _is_alnum(text[end])):
            found.append((start, end))
        start = text.find(word, start + 1)
    return found


def _is_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
