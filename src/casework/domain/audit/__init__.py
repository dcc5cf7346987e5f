"""Audit a chronology as of a date, the way an Ombudsman investigator would.

`audit_case` replays the case against every rule in force and returns what went wrong
(findings, each citing its rule), what is due next (deadlines) and which clocks were met
in time. Rules choose their
check by name; timescale rules all share one clock evaluator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from casework.domain.audit import action_checks, clocks, complaint_checks, duties, remedy_checks
from casework.domain.audit.findings import AuditReport, Deadline, Finding, MetClock
from casework.domain.audit.scope import units_for
from casework.domain.calendar import WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule

__all__ = ["AuditReport", "Deadline", "Finding", "MetClock", "audit_case"]

Check = Callable[[Rule, Case, date, WorkingCalendar], Iterable[Finding | Deadline | MetClock]]


def _timescale(rule: Rule, case: Case, as_of: date,
               calendar: WorkingCalendar) -> Iterator[Finding | Deadline | MetClock]:
    if rule.parameters.get("complainant_limit"):
        return  # the complainant's own limit: it informs other checks, it is not the council's fault
    for unit in units_for(rule, case):
        yield from clocks.evaluate(rule, case, unit, as_of, calendar)


CHECKS: dict[str, Check] = {
    "timescale": _timescale,
    "prior_involvement": duties.prior_involvement,
    "risk_assessed_first": duties.risk_assessed_first,
    "contact_kept": duties.contact_kept,
    "work_evidenced": duties.work_evidenced,
    "closure_procedure": duties.closure_procedure,
    "upheld_point_remedied": complaint_checks.upheld_point_remedied,
    "stage3_not_refused": complaint_checks.stage3_not_refused,
    "complaint_in_time": complaint_checks.complaint_in_time,
    "action_evidenced": action_checks.action_evidenced,
    "remedy_within_guidance": remedy_checks.remedy_within_guidance,
}


def audit_case(case: Case, as_of: date, rules: Sequence[Rule] | None = None,
               calendar: WorkingCalendar | None = None) -> AuditReport:
    """Every finding and open deadline for `case` on `as_of`, under `rules` (default: all).

    Law, guidance and code rules count on the statutory calendar; a council's closure days
    apply only to its local rules (rules.md §0).
    """
    local_calendar = calendar or england()
    findings: list[Finding] = []
    due: list[Deadline] = []
    met: list[MetClock] = []
    applied = []
    for rule in rules if rules is not None else load_rules():
        cal = local_calendar.statutory() if rule.statutory else local_calendar
        applied.append(rule.id)
        for item in CHECKS[rule.check](rule, case, as_of, cal):
            if isinstance(item, Finding):
                findings.append(item)
            elif isinstance(item, MetClock):
                met.append(item)
            else:
                due.append(item)
    return AuditReport(
        case_id=case.id, council=case.council, as_of=as_of,
        findings=tuple(sorted(_merge(findings), key=_finding_order)),
        due=tuple(sorted(_merge_deadlines(due), key=lambda d: (d.due_latest, d.rule_id))),
        rules_applied=tuple(applied),
        met=tuple(sorted(_merge_met(met), key=lambda m: (m.met_latest, m.rule_id))),
    )


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per rule, trigger, outcome and result, listing every child it concerns."""
    merged: dict[tuple[object, ...], Finding] = {}
    for f in findings:
        key = (f.rule_id, f.trigger_id, f.outcome_id, f.kind, f.certainty, f.complaint,
               f.due_earliest, f.due_latest, f.late_by_min, f.late_by_max)
        if key in merged:
            prior = merged[key]
            children = tuple(dict.fromkeys((*prior.children, *f.children)))
            merged[key] = Finding(**{**prior.__dict__, "children": children})
        else:
            merged[key] = f
    return list(merged.values())


def _merge_deadlines(deadlines: list[Deadline]) -> list[Deadline]:
    merged: dict[tuple[object, ...], Deadline] = {}
    for d in deadlines:
        key = (d.rule_id, d.trigger_id, d.complaint, d.due_earliest, d.due_latest)
        if key in merged:
            prior = merged[key]
            children = tuple(dict.fromkeys((*prior.children, *d.children)))
            merged[key] = Deadline(**{**prior.__dict__, "children": children})
        else:
            merged[key] = d
    return list(merged.values())


def _merge_met(met: list[MetClock]) -> list[MetClock]:
    merged: dict[tuple[object, ...], MetClock] = {}
    for m in met:
        key = (m.rule_id, m.trigger_id, m.outcome_id, m.complaint, m.due_earliest, m.due_latest)
        prior = merged.get(key)
        children = tuple(dict.fromkeys((*prior.children, *m.children))) if prior else m.children
        merged[key] = MetClock(**{**(prior or m).__dict__, "children": children})
    return list(merged.values())


def _finding_order(f: Finding) -> tuple[object, ...]:
    return (0 if f.is_certain else 1, f.due_earliest or date.min, f.rule_id)
