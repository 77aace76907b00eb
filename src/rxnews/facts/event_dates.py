"""The date of an event: its own nearest date, else the release date when it is this release's news."""

from __future__ import annotations

import re

from ..document import Document
from ..record import Event
from .date_values import DateSpan, iso_precision

LEAD_SENTENCES = 5  # body sentences after the dateline that hold the release's news
# "At this year's ESMO": the release's own year, month or week (not "earlier this year").
_CURRENT = re.compile(r"(?<!earlier )(?<!later )\bthis\s+(?:year|month|week)\b", re.I)


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


def _happened_last_year(span: DateSpan, text: str, release_date: str | None) -> bool:
    """Whether a year-less day ("(May 18)") of something done, which the release's year puts
    after the release, was last year's: what has happened cannot be dated after the news."""
    return bool(span.relative and span.precision == "day" and release_date and len(release_date) == 10
                and span.value and span.value[5:] != "02-29" and span.value > release_date
                and not _YEAR.search(text, span.start, span.end))
