"""A decision statement's plain text → blocks tagged with the section they sit in.

Statements share one layout: a header (organisation and reference, category, outcome,
date), a summary, then headed sections ("The complaint", "What I found", "My findings" or
"Analysis", "Action" or "Agreed action", "Decision"). Saved pages add noise: a cookie
banner, "Back to top", "Print this page". Headings are recognised by name, so a heading
missing or out of order costs only the fields under it; unknown sub-headings inherit the
section around them, and everything after the investigator's sign-off is page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[•·▪◦*\-–]|\(?[a-z]{1,3}\)|[a-z][.])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z£(‘'\"“])")
_NOISE = frozenset({"back to top", "print this page", "lgo logogram", "the ombudsman's final decision:"})

HEADING_KINDS: dict[str, str] = {
    "the complaint": "complaint",
    "the complaints": "complaint",
    "the ombudsman's role and powers": "role",
    "how i considered this complaint": "method",
    "what i found": "found",
    "legislation and guidance": "law",
    "relevant law and guidance": "law",
    "law and guidance": "law",
    "relevant law": "law",
    "relevant legislation": "law",
    "legal and administrative background": "law",
    "what happened": "background",
    "key facts": "background",
    "key events": "background",
    "background": "background",
    "my findings": "findings",
    "findings": "findings",
    "analysis": "findings",
    "my assessment": "findings",
    "assessment": "findings",
    "conclusions": "findings",
    "action": "action",
    "actions": "action",
    "agreed action": "action",
    "agreed actions": "action",
    "recommended action": "action",
    "recommended actions": "action",
    "recommendations": "action",
    "decision": "decision",
    "final decision": "decision",
    "my decision": "decision",
}
_END = ("investigator's decision on behalf", "investigator's final decision", "review your privacy settings")


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, line or sub-heading: its text without numbering, its section kind."""

    text: str
    section: str
    item: bool
    heading: bool = False


def normalise(line: str) -> str:
    """Fold curly apostrophes and non-breaking spaces so headings compare by name."""
    return line.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")


def heading_kind(line: str) -> str | None:
    """The section kind a heading line opens, 'end' for the sign-off, None if not a heading."""
    key = normalise(line).strip().rstrip(":").strip().lower()
    if any(key.startswith(end) for end in _END):
        return "end"
    return HEADING_KINDS.get(key)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    return (
        line[:1] not in (" ", "\t")
        and 0 < len(stripped) <= 90
        and not _MARKER.match(stripped)
        and stripped[-1] not in ".;,"
        and ":" not in stripped[:-1]
    )


def strip_marker(text: str) -> str:
    """'  1. The Council …' → 'The Council …'; '• pay Mrs X …' → 'pay Mrs X …'."""
    stripped = text.strip()
    while True:
        match = _MARKER.match(stripped)
        if not match:
            return stripped
        stripped = stripped[match.end() :].lstrip()


def blocks(text: str) -> list[Block]:
    """Every non-empty line as a Block, tagged with its section; page furniture dropped.

    Lines before the first recognised heading are in section 'preamble' (the header and,
    for saved pages, the cookie banner); the 'Summary:' line is section 'summary'.
    """
    result: list[Block] = []
    section = "preamble"
    for raw in normalise(text).splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.lower() in _NOISE:
            continue
        kind = heading_kind(stripped) if _looks_like_heading(line) or stripped.endswith(":") else None
        if kind == "end":
            break
        if kind is not None:
            section = kind
            continue
        if stripped.lower().startswith("summary:"):
            result.append(Block(stripped[len("summary:") :].strip(), "summary", False))
            continue
        if section != "preamble" and _looks_like_heading(line):
            # An unknown sub-heading ("Children in need and section 17 assessments"): kept,
            # since it may name the law, but its content stays in the enclosing section.
            result.append(Block(stripped, section, False, heading=True))
            continue
        body = strip_marker(stripped)
        if body:
            result.append(Block(body, section, body != stripped))
    return result


def sentences(text: str) -> list[str]:
    """Split a block into sentences at a full stop followed by a capital or '£'."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def section_text(items: list[Block], *kinds: str) -> str:
    """The blocks of the given section kinds joined one per line (the form search indexes)."""
    return "\n".join(b.text for b in items if b.section in kinds)
