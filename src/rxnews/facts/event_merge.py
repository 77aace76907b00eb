"""Merge event candidates: one event per (type, agency, drug, date)."""

from __future__ import annotations

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
            if kept.date == event.date or cand.fallback_date and id(kept) not in series:
                kept.agency = most_specific([a for a in (kept.agency, event.agency) if a], parents)
                break
        else:
            merged.append(event)
            bucket.append(event)
    found_at = {id(c.event): i for i, c in enumerate(candidates)}
    merged.sort(key=lambda e: (e.evidence.start if e.evidence else 0, found_at[id(e)]))
    return merged
