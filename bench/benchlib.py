"""The pure parts of the benchmark: its corpus of real releases, new words, ratio summaries.

Nothing here times anything; `tests/test_bench.py` checks these functions.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Release:
    """A real release text, read at run time (never copied into the repo)."""

    name: str  # e.g. "dev/asia_01" or "samples/biotroy-bt02"
    text: str


def find_shared_corpus(root: Path = ROOT) -> Path | None:
    """The gold corpus beside the project (`../shared/corpus`), or beside a folder above it
    (a worktree kept in a subfolder of the project's parent); None where there is none."""
    for parent in root.parents:
        corpus = parent / "shared" / "corpus"
        if corpus.is_dir():
            return corpus
    return None


def read_releases(shared: Path | None, root: Path = ROOT) -> list[Release]:
    """The gold corpus's releases (where there is one), the samples and the tests' releases,
    each text once: the samples are also the corpus's seeds."""
    groups = [sorted(shared.glob("*/*.txt")) if shared else [],
              sorted((root / "samples").glob("*.txt")), sorted((root / "tests/data/releases").glob("*.txt"))]
    return _each_text_once((p for group in groups for p in group), lambda p: f"{p.parent.name}/{p.stem}")


def read_folder(folder: Path) -> list[Release]:
    """The releases of a folder of your own (`*.txt` in it and its subfolders, UTF-8), each text
    once, in path order: a corpus of distinct releases, as a real batch is."""
    return _each_text_once(sorted(folder.rglob("*.txt")),
                           lambda p: str(p.relative_to(folder).with_suffix("")), errors="replace")


def _each_text_once(paths: Iterable[Path], name: Callable[[Path], str], errors: str = "strict"
                    ) -> list[Release]:
    seen: set[str] = set()
    releases = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors=errors)
        if text not in seen:
            seen.add(text)
            releases.append(Release(name(path), text))
    return releases


def perturb(text: str, seed: str | int) -> str:
    """The text with every ASCII letter replaced by another letter of the same case.

    Digits, punctuation, spaces, other scripts and every length stay, so the text keeps
    its shape (capitals, numbers, sentence and token boundaries) while its words are new
    to any cache. The same seed gives the same text.
    """
    rng = random.Random(seed)
    shifts = rng.choices(range(1, 26), k=len(text))
    return "".join(_shift(char, shift) for char, shift in zip(text, shifts, strict=True))


def _shift(char: str, shift: int) -> str:
    if "a" <= char <= "z":
        return chr((ord(char) - 97 + shift) % 26 + 97)
    if "A" <= char <= "Z":
        return chr((ord(char) - 65 + shift) % 26 + 65)
    return char


def shape(text: str) -> str:
    """Letters as X/x, digits as d, everything else as it is (what `perturb` keeps)."""
    return "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in text)


def corpus_text(releases: Sequence[Release], i: int, *, new_words: bool, seed: int = 0) -> str:
    """The i-th file of a corpus: the releases repeated in turn, unchanged or with new words
    (each copy perturbed with its own seed, so no two copies share their words)."""
    text = releases[i % len(releases)].text
    return perturb(text, f"{seed}:{i}") if new_words else text


def write_corpus(folder: Path, releases: Sequence[Release], n: int, *, new_words: bool = False,
                 seed: int = 0) -> int:
    """Write n release files into folder (in the order they are processed); return their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        data = corpus_text(releases, i, new_words=new_words, seed=seed).encode("utf-8")
        (folder / f"{i:05d}_{releases[i % len(releases)].name.replace('/', '_')}.txt").write_bytes(data)
        total += len(data)
    return total


def glued_text(releases: Sequence[Release], size: int, *, new_words: bool, seed: int = 0) -> str:
    """One text of about `size` characters: the releases one after another, repeated as needed."""
    parts: list[str] = []
    length = i = 0
    while length < size:
        parts.append(corpus_text(releases, i, new_words=new_words, seed=seed))
        length += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def summarize(values: Sequence[float]) -> dict[str, float | list[float]]:
    """Min, median and max of per-run values (e.g. ratios of two runs in the same round)."""
    if not values:
        raise ValueError("no values to summarize")
    return {"min": min(values), "median": statistics.median(values), "max": max(values),
            "runs": list(values)}


def ratios(numerator: Sequence[float], denominator: Sequence[float]) -> list[float]:
    """Per-round ratios of two series measured in the same rounds."""
    if len(numerator) != len(denominator):
        raise ValueError("the two series have different numbers of rounds")
    return [a / b for a, b in zip(numerator, denominator, strict=True)]


def round_order(names: Sequence[str], round_index: int) -> list[str]:
    """The order of the commands in one round: forwards, then backwards, in turn, so that
    a drift in the machine's speed over a round falls on each command alike."""
    return list(names) if round_index % 2 == 0 else list(reversed(names))
