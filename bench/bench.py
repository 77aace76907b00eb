"""Benchmark rxnews against bare spaCy tokenisation, measured in one run.

    python bench/bench.py --n 1000

Builds a corpus of N releases from real release texts (paragraphs shuffled so
that no two are the same), then times whole processes:

- bare `spacy.blank("en")` tokenisation of the corpus (the reference),
- `rxnews extract DIR --jobs 1` and `--jobs 2`,
- peak memory of `rxnews extract` at N and 10N inputs,
- `rxnews --help`, and one file end to end against `python -c "import spacy"`.

Absolute times depend on the machine; the ratios are the numbers to compare.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Real releases: the samples, the tests' own short releases, and the gold corpus beside the
# project where it exists (`../shared/corpus`).
SOURCES = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((ROOT / "tests/data/releases").glob("*.txt")),
           *sorted((ROOT.parent / "shared/corpus").glob("*/*.txt"))]
TOKENIZE = """
import sys, spacy
from pathlib import Path
nlp = spacy.blank("en")
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    nlp.make_doc(path.read_text(encoding="utf-8"))
"""


def build_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """Write n releases made of shuffled paragraphs of the real ones; return total bytes."""
    rng = random.Random(seed)
    paragraphs = [p for src in SOURCES for p in src.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    total = 0
    for i in range(n):
        text = "\n\n".join(rng.sample(paragraphs, k=min(8, len(paragraphs))))
        (folder / f"release_{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def _record(extractor, text: str) -> dict:
    return extractor.extract(text).to_dict()


def unseen_text_ratio() -> dict[str, float]:
    """Time both on text they have not seen: each real release after all the others.

    The synthetic corpus repeats every paragraph some 40 times, and spaCy's tokenizer
    caches its work per string, so on that corpus it runs much faster than on a release
    it has not seen; real batches hardly repeat text. Here each real release is
    processed, in this process, by a fresh tool that has first processed the other
    releases (warm, as in mid-batch), and that one text is timed, then timed again.
    Returns microseconds per 1,000 characters for "spacy", "rxnews" and each "... again".
    """
    import spacy

    from rxnews.extractor import Extractor

    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    entries = Extractor().entries
    spent = dict.fromkeys(["spacy", "spacy again", "rxnews", "rxnews again"], 0.0)
    for i, text in enumerate(texts):
        others = texts[:i] + texts[i + 1:]
        tools = {"spacy": spacy.blank("en").make_doc,
                 "rxnews": partial(_record, Extractor(entries=entries))}
        for tool, run in tools.items():
            for other in others:
                run(other)
            start = time.process_time()
            run(text)
            spent[tool] += time.process_time() - start
            start = time.process_time()
            run(text)  # the same text again, as in the synthetic corpus
            spent[f"{tool} again"] += time.process_time() - start
    size = sum(len(t) for t in texts) / 1000
    return {tool: seconds / size * 1e6 for tool, seconds in spent.items()}


def timed(cmd: list[str]) -> tuple[float, int]:
    """Run a command; return (wall seconds, peak RSS of the children in MiB so far)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def peak_memory(cmd: list[str]) -> int:
    """Peak RSS (MiB) of one command, measured in a fresh child."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def best(cmd: list[str], repeat: int) -> float:
    return min(timed(cmd)[0] for _ in range(repeat))


def best_interleaved(cmds: list[list[str]], repeat: int) -> list[float]:
    """The best time of each command, running them in turn: the machine's speed drifts
    over minutes, and timing one command's runs after the other's would skew a ratio."""
    times = [[timed(cmd)[0] for cmd in cmds] for _ in range(repeat)]
    return [min(run[i] for run in times) for i in range(len(cmds))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="releases in the corpus (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, best kept")
    args = parser.parse_args()
    rxnews = [sys.executable, "-m", "rxnews"]
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "n", Path(tmp) / "10n"
        small.mkdir()
        large.mkdir()
        size = build_corpus(small, args.n)
        build_corpus(large, 10 * args.n, seed=1)
        tok, one, two = best_interleaved(
            [[sys.executable, "-c", TOKENIZE, str(small)],
             [*rxnews, "extract", str(small), "--jobs", "1", "-q", "-o", f"{tmp}/1.jsonl"],
             [*rxnews, "extract", str(small), "--jobs", "2", "-q", "-o", f"{tmp}/2.jsonl"]], args.repeat)
        mem_n = peak_memory([*rxnews, "extract", str(small), "--jobs", "1", "-q", "-o", f"{tmp}/m1.jsonl"])
        mem_10n = peak_memory([*rxnews, "extract", str(large), "--jobs", "1", "-q", "-o", f"{tmp}/m2.jsonl"])
        help_time = best([*rxnews, "--help"], 5)
        sample = str(SOURCES[0])
        file_time = best([*rxnews, "extract", sample, "-q", "--format", "json"], args.repeat)
        import_time = best([sys.executable, "-c", "import spacy"], args.repeat)
    runs = [unseen_text_ratio() for _ in range(args.repeat)]
    unseen = {key: min(run[key] for run in runs) for key in runs[0]}
    rows = [
        ("corpus", f"{args.n} releases, {size / 1e6:.1f} MB"),
        ("bare spaCy tokenisation", f"{args.n / tok:.0f} docs/s ({tok:.2f} s)"),
        ("rxnews --jobs 1", f"{args.n / one:.0f} docs/s ({one:.2f} s)"),
        ("throughput ratio --jobs 1 / tokenisation", f"{tok / one:.2f}x"),
        ("speed-up --jobs 2 / --jobs 1", f"{one / two:.2f}x"),
        (f"peak memory at N={args.n} / 10N", f"{mem_n} MiB / {mem_10n} MiB ({mem_10n / mem_n:.2f}x)"),
        ("rxnews --help", f"{help_time:.2f} s"),
        ("one file end to end / import spacy", f"{file_time:.2f} s / {import_time:.2f} s"),
        (f"unseen text, per 1,000 characters: tokenisation / rxnews ({len(SOURCES)} releases)",
         f"{unseen['spacy']:.0f} / {unseen['rxnews']:.0f} us "
         f"(ratio {unseen['spacy'] / unseen['rxnews']:.2f}x)"),
        ("the same texts again: tokenisation / rxnews",
         f"{unseen['spacy again']:.0f} / {unseen['rxnews again']:.0f} us "
         f"(ratio {unseen['spacy again'] / unseen['rxnews again']:.2f}x)"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | result |\n|{'-' * (width + 2)}|--------|")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")


if __name__ == "__main__":
    main()
