"""Patterns rewritten for speed match exactly what their plain forms match."""

import re

import pytest
from hypothesis import given, seed
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts.frames import ASIDE
from rxnews.facts.indications import GENE_DISEASE, STATUS, STATUS_MARKERS
from rxnews.matching.regex import after_no

PARTS = st.sampled_from(["HR", "HER2", "ER", "-", "+", " ", "x", "A", "positive", "ER-", "PD-L1", "_", "\n",
                         "TTR", "-related", " disease", "9", "a", "CLDN18.2", "low", "(", "\u00e9", "\u212a",
                         "that", "Who", ", which", " licensed", "\u017f", "\u0131", ";", "PLA2G6",
                         "-associated", " amyloidosis", " neurodegeneration"])
# Whole matches of each pattern (a gene-named disease, a status, an aside), so that every
# pattern matches, and fails to match beside the parts above, many times.
MATCHES = st.sampled_from(["PLA2G6-associated neurodegeneration", " TTR-related amyloidosis",
                           " HER2-negative", "ER+", " who licensed", " that granted"])
TEXTS = st.lists(st.one_of(PARTS, MATCHES, st.text(max_size=3)), max_size=30).map("".join)
PLAIN_STATUS = re.compile(r"(?<![\w-])(?:" + "|".join(STATUS_MARKERS) + ")"
                          + STATUS.pattern[len(after_no(r"[\w-]", STATUS_MARKERS)):])
PLAIN_GENE = re.compile(GENE_DISEASE.pattern.replace(r"[A-Z](?<!\w.)", r"\b[A-Z]", 1))
PLAIN_ASIDE = re.compile(ASIDE.pattern.replace(after_no(r"\w", ["that", "who"]), r"\b(?:that|who)"), re.I)


PAIRS = {"STATUS": (STATUS, PLAIN_STATUS), "GENE_DISEASE": (GENE_DISEASE, PLAIN_GENE),
         "ASIDE": (ASIDE, PLAIN_ASIDE)}


def spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", PAIRS)
def test_regex_plain_forms_differ_from_the_patterns(name):
    """Each plain form is written by replacing a part of its pattern: if the part is no longer
    there, the test below would compare a pattern with itself."""
    pattern, plain = PAIRS[name]
    assert plain.pattern != pattern.pattern


def test_regex_after_no_matches_what_a_leading_look_behind_matches():
    matched = dict.fromkeys(PAIRS, 0)

    @SETTINGS
    @seed(20240502)
    @given(TEXTS)
    def check(text):
        for name, (pattern, plain) in PAIRS.items():
            found = spans(pattern, text)
            assert found == spans(plain, text), name
            matched[name] += bool(found)

    check()
    assert min(matched.values()) >= 10, matched  # each pair is compared where it matches


def test_regex_after_no_writes_the_look_behind_after_the_first_character():
    assert after_no(r"\w", ["AB", "C[12]"]) == r"(?:A(?<!\w.)B|C(?<!\w.)[12])"
    pattern = re.compile(after_no(r"[\w-]", ["ER", "HER2"]))
    assert [m.group() for m in pattern.finditer("ER HER2 xER -ER (ER)")] == ["ER", "HER2", "ER"]
