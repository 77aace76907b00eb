"""Targets, indications, agencies, companies and identifiers on short texts."""

import pytest
from conftest import names

from rxnews.agencies import most_specific
from rxnews.identifiers import find_identifiers
from rxnews.indications import qualified_start
from rxnews.targets import context_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACM-101 is a TrkB-activating antibody.", [("TrkB", "NTRK2")]),
        ("ACM-101, a CSF1R inhibitor, modulates microglia.", [("CSF1R", "CSF1R")]),
        ("ACM-101 is a PD-L1/4-1BB bispecific antibody.", [("PD-L1", "CD274"), ("4-1BB", "TNFRSF9")]),
        ("ACM-101 targets Claudin 18.2 in gastric cancer.", [("Claudin 18.2", "CLDN18")]),
        ("ACM-101 is an anti-BCMA CAR-T therapy.", [("BCMA", "TNFRSF17")]),
        ("ACM-101 is a B7-H3-targeting ADC.", [("B7-H3", "CD276")]),
    ],
)
def test_targets_lexicon(extract, text, expected):
    assert [(t["name"], t["symbol"]) for t in extract(text)["targets"]] == expected


def test_targets_context_rules_find_unknown_names():
    text = "ACM-101 is an anti-ZQX9 antibody and a GPRZ7 inhibitor, targeting FOOBAR1 in PD-1/L1 tumors."
    found = sorted(text[s:e] for s, e in context_targets(text, []))
    assert found == ["FOOBAR1", "GPRZ7", "ZQX9"]


@pytest.mark.parametrize("seed", range(3))
def test_targets_context_rules_match_their_leading_boundary_forms(seed):
    """The rules check the boundary in a lookbehind, for speed; the matches are those of `\\b...`."""
    import random
    import re

    from rxnews.targets import CONTEXT_RULES

    lookbehinds = [r"(?<=\banti-)", r"(?<=\b[A-Z])", r"(?<=\btarget)"]
    assert all(lb in rule.pattern for rule, lb in zip(CONTEXT_RULES, lookbehinds, strict=True))
    plain = [re.compile(r"\b" + rule.pattern.replace(lb, "", 1))
             for rule, lb in zip(CONTEXT_RULES, lookbehinds, strict=True)]
    pieces = ["anti-", "anti", "X", "PD", "-", "L1", "1", "18.2", " ", "  ", "B7", "H3", "a", "CD19",
              "inhibitor", "inhibitors", "ADC", "targeting", "targets", "target", "the", "CAR-T",
              "antibody", "-directed", "bispecific", "_", "é", "9", ".", "/", "GPRC5D"]
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        for rule, reference in zip(CONTEXT_RULES, plain, strict=True):
            assert [m.span(1) for m in rule.finditer(text)] == [m.span(1) for m in reference.finditer(text)]


def test_targets_suffix_rule_starts_and_finditer_from():
    from rxnews.targets import SUFFIX_RULE, _finditer_from, _suffix_rule_starts

    text = "A PD-L1 inhibitor, an X 12345.6 ADC and CLDN 18.2-directed cells; no inhibitor."
    starts = _suffix_rule_starts(text)  # capitals that begin a word (after "-" too) near a suffix
    assert [text[s:s + 2] for s in starts] == ["A ", "PD", "L1", "X ", "CL"]
    assert [m.group(1) for m in _finditer_from(SUFFIX_RULE, text, starts)] == \
        ["PD-L1", "X 12345.6", "CLDN 18.2"]
    assert _suffix_rule_starts("ADC at the start, then nothing") == []


@pytest.mark.parametrize("seed", range(3))
def test_targets_suffix_rule_from_its_starts_is_its_finditer(seed):
    import random

    from rxnews.targets import SUFFIX_RULE as rule
    from rxnews.targets import _finditer_from, _suffix_rule_starts

    names = ["X", "PD-L1", "B7-H3", "CD19", "Ab", "Claudin 18.2", "X 12345.678", "KRAS G12C", "ABCD-EFGHIJ",
             "Q1 " + "9" * 40, "Ab" + "1" * 20 + ".5", "xY", "A\t1.2"]
    separators = [" ", "-", "--", " -", "  ", "/", ""]
    suffixes = ["inhibitors", "ADC", "targeting", "targeted", "target", "CAR-T", "antibodies", "directed",
                "antagonist", "activator", "inhibitorX"]
    glue = [" ", ", ", "", "-", "/", "\u00e9"]
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(glue) + rng.choice(names) + rng.choice(separators) + rng.choice(suffixes)
                       for _ in range(rng.randint(1, 4)))
        assert [m.span(1) for m in _finditer_from(rule, text, _suffix_rule_starts(text))] == \
            [m.span(1) for m in rule.finditer(text)]


def test_targets_none_without_drugs(extract):
    assert extract("PD-L1 expression is a biomarker studied by many groups.")["targets"] == []


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("approved by the U.S. Food and Drug Administration", [("FDA", "US")]),
        ("China's National Medical Products Administration's Drug Evaluation Center accepted it",
         [("CDE", "CN")]),
        ("the Center for Drug Evaluation (CDE) of the National Medical Products Administration (NMPA)",
         [("CDE", "CN"), ("NMPA", "CN")]),
        ("Japan's Pharmaceuticals and Medical Devices Agency and Health Canada", [("PMDA", "JP"),
                                                                                 ("Health Canada", "CA")]),
        ("the European Commission granted it; the CHMP opinion", [("EC", "EU"), ("CHMP", "EU")]),
        ("listed on the Hong Kong Stock Exchange (HKEX)", []),
    ],
)
def test_agencies_spellings(extract, text, expected):
    assert [(a["name"], a["jurisdiction"]) for a in extract(text)["agencies"]] == expected


def test_agencies_most_specific():
    parents = {"CDE": "NMPA", "NMPA": None, "FDA": None}
    assert most_specific(["NMPA", "CDE"], parents) == "CDE"
    assert most_specific(["FDA"], parents) == "FDA"
    assert most_specific([], parents) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LEADS BIOLABS-B (09887) announced results.", [("LEADS BIOLABS", "09887")]),
        ("BioNTech SE (NASDAQ: BNTX) and Duality Biologics (Suzhou) Co., Ltd agreed.",
         [("BioNTech SE", "BNTX")]),
        ("Acme Bio, Inc. (Nasdaq: ACMB) and Bar Pharmaceuticals Co., Ltd. signed it.",
         [("Acme Bio", "ACMB"), ("Bar Pharmaceuticals Co., Ltd.", None)]),
        ("Shanghai BioTroy Therapeutics announced it. BioTroy Therapeutics is private.",
         [("BioTroy Therapeutics", None)]),
    ],
)
def test_companies(extract, text, expected):
    got = [(c["name"], c["ticker"]) for c in extract(text)["companies"]]
    assert got[: len(expected)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("trial NCT01234567 and CTR20231234", [("nct", "NCT01234567"), ("ctr", "CTR20231234")]),
     ("approval number CXSL2300740", [("cde_acceptance", "CXSL2300740")]),
     ("EudraCT 2019-001234-56", [("eudract", "2019-001234-56")]),
     ("NCT0123 is too short", [])],
)
def test_identifiers(text, expected):
    assert [(k, text[s:e]) for k, s, e in find_identifiers(text)] == expected


@pytest.mark.parametrize("seed", range(3))
def test_identifier_patterns_match_their_leading_boundary_forms(seed):
    """The patterns check the boundary in a lookbehind, for speed; the matches are those of `\\b...`."""
    import random
    import re

    from rxnews.identifiers import IDENTIFIER_PATTERNS, find_identifiers

    plain = [r"\bNCT\d{8}\b", r"\b(?:CX|JX)[SH][LS]\d{7}\b", r"\bCTR\d{8}\b", r"\bChiCTR[-\d]{8,14}\b",
             r"\b(?:19|20)\d\d-\d{6}-\d{2}\b", r"\bISRCTN\d{8}\b"]
    pieces = ["NCT", "CX", "JX", "S", "H", "L", "CTR", "ChiCTR", "ISRCTN", "1234", "0", "20", "19", "-",
              "2024-", "123456-", "12", "x", "_", " ", "é", "\u0663"]
    rng = random.Random(seed)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        expected = []
        for (kind, _, rx), reference in zip(IDENTIFIER_PATTERNS, plain, strict=True):
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in re.finditer(reference, text)]
            expected += [(kind, *m.span()) for m in re.finditer(reference, text)]
        assert find_identifiers(text) == sorted(expected, key=lambda f: f[1])  # no needle misses one


@pytest.mark.parametrize(("text", "head"), [
    ("We at Acme Bio Inc.", "Acme Bio "),
    ("The Big Red Acme Bio Inc.", "Big Red Acme Bio "),  # at most four words
    ("results.\nAcme Bio Inc.", "Acme Bio "),
    ("(Acme Inc.", "Acme "),
    ("an acme Inc.", ""),
])
def test_companies_capitalised_words_before_a_designator(text, head):
    from rxnews.companies import _capitalised_words_before

    end = text.index("Inc.")
    assert text[_capitalised_words_before(text, end):end] == head


@pytest.mark.parametrize("seed", range(3))
def test_companies_name_before_ticker_matches_the_two_star_word_form(seed):
    """`_CAP` keeps the part after its period in the optional group, for speed; same matches."""
    import random
    import re

    from rxnews.companies import NAME_BEFORE_TICKER

    cap = r"(?:[A-Z0-9][A-Za-z0-9&'\-]*(?:\.(?=[A-Za-z]))?[A-Za-z0-9&'\-]*)"
    plain = re.compile(rf"((?:{cap} ){{0,4}}{cap})(?:-[A-Z])?[ ]?$")
    pieces = ["Acme", " ", "  ", "Bio", "Co.", "Ltd", "A.B", "-B", "-", "'", "&", "x", "the", "\n", ",",
              ".", "9", "é", "("]
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for lo in range(0, len(text) + 1, 4):
            new, old = NAME_BEFORE_TICKER.search(text, lo), plain.search(text, lo)
            assert (new and (new.span(), new.span(1))) == (old and (old.span(), old.span(1)))


def test_companies_long_run_of_capitalised_words_is_fast():
    import time

    from rxnews.companies import company_spans

    # The search starts inside the run, where each start fails after trying every split of
    # every word (70 ms a call), until the last five words.
    text = "Acme" + " Abcdefghij" * 20 + "x (HKEX: 1234)"
    started = time.process_time()
    for _ in range(10):
        [(start, end, ticker)] = company_spans(text, [])
    assert time.process_time() - started < 0.1
    assert text[start:end] == "Abcdefghij " * 4 + "Abcdefghijx" and ticker == "1234"
