"""UTF-16 and UTF-32 without a byte-order mark, told from binary by where their NULs are.

Mostly-ASCII text has a NUL every 2 or 4 bytes. CJK text has few: a UTF-16 CJK
character has no NUL byte, so only its ASCII (spaces, digits, "PD-1") gives NULs, all
on one side of each byte pair; the decoded text must then read as CJK. charset-normalizer
is asked where these patterns give up (UTF-16 Cyrillic, Greek, ...); whatever it says,
only a UTF-16/32 answer is taken here, as other bytes with NULs are binary.
"""

from __future__ import annotations

from .legacy import PLAUSIBLE, normalizer_guess, plausibility

MIN_CJK = 4  # non-ASCII characters a BOM-less UTF-16 text with NULs must show to be recognised
MIN_CJK_ONLY = 16  # the same for a text without NULs (all CJK)
MIN_BYTES = 32  # bytes with NULs charset-normalizer needs to tell text from binary
PRINTABLE = 0.95  # share of printable characters in a text it reads as UTF-16/32


def sniff_utf16_32(head: bytes) -> str | None:
    """Recognise BOM-less UTF-16/32 by its NULs: in every 2nd or 4th byte, or (CJK) on one side only."""
    n = len(head)
    if n < 8 or not head.count(0):
        return None
    if head.count(0) >= n // 4:
        quads = [head[i::4] for i in range(4)]
        share = [q.count(0) / max(1, len(q)) for q in quads]
        # The top two bytes of a code point below U+10000 are NUL; the third too for ASCII.
        if share[2] > 0.9 and share[3] > 0.9 and share[0] < 0.1:
            return "utf-32-le"
        if share[0] > 0.9 and share[1] > 0.9 and share[3] < 0.1:
            return "utf-32-be"
        even, odd = head[0::2], head[1::2]
        even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
        if odd_nul > 0.3 and even_nul < 0.05:
            return "utf-16-le"
        if even_nul > 0.3 and odd_nul < 0.05:
            return "utf-16-be"
    return cjk_utf16(head)


def cjk_utf16(head: bytes) -> str | None:
    """UTF-16 CJK text: every NUL (if any) on the same side of its byte pair, and the text reads as CJK."""
    even_nul, odd_nul = head[0::2].count(0), head[1::2].count(0)
    if even_nul and odd_nul:
        return None
    candidates = ["utf-16-le"] if odd_nul else ["utf-16-be"] if even_nul else ["utf-16-le", "utf-16-be"]
    # Without NULs nothing but the characters tells UTF-16: ask for more of them.
    needed = MIN_CJK if even_nul or odd_nul else MIN_CJK_ONLY
    for codec in candidates:
        text = head[:len(head) // 2 * 2].decode(codec, errors="replace")
        cjk = sum(1 for ch in text if ord(ch) > 0x7F)
        if cjk >= needed and plausibility(text, "cjk") >= PLAUSIBLE:
            return codec
    return None


def normalizer_wide(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of bytes with NULs, taken only if it is UTF-16 or UTF-32 text:
    long enough to judge (`MIN_BYTES`) and printable through and through."""
    if len(data) < MIN_BYTES:
        return None
    found = normalizer_guess(data, wide=True)
    if found is None:
        return None
    head = found[0][:4096]
    printable = sum(1 for ch in head if ch.isprintable() or ch in "\n\r\t")
    return found if printable >= PRINTABLE * len(head) else None
