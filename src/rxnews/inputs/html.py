"""HTML and XHTML to visible text: the fallback for pages the main-content extractor gives up on.

`article` reduces a page to its main content; a page it finds nothing in (a tiny or
odd page) comes here. Entities are decoded, white space is collapsed as a browser does,
block elements become line breaks, and boilerplate (scripts, styles, navigation, page
header and footer, asides, cookie banners) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from .pagedate import declared_date, iso_date

# Never visible, or page furniture rather than the release.
SKIP = {"script", "style", "noscript", "template", "svg", "math", "nav", "aside", "iframe", "object",
        "canvas", "form", "button", "select", "textarea", "head", "dialog"}
# Page banners and footers; kept inside <article>/<main>, where they hold the headline or contacts.
PAGE_FURNITURE = {"header", "footer"}
SKIP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"}
_BANNER = re.compile(r"cookie|consent|gdpr|onetrust|cc-window|skip-link", re.I)
BLOCK = {"p", "div", "br", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
         "tr", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "header",
         "footer", "blockquote", "pre", "hr", "figure", "figcaption", "address", "details", "summary",
         "title", "center"}
CELL = {"td", "th"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body)",
                    re.I | re.S)
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space; not \s: a no-break space stays
# Elements that hold the whole page: a banner class on them is a page state
# ("cookie-consent-open"), not a banner, and a <form> right inside them is an
# ASP.NET page wrapper, not a form.
PAGE_ROOTS = {"html", "body"}


@dataclass
class HtmlText:
    """The visible text of a page, its title and its publication date (ISO, or None)."""

    text: str
    title: str | None = None
    published: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether a decoded text starts like an HTML or XHTML document."""
    return bool(_SNIFF.match(text[:2048].lstrip("\ufeff")))


class _VisibleText(HTMLParser):
    """Collect the visible text of a page, block elements as line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # open elements whose content is dropped
        self.page_root = "html"  # the element last opened if it holds the whole page, else ""
        self.containers = 0  # open <article>/<main> elements
        self.pre = 0
        self.title: list[str] = []
        self.in_title = False
        self.in_ld_json = False
        self.ld_json: list[str] = []
        self.meta: dict[str, str] = {}
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            add_meta(self.meta, values)
        elif tag == "title":
            self.in_title = True
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self.in_ld_json = True
        if tag == "body" and "head" in self.skipping:  # an unclosed <head> ends here
            del self.skipping[self.skipping.index("head"):]
        if tag in VOID:
            if tag in BLOCK and not self.skipping:
                self.parts.append("\n")
            return
        if self.skipping or self._is_boilerplate(tag, values):
            self.skipping.append(tag)
            return
        self.page_root = tag if tag in PAGE_ROOTS or self._wraps_page(tag) else ""
        if tag in ("article", "main"):
            self.containers += 1
        elif tag == "pre":
            self.pre += 1
        elif tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"])
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_ld_json = False
        if self.skipping:
            if tag in self.skipping:  # close it and anything left open inside it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            return
        if tag in ("article", "main") and self.containers:
            self.containers -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1
        if tag in BLOCK:
            self.parts.append("\n")
        elif tag in CELL:
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.in_ld_json:
            self.ld_json.append(data)
        elif not self.skipping:
            self.parts.append(data if self.pre else HTML_SPACE.sub(" ", data))

    # Python's parser gives up on some malformed declarations ("<![0", "<!DOCTYPE x [y") with an
    # AssertionError: their "<!" is read as text instead, and parsing goes on after it.
    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self._as_text(i)

    def parse_declaration(self, i: int) -> int:
        try:
            return super().parse_declaration(i)
        except AssertionError:
            return self._as_text(i)

    def _as_text(self, i: int) -> int:
        self.handle_data(self.rawdata[i:i + 2])
        return i + 2

    def _is_boilerplate(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in PAGE_ROOTS or self._wraps_page(tag):
            return False
        if tag in SKIP or (tag in PAGE_FURNITURE and not self.containers):
            return True
        if attrs.get("role", "").lower() in SKIP_ROLES or "hidden" in attrs \
                or attrs.get("aria-hidden", "").lower() == "true":
            return True
        return bool(_BANNER.search(f"{attrs.get('id', '')} {attrs.get('class', '')}"))

    def _wraps_page(self, tag: str) -> bool:
        """A <form> opened right in <body> holds the page (ASP.NET), it is no form to drop."""
        return tag == "form" and self.page_root in PAGE_ROOTS


def add_meta(meta: dict[str, str], attrs: Mapping[str, str]) -> None:
    """Add a `<meta>` tag's content to `meta` under its key: its property, else its name, else its
    itemprop, lower-cased; a tag without a key or content is left out, and the first of a key wins."""
    key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
    content = attrs.get("content")
    if key and content is not None:
        meta.setdefault(key, content)


def html_to_text(markup: str) -> HtmlText:
    """Return the visible text of an HTML document with its title and publication date."""
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    body = "".join(parser.parts)
    body = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    title = " ".join("".join(parser.title).split()) or " ".join(parser.meta.get("og:title", "").split())
    return HtmlText(body, title or None, _published(parser))


def _published(parser: _VisibleText) -> str | None:
    """The page's publication date: meta tags, then JSON-LD, then the first visible <time>."""
    declared = declared_date(parser.meta, parser.ld_json)
    if declared:
        return declared
    for value in parser.times:
        found = iso_date(value)
        if found:
            return found
    return None
