"""The benchmark's pure parts (bench/benchlib.py): its corpus and its summaries. Nothing is timed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def benchlib():
    spec = importlib.util.spec_from_file_location("benchlib", BENCH / "benchlib.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("benchlib", module)
    spec.loader.exec_module(module)
    return module


TEXTS = [
    "Zorvexa (ACM-101) won FDA approval on May 3, 2025.",
    "BEIJING, Jan. 5 -- Shanghai's CDE cleared the IND for 4B02-01; PD-L1 x CD3 & TrkB.",
    "café — naïve Ünïcode, 中文 and e-mail: info@example.com https://x.org/a?b=1",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_bench_perturb_keeps_shape(benchlib, text):
    new = benchlib.perturb(text, "0:1")
    assert len(new) == len(text)
    assert benchlib.shape(new) == benchlib.shape(text)
    assert [len(w) for w in new.split()] == [len(w) for w in text.split()]


@pytest.mark.parametrize("text", TEXTS[:3])
def test_bench_perturb_changes_every_ascii_letter(benchlib, text):
    new = benchlib.perturb(text, 7)
    for old_char, new_char in zip(text, new, strict=True):
        if old_char.isascii() and old_char.isalpha():
            assert new_char != old_char
        else:
            assert new_char == old_char


def test_bench_perturb_is_deterministic_per_seed(benchlib):
    text = TEXTS[1]
    assert benchlib.perturb(text, "0:5") == benchlib.perturb(text, "0:5")
    assert benchlib.perturb(text, "0:5") != benchlib.perturb(text, "0:6")


def test_bench_corpus_repeats_real_text_and_perturbs_each_copy(benchlib, tmp_path):
    releases = [benchlib.Release("a/one", "Alpha beta 1."), benchlib.Release("a/two", "Gamma, delta!")]
    total = benchlib.write_corpus(tmp_path / "real", releases, 5)
    files = sorted((tmp_path / "real").glob("*.txt"))
    assert [p.read_text(encoding="utf-8") for p in files] == [r.text for r in releases * 3][:5]
    assert total == sum(p.stat().st_size for p in files)
    benchlib.write_corpus(tmp_path / "new", releases, 5, new_words=True)
    new = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "new").glob("*.txt"))]
    assert new[0] != new[2]  # two copies of one release get different words
    assert [benchlib.shape(t) for t in new] == [benchlib.shape(r.text) for r in releases * 3][:5]
    benchlib.write_corpus(tmp_path / "again", releases, 5, new_words=True)
    assert new == [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "again").glob("*.txt"))]


def test_bench_read_releases_reads_each_text_once(benchlib, tmp_path):
    for folder, name, text in [("shared/dev", "x", "one"), ("root/samples", "s", "one"),
                               ("root/samples", "t", "two"), ("root/tests/data/releases", "w", "three")]:
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / f"{name}.txt").write_text(text, encoding="utf-8")
    releases = benchlib.read_releases(tmp_path / "shared", root=tmp_path / "root")
    assert [(r.name, r.text) for r in releases] == [("dev/x", "one"), ("samples/t", "two"),
                                                    ("releases/w", "three")]
    assert [r.text for r in benchlib.read_releases(None, root=tmp_path / "root")] == ["one", "two", "three"]


def test_bench_read_folder_reads_subfolders_and_each_text_once(benchlib, tmp_path):
    for name, data in [("b/w1.txt", b"one"), ("a.txt", b"two"), ("b/w2.txt", b"one"),
                       ("c/notes.md", b"skipped"), ("d/bad.txt", b"caf\xe9")]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    releases = benchlib.read_folder(tmp_path)
    assert [(r.name, r.text) for r in releases] == [("a", "two"), ("b/w1", "one"), ("d/bad", "caf\ufffd")]
    written = tmp_path / "out"
    benchlib.write_corpus(written, releases, len(releases))
    assert sorted(p.name for p in written.iterdir()) == ["00000_a.txt", "00001_b_w1.txt", "00002_d_bad.txt"]


def test_bench_glued_text_has_the_size_asked(benchlib):
    releases = [benchlib.Release("a/one", "Alpha beta 1."), benchlib.Release("a/two", "Gamma, delta!")]
    assert len(benchlib.glued_text(releases, 100, new_words=False)) == 100
    assert benchlib.glued_text(releases, 30, new_words=False).startswith("Alpha beta 1.\n\nGamma, delta!")


@pytest.mark.parametrize(("values", "low", "middle"), [
    ([1.0], 1.0, 1.0),
    ([0.8, 0.6, 0.7], 0.6, 0.7),
    ([1.5, 1.2, 1.9, 1.6], 1.2, 1.55),
])
def test_bench_summarize_min_and_median(benchlib, values, low, middle):
    summary = benchlib.summarize(values)
    assert summary["min"] == low
    assert summary["median"] == pytest.approx(middle)
    assert summary["max"] == max(values)
    assert summary["runs"] == values


def test_bench_summarize_refuses_no_values(benchlib):
    with pytest.raises(ValueError, match="^no values to summarize$"):
        benchlib.summarize([])


def test_bench_ratios_pair_rounds(benchlib):
    assert benchlib.ratios([2.0, 3.0], [1.0, 4.0]) == [2.0, 0.75]
    with pytest.raises(ValueError, match="^the two series have different numbers of rounds$"):
        benchlib.ratios([1.0], [1.0, 2.0])


def test_bench_round_order_alternates(benchlib):
    assert benchlib.round_order(["a", "b", "c"], 0) == ["a", "b", "c"]
    assert benchlib.round_order(["a", "b", "c"], 1) == ["c", "b", "a"]
