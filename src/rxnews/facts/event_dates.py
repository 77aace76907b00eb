"""The date of an event: its own nearest date, else the release date when it is this release's news."""

from __future__ import annotations

import re

from ..document import Document
from ..record import Event
from .date_values import MONTH, DateSpan, iso_precision

LEAD_SENTENCES = 5  # body sentences after the dateline that hold the release's news
# "At this year's ESMO": the release's own year, month or week (not "earlier this year").
_CURRENT = re.compile(r"(?<!earlier )(?<!later )\bthis\s+(?:year|month|week)\b", re.I)


# A heading of a results release or business update over the period's news ("Third Quarter
# 2023 and Recent Business Highlights", "R&D HIGHLIGHTS", "Recent Developments"): an undated
# event there is this release's news wherever the section is. Not a heading of plans
# ("Upcoming Milestones") or of figures ("Financial Highlights").
HIGHLIGHTS = re.compile(
    r"[ \t#*]*(?![^\n]*\b(?:financial|upcoming|anticipated|expected|outlook|future|planned)\b)"
    r"[^\n.!?]{0,60}\b(?:highlights|recent\s+developments|(?:business|corporate|pipeline|clinical)"
    r"\s+(?:updates?|progress)|recent\s+achievements)[ \t]*:?[ \t]*", re.I)
_HIGHLIGHT_WORDS = ("highlights", "developments", "update", "progress", "achievements")  # lower case
# A heading that ends such a section: figures, plans, company boilerplate, contacts.
_SECTION_END = re.compile(
    r"(?im)^[ \t#*]*[^\n.!?]{0,40}\b(?:financial|results|revenues?|expenses|cash|balance\s+sheet|"
    r"non-gaap|guidance|outlook|upcoming|anticipated|expected|milestones|about|forward[- ]looking|"
    r"cautionary|safe\s+harbou?r|conference\s+call|webcast|contacts?)\b[^\n.!?]{0,40}$")
HIGHLIGHT_SENTENCES = 60  # a section holds at most this many sentences


def highlight_sentences(doc: Document) -> set[int]:
    """The sentences under a highlights heading (a line `HIGHLIGHTS` matches), up to the heading
    that ends the section (`_SECTION_END`)."""
    text = doc.norm
    lower = text.lower()
    if len(lower) != len(text):  # lower-casing changed offsets: no heading is found
        return set()
    found: set[int] = set()
    for word in _HIGHLIGHT_WORDS:
        at = lower.find(word)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            if HIGHLIGHTS.fullmatch(text, line_start, line_end):
                first = doc.sentence_of(line_start)
                end = _SECTION_END.search(text, line_end)
                last = doc.sentence_of(end.start()) if end else len(doc.sentences)
                found.update(range(first, min(last, first + HIGHLIGHT_SENTENCES)))
            at = lower.find(word, line_end)
    return found


def news_sentences(doc: Document) -> int:
    """How many sentences open the release (title, dateline, lead): an undated event there is
    this release's news and takes the release date; later it is a past one, undated."""
    if not doc.sentences:
        return 0
    lead = doc.sentence_of(doc.dateline[0]) if doc.dateline else 0
    return lead + 1 + LEAD_SENTENCES


def date_event(event: Event, dates: list[DateSpan], cue: int, history: bool, text: str,
               release_date: str | None) -> bool:
    """Set the date fields of an event from the date nearest its cue, else the release date
    (news that is neither past nor planned); return True when the release date was used."""
    if dates:
        span = min(dates, key=lambda d: abs(d.start - cue))
        if _is_current(span, text, release_date) and not history and not event.planned:
            dates = []  # "at this year's ESMO": the release's own news, dated more precisely by it
    if dates:
        event.date, event.date_precision = span.value, span.precision
        if not event.planned and _happened_last_year(span, text, release_date):
            event.date = f"{int(span.value[:4]) - 1}{span.value[4:]}"
        elif event.planned and _comes_next_year(span, text, release_date):
            event.date = f"{int(span.value[:4]) + 1}{span.value[4:]}"
        event.date_text = text[span.start:span.end]
        event.date_source = "relative" if span.relative else "explicit"
        return False
    if release_date and not history and not event.planned:
        event.date, event.date_precision = release_date, iso_precision(release_date)
        event.date_source = "release"
    return True


def _is_current(span: DateSpan, text: str, release_date: str | None) -> bool:
    """Whether a date is the release's own year, month or week said as "this year" / "this month"."""
    return bool(span.relative and release_date and span.value and release_date.startswith(span.value)
                and _CURRENT.search(text, span.start, span.end))


_YEAR = re.compile(r"(?:19|20)\d\d|\byear\b", re.I)  # "in 2023", "28 June this year"


_MONTH_WORD = re.compile(MONTH, re.I)
_PAST_WORDS = re.compile(r"\b(?:last|past|previous|prior|earlier|ago)\b", re.I)
_DONE_BEFORE = re.compile(r"\b[a-z]+ed\s+(?:on\s+|in\s+)?$", re.I)  # "As announced Nov. 27": the act's date


def _comes_next_year(span: DateSpan, text: str, release_date: str | None) -> bool:
    """Whether a plan's year-less month or day ("at the end of September", "in early March") that
    the release's year puts before the release is next year's: what is planned cannot be dated
    before the news."""
    if not (span.relative and release_date and span.value and len(release_date) >= len(span.value)):
        return False
    said = text[span.start:span.end]
    return (span.value < release_date[:len(span.value)] and not _YEAR.search(said)
            and _MONTH_WORD.search(said) is not None and not _PAST_WORDS.search(said)
            and not _DONE_BEFORE.search(text, max(0, span.start - 30), span.start))


def _happened_last_year(span: DateSpan, text: str, release_date: str | None) -> bool:
    """Whether a year-less day ("(May 18)") of something done, which the release's year puts
    after the release, was last year's: what has happened cannot be dated after the news."""
    return bool(span.relative and span.precision == "day" and release_date and len(release_date) == 10
                and span.value and span.value[5:] != "02-29" and span.value > release_date
                and not _YEAR.search(text, span.start, span.end))
