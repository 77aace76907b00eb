"""Events: typed milestones from the cue patterns of each clause, with agency, drug and date.

`classify` decides the event types of a clause from the set of its cues. Dates,
agencies and drugs are taken from the same clause, then from the other clauses
of the sentence; `event_merge` keeps one event per (type, agency, drug, date).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import Document
from ..matching.patterns import PatternEntry
from ..matching.sentences import split_clauses
from ..record import Event, Mention, Record
from .agencies import agency_parents, most_specific
from .classify import classify
from .date_values import DateNormalizer, DateSpan, iso_precision, parse_anchor
from .dates import find_dates
from .event_merge import Candidate, merge_events
from .event_types import REGULATORY, TRIGGERS
from .stage import Stage

PHASE = re.compile(r"P(?<=\bP)hase\s*(?:[0-4]|I{1,3}V?|IV)[abAB]?(?:\s*/\s*(?:[0-4]|I{1,3}V?)[abAB]?)?\b",
                   re.I)


@dataclass
class ClauseInfo:
    start: int
    end: int
    types: list[str]
    cues: dict[str, list] = field(default_factory=dict)
    dates: list[DateSpan] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


class _Spans:
    """Named spans that answer "which lie inside [start, end]?" in their original order.

    Bisecting sorted starts instead of scanning every span for every clause keeps
    texts with thousands of mentions linear.
    """

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]

    def inside(self, start: int, end: int) -> list[str]:
        """Return the names of the spans inside [start, end], in list order."""
        if not self.spans:
            return []
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_right(self.starts, end)
        return [self.spans[i][2] for i in sorted(i for i in self.order[lo:hi] if self.spans[i][1] <= end)]


def _nearest_date(dates: list[DateSpan], anchor: int) -> DateSpan:
    return min(dates, key=lambda d: abs(d.start - anchor))


def extract_events(doc: Document, drugs_at: list[tuple[int, int, str]],
                   agencies_at: list[tuple[int, int, str]], parents: dict[str, str | None],
                   indications_at: list[tuple[int, int, str]], release_date: str | None,
                   normalizer: DateNormalizer, anchor: dt.date | None) -> list[Event]:
    """Return the deduplicated events of a document."""
    main_drug = _main_drug(drugs_at)
    drugs_in, agencies_in, indications_in = _Spans(drugs_at), _Spans(agencies_at), _Spans(indications_at)
    candidates: list[Candidate] = []
    previous: str | None = None
    for s_start, s_end in _trigger_sentences(doc):
        clauses = []
        for c_start, c_end in split_clauses(doc.norm, s_start, s_end):
            cues = doc.cues(c_start, c_end)
            types = [] if TRIGGERS.isdisjoint(cues) else classify({k: len(v) for k, v in cues.items()})
            clauses.append(ClauseInfo(c_start, c_end, types, cues,
                                      agencies=agencies_in.inside(c_start, c_end)))
        if not any(c.types for c in clauses):
            continue
        spare_agencies = [a for c in clauses if not c.types for a in c.agencies]
        spare_dates: list[DateSpan] | None = None
        # Sentence-wide lookups are done once per sentence, not once per clause (a
        # sentence of thousands of clauses would be quadratic).
        sentence_drugs = drugs_in.inside(s_start, s_end) or ([main_drug] if main_drug else [])
        sentence_indications = indications_in.inside(s_start, s_end)
        evidence: Mention | None = None  # one copy of the sentence text, shared by its events
        phase = PHASE.search(doc.text, s_start, s_end)
        for clause in clauses:
            if not clause.types:
                continue
            clause.dates = _event_dates(doc, normalizer, anchor, clause.start, clause.end, previous)
            if not clause.dates and spare_dates is None:
                # Only a date that opens the sentence ("In October 2024, ...") is shared.
                spare_dates = [d for c in clauses if not c.types and c.end <= clause.start
                               for d in _event_dates(doc, normalizer, anchor, c.start, c.end, previous)]
            cue_pos = min(m.start for ms in clause.cues.values() for m in ms)
            dates = clause.dates or spare_dates or []
            drugs = drugs_in.inside(clause.start, clause.end) or sentence_drugs
            agencies = clause.agencies or spare_agencies
            indication = (indications_in.inside(clause.start, clause.end) or sentence_indications
                          or [None])[0]
            planned = "future" in clause.cues
            history = "history" in clause.cues
            target_at = min((m.start for m in clause.cues.get("target_date", [])), default=None)
            for etype in clause.types:
                if etype in REGULATORY and not drugs and not agencies:
                    continue
                event_dates, event_cue, event_planned = dates, cue_pos, planned
                if target_at is not None:
                    # "accepted the BLA with a PDUFA date of November 30": the acceptance is news,
                    # the approval is planned for the date after the target-date words.
                    is_target = etype == "approval"
                    event_planned = planned or is_target
                    event_cue = target_at if is_target else cue_pos
                    event_dates = [d for d in dates if (d.start > target_at) == is_target]
                if evidence is None:
                    evidence = Mention(s_start, s_end, doc.text[s_start:s_end])
                event = Event(
                    type=etype,
                    agency=most_specific(agencies, parents) if etype in REGULATORY else None,
                    drug=drugs[0] if drugs else None, indication=indication,
                    phase=phase.group(0) if phase else None, planned=event_planned,
                    evidence=evidence,
                )
                fallback = _date_event(event, event_dates, event_cue, release_date, history, doc.text)
                if event.date and not event_planned and not fallback:
                    previous = event.date
                candidates.append(Candidate(
                    event, etype == "approval" and "marketing" not in clause.cues, fallback))
    return merge_events(candidates, parents)


def _trigger_sentences(doc: Document) -> list[tuple[int, int]]:
    """The sentences holding a cue some event type needs: no other clause can report an event."""
    found = set()
    for m in doc.labelled("CUE") if doc.sentences else ():
        if m.entry.get("cue") in TRIGGERS:
            k = doc.sentence_of(m.start)
            start, end = doc.sentences[k]
            if start <= m.start and m.end <= end:
                found.add(k)
    return [doc.sentences[k] for k in sorted(found)]


def _event_dates(doc: Document, normalizer: DateNormalizer, anchor: dt.date | None, start: int,
                 end: int, previous: str | None) -> list[DateSpan]:
    """The dates in text[start:end] that can date an event: all but the dateline itself."""
    dates = find_dates(doc.norm, normalizer, anchor, start, end, previous, doc.date_windows)
    return [d for d in dates if (d.start, d.end) != doc.dateline]


def _date_event(event: Event, dates: list[DateSpan], cue_pos: int, release_date: str | None,
                history: bool, text: str) -> bool:
    """Set the date fields of an event; return True when the release date was used."""
    if dates:
        span = _nearest_date(dates, cue_pos)
        event.date, event.date_precision = span.value, span.precision
        event.date_text = text[span.start:span.end]
        event.date_source = "relative" if span.relative else "explicit"
        return False
    if release_date and not history and not event.planned:
        event.date, event.date_precision = release_date, iso_precision(release_date)
        event.date_source = "release"
    return True


def _main_drug(drugs_at: list[tuple[int, int, str]]) -> str | None:
    """The most mentioned drug (the first one on ties)."""
    counts = Counter(name for _, _, name in drugs_at)
    return counts.most_common(1)[0][0] if counts else None


class Events(Stage):
    """The events of a document, one per (type, agency, drug, date)."""

    def __init__(self, parents: dict[str | None, str | None]) -> None:
        self.parents = parents
        self.dates = DateNormalizer()

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Events:
        """Build from the AGENCY lexicon's parents (CUE patterns are matched in the document)."""
        return cls(agency_parents(entries))

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.events` from the drugs, agencies and indications found so far."""
        drugs_at = [(m.start, m.end, d.name) for d in record.drugs for m in d.mentions]
        agencies_at = [(m.start, m.end, a.name) for a in record.agencies for m in a.mentions]
        indications_at = [(m.start, m.end, i.name) for i in record.indications for m in i.mentions]
        record.events = extract_events(doc, drugs_at, agencies_at, self.parents, indications_at,
                                       record.release_date, self.dates, parse_anchor(record.release_date))
