"""docs/chronology-format.md is checked against the real loader: its examples read, and it
lists every event type with every detail, its kind and its allowed values."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from case_builders import case, ev

from casework.adapters.chronology_file import read_case_text
from casework.domain.audit import audit_case
from casework.domain.calendar import FIRST_YEAR, LAST_YEAR
from casework.domain.dates import CaseDate
from casework.domain.events import EVENT_TYPES
from casework.domain.rules.load import rule_by_id

DOC = Path(__file__).resolve().parents[2] / "docs" / "chronology-format.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)


def test_the_format_reference_has_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_every_example_in_the_format_reference_reads_without_problems(index: int) -> None:
    read_case_text(EXAMPLES[index], f"{DOC.name} example {index + 1}")


@pytest.mark.parametrize("etype", EVENT_TYPES, ids=lambda t: t.name)
def test_every_event_type_and_detail_is_documented_with_its_kind_and_values(etype) -> None:
    assert f"**`{etype.name}`**" in TEXT, f"document event type {etype.name}"
    section = TEXT.split(f"**`{etype.name}`**", 1)[1].split("\n- **`", 1)[0]
    for key, detail in etype.details.items():
        assert f"`{key}` ({detail.kind}{', required' if detail.required else ''})" in section, key
        for choice in detail.choices:
            assert f"`{choice}`" in section, (key, choice)


def test_the_date_forms_and_bounds_the_reference_defines_are_the_readers() -> None:
    for written, (first, last) in {"early 2025-03": (1, 10), "mid 2025-03": (11, 20),
                                   "late 2025-03": (21, 31), "2025-03": (1, 31)}.items():
        assert f"`{written}`" in TEXT
        when = CaseDate.parse(written)
        assert (when.earliest.day, when.latest.day) == (first, last)
    assert f"({FIRST_YEAR})" in TEXT and f"({LAST_YEAR})" in TEXT


def test_complete_for_lists_every_event_category() -> None:
    section = TEXT.split("## What `complete_for` means", 1)[1].split("##", 1)[0]
    for category in {t.category for t in EVENT_TYPES}:
        assert f"`{category}`" in section, category


def test_an_action_agreed_with_no_deadline_is_never_overdue() -> None:
    c = case(ev("d", "ombudsman_decision", "2025-05-28", reference="24 010 960"),
             ev("a", "action_agreed", "2025-05-28", action="review the policy", deadline="none stated",
                decision="d"))
    report = audit_case(c, date(2026, 1, 1), [rule_by_id("action_evidenced")])
    assert report.findings == () and report.due == ()
