import datetime as dt

import pytest

import rxnews.facts.dates as dates
from rxnews.facts.date_values import DateNormalizer, is_valid_iso
from rxnews.facts.dates import DateWindows, find_date_spans, find_dates
from rxnews.matching.tokens import tokenize


@pytest.fixture(scope="module")
def normalizer():
    return DateNormalizer()


ANCHOR = dt.date(2025, 5, 19)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("In October 2024, it obtained", "2024-10", "month"),
        ("on May 19, 2025 the", "2025-05-19", "day"),
        ("on Jan. 5, 2024 /PRNewswire/", "2024-01-05", "day"),
        ("on 31 May 2024", "2024-05-31", "day"),
        ("held 5-8 December 2020 in", "2020-12-05", "day"),
        ("results in Q3 2025", "2025-07", "quarter"),
        ("in the third quarter of 2024", "2024-07", "quarter"),
        # a quarter without its year: this year's (unless it begins over half a year ahead)
        ("randomization began in the second quarter, and", "2025-04", "quarter"),
        ("we expect data in the fourth quarter, and", "2025-10", "quarter"),
        ("achievements from this past quarter include", "2025-01", "quarter"),
        ("highlights of the just completed quarter were", "2025-01", "quarter"),
        ("data in 2H 2024", "2024-07", "half"),
        ("in the first half of 2026", "2026-01", "half"),
        ("launched in 2020 by", "2020", "year"),
        ("on 2020-07-06 we", "2020-07-06", "day"),
        ("last month the", "2025-04", "month"),
        ("in the previous month", "2025-04", "month"),
        ("earlier this year", "2025", "year"),
        ("on Friday it", "2025-05-16", "day"),
        ("on March 3 it", "2025-03-03", "day"),
        ("the orphan drug for gout on March 3.", "2025-03-03", "day"),  # a period ends the sentence
        ("granted on 3 March.", "2025-03-03", "day"),
        ("on Jan. 25,2024 the", "2024-01-25", "day"),  # no space after the comma
        ("on December 28 it", "2024-12-28", "day"),
        ("on August 2 it", "2025-08-02", "day"),
        ("In March, the FDA", "2025-03", "month"),
        ("In June, the FDA", "2024-06", "month"),
        ("presented at the end of March at", "2025-03", "month"),
        ("at the beginning of June the", "2024-06", "month"),
        ("in November of this year", "2025-11", "month"),
        ("last Monday it", "2025-05-12", "day"),
        ("on Monday it", "2025-05-19", "day"),
        ("approved on 28 June this year", "2025-06-28", "day"),
        ("approved on June 28 last year.", "2024-06-28", "day"),
        ("Last week, Acme raised", "2025-05", "month"),
        ("earlier this week the FDA", "2025-05-19", "day"),
        ("published 11-Dec-2016 by", "2016-12-11", "day"),
        ("submitted in the latter half of this year", "2025-07", "half"),
        ("in the first half of last year", "2024-01", "half"),
        ("started in the beginning of 2014 at", "2014", "year"),
    ],
)
def test_dates_find_and_normalise(normalizer, text, value, precision):
    found = find_dates(text, normalizer, ANCHOR)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]
    assert is_valid_iso(value, precision)


@pytest.mark.parametrize(
    "text",
    ["an optimal 2:2 structure", "accounts for 15% of cases", "(HKEX: 1234)", "approval number CXSL2300740",
     "priced at $2,024.50", "NCT04368728", "patients may 15 mg", "Phase 2/3 trial", "2020 patients",
     "a dose of May 15.5 units", "results by the end of June"],
)
def test_dates_ignore_numbers_that_are_not_dates(normalizer, text):
    assert find_dates(text, normalizer, ANCHOR) == []


def test_dates_same_month_follows_previous_event(normalizer):
    found = find_dates("and in the same month, the EC", normalizer, ANCHOR, previous="2026-01")
    assert [(d.value, d.precision, d.relative) for d in found] == [("2026-01", "month", True)]


@pytest.mark.parametrize(("text", "expected"), [
    # Two relative dates side by side that say one date are one span, with the finer value.
    ("the EC on Thursday last week approved it", [("on Thursday last week", "day")]),
    ("approved on Monday of this week", [("on Monday of this week", "day")]),
    # Apart, or not nested, they stay two.
    ("approved on Thursday, and last year it filed", [("on Thursday", "day"), ("last year", "year")]),
])
def test_dates_one_relative_date_in_two_parts(normalizer, text, expected):
    assert [(d.text, d.precision) for d in find_dates(text, normalizer, ANCHOR)] == expected


@pytest.mark.parametrize(("text", "value"), [
    # A weekday with its week is counted from the anchor's week (2025-05-19 is a Monday).
    ("approved on Thursday last week", "2025-05-15"),
    ("approved on Monday of last week", "2025-05-12"),
    ("approved on Friday this week", "2025-05-23"),
])
def test_dates_a_weekday_with_its_week(normalizer, text, value):
    assert [d.value for d in find_dates(text, normalizer, ANCHOR)] == [value]


def test_dates_relative_without_anchor_is_dropped(normalizer):
    assert find_dates("last month", normalizer, None) == []


WINDOW_TEXTS = [
    "On March 5th, 2024, the FDA approved it. Data are expected in 2H 2025 and Q3'26.",
    "The company, founded 12 years ago with 1,200 staff, dosed patients on 5-8 December 2020.",
    "Revenue of $2,024 million; filing planned for the first half of 2026, mid-2025 or year-end.",
    "It was cleared last Friday. Earlier this year, in the same month, 3Q24 results; FY2025 guidance.",
    "Release date: 29.09.2020 and 2023-11-04; nothing else: 1990s, 20 mg, May 15 mg.",
]


@pytest.mark.parametrize("text", WINDOW_TEXTS)
def test_dates_windows_find_what_a_full_scan_finds(text):
    windows = DateWindows()(*tokenize(text))
    full = [(k, m.span()) for k, m in find_date_spans(text)]
    assert full  # every text has dates
    assert [(k, m.span()) for k, m in find_date_spans(text, windows=windows)] == full
    for start, end in [(0, len(text) // 2), (len(text) // 3, len(text)), (10, 40)]:
        assert [(k, m.span()) for k, m in find_date_spans(text, start, end, windows)] == \
            [(k, m.span()) for k, m in find_date_spans(text, start, end)]


def test_dates_windows_skip_text_without_date_words():
    text = "The antibody binds PD-L1 and was well tolerated. " * 20 + "Approved in March 2024."
    windows = DateWindows()(*tokenize(text))
    assert len(windows) == 1
    scanned = text[windows[0][0]:windows[0][1]]
    assert "Approved in March 2024" in scanned and len(scanned) < 120


def test_dates_needs_cover_every_pattern():
    assert {kind for kind, _ in dates._PATTERNS} == set(dates._NEEDS)


def test_dates_present_needs():
    _present_needs = dates._present_needs
    text = "xx In March 2024, Q3 and 2H results xx"
    present = _present_needs(text, 3, len(text) - 3)
    assert {"YEAR", "DIGIT", "MONTH_CAP", "in", "mar", "q", "2h"} <= present
    assert not {"-", "day", "half", "year"} & present
    assert "YEAR" not in _present_needs(text, 0, 12)  # "2024" is cut off by the range end
    assert "day" in _present_needs("Mon\u017fday", 0, 8)  # non-ASCII: every word counts as present


@pytest.mark.parametrize("seed", range(4))
def test_dates_prefilter_finds_what_every_pattern_finds(seed, monkeypatch):
    import random

    pieces = ["In", "in", "on", "March", "mar.", "MAY", "May", "5", "15th", "2024", "1999", "24", "of",
              "Q3", "3Q", "q4", "2H", "h1", "H2", "first", "second", "half", "quarter", "the", "this",
              "last", "next", "year", "Year", "month", "week", "today", "YESTERDAY", "Friday", "sunday",
              "early", "mid-", "end of", "FY", "-", ".", ",", "'", "2024-03-05", "05.03.2024",
              "\u017fept", "S\u212aY", "\u0130n", "ju\u0131y", "mg", "%", "\n", "  ", "latter", "11-Dec-2016"]
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(400)]
    gated = [[(k, m.span()) for k, m in dates.find_date_spans(t, 1, len(t) - 1)] for t in texts]
    monkeypatch.setattr(dates, "_possible_patterns", lambda present: dates._PATTERNS)
    full = [[(k, m.span()) for k, m in dates.find_date_spans(t, 1, len(t) - 1)] for t in texts]
    assert gated == full
    assert sum(map(len, full)) > 200  # the texts do have dates
