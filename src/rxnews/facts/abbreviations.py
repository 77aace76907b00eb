"""Pair long forms with the abbreviations a text defines: "triple-negative breast cancer (TNBC)"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..matching.matcher import Match

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
    found: list = []
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


# Lexicon labels whose abbreviations a release may define as something else: "Fast Track
# Designation (FTD)" is no frontotemporal dementia, "Promising Innovative Medicines (PIM)" no kinase.
REDEFINABLE = frozenset({"DISEASE", "TARGET"})
_LONG_FORM_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_OPENING, _CLOSING = frozenset("(["), frozenset(")]")  # (slices: an empty one is in neither)
_SHARED_WORD = 4  # letters a word needs to count as shared by two long forms ("cancer", "kinase")


def drop_redefined(text: str, matches: list[Match]) -> list[Match]:
    """Drop the lexicon matches of an abbreviation the text itself defines as something else.

    A match in parentheses or brackets ("... Designation (FTD)") whose entry names a long form
    the abbreviation stands for ("frontotemporal dementia") is redefined when the words before
    it make another long form of it (Schwartz-Hearst) that shares no word with the entry's:
    then none of that abbreviation's matches of that entry count anywhere in the text.
    """
    redefined: set[tuple[str, str, str]] = set()  # (label, surface, canonical)
    for m in matches:
        if (text[m.start - 1:m.start] in _OPENING and text[m.end:m.end + 1] in _CLOSING
                and m.label in REDEFINABLE):
            surface, canonical = text[m.start:m.end], m.entry.get("canonical") or ""
            if canonical.lower() != surface.lower() and is_abbreviation_of(surface, canonical):
                long_form = defined_long_form(text, m.start - 1, surface)
                if long_form is not None and not _share_a_word(long_form, canonical):
                    redefined.add((m.label, surface, canonical))
    if not redefined:
        return matches
    return [m for m in matches
            if (m.label, text[m.start:m.end], m.entry.get("canonical") or "") not in redefined]


def defined_long_form(text: str, paren: int, short: str) -> str | None:
    """The fewest words right before `text[paren]` (an opening parenthesis) that `short`
    abbreviates, looking back as far as Schwartz and Hearst do (min(|short| + 5, 2 |short|) words)."""
    reach = min(len(short) + 5, 2 * len(short))
    head = text[max(0, paren - 40 * reach):paren]
    words = list(_LONG_FORM_WORDS.finditer(head))[-reach:]
    if not words or head[words[-1].end():].strip():  # the parenthesis must follow the last word
        return None
    for k in range(len(words) - 1, -1, -1):
        long_form = head[words[k].start():words[-1].end()]
        if is_abbreviation_of(short, long_form):
            return long_form
    return None


def _share_a_word(a: str, b: str) -> bool:
    words = {w.lower() for w in _LONG_FORM_WORDS.findall(a) if len(w) >= _SHARED_WORD}
    return any(w.lower() in words for w in _LONG_FORM_WORDS.findall(b) if len(w) >= _SHARED_WORD)
