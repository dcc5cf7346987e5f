"""Request bodies. Unknown fields are refused, so a misspelt field is named, not ignored.

Every string, list and number is bounded (`domain.limits`), and no string may hold a NUL
byte (PostgreSQL cannot store one): a body past a bound gets a 422 naming the field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from casework.domain.events import PROCEDURES, REMEDY_PURPOSES
from casework.domain.limits import MAX_AMOUNT, MAX_ITEMS, MAX_NAME, MAX_TEXT

DATE_HELP = "YYYY-MM-DD, or a month 2024-03, 'early 2024-03', 'late 2024-03', or a year"
REF = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


MAX_CHRONOLOGY = 5_000_000  # characters: a chronology file, as text


def _nul_at(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (or key) holding a NUL byte, if any."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return here
            found = _nul_at(item, here)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_at(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nul_bytes(cls, data: Any) -> Any:
        where = _nul_at(data)
        if where is not None:
            raise ValueError(f"{where or 'the body'} holds a NUL byte (\\u0000), which cannot be stored")
        return data


Name = Annotated[str, Field(max_length=MAX_NAME)]
Text = Annotated[str, Field(max_length=MAX_TEXT)]


class TokenIn(Body):
    username: str = Field(min_length=1, max_length=MAX_NAME)
    password: str = Field(min_length=1, max_length=1024)


class CaseIn(Body):
    chronology: Annotated[str, Field(max_length=MAX_CHRONOLOGY)] | dict[str, Any] = Field(
        description="a chronology file (YAML or JSON text, or the same as a JSON object)")
    team: Name = ""
    worker: Name = ""


class CasePatch(Body):
    team: Name | None = None
    worker: Name | None = None
    title: Annotated[str, Field(max_length=1000)] | None = None


class EventIn(Body):
    id: str | None = Field(None, max_length=MAX_NAME, pattern=REF, description="left out: one is made from the type")
    type: str = Field(min_length=1, max_length=MAX_NAME)
    date: str = Field(min_length=4, max_length=MAX_NAME, description=DATE_HELP)
    children: list[Name] = Field([], max_length=MAX_ITEMS)
    details: dict[str, Any] = Field({}, max_length=MAX_ITEMS)
    note: Text = ""
    source: Text = ""


class ComplaintIn(Body):
    ref: str = Field(min_length=1, max_length=80, pattern=REF, examples=["C1"])
    received: str = Field(min_length=4, max_length=MAX_NAME, description=DATE_HELP)
    procedure: Literal[PROCEDURES] = "statutory"  # type: ignore[valid-type]
    points: dict[Name, Text] = Field(default_factory=dict, max_length=MAX_ITEMS,
                                     examples=[{"1": "delay in assessment"}])
    note: Text = ""


class ComplaintEventIn(Body):
    type: str = Field(min_length=1, max_length=MAX_NAME, examples=["stage1_response"])
    date: str = Field(min_length=4, max_length=MAX_NAME, description=DATE_HELP)
    findings: dict[Name, Name] = Field(default_factory=dict, max_length=MAX_ITEMS, examples=[{"1": "upheld"}])
    details: dict[str, Any] = Field({}, max_length=MAX_ITEMS)
    note: Text = ""


class RemedyIn(Body):
    purpose: Literal[REMEDY_PURPOSES]  # type: ignore[valid-type]
    date: str = Field(min_length=4, max_length=MAX_NAME, description=DATE_HELP)
    amount: float | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False, description="pounds")
    points: list[Name] = Field([], max_length=MAX_ITEMS)
    payee: Name = ""
    by: Name = "council"


class ActionIn(Body):
    what: str = Field(min_length=1, max_length=MAX_TEXT)
    deadline: str = Field(min_length=1, max_length=MAX_NAME, examples=["within four weeks", "by 20 May 2022"])
    decided: str = Field(min_length=4, max_length=MAX_NAME, description="the decision's date, " + DATE_HELP)
    who: Name = ""
    complaint: Name | None = None
    decision_event: Name | None = None


class EvidenceIn(Body):
    on: str = Field(min_length=4, max_length=MAX_NAME, description=DATE_HELP)
    note: Text = ""
    filename: Name = ""
    content_base64: str = Field("", description="the file, base64-encoded (the whole request is at most 10 MB)")
