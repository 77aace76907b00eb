import pytest

from rxnews.facts.targets import context_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACM-101 is a TrkB-activating antibody.", [("TrkB", "NTRK2")]),
        ("ACM-101, a CSF1R inhibitor, modulates microglia.", [("CSF1R", "CSF1R")]),
        ("ACM-101 is a PD-L1/4-1BB bispecific antibody.", [("PD-L1", "CD274"), ("4-1BB", "TNFRSF9")]),
        ("ACM-101 targets Claudin 18.2 in gastric cancer.", [("Claudin 18.2", "CLDN18")]),
        ("ACM-101 is an anti-BCMA CAR-T therapy.", [("BCMA", "TNFRSF17")]),
        ("ACM-101 is a B7-H3-targeting ADC.", [("B7-H3", "CD276")]),
        ("ACM-101 is a HIF-1 alpha (hypoxia-inducible factor 1 alpha) antagonist.", [("HIF-1α", "HIF1A")]),
        ("ACM-101 is a selective COX-2 inhibitor.", [("COX-2", "PTGS2")]),
        ("ACM-101 is a CXCR-4 antagonist.", [("CXCR4", "CXCR4")]),
        ("ACM-101 is a heparanase inhibitor.", [("heparanase", "HPSE")]),
        ("ACM-101 is an angiotensin II type 2 receptor agonist.", [("AT2 receptor", "AGTR2")]),
        ("ACM-101 is a Porcupine inhibitor.", [("PORCN", "PORCN")]),
        ("ACM-101 is a GPR-119 agonist.", [("GPR119", "GPR119")]),
        ("ACM-101 is an HDAC1 inhibitor.", [("HDAC1", "HDAC1")]),
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

    from rxnews.facts.targets import CONTEXT_RULES

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
    from rxnews.facts.targets import SUFFIX_RULE, _finditer_from, _suffix_rule_starts

    text = "A PD-L1 inhibitor, an X 12345.6 ADC and CLDN 18.2-directed cells; no inhibitor."
    starts = _suffix_rule_starts(text)  # capitals that begin a word (after "-" too) near a suffix
    assert [text[s:s + 2] for s in starts] == ["A ", "PD", "L1", "X ", "CL"]
    assert [m.group(1) for m in _finditer_from(SUFFIX_RULE, text, starts)] == \
        ["PD-L1", "X 12345.6", "CLDN 18.2"]
    assert _suffix_rule_starts("ADC at the start, then nothing") == []


@pytest.mark.parametrize("seed", range(3))
def test_targets_suffix_rule_from_its_starts_is_its_finditer(seed):
    import random

    from rxnews.facts.targets import SUFFIX_RULE as rule
    from rxnews.facts.targets import _finditer_from, _suffix_rule_starts

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


@pytest.mark.parametrize(("text", "expected"), [
    # A gene and its variants are one target: by the variant when it is the only one.
    ("ACM-101 is a KRAS G12C inhibitor for KRAS-mutant cancers.", [("KRAS G12C", "KRAS", ["KRAS"])]),
    ("ACM-101 inhibits KRAS G12C and ACM-202 inhibits KRAS G12D.",
     [("KRAS", "KRAS", ["KRAS G12C", "KRAS G12D"])]),
    ("ACM-101 is a KRAS G12D inhibitor.", [("KRAS G12D", "KRAS", [])]),
])
def test_targets_a_gene_and_its_variants_are_one_target(extract, text, expected):
    assert [(t["name"], t["symbol"], t["aliases"]) for t in extract(text)["targets"]] == expected


def test_targets_none_without_drugs(extract):
    assert extract("PD-L1 expression is a biomarker studied by many groups.")["targets"] == []


@pytest.mark.parametrize(("text", "drugs", "targets"), [
    # A gene's symbol is shaped like a short code: where a target's context names it, it is a
    # target, and no drug anywhere in the release.
    ("ACM-101 is a ZQR5-targeted CAR-T therapy. ZQR5 is found on tumour stem cells.",
     ["ACM-101"], [("ZQR5", None)]),
    ("ACM-101 (ZP2 Antagonist) is an oral ZP2 antagonist.", ["ACM-101"], [("ZP2", None)]),
    ("ACM-101 is an antibody targeting the ZQR7 protein.", ["ACM-101"], [("ZQR7", None)]),
    # Written with a hyphen, the lexicon's symbol still names it; "DLK" (another gene) is not
    # read inside it.
    ("ACM-101 is an anti-DLK-1 antibody.", ["ACM-101"], [("DLK-1", "DLK1")]),
    # A code of three digits or more is a drug even before a target's word.
    ("Acme's ACM-101 inhibitor entered the clinic.", ["ACM-101"], []),
])
def test_targets_short_codes_in_a_targets_context_are_targets(extract, text, drugs, targets):
    record = extract(text)
    assert [d["name"] for d in record["drugs"]] == drugs
    assert [(t["name"], t["symbol"]) for t in record["targets"]] == targets


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("an anti-ZQ7 antibody", (8, 11), True),
    ("targeting the ZQ7 receptor", (14, 17), True),
    ("a ZQ7-directed therapy", (2, 5), True),
    ("a ZQ7 Inhibitor", (2, 5), True),
    ("ZQ7 was dosed", (0, 3), False),
    ("the antibody ZQ7", (13, 16), False),
])
def test_names_a_target(text, span, expected):
    from rxnews.facts.targets import names_a_target
    assert names_a_target(text, *span) is expected
