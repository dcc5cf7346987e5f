"""A rule is its own files: README "Rules are data" shows it for the child protection plan's
further review conferences (`rcpc_review`), and this keeps it true.

Nothing the audit, the column-wise audit, the reference or the precedents search needs names
the rule: they read it from `rules/child_protection/rcpc_review.yaml` and the examples file
beside it. The only other places that name it are the census synthetic data (what it plants,
and its own independent ground truth), the demo cases (which place a due date in the demo
week) and the decision reader's optional cue words; a new reference anywhere else fails here.
"""

from __future__ import annotations

from pathlib import Path

from casework.domain.batch import batchable
from casework.domain.census import census_rules
from casework.domain.decisions.precedents import precedent_searches
from casework.domain.rules import load_rules
from casework.domain.rules.reference import rules_reference

SRC = Path(__file__).resolve().parents[2] / "src" / "casework"
RULE = "rcpc_review"
# Where the rule may be named outside its own files, and why.
ALLOWED = {
    "domain/rules/child_protection/rcpc_review.examples.yaml": "its own examples (the rule file is named by its path)",
    "adapters/census/synth.py": "what the synthetic census plants for it (a lateness rate)",
    "adapters/census/synth_truth.py": "the synthetic census's ground truth, worked out independently of the audit",
    "adapters/synthetic_cases.py": "demo cases placing its due date in the demo week",
    "domain/decisions/periods.py": "optional cue words for reading a stated period in a decision",
    "domain/census/to_cases.py": "a docstring listing the census rules",
}


def test_the_rule_is_named_only_in_its_files_and_the_census_synthetic_data() -> None:
    naming = {str(p.relative_to(SRC)) for p in SRC.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml")
              and RULE in p.read_text(encoding="utf-8")}
    assert naming - set(ALLOWED) == set()


def test_its_files_are_all_the_audit_the_census_audit_the_reference_and_precedents_need() -> None:
    rules = {r.id: r for r in load_rules()}
    rule = rules[RULE]
    assert rule.path == "rules/child_protection/rcpc_review.yaml"
    assert batchable(rule) is None
    assert rule in census_rules(load_rules())
    assert f"#### `{RULE}`" in rules_reference(tuple(rules.values()))
    assert precedent_searches()[RULE]
