"""The clocks ledger judged against the audit itself: what both list as due and overdue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from casework.domain.audit import audit_case
from casework.domain.audit.ledger import ClockRecord, standing_on
from casework.domain.chronology import Case

Item = tuple[object, ...]


def audit_items(case: Case, day: date) -> list[Item]:
    """The overdue findings and open deadlines of a fresh audit on `day`, as comparable tuples."""
    report = audit_case(case, day)
    items: list[Item] = [("overdue", f.rule_id, f.trigger_id, f.complaint, tuple(sorted(f.children)),
                          f.due_earliest, f.due_latest, f.certainty, f.late_by_min, f.late_by_max,
                          f.summary) for f in report.overdue]
    items += [("due", d.rule_id, d.trigger_id, d.complaint, tuple(sorted(d.children)),
               d.due_earliest, d.due_latest, None, None, None, d.must) for d in report.due]
    return sorted(items, key=repr)


def ledger_items(records: Iterable[ClockRecord], day: date) -> list[Item]:
    items: list[Item] = []
    for r in records:
        standing = standing_on(r, day)
        if standing is not None:
            items.append((standing.status, r.rule_id, r.trigger_id, r.complaint,
                          tuple(sorted(r.children)), r.due_earliest, r.due_latest,
                          standing.certainty, standing.late_by_min, standing.late_by_max,
                          r.summary if standing.status == "overdue" else r.must))
    return sorted(items, key=repr)


def days_to_check(cases: Iterable[Case], extra: Iterable[date] = ()) -> list[date]:
    """Days on and after every recorded event, spread over the life of the clocks: each
    due date, the day after it, and a year on."""
    cases = list(cases)
    last = max((e.date.earliest for c in cases for e in c.events), default=date(2024, 1, 1))
    days = {last, last + timedelta(days=1), last + timedelta(days=365), *extra}
    return sorted(d for d in days if d >= last)
