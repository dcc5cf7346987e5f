"""Chronology files written back: the file form of a case, which `read_case_text` reads back
to an equal case and which writes to the same text again (no YAML aliases)."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.events import Event


def case_to_mapping(case: Case) -> dict[str, Any]:
    """The file form of a case: what `read_case_text` reads back to an equal `Case`."""
    order = {e.id: e for e in case.written}
    return {
        "case": case.id,
        "council": case.council,
        **({"title": case.title} if case.title else {}),
        **({"source": case.source} if case.source else {}),
        **({"complete_for": sorted(case.complete_for)} if case.complete_for is not None else {}),
        **({"complete_from": case.complete_from} if case.complete_from is not None else {}),
        "children": [_child_mapping(c) for c in case.children],
        "people": [{"id": p.id, "role": p.role,
                    "parental_responsibility_for": list(p.parental_responsibility_for)}
                   for p in case.people],
        "events": [_event_mapping(e) for e in order.values()],
    }


def _child_mapping(child: Child) -> dict[str, Any]:
    out: dict[str, Any] = {"id": child.id}
    if child.date_of_birth:
        out["date_of_birth"] = child.date_of_birth
    if child.disabled:
        out["disabled"] = True
    if child.clinically_vulnerable:
        out["clinically_vulnerable"] = True
    if child.note:
        out["note"] = child.note
    if child.sex:
        out["sex"] = child.sex
    if child.ethnicity:
        out["ethnicity"] = child.ethnicity
    if child.identifiers:
        out["identifiers"] = dict(child.identifiers)
    if child.disabilities:
        out["disabilities"] = list(child.disabilities)
    return out


def date_to_spec(when: CaseDate) -> Any:
    if when.precision == "day":
        return when.earliest
    if when.precision == "bounds":
        after = when.earliest
        before = date.fromordinal(when.latest.toordinal() + 1)
        return {"after": after, "before": before, **({"text": when.text} if when.text else {})}
    return when.text


def _event_mapping(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"id": event.id, "type": event.type, "date": date_to_spec(event.date)}
    if event.children:
        out["children"] = list(event.children)
    if event.details:
        out["details"] = {k: date_to_spec(v) if isinstance(v, CaseDate) else v
                          for k, v in event.details.items()}
    if event.note:
        out["note"] = event.note
    if event.source:
        out["source"] = event.source
    return out


class _PlainDumper(yaml.SafeDumper):
    """Writes every value in full: no &anchors and *aliases when two events share a date."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_case(case: Case) -> str:
    return yaml.dump(case_to_mapping(case), Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
