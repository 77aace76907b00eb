from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
# Short releases written for these tests (invented companies and codes): always here.
RELEASES = Path(__file__).resolve().parent / "data" / "releases"
# The gold corpus beside the project (`../shared/corpus`), where it exists (CI has it).
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def readme_example(heading: str) -> str:
    """The first Python block of the README after a heading ("### Python API")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(heading + "\n"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def real_texts() -> list[Path]:
    """Release texts to check equivalences on: samples, the written releases, and the shared
    corpus where it exists."""
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(RELEASES.glob("*.txt"))
    return paths + sorted(SHARED_CORPUS.glob("*/*.txt"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The gold corpus beside the project; the test is skipped where it is absent."""
    if not (SHARED_CORPUS / "dev").is_dir():
        pytest.skip(f"the gold corpus is not here ({SHARED_CORPUS}); CI has it")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def extractor():
    from rxnews.extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """Extract a short text and return the record as plain data."""

    def run(text: str, release_date: str | None = None) -> dict:
        return extractor.extract(text, source="test", release_date=release_date).to_dict()

    return run


def names(items: list[dict]) -> list[str]:
    return [item["name"] for item in items]
