import codecs
import os

import pytest

from rxnews.decode import binary_kind, declared_charset, decode_bytes, plausibility, sniff_utf16_32
from rxnews.errors import InputError
from rxnews.htmltext import html_to_text, iso_date, looks_like_html
from rxnews.inputs import is_html, iter_paths, read_input

RELEASE = "ACM-101 was approved by the FDA."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (codecs.BOM_UTF8 + RELEASE.encode(), RELEASE, "utf-8"),
        (RELEASE.encode("utf-16"), RELEASE, "utf-16"),
        (codecs.BOM_UTF16_BE + RELEASE.encode("utf-16-be"), RELEASE, "utf-16"),
        (RELEASE.encode("utf-32"), RELEASE, "utf-32"),
        (codecs.BOM_UTF32_BE + RELEASE.encode("utf-32-be"), RELEASE, "utf-32"),
        # No BOM: recognised by the NULs at every other (or every fourth) byte.
        (RELEASE.encode("utf-16-le"), RELEASE, "utf-16"),
        (RELEASE.encode("utf-16-be"), RELEASE, "utf-16"),
        (RELEASE.encode("utf-32-le"), RELEASE, "utf-32"),
        ("Caf\u00e9 \u2013 ACM-101".encode("utf-16-le"), "Caf\u00e9 \u2013 ACM-101", "utf-16"),
        (RELEASE.encode(), RELEASE, "utf-8"),
        (b"", "", "utf-8"),
    ],
)
def test_inputs_decode_unicode(data, text, encoding):
    assert decode_bytes(data, "x") == (text, encoding)


# Real-looking release sentences: a strict decode with the wrong codec often succeeds
# (GB18030 accepts EUC-KR bytes), so each must be told apart by plausibility.
LEGACY = [
    ("\u767e\u6d4e\u795e\u5dde\u5ba3\u5e03\u5176\u6297PD-1\u6297\u4f53\u83b7\u5f97\u56fd\u5bb6\u836f\u54c1"
     "\u76d1\u7763\u7ba1\u7406\u5c40\u6279\u51c6\uff0c\u7528\u4e8e\u6cbb\u7597\u665a\u671f\u80ba\u764c\u60a3"
     "\u8005\u3002", "gb18030"),
    ("\u590d\u661f\u533b\u836f\uff1a\u5b50\u516c\u53f8\u83b7\u836f\u54c1\u4e34\u5e8a\u8bd5\u9a8c\u6279\u51c6",
     "gb18030"),
    ("\u767e\u6fdf\u795e\u5dde\u5ba3\u5e03\u5176\u6297PD-1\u6297\u9ad4\u7372\u5f97\u7f8e\u570b\u98df\u54c1"
     "\u85e5\u7269\u7ba1\u7406\u5c40\u6279\u51c6\uff0c\u7528\u65bc\u6cbb\u7642\u665a\u671f\u80ba\u764c\u60a3"
     "\u8005\u3002", "big5"),
    ("\u548c\u9ec3\u91ab\u85e5\u5ba3\u5e03\u5176\u65b0\u85e5\u7372\u5f97\u7f8e\u570bFDA\u6279\u51c6", "big5"),
    ("\u6b66\u7530\u85ac\u54c1\u5de5\u696d\u306f\u3001\u65b0\u85ac\u306e\u627f\u8a8d\u3092\u53d6\u5f97\u3057"
     "\u305f\u3068\u767a\u8868\u3057\u307e\u3057\u305f\u3002", "shift_jis"),
    ("\u7b2c\u4e00\u4e09\u5171\u3001\u65b0\u85ac\u627f\u8a8d\u3092\u53d6\u5f97", "shift_jis"),
    ("\uc140\ud2b8\ub9ac\uc628\uc740 \uc2dd\ud488\uc758\uc57d\ud488\uc548\uc804\ucc98\ub85c\ubd80\ud130 "
     "\uc2e0\uc57d \uc784\uc0c1\uc2dc\ud5d8 \uc2b9\uc778\uc744 \ubc1b\uc558\ub2e4\uace0 \ubc1d\ud614\ub2e4.",
     "euc-kr"),
    ("\ud55c\ubbf8\uc57d\ud488, \u7f8e FDA \uc2b9\uc778", "euc-kr"),
    ("Le m\u00e9dicament a \u00e9t\u00e9 approuv\u00e9 par l\u2019agence europ\u00e9enne \u2013 une "
     "premi\u00e8re.", "windows-1252"),
    ("Die Zulassung f\u00fcr M\u00fcller\u2019s Pr\u00e4parat wurde erteilt.", "windows-1252"),
    ("S\u00e3o Paulo: aprova\u00e7\u00f5es", "windows-1252"),
    ("Caf\u00e9 ACM-101 was approved by the FDA.", "windows-1252"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY, ids=[f"{e}-{i}" for i, (_, e) in enumerate(LEGACY)])
def test_inputs_decode_legacy_encodings_by_plausibility(text, encoding):
    data = text.encode("cp1252" if encoding == "windows-1252" else encoding)
    assert decode_bytes(data, "x") == (text, encoding)


def test_inputs_plausibility_prefers_the_right_codec():
    korean = LEGACY[6][0].encode("euc-kr")
    assert plausibility(korean.decode("euc-kr"), "euc-kr") > 0.7
    assert plausibility(korean.decode("gb18030"), "gb18030") < 0.3


def test_inputs_declared_charset_wins_over_guessing():
    page = b'<html><head><meta charset="GBK"></head><body>' + LEGACY[0][0].encode("gb18030") + b"</body>"
    assert declared_charset(page) == "gb18030"
    assert decode_bytes(page, "x")[1] == "gb18030"
    assert declared_charset(b"no markup here") is None


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG image"),
        (b"GIF89a\x01\x02", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00abc", "gzip archive"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
        (b"BZh91AY&SYabc", "bzip2 archive"),
    ],
)
def test_inputs_binary_formats_refused_by_signature(data, kind):
    assert binary_kind(data) == kind
    with pytest.raises(InputError) as info:
        decode_bytes(data, "f.txt")
    assert str(info.value) == f"f.txt: binary file ({kind}), not text"


@pytest.mark.parametrize("text", [b"BZh is how this line starts", b"MZ Pharma announces", b"GIFT of life"])
def test_inputs_text_that_starts_like_a_signature_is_text(text):
    assert binary_kind(text) is None
    assert decode_bytes(text, "x")[0] == text.decode()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"text\x00\x01\x02\xff\xfe\x00\x00binary", "binary file (contains NUL bytes), not text"),
        (bytes(range(1, 32)) * 10, "binary file (control characters), not text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid utf-16 text (byte 2: unexpected end of data)"),
    ],
)
def test_inputs_undecodable_bytes_are_refused(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x")
    assert info.value.reason == reason


def test_inputs_sniff_utf16_needs_a_regular_nul_pattern():
    assert sniff_utf16_32("hello world".encode("utf-16-le")) == "utf-16-le"
    assert sniff_utf16_32(b"\x00\x01\x00\x00\x05\x00\x00\x00\x00\x03\x00\x00") is None


PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8"><title>ACM-101 approved  |  Acme</title>
<meta property="og:title" content="OG title">
<meta property="article:published_time" content="2024-05-02T08:00:00+00:00">
<style>p { color: red }</style><script>var s = "FDA <p>";</script>
<script type="application/ld+json">{"datePublished": "2023-01-01"}</script>
</head><body>
<div id="cookie-banner"><p>We use cookies.</p></div>
<header><a href="/">Acme home</a></header>
<nav><ul><li>News</li><li>Pipeline</li></ul></nav>
<main><article>
<header><h1>ACM-101 approved</h1><time datetime="2024-05-02">May 2, 2024</time></header>
<p>The FDA   approved
ACM-101 &amp; more &amp;lt;b&amp;gt; for gout&nbsp;(&#8220;a first&#8221;).<br>Second line.</p>
<table><tr><td>Phase</td><td>3</td></tr></table>
<div role="navigation">Previous | Next</div>
<aside>Related: ACM-202 fails</aside>
<svg><text>chart</text></svg><noscript>enable JS</noscript><template><p>tpl</p></template>
</article></main>
<footer>Copyright Acme</footer>
</body></html>
"""


def test_inputs_html_visible_text_only():
    page = html_to_text(PAGE)
    assert page.text == ("ACM-101 approved\nMay 2, 2024\n\n"
                         "The FDA approved ACM-101 & more &lt;b&gt; for gout\u00a0(\u201ca first\u201d)."
                         "\nSecond line.\n\nPhase\t3")
    assert page.title == "ACM-101 approved | Acme"
    assert page.published == "2024-05-02"


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        ('<meta name="pubdate" content="20240315">', "", "2024-03-15"),
        ('<meta name="DC.date" content="2024-03">', "", "2024-03"),
        ('<meta itemprop="datePublished" content="2022-12-01">', "", "2022-12-01"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-06-30T09:00"}'
         "</script>", "", "2021-06-30"),
        ("", '<p>Posted <time datetime="2020-02-29T10:00Z">Feb 29</time></p>', "2020-02-29"),
        ("", '<aside><time datetime="2019-01-01">old</time></aside>', None),
        ('<meta name="date" content="not a date">', "", None),
        ('<meta name="date" content="2024-02-30">', "", None),
    ],
)
def test_inputs_html_publication_date(head, body, published):
    page = html_to_text(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")
    assert page.published == published


def test_inputs_html_og_title_when_no_title():
    page = html_to_text('<html><head><meta property="og:title" content=" A  B "></head></html>')
    assert page.title == "A B"


def test_inputs_html_unclosed_head_and_pre():
    page = html_to_text("<html><head><title>T</title><body><pre>a  b\n c</pre><p>x</p>")
    assert page.text == "a  b\nc\n\nx"  # white space around line breaks is dropped, even in <pre>


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2024-05-02T08:00:00Z", "2024-05-02"), ("2024-05", "2024-05"), ("20240502", "2024-05-02"),
     ("2024-13-01", None), ("May 2, 2024", None), ("0001-01-01", None), ("", None)],
)
def test_inputs_iso_date(value, iso):
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [("a.html", "plain", True), ("a.XHTML", "plain", True), ("a.txt", "<!DOCTYPE html><p>x", True),
     ("a.txt", "\ufeff<!-- c -->\n<html>", True), ("-", '<?xml version="1.0"?>\n<html xmlns="x">', True),
     ("a.txt", "Text with <b>tags</b>", False), ("a.md", "# <html> in a heading", False)],
)
def test_inputs_html_by_extension_or_sniffing(path, text, expected):
    assert is_html(path, text) is expected
    assert looks_like_html(text) is (expected and not path.lower().endswith(("html",)))


def test_inputs_read_input_html_feeds_title_and_date():
    doc = read_input("page.htm", PAGE.encode("utf-16"))
    assert (doc.encoding, doc.title, doc.published) == ("utf-16", "ACM-101 approved | Acme", "2024-05-02")
    assert doc.text.startswith("ACM-101 approved | Acme\n\nACM-101 approved\n")


def test_inputs_read_input_sniffs_html_without_extension():
    doc = read_input("-", b"<!doctype html><title>T</title><p>Body &amp; soul</p>")
    assert (doc.text, doc.title) == ("T\n\nBody & soul", "T")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"<html><body><script>x</script></body></html>"])
def test_inputs_empty_input(data):
    doc = read_input("e.html", data)
    assert doc.empty and doc.text.strip() == ""


def test_inputs_read_errors(tmp_path):
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
def test_inputs_read_bytes_of_a_file_whose_size_is_wrong(tmp_path, monkeypatch, size, limit, result):
    """Files that report no size (/proc) or one that is stale (a growing log) are read whole."""
    from rxnews import inputs

    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789ab")
    real = os.stat(path)
    monkeypatch.setattr(inputs.os, "stat", lambda p: os.stat_result(
        (real.st_mode, 0, 0, 1, 0, 0, size, 0, 0, 0)))
    if result == "whole":
        assert inputs.read_bytes(str(path), limit) == b"0123456789ab"
    else:
        with pytest.raises(InputError, match="too large"):
            inputs.read_bytes(str(path), limit)


def test_inputs_iter_paths_skips_pipes_in_folders(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "gone")
    assert [p.rsplit("/", 1)[-1] for p in iter_paths([str(tmp_path)])] == ["a.txt", "c.txt"]
