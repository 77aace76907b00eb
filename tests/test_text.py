import pytest

from rxnews.text import fold_key, normalize_chars


@pytest.mark.parametrize(
    "text", ["HMPL\u2011453", "Alzheimer\u2019s", "a\u00a0b", "\u201cx\u201d", "\uff08HKEX\uff1a09887\uff09"])
def test_text_normalize_chars_keeps_length(text):
    assert len(normalize_chars(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("HMPL\u2011453", "HMPL-453"), ("Alzheimer\u2019s", "Alzheimer's"), ("a\u00a0b", "a b"),
     ("\u201cx\u201d", '"x"'), ("May 19, 2025 \u2013 X", "May 19, 2025 - X"),
     # An em dash between words is punctuation, never a hyphen: "AB123\u2014a drug" is no "AB123-a".
     ("AB123\u2014a drug", "AB123 a drug"), ("trial \u2014 in May", "trial - in May"),
     ("2020\u2015now", "2020 now"), ("May 1, 2024\u2014Acme Bio", "May 1, 2024-Acme Bio")],
)
def test_text_normalize_chars_maps_typography(text, expected):
    assert normalize_chars(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("Solid Tumours", "solid tumors"), ("Velesin\u2122", "velesin"), ("non-small-cell", "non small cell"),
     ("Alzheimer\u2019s disease", "Alzheimer disease"), ("oesophageal", "esophageal"),
     ("leukaemia", "leukemia"), ("licence agreement", "license agreement")],
)
def test_text_fold_key_equates_variants(a, b):
    assert fold_key(a) == fold_key(b)


def test_text_fold_key_keeps_distinct_things_apart():
    assert fold_key("PD-1") != fold_key("PD-L1")
