"""The complaint step forms: which fields each step asks for, in plain English, and how
the answers become the event's details.

Every step the procedure tables offer has an entry here (a test sweeps the tables), so
no step is offered that the page cannot record. A field's `name` is the event detail it
fills (domain/events.py), which is also the id of its input on the page, so a problem the
service reports about a detail lands on that field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from casework.domain.dates import CaseDate
from casework.domain.events import FINDINGS
from casework.entrypoints.web.fields import read_case_date
from casework.entrypoints.web.forms import FormErrors

FieldKind = Literal["text", "textarea", "names", "yesno", "choice", "date", "findings"]


@dataclass(frozen=True)
class StepField:
    name: str
    kind: FieldKind
    label: str
    hint: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    missing: str = ""  # the message when a required answer is missing

    def missing_message(self) -> str:
        return self.missing or f"Enter {self.label[:1].lower()}{self.label[1:]}"


@dataclass(frozen=True)
class Step:
    """One step: its heading, what its date means, and the fields beyond the date."""

    heading: str
    date_label: str
    fields: tuple[StepField, ...] = ()
    meeting: bool = False  # a weekend date is queried, not silently taken


def _reasons(label: str = "Reasons", hint: str = "", required: bool = True) -> StepField:
    return StepField("reasons", "textarea", label, hint, required)


def _who(role: str) -> StepField:
    return StepField("who", "text", f"Name of the {role}", "And, if useful, their organisation",
                     required=True, missing=f"Enter the name of the {role}")


_NEW_DATE = StepField("new_date", "date", "New date the complainant was told",
                      "The date you told the complainant to expect the response by", required=True)
_FINDINGS = StepField("findings", "findings", "Finding on each point")
OMBUDSMAN_OUTCOME_WORDS = {"upheld": "Upheld", "partly_upheld": "Partly upheld",
                           "not_upheld": "Not upheld", "not_investigated": "Not investigated"}
FINDING_WORDS = {"upheld": "Upheld", "partially_upheld": "Partly upheld", "not_upheld": "Not upheld",
                 "no_finding": "No finding"}

STEPS: Mapping[str, Step] = {
    "complaint_acknowledged": Step("Acknowledge the complaint", "Date acknowledged"),
    "advocate_appointed": Step("Appoint an advocate", "Date appointed", (_who("advocate"),)),
    "stage1_extended": Step("Extend stage 1", "Date the complainant was told",
                            (_reasons("Why stage 1 needs longer", "Regulation 14 allows up to 20 working "
                                      "days where the complaint is complex"), _NEW_DATE)),
    "stage1_response": Step("Record the stage 1 response", "Date the response was sent", (_FINDINGS,)),
    "stage2_requested": Step("Record a request for stage 2", "Date the complainant asked"),
    "stage2_started": Step("Record the agreed complaint statement", "Date the statement was agreed",
                           ()),
    "investigating_officer_appointed": Step("Appoint the investigating officer", "Date appointed",
                                            (_who("investigating officer"),)),
    "independent_person_appointed": Step("Appoint the independent person", "Date appointed",
                                         (_who("independent person"),)),
    "stage2_reports": Step("Record the stage 2 reports", "Date the reports were made", (_FINDINGS,)),
    "stage2_extended": Step("Extend stage 2", "Date the complainant was told",
                            (_reasons("Why stage 2 needs longer", "The complainant must be told in "
                                      "writing; stage 2 may never run beyond 65 working days"), _NEW_DATE)),
    "stage2_response": Step("Record the adjudication", "Date the adjudication was sent", (_FINDINGS,)),
    "stage3_requested": Step("Record a request for a review panel", "Date the complainant asked"),
    "stage3_refused": Step("Refuse a review panel", "Date the complainant was told",
                           (_reasons("Why the panel is refused", "Only a request made more than 20 working "
                                     "days after the adjudication may be refused"),)),
    "stage3_panel": Step("Record the review panel", "Date the panel met",
                         (StepField("members", "names", "Panel members", "One name on each line",
                                    required=True), _FINDINGS), meeting=True),
    "stage3_panel_report": Step("Record the panel's report", "Date the report was sent"),
    "stage3_response": Step("Record the final response", "Date the final response was sent", (_FINDINGS,)),
    "corporate_response": Step("Record the response", "Date the response was sent",
                               (StepField("stage", "choice", "Which stage does this answer?", required=True,
                                          choices=(("1", "Stage 1"), ("2", "Stage 2")),
                                          missing="Select which stage this answers"), _FINDINGS)),
    "complaint_withdrawn": Step("Record that the complaint was withdrawn", "Date it was withdrawn",
                                (_reasons("What the complainant said", required=False),)),
    "complaint_resolved": Step("Record that the complaint was resolved", "Date it was resolved",
                               (_reasons("How it was resolved"),
                                StepField("confirmed_in_writing", "date",
                                          "Date the terms were confirmed to the complainant in writing",
                                          "A resolution at stage 1 is confirmed in writing. Leave blank "
                                          "until it is"))),
    "complaint_refused_out_of_time": Step(
        "Decline the complaint as out of time", "Date the complainant was told",
        (_reasons("Why it cannot now be considered fairly", "A complaint made more than a year after "
                  "the matter may still be considered where that is effective and fair (regulation 9)"),)),
    "ombudsman_complaint": Step("Record a complaint to the Ombudsman", "Date the Ombudsman told you",
                                (StepField("reference", "text", "The Ombudsman’s reference (if known)",
                                           "For example, 24 007 529"),)),
    "ombudsman_decision": Step(
        "Record the Ombudsman’s decision", "Date of the final decision",
        (StepField("reference", "text", "The Ombudsman’s reference", "For example, 24 007 529", required=True),
         StepField("outcome", "choice", "Outcome", required=True,
                   choices=tuple(OMBUDSMAN_OUTCOME_WORDS.items()), missing="Select the outcome"),
         StepField("fault", "yesno", "Did the Ombudsman find fault?", required=True,
                   missing="Select yes if the Ombudsman found fault, or no"))),
    "action_agreed": Step(
        "Record an agreed action", "Date it was agreed",
        (StepField("action", "textarea", "What will be done", required=True),
         StepField("deadline", "text", "By when", "As the decision puts it: ‘within four weeks’, "
                   "‘within three months’ or ‘by 20 May 2025’", required=True),
         StepField("who", "text", "Who will do it", "A name or a team"))),
}

# The usual order of a complaint's steps: the first of these the procedure allows now is
# the one the page offers as its main button.
LIKELY_ORDER = (
    "complaint_acknowledged", "stage1_response", "corporate_response", "stage2_requested", "stage2_started",
    "investigating_officer_appointed", "independent_person_appointed", "stage2_reports", "stage2_response",
    "stage3_requested", "stage3_panel", "stage3_panel_report", "stage3_response", "ombudsman_complaint",
    "ombudsman_decision", "action_agreed",
)


def likely_next(allowed: tuple[str, ...], done: set[str]) -> str | None:
    """The step most likely next: the first in the usual order not already recorded (an
    agreed action may be recorded again and again)."""
    for step in LIKELY_ORDER:
        if step in allowed and (step not in done or step == "action_agreed"):
            return step
    return None


def read_step(step: str, form: Mapping[str, str], points: tuple[str, ...], today: date,
              errors: FormErrors) -> tuple[CaseDate | None, dict[str, object]]:
    """The step's date and details from the form; problems go into `errors`, by field."""
    spec = STEPS[step]
    when = read_case_date(form, "when", spec.date_label, today, errors, meeting=spec.meeting)
    details: dict[str, object] = {}
    for f in spec.fields:
        value = _read_field(f, form, points, today, errors)
        if value is not None:
            details[f.name] = value
    return when, details


def _read_field(f: StepField, form: Mapping[str, str], points: tuple[str, ...], today: date,
                errors: FormErrors) -> object | None:
    if f.kind == "findings":
        findings = {n: form[f"finding-{n}"] for n in points if form.get(f"finding-{n}")}
        for n, value in findings.items():
            if value not in FINDINGS:
                errors.add(f"finding-{n}", f"Select a finding for point {n}")
        return findings or None
    if f.kind == "date":
        day = read_case_date(form, f.name, f.label, today, errors, allow_future=True,
                             required=f.required, month_only=False)
        return day.earliest if day is not None else None
    raw = str(form.get(f.name, "")).strip()
    if not raw:
        if f.required:
            errors.add(f.name, f.missing_message())
        return None
    if f.kind == "yesno":
        if raw not in ("yes", "no"):
            errors.add(f.name, f.missing_message())
            return None
        return raw == "yes"
    if f.kind == "choice":
        if raw not in dict(f.choices):
            errors.add(f.name, f.missing_message())
            return None
        return int(raw) if raw.isdigit() else raw
    if f.kind == "names":
        return "; ".join(line.strip() for line in raw.splitlines() if line.strip())
    return raw

