"""Events: typed milestones from the cue patterns of each clause, with agency, drug and date.

Cue patterns (`patterns/events.jsonl`) mark words such as "approved", "IND",
"Breakthrough Therapy Designation" or "first patient"; `classify` decides the
event types of a clause from the set of its cues. Dates, agencies and drugs are
taken from the same clause, then from the other clauses of the sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .agencies import most_specific
from .dates import DateNormalizer, DateSpan, find_dates, iso_precision
from .document import Document
from .record import Event, Mention
from .segment import split_clauses

DESIGNATIONS = ("breakthrough_therapy", "orphan_drug", "fast_track", "priority_review", "prime",
                "rare_pediatric_disease")
REGULATORY = {"ind_submission", "ind_acceptance", "ind_clearance", "marketing_submission",
              "marketing_acceptance", "approval", *DESIGNATIONS}
# Every event type needs one of these cues (`classify`): sentences without any are skipped.
TRIGGERS = frozenset({*DESIGNATIONS, "approve", "accept", "submit", "grant", "first_patient", "start",
                      "complete", "endpoint", "results", "readout", "deal", "financing", "target_date"})
PHASE = re.compile(r"P(?<=\bP)hase\s*(?:[0-4]|I{1,3}V?|IV)[abAB]?(?:\s*/\s*(?:[0-4]|I{1,3}V?)[abAB]?)?\b",
                   re.I)


def classify(cues: dict[str, int] | set[str]) -> list[str]:
    """Return the event types that a clause with these cues reports.

    `cues` maps cue names to how often they occur (a set counts each once).
    """
    count = cues if isinstance(cues, dict) else dict.fromkeys(cues, 1)
    types = [t for t in DESIGNATIONS if t in count]
    if "prv" in count:  # a priority review voucher is not a priority review
        types = [t for t in types if t != "priority_review"]
    # "approval" inside "for approval" / "seeking approval" is a goal, not news.
    approve = count.get("approve", 0) > count.get("seek", 0)
    accept, submit, grant = "accept" in count, "submit" in count, "grant" in count
    if "ind" in count or ("trial_go" in count and approve):
        if accept:
            types.append("ind_acceptance")
        elif approve:
            types.append("ind_clearance")
        elif submit:
            types.append("ind_submission")
    elif "marketing" in count:
        if accept:
            types.append("marketing_acceptance")
        elif approve or (grant and not submit):
            types.append("approval")
        elif submit:
            types.append("marketing_submission")
    elif approve and not types:
        types.append("approval")
    if "first_patient" in count and "dose" in count:
        types.append("first_patient_dosed")
    elif "start" in count and "trial" in count and not types:
        types.append("trial_start")
    if "complete" in count and "enroll" in count:
        types.append("enrollment_complete")
    if "endpoint" in count or ("results" in count and "report" in count and not types):
        types.append("data_readout")
    elif "readout" in count and "future" in count and not types:  # "expects topline data in 2H 2025"
        types.append("data_readout")
    if "deal" in count:
        types.append("partnership")
    if "financing" in count:
        types.append("financing")
    if "opinion" in count:  # a positive opinion or advisory vote precedes the approval
        types = [t for t in types if t != "approval"]
    if "negation" in count:
        types = [t for t in types if t not in REGULATORY]
    if "target_date" in count and "approval" not in types:
        types.append("approval")  # a PDUFA / target action date: a planned approval
    return types


@dataclass
class Candidate:
    """An event before merging, with what decided it."""

    event: Event
    ambiguous_approval: bool = False
    fallback_date: bool = False


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
    for cand in ordered:
        event = cand.event
        bucket = buckets.setdefault((event.type, event.drug, event.planned), [])
        for kept in bucket:
            if not _compatible(kept.agency, event.agency, parents):
                continue
            if kept.date == event.date or cand.fallback_date:
                kept.agency = most_specific([a for a in (kept.agency, event.agency) if a], parents)
                break
        else:
            merged.append(event)
            bucket.append(event)
    found_at = {id(c.event): i for i, c in enumerate(candidates)}
    merged.sort(key=lambda e: (e.evidence.start if e.evidence else 0, found_at[id(e)]))
    return merged
