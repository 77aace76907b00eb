"""Drug names by shape: the narrowed searches find what the whole-text regexes find."""

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.facts.drug_names import CODE, SLOT_NAME, DrugNames, code_matches
from rxnews.matching.patterns import load_patterns
from rxnews.matching.tokens import tokenize

SHAPES = DrugNames.from_entries(load_patterns())


DRUG_PARTS = st.sampled_from([
    "mRNA", "-", "AB", "Ab", "x", "3", "12", "1234567", "12345678", "a", "b", ".", " ", "_", "\u0663",
    "ACM-", "LY", "101", "-02", "BNT", "9", "A", " ACM-101 ", " LY3002813 ",
    "pembroli", "zumab", "tinib", "metinib", "mab", "Mab", "cel", "stat", "vir", "abcdefghij" * 4, "\u00e9",
    "www.", ".com", "@",
])
DRUG_TEXTS = st.lists(st.one_of(DRUG_PARTS, st.text(max_size=3)), max_size=25).map("".join)


@SETTINGS
@given(DRUG_TEXTS)
def test_drug_names_code_and_inn_searches_find_what_their_regexes_find(text):
    """Searching near digit runs finds what CODE finds on the whole text; INN stems are found
    in the tokens just where INN_WORD finds them on the text, except inside addresses."""
    words, starts = tokenize(text)
    digits = [i for i, word in enumerate(words) if re.search(r"\d", word)]
    assert [m.span() for m in code_matches(text, (words, starts), digits)] == \
        [m.span() for m in CODE.finditer(text)]
    tokens = {(s, s + len(w)) for w, s in zip(words, starts, strict=True)}
    inn_word = SHAPES._inn_word
    expected = [m.span() for m in inn_word.finditer(text)
                if m.span() in tokens and SHAPES.is_stem_inn(m.group())]
    assert SHAPES.find_stem_inns(words, starts) == expected


SLOT_PARTS = st.sampled_from([
    "trial of", "studies with", "study evaluating", "receiving", "treated  with", "its", "the", "their lead",
    "novel", "drug", "candidate", "the drug,", "its candidate drug", "compound", "first-in-class",
    "New Drug Application", "approval of", "Approvals for", "status for", "shareholders", "clinical trial",
    "NDA (NDA) for", "for", "to", "designation to", "Designations for", "Velkora", "PolyHeme", "Velkora",
    "Acme", "AB", "Phase", "patients", "-", "'s", ",", ".", "\n", "  ", "\u00e9",
])
SLOT_TEXTS = st.lists(st.one_of(SLOT_PARTS, SLOT_PARTS, st.text(max_size=2)), max_size=30).map(" ".join)


@SETTINGS
@given(SLOT_TEXTS)
@example("its lead drug candidate Velkora was dosed; a trial of their lead first-in-class compound PolyHeme")
@example("The NDA (NDA) for Velkora; patients receiving Acme patients; designations to the Velkora's")
def test_drug_names_slot_search_finds_what_its_regex_finds(text):
    """Names in a drug's slot, tried only after a word a slot can end with and searched backwards
    from there, are those SLOT_NAME finds at any position of the whole text (matches may overlap:
    in "trial of Designations for AB", "Designations" is a name and the next one's slot)."""
    tokens = tokenize(text)
    found = {m.span(2) for m in ANY_SLOT_NAME.finditer(text) if m.group(2) not in SHAPES.not_brands}
    expected = sorted(found)
    assert SHAPES.find_slot_names(text, tokens) == expected


ANY_SLOT_NAME = re.compile(f"(?=({SLOT_NAME.pattern}))")

POSSESSIVE_PARTS = st.sampled_from([
    "its", "their", "our", "Its", "Acme's", "Acme\u2019s", "credits", "flavour", "'s", "s", "'", " ", "  ",
    "\n", "-", "Velkora", "Vaxa-1", "HyVEX", "NeuroRx", "ZQR5-targeted", "Phase", "cancer", "eye", "drug",
    "vaccine", "therapy", "ZORGLO", "CAR-T", "Oncovax", "new",
    "candidates", "platform", "the", ",", ".",
])
POSSESSIVE_TEXTS = st.lists(st.one_of(POSSESSIVE_PARTS, POSSESSIVE_PARTS, st.text(max_size=2)),
                            max_size=20).map(" ".join)
# The whole-text form of the possessive search: a possessive word, whitespace, then the name
# (or the description, then the name).
ANY_POSSESSED = re.compile(
    r"(?:(?<![^\W_])(?:[Ii]ts|[Tt]heir|[Oo]ur)|(?<=['\u2019])s)(?![^\W_])\s+(?=(\S))")


@SETTINGS
@given(POSSESSIVE_TEXTS)
@example("the company's Velkora drug and its Vaxa-1 cancer vaccine, Acme\u2019s HyVEX eye drop")
@example("its new CAR-T therapy ZORGLO and Acme's cancer vaccine Oncovax")
@example("its its \n drug ZORGLO")
def test_drug_names_possessive_search_finds_what_its_regex_finds(text):
    """Names after a possessive, looked for only at the possessive words among the tokens, are
    those found after every possessive of the whole text."""
    from rxnews.facts.drug_names import POSSESSED_NAME, POSSESSED_NOUN_NAME

    expected = []
    for at in ANY_POSSESSED.finditer(text):
        if text[at.start(1)].isupper() and (m := POSSESSED_NAME.match(text, at.start(1))):
            expected.append((m.start(1), m.end(1), m.end()))
        elif (m := POSSESSED_NOUN_NAME.match(text, at.start(1))) and "\n" not in m.group():
            expected.append((m.start(1), m.end(1), m.start(1)))
    assert SHAPES.find_possessed_names(text, tokenize(text)) == expected


NOUN_PARTS = st.sampled_from([
    "the", "vaccine", "therapy", "cell", "drug", "eye", "drop", "ADC", "solution", "oral", "CERVAX",
    "AstroCel-V", "Xarelto", "PRIME", "designation", "trials", "COVID-19", " ", "\t", "\n", "-", ",", ".",
    "'s",
])
NOUN_TEXTS = st.lists(st.one_of(NOUN_PARTS, NOUN_PARTS, st.text(max_size=2)), max_size=20).map(" ".join)


@SETTINGS
@given(NOUN_TEXTS)
@example("the stem cell therapy AstroCel-V and the vaccine CERVAX, an eye drop\tCERVAX")
def test_drug_names_noun_brand_search_finds_what_its_regex_finds(text):
    """Strong-shaped names after a product noun, looked for only at the product nouns among the
    tokens, are those the whole-text expression finds."""
    from rxnews.facts.drug_names import NOUN_THEN_BRAND, STRONG_NAME

    expected = [(m.end(), STRONG_NAME.match(text, m.end()).end(1), m.end())
                for m in NOUN_THEN_BRAND.finditer(text)]
    assert SHAPES.find_noun_brands(text, tokenize(text)) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("zanidatamab", True),
    ("oxazepam", True),   # two letters before "-azepam", in a word of eight
    ("edoxaban", True),
    ("eniluracil", True),   # -uracil, -porfin, -quidar, -cycline, -penem: WHO stems
    ("hemoporfin", True),
    ("encequidar", True),
    ("omadacycline", True),
    ("tebipenem", True),
    ("capadenoson", True),   # -denoson: adenosine receptor agonists
    ("mongrel", False),   # seven letters: "mon" + "-grel" is English
    ("Aztecan", False),
    ("concept", False),
])
def test_drug_names_stem_inn_words(word, expected):
    assert SHAPES.is_stem_inn(word) is expected


def test_drug_names_amino_acids_and_chemical_classes_are_no_drugs(extract):
    record = extract("Acme said AB-101, in a histidine buffer, a carbamate prodrug of oxazepam, was dosed.")
    assert [d["name"] for d in record["drugs"]] == ["AB-101", "oxazepam"]
    record = extract("Acme said AB-102, a quinolone antibiotic, beat two fluoroquinolones.")
    assert [d["name"] for d in record["drugs"]] == ["AB-102"]


def test_drug_names_class_words_are_no_drugs(extract):
    text = ("Xelvora belongs to the tetracycline class, as omadacycline does. Patients had "
            "anthracycline-based chemotherapy and a carbapenem.")
    assert [d["name"] for d in extract(text)["drugs"]] == ["omadacycline"]
