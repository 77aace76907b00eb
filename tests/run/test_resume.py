"""--resume: records read from FILE and leftover .part files, inputs matched by resolved path."""

import hashlib
import io
import json
import os
import time

import pytest

from rxnews.errors import ResumeError
from rxnews.run.resume import (
    copy_records,
    file_sha256,
    leftover_parts,
    plan_resume,
    read_done,
    record_key,
)


@pytest.fixture
def tmp_path(tmp_path):
    """The test folder with its links resolved (/tmp is a link on macOS): records keys are."""
    return tmp_path.resolve()


def line(source, sha=None, title=None):
    return json.dumps({"schema_version": "1", "source": source, "title": title,
                       "content_sha256": sha}) + "\n"


def copied(done, drop=frozenset()):
    stream = io.StringIO()
    copy_records(done, stream, set(drop))
    return [(r["source"], r["title"]) for r in map(json.loads, stream.getvalue().splitlines())]


def test_resume_read_done_ignores_a_truncated_last_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "out.jsonl"
    path.write_text(line("a.txt", "1" * 64) + "\n" + line("b.txt") + '{"source": "c.txt", "ti')
    done = read_done([path, tmp_path / "missing.jsonl"])
    assert done.records == {str(tmp_path / "a.txt"): ("a.txt", "1" * 64),
                            str(tmp_path / "b.txt"): ("b.txt", None)}
    assert done.files == [path] and done.recovered == 0


@pytest.mark.parametrize("content, bad_line", [
    ("[\n", 1),
    (line("a.txt") + "not json\n" + line("b.txt"), 2),
    (line("a.txt") + "[1, 2]\n", 2),
])
def test_resume_read_done_refuses_other_files(tmp_path, content, bad_line):
    path = tmp_path / "out.jsonl"
    path.write_text(content)
    with pytest.raises(ResumeError) as err:
        read_done([path])
    assert str(err.value) == (f"{path}:{bad_line}: not an rxnews JSON record; only a JSON Lines file "
                              "written by rxnews can be resumed")


@pytest.mark.parametrize("spelling", ["a.txt", "./a.txt", "sub/../a.txt", "{tmp}/a.txt", "link/../a.txt"])
def test_resume_record_key_is_the_resolved_path_whatever_the_spelling(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "deep" / "er")  # link/.. is deep/, not here
    expected = tmp_path / ("deep/a.txt" if spelling.startswith("link") else "a.txt")
    assert record_key(spelling.replace("{tmp}", str(tmp_path))) == str(expected)


def test_resume_record_key_keeps_a_link_apart_from_its_target(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert record_key("b.txt") != record_key("a.txt")  # each input has a record under its own name
    assert record_key("<stdin>") == "<stdin>"


def test_resume_plan_skips_unchanged_inputs_under_any_spelling(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("same.txt", "changed.txt", "new.txt"):
        (tmp_path / name).write_text(name)
    out = tmp_path / "out.jsonl"
    out.write_text(line("./same.txt", file_sha256("same.txt")) + line("changed.txt", "0" * 64)
                   + line("<stdin>", "1" * 64) + line("elsewhere.txt"))
    done = read_done([out])
    todo, stale = plan_resume([str(tmp_path / "same.txt"), "sub/../changed.txt", "new.txt", "-"], done)
    assert todo == ["sub/../changed.txt", "new.txt", "-"]
    assert stale == {str(tmp_path / "changed.txt"), "<stdin>"}
    assert copied(done, stale) == [("./same.txt", None), ("elsewhere.txt", None)]


def test_resume_plan_matches_a_non_utf8_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("x")
    out = tmp_path / "out.jsonl"
    out.write_text(line("caf\\xe9.txt", file_sha256(name)))  # the escaped source of that name
    assert plan_resume([name], read_done([out])) == ([], set())


def test_resume_file_sha256(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\x00abc")
    assert file_sha256(str(path)) == hashlib.sha256(b"\xff\x00abc").hexdigest()
    assert file_sha256(str(tmp_path / "missing")) is None


def test_resume_leftover_parts_of_this_file_only_oldest_first(tmp_path):
    names = [".out.jsonl.zzzzzzzz.part", ".out.jsonl.a1_b2c3d.part", ".out.jsonl.x.jsonl.abcdefgh.part",
             ".other.jsonl.abcdefgh.part", "out.jsonl", ".out.jsonl.lock"]
    for age, name in enumerate(names):
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (time.time() - 100 + age, time.time() - 100 + age))
    assert [p.name for p in leftover_parts(tmp_path / "out.jsonl")] == [
        ".out.jsonl.zzzzzzzz.part", ".out.jsonl.a1_b2c3d.part"]
    assert leftover_parts(tmp_path / "missing" / "out.jsonl") == []


def test_resume_leftover_records_are_recovered_each_input_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out, part = tmp_path / "out.jsonl", tmp_path / ".out.jsonl.abcdefgh.part"
    out.write_text(line("a.txt", title="a, first run") + line("b.txt", title="b, first run"))
    # A killed resumed run: FILE's records copied first, then new ones, the last one cut short.
    part.write_text(line("a.txt", title="a, copy") + line("./b.txt", title="b, copy")
                    + line("c.txt", title="c, killed run") + '{"source": "d.txt", "ti')
    done = read_done([out, part])
    assert done.recovered == 1 and done.files == [out, part]
    assert copied(done) == [("a.txt", "a, first run"), ("b.txt", "b, first run"), ("c.txt", "c, killed run")]
    assert copied(done, {record_key("a.txt")}) == [("b.txt", "b, first run"), ("c.txt", "c, killed run")]
