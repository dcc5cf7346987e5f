"""The sweep: every rule shipped has its examples file beside it, with at least one pass
and one breach example (design.md habit 9), and each example audits as it says.

`rules/<area>/<id>.examples.yaml` holds the rule's precedent search words and its examples:
each a chronology (the chronology file format, read by the same reader) audited on its
`as_of` date against that rule alone. A pass gives no finding; a breach gives the finding
the rule exists for, of the kind and certainty its design yields. A rule added without an
examples file, or without a pass and a breach, fails here by name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from typing import Any

import pytest

from casework.adapters.chronology_file import case_from_mapping
from casework.domain.audit import audit_case
from casework.domain.chronology import Case
from casework.domain.decisions.precedents import examples_path
from casework.domain.rules import Rule, load_rules
from casework.domain.yaml_source import LineMap, load_yaml_with_lines

RULES = {r.id: r for r in load_rules()}
RULE_IDS = sorted(RULES)
EXAMPLE_KEYS = {"name", "as_of", "expect", "chronology"}
EXPECT_KEYS = {"kind", "certainty", "reported"}


@dataclass(frozen=True)
class Example:
    """One example: `expect` None for a pass, else the (kind, certainty) of its finding;
    `reported` False where the rule by design reports nothing (a complainant's own limit)."""

    name: str
    chronology: Case
    as_of: date
    expect: tuple[str, str] | None
    reported: bool = True


def _chronology(rule_id: str, index: int, raw: Any, where: str, lines: LineMap) -> Case:
    """The example's chronology, read as a chronology file is, with its lines in the examples file."""
    prefix = ("examples", index, "chronology")
    sub = LineMap({k[len(prefix):]: v for k, v in lines.lines.items() if k[:len(prefix)] == prefix})
    data = {"case": f"{rule_id.replace('_', '-')}-{index}", "council": "testshire", **(raw or {})}
    return case_from_mapping(data, where, sub)


def _example(rule_id: str, index: int, raw: Any, where: str, lines: LineMap) -> Example:
    assert isinstance(raw, dict) and set(raw) <= EXAMPLE_KEYS, f"{where}: example {index} has keys {EXAMPLE_KEYS}"
    assert isinstance(raw.get("as_of"), date), f"{where}: example {index} needs an unquoted as_of date"
    expect = raw.get("expect")
    chronology = _chronology(rule_id, index, raw.get("chronology"), where, lines)
    if expect == "pass":
        return Example(str(raw.get("name", index)), chronology, raw["as_of"], None)
    assert isinstance(expect, dict) and set(expect) <= EXPECT_KEYS, (
        f"{where}: example {index} expects 'pass' or {{kind:, certainty:}}")
    return Example(str(raw.get("name", index)), chronology, raw["as_of"],
                   (str(expect["kind"]), str(expect["certainty"])), bool(expect.get("reported", True)))


def examples_of(rule_id: str) -> list[Example]:
    """The rule's examples, read from the file beside it."""
    where = examples_path(RULES[rule_id].path)
    file = resources.files("casework.domain").joinpath(where)
    if not file.is_file():
        pytest.fail(f"add {where}: rule {rule_id} needs a pass and a breach example beside it")
    data, lines = load_yaml_with_lines(file.read_text(encoding="utf-8"), where)
    raw = data.get("examples") if isinstance(data, dict) else None
    assert isinstance(raw, list), f"{where}: write examples: [...]"
    return [_example(rule_id, i, item, where, lines) for i, item in enumerate(raw)]


def findings_of(rule: Rule, chronology: Case, as_of: date) -> list[tuple[str, str]]:
    report = audit_case(chronology, as_of, [rule])
    assert {f.rule_id for f in report.findings} <= {rule.id}
    return [(f.kind, f.certainty) for f in report.findings]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_pass_and_a_breach_example_beside_it(rule_id: str) -> None:
    examples = examples_of(rule_id)
    assert any(e.expect is None for e in examples), f"rule {rule_id} has no pass example"
    assert any(e.expect is not None for e in examples), f"rule {rule_id} has no breach example"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_each_example_audits_as_it_says(rule_id: str) -> None:
    rule = RULES[rule_id]
    for example in examples_of(rule_id):
        found = findings_of(rule, example.chronology, example.as_of)
        if example.expect is None:
            assert found == [], f"{rule_id} example '{example.name}' should pass"
            if rule.parameters.get("complainant_limit"):  # silent by design: pass as a council clock too
                assert findings_of(replace(rule, parameters={}), example.chronology, example.as_of) == []
        elif example.reported:
            assert example.expect in found, f"{rule_id} example '{example.name}' gave {found}"
        else:
            _check_unreported(rule, example, found)


def _check_unreported(rule: Rule, example: Example, found: list[tuple[str, str]]) -> None:
    """A complainant's own limit (parameters.complainant_limit) informs other checks and is
    never the council's fault, so the audit reports nothing; read as a council clock, the
    same chronology breaches as the example says: the silence is by design."""
    assert rule.parameters.get("complainant_limit"), (
        f"only a complainant's own limit may have an unreported breach; give {rule.id}'s breach its finding")
    assert found == []
    assert example.expect in findings_of(replace(rule, parameters={}), example.chronology, example.as_of)


def test_only_designed_rules_yield_no_certain_breach() -> None:
    # A rule whose breach examples are not certain must say why in its design: the record
    # cannot show the step (unrecorded: not_evidenced), or a payment's fit to the guidance is
    # a judgement (a band; whether a payment for complaining stands as one for distress).
    uncertain = sorted(r for r in RULE_IDS
                       if not any(e.expect and e.expect[1] == "certain" for e in examples_of(r)))
    assert uncertain == ["payment_for_procedure", "referral_decision", "remedy_within_guidance"]
    assert RULES["referral_decision"].parameters.get("unrecorded") == "not_evidenced"


def test_an_examples_file_names_a_rule_that_exists() -> None:
    root = resources.files("casework.domain.rules")
    files = {f.name.removesuffix(".examples.yaml") for area in root.iterdir() if area.is_dir()
             for f in area.iterdir() if f.name.endswith(".examples.yaml")}
    assert sorted(files - set(RULES)) == []
