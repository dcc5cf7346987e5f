"""Seed decision statements made unique per test, for stores shared between tests.

Every test on a shared database works in decisions of its own: `variant` gives a seed a
fresh reference, an organisation named after the test's tag, and the tag as a word in
the summary, so a search for the tag finds only that test's decisions.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

DECISIONS = Path(__file__).resolve().parents[1] / "fixtures" / "decisions"
SEED_NAMES = tuple(sorted(p.name for p in DECISIONS.glob("*.txt")))


def new_tag() -> str:
    return "zq" + uuid.uuid4().hex[:8]


def new_reference() -> str:
    digits = f"{uuid.uuid4().int % 10**8:08d}"
    return f"9{digits[0]} {digits[1:4]} {digits[4:7]}"


def seed_text(name: str) -> str:
    return (DECISIONS / name).read_text(encoding="utf-8")


def variant(name: str, tag: str, reference: str | None = None) -> tuple[str, str]:
    """(reference, text): seed `name` under a new reference, as '<tag> Council'."""
    reference = reference or new_reference()
    text = seed_text(name)
    first, rest = text.split("\n", 1)
    header = re.sub(r"^.*\(\d\d \d\d\d \d\d\d\)", f"{tag.title()} Council ({reference})", first)
    rest = rest.replace("Summary: ", f"Summary: {tag} ", 1)
    return reference, f"{header}\n{rest}"
