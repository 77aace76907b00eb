import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts import abbreviations
from rxnews.facts.abbreviations import abbreviation_after, find_word, is_abbreviation_of


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
