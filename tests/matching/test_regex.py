"""Patterns rewritten for speed match exactly what their plain forms match."""

import re

from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts.frames import ASIDE
from rxnews.facts.indications import GENE_DISEASE, STATUS, STATUS_MARKERS
from rxnews.matching.regex import after_no

PARTS = st.sampled_from(["HR", "HER2", "ER", "-", "+", " ", "x", "A", "positive", "ER-", "PD-L1", "_", "\n",
                         "TTR", "-related", " disease", "9", "a", "CLDN18.2", "low", "(", "\u00e9", "\u212a",
                         "that", "Who", ", which", " licensed", "\u017f", "\u0131", ";"])
TEXTS = st.lists(st.one_of(PARTS, st.text(max_size=3)), max_size=30).map("".join)
PLAIN_STATUS = re.compile(r"(?<![\w-])(?:" + "|".join(STATUS_MARKERS) + ")"
                          + STATUS.pattern[len(after_no(r"[\w-]", STATUS_MARKERS)):])
PLAIN_GENE = re.compile(GENE_DISEASE.pattern.replace(r"[A-Z](?<!\w.)", r"\b[A-Z]", 1))
PLAIN_ASIDE = re.compile(ASIDE.pattern.replace(after_no(r"\w", ["that", "who"]), r"\b(?:that|who)"), re.I)


def spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


@SETTINGS
@given(TEXTS)
def test_regex_after_no_matches_what_a_leading_look_behind_matches(text):
    assert spans(STATUS, text) == spans(PLAIN_STATUS, text)
    assert spans(GENE_DISEASE, text) == spans(PLAIN_GENE, text)
    assert spans(ASIDE, text) == spans(PLAIN_ASIDE, text)


def test_regex_after_no_writes_the_look_behind_after_the_first_character():
    assert after_no(r"\w", ["AB", "C[12]"]) == r"(?:A(?<!\w.)B|C(?<!\w.)[12])"
    pattern = re.compile(after_no(r"[\w-]", ["ER", "HER2"]))
    assert [m.group() for m in pattern.finditer("ER HER2 xER -ER (ER)")] == ["ER", "HER2", "ER"]
