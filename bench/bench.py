"""Benchmark rxnews on real releases: whole processes, stages, memory, start-up, size.

    python bench/bench.py                                  # everything: 3-6 minutes on 2 cores
    python bench/bench.py --only throughput --rounds 3     # a quick part
    python bench/bench.py --compare main --json out.json   # this tree and a git ref in turn: 2x as long

The corpus is made at run time from real releases only: the gold corpus beside the
project (`../shared/corpus/*/*.txt`, looked for in the folders above this one), the
samples and the tests' releases, each text once. Two folders are written in a
temporary directory:

- "real": the releases repeated, unchanged, to --files files (default 3000): every
  text comes back about 40 times, so caches (spaCy's tokenizer cache, rxnews's
  per-word memos) serve almost every word, as far as a batch can;
- "new words": the same texts with every ASCII letter replaced by another of the
  same case, each copy with its own seed (--new-files, default 2000): shapes stay
  (capitals, digits, punctuation, lengths), but hardly any word is in a cache.
  Few patterns match such text, so it measures the cost per word.

With --distinct DIR, a third corpus, "distinct": the releases of a folder of your own
(`*.txt`, subfolders too), each once. Real batches are made of distinct releases, so
spaCy's tokenizer cache serves fewer words than in "real" and more than in "new
words"; the gold corpus is too small to make one of a useful size. It is timed in the
throughput and stages sections.

Sections (--only picks some):

- throughput: whole processes in turn, each round forwards then backwards: bare
  tokenisation (`spacy.blank("en").make_doc` of every file, in its own process),
  `rxnews extract DIR --jobs 1` and `--jobs 2` (and the same of --compare's build).
  Ratios are taken within a round (throughput = tokenisation time / rxnews time,
  speed-up = --jobs 1 time / --jobs 2 time); min and median over the rounds.
- stages: in a fresh process per build, one extractor times (CPU time) each step of
  `Extractor.make_doc` and each stage of `Extractor.stages` over each corpus.
- memory: peak RSS of `rxnews extract --jobs 1` on 3000 against 300 files (2000
  against 200 with new words), each in a fresh child.
- help: `rxnews --help`, and one file end to end against `python -c "import spacy"`.
- linearity: `extract` on a 4 MB text against a 400 KB one, step by step (real
  releases glued together, and the same with new words; linear is 10x), then
  `bench/linearity.py`, the pathological cases.

--compare REF unpacks `git archive REF` in the temporary directory and runs it with
its `src/` first on PYTHONPATH (its `patterns/` linked into the package), with the
dependencies installed here. The machine is shared and its speed drifts: compare
ratios measured in one run, not times from different runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from io import BytesIO
from pathlib import Path

from benchlib import (
    ROOT,
    Release,
    find_shared_corpus,
    glued_text,
    ratios,
    read_folder,
    read_releases,
    round_order,
    summarize,
    write_corpus,
)

BENCH = Path(__file__).resolve().parent
SECTIONS = ["throughput", "stages", "memory", "help", "linearity"]
TOKENISE = """
import sys, spacy
from pathlib import Path
nlp = spacy.blank("en")
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    nlp.make_doc(path.read_text(encoding="utf-8"))
"""
PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
WHERE = """
import rxnews
print(rxnews.__file__)
try:
    from rxnews.matching.patterns import shipped_pattern_dir
    print(shipped_pattern_dir())
except ImportError:
    print("")
"""
Commands = dict[str, tuple[list[str], "dict[str, str] | None"]]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Failed(Exception):
    """A command of the benchmark failed."""


def run(cmd: list[str], env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise Failed(f"failed ({proc.returncode}): {shlex.join(cmd)}\n{proc.stderr[-3000:]}")
    return proc.stdout


@dataclass
class Build:
    """A version of rxnews to run: its `src/` goes first on PYTHONPATH."""

    label: str  # "this tree", or the git ref as given
    root: Path
    commit: str

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(self.root / "src"), env.get("PYTHONPATH")]))
        return env

    def rxnews(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "rxnews", *args]

    def check(self) -> None:
        """Refuse to time a build whose code or pattern files come from elsewhere."""
        code, _, patterns = run([sys.executable, "-c", WHERE], self.env).strip().partition("\n")
        for path in filter(None, [code, patterns]):
            if not Path(path).resolve().is_relative_to(self.root.resolve()):
                sys.exit(f"{self.label}: rxnews runs from {code} with the patterns of {patterns or '?'}, "
                         f"not from {self.root}; install this checkout here (pip install -e .)")


def this_tree() -> Build:
    commit = run(["git", "-C", str(ROOT), "describe", "--always", "--dirty", "--exclude", "*"]).strip()
    return Build("this tree", ROOT, commit)


def ref_build(ref: str, tmp: Path) -> Build:
    """The tree of a git ref, unpacked in tmp, with its pattern files where its package finds them."""
    commit = run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"]).strip()
    tree = tmp / "ref"
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    # A wheel holds the pattern files in the package; an editable install finds them through
    # the installed distribution, which is this tree's: so put them in the package.
    packaged = tree / "src" / "rxnews" / "patterns"
    if not packaged.exists() and (tree / "patterns").is_dir():
        packaged.symlink_to(tree / "patterns", target_is_directory=True)
    return Build(ref, tree, commit[:7])


@dataclass
class Corpus:
    name: str  # "real", "new words" or "distinct"
    folder: Path  # the files
    files: int
    bytes: int
    small_folder: Path | None  # its first tenth, for memory (None: not timed there)
    small_files: int


@dataclass
class Bench:
    args: argparse.Namespace
    tmp: Path
    builds: list[Build]
    releases: list[Release]
    corpora: list[Corpus] = field(default_factory=list)

    def out(self, name: str) -> str:
        return str(self.tmp / "out" / name)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command; return its wall seconds and the CPU seconds of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise Failed(f"failed ({proc.returncode}): {shlex.join(cmd)}\n{proc.stderr[-3000:]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def machine_cpu() -> float | None:
    """CPU seconds that all processes of the machine have used since boot (Linux), or None."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    own = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(r.ru_utime + r.ru_stime for r in own)


Times = dict[str, dict[str, list[float]]]  # command: {"wall": seconds per round, "cpu": ...}


def alternate(commands: Commands, rounds: int, what: str) -> tuple[Times, float | None]:
    """Time each command once per round, in turn; return wall and CPU seconds per command, and
    the cores that other processes of the machine kept busy meanwhile, on average."""
    times: Times = {name: {"wall": [], "cpu": []} for name in commands}
    machine, own, start = machine_cpu(), own_cpu(), time.perf_counter()
    for i in range(rounds):
        log(f"  {what}: round {i + 1}/{rounds}")
        for name in round_order(list(commands), i):
            wall, cpu = timed(*commands[name])
            times[name]["wall"].append(wall)
            times[name]["cpu"].append(cpu)
    end = machine_cpu()
    others = None if machine is None or end is None else (
        max(0.0, (end - machine) - (own_cpu() - own)) / (time.perf_counter() - start))
    return times, others


def time_ratio(numerator: dict[str, list[float]], denominator: dict[str, list[float]]) -> dict:
    """Min, median and max of the per-round ratios of wall times, and the median of CPU times'."""
    return {**summarize(ratios(numerator["wall"], denominator["wall"])),
            "cpu median": statistics.median(ratios(numerator["cpu"], denominator["cpu"]))}


# -- sections -------------------------------------------------------------------------------------------

def throughput(bench: Bench) -> dict:
    """Whole processes in turn: tokenisation, and each build with --jobs 1 and 2."""
    result = {}
    for corpus in bench.corpora:
        commands: Commands = {"tokenise": ([sys.executable, "-c", TOKENISE, str(corpus.folder)], None)}
        outputs = {}
        for build in bench.builds:
            for jobs in ("1", "2"):
                name = f"{build.label} --jobs {jobs}"
                outputs[name] = bench.out(f"{corpus.name}-{build.commit}-{jobs}.jsonl")
                commands[name] = (build.rxnews("extract", str(corpus.folder), "--jobs", jobs, "--quiet",
                                               "--format", "jsonl", "-o", outputs[name]), build.env)
        times, others = alternate(commands, bench.args.rounds, f"throughput, {corpus.name}")
        for name, output in outputs.items():
            if (records := Path(output).read_text(encoding="utf-8").count("\n")) != corpus.files:
                raise Failed(f"{name} wrote {records} records for {corpus.files} files")
        measures: dict[str, dict] = {}
        for build in bench.builds:
            one, two = times[f"{build.label} --jobs 1"], times[f"{build.label} --jobs 2"]
            measures[build.label] = {
                "throughput --jobs 1 / tokenisation": time_ratio(times["tokenise"], one),
                "speed-up --jobs 2 / --jobs 1": summarize(ratios(one["wall"], two["wall"]))}
        if len(bench.builds) == 2:
            this, ref = (b.label for b in bench.builds)
            measures[f"{this} / {ref}"] = {}
            for jobs in ("1", "2"):
                new, old = times[f"{this} --jobs {jobs}"], times[f"{ref} --jobs {jobs}"]
                measures[f"{this} / {ref}"][f"speed --jobs {jobs}"] = time_ratio(old, new)
        result[corpus.name] = {"seconds": times, "ratios": measures, "other processes' cores": others}
    return result


def memory(bench: Bench) -> dict:
    """Peak RSS of each build on a corpus and on its first tenth, each in a fresh child."""
    result: dict[str, dict] = {}
    for corpus in bench.corpora:
        if corpus.small_folder is None:
            continue
        for build in bench.builds:
            peaks = []
            for folder in (corpus.small_folder, corpus.folder):
                log(f"  memory, {corpus.name}: {build.label}, {folder.name}")
                cmd = build.rxnews("extract", str(folder), "--jobs", "1", "--quiet", "--format", "jsonl",
                                   "-o", bench.out("memory.jsonl"))
                peaks.append(int(run([sys.executable, "-c", PEAK, *cmd], build.env)) / 1024)
            result.setdefault(corpus.name, {})[build.label] = {
                "files": [corpus.small_files, corpus.files], "peak MiB": peaks, "ratio": peaks[1] / peaks[0]}
    return result


def help_and_startup(bench: Bench) -> dict:
    """`rxnews --help`, and one file end to end against importing spaCy, in turn."""
    one_file = str(min(bench.corpora[0].folder.glob("*.txt")))
    spacy = "python -c 'import spacy'"
    commands: Commands = {spacy: ([sys.executable, "-c", "import spacy"], None)}
    for build in bench.builds:
        commands[f"{build.label}: rxnews --help"] = (build.rxnews("--help"), build.env)
        commands[f"{build.label}: one file"] = (build.rxnews(
            "extract", one_file, "--quiet", "--format", "json", "-o", bench.out("one.json")), build.env)
    all_times, _ = alternate(commands, bench.args.help_rounds, "start-up")
    times = {name: t["wall"] for name, t in all_times.items()}
    measures = {b.label: {
        "rxnews --help, seconds": summarize(times[f"{b.label}: rxnews --help"]),
        "one file end to end / import spacy": summarize(ratios(times[f"{b.label}: one file"], times[spacy]))}
        for b in bench.builds}
    measures["reference"] = {"import spacy, seconds": summarize(times[spacy])}
    return {"seconds": times, "ratios": measures}


def stages(bench: Bench) -> dict:
    """Per step and stage, in a fresh process per build and run (builds in turn)."""
    result: dict[str, dict] = {}
    for corpus in bench.corpora:
        runs: dict[str, list[dict]] = {build.label: [] for build in bench.builds}
        rounds = bench.args.stage_rounds
        for i in range(rounds):
            for build in round_order(bench.builds, i):
                log(f"  stages, {corpus.name}: {build.label}, run {i + 1}/{rounds}")
                runs[build.label].append(json.loads(run(
                    [sys.executable, str(BENCH / "inprocess.py"), "stages", str(corpus.folder)], build.env)))
        for label, build_runs in runs.items():
            files = build_runs[0]["files"]
            seconds = {step: statistics.median(r["seconds"].get(step, 0.0) for r in build_runs)
                       for step in build_runs[0]["seconds"]}
            total = sum(seconds.values())
            result.setdefault(corpus.name, {})[label] = {
                "files": files, "characters": build_runs[0]["characters"], "mirror": build_runs[0]["mirror"],
                "ms per release": {s: 1000 * t / files for s, t in seconds.items()},
                "share": {s: t / total for s, t in seconds.items()},
                "total ms per release": 1000 * total / files, "runs": build_runs}
    return result


def linearity(bench: Bench) -> dict:
    """`extract` of a long text and of one 10x longer, step by step; then bench/linearity.py."""
    result: dict[str, dict] = {}
    small = bench.args.size_small
    for kind, new_words in [("real", False), ("new words", True)]:
        paths = []
        for size in (small, 10 * small):
            paths.append(bench.tmp / f"glued-{kind.replace(' ', '-')}-{size}.txt")
            paths[-1].write_text(glued_text(bench.releases, size, new_words=new_words), encoding="utf-8")
        for build in bench.builds:
            log(f"  linearity, {kind}: {build.label}")
            out = json.loads(run([sys.executable, str(BENCH / "inprocess.py"), "sizes", *map(str, paths),
                                  str(bench.args.size_rounds)], build.env))
            runs = out["seconds"]
            totals = {size: [sum(r.values()) for r in runs[size]] for size in ("small", "large")}
            steps = {size: {s: statistics.median(r[s] for r in runs[size]) for s in runs[size][0]}
                     for size in ("small", "large")}
            result.setdefault(kind, {})[build.label] = {
                "characters": out["characters"], "seconds": totals, "mirror": out["mirror"],
                "ratio": summarize(ratios(totals["large"], totals["small"])),
                "steps": {s: {"small": t, "large": steps["large"].get(s, 0.0),
                              "ratio": steps["large"].get(s, 0.0) / max(t, 1e-9)}
                          for s, t in steps["small"].items()}}
    if not bench.args.no_pathological:
        log("  linearity: bench/linearity.py (this tree)")
        proc = subprocess.run([sys.executable, str(BENCH / "linearity.py")], env=bench.builds[0].env,
                              capture_output=True, text=True)
        result["bench/linearity.py"] = {"exit status": proc.returncode, "output": proc.stdout + proc.stderr}
    return result


# -- report ---------------------------------------------------------------------------------------------

def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "| " + " | ".join(f"{{:<{w}}}" for w in widths) + " |"
    return "\n".join([line.format(*header), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *(line.format(*r) for r in rows)])


def x(value: float) -> str:
    return f"{value:.2f}x"


def size(characters: int) -> str:
    return f"{characters / 1e6:.1f} MB" if characters >= 1e6 else f"{characters / 1e3:.0f} KB"


def summary_rows(results: dict, labels: list[str], meta: dict) -> list[list[str]]:
    """The headline numbers: one row per measure, min and median per build (and this / ref)."""
    files = meta["files"]
    wanted: list[tuple[str, str, list[str], bool]] = []  # measure, section, path, is a time
    for corpus in files:
        wanted.append((f"throughput `--jobs 1` / tokenisation, {corpus} ({files[corpus]:,} files)",
                       "throughput", [corpus, "ratios", "{}", "throughput --jobs 1 / tokenisation"], False))
    for corpus in files:
        wanted.append((f"speed-up `--jobs 2` / `--jobs 1`, {corpus}",
                       "throughput", [corpus, "ratios", "{}", "speed-up --jobs 2 / --jobs 1"], False))
    if len(labels) == 2:
        pair = f"{labels[0]} / {labels[1]}"
        for corpus in files:
            for jobs in ("1", "2"):
                wanted.append((f"speed {pair}, `--jobs {jobs}`, {corpus}", "throughput",
                               [corpus, "ratios", pair, f"speed --jobs {jobs}"], False))
    wanted += [("`rxnews --help`, seconds", "help", ["ratios", "{}", "rxnews --help, seconds"], True),
               ("one file end to end / `python -c \"import spacy\"`", "help",
                ["ratios", "{}", "one file end to end / import spacy"], False)]
    rows = []
    for measure, section, path, is_time in wanted:
        if section not in results:
            continue
        cells = []
        for label in labels if "{}" in path else labels[:1]:
            node = results[section]
            for key in path:
                node = node.get(key.format(label), {}) if isinstance(node, dict) else {}
            cells += ([f"{node['min']:.2f} s", f"{node['median']:.2f} s"] if is_time else
                      [x(node["min"]), x(node["median"])]) if node else ["", ""]
        rows.append([measure, *cells, *([""] * (2 * len(labels) - len(cells)))])
    for corpus, builds in results.get("memory", {}).items():  # one run each: min = median
        m = builds[labels[0]]
        rows.append([f"peak memory, {m['files'][1]:,} / {m['files'][0]:,} files, {corpus} "
                     f"({m['peak MiB'][1]:.0f} / {m['peak MiB'][0]:.0f} MiB)",
                     *(x(b["ratio"]) for b in builds.values() for _ in range(2))])
    for kind, builds in results.get("linearity", {}).items():
        if kind == "bench/linearity.py":
            continue
        m = builds[labels[0]]
        rows.append([f"{size(m['characters']['large'])} / {size(m['characters']['small'])} release, {kind} "
                     "(linear: 10x)",
                     *(x(b["ratio"][k]) for b in builds.values() for k in ("min", "median"))])
    return rows


def busy(results: dict) -> float | None:
    """The most cores that other processes kept busy during a throughput timing, on average."""
    others = [c["other processes' cores"] for c in results.get("throughput", {}).values()]
    return max(others) if others and None not in others else None


def report(results: dict, meta: dict) -> str:
    labels = list(meta["builds"])
    load = busy(results)
    note = "" if load is None else f"; other processes kept {load:.2f} cores busy while throughput was timed"
    note += " (BUSY: --jobs 2 gains less)." if load and load > 0.2 else "."
    parts = [f"# rxnews bench, {meta['date']}", "",
             "Builds: " + "; ".join(f"{label} = {b['commit']} ({b['root']})"
                                    for label, b in meta["builds"].items()) + ".",
             f"Corpus: {meta['corpus']}.",
             f"Machine: {meta['machine']}; load average {meta['load before']} before, "
             f"{meta['load after']} after{note}",
             f"Rounds: {meta['rounds']} (throughput), {meta['help rounds']} (start-up), "
             f"{meta['stage rounds']} (stages), {meta['size rounds']} (linearity); "
             f"took {meta['minutes']:.1f} min.", "",
             "## Summary", "",
             table(["measure", *(f"{label} {k}" for label in labels for k in ("min", "median"))],
                   summary_rows(results, labels, meta)), ""]
    if "throughput" in results:
        rows = []
        for corpus_name, corpus in results["throughput"].items():
            for label, measures in corpus["ratios"].items():
                for measure, s in measures.items():
                    rows.append([corpus_name, f"{label}: {measure}", x(s["min"]), x(s["median"]), x(s["max"]),
                                 x(s["cpu median"]) if "cpu median" in s else ""])
            for command, t in corpus["seconds"].items():
                rows.append([corpus_name, f"{command}, seconds", *(f"{f(t['wall']):.2f}" for f in
                                                                   (min, statistics.median, max)),
                             f"{statistics.median(t['cpu']):.2f}"])
        parts += ["## Throughput (whole processes, in turn; ratios within a round)", "",
                  table(["corpus", "measure", "min", "median", "max", "CPU-time median"], rows), ""]
    if "memory" in results:
        rows = [[corpus_name, label, f"{m['files'][1]:,} / {m['files'][0]:,}",
                 f"{m['peak MiB'][1]:.0f} / {m['peak MiB'][0]:.0f}", x(m["ratio"])]
                for corpus_name, builds in results["memory"].items() for label, m in builds.items()]
        parts += ["## Peak memory (`rxnews extract --jobs 1`, a fresh child each)", "",
                  table(["corpus", "build", "files", "peak MiB", "ratio"], rows), ""]
    if "help" in results:
        rows = [[f"{label}: {measure}", *(f"{s[k]:.2f}" if "seconds" in measure else x(s[k])
                                          for k in ("min", "median", "max"))]
                for label, measures in results["help"]["ratios"].items() for measure, s in measures.items()]
        parts += ["## Start-up", "", table(["measure", "min", "median", "max"], rows), ""]
    for corpus_name, builds in results.get("stages", {}).items():
        first = builds[labels[0]]
        names = sorted({s for b in builds.values() for s in b["ms per release"]},
                       key=lambda s: -first["ms per release"].get(s, 0.0))
        rows = [[s, *(f"{b['ms per release'][s]:.3f} ({100 * b['share'][s]:.1f}%)" if s in b["share"] else "-"
                      for b in builds.values())] for s in names]
        rows.append(["total", *(f"{b['total ms per release']:.3f}" for b in builds.values())])
        notes = [f"{label}: mirror {b['mirror']}" for label, b in builds.items() if b["mirror"] is not True]
        average = first["characters"] / first["files"]
        parts += [f"## Stages, {corpus_name} ({first['files']:,} files of {average:.0f} characters on "
                  "average): ms per release (share)", "",
                  table(["step", *labels], rows), *notes, ""]
    if "linearity" in results:
        rows, step_rows = [], []
        for kind, builds in results["linearity"].items():
            if kind == "bench/linearity.py":
                continue
            for label, m in builds.items():
                chars, seconds = m["characters"], m["seconds"]
                rows.append([kind, label, f"{size(chars['large'])} / {size(chars['small'])}",
                             " / ".join(f"{statistics.median(seconds[k]):.2f}" for k in ("large", "small")),
                             x(m["ratio"]["min"]), x(m["ratio"]["median"])])
                large = sum(s["large"] for s in m["steps"].values())
                step_rows += [[kind, label, step, f"{s['small']:.3f}", f"{s['large']:.3f}", x(s["ratio"])]
                              for step, s in sorted(m["steps"].items(), key=lambda kv: -kv[1]["large"])
                              if s["large"] >= 0.02 * large]
        parts += ["## One long release against one 10x shorter (linear: 10x)", "",
                  table(["text", "build", "characters", "seconds (median)", "min", "median"], rows), "",
                  "Steps over 2% of the longer text's time (median seconds):", "",
                  table(["text", "build", "step", "shorter", "longer", "ratio"], step_rows), ""]
        if lin := results["linearity"].get("bench/linearity.py"):
            parts += [f"bench/linearity.py (exit status {lin['exit status']}):", "",
                      "```", lin["output"].rstrip(), "```", ""]
    return "\n".join(parts)


# -- main -----------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--only", default=",".join(SECTIONS), help=f"comma-separated sections (default {','.join(SECTIONS)})")
    add("--compare", metavar="REF", help="also time this git ref's build, in turn with this tree")
    add("--files", type=int, default=3000, help="files of the real corpus (default 3000)")
    add("--new-files", type=int, default=2000, help="files of the new-words corpus (default 2000)")
    add("--rounds", type=int, default=5, help="rounds of the throughput timings (default 5)")
    add("--help-rounds", type=int, default=10, help="rounds of the start-up timings (default 10)")
    add("--stage-rounds", type=int, default=3, help="runs per build of the stage timings (default 3)")
    add("--size-rounds", type=int, default=2, help="rounds of the linearity timings (default 2)")
    add("--size-small", type=int, default=400_000,
        help="characters of the shorter long release (default 400000; the longer has 10x)")
    add("--no-pathological", action="store_true", help="linearity: skip bench/linearity.py")
    add("--distinct", type=Path, metavar="DIR",
        help="also time a folder of your own releases (*.txt), each once (throughput and stages)")
    add("--shared", type=Path, help="the gold corpus (default: shared/corpus in a folder above this project)")
    add("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := sorted(set(only) - set(SECTIONS)):
        parser.error(f"unknown sections {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")

    started = time.perf_counter()
    load_before = " ".join(f"{v:.2f}" for v in os.getloadavg())
    shared = args.shared or find_shared_corpus()
    releases = read_releases(shared)
    in_shared = sum(1 for r in releases if shared and (shared / f"{r.name}.txt").exists())
    with tempfile.TemporaryDirectory(prefix="rxnews-bench-") as name:
        tmp = Path(name)
        (tmp / "out").mkdir()
        try:
            builds = [this_tree(), *([ref_build(args.compare, tmp)] if args.compare else [])]
            for build in builds:
                build.check()
        except Failed as error:
            sys.exit(str(error))
        bench = Bench(args, tmp, builds, releases)
        for corpus_name, files, new_words in [("real", args.files, False),
                                              ("new words", args.new_files, True)]:
            folder = tmp / corpus_name.replace(" ", "-")
            small = folder.with_name(f"{folder.name}-small")
            total = write_corpus(folder, releases, files, new_words=new_words)
            write_corpus(small, releases, files // 10, new_words=new_words)
            bench.corpora.append(Corpus(corpus_name, folder, files, total, small, files // 10))
        distinct = read_folder(args.distinct) if args.distinct else []
        if distinct:
            folder = tmp / "distinct"
            total = write_corpus(folder, distinct, len(distinct))
            bench.corpora.append(Corpus("distinct", folder, len(distinct), total, None, 0))
        elif args.distinct:
            sys.exit(f"--distinct: no *.txt in {args.distinct}")
        results: dict[str, dict] = {}
        failures: dict[str, str] = {}
        for section, function in [("throughput", throughput), ("memory", memory), ("help", help_and_startup),
                                  ("stages", stages), ("linearity", linearity)]:
            if section in only:
                log(f"{section} ...")
                try:
                    results[section] = function(bench)
                except Failed as error:  # the other sections may still run
                    log(str(error))
                    failures[section] = str(error)
    real, new = bench.corpora[:2]
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "builds": {b.label: {"commit": b.commit, "root": str(ROOT if b.root == ROOT else "a temporary copy")}
                   for b in builds},
        "corpus": (f"{len(releases)} releases ({in_shared} of the gold corpus in {shared}, "
                   f"{len(releases) - in_shared} more from samples/ and tests/data/releases/) repeated to "
                   f"{real.files:,} files ({real.bytes / 1e6:.1f} MB); new words: the same perturbed, "
                   f"{new.files:,} files ({new.bytes / 1e6:.1f} MB)"
                   + "".join(f"; distinct: {c.files:,} releases of {args.distinct}, each once "
                             f"({c.bytes / 1e6:.1f} MB)" for c in bench.corpora[2:])),
        "files": {c.name: c.files for c in bench.corpora},
        "machine": (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                    f"spaCy {version('spacy')}"),
        "load before": load_before, "load after": " ".join(f"{v:.2f}" for v in os.getloadavg()),
        "rounds": args.rounds, "help rounds": args.help_rounds, "stage rounds": args.stage_rounds,
        "size rounds": args.size_rounds, "minutes": (time.perf_counter() - started) / 60, "sections": only}
    print(report(results, meta))
    for section, error in failures.items():
        print(f"## {section}: FAILED\n\n```\n{error}\n```\n")
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results, "failures": failures},
                                        indent=1) + "\n", encoding="utf-8")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
