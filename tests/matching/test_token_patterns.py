import pytest

from rxnews.matching.token_patterns import TokenPattern, literal_phrases, max_width


def test_token_patterns_required_words_of_token_patterns():
    pattern = [{"LOWER": {"IN": ["Raised", "closed"]}}, {"TEXT": "US", "OP": "?"},
               {"TEXT": {"NOT_IN": ["."]}, "OP": "{0,3}"}, {"ORTH": "$"}]
    # The required word sets, the smallest first (the likeliest to rule a window out).
    assert TokenPattern.from_pattern(pattern).required == [frozenset({"$"}), frozenset({"raised", "closed"})]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [([{"ORTH": "may"}], (True, [["may"]])),
     ([{"LOWER": "to"}, {"LOWER": {"IN": ["file", "Submit"]}}], (False, [["to", "file"], ["to", "submit"]])),
     ([{"LOWER": "to", "OP": "?"}], None),  # an operator
     ([{"ORTH": "a"}, {"LOWER": "b"}], None),  # mixed case rules
     ([{"LOWER": "pd-1"}], None),  # not one token
     ([{"LOWER": {"NOT_IN": ["x"]}}], None),
     ([{"IS_DIGIT": True}], None),
     ([{"LOWER": {"IN": [str(i) for i in range(23)]}}] * 2, None),  # 529 phrases: too many
     ("a phrase", None)],
)
def test_token_patterns_literal_phrases(pattern, expected):
    assert literal_phrases(pattern) == expected


@pytest.mark.parametrize(
    ("pattern", "width"),
    [([{"LOWER": "a"}], 1),
     ([{"LOWER": "a"}, {"OP": "?"}, {"LOWER": "b", "OP": "!"}], 3),
     ([{"LOWER": "a"}, {"OP": "{0,7}"}, {"OP": "{2}"}, {"OP": "{,3}"}], 13),
     ([{"LOWER": "a"}, {"OP": "*"}], None),
     ([{"LOWER": "a"}, {"OP": "+"}], None),
     ([{"LOWER": "a"}, {"OP": "{2,}"}], None)],
)
def test_token_patterns_max_width(pattern, width):
    assert max_width(pattern) == width


@pytest.mark.parametrize(
    ("pattern", "anchor", "before", "after"),
    [([{"LOWER": {"IN": ["to", "for"]}}, {"OP": "{0,2}"}, {"LOWER": "clinical"}, {"LOWER": "trial"}],
      {"clinical"}, 3, 1),
     # Stop words make a poor anchor even in a smaller set.
     ([{"LOWER": "to"}, {"LOWER": {"IN": ["start", "begin"]}}, {"OP": "*"}], {"start", "begin"}, 1, None),
     ([{"LOWER": "to"}, {"OP": "?"}, {"LOWER": "x", "OP": "{1,3}"}], {"x"}, 4, 2),
     ([{"LOWER": "to"}, {"LOWER": "x", "OP": "+"}], {"x"}, None, None),
     ([{"IS_DIGIT": True}, {"LOWER": "x", "OP": "?"}], None, None, None)],
)
def test_token_patterns_token_pattern_anchor_and_reach(pattern, anchor, before, after):
    found = TokenPattern.from_pattern(pattern)
    assert (found.anchor, found.before, found.after) == (anchor and frozenset(anchor), before, after)
