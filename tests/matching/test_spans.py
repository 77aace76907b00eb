import pytest

from rxnews.matching.spans import merge_spans


@pytest.mark.parametrize(
    ("spans", "merged"),
    [([], []),
     ([(5, 8), (0, 2)], [(0, 2), (5, 8)]),
     ([(0, 4), (2, 3), (4, 6), (7, 9)], [(0, 6), (7, 9)])],
)
def test_spans_merge_spans(spans, merged):
    assert merge_spans(spans) == merged
