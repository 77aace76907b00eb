"""Merge event candidates: one event per (type, agency, drug, date)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..record import Event
from .agencies import most_specific


@dataclass
class Candidate:
    """An event before merging, with what decided it."""

    event: Event
    ambiguous_approval: bool = False
    fallback_date: bool = False
    series: bool = False  # one of several dated items ("in 2022 and 2023", a list after ":")


def _compatible(a: str | None, b: str | None, parents: dict[str, str | None]) -> bool:
    return a is None or b is None or a == b or parents.get(a) == b or parents.get(b) == a


def merge_events(candidates: list[Candidate], parents: dict[str, str | None]) -> list[Event]:
    """One event per (type, agency, drug, date); undated repeats join a dated event."""
    clearances = [(c.event.drug, c.event.agency) for c in candidates
                  if c.event.type == "ind_clearance" and not c.event.planned]
    for cand in candidates:
        if cand.ambiguous_approval and not cand.event.planned and any(
                drug == cand.event.drug and _compatible(agency, cand.event.agency, parents)
                for drug, agency in clearances):
            cand.event.type = "ind_clearance"
    ordered = [c for c in candidates if not c.fallback_date] + \
              [c for c in candidates if c.fallback_date]
    merged: list[Event] = []
    # Events can only merge with the same type, drug and plannedness: bucket them by that.
    buckets: dict[tuple[str, str | None, bool], list[Event]] = {}
    series = {id(c.event) for c in candidates if c.series}
    for cand in ordered:
        event = cand.event
        bucket = buckets.setdefault((event.type, event.drug, event.planned), [])
        for kept in bucket:
            if not _compatible(kept.agency, event.agency, parents):
                continue
            # An undated repeat joins a dated event, but not an item of a dated series: it is
            # then news of its own ("received it today; it had received it in 2022 and 2023").
            # News told before a much earlier act of the same kind is news of its own ("FDA clears
            # the IND ... In October, the FDA had cleared ..."); told after it, it repeats it.
            if kept.date == event.date or cand.fallback_date and id(kept) not in series and not (
                    _long_before(kept.date, event.date) and _told_before(event, kept)):
                kept.agency = most_specific([a for a in (kept.agency, event.agency) if a], parents)
                break
        else:
            merged.append(event)
            bucket.append(event)
    found_at = {id(c.event): i for i, c in enumerate(candidates)}
    merged.sort(key=lambda e: (e.evidence.start if e.evidence else 0, found_at[id(e)]))
    return merged



REPEAT_DAYS = 62  # a dated event this long before the release is an earlier act, not its news


def _told_before(event: Event, other: Event) -> bool:
    """Whether `event` is told before `other` in the text."""
    return (event.evidence is not None and other.evidence is not None
            and event.evidence.start < other.evidence.start)


def _long_before(date: str | None, release_date: str | None) -> bool:
    """Whether the period of ISO `date` ends more than REPEAT_DAYS before `release_date` begins."""
    if not date or not release_date:
        return False
    return (_bounds(release_date)[0] - _bounds(date)[1]).days > REPEAT_DAYS


def _bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of an ISO date, month or year."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return first, dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
