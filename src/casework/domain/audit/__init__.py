"""Audit a chronology as of a date, the way an Ombudsman investigator would.

`audit_case` replays the case against every rule in force and returns what went wrong
(findings, each citing its rule), what is due next (deadlines) and which clocks were met
in time. Rules choose their check by name; timescale rules all share one clock evaluator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from casework.domain.audit import action_checks, clocks, complaint_checks, duties, remedy_checks
from casework.domain.audit.findings import AuditReport, Deadline, Finding, MetClock
from casework.domain.audit.scope import units_for
from casework.domain.calendar import WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule

__all__ = ["AuditReport", "Deadline", "Finding", "MetClock", "audit_case"]

Item = TypeVar("Item", bound=Finding | Deadline | MetClock)
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
    "resolution_confirmed": complaint_checks.resolution_confirmed,
    "complaint_in_time": complaint_checks.complaint_in_time,
    "ombudsman_in_time": complaint_checks.ombudsman_in_time,
    "action_evidenced": action_checks.action_evidenced,
    "remedy_within_guidance": remedy_checks.remedy_within_guidance,
    "payment_for_procedure": remedy_checks.payment_for_procedure,
    "loss_repaid": remedy_checks.loss_repaid,
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
        findings=tuple(sorted(_merge(findings, _finding_key), key=_finding_order)),
        due=tuple(sorted(_merge(due, _deadline_key), key=lambda d: (d.due_latest, d.rule_id))),
        rules_applied=tuple(applied),
        met=tuple(sorted(_merge(met, _met_key), key=lambda m: (m.met_latest, m.rule_id))),
    )


def _merge(items: list[Item], key: Callable[[Item], tuple[object, ...]]) -> list[Item]:
    """One item per key (rule, trigger, outcome, result …), listing every child it concerns:
    a clock run per child for the same events is one thing for the reader."""
    merged: dict[tuple[object, ...], Item] = {}
    for item in items:
        prior = merged.get(key(item))
        if prior is None:
            merged[key(item)] = item
            continue
        children: tuple[str, ...] = tuple(dict.fromkeys((*prior.children, *item.children)))
        merged[key(item)] = replace(prior, children=children)
    return list(merged.values())


def _finding_key(f: Finding) -> tuple[object, ...]:
    return (f.rule_id, f.trigger_id, f.outcome_id, f.kind, f.certainty, f.complaint,
            f.due_earliest, f.due_latest, f.late_by_min, f.late_by_max)


def _deadline_key(d: Deadline) -> tuple[object, ...]:
    return (d.rule_id, d.trigger_id, d.complaint, d.due_earliest, d.due_latest)


def _met_key(m: MetClock) -> tuple[object, ...]:
    return (m.rule_id, m.trigger_id, m.outcome_id, m.complaint, m.due_earliest, m.due_latest)


def _finding_order(f: Finding) -> tuple[object, ...]:
    return (0 if f.is_certain else 1, f.due_earliest or date.min, f.rule_id)
