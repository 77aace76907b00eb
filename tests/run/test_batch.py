"""`rxnews extract` on batches: summary, progress, -o never half-written, Ctrl-C, --resume."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, make_folder, rxnews_env, stop_after

from rxnews.cli import cli
from rxnews.run import batch

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"
SUMMARY = re.compile(r"rxnews: (\d+) processed, (\d+) failed, (\d+) events, \d+\.\ds\n")


@pytest.fixture
def runner():
    return CliRunner()


def sources(path: Path) -> list[str]:
    return [json.loads(line)["source"] for line in path.read_text().splitlines()]


def test_batch_summary_line_and_no_progress_without_a_terminal(runner, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = runner.invoke(cli, ["extract", str(SAMPLES), str(tmp_path / "bad.txt"), "--jobs", "1"])
    assert result.exit_code == 1
    error, summary = result.stderr.splitlines(keepends=True)
    assert error == f"rxnews: error: {tmp_path / 'bad.txt'}: binary file (contains NUL bytes), not text\n"
    assert SUMMARY.fullmatch(summary).groups() == ("3", "1", "10")


def test_batch_quiet_prints_nothing_on_stderr(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES), "--jobs", "1", "-q"])
    assert result.exit_code == 0 and result.stderr == ""


def on_terminal(args: list[str], stdout_file: Path | None) -> str:
    """Run rxnews with stderr (and stdout, unless `stdout_file`) on a terminal; return what the
    terminal showed, without colours and cursor moves."""
    import pty

    primary, secondary = pty.openpty()
    with open(stdout_file or os.devnull, "wb") as stdout:
        proc = subprocess.Popen([sys.executable, "-m", "rxnews", *args], stderr=secondary,
                                stdout=stdout if stdout_file else secondary,
                                env={**rxnews_env(), "TERM": "xterm", "COLUMNS": "120"})
        os.close(secondary)
        output = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        os.close(primary)
        assert proc.wait(timeout=60) == 0
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output.decode("utf-8", "replace")).replace("\r", "")


@pytest.mark.parametrize("where, quiet, bar", [
    ("-o", False, True),
    ("-o", True, False),
    ("stdout-file", False, True),  # `rxnews extract ... > records.jsonl`
    ("stdout-terminal", False, False),  # the tables are printed there: no bar among them
])
def test_batch_progress_bar_on_a_terminal(tmp_path, where, quiet, bar):
    out = tmp_path / "o.jsonl"
    args = ["extract", str(SAMPLES), "--jobs", "1", *(["-o", str(out)] if where == "-o" else []),
            *(["-q"] if quiet else [])]
    text = on_terminal(args, out if where == "stdout-file" else None)
    if quiet:
        assert text == ""
        return
    assert bool(re.search(r"\b[0-3]/3\b", text) and "docs/s" in text) == bar  # files done of total, rate
    assert SUMMARY.search(text)
    if where == "stdout-terminal":
        assert text.count("Events") == 3  # the tables
    else:
        assert '"schema_version"' not in text  # records never go to the terminal
        assert sources(out) == [str(p) for p in sorted(SAMPLES.glob("*.txt"))]


def test_batch_failure_mid_run_leaves_previous_output_intact(runner, tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    calls = []
    real_run_job = batch.run_job

    def failing_run_job(job, extractor):
        calls.append(job.path)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real_run_job(job, extractor)

    monkeypatch.setattr(batch, "run_job", failing_run_job)
    result = runner.invoke(cli, ["extract", str(SAMPLES), "--jobs", "1", "-q", "-o", str(out)])
    assert isinstance(result.exception, RuntimeError) and len(calls) == 2
    assert (result.exit_code, result.stderr) == (1, "")  # the error goes up to the caller, not to a line
    assert out.read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


@pytest.mark.parametrize("jobs, fmt", [("1", "jsonl"), ("2", "json")])
def test_batch_ctrl_c_keeps_every_completed_record(tmp_path, jobs, fmt):
    inputs = make_folder(tmp_path / "in", 400)  # still going when the interrupt arrives
    out = tmp_path / f"out.{fmt}"
    result = stop_after(["extract", str(tmp_path / "in"), "--jobs", jobs, "-o", str(out)],
                        tmp_path, records=3)
    assert result.returncode == 130, result.stderr
    assert result.stderr.endswith("rxnews: interrupted; completed records were kept\n")
    assert "Traceback" not in result.stderr
    text = out.read_text()
    records = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    assert text.endswith("\n") and 3 <= len(records) < len(inputs)
    assert [r["source"] for r in records] == inputs[:len(records)]  # a prefix: nothing skipped
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def running(pid: int) -> bool:
    """Whether a process exists and has not ended (a zombie nobody reaped has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads worker pids from /proc")
def test_batch_workers_stop_when_rxnews_is_killed(tmp_path):
    make_folder(tmp_path / "in", 400)
    proc = subprocess.Popen([sys.executable, "-m", "rxnews", "extract", str(tmp_path / "in"),
                             "--jobs", "2", "-o", str(tmp_path / "out.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=rxnews_env())
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        children = [int(pid) for pid in Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
                    .read_text().split()]
    assert len(children) == 2
    proc.kill()  # no Ctrl-C, no clean-up: as by the out-of-memory killer or `kill -9`
    proc.wait()
    deadline = time.monotonic() + 10
    while any(map(running, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(running, children))


def test_batch_resume_after_ctrl_c_processes_each_input_once(tmp_path):
    # Enough inputs that the first run is still going when the interrupt arrives.
    inputs = make_folder(tmp_path / "in", 400)
    out = tmp_path / "out.jsonl"
    first = stop_after(["extract", str(tmp_path / "in"), "--jobs", "1", "-o", str(out)],
                       tmp_path, records=2)
    assert first.returncode == 130
    kept = sources(out)
    with out.open("a") as handle:  # as if killed in the middle of the next record
        handle.write('{"schema_version":"1","source":"' + inputs[len(kept)] + '","ti')
    result = subprocess.run([sys.executable, "-m", "rxnews", "extract", str(tmp_path / "in"),
                             "--jobs", "1", "-o", str(out), "--resume"],
                            capture_output=True, text=True, env=rxnews_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"rxnews: resuming: {len(kept)} of {len(inputs)} inputs "
                                    f"already in {out}\n")
    assert SUMMARY.search(result.stderr).group(1) == str(len(inputs) - len(kept))
    assert sources(out) == inputs


def test_batch_resume_reprocesses_new_and_modified_inputs(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(TEXT)
    out = tmp_path / "out.jsonl"
    assert runner.invoke(cli, ["extract", str(folder), "-o", str(out), "-j", "1", "-q"]).exit_code == 0
    before = out.read_text().splitlines()
    (folder / "b.txt").write_text(TEXT.replace("ACM-101", "ACM-202"))
    (folder / "c.txt").write_text(TEXT)
    result = runner.invoke(cli, ["extract", str(folder), "-o", str(out), "-j", "1", "--resume"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"rxnews: resuming: 1 of 3 inputs already in {out}\n")
    assert SUMMARY.search(result.stderr).groups() == ("2", "0", "2")
    lines = out.read_text().splitlines()
    records = {r["source"]: r for r in map(json.loads, lines)}
    assert sorted(records) == [str(folder / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert len(lines) == 3 and lines[0] == before[0]  # a.txt kept as it was
    assert records[str(folder / "b.txt")]["drugs"][0]["name"] == "ACM-202"


def test_batch_resume_without_an_existing_file_starts_afresh(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["extract", str(SAMPLES), "-o", str(out), "-j", "1", "--resume", "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(sources(out)) == 3


@pytest.mark.parametrize("args, message", [
    (["--resume"], "--resume needs -o FILE (the records to resume from)"),
    (["--resume", "-o", "{tmp}/out.json"], "--resume needs JSON Lines output (--format jsonl), not json"),
    (["--resume", "-o", "{tmp}/out.jsonl", "--format", "csv"],
     "--resume needs JSON Lines output (--format jsonl), not csv"),
    (["--resume", "-o", "{tmp}/fifo"], "--resume needs a regular file, not {tmp}/fifo"),
    (["--resume", "-o", "{tmp}/old.jsonl"],
     "{tmp}/old.jsonl:2: not an rxnews JSON record; only a JSON Lines file written by rxnews can be resumed"),
    (["--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"],
     "--jobs cannot be combined with --scheduler (the cluster's workers do the work)"),
])
def test_batch_usage_errors(runner, tmp_path, args, message):
    (tmp_path / "old.jsonl").write_text('{"source": "a.txt"}\n[]\n')
    os.mkfifo(tmp_path / "fifo")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(cli, ["extract", str(SAMPLES), *args])
    assert result.exit_code == 2
    assert result.stderr == f"rxnews: error: {message.replace('{tmp}', str(tmp_path))}\n"


def test_batch_scheduler_without_dask_says_how_to_install_it(runner, monkeypatch):
    import rxnews.run.dask  # noqa: F401  (so that the real module is put back afterwards)

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "rxnews.run.dask")  # imported afresh by the command
    result = runner.invoke(cli, ["extract", str(SAMPLES), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.stderr == "rxnews: error: --scheduler needs Dask: pip install 'rxnews[dask]'\n"


def test_batch_library_runs_paths_to_records_with_counts(tmp_path):
    import io

    from rxnews.run.batch import Batch

    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    batch = Batch([str(tmp_path), "-"], jobs=1, stdin=io.BytesIO(TEXT.encode()))
    assert batch.files == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-"]
    stream, seen = io.StringIO(), []
    counts = batch.run(stream, seen.append)
    assert (counts.processed, counts.failed, counts.events) == (2, 1, 2)
    assert [(o.source, o.error) for o in seen] == [
        (str(tmp_path / "a.txt"), None), (str(tmp_path / "b.txt"), "binary file (PNG image), not text"),
        ("<stdin>", None)]
    assert [json.loads(line)["source"] for line in stream.getvalue().splitlines()] == [
        str(tmp_path / "a.txt"), "<stdin>"]


@pytest.mark.parametrize(("options", "message"), [
    ({"resume": True}, "--resume needs -o FILE (the records to resume from)"),
    ({"resume": True, "output": "x.csv", "fmt": "csv"},
     "--resume needs JSON Lines output (--format jsonl), not csv"),
    ({"jobs": 2, "scheduler": "tcp://x:1"},
     "--jobs cannot be combined with --scheduler (the cluster's workers do the work)"),
])
def test_batch_library_refuses_options_that_cannot_work(options, message):
    from rxnews.run.batch import Batch, OptionError

    with pytest.raises(OptionError) as info:
        Batch([str(SAMPLES)], **options)
    assert str(info.value) == message


def test_batch_library_resume_skips_what_the_output_holds(tmp_path):
    from rxnews.run.batch import Batch

    out = tmp_path / "out.jsonl"
    assert Batch([str(SAMPLES)], output=str(out), jobs=1).run().processed == 3
    again = Batch([str(SAMPLES)], output=str(out), jobs=1, resume=True)
    assert (again.files, again.counts.resumed) == ([], 3)
    assert again.run().processed == 0 and len(out.read_text().splitlines()) == 3
