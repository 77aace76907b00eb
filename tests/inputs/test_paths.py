import os
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rxnews.inputs import InputPath, escape_path, iter_paths, path_of, source_of, walk_inputs
from rxnews.inputs import paths as paths_module

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


@pytest.fixture
def tree(tmp_path):
    """A nested folder: names whose sorted order differs from creation order."""
    for rel in ["b/z.txt", "b/a.md", "a.txt", "c/d/e.html", "c/notes.pdf", "B.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT)
    return tmp_path


def walked(tree, *args):
    return [(os.path.relpath(e.path, tree), e.error) for e in walk_inputs(*args)]


def test_paths_folders_walked_recursively_in_sorted_order(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)])]
    assert found == ["B.txt", "a.txt", "b/a.md", "b/z.txt", "c/d/e.html"]


def test_paths_folders_glob_selects_files(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)], ("*.md", "*.pdf"))]
    assert found == ["b/a.md", "c/notes.pdf"]


@pytest.mark.parametrize("globs, expected", [
    (("*.TXT",), ["B.txt", "a.txt", "b/z.txt", "f/UPPER.TXT"]),
    (("*.Html",), ["c/d/e.html", "f/Page.HTM.html"]),
    (("*.htm",), ["f/Old.HTM"]),
    (("F/*.txt",), ["f/UPPER.TXT"]),
])
def test_paths_folder_globs_ignore_case(tree, globs, expected):
    (tree / "f").mkdir()
    for name in ("UPPER.TXT", "Page.HTM.html", "Old.HTM"):
        (tree / "f" / name).write_text(TEXT)
    assert [os.path.relpath(p, tree) for p in iter_paths([str(tree)], globs)] == expected


def test_paths_folders_and_files_keep_the_order_given(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree / "c"), str(tree / "a.txt")])]
    assert found == ["c/d/e.html", "a.txt"]


def test_paths_links_that_cannot_be_inputs_are_one_error_each(tree):
    (tree / "c" / "d" / "loop").symlink_to(tree, target_is_directory=True)  # back to the top
    (tree / "b" / "again").symlink_to(tree / "b", target_is_directory=True)  # to itself
    (tree / "b" / "dangling.txt").symlink_to(tree / "nowhere.txt")
    (tree / "b" / "l1.txt").symlink_to(tree / "b" / "l2.txt")  # a loop of file links
    (tree / "b" / "l2.txt").symlink_to(tree / "b" / "l1.txt")
    (tree / "b" / "x-dangling").symlink_to(tree / "nowhere")  # no glob matches it: not an input
    os.mkfifo(tree / "pipe")
    (tree / "b" / "pipe.txt").symlink_to(tree / "pipe")
    (tree / "b" / "null.txt").symlink_to(os.devnull)
    (tree / "c" / "link.md").symlink_to(tree / "a.txt")  # a link to a file is read
    (tree / "c" / "sibling").symlink_to(tree / "b", target_is_directory=True)  # walked already
    assert walked(tree, [str(tree)]) == [
        ("B.txt", None), ("a.txt", None), ("b/a.md", None), ("b/again", "symbolic link loop"),
        ("b/dangling.txt", "broken symbolic link"), ("b/l1.txt", "symbolic link loop"),
        ("b/l2.txt", "symbolic link loop"), ("b/null.txt", "not a regular file (character device)"),
        ("b/pipe.txt", "not a regular file (named pipe)"), ("b/z.txt", None),
        ("c/d/e.html", None), ("c/d/loop", "symbolic link loop"), ("c/link.md", None)]


def test_paths_pipes_in_a_folder_are_errors_pipes_given_by_name_are_read(tmp_path):
    os.mkfifo(tmp_path / "feed.txt")
    assert list(walk_inputs([str(tmp_path)])) == [
        InputPath(str(tmp_path / "feed.txt"), "not a regular file (named pipe)")]
    assert list(walk_inputs([str(tmp_path / "feed.txt")])) == [InputPath(str(tmp_path / "feed.txt"))]


def test_paths_a_link_loop_given_by_name_is_an_error(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "a.txt")
    assert list(walk_inputs([str(tmp_path / "a.txt"), "-"])) == [
        InputPath(str(tmp_path / "a.txt"), "symbolic link loop"), InputPath("-")]


def test_paths_folder_that_cannot_be_listed_is_an_error(tree):
    locked = tree / "b"
    locked.chmod(0)
    try:
        # root reads any folder: there, listing fails as it does for everyone else.
        denied = PermissionError(13, "Permission denied", str(locked))
        real = os.scandir
        with mock.patch.object(paths_module.os, "scandir",
                               lambda p: (_ for _ in ()).throw(denied) if p == str(locked) else real(p)):
            assert walked(tree, [str(tree)]) == [
                ("B.txt", None), ("a.txt", None), ("b", "cannot list folder: permission denied"),
                ("c/d/e.html", None)]
    finally:
        locked.chmod(0o755)


def test_paths_non_utf8_name_is_walked_and_escaped(tmp_path):
    name = os.fsdecode(b"r\xe9sum\xe9 \\ \x1b.txt")
    (tmp_path / name).write_text(TEXT)
    (path,) = iter_paths([str(tmp_path)])
    assert path == str(tmp_path / name)  # the real name, to open the file
    assert source_of(path) == f"{tmp_path}/r\\xe9sum\\xe9 \\\\ \\x1b.txt"
    assert path_of(source_of(path)) == path


@pytest.mark.parametrize("path, source", [
    ("plain/caf\u00e9 \u6587.txt", "plain/caf\u00e9 \u6587.txt"),  # valid UTF-8 names stay as they are
    ("a\\b.txt", "a\\\\b.txt"),
    ("a\\x41.txt", "a\\\\x41.txt"),  # not mistaken for an escape
    (os.fsdecode(b"bad\xff\xfe.txt"), "bad\\xff\\xfe.txt"),
    ("tab\tnew\nline\x7f.txt", "tab\\x09new\\x0aline\\x7f.txt"),
    ("c1\x9b.txt", "c1\\u009b.txt"),
    ("-", "<stdin>"),
])
def test_paths_source_escapes_what_is_not_printable_utf8(path, source):
    assert source_of(path) == source
    if path != "-":
        assert path_of(source) == path


@given(st.binary(min_size=1, max_size=30))
def test_paths_escape_path_is_reversed_by_path_of(name):
    path = os.fsdecode(name)
    source = escape_path(path)
    assert source.encode("utf-8") and not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in source)
    assert path_of(source) == path


@pytest.mark.parametrize("folder, first", [(".", "B.txt"), ("./", "B.txt"), ("./b/", "b/a.md"),
                                           ("b/../c", "b/../c/d/e.html")])
def test_paths_folder_paths_joined_as_pathlib_joins_them(tree, monkeypatch, folder, first):
    monkeypatch.chdir(tree)
    assert next(iter_paths([folder])) == first
