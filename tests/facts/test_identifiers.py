import pytest

from rxnews.facts.identifiers import find_identifiers


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

    from rxnews.facts.identifiers import IDENTIFIER_PATTERNS, find_identifiers

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
