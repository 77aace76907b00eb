"""Find date expressions in a text: candidate spans by regular expression, then their values.

Regular expressions propose candidate spans (month names, quarters, halves,
years after a preposition, relative phrases); `date_values.resolve` turns each
into an ISO value at its own precision.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from ..matching.spans import Coverage, merge_spans
from ..matching.tokens import WordMemo
from .date_values import (
    LEAD,
    MONTH,
    MONTH_CAP,
    MONTH_PREFIXES,
    ORD,
    YEAR,
    DateNormalizer,
    DateSpan,
    resolve,
)

# (kind, regex); order does not matter, overlaps are resolved longest-first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(rf"{LEAD}\b{MONTH}\.?\s+\d{{1,2}}{ORD}(?:,\s*|\s+){YEAR}\b", re.I)),
    # "5 December 2020", "5-8 December 2020", and "11-Dec-2016" (joined by hyphens).
    ("day", re.compile(rf"{LEAD}\b\d{{1,2}}(?:{ORD}(?:\s*-\s*\d{{1,2}}{ORD})?\s+(?:of\s+)?"
                       rf"{MONTH}\.?,?\s+|-{MONTH}-){YEAR}\b", re.I)),
    ("iso", re.compile(rf"{LEAD}\b{YEAR}-[01]\d-[0-3]\d\b")),
    ("dotted", re.compile(rf"(?<![\d.]){LEAD}\b[0-3]?\d\.[01]?\d\.{YEAR}\b")),
    ("month", re.compile(rf"{LEAD}\b{MONTH}\.?,?\s+(?:of\s+)?{YEAR}\b", re.I)),
    # Without a year only a capitalised month name counts ("may 15 mg" is not a date); a period
    # may end the sentence after it ("on January 25.", "on 25 January.").
    ("day_no_year", re.compile(rf"{LEAD}\b(?:{MONTH_CAP}\.?\s+\d{{1,2}}{ORD}\b"
                               rf"|\d{{1,2}}{ORD}\s+(?:of\s+)?{MONTH_CAP}\b)(?!\.?\s*,?\s*{YEAR})"
                               rf"(?![\d:%]|\.\d|\s*(?:mg|ml|mL|g|kg|patients|%))")),
    ("month_this_year", re.compile(rf"{LEAD}\b{MONTH}\.?\s+(?:of\s+)?(this|last|next)\s+year\b", re.I)),
    # "28 June this year", "June 28 last year": a day of a year said relative to the anchor.
    ("day_this_year", re.compile(rf"{LEAD}\b(?:\d{{1,2}}{ORD}\s+(?:of\s+)?{MONTH}\.?"
                                 rf"|{MONTH}\.?\s+\d{{1,2}}{ORD},?)\s+(?:of\s+)?(this|last|next)\s+year\b",
                                 re.I)),
    # A bare capitalised month after "in" or "the end / beginning of" takes the anchor's year (the
    # latest such month): "in late August", "at the end of August".
    # ("by the end of October" is a deadline: a plan's, whose month may be next year's.)
    ("month_no_year", re.compile(rf"\b(?:[Ii]n\s+(?:early\s+|late\s+|mid-?)?|(?:[Aa]t\s+)?(?<![Bb]y\s)"
                                 rf"the\s+(?:end|beginning|start|middle)\s+of\s+){MONTH_CAP}\b"
                                 rf"(?![\s,]*(?:\d|of\b))")),
    ("quarter", re.compile(rf"{LEAD}\b(?:(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)"
                           rf"\s+quarter\s+(?:of\s+)?({YEAR})|Q([1-4])\s*[-']?\s*({YEAR}|\d\d)"
                           rf"|([1-4])Q\s*[-']?\s*({YEAR}|\d\d))\b", re.I)),
    # A quarter without its year: "in the second quarter" (of the anchor's year, or the year
    # before if it has not begun), "this past quarter" (the last one before the anchor's).
    ("quarter_no_year", re.compile(r"\b(?:in|during)\s+the\s+(first|second|third|fourth)\s+quarter\b"
                                   r"(?!\s*(?:of\s+)?(?:\d|fiscal|this|last|next|the\b))", re.I)),
    ("past_quarter", re.compile(r"\b(?:this|the)\s+(?:past|just[\s-]completed|recently\s+completed|"
                                r"previous|prior)\s+quarter\b", re.I)),
    ("half", re.compile(rf"{LEAD}\b(?:(?:the\s+)?(first|second|1st|2nd)\s+half\s+(?:of\s+)?"
                        rf"({YEAR})|H([12])\s*[-']?\s*({YEAR})|([12])H\s*[-']?\s*({YEAR}|\d\d))\b",
                        re.I)),
    # "in the second half of this year", "the latter half of last year".
    ("half_this_year", re.compile(r"\b(?:the\s+)?(first|second|1st|2nd|latter|former)\s+half\s+of\s+"
                                  r"(?:the\s+)?(this|last|next|current|previous)\s+year\b", re.I)),
    ("year", re.compile(rf"\b(?:in|since|during|by|until|early|late|mid-?|end\s+of|beginning\s+of|"
                        rf"start\s+of|throughout|fiscal(?:\s+year)?|year|FY)\s*({YEAR})\b(?![-/.]?\d)",
                        re.I)),
    ("relative", re.compile(r"\b(?:(?:in|during|within)\s+)?(?:the\s+)?(?:same|this|last|previous)"
                            r"\s+(?:month|year|week)\b|\bearlier\s+this\s+(?:month|year|week)\b"
                            r"|\b(?:today|yesterday)\b"
                            r"|\b(?:(?:by|at|before|until)\s+)?(?:the\s+)?(?:year[-\s]end|end\s+of\s+(?:the|this)\s+year)\b",
                            re.I)),
    ("weekday", re.compile(r"\b(?:on\s+)?(last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday)\b", re.I)),
]
# What a match of each pattern must contain, as a conjunction of alternatives: a lower-case
# string of the (ASCII) lower-cased text, or a `_NEED_TESTS` regex. Checked once per scanned
# range (see `_possible_patterns`), they keep most patterns off ranges that cannot match.
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "day": (("YEAR",), MONTH_PREFIXES),  # every month name starts with its three letters
    "iso": (("YEAR",), ("-",)),
    "dotted": (("YEAR",), (".",)),
    "month": (("YEAR",), MONTH_PREFIXES),
    "day_no_year": (("MONTH_CAP",), ("DIGIT",)),
    "month_this_year": (("year",),),
    "day_this_year": (("year",), ("DIGIT",)),
    "month_no_year": (("MONTH_CAP",), ("in", "of")),
    "quarter": (("q",),),
    "quarter_no_year": (("quarter",),),
    "past_quarter": (("quarter",),),
    "half": (("half", "h1", "h2", "1h", "2h"),),
    "half_this_year": (("half",), ("year",)),
    "year": (("YEAR",),),
    "relative": (("month", "year", "day", "week"),),  # "today" and "yesterday" contain "day"
    "weekday": (("day",),),  # every weekday name ends in "day"
}
# The same sub-patterns as in `_PATTERNS`, with the same flags, so that their outcome is exact.
_NEED_TESTS = {"YEAR": re.compile(YEAR), "DIGIT": re.compile(r"\d"), "MONTH_CAP": re.compile(MONTH_CAP)}
_NEED_WORDS = tuple(sorted({word for needs in _NEEDS.values() for alternatives in needs
                           for word in alternatives if word not in _NEED_TESTS}))


_TRIGGER_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december monday tuesday wednesday thursday friday saturday sunday "
    "quarter half today yesterday month year week".split())
_TRIGGER_TOKEN = re.compile(r"(?:19|20)\d\d|[1-4]q(?:\d\d)?|q[1-4](?:\d\d|\d{4})?|[12]h(?:\d\d)?"
                            r"|h[12](?:\d\d|\d{4})?|fy(?:\d\d|\d{4})")
WINDOW_TOKENS = 8  # no date expression reaches further than this from its month, year or unit word


def is_date_trigger(word: str) -> bool:
    """Whether a token is a month or weekday name, a unit word, a year, quarter or half."""
    lower = word.lower()
    return lower in _TRIGGER_WORDS or (
        lower[0] in "12qhf" and word[0] in "12qQhHfF" and _TRIGGER_TOKEN.fullmatch(lower) is not None)


class DateWindows:
    """The spans of a text worth scanning for dates (each token's test remembered)."""

    def __init__(self, reach: int = WINDOW_TOKENS) -> None:
        self.reach = reach
        self._triggers = WordMemo(is_date_trigger)

    def __call__(self, words: list[str], starts: list[int]) -> list[tuple[int, int]]:
        """Return merged character spans around the tokens a date expression must contain.

        Every date pattern needs a month or weekday name, a year, a quarter or half
        ("Q3", "2H"), or a unit word ("month", "year", "today"); scanning only near
        such tokens keeps the date regexes off most of the text.
        """
        reach = self.reach
        triggers = self._triggers.where(words)
        ends = [min(len(words) - 1, i + reach) for i in triggers]  # the last token of each window
        return merge_spans([(starts[max(0, i - reach)], starts[j] + len(words[j]))
                            for i, j in zip(triggers, ends, strict=True)])


def find_date_spans(text: str, start: int = 0, end: int | None = None,
                    windows: list[tuple[int, int]] | None = None) -> list[tuple[str, re.Match[str]]]:
    """Return non-overlapping (kind, match) date candidates in text[start:end], longest first.

    With `windows` (see `DateWindows`), only those spans of the text are scanned.
    """
    end = len(text) if end is None else end
    if windows is None:
        ranges = [(start, end)]
    else:  # windows are sorted and disjoint: skip to the first that ends after `start`
        first = bisect.bisect_right(windows, (start, start))
        if first and windows[first - 1][1] > start:
            first -= 1
        # Up to the first that starts at `end` or later (bisected: copying all the windows after
        # `start` for each clause grows with the square of a big release).
        last = bisect.bisect_left(windows, (end, -1), first)
        ranges = [(max(lo, start), min(hi, end)) for lo, hi in windows[first:last]]
    candidates: list = []
    for lo, hi in ranges:
        if lo >= hi:
            continue
        for kind, pattern in _possible_patterns(_present_needs(text, lo, hi)):
            candidates.extend((kind, m) for m in pattern.finditer(text, lo, hi))
    if len(candidates) < 2:  # nothing can overlap
        return candidates
    kept: list[tuple[str, re.Match[str]]] = []
    covered = Coverage(end, base=start)
    for kind, m in sorted(candidates, key=lambda c: (-(c[1].end() - c[1].start()), c[1].start())):
        if not covered.overlaps(m.start(), m.end()):
            kept.append((kind, m))
            covered.add(m.start(), m.end())
    kept.sort(key=lambda c: c[1].start())
    return kept


def _present_needs(text: str, lo: int, hi: int) -> frozenset[str]:
    """Return the `_NEEDS` that text[lo:hi] contains."""
    chunk = text[lo:hi]
    # Case-insensitive matching of non-ASCII text has exceptions ("\u017f" matches "s", "\u212a"
    # matches "k") that lower-casing does not reproduce: such a range has every word.
    if chunk.isascii():
        lower = chunk.lower()
        found = list(filter(lower.__contains__, _NEED_WORDS))  # the words tested in C
    else:
        found = list(_NEED_WORDS)
    found.extend(name for name, test in _NEED_TESTS.items() if test.search(text, lo, hi))
    return frozenset(found)


@functools.lru_cache(maxsize=1024)  # few distinct sets occur; bounded for adversarial texts
def _possible_patterns(present: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return the `_PATTERNS` (in order) whose needs are all among `present`."""
    return tuple((kind, pattern) for kind, pattern in _PATTERNS
                 if all(not present.isdisjoint(alternatives) for alternatives in _NEEDS[kind]))


def find_dates(text: str, normalizer: DateNormalizer, anchor: dt.date | None = None,
               start: int = 0, end: int | None = None, previous: str | None = None,
               windows: list[tuple[int, int]] | None = None) -> list[DateSpan]:
    """Find and normalise the dates in text[start:end]; unresolvable ones are dropped."""
    spans: list[DateSpan] = []
    for kind, m in find_date_spans(text, start, end, windows):
        value, precision, relative = resolve(kind, m, normalizer, anchor, previous)
        if value is None:
            continue
        span = DateSpan(m.start(), m.end(), m.group(0), value, precision, relative)
        joined = _one_date(text, spans[-1], span, anchor) if spans else None
        if joined is not None:
            spans.pop()
        spans.append(joined or span)
    return spans


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WHICH_WEEK = re.compile(r"(?:(last|previous|past)|(this)|(next|coming))\s+week$", re.I)
_JOINT = re.compile(r"[ \t]*,?[ \t]*(?:of[ \t]+)?")  # "on Thursday last week", "Monday of this week"


def _one_date(text: str, first: DateSpan, second: DateSpan, anchor: dt.date | None) -> DateSpan | None:
    """One span over two relative dates side by side that say one date, else None: a weekday
    told with its week ("on Thursday last week", "Monday of this week") is that weekday of that
    week, counted from the anchor's (Monday-based); two dates one of which holds the other take
    the finer one's value."""
    if not (first.relative and second.relative and first.value and second.value):
        return None
    if _JOINT.fullmatch(text, first.end, second.start) is None:
        return None
    said = text[first.start:second.end]
    day = next((k for k, name in enumerate(_WEEKDAYS) if name in first.text.lower()), None)
    week = _WHICH_WEEK.search(second.text.strip())
    if day is not None and week is not None and anchor is not None:
        shift = -7 if week.group(1) else 7 if week.group(3) else 0
        monday = anchor - dt.timedelta(days=anchor.weekday())
        value = (monday + dt.timedelta(days=shift + day)).isoformat()
        return DateSpan(first.start, second.end, said, value, "day", True)
    if not (first.value.startswith(second.value) or second.value.startswith(first.value)):
        return None
    fine = first if len(first.value) >= len(second.value) else second
    return DateSpan(first.start, second.end, said, fine.value, fine.precision, True)
