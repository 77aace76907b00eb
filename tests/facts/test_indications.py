import pytest
from conftest import names

from rxnews.facts.indications import qualified_start


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        ("ACM-101 for the treatment of recurrent or metastatic triple-negative breast cancer (TNBC).",
         "triple-negative breast cancer", "TNBC"),
        ("ACM-101 showed activity in advanced solid tumours.", None, "advanced solid tumours"),
        ("ACM-101 is developed for amyotrophic lateral sclerosis (ALS). ALS is fatal.",
         "amyotrophic lateral sclerosis", "ALS"),
    ],
)
def test_indications_with_qualifiers_and_abbreviations(extract, text, name, alias):
    items = extract(text)["indications"]
    assert len(items) == 1
    if name:
        assert items[0]["name"] == name
    assert alias in items[0]["aliases"]


def test_indications_background_only_is_left_out(extract):
    record = extract("ACM-101 is developed for gastric cancer.\n\nGlobally, breast cancer is the most "
                     "common cancer.")
    assert names(record["indications"]) == ["gastric cancer"]


@pytest.mark.parametrize("joint", [" and ", ", ", "/", " or ", " and  "])
def test_indications_coordinated_names(extract, joint):
    record = extract(f"ACM-101 is in Phase 2 trials to treat ovarian{joint}endometrial cancer.")
    assert sorted(names(record["indications"])) == ["endometrial cancer", "ovarian cancer"]


@pytest.mark.parametrize("text", ["ACM-101 inhibits growth of lung cancer cells.",
                                  "ACM-101 was active regardless of HPV status."])
def test_indications_biology_and_biomarker_mentions_are_not_indications(extract, text):
    assert extract(text)["indications"] == []


def test_indications_named_in_a_regulatory_sentence(extract):
    record = extract("ACM-101 is an antibody.\n\nThe company filed a marketing application for a new "
                     "Alzheimer's drug.")
    assert names(record["indications"]) == ["Alzheimer's disease"]


def test_indications_bare_cancer_is_not_an_indication(extract):
    assert extract("ACM-101 is developed to treat cancer and tumors.")["indications"] == []


def test_indications_qualified_start():
    text = "with relapsed or refractory multiple myeloma"
    start = text.index("multiple")
    quals = {text.index(w) + len(w): text.index(w) for w in ("relapsed", "refractory")}
    assert text[qualified_start(text, start, quals):] == "relapsed or refractory multiple myeloma"
