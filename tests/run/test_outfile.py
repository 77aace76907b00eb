"""The -o file: atomic replacement, kept on Ctrl-C, resumed without duplicates."""

import hashlib
import json
import os
import signal

import pytest

from rxnews.errors import ResumeError
from rxnews.run.outfile import (
    atomic_output,
    copy_records,
    file_sha256,
    held_interrupt,
    plan_resume,
    read_done,
)


def parts(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def line(source, sha):
    return json.dumps({"schema_version": "1", "source": source, "content_sha256": sha}) + "\n"


def test_outfile_atomic_output_replaces_target(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with atomic_output(target) as handle:
        handle.write("new\n")
        assert target.read_text() == "old\n"  # untouched until the run is complete
    assert target.read_text() == "new\n" and parts(tmp_path) == []


def test_outfile_error_leaves_previous_file_intact(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write("half a reco")
        raise RuntimeError("boom")
    assert target.read_text() == "old\n" and parts(tmp_path) == []


def test_outfile_error_leaves_no_file_when_there_was_none(tmp_path):
    with pytest.raises(RuntimeError), atomic_output(tmp_path / "out.jsonl") as handle:
        handle.write("x")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_outfile_interrupt_keeps_what_was_written(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as handle:
        handle.write('{"a":1}\n')
        raise KeyboardInterrupt
    assert target.read_text() == '{"a":1}\n' and parts(tmp_path) == []


def test_outfile_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "out.jsonl") as handle:
            handle.write("x")
    finally:
        os.umask(umask)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o644


def test_outfile_held_interrupt_delays_ctrl_c_to_the_end_of_the_block():
    steps = []
    with pytest.raises(KeyboardInterrupt), held_interrupt():
        os.kill(os.getpid(), signal.SIGINT)
        steps.append("finished the record")
    assert steps == ["finished the record"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_outfile_read_done_ignores_a_truncated_last_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(line("a.txt", "1" * 64) + "\n" + line("b.txt", None) + '{"source": "c.txt", "ti')
    assert read_done(path) == {"a.txt": "1" * 64, "b.txt": None}
    assert read_done(tmp_path / "missing.jsonl") == {}


@pytest.mark.parametrize("content, bad_line", [
    ("[\n", 1),
    (line("a.txt", None) + "not json\n" + line("b.txt", None), 2),
    (line("a.txt", None) + "[1, 2]\n", 2),
])
def test_outfile_read_done_refuses_other_files(tmp_path, content, bad_line):
    path = tmp_path / "out.jsonl"
    path.write_text(content)
    with pytest.raises(ResumeError) as err:
        read_done(path)
    assert str(err.value).startswith(f"{path}:{bad_line}: not an rxnews JSON record")


def test_outfile_plan_resume_skips_only_unchanged_inputs(tmp_path):
    same, changed, new = (tmp_path / n for n in ("same.txt", "changed.txt", "new.txt"))
    for path in (same, changed, new):
        path.write_text(path.name)
    done = {str(same): file_sha256(str(same)), str(changed): "0" * 64, "<stdin>": "1" * 64,
            "elsewhere.txt": None}
    todo, stale = plan_resume([str(same), str(changed), str(new), "-"], done)
    assert todo == [str(changed), str(new), "-"]
    assert stale == {str(changed), "<stdin>"}


def test_outfile_file_sha256(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\x00abc")
    assert file_sha256(str(path)) == hashlib.sha256(b"\xff\x00abc").hexdigest()
    assert file_sha256(str(tmp_path / "missing")) is None


def test_outfile_copy_records_drops_stale_and_truncated(tmp_path):
    import io

    path = tmp_path / "out.jsonl"
    path.write_text(line("a.txt", None) + line("b.txt", None) + line("c.txt", None) + '{"sou')
    stream = io.StringIO()
    assert copy_records(path, stream, {"b.txt"}) == 2
    assert [json.loads(x)["source"] for x in stream.getvalue().splitlines()] == ["a.txt", "c.txt"]
