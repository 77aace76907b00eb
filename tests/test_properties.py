"""Property-based tests: any text or bytes in, a well-formed record (or an InputError) out."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rxnews.dates import is_valid_iso
from rxnews.decode import decode_bytes
from rxnews.errors import InputError
from rxnews.htmltext import html_to_text
from rxnews.inputs import read_input

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that trigger every extractor, mixed with arbitrary Unicode, so that the
# properties are checked on records that actually have mentions, dates and events.
WORDS = st.sampled_from([
    "FDA", "NMPA", "ACM-101", "LBL-024", "pembrolizumab", "Keytruda\u00ae", "PD-L1", "4-1BB", "(", ")",
    "approved", "granted", "Breakthrough Therapy Designation", "Orphan Drug", "IND", "cleared",
    "first patient dosed", "Phase 2", "breast cancer", "TNBC", "triple-negative breast cancer",
    "in May 2024", "Q3 2025", "H1 2024", "the first half of 2023", "last month", "in the same month",
    "on Friday", "May 2, 2024 -", "2024-02-29", "31.12.2023", "Inc.", "Ltd.", "(NASDAQ: ACME)",
    "NCT01234567", ".", ",", ";", "\n", "\n\n", "\u2019", "\u2013", "\u00a0", "\ufeff", "\u2122", "\r\n",
])
NOISE = st.lists(st.one_of(WORDS, WORDS, st.text(max_size=6)), max_size=8).map(" ".join)
SENTENCES = st.builds(
    "{} {} was {} by the {} {} {}".format, NOISE, st.sampled_from(["ACM-101", "LBL-024", "pembrolizumab"]),
    st.sampled_from(["approved", "granted Breakthrough Therapy Designation", "cleared for an IND",
                     "dosed in the first patient"]),
    st.sampled_from(["FDA", "NMPA", "EMA"]),
    st.sampled_from(["in May 2024", "in Q3 2025", "in H1 2024", "last month", "on Friday", "in 2023",
                     "in the same month", "", "on 30 February 2024"]), NOISE)
TEXTS = st.one_of(st.lists(st.one_of(WORDS, st.text(max_size=6)), min_size=3, max_size=40).map(" ".join),
                  st.lists(SENTENCES, min_size=1, max_size=6).map(". ".join))
ISO = {"year": r"\d{4}", "half": r"\d{4}-(01|07)", "quarter": r"\d{4}-(01|04|07|10)",
       "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def all_mentions(record: dict) -> list[dict]:
    found = [m for field in ("companies", "drugs", "targets", "indications", "agencies", "identifiers")
             for item in record[field] for m in item["mentions"]]
    return found + [e["evidence"] for e in record["events"] if e["evidence"]]


def check_record(text: str, record: dict) -> None:
    for mention in all_mentions(record):
        assert 0 <= mention["start"] <= mention["end"] <= len(text)
        assert text[mention["start"]:mention["end"]] == mention["text"]
    for event in record["events"]:
        if event["date"] is None:
            assert event["date_precision"] is None and event["date_source"] is None
            continue
        precision = event["date_precision"]
        assert re.fullmatch(ISO[precision], event["date"]), event
        assert is_valid_iso(event["date"], precision), event
        assert event["date_source"] in ("explicit", "relative", "release")
    if record["release_date"] is not None:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", record["release_date"])
        assert is_valid_iso(record["release_date"], {4: "year", 7: "month", 10: "day"}[
            len(record["release_date"])])


@SETTINGS
@given(text=st.text())
def test_properties_arbitrary_unicode_never_crashes(extractor, text):
    check_record(text, extractor.extract(text).to_dict())


@SETTINGS
@given(text=TEXTS, release_date=st.sampled_from([None, "2024-03-10", "2023-12", "2022"]))
def test_properties_mentions_slice_the_text_and_dates_are_iso(extractor, text, release_date):
    check_record(text, extractor.extract(text, release_date=release_date).to_dict())


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_properties_decode_bytes_only_raises_input_error(data):
    try:
        text, encoding = decode_bytes(data, "x")
    except InputError as err:
        assert err.source == "x" and "\n" not in err.reason
    else:
        assert isinstance(text, str) and encoding


@SETTINGS
@given(data=st.one_of(st.binary(max_size=500), TEXTS.map(lambda t: ("<p>" + t).encode("utf-8"))))
def test_properties_read_input_html_only_raises_input_error(data):
    try:
        doc = read_input("page.html", data)
    except InputError:
        return
    assert isinstance(doc.text, str)


@SETTINGS
@given(markup=st.lists(st.one_of(st.sampled_from(
    ["<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<!", "<?", "&", "&amp;", "&#", "&#x",
     "<script>", "</script>", "<nav>", "</nav>", "<p>", "<br/>", "<meta name=date content=2024-01-01>",
     "<time datetime='2024-02-30'>", "<title>", '"', "'", "="]), st.text(max_size=4)), max_size=30)
    .map("".join))
def test_properties_html_to_text_never_crashes(markup):
    page = html_to_text(markup)
    assert isinstance(page.text, str)


@pytest.mark.parametrize("text", ["", " ", "\x00", "\U0010ffff", "(" * 300])
def test_properties_edge_texts(extractor, text):
    check_record(text, extractor.extract(text).to_dict())


ADDRESS_PARTS = st.sampled_from([
    "www.", "https://", "http://", "@", ".com", ".org", ".io", ".comx", "acme", "info", "-", "/", ".",
    "x", "1", " ", "\n", "\n \n", "\t", "\u00a0", "\u2028", "\"", "<", "(", ")", "PD-L1", "_", "+",
])
ADDRESS_TEXTS = st.lists(st.one_of(ADDRESS_PARTS, st.text(max_size=4)), max_size=30).map("".join)


@SETTINGS
@given(ADDRESS_TEXTS)
def test_properties_tokenize_gives_the_tokens_of_the_one_regex(text):
    """The fast tokenizers (plain tokens, TOKEN only around address hints) equal TOKEN on the text."""
    from rxnews.pipeline import PARAGRAPH, TOKEN, phrase_words, tokenize

    found = list(TOKEN.finditer(text))
    expected = ([PARAGRAPH if m.group()[0] == "\n" else m.group() for m in found], [m.start() for m in found])
    assert tokenize(text) == expected
    assert phrase_words(text) == expected[0]


DRUG_PARTS = st.sampled_from([
    "mRNA", "-", "AB", "Ab", "x", "3", "12", "1234567", "12345678", "a", "b", ".", " ", "_", "\u0663",
    "ACM-", "LY", "101", "-02", "BNT", "9", "A", " ACM-101 ", " LY3002813 ",
    "pembroli", "zumab", "tinib", "metinib", "mab", "Mab", "cel", "stat", "vir", "abcdefghij" * 4, "\u00e9",
    "www.", ".com", "@",
])
DRUG_TEXTS = st.lists(st.one_of(DRUG_PARTS, st.text(max_size=3)), max_size=25).map("".join)


@SETTINGS
@given(DRUG_TEXTS)
def test_properties_code_and_inn_searches_find_what_their_regexes_find(text):
    """Searching near digit runs finds what CODE finds on the whole text; INN stems are found
    in the tokens just where INN_WORD finds them on the text, except inside addresses."""
    from rxnews.drugs import CODE, INN_WORD, _code_matches, find_stem_inns, is_stem_inn
    from rxnews.pipeline import tokenize

    assert [m.span() for m in _code_matches(text)] == [m.span() for m in CODE.finditer(text)]
    words, starts = tokenize(text)
    tokens = {(s, s + len(w)) for w, s in zip(words, starts, strict=True)}
    expected = [m.span() for m in INN_WORD.finditer(text) if m.span() in tokens and is_stem_inn(m.group())]
    assert find_stem_inns(words, starts) == expected
