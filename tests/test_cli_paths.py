"""`rxnews extract` on awkward paths: any file name, links that lead nowhere or round in
circles, pipes and devices in folders, folders that cannot be listed."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from click.testing import CliRunner
from conftest import rxnews_env

from rxnews.cli import cli
from rxnews.inputs import paths as paths_module

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("raw, escaped", [
    (b"caf\xe9.txt", "caf\\xe9.txt"),  # Latin-1, not UTF-8
    (b"\x93quoted\x94.txt", "\\x93quoted\\x94.txt"),  # Windows-1252 quotes
    (b"line\nbreak.txt", "line\\x0abreak.txt"),
    (b"back\\slash.txt", "back\\\\slash.txt"),
    ("r\u00e9sum\u00e9 \u6587.txt".encode(), "r\u00e9sum\u00e9 \u6587.txt"),  # UTF-8: as it is
])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_paths_any_file_name_is_read_and_kept_as_its_source(runner, tmp_path, raw, escaped, fmt):
    name = os.fsdecode(raw)
    (tmp_path / name).write_text(TEXT)
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.4")
    out = tmp_path / f"out.{fmt}"
    for args in (["-o", str(out)], []):
        result = runner.invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "1", "--format", fmt, *args])
        assert result.exit_code == 1, result.output
        assert result.stderr == f"rxnews: error: {tmp_path}/bad.txt: binary file (PDF document), not text\n"
        text = out.read_bytes().decode("utf-8") if args else result.stdout_bytes.decode("utf-8")
        if fmt == "jsonl":
            (record,) = map(json.loads, text.splitlines())
            assert record["source"] == f"{tmp_path}/{escaped}"
        else:
            assert f"{tmp_path}/{escaped}".replace('"', '""') in text


def test_cli_paths_errors_name_the_file_escaped(runner, tmp_path):
    name = os.fsdecode(b"bin\xff.txt")
    (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    result = runner.invoke(cli, ["extract", str(tmp_path / name), "-q"])
    assert result.exit_code == 1
    assert result.stderr == f"rxnews: error: {tmp_path}/bin\\xff.txt: binary file (PNG image), not text\n"


def test_cli_paths_bad_entries_in_a_folder_are_one_line_each_and_the_rest_runs(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT)
    (folder / "sub" / "b.txt").write_text(TEXT)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    os.mkfifo(tmp_path / "fifo")
    (folder / "pipe.txt").symlink_to(tmp_path / "fifo")  # reading it would wait forever
    (folder / "device.md").symlink_to("/dev/zero")  # reading it would never end
    # A child process, so that a hang fails the test instead of stopping the suite.
    result = subprocess.run([sys.executable, "-m", "rxnews", "extract", str(folder), "-q", "--jobs", "1"],
                            capture_output=True, text=True, env=rxnews_env(), timeout=60)
    assert result.returncode == 1
    assert result.stderr == "".join(f"rxnews: error: {folder}/{entry}\n" for entry in [
        "dangling.txt: broken symbolic link", "device.md: not a regular file (character device)",
        "loop.txt: symbolic link loop", "pipe.txt: not a regular file (named pipe)",
        "sub/up: symbolic link loop"])
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == [
        f"{folder}/a.txt", f"{folder}/sub/b.txt"]


def test_cli_paths_folder_that_cannot_be_listed_is_an_error(runner, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT)
    locked.chmod(0)
    real = os.scandir

    def scandir(path):
        if path == str(locked):  # as the system answers any user but root, who reads every folder
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    try:
        with mock.patch.object(paths_module.os, "scandir", scandir):
            result = runner.invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "1"])
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == f"rxnews: error: {locked}: cannot list folder: permission denied\n"
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == [str(tmp_path / "a.txt")]
