from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
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


def rxnews_env() -> dict:
    """The environment of an `rxnews` child process: the installed package, as users run it."""
    return dict(os.environ)


def make_folder(folder: Path, n: int) -> list[str]:
    """n small releases in one folder; return their paths in input order."""
    folder.mkdir()
    texts = sorted(RELEASES.glob("*.txt"))
    for i in range(n):
        shutil.copy(texts[i % len(texts)], folder / f"r{i:04d}.txt")
    return [str(folder / f"r{i:04d}.txt") for i in range(n)]


def stop_after(args: list[str], part_dir: Path, records: int, signum: int = signal.SIGINT,
               group: bool = True) -> subprocess.CompletedProcess:
    """Run rxnews, send it `signum` once `records` records are in the temporary output file (to
    its process group, as a terminal does, or to rxnews alone, as `kill PID` does), and wait."""
    proc = subprocess.Popen([sys.executable, "-m", "rxnews", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=rxnews_env(),
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        written = [p.read_text(errors="replace").count('"content_sha256"')
                   for p in part_dir.glob(".*.part")]
        if written and written[0] >= records:
            os.killpg(proc.pid, signum) if group else os.kill(proc.pid, signum)
            break
        time.sleep(0.05)
    stdout, stderr = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
