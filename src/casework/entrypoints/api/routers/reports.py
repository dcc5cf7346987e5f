"""Council-wide reports: what is due and overdue; the audit log."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from casework.entrypoints.api.deps import ActorDep, ContainerDep
from casework.service import reports, trail

router = APIRouter(prefix="/api", tags=["reports"])


@router.get("/due", summary="Due and overdue across your council (filter by team, worker, rule)")
def due(actor: ActorDep, c: ContainerDep,
        as_of: Annotated[date, Query(description="the date to measure against, YYYY-MM-DD")],
        team: str | None = None, worker: str | None = None, rule: str | None = None,
        page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    return reports.list_due_and_overdue(c.uow(), actor, as_of, team, worker, rule, page,
                                        per_page).as_dict()


@router.get("/audit-log", summary="Who read or changed what in your council (newest first)")
def audit_log(actor: ActorDep, c: ContainerDep, record: str | None = None,
              page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    return trail.read_audit_log(c.uow(), actor, page, per_page, record)
