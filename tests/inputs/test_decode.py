import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SETTINGS

from rxnews.errors import InputError
from rxnews.inputs.decode import Decoded, binary_kind, decode_bytes
from rxnews.inputs.legacy import codec_for, declared_label, plausibility
from rxnews.inputs.wide import sniff_utf16_32

RELEASE = "ACM-101 was approved by the FDA."
# Release sentences in CJK scripts, with the ASCII they usually carry ("PD-1", "FDA", "2024").
CHINESE = ("\u8fdc\u5c71\u751f\u7269\u5ba3\u5e03\u5176\u6297PD-1\u6297\u4f53\u83b7\u5f97\u56fd\u5bb6\u836f"
           "\u54c1\u76d1\u7763\u7ba1\u7406\u5c40\u6279\u51c6\uff0c\u7528\u4e8e\u6cbb\u7597\u665a\u671f\u80ba"
           "\u764c\u60a3\u8005\u3002")
CHINESE_ONLY = CHINESE.replace("PD-1", "")
KOREAN = ("\ud55c\ubcc4\uc81c\uc57d\uc740 \uc2dd\ud488\uc758\uc57d\ud488\uc548\uc804\ucc98"
          "\ub85c\ubd80\ud130 \uc2e0\uc57d \uc784\uc0c1\uc2dc\ud5d8 \uc2b9\uc778\uc744 "
          "\ubc1b\uc558\ub2e4\uace0 \ubc1d\ud614\ub2e4.")
JAPANESE = ("\u685c\u4e18\u85ac\u54c1\u5de5\u696d\u306f\u3001\u65b0\u85ac\u306e\u627f\u8a8d"
            "\u3092\u53d6\u5f97\u3057\u305f\u3068\u767a\u8868\u3057\u307e\u3057\u305f\u3002FDA 2024")
RUSSIAN = ("\u041a\u043e\u043c\u043f\u0430\u043d\u0438\u044f \u043e\u0431\u044a\u044f\u0432"
           "\u0438\u043b\u0430 \u043e \u043f\u043e\u043b\u0443\u0447\u0435\u043d\u0438\u0438 "
           "\u043e\u0434\u043e\u0431\u0440\u0435\u043d\u0438\u044f FDA \u0434\u043b\u044f "
           "\u043f\u0440\u0435\u043f\u0430\u0440\u0430\u0442\u0430. \u0418\u0441\u0441\u043b"
           "\u0435\u0434\u043e\u0432\u0430\u043d\u0438\u0435 \u0444\u0430\u0437\u044b 3 \u0437"
           "\u0430\u0432\u0435\u0440\u0448\u0435\u043d\u043e \u0432 2023 \u0433\u043e\u0434\u0443.")


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
    assert decode_bytes(data, "x") == Decoded(text, encoding)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        # CJK text has few NULs (only its ASCII has one), all on one side of the byte pairs ...
        (CHINESE, "utf-16-le"), (CHINESE, "utf-16-be"), (KOREAN, "utf-16-le"), (KOREAN, "utf-16-be"),
        (JAPANESE, "utf-16-le"), (JAPANESE, "utf-16-be"),
        # ... or none at all.
        (CHINESE_ONLY, "utf-16-le"), (CHINESE_ONLY, "utf-16-be"),
        # Other scripts: charset-normalizer, where the NUL patterns give up.
        (RUSSIAN, "utf-16-le"), (RUSSIAN, "utf-16-be"),
        # In UTF-32 a CJK character has two NUL bytes out of four.
        (CHINESE, "utf-32-le"), (CHINESE_ONLY, "utf-32-be"),
    ],
)
def test_decode_utf16_32_without_bom_holding_cjk(text, codec):
    data = text.encode(codec)
    assert decode_bytes(data, "x") == Decoded(text, codec[:6])


@pytest.mark.parametrize(
    ("text", "written_as", "encoding"),
    [
        # Each legacy encoding is read with its superset codec, which also has the
        # characters the base codec lacks (NEC and IBM kanji, UHC Hangul, HKSCS, GB18030).
        ("\u2460\u9ad9\u68ee\u88fd\u85ac\u306f\u3001\u65b0\u85ac\u306e\u627f\u8a8d\u3092\u53d6\u5f97\u3057"
         "\u305f\u3068\u767a\u8868\u3057\u307e\u3057\u305f\u3002", "cp932", "cp932"),
        ("\ub620\ubc29\uac01\ud558 " + KOREAN, "cp949", "cp949"),
        ("\u9999\u6e2f\u85e5\u5ee0\u5ba3\u5e03\u5176\u65b0\u85e5\u7372\u5f97\u7f8e\u570bFDA\u6279\u51c6\uff0c"
         "\u5605\u78ba\u4fc2\u597d\u6d88\u606f\u35ce\u3002", "big5hkscs", "big5hkscs"),
        (CHINESE + "\u3400", "gb18030", "gb18030"),
        # The base encodings come out the same through their supersets.
        (JAPANESE, "shift_jis", "cp932"), (KOREAN, "euc-kr", "cp949"),
        ("\u660e\u6fa4\u91ab\u85e5\u5ba3\u5e03\u5176\u65b0\u85e5\u7372\u5f97\u7f8e\u570bFDA\u6279\u51c6",
         "big5", "big5hkscs"),
        ("\u660e\u6cfd\u533b\u836f\uff1a\u5b50\u516c\u53f8\u83b7\u836f\u54c1\u4e34\u5e8a\u8bd5\u9a8c\u6279\u51c6",
         "gb2312", "gb18030"),
        (CHINESE, "gbk", "gb18030"),
    ],
)
def test_decode_legacy_cjk_as_superset_codecs(text, written_as, encoding):
    assert decode_bytes(text.encode(written_as), "x") == Decoded(text, encoding)


# Real-looking release sentences: a strict decode with the wrong codec often succeeds
# (GB18030 accepts EUC-KR bytes), so each must be told apart by plausibility.
LEGACY = [
    (CHINESE, "gb18030"),
    ("\u9060\u5c71\u751f\u7269\u5ba3\u5e03\u5176\u6297PD-1\u6297\u9ad4\u7372\u5f97\u7f8e\u570b\u98df\u54c1"
     "\u85e5\u7269\u7ba1\u7406\u5c40\u6279\u51c6\uff0c\u7528\u65bc\u6cbb\u7642\u665a\u671f\u80ba\u764c\u60a3"
     "\u8005\u3002", "big5hkscs"),
    ("\u671d\u9727\u88fd\u85ac\u3001\u65b0\u85ac\u627f\u8a8d\u3092\u53d6\u5f97", "cp932"),
    ("\ud55c\uacb0\uc57d\ud488, \u7f8e FDA \uc2b9\uc778", "cp949"),
    ("Le m\u00e9dicament a \u00e9t\u00e9 approuv\u00e9 par l\u2019agence europ\u00e9enne \u2013 une "
     "premi\u00e8re.", "windows-1252"),
    ("Die Zulassung f\u00fcr M\u00fcller\u2019s Pr\u00e4parat wurde erteilt.", "windows-1252"),
    ("S\u00e3o Paulo: aprova\u00e7\u00f5es", "windows-1252"),
    ("Caf\u00e9 ACM-101 was approved by the FDA.", "windows-1252"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY, ids=[f"{e}-{i}" for i, (_, e) in enumerate(LEGACY)])
def test_decode_legacy_encodings_by_plausibility(text, encoding):
    data = text.encode("cp1252" if encoding == "windows-1252" else encoding)
    assert decode_bytes(data, "x") == Decoded(text, encoding)


def test_decode_plausibility_prefers_the_right_codec():
    korean = KOREAN.encode("cp949")
    assert plausibility(korean.decode("cp949"), "cp949") > 0.7
    assert plausibility(korean.decode("gb18030"), "gb18030") < 0.3


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        # A Windows-1252 apostrophe in a UTF-8 text: one byte replaced, not a whole text of mojibake.
        ("Caf\u00e9 M\u00fcller".encode() + b"\x92s \xe2\x80\x93 ACM-101",
         "Caf\u00e9 M\u00fcller\ufffds \u2013 ACM-101",
         "invalid UTF-8: 1 byte replaced with U+FFFD (first at byte 13)"),
        ("\u00e9t\u00e9 \u2013 ".encode() * 3 + b"\xff\xfe" + b" fin",
         "\u00e9t\u00e9 \u2013 " * 3 + "\ufffd\ufffd fin",
         "invalid UTF-8: 2 bytes replaced with U+FFFD (first at byte 30)"),
        (CHINESE.encode() + b"\x80", CHINESE + "\ufffd",
         f"invalid UTF-8: 1 byte replaced with U+FFFD (first at byte {len(CHINESE.encode())})"),
    ],
)
def test_decode_mostly_utf8_replaces_bad_bytes_with_a_warning(data, text, warning):
    assert decode_bytes(data, "x") == Decoded(text, "utf-8", (warning,))


def test_decode_few_valid_utf8_characters_are_no_utf8():
    # One valid sequence ("\u00df\u201c" in Windows-1252 is the UTF-8 of U+07D3) among bad bytes.
    text = "Stra\u00df\u201c \u00e0 la caf\u00e9 cr\u00e8me"
    assert decode_bytes(text.encode("cp1252"), "x") == Decoded(text, "windows-1252")

THAI = "Thai: \u0e01\u0e32\u0e23\u0e2d\u0e19\u0e38\u0e21\u0e31\u0e15\u0e34"


@pytest.mark.parametrize(
    ("data", "text", "encoding", "warnings"),
    [
        # A charset the page declares and Python reads (not one of the guesses).
        (b'<meta charset="windows-1251"><p>' + RUSSIAN.encode("cp1251"), "<meta charset=\"windows-1251\"><p>"
         + RUSSIAN, "cp1251", ()),
        (b'<?xml version="1.0" encoding="ISO-8859-7"?><p>\xc1\xe8\xde\xed\xe1', "<?xml version=\"1.0\" "
         "encoding=\"ISO-8859-7\"?><p>\u0391\u03b8\u03ae\u03bd\u03b1", "iso8859-7", ()),
        # Undeclared Cyrillic: charset-normalizer tells the one-byte codec.
        (RUSSIAN.encode("koi8-r"), RUSSIAN, "koi8-r", ()),
        # A declared charset rxnews does not read: said, and the encoding guessed.
        (b'<meta charset="x-user-defined"><p>Caf\xe9', "<meta charset=\"x-user-defined\"><p>Caf\u00e9",
         "windows-1252", ("unsupported encoding 'x-user-defined' declared; the encoding was guessed",)),
        (b'<meta charset="utf-7"><p>Caf\xe9', "<meta charset=\"utf-7\"><p>Caf\u00e9", "windows-1252",
         ("unsupported encoding 'utf-7' declared; the encoding was guessed",)),
        # Bytes no encoding reads plausibly: the guess is said, never silent.
        (THAI.encode("cp874"), THAI.encode("cp874").decode("gb18030"), "gb18030",
         ("encoding not recognised; read as gb18030, the text may be garbled",)),
        (b"ACM-101 " + bytes(range(0x80, 0xa0)), "ACM-101 " + bytes(range(0x80, 0xa0)).decode(
            "cp1252", errors="replace"), "windows-1252",
         ("encoding not recognised; read as windows-1252, the text may be garbled",)),
    ],
)
def test_decode_other_encodings_read_or_warned(data, text, encoding, warnings):
    assert decode_bytes(data, "x") == Decoded(text, encoding, warnings)


@pytest.mark.parametrize(
    ("label", "codec"),
    [("GBK", "gb18030"), ("gb2312", "gb18030"), ("x-gbk", "gb18030"), ("big5", "big5hkscs"),
     ("shift_jis", "cp932"), ("x-sjis", "cp932"), ("windows-31j", "cp932"), ("euc-kr", "cp949"),
     ("ks_c_5601-1987", "cp949"), ("iso-8859-1", "windows-1252"), ("us-ascii", "windows-1252"),
     ("windows-1251", "cp1251"), ("koi8-r", "koi8-r"), ("euc-jp", "euc-jp"), ("tis-620", "cp874"),
     ("utf-7", None), ("base64", None), ("x-user-defined", None), ("nonsense", None)],
)
def test_decode_codec_for_declared_labels(label, codec):
    assert codec_for(label.lower()) == codec


def test_decode_declared_charset_wins_over_guessing():
    page = b'<html><head><meta charset="GBK"></head><body>' + CHINESE.encode("gb18030") + b"</body>"
    assert (declared_label(page), codec_for("gbk")) == ("gbk", "gb18030")
    assert decode_bytes(page, "x").encoding == "gb18030"
    assert declared_label(b'<?xml version="1.0" encoding="Shift_JIS"?>\n<html>') == "shift_jis"
    assert declared_label(b"no markup here") is None


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
    assert decode_bytes(text, "x").text == text.decode()

NUL_BINARY = "binary file (contains NUL bytes), not text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"text\x00\x01\x02\xff\xfe\x00\x00binary", NUL_BINARY),
        (bytes(range(1, 32)) * 10, "binary file (control characters), not text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid utf-16 text (byte 2: unexpected end of data)"),
        # NULs on one side of the byte pairs, but what they would decode to is no CJK text.
        (b"\x01\x00\x9c\xe3\x00\x00\x17\x88\x00\x00\xee\xa1\x00\x00", NUL_BINARY),
        (b"\x00\x01", NUL_BINARY),  # too short to tell UTF-16 text
    ],
)
def test_decode_undecodable_bytes_are_refused(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x")
    assert info.value.reason == reason


def test_decode_sniff_utf16_needs_a_regular_nul_pattern():
    assert sniff_utf16_32("hello world".encode("utf-16-le")) == "utf-16-le"
    assert sniff_utf16_32(CHINESE.encode("utf-16-be")) == "utf-16-be"
    assert sniff_utf16_32(b"\x00\x01\x00\x00\x05\x00\x00\x00\x00\x03\x00\x00") is None


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_decode_bytes_only_raises_input_error(data):
    try:
        decoded = decode_bytes(data, "x")
    except InputError as err:
        assert err.source == "x" and "\n" not in err.reason
    else:
        assert isinstance(decoded.text, str) and decoded.encoding
        assert all("\n" not in warning for warning in decoded.warnings)
        assert not any("\udc80" <= ch <= "\udcff" for ch in decoded.text)  # no byte left escaped
