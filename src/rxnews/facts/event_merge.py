"""Merge event candidates: one event per (type, agency, drug, date)."""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
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
    history: bool = False  # told as a past act ("had received it in November 2024")


def _compatible(a: str | None, b: str | None, parents: dict[str, str | None]) -> bool:
    return a is None or b is None or a == b or parents.get(a) == b or parents.get(b) == a


class _Bucket:
    """The kept events of one (type, drug, planned), indexed so that an event finds the first it
    joins without comparing it with them all (a drug with thousands of dated events).

    The first it joins is the first kept, in the order kept, with a compatible agency and
    either the same date or (for an undated event, `fallback`) no place in a dated series.
    Kept events of one date have agencies that were pairwise incompatible (else they would
    have joined), so there are few; kept events outside series are in a heap of their
    positions per agency, a position staying in its old agency's heap when the event's
    agency is made more specific (skipped there when it comes to the top).
    """

    __slots__ = ("events", "by_date", "open_by_agency", "history")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.by_date: dict[str | None, list[int]] = {}
        self.open_by_agency: dict[str | None, list[int]] = {}  # heaps of positions outside series
        self.history: set[int] = set()  # positions of events told as past acts

    def add(self, event: Event, open_: bool, history: bool = False) -> None:
        if history:
            self.history.add(len(self.events))
        self.events.append(event)
        self.by_date.setdefault(event.date, []).append(len(self.events) - 1)
        if open_:
            self.index_agency(len(self.events) - 1)

    def index_agency(self, at: int) -> None:
        """Index the event at `at` (outside series) under its agency, new or made more specific."""
        heapq.heappush(self.open_by_agency.setdefault(self.events[at].agency, []), at)

    def first_to_join(self, event: Event, fallback: bool, parents: dict[str, str | None]) -> int | None:
        """The position of the first kept event `event` joins, if any."""
        first = next((at for at in self.by_date.get(event.date, ())
                      if _compatible(self.events[at].agency, event.agency, parents)), None)
        if fallback:
            for agency, heap in self.open_by_agency.items():
                while heap and self.events[heap[0]].agency != agency:
                    heapq.heappop(heap)  # its agency was made more specific since
                if not heap or not _compatible(agency, event.agency, parents):
                    continue
                at = heap[0] if not self._apart(heap[0], event) else next(  # rare: look further down
                    (k for k in sorted(heap)
                     if self.events[k].agency == agency and not self._apart(k, event)), None)
                if at is not None and (first is None or at < first):
                    first = at
        return first

    def _apart(self, at: int, news: Event) -> bool:
        """Whether undated news stays apart from the kept event at `at`: an earlier act of its kind,
        or one told as a past act after it ("FDA grants BTD ... It had granted BTD in November")."""
        kept = self.events[at]
        return (_earlier_act(kept, news) or (at in self.history and _told_before(news, kept))
                or kept.type == "financing" and _other_round(kept, news))


# A financing's round and amounts: two financings that name different ones are two rounds
# ("raises $34m in Series C" is not "In October 2013 it had raised $22 million"). Amounts are
# compared in one currency only (a headline's euros are the body's dollars too), and never a
# price per share.
_ROUND = re.compile(r"\bseries\s+([a-h])\b|\b(seed|angel|pre-ipo|ipo|initial\s+public\s+offering)\b", re.I)
_AMOUNT = re.compile(r"([$\u20ac\u00a3\u00a5]|\b(?:USD|EUR|GBP|CNY|RMB|KRW|JPY|SEK|CHF|DKK|NOK|AUD|CAD)\b)\s?"
                     r"(\d+(?:[.,]\d+)*)(?![.,]?\d)\s*(bn|billion|b|mn|million|m|k)?\b"
                     r"(?!\s*(?:per|a|each)\s+(?:share|ads|unit|warrant)s?\b)", re.I)
_NET_OR_GROSS = re.compile(r"\b(?:net|gross)\b", re.I)
_SCALE = {"bn": 1e9, "billion": 1e9, "b": 1e9, "mn": 1e6, "million": 1e6, "m": 1e6, "k": 1e3}
_CURRENCY = {"$": "USD", "\u20ac": "EUR", "\u00a3": "GBP", "\u00a5": "CNY", "RMB": "CNY"}


def _other_round(kept: Event, news: Event) -> bool:
    """Whether two financings name different rounds, or, the news told first, different amounts
    in a currency both name (a placing's parts come after its total)."""
    a, b = (e.evidence.text if e.evidence else "" for e in (kept, news))
    rounds_a, rounds_b = _rounds(a), _rounds(b)
    if rounds_a and rounds_b and rounds_a.isdisjoint(rounds_b):
        return True
    if not _told_before(news, kept) or _NET_OR_GROSS.search(a) or _NET_OR_GROSS.search(b):
        return False  # (a placing's parts come after its total; net and gross proceeds differ)
    amounts_a, amounts_b = _amounts(a), _amounts(b)
    shared = amounts_a.keys() & amounts_b.keys()
    return bool(shared) and all(amounts_a[c].isdisjoint(amounts_b[c]) for c in shared)


def _rounds(text: str) -> set[str]:
    return {"ipo" if (m.group(2) or "").lower().startswith("initial") else (m.group(1) or m.group(2)).lower()
            for m in _ROUND.finditer(text)}


def _amounts(text: str) -> dict[str, set[float]]:
    found: dict[str, set[float]] = {}
    for m in _AMOUNT.finditer(text):
        try:
            number = float(m.group(2).replace(",", ""))
        except ValueError:
            continue
        currency = _CURRENCY.get(m.group(1).upper(), m.group(1).upper())
        found.setdefault(currency, set()).add(round(number * _SCALE.get((m.group(3) or "").lower(), 1), -4))
    return found


def _earlier_act(kept: Event, news: Event) -> bool:
    """Whether undated news told before a much earlier dated act of its kind is news of its own
    ("FDA clears the IND ... In October, the FDA had cleared ..."); told after it, it repeats it."""
    return _long_before(kept.date, news.date) and _told_before(news, kept)


def merge_events(candidates: list[Candidate], parents: dict[str, str | None]) -> list[Event]:
    """One event per (type, agency, drug, date); undated repeats join a dated event."""
    # The agencies that cleared an IND for each drug: an approval looks up its own drug's.
    cleared_by: dict[str | None, dict[str | None, None]] = {}
    for c in candidates:
        if c.event.type == "ind_clearance" and not c.event.planned:
            cleared_by.setdefault(c.event.drug, {})[c.event.agency] = None
    for cand in candidates:
        if cand.ambiguous_approval and not cand.event.planned and any(
                _compatible(agency, cand.event.agency, parents)
                for agency in cleared_by.get(cand.event.drug, ())):
            cand.event.type = "ind_clearance"
    ordered = [c for c in candidates if not c.fallback_date] + \
              [c for c in candidates if c.fallback_date]
    merged: list[Event] = []
    # Events can only merge with the same type, drug and plannedness: bucket them by that.
    buckets: dict[tuple[str, str | None, bool], _Bucket] = {}
    series = {id(c.event) for c in candidates if c.series}
    for cand in ordered:
        event = cand.event
        key = (event.type, event.drug, event.planned)
        bucket = buckets.get(key)
        if bucket is None:
            bucket = buckets[key] = _Bucket()
        # An undated repeat joins a dated event, but not an item of a dated series: it is
        # then news of its own ("received it today; it had received it in 2022 and 2023").
        at = bucket.first_to_join(event, cand.fallback_date, parents)
        if at is not None:
            kept, before = bucket.events[at], bucket.events[at].agency
            kept.agency = most_specific([a for a in (kept.agency, event.agency) if a], parents)
            if kept.agency != before and id(kept) not in series:
                bucket.index_agency(at)
        else:
            merged.append(event)
            bucket.add(event, id(event) not in series, cand.history)
    merged = _drop_drugless_repeats(merged, parents)
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


def _drop_drugless_repeats(events: list[Event], parents: dict[str, str | None]) -> list[Event]:
    """Without the events that name no drug when one of the same type, date and plannedness names
    one, with a compatible agency: a headline's "signs license deal" is the body's deal for X.
    (Financings name no drug of their own: several on one day are several.)"""
    with_drug: dict[tuple[str, str | None, bool], list[str | None]] = {}
    dealt = set()  # plannedness of the deals that name a drug
    for e in events:
        if e.drug is not None:
            with_drug.setdefault((e.type, e.date, e.planned), []).append(e.agency)
            if e.type == "partnership":
                dealt.add(e.planned)
    if not with_drug:
        return events
    # An undated deal that names no drug, beside one that does, is that deal told again ("The
    # partnership agreement follows ...").
    return [e for e in events if e.drug is not None or e.type == "financing" or not (any(
        _compatible(agency, e.agency, parents)
        for agency in with_drug.get((e.type, e.date, e.planned), ()))
        or e.type == "partnership" and e.date is None and e.planned in dealt)]
