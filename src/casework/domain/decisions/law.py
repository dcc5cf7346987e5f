"""The legal framework a decision cites: Acts with their sections, regulations, guidance.

Acts are found by their shape ("<Capitalised Words> Act [(ABBR)] <year>"), sections by
sitting next to the Act ("sections 26(1) and 26A(1)" after it, "section 47 of the" before
it) or next to an alias the text defines ("(the Act)", "(CSDPA)"). Guidance is named
either in quotes after the word guidance or by one of the titles the Ombudsman cites by
name; a title must be in the text to be reported.

>>> refs = legal_references("(Local Government Act 1974, sections 26(1) and 26A(1), as amended)")
>>> refs[0].title, refs[0].year, refs[0].sections
('Local Government Act 1974', 1974, ('26(1)', '26A(1)'))
"""

from __future__ import annotations

import re

from casework.domain.decisions.model import LegalReference, ReferenceKind

_WORD = re.compile(r"[A-Z][A-Za-z’'\-]*")
_CONNECTORS = frozenset({"and", "of", "for", "the", "on", "in", "to"})
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
# The keyword and what follows it; the title is read backwards from the keyword (faster than
# letting a title pattern try every capitalised word in the statement).
_ACT = re.compile(rf"(?<= )Act(?:\s*\((?P<abbr>[A-Z]{{2,8}})\))?,?\s+{_YEAR}\b")
_REGULATION = re.compile(rf"(?<= )Regulations?\b(?:\s+{_YEAR}\b)?")
_ALIAS = re.compile(r"^\s*\((?:the\s+)?(?P<alias>Act|[A-Z]{2,8})\)")
_SECTION = r"\d+[A-Z]{0,2}(?:\([0-9A-Za-z]+\))*"
_SECTIONS = rf"{_SECTION}(?:\s*(?:,|and|,\s*and)\s*{_SECTION})*"
_AFTER = re.compile(rf"^\s*(?:\([^)]*\)\s*)?,?\s*(?:sections?|ss?\.?)\s+(?P<s>{_SECTIONS})")
_BEFORE = re.compile(rf"\b(?:sections?|ss?\.)\s+(?P<s>{_SECTIONS})\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
_ALIAS_USE = re.compile(
    rf"\b(?i:sections?|s\.?)\s+(?P<s>{_SECTIONS})\s+(?:of\s+)?(?:the\s+)?(?P<alias>Act|[A-Z]{{2,8}})\b"
    rf"|\b(?P<alias2>[A-Z]{{2,8}})\s*,?\s+(?i:sections?)\s+(?P<s2>{_SECTIONS})"
)
_LEADING = frozenset(
    {"The", "the", "Under", "In", "By", "And", "Of", "A", "An", "This", "That", "Where", "When", "See", "Section"}
)
_QUOTED_GUIDANCE = re.compile(r"guidance,?\s+[‘'\"“](?P<title>[A-Z][^’'\"”]{4,80})[’'\"”]", re.IGNORECASE)
KNOWN_GUIDANCE: tuple[str, ...] = (
    "Working Together to Safeguard Children",
    "Getting the Best from Complaints",
    "Guidance on Remedies",
    "Complaint Handling Code",
    "Children Act 1989 Guidance and Regulations",
)


def _title(raw: str) -> str:
    words = raw.split()
    while words and words[0] in _LEADING:
        words = words[1:]
    return re.sub(r"[’']s\b", "s", " ".join(words))


def _title_before(text: str, end: int) -> tuple[str, int]:
    """The run of capitalised words (joined by 'and', 'of', …) ending just before `end`, on one
    line, and where that run starts."""
    # At most 160 characters back, within the line: a title is never longer, and reading back
    # to the start of a line with no break would read the whole text again for each keyword.
    window = max(0, end - 160)
    start = max(text.rfind("\n", window, end) + 1, window)
    taken: list[str] = []
    at = end - 1  # the space before the keyword
    for word in reversed(text[start:end].split(" ")[:-1]):
        bare = word.lstrip("(‘'\"“")
        if not (_WORD.fullmatch(bare) or (bare in _CONNECTORS and taken)):
            break
        taken.append(bare)
        at -= len(word) + 1
        if bare != word:
            break  # an opening bracket or quote starts the title
    while taken and taken[-1] in _CONNECTORS:
        at += len(taken.pop()) + 1
    return " ".join(reversed(taken)), at + 1


def _split_sections(text: str) -> list[str]:
    return [s for s in re.split(r"\s*(?:,\s*and|,|and)\s*", text) if s]


class _Collector:
    """Merges mentions of the same instrument, keeping first-seen order of titles and sections."""

    def __init__(self) -> None:
        self.order: list[tuple[ReferenceKind, str]] = []
        self.years: dict[tuple[ReferenceKind, str], int | None] = {}
        self.sections: dict[tuple[ReferenceKind, str], list[str]] = {}

    def add(self, kind: ReferenceKind, title: str, year: int | None, sections: list[str]) -> None:
        key = (kind, title)
        if key not in self.sections:
            self.order.append(key)
            self.sections[key] = []
            self.years[key] = year
        for section in sections:
            if section not in self.sections[key]:
                self.sections[key].append(section)

    def references(self) -> tuple[LegalReference, ...]:
        return tuple(
            LegalReference(kind=k, title=t, year=self.years[(k, t)], sections=tuple(self.sections[(k, t)]))
            for k, t in self.order
        )


def _acts(text: str, found: _Collector) -> None:
    aliases: dict[str, str] = {}
    for match in _ACT.finditer(text):
        words, title_start = _title_before(text, match.start())
        name = _title(f"{words} Act")
        if name == "Act":
            continue
        title = f"{name} {match.group('year')}"
        after = text[match.end() : match.end() + 120]
        before = text[max(0, title_start - 80) : title_start]
        sections: list[str] = []
        for found_sections in (_BEFORE.search(before), _AFTER.match(after)):
            if found_sections:
                sections += _split_sections(found_sections.group("s"))
        found.add("act", title, int(match.group("year")), sections)
        if match.group("abbr"):
            aliases[match.group("abbr")] = title
        alias = _ALIAS.match(after)
        if alias:
            aliases[alias.group("alias")] = title
    for use in _ALIAS_USE.finditer(text) if aliases else ():
        alias_name: str = use.group("alias") or use.group("alias2")
        if alias_name in aliases:
            found.add("act", aliases[alias_name], None, _split_sections(use.group("s") or use.group("s2")))


def _regulations(text: str, found: _Collector) -> None:
    for match in _REGULATION.finditer(text):
        name = _title(f"{_title_before(text, match.start())[0]} {match.group(0).split()[0]}")
        if " " not in name:
            continue  # "Regulations" alone names nothing
        year = match.group("year")
        found.add("regulation", f"{name} {year}" if year else name, int(year) if year else None, [])


def _guidance(text: str, found: _Collector) -> None:
    lowered = text.lower()
    hits: list[tuple[int, str]] = []
    for title in KNOWN_GUIDANCE:
        at = lowered.find(title.lower())
        if at >= 0:
            hits.append((at, title))
    for match in _QUOTED_GUIDANCE.finditer(text):
        title = match.group("title").strip()
        if not any(title.lower() == known.lower() for _, known in hits):
            hits.append((match.start("title"), title))
    for _, title in sorted(hits):
        found.add("guidance", title, None, [])


def legal_references(text: str) -> tuple[LegalReference, ...]:
    """Acts (with sections), then regulations, then guidance, each in order of first mention."""
    found = _Collector()
    _acts(text, found)
    _regulations(text, found)
    _guidance(text, found)
    return found.references()
