import pytest

from rxnews.matching.chunks import chunk_spans


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [("", 5, [""]),
     ("abc", 5, ["abc"]),
     ("para one\n\npara two\n\nthree", 12, ["para one\n\n", "para two\n\n", "three"]),
     ("line one\nline two\nline three", 12, ["line one\n", "line two\n", "line three"]),
     ("words and more words", 8, ["words ", "and ", "more ", "words"]),
     ("x" * 10, 4, ["xxxx", "xxxx", "xx"]),
     # A blank line is preferred to a later line break or space.
     ("a\n\nbb cc\ndd ee", 12, ["a\n\n", "bb cc\ndd ee"])],
)
def test_chunks_chunk_spans(text, limit, pieces):
    spans = chunk_spans(text, limit)
    assert [text[s:e] for s, e in spans] == pieces
    assert all(e - s <= limit for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
