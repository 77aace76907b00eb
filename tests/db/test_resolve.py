"""The pure rules of resolution: name kinds, the guard, date and phase agreement."""

import pytest

from rxnews.db.events import dates_compatible
from rxnews.db.names import item_names, kind_of, phase_key
from rxnews.db.resolve import compatible, profile_of


@pytest.mark.parametrize("name, kind", [
    ("ACM-101", "code"), ("BNT325", "code"), ("HMPL\u2011453", "code"), ("zorvelimab", "inn"),
    ("nab-paclitaxel", "inn"), ("Zorvelimab", "inn"), ("Equecabtagene Autoleucel", "inn"),
    ("Zorvexa", "brand"), ("WINREVAIR", "brand"), ("sac-TMT", "inn"),
])
def test_resolve_kind_of_name(name, kind):
    assert kind_of(name) == kind


@pytest.fixture(scope="module")
def drug_names():
    from rxnews.facts.drug_names import DrugNames
    from rxnews.matching.patterns import load_patterns

    return DrugNames.from_entries(load_patterns())


# Shaped like an INN only to a test without the extractor's guards: "-peptide", a short word in -gene,
# -stat, -tide (under 9 letters). "Neurogene" has 9: the extractor takes it for an INN too.
@pytest.mark.parametrize("name, kind", [
    ("Tetrapeptide", "brand"), ("Novagene", "brand"), ("Zorstat", "brand"), ("Velotide", "brand"),
    ("Brixacept", "inn"), ("Neurogene", "inn"), ("Opatisumimab", "inn"), ("Equecabtagene Autoleucel", "inn"),
    ("Zorvexa", "brand"),
])
def test_resolve_kind_of_name_agrees_with_the_extractor(drug_names, name, kind):
    assert kind_of(name) == kind
    assert drug_names.is_stem_inn(name.split()[-1]) == (kind == "inn")


def test_resolve_item_names_fold_and_keep_the_first_spelling():
    item = {"name": "zorvelimab", "kind": "inn", "aliases": ["Zorvelimab", "ACM-101", "Zorvexa\u00ae", ""]}
    assert item_names(item) == [("zorvelimab", "inn", "zorvelimab"), ("acm101", "code", "ACM-101"),
                                ("zorvexa", "brand", "Zorvexa\u00ae")]


def side(*names):
    return profile_of((name, kind, name) for name, kind in names)


@pytest.mark.parametrize("a, b, expected", [
    (side(("acm101", "code")), side(("acm101", "code"), ("zorvexa", "brand")), True),
    (side(("acm101", "code"), ("zorvexa", "brand")), side(("bxt202", "code"), ("zorvexa", "brand")), False),
    (side(("acm101", "code"), ("zorvelimab", "inn")), side(("bxt202", "code"), ("zorvelimab", "inn")), True),
    (side(("zorvelimab", "inn"), ("zorvexa", "brand")), side(("quintinib", "inn"), ("zorvexa", "brand")),
     False),
    (side(("acm101", "code"), ("zorvelimab", "inn")), side(("acm101", "code"), ("quintinib", "inn")), False),
    # A name classified differently on each side still agrees.
    (side(("sactmt", "inn")), side(("sacituzumabtirumotecan", "inn"), ("sactmt", "brand")), True),
    (side(("zorvexa", "brand"), ("acm101", "code")), side(("zorvexa", "brand"), ("zorvelimab", "inn")), True),
])
def test_resolve_guard(a, b, expected):
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


@pytest.mark.parametrize("a, b, expected", [
    ("2024-10", "2024-10-15", True), ("2024-10-15", "2024-10", True), ("2024", "2024-10-15", True),
    (None, "2024-10", True), (None, None, True), ("2024-10", "2024-11", False),
    ("2024-10-15", "2024-10-16", False),
])
def test_resolve_dates_compatible(a, b, expected):
    assert dates_compatible(a, b) is expected


@pytest.mark.parametrize("phase, key", [
    ("Phase III", "3"), ("phase 3", "3"), ("Phase Ib/II", "1b/2"), ("Phase 1b/2", "1b/2"),
    ("Phase 2/3", "2/3"),
    (None, None), ("", None),
])
def test_resolve_phase_key(phase, key):
    assert phase_key(phase) == key
