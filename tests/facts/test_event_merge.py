"""`merge_events`: the same merges as comparing every pair, with work linear in the candidates."""

from __future__ import annotations

import copy
import dataclasses

from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts import event_merge
from rxnews.facts.agencies import most_specific
from rxnews.facts.event_merge import Candidate, merge_events
from rxnews.record import Event, Mention

PARENTS = {"FDA": None, "CBER": "FDA", "NMPA": None, "CDE": "NMPA", "EMA": None}


def merge_by_pairs(candidates: list[Candidate], parents: dict) -> list[Event]:
    """The merge written pairwise: each approval against all clearances, each event against all
    kept events of its bucket (quadratic; the reference the indexed one must equal)."""
    compatible = event_merge._compatible
    clearances = [(c.event.drug, c.event.agency) for c in candidates
                  if c.event.type == "ind_clearance" and not c.event.planned]
    for cand in candidates:
        if cand.ambiguous_approval and not cand.event.planned and any(
                drug == cand.event.drug and compatible(agency, cand.event.agency, parents)
                for drug, agency in clearances):
            cand.event.type = "ind_clearance"
    ordered = [c for c in candidates if not c.fallback_date] + [c for c in candidates if c.fallback_date]
    merged: list[Event] = []
    buckets: dict = {}
    series = {id(c.event) for c in candidates if c.series}
    history = {id(c.event) for c in candidates if c.history}
    for cand in ordered:
        event = cand.event
        bucket = buckets.setdefault((event.type, event.drug, event.planned), [])
        for kept in bucket:
            if not compatible(kept.agency, event.agency, parents):
                continue
            if kept.date == event.date or cand.fallback_date and id(kept) not in series and not (
                    (event_merge._long_before(kept.date, event.date) or id(kept) in history)
                    and event.evidence.start < kept.evidence.start):
                kept.agency = most_specific([a for a in (kept.agency, event.agency) if a], parents)
                break
        else:
            merged.append(event)
            bucket.append(event)
    merged = [e for e in merged if e.drug is not None or e.type == "financing" or not any(
        k.drug is not None and (k.type, k.date, k.planned) == (e.type, e.date, e.planned)
        and compatible(k.agency, e.agency, parents) for k in merged)]
    found_at = {id(c.event): i for i, c in enumerate(candidates)}
    merged.sort(key=lambda e: (e.evidence.start if e.evidence else 0, found_at[id(e)]))
    return merged


CANDIDATES = st.lists(st.builds(
    lambda etype, agency, drug, date, planned, at, ambiguous, fallback, series, history: Candidate(
        Event(type=etype, agency=agency, drug=drug, date=date, planned=planned,
              evidence=Mention(at, at + 1, "x")), ambiguous, fallback, series, history),
    st.sampled_from(["approval", "ind_clearance", "orphan_drug"]),
    st.sampled_from([None, *PARENTS]), st.sampled_from([None, "A-1", "B-2"]),
    st.sampled_from([None, "2024-01-02", "2024-03", "2023", "2022-06"]), st.booleans(), st.integers(0, 5),
    st.booleans(), st.booleans(), st.booleans(), st.booleans()), max_size=25)


@SETTINGS
@given(candidates=CANDIDATES)
def test_event_merge_equals_comparing_every_pair(candidates):
    twin = copy.deepcopy(candidates)
    merged, expected = merge_events(candidates, PARENTS), merge_by_pairs(twin, PARENTS)
    assert [dataclasses.asdict(e) for e in merged] == [dataclasses.asdict(e) for e in expected]
    assert [c.event.type for c in candidates] == [c.event.type for c in twin]


def _event(etype: str, drug: str, agency: str | None, date: str | None, at: int) -> Event:
    return Event(type=etype, agency=agency, drug=drug, date=date, evidence=Mention(at, at + 1, "x"))


def test_event_merge_compares_a_bounded_number_of_pairs_per_event(monkeypatch):
    """Thousands of approvals and clearances (each approval once compared with all clearances),
    and thousands of dated events of one drug with undated repeats (each once compared with
    all kept before it): the agency comparisons stay a few per candidate."""
    n, agencies = 2000, ["FDA", "EMA", "NMPA", "CDE", "CBER"]
    candidates = []
    for i in range(n):
        agency = agencies[i % len(agencies)]
        candidates += [
            Candidate(_event("ind_clearance", f"BXT-{i}", agency, f"2020-01-{1 + i % 28:02}", 8 * i)),
            Candidate(_event("approval", f"BXT-{i}", agency, f"2022-02-{1 + i % 28:02}", 8 * i + 1),
                      ambiguous_approval=True),
            Candidate(_event("approval", f"ACM-{i}", agency, f"2021-03-{1 + i % 28:02}", 8 * i + 2),
                      ambiguous_approval=True),
            Candidate(_event("data_readout", "ACM-101", agency, f"{1000 + i}-01-01", 8 * i + 3),
                      series=i % 3 == 0),
            Candidate(_event("fast_track", "ACM-101", agency, f"{1000 + i}-05-01", 8 * i + 4)),
            Candidate(_event("fast_track", "ACM-101", agencies[(i + 1) % 5], None, 8 * i + 5),
                      fallback_date=True),
        ]
    compared = []
    compatible = event_merge._compatible
    monkeypatch.setattr(event_merge, "_compatible", lambda a, b, p: compared.append(1) or compatible(a, b, p))
    merged = merge_events(candidates, PARENTS)
    assert len(compared) <= 10 * len(candidates)  # comparing every pair: some 2,000,000
    assert sum(e.type == "ind_clearance" for e in merged) == 2 * n
    assert len(merged) == 5 * n  # the undated repeats joined the first dated events of their agency


def test_event_merge_a_drugless_repeat_of_an_event_with_a_drug_is_dropped():
    def cand(etype, drug, date, at, agency=None):
        return Candidate(Event(type=etype, agency=agency, drug=drug, date=date,
                               evidence=Mention(at, at + 1, "x")))

    found = merge_events([cand("partnership", None, "2024-05-02", 0),  # the headline's "signs deal"
                          cand("partnership", "A-1", "2024-05-02", 10),
                          cand("approval", None, "2024-05-02", 20, "EMA"),  # another agency: kept
                          cand("approval", "A-1", "2024-05-02", 30, "FDA"),
                          cand("financing", None, "2024-05-02", 40),  # financings name no drug
                          cand("financing", "A-1", "2024-05-02", 50),
                          cand("partnership", None, "2023", 60)], PARENTS)  # another date: kept
    assert [(e.type, e.drug, e.date) for e in found] == [
        ("partnership", "A-1", "2024-05-02"), ("approval", None, "2024-05-02"),
        ("approval", "A-1", "2024-05-02"), ("financing", None, "2024-05-02"),
        ("financing", "A-1", "2024-05-02"), ("partnership", None, "2023")]


def test_event_merge_undated_news_stays_apart_from_a_later_told_past_act():
    def cand(date, at, fallback=False, history=False):
        return Candidate(Event(type="orphan_drug", agency="FDA", drug="A-1", date=date,
                               evidence=Mention(at, at + 1, "x")), fallback_date=fallback, history=history)

    apart = merge_events([cand("2024-11", 10, history=True), cand("2024-12-02", 0, fallback=True)], PARENTS)
    joined = merge_events([cand("2024-11", 10), cand("2024-12-02", 0, fallback=True)], PARENTS)
    assert [e.date for e in apart] == ["2024-12-02", "2024-11"]
    assert [e.date for e in joined] == ["2024-11"]


def test_event_merge_financings_of_other_rounds_or_amounts_stay_apart():
    def cand(date, at, text):
        return Candidate(Event(type="financing", date=date, evidence=Mention(at, at + len(text), text)),
                         fallback_date=date is None)

    headline = "Acme raises $34m in Series C funding"
    past = [cand("2013-10", 100, "In October 2013, Acme had raised $22 million for trials."),
            cand("2011-04", 200, "In April 2011, Acme completed its Series A financing.")]
    found = merge_events([cand(None, 0, headline), *past], PARENTS)
    assert [e.date for e in found] == [None, "2013-10", "2011-04"]
    # The same round told again joins; a placing's part told after its total joins it too.
    same = merge_events([cand(None, 0, headline),
                         cand("2024-05", 50, "The $34 million Series C closed in May.")], PARENTS)
    assert [e.date for e in same] == ["2024-05"]
    parts = merge_events([cand("2024-05-02", 0, "Placing to raise \u00a33.6 million"),
                          cand(None, 50, "a firm placing to raise approximately \u00a30.1 million")], PARENTS)
    assert [e.date for e in parts] == ["2024-05-02"]
    # Gross and net proceeds, one round in two currencies, an IPO by either name: one financing.
    for headline, body in (
            ("Acme Closes $50 Million Public Offering", "closed it for net proceeds of $46.5 million"),
            ("Acme raises \u20ac45 million", "Acme closed a placement of about US$48.5 million"),
            ("Acme prices its $100 million IPO", "its initial public offering of $100 million")):
        found = merge_events([cand(None, 0, headline), cand("2024-04-30", 50, body)], PARENTS)
        assert [e.date for e in found] == ["2024-04-30"], headline
    # A price per share is no amount raised.
    found = merge_events([cand(None, 0, "Acme announces $3.175 million registered direct offering"),
                          cand("2024-06-01", 50, "Acme sold 1,515,878 shares at $2.0945 per share")], PARENTS)
    assert [e.date for e in found] == ["2024-06-01"]


def test_event_merge_an_undated_deal_without_a_drug_beside_one_with_a_drug_is_dropped():
    def cand(drug, date, at):
        return Candidate(Event(type="partnership", drug=drug, date=date, evidence=Mention(at, at + 1, "x")),
                         fallback_date=date is None)

    found = merge_events([cand("AB-101", "2024-09-03", 0), cand(None, None, 50)], PARENTS)
    assert [(e.drug, e.date) for e in found] == [("AB-101", "2024-09-03")]
    # A dated deal without a drug is another deal.
    found = merge_events([cand("AB-101", "2024-09-03", 0), cand(None, "2019", 50)], PARENTS)
    assert [(e.drug, e.date) for e in found] == [("AB-101", "2024-09-03"), (None, "2019")]
