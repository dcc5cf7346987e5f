"""A saved Ombudsman decision web page (HTML) → the plain-text form the parser reads.

The domain parser reads the statement as the Ombudsman's site shows it when copied as
text: headings on their own unindented lines, numbered paragraphs and bullets indented.
This adapter renders a saved page into exactly that form (h1–h6 → heading lines; <ol>
items → "  1. …", nested deeper; <ul> items → "  • …"; other blocks → indented lines) and
drops what is not the statement: scripts, styles, navigation and the cookie banner.
`read_decision_file` reads a saved page or a text file and parses it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml.etree import ParserError

from casework.domain.decisions import Decision, parse_decision_text
from casework.domain.decisions.parse import MAX_STATEMENT_CHARS
from casework.domain.errors import CaseworkError

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "head", "form", "button", "iframe")
_DROP_MARKS = ("cookie", "skip-link", "visually-hidden", "sr-only")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ol", "ul"})
_BLOCKS = _HEADINGS | _LISTS | {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "body", "html", "li",
    "table", "thead", "tbody", "tr", "td", "th", "dl", "dt", "dd", "blockquote", "figure", "br", "hr",
}  # fmt: skip
_SPACE = re.compile(r"\s+")
# Control characters (other than tab and line ends) are never statement text, and lxml
# refuses any string holding one when the tree is changed (a comment or script dropped).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def _tag(element: lxml.html.HtmlElement) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _drop_furniture(root: lxml.html.HtmlElement) -> None:
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments and processing instructions
            continue
        marks = f"{element.get('id', '')} {element.get('class', '')}".lower()
        if _tag(element) in _DROP_TAGS or any(mark in marks for mark in _DROP_MARKS):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _inline(element: lxml.html.HtmlElement) -> str:
    """The element's text without nested lists, which are rendered on their own lines."""
    parts = [element.text or ""]
    for child in element:
        if _tag(child) not in _LISTS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return _clean("".join(parts))


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def emit(self, text: str, indent: int) -> None:
        if text:
            self.lines.append(" " * indent + text)

    def block(self, element: lxml.html.HtmlElement, depth: int) -> None:
        tag = _tag(element)
        if tag in _HEADINGS:
            self.emit(_clean(element.text_content()), 0)
        elif tag in _LISTS:
            self.list(element, depth + 1)
        elif tag == "p" and _is_bold_heading(element):
            self.emit(_clean(element.text_content()), 0)
        elif tag in ("p", "dt", "dd", "td", "th", "blockquote") and not any(_tag(c) in _BLOCKS for c in element):
            self.emit(_clean(element.text_content()), 2)
        else:
            self.container(element, depth)

    def container(self, element: lxml.html.HtmlElement, depth: int) -> None:
        run = [element.text or ""]
        for child in element:
            if _tag(child) in _BLOCKS:
                self.emit(_clean("".join(run)), 2)
                run = []
                self.block(child, depth)
            else:
                run.append(child.text_content())
            run.append(child.tail or "")
        self.emit(_clean("".join(run)), 2)

    def list(self, element: lxml.html.HtmlElement, depth: int) -> None:
        numbered = _tag(element) == "ol"
        start = element.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        for item in element:
            if _tag(item) != "li":
                continue
            marker = f"{number}." if numbered else "•"
            text = _inline(item)
            self.emit(f"{marker} {text}" if text else "", 2 * depth)
            number += 1
            for child in item:
                if _tag(child) in _LISTS:
                    self.list(child, depth + 1)


def _is_bold_heading(element: lxml.html.HtmlElement) -> bool:
    """<p><strong>What I found</strong></p>: a heading some pages write as bold text."""
    children = list(element)
    text = _clean(element.text_content())
    return (
        len(children) == 1
        and _tag(children[0]) in ("strong", "b")
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
        and 0 < len(text) <= 90
        and not text.endswith(".")
    )


def page_to_text(html: str | bytes) -> str:
    """The statement on a saved decision page, as plain text; empty for an empty page."""
    if not html.strip():
        return ""
    html = _CONTROL_BYTES.sub(b" ", html) if isinstance(html, bytes) else _CONTROL.sub(" ", html)
    try:
        # Safe options explicit, not lxml's defaults: no network, no entities, no huge trees.
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(
            no_network=True, remove_comments=True, huge_tree=False))
    except (ParserError, ValueError):
        return ""
    _drop_furniture(root)
    renderer = _Renderer()
    body = root.find("body")
    renderer.block(body if body is not None else root, 0)
    return "\n".join(renderer.lines) + "\n"


def parse_decision_page(html: str | bytes, to_text: Callable[[str | bytes], str] = page_to_text) -> Decision:
    """Parse a saved decision page: render it to text here, then the pure parser."""
    return parse_decision_text(to_text(html))


DECISION_SUFFIXES = (".txt", ".html", ".htm")
# A saved decision page is a few hundred kilobytes, scripts and all; its statement a few
# tens. Anything far larger is not one statement, and is refused before it is read.
MAX_FILE_BYTES = 5_000_000


def _refuse(where: str, field: str, problem: str, fix: str) -> CaseworkError:
    return CaseworkError.single(where, field, problem, fix)


def _statement_text(path: Path, where: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in DECISION_SUFFIXES:
        raise _refuse(where, "", f"'{suffix or path.name}' is not a decision file",
                      "save the decision as a web page (.html) or as text (.txt)")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(where, "", f"the file is {size / 1e6:.1f} MB; a decision statement is at most "
                          f"{MAX_FILE_BYTES / 1e6:.0f} MB", "save the one decision's page or statement alone")
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(where, "", f"the file could not be read ({exc.strerror or exc})",
                      "check the file exists and can be read") from exc
    if suffix == ".txt":
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _refuse(where, "", f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                          "save the text as UTF-8") from exc
    try:
        return page_to_text(raw)
    except ValueError as exc:
        raise _refuse(where, "", f"the page could not be read as HTML ({exc})",
                      "save the decision page again, or save the statement as text") from exc


def read_decision_file(path: Path) -> tuple[str, Decision]:
    """The statement's text and its parse, or a `CaseworkError` saying why it cannot be used."""
    where = str(path)
    text = _statement_text(path, where)
    if not text.strip():
        raise _refuse(where, "", "the file holds no statement text", "save the whole decision page or statement")
    if len(text) > MAX_STATEMENT_CHARS:
        raise _refuse(where, "", f"the statement is {len(text):,} characters long; a decision statement is "
                      f"at most {MAX_STATEMENT_CHARS:,}", "save the one decision's statement alone")
    decision = parse_decision_text(text)
    if decision.reference is None:
        raise _refuse(where, "reference", "no decision reference (like '24 009 485') was found",
                      "check this is an Ombudsman decision statement, saved whole")
    return text, decision
