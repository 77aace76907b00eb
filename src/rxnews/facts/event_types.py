"""The event types: one table, from which everything else about them is derived.

Each row says what a type is and how event typing treats it: whether it is a
regulatory act (it takes an agency, and negation cancels it), whether it needs
a drug or an agency in its sentence to stand, which cues can trigger it (a
sentence with none of the trigger cues of any type is never read for events),
and which cues make the diseases of a sentence relevant (indications). The cue
names are those of `patterns/events.jsonl`; `classify.classify` turns a
clause's cues into types. The record's schema enum is `EVENT_TYPES`.

To add a type: a row here, its cues in `patterns/events.jsonl`, a rule in
`classify` unless its own cue alone decides it (`by_own_cue`), and a test.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    """One event type and how event typing treats it."""

    name: str
    description: str
    triggers: frozenset[str]  # cues of which a clause must hold one to report the type
    regulatory: bool = False  # an agency's act: takes the clause's agency; negation cancels it
    by_own_cue: bool = False  # the cue named like the type decides it alone (designations)
    relevance: frozenset[str] = frozenset()  # cues that make a sentence's diseases indications
    halted: bool = False  # "not" / a clinical hold cancels it too, though no agency's act (trials)

    @property
    def negatable(self) -> bool:
        """Whether "not", "declined" or a hold in the clause cancels the event (regulatory acts,
        and trials started, dosed or enrolled)."""
        return self.regulatory or self.halted

    @property
    def needs_drug_or_agency(self) -> bool:
        """Whether the type stands only with a drug or an agency in its sentence (regulatory acts)."""
        return self.regulatory


def _type(name: str, description: str, triggers: set[str], relevance: AbstractSet[str] = frozenset(),
          **flags: bool) -> EventType:
    return EventType(name, description, frozenset(triggers), relevance=frozenset(relevance), **flags)


def _designation(name: str, description: str) -> EventType:
    return EventType(name, description, frozenset({name}), regulatory=True, by_own_cue=True,
                     relevance=frozenset({name}))


EVENT_TABLE: tuple[EventType, ...] = (
    _type("ind_submission", "IND / CTA / clinical trial application filed", {"submit"}, {"ind"},
          regulatory=True),
    _type("ind_acceptance", "IND / CTA accepted for review", {"accept"}, {"ind"}, regulatory=True),
    _type("ind_clearance", "IND cleared, clinical trial approved", {"approve", "clear", "permit"}, {"ind"},
          regulatory=True),
    _type("marketing_submission", "NDA / BLA / MAA filed", {"submit"}, {"marketing"}, regulatory=True),
    _type("marketing_acceptance", "NDA / BLA / MAA accepted for review", {"accept"}, {"marketing"},
          regulatory=True),
    _type("approval", "marketing approval (accelerated and conditional included)",
          {"approve", "clear", "permit", "grant", "target_date"}, {"approve", "marketing"}, regulatory=True),
    _designation("breakthrough_therapy", "Breakthrough Therapy Designation"),
    _designation("orphan_drug", "Orphan Drug Designation"),
    _designation("fast_track", "Fast Track Designation"),
    _designation("priority_review", "Priority Review"),
    _designation("prime", "EMA PRIME designation"),
    _designation("rare_pediatric_disease", "Rare Pediatric Disease Designation"),
    _type("first_patient_dosed", "first patient dosed or enrolled", {"first_patient"}, {"first_patient"},
          halted=True),
    _type("trial_start", "trial initiated (other than first dosing)", {"start"}, halted=True),
    _type("enrollment_complete", "enrollment completed", {"complete"}, halted=True),
    _type("data_readout", "results announced or presented",
          {"endpoint", "results", "readout", "presentation"}, {"endpoint"}),
    _type("partnership", "licensing, collaboration, option or acquisition deal", {"deal"}),
    _type("financing", "financing round, IPO or placement", {"financing"}),
)
EVENT_TYPES = tuple(t.name for t in EVENT_TABLE)
REGULATORY = frozenset(t.name for t in EVENT_TABLE if t.regulatory)
NEGATABLE = frozenset(t.name for t in EVENT_TABLE if t.negatable)
NEEDS_DRUG_OR_AGENCY = frozenset(t.name for t in EVENT_TABLE if t.needs_drug_or_agency)
DECIDED_BY_OWN_CUE = tuple(t.name for t in EVENT_TABLE if t.by_own_cue)
# The other cues typing reads: they say what a trigger is about or cancel it.
CONTEXT_CUES: dict[str, str] = {
    "ind": "an IND or clinical trial application", "trial_go": "a go-ahead for a trial",
    "ethics": "an ethics committee or its approval (of a trial, never a market)",
    "marketing": "an NDA / BLA / MAA or market approval", "trial": "a clinical trial",
    "dose": "dosing or enrolling", "enroll": "enrollment", "report": "reporting, presenting",
    "outcome": "what a drug showed in a trial ('demonstrated', 'was well tolerated')",
    "preclinical": "laboratory or animal studies (what a drug showed there is background)",
    "seek": "approval as a goal ('for approval')", "future": "a plan or expectation",
    "history": "a past event ('previously granted')", "negation": "not, declined, rejected",
    "opinion": "an advisory opinion or vote (precedes the approval)",
    "prv": "a priority review voucher (not a priority review)", "treat": "a treatment phrase",
    "anaphor": "'this designation': refers back to the last designation",
    "generic": "what a designation or pathway provides in general ('allows', 'is designed to')",
    "request": "a designation asked for, not granted ('requested')",
    "corporate": "a board's or shareholders' approval (not a regulator's)",
    "monitoring": "a trial's data monitoring committee: its go-ahead to continue is no approval",
    "finance": "financial results, revenue, earnings (results that are no trial's)",
    "profile": "a company described ('is a joint venture between'), not a deal made",
    "terminate": "a deal ended ('terminated the license agreement', 'the rights were returned')",
    "share_sale": "an agreement selling the company's own shares ('securities purchase agreement'): "
                  "a financing, not a deal",
    "material": "data or information sent to an agency, not an application ('the data package it submitted')",
    "feedback": "an agency's feedback or alignment on a plan ('positive feedback regarding the launch of "
                "a trial'): the plan is no event",
    "not_a_cue": "(a mask) words that hold another cue but report no event ('acceptance number')",
    "agency": "(not a pattern) the clause names a regulator",
}
# Every event type needs one of these cues: sentences without any are skipped.
TRIGGERS = frozenset(cue for t in EVENT_TABLE for cue in t.triggers)
# A disease named in a sentence with one of these cues (or with a drug) is an indication.
RELEVANCE_CUES = frozenset({"treat", "trial"} | {cue for t in EVENT_TABLE for cue in t.relevance})
CUE_NAMES = TRIGGERS | RELEVANCE_CUES | frozenset(CONTEXT_CUES)  # every cue of patterns/events.jsonl
