"""Work grows linearly with the size of a release: counted here, timed in `bench/linearity.py`.

Times are noisy, so these tests count. Every stage runs on a generated big release (thousands
of tickers, brands, approvals, clearances and dates when long: `bench/linearity.py`) and on one
eight times longer, and the Python lines it runs (`sys.settrace`) must grow about eight times;
a loop that compares each mention with all those found before it makes them grow 12 to 25
times. The loops whose work is inside C (a scan of the text per name) are counted where they
are: `find_words` and `merge_events` have tests of their own. Times are measured in
`bench/linearity.py`, not here (STYLE.md: benchmarks live in `bench/`, not in timed tests).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

import rxnews
from rxnews.extractor import Extractor, title_of
from rxnews.facts import abbreviations
from rxnews.facts.event_sentences import ends_with_colon
from rxnews.record import Record

ROOT = Path(__file__).resolve().parents[1]
SOURCE = str(Path(rxnews.__file__).parent)


def bench_linearity():
    """The module `bench/linearity.py` (the generator of big releases lives there)."""
    spec = importlib.util.spec_from_file_location("bench_linearity", ROOT / "bench" / "linearity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def line_events(call: Callable[[], object]) -> int:
    """How many lines of rxnews's own code `call()` runs (a loop body counts once per turn)."""
    count = 0

    def lines(frame, event, arg):
        nonlocal count
        count += event == "line"
        return lines

    def calls(frame, event, arg):
        return lines if frame.f_code.co_filename.startswith(SOURCE) else None

    previous = sys.gettrace()  # a coverage tracer, if any, is put back
    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def stage_line_events(extractor: Extractor, text: str) -> dict[str, int]:
    """The lines each stage runs on `text` (building the document counts as one)."""
    made = []
    counts = {"make_doc": line_events(lambda: made.append(extractor.make_doc(text)))}
    record = Record(source=None, title=title_of(text))
    for stage in extractor.stages:
        counts[type(stage).__name__] = line_events(lambda stage=stage: stage(made[0], record))
    return counts


@pytest.fixture(scope="module")
def fresh_extractor() -> Extractor:
    """An extractor of its own: its per-word memos start empty, so the counts are the same
    whichever tests ran before."""
    return Extractor()


def test_linearity_every_stage_does_linear_work_on_a_big_release(fresh_extractor, monkeypatch):
    # The names of a big release are found in one pass at any size (not one scan per name).
    monkeypatch.setattr(abbreviations, "WORDS_SCANNED_ONE_BY_ONE", 0)
    big_release = bench_linearity().big_release
    small = stage_line_events(fresh_extractor, big_release(15_000))
    large = stage_line_events(fresh_extractor, big_release(120_000))
    ratios = {name: round(large[name] / max(1, small[name]), 2) for name in small}
    assert not {name: ratio for name, ratio in ratios.items() if ratio > 8.5}, ratios


def test_linearity_big_release_has_thousands_of_distinct_names():
    text = bench_linearity().big_release(4_000_000)
    assert 3_990_000 <= len(text) <= 4_010_000
    for shape in (r"\((?:NASDAQ|NYSE|HKEX|SSE|TSX): (X[A-Z]{3})\)", r"marketed as ([A-Z][a-z]+)",
                  r"The \w+(?: Canada)? approved (ACM-\d+)", r"cleared the IND for ([A-Z]XT-\d+)",
                  r"(G[A-Z]{3})-related cardiomyopathy", r"meeting on ([^.]+)\."):
        assert len(set(re.findall(shape, text))) >= 3000, shape


@SETTINGS
@given(text=st.builds(lambda head, spaces, tail: head + " " * spaces + tail,
                      st.text(alphabet=": \n\u2003a", max_size=8), st.integers(0, 300),
                      st.text(alphabet=": \n\u2003a", max_size=8)),
       end=st.integers(0, 330))
def test_linearity_colon_before_without_copying_the_text(text, end):
    assert ends_with_colon(text, end) is text[:end].rstrip().endswith(":")

