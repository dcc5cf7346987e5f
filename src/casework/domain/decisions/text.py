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
from functools import lru_cache

_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[•·▪◦*\-–]|\(?[a-z]{1,3}\)|[a-z][.])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z£(‘'\"“])")
_NOISE = frozenset({"back to top", "print this page", "lgo logogram", "the ombudsman's final decision:"})
# The header: organisation and reference, category, outcome, date, the Ombudsman's banner.
_HEADER_LINE = re.compile(
    r"^\s*(?:\S.{0,150}?\(\d{2} \d{3} \d{3}\)|Category\s*:|Decision\s*:|Decision date\s*:"
    r"|The Ombudsman'?s final decision:?)\s*",
)
_HEADER_SCAN = 80  # the header is within a saved page's first lines, after any cookie banner
# "Finding: Fault found ..." or "... made. Recommendations: The Council should ...": a label.
_LABEL = re.compile(r"(?:^|(?<=[.;]) )(?P<label>Summary|Findings?|Recommendations?)\s*:\s+", re.IGNORECASE)

HEADING_KINDS: dict[str, str] = {
    "summary": "summary",
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
    "finding": "findings",
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
    "recommendation": "action",
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


def _near(a: str, b: str, most: int) -> bool:
    """Whether `a` becomes `b` with at most `most` one-letter edits (bounded: cheap on short keys)."""
    if abs(len(a) - len(b)) > most:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most


@lru_cache(maxsize=8192)
def _kind_by_name(key: str) -> str | None:
    """The heading kind `key` names exactly or with a slip: checked against names of about
    its length that share its first letter (a slip there is rare), so few are compared."""
    kind = HEADING_KINDS.get(key)
    if kind is not None or not 6 <= len(key) <= 45:
        return kind
    most = 1 if len(key) < 12 else 2
    return next(
        (k for name, k in HEADING_KINDS.items()
         if len(name) >= 6 and name[0] == key[0] and _near(key, name, most)),
        None,
    )


def heading_kind(line: str) -> str | None:
    """The section kind a heading line opens, 'end' for the sign-off, None if not a heading.

    A heading misspelt by one letter (two in a long one) is still that heading:
    >>> heading_kind("Agred action"), heading_kind("What I fuond"), heading_kind("Agreed")
    ('action', 'found', None)
    """
    key = normalise(line).strip().rstrip(":").strip().lower()
    if any(key.startswith(end) for end in _END):
        return "end"
    return _kind_by_name(key)


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


def _header_end(lines: list[str]) -> int:
    """The index of the header's last line (-1 without a header): what comes before it and
    the header itself are the preamble; a header is looked for before the first heading."""
    last = -1
    for i, line in enumerate(lines[:_HEADER_SCAN]):
        stripped = line.strip()
        if stripped.lower().startswith("summary") or (
            _looks_like_heading(line) and heading_kind(stripped) not in (None, "end")
        ):
            break
        if _HEADER_LINE.match(stripped):
            last = i
    return last


def _labelled(stripped: str) -> list[tuple[str | None, str]]:
    """A line cut at its labels: 'Finding: x. Recommendations: y' → [(findings, x.), (action, y)]."""
    if stripped[:4].lower() not in ("summ", "find", "reco"):
        return [(None, stripped)]
    found = list(_LABEL.finditer(stripped))
    if not found or found[0].start() != 0:
        return [(None, stripped)]
    parts: list[tuple[str | None, str]] = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(stripped)
        parts.append((HEADING_KINDS[match.group("label").lower()], stripped[match.end() : end].strip()))
    return parts


def blocks(text: str) -> list[Block]:
    """Every non-empty line as a Block, tagged with its section; page furniture dropped.

    The header (and, for saved pages, the cookie banner before it) is section 'preamble';
    the 'Summary:' line is section 'summary'; text under no recognised heading is 'body'.
    """
    result: list[Block] = []
    lines = normalise(text).splitlines()
    header_end = _header_end(lines)
    section = "preamble" if header_end >= 0 else "body"
    for number, raw in enumerate(lines):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.lower() in _NOISE:
            continue
        if number <= header_end:
            continue  # the header: read by the parser from the lines themselves
        if section == "preamble":
            section = "body"
        kind = heading_kind(stripped) if _looks_like_heading(line) or stripped.endswith(":") else None
        if kind == "end":
            break
        if kind is not None:
            section = kind
            continue
        labelled = _labelled(stripped)
        if labelled[0][0] is not None:
            for label, part in labelled:
                section = "body" if label == "summary" else label or section
                if part:
                    result.append(Block(part, label or section, False))
            continue
        if _looks_like_heading(line):
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
