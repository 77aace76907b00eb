import pytest

from rxnews.segment import split_clauses, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. FDA approved it. Dr. Xu said so.", ["The U.S. FDA approved it.", "Dr. Xu said so."]),
        ("Title Line\n\nBody one. Body two!", ["Title Line", "Body one.", "Body two!"]),
        ("Acme Co., Ltd. announced it. Shares rose.", ["Acme Co., Ltd. announced it.", "Shares rose."]),
        ("On Jan. 5, 2024 it began.", ["On Jan. 5, 2024 it began."]),
        ("Key takeaways:\n- one point\n- two points", ["Key takeaways:", "- one point", "- two points"]),
    ],
)
def test_segment_sentences(text, expected):
    assert sentences(text) == expected


def test_segment_wrapped_lines_are_joined():
    text = ("This is a long line of a press release that was wrapped by the sender at seventy\n"
            "characters to fit an email. Next sentence.")
    assert len(sentences(text)) == 2


def test_segment_clauses():
    text = ("In January 2026, the FDA granted Fast Track Designation, and in the same month, "
            "the EC granted Orphan Drug Designation; sales rose.")
    clauses = [text[s:e] for s, e in split_clauses(text, 0, len(text))]
    assert clauses == ["In January 2026, the FDA granted Fast Track Designation",
                       "in the same month, the EC granted Orphan Drug Designation", "sales rose."]


def test_segment_empty_text():
    assert split_sentences("") == [] and split_sentences("  \n\n ") == []
