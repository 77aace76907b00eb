import pytest

from rxnews.facts.identifiers import find_identifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [("trial NCT01234567 and CTR20231234", [("nct", "NCT01234567"), ("ctr", "CTR20231234")]),
     ("approval number CXSL2300740", [("cde_acceptance", "CXSL2300740")]),
     ("EudraCT 2019-001234-56", [("eudract", "2019-001234-56")]),
     ("NCT0123 is too short", []),
     # Inside a word is no identifier, at either end.
     ("XCXSL2300740", []), ("CXSL23007401", []), ("_NCT01234567", [])],
)
def test_identifiers(text, expected):
    assert [(k, text[s:e]) for k, s, e in find_identifiers(text)] == expected


@pytest.mark.parametrize("seed", range(3))
def test_identifier_patterns_match_their_leading_boundary_forms(seed):
    """The patterns check the boundary in a lookbehind, for speed; the matches are those of `\\b...`."""
    import random
    import re

    from rxnews.facts.identifiers import IDENTIFIER_PATTERNS, find_identifiers

    plain = [r"\bNCT\d{8}\b", r"\b(?:CX|JX)[SH][LS]\d{7}\b", r"\bCTR\d{8}\b", r"\bChiCTR[-\d]{8,14}\b",
             r"\b(?:19|20)\d\d-\d{6}-\d{2}\b", r"\bISRCTN\d{8}\b"]
    pieces = ["NCT", "CX", "JX", "S", "H", "L", "CTR", "ChiCTR", "ISRCTN", "1234", "0", "20", "19", "-",
              "2024-", "123456-", "12", "x", "_", " ", "é", "\u0663",
              # Whole identifiers and their parts, so that every kind matches (and fails to, beside
              # a letter, a digit or an underscore) many times.
              "CXSL", "JXHS", "1234567", "12345678", "-123456-", "CXSL1234567", "JXHS7654321",
              "NCT12345678", "CTR20231234", "ChiCTR2300012345", "ISRCTN12345678", "2019-123456-12"]
    rng = random.Random(seed)
    matches = dict.fromkeys((kind for kind, _, _ in IDENTIFIER_PATTERNS), 0)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        expected = []
        for (kind, _, rx), reference in zip(IDENTIFIER_PATTERNS, plain, strict=True):
            spans = [m.span() for m in re.finditer(reference, text)]
            assert [m.span() for m in rx.finditer(text)] == spans
            expected += [(kind, *span) for span in spans]
            matches[kind] += len(spans)
        assert find_identifiers(text) == sorted(expected, key=lambda f: f[1])  # no needle misses one
    assert min(matches.values()) >= 20, matches  # each kind is compared where it matches
