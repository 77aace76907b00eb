from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DEV_CORPUS = Path(__file__).resolve().parent / "corpus" / "dev"


@pytest.fixture(scope="session")
def extractor():
    from rxnews.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """Extract a short text and return the record as plain data."""

    def run(text: str, release_date: str | None = None) -> dict:
        return extractor.extract(text, source="test", release_date=release_date).to_dict()

    return run


def names(items: list[dict]) -> list[str]:
    return [item["name"] for item in items]
