import re
from types import SimpleNamespace

import pytest

from rxnews.facts.frames import approves_a_trial, colon_list_run, prior_act


def cues_in(text):
    """The trial and approve cues of a text, found by the words the cue lexicon uses for them."""
    def spans(pattern):
        return [SimpleNamespace(start=m.start(), end=m.end()) for m in re.finditer(pattern, text, re.I)]
    return {"trial": spans(r"\b(?:trials?|stud(?:y|ies)|cohorts?)\b"),
            "approve": spans(r"\b(?:approved|cleared|approvals?|clearances?|green light)\b")}


@pytest.mark.parametrize(("text", "expected"), [
    ("A Phase 3 trial of AB-101 in gout was approved by the FDA.", True),
    ("The Phase 1 study was cleared by the agency.", True),
    ("Acme received approval for the 12-week cohort.", True),
    ("The NMPA granted approvals for two clinical trials of AB-101.", True),
    # The trial as the object of "approved": the determiner and modifiers between them only.
    ("The ethics committee has approved the company's Phase 1 clinical trial of AB-101.", True),
    ("Health Canada approved the AB-101 pivotal study.", True),
    # ... or its start: "the green light to the launch (in the US) of a Phase 3 study".
    ("The FDA gave the green light to the launch of a Phase 3 study of AB-101.", True),
    ("Acme won approval for the start in the United States of its Phase 2 trial.", True),
    ("The FDA approved the start of the Phase 1 trial of AB-101.", True),
    ("The FDA gave the green light to AB-101, tested in the Phase 3 trial.", False),
    ("The EC gave the green light to AB-101 for patients with the mutation in the ZEN-3 trial.", False),
    ("The FDA approved the drug AB-101 studied in the Phase 3 trial.", False),
    ("The FDA approved AB-101 for adults in the trial population.", False),
    # Approval first, trial after, without "for/of/to": a drug approved on trial data.
    ("AB-101 was approved on the strength of the Phase 3 trial.", False),
    # A trial that supported an approval is not the thing approved.
    ("The Phase 3 trial, based on which AB-101 was approved, enrolled 400 patients.", False),
    ("Following the trial, AB-101 was approved.", False),
    ("The study met its endpoint. AB-101 was approved in 2020.", False),
    # Too far apart to be one statement.
    ("The trial " + "enrolled many patients across many sites in many countries " * 3 + "approved", False),
])
def test_approves_a_trial(text, expected):
    assert approves_a_trial(text, cues_in(text)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Following a positive CHMP opinion in May, the EC granted approval.",
     "Following a positive CHMP opinion in May,"),
    ("BOSTON, May 2, 2024 /PRNewswire/ -- After a review in March, the FDA approved AB-101.",
     "After a review in March,"),
    ("Based on data from 2023, the FDA approved AB-101.", "Based on data from 2023,"),
    (" date 2024-05-02 Following a review in March, the FDA approved AB-101.",
     "Following a review in March,"),
    # Not at the head of the clause: the clause's own words.
    ("The FDA approved AB-101 following a review in March, the company said.", None),
    # A fronted clause without a comma is not told apart from the main clause.
    ("After the FDA approved AB-101 in March the company launched it.", None),
])
def test_prior_act(text, expected):
    span = prior_act(text, 0, len(text))
    assert (text[span[0]:span[1]] if span else None) == expected


_DATE = re.compile(r"(?:January|April|May|September) \d{4}")


@pytest.mark.parametrize(("text", "expected"), [
    ("It won three designations for: A (in April 2024), B in adults (September 2024), and C (May 2025).",
     ["April 2024", "September 2024", "May 2025"]),
    ("It won two for: A in January 2024; B, in children, in May 2025.", ["January 2024", "May 2025"]),
    # Two dates of one item, or only one date after the colon: no list of dated items.
    ("It won two for: A (January 2024, May 2025), and B.", []),
    ("In April 2024 it won one for: A (May 2025), and B.", []),
    # A colon inside parentheses or of a clock time introduces no list.
    ("Acme (Nasdaq: ACME) said in April 2024 that B, approved in May 2025, sold well.", []),
    ("At 10:00 in April 2024, B, approved in May 2025, sold well.", []),
])
def test_colon_list_run(text, expected):
    spans = [(m.start(), m.end(), m.group()) for m in _DATE.finditer(text)]
    assert [name for _, _, name in colon_list_run(text, 0, len(text), spans)] == expected
