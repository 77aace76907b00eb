"""In-process timings, run by bench.py in a fresh child per build (PYTHONPATH picks the build).

    python bench/inprocess.py stages DIR      # time per step of make_doc and per stage
    python bench/inprocess.py sizes SMALL LARGE ROUNDS   # extract() of two texts, in turn

Prints one JSON object; its seconds are this process's CPU time. Both mirror
`Extractor.make_doc` and `Extractor.extract` step by step, calling the very functions
`rxnews.extractor` calls, after checking on the first texts that the mirror gives the
record `extract` gives. Where it does not (another version of the extractor), they time
`make_doc` as one step.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

# The process's CPU time: a busy machine disturbs it less than wall time (0.4 us a call, about
# 1% of a release's time with the calls below).
CLOCK = time.process_time


def mirrored_steps(extractor, module, text: str, spent: dict[str, float]):
    """Extract text as `Extractor.extract` does, adding each step's seconds to spent."""
    clock = CLOCK
    t0 = clock()
    norm = module.normalize_chars(text)
    t1 = clock()
    norm = module.mask(norm, module.furniture_spans(norm))
    t2 = clock()
    sentences = module.split_sentences(norm, extractor.abbreviations)
    t3 = clock()
    tokens = module.tokenize(norm)
    t4 = clock()
    matches = extractor.matcher(norm, sentences, tokens)
    t5 = clock()
    longest = module.longest_matches(matches)
    if hasattr(module, "drop_redefined"):  # builds since the text's own abbreviations win
        longest = module.drop_redefined(norm, longest)
    t6 = clock()
    windows = extractor.date_windows(*tokens)
    t7 = clock()
    doc = module.Document(text, norm, sentences, longest, windows, tokens=tokens)
    record = module.Record(source=None, title=module.title_of(text), release_date=None)
    t8 = clock()
    for name, start, end in [("make_doc: normalise", t0, t1), ("make_doc: furniture mask", t1, t2),
                             ("make_doc: sentences", t2, t3), ("make_doc: tokenize", t3, t4),
                             ("make_doc: matcher", t4, t5), ("make_doc: longest matches", t5, t6),
                             ("make_doc: date windows", t6, t7), ("document and record", t7, t8)]:
        spent[name] += end - start
    return doc, record


def whole_doc(extractor, module, text: str, spent: dict[str, float]):
    start = CLOCK()
    doc = extractor.make_doc(text)
    record = module.Record(source=None, title=module.title_of(text), release_date=None)
    spent["make_doc (whole)"] += CLOCK() - start
    return doc, record


def whole_extract(extractor, module, text: str, spent: dict[str, float]):
    start = CLOCK()
    record = extractor.extract(text)
    spent["extract (whole)"] += CLOCK() - start
    return None, record


def extract_timed(extractor, module, steps, text: str, spent: dict[str, float]):
    """Extract text step by step, adding each step's seconds to spent; return the record."""
    doc, record = steps(extractor, module, text, spent)
    if doc is None:
        return record
    start = CLOCK()
    for stage in extractor.stages:
        stage(doc, record)
        end = CLOCK()
        spent[f"stage: {type(stage).__name__}"] += end - start
        start = end
    return record


def pick_steps(module, texts: list[str]):
    """mirrored_steps where it gives the record that `extract` gives on texts, else whole_doc
    and the stages, else the whole of `extract` (and why)."""
    extractor = module.Extractor()
    try:
        for text in texts:
            record = extract_timed(extractor, module, mirrored_steps, text, defaultdict(float))
            if record.to_dict() != extractor.extract(text).to_dict():
                raise ValueError("the mirrored steps give another record than extract()")
    except (AttributeError, TypeError, ValueError) as error:
        try:
            extract_timed(extractor, module, whole_doc, texts[0], defaultdict(float))
        except (AttributeError, TypeError, ValueError):
            return whole_extract, f"not used ({error}); extract() timed whole"
        return whole_doc, f"not used ({error}); make_doc() timed whole"
    return mirrored_steps, True


def extractor_module():
    """The module that defines the build's `rxnews.Extractor` (its name changed over time)."""
    import rxnews

    return sys.modules[rxnews.Extractor.__module__]


def time_stages(folder: Path, check: int = 100) -> dict:
    """Seconds per step over every file of folder, in name order, with one fresh extractor."""
    module = extractor_module()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    steps, mirror = pick_steps(module, texts[:check])
    extractor = module.Extractor()  # fresh, as at the start of a batch
    spent: dict[str, float] = defaultdict(float)
    begin = time.perf_counter()
    for text in texts:
        extract_timed(extractor, module, steps, text, spent)
    return {"files": len(texts), "characters": sum(map(len, texts)), "seconds": dict(spent),
            "wall": time.perf_counter() - begin, "mirror": mirror}


def time_sizes(small: Path, large: Path, rounds: int) -> dict:
    """Seconds per step of extracting two texts, taken in turn, after a warm-up extraction."""
    module = extractor_module()
    texts = {"small": small.read_text(encoding="utf-8"), "large": large.read_text(encoding="utf-8")}
    steps, mirror = pick_steps(module, [texts["small"][:20_000]])
    extractor = module.Extractor()
    extractor.extract(texts["small"][:20_000])
    runs: dict[str, list[dict[str, float]]] = {"small": [], "large": []}
    for i in range(rounds):
        for name in (["small", "large"] if i % 2 == 0 else ["large", "small"]):
            spent: dict[str, float] = defaultdict(float)
            extract_timed(extractor, module, steps, texts[name], spent)
            runs[name].append(dict(spent))
    return {"characters": {k: len(v) for k, v in texts.items()}, "seconds": runs, "mirror": mirror}


def main(argv: list[str]) -> None:
    if argv[:1] == ["stages"] and len(argv) == 2:
        result = time_stages(Path(argv[1]))
    elif argv[:1] == ["sizes"] and len(argv) == 4:
        result = time_sizes(Path(argv[1]), Path(argv[2]), int(argv[3]))
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
