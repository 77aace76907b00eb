"""One run per -o FILE: a flock on .FILE.lock, refused while held, free once its process is gone."""

import os
import signal
import subprocess
import sys

import pytest

from rxnews.errors import OutputError
from rxnews.run.lock import OutputLock, lock_path

pytest.importorskip("fcntl", reason="runs are locked with flock(2), which Windows does not have")


def test_lock_second_holder_is_refused_with_the_pid_of_the_first(tmp_path):
    target = tmp_path / "out.jsonl"
    first = OutputLock(target).acquire()
    assert lock_path(target).read_text() == f"{os.getpid()}\n"
    with pytest.raises(OutputError) as info:
        OutputLock(target).acquire()
    assert str(info.value) == (f"{target}: another rxnews run (pid {os.getpid()}) is writing this file; "
                               "wait for it to end or choose another -o FILE")
    first.release()
    assert not lock_path(target).exists()
    OutputLock(target).acquire().release()  # free again


def test_lock_left_by_a_killed_process_does_not_block(tmp_path):
    target = tmp_path / "out.jsonl"
    code = ("import time; from pathlib import Path; from rxnews.run.lock import OutputLock; "
            f"lock = OutputLock(Path({str(target)!r})).acquire(); print('locked', flush=True); "
            "time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(OutputError):
            OutputLock(target).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_path(target).read_text() == f"{holder.pid}\n"  # the killed run's file is still there
    lock = OutputLock(target).acquire()  # but nothing holds it
    assert lock_path(target).read_text() == f"{os.getpid()}\n"
    lock.release()


def test_lock_ends_with_its_process_not_with_forked_workers(tmp_path):
    target = tmp_path / "out.jsonl"
    code = ("import os, time; from pathlib import Path; from rxnews.run.lock import OutputLock\n"
            f"lock = OutputLock(Path({str(target)!r})).acquire()\n"
            "if os.fork() == 0:\n"
            "    print(os.getpid(), flush=True)  # the worker runs: what happens at fork is done\n"
            "time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    worker = int(holder.stdout.readline())
    try:
        holder.send_signal(signal.SIGKILL)  # the run dies; its forked worker lives on a while
        holder.wait()
        OutputLock(target).acquire().release()
    finally:
        os.kill(worker, signal.SIGKILL)


def test_lock_cannot_be_created_in_a_folder_that_is_not_writable(tmp_path):
    with pytest.raises(OutputError) as info:
        OutputLock(tmp_path / "missing" / "out.jsonl").acquire()
    assert str(info.value) == (f"{tmp_path}/missing/out.jsonl: cannot write into folder {tmp_path}/missing: "
                               "no such file or directory")


def test_lock_without_flock_runs_unlocked(tmp_path, monkeypatch):
    import errno

    from rxnews.run import lock

    def no_locks(fd, how):
        raise OSError(errno.ENOLCK, "No locks available")  # as some network file systems answer

    monkeypatch.setattr(lock.fcntl, "flock", no_locks)
    OutputLock(tmp_path / "out.jsonl").acquire().release()
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(lock, "fcntl", None)  # Windows
    OutputLock(tmp_path / "out.jsonl").acquire().release()
    with pytest.raises(OutputError):  # the folder is still tested
        OutputLock(tmp_path / "missing" / "out.jsonl").acquire()
    assert list(tmp_path.iterdir()) == []
