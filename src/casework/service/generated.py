"""Files written from the code and checked by tests to be current: the rules reference
(docs/rules.md) and each seed's golden audit (examples/<seed>.audit.json).

`casework refresh-generated` writes them; review the diff before committing it, as it is
the change in what the audit says about the five real decisions.
"""

from __future__ import annotations

import json
from pathlib import Path

from casework.domain.audit import audit_case
from casework.domain.chronology import Case
from casework.domain.rules import load_rules
from casework.domain.rules.reference import rules_reference
from casework.service.ports import ChronologyFiles

RULES_REFERENCE = Path("docs") / "rules.md"


def seed_audit(case: Case) -> str:
    """The seed's audit as of the Ombudsman's decision (its last event otherwise), as JSON."""
    decisions = list(case.of_type("ombudsman_decision"))
    as_of = decisions[-1].date.latest if decisions else max(e.date.latest for e in case.events)
    report = {"case": case.id, "as_of": as_of.isoformat(), **audit_case(case, as_of).as_dict()}
    return json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"


def generated_files(files: ChronologyFiles, root: Path) -> dict[Path, str]:
    """Each generated file's path (under `root`, the repository) and the text it should hold."""
    wanted = {root / RULES_REFERENCE: rules_reference(load_rules())}
    for path in sorted((root / "examples").glob("*.yaml")):
        wanted[path.with_suffix(".audit.json")] = seed_audit(files.read_file(path))
    return wanted
