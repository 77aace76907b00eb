"""`rxnews extract -o FILE`: a run that adds no record leaves FILE as it was, FILE's folder is
checked before any work, --resume matches inputs however their paths are spelled, and --jobs
is capped."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from rxnews.cli import cli
from rxnews.run import batch

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"
NO_INPUTS = "rxnews: warning: no inputs found: no file in {tmp}/{folder} matches --glob {globs}\n"
DEFAULT_GLOBS = "*.txt *.md *.markdown *.html *.htm *.xhtml"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("args, status, stderr", [
    (["{tmp}/nosuch/"], 1, "rxnews: error: {tmp}/nosuch/: no such file\n"),
    (["{tmp}/empty"], 0, NO_INPUTS.format(tmp="{tmp}", folder="empty", globs=DEFAULT_GLOBS)),
    (["{tmp}/in", "--glob", "*.pdf"], 0, NO_INPUTS.format(tmp="{tmp}", folder="in", globs="*.pdf")),
    (["{tmp}/in/bad.txt"], 1, "rxnews: error: {tmp}/in/bad.txt: binary file (PNG image), not text\n"),
], ids=["mistyped-folder", "empty-folder", "unmatched-glob", "every-input-failed"])
@pytest.mark.parametrize("name", ["out.jsonl", "out.json", "out.csv"])
@pytest.mark.parametrize("existed", [True, False], ids=["existing", "new"])
def test_batch_run_that_adds_no_record_leaves_the_file_as_it_was(runner, tmp_path, args, status, stderr,
                                                                 name, existed):
    (tmp_path / "empty").mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / name
    if existed:
        out.write_text("previous run\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(cli, ["extract", *args, "-o", str(out), "-q", "--jobs", "1"])
    assert (result.exit_code, result.stderr) == (status, stderr.replace("{tmp}", str(tmp_path)))
    assert out.read_text() == "previous run\n" if existed else not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["empty", "in", *([name] * existed)])


@pytest.mark.parametrize("fmt, stdout", [
    ("jsonl", ""),
    ("json", "[]\n"),
    ("csv", "source,title,release_date,companies,drugs,targets,indications,agencies,event_type,event_agency,"
            "event_drug,event_indication,event_phase,event_date,event_date_precision,event_date_text,"
            "event_date_source,event_planned,event_evidence\n"),
])
def test_batch_no_inputs_on_stdout_is_an_empty_document(runner, tmp_path, fmt, stdout):
    result = runner.invoke(cli, ["extract", str(tmp_path), "--format", fmt])
    assert result.exit_code == 0 and result.stdout == stdout
    warning, summary = result.stderr.splitlines()
    assert warning == NO_INPUTS.format(tmp=tmp_path, folder="", globs=DEFAULT_GLOBS).replace("/ ", " ")[:-1]
    assert summary.startswith("rxnews: 0 processed, 0 failed, 0 events, ")


@pytest.fixture
def read_only(tmp_path) -> Path:
    """A folder no file can be created in."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except PermissionError:
        yield folder
    else:  # root writes anywhere a mode forbids it; sysfs is refused to root too
        (folder / "probe").unlink()
        assert Path("/sys").is_dir(), "no folder that root cannot write into on this machine"
        yield Path("/sys")
    folder.chmod(0o755)


@pytest.mark.parametrize("name, message", [
    ("missing/out.jsonl", "{tmp}/missing/out.jsonl: folder {tmp}/missing does not exist"),
    ("a.txt/out.jsonl", "{tmp}/a.txt/out.jsonl: folder {tmp}/a.txt is not a folder"),
    ("{ro}/out.jsonl", "{ro}/out.jsonl: cannot write into folder {ro}: permission denied"),
])
def test_batch_output_folder_is_checked_before_any_work(runner, tmp_path, read_only, monkeypatch, name,
                                                        message):
    (tmp_path / "a.txt").write_text(TEXT)
    monkeypatch.setattr(batch, "load_patterns", lambda dirs: pytest.fail("work started"))
    out = name.replace("{ro}", str(read_only)) if "{ro}" in name else str(tmp_path / name)
    result = runner.invoke(cli, ["extract", str(tmp_path / "a.txt"), "-o", out])
    assert result.exit_code == 2
    assert result.stderr == "rxnews: error: " + message.format(tmp=tmp_path, ro=read_only) + "\n"


@pytest.mark.parametrize("first, again", [
    ("a.txt", "./a.txt"),
    ("./a.txt", "sub/../a.txt"),
    ("{tmp}/a.txt", "a.txt"),
    ("a.txt", "link/../a.txt"),  # "link" leads to a folder inside this one
])
def test_batch_resume_matches_inputs_however_spelled(runner, tmp_path, monkeypatch, first, again):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "sub" / "deeper")
    (tmp_path / "sub" / "a.txt").write_text(TEXT)
    (tmp_path / "a.txt").write_text(TEXT)
    first, again = (p.replace("{tmp}", str(tmp_path)) for p in (first, again))
    if again.startswith("link"):  # link/.. is sub/, so link/../a.txt is sub/a.txt: a new input
        first = "sub/a.txt"
    assert runner.invoke(cli, ["extract", first, "-o", "out.jsonl", "-q"]).exit_code == 0
    before = Path("out.jsonl").read_text()
    result = runner.invoke(cli, ["extract", again, "-o", "out.jsonl", "--resume"])
    assert result.exit_code == 0
    assert result.stderr.startswith("rxnews: resuming: 1 of 1 inputs already in out.jsonl\n")
    assert Path("out.jsonl").read_text() == before  # the record of the first spelling, kept once


@pytest.mark.parametrize("jobs, inputs, note", [
    (8, 3, "rxnews: note: --jobs 8 capped to 3 (3 inputs)\n"),
    (1000, 12, "rxnews: note: --jobs 1000 capped to 4 (2 per core, 2 cores)\n"),
    (4, 12, ""),
    (3, 1, "rxnews: note: --jobs 3 capped to 1 (1 input)\n"),
])
def test_batch_jobs_capped_by_inputs_and_cores_with_a_note(runner, tmp_path, monkeypatch, jobs, inputs, note):
    monkeypatch.setattr(batch, "usable_cores", lambda: 2)
    for i in range(inputs):
        (tmp_path / f"{i:02d}.txt").write_text(TEXT)
    started = []
    monkeypatch.setattr(batch, "local_outcomes",
                        lambda jobs, entries, workers, total: started.append(workers) or
                        (batch.Outcome(job.source) for job in jobs))
    result = runner.invoke(cli, ["extract", str(tmp_path), "--jobs", str(jobs)])
    assert result.exit_code == 0
    assert result.stderr.startswith(note + f"rxnews: {inputs} processed, ")
    assert started == [min(jobs, inputs, 4)]


@pytest.mark.parametrize("options, error, message", [
    ({"release_date": "notadate"}, "ReleaseDateError",
     "expected YYYY-MM-DD (or YYYY-MM, YYYY), got 'notadate'"),
    ({"output": "{tmp}/missing/out.jsonl"}, "OutputError",
     "{tmp}/missing/out.jsonl: folder {tmp}/missing does not exist"),
    ({"output": "{tmp}"}, "OutputError", "{tmp}: is a folder, not a file"),
])
def test_batch_library_refuses_what_cannot_work_before_any_work(tmp_path, monkeypatch, options, error,
                                                                message):
    from rxnews import errors
    from rxnews.run.batch import Batch

    monkeypatch.setattr(batch, "load_patterns", lambda dirs: pytest.fail("work started"))
    options = {k: v.replace("{tmp}", str(tmp_path)) for k, v in options.items()}
    with pytest.raises(getattr(errors, error)) as info:
        Batch([str(SAMPLES)], **options)
    assert str(info.value) == message.replace("{tmp}", str(tmp_path))
