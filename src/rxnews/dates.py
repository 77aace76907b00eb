"""Find date expressions in a text and normalise them to ISO at their own precision.

Regular expressions propose candidate spans (month names, quarters, halves,
years after a preposition, relative phrases); only the span text goes to
dateparser, with an explicit anchor. A value is cut to what the text says:
"September 2023" -> "2023-09", never a filled-in day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .text import Coverage, WordMemo, merge_spans

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_CAP = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
_LEAD = r"(?:\b(?:in|on|since|during|by|as of|from|dated)\s+)?"
_REL_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

# (kind, regex); order does not matter, overlaps are resolved longest-first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(rf"{_LEAD}\b{MONTH}\.?\s+\d{{1,2}}{_ORD},?\s+{YEAR}\b", re.I)),
    ("day", re.compile(rf"{_LEAD}\b\d{{1,2}}{_ORD}(?:\s*-\s*\d{{1,2}}{_ORD})?\s+(?:of\s+)?"
                       rf"{MONTH}\.?,?\s+{YEAR}\b", re.I)),
    ("iso", re.compile(rf"{_LEAD}\b{YEAR}-[01]\d-[0-3]\d\b")),
    ("dotted", re.compile(rf"(?<![\d.]){_LEAD}\b[0-3]?\d\.[01]?\d\.{YEAR}\b")),
    ("month", re.compile(rf"{_LEAD}\b{MONTH}\.?,?\s+(?:of\s+)?{YEAR}\b", re.I)),
    # Without a year only a capitalised month name counts ("may 15 mg" is not a date).
    ("day_no_year", re.compile(rf"{_LEAD}\b{MONTH_CAP}\.?\s+\d{{1,2}}{_ORD}\b(?!\s*,?\s*{YEAR})"
                               rf"(?![\d.:%]|\s*(?:mg|ml|mL|g|kg|patients|%))")),
    ("month_this_year", re.compile(rf"{_LEAD}\b{MONTH}\.?\s+(?:of\s+)?(this|last|next)\s+year\b", re.I)),
    # A bare capitalised month after "in" takes the anchor's year (the latest such month).
    ("month_no_year", re.compile(rf"\b[Ii]n\s+(?:early\s+|late\s+|mid-?)?{MONTH_CAP}\b"
                                 rf"(?![\s,]*(?:\d|of\b))")),
    ("quarter", re.compile(rf"{_LEAD}\b(?:(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)"
                           rf"\s+quarter\s+(?:of\s+)?({YEAR})|Q([1-4])\s*[-']?\s*({YEAR}|\d\d)"
                           rf"|([1-4])Q\s*[-']?\s*({YEAR}|\d\d))\b", re.I)),
    ("half", re.compile(rf"{_LEAD}\b(?:(?:the\s+)?(first|second|1st|2nd)\s+half\s+(?:of\s+)?"
                        rf"({YEAR})|H([12])\s*[-']?\s*({YEAR})|([12])H\s*[-']?\s*({YEAR}|\d\d))\b",
                        re.I)),
    ("year", re.compile(rf"\b(?:in|since|during|by|until|early|late|mid-?|end\s+of|throughout|"
                        rf"fiscal(?:\s+year)?|year|FY)\s*({YEAR})\b(?![-/.]?\d)", re.I)),
    ("relative", re.compile(r"\b(?:(?:in|during|within)\s+)?(?:the\s+)?(?:same|this|last|previous)"
                            r"\s+(?:month|year)\b|\bearlier\s+this\s+(?:month|year)\b"
                            r"|\b(?:today|yesterday)\b"
                            r"|\b(?:(?:by|at|before|until)\s+)?(?:the\s+)?(?:year[-\s]end|end\s+of\s+(?:the|this)\s+year)\b",
                            re.I)),
    ("weekday", re.compile(r"\b(?:on\s+)?(last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday)\b", re.I)),
]
# What a match of each pattern must contain, as a conjunction of alternatives: a lower-case
# string of the (ASCII) lower-cased text, or a `_NEED_TESTS` regex. Checked once per scanned
# range (see `_possible_patterns`), they keep most patterns off ranges that cannot match.
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "day": (("YEAR",), _MONTH_PREFIXES),  # every month name starts with its three letters
    "iso": (("YEAR",), ("-",)),
    "dotted": (("YEAR",), (".",)),
    "month": (("YEAR",), _MONTH_PREFIXES),
    "day_no_year": (("MONTH_CAP",), ("DIGIT",)),
    "month_this_year": (("year",),),
    "month_no_year": (("MONTH_CAP",), ("in",)),
    "quarter": (("q",),),
    "half": (("half", "h1", "h2", "1h", "2h"),),
    "year": (("YEAR",),),
    "relative": (("month", "year", "day"),),  # "today" and "yesterday" contain "day"
    "weekday": (("day",),),  # every weekday name ends in "day"
}
# The same sub-patterns as in `_PATTERNS`, with the same flags, so that their outcome is exact.
_NEED_TESTS = {"YEAR": re.compile(YEAR), "DIGIT": re.compile(r"\d"), "MONTH_CAP": re.compile(MONTH_CAP)}
_NEED_WORDS = tuple(sorted({word for needs in _NEEDS.values() for alternatives in needs
                           for word in alternatives if word not in _NEED_TESTS}))
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in a text, normalised."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    relative: bool = False


def iso_precision(value: str) -> str:
    """Return the precision implied by an ISO value's length: year, month or day."""
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")


def parse_anchor(value: str | None) -> dt.date | None:
    """Parse an ISO anchor (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) to a date, or None."""
    if not value or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


class DateNormalizer:
    """Normalise date span texts with one reusable dateparser parser."""

    def __init__(self) -> None:
        self._parser: Any = None  # dateparser is loaded on the first text the fast path cannot read
        # Bounded so that memory stays flat over a batch of any size.
        self._cache: dict[str, tuple[str | None, str | None]] = {}
        self._cache_size = 50_000

    def parse(self, text: str) -> tuple[str | None, str | None]:
        """Return (ISO value, precision) for an absolute date text with a year."""
        key = text.lower()
        if key not in self._cache:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[key] = self._parse(text)
        return self._cache[key]

    def _parse(self, text: str) -> tuple[str | None, str | None]:
        fast = _parse_plain(text)
        if fast is not None:
            return fast
        if self._parser is None:
            from dateparser.date import DateDataParser

            self._parser = DateDataParser(
                languages=["en"],
                settings={"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past",
                          "REQUIRE_PARTS": ["year"], "DATE_ORDER": "DMY"},
            )
        data = self._parser.get_date_data(text)
        if data is None or data.date_obj is None:
            return None, None
        d = data.date_obj
        period = data.period or "day"
        if period == "year":
            return f"{d.year:04d}", "year"
        if period == "month":
            return f"{d.year:04d}-{d.month:02d}", "month"
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "day"


_PLAIN = [
    re.compile(rf"(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{YEAR})", re.I),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?:of\s+)?(?P<m>{MONTH})\.?,?\s+(?P<y>{YEAR})", re.I),
    re.compile(rf"(?P<m>{MONTH})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})", re.I),
    re.compile(rf"(?P<y>{YEAR})-(?P<mm>[01]\d)-(?P<d>[0-3]\d)"),
    re.compile(rf"(?P<d>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<y>{YEAR})"),
]


def _parse_plain(text: str) -> tuple[str | None, str | None] | None:
    """Read the common English date shapes directly; None means "ask dateparser".

    "March 5, 2024", "5 March 2024", "March 2024", "2024-03-05" and "05.03.2024";
    an impossible day ("February 30, 2024") gives (None, None).
    """
    text = text.strip()
    for pattern in _PLAIN:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        parts = m.groupdict()
        year = int(parts["y"])
        month = int(parts["mm"]) if parts.get("mm") else _month_number(parts["m"])
        if parts.get("d") is None:
            return f"{year:04d}-{month:02d}", "month"
        try:
            return dt.date(year, month, int(parts["d"])).isoformat(), "day"
        except ValueError:
            return None, None
    return None


def _month_number(name: str) -> int:
    return _MONTH_PREFIXES.index(name[:3].lower()) + 1


def _strip_lead(text: str) -> str:
    return re.sub(r"^(?:in|on|since|during|by|as of|from|dated)\s+", "", text, flags=re.I)


def _two_digit_year(value: str) -> int:
    year = int(value)
    return year + 2000 if year < 100 else year


def resolve(kind: str, match: re.Match[str], normalizer: DateNormalizer,
            anchor: dt.date | None, previous: str | None) -> tuple[str | None, str | None, bool]:
    """Turn one regex match into (ISO value, precision, is_relative)."""
    text = match.group(0)
    if kind in ("day", "month", "iso", "dotted"):
        core = _strip_lead(text)
        core = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", core)
        core = re.sub(r"^(\d{1,2})\s*-\s*\d{1,2}", r"\1", core)  # a range starts on its first day
        value, precision = normalizer.parse(core)
        return value, precision, False
    if kind == "day_no_year":
        if anchor is None:
            return None, None, False
        value, _ = normalizer.parse(f"{_strip_lead(text)} {anchor.year}")
        return value, ("day" if value else None), True
    if kind in ("quarter", "half"):
        # Three alternative spellings, each a (number, year) group pair: "third quarter of
        # 2024", "Q3 2024", "3Q24".
        g = match.groups()
        number, year = next((g[i], g[i + 1]) for i in (0, 2, 4) if g[i])
        index = _REL_WORDS.get(number.lower()) or int(number)
        months = 3 if kind == "quarter" else 6
        return f"{_two_digit_year(year):04d}-{months * (index - 1) + 1:02d}", kind, False
    if kind == "year":
        return match.group(1), "year", False
    if kind == "relative":
        return _resolve_relative(text.lower(), anchor, previous)
    if kind == "weekday":
        if anchor is None:
            return None, None, False
        target = _WEEKDAYS.index(match.group(2).lower())
        back = (anchor.weekday() - target) % 7
        if match.group(1) and back == 0:  # "last Friday" said on a Friday is a week ago
            back = 7
        return (anchor - dt.timedelta(days=back)).isoformat(), "day", True
    if kind in ("month_this_year", "month_no_year"):
        if anchor is None:
            return None, None, False
        month_name = re.search(MONTH, text, re.I).group(0)
        month = _month_number(month_name)
        if kind == "month_this_year":
            year = anchor.year + {"this": 0, "last": -1, "next": 1}[match.group(1).lower()]
        else:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{year:04d}-{month:02d}", "month", True
    return None, None, False


def _resolve_relative(text: str, anchor: dt.date | None,
                      previous: str | None) -> tuple[str | None, str | None, bool]:
    if "same" in text:  # "in the same month": the month of the previous event
        if previous is None:
            return None, None, False
        unit = 4 if "year" in text else 7
        if len(previous) < unit:
            return None, None, False
        return previous[:unit], iso_precision(previous[:unit]), True
    if anchor is None:
        return None, None, False
    if text == "today":
        return anchor.isoformat(), "day", True
    if text == "yesterday":
        return (anchor - dt.timedelta(days=1)).isoformat(), "day", True
    if "month" in text:
        year, month = anchor.year, anchor.month
        if "last" in text or "previous" in text:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return f"{year:04d}-{month:02d}", "month", True
    year = anchor.year - 1 if ("last" in text or "previous" in text) else anchor.year
    return f"{year:04d}", "year", True


_TRIGGER_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december monday tuesday wednesday thursday friday saturday sunday "
    "quarter half today yesterday month year".split())
_TRIGGER_TOKEN = re.compile(r"(?:19|20)\d\d|[1-4]q(?:\d\d)?|q[1-4](?:\d\d|\d{4})?|[12]h(?:\d\d)?"
                            r"|h[12](?:\d\d|\d{4})?|fy(?:\d\d|\d{4})")
WINDOW_TOKENS = 8  # no date expression reaches further than this from its month, year or unit word


def _is_trigger(word: str) -> bool:
    """Whether a token is a month or weekday name, a unit word, a year, quarter or half."""
    lower = word.lower()
    return lower in _TRIGGER_WORDS or (
        lower[0] in "12qhf" and word[0] in "12qQhHfF" and _TRIGGER_TOKEN.fullmatch(lower) is not None)


_TRIGGERS = WordMemo(_is_trigger)


def date_windows(words: list[str], starts: list[int], reach: int = WINDOW_TOKENS
                 ) -> list[tuple[int, int]]:
    """Return merged character spans around the tokens a date expression must contain.

    Every date pattern needs a month or weekday name, a year, a quarter or half
    ("Q3", "2H"), or a unit word ("month", "year", "today"); scanning only near
    such tokens keeps the date regexes off most of the text.
    """
    triggers = _TRIGGERS.where(words)
    ends = [min(len(words) - 1, i + reach) for i in triggers]  # the last token of each window
    return merge_spans([(starts[max(0, i - reach)], starts[j] + len(words[j]))
                        for i, j in zip(triggers, ends, strict=True)])


def find_date_spans(text: str, start: int = 0, end: int | None = None,
                    windows: list[tuple[int, int]] | None = None) -> list[tuple[str, re.Match[str]]]:
    """Return non-overlapping (kind, match) date candidates in text[start:end], longest first.

    With `windows` (see `date_windows`), only those spans of the text are scanned.
    """
    end = len(text) if end is None else end
    if windows is None:
        ranges = [(start, end)]
    else:  # windows are sorted and disjoint: skip to the first that ends after `start`
        first = bisect.bisect_right(windows, (start, start))
        if first and windows[first - 1][1] > start:
            first -= 1
        ranges = []
        for lo, hi in windows[first:]:
            if lo >= end:
                break
            ranges.append((max(lo, start), min(hi, end)))
    candidates = []
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
        found = [word for word in _NEED_WORDS if word in lower]
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
    spans = []
    for kind, m in find_date_spans(text, start, end, windows):
        value, precision, relative = resolve(kind, m, normalizer, anchor, previous)
        if value is None:
            continue
        spans.append(DateSpan(m.start(), m.end(), m.group(0), value, precision, relative))
    return spans


_DATELINE_CUE = re.compile(r"(?:release\s+date|date|published|posted|issued)\s*:?\s*$", re.I)
_DATELINE_TAIL = re.compile(r"^\s*(?:\d{1,2}:\d\d(?::\d\d)?\s*(?:[AP]M)?\s*)?(?:[A-Z]{2,4}\s*)?"
                            r"(?:$|[-/|(]|\s*-)", re.I)
_CITY_HEAD = re.compile(r"^[\s\"'(]*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?,\s*$")


def find_release_date(text: str, normalizer: DateNormalizer, window: int = 1500,
                      windows: list[tuple[int, int]] | None = None) -> DateSpan | None:
    """Find the dateline of a release in its head: the date the release says it was issued."""
    head = text[:window]
    for kind, m in _head_date_spans(head, windows):
        if kind not in ("day", "iso", "dotted", "month"):
            continue
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line_end = len(head) if line_end < 0 else line_end
        before = head[line_start:m.start()]
        after = head[m.end():line_end]
        if not (_DATELINE_CUE.search(before) or (not before.strip() and _DATELINE_TAIL.match(after))
                or (_CITY_HEAD.match(before) and _DATELINE_TAIL.match(after))):
            continue
        value, precision, _ = resolve(kind, m, normalizer, None, None)
        if value is not None and precision in ("day", "month"):
            return DateSpan(m.start(), m.end(), m.group(0), value, precision)
    return None


def _head_date_spans(head: str, windows: list[tuple[int, int]] | None
                     ) -> Iterator[tuple[str, re.Match[str]]]:
    """The date candidates of `head` in text order, one window at a time (the dateline is early).

    Windows are disjoint, so this yields what `find_date_spans(head, windows=...)` returns.
    """
    if windows is None:
        yield from find_date_spans(head)
        return
    for lo, hi in windows:
        if lo >= len(head):
            break
        yield from find_date_spans(head, lo, min(hi, len(head)))


def is_valid_iso(value: str, precision: str) -> bool:
    """Check that `value` is a valid ISO date string of the given precision."""
    expected: dict[str, Any] = {"year": 4, "half": 7, "quarter": 7, "month": 7, "day": 10}
    if len(value) != expected.get(precision, -1):
        return False
    return parse_anchor(value) is not None
