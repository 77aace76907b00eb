import time

import pytest



@pytest.mark.parametrize("unit", ["(", "A-", "(-A)", "a", "!?", "1.", "\u2122"])
def test_robustness_pathological_text_runs_in_linear_time(extractor, unit):
    def seconds(n: int) -> float:
        text = unit * n
        start = time.perf_counter()
        record = extractor.extract(text)
        assert record.drugs == [] or all(m.end <= len(text) for d in record.drugs for m in d.mentions)
        return time.perf_counter() - start

    small, large = seconds(20_000), seconds(80_000)
    # Four times the input may take at most ten times as long (quadratic would be sixteen).
    assert large < 10 * small + 0.5


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [("ACM-101 \u836f\u7269 was approved by the FDA.", "gb18030", "gb18030"),
     ("ACM-101 was approved by the FDA.", "utf-16", "utf-16"),
     ("Caf\u00e9 ACM-101 was approved by the FDA.", "cp1252", "windows-1252"),
     ("ACM-101 was approved by the FDA.", "utf-8-sig", "utf-8")],
)
def test_robustness_encodings(text, codec, encoding):
    from rxnews.inputs import read_input

    doc = read_input("x.txt", text.encode(codec))
    assert (doc.text, doc.encoding) == (text, encoding)


def test_robustness_html_visible_text_only():
    from rxnews.inputs import read_input

    page = (b"<html><head><title>ACM-101 approved</title><script>var a='FDA';</script></head>"
            b"<body><nav>Home</nav><p>The FDA approved ACM-101 &amp; more.</p>"
            b"<footer>c</footer></body></html>")
    doc = read_input("page.html", page)
    assert doc.text == "ACM-101 approved\n\nThe FDA approved ACM-101 & more."
