"""Time grows linearly with the size of a release: pathological and repetitive texts.

    python bench/linearity.py

Each case extracts a text and the same text four times longer, and reports the ratio of
the two times; a quadratic stage gives about 16x, a linear one about 4x. A case fails
(exit status 1) above the bound given with it. These were tests once, but times are
noisy on a busy machine, so they live here, beside the throughput benchmark.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = [  # (name, unit, characters of the small text, most ratio allowed)
    *[(f"pathological {unit!r}", unit, 20_000, 10)
      for unit in ["(", "A-", "(-A)", "a", "!?", "1.", "\u2122"]],
    ("hyphenated tokens", "anti-PD-L1 ", 25_000, 8),
    ("mentions of one lexicon entry", "FDA ", 25_000, 8),
    ("drug codes", "ACM-101 ", 25_000, 8),
    ("parentheses and overlapping matches", "PD-L1 (CD274) ", 25_000, 8),
    ("one endless sentence",
     "ACM-101 (Zorvexa) was granted Orphan Drug Designation by the FDA in Q3 2025; ", 25_000, 8),
    ("runs of punctuation", ".,;:!?-", 25_000, 8),
    ("date leads", "in May in Q3 in ", 25_000, 8),
    ("a line without spaces", "x", 500_000, 8),
]


def seconds(extractor, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extractor.extract(text)
        best = min(best, time.perf_counter() - start)
    return best


def releases_text() -> str:
    """Real releases glued together: samples, the tests' own releases, the shared corpus."""
    paths = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((ROOT / "tests/data/releases").glob("*.txt")),
             *sorted((ROOT.parent / "shared/corpus").glob("*/*.txt"))]
    return "\n\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n\n"


def main() -> int:
    from rxnews.extractor import Extractor

    extractor = Extractor()
    corpus = releases_text()
    cases = [*CASES, ("real releases glued together", corpus, 250_000, 8)]
    failed = 0
    print(f"{'case':<40}{'small s':>9}{'4x s':>9}{'ratio':>8}  bound")
    for name, unit, size, bound in cases:
        small = seconds(extractor, unit * max(1, size // len(unit)))
        large = seconds(extractor, unit * max(4, 4 * size // len(unit)))
        ratio = large / max(small, 1e-6)
        ok = large < bound * small + 0.25
        failed += not ok
        print(f"{name:<40}{small:>9.3f}{large:>9.3f}{ratio:>8.1f}  {bound}x {'ok' if ok else 'TOO SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
