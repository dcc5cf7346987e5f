"""The file formats and generators the use cases read through, as one `Files` bundle.

Each is a thin face on its module (`chronology_file`, `chronology_writer`,
`decision_pages`, `synthetic_cases`) so that the service sees only the ports in
`service.ports`; `bootstrap` binds them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from casework.adapters import synthetic_cases
from casework.adapters.chronology_file import read_case_file, read_case_text
from casework.adapters.chronology_writer import case_to_mapping, dump_case
from casework.adapters.decision_pages import DECISION_SUFFIXES, read_decision_file
from casework.domain.chronology import Case
from casework.domain.decisions import Decision
from casework.service.ports import Files


class YamlChronologies:
    def read_text(self, text: str, where: str) -> Case:
        return read_case_text(text, where)

    def read_file(self, path: Path) -> Case:
        return read_case_file(path)

    def dump(self, case: Case) -> str:
        return dump_case(case)

    def to_mapping(self, case: Case) -> dict[str, Any]:
        return case_to_mapping(case)


class DecisionStatements:
    suffixes: tuple[str, ...] = DECISION_SUFFIXES

    def read_file(self, path: Path) -> tuple[str, Decision]:
        return read_decision_file(path)


class SyntheticDemoCases:
    title_prefix = synthetic_cases.TITLE_PREFIX
    kinds = len(synthetic_cases.KINDS)

    def make(self, council: str, today: date, seed: int, count: int) -> list[Case]:
        return synthetic_cases.synthetic_cases(council, today, seed=seed, count=count)

    def generated_for(self, source: str) -> date | None:
        return synthetic_cases.generated_for(source)


def files() -> Files:
    return Files(YamlChronologies(), DecisionStatements(), SyntheticDemoCases())
