"""Date values: normalise one date expression to ISO at its own precision.

Only the span text of a date goes to dateparser (or to the fast reader of the
common English shapes), with an explicit anchor for relative dates. A value is
cut to what the text says: "September 2023" -> "2023-09", never a filled-in day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_CAP = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
YEAR = r"(?:19|20)\d\d"
ORD = r"(?:st|nd|rd|th)?"
LEAD = r"(?:\b(?:in|on|since|during|by|as of|from|dated)\s+)?"
_YEAR_WORDS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}  # "... of this year"
_REL_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
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


FUTURE_DAYS = 183  # a year-less day further ahead of the release than this was last year's


def iso_precision(value: str) -> str:
    """Return the precision implied by an ISO value's length: year, month or day."""
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")


_ISO = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")  # ASCII digits only: int() reads others too


def parse_anchor(value: str | None) -> dt.date | None:
    """Parse an ISO anchor (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) to a date, or None."""
    if not value or not _ISO.fullmatch(value):
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def check_release_date(value: object) -> str:
    """Return a caller's release date if it is ISO (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), else raise
    `ReleaseDateError`."""
    from ..errors import ReleaseDateError

    if not isinstance(value, str) or parse_anchor(value) is None:
        raise ReleaseDateError(value)
    return value


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
        fast = parse_plain(text)
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
    re.compile(rf"(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}}){ORD},?\s+(?P<y>{YEAR})", re.I),
    re.compile(rf"(?P<d>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<m>{MONTH})\.?,?\s+(?P<y>{YEAR})", re.I),
    re.compile(rf"(?P<m>{MONTH})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})", re.I),
    re.compile(rf"(?P<y>{YEAR})-(?P<mm>[01]\d)-(?P<d>[0-3]\d)"),
    re.compile(rf"(?P<d>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<y>{YEAR})"),
]


def parse_plain(text: str) -> tuple[str | None, str | None] | None:
    """Read the common English date shapes directly; None means "ask dateparser".

    "March 5, 2024", "5 March 2024", "June 3rd 2024", "March 2024", "2024-03-05" and
    "05.03.2024";
    an impossible day ("February 30, 2024") gives (None, None).
    """
    text = text.strip()
    for pattern in _PLAIN:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        parts = m.groupdict()
        year = int(parts["y"])
        month = int(parts["mm"]) if parts.get("mm") else month_number(parts["m"])
        if parts.get("d") is None:
            return f"{year:04d}-{month:02d}", "month"
        try:
            return dt.date(year, month, int(parts["d"])).isoformat(), "day"
        except ValueError:
            return None, None
    return None


def month_number(name: str) -> int:
    """1-12 for a month name or its abbreviation ("Sept.", "march")."""
    return MONTH_PREFIXES.index(name[:3].lower()) + 1


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
        # "on December 28" said in January: last year's
        if value and (dt.date.fromisoformat(value) - anchor).days > FUTURE_DAYS:
            value, _ = normalizer.parse(f"{_strip_lead(text)} {anchor.year - 1}")
        return value, ("day" if value else None), True
    if kind in ("quarter", "half"):
        # Three alternative spellings, each a (number, year) group pair: "third quarter of
        # 2024", "Q3 2024", "3Q24".
        g = match.groups()
        number, year = next((g[i], g[i + 1]) for i in (0, 2, 4) if g[i])
        index = _REL_WORDS.get(number.lower()) or int(number)
        months = 3 if kind == "quarter" else 6
        return f"{_two_digit_year(year):04d}-{months * (index - 1) + 1:02d}", kind, False
    if kind == "half_this_year":
        if anchor is None:
            return None, None, False
        half = 2 if match.group(1).lower() in ("second", "2nd", "latter") else 1
        year = anchor.year + _YEAR_WORDS[match.group(2).lower()]
        return f"{year:04d}-{6 * (half - 1) + 1:02d}", "half", True
    if kind in ("quarter_no_year", "past_quarter"):
        if anchor is None:
            return None, None, False
        current = (anchor.month - 1) // 3  # 0-3
        if kind == "past_quarter":
            year, index = (anchor.year, current - 1) if current else (anchor.year - 1, 3)
        else:  # this year's, unless it begins further ahead than a year-less day may
            index = _REL_WORDS[match.group(1).lower()] - 1
            ahead = (dt.date(anchor.year, 3 * index + 1, 1) - anchor).days
            year = anchor.year if ahead <= FUTURE_DAYS else anchor.year - 1
        return f"{year:04d}-{3 * index + 1:02d}", "quarter", True
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
    if kind == "day_this_year":
        if anchor is None:
            return None, None, False
        year = anchor.year + _YEAR_WORDS[match.group(1).lower()]
        core = re.sub(r"\s+(?:of\s+)?(?:this|last|next)\s+year$", "", _strip_lead(text), flags=re.I)
        core = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", core).rstrip(",")
        value, _ = normalizer.parse(f"{core} {year}")
        return value, ("day" if value else None), True
    if kind in ("month_this_year", "month_no_year"):
        if anchor is None:
            return None, None, False
        month_name = re.search(MONTH, text, re.I).group(0)
        month = month_number(month_name)
        if kind == "month_this_year":
            year = anchor.year + _YEAR_WORDS[match.group(1).lower()]
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
    if "week" in text:  # "this week" is the news of the day; "last week" the month it fell in
        if "last" not in text and "previous" not in text:
            return anchor.isoformat(), "day", True
        day = anchor - dt.timedelta(days=7)
        return f"{day.year:04d}-{day.month:02d}", "month", True
    if "month" in text:
        year, month = anchor.year, anchor.month
        if "last" in text or "previous" in text:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return f"{year:04d}-{month:02d}", "month", True
    year = anchor.year - 1 if ("last" in text or "previous" in text) else anchor.year
    return f"{year:04d}", "year", True


def is_valid_iso(value: str, precision: str) -> bool:
    """Check that `value` is a valid ISO date string of the given precision."""
    expected: dict[str, Any] = {"year": 4, "half": 7, "quarter": 7, "month": 7, "day": 10}
    if len(value) != expected.get(precision, -1):
        return False
    return parse_anchor(value) is not None
