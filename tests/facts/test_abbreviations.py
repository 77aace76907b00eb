import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts import abbreviations
from rxnews.facts.abbreviations import abbreviation_after, defined_long_form, find_word, is_abbreviation_of


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [("TNBC", "triple-negative breast cancer", True), ("ALS", "amyotrophic lateral sclerosis", True),
     ("CDE", "Center for Drug Evaluation", True), ("HER-2", "human epidermal growth factor receptor 2", True),
     ("XYZ", "breast cancer", False), ("tnbc", "triple-negative breast cancer", False),
     ("S", "sclerosis", False)],
)
def test_abbreviations_schwartz_hearst(short, long, expected):
    assert is_abbreviation_of(short, long) is expected


def test_abbreviations_after_long_form():
    text = "triple-negative breast cancer (TNBC), a subtype"
    span = abbreviation_after(text, len("triple-negative breast cancer"), "triple-negative breast cancer")
    assert text[span[0]:span[1]] == "TNBC"
    assert abbreviation_after("breast cancer (2024)", 13, "breast cancer") is None


def test_abbreviations_find_word_is_whole_word_and_case_sensitive():
    assert find_word("ALS, ALSO als ALS.", "ALS") == [(0, 3), (14, 17)]


def test_abbreviations_find_words_is_find_word_of_each(monkeypatch):
    text = ("ACM-1, ACM-12 ACM-1x xACM-1 ACM-1. Co., Ltd. Acme Co., Ltd., ALS ALSO (R)-x (R)-x "
            "\u00e9ALS ALS\u00e9")
    words = ["ACM-1", "ACM-12", "ACM", "Acme Co., Ltd.", "Co., Ltd.", "ALS", "(R)-x", "", "ALSO", "absent"]
    monkeypatch.setattr(abbreviations, "WORDS_SCANNED_ONE_BY_ONE", 0)  # the one pass over the text
    assert abbreviations.find_words(text, words) == {word: find_word(text, word) for word in words}


@SETTINGS
@given(text=st.text(alphabet="AB1-. (\u00e9", max_size=60),
       words=st.lists(st.text(alphabet="AB1-. (\u00e9", max_size=5), max_size=12))
def test_abbreviations_find_words_property(text, words):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(abbreviations, "WORDS_SCANNED_ONE_BY_ONE", 0)
        assert abbreviations.find_words(text, words) == {word: find_word(text, word) for word in words}


def test_abbreviations_find_words_scans_the_text_once_for_thousands_of_names(monkeypatch):
    """One scan per name grows with the square of a big release; the names that start with a
    letter or digit are all found in one pass (`find_word`, a scan, is not called for them)."""
    names = [f"ACM-{n}" for n in range(3000)] + [f"Zorvexa{n}" for n in range(3000)]
    text = " and ".join(names)
    scans = []
    monkeypatch.setattr(abbreviations, "find_word", lambda text, word: scans.append(word) or [])
    found = abbreviations.find_words(text, [*names, "(R)-x"])
    assert scans == ["(R)-x"]
    assert found["ACM-12"] == [(text.index("ACM-12 "), text.index("ACM-12 ") + 6)]
    assert all(len(found[name]) == 1 for name in names)


@pytest.mark.parametrize(
    ("text", "indications", "targets"),
    [  # the text defines FTD and PIM as something else than the lexicon's disease and target
        ("The FDA granted ACM-101 Fast Track Designation (FTD) for psoriasis. The FTD speeds review.",
         ["psoriasis"], []),
        ("ACM-101 holds a Promising Innovative Medicine (PIM) designation for psoriasis.", ["psoriasis"], []),
        # the same long form as the lexicon's: kept
        ("ACM-101 is developed for frontotemporal dementia (FTD). FTD has no cure.",
         ["frontotemporal dementia"], []),
        # no long form before it that FTD abbreviates: kept
        ("ACM-101 is developed for patients with dementia (FTD).", ["frontotemporal dementia"], []),
        ("ACM-101, a PIM kinase inhibitor, is tested in psoriasis (PIM).", ["psoriasis"], ["PIM kinase"]),
    ],
)
def test_abbreviations_a_release_defining_a_lexicon_abbreviation_otherwise_overrides_it(
        extract, text, indications, targets):
    record = extract(text)
    assert [i["name"] for i in record["indications"]] == indications
    assert [t["name"] for t in record["targets"]] == targets


@pytest.mark.parametrize(
    ("text", "short", "expected"),
    [("granted it Fast Track Designation (FTD)", "FTD", "Fast Track Designation"),
     ("with frontotemporal dementia (FTD)", "FTD", "frontotemporal dementia"),
     ("in the Phase 3 trial (FTD)", "FTD", None),
     ("a Fast Track Designation, (FTD)", "FTD", None),  # the "(" must follow the long form
     ("(FTD)", "FTD", None)],
)
def test_abbreviations_defined_long_form(text, short, expected):
    assert defined_long_form(text, text.rindex("("), short) == expected
