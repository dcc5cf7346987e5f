"""docs/rules.md and examples/<seed>.audit.json are what the code gives now.

When this fails after a change to a rule or to the audit, run `casework refresh-generated`
and review the diff: it is exactly the change in what the reference and the five seeds'
audits say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.bootstrap import file_formats
from casework.service.generated import generated_files

ROOT = Path(__file__).resolve().parents[2]
GENERATED = generated_files(file_formats().chronologies, ROOT)


@pytest.mark.parametrize("path", sorted(GENERATED), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_generated_file_is_current(path: Path) -> None:
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `casework refresh-generated`"
    assert path.read_text(encoding="utf-8") == GENERATED[path], (
        f"{path.relative_to(ROOT)} is out of date: run `casework refresh-generated` and review the diff")


def test_every_seed_has_a_golden_audit_and_every_rule_is_in_the_reference() -> None:
    from casework.domain.rules import load_rules

    seeds = sorted((ROOT / "examples").glob("*.yaml"))
    assert len(seeds) == 5 and all(p.with_suffix(".audit.json") in GENERATED for p in seeds)
    reference = GENERATED[ROOT / "docs" / "rules.md"]
    assert all(f"`{rule.id}`" in reference for rule in load_rules())
