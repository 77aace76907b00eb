from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
# Short releases written for these tests (invented companies and codes): always here.
RELEASES = Path(__file__).resolve().parent / "data" / "releases"
# The gold corpus beside the project (`../shared/corpus`), or beside the folder that holds a
# worktree of it (`../../shared/corpus`); CI has it beside its clean clone.
CORPUS_PLACES = (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus")
# Where the corpus must be there (CI, or asked for): a missing corpus fails instead of skipping.
CORPUS_REQUIRED_BY = ("CI", "RXNEWS_REQUIRE_CORPUS")


def readme_example(heading: str) -> str:
    """The first Python block of the README after a heading ("### Python API")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(heading + "\n"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def corpus_required() -> bool:
    """Whether CI or RXNEWS_REQUIRE_CORPUS is set (not empty, "0" or "false")."""
    return any(os.environ.get(name, "").strip().lower() not in ("", "0", "false")
               for name in CORPUS_REQUIRED_BY)


def find_corpus() -> Path | None:
    """The gold corpus (its `seeds` and `dev` folders), or None where it is absent; where it
    is required (`corpus_required`) its absence fails the test that looks for it."""
    found = next((c for c in CORPUS_PLACES if (c / "seeds").is_dir() and (c / "dev").is_dir()), None)
    if found is None and corpus_required():
        pytest.fail(f"the gold corpus is not here ({' or '.join(map(str, CORPUS_PLACES))}), and "
                    f"{' or '.join(CORPUS_REQUIRED_BY)} is set", pytrace=False)
    return found


def real_texts() -> list[Path]:
    """Release texts to check equivalences on: samples, the written releases, and the gold
    corpus where it exists."""
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(RELEASES.glob("*.txt"))
    corpus = find_corpus()
    return paths + (sorted(corpus.glob("*/*.txt")) if corpus else [])


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The gold corpus; a test that needs it is skipped where it is absent (fails where required)."""
    corpus = find_corpus()
    if corpus is None:
        pytest.skip(f"the gold corpus is not here ({' or '.join(map(str, CORPUS_PLACES))}); CI has it")
    return corpus


class NetworkUsed(BaseException):
    """A connection was attempted: a BaseException, so that no `except Exception` swallows it."""


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every way to open a connection, record each attempt, and fail the test at its end
    if there was one (even where the refusal was caught)."""
    attempts: list[str] = []

    def refuse(name, skip):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[skip:]!r}")  # a method's first argument, its socket, skipped
            raise NetworkUsed(f"network access attempted: {attempts[-1]}")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}", 1))
    for name in ("create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse(name, 0))
    yield attempts
    assert attempts == [], "network access attempted"


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
