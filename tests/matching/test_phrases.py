import pytest

from rxnews.matching.phrases import PhraseTable


def test_phrases_overlaps_lengths_and_keys():
    table = PhraseTable()
    table.add("lung", ["lung", "cancer"])
    table.add("nsclc", ["non", "small", "cell", "lung", "cancer"])
    table.add("cell", ["cell"])
    table.add("cancer", ["cancer"])
    table.add("cancer2", ["cancer"])
    words = "non small cell lung cancer and lung".split()
    assert table(words) == [("nsclc", 0, 5), ("cell", 2, 3), ("lung", 3, 5), ("cancer", 4, 5),
                            ("cancer2", 4, 5)]


def test_phrases_prefix_at_end_of_words_is_no_match():
    table = PhraseTable()
    table.add("x", ["breast", "cancer"])
    assert table(["breast"]) == []
    assert table([]) == []


def test_phrases_adding_a_phrase_twice_to_a_key_gives_one_match():
    table = PhraseTable()
    table.add("x", ["pd", "-", "1"])
    table.add("x", ["pd", "-", "1"])
    assert table(["pd", "-", "1"]) == [("x", 0, 3)]


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [("orphan drug designations", "two orphan - drug designations", [(1, 5)]),  # hyphen in the text
     ("top - line", "top line results", [(0, 2)]),  # hyphen in the phrase
     ("top - line", "top - line results", [(0, 3)]),
     ("non - small cell", "non small - cell", [(0, 4)]),
     ("pd - 1", "pd 1", []),  # a hyphen before a number joins no two words of letters
     ("pd 1", "pd - 1", []),
     ("orphan", "orphan - drug", [(0, 1)]),  # a phrase ends before the hyphen
     ("orphan drug", "orphan - - drug", []),
     # an abbreviation in parentheses inside a phrase of the text is passed over
     ("junction cancer", "junction ( gej ) cancer", [(0, 5)]),
     ("hr - positive", "hr ( hr ) - positive", [(0, 6)]),
     ("junction cancer", "junction ( the late ) cancer", []),
     ("junction cancer", "junction ( a ) cancer", []),  # one letter: no abbreviation
     ("junction", "junction ( gej )", [(0, 1)]),
     ("junction ( gej ) cancer", "junction ( gej ) cancer", [(0, 5)])],  # written in the phrase
)
def test_phrases_lenient(phrase, text, found):
    table = PhraseTable(lenient=True)
    table.add("x", phrase.split())
    assert [(start, end) for _, start, end in table(text.split())] == found


def test_phrases_lenience_only_where_asked():
    table = PhraseTable()
    table.add("x", ["orphan", "drug"])
    assert table(["orphan", "-", "drug"]) == []


@pytest.mark.parametrize("words", [[], ["a", ""]])
def test_phrases_rejects_empty_phrases_and_words(words):
    with pytest.raises(ValueError, match="non-empty words"):
        PhraseTable().add("x", words)


def test_phrases_match_like_spacy_phrase_matcher():
    """On real release texts, with every shipped phrase, the same matches as spaCy's."""
    from conftest import real_texts
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from rxnews.matching.patterns import load_patterns
    from rxnews.matching.token_patterns import make_vocab
    from rxnews.matching.tokens import tokenize

    vocab = make_vocab()
    entries = [e for e in load_patterns(()) if isinstance(e.pattern, str)]
    ours, theirs = {}, {}
    for attr, sensitive in (("ORTH", True), ("LOWER", False)):
        ours[attr], theirs[attr] = PhraseTable(), PhraseMatcher(vocab, attr=attr)
        for e in entries:
            if e.case_sensitive == sensitive:
                words = tokenize(e.pattern if sensitive else e.pattern.lower())[0]
                ours[attr].add(e.id, words)
                theirs[attr].add(e.id, [Doc(vocab, words=words)])
    texts = [p.read_text(encoding="utf-8") for p in real_texts()]
    total = 0
    for text in texts:
        words = tokenize(text)[0]
        doc = Doc(vocab, words=words)
        for attr, keys in (("ORTH", words), ("LOWER", [w.lower() for w in words])):
            expected = sorted((vocab.strings[k], s, e) for k, s, e in theirs[attr](doc))
            assert sorted(ours[attr](keys)) == expected
            total += len(expected)
    assert total > 1000


def test_phrases_only_at_the_given_starts():
    table = PhraseTable()
    table.add("lung", ["lung", "cancer"])
    table.add("cancer", ["cancer"])
    words = "lung cancer and lung cancer".split()
    assert table(words, [3, 4]) == [("lung", 3, 5), ("cancer", 4, 5)]
    assert table(words, [2]) == []
    assert table.first_words() == {"lung", "cancer"}
