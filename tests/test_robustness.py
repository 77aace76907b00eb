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


def _seconds(extractor, text: str) -> float:
    start = time.perf_counter()
    extractor.extract(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", [
    "anti-PD-L1 ",  # thousands of hyphenated tokens
    "FDA ",  # thousands of mentions of one lexicon entry
    "ACM-101 ",  # thousands of drug codes
    "PD-L1 (CD274) ",  # thousands of parentheses and overlapping lexicon matches
    "ACM-101 (Zorvexa) was granted Orphan Drug Designation by the FDA in Q3 2025; ",  # one endless sentence
    ".,;:!?-",  # runs of punctuation
    "in May in Q3 in ",  # date leads that make the date patterns retry everywhere
])
def test_robustness_repetitive_text_runs_in_linear_time(extractor, unit):
    # Each of these was quadratic once (overlap checks against every span taken so far,
    # per-clause scans of the whole sentence); 4x the input may take at most 8x as long.
    small = _seconds(extractor, unit * (25_000 // len(unit)))
    large = _seconds(extractor, unit * (100_000 // len(unit)))
    assert large < 8 * small + 0.25, (small, large)


def test_robustness_multi_megabyte_line_without_spaces(extractor):
    small = _seconds(extractor, "x" * 500_000)
    large = _seconds(extractor, "x" * 2_000_000)
    assert large < 8 * small + 0.25, (small, large)


def test_robustness_long_realistic_text_runs_in_linear_time(extractor):
    # Real releases glued together: repeated abbreviations, companies, modalities and
    # targets once made this quadratic (10x the time for 4x the text at 1 MB).
    from conftest import DEV_CORPUS, SAMPLES

    paths = sorted(DEV_CORPUS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n\n"
    small = _seconds(extractor, corpus * (250_000 // len(corpus)))
    large = _seconds(extractor, corpus * (1_000_000 // len(corpus)))
    assert large < 8 * small + 0.25, (small, large)
