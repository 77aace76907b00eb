import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KESTRIN BIOLABS-B (09123) announced results.", [("KESTRIN BIOLABS", "09123")]),
        # The city in parentheses is not part of the name.
        ("NovaRix SE (NASDAQ: NVRQ) and Talvine Biologics (Suzhou) Co., Ltd agreed.",
         [("NovaRix SE", "NVRQ"), ("Talvine Biologics", None)]),
        ("Acme Bio, Inc. (Nasdaq: ACMB) and Bar Pharmaceuticals Co., Ltd. signed it.",
         [("Acme Bio", "ACMB"), ("Bar Pharmaceuticals Co., Ltd.", None)]),
        ("Shanghai Corvane Therapeutics announced it. Corvane Therapeutics is private.",
         [("Corvane Therapeutics", None)]),
        # A possessive is not part of the name; an agency's name is no company.
        ("The FDA accepted Acme's (NASDAQ: ACMB) filing.", [("Acme", "ACMB")]),
        ("The European Medicines Agency granted PRIME to Zeta Medicines' AB-101.",
         [("Zeta Medicines", None)]),
    ],
)
def test_companies(extract, text, expected):
    assert [(c["name"], c["ticker"]) for c in extract(text)["companies"]] == expected


@pytest.mark.parametrize(("text", "head"), [
    ("We at Acme Bio Inc.", "Acme Bio "),
    ("The Big Red Acme Bio Inc.", "Big Red Acme Bio "),  # at most four words
    ("results.\nAcme Bio Inc.", "Acme Bio "),
    ("(Acme Inc.", "Acme "),
    ("an acme Inc.", ""),
])
def test_companies_capitalised_words_before_a_designator(text, head):
    from rxnews.facts.companies import _capitalised_words_before

    end = text.index("Inc.")
    assert text[_capitalised_words_before(text, end):end] == head


@pytest.mark.parametrize("seed", range(3))
def test_companies_name_before_ticker_matches_the_two_star_word_form(seed):
    """`_CAP` keeps the part after its period in the optional group, for speed; same matches."""
    import random
    import re

    from rxnews.facts.companies import NAME_BEFORE_TICKER

    cap = r"(?:[A-Z0-9][A-Za-z0-9&'\-]*(?:\.(?=[A-Za-z]))?[A-Za-z0-9&'\-]*)"
    plain = re.compile(rf"((?:{cap} ){{0,4}}{cap})(?:-[A-Z])?[ ]?$")
    pieces = ["Acme", " ", "  ", "Bio", "Co.", "Ltd", "A.B", "-B", "-", "'", "&", "x", "the", "\n", ",",
              ".", "9", "é", "("]
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for lo in range(0, len(text) + 1, 4):
            new, old = NAME_BEFORE_TICKER.search(text, lo), plain.search(text, lo)
            assert (new and (new.span(), new.span(1))) == (old and (old.span(), old.span(1)))


def test_companies_long_run_of_capitalised_words_is_fast():
    import time

    from rxnews.facts.companies import company_spans, ticker_pattern

    # The search starts inside the run, where each start fails after trying every split of
    # every word (70 ms a call), until the last five words.
    text = "Acme" + " Abcdefghij" * 20 + "x (HKEX: 1234)"
    started = time.process_time()
    for _ in range(10):
        [(start, end, ticker)] = company_spans(text, [], ticker_pattern(["HKEX"]))
    assert time.process_time() - started < 0.1
    assert text[start:end] == "Abcdefghij " * 4 + "Abcdefghijx" and ticker == "1234"
