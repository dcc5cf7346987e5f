"""Each stage's figures: responses sent, findings per point, timeliness, working days taken
and escalations to the next step.

Timeliness is read from the audit of the response's own clock: met within the limit, met
within an extension the council recorded, late (a certain finding), or not certain (dates
too imprecise to tell). Working days are counted from the clock's trigger to the response
on the statutory calendar, only where both dates are exact.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from casework.domain.annual.figures import Ref, Tally
from casework.domain.annual.period import ReportPeriod
from casework.domain.audit import AuditReport, Finding, MetClock, audit_case
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.events import FINDINGS, Event

STAGES = (1, 2, 3)
# The rule whose clock a stage's response meets, per procedure.
RESPONSE_RULES = {
    ("statutory", 1): "stage1_response", ("statutory", 2): "stage2_response",
    ("statutory", 3): "stage3_response",
    ("corporate", 1): "code_stage1_response", ("corporate", 2): "code_stage2_response",
}
FINAL_STAGE = {"statutory": 3, "corporate": 2}
FINDING_LABEL = {"upheld": "Points upheld", "partially_upheld": "Points partly upheld",
                 "not_upheld": "Points not upheld", "no_finding": "Points with no finding"}
TIMELINESS = {"in_time": "Responses within the time limit",
              "extended": "Responses within an agreed extension",
              "late": "Responses beyond the time limit",
              "uncertain": "Responses whose dates are too imprecise to judge",
              "unmeasured": "Responses with no time limit in force (the Complaint Handling Code "
                            "applies from 1 April 2026)"}
ESCALATED = {1: "Went on to stage 2",
             2: "Went on to stage 3 (or, after a final corporate response, to the Ombudsman)",
             3: "Went on to the Ombudsman"}
UPHELD_POINTS = "Points upheld or partly upheld (at any stage)"


@dataclass(frozen=True)
class Response:
    case: Case
    complaint: str
    procedure: str
    stage: int
    event: Event


def declare_stages(tally: Tally) -> None:
    for s in STAGES:
        tally.declare(f"stage{s}.responses", f"Stage {s} responses sent")
        for finding in FINDINGS:
            tally.declare(f"stage{s}.points.{finding}", FINDING_LABEL[finding])
        for key, label in TIMELINESS.items():
            tally.declare(f"stage{s}.time.{key}", label)
        tally.declare(f"stage{s}.days.median", "Median working days to respond")
        tally.declare(f"stage{s}.days.p90", "90th percentile of working days to respond")
        tally.declare(f"stage{s}.escalated", ESCALATED[s])
    tally.declare("learning.upheld_points", UPHELD_POINTS)


def measure_stages(tally: Tally, cases: Sequence[Case], period: ReportPeriod,
                   calendar: WorkingCalendar) -> None:
    declare_stages(tally)
    days: dict[int, list[tuple[Ref, int]]] = {s: [] for s in STAGES}
    for case in cases:
        responses = [r for r in _responses(case) if period.holds(r.event.date)]
        audit = audit_case(case, period.end) if responses else None
        for response in responses:
            taken = _response(tally, response, audit, calendar)
            if taken is not None:
                days[response.stage].append((Ref(case.id, response.complaint), taken))
        _escalations(tally, case, period)
    for stage, measured in days.items():
        values = [d for _, d in measured]
        refs = [r for r, _ in measured]
        tally.measure(f"stage{stage}.days.median", "Median working days to respond",
                      statistics.median(values) if values else None, refs, len(values))
        tally.measure(f"stage{stage}.days.p90", "90th percentile of working days to respond",
                      percentile(values, 90) if values else None, refs, len(values))


def percentile(values: Sequence[int], pct: int) -> float:
    """The nearest-rank percentile: the smallest value at or above `pct`% of the values.

    >>> percentile([5, 1, 9, 10, 3, 7, 2, 8, 4, 6], 90)
    9
    """
    ordered = sorted(values)
    return ordered[max(math.ceil(pct / 100 * len(ordered)), 1) - 1]


def _procedures(case: Case) -> dict[str, str]:
    return {str(e.complaint): str(e.detail("procedure", "statutory"))
            for e in case.of_type("complaint_received") if e.complaint}


def _responses(case: Case) -> list[Response]:
    procedures = _procedures(case)
    found = []
    for event in case.events:
        ref = event.complaint
        if ref not in procedures:
            continue
        stage = {"stage1_response": 1, "stage2_response": 2, "stage3_response": 3}.get(event.type)
        if event.type == "corporate_response":
            stage = int(str(event.detail("stage", 1))) if str(event.detail("stage", 1)).isdigit() else None
        if stage in STAGES:
            found.append(Response(case, ref, procedures[ref], stage, event))
    return found


def _findings(response: Response) -> dict[str, str]:
    raw = response.event.detail("findings")
    if not raw and response.event.type == "stage3_response":
        panels = [e for e in response.case.of_type("stage3_panel")
                  if e.complaint == response.complaint and e.detail("findings")]
        raw = panels[-1].detail("findings") if panels else None
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def _response(tally: Tally, response: Response, audit: AuditReport | None,
              calendar: WorkingCalendar) -> int | None:
    """Count one response; the working days it took, where they can be counted."""
    s, ref = response.stage, Ref(response.case.id, response.complaint)
    tally.add(f"stage{s}.responses", f"Stage {s} responses sent", ref)
    for finding in _findings(response).values():
        if finding in FINDINGS:
            tally.add(f"stage{s}.points.{finding}", FINDING_LABEL[finding], ref)
            if finding in ("upheld", "partially_upheld"):
                tally.add("learning.upheld_points", UPHELD_POINTS, ref)
    rule = RESPONSE_RULES.get((response.procedure, s))
    clocks: list[Finding | MetClock] = [] if audit is None else [*audit.findings, *audit.met]
    items = [i for i in clocks if i.rule_id == rule and i.outcome_id == response.event.id]
    verdict = _timeliness(items)
    tally.add(f"stage{s}.time.{verdict}", TIMELINESS[verdict], ref)
    trigger = next((response.case.event(str(i.trigger_id)) for i in items
                    if not isinstance(i, Finding) or i.certainty == "certain"), None)
    if trigger is None or not (trigger.date.is_exact and response.event.date.is_exact):
        return None
    return calendar.working_days_after(trigger.date.earliest, response.event.date.earliest)


def _timeliness(items: Sequence[Finding | MetClock]) -> str:
    if any(isinstance(i, Finding) and i.certainty == "certain" for i in items):
        return "late"
    met = [i for i in items if isinstance(i, MetClock)]
    if met:
        return "extended" if met[0].extended else "in_time"
    return "uncertain" if items else "unmeasured"


def _escalations(tally: Tally, case: Case, period: ReportPeriod) -> None:
    procedures = _procedures(case)
    last_stage: dict[str, int] = {}
    responses = {r.event.id: r for r in _responses(case)}
    for event in case.events:
        ref = event.complaint
        if ref not in procedures:
            continue
        if event.id in responses:
            last_stage[ref] = responses[event.id].stage
        step = {"stage2_requested": 1, "stage3_requested": 2}.get(event.type)
        if event.type == "ombudsman_complaint" and last_stage.get(ref) == FINAL_STAGE[procedures[ref]]:
            step = last_stage[ref]
        if step is not None and period.holds(event.date):
            tally.add(f"stage{step}.escalated", ESCALATED[step], Ref(case.id, ref))
