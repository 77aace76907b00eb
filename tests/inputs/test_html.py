import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.inputs import read_input
from rxnews.inputs.article import main_container, page_to_text
from rxnews.inputs.files import is_html
from rxnews.inputs.html import html_to_text, looks_like_html
from rxnews.inputs.pagedate import declared_date, iso_date, ld_date, written_date

PAGES_DIR = Path(__file__).resolve().parents[1] / "data" / "pages"

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


# Saved pages of real-world templates (tests/data/pages, invented text): the release date the
# record must carry, a sentence of the release that must be in the text, the drugs of the
# release, and what the page furniture holds: drug names and texts that must not reach the record.
PAGES = [
    ("news-divs.html", "2023-03-14", "has granted Fast Track designation to VLT-318", ["VLT-318"],
     ["ORV-771", "QRX-505", "HLD-901", "PLR-330", "BRN-220", "Zentavi", "lorbacitinib"],
     ["Friday, June 7, 2024", "Breaking", "Share this article", "Related news", "Most read",
      "BioPartnering Summit", "All rights reserved", "Clinical trials"]),
    ("wordpress.html", "2022-09-20", "the first patient has been dosed in its Phase 1 clinical trial",
     ["KRV-204"], ["KRV-118", "KRV-331", "SLD-77"],
     ["Skip to content", "Medicines for inflammatory disease", "Posted in", "Post navigation",
      "Series A", "Leave a Reply", "Recent Posts", "Archives", "Proudly powered"]),
    ("cookies-onetrust.html", "2024-01-09", "has cleared its Investigational New Drug (IND) application",
     ["SRP-145"], [],
     ["Your choices about cookies", "cookie notice", "December 1, 2023", "Accept all",
      "Privacy preference center", "Strictly necessary", "Our Science", "Terms of use"]),
    ("cookies-osano.html", "2021-06-15", "has granted Orphan Drug Designation to ADM-612", ["ADM-612"],
     ["ADM-230"], ["We use cookies", "March 3, 2021", "Storage policy", "More press releases",
                   "Series B", "Registered in England"]),
    ("cookies-didomi.html", "2022-02-02", "completed enrolment of 640 patients in LUMEN-3", ["lanvetimab"],
     [], ["Welcome to Lunaris Health", "14 January 2022", "Agree and close", "\u00a9 Lunaris"]),
    ("cookies-quantcast.html", "2020-11-23", "exclusive rights to develop and commercialize FWB-090",
     ["FWB-090"], ["OSB-12"],
     ["We care about your privacy", "AGREE", "MORE OPTIONS", "Deal tracker", "Tiberon", "Independent news"]),
    ("cookies-usercentrics.html", "2023-07-12", "positive topline results from its Phase 2 trial of BXH-558",
     ["BXH-558"], ["BXH-610"], ["Privacy settings", "1 June 2023", "Accept all", "Also in our pipeline"]),
    ("newsletter-popup.html", "2022-04-26", "announced the closing of a $95 million Series C financing",
     ["TSB-401"], ["Gravencia", "sotuparib", "JNV-88", "HMS-330"],
     ["Monday, May 13, 2024", "Never miss an approval", "Sign me up", "Recommended for you",
      "Pulse Media Group"]),
    ("hcp-gate.html", "2021-10-04", "has granted marketing authorisation for Ostrelza (vedarotide)",
     ["vedarotide"], ["Dalvenor", "MRV-220"],
     ["Wednesday, 12 June 2024", "Are you a healthcare professional?", "patient site", "Media centre",
      "Legal notice"]),
    ("jsonld-graph.html", "2022-11-08", "has adopted a positive opinion recommending marketing authorisation",
     ["QLB-19"], ["QLB-27"], ["Tuesday, June 11, 2024", "Investors", "Latest news",
                             "FDA accepts Biologics License Application", "Cookie policy"]),
    ("aspnet-form.html", "2021-08-30", "has been approved by the National Medical Products Administration",
     ["HWB-1102"], ["HWB-0807", "HWB-0415"],
     ["2024-06-14 Friday", "News Center", "Views: 2301", "Latest Releases", "ICP 12345678"]),
]


@pytest.mark.parametrize(("name", "release_date", "sentence", "drugs", "furniture_drugs", "furniture"),
                         PAGES, ids=[page[0] for page in PAGES])
def test_html_page_templates_give_the_release_only(extractor, name, release_date, sentence, drugs,
                                                  furniture_drugs, furniture):
    doc = read_input(str(PAGES_DIR / name))
    record = extractor.extract_input(doc, release_date="2000-01-01").to_dict()
    assert sentence in " ".join(doc.text.split())
    assert [text for text in furniture if text in doc.text] == []
    found = {name for drug in record["drugs"] for name in [drug["name"], *drug["aliases"]]}
    assert set(drugs) <= found
    assert found & set(furniture_drugs) == set()
    assert [event["drug"] for event in record["events"] if event["drug"] not in [*drugs, None]] == []
    assert record["release_date"] == release_date
    for mention in (m for item in record["drugs"] for m in item["mentions"]):
        assert doc.text[mention["start"]:mention["end"]] == mention["text"]


def test_html_page_paragraphs_are_apart_by_blank_lines():
    page = page_to_text((PAGES_DIR / "news-divs.html").read_text(encoding="utf-8"))
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0] == "Veltrana Bio receives FDA Fast Track designation for VLT-318"
    assert paragraphs[1].startswith("CAMBRIDGE, Mass., March 14, 2023 -- Veltrana Bio")
    # A <br> is a line break; the line breaks of the source inside a paragraph are spaces.
    assert paragraphs[-1] == ("About Veltrana Bio\nVeltrana Bio is a biotechnology company based in "
                              "Cambridge, Massachusetts, focused on small molecules for kidney disease.")
    assert page.title == "Veltrana Bio receives FDA Fast Track designation for VLT-318"


ARTICLE = ("<p>Acme Bio today announced that the first patient was dosed in its Phase 1 trial of ACM-101, "
           "an oral inhibitor of JAK1, in adults with moderate-to-severe atopic dermatitis.</p>"
           "<p>The trial will enrol 48 patients at sites in Europe and the United States.</p>")


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # The article's own date stamp, beside its headline, counts ...
        ('<div class="top-bar"><span class="date">June 3, 2024</span></div><div class="post">'
         '<h1>Acme doses first patient</h1><span class="date">September 20, 2022</span>'
         f'<div class="text">{ARTICLE}</div></div>', "2022-09-20"),
        ('<div class="post"><h1>Acme doses first patient</h1><time datetime="2022-09-20">Sept 20</time>'
         f'<div class="text">{ARTICLE}</div></div>'
         '<div class="side"><time datetime="2024-06-03">x</time></div>',
         "2022-09-20"),
        # ... a date in a top bar or a sidebar never does.
        ('<div class="top-bar"><span class="date">June 3, 2024</span></div><div class="post">'
         f'<h1>Acme doses first patient</h1><div class="text">{ARTICLE}</div></div>', None),
        (f'<div class="post"><h1>Acme doses first patient</h1><div class="text">{ARTICLE}</div></div>'
         '<div class="sidebar"><span class="post-date">May 2, 2024</span> Other news</div>', None),
    ],
)
def test_html_page_date_from_the_article_element_only(body, published):
    markup = f"<html><head><title>Acme doses first patient</title></head><body>{body}</body></html>"
    page = page_to_text(markup)
    assert page.text.startswith("Acme") and "first patient was dosed" in page.text
    assert page.published == published


def test_html_main_container_is_none_when_the_text_fills_the_page():
    markup = f"<html><head><title>T</title></head><body>{ARTICLE}</body></html>"
    from trafilatura.utils import load_html

    tree = load_html(markup)
    text = page_to_text(markup).text
    assert main_container(tree, text, "T") is None  # the whole <body>: no telling furniture apart
    inner = load_html(f"<html><body><div id='nav'>Menu</div><div id='a'>{ARTICLE}</div></body></html>")
    assert main_container(inner, text, None).get("id") == "a"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # A consent state class on <body> is not a banner: the page stays.
        ('<html><body class="home cookie-consent-open"><p>The FDA approved ACM-101.</p></body></html>',
         "The FDA approved ACM-101."),
        # An ASP.NET page: one <form> holds the whole body; a form inside the page is still dropped.
        ('<html><body>\n<form id="aspnetForm" method="post"><input type="hidden" name="__VIEWSTATE">'
         "<p>The FDA approved ACM-101.</p><form class='newsletter'><label>Email</label></form></form></body>",
         "The FDA approved ACM-101."),
        ("<html><body><div>Intro</div><form><label>Email</label></form><p>Text.</p></body></html>",
         "Intro\n\nText."),
    ],
)
def test_html_fallback_keeps_page_wrappers(markup, text):
    assert html_to_text(markup).text == text


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2021-10-04T09:00:00+02:00", "2021-10-04"), ("October 4, 2021", "2021-10-04"),
     ("Oct. 4, 2021", "2021-10-04"), ("4 October 2021", "2021-10-04"),
     ("Mon, 04 Oct 2021 09:00:00 GMT", "2021-10-04"), ("Monday, October 4, 2021 9:00 AM", "2021-10-04"),
     ("2021/10/04", "2021-10-04"), ("October 2021", "2021-10"), ("February 30, 2021", None),
     ("yesterday", None), ("", None)],
)
def test_html_written_date(value, iso):
    assert written_date(value) == iso


@pytest.mark.parametrize(
    ("block", "iso"),
    [
        ('{"@type": "NewsArticle", "datePublished": "October 4, 2021"}', "2021-10-04"),
        ('{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Acme"}, '
         '{"@type": "WebPage", "datePublished": "2020-01-01"}, '
         '{"@type": "Article", "datePublished": "2022-11-08T06:00:00+00:00"}]}', "2022-11-08"),
        ('[{"@type": "Organization"}, {"@type": "BlogPosting", "datePublished": "2019-05-06"}]',
         "2019-05-06"),
        ('{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", "datePublished": "2018-03-02"}}',
         "2018-03-02"),
        # Other pages listed in the block are not this page.
        ('{"@type": "ItemList", "itemListElement": '
         '[{"@type": "NewsArticle", "datePublished": "2024-01-01"}]}', None),
        ('{"@type": "NewsArticle", "datePublished": "2021-10-04",}', "2021-10-04"),  # not JSON: still read
        ('{"@type": "NewsArticle", "datePublished": "soon"}', None),
        ("not json at all", None),
    ],
)
def test_html_ld_date(block, iso):
    assert ld_date(block) == iso


def test_html_declared_date_meta_before_json_ld():
    ld = ['{"datePublished": "2020-02-02"}']
    assert declared_date({"article:published_time": "2021-01-01T00:00:00Z"}, ld) == "2021-01-01"
    assert declared_date({"date": "March 5, 2022"}, ld) == "2022-03-05"
    assert declared_date({"date": "not a date"}, ld) == "2020-02-02"
    assert declared_date({}, []) is None


@pytest.mark.parametrize("markup", ["http://example.com/release", "https://example.com",
                                    '<html><head><link rel="canonical" href="https://example.com/2021/05/x">'
                                    f"</head><body><div>{ARTICLE}</div></body></html>"])
def test_html_pages_are_never_fetched(markup, no_network):
    page = page_to_text(markup)  # an attempt to download, even if caught, fails the test at its end
    assert page.text.startswith(("http", "Acme"))


def test_html_trafilatura_is_imported_only_for_pages(tmp_path):
    (tmp_path / "a.txt").write_text("The FDA approved ACM-101.")
    (tmp_path / "a.html").write_text(f"<html><body>{ARTICLE}</body></html>")
    code = ("import sys; from rxnews.inputs import read_input; read_input({!r}); "
            "print('trafilatura' in sys.modules, 'lxml' in sys.modules)")
    for name, imported in [("a.txt", "False False"), ("a.html", "True True")]:
        out = subprocess.run([sys.executable, "-c", code.format(str(tmp_path / name))], check=True,
                             capture_output=True, text=True, timeout=120).stdout
        assert out.strip() == imported


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>a</p><![0 b<p>c", "a\n<![0 b\nc"),  # Python's parser raises AssertionError on these
    ("<!DOCTYPE x [y", "<!DOCTYPE x [y"),
    ("<p>The FDA approved ACM-101.</p><!ELEMENT [x", "The FDA approved ACM-101.\n<!ELEMENT [x"),
])
def test_html_malformed_declarations_are_read_as_text(markup, text):
    assert html_to_text(markup).text == text
