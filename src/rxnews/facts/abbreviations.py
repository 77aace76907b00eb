"""Pair long forms with the abbreviations a text defines: "triple-negative breast cancer (TNBC)"."""

from __future__ import annotations

import re

_AFTER = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9\-]{1,11})\s*[),;]")
_WORD = re.compile(r"[A-Za-z0-9]+")  # a run of the characters `find_word` counts as a word's
WORDS_SCANNED_ONE_BY_ONE = 64  # fewer words are each found by `find_word`: one scan of the text is slower


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


def find_words(text: str, words: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Return `find_word(text, word)` for each of `words`, in one pass over the text for many.

    Finding each word by scanning the whole text costs (words x text): quadratic on a big release
    with thousands of names. An occurrence of a word that opens with a letter or digit starts a
    run of letters and digits of the text, and that run is the word's first run ("ACM" of
    "ACM-1234"): the runs of the text are looked up among the words' first runs, and at a run
    that opens some, the text is compared with each of those words' lengths.
    """
    if len(words) <= WORDS_SCANNED_ONE_BY_ONE:
        return {word: find_word(text, word) for word in words}
    found: dict[str, list[tuple[int, int]]] = {word: [] for word in words}
    by_run: dict[str, dict[int, set[str]]] = {}  # first run -> word length -> words
    for word in found:
        first = _WORD.match(word)
        if first is None:  # "(R)-x", "": not opening with a letter or digit
            found[word] = find_word(text, word)
        else:
            by_run.setdefault(first.group(0), {}).setdefault(len(word), set()).add(word)
    size = len(text)
    for run in _WORD.finditer(text) if by_run else ():
        lengths = by_run.get(run.group(0))
        if lengths is None:
            continue
        start = run.start()
        for length, candidates in lengths.items():
            end = start + length
            word = text[start:end]
            if word in candidates and not (end < size and _is_alnum(text[end])):
                found[word].append((start, end))
    return found


def _is_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
