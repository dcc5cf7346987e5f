"""Who complained, on whose behalf, and whom a pronoun in a remedy means.

Statements name people by pseudonym: a title and one capital ("Mrs X", "Mr and Mrs G"),
sometimes a bare capital ("a payment to Y"). The complainant is the person the statement
says it calls so ("the complainant, whom I shall call Mrs D"), else the first pseudonym in
the summary, else in the complaint. A misspelt title ("Mis X") is read as meant. Someone
complaining for another says so: "Ms Z complains on behalf of Mr X", "Ms X is Mr Z's
advocate".

>>> complainant_in(["Mis X complains on behalf of her son Mr Z."], [])
'Miss X'
>>> on_behalf_of_in(["Mrs X complains on behalf of her son Mr Z."])
'Mr Z'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TITLE = r"(?:Mr and Mrs|Mrs|Mr|Ms|Miss|Mis|Dr)"
NAMED = re.compile(rf"\b{_TITLE}\s+[A-Z]\b")
_CALLED = re.compile(
    rf"\b(?:whom|who)\s+I\s+(?:shall\s+|will\s+|have\s+)?(?:refer\s+to|call(?:ed)?|describe)"
    rf"(?:\s+here)?\s+(?:as\s+)?['\"“]?(?P<name>{_TITLE}\s+[A-Z])\b"
    rf"|\bI have called the complainants?,?\s+['\"“]?(?P<name2>{_TITLE}\s+[A-Z])\b"
    rf"|\bThe complainants?,\s+(?P<name3>{_TITLE}\s+[A-Z])\b",
)
_RELATION = (
    r"(?:son|daughter|child|children|grandson|granddaughter|grandchild|grandchildren|nephew|niece"
    r"|brother|sister|husband|wife|partner|mother|father)"
)
_BEHALF = re.compile(
    rf"\bcomplain(?:s|ed|ing)?\s+on\s+behalf\s+of\s+(?:(?P<rel>(?:her|his|their)\s+{_RELATION})\s*,?\s*)?"
    rf"(?P<name>{_TITLE}\s+[A-Z]\b|\(?[A-Z]\)?(?![\w']))?",
)
_ADVOCATE = re.compile(rf"\bis\s+(?P<name>{_TITLE}\s+[A-Z])['’]s\s+(?:advocate|representative)\b")
_PRONOUN = re.compile(r"\b(?:her|him)\b")
_BARE = re.compile(r"\bto\s+(?P<name>[A-Z])\b(?![\w'’.])")


def tidy(name: str) -> str:
    """'Mis  X' → 'Miss X': one space, the title as meant."""
    words = name.split()
    if words and words[0] == "Mis":
        words[0] = "Miss"
    return " ".join(words)


def complainant_in(summary: Iterable[str], complaint: Iterable[str]) -> str | None:
    """The complainant's pseudonym, from the summary's and complaint's texts."""
    summary, complaint = list(summary), list(complaint)
    for text in summary + complaint:
        called = _CALLED.search(text)
        if called:
            return tidy(called.group("name") or called.group("name2") or called.group("name3"))
    for text in summary + complaint:
        match = NAMED.search(text)
        if match:
            return tidy(match.group(0))
    return None


def on_behalf_of_in(texts: Iterable[str]) -> str | None:
    """Whom the complainant complains for: a pseudonym, else the relation ('her son')."""
    for text in texts:
        if "behalf" not in text and "advocate" not in text and "representative" not in text:
            continue
        behalf = _BEHALF.search(text)
        if behalf and (behalf.group("name") or behalf.group("rel")):
            return tidy((behalf.group("name") or behalf.group("rel")).strip("()"))
        advocate = _ADVOCATE.search(text)
        if advocate:
            return tidy(advocate.group("name"))
    return None


def last_named(text: str) -> str | None:
    """The pseudonym named last in `text` (whom a following 'her' or 'him' means)."""
    found = NAMED.findall(text)
    return tidy(found[-1]) if found else None


def person_named(text: str, before: str, complainant: str | None) -> str | None:
    """The person `text` names: its first pseudonym; else, for 'her'/'him', the person named
    last in `before` (the text leading up to it), else the complainant."""
    named = NAMED.search(text)
    bare = _BARE.search(text)
    if named and (bare is None or named.start() <= bare.start()):
        return tidy(named.group(0))
    if bare:
        return bare.group("name")
    if _PRONOUN.search(text):
        return last_named(before) or complainant
    return None
