import pytest

from rxnews.matching.sentences import split_clauses, split_sentences

ABBREVIATIONS = frozenset({"u.s", "dr", "co", "ltd", "jan"})


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text, ABBREVIATIONS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. FDA approved it. Dr. Xu said so.", ["The U.S. FDA approved it.", "Dr. Xu said so."]),
        ("Title Line\n\nBody one. Body two!", ["Title Line", "Body one.", "Body two!"]),
        ("Acme Co., Ltd. announced it. Shares rose.", ["Acme Co., Ltd. announced it.", "Shares rose."]),
        ("On Jan. 5, 2024 it began.", ["On Jan. 5, 2024 it began."]),
        ("Key takeaways:\n- one point\n- two points", ["Key takeaways:", "- one point", "- two points"]),
        # After an abbreviation, a word that opens sentences (and never continues a name) starts one.
        ("It was filed by Acme Co., Ltd. On May 5, it was cleared.",
         ["It was filed by Acme Co., Ltd.", "On May 5, it was cleared."]),
        ("It is sold in the U.S. The EU follows.", ["It is sold in the U.S.", "The EU follows."]),
        ("Acme Co., Ltd. Today announced it.", ["Acme Co., Ltd. Today announced it."]),  # "Today": a typo
        ("Dr. Onwu said so.", ["Dr. Onwu said so."]),
        # A name with a capital inside opens a sentence too; a lower-case word does not.
        ("It causes kidney failure. uniCure was granted it.",
         ["It causes kidney failure.", "uniCure was granted it."]),
        ("Levels fell. eGFR rose.", ["Levels fell.", "eGFR rose."]),
    ],
)
def test_sentences_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("This is a long line of a press release that was wrapped by the sender at seventy\n"
     "characters to fit an email. Next sentence.", 2),
    # A long line that ends with a word no sentence ends with goes on, whatever the case after.
    ("Acme announced today that the company has received its first marketing approval for\n"
     "ZORSTAT tablets from the regulator.", 1),
    ("Acme announced today that the company has received its first marketing approval\n"
     "ZORSTAT tablets are sold in Japan.", 2),
    ("Short line for\nZORSTAT.", 2),  # a short line: a heading or a list item
    # ... unless it ends with such a word and goes on in lower case.
    ("- Applied for Fast Track designation in\nthe United States for ZORSTAT.", 1),
    ("- Applied for Fast Track designation\nthe same day.", 2),
    ("Products for\nadults", 2),  # too short for a wrapped line: a menu
    # ... or with a word cut at its hyphen.
    ("Acme announce regulatory approval from the German authority Paul-\n"
     "Ehrlich-Institut to commence the first trial.", 1),
    ("Acme announce regulatory approval from the German authority Paul -\n"
     "Ehrlich-Institut runs it.", 2),
])
def test_sentences_wrapped_lines_are_joined(text, expected):
    assert len(sentences(text)) == expected


def test_sentences_a_condition_is_a_clause_of_its_own():
    text = "AB-101 was approved on the condition that Acme runs a Phase 3 trial."
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == [
        "AB-101 was approved", "on the condition that Acme runs a Phase 3 trial."]


def test_sentences_what_an_act_will_do_is_a_clause_of_its_own():
    text = "Acme agreed to acquire Beta for $2 billion, in a move that will help it grow."
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == [
        "Acme agreed to acquire Beta for $2 billion", "in a move that will help it grow."]


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme won the designation as we prepare to file in 2026.",
     ["Acme won the designation", "as we prepare to file in 2026."]),
    ("Acme won the designation as the company plans a trial.",
     ["Acme won the designation", "as the company plans a trial."]),
    ("Acme won the designation as we work with the FDA.",
     ["Acme won the designation as we work with the FDA."]),
])
def test_sentences_a_plan_after_as_is_a_clause_of_its_own(text, expected):
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == expected


def test_sentences_clauses():
    text = ("In January 2026, the FDA granted Fast Track Designation, and in the same month, "
            "the EC granted Orphan Drug Designation; sales rose.")
    clauses = [text[s:e] for s, e in split_clauses(text, 0, len(text))]
    assert clauses == ["In January 2026, the FDA granted Fast Track Designation",
                       "in the same month, the EC granted Orphan Drug Designation", "sales rose."]


def test_sentences_empty_text():
    assert split_sentences("") == [] and split_sentences("  \n\n ") == []


def test_sentences_trim_and_wrapped():
    from rxnews.matching.sentences import _trim, _wrapped

    assert _trim(" \t ab c \n", 0, 9) == (3, 7)
    assert _trim("x   y", 1, 4) == (4, 4)
    long_line = "a" * 61
    assert _wrapped(long_line + "\n  next", 0, 61, 68)
    assert not _wrapped(long_line + "\n  Next", 0, 61, 68)  # a capital starts a new line
    assert not _wrapped(long_line + ".\nnext", 0, 62, 67)  # the line ends a sentence
    assert not _wrapped("a" * 60 + "\nnext", 0, 60, 65)  # a short line
    assert not _wrapped(long_line + "\n   ", 0, 61, 65)  # nothing follows in the chunk


@pytest.mark.parametrize("seed", range(3))
def test_sentences_break_matches_its_plain_form(seed):
    """`_BREAK` checks its first character in lookbehinds, for speed; its matches are the plain form's."""
    import random
    import re

    from rxnews.matching.sentences import _BREAK

    plain = re.compile(r"[.!?]{1,5}[\"')\]]{0,3}(?=\s+[\"'(\[]?(?:[A-Z0-9]|[a-z]{1,5}[A-Z]))|\n\s*\n"
                       r"|\n(?=\s*[-*\u2022])")
    pieces = [".", "!", "?", "...", "\n", "\n\n", " ", "\t", "a", "A", "1", '"', "'", ")", "]", "(", "[",
              "-", "*", "\u2022", "Dr", "U.S", "\u00a0", "uniQ", "eG"]
    rng = random.Random(seed)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in _BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("seed", range(3))
def test_sentences_clause_break_matches_its_plain_form(seed):
    """`_CLAUSE_BREAK` checks its first character in lookbehinds, for speed; same matches."""
    import random
    import re

    from rxnews.matching.sentences import _CLAUSE_BREAK

    plain = re.compile(
        r";\s+|,\s+(?:and|while|whereas|but)\s+(?!the\s+(?:treatment|prevention)\b)"
        r"|,\s+(?=(?:marking|following|after\s+which|which\s+follows|in\s+a\s+(?:move|bid|step)\s+"
        r"(?:that|to))\b)"
        r"|\s+(?=following\s+(?:its|the|a|an)\s+\w+\s+approval\b)"
        r"|\s+(?=on\s+(?:the\s+)?condition\s+that\b|provided\s+that\b)"
        r"|,?\s+and\s+(?=(?:is|are|will|expects?|plans?|anticipates?)\s)"
        r"|,\s+(?=which\s)", re.I)
    pieces = [";", ",", " ", "  ", "\t", "\n", "and", "AND", "while", "but", "the", "treatment", "marking",
              "following", "after", "which", "follows", "its", "an", "word", "approval", "is", "will",
              "expects", "plans", "x", "\u00a0", "on", "condition", "that", "provided", "in", "a", "move",
              "bid", "to", "in a move that", ", in a bid to"]
    rng = random.Random(seed)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in _CLAUSE_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


WRAPPED = (
    "LEEDS, October 11 /Wire/ - Acme Bio Inc. said today that it has been granted the\n"
    "approval of its clinical trial application by the MHRA, so that it may start a\n"
    "Phase 1 study of AB-101 in adults with gout and related kidney disease. The\n"
    "trial will enroll up to 40 patients at three sites in Canada over the coming\n"
    "year, and results are expected in the second half of next year, the company said.\n"
    "For more information\n"
)


def test_sentences_hard_wrapped_text_is_read_as_running_text():
    from rxnews.matching.sentences import hard_wrapped

    assert hard_wrapped(WRAPPED)
    assert [WRAPPED[s:e].split()[0] for s, e in split_sentences(WRAPPED)] == ["LEEDS,", "The", "For"]


@pytest.mark.parametrize("text", [
    "Short line\n" * 6,  # lines too short to be filled
    ("x" * 70 + "\n") * 4 + "y" * 120 + "\n",  # a line longer than any wrap
    "a" * 70 + "\n" + "b" * 70,  # too few lines
])
def test_sentences_text_that_is_not_hard_wrapped(text):
    from rxnews.matching.sentences import hard_wrapped

    assert not hard_wrapped(text)
