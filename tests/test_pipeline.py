import pytest

from rxnews.patterns import PatternEntry
from rxnews.pipeline import Match, PatternMatcher, longest_matches, make_nlp


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("PD-L1/4-1BB", ["PD", "-", "L1", "/", "4", "-", "1BB"]),
     ("TrkB-activating", ["TrkB", "-", "activating"]),
     ("Technologies(4B)", ["Technologies", "(", "4B", ")"]),
     ("Velesin\u2122", ["Velesin", "\u2122"])],
)
def test_pipeline_tokenizer_splits_hyphens_slashes_brackets(text, tokens):
    assert [t.text for t in make_nlp().make_doc(text)] == tokens


def entry(i, label, pattern, **attrs):
    return PatternEntry(i, label, pattern, {"canonical": pattern, **attrs})


def test_pipeline_matcher_case_rule_and_offsets():
    matcher = PatternMatcher([entry("a", "TARGET", "PD-L1"), entry("b", "DISEASE", "breast cancer"),
                              entry("c", "CUE", [{"LOWER": "approved"}], cue="approve")])
    text = "A PD-L1/4-1BB antibody for BREAST CANCER was Approved; pd-l1 is lowercase."
    found = [(m.label, text[m.start:m.end]) for m in matcher(text)]
    assert found == [("TARGET", "PD-L1"), ("DISEASE", "BREAST CANCER"), ("CUE", "Approved")]


def test_pipeline_longest_matches_per_label():
    e = entry("x", "DISEASE", "x")
    cue = entry("c", "CUE", "c", cue="c")
    matches = [Match("DISEASE", 0, 10, e), Match("DISEASE", 4, 10, e), Match("TARGET", 4, 6, e),
               Match("CUE", 0, 3, cue), Match("CUE", 0, 5, cue)]
    kept = longest_matches(matches)
    assert [(m.label, m.start, m.end) for m in kept] == [
        ("CUE", 0, 3), ("CUE", 0, 5), ("DISEASE", 0, 10), ("TARGET", 4, 6)]
