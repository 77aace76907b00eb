"""Batches: folders walked in a fixed order, records in input order, streamed, hashed."""

import hashlib
import json
import os

import pytest
from click.testing import CliRunner
from conftest import DEV_CORPUS

from rxnews.batch import Job, chunk_size, run_batch, run_job
from rxnews.cli import cli
from rxnews.inputs import iter_paths
from rxnews.patterns import load_patterns

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


@pytest.fixture
def tree(tmp_path):
    """A nested folder: names whose sorted order differs from creation order."""
    for rel in ["b/z.txt", "b/a.md", "a.txt", "c/d/e.html", "c/notes.pdf", "B.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT)
    return tmp_path


def test_batch_folders_walked_recursively_in_sorted_order(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)])]
    assert found == ["B.txt", "a.txt", "b/a.md", "b/z.txt", "c/d/e.html"]


def test_batch_folders_glob_selects_files(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)], ("*.md", "*.pdf"))]
    assert found == ["b/a.md", "c/notes.pdf"]


def test_batch_folders_symlink_loop_is_walked_once(tree):
    (tree / "c" / "d" / "loop").symlink_to(tree, target_is_directory=True)
    (tree / "b" / "again").symlink_to(tree / "b", target_is_directory=True)
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)])]
    assert found == ["B.txt", "a.txt", "b/a.md", "b/z.txt", "c/d/e.html"]


def test_batch_folders_and_files_keep_the_order_given(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree / "c"), str(tree / "a.txt")])]
    assert found == ["c/d/e.html", "a.txt"]


def test_batch_two_jobs_write_records_in_input_order(tmp_path):
    # Texts of very different lengths, so workers finish out of order.
    texts = sorted(DEV_CORPUS.glob("*.txt"))
    for i in range(12):
        folder = tmp_path / f"d{i % 3}"
        folder.mkdir(exist_ok=True)
        body = texts[i % len(texts)].read_text(encoding="utf-8")
        (folder / f"r{11 - i:02d}.md").write_text(body * (1 + 5 * (i % 2)), encoding="utf-8")
    (tmp_path / "skip.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--glob", "*.md", "--jobs", "2", "-q"])
    assert result.exit_code == 0, result.output
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == list(iter_paths([str(tmp_path)], ("*.md",))) and len(sources) == 12


@pytest.mark.parametrize("total, workers, expected", [
    (None, 2, 4), (1, 2, 1), (3, 2, 1), (100, 2, 6), (10_000, 2, 16), (10_000, 64, 16),
])
def test_batch_chunk_size(total, workers, expected):
    assert chunk_size(total, workers) == expected


def test_batch_run_job_records_the_content_hash(extractor):
    data = TEXT.encode("utf-8")
    outcome = run_job(Job("-", data), extractor)
    assert outcome.error is None
    assert outcome.record["source"] == "<stdin>"
    assert outcome.record["content_sha256"] == hashlib.sha256(data).hexdigest()


def test_batch_run_job_as_line_gives_the_json_line_of_the_record(extractor):
    data = TEXT.encode("utf-8")
    as_dict, as_line = run_job(Job("-", data), extractor), run_job(Job("-", data, as_line=True), extractor)
    assert as_line.record is None
    assert json.loads(as_line.line) == as_dict.record
    assert as_line.events == as_dict.events == len(as_dict.record["events"]) > 0


def test_batch_writer_writes_json_lines_only(tmp_path):
    import io

    from rxnews.output import Writer

    stream = io.StringIO()
    Writer(stream, "jsonl").write_line('{"a":1}')
    assert stream.getvalue() == '{"a":1}\n'
    with pytest.raises(ValueError, match="cannot be written as csv"):
        Writer(io.StringIO(), "csv").write_line('{"a":1}')


def test_batch_run_job_error_outcome(extractor, tmp_path):
    outcome = run_job(Job(str(tmp_path / "missing.txt")), extractor)
    assert (outcome.record, outcome.error) == (None, "no such file")


@pytest.mark.parametrize("workers, most", [
    (1, 1),  # one input read, one record out: nothing accumulates
    (2, 40),  # 4 tasks of 4 inputs per worker read ahead, plus the task being read
])
def test_batch_run_batch_streams_lazily(workers, most):
    pulled = []

    def jobs():
        for i in range(10_000):
            pulled.append(i)
            yield Job("-", TEXT.encode("utf-8"))

    outcomes = run_batch(jobs(), load_patterns(), workers=workers)
    first = next(outcomes)
    assert first.record["events"][0]["drug"] == "ACM-101"
    assert 1 <= len(pulled) <= most
    outcomes.close()


def test_batch_worker_keeps_its_patterns_out_of_the_garbage_collector():
    import gc

    from rxnews.batch import _init_worker

    entries = load_patterns(())
    gc.unfreeze()
    _init_worker(entries)
    try:
        assert gc.get_freeze_count() > len(entries)  # entries, tries and matchers alike
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("enabled", [True, False])
def test_batch_long_lived_pauses_the_collector_then_freezes(enabled):
    import gc

    from rxnews.batch import long_lived

    (gc.enable if enabled else gc.disable)()
    gc.unfreeze()
    try:
        with long_lived():
            assert not gc.isenabled()
            built = [[i] for i in range(1000)]
        assert gc.isenabled() == enabled  # as it was
        assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()
        gc.enable()


def test_batch_worker_that_cannot_start_fails_each_input_instead_of_hanging(tmp_path, monkeypatch):
    import rxnews.extract

    def broken(*args, **kwargs):
        raise RuntimeError("no extractor")

    monkeypatch.setattr(rxnews.extract, "Extractor", broken)  # the forked workers inherit it
    jobs = [Job(str(tmp_path / f"{i}.txt")) for i in range(3)]
    outcomes = list(run_batch(jobs, load_patterns(()), workers=2, total=3))
    expected = "internal error starting a worker (RuntimeError: no extractor)"
    assert [o.error for o in outcomes] == [expected] * 3


needs_fork = pytest.mark.skipif(
    __import__("rxnews.batch").batch.default_start_method() != "fork",
    reason="the workers must inherit this test's stand-ins, which only forking does")


def dies_on(marker: str):
    """A `run_job` that kills its worker process on inputs whose path holds `marker`."""
    import signal

    import rxnews.batch

    real = rxnews.batch.run_job

    def run_job(job, extractor=None):
        if marker in job.path:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(job, extractor)

    return run_job


@needs_fork
def test_batch_worker_killed_by_an_input_fails_that_input_only(tmp_path, monkeypatch):
    import rxnews.batch

    paths = []
    for i in range(20):
        path = tmp_path / (f"{i:02d}-poison.txt" if i in (7, 15) else f"{i:02d}.txt")
        path.write_text(TEXT)
        paths.append(str(path))
    monkeypatch.setattr(rxnews.batch, "run_job", dies_on("poison"))
    outcomes = list(run_batch([Job(p) for p in paths], load_patterns(()), workers=2, total=20))
    assert [o.source for o in outcomes] == paths  # every input once, in order
    failed = {o.source: o.error for o in outcomes if o.error}
    assert failed == {paths[7]: "the worker process died (killed by signal 9) on this input",
                      paths[15]: "the worker process died (killed by signal 9) on this input"}
    assert all(o.record["events"] for o in outcomes if not o.error)


@needs_fork
def test_batch_workers_that_always_die_stop_the_batch_with_one_error(tmp_path, monkeypatch):
    import rxnews.batch

    monkeypatch.setattr(rxnews.batch, "_serve", lambda *args: os._exit(3))
    for i in range(50):
        (tmp_path / f"{i:02d}.txt").write_text(TEXT)
    out = tmp_path / "out.jsonl"
    out.write_text("earlier\n")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "2", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.endswith("rxnews: error: worker processes keep dying (exit code 3); stopped\n")
    assert out.read_text() == "earlier\n"  # left as it was


@needs_fork
def test_batch_error_raised_in_a_worker_with_debug_is_raised_with_its_traceback(tmp_path, monkeypatch):
    import rxnews.extract
    from rxnews.batch import WorkerTraceback

    def broken(self, doc, release_date=None):
        raise ValueError("boom")

    monkeypatch.setattr(rxnews.extract.Extractor, "extract_input", broken)
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    quiet = CliRunner().invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "2"])
    assert quiet.exit_code == 1
    assert "internal error (ValueError: boom); run with --debug" in quiet.stderr
    debug = CliRunner().invoke(cli, ["--debug", "extract", str(tmp_path), "-q", "--jobs", "2"])
    assert isinstance(debug.exception, ValueError) and str(debug.exception) == "boom"
    cause = debug.exception.__cause__
    assert isinstance(cause, WorkerTraceback) and "in broken" in str(cause)


def test_batch_task_sizes_shrink_towards_the_end():
    from rxnews.batch import _WorkerPool

    pool = _WorkerPool([], workers=2, total=1000)
    assert [pool._task_size(read) for read in (0, 900, 990, 996, 999)] == [16, 16, 2, 1, 1]
    assert _WorkerPool([], workers=2, total=None)._task_size(5000) == 4


def test_batch_spawned_workers_build_their_own_extractor(tmp_path):
    from rxnews.batch import _WorkerPool

    texts = sorted(DEV_CORPUS.glob("*.txt"))[:3]
    entries = load_patterns(())
    alone = [o.record for o in run_batch([Job(str(p)) for p in texts], entries)]
    pool = _WorkerPool(entries, workers=2, total=3, start_method="spawn")
    spawned = [o.record for o in pool.run(Job(str(p)) for p in texts)]
    assert spawned == alone and len(alone) == 3
