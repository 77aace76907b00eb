import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxnews.matching.token_engine import compile_pattern, is_punct, repeats
from rxnews.matching.token_patterns import make_vocab

WORDS = ["a", "A", "an", "The", "to", "To", "TO", ".", ",", "-", "(", "$", "10", "x", "X1", "Ab", "trial",
         "Trial", "é", "\u2014"]
STRING_ATTRS = ["ORTH", "TEXT", "LOWER"]
FLAGS = ["IS_PUNCT", "IS_TITLE", "IS_DIGIT", "IS_ALPHA", "IS_LOWER", "IS_UPPER"]
OPS = ["", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "{2,}", "{,2}", "{0}"]

word_lists = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True)
string_values = st.one_of(st.sampled_from(WORDS), st.fixed_dictionaries({"IN": word_lists}),
                          st.fixed_dictionaries({"NOT_IN": word_lists}),
                          st.fixed_dictionaries({"IN": word_lists, "NOT_IN": word_lists}))
lengths = st.lists(st.integers(0, 5), min_size=1, max_size=3, unique=True)
length_values = st.one_of(st.integers(0, 5), st.fixed_dictionaries({"IN": lengths}),
                          st.fixed_dictionaries({"NOT_IN": lengths}))


@st.composite
def specs(draw):
    spec = {}
    for attr in draw(st.lists(st.sampled_from(STRING_ATTRS + FLAGS + ["LENGTH"]), max_size=2, unique=True)):
        spec[attr] = (draw(string_values) if attr in STRING_ATTRS else
                      draw(length_values) if attr == "LENGTH" else draw(st.booleans()))
    op = draw(st.sampled_from(OPS))
    if op:
        spec["OP"] = op
    return spec


def spacy_matches(pattern, words):
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    vocab = make_vocab([pattern])
    matcher = Matcher(vocab)
    matcher.add("p", [pattern])
    return sorted((start, end) for _, start, end in matcher(Doc(vocab, words=words)))


@settings(max_examples=400, deadline=None)
@given(st.lists(specs(), min_size=1, max_size=4), st.lists(st.sampled_from(WORDS), min_size=1, max_size=9))
def test_token_engine_finds_what_spacys_matcher_finds(pattern, words):
    compiled = compile_pattern(pattern)
    assert compiled is not None
    assert sorted(compiled.matches(words, 0, len(words))) == spacy_matches(pattern, words)


@pytest.mark.parametrize(("pattern", "words", "expected"), [
    # Every span a pattern can take, as spaCy's Matcher gives them: not only the longest.
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}], "A b b", [(0, 1), (0, 2)]),
    ([{"LOWER": "a"}, {"OP": "*"}], "a b c", [(0, 1), (0, 2), (0, 3)]),
    ([{"LOWER": "a", "OP": "+"}, {"LOWER": "b"}], "a a b", [(0, 3), (1, 3)]),
    ([{"TEXT": {"NOT_IN": ["."]}, "OP": "{0,2}"}, {"LOWER": "trial"}], "a . b c trial",
     [(2, 5), (3, 5), (4, 5)]),
    ([{"IS_PUNCT": True, "TEXT": {"NOT_IN": ["-"]}}], "a , - ( $", [(1, 2), (3, 4)]),  # "$" is a symbol
    ([{"IS_TITLE": True}, {"LOWER": "to"}], "Acme to ACME to", [(0, 2)]),
    ([{"LOWER": "a", "OP": "?"}], "b", []),  # a match holds a token
])
def test_token_engine_matches(pattern, words, expected):
    words = words.split()
    assert compile_pattern(pattern).matches(words, 0, len(words)) == expected


def test_token_engine_matches_only_inside_the_range():
    words = "a b a b".split()
    assert compile_pattern([{"LOWER": "a"}, {"LOWER": "b", "OP": "*"}]).matches(words, 1, 3) == [(2, 3)]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "!"}],  # negation: left to spaCy
    [{"LIKE_NUM": True}],  # an attribute this engine does not compute
    [{"lower": "a"}],  # spaCy reads lower-case keys; this engine leaves them to it
    [{"TEXT": {"REGEX": "^a"}}],
    [{"LENGTH": {">=": 3}}],
    [{"IS_DIGIT": 1}],  # not a bool
    [{"LENGTH": True}],  # not an int
    [{"LOWER": {"IN": ["a", 1]}}],
    [{"LOWER": {"IN": "a"}}],  # not a list
    [{"LOWER": {}}],
    [{"OP": "{,}"}],
    [{"OP": "{1,2"}],
    [],
])
def test_token_engine_leaves_other_patterns_to_spacy(pattern):
    assert compile_pattern(pattern) is None


@pytest.mark.parametrize(("op", "expected"), [
    ("", (1, 1)), ("?", (0, 1)), ("*", (0, None)), ("+", (1, None)), ("{3}", (3, 3)), ("{1,4}", (1, 4)),
    ("{2,}", (2, None)), ("{,5}", (0, 5)), ("!", None), ("{}", None), ("{,}", None), (1, None),
])
def test_token_engine_repeats(op, expected):
    assert repeats(op) == expected


@pytest.mark.parametrize(("word", "expected"), [
    (",", True), ("...", True), ("\u2014", True), ("(", True), ("$", False), ("+", False), ("a.", False),
])
def test_token_engine_is_punct(word, expected):
    assert is_punct(word) is expected
