"""Cases: import, read, export, assign, record events, audit as of a date."""

from __future__ import annotations

from typing import Any

import yaml
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from casework.entrypoints.api.deps import ActorDep, AsOf, ContainerDep, PageNumber, PerPage, SeenVersionDep, etag
from casework.entrypoints.api.schemas import CaseIn, CasePatch, EventIn
from casework.service import cases, reports
from casework.service.complaints import event_dict
from casework.service.read_models import AuditView, CasePageView, CaseSummaryView, CaseView, EventView

router = APIRouter(prefix="/api/cases", tags=["cases"])


@router.get("", response_model=CasePageView, summary="Cases in your council (paginated; filter by team or worker)")
def list_cases(actor: ActorDep, c: ContainerDep, team: str | None = None,
               worker: str | None = None, page: PageNumber = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return cases.list_cases(c.uow(), actor, team, worker, page, per_page).as_dict()


@router.post("", response_model=CaseView, status_code=201, summary="Import a chronology as a new case")
def import_case(body: CaseIn, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    text = body.chronology if isinstance(body.chronology, str) else yaml.safe_dump(
        body.chronology, sort_keys=False)
    slug = cases.import_case_text(c.uow(), c.files.chronologies, actor, text, "request body", body.team, body.worker)
    return cases.case_summary(c.uow(), c.files.chronologies, actor, slug)


@router.get("/{case}", response_model=CaseView,
            summary="A case: its chronology, team, worker and version (also its ETag)")
def get_case(case: str, actor: ActorDep, c: ContainerDep, response: Response) -> dict[str, Any]:
    summary = cases.case_summary(c.uow(), c.files.chronologies, actor, case)
    response.headers["ETag"] = etag(summary["version"])
    return summary


@router.patch("/{case}", response_model=CaseSummaryView, summary="Assign a case to a team or worker, or retitle it "
              "(If-Match: the version you saw, or 409 if it has changed)")
def patch_case(case: str, body: CasePatch, actor: ActorDep, c: ContainerDep,
               seen: SeenVersionDep, response: Response) -> dict[str, Any]:
    summary = cases.update_case(c.uow(), actor, case, team=body.team, worker=body.worker,
                                title=body.title, seen_version=seen)
    response.headers["ETag"] = etag(summary["version"])
    return summary


@router.get("/{case}/export", response_class=PlainTextResponse,
            responses={200: {"content": {"application/yaml": {}}}},
            summary="The case as a chronology file (YAML)")
def export_case(case: str, actor: ActorDep, c: ContainerDep) -> PlainTextResponse:
    return PlainTextResponse(cases.export_case(c.uow(), c.files.chronologies, actor, case),
                             media_type="application/yaml")


@router.get("/{case}/events", response_model=list[EventView], summary="The case's events in date order")
def list_events(case: str, actor: ActorDep, c: ContainerDep) -> list[dict[str, Any]]:
    return [event_dict(e) for e in cases.get_case(c.uow(), actor, case).events]


@router.post("/{case}/events", response_model=EventView, status_code=201, summary="Record an event in the chronology "
             "(If-Match: the version you saw, or 409 if the case has changed)")
def record_event(case: str, body: EventIn, actor: ActorDep, c: ContainerDep,
                 seen: SeenVersionDep) -> dict[str, Any]:
    new = cases.NewEvent(body.type, body.date, tuple(body.children), body.details, body.note,
                         body.source, body.id or "")
    return event_dict(cases.record_event(c.uow(), actor, case, new, seen_version=seen))


@router.get("/{case}/audit", response_model=AuditView, summary="The audit of the case as of a date")
def audit(case: str, actor: ActorDep, c: ContainerDep,
          as_of: AsOf) -> AuditView:
    return reports.audit_case_as_of(c.uow(), actor, case, as_of)
