"""The rules as data: a sweep over every rule shipped, a council's overrides, and the
problems a bad rule file reports (file, line, field, fix)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import EVENT_TYPE_BY_NAME
from casework.domain.rules import Limit, Rule, apply_overrides, load_rules
from casework.domain.rules.load import known_checks, parse_rule
from casework.domain.yaml_source import load_yaml_with_lines

RULES = load_rules()
BY_ID = {r.id: r for r in RULES}


def _rule_files() -> list[str]:
    root = resources.files("casework.domain.rules")
    return sorted(
        f"rules/{area.name}/{file.name}"
        for area in root.iterdir() if area.is_dir() and not area.name.startswith("_")
        for file in area.iterdir() if file.name.endswith(".yaml") and not file.name.endswith(".examples.yaml")
    )


# The sweep: every rule shipped -------------------------------------------------------------

def test_every_rule_file_is_loaded_once_under_its_own_name() -> None:
    assert sorted(r.path for r in RULES) == _rule_files()
    assert len(BY_ID) == len(RULES)
    for rule in RULES:
        assert rule.path == f"rules/{rule.area}/{rule.id}.yaml"


def test_the_rules_of_rules_md_are_all_there() -> None:
    expected = {
        "referral_decision", "assessment_timescale", "cin_planning_meeting",
        "cin_plan_first_review", "cin_plan_review", "cin_closure", "icpc_timescale",
        "core_group_first", "rcpc_first", "rcpc_review", "transfer_in_conference",
        "complaint_time_limit", "stage1_response", "stage2_request", "stage2_response",
        "stage3_request", "stage3_panel", "stage3_panel_report", "stage3_response",
    }
    assert expected <= set(BY_ID)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_source_a_known_check_and_says_what_must_happen(rule: Rule) -> None:
    assert rule.source.basis in ("law", "guidance", "code", "local", "seed")
    assert rule.source.title.strip()
    assert rule.source.citation().startswith(rule.source.title)
    assert rule.check in known_checks()
    assert rule.title.strip() and rule.must.strip()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_statutory_rule_links_to_its_text(rule: Rule) -> None:
    if rule.statutory:
        assert rule.source.url.startswith("https://"), rule.id


@pytest.mark.parametrize("rule", [r for r in RULES if r.check == "timescale"], ids=lambda r: r.id)
def test_every_timescale_rule_has_a_trigger_an_outcome_and_a_limit(rule: Rule) -> None:
    assert rule.trigger and rule.satisfied_by
    assert rule.limit is not None and all(v.limit.amount > 0 for v in rule.limit.values)
    assert rule.describe_limit().startswith(str(rule.limit.current))
    assert all(v.source.title for v in rule.limit.values)
    if rule.extension is not None:
        assert rule.extension.limit.current.unit == rule.limit.current.unit
        assert rule.extension.limit.current.amount > rule.limit.current.amount
        assert rule.extension.by


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_matches_only_known_event_types(rule: Rule) -> None:
    matchers = [*rule.trigger, *rule.satisfied_by, *rule.stopped_by, *rule.only_if, *rule.also_from]
    if rule.extension is not None:
        matchers += rule.extension.by
    assert all(m.type in EVENT_TYPE_BY_NAME for m in matchers)


def test_law_guidance_and_code_rules_are_statutory_and_the_rest_are_local() -> None:
    for rule in RULES:
        assert rule.statutory == (rule.source.basis in ("law", "guidance", "code")), rule.id
    assert BY_ID["stage1_response"].statutory
    assert BY_ID["icpc_timescale"].statutory
    assert not BY_ID["cin_plan_review"].statutory


@pytest.mark.parametrize(
    ("rule_id", "limit", "basis"),
    [
        ("stage1_response", Limit(10, "working_days"), "law"),
        ("stage2_response", Limit(25, "working_days"), "law"),
        ("stage3_panel", Limit(30, "working_days"), "law"),
        ("stage3_request", Limit(20, "working_days"), "law"),
        ("assessment_timescale", Limit(45, "working_days"), "guidance"),
        ("icpc_timescale", Limit(15, "working_days"), "guidance"),
        ("core_group_first", Limit(10, "working_days"), "guidance"),
        ("rcpc_first", Limit(3, "calendar_months"), "guidance"),
        ("rcpc_review", Limit(6, "calendar_months"), "guidance"),
        ("cin_plan_first_review", Limit(3, "calendar_months"), "local"),
        ("cin_plan_review", Limit(6, "calendar_months"), "local"),
    ],
)
def test_the_figures_are_those_of_rules_md(rule_id: str, limit: Limit, basis: str) -> None:
    rule = BY_ID[rule_id]
    assert rule.limit is not None
    assert (rule.limit.current, rule.source.basis) == (limit, basis)


def test_stage1_and_stage2_extensions_are_those_of_the_regulations() -> None:
    stage1, stage2 = BY_ID["stage1_response"].extension, BY_ID["stage2_response"].extension
    assert stage1 is not None and stage1.limit.current == Limit(20, "working_days")
    assert stage2 is not None and stage2.limit.current == Limit(65, "working_days")


# A council's overrides ---------------------------------------------------------------------

def _limit(amount: int, unit: str = "working_days") -> dict[str, Any]:
    return {"limit": {"amount": amount, "unit": unit}}


def _current(rule: Rule) -> Limit:
    assert rule.limit is not None
    return rule.limit.current


def _refused(overrides: dict[str, Any]) -> list[Problem]:
    with pytest.raises(CaseworkError) as caught:
        apply_overrides(RULES, overrides, where="council.yaml")
    return caught.value.problems


def test_a_council_may_tighten_a_statutory_limit_and_it_is_shown_as_its_own_figure() -> None:
    rules = {r.id: r for r in apply_overrides(RULES, {"stage1_response": _limit(5)})}
    assert _current(rules["stage1_response"]) == Limit(5, "working_days")
    assert rules["stage1_response"].title == "Stage 1 response within 5 working days, extendable to 20 working days"
    assert "council's local figure" in rules["stage1_response"].qualifier
    assert "council's local figure" in rules["stage1_response"].describe_limit()
    assert rules["stage1_response"].source == BY_ID["stage1_response"].source
    assert rules["stage2_response"] == BY_ID["stage2_response"]


def test_a_council_may_keep_a_statutory_limit_as_it_is() -> None:
    rules = {r.id: r for r in apply_overrides(RULES, {"stage3_panel": _limit(30)})}
    assert _current(rules["stage3_panel"]) == Limit(30, "working_days")


def test_overriding_leaves_the_shipped_rules_untouched() -> None:
    apply_overrides(RULES, {"stage1_response": _limit(5)})
    assert load_rules()[0] is RULES[0]
    assert _current(BY_ID["stage1_response"]) == Limit(10, "working_days")
    assert BY_ID["stage1_response"].title == "Stage 1 response within 10 working days, extendable to 20 working days"
    assert BY_ID["stage1_response"].qualifier == ""


@pytest.mark.parametrize(
    ("rule_id", "override"),
    [
        ("stage1_response", _limit(15)),  # law
        ("assessment_timescale", _limit(50)),  # guidance
        ("code_stage1_response", _limit(11)),  # code
        ("rcpc_review", _limit(7, "calendar_months")),
        ("stage3_panel", _limit(1, "calendar_months")),  # another unit counts as relaxing
    ],
)
def test_relaxing_a_statutory_limit_is_refused_naming_the_rule_and_its_source(
    rule_id: str, override: dict[str, Any]
) -> None:
    [problem] = _refused({rule_id: override})
    rule = BY_ID[rule_id]
    assert problem.where == "council.yaml"
    assert problem.field == f"{rule_id}.limit"
    current = _current(rule)
    assert f"would relax {rule_id} ({current}" in problem.problem
    assert f", {rule.source.basis}:" in problem.problem
    assert rule.source.title in problem.problem
    assert problem.fix == f"a council may only tighten this rule: use {current} or less"


def test_every_refusal_is_reported_together_and_nothing_is_applied() -> None:
    problems = _refused({"stage1_response": _limit(15), "stage3_panel": _limit(40),
                         "cin_plan_review": _limit(12, "calendar_months")})
    assert sorted(p.field for p in problems) == ["stage1_response.limit", "stage3_panel.limit"]


def test_an_override_for_an_unknown_rule_is_refused() -> None:
    [problem] = _refused({"stage_1_response": _limit(5)})
    assert (problem.field, problem.problem) == ("stage_1_response", "no rule is called 'stage_1_response'")
    assert "casework rules" in problem.fix


def test_an_override_that_is_not_a_limit_is_refused() -> None:
    [problem] = _refused({"stage1_response": {"limit": {"amount": "ten", "unit": "working_days"}}})
    assert problem.field == "stage1_response.limit"
    assert "whole-number amount" in problem.problem


def test_a_local_rule_may_be_relaxed() -> None:
    rules = {r.id: r for r in apply_overrides(RULES, {"cin_plan_review": _limit(12, "calendar_months")})}
    assert _current(rules["cin_plan_review"]) == Limit(12, "calendar_months")
    assert rules["cin_plan_review"].title == "Child in need plan reviewed at least every 12 months"
    assert "council's local figure" in rules["cin_plan_review"].describe_limit()


# Bad rule files ----------------------------------------------------------------------------

GOOD = """\
title: Stage 3 panel within {limit}
area: complaints
check: timescale
must: convene the review panel
trigger: [stage3_requested]
satisfied_by: [stage3_panel]
limit: [{amount: 30, unit: working_days, source: {section: "regulation 19(4)"}}]
source:
  basis: law
  title: "SI 2006/1738"
  section: "regulation 19(4)"
"""


def _parse(text: str) -> Rule:
    where = "rules/complaints/example.yaml"
    data, lines = load_yaml_with_lines(text, where)
    return parse_rule("example", data, where, lines)


def _problems(text: str) -> list[Problem]:
    with pytest.raises(CaseworkError) as caught:
        _parse(text)
    assert all(p.where == "rules/complaints/example.yaml" for p in caught.value.problems)
    return caught.value.problems


def test_a_sound_rule_file_parses() -> None:
    rule = _parse(GOOD)
    assert (rule.id, _current(rule), rule.source.section) == (
        "example", Limit(30, "working_days"), "regulation 19(4)")
    assert rule.title == "Stage 3 panel within 30 working days"
    assert [m.type for m in rule.trigger] == ["stage3_requested"]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem", "fix"),
    [
        ("limit:", "limt:", 7, "limt", "unknown key 'limt'", "use only:"),
        ("check: timescale", "check: clock", 3, "check", "unknown check 'clock'", "timescale"),
        ("title: Stage 3 panel within {limit}\n", "", 1, "title", "'title' is missing",
         "add 'title:'"),
        ("[stage3_requested]", "[stage3_request]", 5, "trigger.0",
         "'stage3_request' is not an event type", "casework.domain.events"),
        ("unit: working_days", "unit: fortnights", 7, "limit.0", "whole-number amount and a unit",
         "{amount: 10, unit: working_days}"),
        ("amount: 30", "amount: thirty", 7, "limit.0", "whole-number amount", "write e.g."),
        ("  basis: law\n", "  basis: statute\n", 8, "source", "every rule needs a source",
         "add source:"),
        ("  title: \"SI 2006/1738\"\n", "", 8, "source", "with a basis", "add source:"),
        ("limit: [{amount: 30, unit: working_days, source: {section: \"regulation 19(4)\"}}]\n", "", 1, "limit",
         "a timescale rule needs trigger, satisfied_by and limit", "add the missing keys"),
        ("area: complaints", "area: complaints\nscope: council", 3, "scope",
         "unknown scope 'council'", "use child, complaint or case"),
    ],
)
def test_a_bad_rule_file_names_the_line_field_and_fix(
    old: str, new: str, line: int, field: str, problem: str, fix: str
) -> None:
    assert old in GOOD
    [found] = [p for p in _problems(GOOD.replace(old, new)) if problem in p.problem]
    assert (found.line, found.field) == (line, field)
    assert problem in found.problem
    assert fix in found.fix


def test_every_problem_in_a_rule_file_is_reported_together() -> None:
    text = GOOD.replace("check: timescale", "check: clock").replace("limit:", "limt:")
    # With no limit, the title's {limit} has nothing to name: that is reported too.
    assert sorted((p.line, p.field) for p in _problems(text)) == [(1, "title"), (3, "check"), (7, "limt")]


def test_a_rule_file_that_is_not_a_mapping_is_refused_at_line_1() -> None:
    [found] = _problems("- just\n- a list\n")
    assert (found.line, found.problem) == (1, "a rule file holds one mapping")


def test_a_rule_file_that_is_not_yaml_names_the_line() -> None:
    with pytest.raises(CaseworkError) as caught:
        _parse(GOOD.replace("must: convene the review panel", "must: [convene"))
    [found] = caught.value.problems
    assert found.where == "rules/complaints/example.yaml"
    assert found.line is not None and found.line >= 4
    assert "not valid YAML" in found.problem


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem", "fix"),
    [
        # A quoted date is text: it once made a rule in force since 1900 without a word.
        ("area: complaints", 'area: complaints\neffective: {from: "2026-04-01"}', 3, "effective.from",
         "'2026-04-01' is not a date", "unquoted"),
        ("area: complaints", "area: complaints\neffective: {form: 2026-04-01}", 3, "effective.form",
         "unknown key 'form'", "use only from, to"),
        ("area: complaints", "area: complaints\neffective: 2026-04-01", 3, "effective",
         "effective is a mapping of dates", "effective: {from: 2026-04-01}"),
        ("area: complaints", "area: complaints\ntrigger_selection: last", 3, "trigger_selection",
         "unknown trigger_selection 'last'", "each"),
        ("  section: \"regulation 19(4)\"", "  section: \"regulation 19(4)\"\n  confirmed: maybe", 12,
         "source.confirmed", "confirmed must be true or false", "confirmed: false"),
        ("  section: \"regulation 19(4)\"", "  section: \"regulation 19(4)\"\n  seeds: \"24 007 529\"", 12,
         "source.seeds", "seeds must be a list", "seeds: ["),
        ("  section: \"regulation 19(4)\"", "  section: \"regulation 19(4)\"\n  link: https://x", 12,
         "source.link", "unknown key 'link'", "use only basis"),
    ],
)
def test_an_ill_typed_or_unknown_value_is_refused_with_its_line_not_read_as_a_default(
    old: str, new: str, line: int, field: str, problem: str, fix: str
) -> None:
    assert old in GOOD
    [found] = [p for p in _problems(GOOD.replace(old, new)) if problem in p.problem]
    assert (found.line, found.field) == (line, field)
    assert fix in found.fix


def test_the_checks_a_rule_may_name_are_the_audits_one_registry() -> None:
    from casework.domain.audit import CHECKS as AUDIT_CHECKS

    assert known_checks() == frozenset(AUDIT_CHECKS)
    assert {r.check for r in RULES} <= known_checks()


def test_trigger_expired_is_a_list_of_timescale_rule_ids() -> None:
    from dataclasses import replace

    from casework.domain.rules.load import _unknown_expiries

    text = GOOD.replace("area: complaints", "area: complaints\ntrigger_expired: stage1_response")
    [found] = [p for p in _problems(text) if p.field == "trigger_expired"]
    assert "list of rule ids" in found.problem
    rule = replace(BY_ID["stage2_request"], trigger_expired=("stage_1_response", "cin_closure"))
    assert [p.problem for p in _unknown_expiries([*RULES, rule])] == [
        "'stage_1_response' is not a timescale rule", "'cin_closure' is not a timescale rule"]
