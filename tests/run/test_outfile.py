"""The -o file: checked before any work, atomic replacement, kept when stopped, unchanged when
a run adds nothing."""

import os
from contextlib import nullcontext
from pathlib import Path

import pytest

from rxnews.errors import OutputError
from rxnews.run.outfile import atomic_output, check_output, in_place
from rxnews.run.signals import Stopped


def parts(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_outfile_atomic_output_replaces_target(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with atomic_output(target) as part:
        part.handle.write("new\n")
        assert target.read_text() == "old\n"  # untouched until the run is complete
    assert target.read_text() == "new\n" and parts(tmp_path) == []


def test_outfile_error_leaves_previous_file_intact(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as part:
        part.handle.write("half a reco")
        raise RuntimeError("boom")
    assert target.read_text() == "old\n" and parts(tmp_path) == []


def test_outfile_error_leaves_no_file_when_there_was_none(tmp_path):
    with pytest.raises(RuntimeError), atomic_output(tmp_path / "out.jsonl") as part:
        part.handle.write("x")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), Stopped(15), Stopped(1)], ids=["int", "term", "hup"])
def test_outfile_stop_keeps_what_was_written(tmp_path, stop):
    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt) as info, atomic_output(target) as part:
        part.handle.write('{"a":1}\n')
        raise stop
    assert info.value is stop  # the stop itself goes up: a Stopped keeps its type and signal
    assert target.read_text() == '{"a":1}\n' and parts(tmp_path) == []


@pytest.mark.parametrize("stop", [None, KeyboardInterrupt(), Stopped(15)], ids=["end", "int", "term"])
def test_outfile_run_that_adds_nothing_leaves_the_file_as_it_was(tmp_path, stop):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt) if stop else nullcontext() as info, atomic_output(target) as part:
        part.wanted = False
        part.handle.write("source,title\n")  # a header, no record
        if stop:
            raise stop
    assert (info is None) if stop is None else (info.value is stop)
    assert target.read_text() == "old\n" and parts(tmp_path) == []


def test_outfile_absorbed_leftovers_are_removed_once_the_target_has_their_records(tmp_path):
    target, leftover = tmp_path / "out.jsonl", tmp_path / ".out.jsonl.abcd1234.part"
    leftover.write_text("x\n")
    with pytest.raises(RuntimeError), atomic_output(target, [leftover]) as part:
        raise RuntimeError("boom")
    assert leftover.exists()  # the run failed: the records are still only there
    with atomic_output(target, [leftover]) as part:
        part.handle.write("x\n")
    assert not leftover.exists() and target.read_text() == "x\n"


def test_outfile_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "out.jsonl") as part:
            part.handle.write("x")
    finally:
        os.umask(umask)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("name, message", [
    ("missing/out.jsonl", "{tmp}/missing/out.jsonl: folder {tmp}/missing does not exist"),
    ("file.txt/out.jsonl", "{tmp}/file.txt/out.jsonl: folder {tmp}/file.txt is not a folder"),
    ("sub", "{tmp}/sub: is a folder, not a file"),
])
def test_outfile_check_output_refuses_a_missing_folder(tmp_path, name, message):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputError) as info:
        check_output(tmp_path / name)
    assert str(info.value) == message.replace("{tmp}", str(tmp_path))


def test_outfile_special_files_are_written_in_place(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    assert in_place(tmp_path / "fifo") and in_place(Path(os.devnull))
    assert not in_place(tmp_path / "new.jsonl") and not in_place(tmp_path)
