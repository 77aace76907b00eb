import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.matching.tokens import WordMemo, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("PD-L1/4-1BB", ["PD", "-", "L1", "/", "4", "-", "1BB"]),
     ("TrkB-activating", ["TrkB", "-", "activating"]),
     ("Technologies(4B)", ["Technologies", "(", "4B", ")"]),
     ("Velesin\u2122", ["Velesin", "\u2122"]),
     ("Alzheimer's", ["Alzheimer", "'", "s"]),
     ("see www.keytruda.com/hcp or info@acme.com.",
      ["see", "www.keytruda.com/hcp", "or", "info@acme.com", "."]),
     ("end.\n \nNext", ["end", ".", "\n\n", "Next"]),
     ("line\nwrapped", ["line", "wrapped"]),
     ("CD20xCD3 and FcRH5xBCMA", ["CD20", "x", "CD3", "and", "FcRH5", "x", "BCMA"]),
     ("MaxCyte, 4x daily, TAXOTERE", ["MaxCyte", ",", "4x", "daily", ",", "TAXOTERE"])],
)
def test_tokens_tokenizer_splits_hyphens_slashes_brackets(text, tokens):
    words, starts = tokenize(text)
    assert words == tokens
    assert all(text[s:s + len(w)] == w for s, w in zip(starts, words, strict=True) if w != "\n\n")


ADDRESS_PARTS = st.sampled_from([
    "www.", "https://", "http://", "@", ".com", ".org", ".io", ".comx", "acme", "info", "-", "/", ".",
    "x", "1", "CD3", "BCMA", "Ax", " ", "\n", "\n \n", "\t", "\u00a0", "\u2028", "\"", "<", "(", ")",
    "PD-L1", "_", "+",
])
ADDRESS_TEXTS = st.lists(st.one_of(ADDRESS_PARTS, st.text(max_size=4)), max_size=30).map("".join)


@SETTINGS
@given(ADDRESS_TEXTS)
def test_tokens_tokenize_gives_the_tokens_of_the_one_regex(text):
    """The fast tokenizers (plain tokens, TOKEN only around address hints) equal TOKEN on the text."""
    from rxnews.matching.tokens import PARAGRAPH, TOKEN, phrase_words, split_pairs, tokenize

    found = list(TOKEN.finditer(text))
    expected = ([PARAGRAPH if m.group()[0] == "\n" else m.group() for m in found], [m.start() for m in found])
    split_pairs(text, *expected)
    assert tokenize(text) == expected
    assert phrase_words(text) == expected[0]


def test_tokens_word_memo_computes_each_word_once_and_stays_bounded():
    calls = []

    def shout(word):
        calls.append(word)
        return word.upper() if word != "no" else ""

    memo = WordMemo(shout, limit=3)
    words = ["a", "no", "a", "b", "no"]
    assert memo.of(words) == ["A", "", "A", "B", ""]
    assert memo.where(words) == [0, 2, 3]  # the positions of true values
    assert calls == ["a", "no", "b"]  # each distinct word computed once
    assert memo.of(["c"]) == ["C"] and len(memo) == 1  # full at 3 words: emptied first
    assert memo.where([]) == []


def split_pairs_one_by_one(text, words, starts):
    """`split_pairs` as first written: each split inserted into the lists in place."""
    from bisect import bisect_left

    from rxnews.matching.tokens import _PAIR, _PAIR_X

    for hit in reversed([m.start() for m in _PAIR_X.finditer(text)]):
        i = bisect_left(starts, hit + 1) - 1
        if i < 0 or not _PAIR.fullmatch(words[i]) or starts[i] + len(words[i]) <= hit:
            continue
        cut = hit - starts[i]
        words[i:i + 1] = [words[i][:cut], "x", words[i][cut + 1:]]
        starts[i:i + 1] = [starts[i], hit, hit + 1]


@SETTINGS
@given(st.lists(st.sampled_from(["CD20", "x", "CD3", "BCMA", "FcRH5", "A", "1", " ", "-", "xx", "CD47",
                                 "\n\n"]), max_size=30).map("".join))
def test_tokens_split_pairs_equals_splitting_one_by_one(text):
    from rxnews.matching.tokens import TOKEN, split_pairs

    found = list(TOKEN.finditer(text))
    words, starts = [m.group() for m in found], [m.start() for m in found]
    expected = (list(words), list(starts))
    split_pairs_one_by_one(text, *expected)
    split_pairs(text, words, starts)
    assert (words, starts) == expected


def test_tokens_split_pairs_of_a_big_release_moves_no_tokens():
    """Thousands of bispecifics ("CD20xCD3"): the lists are rebuilt once, not once per split."""
    from rxnews.matching import tokens

    text = "CD20xCD3 and BCMAxCD3. " * 5000
    rebuilt = []
    found = list(tokens.TOKEN.finditer(text))

    class Counted(list):
        def __setitem__(self, key, value):
            rebuilt.append(key)
            super().__setitem__(key, value)

    words, starts = Counted(m.group() for m in found), Counted(m.start() for m in found)
    tokens.split_pairs(text, words, starts)
    assert len(rebuilt) == 2  # the words, then the starts
    assert words[:8] == ["CD20", "x", "CD3", "and", "BCMA", "x", "CD3", "."]
    assert len(words) == 5000 * 8
