"""Request bodies. Unknown fields are refused, so a misspelt field is named, not ignored."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from casework.domain.events import PROCEDURES, REMEDY_PURPOSES

DATE_HELP = "YYYY-MM-DD, or a month 2024-03, 'early 2024-03', 'late 2024-03', or a year"
REF = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TokenIn(Body):
    username: str = Field(min_length=1)
    password: str = Field(min_length=1)


class CaseIn(Body):
    chronology: str | dict[str, Any] = Field(
        description="a chronology file (YAML or JSON text, or the same as a JSON object)")
    team: str = ""
    worker: str = ""


class CasePatch(Body):
    team: str | None = None
    worker: str | None = None
    title: str | None = None


class EventIn(Body):
    id: str | None = Field(None, pattern=REF, description="left out: one is made from the type")
    type: str = Field(min_length=1)
    date: str = Field(min_length=4, description=DATE_HELP)
    children: list[str] = []
    details: dict[str, Any] = {}
    note: str = ""
    source: str = ""


class ComplaintIn(Body):
    ref: str = Field(min_length=1, max_length=80, pattern=REF, examples=["C1"])
    received: str = Field(min_length=4, description=DATE_HELP)
    procedure: Literal[PROCEDURES] = "statutory"  # type: ignore[valid-type]
    points: dict[str, str] = Field(default_factory=dict, examples=[{"1": "delay in assessment"}])
    note: str = ""


class ComplaintEventIn(Body):
    type: str = Field(min_length=1, examples=["stage1_response"])
    date: str = Field(min_length=4, description=DATE_HELP)
    findings: dict[str, str] = Field(default_factory=dict, examples=[{"1": "upheld"}])
    details: dict[str, Any] = {}
    note: str = ""


class RemedyIn(Body):
    purpose: Literal[REMEDY_PURPOSES]  # type: ignore[valid-type]
    date: str = Field(min_length=4, description=DATE_HELP)
    amount: float | None = Field(None, ge=0)
    points: list[str] = []
    payee: str = ""
    by: str = "council"


class ActionIn(Body):
    what: str = Field(min_length=1)
    deadline: str = Field(min_length=1, examples=["within four weeks", "by 20 May 2022"])
    decided: str = Field(min_length=4, description="the decision's date, " + DATE_HELP)
    who: str = ""
    complaint: str | None = None
    decision_event: str | None = None


class EvidenceIn(Body):
    on: str = Field(min_length=4, description=DATE_HELP)
    note: str = ""
    filename: str = ""
    content_base64: str = ""
