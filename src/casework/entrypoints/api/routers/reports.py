"""Council-wide reports: what is due and overdue; the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from casework.entrypoints.api.deps import ActorDep, AsOf, ContainerDep, PageNumber, PerPage
from casework.service import reports, trail
from casework.service.read_models import DuePageView, LogPageView

router = APIRouter(prefix="/api", tags=["reports"])


@router.get("/due", response_model=DuePageView,
            summary="Due and overdue across your council (filter by team, worker, rule)")
def due(actor: ActorDep, c: ContainerDep,
        as_of: AsOf,
        team: str | None = None, worker: str | None = None, rule: str | None = None,
        page: PageNumber = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return reports.list_due_and_overdue(c.uow(), actor, as_of, team, worker, rule, page,
                                        per_page).as_dict()


@router.get("/audit-log", response_model=LogPageView, summary="Who read or changed what in your council (newest first)")
def audit_log(actor: ActorDep, c: ContainerDep, record: str | None = None,
              page: PageNumber = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return trail.read_audit_log(c.uow(), actor, page, per_page, record)
