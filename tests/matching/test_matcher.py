import subprocess
import sys

import pytest

from rxnews import Extractor
from rxnews.matching.chunks import chunk_spans
from rxnews.matching.matcher import Match, PatternMatcher, headline_case, longest_matches
from rxnews.matching.patterns import PatternEntry
from rxnews.matching.token_patterns import TokenPattern, literal_phrases, make_vocab
from rxnews.matching.tokens import tokenize


def entry(i, label, pattern, **attrs):
    return PatternEntry(i, label, pattern, {"canonical": pattern, **attrs})


def test_matcher_matcher_case_rule_and_offsets():
    matcher = PatternMatcher([entry("a", "TARGET", "PD-L1"), entry("b", "DISEASE", "breast cancer"),
                              entry("c", "CUE", [{"LOWER": "approved"}], cue="approve")])
    text = "A PD-L1/4-1BB antibody for BREAST CANCER was Approved; pd-l1 is lowercase."
    found = [(m.label, text[m.start:m.end]) for m in matcher(text)]
    assert found == [("TARGET", "PD-L1"), ("DISEASE", "BREAST CANCER"), ("CUE", "Approved")]


def test_matcher_longest_matches_per_label():
    e = entry("x", "DISEASE", "x")
    cue = entry("c", "CUE", "c", cue="c")
    matches = [Match("CUE", 0, 3, cue), Match("CUE", 0, 5, cue), Match("DISEASE", 0, 10, e),
               Match("DISEASE", 4, 10, e), Match("TARGET", 4, 6, e), Match("DISEASE", 12, 16, e),
               Match("DISEASE", 14, 18, e), Match("TARGET", 20, 22, e)]  # in text order
    kept = longest_matches(matches)
    assert [(m.label, m.start, m.end) for m in kept] == [
        ("CUE", 0, 3), ("CUE", 0, 5), ("DISEASE", 0, 10), ("TARGET", 4, 6),
        ("DISEASE", 12, 16), ("TARGET", 20, 22)]  # equal lengths: the first wins


def test_matcher_phrases_cross_line_breaks_but_not_paragraphs_or_addresses():
    matcher = PatternMatcher([entry("b", "DISEASE", "breast cancer"), entry("k", "DRUG", "keytruda")])
    text = "metastatic breast\ncancer. Breast\n\ncancer. Visit keytruda.com or www.keytruda.com/x."
    found = [(m.label, text[m.start:m.end]) for m in matcher(text)]
    assert found == [("DISEASE", "breast\ncancer")]


def test_matcher_token_patterns_run_per_sentence():
    cue = entry("c", "CUE", [{"LOWER": "met"}, {"LOWER": "its"}, {"LOWER": "endpoint"}], cue="endpoint")
    matcher = PatternMatcher([cue])
    text = "The trial met its endpoint. It met its. Endpoint data follow."
    whole = [text[m.start:m.end] for m in matcher(text)]
    split = [text[m.start:m.end] for m in matcher(text, [(0, 27), (28, 39), (40, len(text))])]
    assert whole == split == ["met its endpoint"]


def test_matcher_long_text_is_matched_in_chunks_with_whole_text_offsets(extractor, monkeypatch):
    from conftest import SAMPLES

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    whole = extractor.extract(text).to_dict()
    monkeypatch.setattr(extractor.matcher, "max_length", 1500)
    assert len(chunk_spans(text, 1500)) > 5  # really chunked
    chunked = extractor.extract(text).to_dict()
    assert chunked == whole
    mentions = [m for field in ("companies", "drugs", "targets", "indications", "agencies")
                for item in chunked[field] for m in item["mentions"]]
    assert len(mentions) > 50
    assert all(text[m["start"]:m["end"]] == m["text"] for m in mentions)
    assert max(m["end"] for m in mentions) > 10_000  # offsets past the first chunks


def test_matcher_text_longer_than_max_length_does_not_fail(extractor, monkeypatch):
    monkeypatch.setattr(extractor.matcher, "max_length", 100)
    text = "The FDA approved ACM-101 for gout. " * 40 + "x" * 250
    record = extractor.extract(text)
    assert [d.name for d in record.drugs] == ["ACM-101"]
    assert len(record.drugs[0].mentions) == 40


def test_matcher_literal_token_pattern_matches_like_the_matcher():
    cue = entry("c", "CUE", [{"LOWER": "to"}, {"LOWER": {"IN": ["file", "submit"]}}], cue="future")
    text = "plans To FILE and to submit, not to\n\nfile"
    assert [text[m.start:m.end] for m in PatternMatcher([cue])(text)] == ["To FILE", "to submit"]


def test_matcher_token_pattern_window_is_clipped_to_the_sentence():
    pattern = TokenPattern.from_pattern([{"LOWER": "to"}, {"OP": "{0,2}"}, {"LOWER": "clinical"}])
    assert pattern.window(4, 0, 10) == (1, 5)
    assert pattern.window(4, 3, 10) == (3, 5)
    assert TokenPattern([], frozenset({"x"}), None, 2).window(4, 1, 10) == (1, 7)


def test_matcher_unanchored_token_patterns_run_on_whole_sentences():
    cue = entry("c", "CUE", [{"LOWER": "raised"}, {"OP": "*"}, {"IS_DIGIT": True}], cue="financing")
    text = "It raised a lot of money, some 500. Then 7 more."
    found = [text[m.start:m.end] for m in PatternMatcher([cue])(text, [(0, 35), (36, len(text))])]
    assert found == ["raised a lot of money, some 500"]


def test_matcher_token_match_never_runs_from_one_sentence_into_the_next():
    cue = entry("c", "CUE", [{"LOWER": "a"}, {"LOWER": "b"}], cue="x")
    cue2 = entry("d", "CUE", [{"LOWER": "b"}, {"LOWER": "a", "OP": "?"}], cue="x")
    matcher = PatternMatcher([cue, cue2])
    text = "Then b a. Then b a. Then a b."
    sentences = [(0, 9), (10, 19), (20, len(text))]
    found = [(m.entry.id, text[m.start:m.end]) for m in matcher(text, sentences)]
    assert found == [("d", "b"), ("d", "b a"), ("d", "b"), ("d", "b a"), ("c", "a b"), ("d", "b")]


def test_matcher_token_patterns_match_like_the_matcher_on_each_sentence(extractor):
    """On real release texts, the shipped token patterns find what spaCy's Matcher finds on a
    Doc of each sentence."""
    from conftest import real_texts
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from rxnews.matching.sentences import split_sentences

    matcher = extractor.matcher
    token_entries = [e for e in extractor.entries
                     if not isinstance(e.pattern, str) and literal_phrases(e.pattern) is None]
    assert len(token_entries) >= 5
    vocab = make_vocab([e.pattern for e in token_entries])
    reference = Matcher(vocab)
    for e in token_entries:
        reference.add(e.id, [e.pattern])
    total = 0
    for path in real_texts():
        text = path.read_text(encoding="utf-8")
        sentences = split_sentences(text, extractor.abbreviations)
        words, starts = tokenize(text)
        expected = set()
        for lo, hi in sentences:
            index = [i for i, s in enumerate(starts) if lo <= s < hi]
            if index:
                doc = Doc(vocab, words=words[index[0]:index[-1] + 1])
                for key, s, e in reference(doc):
                    first, last = index[0] + s, index[0] + e - 1
                    expected.add((vocab.strings[key], starts[first], starts[last] + len(words[last])))
        ids = {e.id for e in token_entries}
        found = {(m.entry.id, m.start, m.end) for m in matcher(text, sentences) if m.entry.id in ids}
        assert found == expected
        total += len(found)
    assert total > 10


def test_matcher_builds_spacys_side_only_when_a_text_reaches_a_pattern_it_runs():
    dose = [{"LOWER": "to"}, {"LIKE_NUM": True, "OP": "?"}, {"LOWER": "dose"}]  # LIKE_NUM: spaCy's
    early = [{"LOWER": "an"}, {"OP": "?"}, {"LOWER": "early"}]  # compiled: never spaCy's
    matcher = PatternMatcher([entry("p", "DISEASE", "psoriasis"), entry("t", "CUE", dose, cue="dose"),
                              entry("e", "CUE", early, cue="early")])
    assert matcher.needs_spacy
    found = matcher("Approved for psoriasis, to many patients, an early one.")
    assert [m.entry.id for m in found] == ["p", "e"]
    assert matcher._spacy is None  # "to" alone never reaches the pattern's anchor ("dose")
    assert [m.entry.id for m in matcher("It is ready to dose patients.")] == ["t"]
    assert matcher._spacy is not None
    assert [e.id for e in matcher._spacy.entries.values()] == ["t"]


def test_matcher_runs_compiled_and_spacy_token_patterns_together():
    """A sentence with windows of both kinds: each pattern finds its own matches, once."""
    spacy_run = [{"LOWER": "dose"}, {"LIKE_NUM": True}]
    compiled = [{"LOWER": "dose"}, {"IS_DIGIT": True, "OP": "+"}]
    matcher = PatternMatcher([entry("s", "CUE", spacy_run, cue="dose"),
                              entry("c", "CUE", compiled, cue="dose")])
    text = "A dose 10 then dose 20 30. And dose ten."
    found = [(m.entry.id, text[m.start:m.end]) for m in matcher(text, [(0, 26), (27, len(text))])]
    assert found == [("c", "dose 10"), ("s", "dose 10"), ("c", "dose 20"), ("s", "dose 20"),
                     ("c", "dose 20 30"), ("s", "dose ten")]


@pytest.mark.parametrize(("text", "events"), [
    ("Acme Bio reports first quarter results. Revenue grew to $5 million.", []),
    # A shipped token pattern ("to conduct ... trial"): compiled, so spaCy is not needed.
    ("Acme Bio received approval to conduct a clinical trial of ACM-101.", ["ind_clearance"]),
])
def test_matcher_extracting_with_the_shipped_patterns_never_imports_spacy(text, events):
    code = ("import sys; from rxnews import Extractor; record = Extractor().extract(sys.argv[1]); "
            "print('spacy' in sys.modules, [e.type for e in record.events])")
    result = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"False {events}"


@pytest.mark.parametrize(("text", "built"), [
    ("Acme Bio dosed 12 patients in March.", False),  # no "dose": the pattern is not reached
    ("Acme Bio raised the dose to twelve.", True),
])
def test_matcher_a_user_pattern_spacy_runs_builds_its_matcher_when_reached(tmp_path, text, built):
    """(Validating a user's token pattern imports spaCy; its Matcher is built only when needed.)"""
    (tmp_path / "mine.jsonl").write_text(
        '{"id": "dose-num", "label": "CUE", "cue": "dose", '
        '"pattern": [{"LOWER": "dose"}, {"LOWER": "to"}, {"LIKE_NUM": true}]}\n', encoding="utf-8")
    extractor = Extractor([tmp_path])
    found = [m.entry.id for m in extractor.make_doc(text).matches if m.entry.id == "dose-num"]
    assert (extractor.matcher._spacy is not None, found) == (built, ["dose-num"] if built else [])


@pytest.mark.parametrize(("words", "expected"), [
    (["IND", "application"], ["IND", "Application"]),
    (["access", "to", "PRIME"], ["Access", "to", "PRIME"]),  # small words stay lower case
    (["diffuse", "large", "B", "cell", "lymphoma"], ["Diffuse", "Large", "B", "Cell", "Lymphoma"]),
    (["PD", "-", "L1"], ["PD", "-", "L1"]),
    (["mRNA", "vaccine"], ["mRNA", "Vaccine"]),
])
def test_matcher_headline_case(words, expected):
    assert headline_case(words) == expected


def test_matcher_case_sensitive_phrases_also_match_in_headline_case():
    matcher = PatternMatcher([entry("p", "CUE", "PRIME designation", cue="prime"),
                              entry("d", "DISEASE", "diffuse large B cell lymphoma")])
    text = ("Acme Receives PRIME Designation for Diffuse Large B Cell Lymphoma; prime designation; "
            "PRIME DESIGNATION")
    found = [text[m.start:m.end] for m in matcher(text)]
    assert found == ["PRIME Designation", "Diffuse Large B Cell Lymphoma"]
