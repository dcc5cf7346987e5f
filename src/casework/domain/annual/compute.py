"""An annual complaints report computed from chronologies (reg 13(3); rules.md §3b).

Pure: it takes the council's cases and a period and returns the figures. What counts in a
year is the date of the event counted: a complaint is received in the year of its
`complaint_received`, a stage response is counted in the year it was sent, so a complaint
received in March and answered in April counts in both years, once as received and once
as answered. Timeliness is the audit's own judgement (`domain.audit`) of the response's
clock, never worked out a second time here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from casework.domain.actions import resolve_deadline
from casework.domain.annual.figures import Figure, Ref, Tally
from casework.domain.annual.period import ReportPeriod
from casework.domain.annual.stages import measure_stages
from casework.domain.calendar import WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.events import PROCEDURES, RECEIVED_HOW, REMEDY_PURPOSES, Event
from casework.domain.remedies import GuidanceVersion, guidance_versions, in_force, judge_payment

PROCEDURE_LABEL = {"statutory": "Statutory procedure (Children Act 1989)",
                   "corporate": "Corporate procedure"}
ENDINGS = {"complaint_withdrawn": ("withdrawn", "Withdrawn by the complainant"),
           "complaint_refused_out_of_time": ("declined", "Declined as made out of time (reg 9)"),
           "complaint_resolved": ("resolved", "Resolved before a formal response")}
DECISIONS = {"upheld": "Upheld (fault found)", "not_upheld": "Not upheld",
             "closed": "Closed without a finding"}
JUDGED = {"within": "within the normal range", "below": "below the normal range",
          "above": "above the normal range", "in_full": "repaid in full",
          "no_band": "no normal range", "not_payable": "not payable"}


@dataclass(frozen=True)
class YearFigures:
    period: ReportPeriod
    figures: Mapping[str, Figure]
    guidance: GuidanceVersion


def year_figures(cases: Iterable[Case], period: ReportPeriod,
                 calendar: WorkingCalendar | None = None,
                 versions: tuple[GuidanceVersion, ...] | None = None) -> YearFigures:
    """Every figure of the report for one period, over the council's cases."""
    versions = versions if versions is not None else guidance_versions()
    cal = (calendar or england()).statutory()
    tally = Tally()
    _declare(tally)
    cases = list(cases)
    for case in cases:
        _received(tally, case, period)
        _ombudsman(tally, case, period)
        _remedies(tally, case, period, versions)
        _actions(tally, case, period)
    measure_stages(tally, cases, period, cal)
    return YearFigures(period, dict(tally.figures), in_force(period.end, versions))


def _declare(tally: Tally) -> None:
    tally.declare("received.all", "Complaints received")
    for procedure in PROCEDURES:
        tally.declare(f"received.procedure.{procedure}", PROCEDURE_LABEL[procedure])
    for how in RECEIVED_HOW:
        tally.declare(f"received.how.{how}", f"Made by {_words(how)}")
    for who in ("child", "parent", "other"):
        tally.declare(f"received.by.{who}", f"Made by {_who(who)}")
    for _, (key, label) in ENDINGS.items():
        tally.declare(f"ended.{key}", label)
    tally.declare("ombudsman.complaints", "Complaints made to the Ombudsman")
    for key, label in DECISIONS.items():
        tally.declare(f"ombudsman.decision.{key}", f"Ombudsman decisions: {label.lower()}")


def _words(value: str) -> str:
    return {"in_person": "someone in person", "phone": "phone", "online": "an online form"}.get(
        value, value.replace("_", " "))


def _who(value: str) -> str:
    return {"child": "the child or young person", "parent": "a parent or carer with parental "
            "responsibility", "other": "someone else"}[value]


CHILD_WORDS = frozenset({"child", "the child", "young person", "self", "themselves", "care leaver"})
PARENT_WORDS = frozenset({"mother", "father", "parent", "mum", "dad", "stepmother", "stepfather",
                          "stepparent", "step", "adoptive"})


def complainant_group(relationship: str) -> str | None:
    """The report's three groups (the child, a parent, someone else) from the relationship as
    recorded on the complaint; None when none was recorded.

    >>> [complainant_group(r) for r in ("Mother", "young person", "grandmother", "step-father")]
    ['parent', 'child', 'other', 'parent']
    """
    words = relationship.strip().lower()
    if not words:
        return None
    if words in CHILD_WORDS:
        return "child"
    return "parent" if set(re.findall(r"[a-z]+", words)) & PARENT_WORDS else "other"


def _received(tally: Tally, case: Case, period: ReportPeriod) -> None:
    for event in case.of_type("complaint_received", *ENDINGS):
        ref = Ref(case.id, event.complaint)
        if not period.holds(event.date) or event.complaint is None:
            continue
        if event.type in ENDINGS:
            key, label = ENDINGS[event.type]
            tally.add(f"ended.{key}", label, ref)
            continue
        tally.add("received.all", "Complaints received", ref)
        procedure = str(event.detail("procedure", "statutory"))
        tally.add(f"received.procedure.{procedure}", PROCEDURE_LABEL.get(procedure, procedure), ref)
        who = complainant_group(str(event.detail("relationship") or ""))
        tally.add(f"received.by.{who}" if who else "received.by.unrecorded",
                  f"Made by {_who(str(who))}" if who else "Who made it: not recorded", ref)
        made = event.detail("received_how")
        tally.add(f"received.how.{made}" if made else "received.how.unrecorded",
                  f"Made by {_words(str(made))}" if made else "How made: not recorded", ref)
        subject = str(event.detail("subject") or "").strip()
        tally.add(f"received.subject.{subject.lower() or '(not recorded)'}",
                  f"About: {subject}" if subject else "Subject: not recorded", ref)


def _decision(event: Event) -> str:
    outcome = str(event.detail("outcome") or "").lower().replace("_", " ")
    if "not upheld" in outcome:
        return "not_upheld"
    if "upheld" in outcome:
        return "upheld"
    if any(w in outcome for w in ("closed", "discontinued", "premature", "not investigate")):
        return "closed"
    fault = event.detail("fault")
    return "upheld" if fault is True else "not_upheld" if fault is False else "closed"


def _ombudsman(tally: Tally, case: Case, period: ReportPeriod) -> None:
    for event in case.of_type("ombudsman_complaint", "ombudsman_decision"):
        if not period.holds(event.date):
            continue
        ref = _ref(case, event)
        if event.type == "ombudsman_complaint":
            tally.add("ombudsman.complaints", "Complaints made to the Ombudsman", ref)
        else:
            key = _decision(event)
            tally.add(f"ombudsman.decision.{key}", f"Ombudsman decisions: {DECISIONS[key].lower()}", ref)


def _ref(case: Case, event: Event) -> Ref:
    return Ref(case.id, event.complaint) if event.complaint else Ref(case.id, None, event.id)


def _amount(event: Event) -> Decimal | None:
    raw = event.detail("amount")
    if raw is None or isinstance(raw, bool):
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return None


def recommended_by_ombudsman(case: Case, event: Event) -> bool:
    """A remedy the Ombudsman recommended: said so, or recorded on the day of its decision."""
    if "ombudsman" in str(event.detail("by") or "").lower():
        return True
    return any(d.date == event.date for d in case.of_type("ombudsman_decision"))


def _remedies(tally: Tally, case: Case, period: ReportPeriod,
              versions: tuple[GuidanceVersion, ...]) -> None:
    for event in case.of_type("remedy_offered", "remedy_paid"):
        if not period.holds(event.date):
            continue
        ref, amount = _ref(case, event), _amount(event)
        if event.type == "remedy_paid":
            tally.add("remedies.paid", "Payments made", ref, amount=amount or Decimal(0))
            continue
        if recommended_by_ombudsman(case, event):
            tally.add("ombudsman.remedies", "Remedies the Ombudsman recommended", ref, amount=amount)
        purpose = str(event.detail("purpose", "other"))
        if purpose not in REMEDY_PURPOSES:
            purpose = "other"
        name = purpose.replace("_", " ").capitalize()
        tally.add(f"remedies.{purpose}", f"{name}: remedies offered", ref, amount=amount)
        if amount is None:
            tally.add(f"remedies.{purpose}.no_amount", f"{name}: not a payment", ref)
            continue
        on = event.date.latest
        if on < versions[0].effective_from:
            continue
        status = judge_payment(amount, purpose, on, per_child=bool(event.detail("per_child")),
                               versions=versions).status
        tally.add(f"remedies.{purpose}.{status}", f"{name}: {JUDGED[status]}", ref)


def _actions(tally: Tally, case: Case, period: ReportPeriod) -> None:
    """Agreed actions: those agreed in the year (learning), and those due in it (the
    Ombudsman's, with whether the evidence came by the due date)."""
    evidenced = _evidence_dates(case)
    for event in case.of_type("action_agreed"):
        ref = _ref(case, event)
        if period.holds(event.date):
            tally.add("learning.actions_agreed", "Actions agreed (service improvements and remedies)", ref)
            done = evidenced.get(event.id)
            if done is not None and done <= period.end:
                tally.add("learning.actions_done", "Of those, done by the end of the year", ref)
        due = _due(case, event)
        if due is None or not period.start <= due <= period.end or not _from_ombudsman(case, event):
            continue
        tally.add("ombudsman.actions_due", "Actions agreed with the Ombudsman due in the year", ref)
        done = evidenced.get(event.id)
        if done is not None and done <= due:
            tally.add("ombudsman.actions_on_time", "Done on time", ref)
        elif done is not None:
            tally.add("ombudsman.actions_late", "Done late", ref)
        else:
            tally.add("ombudsman.actions_open", "Not yet shown to be done", ref)


def _evidence_dates(case: Case) -> dict[str, date]:
    found: dict[str, date] = {}
    for event in case.of_type("action_evidenced"):
        about = str(event.detail("agreement"))
        found[about] = min(found.get(about, event.date.latest), event.date.latest)
    return found


def _decided(case: Case, event: Event) -> Event:
    decision = event.detail("decision")
    return (case.event(str(decision)) if decision else None) or event


def _due(case: Case, event: Event) -> date | None:
    source = _decided(case, event)
    if not source.date.is_exact:
        return None
    return resolve_deadline(str(event.detail("deadline")), source.date.earliest)


def _from_ombudsman(case: Case, event: Event) -> bool:
    return _decided(case, event).type == "ombudsman_decision"

