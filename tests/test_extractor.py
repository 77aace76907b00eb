"""The extractor end to end: the Python API, and properties of every record."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT, readme_example
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS, TEXTS

from rxnews.facts.date_values import is_valid_iso

DATELINE = "BOSTON, May 2, 2024 /PRNewswire/ -- "


ISO = {"year": r"\d{4}", "half": r"\d{4}-(01|07)", "quarter": r"\d{4}-(01|04|07|10)",
       "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def all_mentions(record: dict) -> list[dict]:
    found = [m for field in ("companies", "drugs", "targets", "indications", "agencies", "identifiers")
             for item in record[field] for m in item["mentions"]]
    return found + [e["evidence"] for e in record["events"] if e["evidence"]]


def check_record(text: str, record: dict) -> None:
    for mention in all_mentions(record):
        assert 0 <= mention["start"] <= mention["end"] <= len(text)
        assert text[mention["start"]:mention["end"]] == mention["text"]
    for event in record["events"]:
        if event["date"] is None:
            assert event["date_precision"] is None and event["date_source"] is None
            continue
        precision = event["date_precision"]
        assert re.fullmatch(ISO[precision], event["date"]), event
        assert is_valid_iso(event["date"], precision), event
        assert event["date_source"] in ("explicit", "relative", "release")
    if record["release_date"] is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", record["release_date"])
        assert is_valid_iso(record["release_date"], {4: "year", 7: "month", 10: "day"}[
            len(record["release_date"])])


@SETTINGS
@given(text=st.text())
def test_extractor_arbitrary_unicode_never_crashes(extractor, text):
    check_record(text, extractor.extract(text).to_dict())


@SETTINGS
@given(text=TEXTS, release_date=st.sampled_from([None, "2024-03-10", "2023-12", "2022"]))
def test_extractor_mentions_slice_the_text_and_dates_are_iso(extractor, text, release_date):
    check_record(text, extractor.extract(text, release_date=release_date).to_dict())




def test_extractor_api_readme_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(readme_example("### Python API"), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("LBL-024 [") and "'first_patient_dosed'" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == [
        "4b-technologies-4b02-01.txt", "biotroy-bt02.txt", "leads-biolabs.txt"]


def test_extractor_api_extractor_is_importable_from_the_package_lazily():
    code = ("import sys, rxnews; assert 'spacy' not in sys.modules; "
            "from rxnews import Extractor, Record; "
            "r = Extractor().extract('The FDA approved ACM-101.', source='x'); "
            "assert isinstance(r, Record) and r.drugs[0].name == 'ACM-101' and r.content_sha256 is None")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)  # the installed package


def test_extractor_common_dates_need_no_dateparser():
    # dateparser (a third of a second to load) is for the odd shapes only: a year-less ordinal
    # day, dated by the release's year, is read without it.
    code = ("import sys; from rxnews import Extractor; "
            "r = Extractor().extract('BOSTON, June 10, 2024 -- Acme said the FDA accepted the IND for "
            "ACM-101 on June 3rd, and the first patient was dosed on 21st May.'); "
            "assert sorted(e.date for e in r.events) == ['2024-05-21', '2024-06-03'], r.events; "
            "assert 'dateparser' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.mark.parametrize("text", ["", " ", "\x00", "\U0010ffff", "(" * 300])
def test_extractor_edge_texts(extractor, text):
    check_record(text, extractor.extract(text).to_dict())


def test_extractor_release_without_drug_facts_is_empty(extract):
    record = extract("NEW YORK, June 1, 2024 -- Delta Holdings announced the appointment of Jane Doe as "
                     "Chief Financial Officer, effective July 1, 2024. Ms. Doe previously served at a "
                     "pharmaceutical company focused on cancer, diabetes and PD-1 antibodies.")
    assert (record["drugs"], record["targets"], record["indications"], record["events"]) == ([], [], [], [])


@pytest.mark.parametrize("release_date", [
    "notadate", "2024-13-01", "2024-02-30", "24-05-01", "2024/05/01", "2024-5-1", "20240501",
    "\u0662\u0660\u0662\u0664",  # Arabic-Indic digits: a year to int(), not ISO
    " 2024", "", 2024,
])
def test_extractor_api_refuses_a_release_date_that_is_not_iso(extractor, release_date):
    from rxnews.errors import ReleaseDateError
    from rxnews.inputs import InputText

    message = f"expected YYYY-MM-DD (or YYYY-MM, YYYY), got {release_date!r}"
    with pytest.raises(ReleaseDateError) as info:
        extractor.extract("The FDA approved ACM-101.", release_date=release_date)
    assert str(info.value) == message and isinstance(info.value, ValueError)
    with pytest.raises(ReleaseDateError):
        list(extractor.extract_many([("The FDA approved ACM-101.", "a")], release_date=release_date))
    with pytest.raises(ReleaseDateError):
        extractor.extract_input(InputText("a", "The FDA approved ACM-101.", "utf-8"),
                                release_date=release_date)


@pytest.mark.parametrize("release_date", ["2024", "2024-05", "2024-05-02", "2024-02-29"])
def test_extractor_api_takes_an_iso_release_date(extract, release_date):
    assert extract("The FDA approved ACM-101.", release_date=release_date)["release_date"] == release_date


WORDS = "Acme Bio announces that the FDA has cleared the IND for ACM-101 in adults with gout "


@pytest.mark.parametrize("line, title", [
    ("Short headline", "Short headline"),
    ("x" * 300, "x" * 300),  # exactly the limit: kept whole
    ((WORDS * 5)[:330], WORDS * 3 + "Acme Bio announces that the FDA has cleared the\u2026"),  # not "the IN"
    ("y" * 400, "y" * 299 + "\u2026"),  # one endless word: cut where it must be
    ("word " + "z" * 400, "word\u2026"),
])
def test_extractor_title_cut_at_a_word_with_an_ellipsis(extract, line, title):
    record = extract(line + "\nThe FDA approved ACM-101.")
    assert record["title"] == title and len(record["title"]) <= 300


def test_extractor_masked_cues_drop_the_cues_inside_them():
    from rxnews.document import MASK, unmasked_cues
    from rxnews.matching.matcher import Match
    from rxnews.matching.patterns import PatternEntry

    def cue(start, end, name):
        return Match("CUE", start, end, PatternEntry(f"c{start}", "CUE", "x", {"cue": name}))

    cues = [cue(0, 5, "approve"), cue(10, 20, "accept"), cue(10, 27, MASK), cue(22, 30, "ind"),
            cue(40, 45, "accept")]
    assert [(m.start, m.end) for m in unmasked_cues(cues)] == [(0, 5), (22, 30), (40, 45)]
    assert unmasked_cues(cues[:2]) == cues[:2]
