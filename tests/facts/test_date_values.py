import datetime as dt

import pytest

from rxnews.facts.date_values import DateNormalizer, parse_anchor, parse_plain


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024", dt.date(2024, 1, 1)), ("2024-10", dt.date(2024, 10, 1)), ("2024-02-30", None), ("", None)],
)
def test_dates_parse_anchor(value, expected):
    assert parse_anchor(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2024/01/02", "20240102", "2024-1-2"])
def test_dates_parse_anchor_rejects_non_iso(value):
    assert parse_anchor(value) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("March 5, 2024", ("2024-03-05", "day")),
    ("Sept. 30 2023", ("2023-09-30", "day")),
    ("5 March 2024", ("2024-03-05", "day")),
    ("29 of February, 2024", ("2024-02-29", "day")),
    ("June 3rd 2024", ("2024-06-03", "day")),
    ("21st of March, 2023", ("2023-03-21", "day")),
    ("Sept. 2nd, 2021", ("2021-09-02", "day")),
    ("February 30th 2024", (None, None)),
    ("December 2020", ("2020-12", "month")),
    ("Dec., 2020", ("2020-12", "month")),
    ("2023-11-04", ("2023-11-04", "day")),
    ("29.09.2020", ("2020-09-29", "day")),
    ("February 30, 2024", (None, None)),
    ("Tuesday, March 5, 2024", None),  # not a plain shape: dateparser decides
])
def test_dates_plain_shapes_are_read_without_dateparser(text, expected):
    assert parse_plain(text) == expected


def test_dates_normalizer_falls_back_to_dateparser():
    assert DateNormalizer().parse("Tuesday, March 5, 2024") == ("2024-03-05", "day")


