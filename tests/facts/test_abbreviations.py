import pytest

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
