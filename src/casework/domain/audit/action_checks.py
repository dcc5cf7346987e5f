"""Agreed actions (rules.md §4): each has a deadline as the decision gave it, resolved to a
date from the decision it runs from, and is done only when evidence of it is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from casework.domain.actions import NO_DEADLINE, resolve_deadline
from casework.domain.audit.findings import Deadline, Finding, finding_for
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.dates import CaseDate
from casework.domain.deadlines import Due, lateness
from casework.domain.events import Event
from casework.domain.rules.model import Rule


def action_due(case: Case, action: Event) -> Due | None:
    """The deadline phrase resolved from the decision's date, under every reading of it."""
    ref = action.detail("decision")
    decided = case.event(str(ref)) if ref else None
    start = decided.date if decided is not None else action.date
    phrase = str(action.detail("deadline"))
    first, last = resolve_deadline(phrase, start.earliest), resolve_deadline(phrase, start.latest)
    if first is None or last is None:
        return None
    source = f"'{phrase}' from {'the decision' if decided else 'the agreement'} ({start})"
    return Due(first, last, (f"{source} → due {first:%a %d %b %Y}" if first == last
                             else f"{source} → due {first:%-d %b %Y} – {last:%-d %b %Y}",))


def action_must(rule: Rule, action: Event) -> str:
    """What an open agreed action's deadline asks for, in the words of its agreement."""
    return f"{rule.must}: {action.detail('action')}"


def action_evidenced(rule: Rule, case: Case, as_of: date,
                     calendar: WorkingCalendar) -> Iterator[Finding | Deadline]:
    for action in case.of_type("action_agreed"):
        if action.date.earliest > as_of:
            continue
        if str(action.detail("deadline")).strip().lower() == NO_DEADLINE:
            continue  # agreed with no deadline: nothing can fall due, nothing is overdue
        due = action_due(case, action)
        what = str(action.detail("action"))
        if due is None:
            yield finding_for(rule, kind="not_evidenced", certainty="possible", trigger_id=action.id,
                              children=action.children,
                              summary=f"action '{what}': its deadline '{action.detail('deadline')}' "
                                      "cannot be read as a date; record it as 'by 20 May 2022' or "
                                      "'within four weeks'")
            continue
        evidence = next((e for e in case.of_type("action_evidenced")
                         if e.detail("agreement") == action.id and e.date.earliest <= as_of), None)
        yield from _judge_action(rule, case, action, what, due, evidence, as_of, calendar)


def _judge_action(rule: Rule, case: Case, action: Event, what: str, due: Due, evidence: Event | None,
                  as_of: date, calendar: WorkingCalendar) -> Iterator[Finding | Deadline]:
    when = evidence.date if evidence is not None else CaseDate.exact(as_of)
    late = lateness(due, when, calendar)
    if late.certainty is None:
        if evidence is None:
            yield Deadline(rule.id, rule.title, rule.source.citation(), action_must(rule, action),
                           due.earliest, due.latest, action.children, None, action.id, due.working)
        return
    if evidence is not None:
        kind, certainty, text = "late", late.certainty, f"action '{what}' evidenced on {when}, after its deadline"
    elif case.is_complete_for("action"):
        kind, certainty, text = "overdue", late.certainty, f"action '{what}' past its deadline with no evidence"
    else:
        kind, certainty = "not_evidenced", "possible"
        text = f"action '{what}' past its deadline; no evidence of compliance in this record"
    yield finding_for(rule, kind=kind, certainty=certainty, summary=text, children=action.children,
                      trigger_id=action.id, outcome_id=evidence.id if evidence else None,
                      due_earliest=due.earliest, due_latest=due.latest,
                      late_by_min=late.low if certainty == "certain" else 0, late_by_max=late.high,
                      working=due.working)
