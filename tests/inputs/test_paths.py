import os

import pytest

from rxnews.inputs import iter_paths

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


@pytest.fixture
def tree(tmp_path):
    """A nested folder: names whose sorted order differs from creation order."""
    for rel in ["b/z.txt", "b/a.md", "a.txt", "c/d/e.html", "c/notes.pdf", "B.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT)
    return tmp_path


def test_paths_folders_walked_recursively_in_sorted_order(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)])]
    assert found == ["B.txt", "a.txt", "b/a.md", "b/z.txt", "c/d/e.html"]


def test_paths_folders_glob_selects_files(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)], ("*.md", "*.pdf"))]
    assert found == ["b/a.md", "c/notes.pdf"]


def test_paths_folders_symlink_loop_is_walked_once(tree):
    (tree / "c" / "d" / "loop").symlink_to(tree, target_is_directory=True)
    (tree / "b" / "again").symlink_to(tree / "b", target_is_directory=True)
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree)])]
    assert found == ["B.txt", "a.txt", "b/a.md", "b/z.txt", "c/d/e.html"]


def test_paths_folders_and_files_keep_the_order_given(tree):
    found = [os.path.relpath(p, tree) for p in iter_paths([str(tree / "c"), str(tree / "a.txt")])]
    assert found == ["c/d/e.html", "a.txt"]



