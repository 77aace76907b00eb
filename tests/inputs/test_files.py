import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS, TEXTS

from rxnews.errors import InputError
from rxnews.inputs import read_input

PAGE = ("<html><head><title>ACM-101 approved | Acme</title>"
        '<meta property="article:published_time" content="2024-05-02T09:00:00Z"></head>'
        "<body><h1>ACM-101 approved</h1><p>The FDA approved ACM-101.</p></body></html>")


def test_files_read_input_html_feeds_title_and_date():
    doc = read_input("page.htm", PAGE.encode("utf-16"))
    assert (doc.encoding, doc.title, doc.published) == ("utf-16", "ACM-101 approved | Acme", "2024-05-02")
    assert doc.text.startswith("ACM-101 approved | Acme\n\nACM-101 approved\n")


def test_files_read_input_sniffs_html_without_extension():
    doc = read_input("-", b"<!doctype html><title>T</title><p>Body &amp; soul</p>")
    assert (doc.text, doc.title) == ("T\n\nBody & soul", "T")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"<html><body><script>x</script></body></html>"])
def test_files_empty_input(data):
    doc = read_input("e.html", data)
    assert doc.empty and doc.text.strip() == ""


def test_files_read_errors(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    cases = [(str(tmp_path), "is a directory"), (str(tmp_path / "missing.txt"), "no such file"),
             (str(dangling), "broken symbolic link"),
             (str(big), "file too large (101 bytes > --max-bytes 100)")]
    for path, reason in cases:
        with pytest.raises(InputError) as info:
            read_input(path, max_bytes=100)
        assert info.value.reason == reason
    with pytest.raises(InputError, match=r"^-: input too large \(101 bytes > --max-bytes 100\)$"):
        read_input("-", b"x" * 101, max_bytes=100)


@pytest.mark.parametrize(("size", "limit", "result"),
                         [(12, 100, "whole"), (0, 100, "whole"), (5, 100, "whole"), (0, 11, "too large")])
def test_files_read_bytes_of_a_file_whose_size_is_wrong(tmp_path, monkeypatch, size, limit, result):
    """Files that report no size (/proc) or one that is stale (a growing log) are read whole."""
    from rxnews.inputs import files

    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789ab")
    real = os.stat(path)
    monkeypatch.setattr(files.os, "stat", lambda p: os.stat_result(
        (real.st_mode, 0, 0, 1, 0, 0, size, 0, 0, 0)))
    if result == "whole":
        assert files.read_bytes(str(path), limit) == b"0123456789ab"
    else:
        with pytest.raises(InputError, match="too large"):
            files.read_bytes(str(path), limit)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=500), TEXTS.map(lambda t: ("<p>" + t).encode("utf-8"))))
def test_files_read_input_html_only_raises_input_error(data):
    try:
        doc = read_input("page.html", data)
    except InputError:
        return
    assert isinstance(doc.text, str)


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [("ACM-101 \u836f\u7269 was approved by the FDA.", "gb18030", "gb18030"),
     ("ACM-101 was approved by the FDA.", "utf-16", "utf-16"),
     ("Caf\u00e9 ACM-101 was approved by the FDA.", "cp1252", "windows-1252"),
     ("ACM-101 was approved by the FDA.", "utf-8-sig", "utf-8")],
)
def test_files_encodings(text, codec, encoding):
    doc = read_input("x.txt", text.encode(codec))
    assert (doc.text, doc.encoding) == (text, encoding)


def test_files_html_visible_text_only():
    page = (b"<html><head><title>ACM-101 approved</title><script>var a='FDA';</script></head>"
            b"<body><nav>Home</nav><p>The FDA approved ACM-101 &amp; more.</p>"
            b"<footer>c</footer></body></html>")
    doc = read_input("page.html", page)
    assert doc.text == "ACM-101 approved\n\nThe FDA approved ACM-101 & more."


BAD_UTF8 = "Caf\u00e9 ACM-101 \u2013 approved".encode() + b"\x92"
BAD_TEXT = "Caf\u00e9 ACM-101 \u2013 approved\ufffd"
UNSUPPORTED = "unsupported encoding 'x-user-defined' declared; the encoding was guessed"
BAD_WARNING = "invalid UTF-8: 1 byte replaced with U+FFFD (first at byte 26)"


@pytest.mark.parametrize(
    ("path", "data", "warnings"),
    [("a.txt", BAD_UTF8, [BAD_WARNING]), ("a.txt", b"Caf\xe9", []),
     ("a.html", b'<meta charset="x-user-defined"><p>The FDA approved ACM-101 (caf\xe9).</p>',
      [UNSUPPORTED])],
)
def test_files_read_input_passes_decoding_warnings_on(path, data, warnings):
    assert read_input(path, data).warnings == warnings


@pytest.mark.parametrize(
    ("data", "warning"),
    [(BAD_UTF8, (BAD_WARNING,)), (b"The FDA approved ACM-101.", ()),
     # Two warnings: one line each.
     (b'<html><head><meta charset="x-user-defined"><script>var s = "\xe9";</script></head></html>',
      (UNSUPPORTED, "empty input"))],
)
def test_files_run_job_passes_every_warning_on(extractor, data, warning):
    from rxnews.run.jobs import Job, run_job

    outcome = run_job(Job("-", data), extractor)
    assert (outcome.error, outcome.warnings) == (None, warning)


def test_files_cli_prints_decoding_warnings(tmp_path):
    from click.testing import CliRunner

    from rxnews.cli import cli

    (tmp_path / "bad.txt").write_bytes(BAD_UTF8)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "bad.txt"), "-q", "--jobs", "1"])
    assert result.exit_code == 0
    assert result.stderr == f"rxnews: warning: {tmp_path}/bad.txt: {BAD_WARNING}\n"
    record = json.loads(result.stdout)
    assert (record["encoding"], record["drugs"][0]["name"]) == ("utf-8", "ACM-101")
    assert read_input(str(tmp_path / "bad.txt")).text == BAD_TEXT  # what the offsets refer to


FRENCH = "Le m\u00e9dicament ACM-101 a \u00e9t\u00e9 approuv\u00e9 par l\u2019agence europ\u00e9enne. "
JAPANESE = ("\u65b0\u85ac ACM-101 \u306e\u627f\u8a8d\u3092\u53d6\u5f97\u3057\u305f\u3068"
            "\u767a\u8868\u3057\u307e\u3057\u305f\u3002")


@pytest.mark.parametrize(("declaration", "sentence", "codec", "encoding"), [
    ('<?xml version="1.0" encoding="ISO-8859-1"?>\n', FRENCH, "cp1252", "windows-1252"),
    ('<?xml version="1.0" encoding="Shift_JIS"?>\n', JAPANESE, "cp932", "cp932"),
    ("", FRENCH + JAPANESE, "utf-8", "utf-8"),
])
def test_files_xhtml_with_an_encoding_declaration_reads_its_text(declaration, sentence, codec, encoding):
    # The page reaches the main-content extractor decoded: its declaration must not decode it again.
    page = (f'{declaration}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>ACM-101</title></head>'
            f"<body><article><h1>ACM-101</h1><p>{sentence * 4}</p></article></body></html>")
    doc = read_input("p.xhtml", page.encode(codec))
    assert (doc.encoding, doc.text) == (encoding, f"ACM-101\n\n{(sentence * 4).strip()}")
