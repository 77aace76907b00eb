"""Events: a frame per trigger, with the drugs, agency, dates and indication it attaches.

`classify` decides the event types of a clause from the set of its cues; each
typed clause opens frames (`frames`): one per drug of a coordinated list ("the
INDs for A and B"), one per date of a date list ("in July 2022, January 2023 and
March 2024"). A frame takes the drugs, dates and agencies of its clause, then of
its sentence; an agency named only in the previous sentence or the title; a drug
named earlier on its line (a pipeline bullet). A sentence ending in ":" is
continued by the list items after it, each bringing its own date and indication,
and "this designation" refers back to the last designation. `event_merge` keeps
one event per (type, agency, drug, date).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from itertools import product, takewhile

from ..document import Document
from ..matching.matcher import Match
from ..matching.patterns import PatternEntry
from ..matching.sentences import split_clauses
from ..matching.spans import NamedSpans, Span
from ..record import Event, Mention, Record
from .agencies import agency_parents, most_specific
from .classify import classify
from .date_values import DateNormalizer, DateSpan, parse_anchor
from .dateline import date_lines
from .dates import find_dates
from .event_dates import LEAD_SENTENCES, date_event, highlight_sentences, news_sentences
from .event_merge import Candidate, merge_events
from .event_sentences import LIST_ITEM, MAX_ITEMS, Clause, Lead, ends_with_colon, is_item, trigger_sentences
from .event_types import DECIDED_BY_OWN_CUE, NEEDS_DRUG_OR_AGENCY, REGULATORY, TRIGGERS
from .frames import (
    JURISDICTION,
    approves_a_trial,
    asides,
    colon_list_run,
    coordinated_runs,
    inside_any,
    list_colon,
    outside_asides,
    partners,
    scoped_modifiers,
)
from .stage import Stage

# The decision each earlier step of an application comes before ("The sNDA was granted Priority
# Review and accepted", in a release announcing the approval).
_DECISION_AFTER = {"marketing_submission": "approval", "marketing_acceptance": "approval",
                   "priority_review": "approval", "ind_submission": "ind_clearance",
                   "ind_acceptance": "ind_clearance"}


def _undate_steps_before(candidates: list[Candidate], release_date: str | None) -> None:
    """A release that reports a decision as its news (of the release's date) tells the earlier
    steps of the same application as past: undated, they are not of the release's date."""
    decided = {(c.event.type, c.event.drug) for c in candidates
               if release_date and c.event.date == release_date and not c.event.planned}
    for c in candidates:
        event = c.event
        if (c.fallback_date and event.date and not event.planned
                and (_DECISION_AFTER.get(event.type), event.drug) in decided):
            event.date = event.date_precision = event.date_source = None


def _purpose_only(text: str, cues: dict[str, list[Match]], triggers: list[Match]) -> bool:
    """Whether a clause's only future words are a purpose after its act, told as done ("has
    submitted an application for AB-101 to be registered in Australia"): no plan."""
    done = [t.end for t in triggers if text[t.start:t.end].lower().endswith("ed")]
    return bool(done) and all(text[f.start:f.end].lower() == "to be" and f.start > min(done)
                              for f in cues["future"])


# The terms of a deal: what "will" be paid under it tells of a deal made, not planned.
DEAL_TERMS = re.compile(r"\bunder\s+the\s+(?:terms\s+of\s+the\s+)?(?:agreements?|deals?|license|licence|"
                        r"collaboration)|\bup-?front\s+(?:payment|fee|cash)", re.I)
# A deal's own date: after the words that make it ("signed with Jazz in 2019", "dated June 2, 2007").
_SIGNED_ON = re.compile(r"\b(?:signed|entered\s+into|concluded|executed|dated)\b[^.;]{0,50}$", re.I)
# A state's date, not an act's: "liquid funds as of March 31, 2019", "as at 30 June".
_AS_OF = re.compile(r"\bas\s+(?:of|at)\s+$", re.I)
_AS_OF_START = re.compile(r"as\s+(?:of|at)\s", re.I)  # (a date's span may hold the words)
_EFFECTIVE = re.compile(r"\beffective\b", re.I)
# A date told as the filing's ("submitted on June 29, 2015") in a clause reporting a later step.
_FILED_ON = re.compile(r"\b(?:submitted|filed|resubmitted)\s+(?:on\s+|in\s+)?$", re.I)
_FILING_OF = {"marketing_acceptance": "marketing_submission", "priority_review": "marketing_submission",
              "approval": "marketing_submission", "ind_acceptance": "ind_submission",
              "ind_clearance": "ind_submission"}
_FILINGS = frozenset(_FILING_OF.values())
_AS_THE = re.compile(r"\s+as\s+(?:the|its|a)\s+(?:[\w-]+\s+){0,3}", re.I)  # "DATE as the review [goal date]"
# "since" and the words of another act, up to that act's date: "Since its listing in 2000, ...",
# "marketed since its launch in December 2010" (not "approved since March 2021": the state's start).
_SINCE = re.compile(r"\bsince\s+[^\d,;:.]*[A-Za-z][^\d,;:.]*$", re.I)
_GOES_ON = re.compile(r"\W*(?:(?:and|or)\s+)?(?:from|by)\s", re.I)  # "and from Health Canada in ..."
# What may come before a date that opens a sentence, and after it.
_OPENER = re.compile(r"[\W_]*(?:(?:in|during|throughout|over|for)\s+)?(?:the\s+)?", re.I)
_COMMA = re.compile(r"\s*,")
_AFTER_AND = re.compile(r",\s+(?:and|or)\s+$")  # a clause split off a list at its last item
PHASE = re.compile(r"P(?<=\bP)hase\s*(?:[0-4]|I{1,3}V?|IV)[abAB]?(?:\s*/\s*(?:[0-4]|I{1,3}V?)[abAB]?)?\b",
                   re.I)
_TODAY = re.compile(r"\btoday\b|\bthis\s+(?:morning|week)\b|\brecently\b", re.I)  # news wherever it is told
# What stands between a designation and the agency that granted it: "... designation from the US ".
_FROM_AGENCY = re.compile(r"\s+(?:\w+\s+){0,2}?(?:from|by)\s+(?:the\s+)?(?:U\.?S\.?\s+|European\s+)?")
DIGEST_LINES = 2  # date lines that make a text a digest of dated items
_NO_DRUG = frozenset({"financing"})  # types that name no drug: a raise is the company's, whatever it funds
_NO_FALLBACK = frozenset({"financing", "partnership"})  # types not given the release's main drug


class EventFinder:
    """The events of one document, built sentence by sentence."""

    def __init__(self, doc: Document, record: Record, parents: dict, normalizer: DateNormalizer) -> None:
        self.doc, self.text, self.parents, self.normalizer = doc, doc.norm, parents, normalizer
        self.release_date = record.release_date
        self.anchor = parse_anchor(record.release_date)
        self.drugs = NamedSpans.of(record.drugs)
        self.agencies = NamedSpans.of(record.agencies)
        self.indications = NamedSpans.of(record.indications)
        title = doc.sentences[0] if doc.sentences else (0, 0)
        self.title_agencies = self._names(self.agencies.inside(*title))
        self.news = news_sentences(doc)
        self.qualifiers = doc.labelled("QUALIFIER")  # in text order
        self.qualifier_starts = [m.start for m in self.qualifiers]
        self.newlines: list[int] | None = None  # where the text's newlines are, once asked
        self.candidates: list[Candidate] = []
        self.dealt = False  # a deal made (not planned) is among the candidates
        self.previous_date: str | None = None  # of the last dated news event ("in the same month")
        self.last_designation: tuple[str, str | None] | None = None  # its type and agency

    @functools.cached_property
    def main_drug(self) -> str | None:
        """The release's main drug: the one named most, not counting its partners' mentions ("X in
        combination with Merck's Keytruda"). Found when first asked for: most texts never need it."""
        spans = self.drugs.spans
        named = Counter(name for _, _, name in spans)
        if len(named) < 2:
            return next(iter(named), None)
        partner = partners(self.text, spans, 0)  # over all mentions: lists join partners
        counts = Counter(name for i, (_, _, name) in enumerate(spans) if i not in partner)
        return (counts or named).most_common(1)[0][0]

    @functools.cached_property
    def highlights(self) -> set[int]:
        """The sentences of highlights sections: news wherever they are (found when first asked for)."""
        return highlight_sentences(self.doc)

    def run(self) -> list[Event]:
        sentences = self.doc.sentences
        triggered = trigger_sentences(self.doc)
        done: set[int] = set()
        for k in sorted(triggered):
            if k in done:
                continue
            _, lead = self._sentence(k, *sentences[k])
            j = k + 1
            while (lead is not None and j < len(sentences) and j - k <= MAX_ITEMS
                   and is_item(self.text, sentences, k, j)):
                # An item with a typed clause of its own is read as a sentence.
                if j not in triggered or not self._sentence(j, *sentences[j])[0]:
                    self._list_item(lead, *sentences[j])
                done.add(j)
                j += 1
        _undate_steps_before(self.candidates, self.release_date)
        return merge_events(self.candidates, self.parents)

    def _sentence(self, k: int, start: int, end: int) -> tuple[bool, Lead | None]:
        """Add the events of one sentence; return whether it had a typed clause, and the frame
        the list items after it continue (it ends with ":"), if any."""
        clauses = []
        for c_start, c_end in split_clauses(self.text, start, end):
            aside_spans = asides(self.text, c_start, c_end)
            cues = scoped_modifiers(self.text, outside_asides(aside_spans, self.doc.cues(c_start, c_end)))
            agencies = self.agencies.inside(c_start, c_end)
            counts = {n: len(v) for n, v in cues.items()} | ({"agency": len(agencies)} if agencies else {})
            if "trial" in cues and ("approve" in cues or "clear" in cues) and approves_a_trial(
                    self.text, cues):
                counts["trial_go"] = counts.get("trial_go", 0) + 1
            types = [] if TRIGGERS.isdisjoint(cues) else classify(counts)
            referred = None
            if not types and "anaphor" in cues and self.last_designation and (
                    "grant" in cues or "history" in cues):
                # "has previously received this designation for:" the last designation again
                types, referred = [self.last_designation[0]], self.last_designation[1]
            clauses.append(Clause(c_start, c_end, types, cues, agencies, referred, aside_spans))
        if not any(c.types for c in clauses):
            return False, None
        lead = None
        spare_agencies = [a for c in clauses if not c.types for a in c.agencies]
        evidence = Mention(start, end, self.doc.text[start:end])
        phase = PHASE.search(self.doc.text, start, end)
        for n, clause in enumerate(clauses):
            if not clause.types:
                continue
            frame = self._frames(clause, clauses, k, start, end, spare_agencies, evidence, phase)
            rest = clauses[n + 1:]
            if self._opens_dated_list(clause):  # "for: A (April 2023), B (May 2024), and C (2025)"
                for item in takewhile(lambda c: not c.types, rest):
                    self._list_item(frame, item.start, item.end)
            elif self.text[clause.end:clause.end + 2].lstrip().startswith(":") or \
                    ends_with_colon(self.text, clause.end):
                for item in rest:  # "received it for: A in 2022; B in 2023"
                    if not item.types:
                        self._list_item(frame, item.start, item.end)
                lead = frame if ends_with_colon(self.text, end) else None
                break
        return True, lead

    def _opens_period(self, date: DateSpan, s_start: int, cue_pos: int) -> bool:
        """Whether a date is another act's that opens a period ("Since its listing in 2000, it has
        signed ...", "marketed since its launch in December 2010"), not the act at `cue_pos` ("Since its
        approval in 2019" dates the approval; "approved since March 2021" and "since 2015" too)."""
        since = _SINCE.search(self.text, max(s_start, date.start - 80), date.start)
        return since is not None and not since.start() <= cue_pos < date.start

    def _frames(self, clause: Clause, clauses: list[Clause], k: int, s_start: int, s_end: int,
                spare_agencies: list[Span], evidence: Mention, phase: re.Match | None) -> Lead:
        """Add the events of one typed clause; return what a list after it inherits."""
        text, cues = self.text, clause.cues
        triggers = [m for name in cues if name in TRIGGERS for m in cues[name]]
        cue_pos = min((m.start for m in triggers), default=None)
        if cue_pos is None:
            cue_pos = min(m.start for ms in cues.values() for m in ms)
        cue_end = max((m.end for m in triggers), default=cue_pos)
        # An aside that holds a trigger is where the event is told ("Zorstat, a drug that won FDA
        # approval in 2022,"), not an aside to it.
        held = [cue_pos, *(m.start for m in triggers)]
        aside_spans = [a for a in clause.asides if not any(a[0] <= at < a[1] for at in held)]
        dates = self._dates(clause.start, clause.end)
        # (Not another act's date that opens a period: "Since its listing in 2000, it has signed ...")
        own_dates = [d for d in dates if not inside_any(d.start, d.end, aside_spans)
                     and not self._opens_period(d, s_start, cue_pos)]
        if not own_dates:  # a date that opens the sentence ("In October 2024, ...") is shared
            own_dates = [d for c in clauses if not c.types and c.end <= clause.start
                         for d in self._dates(c.start, c.end) if not self._opens_period(d, s_start, cue_pos)
                         ] or self._opening_date(clauses, clause, s_start)
        drugs = self._own_drugs(clause.start, clause.end) or self._own_drugs(s_start, s_end)
        if drugs and drugs[0][0] >= clause.start and _AFTER_AND.search(text, max(0, clause.start - 8),
                                                                        clause.start):
            drugs = self._joined_list(drugs, s_start, clause.start)
        own_agencies = [a for a in clause.agencies if not inside_any(a[0], a[1], aside_spans)]
        agency_names = self._names(own_agencies or clause.agencies or spare_agencies)
        history, planned = "history" in cues, "future" in cues and not _purpose_only(text, cues, triggers)
        if not agency_names and clause.referred_agency:
            agency_names = [clause.referred_agency]
        elif not agency_names and not history and not planned and not JURISDICTION.search(
                text, clause.start, clause.end):
            agency_names = self._nearby_agencies(k)
        agency = most_specific(agency_names, self.parents)
        # "from the EMA and the FDA": one event per agency of a coordinated list (in a clause of one
        # type: "A from the EMA and FDA, and B from the EMA" pairs its lists otherwise).
        coordinated = self._coordinated_agencies(own_agencies) if len(clause.types) == 1 else []
        acting: list[str | None] = [*coordinated] if coordinated else [agency]
        agency_dates = (self._agency_dates(clause, clauses, aside_spans, dates) if len(clause.types) == 1
                        else [])
        indications = (self.indications.inside(clause.start, clause.end)
                       or self.indications.inside(s_start, s_end))
        indication = indications[0][2] if indications else None
        # Only a clause without a drug of its own takes one from around it.
        fallback = None if drugs else self._topic_drug(s_start, main=not any(t in _NO_FALLBACK
                                                                             for t in clause.types))
        lo = min([clause.start] + [d[0] for d in drugs])  # a list may begin before the clause
        neutral = [(a, b) for a, b, _ in self.indications.inside(lo, clause.end)]
        neutral += [(m.start, m.end) for m in self._qualifiers(lo, clause.end)]
        # The frames: one per date of a date list, else one per drug of a drug list.
        dated = [(d.start, d.end, d) for d in own_dates]
        date_runs = [r for r in coordinated_runs(text, dated) if len(r) > 1]
        if not date_runs:  # "received it for: A (in April 2024), B (May 2025)"
            listed = colon_list_run(text, clause.start, clause.end, dated)
            date_runs = [listed] if listed else []
        drug_runs = [r for r in coordinated_runs(text, drugs, neutral) if len({n for _, _, n in r}) > 1]
        if date_runs:
            run = min(date_runs, key=lambda r: abs(r[0][0] - cue_pos))
            pairs: list[tuple[str | None, list[DateSpan]]] = []
            previous_end = min(cue_end, run[0][0])
            for d_start, d_end, date in run:
                named = self.drugs.last_before(previous_end, d_start)
                pairs.append((named[2] if named else None, [date]))
                previous_end = d_end
            first = next((n for n, _ in pairs if n), None) or (drugs[0][2] if drugs else fallback)
            pairs = [(n or first, ds) for n, ds in pairs]
        elif drug_runs:
            drug_run = min(drug_runs, key=lambda r: abs(r[0][0] - cue_pos))
            pairs = [(name, own_dates) for name in dict.fromkeys(n for _, _, n in drug_run)]
        else:
            pairs = [(drugs[0][2] if drugs else fallback, own_dates)]
        target_at = min((m.start for m in cues.get("target_date", [])), default=None)
        if target_at is not None:  # "has set February 27, 2016 as the review goal date": the date first
            named_first = [d for d in own_dates
                           if d.end <= target_at and _AS_THE.fullmatch(text, d.end, target_at)]
            if named_first:
                target_at = named_first[-1].start - 1
        ambiguous = "marketing" not in cues
        for etype in clause.types:
            if etype in NEEDS_DRUG_OR_AGENCY and not drugs and not fallback and not agency_names:
                continue
            if etype in DECIDED_BY_OWN_CUE:
                self.last_designation = (etype, agency)
            by_type = acting
            if len(clause.types) > 1 and etype in DECIDED_BY_OWN_CUE and etype in cues:
                # "Fast Track designation from the US FDA, orphan designation from the EMA": each
                # designation by the agency named right after it
                by_cue = self._agency_after(cues[etype], own_agencies)
                by_type = [by_cue] if by_cue else acting
            combos: list[tuple[str | None, list[DateSpan], str | None]]
            signed = [d for d in own_dates if _SIGNED_ON.search(text, max(0, d.start - 60), d.start)
                      ] if etype == "partnership" else []
            if agency_dates and etype in REGULATORY:  # "from the FDA in 2021 and from the TGA in 2022"
                combos = [(drug, [date], by) for drug in dict.fromkeys(n for n, _ in pairs)
                          for by, date in agency_dates]
            elif signed:  # "revenues, in 2020 and in 2021, from the licence agreement signed with X in 2019"
                combos = [(drug, signed[:1], None) for drug in dict.fromkeys(n for n, _ in pairs)]
            else:
                combos = [(drug, frame_dates, by) for (drug, frame_dates), by
                          in product(pairs, by_type if etype in REGULATORY else [None])]
            for drug, frame_dates, by in combos:
                event_dates, event_cue, event_planned = frame_dates, cue_pos, planned
                terms = etype == "partnership" and DEAL_TERMS.search(text, clause.start, clause.end)
                if planned and terms:
                    event_planned = False  # "Under the agreement, Acme will receive an upfront payment"
                if terms and not event_dates and self.dealt:
                    continue  # "Under the agreements, CJ agrees to pay ...": the terms of a deal told before
                if target_at is not None:
                    # "accepted the BLA with a PDUFA date of November 30": the acceptance is news,
                    # the approval is planned for the date after the target-date words.
                    is_target = etype == "approval"
                    event_planned = planned or is_target
                    event_cue = target_at if is_target else cue_pos
                    event_dates = [d for d in frame_dates if (d.start > target_at) == is_target]
                filed = [d for d in event_dates if _FILED_ON.search(text, max(0, d.start - 24), d.start)
                         ] if etype in _FILING_OF or etype in _FILINGS else []
                if filed and etype in _FILINGS:  # the filing itself: the date told as its own
                    event_dates, filed = filed, []
                if filed:  # "the BLA submitted on June 29, 2015 has been accepted": the filing's date
                    event_dates = [d for d in event_dates if d not in filed]
                    filing = Event(type=_FILING_OF[etype], agency=by, drug=drug, indication=indication,
                                   phase=phase.group(0) if phase else None, evidence=evidence)
                    self._add(filing, filed, filed[0].start, history, False)
                event = Event(type=etype, agency=by,
                              drug=None if etype in _NO_DRUG else drug,
                              indication=indication, phase=phase.group(0) if phase else None,
                              planned=event_planned, evidence=evidence)
                self._add(event, event_dates, event_cue, history, etype == "approval" and ambiguous,
                          series=bool(date_runs or agency_dates))
        primary = pairs[0][0]
        return Lead(clause.types, primary, agency, history, planned, ambiguous)

    def _opening_date(self, clauses: list[Clause], clause: Clause, s_start: int) -> list[DateSpan]:
        """The date that opens the sentence even where its clause tells an act of its own ("During
        the first quarter of 2022, the first patient was dosed with A, and the FDA granted B orphan
        drug designation"), for a later clause; else none."""
        if clauses[0] is clause:
            return []
        return [d for d in self._dates(clauses[0].start, clauses[0].end)[:1]
                if _OPENER.fullmatch(self.text, s_start, d.start) and _COMMA.match(self.text, d.end)]

    def _agency_dates(self, clause: Clause, clauses: list[Clause], aside_spans: list[tuple[int, int]],
                      clause_dates: list[DateSpan]) -> list[tuple[str, DateSpan]]:
        """Each agency with its own date, when a clause names them in turn ("approval from the FDA in
        December 2021, from the TGA in November 2021, and from Health Canada in October 2022"; "by
        the EMA in 2019 and by the FDA in 2020"), the untyped clauses that go on with "from" or "by"
        an agency included; else none. Agencies (each named once) and dates must alternate, one date
        to each. The caller pairs them only in a clause of one type: "orphan designation from the FDA
        in 2020 and PRIME from the EMA in 2021" would give each type both agencies."""
        end = clause.end
        for later in clauses[clauses.index(clause) + 1:]:
            if later.types or not later.agencies or not _GOES_ON.match(self.text, later.start):
                break
            end = later.end
        agencies = [a for a in self.agencies.inside(clause.start, end)
                    if not inside_any(a[0], a[1], aside_spans)]
        if len(agencies) < 2:
            return []
        found = clause_dates + (self._dates(clause.end, end) if end > clause.end else [])
        dates = [d for d in found if not inside_any(d.start, d.end, aside_spans)]
        if len(dates) != len(agencies) or len({name for _, _, name in agencies}) < len(agencies):
            return []
        order = sorted([(a[0], "agency", a[2]) for a in agencies] + [(d.start, "date", d) for d in dates],
                       key=lambda item: item[0])
        kinds = [kind for _, kind, _ in order]
        if any(kinds[i] == kinds[i + 1] for i in range(len(kinds) - 1)):
            return []
        pairs = zip(order[0::2], order[1::2], strict=True)
        return [(one[2], two[2]) if one[1] == "agency" else (two[2], one[2])  # type: ignore[misc]
                for one, two in pairs]

    def _opens_dated_list(self, clause: Clause) -> bool:
        """Whether a clause has a colon that opens a list, with a date after it: the clauses after
        it are that list's items ("... for: A (in April 2023), B (May 2024), and C (June 2025)")."""
        colon = list_colon(self.text, clause.start, clause.end)
        return colon >= 0 and bool(self._dates(colon, clause.end))

    def _agency_after(self, cue_matches: list[Match], spans: list[Span]) -> str | None:
        """The agency named right after a cue ("orphan designation from the European Medicines
        Agency"), if any."""
        for m in cue_matches:
            for start, _, name in spans:
                if start >= m.end and _FROM_AGENCY.fullmatch(self.text, m.end, start):
                    return name
        return None

    def _coordinated_agencies(self, spans: list[Span]) -> list[str]:
        """The agencies of a clause's list of two or more ("the EMA and the FDA"), none a part of
        another; else none."""
        names = [n for run in coordinated_runs(self.text, spans) if len(run) > 1
                 for n in dict.fromkeys(name for _, _, name in run)]
        return names if len(names) > 1 and not any(self.parents.get(n) in names for n in names) else []

    def _joined_list(self, drugs: list[Span], s_start: int, clause_start: int) -> list[Span]:
        """The clause's drugs with those of a list that began before its ", and" ("drugs for
        RA (A tablets), PD (B tablets), and AMD (C injection) were approved")."""
        before = [d for d in self._own_drugs(s_start, clause_start) if d[1] <= clause_start]
        if not before:
            return drugs
        neutral = [(a, b) for a, b, _ in self.indications.inside(s_start, drugs[0][1])]
        runs = coordinated_runs(self.text, before + drugs[:1], neutral)
        joined = [d for d in runs[-1] if d[1] <= clause_start]
        return joined + drugs if len(runs[-1]) > 1 else drugs

    def _list_item(self, lead: Lead, start: int, end: int) -> None:
        """Add the events of a list item that continues `lead`: its own date, drug and indication."""
        dates = self._dates(start, end)
        if not dates:
            return
        drugs = self._own_drugs(start, end)
        indications = self.indications.inside(start, end)
        indication = indications[0][2] if indications else None
        evidence = Mention(start, end, self.doc.text[start:end])
        item_start = LIST_ITEM.match(self.text, start).end()
        for etype in lead.types:
            for date in dates:
                event = Event(type=etype, agency=lead.agency if etype in REGULATORY else None,
                              drug=drugs[0][2] if drugs else lead.drug, indication=indication,
                              planned=lead.planned, evidence=evidence)
                self._add(event, [date], item_start, lead.history, etype == "approval" and lead.ambiguous,
                          series=True)

    def _add(self, event: Event, dates: list[DateSpan], cue: int, history: bool, ambiguous: bool,
             series: bool = False) -> None:
        k = self.doc.sentence_of(cue)
        told_as_past = history  # by its own words ("previously", "had received"), not its place
        history = history or (k >= self.news and k not in self.highlights
                                 and not _TODAY.search(self.text, *self.doc.sentences[k]))
        release_date = self.release_date
        if history and not told_as_past and not dates and not event.planned:
            # A digest's item under a date line of its own ("December 23, 2022" over "The MHLW approved
            # Libtayo"): news of that day, not a past act.
            section = self._section_date(cue)
            if section is not None:
                release_date, history = section, False
        fallback = date_event(event, dates, cue, history, self.doc.text, release_date)
        if event.date and not event.planned and not fallback:
            self.previous_date = event.date
        self.candidates.append(Candidate(event, ambiguous, fallback, series, told_as_past))
        self.dealt = self.dealt or (event.type == "partnership" and not event.planned)

    @functools.cached_property
    def section_dates(self) -> tuple[list[int], list[str]]:
        """The lines that hold a full date alone ("December 23, 2022", "20 November, 2023") and their
        ISO dates, when the text has `DIGEST_LINES` or more: a digest of dated items. Else none (a
        balance sheet's column dates are no such lines)."""
        found = date_lines(self.text)
        if len(found) < DIGEST_LINES:
            return [], []
        return [start for start, _ in found], [value for _, value in found]

    def _section_date(self, at: int) -> str | None:
        """The date of the digest item `at` is in: the last date line before it, if `at` is in that
        item's lead (the sentences right after the line, as a release's lead follows its dateline;
        an "About" section further down is no item's news)."""
        starts, values = self.section_dates
        k = bisect.bisect_right(starts, at) - 1
        if k < 0 or self.doc.sentence_of(at) - self.doc.sentence_of(starts[k]) > LEAD_SENTENCES + 1:
            return None
        return values[k]

    def _dates(self, start: int, end: int) -> list[DateSpan]:
        """The dates in text[start:end] that can date an event: all but the dateline itself and the
        page's publication stamps."""
        found = find_dates(self.text, self.normalizer, self.anchor, start, end, self.previous_date,
                           self.doc.date_windows)
        stamps = self.doc.stamps
        return [d for d in found if (d.start, d.end) != self.doc.dateline
                and not (stamps and any(a <= d.start < b or d.start <= a < d.end for a, b in stamps))
                and not self._state_date(d)]

    def _state_date(self, d: DateSpan) -> bool:
        """Whether a date is a state's ("cash as of March 31, 2019"), not an act's; an agreement
        "effective as of January 2004" is dated by it."""
        if not (_AS_OF_START.match(d.text) or _AS_OF.search(self.text, max(0, d.start - 10), d.start)):
            return False
        return not _EFFECTIVE.search(self.text, max(0, d.start - 24), d.start)

    def _own_drugs(self, start: int, end: int) -> list[Span]:
        """The drugs of text[start:end], without partners and comparators ("with X", "versus Y")."""
        spans = self.drugs.inside(start, end)
        partner = partners(self.text, spans, start)
        return [s for i, s in enumerate(spans) if i not in partner] or spans

    def _topic_drug(self, start: int, main: bool = True) -> str | None:
        """A drug named earlier on the line of `start` (a pipeline bullet), else the last one of the
        sentence before ("X received an acceptance notice. This meant that the product's MAA had been
        accepted."), else the main drug."""
        named = self.drugs.last_before(self._line_start(start), start)
        if named is None and main:
            k = self.doc.sentence_of(start)
            if k > 0:
                named = self.drugs.last_before(self.doc.sentences[k - 1][0], self.doc.sentences[k - 1][1])
        return named[2] if named else (self.main_drug if main else None)

    def _line_start(self, offset: int) -> int:
        """`text.rfind("\\n", 0, offset) + 1`: searched back over a short reach, else bisected among
        the newlines (a search back would scan a whole one-line release for each of its clauses)."""
        near = self.text.rfind("\n", max(0, offset - 512), offset)
        if near >= 0 or offset <= 512:
            return near + 1
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        k = bisect.bisect_left(self.newlines, offset)
        return self.newlines[k - 1] + 1 if k else 0

    def _nearby_agencies(self, k: int) -> list[str]:
        """The one agency the previous sentence, else the title, names; none if they name several."""
        for names in (self._names(self.agencies.inside(*self.doc.sentences[k - 1])) if k else [],
                      self.title_agencies):
            merged = {most_specific([n], self.parents) for n in names}
            if len(set(names)) == 1 or (names and len(merged) == 1):
                return names
            if names:
                return []
        return []

    def _qualifiers(self, start: int, end: int) -> list:
        """The QUALIFIER matches that start in [start, end) (bisected, not all scanned)."""
        return self.qualifiers[bisect.bisect_left(self.qualifier_starts, start):
                               bisect.bisect_left(self.qualifier_starts, end)]

    def _names(self, spans: list[Span]) -> list[str]:
        return list(dict.fromkeys(name for _, _, name in spans))


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
        record.events = EventFinder(doc, record, self.parents, self.dates).run()

