import itertools

import pytest

from rxnews.facts.classify import classify
from rxnews.facts.event_types import EVENT_TYPES, TRIGGERS
from rxnews.matching.patterns import load_patterns

CASES = [
    ({"ind", "approve"}, ["ind_clearance"]),
    ({"ind", "accept"}, ["ind_acceptance"]),
    ({"ind", "submit"}, ["ind_submission"]),
    ({"ind", "grant"}, []),  # "granted $2 million to fund IND-enabling studies": no clearance
    ({"ind", "grant", "agency", "preclinical"}, []),  # "the NIH granted $2 million for IND-enabling studies"
    ({"ind", "grant", "agency"}, ["ind_clearance"]),  # "was granted IND by the FDA"
    ({"ind", "grant", "agency", "fast_track"}, ["fast_track"]),  # "granted Fast Track under its IND"
    ({"trial_go", "approve"}, ["ind_clearance"]),
    ({"trial_go", "approve", "results"}, ["approval"]),  # an approval based on a trial's results
    ({"marketing", "accept", "priority_review"}, ["priority_review", "marketing_acceptance"]),
    ({"marketing", "submit"}, ["marketing_submission"]),
    ({"marketing", "grant"}, ["approval"]),
    ({"approve"}, ["approval"]),
    ({"clear"}, []),  # "the vaccine cleared amyloid plaques", "renal clearance"
    ({"clear", "agency"}, ["approval"]),  # "Health Canada cleared AB-101 for sale"
    ({"clear", "ind"}, ["ind_clearance"]),
    # Laboratory results lead to a trial: its go-ahead is no approval based on results.
    ({"trial_go", "approve", "results", "preclinical"}, ["ind_clearance"]),
    ({"breakthrough_therapy", "grant"}, ["breakthrough_therapy"]),
    ({"approve", "negation"}, []),
    ({"approve", "opinion"}, []),
    ({"first_patient", "dose"}, ["first_patient_dosed"]),
    ({"start", "trial"}, ["trial_start"]),
    ({"complete", "enroll"}, ["enrollment_complete"]),
    ({"results", "report"}, ["data_readout"]),
    ({"endpoint", "negation"}, ["data_readout"]),
    ({"deal"}, ["partnership"]),
    ({"deal", "terminate"}, []),
    ({"deal", "finance"}, ["partnership"]),  # "a license agreement under undisclosed financial terms"
    ({"start", "trial", "preclinical"}, []),  # "IND-enabling studies underway"
    ({"submit", "agency"}, ["marketing_submission"]),  # "filed AB-101 with the FDA"
    ({"submit", "agency", "material"}, []),  # "the data package it submitted to the FDA"
    ({"start", "trial", "negation"}, []),  # "the hold suspends initiation of new trials"
    ({"first_patient", "dose", "negation"}, []),  # "terminated the license agreement": a deal ended, not made
    ({"priority_review", "generic"}, []),  # "A Priority Review designation means the FDA must ..."
    ({"financing"}, ["financing"]),
    ({"trial_go", "approve", "trial", "monitoring"}, []),  # a data monitoring committee's go-ahead
    ({"approve", "monitoring", "agency"}, ["approval"]),  # "the FDA approved it after a DMC review"
    ({"results", "report", "monitoring"}, ["data_readout"]),  # "topline results, as reviewed by the IDMC"
    ({"trial", "results"}, []),
    ({"trial", "results", "outcome"}, ["data_readout"]),  # "results from the trial showed"
    ({"results", "outcome"}, []),  # "earlier data showed": no trial named, no report
    ({"trial", "results", "outcome", "preclinical"}, []),  # "in preclinical studies, it showed"
    ({"trial", "presentation"}, ["data_readout"]),  # "the study was presented at ESMO"
    ({"results", "presentation"}, ["data_readout"]),
    ({"presentation"}, []),  # "a presentation at an investor conference"
    ({"results", "outcome", "trial", "finance"}, []),
    ({"rare_pediatric_disease", "priority_review", "prv"}, ["rare_pediatric_disease"]),
    ({"orphan_drug"}, ["orphan_drug"]),
    ({"fast_track", "grant"}, ["fast_track"]),
    ({"prime"}, ["prime"]),
    ({"priority_review", "marketing"}, ["priority_review"]),
    ({"readout", "future"}, ["data_readout"]),
    ({"target_date", "marketing"}, ["approval"]),
]


@pytest.mark.parametrize(("cues", "expected"), CASES)
def test_classify_cues_to_types(cues, expected):
    assert classify(cues) == expected


def test_classify_approval_sought_is_not_approval():
    assert classify({"marketing": 1, "submit": 1, "approve": 1, "seek": 1}) == ["marketing_submission"]


def test_classify_table_covers_every_event_type():
    """A type added to the event-type table needs a classify rule and a case here."""
    assert {t for _, expected in CASES for t in expected} == set(EVENT_TYPES)


def test_classify_no_type_without_a_trigger_cue():
    # The event finder skips sentences without a TRIGGERS cue: that is only safe if
    # classify gives no type to any combination of the other cues.
    names = {e.get("cue") for e in load_patterns() if e.label == "CUE"}
    others = sorted(names - TRIGGERS)
    assert len(others) >= 5 and TRIGGERS & names
    for size in (1, 2, 3):
        for combo in itertools.combinations(others, size):
            assert classify(set(combo)) == [], combo
    assert classify(set(others)) == []
