"""A page reduced to its main content (the article) by trafilatura, with its title and date.

Menus, sidebars, "Related news" and "Recent posts" lists, share bars, cookie banners,
pop-ups and footers are left out, however the page builds them. Paragraphs are joined
by blank lines; every offset of a record refers to this text. Pages trafilatura finds
nothing in go to the visible-text parser of `html` instead.

trafilatura (with lxml and htmldate) is imported only when a page is read, and only
its extraction functions are called on markup already in memory: never a download.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .html import HTML_SPACE, HtmlText, add_meta, html_to_text
from .pagedate import declared_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document

# trafilatura's block elements (its XML output) that are lines of a paragraph, not paragraphs.
LINES = {"item", "row"}
BLOCKS = {"p", "head", "list", "table", "quote", "code", "div"}
_NO_SPACE = re.compile(r"\s+")
KEY = 40  # characters (white space left out) that find a paragraph of the text in the page


def page_to_text(markup: str) -> HtmlText:
    """Return the main content of a page with its title and publication date."""
    tree = _parse(markup)
    document = _extract(tree) if tree is not None else None
    if tree is None or document is None or document.body is None or _is_page_dump(document.body):
        return html_to_text(markup)
    try:
        text = _render(document.body)
    except RecursionError:  # lists in lists thousands deep: the iterative parser reads them
        text = ""
    if not text:
        return html_to_text(markup)
    title = " ".join((document.title or _page_title(tree)).split()) or None
    published = declared_date(_meta(tree), _ld_blocks(tree)) or _article_date(tree, text, title)
    return HtmlText(text, title, published)


def _parse(markup: str) -> HtmlElement | None:
    from trafilatura.utils import load_html  # never fetches: it parses the markup it is given

    try:
        return load_html(markup)
    except MemoryError:
        raise
    except Exception:  # lxml's own errors on odd markup: the fallback parser reads it
        return None


def _extract(tree: HtmlElement) -> Document | None:
    """trafilatura's main content of a parsed page (it works on a copy), or None."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True,
            # Its own date search is not used (see `_article_date`): keep it cheap.
            date_extraction_params={"extensive_search": False, "original_date": True})
    except MemoryError:
        raise
    except Exception:  # a heuristic over any markup: whatever it trips on, the fallback reads the page
        return None


def _is_page_dump(body: HtmlElement) -> bool:
    """Whether trafilatura found no article and gave its last resort: every text of the page
    in one paragraph, a line per text node ("Body\nbold\ntext" for "Body <b>bold</b> text").
    The visible-text parser reads such a page better: it tells inline from block elements."""
    return len(body) == 1 and body[0].tag == "p" and not len(body[0]) and "\n" in (body[0].text or "")


def _render(body: HtmlElement) -> str:
    """The text of trafilatura's XML: blocks apart by blank lines, list items and table rows
    on lines of their own, table cells apart by tabs, `<lb/>` a line break."""
    blocks: list[str] = []
    for block in body:
        text = _block_text(block).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def _block_text(element: HtmlElement) -> str:
    parts: list[str] = []
    _collect(element, parts)
    lines = (line.lstrip(" ").rstrip(" \t") for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _collect(element: HtmlElement, parts: list[str]) -> None:
    # Source line breaks survive in trafilatura's text (after a <br>): white space
    # collapses as a browser shows it, and only the markup makes line breaks.
    if element.tag == "lb":
        parts.append("\n")
    elif element.text:
        parts.append(HTML_SPACE.sub(" ", element.text))
    for child in element:
        _collect(child, parts)
        if child.tag == "cell":
            parts.append("\t")
        elif child.tag in LINES or child.tag in BLOCKS:
            parts.append("\n")
        if child.tail:
            parts.append(HTML_SPACE.sub(" ", child.tail))


def _page_title(tree: HtmlElement) -> str:
    found = tree.xpath("string(//title)") or tree.xpath("string(//meta[@property='og:title']/@content)")
    return str(found)


def _meta(tree: HtmlElement) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        add_meta(meta, element.attrib)
    return meta


def _ld_blocks(tree: HtmlElement) -> list[str]:
    return [script.text or "" for script in tree.iter("script")
            if (script.get("type") or "").strip().lower() == "application/ld+json"]


def _article_date(tree: HtmlElement, text: str, title: str | None) -> str | None:
    """htmldate's date for the page, searched in the article's own element and the page head only:
    a date in a top bar, a sidebar or a list of other stories must never count."""
    from htmldate import find_date
    from lxml.html import Element

    container = main_container(tree, text, title)
    if container is None:
        return None
    page = Element("html")
    head = tree.find("head")
    if head is not None:
        page.append(deepcopy(head))
    body = Element("body")
    body.append(deepcopy(container))
    page.append(body)
    try:
        return find_date(page, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except MemoryError:
        raise
    except Exception:  # as in `_extract`: a date is a bonus, the page is still read
        return None


def main_container(tree: HtmlElement, text: str, title: str | None) -> HtmlElement | None:
    """The innermost element of the page that holds the extracted text (and its headline when it
    is close by), or None when that is the whole page (nothing left to tell furniture apart)."""
    body = tree.find("body")
    if body is None:
        return None
    flat, spans = _flatten(body)
    paragraphs = [_NO_SPACE.sub("", p) for p in text.split("\n\n") if p.strip()]
    first = flat.find(paragraphs[0][:KEY]) if paragraphs else -1
    last = flat.find(paragraphs[-1][-KEY:], max(first, 0)) if paragraphs else -1
    if first < 0 or last < 0:
        return None
    end = last + len(paragraphs[-1][-KEY:])
    container = _innermost(spans, first, end)
    # The headline is often apart from the text, beside the byline and date stamp: take it in.
    key = _NO_SPACE.sub("", title or "")
    headline = flat.rfind(key, 0, first) if key and not paragraphs[0].startswith(key) else -1
    if headline >= 0:
        with_headline = _innermost(spans, headline, end)
        if with_headline is not None and with_headline.tag not in ("body", "form"):
            container = with_headline
    if container is None or container.tag in ("html", "body") or (
            container.tag == "form" and container.getparent() is body):
        return None
    return container


@dataclass(slots=True)
class _Span:
    """Where the text of an element lies in the page's text without white space."""

    start: int
    end: int
    element: HtmlElement


def _flatten(body: HtmlElement) -> tuple[str, list[_Span]]:
    """The text of the page without white space, and the span of each element in it, in document
    order (an element before the elements inside it)."""
    from lxml import etree

    parts: list[str] = []
    size = 0
    spans: list[_Span] = []
    open_spans: list[_Span] = []
    # iterwalk, not recursion: pages nest deeper than Python's recursion limit.
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            span = _Span(size, size, element)
            spans.append(span)
            open_spans.append(span)
            if isinstance(element.tag, str) and element.tag not in ("script", "style") and element.text:
                piece = _NO_SPACE.sub("", element.text)
                parts.append(piece)
                size += len(piece)
        else:
            open_spans.pop().end = size
            if element is not body and element.tail:
                piece = _NO_SPACE.sub("", element.tail)
                parts.append(piece)
                size += len(piece)
    return "".join(parts), spans


def _innermost(spans: list[_Span], start: int, end: int) -> HtmlElement | None:
    """The innermost element whose text covers [start, end)."""
    found = None
    for span in spans:
        if span.start > start:
            break
        if span.end >= end and isinstance(span.element.tag, str):
            found = span.element
    return found
