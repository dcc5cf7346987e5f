"""Practice duties (rules.md §2): facts in the record that show whether a duty was met.

These are not clocks. Each check reads the events its rule names and reports, in the
words an investigator would use, what the record shows — or that it shows nothing, which
is itself a finding ("not evidenced"), never proof that a thing was not done.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from casework.domain import wording
from casework.domain.audit.findings import Deadline, Finding, MetClock, finding_for
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.events import EVENT_TYPE_BY_NAME, WEEKDAYS, Event
from casework.domain.rules.model import Rule


def recorded_in_full(case: Case, event_type: str) -> bool:
    """Whether the record is declared complete (`complete_for`) for this event type or its
    category: only then is its absence a certain fact, as for every clock."""
    return case.is_complete_for(EVENT_TYPE_BY_NAME[event_type].category, event_type)


def _names(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def prior_involvement(rule: Rule, case: Case, as_of: date,
                      calendar: WorkingCalendar) -> Iterator[Finding]:
    """A significant decision taken without those with parental responsibility, told only after."""
    for decision in case.of_type("decision_about_child"):
        if decision.date.earliest > as_of:
            continue
        recorded = "involved_before" in decision.details
        involved = set(_names(decision.detail("involved_before")))
        for child in decision.children:
            holders = [p for p in case.parental_responsibility(child) if p.id not in involved]
            if not holders:
                continue
            missing = [p.id for p in holders]
            told_after = [p for p in _names(decision.detail("told_after")) if p in missing]
            urgency = decision.detail("urgency_reason")
            who = ", ".join(f"{wording.person(p.id)} ({p.role})" for p in holders)
            text = (f"decision on {decision.date} ('{decision.detail('decision')}') about "
                    f"{wording.person(child)} taken without the prior involvement of {who}")
            if told_after:
                text += f"; told only afterwards: {', '.join(wording.person(p) for p in told_after)}"
            text += f"; recorded reason of urgency: {urgency}" if urgency else "; no reason of urgency recorded"
            yield finding_for(rule, kind="duty", certainty="certain" if recorded else "possible",
                              summary=text, children=(child,), trigger_id=decision.id)


def risk_assessed_first(rule: Rule, case: Case, as_of: date,
                        calendar: WorkingCalendar) -> Iterator[Finding]:
    """A clinically vulnerable child's risk assessed on or before the decision about them."""
    for decision in case.of_type("decision_about_child"):
        if decision.date.earliest > as_of:
            continue
        for child_id in decision.children:
            child = case.child(child_id)
            if child is None or not child.clinically_vulnerable:
                continue
            assessed = [a for a in case.of_type("risk_assessment")
                        if (not a.children or child_id in a.children)
                        and a.date.earliest <= decision.date.latest]
            if assessed:
                continue
            certain = recorded_in_full(case, "risk_assessment")
            yield finding_for(
                rule, kind="duty" if certain else "not_evidenced",
                certainty="certain" if certain else "possible",
                summary=(f"no risk assessment for {child_id}, who is clinically vulnerable, before the "
                         f"decision on {decision.date} ('{decision.detail('decision')}')"),
                children=(child_id,), trigger_id=decision.id)


def contact_kept(rule: Rule, case: Case, as_of: date, calendar: WorkingCalendar) -> Iterator[Finding]:
    """Each expected contact under an agreement: made, missed (with reason), or not evidenced."""
    for agreement in case.of_type("contact_agreement"):
        weekday = WEEKDAYS.index(str(agreement.detail("weekday")))
        end = _agreement_end(case, agreement, rule, as_of)
        made, missed = _contacts(case, agreement)
        expected = _weekly(agreement.date.latest, end, weekday)
        missed_days = [d for d in expected if d in missed]
        silent = [d for d in expected if d not in missed and d not in made]
        if not missed_days and not silent:
            continue
        parts = []
        if missed_days:
            parts.append("missed: " + "; ".join(
                f"{d:%a %-d %b %Y}" + (f" (reason recorded: {missed[d]})" if missed[d] else
                                       " (no reason recorded)") for d in missed_days))
        if silent:
            parts.append(f"{len(silent)} of {len(expected)} expected contacts not evidenced in the record")
        kind = str(agreement.detail("kind") or "contact")
        # A recorded miss is certain; an unrecorded one is certain only where the record is
        # declared complete for contacts (complete_for), else "not evidenced".
        complete = recorded_in_full(case, "contact_made") and recorded_in_full(case, "contact_missed")
        yield finding_for(
            rule, kind="duty" if missed_days or complete else "not_evidenced",
            certainty="certain" if missed_days or complete else "possible",
            summary=f"agreed {kind} every {WEEKDAYS[weekday].title()} from {agreement.date} — "
                    + "; ".join(parts),
            children=agreement.children, trigger_id=agreement.id)


def _agreement_end(case: Case, agreement: Event, rule: Rule, as_of: date) -> date:
    ends = agreement.detail("ends")
    if ends is not None and (event := case.event(str(ends))) is not None:
        return min(event.date.earliest, as_of)
    later = [e for e in case.events if any(m.matches(e) for m in rule.stopped_by)
             and e.date.earliest >= agreement.date.earliest]
    return min([as_of, *(e.date.earliest for e in later)])


def _contacts(case: Case, agreement: Event) -> tuple[set[date], dict[date, str]]:
    made: set[date] = set()
    missed: dict[date, str] = {}
    for event in case.of_type("contact_made", "contact_missed"):
        if event.detail("agreement") != agreement.id or not event.date.is_exact:
            continue
        if event.type == "contact_made":
            made.add(event.date.earliest)
        else:
            missed[event.date.earliest] = str(event.detail("reason") or "")
    return made, missed


def _weekly(start: date, end: date, weekday: int) -> list[date]:
    first = start + timedelta(days=(weekday - start.weekday()) % 7 or 7)
    return [first + timedelta(weeks=i) for i in range(max(0, (end - first).days // 7 + 1))]


def work_evidenced(rule: Rule, case: Case, as_of: date, calendar: WorkingCalendar) -> Iterator[Finding]:
    """Agreed work with no record that it was done: not evidenced (poor recording is fault)."""
    for agreed in case.of_type("work_agreed"):
        due = agreed.detail("due")
        if agreed.date.earliest > as_of or (isinstance(due, date) and due >= as_of):
            continue
        if any(r.detail("agreement") == agreed.id and r.date.earliest <= as_of
               for r in case.of_type("work_recorded")):
            continue
        yield finding_for(
            rule, kind="not_evidenced",
            certainty="certain" if recorded_in_full(case, "work_recorded") else "possible",
            summary=(f"no record that the work agreed on {agreed.date} ('{agreed.detail('work')}') was "
                     "done: poor recording is itself fault, though not proof the work was not done"),
            children=agreed.children, trigger_id=agreed.id)


def closure_procedure(rule: Rule, case: Case, as_of: date,
                      calendar: WorkingCalendar) -> Iterator[Finding | Deadline | MetClock]:
    """A plan closed without agreement through the procedure, a reason, or a letter to the family."""
    for closure in case.of_type("cin_plan_closed"):
        if closure.date.earliest > as_of:
            continue
        gaps = []
        if not closure.detail("agreed_at") and not closure.detail("agreed_with_family"):
            gaps.append("not agreed at a review or with the family")
        if not closure.detail("reason"):
            gaps.append("no reason recorded")
        no_letter = not _letter_after(case, closure, as_of)
        if no_letter and recorded_in_full(case, "closure_letter_sent"):
            gaps.append("the family not told in writing")
        if gaps:
            yield finding_for(rule, kind="duty", certainty="certain",
                              summary=f"plan closed on {closure.date} outside the procedure: "
                                      + "; ".join(gaps),
                              children=closure.children, trigger_id=closure.id)
        if no_letter and not recorded_in_full(case, "closure_letter_sent"):  # it may not hold it
            yield finding_for(
                rule, kind="not_evidenced", certainty="possible",
                summary=f"plan closed on {closure.date}: no letter telling the family in writing is recorded",
                children=closure.children, trigger_id=closure.id)


def _letter_after(case: Case, closure: Event, as_of: date) -> bool:
    """A closure letter for the same children that could be on or after the closure."""
    return any(e.date.latest >= closure.date.earliest and e.date.earliest <= as_of
               and (not e.children or not closure.children or set(e.children) & set(closure.children))
               for e in case.of_type("closure_letter_sent"))
