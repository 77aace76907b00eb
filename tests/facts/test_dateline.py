import pytest

from rxnews.facts.date_values import DateNormalizer
from rxnews.facts.dateline import find_release_date


@pytest.fixture(scope="module")
def normalizer():
    return DateNormalizer()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Release date: May  19,  2025\n\nMay 19, 2025 - 4B", "2025-05-19"),
        ("SHANGHAI, Jan. 5, 2024 /PRNewswire/ -- X announced", "2024-01-05"),
        (" date 2020-07-06 ObsEva SA announces", "2020-07-06"),
        ("From Jiji\nJanuary 16 2023\nTOKYO - Eisai", "2023-01-16"),
        ("29.09.2020 15:18:38\n\n\nMyovant: results", "2020-09-29"),
        ("January 4, 2022 -  The U.S. FDA", "2022-01-04"),
        ("Title\n\n31 May 2024\nTags", "2024-05-31"),
        ("Founded in May 2020, the company develops", None),
        ("The FDA approved it on June 3, 2021 for adults.", None),
    ],
)
def test_dates_release_date_from_dateline(normalizer, head, expected):
    found = find_release_date(head, normalizer)
    assert (found.value if found else None) == expected
