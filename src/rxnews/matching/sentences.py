"""Split a text into sentences and clauses, as character offsets."""

from __future__ import annotations

import re

# Sentence-final punctuation before a capital, a digit or a name with a capital inside ("uniQure",
# "iTeos"), a blank line, or a line break before a bullet. The first character is consumed first
# and each branch checks it in a lookbehind: that lets re jump from one [.!?\n] to the next
# instead of trying every position.
_BREAK = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]{0,4}[\"')\]]{0,3}(?=\s+[\"'(\[]?(?:[A-Z0-9]|[a-z]{1,5}[A-Z]))"
                    r"|(?<=\n)\s*\n|(?<=\n)(?=\s*[-*\u2022]))")
_NON_SPACE = re.compile(r"\S")  # \s is exactly str.isspace()
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.+$")
# A capitalised word that opens sentences and never continues a name: after it, the period of
# an abbreviation ends the sentence after all ("... Co., Ltd. On February 5, the company",
# "in the U.S. The company").
_OPENER = re.compile(r"\s+[\"'(]?(?:The|This|These|That|In|On|At|As|It|Its|We|Our|During|After|"
                     r"Following|Additionally|Furthermore|Moreover|However|Based|Since|"
                     r"According|Upon|Once|If|When|While|Recently|Previously)\s")
# Clause joints: "; ", ", and ", ", marking", ", in a move that" (what the act will do is no plan
# of the act), " following its ... approval", " and is", ", which",
# " on the condition that" (a condition is told apart from the act it conditions).
# Each joint starts with ";", "," or a space, consumed first and checked in one lookbehind per
# group of branches, so that re jumps between those characters instead of trying every position.
_CLAUSE_BREAK = re.compile(
    r"[;,\s](?:(?<=;)\s+"
    r"|(?<=,)(?:\s+(?:and|while|whereas|but)\s+(?!the\s+(?:treatment|prevention)\b)"
    r"|\s+(?=(?:marking|following|after\s+which|which\s+follows|in\s+a\s+(?:move|bid|step)\s+(?:that|to))\b)"
    r"|\s+and\s+(?=(?:is|are|will|expects?|plans?|anticipates?)\s)"
    r"|\s+(?=which\s))"
    r"|(?<=\s)(?:\s*(?=following\s+(?:its|the|a|an)\s+\w+\s+approval\b)"
    r"|\s*(?=on\s+(?:the\s+)?condition\s+that\b|provided\s+that\b)"
    # "receive the designation as we prepare to submit the BLA in 2026": the plan is a clause of its own
    r"|\s*(?=as\s+(?:we|it|they|the\s+company)\s+(?:prepares?|plans?|gets?\s+ready)\s)"
    r"|\s*and\s+(?=(?:is|are|will|expects?|plans?|anticipates?)\s)))",
    re.I,
)


def split_sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, blank ones dropped.

    A period after one of the lower-case `abbreviations` ("inc", "u.s") ends no sentence.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    hard = hard_wrapped(text)
    for m in _BREAK.finditer(text):
        if text[m.start()] == ".":
            word = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.end())
            if word and word.group(1).lower().rstrip(".") in abbreviations \
                    and not _OPENER.match(text, m.end()):
                continue
        bounds.extend(_split_lines(text, start, m.end(), hard))
        start = m.end()
    bounds.extend(_split_lines(text, start, len(text), hard))
    return bounds


def _split_lines(text: str, start: int, end: int, hard: bool = False) -> list[tuple[int, int]]:
    """Split a chunk at single line breaks too, unless the line is a wrapped long line (every
    line of `hard` wrapped text, unless it ends a sentence)."""
    pieces: list[tuple[int, int]] = []
    line_start = start
    cut = text.find("\n", start, end)
    while cut >= 0:
        if not (_wrapped(text, line_start, cut, end) or hard and _filled(text, cut)):
            pieces.append((line_start, cut))
            line_start = cut + 1
        cut = text.find("\n", cut + 1, end)
    pieces.append((line_start, end))
    trimmed = [_trim(text, s, e) for s, e in pieces]
    return [(s, e) for s, e in trimmed if s < e]


# Words no sentence ends with: a long line that ends with one was wrapped ("... approval for\nLIXIANA").
_DANGLING = re.compile(r"(?<![\w-])(?:a|an|the|of|for|to|by|with|from|in|on|at|and|or|as|into|its|their|our|"
                       r"that|than|between|including)[^\S\n]*$", re.I)


_HYPHENATED = re.compile(r"[A-Za-z]-[^\S\n]*$")  # a word cut at a hyphen ("Paul-\nEhrlich-Institut")


# Hard-wrapped text (old wire copy, e-mail): most of its lines filled to a width of 55 to 85
# characters, none longer. Its single line breaks are spaces, but after a sentence's end.
_FILLED = (55, 85)
# A line longer than any wrap (found at once in most texts; tried at line starts only, so linear).
_LONG_LINE = re.compile(r"^[^\n]{91}", re.M)


def hard_wrapped(text: str) -> bool:
    """Whether a text of five lines or more is hard-wrapped: half its lines or more filled to a
    width of 55 to 85 characters, clustered near one width, and none longer than 90."""
    if text.count("\n") < 4 or _LONG_LINE.search(text):
        return False
    lines = [line for line in (raw.rstrip() for raw in text.split("\n")) if line]
    filled = sorted(n for n in map(len, lines) if _FILLED[0] <= n <= _FILLED[1])
    if len(lines) < 5 or 2 * len(filled) < len(lines):
        return False
    # Wrapped at one width, the filled lines cluster near it (a feed of one-line paragraphs
    # under 90 characters does not): their middle half within 12 characters.
    return filled[3 * len(filled) // 4] - filled[len(filled) // 4] <= 12


def _filled(text: str, cut: int) -> bool:
    """Whether the line of hard-wrapped text that ends at `cut` is filled to its width, ends no
    sentence and is no headline (half its words capitalised or more)."""
    line = text[text.rfind("\n", 0, cut) + 1:cut].rstrip()  # the whole line, not the sentence's part
    if len(line) < _FILLED[0] or line.endswith((".", "!", "?", ":", '"', "\u201d")):
        return False
    words = line.split()
    return 2 * sum(w[:1].isupper() for w in words) < len(words)  # a headline in title case ends


def _wrapped(text: str, start: int, cut: int, end: int) -> bool:
    """Whether the line text[start:cut] is a long line wrapped at `cut`: continued in lower case, or
    ending with a word no sentence ends with; a shorter line, only when both hold ("- Applied for
    designation in\nthe United States")."""
    if cut - start <= SHORT_WRAP or text[start:cut].rstrip().endswith((".", "!", "?", ":")):
        return False
    following = _NON_SPACE.search(text, cut + 1, end)  # the next character of the chunk
    if following is None:
        return False
    lower = following.group().islower()
    dangling = _DANGLING.search(text, max(start, cut - 12), cut) is not None
    if cut - start <= LONG_WRAP:
        return lower and dangling
    return lower or dangling or _HYPHENATED.search(text, max(start, cut - 3), cut) is not None


SHORT_WRAP = 24  # characters: a shorter line is a heading or a list item, whatever follows it
LONG_WRAP = 60  # characters: a longer line goes on when either holds


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return text[start:end] without its leading and trailing whitespace, as offsets."""
    piece = text[start:end]
    stripped = piece.lstrip()
    return start + len(piece) - len(stripped), end - len(stripped) + len(stripped.rstrip())


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
