import json

import pytest
from click.testing import CliRunner
from conftest import RELEASES, SAMPLES

from rxnews import __version__
from rxnews.cli import cli

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"rxnews, version {__version__}\n", "")


@pytest.mark.parametrize("command", [[], ["extract"], ["text"], ["schema"], ["patterns"], ["eval"], ["load"],
                                     ["drugs"], ["timeline"]])
def test_cli_every_command_is_documented(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Example" in result.stdout


def test_cli_extract_file_jsonl_by_default(runner, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT)
    result = runner.invoke(cli, ["extract", str(path), "--quiet"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert records[0]["source"] == str(path)
    assert records[0]["release_date"] == "2024-05-02"
    assert [(e["type"], e["drug"]) for e in records[0]["events"]] == [("approval", "ACM-101")]
    assert records[0]["encoding"] == "utf-8"


def test_cli_extract_stdin(runner):
    result = runner.invoke(cli, ["extract", "-", "--format", "json", "--quiet"], input=TEXT)
    assert (result.exit_code, result.stderr) == (0, "")
    records = json.loads(result.stdout)
    assert records[0]["source"] == "<stdin>"


def test_cli_extract_folder_in_sorted_order_with_summary(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES), "--jobs", "1"])
    assert result.exit_code == 0
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert [s.rsplit("/", 1)[-1] for s in sources] == [
        "4b-technologies-4b02-01.txt", "biotroy-bt02.txt", "leads-biolabs.txt"]
    assert result.stderr.startswith("rxnews: 3 processed, 0 failed, ")


def test_cli_extract_two_jobs_same_output_as_one(runner):
    one = runner.invoke(cli, ["extract", str(RELEASES), "--jobs", "1", "-q"])
    two = runner.invoke(cli, ["extract", str(RELEASES), "--jobs", "2", "-q"])
    assert one.exit_code == two.exit_code == 0
    assert one.stderr == two.stderr == ""
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 8


def test_cli_extract_bad_inputs_are_reported_and_batch_goes_on(runner, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(TEXT)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    missing = tmp_path / "c.txt"
    result = runner.invoke(cli, ["extract", str(good), str(binary), str(missing), "-q"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == (f"rxnews: error: {binary}: binary file (contains NUL bytes), not text\n"
                             f"rxnews: error: {missing}: no such file\n")


def test_cli_extract_output_file_is_written_atomically(runner, tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(TEXT)
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["extract", str(src), "-o", str(out), "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    lines = out.read_text().splitlines()
    assert lines[0].startswith("source,title,release_date,")
    assert len(lines) == 2 and ",approval," in lines[1]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_cli_extract_output_to_a_special_file_writes_in_place(runner, tmp_path):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = runner.invoke(cli, ["extract", "-", "-q", "-o", str(fifo)], input=TEXT)
        data = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert fifo.is_fifo()  # still the pipe, not replaced by a regular file
    assert json.loads(data)["release_date"] == "2024-05-02"


def test_cli_extract_table_format(runner, tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(TEXT)
    result = runner.invoke(cli, ["extract", str(src), "--format", "table", "-q"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Events" in result.stdout and "approval" in result.stdout and "ACM-101" in result.stdout


def test_cli_extract_release_date_option(runner):
    result = runner.invoke(cli, ["extract", "-", "-q", "--release-date", "2024-03-10"],
                           input="The FDA approved ACM-101 last month.")
    assert (result.exit_code, result.stderr) == (0, "")
    record = json.loads(result.stdout)
    assert record["release_date"] == "2024-03-10"
    assert record["events"][0]["date"] == "2024-02"


@pytest.mark.parametrize("value", ["yesterday", "2024-02-30", "2024/05/02", "\u0662\u0660\u0662\u0664"])
def test_cli_extract_bad_release_date_is_usage_error(runner, value):
    result = runner.invoke(cli, ["extract", "-", "--release-date", value], input="x")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--release-date': expected YYYY-MM-DD "
                                  f"(or YYYY-MM, YYYY), got {value!r}\n")


def test_cli_extract_user_patterns(runner, tmp_path):
    (tmp_path / "extra.jsonl").write_text(json.dumps(
        {"id": "my-target", "label": "TARGET", "pattern": "Zork1", "canonical": "Zork1",
         "symbol": None}) + "\n")
    result = runner.invoke(cli, ["extract", "-", "-q", "--patterns", str(tmp_path)],
                           input="ACM-101 is a Zork1 antagonist.")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [t["name"] for t in json.loads(result.stdout)["targets"]] == ["Zork1"]


def test_cli_patterns_lists_files(runner):
    result = runner.invoke(cli, ["patterns"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "targets.jsonl" in result.stdout and result.stdout.endswith("all pattern files are valid\n")


def test_cli_schema_is_json_schema_of_a_record(runner):
    result = runner.invoke(cli, ["schema"])
    assert (result.exit_code, result.stderr) == (0, "")
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) >= {"schema_version", "source", "drugs", "events"}


def test_cli_eval_samples_exact(runner):
    result = runner.invoke(cli, ["eval", str(SAMPLES), "--format", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    report = json.loads(result.stdout)
    assert report["documents"] == 3
    assert {f: v["f1"] for f, v in report["fields"].items()} == {
        "drugs": 1.0, "targets": 1.0, "indications": 1.0, "agencies": 1.0, "events": 1.0,
        "events_agency": 1.0}
    assert report["release_date_accuracy"] == 1.0


def test_cli_eval_table_and_errors(runner, tmp_path):
    result = runner.invoke(cli, ["eval", str(SAMPLES)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "release_date" in result.stdout and "F1" in result.stdout
    empty = runner.invoke(cli, ["eval", str(tmp_path)])
    assert empty.exit_code == 2
    assert empty.stderr == f"rxnews: error: {tmp_path}: no *.gold.json files found\n"


def test_cli_extract_mixed_folder_one_line_per_failure(runner, tmp_path):
    (tmp_path / "a-good.txt").write_text(TEXT)
    (tmp_path / "b-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x10\x20" * 50)
    (tmp_path / "c-undecodable.txt").write_bytes(b"\xff\xfe" + "ACM-101".encode("utf-16-le") + b"\x00\xdc")
    (tmp_path / "d-large.txt").write_text(TEXT * 100)
    (tmp_path / "e-dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "f-empty.txt").write_bytes(b" \n\t\n")
    (tmp_path / "g-page.html").write_bytes(
        b'<html><head><title>ACM-101 cleared</title><meta name="date" content="2023-11-20"></head>'
        b"<body><nav>Home</nav><p>The FDA cleared the IND for ACM-101.</p></body></html>")
    (tmp_path / "h-latin.txt").write_bytes("The FDA approved ACM-101 for caf\u00e9 users.".encode("cp1252"))
    result = runner.invoke(cli, ["extract", str(tmp_path), "-q", "--max-bytes", "2000", "--jobs", "1"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"rxnews: error: {tmp_path}/b-image.txt: binary file (PNG image), not text\n"
        f"rxnews: error: {tmp_path}/c-undecodable.txt: invalid utf-16 text (byte 16: illegal encoding)\n"
        f"rxnews: error: {tmp_path}/d-large.txt: file too large (6500 bytes > --max-bytes 2000)\n"
        f"rxnews: error: {tmp_path}/e-dangling.txt: broken symbolic link\n"
        f"rxnews: warning: {tmp_path}/f-empty.txt: empty input\n")
    records = {r["source"].rsplit("/", 1)[-1]: r for r in map(json.loads, result.stdout.splitlines())}
    assert list(records) == ["a-good.txt", "f-empty.txt", "g-page.html", "h-latin.txt"]
    empty = records["f-empty.txt"]
    assert (empty["title"], empty["drugs"], empty["events"]) == (None, [], [])
    page = records["g-page.html"]
    assert (page["title"], page["release_date"], page["encoding"]) == (
        "ACM-101 cleared", "2023-11-20", "utf-8")
    assert [(e["type"], e["date"], e["date_source"]) for e in page["events"]] == [
        ("ind_clearance", "2023-11-20", "release")]
    assert records["h-latin.txt"]["encoding"] == "windows-1252"


def test_cli_extract_gives_each_warning_its_own_line(runner):
    page = b'<html><head><meta charset="x-user-defined"><script>var s = "\xe9";</script></head></html>'
    result = runner.invoke(cli, ["extract", "-", "-q"], input=page)
    assert result.exit_code == 0
    assert result.stderr == (
        "rxnews: warning: <stdin>: unsupported encoding 'x-user-defined' declared; the encoding was guessed\n"
        "rxnews: warning: <stdin>: empty input\n")


def test_cli_extract_empty_stdin_warns_and_succeeds(runner):
    result = runner.invoke(cli, ["extract", "-", "-q"], input="")
    assert result.exit_code == 0
    assert result.stderr == "rxnews: warning: <stdin>: empty input\n"
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_cli_html_date_beats_release_date_option_but_not_the_dateline(runner):
    page = '<html><head><meta property="article:published_time" content="2022-01-05T10:00:00Z"></head>'
    undated = runner.invoke(cli, ["extract", "-", "-q", "--release-date", "2024-03-10"],
                            input=page + "<body><p>The FDA approved ACM-101.</p></body></html>")
    dated = runner.invoke(cli, ["extract", "-", "-q"],
                          input=page + "<body><p>May 2, 2024 - The FDA approved ACM-101.</p></body></html>")
    assert (undated.exit_code, undated.stderr, dated.exit_code, dated.stderr) == (0, "", 0, "")
    assert json.loads(undated.stdout)["release_date"] == "2022-01-05"
    assert json.loads(dated.stdout)["release_date"] == "2024-05-02"


def test_cli_debug_shows_the_error_instead_of_one_line(runner, tmp_path):
    from rxnews.errors import InputError

    binary = tmp_path / "b.txt"
    binary.write_bytes(b"%PDF-1.4")
    quiet = runner.invoke(cli, ["extract", str(binary), "-q"])
    assert quiet.exit_code == 1 and quiet.exception is not None and isinstance(quiet.exception, SystemExit)
    assert quiet.stderr == f"rxnews: error: {binary}: binary file (PDF document), not text\n"
    debug = runner.invoke(cli, ["--debug", "extract", str(binary), "-q"])
    assert (debug.exit_code, debug.stderr) == (1, "")  # the error goes up, as the exception, not as a line
    assert isinstance(debug.exception, InputError)
    assert str(debug.exception) == f"{binary}: binary file (PDF document), not text"


def test_cli_unexpected_error_is_one_line_and_batch_goes_on(runner, tmp_path, monkeypatch):
    from rxnews.extractor import Extractor

    original = Extractor.extract_input

    def flaky(self, doc, **kwargs):
        if doc.source.endswith("bad.txt"):
            raise ValueError("boom")
        return original(self, doc, **kwargs)

    monkeypatch.setattr(Extractor, "extract_input", flaky)
    (tmp_path / "bad.txt").write_text(TEXT)
    (tmp_path / "good.txt").write_text(TEXT)
    result = runner.invoke(cli, ["extract", str(tmp_path), "-q", "--jobs", "1"])
    assert result.exit_code == 1
    assert result.stderr == (f"rxnews: error: {tmp_path}/bad.txt: internal error (ValueError: boom); "
                             "run with --debug for the traceback\n")
    assert len(result.stdout.splitlines()) == 1
    debug = runner.invoke(cli, ["--debug", "extract", str(tmp_path), "-q", "--jobs", "1"])
    assert isinstance(debug.exception, ValueError)


@pytest.mark.parametrize("quiet", ["", "--quiet"])
def test_cli_extract_into_a_closed_pipe_ends_quietly(tmp_path, quiet):
    """`rxnews extract DIR | head`: the reader stopped, which is no failure: exit 141, as a command
    killed by SIGPIPE, and nothing on stderr."""
    import subprocess
    import sys

    big = tmp_path / "big.txt"
    big.write_text("ACM-101 was approved. " * 5_000)  # a record far larger than a pipe buffer
    script = (f'"{sys.executable}" -m rxnews extract {quiet} "{big}" "{big}" | head -c 100 > /dev/null; '
              'echo "${PIPESTATUS[0]}"')
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stderr == ""
    assert result.stdout == "141\n"


TARGET_LINE = '{"id": "x", "label": "TARGET", "pattern": "X", "canonical": "X"}'


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (f"{TARGET_LINE}\n{{oops\n",
         "2: invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (f'\n{TARGET_LINE[:-1]}, "colour": "red"}}\n',
         "2: unknown key 'colour' for label TARGET; allowed: canonical, case, id, label, pattern, symbol"),
        ('{"id": "c", "label": "CUE", "pattern": [{"LOWERR": "x"}], "cue": "approve"}\n',
         "1: bad token pattern: unknown attribute 'LOWERR' in token 1"),
        (f"{TARGET_LINE}\n\n{TARGET_LINE}\n", "3: duplicate id 'x' (first on line 1)"),
    ],
    ids=["json", "unknown-key", "token-attribute", "duplicate-id"],
)
@pytest.mark.parametrize("command", [["extract", "-"], ["patterns"]])
def test_cli_bad_pattern_file_is_refused_with_file_line_and_reason(runner, tmp_path, content, reason,
                                                                   command):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content)
    result = runner.invoke(cli, [*command, "--patterns", str(tmp_path)], input=TEXT)
    assert result.exit_code == 2
    assert result.stderr == f"rxnews: error: {bad}:{reason}\n"
    assert "Traceback" not in result.output


PAGE = ("<html><head><title>ACM-101 cleared</title><script>var x = 1;</script></head><body><nav>Home</nav>"
        "<p>The FDA cleared the IND for ACM-101 &amp; ACM-202.</p></body></html>")


@pytest.mark.parametrize("name, data, text", [
    ("r.txt", TEXT.encode(), TEXT),
    ("r.html", PAGE.encode(), "ACM-101 cleared\n\nThe FDA cleared the IND for ACM-101 & ACM-202.\n"),
    ("latin.txt", "The FDA approved ACM-101 for caf\u00e9 users.".encode("cp1252"),
     "The FDA approved ACM-101 for caf\u00e9 users.\n"),
])
def test_cli_text_prints_the_text_the_offsets_refer_to(runner, tmp_path, name, data, text):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(cli, ["text", str(path)])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", text)
    record = json.loads(runner.invoke(cli, ["extract", str(path), "-q"]).stdout)
    for item in record["drugs"]:
        for mention in item["mentions"]:
            assert result.stdout[mention["start"]:mention["end"]] == mention["text"]
    for event in record["events"]:
        evidence = event["evidence"]
        assert result.stdout[evidence["start"]:evidence["end"]] == evidence["text"]


def test_cli_text_reads_standard_input(runner):
    result = runner.invoke(cli, ["text", "-"], input=PAGE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "ACM-101 cleared\n\nThe FDA cleared the IND for ACM-101 & ACM-202.\n"


@pytest.mark.parametrize("name, data, message", [
    ("missing.txt", None, "no such file"),
    ("b.txt", b"\x89PNG\r\n\x1a\n", "binary file (PNG image), not text"),
    ("big.txt", b"x" * 50, "file too large (50 bytes > --max-bytes 10)"),
])
def test_cli_text_bad_input_is_one_line(runner, tmp_path, name, data, message):
    if data is not None:
        (tmp_path / name).write_bytes(data)
    result = runner.invoke(cli, ["text", str(tmp_path / name), "--max-bytes", "10"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"rxnews: error: {tmp_path / name}: {message}\n"


def test_cli_text_empty_input_warns(runner, tmp_path):
    (tmp_path / "e.txt").write_text("")
    result = runner.invoke(cli, ["text", str(tmp_path / "e.txt")])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"rxnews: warning: {tmp_path / 'e.txt'}: empty input\n"

