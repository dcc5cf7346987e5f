"""Complaints on a case: receive, record each step, remedies, timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from casework.entrypoints.api.deps import ActorDep, ContainerDep
from casework.entrypoints.api.schemas import ComplaintEventIn, ComplaintIn, RemedyIn
from casework.service import complaints
from casework.service.read_models import ComplaintView, EventView

router = APIRouter(prefix="/api/cases/{case}/complaints", tags=["complaints"])


@router.get("", response_model=list[ComplaintView],
            summary="The case's complaints with points, findings per stage and remedies")
def list_complaints(case: str, actor: ActorDep, c: ContainerDep) -> list[dict[str, Any]]:
    return complaints.list_complaints(c.uow(), actor, case)


@router.post("", response_model=ComplaintView, status_code=201, summary="Receive a complaint")
def receive(case: str, body: ComplaintIn, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    return complaints.receive_complaint(c.uow(), actor, case, body.ref, body.received,
                                        body.procedure, body.points, body.note)


@router.get("/{ref}", response_model=ComplaintView, summary="One complaint")
def get_complaint(case: str, ref: str, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    return complaints.get_complaint(c.uow(), actor, case, ref)


@router.get("/{ref}/timeline", response_model=list[EventView], summary="The complaint's events in order")
def timeline(case: str, ref: str, actor: ActorDep, c: ContainerDep) -> list[dict[str, Any]]:
    return complaints.complaint_timeline(c.uow(), actor, case, ref)


@router.post("/{ref}/events", response_model=ComplaintView, status_code=201,
             summary="Record the complaint's next step (acknowledged, responses, panel, …)")
def record_step(case: str, ref: str, body: ComplaintEventIn, actor: ActorDep,
                c: ContainerDep) -> dict[str, Any]:
    return complaints.record_complaint_event(c.uow(), actor, case, ref, body.type, body.date,
                                             body.findings, body.details, body.note)


@router.post("/{ref}/remedies", response_model=ComplaintView, status_code=201,
             summary="Offer a remedy for complaint points")
def add_remedy(case: str, ref: str, body: RemedyIn, actor: ActorDep,
               c: ContainerDep) -> dict[str, Any]:
    return complaints.add_remedy(c.uow(), actor, case, ref, body.purpose, body.date, body.amount,
                                 body.points, body.payee, body.by)
