"""Agreed actions: agree, evidence, verify, list."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from casework.entrypoints.api.deps import ActionId, ActorDep, ContainerDep
from casework.entrypoints.api.schemas import ActionIn, EvidenceIn
from casework.service import actions
from casework.service.read_models import ActionView

router = APIRouter(prefix="/api", tags=["actions"])


@router.get("/cases/{case}/actions", response_model=list[ActionView], summary="The case's agreed actions")
def list_actions(case: str, actor: ActorDep, c: ContainerDep) -> list[dict[str, Any]]:
    return actions.list_actions(c.uow(), actor, case)


@router.post("/cases/{case}/actions", response_model=ActionView, status_code=201, summary="Record an agreed action")
def agree(case: str, body: ActionIn, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    return actions.agree_action(c.uow(), actor, case, body.what, body.deadline, body.decided,
                                body.who, body.complaint, body.decision_event)


@router.get("/actions/{action_id}", response_model=ActionView, summary="One agreed action with its evidence")
def get_action(action_id: ActionId, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    return actions.get_action(c.uow(), actor, action_id)


@router.post("/actions/{action_id}/evidence", response_model=ActionView, status_code=201,
             summary="Add evidence (a note, or a file as base64) that the action was done")
def evidence(action_id: ActionId, body: EvidenceIn, actor: ActorDep,
             c: ContainerDep) -> dict[str, Any]:
    return actions.evidence_action(c.uow(), actor, action_id, body.on, body.note, body.filename,
                                   body.content_base64)


@router.post("/actions/{action_id}/verify", response_model=ActionView, summary="Verify the evidence (a manager)")
def verify(action_id: ActionId, actor: ActorDep, c: ContainerDep) -> dict[str, Any]:
    return actions.verify_action(c.uow(), actor, action_id)
