"""A rule's limit keyed by date: the figure in force on the trigger's date governs, and a
trigger whose readings straddle a change of figure is judged under each figure for the
readings it covers (certain only when late under all of them)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError, Problem
from casework.domain.rules import Limit, Rule, apply_overrides
from casework.domain.rules.load import parse_rule
from casework.domain.yaml_source import load_yaml_with_lines

# 20 working days until 31 March 2025, 10 from 1 April 2025 (a made-up shortening).
CHANGED = """\
title: Assessment within {limit}
area: child_in_need
check: timescale
must: complete the assessment
trigger: [referral]
satisfied_by: [assessment_completed]
limit:
  - {from: 2020-01-01, amount: 20, unit: working_days, source: {section: "paragraph 1"}}
  - {from: 2025-04-01, amount: 10, unit: working_days,
     source: {title: "Amending guidance 2025", section: "paragraph 2"}}
source:
  basis: guidance
  title: "Example guidance"
  url: https://example.org/guidance
"""


def _parse(text: str) -> Rule:
    where = "rules/child_in_need/example.yaml"
    data, lines = load_yaml_with_lines(text, where)
    return parse_rule("example", data, where, lines)


def _problems(text: str) -> list[Problem]:
    with pytest.raises(CaseworkError) as caught:
        _parse(text)
    return caught.value.problems


RULE = _parse(CHANGED)


def _judged(trigger: str | CaseDate, outcome: str) -> list[tuple[str, str, date, date]]:
    chronology = case(ev("r", "referral", trigger), ev("a", "assessment_completed", outcome))
    report = audit_case(chronology, date(2025, 12, 1), [RULE])
    return [(f.kind, f.certainty, f.due_earliest, f.due_latest) for f in report.findings]


def test_each_figure_keeps_its_date_and_its_own_source() -> None:
    assert RULE.limit is not None
    old, new = RULE.limit.values
    assert (old.start, old.limit, old.source.title, old.source.section) == (
        date(2020, 1, 1), Limit(20, "working_days"), "Example guidance", "paragraph 1")
    # A figure naming another instrument keeps the rule's basis, not its link or section.
    assert (new.start, new.limit, new.source.title, new.source.section, new.source.url, new.source.basis) == (
        date(2025, 4, 1), Limit(10, "working_days"), "Amending guidance 2025", "paragraph 2", "", "guidance")
    assert old.source.url == "https://example.org/guidance"
    assert RULE.effective_from == date(2020, 1, 1)  # from its first figure


def test_the_title_is_rendered_from_the_figure_in_force() -> None:
    assert RULE.title == "Assessment within 10 working days"
    assert RULE.title_on(date(2025, 3, 3)) == "Assessment within 20 working days"


def test_a_trigger_before_the_change_is_counted_under_the_old_figure() -> None:
    # Mon 3 Mar 2025 + 20 working days is Mon 31 Mar; under 10 it would be Mon 17 Mar.
    assert _judged("2025-03-03", "2025-03-31") == []
    assert _judged("2025-03-03", "2025-04-01") == [("late", "certain", date(2025, 3, 31), date(2025, 3, 31))]


def test_a_trigger_after_the_change_is_counted_under_the_new_figure() -> None:
    # Mon 7 Apr 2025 + 10 working days, skipping Good Friday and Easter Monday: Wed 23 Apr.
    assert _judged("2025-04-07", "2025-04-23") == []
    assert _judged("2025-04-07", "2025-04-24") == [("late", "certain", date(2025, 4, 23), date(2025, 4, 23))]


STRADDLING = CaseDate(date(2025, 3, 25), date(2025, 4, 4), "bounds", "between 25 March and 4 April 2025")


def test_readings_that_straddle_the_change_are_judged_under_each_figure() -> None:
    # Under 20 (25–31 Mar) due Thu 24 Apr to Wed 30 Apr; under 10 (1–4 Apr) Tue 15 to Tue 22 Apr.
    assert _judged(STRADDLING, "2025-04-15") == []
    assert _judged(STRADDLING, "2025-04-16") == [("late", "possible", date(2025, 4, 15), date(2025, 4, 30))]
    assert _judged(STRADDLING, "2025-05-01") == [("late", "certain", date(2025, 4, 15), date(2025, 4, 30))]


def test_the_working_names_each_figure_and_the_readings_it_covers() -> None:
    chronology = case(ev("r", "referral", STRADDLING), ev("a", "assessment_completed", "2025-05-01"))
    [finding] = audit_case(chronology, date(2025, 12, 1), [RULE]).findings
    working = "\n".join(finding.working)
    assert "readings 25 March 2025 to 31 March 2025: 20 working days from 1 January 2020" in working
    assert "readings 1 April 2025 to 4 April 2025: 10 working days from 1 April 2025 (Amending guidance 2025" in working
    assert "20 working days or 10 working days" in finding.summary


def _override(amount: int) -> dict[str, Any]:
    return {"example": {"limit": {"amount": amount, "unit": "working_days"}}}


def test_an_override_may_not_relax_any_dated_figure() -> None:
    with pytest.raises(CaseworkError) as caught:
        apply_overrides([RULE], _override(15))
    [problem] = caught.value.problems
    assert "would relax example (10 working days from 1 April 2025" in problem.problem
    [local] = apply_overrides([RULE], _override(8))
    assert local.title == "Assessment within 8 working days"
    assert local.title_on(date(2025, 3, 3)) == "Assessment within 8 working days"


@pytest.mark.parametrize(
    ("old", "new", "field", "problem", "fix"),
    [
        # The single-figure shape is refused with the dated shape in its fix.
        ("limit:\n  - {from: 2020-01-01, amount: 20, unit: working_days, source: {section: \"paragraph 1\"}}\n"
         "  - {from: 2025-04-01, amount: 10, unit: working_days,\n"
         "     source: {title: \"Amending guidance 2025\", section: \"paragraph 2\"}}",
         "limit: {amount: 10, unit: working_days}", "limit",
         "a limit is a list of dated figures", "limit:\n  - {from: 2006-09-01"),
        ("{from: 2025-04-01, amount: 10", "{amount: 10", "limit.1.from", "a later figure needs the date",
         "add from:"),
        ("{from: 2025-04-01, amount: 10", "{from: 2019-04-01, amount: 10", "limit.1.from", "oldest first",
         "order the figures"),
        ("{from: 2025-04-01, amount: 10", "{from: \"2025-04-01\", amount: 10", "limit.1.from", "is not a date",
         "unquoted"),
        (", source: {section: \"paragraph 1\"}}", "}", "limit.0.source", "each figure names its source",
         "add source:"),
        ("source: {section: \"paragraph 1\"}", "source: {section: \"paragraph 1\", editions: []}",
         "limit.0.source.editions", "unknown key 'editions'", "use only"),
        ("title: Assessment within {limit}", "title: Assessment within 10 working days", "title",
         "the title states the figure 10", "{limit}"),
        ("title: Assessment within {limit}", "title: Assessment within {limit}, extendable to {extension}",
         "title", "names {extension} but the rule has no extension", "remove {extension}"),
    ],
)
def test_a_bad_dated_limit_is_refused_with_its_field_and_fix(old: str, new: str, field: str, problem: str,
                                                              fix: str) -> None:
    assert old in CHANGED
    found = [p for p in _problems(CHANGED.replace(old, new)) if problem in p.problem]
    assert found, _problems(CHANGED.replace(old, new))
    assert found[0].field == field
    assert fix in found[0].fix


def test_a_first_figure_later_than_the_rule_is_refused() -> None:
    text = CHANGED.replace("area: child_in_need", "area: child_in_need\neffective: {from: 2019-01-01}")
    [problem] = [p for p in _problems(text) if p.field == "limit.0.from"]
    assert "in force from 2019-01-01 but its first figure only from 2020-01-01" in problem.problem


def test_the_reference_lists_each_figure_with_its_date_and_source() -> None:
    from casework.domain.rules.reference import rule_entry

    entry = rule_entry(RULE)
    assert "- Limit by date:\n  - 20 working days from 1 January 2020 (Example guidance, paragraph 1)\n" in entry
    assert "  - 10 working days from 1 April 2025 (Amending guidance 2025, paragraph 2)" in entry
    assert entry.startswith("#### `example` — Assessment within 10 working days")
