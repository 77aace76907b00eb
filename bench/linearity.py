"""Time grows linearly with the size of a release: pathological and repetitive texts.

    python bench/linearity.py
    python bench/linearity.py --big            # also a realistic 400 KB and 4 MB release
    python bench/linearity.py --only-big       # only that (a minute or two)
    python bench/linearity.py --write 4000000  # print the generated release of that size

Each case extracts a text and the same text four times longer, and reports the ratio of
the two times; a quadratic stage gives about 16x, a linear one about 4x. A case fails
(exit status 1) above the bound given with it. These were tests once, but times are
noisy on a busy machine, so they live here, beside the throughput benchmark.

The realistic big release (`big_release`) is made of short sentences written for it, with
thousands of distinct companies, tickers, brands, INNs and codes, approvals, IND clearances,
designations and dates: the loops that compare each mention with all mentions before it
grow with the square of these. `--big` times it at 400 KB and 4 MB, as written and on one
line (10x the text; at most 12x the time allowed). `tests/test_linearity.py` counts the
work of each stage on it, which is not noisy.
"""

from __future__ import annotations

import argparse
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


# Syllables of the made-up names: three or four make thousands of distinct names.
_SYLLABLES = ["zor", "vex", "kel", "mira", "dan", "tru", "lo", "bex", "qua", "ni", "sel", "pho",
              "ra", "tev", "gal", "umo", "fy", "ker", "sta", "cor"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_DISEASES = ["gout", "psoriasis", "asthma", "lupus", "migraine", "hemophilia A", "sickle cell disease",
             "multiple myeloma"]
_AGENCIES = ["FDA", "EMA", "NMPA", "PMDA", "Health Canada", "MHRA"]
_EXCHANGES = ["NASDAQ", "NYSE", "HKEX", "SSE", "TSX"]
_SUFFIXES = ["Therapeutics, Inc.", "Biosciences", "Pharma Co., Ltd.", "Biotech", "Pharmaceuticals"]
_TARGETS = ["KRAS", "EGFR", "HER2", "PD-1", "CD19", "BTK", "JAK1", "TYK2"]


def _name(i: int, parts: int = 3) -> str:
    """The i-th made-up word: `parts` syllables spelling i in base 20 (shuffled: 7919 is prime)."""
    i = (i * 7919 + 13) % len(_SYLLABLES) ** parts
    out = []
    for _ in range(parts):
        i, k = divmod(i, len(_SYLLABLES))
        out.append(_SYLLABLES[k])
    return "".join(out)


def _ticker(i: int, first: str = "X") -> str:
    """The i-th ticker (or gene): four capital letters, starting with X (no word of the lexicons)."""
    letters = []
    for _ in range(3):
        i, k = divmod(i, 26)
        letters.append(chr(65 + k))
    return first + "".join(letters)


def _date(i: int) -> str:
    return f"{_MONTHS[i % 12]} {1 + i % 28}, {2015 + i % 10}"


def _distinct_date(i: int) -> str:
    """The i-th of 11,760 distinct days (January 1, 1990 first)."""
    return f"{_MONTHS[i % 12]} {1 + i // 12 % 28}, {1990 + i // 336}"


def big_release(size: int) -> str:
    """A release of about `size` characters: a dateline and a title, then paragraphs of short
    sentences, each paragraph with its own company, ticker, brands, INN, codes, gene-named disease
    and events, and news of the release's own drug (ACM-101) on a day of its own."""
    parts = ["Acmegen Announces Regulatory Updates Across Its Portfolio\n\n"
             "BOSTON, March 3, 2024 /PRNewswire/ -- Acmegen Therapeutics, Inc. (NASDAQ: ACMG) today "
             "reported progress across its portfolio.\n\n"]
    total, i = len(parts[0]), 0
    while total < size:
        company, partner = _name(i).capitalize(), _name(i + 50_000, 4).capitalize()
        brand, other_brand = _name(i, 4).capitalize() + "a", _name(i + 9000, 4).capitalize() + "o"
        described, marked = _name(i + 20_000, 4).capitalize() + "ix", _name(i + 30_000, 4).capitalize() + "en"
        gene, target = _ticker(i, "G"), _TARGETS[i % len(_TARGETS)]
        inn = _name(i + 2000).lower() + ("tinib" if i % 2 else "zumab")
        code, cleared = f"ACM-{1000 + i}", f"{chr(66 + i % 20)}XT-{2000 + i}"
        agency, disease = _AGENCIES[i % len(_AGENCIES)], _DISEASES[i % len(_DISEASES)]
        exchange, suffix = _EXCHANGES[i % len(_EXCHANGES)], _SUFFIXES[i % len(_SUFFIXES)]
        paragraph = (
            f"{company} {suffix} ({exchange}: {_ticker(i)}) today announced an update. "
            f"{partner} ({_EXCHANGES[(i + 1) % len(_EXCHANGES)]}: {_ticker(i + 9000)}) is its partner. "
            f"The {agency} approved {code} for {disease} on {_date(i)}. "
            f"The {agency} cleared the IND for {cleared} on {_date(i + 5)}. "
            f"The {agency} approved {cleared} on {_date(i + 7)}. "
            f"{brand} ({inn}) tablets were approved in {_MONTHS[i % 12]} {2016 + i % 9}. "
            f"{code}, marketed as {other_brand}, was granted Orphan Drug Designation by the {agency} "
            f"in Q{1 + i % 4} {2017 + i % 8}. "
            f"{inn.capitalize()} received Fast Track designation on {_date(i + 11)}. "
            f"The first patient was dosed with {brand} in a Phase 2 trial of {code} on {_date(i + 13)}. "
            f"{code} is a {target} inhibitor. {inn.capitalize()} is being developed for {gene}-related "
            f"cardiomyopathy ({gene}RC). {described}, an oral kinase inhibitor, was submitted to the "
            f"{agency} in {_MONTHS[(i + 3) % 12]} {2018 + i % 7}. {marked}\u00ae is sold in 12 countries. "
            f"Acmegen presented new data on ACM-101 at a medical meeting on {_distinct_date(i)}. "
            f"The {agency} also granted ACM-101 Fast Track designation.\n\n")
        parts.append(paragraph)
        total += len(paragraph)
        i += 1
    return "".join(parts)


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


def big_case(extractor, small: int = 400_000, bound: float = 12) -> bool:
    """Time the realistic big release at `small` characters and ten times that, as written and
    on one line (a page flattened: nothing may search back to the start of its line)."""
    ok = True
    for name, make in (("realistic big release (10x)", big_release),
                       ("the same on one line (10x)", lambda size: big_release(size).replace("\n\n", " "))):
        small_s = seconds(extractor, make(small), repeat=3)
        large_s = seconds(extractor, make(10 * small), repeat=2)
        ratio = large_s / max(small_s, 1e-6)
        fine = large_s < bound * small_s + 0.5
        ok = ok and fine
        verdict = "ok" if fine else "TOO SLOW"
        print(f"{name:<40}{small_s:>9.3f}{large_s:>9.3f}{ratio:>8.1f}  {bound}x {verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also time the realistic 400 KB and 4 MB release")
    parser.add_argument("--only-big", action="store_true", help="time only the realistic big release")
    parser.add_argument("--write", type=int, metavar="CHARS", help="print the big release of that size")
    args = parser.parse_args()
    if args.write:
        sys.stdout.write(big_release(args.write))
        return 0
    from rxnews.extractor import Extractor

    extractor = Extractor()
    if args.only_big:
        return 0 if big_case(extractor) else 1
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
    if args.big:
        failed += not big_case(extractor)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
