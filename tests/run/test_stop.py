"""Runs stopped from outside: SIGTERM and SIGHUP keep the records as Ctrl-C does, a SIGKILL's
leftover is recovered by --resume, and two runs never write one -o FILE at once."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_folder, rxnews_env, stop_after

from rxnews.cli import cli
from rxnews.run.lock import OutputLock, lock_path


def read_records(path: Path) -> list[dict]:
    text = path.read_text()
    assert text.endswith("\n")
    return json.loads(text) if path.suffix == ".json" else [json.loads(x) for x in text.splitlines()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("name, jobs, fmt, group", [
    ("SIGTERM", "1", "jsonl", False),  # `kill PID`
    ("SIGTERM", "2", "json", False),
    ("SIGTERM", "2", "jsonl", True),  # to every process of the run, as a service manager may
    ("SIGHUP", "1", "jsonl", False),
    ("SIGHUP", "2", "json", True),  # the terminal was closed: the whole process group
])
def test_stop_signal_keeps_every_completed_record(tmp_path, name, jobs, fmt, group):
    signum = signal.Signals[name]
    status = 128 + signum  # 143 for SIGTERM, 129 for SIGHUP
    inputs = make_folder(tmp_path / "in", 400)  # still going when the signal arrives
    out = tmp_path / f"out.{fmt}"
    out.write_text("previous run\n")
    result = stop_after(["extract", str(tmp_path / "in"), "--jobs", jobs, "-o", str(out), "-q"],
                        tmp_path, records=3, signum=signum, group=group)
    assert result.returncode == status
    assert result.stderr == f"rxnews: stopped by {name}; completed records were kept\n"
    records = read_records(out)
    assert 3 <= len(records) < len(inputs)
    assert [r["source"] for r in records] == inputs[:len(records)]  # a prefix: nothing skipped
    assert leftovers(tmp_path) == []  # no temporary file, no lock file


def test_stop_signal_without_quiet_prints_the_summary_first(tmp_path):
    make_folder(tmp_path / "in", 400)
    result = stop_after(["extract", str(tmp_path / "in"), "--jobs", "1", "-o", str(tmp_path / "o.jsonl")],
                        tmp_path, records=2, signum=signal.SIGTERM, group=False)
    assert result.returncode == 143
    summary, last = result.stderr.splitlines()
    assert summary.startswith("rxnews: ") and " processed, 0 failed, " in summary
    assert last == "rxnews: stopped by SIGTERM; completed records were kept"


def killed_run(tmp_path: Path, out: Path, records: int) -> Path:
    """SIGKILL rxnews on tmp_path/in once `records` records are written; return its .part file."""
    result = stop_after(["extract", str(tmp_path / "in"), "--jobs", "2", "-o", str(out)],
                        tmp_path, records=records, signum=signal.SIGKILL, group=False)
    assert result.returncode == -signal.SIGKILL
    (part,) = tmp_path.glob(f".{out.name}.*.part")
    assert lock_path(out).exists()  # the lock file of the killed run, stale: it must not block
    return part


def test_stop_sigkill_leftover_is_recovered_by_resume(tmp_path):
    inputs = make_folder(tmp_path / "in", 150)
    out = tmp_path / "out.jsonl"
    part = killed_run(tmp_path, out, records=5)
    kept = len(part.read_text().splitlines())  # complete lines (a last one may be cut short)
    # Resumed from another folder, with other spellings of the same paths.
    result = subprocess.run([sys.executable, "-m", "rxnews", "extract", "./in/../in", "-o", "out.jsonl",
                             "--jobs", "2", "--resume"],
                            capture_output=True, text=True, env=rxnews_env(), timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        f"rxnews: resuming: {kept} of 150 inputs already done ({kept} recovered from {part.name}, "
        "left by a run that was killed)\n")
    sources = [r["source"] for r in read_records(out)]
    assert [os.path.realpath(os.path.join(tmp_path, s)) for s in sources] == [
        os.path.realpath(p) for p in inputs]  # every input once, in order
    assert leftovers(tmp_path) == []


def test_stop_sigkill_leftover_is_reported_without_resume(tmp_path):
    make_folder(tmp_path / "in", 150)
    out = tmp_path / "out.jsonl"
    part = killed_run(tmp_path, out, records=2)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "in" / "r0000.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert result.stderr == (f"rxnews: warning: {part}: records of a run of {out} that was killed; "
                             "--resume recovers them\n")
    assert part.exists() and len(read_records(out)) == 1


def test_stop_second_run_on_the_same_file_refuses_to_start(tmp_path):
    make_folder(tmp_path / "in", 150)
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    first = subprocess.Popen([sys.executable, "-m", "rxnews", "extract", str(tmp_path / "in"), "-o", str(out),
                              "--jobs", "1", "-q"], env=rxnews_env(), stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".out.jsonl.*.part")) and time.monotonic() < deadline:
            time.sleep(0.05)
        second = CliRunner().invoke(cli, ["extract", str(tmp_path / "in" / "r0000.txt"), "-o", str(out)])
        assert second.exit_code == 2
        assert second.stderr == (f"rxnews: error: {out}: another rxnews run (pid {first.pid}) is writing "
                                 "this file; wait for it to end or choose another -o FILE\n")
    finally:
        assert first.wait(timeout=120) == 0
    assert len(read_records(out)) == 150  # the first run's output, whole
    assert leftovers(tmp_path) == []


def test_stop_stale_lock_file_does_not_block(tmp_path):
    out = tmp_path / "out.jsonl"
    lock_path(out).write_text("999999999\n")  # left by a run that was killed: nothing holds it
    (tmp_path / "a.txt").write_text("The FDA approved ACM-101.\n")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(read_records(out)) == 1 and leftovers(tmp_path) == []


def test_stop_library_batch_holds_the_lock_until_run_ends(tmp_path):
    from rxnews.errors import OutputError
    from rxnews.run.batch import Batch

    (tmp_path / "a.txt").write_text("The FDA approved ACM-101.\n")
    out = tmp_path / "out.jsonl"
    batch = Batch([str(tmp_path / "a.txt")], output=str(out), jobs=1)
    with pytest.raises(OutputError):
        Batch([str(tmp_path / "a.txt")], output=str(out), jobs=1)
    with pytest.raises(OutputError):
        OutputLock(out).acquire()
    assert batch.run().processed == 1
    Batch([str(tmp_path / "a.txt")], output=str(out), jobs=1).run()
