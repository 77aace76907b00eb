import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.inputs.files import is_html
from rxnews.inputs.html import html_to_text, iso_date, looks_like_html

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



def test_html_visible_text_only():
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
def test_html_publication_date(head, body, published):
    page = html_to_text(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")
    assert page.published == published


def test_html_og_title_when_no_title():
    page = html_to_text('<html><head><meta property="og:title" content=" A  B "></head></html>')
    assert page.title == "A B"


def test_html_unclosed_head_and_pre():
    page = html_to_text("<html><head><title>T</title><body><pre>a  b\n c</pre><p>x</p>")
    assert page.text == "a  b\nc\n\nx"  # white space around line breaks is dropped, even in <pre>


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2024-05-02T08:00:00Z", "2024-05-02"), ("2024-05", "2024-05"), ("20240502", "2024-05-02"),
     ("2024-13-01", None), ("May 2, 2024", None), ("0001-01-01", None), ("", None)],
)
def test_html_iso_date(value, iso):
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [("a.html", "plain", True), ("a.XHTML", "plain", True), ("a.txt", "<!DOCTYPE html><p>x", True),
     ("a.txt", "\ufeff<!-- c -->\n<html>", True), ("-", '<?xml version="1.0"?>\n<html xmlns="x">', True),
     ("a.txt", "Text with <b>tags</b>", False), ("a.md", "# <html> in a heading", False)],
)
def test_html_by_extension_or_sniffing(path, text, expected):
    assert is_html(path, text) is expected
    assert looks_like_html(text) is (expected and not path.lower().endswith(("html",)))


@SETTINGS
@given(markup=st.lists(st.one_of(st.sampled_from(
    ["<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<!", "<?", "&", "&amp;", "&#", "&#x",
     "<script>", "</script>", "<nav>", "</nav>", "<p>", "<br/>", "<meta name=date content=2024-01-01>",
     "<time datetime='2024-02-30'>", "<title>", '"', "'", "="]), st.text(max_size=4)), max_size=30)
    .map("".join))
def test_html_html_to_text_never_crashes(markup):
    page = html_to_text(markup)
    assert isinstance(page.text, str)
