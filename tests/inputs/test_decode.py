import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.errors import InputError
from rxnews.inputs.decode import binary_kind, declared_charset, decode_bytes, plausibility, sniff_utf16_32

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
def test_decode_unicode(data, text, encoding):
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
def test_decode_legacy_encodings_by_plausibility(text, encoding):
    data = text.encode("cp1252" if encoding == "windows-1252" else encoding)
    assert decode_bytes(data, "x") == (text, encoding)


def test_decode_plausibility_prefers_the_right_codec():
    korean = LEGACY[6][0].encode("euc-kr")
    assert plausibility(korean.decode("euc-kr"), "euc-kr") > 0.7
    assert plausibility(korean.decode("gb18030"), "gb18030") < 0.3


def test_decode_declared_charset_wins_over_guessing():
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
def test_decode_binary_formats_refused_by_signature(data, kind):
    assert binary_kind(data) == kind
    with pytest.raises(InputError) as info:
        decode_bytes(data, "f.txt")
    assert str(info.value) == f"f.txt: binary file ({kind}), not text"


@pytest.mark.parametrize("text", [b"BZh is how this line starts", b"MZ Pharma announces", b"GIFT of life"])
def test_decode_text_that_starts_like_a_signature_is_text(text):
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
def test_decode_undecodable_bytes_are_refused(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x")
    assert info.value.reason == reason


def test_decode_sniff_utf16_needs_a_regular_nul_pattern():
    assert sniff_utf16_32("hello world".encode("utf-16-le")) == "utf-16-le"
    assert sniff_utf16_32(b"\x00\x01\x00\x00\x05\x00\x00\x00\x00\x03\x00\x00") is None


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_decode_bytes_only_raises_input_error(data):
    try:
        text, encoding = decode_bytes(data, "x")
    except InputError as err:
        assert err.source == "x" and "\n" not in err.reason
    else:
        assert isinstance(text, str) and encoding
