"""Local worker processes: records in input order, and workers that die or cannot start."""

import json
import os

import pytest
from click.testing import CliRunner
from conftest import RELEASES

from rxnews.cli import cli
from rxnews.inputs import iter_paths
from rxnews.matching.patterns import load_patterns
from rxnews.run import pool
from rxnews.run.batch import local_outcomes
from rxnews.run.jobs import Job
from rxnews.run.pool import WorkerPool, WorkerTraceback, chunk_size

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


def test_pool_two_jobs_write_records_in_input_order(tmp_path):
    # Texts of very different lengths, so workers finish out of order.
    texts = sorted(RELEASES.glob("*.txt"))
    for i in range(12):
        folder = tmp_path / f"d{i % 3}"
        folder.mkdir(exist_ok=True)
        body = texts[i % len(texts)].read_text(encoding="utf-8")
        (folder / f"r{11 - i:02d}.md").write_text(body * (1 + 5 * (i % 2)), encoding="utf-8")
    (tmp_path / "skip.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--glob", "*.md", "--jobs", "2", "-q"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == list(iter_paths([str(tmp_path)], ("*.md",))) and len(sources) == 12


@pytest.mark.parametrize("total, workers, expected", [
    (None, 2, 4), (1, 2, 1), (3, 2, 1), (100, 2, 6), (10_000, 2, 16), (10_000, 64, 16),
])
def test_pool_chunk_size(total, workers, expected):
    assert chunk_size(total, workers) == expected


@pytest.mark.parametrize("workers, most", [
    (1, 1),  # one input read, one record out: nothing accumulates
    (2, 40),  # 4 tasks of 4 inputs per worker read ahead, plus the task being read
])
def test_pool_run_batch_streams_lazily(workers, most):
    pulled = []

    def jobs():
        for i in range(10_000):
            pulled.append(i)
            yield Job("-", TEXT.encode("utf-8"))

    outcomes = local_outcomes(jobs(), load_patterns(), workers=workers)
    first = next(outcomes)
    assert first.record["events"][0]["drug"] == "ACM-101"
    assert 1 <= len(pulled) <= most
    outcomes.close()


needs_fork = pytest.mark.skipif(
    pool.default_start_method() != "fork",
    reason="the workers must inherit this test's stand-ins, which only forking does")


@needs_fork
def test_pool_worker_that_cannot_start_fails_each_input_instead_of_hanging(tmp_path, monkeypatch):
    import rxnews.extractor

    def broken(*args, **kwargs):
        raise RuntimeError("no extractor")

    monkeypatch.setattr(rxnews.extractor, "Extractor", broken)  # the forked workers inherit it
    jobs = [Job(str(tmp_path / f"{i}.txt")) for i in range(3)]
    outcomes = list(local_outcomes(jobs, load_patterns(()), workers=2, total=3))
    expected = "internal error starting a worker (RuntimeError: no extractor)"
    assert [o.error for o in outcomes] == [expected] * 3


def dies_on(marker: str):
    """A `run_job` that kills its worker process on inputs whose path holds `marker`."""
    import signal

    real = pool.run_job

    def run_job(job, extractor):
        if marker in job.path:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(job, extractor)

    return run_job


@needs_fork
def test_pool_worker_killed_by_an_input_fails_that_input_only(tmp_path, monkeypatch):
    paths = []
    for i in range(20):
        path = tmp_path / (f"{i:02d}-poison.txt" if i in (7, 15) else f"{i:02d}.txt")
        path.write_text(TEXT)
        paths.append(str(path))
    monkeypatch.setattr(pool, "run_job", dies_on("poison"))
    outcomes = list(local_outcomes([Job(p) for p in paths], load_patterns(()), workers=2, total=20))
    assert [o.source for o in outcomes] == paths  # every input once, in order
    failed = {o.source: o.error for o in outcomes if o.error}
    assert failed == {paths[7]: "the worker process died (killed by signal 9) on this input",
                      paths[15]: "the worker process died (killed by signal 9) on this input"}
    assert all(o.record["events"] for o in outcomes if not o.error)


@needs_fork
def test_pool_workers_that_always_die_stop_the_batch_with_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "_serve", lambda *args: os._exit(3))
    for i in range(50):
        (tmp_path / f"{i:02d}.txt").write_text(TEXT)
    out = tmp_path / "out.jsonl"
    out.write_text("earlier\n")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "2", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.endswith("rxnews: error: worker processes keep dying (exit code 3); stopped\n")
    assert out.read_text() == "earlier\n"  # left as it was


@needs_fork
def test_pool_error_raised_in_a_worker_with_debug_is_raised_with_its_traceback(tmp_path, monkeypatch):
    import rxnews.extractor

    def broken(self, doc, release_date=None):
        raise ValueError("boom")

    monkeypatch.setattr(rxnews.extractor.Extractor, "extract_input", broken)
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    quiet = CliRunner().invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "2"])
    assert quiet.exit_code == 1
    assert "internal error (ValueError: boom); run with --debug" in quiet.stderr
    debug = CliRunner().invoke(cli, ["--debug", "extract", str(tmp_path), "-q", "--jobs", "2"])
    assert isinstance(debug.exception, ValueError) and str(debug.exception) == "boom"
    cause = debug.exception.__cause__
    assert isinstance(cause, WorkerTraceback) and "in broken" in str(cause)


def test_pool_task_sizes_shrink_towards_the_end():
    sizes = WorkerPool([], workers=2, total=1000)
    assert [sizes._task_size(read) for read in (0, 900, 990, 996, 999)] == [16, 16, 2, 1, 1]
    assert WorkerPool([], workers=2, total=None)._task_size(5000) == 4


def test_pool_spawned_workers_build_their_own_extractor(tmp_path):
    texts = sorted(RELEASES.glob("*.txt"))[:3]
    entries = load_patterns(())
    alone = [o.record for o in local_outcomes([Job(str(p)) for p in texts], entries)]
    spawning = WorkerPool(entries, workers=2, total=3, start_method="spawn")
    spawned = [o.record for o in spawning.run(Job(str(p)) for p in texts)]
    assert spawned == alone and len(alone) == 3


def test_pool_parent_builds_spacys_side_before_the_workers_fork_and_share_it(tmp_path):
    (tmp_path / "mine.jsonl").write_text(
        '{"id": "n", "label": "CUE", "cue": "dose", "pattern": [{"LIKE_NUM": true}]}\n', encoding="utf-8")
    extractor, error = pool.prepare(load_patterns([tmp_path]))
    assert error is None and extractor.matcher._spacy is not None


def test_pool_parent_builds_no_spacy_side_when_every_token_pattern_is_compiled():
    extractor, error = pool.prepare(load_patterns([]))
    assert error is None and extractor.matcher._spacy is None
