"""Many cases in one transaction with SQLAlchemy Core: one multi-row INSERT per table.

`insert_cases` writes the chronology rows of a batch of cases (cases, children, people,
events) with executemany — SQLAlchemy's "insertmanyvalues" sends them as multi-row
INSERTs on SQLite and PostgreSQL, the cases' new ids coming back in order — instead of an
ORM object graph per case. The columns come from the same `codec` functions as
`codec.fill_case_row`, so a case loaded in bulk reads back as one imported singly.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from casework.adapters.store.codec import case_values, child_values, event_values, person_values
from casework.adapters.store.schema import CaseRow, ChildRow, EventRow, PersonRow
from casework.domain.chronology import Case


def stored_slugs(session: Session, council_id: int, slugs: Collection[str]) -> set[str]:
    """Which of `slugs` the council already holds (a re-run skips them)."""
    if not slugs:
        return set()
    return set(session.scalars(select(CaseRow.slug).where(
        CaseRow.council_id == council_id, CaseRow.slug.in_(list(slugs)))))


def insert_cases(session: Session, council_id: int, cases: Sequence[Case], team: str = "",
                 worker: str = "") -> list[int]:
    """Insert whole chronologies; returns each case's new row id, in order."""
    if not cases:
        return []
    now = datetime.now(UTC)
    ids = list(session.scalars(
        insert(CaseRow).returning(CaseRow.id, sort_by_parameter_order=True),
        [{**case_values(c), "council_id": council_id, "team": team, "worker": worker,
          "created_at": now} for c in cases]))
    children: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for case_id, case in zip(ids, cases, strict=True):
        children += [{**child_values(c, i), "case_id": case_id} for i, c in enumerate(case.children)]
        people += [{**person_values(p, i), "case_id": case_id} for i, p in enumerate(case.people)]
        events += [{**event_values(e, i), "case_id": case_id} for i, e in enumerate(case.written)]
    for table, rows in ((ChildRow, children), (PersonRow, people), (EventRow, events)):
        if rows:
            session.execute(insert(table), rows)
    return ids
