"""Checks on how a complaint was handled beyond its clocks (rules.md §3).

- every upheld or partially upheld point has a personal remedy (seed 24 007 529);
- a review panel is not refused after a request made in time (reg 19(1));
- the complaint was made within a year of the matter (reg 9), for information;
- a complaint resolved at stage 1 has the terms of its resolution confirmed in writing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from casework.domain.audit.duties import recorded_in_full
from casework.domain.audit.findings import Finding, finding_for
from casework.domain.audit.scope import units_for
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.complaints.complaint import is_personal
from casework.domain.complaints.stages import stage_of
from casework.domain.complaints.table import load_procedure
from casework.domain.dates import CaseDate
from casework.domain.deadlines import due_over, lateness
from casework.domain.events import Event
from casework.domain.rules.model import Rule

# Later stages may overturn earlier findings: the last stage to rule on a point decides it.
STAGE_ORDER = ("stage1_response", "corporate_response", "stage2_reports", "stage2_response",
               "stage3_panel", "stage3_response")
UPHELD = ("upheld", "partially_upheld")


def final_findings(events: tuple[Event, ...], as_of: date) -> dict[str, tuple[str, Event]]:
    """Point number → (finding, the event that made it), the latest stage winning."""
    result: dict[str, tuple[str, Event]] = {}
    staged = sorted((e for e in events if e.type in STAGE_ORDER and e.date.earliest <= as_of),
                    key=lambda e: (STAGE_ORDER.index(e.type), e.date.earliest))
    for event in staged:
        findings = event.detail("findings")
        if isinstance(findings, Mapping):
            for point, finding in findings.items():
                result[str(point)] = (str(finding), event)
    return result


def upheld_point_remedied(rule: Rule, case: Case, as_of: date,
                          calendar: WorkingCalendar) -> Iterator[Finding]:
    for unit in units_for(rule, case):
        upheld = {p: ev for p, (f, ev) in final_findings(unit.events, as_of).items() if f in UPHELD}
        if not upheld:
            continue
        remedies = [r for r in case.of_type("remedy_offered") if r.date.earliest <= as_of
                    and r.detail("complaint") in (None, unit.complaint)
                    and is_personal(str(r.detail("purpose")))]
        bare = [p for p in sorted(upheld) if not any(_covers(r, p) for r in remedies)]
        if not bare:
            continue
        last = max(upheld.values(), key=lambda e: e.date.earliest)
        yield finding_for(
            rule, kind="duty", certainty="certain", complaint=unit.complaint, children=unit.children,
            trigger_id=last.id,
            summary=(f"complaint {unit.complaint}: point(s) {', '.join(bare)} upheld or partially upheld "
                     "with no personal remedy for the injustice caused"))


def _covers(remedy: Event, point: str) -> bool:
    points = remedy.detail("points")
    if points is None:
        return True
    return point in [str(p) for p in (points if isinstance(points, list | tuple | dict) else [points])]


def _figure(rule: Rule, trigger: CaseDate) -> str:
    """The rule's figure in force on the trigger's readings, in words (the trigger's date governs)."""
    assert rule.limit is not None
    return rule.limit.text_over(trigger.earliest, trigger.latest)


def stage3_not_refused(rule: Rule, case: Case, as_of: date,
                       calendar: WorkingCalendar) -> Iterator[Finding]:
    assert rule.limit is not None
    for unit in units_for(rule, case):
        responses = [e for e in unit.events if e.type == "stage2_response"]
        requests = [e for e in unit.events if e.type == "stage3_requested"]
        for refusal in (e for e in unit.events if e.type == "stage3_refused"):
            if not responses or not requests or refusal.date.earliest > as_of:
                continue
            due = due_over(rule.limit, responses[-1].date, calendar)
            late = lateness(due, requests[0].date, calendar)
            if late.certainty == "certain":
                continue
            certainty = "certain" if late.certainty is None else "possible"
            yield finding_for(
                rule, kind="duty", certainty=certainty, complaint=unit.complaint,
                children=unit.children, trigger_id=requests[0].id, outcome_id=refusal.id,
                due_earliest=due.earliest, due_latest=due.latest, working=due.working,
                summary=(f"review panel refused on {refusal.date} although the request ({requests[0].date}) "
                         f"was {'made' if certainty == 'certain' else 'possibly made'} within "
                         f"{_figure(rule, responses[-1].date)} of the stage 2 response ({responses[-1].date})"))


def ombudsman_in_time(rule: Rule, case: Case, as_of: date,
                      calendar: WorkingCalendar) -> Iterator[Finding]:
    """Reported for information: the Ombudsman may still investigate a late complaint (s26B(2))."""
    assert rule.limit is not None
    for made in case.of_type("ombudsman_complaint"):
        notice = made.detail("notice")
        if made.date.earliest > as_of or not isinstance(notice, date):
            continue
        due = due_over(rule.limit, CaseDate.exact(notice), calendar)
        late = lateness(due, made.date, calendar)
        if late.certainty is None:
            continue
        yield finding_for(
            rule, kind="late", certainty=late.certainty, children=made.children, trigger_id=made.id,
            due_earliest=due.earliest, due_latest=due.latest, working=due.working,
            summary=(f"complaint made to the Ombudsman on {made.date}, more than "
                     f"{_figure(rule, CaseDate.exact(notice))} after the "
                     f"person first had notice of the matter ({notice:%-d %b %Y}); {rule.qualifier}"))


def complaint_in_time(rule: Rule, case: Case, as_of: date,
                      calendar: WorkingCalendar) -> Iterator[Finding]:
    """Reported for information: the council may still accept a late complaint (reg 9)."""
    assert rule.limit is not None
    for unit in units_for(rule, case):
        for received in (e for e in unit.events if e.type == "complaint_received"):
            about = case.event(str(received.detail("about"))) if received.detail("about") else None
            if about is None:
                continue
            due = due_over(rule.limit, about.date, calendar)
            late = lateness(due, received.date, calendar)
            if late.certainty is None:
                continue
            yield finding_for(
                rule, kind="late", certainty=late.certainty, complaint=unit.complaint,
                children=unit.children, trigger_id=about.id, outcome_id=received.id,
                due_earliest=due.earliest, due_latest=due.latest, working=due.working,
                summary=(f"complaint made on {received.date}, more than a year after the matter "
                         f"({about.date}); the council may still accept it ({rule.qualifier})"))


def resolution_confirmed(rule: Rule, case: Case, as_of: date,
                         calendar: WorkingCalendar) -> Iterator[Finding]:
    """A complaint resolved at stage 1 has the terms confirmed to the complainant in writing
    (rules.md §3b): a resolution with no day it was so confirmed (`confirmed_in_writing`) is
    reported, certain where the record is complete for complaints, else as not evidenced."""
    for unit in units_for(rule, case):
        for resolved in (e for e in unit.events if any(m.matches(e) for m in rule.trigger)):
            if (resolved.date.earliest > as_of or not rule.in_force_on(resolved.date.latest)
                    or _stage_at(unit.events, resolved, rule.procedure or "statutory") != "stage1"):
                continue
            written = resolved.detail("confirmed_in_writing")
            if isinstance(written, date) and written <= as_of:
                continue
            complete = recorded_in_full(case, resolved.type)
            yield finding_for(
                rule, on=resolved.date.latest, kind="duty" if complete else "not_evidenced",
                certainty="certain" if complete else "possible", complaint=unit.complaint,
                children=unit.children, trigger_id=resolved.id,
                summary=(f"complaint {unit.complaint} resolved at stage 1 on {resolved.date}: no written "
                         "confirmation to the complainant of what was agreed is recorded"))


def _stage_at(events: tuple[Event, ...], event: Event, procedure: str) -> str:
    """The stage the complaint had reached just before `event`, by its procedure's table:
    a resolution after a stage 2 request is not a stage 1 resolution."""
    table = load_procedure(procedure)
    state = table.initial
    for earlier in events[:events.index(event)]:
        step = table.transition(state, earlier.type)
        if step is not None:
            state = step.target()
    return stage_of(procedure, state)
